"""The public iCalendar feed of pre-election periods: parses with `icalendar`, right instants across clock changes."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from herald.elections import services
from herald.elections.models import PreElectionPeriod

UTC = dt.UTC


def add(people, **kwargs):
    kwargs.setdefault("kind", "local")
    return services.election_create(acting_user=people.clerk.user, council=people.council, **kwargs)


def feed(client, slug="stalbridge") -> tuple[object, Calendar]:
    response = client.get(f"/councils/{slug}/elections.ics")
    return response, Calendar.from_ical(response.content)


def events(calendar: Calendar) -> list:
    return sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))


def test_feed_is_public_and_parses(client, people):
    add(people, polling_day=dt.date(2027, 5, 6), area="Whole council")
    response, calendar = feed(client)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="stalbridge-elections.ics"' in response["Content-Disposition"]
    assert response.content.startswith(b"BEGIN:VCALENDAR\r\n") and response.content.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in response.content.split(b"\r\n"))  # RFC 5545 3.1 folding
    assert calendar["VERSION"] == "2.0" and "Herald" in str(calendar["PRODID"])
    assert str(calendar["X-WR-CALNAME"]) == "Stalbridge Town Council: pre-election periods"
    (event,) = events(calendar)
    period = PreElectionPeriod.objects.get()
    assert str(event["UID"]) == f"pre-election-period-{period.pk}.stalbridge@herald"
    assert str(event["SUMMARY"]) == "Pre-election period: Scheduled local election (Whole council)"
    description = str(event["DESCRIPTION"])
    assert "from the start of Wednesday 31 March 2027 until 10pm on Thursday 6 May 2027 (UK time)" in description
    assert "notice of election: Wednesday 31 March 2027 (computed" in description
    assert event.decoded("dtstamp").tzinfo is not None
    assert event.decoded("sequence") == 0


@pytest.mark.parametrize(("poll", "notice", "start_utc", "end_utc"), [
    # Spring clock change (28 March 2027) before the start: both in BST.
    (dt.date(2027, 5, 6), None, dt.datetime(2027, 3, 30, 23, 0, tzinfo=UTC), dt.datetime(2027, 5, 6, 21, 0, tzinfo=UTC)),
    # Clocks go forward on 31 March 2030, inside the period: start in GMT, end in BST.
    (dt.date(2030, 5, 2), None, dt.datetime(2030, 3, 26, 0, 0, tzinfo=UTC), dt.datetime(2030, 5, 2, 21, 0, tzinfo=UTC)),
    # Clocks go back on 25 October 2026, inside the period: start in BST, end in GMT.
    (dt.date(2026, 11, 12), dt.date(2026, 10, 5), dt.datetime(2026, 10, 4, 23, 0, tzinfo=UTC),
     dt.datetime(2026, 11, 12, 22, 0, tzinfo=UTC)),
])
def test_times_are_right_across_clock_changes(client, people, poll, notice, start_utc, end_utc):
    add(people, kind="by_election", polling_day=poll, notice_date=notice)
    _response, calendar = feed(client)
    (event,) = events(calendar)
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert (start, end) == (start_utc, end_utc)
    assert start.utcoffset() == dt.timedelta(0) and end.utcoffset() == dt.timedelta(0)
    assert event["DTSTART"].to_ical().endswith(b"Z")  # UTC form, no floating times


def test_one_event_per_merged_period(client, people):
    add(people, polling_day=dt.date(2027, 5, 6))
    add(people, kind="by_election", polling_day=dt.date(2027, 5, 20), notice_date=dt.date(2027, 4, 14), area="East")
    add(people, kind="by_election", polling_day=dt.date(2027, 10, 14), area="West")
    _response, calendar = feed(client)
    first, second = events(calendar)
    assert first.decoded("dtend") == dt.datetime(2027, 5, 20, 21, 0, tzinfo=UTC)
    assert str(first["SUMMARY"]) == "Pre-election period: Scheduled local election; By-election (East)"
    assert first.decoded("sequence") == 1  # moved once, so calendar clients update it
    assert str(second["SUMMARY"]) == "Pre-election period: By-election (West)"
    assert len({str(e["UID"]) for e in (first, second)}) == 2


def test_cancelled_elections_leave_the_feed(client, people):
    election = add(people, polling_day=dt.date(2099, 5, 7))
    services.election_cancel(acting_user=people.clerk.user, election=election, reason="Abolished")
    _response, calendar = feed(client)
    assert events(calendar) == []


def test_feed_is_per_council(client, people, other_people):
    add(people, polling_day=dt.date(2027, 5, 6), area="Stalbridge")
    _response, calendar = feed(client, "milborne")
    assert events(calendar) == [] and "Milborne" in str(calendar["X-WR-CALNAME"])
    assert client.get("/councils/nowhere/elections.ics").status_code == 404


def test_user_text_cannot_break_the_feed(client, people):
    add(people, polling_day=dt.date(2027, 5, 6), area="East;\r\nEND:VEVENT\r\nBEGIN:VEVENT,")
    response, calendar = feed(client)
    (event,) = events(calendar)
    assert response.content.count(b"BEGIN:VEVENT") == 1
    assert "East; END:VEVENT BEGIN:VEVENT," in str(event["SUMMARY"])
