"""The shared template: timing, structured logging, error wrapping, pre-flight checks."""

from __future__ import annotations

import logging

import pytest

from herald.connectors import (
    ERROR_CODES,
    AuthFailed,
    Connector,
    ConnectorError,
    Health,
    Image,
    NotFound,
    Profile,
    ProviderError,
    Publishable,
    RateLimited,
    Rejected,
    RemoteRef,
    Secret,
    Timeout,
    Unavailable,
)


class ExplodingConnector(Connector):
    """A connector whose provider library raises whatever the test says."""

    platform = "exploding"

    def __init__(self, raise_exc: Exception | None = None, **kwargs):
        super().__init__(**kwargs)
        self.raise_exc = raise_exc

    def _maybe_raise(self):
        if self.raise_exc is not None:
            raise self.raise_exc

    def _publish(self, item, *, idempotency_key):
        self._maybe_raise()
        return RemoteRef(self.platform, "id-1", "https://example.invalid/1")

    def _delete(self, ref):
        self._maybe_raise()

    def _fetch_profile(self):
        self._maybe_raise()
        return Profile(self.platform, "someone")

    def _health(self):
        self._maybe_raise()
        return Health(self.platform, ok=True)

    def _translate_error(self, exc):
        if isinstance(exc, PermissionError):
            return AuthFailed(details={"http_status": 401})
        return None


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        self.now += 0.25  # every reading advances 250 ms
        return self.now


def connector_records(caplog):
    return [r for r in caplog.records if r.name == "herald.connectors"]


def test_successful_call_logs_structured_fields(caplog):
    caplog.set_level(logging.INFO, logger="herald.connectors")
    connector = ExplodingConnector(channel="channel-7", clock=FakeClock())

    ref = connector.publish(Publishable("Bin collection moves to Tuesday."), idempotency_key="pub-1")

    assert ref.remote_id == "id-1"
    [record] = connector_records(caplog)
    assert record.levelno == logging.INFO
    assert record.connector == "exploding"
    assert record.operation == "publish"
    assert record.outcome == "ok"
    assert record.duration_ms == 250.0  # one clock step between start and end
    assert record.channel == "channel-7"
    assert record.idempotency_key == "pub-1"
    assert record.connector_call["operation"] == "publish"
    assert "operation=publish" in record.getMessage()


@pytest.mark.parametrize(
    ("operation", "call"),
    [
        ("publish", lambda c: c.publish(Publishable("x"), idempotency_key="k")),
        ("delete", lambda c: c.delete(RemoteRef("exploding", "id-1"))),
        ("fetch_profile", lambda c: c.fetch_profile()),
    ],
)
def test_unknown_provider_exception_is_wrapped_as_provider_error(caplog, operation, call):
    caplog.set_level(logging.INFO, logger="herald.connectors")
    boom = KeyError("secret internals")
    connector = ExplodingConnector(boom)

    with pytest.raises(ProviderError) as info:
        call(connector)

    error = info.value
    assert error.code == "provider_error"
    assert error.retryable is False
    assert error.__cause__ is boom
    assert "secret internals" not in error.message
    assert error.details["provider_error"] == "KeyError"
    [record] = connector_records(caplog)
    assert record.levelno == logging.WARNING
    assert (record.operation, record.outcome, record.error_code) == (operation, "error", "provider_error")


def test_translated_provider_exception_keeps_code_and_cause():
    boom = PermissionError("401")
    with pytest.raises(AuthFailed) as info:
        ExplodingConnector(boom).fetch_profile()
    assert info.value.__cause__ is boom
    assert info.value.details == {"http_status": 401, "provider_error": "PermissionError"}


def test_connector_errors_raised_by_hooks_pass_through_unchanged():
    original = RateLimited(retry_after=30)
    with pytest.raises(RateLimited) as info:
        ExplodingConnector(original).delete(RemoteRef("exploding", "id-1"))
    assert info.value is original
    assert info.value.retryable is True
    assert info.value.to_dict() == {
        "code": "rate_limited",
        "message": RateLimited.default_message,
        "details": {"retry_after": 30, "retryable": True},
    }


