"""The in-memory stub that other features' tests use."""

from __future__ import annotations

import logging

import pytest

from herald.connectors import AuthFailed, NotFound, Profile, Publishable, Rejected, Timeout, Unavailable
from herald.connectors.stub import StubConnector


def test_publish_records_the_call_and_the_post():
    stub = StubConnector(platform="bluesky")
    item = Publishable("Road closure on Mill Lane.")
    ref = stub.publish(item, idempotency_key="pub-1")
    assert ref.platform == "bluesky"
    assert stub.published == [item]
    [call] = stub.calls_of("publish")
    assert call.args == {"item": item, "idempotency_key": "pub-1"}


def test_same_idempotency_key_never_publishes_twice():
    stub = StubConnector()
    first = stub.publish(Publishable("Once"), idempotency_key="pub-1")
    again = stub.publish(Publishable("Once"), idempotency_key="pub-1")
    other = stub.publish(Publishable("Once"), idempotency_key="pub-2")
    assert again == first and again.replayed and not first.replayed
    assert other != first
    assert len(stub.published) == 2
    assert len(stub.calls_of("publish")) == 3


def test_failure_before_effect_posts_nothing_and_a_retry_posts_once():
    stub = StubConnector()
    stub.fail_next("publish", Unavailable())
    with pytest.raises(Unavailable) as info:
        stub.publish(Publishable("x"), idempotency_key="k")
    assert info.value.retryable
    assert stub.published == []
    stub.publish(Publishable("x"), idempotency_key="k")
    assert len(stub.published) == 1


def test_failure_after_effect_simulates_a_lost_answer():
    stub = StubConnector()
    stub.fail_next("publish", Timeout(), after_effect=True)
    with pytest.raises(Timeout):
        stub.publish(Publishable("x"), idempotency_key="k")
    assert len(stub.published) == 1  # it was posted...
    ref = stub.publish(Publishable("x"), idempotency_key="k")  # ...and the retry finds it
    assert ref.replayed
    assert len(stub.published) == 1


def test_fail_always_and_reset():
    stub = StubConnector()
    stub.fail_always("health", AuthFailed())
    assert stub.health().error_code == "auth_failed"
    assert stub.health().error_code == "auth_failed"
    stub.reset_failures()
    assert stub.health().ok


def test_fail_next_times():
    stub = StubConnector()
    stub.fail_next("fetch_profile", Unavailable(), times=2)
    for _ in range(2):
        with pytest.raises(Unavailable):
            stub.fetch_profile()
    assert stub.fetch_profile().handle == "stub.example"


def test_delete_and_delete_again():
    stub = StubConnector()
    ref = stub.publish(Publishable("x"), idempotency_key="k")
    stub.delete(ref)
    assert stub.published == []
    with pytest.raises(NotFound):
        stub.delete(ref)


def test_configured_profile():
    profile = Profile("mastodon", "townclerk", links=("https://example-tc.gov.uk/complaints",))
    assert StubConnector(platform="mastodon", profile=profile).fetch_profile() == profile


def test_stub_goes_through_the_template(caplog):
    caplog.set_level(logging.INFO, logger="herald.connectors")
    stub = StubConnector(platform="mastodon")
    with pytest.raises(Rejected):
        stub.publish(Publishable("x"), idempotency_key="bad key")
    assert stub.calls == []  # the pre-flight check ran before the stub
    stub.publish(Publishable("x"), idempotency_key="k")
    outcomes = [(r.connector, r.operation, r.outcome) for r in caplog.records if r.name == "herald.connectors"]
    assert outcomes == [("mastodon", "publish", "error"), ("mastodon", "publish", "ok")]


def test_unknown_operation_is_refused():
    with pytest.raises(ValueError):
        StubConnector().fail_next("post", Unavailable())
