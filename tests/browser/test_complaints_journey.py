"""Complaints in the browser: a resident complains about a post on the news page (no account), gets a
reference and checks the status; the form also works with the keyboard alone; the Clerk opens the
case, upholds it and removes the post. axe-core checks every complaints page."""

from __future__ import annotations

from django.core.management import call_command
from playwright.sync_api import expect

from herald.channels.services import channel_decide, channel_propose
from herald.complaints.models import Complaint
from herald.people.services import policy_acknowledge
from herald.posts.models import Post
from herald.posts.services import post_create_draft, post_submit
from tests.browser.conftest import check_accessibility, session_cookie_for

NEWS = "The recycling centre opens on Sundays from next month."


def _published_news(people) -> Post:
    channel = channel_propose(acting_user=people.clerk.user, council=people.council, owner=people.officer,
                              representatives=[people.officer], name="Town news", platform="newsfeed", kind="blog",
                              use="council_service", purpose="News from the council.", audience="general",
                              logo_use="uses_logo")
    channel_decide(acting_user=people.clerk.user, channel=channel, action="approve")
    channel_decide(acting_user=people.clerk.user, channel=channel, action="activate")
    policy_acknowledge(acting_user=people.officer.user, representative=people.officer)
    post = post_create_draft(acting_user=people.officer.user, council=people.council, author=people.officer,
                             text=NEWS, channels=[channel])
    post_submit(acting_user=people.officer.user, post=post)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    post.refresh_from_db()
    assert post.state == "published"
    return post


def test_resident_complains_and_the_clerk_upholds(page, people, live_server):
    post = _published_news(people)
    page.goto("/councils/stalbridge/news")
    page.get_by_role("link", name="Complain about this post").click()
    expect(page.locator("#about-post")).to_contain_text(NEWS)
    check_accessibility(page, "complaint form")
    page.get_by_role("button", name="Send the complaint").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter your complaint")
    expect(summary).to_contain_text("Enter your full name")
    check_accessibility(page, "complaint form with errors")
    summary.get_by_role("link", name="Enter your complaint").click()
    expect(page.get_by_label("Your complaint")).to_be_focused()
    page.get_by_label("Your complaint").fill("Sunday opening was never agreed <b>by the council</b>.")
    page.get_by_label("Your full name").fill("Rita Resident")
    page.get_by_label("Email address").fill("rita@example.com")
    page.get_by_role("button", name="Send the complaint").click()
    expect(page.get_by_role("heading", name="Complaint sent")).to_be_visible()
    reference = page.locator("#reference").inner_text()
    assert reference == Complaint.objects.get().reference and Complaint.objects.get().post_id == post.pk
    check_accessibility(page, "complaint sent")

    page.get_by_role("link", name="See where your complaint is up to").click()
    check_accessibility(page, "status look-up")
    page.get_by_label("Reference").fill("STC-2000-0001")
    page.get_by_label("Email address").fill("rita@example.com")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("We could not find a complaint")
    check_accessibility(page, "status look-up with errors")
    page.get_by_label("Reference").fill(reference)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name=f"Your complaint {reference}")).to_be_visible()
    expect(page.locator("#timeline")).to_contain_text("We received your complaint")
    check_accessibility(page, "status")

    page.context.add_cookies([session_cookie_for(people.clerk.user, live_server.url)])
    page.goto("/dashboard")
    page.locator("#complaints-dashboard").get_by_role("link", name="1 open complaint").click()
    check_accessibility(page, "cases list")
    page.get_by_role("link", name=reference).click()
    expect(page.locator("#complaint-text")).to_contain_text("<b>by the council</b>")  # shown as text
    check_accessibility(page, "case page")
    page.get_by_role("link", name="Add a note").click()
    page.get_by_label("Note", exact=True).fill("Rita sent the council's printed timetable.")
    page.get_by_label("Add a file (optional)").set_input_files(
        files=[{"name": "run.exe", "mimeType": "application/octet-stream", "buffer": b"MZ\x90\x00program"}])
    page.get_by_role("button", name="Add the note").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("not a type Herald keeps on a case")
    expect(page.get_by_label("Note", exact=True)).to_have_value("Rita sent the council's printed timetable.")
    check_accessibility(page, "note with a refused file")
    page.get_by_label("Add a file (optional)").set_input_files(
        files=[{"name": "timetable.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}])
    page.get_by_role("button", name="Add the note").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download timetable.pdf").click()
    assert download.value.suggested_filename == "timetable.pdf"
    assert open(download.value.path(), "rb").read() == b"%PDF-1.4\n%%EOF\n"
    page.get_by_role("link", name="Decide the complaint").click()
    check_accessibility(page, "decide")
    page.get_by_role("button", name="Send the decision").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the outcome")
    check_accessibility(page, "decide with errors")
    page.get_by_label("Upheld", exact=True).check()
    page.get_by_label("Reasons").fill("Sunday opening has not been agreed yet.")
    page.get_by_role("button", name="Send the decision").click()
    expect(page.locator("#decision")).to_contain_text("Upheld")
    page.get_by_role("link", name="Remove the post").click()
    check_accessibility(page, "remove the post")
    page.get_by_label("Reason").fill("Inaccurate: not agreed by the council.")
    page.get_by_role("button", name="Remove the post").click()
    expect(page.locator("#enforcement")).to_contain_text("taken down")
    post.refresh_from_db()
    assert post.state == "removed"
    page.goto("/councils/stalbridge/news")
    expect(page.locator("main")).not_to_contain_text(NEWS)
    page.goto("/complaints/report")
    expect(page.locator("#report")).to_contain_text(reference)
    check_accessibility(page, "report")
    assert not page.js_errors, page.js_errors


def _tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until `selector` has the focus (fails if it is never reached by keyboard)."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement === document.querySelector(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def test_the_complaint_form_works_with_the_keyboard_alone(page, people):
    page.goto("/councils/stalbridge/complaints/new")
    _tab_to(page, "#id_about")  # the first radio: "a post"
    for _ in range(3):
        page.keyboard.press("ArrowDown")  # to "Something else"
    expect(page.get_by_label("Something else about the council's social media")).to_be_checked()
    _tab_to(page, "#id_text")
    page.keyboard.type("The council's page shared a rude joke about allotment holders.")
    _tab_to(page, "#id_name")
    page.keyboard.type("Kim Keyboard")
    _tab_to(page, "#id_email")
    page.keyboard.type("kim@example.com")
    _tab_to(page, "#id_confidential")
    page.keyboard.press("ArrowDown")  # "Yes, keep my name confidential"
    _tab_to(page, "#send-complaint")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Complaint sent")).to_be_visible()
    complaint = Complaint.objects.get()
    assert complaint.name == "Kim Keyboard" and complaint.confidential and complaint.about == "other"
    assert not page.js_errors, page.js_errors
