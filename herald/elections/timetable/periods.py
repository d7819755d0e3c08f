"""Pre-election periods: when one starts and ends, and merging periods that overlap.

A period starts at 00:00 on the day the notice of election is published (dissolution for a
general election, the information statement for a referendum) - or, when that date has not
been entered, the statutory latest date - and ends at close of poll, 22:00 on polling day
(configurable: some councils run to the count or declaration). Times are aware datetimes in
Europe/London. DOMAIN.md section 1.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass

from .calendars import require_supported_year
from .deadlines import (
    POLL_CLOSES,
    general_election_dissolution,
    referendum_period_start,
    statutory_notice_latest,
)
from .errors import InvalidTimetableInput, NoticeAfterPollError
from .london import london_datetime
from .text import long_date

THURSDAY = 3


class ElectionKind(enum.StrEnum):
    LOCAL = "local"
    GENERAL = "general"
    REFERENDUM = "referendum"

    @property
    def start_label(self) -> str:
        return _START_LABELS[self]


_START_LABELS = {
    ElectionKind.LOCAL: "notice of election",
    ElectionKind.GENERAL: "dissolution of Parliament",
    ElectionKind.REFERENDUM: "referendum information statement",
}


class WarningCode(enum.StrEnum):
    POLL_NOT_THURSDAY = "poll_not_thursday"
    NOTICE_LATER_THAN_STATUTORY = "notice_later_than_statutory"


@dataclass(frozen=True)
class TimetableWarning:
    """Something unusual but allowed; shown to the Clerk, never a failure."""

    code: WarningCode
    message: str


def polling_day_warnings(poll: dt.date) -> tuple[TimetableWarning, ...]:
    """Warn when polling day is not a Thursday.

    Rule: ordinary local elections are on the first Thursday in May (Representation of the
    People Act 1983 s.37) and general elections are held on Thursdays by convention, but a
    by-election may be held on any day, so this is a warning, not an error. DOMAIN.md section 1.
    """
    if poll.weekday() == THURSDAY:
        return ()
    return (
        TimetableWarning(
            WarningCode.POLL_NOT_THURSDAY,
            f"Polling day ({long_date(poll)}) is not a Thursday. Polls are normally held on a "
            "Thursday; another day is allowed (for example for a by-election), so check the date.",
        ),
    )


def to_kind(kind: ElectionKind | str) -> ElectionKind:
    try:
        return ElectionKind(kind)
    except ValueError:
        choices = ", ".join(k.value for k in ElectionKind)
        raise InvalidTimetableInput(f"Unknown kind of election {kind!r}; use one of {choices}.") from None


def statutory_period_start(
    poll: dt.date, kind: ElectionKind | str = ElectionKind.LOCAL, proclaimed_days: Iterable[dt.date] = ()
) -> dt.date:
    """Latest day a pre-election period can start for this kind of poll.

    Local: `statutory_notice_latest` (25th working day before, England rules). General:
    `general_election_dissolution` (25th working day before, UK-wide rules). Referendum:
    `referendum_period_start` (28 days before). DOMAIN.md section 1.
    """
    kind = to_kind(kind)
    if kind is ElectionKind.LOCAL:
        return statutory_notice_latest(poll, proclaimed_days)
    if kind is ElectionKind.GENERAL:
        return general_election_dissolution(poll, proclaimed_days)
    return referendum_period_start(poll)


@dataclass(frozen=True)
class ElectionPeriod:
    """One pre-election period: [start, end) as aware Europe/London datetimes."""

    kind: ElectionKind
    poll: dt.date
    start: dt.datetime
    end: dt.datetime
    statutory_start: dt.date
    start_is_computed: bool
    warnings: tuple[TimetableWarning, ...] = ()

    @property
    def start_utc(self) -> dt.datetime:
        return self.start.astimezone(dt.UTC)

    @property
    def end_utc(self) -> dt.datetime:
        return self.end.astimezone(dt.UTC)

    def contains(self, moment: dt.datetime) -> bool:
        """Whether `moment` (aware) is inside the period; close of poll itself is outside."""
        return _within(moment, self.start_utc, self.end_utc)


def election_period(
    poll: dt.date,
    notice_date: dt.date | None = None,
    kind: ElectionKind | str = ElectionKind.LOCAL,
    end_time: dt.time = POLL_CLOSES,
    *,
    end_date: dt.date | None = None,
    proclaimed_days: Iterable[dt.date] = (),
) -> ElectionPeriod:
    """The pre-election period for a poll.

    Rule: Code of Recommended Practice on Local Authority Publicity (2011), applied by Local
    Government Act 1986 s.4, asks for extra care during election periods; the period runs from
    the notice of election (dissolution for a general election; for a neighbourhood-planning
    referendum the 28 days of SI 2012/2031 reg.5) to close of poll. DOMAIN.md section 1:
    period = [notice_date or statutory latest 00:00, poll 22:00] in Europe/London.

    `notice_date` is the date actually published; when omitted the statutory latest date is
    used and `start_is_computed` is True. A notice date after polling day raises
    `NoticeAfterPollError`; one later than the statutory latest is accepted with a warning, as
    is a polling day that is not a Thursday. `end_time` (default 22:00) and `end_date`
    (default polling day) move the end for councils that run to the count or declaration.
    """
    kind = to_kind(kind)
    if isinstance(poll, dt.datetime) or not isinstance(poll, dt.date):
        raise InvalidTimetableInput(f"Polling day must be a date, not {poll!r}.")
    require_supported_year(poll.year)
    if notice_date is not None:
        if isinstance(notice_date, dt.datetime) or not isinstance(notice_date, dt.date):
            raise InvalidTimetableInput(f"The {kind.start_label} date must be a date, not {notice_date!r}.")
        if notice_date > poll:
            raise NoticeAfterPollError(
                f"The {kind.start_label} date ({long_date(notice_date)}) is after polling day "
                f"({long_date(poll)}).",
                field="notice_date",
                details={"notice_date": notice_date.isoformat(), "poll": poll.isoformat()},
            )
    if not isinstance(end_time, dt.time):
        raise InvalidTimetableInput(f"The end time must be a time of day, not {end_time!r}.", field="end_time")
    if end_date is not None and end_date < poll:
        raise InvalidTimetableInput(
            f"The period cannot end ({long_date(end_date)}) before polling day ({long_date(poll)}).", field="end_date"
        )
    statutory = statutory_period_start(poll, kind, proclaimed_days)
    warnings = list(polling_day_warnings(poll))
    if notice_date is not None and notice_date > statutory:
        warnings.append(
            TimetableWarning(
                WarningCode.NOTICE_LATER_THAN_STATUTORY,
                f"The {kind.start_label} date ({long_date(notice_date)}) is later than the statutory "
                f"latest date ({long_date(statutory)}); check it.",
            )
        )
    start_day = notice_date if notice_date is not None else statutory
    start = london_datetime(start_day, dt.time(0, 0))
    end = london_datetime(end_date or poll, end_time)
    if end.astimezone(dt.UTC) <= start.astimezone(dt.UTC):
        raise InvalidTimetableInput("The period would end before it starts; check the end time.", field="end_time")
    return ElectionPeriod(
        kind=kind,
        poll=poll,
        start=start,
        end=end,
        statutory_start=statutory,
        start_is_computed=notice_date is None,
        warnings=tuple(warnings),
    )


@dataclass(frozen=True)
class MergedPeriod:
    """Periods that overlap or touch, merged into one span of closure."""

    start: dt.datetime
    end: dt.datetime
    periods: tuple[ElectionPeriod, ...]

    def contains(self, moment: dt.datetime) -> bool:
        return _within(moment, self.start.astimezone(dt.UTC), self.end.astimezone(dt.UTC))


def merge_periods(periods: Iterable[ElectionPeriod]) -> tuple[MergedPeriod, ...]:
    """Merge periods that overlap or touch into spans, in time order.

    Rule: issue 4 ("overlapping periods (merged)") - e.g. a general election and a parish
    by-election: official channels stay closed from the earliest start to the latest end of
    periods that overlap. Periods separated by a gap stay separate.
    """
    # Compare in UTC: aware datetimes sharing a tzinfo compare by wall-clock time in Python.
    ordered = sorted(periods, key=lambda p: (p.start_utc, p.end_utc))
    merged: list[MergedPeriod] = []
    for period in ordered:
        if merged and period.start_utc <= merged[-1].end.astimezone(dt.UTC):
            last = merged[-1]
            end = max(last.end, period.end, key=lambda moment: moment.astimezone(dt.UTC))
            merged[-1] = MergedPeriod(last.start, end, last.periods + (period,))
        else:
            merged.append(MergedPeriod(period.start, period.end, (period,)))
    return tuple(merged)


def _within(moment: dt.datetime, start_utc: dt.datetime, end_utc: dt.datetime) -> bool:
    if not isinstance(moment, dt.datetime) or moment.tzinfo is None or moment.utcoffset() is None:
        raise InvalidTimetableInput("Give an aware datetime (with a time zone).")
    return start_utc <= moment.astimezone(dt.UTC) < end_utc


__all__ = [
    "ElectionKind",
    "ElectionPeriod",
    "MergedPeriod",
    "TimetableWarning",
    "WarningCode",
    "election_period",
    "merge_periods",
    "polling_day_warnings",
    "statutory_period_start",
    "to_kind",
]
