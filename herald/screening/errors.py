"""Errors raised by the screening engine. Each carries a machine-readable code."""

from __future__ import annotations


class ScreeningError(Exception):
    """Base class for every error the screening engine raises."""

    code = "screening_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code:
            self.code = code
        self.message = message


class InvalidInput(ScreeningError):
    """The text given to the screener cannot be screened (wrong type, bad encoding, too long)."""

    code = "invalid_input"


class PolicyConfigError(ScreeningError):
    """The policy document's `settings.screening` block is malformed."""

    code = "invalid_policy"
