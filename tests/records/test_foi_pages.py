"""FOI pages: the register, logging a request (GOV.UK date input and error summary), the request
page, the search, the export page (refreshing while it runs, the redaction classes, the download)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from herald.records import foi
from herald.records.models import FoiExport, FoiRequest
from tests.records.test_foi_support import at, march_scope, month, open_request, run_export  # noqa: F401


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def test_log_a_request_with_errors_then_properly(people, signed_in, at):  # noqa: F811
    at(dt.datetime(2026, 12, 18, 10, 0, tzinfo=dt.timezone.utc))
    client = signed_in(people.clerk)
    page = client.get("/foi/new")
    assert page.status_code == 200 and 'name="received_on_0"' in page.content.decode()
    bad = client.post("/foi/new", {"requester_name": "", "requester_contact": "jo@example.org",
                                   "received_on_0": "31", "received_on_1": "2", "received_on_2": "2026",
                                   "request_text": "Posts"})
    body = bad.content.decode()
    assert bad.status_code == 400 and "There is a problem" in body and "Enter the requester" in body
    assert "must be a real date" in body
    future = client.post("/foi/new", {"requester_name": "Jo", "requester_contact": "jo@example.org",
                                      "received_on_0": "1", "received_on_1": "1", "received_on_2": "2027",
                                      "request_text": "Posts"})
    assert future.status_code == 400 and "cannot be in the future" in future.content.decode()
    assert not FoiRequest.objects.exists()
    done = client.post("/foi/new", {"requester_name": "Jo <b>Journalist</b>", "requester_contact": "jo@example.org",
                                    "received_on_0": "18", "received_on_1": "12", "received_on_2": "2026",
                                    "request_text": "All posts in March"}, follow=True)
    body = done.content.decode()
    assert "FOI-2026-0001 is logged. The answer is due by 21 January 2027." in body
    assert "Jo &lt;b&gt;Journalist&lt;/b&gt;" in body and "<b>Journalist" not in body
    listing = client.get("/foi/").content.decode()
    assert "FOI-2026-0001" in listing and "21 January 2027" in listing


def test_search_page_refuses_impossible_ranges_then_saves(people, month, signed_in):  # noqa: F811
    request = open_request(people)
    client = signed_in(people.clerk)
    url = f"/foi/{request.pk}/search"
    bad = client.get(url, {"date_from_0": "31", "date_from_1": "3", "date_from_2": "2026",
                           "date_to_0": "1", "date_to_1": "3", "date_to_2": "2026"})
    assert bad.status_code == 400 and "is before the start date" in bad.content.decode()
    form = {"date_from_0": "1", "date_from_1": "3", "date_from_2": "2026", "date_to_0": "31", "date_to_1": "3",
            "date_to_2": "2026", "channel": str(month["news"].pk), "person": "", "text": ""}
    preview = client.get(url, form)
    body = preview.content.decode()
    assert preview.status_code == 200 and "Use this search for FOI-" in body and "Posts: 2" in body
    saved = client.post(url, form, follow=True)
    body = saved.content.decode()
    assert "The search is saved" in body and "5 more records held" in body
    request.refresh_from_db()
    assert request.scope_from == dt.date(2026, 3, 1) and request.scope_channel == month["news"]
    assert "From 1 March 2026 to 31 March 2026, on Town news" in body


def test_export_page_refreshes_then_confirms_then_downloads(people, month, signed_in):  # noqa: F811
    request = open_request(people)
    foi.foi_request_scope_set(acting_user=people.clerk.user, foi_request=request, scope=march_scope(people))
    client = signed_in(people.clerk)
    started = client.post(f"/foi/{request.pk}/exports/new")
    export = FoiExport.objects.get()
    assert started.status_code == 302 and started["Location"] == f"/foi/{request.pk}/exports/{export.pk}/"
    running = client.get(started["Location"]).content.decode()
    assert 'http-equiv="refresh"' not in running and "0 of" in running  # only when asked for (WCAG 2.2.1)
    assert "Update this page automatically" in running
    watching = client.get(started["Location"] + "?auto=1").content.decode()
    assert '<meta http-equiv="refresh" content="5">' in watching and "Stop updating this page" in watching
    foi.foi_export_scan(export_id=export.pk)
    page = client.get(started["Location"]).content.decode()
    assert 'http-equiv="refresh"' not in page and "Phone number" in page and "07700 900123" in page
    missing = client.post(started["Location"], {"decision-phone": "redact"})
    assert missing.status_code == 400 and "Choose whether to redact or release" in missing.content.decode()
    chair = signed_in(people.chair)
    assert chair.post(started["Location"], {}).status_code == 403
    client = signed_in(people.clerk)
    export.refresh_from_db()
    decisions = {f"decision-{cls}": "redact" for cls in export.classes}
    assert client.post(started["Location"], decisions).status_code == 302
    foi.foi_export_build(export_id=export.pk)
    ready = client.get(started["Location"]).content.decode()
    assert "Download the bundle" in ready and "Phone number: redacted" in ready
    download = client.get(f"/foi/{request.pk}/exports/{export.pk}/download")
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    data = b"".join(download.streaming_content)
    assert zipfile.ZipFile(io.BytesIO(data)).namelist() == ["summary.html", "records.csv", "records.json"]


def test_pages_404_for_another_council_and_missing(people, other_people, signed_in):
    request = open_request(people)
    export = run_export(people, request)
    client = signed_in(other_people.clerk)
    for url in (f"/foi/{request.pk}/", f"/foi/{request.pk}/search", f"/foi/{request.pk}/exports/{export.pk}/",
                f"/foi/{request.pk}/exports/{export.pk}/download", "/foi/999999/"):
        assert client.get(url).status_code == 404, url
    assert "FOI-" not in client.get("/foi/?show=all").content.decode()


def test_respond_close_and_review_pages(people, signed_in):
    request = open_request(people)
    client = signed_in(people.clerk)
    bad = client.post(f"/foi/{request.pk}/respond", {"outcome": "withheld", "response_text": "No."})
    assert bad.status_code == 400 and "Enter the exemption relied on" in bad.content.decode()
    ok = client.post(f"/foi/{request.pk}/respond", {"outcome": "answered", "response_text": "Sent."}, follow=True)
    assert "The response is recorded." in ok.content.decode()
    page = client.get(f"/foi/{request.pk}/").content.decode()
    assert "Record a request for an internal review" in page and "Review can be asked for until" in page
    closed = client.post(f"/foi/{request.pk}/close", {}, follow=True)
    assert "The request is closed" in closed.content.decode()
    again = client.post(f"/foi/{request.pk}/close", {})
    assert again.status_code == 400 and "already closed" in again.content.decode()
