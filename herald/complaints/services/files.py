"""Files added to case notes: what is accepted (by content, not by name) and how big."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from django.conf import settings

from herald.core.errors import ValidationFailed
from herald.posts.services.attachments import detect_media_type, human_size, read_upload, safe_filename

#: media type -> extension. Images and PDFs by their first bytes; anything else must be UTF-8 text.
CASE_FILE_TYPES = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif",
                   "image/webp": ".webp", "text/plain": ".txt"}
ACCEPTED = ("a PDF, a JPEG, PNG, GIF or WebP image, or a plain text file (save a Word document or an email "
            "as a PDF first)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # not in text (tab, newlines and form feed are)


@dataclass(frozen=True)
class PreparedFile:
    data: bytes
    media_type: str
    filename: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def case_file_type(data: bytes) -> str | None:
    """The file's type from its content, or None when it is none of CASE_FILE_TYPES."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    image = detect_media_type(data[:16])
    if image:
        return image
    # UTF-16 with its byte-order mark (Notepad's "Unicode"); else UTF-8, or Windows' own encoding for
    # older letters with a £ sign.
    encodings = ("utf-16",) if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8", "cp1252")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return None if _CONTROL.search(text) else "text/plain"
    return None


def prepare_case_file(upload) -> PreparedFile:
    """Read and check an uploaded file; ValidationFailed (field "file") with a plain message otherwise."""
    data = read_upload(upload, limit=settings.HERALD_CASE_FILE_MAX_BYTES, what="file")
    media_type = case_file_type(data)
    if media_type is None:
        raise ValidationFailed(f"The file is not a type Herald keeps on a case. Choose {ACCEPTED} "
                               f"(up to {human_size(settings.HERALD_CASE_FILE_MAX_BYTES)}).", field="file")
    return PreparedFile(data=data, media_type=media_type,
                        filename=safe_filename(getattr(upload, "name", ""), CASE_FILE_TYPES[media_type], "file"))
