"""Europe/London wall-clock times as aware datetimes (store UTC, think in London time)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from .errors import InvalidTimetableInput

LONDON = ZoneInfo("Europe/London")


def london_datetime(day: dt.date, at: dt.time) -> dt.datetime:
    """`day` at wall-clock time `at` in Europe/London, as an aware datetime.

    UK clocks change at 1am (GMT to BST, last Sunday of March) and 2am (BST to GMT, last Sunday
    of October), so midnight and the statutory times (7am, 4pm, 10pm) always exist exactly once.
    """
    if at.tzinfo is not None:
        raise InvalidTimetableInput("Give a wall-clock time without a time zone; it is read as UK time.")
    return dt.datetime.combine(day, at, tzinfo=LONDON)
