"""Images attached to posts: checking an upload, storing it without its metadata, the author's
declarations about it (alternative text, rights, children and consent), and the images a
connector publishes.

An upload is refused with a plain message when it is too large (checked while it is read), is not
a JPEG, PNG, GIF or WebP image by its content (whatever its name says: SVG, HTML or a program
renamed .jpg are refused), or cannot be decoded. Stored images are re-encoded without EXIF, GPS
or XMP metadata: a photo must never tell the public where it was taken. Changing a post's images
changes the post: its version goes up, it is screened again and an approval no longer applies.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from herald.core import clock
from herald.core.errors import Conflict, HeraldError, NotFound, ValidationFailed
from herald.posts.models import Attachment, Post, Rights, State, attachment_path, attachment_storage
from herald.posts.screening import links_in, screen_post
from herald.posts.services.common import lock, require_author, withdraw_unstarted
from herald.records.audit import audit_record
from herald.records.events import EventType

#: Detected type -> (Pillow format, file extension).
IMAGE_TYPES = {"image/jpeg": ("JPEG", ".jpg"), "image/png": ("PNG", ".png"), "image/gif": ("GIF", ".gif"),
               "image/webp": ("WEBP", ".webp")}
ACCEPTED = "JPEG, PNG, GIF or WebP"
#: Larger images are refused (a "decompression bomb" can be small on disk and huge in memory).
MAX_PIXELS = 40_000_000
MAX_ALT_TEXT = 1000  # Mastodon's image descriptions stop at 1,500 characters
MAX_CREDIT = 300
#: Information kept when an image is re-encoded: how it looks, never where, when or with what it was taken.
KEEP_INFO = ("transparency", "icc_profile", "duration", "loop", "background", "dpi")


# ----- checking and storing an upload ----------------------------------------------------------


def detect_media_type(head: bytes) -> str | None:
    """The image type from the file's first bytes (its "magic number"), or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def _what_it_is(head: bytes) -> str:
    """A plain description of a refused file, for the message."""
    start = head.lstrip()[:200].lower()
    if start.startswith(b"<svg") or (start.startswith(b"<?xml") and b"<svg" in head.lower()):
        return "an SVG drawing (SVG files can carry scripts)"
    if start.startswith((b"<!doctype html", b"<html", b"<")):
        return "a web page or other text"
    if head.startswith(b"%PDF"):
        return "a PDF document"
    if head.startswith((b"MZ", b"\x7fELF", b"#!")):
        return "a program"
    if head.startswith(b"PK\x03\x04"):
        return "a zip file or office document"
    return "not an image we can use"


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.0f} MB" if size % (1024 * 1024) == 0 else f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size // 1024} KB"
    return f"{size} bytes"


def safe_filename(name: str, extension: str, default: str = "image") -> str:
    """An uploaded file's name, safe to show and to send: no folders, control characters or
    odd punctuation, at most 100 characters, and `extension` (that of what the file really is)."""
    name = unicodedata.normalize("NFKC", str(name or "")).replace("\\", "/").split("/")[-1]
    stem = os.path.splitext(name)[0]
    stem = re.sub(r"[^\w .()-]+", "", stem, flags=re.UNICODE)
    stem = re.sub(r"\s+", " ", stem).strip(" .-")[:90] or default
    return stem + extension


def sanitise_filename(name: str, media_type: str) -> str:
    return safe_filename(name, IMAGE_TYPES[media_type][1])


def read_upload(upload, *, limit: int, what: str = "image") -> bytes:
    """The uploaded bytes, read chunk by chunk: refused as soon as they pass `limit`."""
    message = f"The file is larger than {human_size(limit)}. Choose a smaller {what}, or make this one smaller."
    if getattr(upload, "size", None) is not None and upload.size > limit:
        raise ValidationFailed(message, field="file")
    data = bytearray()
    chunks = upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(64 * 1024), b"")
    for chunk in chunks:
        data += chunk
        if len(data) > limit:
            raise ValidationFailed(message, field="file")
    if not data:
        raise ValidationFailed(f"The file is empty. Choose {'an' if what[:1] in 'aeiou' else 'a'} {what}.", field="file")
    return bytes(data)


