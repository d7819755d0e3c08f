"""Images attached to posts: the services (checks, storage, metadata stripping, screening, approval
reset, audit), publication with alt text, and the pages (upload limits, access, headers)."""

from __future__ import annotations

import hashlib
import io
import random
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from herald.core.errors import Conflict, NotAllowed, NotFound, ValidationFailed
from herald.posts import services
from herald.posts.models import Attachment, Post, Publication, State
from herald.posts.selectors import access_attachment_by_id
from herald.records.events import EventType
from herald.records.models import AuditEvent
from tests.posts.conftest import CLEAN, make_channel
from tests.posts.helpers import draft, fresh


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT) / "attachments"


def image_bytes(fmt: str = "PNG", size=(64, 48), colour=(30, 120, 60), **save) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=fmt, **save)
    return buffer.getvalue()


def upload(data: bytes | None = None, name: str = "bus-shelter.png", content_type: str = "image/png"):
    return SimpleUploadedFile(name, image_bytes() if data is None else data, content_type=content_type)


def gps_jpeg() -> bytes:
    """A JPEG like a phone's: camera make, a GPS position and 'rotate 90°' in its EXIF."""
    exif = Image.Exif()
    exif[0x010F] = "SecretPhoneMaker"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to show
    exif[0x8825] = {1: "N", 2: (50.0, 56.0, 12.5), 3: "W", 4: (2.0, 22.0, 48.0)}  # GPS
    return image_bytes("JPEG", size=(64, 48), exif=exif)


def attach(rep, post, data=None, name="bus-shelter.png", **details):
    details = {"alt_text": "A glass bus shelter beside a red post box", "rights": "own_work",
               "depicts_children": False, **details}
    return services.attachment_add(acting_user=rep.user, post=post, upload=upload(data, name), **details)


