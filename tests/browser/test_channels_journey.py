"""Channels in the browser: an officer proposes, the Clerk approves and checks; the public pages."""

from __future__ import annotations

from playwright.sync_api import expect

from herald.channels.connect import connector_for
from herald.channels.models import Channel
from herald.connectors.base import Publishable
from tests.browser.conftest import check_accessibility, session_cookie_for
from tests.browser.test_clerk_journey import sign_in


def test_officer_proposes_and_clerk_approves_a_news_channel(page, people, live_server):
    sign_in(page, people.officer.official_email)
    page.get_by_role("link", name="Channels", exact=True).click()
    check_accessibility(page, "channels list")
    page.get_by_role("link", name="Propose a channel").click()
    page.get_by_role("button", name="Propose channel").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a name for the channel")
    check_accessibility(page, "propose channel with errors")
    page.get_by_label("Name of the channel").fill("Stalbridge news")
    page.get_by_label("Council news feed").check()
    page.get_by_label("Blog", exact=True).check()
    page.get_by_label("What is it for?").fill("News about council services and events.")
    page.get_by_label("Uses the Council's logo").check()
    page.get_by_role("button", name="Propose channel").click()
    expect(page.get_by_role("heading", name="Stalbridge news")).to_contain_text("Proposed")
    check_accessibility(page, "proposed channel")
    page.get_by_role("button", name="Sign out").click()

    # The Clerk (two-factor done through the session for brevity: the sign-in journey is tested elsewhere).
    page.context.add_cookies([session_cookie_for(people.clerk.user, live_server.url)])
    page.goto("/dashboard")
    expect(page.locator("#channel-attention")).to_contain_text("Stalbridge news")
    page.get_by_role("link", name="Stalbridge news").first.click()
    page.get_by_role("link", name="Approve").click()
    check_accessibility(page, "approve channel")
    page.get_by_role("button", name="Approve").click()
    page.get_by_role("link", name="Make active").click()
    page.get_by_role("button", name="Make active").click()
    page.get_by_role("button", name="Run the checks now").click()
    expect(page.locator("#compliance-results")).to_contain_text("ident.2")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Every identification check passed")
    check_accessibility(page, "channel with checks")


def test_public_channel_and_news_pages(page, people):
    from herald.channels.services import channel_decide, channel_propose

    channel = channel_propose(acting_user=people.clerk.user, council=people.council, owner=people.officer,
                              name="Town news", platform="newsfeed", kind="blog", use="council_service",
                              purpose="News from the council.", audience="general", logo_use="uses_logo")
    channel_decide(acting_user=people.clerk.user, channel=channel, action="approve")
    channel_decide(acting_user=people.clerk.user, channel=channel, action="activate")
    with connector_for(Channel.objects.get(pk=channel.pk)) as feed:
        feed.publish(Publishable(text="The Hub is closed on Monday."), idempotency_key="n1")
    page.goto("/councils/stalbridge/channels/")
    check_accessibility(page, "public channels")
    page.get_by_role("link", name="Town news").click()
    expect(page.locator("#feedback-and-complaints")).to_be_visible()
    check_accessibility(page, "public channel")
    page.goto("/councils/stalbridge/news")
    expect(page.locator("article")).to_contain_text("The Hub is closed on Monday.")
    check_accessibility(page, "news")
