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
    if local.minute == 0 and local.hour in (0, 12):  # GOV.UK style: midnight and midday, not 12am and 12pm
        return f"{format_date(local)}, {'midnight' if local.hour == 0 else 'midday'}"
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    return f"{format_date(local)}, {hour}:{local:%M}{suffix}"
