"""Time: store UTC, think in Europe/London.

Dates shown to people read like "7 May 2026"; times like "7 May 2026, 2:05pm".
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

LONDON = ZoneInfo("Europe/London")


def now() -> dt.datetime:
    return timezone.now()


def today_in_london() -> dt.date:
    return now().astimezone(LONDON).date()


def format_date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.astimezone(LONDON).date()
    return f"{value.day} {value:%B %Y}"


def format_datetime(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    local = value.astimezone(LONDON)
    # GOV.UK style: midnight and midday, not 12am and 12pm; "midnight" alone could be read as the end
    # of the day, so say which (suspensions end at the start of a day).
    if (local.hour, local.minute) == (0, 0):
        return f"midnight at the start of {format_date(local)}"
    if (local.hour, local.minute) == (12, 0):
        return f"{format_date(local)}, midday"
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    return f"{format_date(local)}, {hour}:{local:%M}{suffix}"
