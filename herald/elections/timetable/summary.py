"""The statutory dates for one poll, gathered for people to read (the CLI, later the web UI)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .calendars import local_england_calendar, uk_general_election_calendar
from .deadlines import (
    POLL_CLOSES,
    POLL_OPENS,
    REFERENDUM_RESTRICTION_DAYS,
    close_of_nominations,
    general_election_close_of_nominations,
    notice_of_poll_latest,
)
from .london import LONDON
from .periods import ElectionKind, ElectionPeriod, election_period, to_kind
from .text import clock_time, long_date


@dataclass(frozen=True)
class TimetableEntry:
    label: str
    day: dt.date
    at: dt.time | None = None
    until: dt.time | None = None

    def describe(self) -> str:
        if self.at is not None and self.until is not None:
            return f"{long_date(self.day)}, {clock_time(self.at)} to {clock_time(self.until)}"
        if self.at is not None:
            return f"{clock_time(self.at)} on {long_date(self.day)}"
        return long_date(self.day)


@dataclass(frozen=True)
class StatutoryTimetable:
    kind: ElectionKind
    poll: dt.date
    entries: tuple[TimetableEntry, ...]
    period: ElectionPeriod
    working_days_rule: str

    def lines(self) -> list[str]:
        """The timetable as plain-English lines (dates like 'Monday 30 March 2026')."""
        title = {
            ElectionKind.LOCAL: "Local election",
            ElectionKind.GENERAL: "UK Parliamentary general election",
            ElectionKind.REFERENDUM: "Neighbourhood planning referendum",
        }[self.kind]
        out = [f"{title}: polling day {long_date(self.poll)}", ""]
        width = max(len(e.label) for e in self.entries)
        out += [f"  {e.label.ljust(width)}  {e.describe()}" for e in self.entries]
        period = self.period
        start_local = period.start.astimezone(LONDON)
        end_local = period.end.astimezone(LONDON)
        out += [
            "",
            f"Pre-election period: from the start of {long_date(start_local.date())} "
            f"until {clock_time(end_local.timetz().replace(tzinfo=None))} on {long_date(end_local.date())} (UK time).",
        ]
        label = self.kind.start_label
        if period.start_is_computed:
            out.append(
                f"  The start is the latest date for the {label} allowed by law (computed). "
                f"Enter the actual date with --notice when it is known."
            )
        else:
            out.append(f"  The start is the {label} date entered; the statutory latest date is "
                       f"{long_date(period.statutory_start)}.")
        if self.working_days_rule:
            out.append(f"  Working days: {self.working_days_rule}.")
        out += [f"Warning: {w.message}" for w in period.warnings]
        return out


def statutory_timetable(
    poll: dt.date,
    kind: ElectionKind | str = ElectionKind.LOCAL,
    notice_date: dt.date | None = None,
    *,
    end_time: dt.time = POLL_CLOSES,
    proclaimed_days: Iterable[dt.date] = (),
) -> StatutoryTimetable:
    """The statutory dates for a poll and its pre-election period (see each function cited)."""
    kind = to_kind(kind)
    proclaimed = tuple(proclaimed_days)
    period = election_period(poll, notice_date, kind, end_time, proclaimed_days=proclaimed)
    entries: list[TimetableEntry] = []
    if kind is ElectionKind.LOCAL:
        nominations = close_of_nominations(poll, proclaimed)
        entries += [
            TimetableEntry("Latest date to publish the notice of election", period.statutory_start),
            TimetableEntry("Nominations close", nominations.date(), nominations.timetz().replace(tzinfo=None)),
            TimetableEntry("Latest date to publish the notice of poll", notice_of_poll_latest(poll, proclaimed)),
            TimetableEntry("Polling day", poll, POLL_OPENS, POLL_CLOSES),
        ]
        rule = local_england_calendar(proclaimed).rule
        excluded = "not Saturdays, Sundays, 24 and 25 December, Good Friday, England and Wales bank holidays"
    elif kind is ElectionKind.GENERAL:
        nominations = general_election_close_of_nominations(poll, proclaimed)
        entries += [
            TimetableEntry("Dissolution of Parliament (latest for this polling day)", period.statutory_start),
            TimetableEntry("Nominations close", nominations.date(), nominations.timetz().replace(tzinfo=None)),
            TimetableEntry("Polling day", poll, POLL_OPENS, POLL_CLOSES),
        ]
        rule = uk_general_election_calendar(proclaimed).rule
        excluded = ("not Saturdays, Sundays, 24 and 25 December, Good Friday, "
                    "bank holidays in any part of the UK")
    else:
        entries += [
            TimetableEntry(
                f"Publicity restrictions start ({REFERENDUM_RESTRICTION_DAYS} days before)", period.statutory_start
            ),
            TimetableEntry("Referendum day", poll, POLL_OPENS, POLL_CLOSES),
        ]
        rule, excluded = "", ""
    if notice_date is not None:
        entries.insert(0, TimetableEntry(f"Date of the {kind.start_label} (entered)", notice_date))
    if proclaimed:
        excluded += ", proclaimed days " + ", ".join(long_date(d) for d in sorted(proclaimed))
    return StatutoryTimetable(
        kind=kind,
        poll=poll,
        entries=tuple(entries),
        period=period,
        working_days_rule=f"{excluded} ({rule})" if rule else "",
    )
