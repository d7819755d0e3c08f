"""Errors raised by the timetable library.

They join Herald's one error hierarchy (`herald.core.errors`, plain Python, no Django): each has
a machine-readable `code` and a plain-English message, so the CLI, views and API can show them
without leaking internals.
"""

from __future__ import annotations

from herald.core.errors import ValidationFailed


class TimetableError(ValidationFailed):
    """Base class: bad input to a statutory date calculation."""

    code = "elections.timetable"


class UnsupportedYearError(TimetableError):
    """A date falls in a year outside the supported range of holiday data.

    Raised instead of silently treating an unknown year as having no bank holidays.
    """

    code = "elections.unsupported_year"


class NoticeAfterPollError(TimetableError):
    """A notice-of-election (or dissolution, or information-statement) date after polling day."""

    code = "elections.notice_after_poll"


class InvalidTimetableInput(TimetableError):
    """Any other impossible input: a day count below 1, an end before polling day, ..."""

    code = "elections.invalid_input"
