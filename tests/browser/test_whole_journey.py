"""The whole journey (issue 9), in Chromium against the real local Bluesky PDS and the real task worker:

an officer proposes a Bluesky channel and the Clerk approves it; a Member drafts a post with a
resident's phone number, sees the finding, fixes it and submits; the Clerk approves; the worker
publishes it to the PDS; a resident pastes the post's Bluesky link into a complaint; the Clerk
upholds it, the post is removed from the PDS and the Member suspended; then a post the officer
scheduled is held by a pre-election period the Clerk enters, and goes out when the period ends.

Each person signs in with a password (the Clerk's two-factor step is tested in test_clerk_journey,
so the Clerk's session is made directly). axe-core checks the pages this journey adds.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from herald.core import clock
from herald.people.selectors import publishing_rights
from herald.posts.models import Post, Publication, State
from herald.records.audit import audit_verify
from tests.browser.conftest import check_accessibility, session_cookie_for
from tests.browser.test_clerk_journey import sign_in
from tests.connectors.fixtures import fresh_pds_account, local_pds  # noqa: F401  (fixtures)
from tests.connectors.test_bluesky_pds import list_posts

pytestmark = [pytest.mark.pds]

PHONE = "Bin collections change next week. Call Mrs Jones on 07700 900123 with questions."
FIXED = "Bin collections change next week. Call the council office with any questions."
LATER = "The Hub is closed on Friday for the floor to be repaired."


def as_clerk(page, people, live_server) -> None:
    page.context.clear_cookies()
    page.context.add_cookies([session_cookie_for(people.clerk.user, live_server.url)])


def work() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def texts_on_pds(pds, did) -> list[str]:
    return [record["value"]["text"] for record in list_posts(pds, did)]


def next_thursday(after: dt.date) -> dt.date:
    return after + dt.timedelta(days=(3 - after.weekday()) % 7 or 7)


def fill_date(page, name: str, day: dt.date | None) -> None:
    page.locator(f"#id_{name}").fill(str(day.day) if day else "")
    page.locator(f"#id_{name}_1").fill(str(day.month) if day else "")
    page.locator(f"#id_{name}_2").fill(str(day.year) if day else "")


def test_the_whole_journey_on_the_real_pds(page, people, live_server, local_pds, fresh_pds_account, settings,
                                           monkeypatch):
    settings.HERALD_CONNECTOR_BACKENDS = {}  # the real Bluesky connector
    account = fresh_pds_account

    # 1. An officer proposes the channel, naming the Member as someone who may post on it.
    sign_in(page, people.officer.official_email)
    page.get_by_role("link", name="Channels", exact=True).click()
    page.get_by_role("link", name="Propose a channel").click()
    page.get_by_label("Name of the channel").fill("Stalbridge on Bluesky")
    page.get_by_label("Bluesky", exact=True).check()
    page.get_by_label("Micro-blogging").check()
    page.get_by_label("What is it for?").fill("News about council services and events.")
    page.get_by_label("Account handle (optional until it is set up)").fill(account.handle)
    page.get_by_label("Email address the account is registered with (optional)").fill(
        "news@stalbridgetowncouncil.gov.uk")
    page.get_by_label("Server address (optional)").fill(local_pds.url)
    page.get_by_label("Uses the Council's logo").check()
    page.get_by_label("Cllr Member").check()
    page.get_by_role("button", name="Propose channel").click()
    expect(page.get_by_role("heading", name="Stalbridge on Bluesky")).to_contain_text("Proposed")
    page.get_by_role("button", name="Sign out").click()

    # 2. The Clerk approves it, enters the app password and makes it active.
    as_clerk(page, people, live_server)
    page.goto("/dashboard")
    page.locator("#channel-attention").get_by_role("link", name="Stalbridge on Bluesky").click()
    page.get_by_role("link", name="Approve").click()
    page.get_by_role("button", name="Approve").click()
    page.get_by_role("link", name="Set credentials").click()
    page.get_by_label("App password or access token").fill(account.password)
    page.get_by_role("button", name="Save credentials").click()
    page.get_by_role("link", name="Make active").click()
    page.get_by_role("button", name="Make active").click()
    expect(page.get_by_role("heading", name="Stalbridge on Bluesky")).to_contain_text("Active")
    expect(page.locator("main")).not_to_contain_text(account.password)
    page.get_by_role("button", name="Sign out").click()

    # 3. The Member acknowledges the policy, drafts a post with a resident's phone number, sees the
    #    finding, fixes it and submits it for review.
    sign_in(page, people.member.official_email)
    page.get_by_role("button", name="I have read and will follow the policy").click()
    page.get_by_role("link", name="Posts", exact=True).click()
    page.get_by_role("link", name="Write a post").click()
    page.get_by_label("Text of the post").fill(PHONE)
    page.get_by_label("Stalbridge on Bluesky (Bluesky)").check()
    page.get_by_role("button", name="Save and screen").click()
    expect(page.locator("#findings")).to_contain_text("phone number")
    page.get_by_role("link", name="Change the post").click()
    page.get_by_label("Text of the post").fill(FIXED)
    page.get_by_role("button", name="Save and screen").click()
    expect(page.locator("#findings")).to_contain_text("Screening found nothing")
    page.get_by_role("button", name="Submit the post").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The Clerk will review it")
    page.get_by_role("button", name="Sign out").click()
    post = Post.objects.get(text=FIXED)
    assert texts_on_pds(local_pds, account.did) == []  # nothing goes out before the Clerk approves

    # 4. The Clerk approves it; the task worker publishes it to the PDS.
    as_clerk(page, people, live_server)
    page.goto("/posts/review")
    page.locator("#review-queue").get_by_role("link", name="Bin collections").click()
    page.get_by_role("link", name="Approve").click()
    page.get_by_role("button", name="Approve").click()
    work()
    page.reload()
    expect(page.locator("#publications")).to_contain_text("Published")
    assert texts_on_pds(local_pds, account.did) == [FIXED]
    record = list_posts(local_pds, account.did)[0]
    rkey = record["uri"].rsplit("/", 1)[1]

    # 5. A resident (no account) finds the channel's page and complains, pasting the post's link
    #    as Bluesky shows it (with the account's handle).
    page.context.clear_cookies()
    page.goto("/councils/stalbridge/channels/")
    page.get_by_role("link", name="Stalbridge on Bluesky").click()
    expect(page.locator("#recent-posts")).to_be_visible()
    check_accessibility(page, "public channel with recent posts")
    page.get_by_role("link", name="Make a complaint").click()
    page.get_by_label("Something the council published (a post)").check()
    page.get_by_label("Which post, or who is it about? (optional for a channel)").fill(
        f"https://bsky.app/profile/{account.handle}/post/{rkey}")
    page.get_by_label("Your complaint").fill("This post gives the wrong week: my bins were not collected.")
    page.get_by_label("Your full name").fill("Rita Resident")
    page.get_by_label("Email address").fill("rita@example.com")
    page.get_by_label("No, you may tell them who I am").check()
    page.get_by_role("button", name="Send the complaint").click()
    expect(page.get_by_role("heading", name="Complaint sent")).to_be_visible()
    reference = page.locator("#reference").inner_text()

    # 6. The Clerk upholds it, removes the post (gone from the PDS) and suspends the Member.
    as_clerk(page, people, live_server)
    page.goto("/complaints/")
    page.get_by_role("link", name=reference).click()
    expect(page.locator("main")).to_contain_text(f"Post {post.pk} by Cllr Member (published)")  # the link found it
    page.get_by_role("link", name="Decide the complaint").click()
    page.get_by_label("Upheld", exact=True).check()
    page.get_by_label("Reasons").fill("The post gave the wrong week.")
    page.get_by_role("button", name="Send the decision").click()
    page.get_by_role("link", name="Remove the post").click()
    page.get_by_label("Reason").fill("Inaccurate: upheld complaint.")
    page.get_by_role("button", name="Remove the post").click()
    expect(page.locator("#enforcement")).to_contain_text("taken down")
    assert texts_on_pds(local_pds, account.did) == []
    until = clock.today_in_london() + dt.timedelta(days=14)
    page.get_by_role("link", name="Suspend publishing rights").click()
    page.get_by_label("Reason").fill("Published an inaccurate post.")
    fill_date(page, "until", until)
    page.get_by_role("button", name="Suspend publishing rights").click()
    expect(page.locator("#enforcement")).to_contain_text("suspended until")
    check_accessibility(page, "case after enforcement")
    post.refresh_from_db()
    assert post.state == State.REMOVED and not publishing_rights(representative=people.member).active
    page.get_by_role("button", name="Sign out").click()

    # The suspended Member cannot submit any more.
    sign_in(page, people.member.official_email)
    page.get_by_role("link", name="Posts", exact=True).click()
    page.get_by_role("link", name="Write a post").click()
    page.get_by_label("Text of the post").fill(LATER)
    page.get_by_label("Stalbridge on Bluesky (Bluesky)").check()
    page.get_by_role("button", name="Save and screen").click()
    page.get_by_role("button", name="Submit the post").click()
    expect(page.locator("main")).to_contain_text(
        f"Publishing rights: suspended until midnight at the start of {clock.format_date(until)}. The post cannot "
        "be published.")
    page.get_by_role("button", name="Sign out").click()

    # 7. The officer schedules a post for tomorrow morning; it is accepted (no period yet).
    tomorrow = clock.today_in_london() + dt.timedelta(days=1)
    sign_in(page, people.officer.official_email)
    page.get_by_role("button", name="I have read and will follow the policy").click()
    page.get_by_role("link", name="Posts", exact=True).click()
    page.get_by_role("link", name="Write a post").click()
    page.get_by_label("Text of the post").fill("Parish council meeting on Tuesday at 7pm in the Pavilion.")
    page.get_by_label("Stalbridge on Bluesky (Bluesky)").check()
    page.get_by_role("button", name="Save and screen").click()
    page.get_by_role("link", name="Choose when it is published").click()
    fill_date(page, "day", tomorrow)
    page.get_by_label("Time (UK time)").fill("09:00")
    page.get_by_role("button", name="Save the time").click()
    page.get_by_role("button", name="Submit the post").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The post is scheduled")
    page.get_by_role("button", name="Sign out").click()
    scheduled = Post.objects.get(text__startswith="Parish council meeting")
    assert scheduled.state == State.SCHEDULED

    # 8. The Clerk enters a by-election whose pre-election period starts today.
    polling_day = next_thursday(clock.today_in_london() + dt.timedelta(days=14))
    as_clerk(page, people, live_server)
    page.goto("/elections/")
    page.get_by_role("link", name="Add an election").click()
    page.get_by_label("By-election").check()
    fill_date(page, "polling_day", polling_day)
    fill_date(page, "notice_date", clock.today_in_london())
    page.get_by_label("Area (optional)").fill("Stalbridge East ward")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#period")).to_contain_text(clock.format_date(polling_day))

    # 9. At 09:01 tomorrow the worker holds the post instead of publishing it.
    at_nine = dt.datetime.combine(tomorrow, dt.time(9, 1), tzinfo=clock.LONDON)
    monkeypatch.setattr("django.utils.timezone.now", lambda: at_nine)
    work()
    publication = Publication.objects.get(post=scheduled)
    assert publication.state == "held", (publication.state, publication.last_error_message)
    assert texts_on_pds(local_pds, account.did) == []
    as_clerk(page, people, live_server)  # a session made at the new time
    page.goto(f"/posts/{scheduled.pk}")
    expect(page.locator("#publications")).to_contain_text("Held for the pre-election period until")
    check_accessibility(page, "held post")

    # 10. After the period ends, it goes out, once.
    after = publication.held_until + dt.timedelta(minutes=1)
    monkeypatch.setattr("django.utils.timezone.now", lambda: after)
    work()
    work()
    assert texts_on_pds(local_pds, account.did) == ["Parish council meeting on Tuesday at 7pm in the Pavilion."]
    assert Publication.objects.get(pk=publication.pk).state == "published"
    assert audit_verify(council=people.council) is None
    assert not page.js_errors, page.js_errors
