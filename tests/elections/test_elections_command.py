"""`herald elections timetable ...` through django.core.management.call_command."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test.utils import modify_settings


@pytest.fixture(autouse=True)
def elections_app_installed():
    # Works whether or not herald.settings lists the app yet (append skips duplicates).
    with modify_settings(INSTALLED_APPS={"append": "herald.elections"}):
        yield


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("elections", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_local_timetable_in_plain_english():
    out, err = run("timetable", "2026-05-07")
    assert "Local election: polling day Thursday 7 May 2026" in out
    assert "Latest date to publish the notice of election  Monday 30 March 2026" in out
    assert "Nominations close" in out and "4pm on Thursday 9 April 2026" in out
    assert "Latest date to publish the notice of poll      Tuesday 28 April 2026" in out
    assert "Thursday 7 May 2026, 7am to 10pm" in out
    assert "from the start of Monday 30 March 2026 until 10pm on Thursday 7 May 2026" in out
    assert "latest date for the notice of election allowed by law (computed)" in out
    assert err == ""


def test_general_election_timetable_uses_uk_wide_days():
    out, _ = run("timetable", "2019-12-12", "--kind", "general")
    assert "Dissolution of Parliament" in out and "Wednesday 6 November 2019" in out
    assert "bank holidays in any part of the UK" in out


def test_referendum_timetable():
    out, _ = run("timetable", "2026-06-11", "--kind", "referendum")
    assert "Publicity restrictions start (28 days before)  Thursday 14 May 2026" in out


def test_entered_notice_date_starts_the_period():
    out, err = run("timetable", "2026-05-07", "--notice", "2026-03-20")
    assert "Date of the notice of election (entered)" in out
    assert "from the start of Friday 20 March 2026" in out
    assert "the statutory latest date is Monday 30 March 2026" in out
    assert err == ""


def test_polling_day_not_a_thursday_warns_but_succeeds():
    out, err = run("timetable", "2026-06-09")
    assert "polling day Tuesday 9 June 2026" in out
    assert "Warning: Polling day (Tuesday 9 June 2026) is not a Thursday" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("timetable", "2026-05-07", "--notice", "2026-05-08"), "is after polling day"),
        (("timetable", "2101-05-05"), "2007 to 2100"),
        (("timetable", "7 May 2026"), "is not a date like 2026-05-07"),
        (("timetable", "2026-05-07", "--kind", "mayoral"), "invalid choice"),
        ((), "required"),
    ],
)
def test_bad_input_gives_a_clear_command_error(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
