"""The Clerk keeps the Elections register; representatives read the calendar. axe-core on every elections page."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import expect

from herald.core import clock
from herald.elections.services import election_create
from tests.browser.conftest import check_accessibility


def use_session(page, client, live_server) -> None:
    """Give the browser the test client's session (signed in, two-factor done)."""
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                               "url": live_server.url}])


def fill_date(page, name: str, day: str, month: str, year: str) -> None:
    page.locator(f"#id_{name}").fill(day)
    page.locator(f"#id_{name}_1").fill(month)
    page.locator(f"#id_{name}_2").fill(year)


def test_clerk_adds_a_local_election_and_sees_the_computed_notice_date(page, people, signed_in, live_server):
    use_session(page, signed_in(people.clerk), live_server)
    page.goto("/dashboard")
    page.get_by_role("link", name="Elections", exact=True).click()
    expect(page.get_by_role("heading", name="Elections register")).to_be_visible()
    check_accessibility(page, "elections register (empty)")

    page.get_by_role("link", name="Add an election").click()
    expect(page.get_by_label("Scheduled local election")).to_be_checked()
    check_accessibility(page, "add an election")

    # Bad input first: a notice date after polling day.
    fill_date(page, "polling_day", "6", "5", "2027")
    fill_date(page, "notice_date", "7", "5", "2027")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("is after polling day")
    check_accessibility(page, "add an election with errors")
    page.locator(".govuk-error-summary a").first.click()
    expect(page.locator("#id_notice_date")).to_be_focused()

    # A Tuesday needs confirming for a scheduled local election.
    fill_date(page, "notice_date", "", "", "")
    fill_date(page, "polling_day", "4", "5", "2027")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("is not a Thursday")
    expect(page.get_by_label("Yes, this polling day is right")).to_be_visible()
    check_accessibility(page, "confirm polling day")

    fill_date(page, "polling_day", "6", "5", "2027")
    page.get_by_label("Area (optional)").fill("Whole council")
    page.get_by_label("Candidates (optional)").fill("Ann Smith\nBob Jones")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("heading", name="Scheduled local election (Whole council), Thursday 6 May 2027")).to_be_visible()
    expect(page.locator("#start-date")).to_contain_text("Wednesday 31 March 2027")
    expect(page.locator("#start-date")).to_contain_text("Computed")
    expect(page.locator("#period")).to_contain_text(
        "From the start of Wednesday 31 March 2027 until 10pm on Thursday 6 May 2027 (UK time)")
    check_accessibility(page, "election")

    page.get_by_role("link", name="Change details").click()
    fill_date(page, "notice_date", "26", "3", "2027")
    check_accessibility(page, "change an election")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#start-date")).to_contain_text("Friday 26 March 2027")
    expect(page.locator("#start-date")).to_contain_text("Published")

    page.get_by_role("link", name="Cancel election").click()
    check_accessibility(page, "cancel an election")
    page.get_by_role("button", name="Cancel election").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why the election is cancelled")
    check_accessibility(page, "cancel an election with errors")

    page.get_by_role("link", name="Back").click()
    page.get_by_role("link", name="Back to the elections register").click()
    expect(page.locator("table")).to_contain_text("Thursday 6 May 2027")
    check_accessibility(page, "elections register")
    page.get_by_role("link", name="Calendar of pre-election periods").click()
    expect(page.locator("#upcoming-periods")).to_contain_text("The start of Friday 26 March 2027")
    expect(page.locator("#upcoming-periods")).to_contain_text("10pm on Thursday 6 May 2027")
    check_accessibility(page, "elections calendar")
    assert not page.js_errors, page.js_errors


def test_member_reads_the_calendar_during_a_period(page, people, signed_in, live_server):
    today = clock.today_in_london()
    election_create(acting_user=people.clerk.user, council=people.council, kind="by_election",
                    polling_day=today + dt.timedelta(days=10), notice_date=today - dt.timedelta(days=3),
                    area="Stalbridge East ward")
    use_session(page, signed_in(people.member), live_server)
    page.goto("/elections/calendar")
    expect(page.locator("#current-period")).to_contain_text("Pre-election rules apply until 10pm on")
    expect(page.locator("#current-period")).to_contain_text("By-election (Stalbridge East ward)")
    check_accessibility(page, "elections calendar during a period")
    expect(page.get_by_role("link", name="Elections", exact=True)).to_have_count(0)
    assert not page.js_errors, page.js_errors
