"""Errors of the Elections register (they join Herald's one hierarchy, herald.core.errors)."""

from __future__ import annotations

from herald.core.errors import ValidationFailed


class NeedsConfirmation(ValidationFailed):
    """Unusual input that is allowed once the Clerk confirms it (e.g. a scheduled poll not on a Thursday)."""

    code = "elections.needs_confirmation"
