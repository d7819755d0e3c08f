"""CSV exports: a cell that a spreadsheet would run as a formula gets a leading apostrophe
(CSV injection). The JSON exports keep the exact text."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value
