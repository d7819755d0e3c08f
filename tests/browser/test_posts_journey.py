"""Posts in the browser: a Member drafts, sees a finding, fixes it and submits; the Clerk approves;
the task worker publishes it on the council news feed; the Clerk takes it down; the archive shows
the whole history. axe-core checks every posts page."""

from __future__ import annotations

from django.core.management import call_command
from playwright.sync_api import expect

from herald.channels.services import channel_decide, channel_propose
from herald.people.services import policy_acknowledge
from herald.posts.models import Post
from tests.browser.conftest import check_accessibility, session_cookie_for
from tests.browser.test_clerk_journey import sign_in

PHONE = "Bin collections change next week. Call Mrs Jones on 07700 900123 with questions."
FIXED = "Bin collections change next week. Call the council office with any questions."


def test_member_drafts_clerk_approves_worker_publishes_clerk_takes_down(page, people, live_server):
    channel = channel_propose(acting_user=people.clerk.user, council=people.council, owner=people.officer,
                              representatives=[people.member], name="Town news", platform="newsfeed", kind="blog",
                              use="council_service", purpose="News from the council.", audience="general",
                              logo_use="uses_logo")
    channel_decide(acting_user=people.clerk.user, channel=channel, action="approve")
    channel_decide(acting_user=people.clerk.user, channel=channel, action="activate")
    policy_acknowledge(acting_user=people.member.user, representative=people.member)

    sign_in(page, people.member.official_email)
    page.get_by_role("link", name="Posts", exact=True).click()
    check_accessibility(page, "your posts")
    page.get_by_role("link", name="Write a post").click()
    page.get_by_role("button", name="Save and screen").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the text of the post")
    check_accessibility(page, "new post with errors")
    page.get_by_label("Text of the post").fill(PHONE)
    page.get_by_label("Town news (Council news feed)").check()
    page.get_by_role("button", name="Save and screen").click()
    expect(page.locator("#findings")).to_contain_text("phone number")
    expect(page.locator("#findings").get_by_role("link", name="tou.1").first).to_have_attribute(
        "href", "/councils/stalbridge/policy#tou.1")
    check_accessibility(page, "post with findings")
    page.get_by_role("link", name="Choose when it is published").click()
    check_accessibility(page, "schedule")
    page.get_by_role("link", name="Back").click()
    page.get_by_role("link", name="Change the post").click()
    check_accessibility(page, "change post")
    page.get_by_label("Text of the post").fill(FIXED)
    page.get_by_role("button", name="Save and screen").click()
    expect(page.locator("#findings")).to_contain_text("Screening found nothing")
    page.get_by_role("button", name="Submit the post").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The Clerk will review it")
    expect(page.get_by_role("button", name="Withdraw it to make changes")).to_be_visible()
    check_accessibility(page, "submitted post")
    page.get_by_role("button", name="Sign out").click()

    page.context.add_cookies([session_cookie_for(people.clerk.user, live_server.url)])
    page.goto("/dashboard")
    page.locator("#posts-awaiting-review").get_by_role("link").click()
    check_accessibility(page, "review queue")
    page.locator("#review-queue").get_by_role("link", name="Bin collections").click()
    check_accessibility(page, "post for review")
    page.get_by_role("link", name="Confirm a pre-election exception").click()
    check_accessibility(page, "pre-election exception")
    page.get_by_role("link", name="Back").click()
    page.get_by_role("link", name="Approve").click()
    check_accessibility(page, "approve post")
    page.get_by_role("button", name="Approve").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("done")

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    page.reload()
    expect(page.locator("#publications")).to_contain_text("Published")
    page.goto("/councils/stalbridge/news")
    expect(page.locator("article")).to_contain_text(FIXED)
    page.go_back()
    page.get_by_role("link", name="Take down").click()
    page.get_by_role("button", name="Take down").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the reason")
    check_accessibility(page, "take down with errors")
    page.get_by_label("Reason").fill("Superseded by the new timetable")
    page.get_by_role("button", name="Take down").click()
    expect(page.get_by_role("heading", name="History")).to_contain_text("Removed")
    expect(page.locator("main")).to_contain_text("Superseded by the new timetable")
    expect(page.locator("#post-events")).to_contain_text("Post published on a channel")
    check_accessibility(page, "post history")
    page.goto("/posts/archive")
    page.get_by_label("Search text").fill("bin collections")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("#archive")).to_contain_text("Bin collections change next week")
    check_accessibility(page, "archive")
    assert Post.objects.get().state == "removed"
    page.goto("/councils/stalbridge/news")
    expect(page.locator("main")).not_to_contain_text(FIXED)
