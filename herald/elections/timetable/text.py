"""Plain-English dates and times, independent of the process locale.

Dates read "Monday 30 March 2026"; times "4pm", "10pm", "9:30am" (GOV.UK style).
"""

from __future__ import annotations

import datetime as dt

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def long_date(day: dt.date) -> str:
    """'Monday 30 March 2026'."""
    if isinstance(day, dt.datetime):
        day = day.date()
    return f"{DAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def clock_time(at: dt.time) -> str:
    """'4pm', '10pm', '9:30am', 'midnight', 'midday'."""
    if at.hour == 0 and at.minute == 0:
        return "midnight"
    if at.hour == 12 and at.minute == 0:
        return "midday"
    hour = at.hour % 12 or 12
    suffix = "am" if at.hour < 12 else "pm"
    return f"{hour}{suffix}" if at.minute == 0 else f"{hour}:{at.minute:02d}{suffix}"
