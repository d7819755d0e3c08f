"""Working-day calendars and counting working days.

A `WorkingDayCalendar` says which days do not count ("are disregarded") for one family of
statutory deadlines. Four are defined, each citing the rule it follows:

* `local_england_calendar` - local elections in England;
* `uk_general_election_calendar` - UK Parliamentary general elections;
* `foi_calendar` - Freedom of Information Act 2000 s.10;
* `complaints_calendar` - the council's complaints procedure (England working days).

Bank holidays come from the `holidays` package (pinned in requirements/elections.txt), asked
for England ("ENG"), Scotland ("SCT") and Northern Ireland ("NIR") separately: without a
subdivision the package leaves out Easter Monday and the August bank holiday for England. The
package lists a holiday that falls at a weekend beside its substitute day; both are excluded.

Only years from `FIRST_SUPPORTED_YEAR` to `LAST_SUPPORTED_YEAR` are supported. Any date
outside raises `UnsupportedYearError` rather than being treated as a year without holidays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

import holidays
from dateutil.easter import easter

from .errors import InvalidTimetableInput, UnsupportedYearError

#: From 1 January 2007 Maundy Thursday stopped being disregarded in election timetables in
#: England, Wales and Scotland (Electoral Administration Act 2006 s.20 and Sch.1 Part 4;
#: SI 2006/3412). Earlier years would need different rules, so they are refused.
FIRST_SUPPORTED_YEAR = 2007
#: The last year the pinned `holidays` package computes United Kingdom holidays for. Future
#: years are the regular statutory pattern; one-off days (a jubilee, a state funeral) are
#: proclaimed later and must be supplied by the caller as proclaimed days.
LAST_SUPPORTED_YEAR = 2100

ENGLAND = "ENG"
SCOTLAND = "SCT"
NORTHERN_IRELAND = "NIR"
UK_PARTS = (ENGLAND, SCOTLAND, NORTHERN_IRELAND)

_PART_NAMES = {ENGLAND: "England and Wales", SCOTLAND: "Scotland", NORTHERN_IRELAND: "Northern Ireland"}


def require_supported_year(year: int) -> None:
    """Refuse a year outside FIRST_SUPPORTED_YEAR..LAST_SUPPORTED_YEAR, loudly."""
    if not FIRST_SUPPORTED_YEAR <= year <= LAST_SUPPORTED_YEAR:
        raise UnsupportedYearError(
            f"Herald can only work out working days for {FIRST_SUPPORTED_YEAR} to "
            f"{LAST_SUPPORTED_YEAR}; {year} is outside that range.",
            details={"year": year, "first": FIRST_SUPPORTED_YEAR, "last": LAST_SUPPORTED_YEAR},
        )


@lru_cache(maxsize=None)
def bank_holidays(part: str, year: int) -> MappingProxyType[dt.date, str]:
    """Bank holidays (with substitute days) in one part of the UK for one year.

    Source: the `holidays` package, `country_holidays("GB", subdiv=part)`, which implements the
    Banking and Financial Dealings Act 1971 Sch.1 and royal proclamations made so far.
    """
    require_supported_year(year)
    if part not in _PART_NAMES:
        raise InvalidTimetableInput(f"Unknown part of the United Kingdom: {part!r}.")
    found = holidays.country_holidays("GB", subdiv=part, years=year)
    return MappingProxyType({day: name for day, name in sorted(found.items()) if day.year == year})


def good_friday(year: int) -> dt.date:
    """Good Friday: two days before Easter Sunday (Western computus)."""
    return easter(year) - dt.timedelta(days=2)


@dataclass(frozen=True)
class WorkingDayCalendar:
    """Which days count as working days for one family of deadlines.

    Saturdays, Sundays, Christmas Day and Good Friday never count. Bank holidays in the listed
    parts of the UK do not count. Christmas Eve does not count when `exclude_christmas_eve`.
    `extra_non_working_days` are caller-supplied days (proclaimed days of public thanksgiving
    or mourning kept by the Clerk; council office closures) that do not count either.
    """

    name: str
    rule: str
    bank_holiday_parts: tuple[str, ...]
    exclude_christmas_eve: bool
    extra_non_working_days: frozenset[dt.date] = field(default_factory=frozenset)
    extra_reason: str = "proclaimed day"

    def non_working_reason(self, day: dt.date) -> str | None:
        """Why `day` is not a working day in this calendar, or None when it is one."""
        require_supported_year(day.year)
        if day.weekday() == 5:
            return "Saturday"
        if day.weekday() == 6:
            return "Sunday"
        if day.month == 12 and day.day == 25:
            return "Christmas Day"
        if self.exclude_christmas_eve and day.month == 12 and day.day == 24:
            return "Christmas Eve"
        if day == good_friday(day.year):
            return "Good Friday"
        for part in self.bank_holiday_parts:
            name = bank_holidays(part, day.year).get(day)
            if name is not None:
                return f"bank holiday in {_PART_NAMES[part]} ({name})"
        if day in self.extra_non_working_days:
            return self.extra_reason
        return None

    def is_working_day(self, day: dt.date) -> bool:
        return self.non_working_reason(day) is None


def _as_dates(days: Iterable[dt.date]) -> frozenset[dt.date]:
    result = frozenset(days)
    for day in result:
        if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
            raise InvalidTimetableInput(f"Proclaimed and closure days must be dates, not {day!r}.")
    return result


def local_england_calendar(proclaimed_days: Iterable[dt.date] = ()) -> WorkingDayCalendar:
    """Working days for local elections in England.

    Rule: Local Elections (Parishes and Communities) (England and Wales) Rules 2006
    (SI 2006/3305) and Local Elections (Principal Areas) (England and Wales) Rules 2006
    (SI 2006/3304), elections rules, rule 2 (computation of time): a Saturday or Sunday,
    Christmas Eve, Christmas Day, Good Friday, a bank holiday under the Banking and Financial
    Dealings Act 1971 in England and Wales, or a day appointed for public thanksgiving or
    mourning is disregarded. Maundy Thursday counts since 2007 (Electoral Administration Act
    2006 s.20). `proclaimed_days` is the Clerk-maintained list of days of thanksgiving or
    mourning. DOMAIN.md section 1.
    """
    return WorkingDayCalendar(
        name="local elections in England",
        rule="SI 2006/3305 and SI 2006/3304, elections rules r.2 (computation of time)",
        bank_holiday_parts=(ENGLAND,),
        exclude_christmas_eve=True,
        extra_non_working_days=_as_dates(proclaimed_days),
        extra_reason="day of public thanksgiving or mourning",
    )


def uk_general_election_calendar(proclaimed_days: Iterable[dt.date] = ()) -> WorkingDayCalendar:
    """Working days for a UK Parliamentary general election.

    Rule: Representation of the People Act 1983 Sch.1 (Parliamentary Elections Rules), rule 2
    (computation of time): as for local elections, but a "bank holiday" is one under the
    Banking and Financial Dealings Act 1971 in *any* part of the United Kingdom - so Scotland's
    2 January and St Andrew's Day and Northern Ireland's 17 March and 12 July (each with its
    substitute day) are disregarded too. DOMAIN.md section 1.
    """
    return WorkingDayCalendar(
        name="UK Parliamentary general elections",
        rule="Representation of the People Act 1983 Sch.1, Parliamentary Elections Rules r.2",
        bank_holiday_parts=UK_PARTS,
        exclude_christmas_eve=True,
        extra_non_working_days=_as_dates(proclaimed_days),
        extra_reason="day of public thanksgiving or mourning",
    )


def foi_calendar() -> WorkingDayCalendar:
    """Working days for Freedom of Information requests.

    Rule: Freedom of Information Act 2000 s.10(6): a working day is any day other than a
    Saturday, a Sunday, Christmas Day, Good Friday or a bank holiday under the Banking and
    Financial Dealings Act 1971 in any part of the United Kingdom. Christmas Eve is a working
    day. DOMAIN.md section 3.
    """
    return WorkingDayCalendar(
        name="Freedom of Information",
        rule="Freedom of Information Act 2000 s.10(6)",
        bank_holiday_parts=UK_PARTS,
        exclude_christmas_eve=False,
    )


def complaints_calendar(closure_days: Iterable[dt.date] = ()) -> WorkingDayCalendar:
    """Working days for the council's complaints procedure (England working days).

    Rule: the model complaints procedure for local councils (NALC) counts working days without
    defining them; Herald uses England working days - not Saturdays, Sundays, Good Friday,
    Christmas Day or England and Wales bank holidays (with substitute days). Christmas Eve is a
    working day. `closure_days` are extra days the council office is closed. DOMAIN.md section 2.
    """
    return WorkingDayCalendar(
        name="complaints (England working days)",
        rule="model complaints procedure for local councils; England and Wales bank holidays",
        bank_holiday_parts=(ENGLAND,),
        exclude_christmas_eve=False,
        extra_non_working_days=_as_dates(closure_days),
        extra_reason="council closure day",
    )


LOCAL_ENGLAND = local_england_calendar()
UK_GENERAL_ELECTION = uk_general_election_calendar()
FOI = foi_calendar()
COMPLAINTS = complaints_calendar()


def _require_count(n: int) -> None:
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise InvalidTimetableInput(f"The number of working days must be a whole number of at least 1, not {n!r}.")


def _require_date(day: dt.date, what: str) -> None:
    if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
        raise InvalidTimetableInput(f"The {what} must be a date, not {day!r}.")


def nth_working_day_before(day: dt.date, n: int, calendar: WorkingDayCalendar) -> dt.date:
    """The n-th working day before `day` (`day` itself never counts).

    Rule: election timetables are stated as "not later than the Nth day before the day of
    election", computed with the disregarded days of the relevant rules (rule 2 of the local
    elections rules and of the Parliamentary Elections Rules). Walk back from the day before,
    counting days that are working days in `calendar`; return the day on which the count
    reaches n. DOMAIN.md section 1, "Algorithm".
    """
    _require_date(day, "polling day")
    _require_count(n)
    current = day
    counted = 0
    while counted < n:
        current -= dt.timedelta(days=1)
        if calendar.is_working_day(current):
            counted += 1
    return current


def working_days_after(day: dt.date, n: int, calendar: WorkingDayCalendar) -> dt.date:
    """The n-th working day after `day` (`day` itself never counts, even if a working day).

    Rule: deadlines such as "acknowledge within 5 working days" (complaints, DOMAIN.md section
    2) and "not later than the twentieth working day following the date of receipt" (Freedom of
    Information Act 2000 s.10(1), DOMAIN.md section 3): the day of receipt is day 0 and the
    first working day after it is day 1.
    """
    _require_date(day, "start date")
    _require_count(n)
    current = day
    counted = 0
    while counted < n:
        current += dt.timedelta(days=1)
        if calendar.is_working_day(current):
            counted += 1
    return current


def working_days_between(start: dt.date, end: dt.date, calendar: WorkingDayCalendar) -> int:
    """How many working days fall after `start` and on or before `end` (0 when end <= start)."""
    _require_date(start, "start date")
    _require_date(end, "end date")
    count = 0
    current = start
    while current < end:
        current += dt.timedelta(days=1)
        if calendar.is_working_day(current):
            count += 1
    return count