def test_health_never_raises_and_reports_the_code(caplog):
    caplog.set_level(logging.INFO, logger="herald.connectors")
    health = ExplodingConnector(Unavailable("Down for maintenance.")).health()
    assert health == Health("exploding", ok=False, detail="Down for maintenance.", error_code="unavailable",
                            retryable=True)
    [record] = connector_records(caplog)
    assert record.outcome == "error"


@pytest.mark.parametrize(
    ("error_class", "code", "retryable"),
    [
        (ConnectorError, "connector_error", False),
        (AuthFailed, "auth_failed", False),
        (NotFound, "not_found", False),
        (RateLimited, "rate_limited", True),
        (Unavailable, "unavailable", True),
        (Timeout, "timeout", True),
        (Rejected, "rejected", False),
        (ProviderError, "provider_error", False),
    ],
)
def test_error_codes_and_retryable_defaults(error_class, code, retryable):
    error = error_class()
    assert error.code == code
    assert error.retryable is retryable
    assert ERROR_CODES[code] is error_class
    assert isinstance(error, ConnectorError)
    assert error.message  # a sentence for staff, never empty


def test_timeout_is_a_kind_of_unavailable():
    assert issubclass(Timeout, Unavailable)


# ----- pre-flight checks (Rejected before any provider call) ----------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


@pytest.mark.parametrize(
    ("item", "key", "field"),
    [
        (Publishable("hello"), "", "idempotency_key"),
        (Publishable("hello"), "has space", "idempotency_key"),
        (Publishable("hello"), "x" * 129, "idempotency_key"),
        (Publishable("   "), "k", "text"),
        (Publishable("pic", images=(Image(PNG, alt=""),)), "k", "images[0].alt"),
        (Publishable("pic", images=(Image(PNG, alt="A map", mime_type="image/tiff"),)), "k", "images[0].mime_type"),
        (Publishable("pics", images=tuple(Image(PNG, alt=f"photo {i}") for i in range(5))), "k", "images"),
    ],
)
def test_bad_input_is_rejected_before_calling_the_provider(item, key, field):
    connector = ExplodingConnector(AssertionError("provider must not be called"))
    with pytest.raises(Rejected) as info:
        connector.publish(item, idempotency_key=key)
    assert info.value.details["field"] == field
    assert info.value.retryable is False


@pytest.mark.parametrize(
    "key", ["a", "publication-42-attempt", "2026-11-25T10:00:00Z.pub:7", "x" * 128, "AZaz09._:~-"]
)
def test_valid_idempotency_keys_are_accepted(key):
    ExplodingConnector().publish(Publishable("hello"), idempotency_key=key)


def test_publishable_links_must_be_absolute_and_in_the_text():
    Publishable("See https://example.gov.uk/complaints", links=("https://example.gov.uk/complaints",))
    with pytest.raises(ValueError, match="does not appear"):
        Publishable("See our website", links=("https://example.gov.uk/complaints",))
    with pytest.raises(ValueError, match="absolute"):
        Publishable("See example.gov.uk", links=("example.gov.uk",))


def test_image_bytes_are_not_in_repr():
    assert "PNG" not in repr(Image(PNG, alt="Town hall"))


def test_secret_never_shows_its_value():
    secret = Secret("hunter2-password")
    assert "hunter2" not in repr(secret)
    assert "hunter2" not in str(secret)
    assert "hunter2" not in f"{secret}"
    assert secret.reveal() == "hunter2-password"
    assert Secret(secret).reveal() == "hunter2-password"


def test_remote_ref_equality_ignores_replayed():
    assert RemoteRef("bluesky", "at://x", replayed=True) == RemoteRef("bluesky", "at://x")
