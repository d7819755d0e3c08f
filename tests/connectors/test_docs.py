"""docs/connectors.md documents every error code, built-in connector, log field and operation."""

from __future__ import annotations

import pytest

from herald.connectors import ERROR_CODES, default_registry
from herald.connectors.base import Connector

from .pds import REPO_ROOT

DOC = (REPO_ROOT / "docs" / "connectors.md").read_text()

LOG_FIELDS = ["connector", "operation", "duration_ms", "outcome", "channel", "idempotency_key", "remote_id",
              "error_code", "retryable", "provider_error", "http_status"]


@pytest.mark.parametrize("code", sorted(ERROR_CODES))
def test_every_error_code_is_documented(code):
    cls = ERROR_CODES[code]
    assert f"| `{code}` | `{cls.__name__}`" in DOC


@pytest.mark.parametrize("name", default_registry.available())
def test_every_builtin_connector_is_documented(name):
    assert f"| `{name}`" in DOC


@pytest.mark.parametrize("field", LOG_FIELDS)
def test_every_log_field_is_documented(field):
    assert f"`{field}`" in DOC


@pytest.mark.parametrize("method", ["publish", "delete", "fetch_profile", "health"])
def test_every_operation_is_documented(method):
    assert callable(getattr(Connector, method))
    assert f"`{method}(" in DOC


def test_log_fields_list_matches_the_template(caplog):
    """The documented fields are the ones the template actually logs."""
    import logging

    from herald.connectors import Publishable, RemoteRef, Unavailable
    from herald.connectors.stub import StubConnector

    caplog.set_level(logging.INFO, logger="herald.connectors")
    stub = StubConnector(channel="c")
    ref = stub.publish(Publishable("x"), idempotency_key="k")
    stub.fail_next("delete", Unavailable())
    with pytest.raises(Unavailable):
        stub.delete(RemoteRef("stub", ref.remote_id))
    logged = set()
    for record in caplog.records:
        logged |= set(record.connector_call)
    assert logged == set(LOG_FIELDS)


def test_mastodon_limitation_is_stated():
    assert "No Mastodon server can be installed here." in DOC