@dataclass(frozen=True)
class PreparedImage:
    data: bytes
    media_type: str
    width: int
    height: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def prepare_image(data: bytes) -> PreparedImage:
    """Check that `data` is an image of an accepted type (by content), then re-encode it without
    its metadata. Raises ValidationFailed (field "file") with a plain message otherwise."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    media_type = detect_media_type(data[:16])
    if media_type is None:
        raise ValidationFailed(f"The file is {_what_it_is(data[:4096])}. Attach a {ACCEPTED} image.", field="file")
    pil_format = IMAGE_TYPES[media_type][0]
    unreadable = ValidationFailed(f"The file looks like a {pil_format} image but cannot be read: it may be damaged. "
                                  "Save it again and attach the new copy.", field="file")
    try:
        with Image.open(io.BytesIO(data), formats=[pil_format]) as probe:
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise ValidationFailed(f"The image is {width} × {height} pixels: at most {MAX_PIXELS // 1_000_000} "
                                       "million pixels. Make it smaller.", field="file")
            probe.verify()
        with Image.open(io.BytesIO(data), formats=[pil_format]) as image:
            image.load()
            animated = getattr(image, "n_frames", 1) > 1
            if animated:
                clean = image  # frames are re-encoded as they are (they carry no orientation)
            else:
                clean = ImageOps.exif_transpose(image)  # keep the photo upright once its EXIF is gone
                if clean is image:
                    clean = image.copy()
            keep = {k: v for k, v in image.info.items() if k in KEEP_INFO}
            clean.info = dict(keep)
            out = io.BytesIO()
            options: dict = {"exif": b""}
            if "icc_profile" in keep:
                options["icc_profile"] = keep["icc_profile"]
            if pil_format == "JPEG":
                if clean.mode not in ("RGB", "L", "CMYK"):
                    clean = clean.convert("RGB")
                options.update(quality=90, optimize=True)
            elif pil_format == "WEBP":
                options.update(quality=90, xmp=b"")
            if animated:
                options.update(save_all=True, **{k: keep[k] for k in ("duration", "loop") if k in keep})
            clean.save(out, format=pil_format, **options)
            width, height = clean.size
    except HeraldError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError, EOFError,
            IndexError, TypeError) as exc:
        raise unreadable from exc
    return PreparedImage(data=out.getvalue(), media_type=media_type, width=width, height=height)


# ----- the author's declarations -----------------------------------------------------------------


def clean_details(*, alt_text: str, rights: str, credit: str, depicts_children: bool | None,
                  consent_recorded: bool | None, consent_reference: str) -> dict:
    """The declarations about an image, checked; raises ValidationFailed naming the field."""
    alt_text = " ".join((alt_text or "").split())
    if not alt_text:
        raise ValidationFailed("Describe the image in its alternative text: people who cannot see it rely on it.",
                               field="alt_text")
    if len(alt_text) > MAX_ALT_TEXT:
        raise ValidationFailed(f"The alternative text must be {MAX_ALT_TEXT} characters or fewer.", field="alt_text")
    rights = (rights or "").strip()
    if rights not in Rights.values and rights != "":
        raise ValidationFailed("Choose who owns the image: your own work, licensed, used with permission or public "
                               "domain.", field="rights")
    credit = " ".join((credit or "").split())
    if len(credit) > MAX_CREDIT:
        raise ValidationFailed(f"The credit must be {MAX_CREDIT} characters or fewer.", field="credit")
    if depicts_children is None:
        raise ValidationFailed("Say whether the image shows children (anyone under 18).", field="depicts_children")
    consent_reference = " ".join((consent_reference or "").split())
    if not depicts_children:
        consent_recorded, consent_reference = False, ""
    consent_recorded = bool(consent_recorded)
    if len(consent_reference) > 300:
        raise ValidationFailed("The consent reference must be 300 characters or fewer.", field="consent_reference")
    if consent_recorded and not consent_reference:
        raise ValidationFailed("Say who holds the parents' consent forms, or give their reference.",
                               field="consent_reference")
    return {"alt_text": alt_text, "rights": rights, "credit": credit, "depicts_children": bool(depicts_children),
            "consent_recorded": consent_recorded, "consent_reference": consent_reference}


def _details(attachment: Attachment) -> dict:
    return {"alt_text": attachment.alt_text, "rights": attachment.rights, "credit": attachment.credit,
            "depicts_children": attachment.depicts_children, "consent_recorded": attachment.consent_recorded,
            "consent_reference": attachment.consent_reference}


# ----- services ---------------------------------------------------------------------------------


def _editable(acting_user, post: Post) -> Post:
    post = lock(post)
    require_author(acting_user, post)
    if not post.editable:
        raise Conflict(f"This post is {post.get_state_display().lower()}: its images cannot be changed now.")
    return post


def _post_changed(post: Post) -> tuple[object, bool]:
    """A post whose images changed: a new version, a draft again (an approval no longer applies)
    and screened again. Returns (the screening run, whether an approval was reset)."""
    approval_reset = post.state in (State.APPROVED, State.SCHEDULED)
    if approval_reset:
        withdraw_unstarted(post)
        post.approved_version = None
    post.version, post.updated_at, post.state = post.version + 1, clock.now(), State.DRAFT
    post.save(update_fields=["version", "updated_at", "state", "approved_version"])
    return screen_post(post=post, channels=list(post.channels.all())), approval_reset


def attachment_add(*, acting_user, post: Post, upload, alt_text: str, rights: str = "", credit: str = "",
                   depicts_children: bool | None, consent_recorded: bool | None = False,
                   consent_reference: str = "") -> Attachment:
    """Attach an image to the author's post and screen the post again. The file is checked and
    stored first; if anything after that fails it is deleted again: nothing is half-written."""
    details = clean_details(alt_text=alt_text, rights=rights, credit=credit, depicts_children=depicts_children,
                            consent_recorded=consent_recorded, consent_reference=consent_reference)
    if upload is None:
        raise ValidationFailed(f"Choose an image to attach ({ACCEPTED}).", field="file")
    image = prepare_image(read_upload(upload, limit=settings.HERALD_UPLOAD_MAX_BYTES))
    filename = sanitise_filename(getattr(upload, "name", ""), image.media_type)
    storage = attachment_storage()
    stored = storage.save(attachment_path(Attachment(council_id=post.council_id), filename),
                          ContentFile(image.data))
    try:
        with transaction.atomic():
            post = _editable(acting_user, post)
            limit = settings.HERALD_ATTACHMENTS_PER_POST
            if post.attachments.filter(removed_at__isnull=True).count() >= limit:
                raise Conflict(f"A post can have at most {limit} images. Remove one before adding another.",
                               field="file")
            now = clock.now()
            attachment = Attachment(council_id=post.council_id, post=post, file=stored, filename=filename,
                                    media_type=image.media_type, size=len(image.data), sha256=image.sha256,
                                    width=image.width, height=image.height, uploaded_at=now,
                                    uploaded_by=acting_user, updated_at=now, **details)
            attachment.full_clean()
            attachment.save()
            run, approval_reset = _post_changed(post)
            audit_record(council=post.council, actor=acting_user, event_type=EventType.ATTACHMENT_ADDED, target=post,
                         after={"attachment": attachment.pk, "filename": filename, "media_type": image.media_type,
                                "size": len(image.data), "sha256": image.sha256, **details},
                         data={"version": post.version, "verdict": run.verdict, "approval_reset": approval_reset})
    except BaseException:
        storage.delete(stored)
        raise
    return attachment


@transaction.atomic
def attachment_update(*, acting_user, attachment: Attachment, alt_text: str, rights: str = "", credit: str = "",
                      depicts_children: bool | None, consent_recorded: bool | None = False,
                      consent_reference: str = "") -> Attachment:
    """Change what the author declares about an image (alternative text, rights, children and
    consent) and screen the post again."""
    post = _editable(acting_user, attachment.post)
    attachment = Attachment.objects.select_for_update().get(pk=attachment.pk, post=post)
    if attachment.removed_at is not None:
        raise NotFound("Page not found.")
    details = clean_details(alt_text=alt_text, rights=rights, credit=credit, depicts_children=depicts_children,
                            consent_recorded=consent_recorded, consent_reference=consent_reference)
    before = _details(attachment)
    if details == before:
        return attachment
    for key, value in details.items():
        setattr(attachment, key, value)
    attachment.updated_at = clock.now()
    attachment.full_clean()
    attachment.save(update_fields=[*details, "updated_at"])
    run, approval_reset = _post_changed(post)
    audit_record(council=post.council, actor=acting_user, event_type=EventType.ATTACHMENT_CHANGED, target=post,
                 before={"attachment": attachment.pk, **{k: v for k, v in before.items() if details[k] != v}},
                 after={"attachment": attachment.pk, **{k: v for k, v in details.items() if before[k] != v}},
                 data={"version": post.version, "verdict": run.verdict, "approval_reset": approval_reset})
    return attachment


@transaction.atomic
def attachment_remove(*, acting_user, attachment: Attachment) -> Attachment:
    """Take an image off the author's post and screen the post again. The record stays (removed);
    the file is kept for the archive once the post has been submitted, and deleted otherwise."""
    post = _editable(acting_user, attachment.post)
    attachment = Attachment.objects.select_for_update().get(pk=attachment.pk, post=post)
    if attachment.removed_at is not None:
        raise NotFound("Page not found.")
    now = clock.now()
    attachment.removed_at, attachment.removed_by, attachment.updated_at = now, acting_user, now
    fields = ["removed_at", "removed_by", "updated_at"]
    erased = post.submitted_at is None
    if erased and attachment.file:
        name = attachment.file.name
        transaction.on_commit(lambda: attachment_storage().delete(name))
        attachment.file = ""
        fields.append("file")
    attachment.save(update_fields=fields)
    run, approval_reset = _post_changed(post)
    audit_record(council=post.council, actor=acting_user, event_type=EventType.ATTACHMENT_REMOVED, target=post,
                 before={"attachment": attachment.pk, "filename": attachment.filename},
                 data={"version": post.version, "verdict": run.verdict, "approval_reset": approval_reset,
                       "file_deleted": erased})
    return attachment


# ----- publishing -------------------------------------------------------------------------------


def fit_image(data: bytes, media_type: str, *, max_bytes: int | None, allowed: frozenset[str]):
    """The image as a platform takes it: unchanged if small enough and of a type it accepts,
    otherwise a JPEG made smaller step by step. Returns (data, media_type, width, height)."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        size = image.size
        if (max_bytes is None or len(data) <= max_bytes) and media_type in allowed:
            return data, media_type, size[0], size[1]
        frame = image.convert("RGBA") if image.mode in ("P", "LA", "RGBA", "PA") else image.convert("RGB")
        if frame.mode == "RGBA":
            flat = Image.new("RGB", frame.size, (255, 255, 255))
            flat.paste(frame, mask=frame.getchannel("A"))
            frame = flat
    longest, quality = min(max(frame.size), 4000), 85
    while True:  # lower the quality a little, then the size, until it fits
        resized = frame.copy()
        resized.thumbnail((longest, longest))
        buffer = io.BytesIO()
        resized.save(buffer, format="JPEG", quality=quality, optimize=True)
        out = buffer.getvalue()
        if max_bytes is None or len(out) <= max_bytes or longest <= 64:
            return out, "image/jpeg", resized.size[0], resized.size[1]
        if quality > 65:
            quality -= 10
        else:
            longest = int(longest * 0.75)


def publishable_for(post: Post, connector):
    """What a connector publishes for `post`: its text, the absolute links in it and its images
    with their alternative text (made to fit the platform's limits). A platform that takes no
    images (the council news feed) gets the text alone."""
    from herald.connectors.base import Image, Publishable

    images = []
    if connector.max_images:
        for attachment in post.attachments.filter(removed_at__isnull=True).order_by("uploaded_at", "pk"):
            try:
                with attachment.file.open("rb") as handle:
                    data = handle.read()
            except (OSError, ValueError) as exc:
                raise Conflict(f"The image {attachment.filename} is missing from Herald's storage.") from exc
            data, media_type, width, height = fit_image(data, attachment.media_type,
                                                        max_bytes=connector.max_image_bytes,
                                                        allowed=connector.allowed_image_types)
            images.append(Image(data=data, alt=attachment.alt_text, mime_type=media_type, width=width,
                                height=height))
    links = tuple(link for link in links_in(post.text) if link.startswith(("https://", "http://")))
    return Publishable(text=post.text, images=tuple(images), links=links)
