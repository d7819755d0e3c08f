from __future__ import annotations

from django import template

from herald.elections.selectors import moment_text
from herald.elections.timetable import long_date as _long_date

register = template.Library()


@register.filter
def long_date(value) -> str:
    """Thursday 6 May 2027 (a datetime is read in UK time)."""
    if value is None:
        return ""
    if hasattr(value, "astimezone") and hasattr(value, "hour"):
        from herald.core.clock import LONDON

        value = value.astimezone(LONDON).date()
    return _long_date(value)


@register.filter
def moment(value) -> str:
    """10pm on Thursday 6 May 2027 / the start of Wednesday 31 March 2027 (UK time)."""
    return moment_text(value) if value is not None else ""
