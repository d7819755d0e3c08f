"""Reads of the Elections register and of pre-election periods (always for one council)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch

from herald.core import clock
from herald.councils.models import Council
from herald.elections.models import Election, Kind, PreElectionPeriod, Status
from herald.elections.timetable import (
    LAST_SUPPORTED_YEAR,
    clock_time,
    first_thursday_in_may,
    long_date,
)

def _scheduled() -> Prefetch:
    return Prefetch("elections", queryset=Election.objects.filter(status=Status.SCHEDULED)
                    .prefetch_related("channels").order_by("polling_day", "pk"))


def election_list(*, council: Council, include_cancelled: bool = True) -> list[Election]:
    qs = Election.objects.filter(council=council).select_related("period").order_by("-polling_day", "-pk")
    if not include_cancelled:
        qs = qs.filter(status=Status.SCHEDULED)
    return list(qs)


def period_current(*, council: Council, at: dt.datetime | None = None) -> PreElectionPeriod | None:
    """The period in force at `at` (default now): starts_at <= at < ends_at."""
    at = at or clock.now()
    return (PreElectionPeriod.objects.filter(council=council, starts_at__lte=at, ends_at__gt=at)
            .select_related("council").prefetch_related(_scheduled()).order_by("starts_at").first())


def period_closing_channel(*, channel, at: dt.datetime | None = None) -> PreElectionPeriod | None:
    """The period that closes `channel` at `at` (default now), or None when it is open.

    Only official channels close, and only during the span of a scheduled election that affects
    them (all official channels, or the ones chosen in the register)."""
    at = at or clock.now()
    if not channel.official:
        return None
    period = period_current(council=channel.council, at=at)
    return period if period is not None and period.closes(channel, at) else None


def period_next(*, council: Council, at: dt.datetime | None = None) -> PreElectionPeriod | None:
    """The next period to start after `at` (default now)."""
    at = at or clock.now()
    return (PreElectionPeriod.objects.filter(council=council, starts_at__gt=at)
            .prefetch_related(_scheduled()).order_by("starts_at").first())


def period_list(*, council: Council) -> list[PreElectionPeriod]:
    """Every period of the council, earliest first, with its scheduled elections."""
    return list(PreElectionPeriod.objects.filter(council=council).prefetch_related(_scheduled()).order_by("starts_at"))


@dataclass(frozen=True)
class PeriodCalendar:
    past: list[PreElectionPeriod]
    current: PreElectionPeriod | None
    upcoming: list[PreElectionPeriod]


def period_calendar(*, council: Council, at: dt.datetime | None = None) -> PeriodCalendar:
    at = at or clock.now()
    periods = period_list(council=council)
    current = next((p for p in periods if p.starts_at <= at < p.ends_at), None)
    return PeriodCalendar(past=[p for p in periods if p.ends_at <= at][::-1], current=current,
                          upcoming=[p for p in periods if p.starts_at > at])


def moment_text(moment: dt.datetime) -> str:
    """'10pm on Thursday 6 May 2027' / 'the start of Wednesday 31 March 2027' (UK time)."""
    local = moment.astimezone(clock.LONDON)
    if local.hour == 0 and local.minute == 0:
        return f"the start of {long_date(local.date())}"
    return f"{clock_time(local.time())} on {long_date(local.date())}"


@dataclass(frozen=True)
class PeriodStatus:
    council: Council
    current: PreElectionPeriod | None
    next: PreElectionPeriod | None

    @property
    def summary(self) -> str:
        if self.current is not None:
            scope = ("all official channels" if self.current.covers_all_channels else "these official channels: "
                     + ", ".join(sorted({c.name for e in self.current.elections.all() for c in e.channels.all()})))
            return (f"A pre-election period is in force: pre-election rules apply until "
                    f"{moment_text(self.current.ends_at)} (UK time), closing {scope}.")
        if self.next is not None:
            return (f"No pre-election period is in force. The next starts at {moment_text(self.next.starts_at)} "
                    f"and runs until {moment_text(self.next.ends_at)} (UK time).")
        return "No pre-election period is in force, and none is in the register."


def period_status(*, council: Council, at: dt.datetime | None = None) -> PeriodStatus:
    at = at or clock.now()
    return PeriodStatus(council, period_current(council=council, at=at), period_next(council=council, at=at))


def ordinary_polling_day_next(*, council: Council, today: dt.date | None = None) -> dt.date | None:
    """The polling day to suggest for a new scheduled local election: the first Thursday in May.

    Ordinary local elections are on the first Thursday in May (Representation of the People Act
    1983 s.37), for parish and town councils every four years. When the register already holds
    a scheduled local election, the suggestion is four years after the latest one (skipping
    cycles already past); otherwise it is the next first Thursday in May still to come.
    """
    today = today or clock.today_in_london()
    last = (Election.objects.filter(council=council, kind=Kind.LOCAL, status=Status.SCHEDULED)
            .order_by("-polling_day").first())
    if last is not None:
        year = last.polling_day.year + 4
        while first_thursday_in_may(year) <= today:
            year += 4
    else:
        year = today.year if first_thursday_in_may(today.year) > today else today.year + 1
    return first_thursday_in_may(year) if year <= LAST_SUPPORTED_YEAR else None


def election_warnings(*, election: Election) -> list[str]:
    """Unusual but allowed things about an election, in plain English, for the Clerk to check."""
    warnings: list[str] = []
    poll = election.polling_day
    if poll.weekday() != 3:
        warnings.append(f"Polling day ({long_date(poll)}) is not a Thursday. Polls are normally held on a Thursday; "
                        "check the date.")
    if election.kind == Kind.LOCAL and poll != first_thursday_in_may(poll.year):
        warnings.append(f"Scheduled local elections are normally on the first Thursday in May "
                        f"({long_date(first_thursday_in_may(poll.year))}). Check the date unless the poll was moved "
                        "(for example to combine it with a general election).")
    start = election.start_date
    if start is not None and start > election.statutory_start:
        warnings.append(f"The {election.start_label} date ({long_date(start)}) is later than the latest date allowed "
                        f"by law ({long_date(election.statutory_start)}). Check it.")
    return warnings
