"""Freedom of Information in the browser: the Clerk logs a request (with an error first), searches a
month of social media activity, saves the search (the records are held), starts an export, watches it
progress, confirms each class of redaction, and downloads the bundle. axe-core checks every FOI page."""

from __future__ import annotations

import csv
import io
import json
import zipfile

from django.core.management import call_command
from playwright.sync_api import expect

from herald.core import clock
from herald.records.models import FoiRequest, LegalHold
from tests.browser.conftest import check_accessibility, session_cookie_for
from tests.records.test_foi_support import at, month  # noqa: F401


def _axe_except_chosen_refresh(page) -> None:
    """axe-core on the self-refreshing progress page, without its meta-refresh rule: the user chose the
    refresh and the page offers a link to stop it (WCAG 2.2.1 "turn off"), which axe cannot see."""
    from tests.browser.conftest import AXE, AXE_TAGS

    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, "
                           "rules: {'meta-refresh': {enabled: false}}})", AXE_TAGS)
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, [(v["id"], v["help"]) for v in bad]
    assert result["passes"]


def _worker():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def test_clerk_answers_a_request_about_a_month_with_one_export(page, people, month, monkeypatch, live_server,
                                                                settings, tmp_path):  # noqa: F811
    monkeypatch.undo()  # back to the real clock: March 2026 is in the past
    settings.DATA_DIR = tmp_path
    page.context.add_cookies([session_cookie_for(people.clerk.user, live_server.url)])
    page.goto("/dashboard")
    page.get_by_role("link", name="FOI requests").click()
    expect(page.get_by_role("heading", name="Freedom of Information requests")).to_be_visible()
    check_accessibility(page, "FOI register")

    page.get_by_role("link", name="Log a request").click()
    check_accessibility(page, "new request")
    page.get_by_role("button", name="Log the request").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the requester's name")
    expect(summary).to_contain_text("Enter the date received")
    check_accessibility(page, "new request with errors")
    today = clock.today_in_london()
    page.get_by_label("Requester's name").fill("Jo Journalist")
    page.get_by_label("Where to send the answer").fill("jo@example.org")
    page.locator("#id_received_on").fill(str(today.day))
    page.locator("#id_received_on_1").fill(str(today.month))
    page.locator("#id_received_on_2").fill(str(today.year))
    page.get_by_label("What they asked for").fill("Every post on Town news in March 2026, with any complaints.")
    page.get_by_role("button", name="Log the request").click()
    foi_request = FoiRequest.objects.get()
    expect(page.get_by_role("heading", name=foi_request.reference)).to_be_visible()
    expect(page.locator("#due-on")).to_have_text(clock.format_date(foi_request.due_on))
    check_accessibility(page, "request page")

    page.get_by_role("link", name="Search the records this request concerns").click()
    check_accessibility(page, "search form")
    for field, value in (("#id_date_from", "1"), ("#id_date_from_1", "3"), ("#id_date_from_2", "2026"),
                         ("#id_date_to", "1"), ("#id_date_to_1", "2"), ("#id_date_to_2", "2026")):
        page.locator(field).fill(value)
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("is before the start date")
    check_accessibility(page, "search with an impossible range")
    page.locator("#id_date_to").fill("31")
    page.locator("#id_date_to_1").fill("3")
    page.get_by_label("Channel").select_option(label="Town news")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator("#result-count")).to_contain_text("from 1 March 2026 to 31 March 2026, on Town news")
    expect(page.locator("#preview-post")).to_have_text("Posts: 2")
    check_accessibility(page, "search results")
    page.get_by_role("button", name=f"Use this search for {foi_request.reference}").click()
    expect(page.locator("#holds")).to_contain_text("held")
    assert LegalHold.objects.filter(foi_request=foi_request, released_at__isnull=True).count() == 5
    check_accessibility(page, "request page with records")

    page.get_by_role("button", name="Export these records").click()
    expect(page.locator("#progress")).to_contain_text("Looking for personal data")
    assert page.locator('meta[http-equiv="refresh"]').count() == 0  # no refresh the user did not ask for
    check_accessibility(page, "export in progress")
    page.get_by_role("link", name="Update this page automatically every 5 seconds").click()
    assert page.locator('meta[http-equiv="refresh"]').count() == 1
    expect(page.get_by_role("link", name="Stop updating this page automatically")).to_be_visible()
    _axe_except_chosen_refresh(page)
    _worker()  # the scan; the page refreshes itself
    expect(page.get_by_role("heading", name="Personal data found")).to_be_visible(timeout=15_000)
    expect(page.locator("#redactions")).to_contain_text("Phone number")
    expect(page.locator("#redactions")).to_contain_text("07700 900123")
    check_accessibility(page, "redaction classes")
    page.get_by_role("button", name="Confirm and build the bundle").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose whether to redact or release")
    check_accessibility(page, "redaction classes with errors")
    for radio in page.locator('#redactions input[value="redact"]').all():
        radio.check()
    page.get_by_role("button", name="Confirm and build the bundle").click()
    expect(page.locator("#progress")).to_contain_text("Building the bundle")
    _worker()  # the build; the page still updates itself (the user asked for it before confirming)
    download_link = page.get_by_role("link", name="Download the bundle")
    expect(download_link).to_be_visible(timeout=15_000)
    expect(page.locator("#decisions")).to_contain_text("Phone number: redacted")
    check_accessibility(page, "bundle ready")
    with page.expect_download() as info:
        download_link.click()
    with zipfile.ZipFile(info.value.path()) as zf:
        assert sorted(zf.namelist()) == ["records.csv", "records.json", "summary.html"]
        rows = list(csv.DictReader(io.StringIO(zf.read("records.csv").decode())))
        data = json.loads(zf.read("records.json"))
        summary = zf.read("summary.html").decode()
    assert len([r for r in rows if r["kind"] == "post"]) == 2
    assert "07700 900123" not in zf.filename and not any("07700 900123" in r["text"] for r in data["records"])
    assert any("[redacted: phone number]" in r["text"] for r in data["records"] if r["kind"] == "post")
    assert foi_request.reference in summary

    page.goto(f"/foi/{foi_request.pk}/")
    expect(page.locator("#timeline")).to_contain_text("FOI export bundle downloaded")
    assert not page.js_errors
