"""herald.elections.timetable against published dates (DOMAIN.md sections 1 to 3).

Every check value in DOMAIN.md section 1 is a row below; other expected dates were counted by
hand from the rules and the published bank-holiday lists, and the count is in the comment.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from herald.core.errors import HeraldError
from herald.elections import timetable as tt
from herald.elections.timetable import (
    COMPLAINTS,
    FOI,
    LOCAL_ENGLAND,
    UK_GENERAL_ELECTION,
    ElectionKind,
    InvalidTimetableInput,
    NoticeAfterPollError,
    TimetableError,
    UnsupportedYearError,
    WarningCode,
    election_period,
    first_thursday_in_may,
    foi_response_due,
    general_election_dissolution,
    merge_periods,
    nth_working_day_before,
    statutory_notice_latest,
    working_days_after,
    working_days_between,
)

D = dt.date
UTC = dt.UTC


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


# --- DOMAIN.md section 1 check values -------------------------------------------------------

LOCAL_CHECK_VALUES = [
    (D(2026, 5, 7), D(2026, 3, 30)),
    (D(2027, 5, 6), D(2027, 3, 31)),
    (D(2028, 5, 4), D(2028, 3, 27)),
    (D(2029, 5, 3), D(2029, 3, 27)),
    (D(2030, 5, 2), D(2030, 3, 26)),
]


@pytest.mark.parametrize(("poll", "latest_notice"), LOCAL_CHECK_VALUES)
def test_statutory_latest_notice_of_election_matches_published_timetables(poll, latest_notice):
    assert statutory_notice_latest(poll) == latest_notice


@pytest.mark.parametrize(("poll", "_"), LOCAL_CHECK_VALUES)
def test_check_value_polling_days_are_the_first_thursday_in_may(poll, _):
    assert first_thursday_in_may(poll.year) == poll


def test_2026_nominations_close_thursday_9_april_at_4pm_london():
    assert tt.close_of_nominations(D(2026, 5, 7)) == dt.datetime(2026, 4, 9, 16, 0, tzinfo=tt.LONDON)
    assert tt.close_of_nominations(D(2026, 5, 7)).astimezone(UTC) == utc(2026, 4, 9, 15, 0)


def test_2026_notice_of_poll_by_tuesday_28_april():
    assert tt.notice_of_poll_latest(D(2026, 5, 7)) == D(2026, 4, 28)


@pytest.mark.parametrize(
    ("poll", "dissolution"),
    [
        (D(2015, 5, 7), D(2015, 3, 30)),
        (D(2017, 6, 8), D(2017, 5, 3)),
        (D(2019, 12, 12), D(2019, 11, 6)),
        (D(2024, 7, 4), D(2024, 5, 30)),
    ],
)
def test_general_election_dissolution_matches_published_dates(poll, dissolution):
    assert general_election_dissolution(poll) == dissolution


def test_2019_general_election_needs_st_andrews_day_substitute():
    # St Andrew's Day 2019 was a Saturday; Monday 2 December was the Scottish substitute.
    assert not UK_GENERAL_ELECTION.is_working_day(D(2019, 12, 2))
    assert "Scotland" in UK_GENERAL_ELECTION.non_working_reason(D(2019, 12, 2))
    assert LOCAL_ENGLAND.is_working_day(D(2019, 12, 2))
    # Counting with England-only days would give the wrong (later) date.
    assert nth_working_day_before(D(2019, 12, 12), 25, LOCAL_ENGLAND) == D(2019, 11, 7)


def test_latest_possible_next_general_election_is_15_august_2029():
    # Parliament first met on 9 July 2024; it dissolves at the start of 9 July 2029.
    assert tt.latest_general_election_poll(D(2024, 7, 9)) == D(2029, 8, 15)


def test_2024_general_election_nominations_closed_friday_7_june_4pm():
    assert tt.general_election_close_of_nominations(D(2024, 7, 4)) == dt.datetime(2024, 6, 7, 16, tzinfo=tt.LONDON)


def test_referendum_restrictions_start_28_days_before():
    assert tt.referendum_period_start(D(2026, 6, 11)) == D(2026, 5, 14)
    period = election_period(D(2026, 6, 11), kind="referendum")
    assert period.start == dt.datetime(2026, 5, 14, 0, 0, tzinfo=tt.LONDON)


# --- what counts as a working day -------------------------------------------------------------


@pytest.mark.parametrize(
    ("calendar", "day", "working"),
    [
        (LOCAL_ENGLAND, D(2026, 4, 2), True),  # Maundy Thursday counts since 2007
        (LOCAL_ENGLAND, D(2026, 4, 3), False),  # Good Friday
        (LOCAL_ENGLAND, D(2026, 4, 6), False),  # Easter Monday (England and Wales)
        (LOCAL_ENGLAND, D(2026, 12, 24), False),  # Christmas Eve
        (LOCAL_ENGLAND, D(2026, 12, 28), False),  # Boxing Day substitute (26th is a Saturday)
        (LOCAL_ENGLAND, D(2026, 1, 2), True),  # Scottish 2 January does not count in England
        (LOCAL_ENGLAND, D(2026, 3, 17), True),  # St Patrick's Day (NI only)
        (LOCAL_ENGLAND, D(2022, 9, 19), False),  # State funeral of Queen Elizabeth II
        (LOCAL_ENGLAND, D(2023, 5, 8), False),  # Coronation bank holiday
        (UK_GENERAL_ELECTION, D(2026, 1, 2), False),  # Scotland
        (UK_GENERAL_ELECTION, D(2026, 3, 17), False),  # Northern Ireland
        (UK_GENERAL_ELECTION, D(2026, 7, 13), False),  # 12 July 2026 is a Sunday: NI substitute
        (UK_GENERAL_ELECTION, D(2026, 8, 3), False),  # Scottish summer bank holiday
        (FOI, D(2026, 12, 24), True),  # Christmas Eve counts for FOI
        (FOI, D(2026, 12, 25), False),
        (FOI, D(2026, 1, 2), False),  # bank holiday in any UK part
        (FOI, D(2026, 3, 17), False),
        (COMPLAINTS, D(2026, 12, 24), True),
        (COMPLAINTS, D(2026, 1, 2), True),  # England working days only
        (COMPLAINTS, D(2026, 5, 25), False),  # Spring bank holiday
        (COMPLAINTS, D(2026, 4, 3), False),  # Good Friday
        (COMPLAINTS, D(2026, 5, 9), False),  # Saturday
    ],
)
def test_working_days(calendar, day, working):
    assert calendar.is_working_day(day) is working


def test_proclaimed_day_moves_the_local_notice_date_earlier():
    proclaimed = [D(2026, 4, 1)]  # a hypothetical day of national mourning
    assert statutory_notice_latest(D(2026, 5, 7), proclaimed) == D(2026, 3, 27)
    assert tt.local_england_calendar(proclaimed).non_working_reason(D(2026, 4, 1)) == (
        "day of public thanksgiving or mourning"
    )


# --- Easter and Christmas crossings -------------------------------------------------------


def test_easter_crossing_local():
    # Tue 7 Apr 2026 <- Mon 6 Easter Monday, Fri 3 Good Friday <- Thu 2 Apr (Maundy Thursday).
    assert nth_working_day_before(D(2026, 4, 7), 1, LOCAL_ENGLAND) == D(2026, 4, 2)
    assert working_days_after(D(2026, 4, 2), 1, LOCAL_ENGLAND) == D(2026, 4, 7)


def test_easter_crossing_uk_wide_keeps_easter_monday_though_scotland_works():
    assert nth_working_day_before(D(2027, 3, 30), 1, UK_GENERAL_ELECTION) == D(2027, 3, 25)


def test_christmas_crossing_local_excludes_christmas_eve_but_foi_does_not():
    assert nth_working_day_before(D(2026, 12, 29), 1, LOCAL_ENGLAND) == D(2026, 12, 23)
    assert nth_working_day_before(D(2026, 12, 29), 1, FOI) == D(2026, 12, 24)


def test_christmas_crossing_by_election_in_january():
    # 20 Jan..4 Jan 2027 = 13 working days; 1 Jan; 31, 30, 29 Dec = 16; 28 (Boxing Day
    # substitute), 25, 24 out; 23..14 Dec = 24; Fri 11 Dec = 25.
    assert statutory_notice_latest(D(2027, 1, 21)) == D(2026, 12, 11)


def test_new_year_scottish_holiday_only_uk_wide():
    assert nth_working_day_before(D(2026, 1, 5), 1, LOCAL_ENGLAND) == D(2026, 1, 2)
    assert nth_working_day_before(D(2026, 1, 5), 1, UK_GENERAL_ELECTION) == D(2025, 12, 31)


# --- FOI and complaints -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (D(2026, 2, 2), D(2026, 3, 2)),  # no holidays: four weeks
        (D(2026, 2, 7), D(2026, 3, 6)),  # received on a Saturday: Monday is day 1
        (D(2026, 4, 1), D(2026, 5, 1)),  # Good Friday and Easter Monday skipped
        (D(2026, 3, 16), D(2026, 4, 16)),  # St Patrick's Day (NI), then Easter
        # 19, 22, 23, 24 Dec (Christmas Eve counts) = 4; 29, 30, 31 = 7; 1 and 2 Jan (Scotland)
        # skipped; 5..21 Jan = 20.
        (D(2025, 12, 18), D(2026, 1, 21)),
    ],
)
def test_foi_twenty_working_days(received, due):
    assert foi_response_due(received) == due
    assert working_days_between(received, due, FOI) == 20


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        (D(2026, 5, 22), 5, D(2026, 6, 1)),  # Spring bank holiday 25 May
        (D(2026, 12, 21), 5, D(2026, 12, 30)),  # 22, 23, 24 (counts), 29, 30
        (D(2025, 12, 31), 1, D(2026, 1, 2)),  # Scottish 2 January is an England working day
    ],
)
def test_complaint_acknowledgement_in_working_days(received, days, due):
    assert working_days_after(received, days, COMPLAINTS) == due


# --- pre-election periods, time zones and clock changes -------------------------------------


def test_period_2026_defaults_to_statutory_latest_and_close_of_poll():
    period = election_period(D(2026, 5, 7))
    assert period.start == dt.datetime(2026, 3, 30, 0, 0, tzinfo=tt.LONDON)
    assert period.end == dt.datetime(2026, 5, 7, 22, 0, tzinfo=tt.LONDON)
    assert period.start_is_computed
    assert period.warnings == ()
    # Clocks went forward on Sunday 29 March 2026, so both ends are BST (UTC+1).
    assert period.start_utc == utc(2026, 3, 29, 23, 0)
    assert period.end_utc == utc(2026, 5, 7, 21, 0)


def test_period_spanning_the_march_clock_change():
    # 2030: notice Tue 26 March (GMT); clocks go forward Sunday 31 March; poll 2 May (BST).
    period = election_period(D(2030, 5, 2))
    assert period.start_utc == utc(2030, 3, 26, 0, 0)
    assert period.end_utc == utc(2030, 5, 2, 21, 0)
    assert period.end_utc - period.start_utc == dt.timedelta(days=37, hours=21)
    assert period.contains(utc(2030, 5, 2, 20, 59))
    assert not period.contains(utc(2030, 5, 2, 21, 0))  # 10pm BST: poll closed
    assert not period.contains(utc(2030, 3, 25, 23, 59))


def test_period_spanning_the_october_clock_change():
    # By-election Thursday 5 November 2026; clocks go back Sunday 25 October.
    assert statutory_notice_latest(D(2026, 11, 5)) == D(2026, 10, 1)
    period = election_period(D(2026, 11, 5))
    assert period.start_utc == utc(2026, 9, 30, 23, 0)  # midnight BST
    assert period.end_utc == utc(2026, 11, 5, 22, 0)  # 10pm GMT
    assert period.contains(utc(2026, 11, 5, 21, 30))  # 9:30pm GMT: still open


@pytest.mark.parametrize(
    ("notice", "start_utc"),
    [
        (D(2026, 3, 29), utc(2026, 3, 29, 0, 0)),  # clocks go forward at 1am: midnight is GMT
        (D(2026, 10, 25), utc(2026, 10, 24, 23, 0)),  # clocks go back at 2am: midnight is BST
    ],
)
def test_period_starting_on_a_clock_change_day(notice, start_utc):
    period = election_period(D(2026, 11, 26), notice_date=notice)
    assert period.start_utc == start_utc


def test_entered_notice_date_and_configurable_end():
    period = election_period(D(2026, 5, 7), D(2026, 3, 20), end_time=dt.time(23, 30), end_date=D(2026, 5, 8))
    assert period.start == dt.datetime(2026, 3, 20, tzinfo=tt.LONDON)
    assert period.end_utc == utc(2026, 5, 8, 22, 30)
    assert not period.start_is_computed
    assert period.statutory_start == D(2026, 3, 30)


def test_general_election_period_starts_at_dissolution():
    period = election_period(D(2024, 7, 4), kind=ElectionKind.GENERAL)
    assert period.start == dt.datetime(2024, 5, 30, tzinfo=tt.LONDON)


# --- bad input ------------------------------------------------------------------------------


def test_polling_day_not_a_thursday_is_a_warning_not_an_error():
    period = election_period(D(2026, 6, 9))  # a Tuesday by-election
    assert [w.code for w in period.warnings] == [WarningCode.POLL_NOT_THURSDAY]
    assert "not a Thursday" in period.warnings[0].message


def test_notice_later_than_statutory_is_a_warning():
    period = election_period(D(2026, 5, 7), notice_date=D(2026, 4, 1))
    assert [w.code for w in period.warnings] == [WarningCode.NOTICE_LATER_THAN_STATUTORY]


def test_notice_date_after_polling_day_is_an_error():
    with pytest.raises(NoticeAfterPollError) as caught:
        election_period(D(2026, 5, 7), notice_date=D(2026, 5, 8))
    assert caught.value.code == "elections.notice_after_poll"
    assert "Friday 8 May 2026" in caught.value.message and "after polling day" in caught.value.message


@pytest.mark.parametrize(
    "call",
    [
        lambda: statutory_notice_latest(D(2101, 5, 5)),
        lambda: first_thursday_in_may(2006),
        lambda: first_thursday_in_may(2101),
        lambda: statutory_notice_latest(D(2007, 1, 18)),  # counting back reaches 2006
        lambda: working_days_after(D(2100, 12, 20), 20, FOI),  # counting on reaches 2101
        lambda: election_period(D(1999, 5, 6)),
        lambda: tt.referendum_period_start(D(2007, 1, 10)),
        lambda: FOI.is_working_day(D(2006, 12, 25)),
    ],
)
def test_years_without_holiday_data_fail_loudly(call):
    with pytest.raises(UnsupportedYearError) as caught:
        call()
    assert caught.value.code == "elections.unsupported_year"
    assert f"{tt.FIRST_SUPPORTED_YEAR} to {tt.LAST_SUPPORTED_YEAR}" in caught.value.message


def test_supported_range_edges_work():
    assert first_thursday_in_may(tt.FIRST_SUPPORTED_YEAR) == D(2007, 5, 3)
    assert first_thursday_in_may(tt.LAST_SUPPORTED_YEAR) == D(2100, 5, 6)


@pytest.mark.parametrize(
    "call",
    [
        lambda: nth_working_day_before(D(2026, 5, 7), 0, LOCAL_ENGLAND),
        lambda: working_days_after(D(2026, 5, 7), -1, FOI),
        lambda: working_days_after(D(2026, 5, 7), True, FOI),
        lambda: nth_working_day_before(dt.datetime(2026, 5, 7, 12), 1, LOCAL_ENGLAND),
        lambda: election_period(D(2026, 5, 7), kind="mayoral"),
        lambda: election_period(D(2026, 5, 7), end_date=D(2026, 5, 6)),
        lambda: election_period(D(2026, 5, 7), notice_date=D(2026, 5, 7), end_time=dt.time(0, 0)),
        lambda: election_period(D(2026, 5, 7)).contains(dt.datetime(2026, 4, 1, 12)),
        lambda: tt.local_england_calendar(["2026-04-01"]),
        lambda: election_period(D(2026, 5, 7), end_time="22:00"),
        lambda: tt.bank_holidays("WLS", 2026),
    ],
)
def test_other_bad_input_is_refused_with_a_clear_error(call):
    with pytest.raises(InvalidTimetableInput):
        call()


def test_errors_join_heralds_error_hierarchy():
    assert issubclass(UnsupportedYearError, TimetableError)
    assert issubclass(TimetableError, HeraldError)
    assert issubclass(TimetableError, Exception)


# --- merging ------------------------------------------------------------------------------


def test_overlapping_periods_merge_and_separate_ones_do_not():
    local = election_period(D(2026, 5, 7))
    by_election = election_period(D(2026, 5, 21), notice_date=D(2026, 4, 20))
    autumn = election_period(D(2026, 11, 5))
    merged = merge_periods([autumn, by_election, local])
    assert len(merged) == 2
    assert merged[0].start == local.start and merged[0].end == by_election.end
    assert merged[0].periods == (local, by_election)
    assert merged[1].periods == (autumn,)
    assert merged[0].contains(utc(2026, 5, 10, 12, 0))  # the gap-free span between polls


def test_touching_periods_merge():
    first = election_period(D(2026, 5, 7), end_time=dt.time(0, 0), end_date=D(2026, 5, 8))
    second = election_period(D(2026, 6, 4), notice_date=D(2026, 5, 8))
    assert first.end == second.start
    assert len(merge_periods([first, second])) == 1


def test_merge_of_nothing_is_nothing():
    assert merge_periods([]) == ()


# --- the library stays plain Python and cites its rules -------------------------------------


def test_timetable_imports_nothing_from_django():
    code = (
        "import sys, herald.elections.timetable as t; "
        "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


DEADLINE_FUNCTIONS = [
    tt.first_thursday_in_may,
    tt.statutory_notice_latest,
    tt.close_of_nominations,
    tt.notice_of_poll_latest,
    tt.general_election_dissolution,
    tt.general_election_close_of_nominations,
    tt.latest_general_election_poll,
    tt.referendum_period_start,
    tt.foi_response_due,
    tt.nth_working_day_before,
    tt.working_days_after,
    tt.election_period,
    tt.polling_day_warnings,
    tt.merge_periods,
    tt.local_england_calendar,
    tt.uk_general_election_calendar,
    tt.foi_calendar,
    tt.complaints_calendar,
]


@pytest.mark.parametrize("function", DEADLINE_FUNCTIONS, ids=lambda f: f.__name__)
def test_each_deadline_function_cites_its_rule(function):
    doc = function.__doc__ or ""
    assert "Rule:" in doc, f"{function.__name__} does not cite its rule"


def test_bank_holiday_data_is_the_pinned_holidays_release():
    import holidays

    pins = (Path(__file__).resolve().parents[2] / "requirements" / "elections.txt").read_text()
    assert f"holidays=={holidays.__version__}" in pins


# --- properties -----------------------------------------------------------------------------

CALENDARS = st.sampled_from([LOCAL_ENGLAND, UK_GENERAL_ELECTION, FOI, COMPLAINTS])
DAYS = st.dates(min_value=D(2008, 1, 1), max_value=D(2099, 6, 30))
COUNTS = st.integers(min_value=1, max_value=60)


def count_working(calendar, first: dt.date, last: dt.date) -> int:
    """Working days in [first, last] inclusive, by brute force."""
    return sum(calendar.is_working_day(first + dt.timedelta(days=k)) for k in range((last - first).days + 1))


@settings(max_examples=150, deadline=None)
@given(poll=DAYS, n=COUNTS, calendar=CALENDARS)
def test_nth_working_day_before_is_a_working_day_n_working_days_before(poll, n, calendar):
    result = nth_working_day_before(poll, n, calendar)
    assert result < poll
    assert calendar.is_working_day(result)
    assert count_working(calendar, result, poll - dt.timedelta(days=1)) == n


@settings(max_examples=150, deadline=None)
@given(start=DAYS, n=COUNTS, calendar=CALENDARS)
def test_working_days_after_is_a_working_day_n_working_days_after(start, n, calendar):
    result = working_days_after(start, n, calendar)
    assert result > start
    assert calendar.is_working_day(result)
    assert count_working(calendar, start + dt.timedelta(days=1), result) == n
    assert working_days_between(start, result, calendar) == n


@settings(max_examples=150, deadline=None)
@given(day=DAYS, n=COUNTS, calendar=CALENDARS)
def test_before_and_after_are_inverse_on_working_days(day, n, calendar):
    if calendar.is_working_day(day):
        assert nth_working_day_before(working_days_after(day, n, calendar), n, calendar) == day
        assert working_days_after(nth_working_day_before(day, n, calendar), n, calendar) == day
    else:
        # From a non-working day, going back then forward lands on the next working day.
        back_and_forth = working_days_after(nth_working_day_before(day, n, calendar), n, calendar)
        assert back_and_forth == working_days_after(day, 1, calendar)


@settings(max_examples=100, deadline=None)
@given(day=DAYS, a=COUNTS, b=COUNTS, calendar=CALENDARS)
def test_working_day_counts_add_up(day, a, b, calendar):
    assert working_days_after(working_days_after(day, a, calendar), b, calendar) == working_days_after(
        day, a + b, calendar
    )
    assert nth_working_day_before(day, a + 1, calendar) < nth_working_day_before(day, a, calendar)


@settings(max_examples=300, deadline=None)
@given(day=DAYS)
def test_calendars_nest(day):
    # UK-wide election days are the strictest; complaints (England, Christmas Eve working) the
    # most generous.
    if UK_GENERAL_ELECTION.is_working_day(day):
        assert LOCAL_ENGLAND.is_working_day(day) and FOI.is_working_day(day)
    if LOCAL_ENGLAND.is_working_day(day) or FOI.is_working_day(day):
        assert COMPLAINTS.is_working_day(day)


@settings(max_examples=100, deadline=None)
@given(year=st.integers(min_value=2007, max_value=2100))
def test_first_thursday_in_may(year):
    day = first_thursday_in_may(year)
    assert (day.month, day.weekday()) == (5, 3) and day.day <= 7


@settings(max_examples=100, deadline=None)
@given(poll=DAYS, kind=st.sampled_from(list(ElectionKind)))
def test_period_starts_at_london_midnight_and_ends_at_10pm(poll, kind):
    period = election_period(poll, kind=kind)
    start, end = period.start.astimezone(tt.LONDON), period.end.astimezone(tt.LONDON)
    assert (start.hour, start.minute, end.hour, end.minute) == (0, 0, 22, 0)
    assert start.date() == period.statutory_start < poll == end.date()
    assert period.start_utc < period.end_utc
    assert period.start_utc.utcoffset() == dt.timedelta(0)
    assert (period.poll.weekday() != 3) == bool(period.warnings)


@settings(max_examples=100, deadline=None)
@given(polls=st.lists(DAYS, min_size=1, max_size=6))
def test_merged_spans_are_disjoint_ordered_and_cover_every_period(polls):
    periods = [election_period(p) for p in polls]
    merged = merge_periods(periods)
    assert sum(len(m.periods) for m in merged) == len(periods)
    for earlier, later in zip(merged, merged[1:]):
        assert earlier.end.astimezone(UTC) < later.start.astimezone(UTC)
    for span in merged:
        for period in span.periods:
            assert span.start.astimezone(UTC) <= period.start_utc < period.end_utc <= span.end.astimezone(UTC)
