from __future__ import annotations

from django import template

from herald.core import clock

register = template.Library()


@register.filter
def london_date(value) -> str:
    """7 May 2026"""
    return clock.format_date(value)


@register.filter
def london_datetime(value) -> str:
    """7 May 2026, 2:05pm (Europe/London)"""
    return clock.format_datetime(value)


@register.inclusion_tag("web/includes/field.html")
def field(bound_field, hint: str = "", classes: str = ""):
    widget = bound_field.field.widget
    kind = {"Textarea": "textarea", "Select": "select", "RadioSelect": "radios",
            "CheckboxSelectMultiple": "checkboxes", "PasswordInput": "input", "CheckboxInput": "checkbox",
            "DatePartsWidget": "date", "ClearableFileInput": "file", "FileInput": "file"}.get(
        type(widget).__name__, "input")
    parts = None
    if kind == "date":
        value = bound_field.value()
        parts = widget.decompress(value) if not isinstance(value, (list, tuple)) else list(value)
    return {"f": bound_field, "kind": kind, "hint": hint or bound_field.help_text, "classes": classes,
            "parts": parts}
