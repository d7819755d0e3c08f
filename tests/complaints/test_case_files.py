"""Files added to a case with a note: accepted by content (PDF, images, plain text), kept as sent with
their SHA-256, for the people who may see the case only, never half-written, and deleted with the
complaint's personal data under the retention rules."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from herald.complaints import services
from herald.complaints.models import CaseAction, CaseFile, case_file_storage
from herald.complaints.selectors import timeline
from herald.core import clock
from herald.core.errors import Conflict, NotAllowed, ValidationFailed
from herald.records.events import EventType
from herald.records.models import AuditEvent
from tests.complaints.conftest import submit

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


@pytest.fixture
def case(people):
    return submit(people.council, about="representative", about_detail="Cllr Second").complaint.case


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 0, 0)).save(out, format="PNG")
    return out.getvalue()


def stored_files(media) -> list[str]:
    folder = media / "complaints"
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


@pytest.mark.parametrize("name, data, media_type, filename", [
    ("Letter from Mrs Jones.pdf", PDF, "application/pdf", "Letter from Mrs Jones.pdf"),
    ("screenshot.PNG", png(), "image/png", "screenshot.png"),
    ("email.eml", "From: rita@example.com\n\nThe post was wrong – très.\n".encode(), "text/plain", "email.txt"),
    ("letter.txt", "Owed £5\r\n".encode("cp1252"), "text/plain", "letter.txt"),
    ("notepad.txt", "Owed £5\r\n".encode("utf-16"), "text/plain", "notepad.txt"),
    ("../../etc/passwd<script>.pdf", PDF, "application/pdf", "passwdscript.pdf"),
])
def test_a_file_is_kept_as_sent_with_its_checksum(people, case, media, name, data, media_type, filename):
    services.case_add_note(acting_user=people.clerk.user, case=case, text="Evidence from the complainant.",
                           upload=SimpleUploadedFile(name, data))
    item = CaseFile.objects.get()
    assert (item.media_type, item.filename, item.size) == (media_type, filename, len(data))
    assert item.sha256 == hashlib.sha256(data).hexdigest()
    with item.file.open("rb") as handle:
        assert handle.read() == data  # unchanged: it is evidence
    assert item.action.text == "Evidence from the complainant."
    assert timeline(case=case)[-1].case_file == item
    event = AuditEvent.objects.filter(event_type=EventType.COMPLAINT_NOTE_ADDED).get()
    # The audit trail outlives the complaint: it records the file, not its name (which may name people).
    assert event.data["file"] == {"id": item.pk, "media_type": media_type, "size": len(data), "sha256": item.sha256}
    assert stored_files(media) == [item.file.name]


@pytest.mark.parametrize("data, message", [
    (b"MZ\x90\x00\x03\x00\x00\x00", "not a type Herald keeps on a case"),
    (b"PK\x03\x04\x14\x00\x06\x00", "not a type Herald keeps on a case"),
    (b"\x00\x01\x02binary\x00", "not a type Herald keeps on a case"),
    (b"%!PS-Adobe-3.0\n\x04\x1b", "save a Word document or an email as a PDF first"),
    (b"", "The file is empty. Choose a file."),
    (b"x" * 2049, "larger than 2 KB"),
])
def test_bad_files_are_refused_and_nothing_is_written(people, case, media, settings, data, message):
    settings.HERALD_CASE_FILE_MAX_BYTES = 2048
    before = CaseAction.objects.count()
    with pytest.raises(ValidationFailed, match=message) as refused:
        services.case_add_note(acting_user=people.clerk.user, case=case, text="Note",
                               upload=SimpleUploadedFile("evidence.pdf", data))
    assert refused.value.field == "file"
    assert CaseAction.objects.count() == before and not CaseFile.objects.exists() and stored_files(media) == []


def test_a_refused_note_deletes_the_stored_file(people, case, media):
    with pytest.raises(NotAllowed):  # only the handler may add notes; the file was already checked and stored
        services.case_add_note(acting_user=people.member.user, case=case, text="Note",
                               upload=SimpleUploadedFile("evidence.pdf", PDF))
    assert not CaseFile.objects.exists() and stored_files(media) == []


def test_the_note_page_takes_a_file_and_only_case_readers_can_download_it(people, other_people, case, signed_in,
                                                                         settings):
    clerk = signed_in(people.clerk)
    page = clerk.get(f"/complaints/{case.pk}/note").content.decode()
    assert 'enctype="multipart/form-data"' in page and 'type="file"' in page and "Add a file (optional)" in page
    response = clerk.post(f"/complaints/{case.pk}/note", {"text": "The screenshot she sent.", "visibility": "staff",
                                                          "file": SimpleUploadedFile("shot.png", png())})
    assert response.status_code == 302
    item = CaseFile.objects.get()
    case_page = clerk.get(f"/complaints/{case.pk}/").content.decode()
    link = f"/complaints/{case.pk}/files/{item.pk}"
    assert link in case_page and "Download shot.png" in case_page and "PNG image" in case_page
    download = clerk.get(link)
    assert download.status_code == 200 and b"".join(download.streaming_content) == png()
    assert download["Content-Disposition"].startswith("attachment;") and download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Type"] == "image/png" and "sandbox" in download["Content-Security-Policy"]
    # Nobody else: not a Member, not the person complained about, not another council's Clerk, not
    # through another case's address.
    assert signed_in(people.member).get(link).status_code in (403, 404)
    assert signed_in(people.member2).get(link).status_code == 404  # the case is about Cllr Second
    assert signed_in(other_people.clerk).get(link).status_code == 404
    other_case = submit(people.council, text="A different complaint.", email="sam@example.com").complaint.case
    assert clerk.get(f"/complaints/{other_case.pk}/files/{item.pk}").status_code == 404
    # The complainant's status page never shows a file, even one added with a public note.
    clerk = signed_in(people.clerk)  # one test client: signed in as the Clerk again
    assert clerk.post(f"/complaints/{case.pk}/note", {"text": "We have your letter.", "visibility": "public",
                                                      "file": SimpleUploadedFile("letter.pdf", PDF)}).status_code == 302
    clerk.post("/sign-out")
    status = clerk.post("/councils/stalbridge/complaints/status",
                        {"reference": case.complaint.reference, "email": "rita@example.com"}).content.decode()
    assert "We have your letter." in status and "/files/" not in status and "letter.pdf" not in status


def test_the_note_page_explains_a_bad_or_oversized_file_and_keeps_the_note(people, case, signed_in, settings):
    clerk = signed_in(people.clerk)
    page = clerk.post(f"/complaints/{case.pk}/note", {"text": "Keep this note text", "visibility": "staff",
                                                      "file": SimpleUploadedFile("tool.exe", b"MZ\x90\x00")})
    assert page.status_code == 400
    body = page.content.decode()
    assert "not a type Herald keeps on a case" in body and "Keep this note text" in body
    settings.HERALD_CASE_FILE_MAX_BYTES = 1024
    page = clerk.post(f"/complaints/{case.pk}/note", {"text": "Keep this note text", "visibility": "staff",
                                                      "file": SimpleUploadedFile("big.pdf", PDF + b"x" * 2000)})
    assert page.status_code == 400 and "larger than 1 KB" in page.content.decode()
    page = clerk.post(f"/complaints/{case.pk}/note", {"text": "", "visibility": "staff",  # both said at once
                                                      "file": SimpleUploadedFile("big.pdf", PDF + b"x" * 2000)})
    body = page.content.decode()
    assert page.status_code == 400 and "larger than 1 KB" in body and "Enter the note" in body
    assert not CaseFile.objects.exists() and not CaseAction.objects.filter(text="Keep this note text").exists()


@pytest.mark.django_db(transaction=True)
def test_retention_deletes_the_files_with_the_complaints_personal_data(people, case, media, travel):
    from herald.records.retention import retention_run

    services.case_add_note(acting_user=people.clerk.user, case=case, text="Evidence",
                           upload=SimpleUploadedFile("Rita Jones letter.pdf", PDF))
    services.case_decide(acting_user=people.clerk.user, case=case, outcome="not_upheld", reasons="No breach.")
    item = CaseFile.objects.get()
    assert os.path.exists(case_file_storage().path(item.file.name))
    travel(clock.now() + dt.timedelta(days=40))  # the review window has passed: the case closes
    assert services.cases_close_due() == 1
    travel(clock.now() + dt.timedelta(days=365 * 7))
    retention_run(acting_user=people.clerk.user, council=people.council)
    item.refresh_from_db()
    assert item.deleted_at is not None and item.file.name == "" and item.filename == "(deleted)"
    assert stored_files(media) == []
    assert AuditEvent.objects.filter(event_type=EventType.RETENTION_COMPLAINT_ANONYMISED).get().data["case_files"] == 1
    # Nothing more can be added to an anonymised complaint (it would never be deleted).
    with pytest.raises(Conflict, match="anonymised"):
        services.case_add_note(acting_user=people.clerk.user, case=case, text="Late letter",
                               upload=SimpleUploadedFile("late.pdf", PDF))
    assert CaseFile.objects.count() == 1 and stored_files(media) == []


@pytest.mark.django_db(transaction=True)
def test_a_case_file_left_behind_is_swept_by_the_next_run(people, case, media, travel, monkeypatch):
    from herald.records.retention import orphan_files, retention_run

    services.case_add_note(acting_user=people.clerk.user, case=case, text="Evidence",
                           upload=SimpleUploadedFile("letter.pdf", PDF))
    services.case_decide(acting_user=people.clerk.user, case=case, outcome="not_upheld", reasons="No breach.")
    travel(clock.now() + dt.timedelta(days=40))
    assert services.cases_close_due() == 1
    name = CaseFile.objects.get().file.name
    storage = case_file_storage()

    def disk_gone(name):
        raise OSError("disk went away")

    travel(clock.now() + dt.timedelta(days=365 * 7))
    with monkeypatch.context() as patch:
        patch.setattr(storage, "delete", disk_gone)
        retention_run(acting_user=people.clerk.user, council=people.council)  # anonymised; the deletion fails
    assert CaseFile.objects.get().deleted_at is not None and stored_files(media) == [name]
    assert orphan_files(council=people.council) == [f"complaints/{name}"]
    result = retention_run(acting_user=people.clerk.user, council=people.council)
    assert result.orphans_deleted == 1 and stored_files(media) == []
    swept = AuditEvent.objects.get(event_type=EventType.RETENTION_FILES_SWEPT)
    assert swept.data == {"count": 1, "files": [f"complaints/{name}"]}
