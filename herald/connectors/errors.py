"""One error hierarchy for every connector, with machine-readable codes.

Every exception a provider SDK raises is wrapped into one of these by the shared template in
:mod:`herald.connectors.base`, so the rest of Herald only ever handles ``ConnectorError``.

- ``code`` is stable and machine-readable (used for the channel status, the API's
  ``{code, message, details}`` body and the logs).
- ``retryable`` says whether trying the same call again later may succeed. Publishing is
  idempotent, so retrying a ``retryable`` publish never posts twice.
- ``message`` is a plain-English sentence safe to show to council staff. It never contains
  credentials or raw provider responses; ``details`` holds only safe, structured facts
  (an HTTP status, the provider's error name, a retry delay).

Plain Python: no Django imports.
"""

from __future__ import annotations

from typing import Any, ClassVar, Mapping

__all__ = [
    "AuthFailed",
    "ConnectorError",
    "NotFound",
    "ProviderError",
    "RateLimited",
    "Rejected",
    "Timeout",
    "Unavailable",
    "ERROR_CODES",
]


class ConnectorError(Exception):
    """Base of every connector error. Not retryable unless a subclass says so."""

    code: ClassVar[str] = "connector_error"
    default_message: ClassVar[str] = "The social media platform could not complete the request."
    retryable_by_default: ClassVar[bool] = False

    def __init__(
        self,
        message: str | None = None,
        *,
        details: Mapping[str, Any] | None = None,
        retryable: bool | None = None,
    ) -> None:
        self.message = message or self.default_message
        self.details: dict[str, Any] = dict(details or {})
        self.retryable = self.retryable_by_default if retryable is None else retryable
        super().__init__(self.message)

    def to_dict(self) -> dict[str, Any]:
        """The ``{code, message, details}`` shape used by Herald's API and channel status."""
        return {
            "code": self.code,
            "message": self.message,
            "details": {**self.details, "retryable": self.retryable},
        }

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, retryable={self.retryable}, message={self.message!r})"


class AuthFailed(ConnectorError):
    """The credentials were refused (wrong password, revoked token, expired session)."""

    code = "auth_failed"
    default_message = "The platform refused the channel's credentials."


class NotFound(ConnectorError):
    """The account, handle or post does not exist (or no longer exists)."""

    code = "not_found"
    default_message = "The platform has no such account or post."


class RateLimited(ConnectorError):
    """The platform asked us to slow down. ``retry_after`` is in seconds when known."""

    code = "rate_limited"
    default_message = "The platform is limiting how often Herald can post; try again later."
    retryable_by_default = True

    def __init__(self, message: str | None = None, *, retry_after: float | None = None, **kwargs: Any) -> None:
        details = dict(kwargs.pop("details", None) or {})
        if retry_after is not None:
            details["retry_after"] = retry_after
        super().__init__(message, details=details, **kwargs)
        self.retry_after = retry_after


class Unavailable(ConnectorError):
    """The platform could not be reached or had a server error. Try again later."""

    code = "unavailable"
    default_message = "The platform is unavailable at the moment."
    retryable_by_default = True


class Timeout(Unavailable):
    """The platform did not answer in time. The request may or may not have taken effect."""

    code = "timeout"
    default_message = "The platform did not answer in time."


class Rejected(ConnectorError):
    """The platform (or Herald's pre-flight check) refused the content as invalid.

    Not retryable: the same input will be refused again.
    """

    code = "rejected"
    default_message = "The platform refused the post."


class ProviderError(ConnectorError):
    """The platform answered in a way the connector does not understand, or an unexpected
    error happened inside the provider library. Not retryable by default."""

    code = "provider_error"
    default_message = "The platform returned an unexpected answer."


#: Every error code, for docs and API schemas (checked by the docs test).
ERROR_CODES: dict[str, type[ConnectorError]] = {
    cls.code: cls
    for cls in (ConnectorError, AuthFailed, NotFound, RateLimited, Unavailable, Timeout, Rejected, ProviderError)
}
