"""The council's pre-election periods as an iCalendar feed (RFC 5545), built with `icalendar`.

One VEVENT per period, times in UTC (calendar applications show them in local time, so the
clock changes at the end of March and October come out right), UID stable for the period.
No METHOD: this is a published calendar, not a scheduling message, so DTSTAMP is when the
period was last revised and the feed is the same until the register changes.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from herald.councils.models import Council
from herald.elections.models import PreElectionPeriod
from herald.elections.selectors import moment_text, period_list
from herald.elections.timetable import long_date

PRODID = "-//Herald//Pre-election periods//EN"


def period_uid(period: PreElectionPeriod) -> str:
    return f"pre-election-period-{period.pk}.{period.council.slug}@herald"


def _name(election) -> str:
    return election.get_kind_display() + (f" ({election.area})" if election.area else "")


def period_summary(period: PreElectionPeriod) -> str:
    names = "; ".join(dict.fromkeys(_name(e) for e in period.elections.all()))
    return f"Pre-election period: {names}" if names else "Pre-election period"


def period_description(period: PreElectionPeriod, council: Council) -> str:
    lines = [f"Pre-election rules apply to {council.name}'s official social media from "
             f"{moment_text(period.starts_at)} until {moment_text(period.ends_at)} (UK time)."]
    for election in period.elections.all():
        start = (f"{election.start_label}: {long_date(election.period_start_date)}"
                 + (" (computed: the latest date allowed by law)" if election.start_is_computed else ""))
        lines.append(f"{_name(election)}: polling day {long_date(election.polling_day)}; {start}.")
    return "\n".join(lines)


def council_calendar(*, council: Council) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{council.name}: pre-election periods")
    cal.add("x-wr-timezone", "Europe/London")
    for period in period_list(council=council):
        period.council = council
        event = Event()
        event.add("uid", period_uid(period))
        event.add("dtstamp", period.updated_at.astimezone(dt.UTC))
        event.add("last-modified", period.updated_at.astimezone(dt.UTC))
        event.add("created", period.created_at.astimezone(dt.UTC))
        event.add("sequence", period.sequence)
        event.add("dtstart", period.starts_at.astimezone(dt.UTC))
        event.add("dtend", period.ends_at.astimezone(dt.UTC))
        event.add("summary", period_summary(period))
        event.add("description", period_description(period, council))
        event.add("status", "CONFIRMED")
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()


def calendar_filename(council: Council) -> str:
    return f"{council.slug}-elections.ics"

