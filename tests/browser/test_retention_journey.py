"""Retention in the browser: the Clerk opens the Retention page, reads the rules and what the next run
would do (and what a legal hold keeps, and why), runs the rules after confirming, and finds the purged
post and the anonymised complaint file saying so. axe-core checks every page."""

from __future__ import annotations

from playwright.sync_api import expect

from herald.records.holds import legal_hold_place
from tests.browser.conftest import check_accessibility, session_cookie_for
from tests.posts.conftest import acked, make_channel, stubs, travel, worker  # noqa: F401  (fixtures)
from tests.records.test_retention import closed_complaint, later, media, removed, world  # noqa: F401


def test_clerk_reviews_and_runs_the_retention_rules(page, world, worker, travel, live_server):  # noqa: F811
    purged = removed(world, worker)
    held = removed(world, worker, text="The fete raised 400 pounds.", image=False)
    legal_hold_place(acting_user=world.clerk.user, council=world.council, target=held,
                     reason="FOI request FOI-2026-0012")
    complaint = closed_complaint(world, travel)
    travel(later(years=7))
    page.context.add_cookies([session_cookie_for(world.clerk.user, live_server.url)])

    page.goto("/dashboard")
    page.get_by_role("link", name="Retention", exact=True).click()
    expect(page.get_by_role("heading", name="Retention", exact=True)).to_be_visible()
    expect(page.locator("#rules")).to_contain_text("Purge 13 months after the post was taken down")
    expect(page.locator("#due")).to_contain_text(f"Post {purged.pk} by Olly Officer, removed 5 January 2026")
    expect(page.locator("#held")).to_contain_text("FOI request FOI-2026-0012")
    check_accessibility(page, "retention report")

    page.get_by_role("link", name="Run the retention rules now").click()
    expect(page.locator("#run-summary")).to_contain_text("Removed posts: 1")
    expect(page.locator("#run-summary")).to_contain_text("Complaint files: 1")
    check_accessibility(page, "run the retention rules")
    page.get_by_role("button", name="Run the retention rules").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Confirm that the records should be purged and anonymised now")
    check_accessibility(page, "run the retention rules with errors")
    page.get_by_label("Yes, purge and anonymise these records now").check()
    page.get_by_role("button", name="Run the retention rules").click()

    expect(page.locator(".govuk-notification-banner")).to_contain_text("2 records purged or anonymised")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("1 kept under a legal hold")
    expect(page.locator("#held")).to_contain_text(f"Post {held.pk} by Olly Officer")
    check_accessibility(page, "retention report after the run")

    page.goto(f"/posts/{purged.pk}/history")
    expect(page.locator("#post-text")).to_contain_text("Text removed under the retention rules on")
    expect(page.locator("body")).not_to_contain_text("Mrs Jones")
    expect(page.locator("body")).to_contain_text("Defamatory of a resident")
    check_accessibility(page, "purged post history")

    page.goto(f"/posts/{purged.pk}/")
    expect(page.locator("#images")).to_be_visible()
    expect(page.locator("body")).to_contain_text("The image file was removed under the retention rules")
    check_accessibility(page, "purged post")

    page.goto(f"/complaints/{complaint.case.pk}/")
    expect(page.locator("#complaint-text")).to_contain_text("removed under the retention rules")
    expect(page.locator("#case-summary")).to_contain_text("Anonymised")
    expect(page.locator("body")).not_to_contain_text("Rita")
    check_accessibility(page, "anonymised complaint file")
    assert not page.js_errors
