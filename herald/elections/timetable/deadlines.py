"""Statutory deadlines: one small pure function per rule, each citing it.

Election deadlines count working days back from polling day (`nth_working_day_before`); FOI
and complaint deadlines count forward from receipt (`working_days_after`). Facts and check
values: ../shared/design/DOMAIN.md sections 1 to 3.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .calendars import (
    FOI,
    local_england_calendar,
    nth_working_day_before,
    require_supported_year,
    uk_general_election_calendar,
    working_days_after,
)
from .errors import InvalidTimetableInput
from .london import london_datetime

#: Close of nominations, local elections in England and UK Parliamentary elections.
NOMINATIONS_CLOSE_TIME = dt.time(16, 0)
#: Poll hours at local and Parliamentary elections: 7am to 10pm.
POLL_OPENS = dt.time(7, 0)
POLL_CLOSES = dt.time(22, 0)
#: Neighbourhood-planning referendum: council publicity restricted for 28 days before the vote.
REFERENDUM_RESTRICTION_DAYS = 28
#: FOI: answer not later than the twentieth working day following receipt.
FOI_RESPONSE_WORKING_DAYS = 20


def first_thursday_in_may(year: int) -> dt.date:
    """Polling day for ordinary local elections in England: the first Thursday in May.

    Rule: Representation of the People Act 1983 s.37 (ordinary day of local elections in
    England and Wales: the first Thursday in May). DOMAIN.md section 1.
    """
    require_supported_year(year)
    first = dt.date(year, 5, 1)
    return first + dt.timedelta(days=(3 - first.weekday()) % 7)


def statutory_notice_latest(poll: dt.date, proclaimed_days: Iterable[dt.date] = ()) -> dt.date:
    """Latest day to publish the notice of election: the 25th working day before polling day.

    Rule: Local Elections (Parishes and Communities) (England and Wales) Rules 2006
    (SI 2006/3305) and Local Elections (Principal Areas) (England and Wales) Rules 2006
    (SI 2006/3304), elections rules r.1 timetable ("publication of notice of election: not
    later than the twenty-fifth day before the day of election") with days disregarded under
    r.2 (`local_england_calendar`). The pre-election period falls back to this date when the
    Clerk has not entered the actual one. DOMAIN.md section 1; check value: poll Thursday
    7 May 2026 -> Monday 30 March 2026.
    """
    return nth_working_day_before(poll, 25, local_england_calendar(proclaimed_days))


def close_of_nominations(poll: dt.date, proclaimed_days: Iterable[dt.date] = ()) -> dt.datetime:
    """Close of nominations at a local election in England: 4pm on the 19th working day before.

    Rule: elections rules r.1 timetable of SI 2006/3305 and SI 2006/3304 (delivery of
    nomination papers not later than 4 in the afternoon on the nineteenth day before the day of
    election), days disregarded under r.2. DOMAIN.md section 1; check value: poll 7 May 2026
    -> Thursday 9 April 2026, 4pm. Returned as an aware Europe/London datetime.
    """
    day = nth_working_day_before(poll, 19, local_england_calendar(proclaimed_days))
    return london_datetime(day, NOMINATIONS_CLOSE_TIME)


def notice_of_poll_latest(poll: dt.date, proclaimed_days: Iterable[dt.date] = ()) -> dt.date:
    """Latest day to publish the notice of poll at a local election in England.

    Rule: elections rules r.1 timetable of SI 2006/3305 and SI 2006/3304 ("notice of poll: not
    later than the sixth day before the day of election"), days disregarded under r.2.
    DOMAIN.md section 1; check value: poll 7 May 2026 -> Tuesday 28 April 2026.
    """
    return nth_working_day_before(poll, 6, local_england_calendar(proclaimed_days))


def general_election_dissolution(poll: dt.date, proclaimed_days: Iterable[dt.date] = ()) -> dt.date:
    """Dissolution of Parliament for a general election on `poll`: 25 working days before.

    Rule: Representation of the People Act 1983 Sch.1 (Parliamentary Elections Rules) r.1
    timetable - polling day is the twenty-fifth day after dissolution (the 25-day timetable of
    the Electoral Registration and Administration Act 2013 s.14) - with days disregarded under
    r.2, i.e. bank holidays in any part of the UK (`uk_general_election_calendar`). The
    pre-election period usually starts at dissolution; enter the actual date when known.
    DOMAIN.md section 1; check values: 7 May 2015 -> 30 Mar 2015, 8 Jun 2017 -> 3 May 2017,
    12 Dec 2019 -> 6 Nov 2019 (St Andrew's Day substitute 2 Dec 2019), 4 Jul 2024 -> 30 May 2024.
    """
    return nth_working_day_before(poll, 25, uk_general_election_calendar(proclaimed_days))


def general_election_close_of_nominations(
    poll: dt.date, proclaimed_days: Iterable[dt.date] = ()
) -> dt.datetime:
    """Close of nominations at a UK Parliamentary election: 4pm on the 19th working day before.

    Rule: Representation of the People Act 1983 Sch.1 (Parliamentary Elections Rules) r.1
    timetable (delivery of nomination papers not later than 4 in the afternoon on the
    nineteenth day before the day of election), days disregarded under r.2 (any part of the
    UK). Published 2024 timetable: poll 4 July 2024 -> Friday 7 June 2024, 4pm.
    """
    day = nth_working_day_before(poll, 19, uk_general_election_calendar(proclaimed_days))
    return london_datetime(day, NOMINATIONS_CLOSE_TIME)


def latest_general_election_poll(first_met: dt.date, proclaimed_days: Iterable[dt.date] = ()) -> dt.date:
    """Latest possible polling day for the next general election.

    Rule: Dissolution and Calling of Parliament Act 2022 s.4 - a Parliament not dissolved
    earlier dissolves at the beginning of the day that is the fifth anniversary of the day on
    which it first met - and the Parliamentary Elections Rules r.1 timetable (poll on the
    twenty-fifth working day after dissolution, r.2 disregarded days in any part of the UK).
    For the Parliament that first met on 9 July 2024 this gives 15 August 2029 (DOMAIN.md
    section 1). An anniversary of 29 February falls on 1 March.
    """
    if isinstance(first_met, dt.datetime) or not isinstance(first_met, dt.date):
        raise InvalidTimetableInput(f"The day Parliament first met must be a date, not {first_met!r}.")
    try:
        dissolution = first_met.replace(year=first_met.year + 5)
    except ValueError:  # 29 February
        dissolution = dt.date(first_met.year + 5, 3, 1)
    return working_days_after(dissolution, 25, uk_general_election_calendar(proclaimed_days))


def referendum_period_start(vote: dt.date) -> dt.date:
    """Start of the publicity restriction before a neighbourhood-planning referendum.

    Rule: Neighbourhood Planning (Referendums) Regulations 2012 (SI 2012/2031) reg.5 -
    restrictions on material published by the council during the 28 days before the
    referendum (calendar days; reg.4 requires the information statement to be published not
    fewer than 28 days before). The restriction starts on the day the information statement is
    published when that is earlier; enter it as the notice date. DOMAIN.md section 1.
    """
    if isinstance(vote, dt.datetime) or not isinstance(vote, dt.date):
        raise InvalidTimetableInput(f"The referendum day must be a date, not {vote!r}.")
    require_supported_year(vote.year)
    start = vote - dt.timedelta(days=REFERENDUM_RESTRICTION_DAYS)
    require_supported_year(start.year)
    return start


def foi_response_due(received: dt.date, working_days: int = FOI_RESPONSE_WORKING_DAYS) -> dt.date:
    """Last day to answer a Freedom of Information request.

    Rule: Freedom of Information Act 2000 s.10(1) - comply promptly and in any event not later
    than the twentieth working day following the date of receipt; working days as in s.10(6)
    (`foi_calendar`: not weekends, Christmas Day, Good Friday or bank holidays in any part of
    the UK; Christmas Eve counts). The day of receipt is day 0. An internal review answered in
    20 working days uses the same count. DOMAIN.md section 3.
    """
    return working_days_after(received, working_days, FOI)