def stored_files(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


# ----- adding ---------------------------------------------------------------------------------------


def test_a_good_image_is_stored_checked_screened_and_audited(people, media):
    post = draft(people.member, CLEAN, [])
    attachment = attach(people.member, post, name="../../etc/Bus shelter <new>!.PNG")
    post = fresh(post)
    assert post.version == 2 and post.state == State.DRAFT
    assert attachment.media_type == "image/png" and (attachment.width, attachment.height) == (64, 48)
    assert attachment.filename == "Bus shelter new.png"
    [path] = stored_files(media)
    data = path.read_bytes()
    assert attachment.size == len(data) and attachment.sha256 == hashlib.sha256(data).hexdigest()
    assert path.suffix == ".png" and "Bus" not in path.name  # stored under a random name
    run = post.screening_runs.order_by("-at", "-pk").first()
    assert run.post_version == 2
    assert run.attachments == [{"id": attachment.pk, "filename": "Bus shelter new.png", "media_type": "image/png",
                                "rights": "own_work", "credit": "", "depicts_children": False,
                                "consent_recorded": False}]
    event = AuditEvent.objects.get(event_type=EventType.ATTACHMENT_ADDED)
    assert event.target_id == str(post.pk) and event.data["after"]["sha256"] == attachment.sha256
    assert event.data["version"] == 2


@pytest.mark.parametrize("fmt,media_type", [("JPEG", "image/jpeg"), ("GIF", "image/gif"), ("WEBP", "image/webp")])
def test_each_accepted_type_is_detected_from_its_content(people, fmt, media_type):
    post = draft(people.member, CLEAN, [])
    attachment = attach(people.member, post, image_bytes(fmt), name="photo.png")  # the name says PNG
    assert attachment.media_type == media_type
    assert attachment.filename == "photo" + {"JPEG": ".jpg", "GIF": ".gif", "WEBP": ".webp"}[fmt]


def test_oversized_image_is_refused_and_nothing_is_kept(people, settings, media):
    settings.HERALD_UPLOAD_MAX_BYTES = 2000
    noisy = io.BytesIO()
    Image.frombytes("RGB", (60, 60), random.Random(1).randbytes(60 * 60 * 3)).save(noisy, format="PNG")
    assert len(noisy.getvalue()) > 2000
    post = draft(people.member, CLEAN, [])
    with pytest.raises(ValidationFailed) as info:
        attach(people.member, post, noisy.getvalue())
    assert info.value.field == "file" and "larger than 1 KB" in info.value.message
    assert not Attachment.objects.exists() and stored_files(media) == []
    assert fresh(post).version == 1


@pytest.mark.parametrize("data,what", [
    (b"<!DOCTYPE html><html><script>alert(1)</script></html>", "a web page"),
    (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64, "a program"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
    (b"PK\x03\x04" + b"\x00" * 40, "a zip file"),
])
def test_a_file_disguised_as_a_jpeg_is_refused(people, media, data, what):
    post = draft(people.member, CLEAN, [])
    with pytest.raises(ValidationFailed) as info:
        services.attachment_add(acting_user=people.member.user, post=post,
                                upload=upload(data, "holiday.jpg", "image/jpeg"), alt_text="A beach",
                                rights="own_work", depicts_children=False)
    assert what in info.value.message and "JPEG, PNG, GIF or WebP" in info.value.message
    assert not Attachment.objects.exists() and stored_files(media) == []


def test_svg_is_refused_because_it_can_carry_scripts(people, media):
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    post = draft(people.member, CLEAN, [])
    with pytest.raises(ValidationFailed) as info:
        attach(people.member, post, svg, name="logo.svg")
    assert "SVG" in info.value.message and info.value.field == "file"
    assert stored_files(media) == []


def test_a_damaged_image_with_a_real_header_is_refused(people, media):
    post = draft(people.member, CLEAN, [])
    with pytest.raises(ValidationFailed) as info:
        attach(people.member, post, image_bytes("JPEG")[:40], name="cut-off.jpg")
    assert "cannot be read" in info.value.message
    assert stored_files(media) == []


def test_empty_file_is_refused(people):
    post = draft(people.member, CLEAN, [])
    with pytest.raises(ValidationFailed) as info:
        attach(people.member, post, b"")
    assert "empty" in info.value.message


def test_a_fifth_image_is_refused_and_its_file_is_not_kept(people, media):
    post = draft(people.member, CLEAN, [])
    for n in range(4):
        attach(people.member, post, image_bytes(colour=(n, n, n)), name=f"photo-{n}.png")
    with pytest.raises(Conflict) as info:
        attach(people.member, post, name="photo-5.png")
    assert "at most 4 images" in info.value.message
    assert post.attachments.count() == 4 and len(stored_files(media)) == 4


def test_a_failing_database_write_leaves_no_file_behind(people, media, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("herald.posts.services.attachments.audit_record", broken)
    post = draft(people.member, CLEAN, [])
    with pytest.raises(RuntimeError):
        attach(people.member, post)
    assert not Attachment.objects.exists() and stored_files(media) == [] and fresh(post).version == 1


def test_the_limit_counts_only_images_still_attached(people, settings):
    settings.HERALD_ATTACHMENTS_PER_POST = 1
    post = draft(people.member, CLEAN, [])
    first = attach(people.member, post)
    services.attachment_remove(acting_user=people.member.user, attachment=first)
    attach(people.member, post)  # room again
    assert post.attachments.filter(removed_at__isnull=True).count() == 1


@pytest.mark.parametrize("alt", ["", "   \n "])
def test_alt_text_is_required(people, media, alt):
    post = draft(people.member, CLEAN, [])
    with pytest.raises(ValidationFailed) as info:
        attach(people.member, post, alt_text=alt)
    assert info.value.field == "alt_text"
    assert stored_files(media) == [] and not Attachment.objects.exists()


def test_unknown_rights_value_is_refused(people):
    post = draft(people.member, CLEAN, [])
    with pytest.raises(ValidationFailed) as info:
        attach(people.member, post, rights="found_it_online")
    assert info.value.field == "rights"


def test_consent_recorded_needs_to_say_who_holds_it(people):
    post = draft(people.member, CLEAN, [])
    with pytest.raises(ValidationFailed) as info:
        attach(people.member, post, depicts_children=True, consent_recorded=True, consent_reference="")
    assert info.value.field == "consent_reference"


def test_only_the_author_may_attach(people):
    post = draft(people.member, CLEAN, [])
    with pytest.raises(NotAllowed):
        attach(people.member2, post)
    assert not Attachment.objects.exists()


def test_exif_and_gps_are_stripped_and_the_photo_kept_upright(people, media):
    original = gps_jpeg()
    assert b"SecretPhoneMaker" in original
    with Image.open(io.BytesIO(original)) as im:
        assert im.getexif().get_ifd(0x8825)  # the test image really has a GPS position
    post = draft(people.member, CLEAN, [])
    attachment = attach(people.member, post, original, name="IMG_0001.JPG")
    [path] = stored_files(media)
    data = path.read_bytes()
    assert b"SecretPhoneMaker" not in data and b"Exif" not in data
    with Image.open(io.BytesIO(data)) as stored:
        assert len(stored.getexif()) == 0 and "exif" not in stored.info
        assert stored.size == (48, 64)  # the orientation tag was applied before it was dropped
    assert (attachment.width, attachment.height) == (48, 64) and attachment.filename == "IMG_0001.jpg"


def test_png_text_metadata_is_stripped(people, media):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "taken at 14 Mill Lane")
    post = draft(people.member, CLEAN, [])
    attach(people.member, post, image_bytes("PNG", pnginfo=info))
    [path] = stored_files(media)
    assert b"Mill Lane" not in path.read_bytes()


def test_webp_exif_and_xmp_are_stripped(people, media):
    exif = Image.Exif()
    exif[0x010F] = "SecretPhoneMaker"
    buffer = io.BytesIO()
    Image.new("RGB", (50, 40), (1, 2, 3)).save(buffer, "WEBP", exif=exif, xmp=b"<x:xmpmeta>SecretXMP</x:xmpmeta>")
    assert b"SecretPhoneMaker" in buffer.getvalue()
    post = draft(people.member, CLEAN, [])
    attach(people.member, post, buffer.getvalue(), name="photo.webp")
    [path] = stored_files(media)
    assert b"SecretPhoneMaker" not in path.read_bytes() and b"SecretXMP" not in path.read_bytes()


def test_an_animated_gif_keeps_its_frames_and_loses_its_comment(people, media):
    frames = [Image.new("RGB", (30, 20), (i * 80, 255 - i * 80, 0)) for i in range(3)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0,
                   comment=b"Taken at 14 Mill Lane")
    post = draft(people.member, CLEAN, [])
    attach(people.member, post, buffer.getvalue(), name="wave.gif")
    [path] = stored_files(media)
    with Image.open(path) as stored:
        assert stored.n_frames == 3 and stored.info.get("duration") == 100
    assert b"Mill Lane" not in path.read_bytes()


# ----- screening --------------------------------------------------------------------------------


def _findings(post, rule_id):
    run = fresh(post).screening_runs.order_by("-at", "-pk").first()
    return [f for f in run.findings.all() if f.rule_id == rule_id]


def test_children_without_consent_is_a_safeguarding_finding_fixed_by_recording_consent(people):
    post = draft(people.member, CLEAN, [])
    attachment = attach(people.member, post, depicts_children=True, consent_recorded=False)
    [finding] = _findings(post, "safeguarding.images")
    assert finding.clause_id == "safeguarding" and "no parental consent" in finding.message
    assert fresh(post).verdict in ("review", "block")
    services.attachment_update(acting_user=people.member.user, attachment=attachment,
                               alt_text=attachment.alt_text, rights="own_work", depicts_children=True,
                               consent_recorded=True, consent_reference="Forms held by the Clerk, PLAY-4")
    assert _findings(post, "safeguarding.images") == []
    assert fresh(post).version == 3 and fresh(post).verdict == "pass"
    event = AuditEvent.objects.get(event_type=EventType.ATTACHMENT_CHANGED)
    assert event.data["before"] == {"attachment": attachment.pk, "consent_recorded": False, "consent_reference": ""}


def test_missing_rights_declaration_is_a_copyright_finding(people):
    post = draft(people.member, CLEAN, [])
    attach(people.member, post, rights="")
    [finding] = _findings(post, "copyright.attachments")
    assert finding.clause_id == "tou.1" and "no rights declaration" in finding.message
    assert fresh(post).verdict == "review"


def test_public_domain_without_credit_is_a_finding(people):
    post = draft(people.member, CLEAN, [])
    attach(people.member, post, rights="public_domain", credit="")
    assert _findings(post, "copyright.attachments")


def test_unchanged_details_change_nothing(people):
    post = draft(people.member, CLEAN, [])
    attachment = attach(people.member, post)
    services.attachment_update(acting_user=people.member.user, attachment=attachment, alt_text=attachment.alt_text,
                               rights="own_work", depicts_children=False)
    assert fresh(post).version == 2 and not AuditEvent.objects.filter(event_type=EventType.ATTACHMENT_CHANGED)


def test_links_in_the_text_reach_the_screener(people, monkeypatch):
    from herald.posts import screening

    seen = []
    real = screening.Screener.screen

    def spy(self, text, context=None, **kw):
        seen.append(context)
        return real(self, text, context, **kw)

    monkeypatch.setattr(screening.Screener, "screen", spy)
    draft(people.member, "Read the minutes at https://stalbridge.gov.uk/minutes. Or www.example.org too.", [])
    assert seen[-1].links == ("https://stalbridge.gov.uk/minutes", "www.example.org")


# ----- approval reset, removal ------------------------------------------------------------------


def _approved(people, channel):
    post = draft(people.member, CLEAN, [channel])
    services.post_submit(acting_user=people.member.user, post=post)
    return services.post_approve(acting_user=people.clerk.user, post=fresh(post), post_version=fresh(post).version)


def test_adding_an_image_to_an_approved_post_resets_its_approval(acked, channel):
    post = _approved(acked, channel)
    assert post.state == State.SCHEDULED and Publication.objects.filter(post=post).exists()
    attach(acked.member, post)
    post = fresh(post)
    assert post.state == State.DRAFT and post.approved_version is None
    assert not Publication.objects.filter(post=post).exists()
    assert AuditEvent.objects.get(event_type=EventType.ATTACHMENT_ADDED).data["approval_reset"] is True


def test_changing_an_image_of_a_scheduled_post_resets_its_approval(acked, channel):
    post = draft(acked.member, CLEAN, [channel])
    attachment = attach(acked.member, post)
    services.post_submit(acting_user=acked.member.user, post=fresh(post))
    services.post_approve(acting_user=acked.clerk.user, post=fresh(post), post_version=fresh(post).version)
    assert fresh(post).state == State.SCHEDULED
    services.attachment_update(acting_user=acked.member.user, attachment=attachment, alt_text="A new description",
                               rights="own_work", depicts_children=False)
    assert fresh(post).state == State.DRAFT and fresh(post).approved_version is None


def test_images_cannot_change_while_the_clerk_reviews(acked, channel):
    post = draft(acked.member, CLEAN, [channel])
    services.post_submit(acting_user=acked.member.user, post=post)
    assert fresh(post).state == State.IN_REVIEW
    with pytest.raises(Conflict):
        attach(acked.member, fresh(post))


def test_removing_from_a_never_submitted_draft_deletes_the_file_keeps_the_record(people, media,
                                                                                 django_capture_on_commit_callbacks):
    post = draft(people.member, CLEAN, [])
    attachment = attach(people.member, post)
    with django_capture_on_commit_callbacks(execute=True):
        services.attachment_remove(acting_user=people.member.user, attachment=attachment)
    attachment.refresh_from_db()
    assert attachment.removed_at is not None and attachment.removed_by == people.member.user
    assert not attachment.file and stored_files(media) == []
    assert fresh(post).screening_runs.order_by("-at", "-pk").first().attachments == []
    assert AuditEvent.objects.get(event_type=EventType.ATTACHMENT_REMOVED).data["file_deleted"] is True
    with pytest.raises(NotFound):
        services.attachment_remove(acting_user=people.member.user, attachment=attachment)


def test_removing_from_a_submitted_post_keeps_the_file_for_the_archive(acked, channel, media,
                                                                       django_capture_on_commit_callbacks):
    post = draft(acked.member, CLEAN, [channel])
    attachment = attach(acked.member, post)
    services.post_submit(acting_user=acked.member.user, post=fresh(post))
    services.post_request_changes(acting_user=acked.clerk.user, post=fresh(post), reason="Another photo",
                                  post_version=fresh(post).version)
    with django_capture_on_commit_callbacks(execute=True):
        services.attachment_remove(acting_user=acked.member.user, attachment=attachment)
    attachment.refresh_from_db()
    assert attachment.removed_at is not None and attachment.file and len(stored_files(media)) == 1


# ----- access -----------------------------------------------------------------------------------


def test_another_councils_image_is_not_found(people, other_people):
    post = draft(people.member, CLEAN, [])
    attachment = attach(people.member, post)
    with pytest.raises(NotFound):
        access_attachment_by_id(other_people.clerk.user, post.pk, attachment.pk)
    other_post = draft(other_people.member, CLEAN, [])
    with pytest.raises(NotFound):  # an image reached through another post's address
        access_attachment_by_id(people.clerk.user, other_post.pk, attachment.pk)
    with pytest.raises(NotFound):
        access_attachment_by_id(people.member2.user, post.pk, attachment.pk)  # not a reader of others' posts
    assert access_attachment_by_id(people.clerk.user, post.pk, attachment.pk) == attachment


# ----- publication ------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_published_images_carry_their_alt_text(acked, stubs, worker):
    channel = make_channel(acked)
    post = draft(acked.officer, "New bus shelter on Station Road. Details: https://stalbridge.gov.uk/bus", [channel])
    attach(acked.officer, post, gps_jpeg(), name="shelter.jpg")
    services.post_submit(acting_user=acked.officer.user, post=fresh(post))
    worker()
    [item] = stubs[channel.pk].published
    [image] = item.images
    assert image.alt == "A glass bus shelter beside a red post box" and image.mime_type == "image/jpeg"
    assert b"SecretPhoneMaker" not in image.data and (image.width, image.height) == (48, 64)
    assert item.links == ("https://stalbridge.gov.uk/bus",)
    assert fresh(post).state == State.PUBLISHED


def test_images_are_made_to_fit_a_platform_limit():
    from herald.posts.services.attachments import fit_image

    noisy = io.BytesIO()
    Image.frombytes("RGB", (400, 400), random.Random(2).randbytes(400 * 400 * 3)).save(noisy, "PNG")
    data, media_type, width, height = fit_image(noisy.getvalue(), "image/png", max_bytes=40_000,
                                                allowed=frozenset({"image/png", "image/jpeg"}))
    assert len(noisy.getvalue()) > 40_000 and len(data) <= 40_000 and media_type == "image/jpeg"
    small = image_bytes()
    assert fit_image(small, "image/png", max_bytes=40_000, allowed=frozenset({"image/png"}))[0] == small


def test_the_news_feed_gets_the_text_without_images(people):
    from herald.posts.services.attachments import publishable_for

    class NoImages:
        max_images, max_image_bytes, allowed_image_types = 0, None, frozenset()

    post = draft(people.member, CLEAN, [])
    attach(people.member, post)
    item = publishable_for(fresh(post), NoImages())
    assert item.text == CLEAN and item.images == ()


# ----- pages ------------------------------------------------------------------------------------


def _form(**extra):
    return {"alt_text": "A glass bus shelter", "rights": "own_work", "credit": "", "depicts_children": "no",
            "consent_recorded": "", "consent_reference": "", **extra}


def test_upload_page_attaches_and_shows_the_image(people, signed_in):
    post = draft(people.member, CLEAN, [])
    client = signed_in(people.member)
    assert client.get(f"/posts/{post.pk}/images/new").status_code == 200
    response = client.post(f"/posts/{post.pk}/images/new", _form(file=upload()))
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    page = client.get(f"/posts/{post.pk}/").content.decode()
    assert f"/posts/{post.pk}/images/{attachment.pk}/file" in page and 'alt="A glass bus shelter"' in page
    assert "Own work" in page


def test_upload_page_refuses_an_oversized_file_while_it_streams(people, signed_in, settings, media, monkeypatch):
    settings.HERALD_UPLOAD_MAX_BYTES = 1024

    def never(**kwargs):
        raise AssertionError("the upload handler should have stopped the file before the service")

    monkeypatch.setattr("herald.posts.services.attachment_add", never)
    post = draft(people.member, CLEAN, [])
    big = SimpleUploadedFile("big.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 5000, content_type="image/png")
    response = signed_in(people.member).post(f"/posts/{post.pk}/images/new", _form(file=big))
    assert response.status_code == 400
    assert "The file is larger than 1 KB" in response.content.decode()
    assert not Attachment.objects.exists() and stored_files(media) == []


def test_upload_page_shows_each_problem(people, signed_in):
    post = draft(people.member, CLEAN, [])
    response = signed_in(people.member).post(f"/posts/{post.pk}/images/new",
                                             _form(alt_text="", depicts_children="",
                                                   file=upload(b"<svg></svg>", "x.png")))
    body = response.content.decode()
    assert response.status_code == 400
    assert "Describe the image in its alternative text" in body and "Select yes if the image shows children" in body


def test_upload_page_refuses_a_disguised_file_with_a_plain_message(people, signed_in):
    post = draft(people.member, CLEAN, [])
    response = signed_in(people.member).post(f"/posts/{post.pk}/images/new",
                                             _form(file=upload(b"<html>hi</html>", "cat.jpg", "image/jpeg")))
    assert response.status_code == 400 and "The file is a web page or other text" in response.content.decode()


def test_upload_page_is_for_the_author_only(people, signed_in):
    post = draft(people.member, CLEAN, [])
    assert signed_in(people.clerk).get(f"/posts/{post.pk}/images/new").status_code == 404


def test_image_is_served_with_safe_headers_to_readers_only(people, other_people, signed_in, client):
    post = draft(people.member, CLEAN, [])
    attachment = attach(people.member, post, name='evil"; name=x.png')
    url = f"/posts/{post.pk}/images/{attachment.pk}/file"
    response = signed_in(people.clerk).get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body[:8] == b"\x89PNG\r\n\x1a\n" and hashlib.sha256(body).hexdigest() == attachment.sha256
    assert response["Content-Type"] == "image/png" and response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline; filename=") and '"; name' not in \
        response["Content-Disposition"]
    assert "sandbox" in response["Content-Security-Policy"]
    client.logout()
    assert signed_in(other_people.clerk).get(url).status_code == 404
    assert signed_in(people.member2).get(url).status_code == 404
    other = draft(people.member2, CLEAN, [])
    assert signed_in(people.clerk).get(f"/posts/{other.pk}/images/{attachment.pk}/file").status_code == 404


def test_change_and_remove_pages(people, signed_in):
    post = draft(people.member, CLEAN, [])
    attachment = attach(people.member, post)
    client = signed_in(people.member)
    url = f"/posts/{post.pk}/images/{attachment.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, _form(alt_text="", rights="not_sure"))
    assert response.status_code == 400 and "alternative text" in response.content.decode()
    assert client.post(url, _form(rights="not_sure", depicts_children="yes", consent_recorded="no")).status_code == 302
    attachment.refresh_from_db()
    assert attachment.rights == "" and attachment.depicts_children and not attachment.consent_recorded
    page = client.get(f"/posts/{post.pk}/").content.decode()
    assert "No consent recorded" in page and "Not declared" in page
    assert client.get(url + "remove").status_code == 200
    assert client.post(url + "remove").status_code == 302
    assert client.get(url).status_code == 404  # removed
    assert Post.objects.get(pk=post.pk).version == 4


def test_review_queue_shows_thumbnails_with_rights_and_consent(acked, channel, signed_in):
    post = draft(acked.member, CLEAN, [channel])
    attachment = attach(acked.member, post, depicts_children=True, consent_recorded=True,
                        consent_reference="Forms with the Clerk")
    services.post_submit(acting_user=acked.member.user, post=fresh(post))
    body = signed_in(acked.clerk).get("/posts/review").content.decode()
    assert f"/images/{attachment.pk}/file" in body and "consent recorded (Forms with the Clerk)" in body
    assert "Own work" in body
