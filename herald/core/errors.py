"""One error hierarchy with machine-readable codes.

Services raise these; views turn them into a GOV.UK error summary, the API into
`{code, message, details}`, the CLI into a message and a non-zero exit. The message is plain
English meant for the person using Herald; it never contains internals.
"""

from __future__ import annotations

from typing import Any


class HeraldError(Exception):
    code = "error"

    def __init__(self, message: str, *, field: str | None = None, details: dict[str, Any] | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.details = details or {}

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "details": {"field": self.field, **self.details}}


class ValidationFailed(HeraldError):
    code = "invalid"


class Conflict(HeraldError):
    code = "conflict"


class NotAllowed(HeraldError):
    code = "forbidden"


class NotFound(HeraldError):
    code = "not_found"
