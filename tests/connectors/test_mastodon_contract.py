"""Contract tests for the Mastodon connector.

No Mastodon server can be installed on Herald's build machines (none is packaged on PyPI,
npm or Debian), so these tests run the real connector and the real Mastodon.py client against
a small local HTTP stub (tests/connectors/mastodon_stub.py, 127.0.0.1, random port). They pin
the contract: the requests we send (paths, bearer token, Idempotency-Key header, form fields),
idempotent replays, and how each documented error status maps to Herald's error codes.
"""

from __future__ import annotations

import logging

import pytest

from herald.connectors import (
    AuthFailed,
    Image,
    NotFound,
    ProviderError,
    Publishable,
    RateLimited,
    Rejected,
    RemoteRef,
    Timeout,
    Unavailable,
)
from herald.connectors.mastodon import MastodonConnector

from .mastodon_stub import MastodonStub

pytestmark = pytest.mark.contract

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082"
)


def connector(stub: MastodonStub, *, token: str | None = None, timeout: float = 5.0) -> MastodonConnector:
    return MastodonConnector(api_base_url=stub.url, access_token=token or stub.token, timeout=timeout)


def test_publish_sends_the_documented_request(mastodon_stub):
    ref = connector(mastodon_stub).publish(
        Publishable("Council meeting tonight at 7pm. https://example-tc.gov.uk/meetings",
                    links=("https://example-tc.gov.uk/meetings",)),
        idempotency_key="publication-41",
    )

    [request] = mastodon_stub.requests_to("POST", "/api/v1/statuses")
    assert request.header("Authorization") == f"Bearer {mastodon_stub.token}"
    assert request.header("Idempotency-Key") == "publication-41"
    assert request.form["status"] == ["Council meeting tonight at 7pm. https://example-tc.gov.uk/meetings"]
    assert request.form["visibility"] == ["public"]
    assert request.form["language"] == ["en"]
    assert "media_ids[]" not in request.form
    assert ref == RemoteRef("mastodon", ref.remote_id, f"https://social.example/@townclerk/{ref.remote_id}")
    assert mastodon_stub.statuses[ref.remote_id]["_text"].startswith("Council meeting")


def test_publish_does_not_probe_the_server_version(mastodon_stub):
    connector(mastodon_stub).publish(Publishable("Hello"), idempotency_key="k1")
    assert [(r.method, r.path) for r in mastodon_stub.requests] == [("POST", "/api/v1/statuses")]


def test_publish_with_image_uploads_it_with_alt_text_first(mastodon_stub):
    ref = connector(mastodon_stub).publish(
        Publishable("New play area open", images=(Image(PNG, alt="Children on the new swings", mime_type="image/png"),)),
        idempotency_key="publication-42",
    )

    # Mastodon.py asks the server's version once (to choose /api/v2/media), then uploads, then posts.
    assert [(r.method, r.path) for r in mastodon_stub.requests] == [
        ("GET", "/api/v1/instance/"), ("GET", "/api/v2/instance/"), ("POST", "/api/v2/media"), ("POST", "/api/v1/statuses"),
    ]
    [upload] = mastodon_stub.requests_to("POST", "/api/v2/media")
    assert upload.form["description"] == ["Children on the new swings"]
    assert upload.files["file"]["data"] == PNG
    assert upload.files["file"]["content_type"] == "image/png"
    assert upload.header("Authorization") == f"Bearer {mastodon_stub.token}"

    [post] = mastodon_stub.requests_to("POST", "/api/v1/statuses")
    [media_id] = mastodon_stub.media
    assert post.form["media_ids[]"] == [media_id]
    assert post.header("Idempotency-Key") == "publication-42"
    attachment = mastodon_stub.statuses[ref.remote_id]["media_attachments"][0]
    assert attachment["description"] == "Children on the new swings"


def test_replay_with_the_same_key_returns_the_first_status(mastodon_stub):
    mastodon = connector(mastodon_stub)
    first = mastodon.publish(Publishable("Once only"), idempotency_key="publication-43")
    # A new connector (as after a crash) retries with the same key.
    again = connector(mastodon_stub).publish(Publishable("Once only"), idempotency_key="publication-43")
    assert again == first
    assert len(mastodon_stub.statuses) == 1
    keys = [r.header("Idempotency-Key") for r in mastodon_stub.requests_to("POST", "/api/v1/statuses")]
    assert keys == ["publication-43", "publication-43"]


def test_retry_after_timeout_sends_the_same_key_and_posts_once(mastodon_stub):
    # The first POST is applied but its answer arrives too late: the client times out.
    mastodon = connector(mastodon_stub, timeout=0.5)
    original_handle = mastodon_stub.handle
    slow = {"pending": True}

    def apply_then_stall(request):
        result = original_handle(request)
        if request.path == "/api/v1/statuses" and slow.pop("pending", False):
            import time

            time.sleep(1.5)
        return result

    mastodon_stub.handle = apply_then_stall
    with pytest.raises(Timeout) as info:
        mastodon.publish(Publishable("Flood warning"), idempotency_key="publication-44")
    assert info.value.retryable
    ref = mastodon.publish(Publishable("Flood warning"), idempotency_key="publication-44")
    assert len(mastodon_stub.statuses) == 1
    assert ref.remote_id in mastodon_stub.statuses


def test_different_keys_make_different_statuses(mastodon_stub):
    mastodon = connector(mastodon_stub)
    a = mastodon.publish(Publishable("Same text"), idempotency_key="a")
    b = mastodon.publish(Publishable("Same text"), idempotency_key="b")
    assert a != b and len(mastodon_stub.statuses) == 2


def test_delete(mastodon_stub):
    mastodon = connector(mastodon_stub)
    ref = mastodon.publish(Publishable("Temporary"), idempotency_key="k")
    mastodon.delete(ref)
    assert mastodon_stub.requests_to("DELETE", f"/api/v1/statuses/{ref.remote_id}")
    assert ref.remote_id not in mastodon_stub.statuses
    with pytest.raises(NotFound):
        mastodon.delete(ref)


def test_fetch_profile_reads_note_and_fields(mastodon_stub):
    profile = connector(mastodon_stub).fetch_profile()
    assert mastodon_stub.requests_to("GET", "/api/v1/accounts/verify_credentials")
    assert profile.platform == "mastodon"
    assert profile.handle == "townclerk"
    assert profile.display_name == "Example Town Council"
    assert "Feedback and complaints: example-tc.gov.uk/complaints" in profile.description
    assert "<" not in profile.description
    assert profile.links == ("https://example-tc.gov.uk/complaints", "https://example-tc.gov.uk")
    assert profile.url == "https://social.example/@townclerk"


def test_health_ok(mastodon_stub):
    health = connector(mastodon_stub).health()
    assert health.ok and health.detail == "Signed in as @townclerk."


def test_wrong_token_is_auth_failed_and_never_logged(mastodon_stub, caplog):
    caplog.set_level(logging.DEBUG)
    bad_token = "wrong-token-5f2c9a"
    mastodon = connector(mastodon_stub, token=bad_token)
    with pytest.raises(AuthFailed) as info:
        mastodon.publish(Publishable("x"), idempotency_key="k")
    assert info.value.details["http_status"] == 401
    assert mastodon.health().error_code == "auth_failed"
    assert bad_token not in caplog.text
    assert bad_token not in repr(info.value) + str(info.value) + repr(info.value.details) + repr(mastodon)
    assert all(bad_token not in repr(vars(r)) for r in caplog.records)


@pytest.mark.parametrize(
    ("status", "body", "headers", "error_class", "retryable"),
    [
        (401, {"error": "The access token is invalid"}, {}, AuthFailed, False),
        (403, {"error": "This action is not allowed"}, {}, AuthFailed, False),
        (404, {"error": "Record not found"}, {}, NotFound, False),
        (422, {"error": "Validation failed: Text character limit of 500 exceeded"}, {}, Rejected, False),
        (429, {"error": "Too many requests"}, {"X-RateLimit-Reset": "2099-01-01T00:00:00.000Z"}, RateLimited, True),
        (500, {"error": "Internal server error"}, {}, Unavailable, True),
        (502, None, {}, Unavailable, True),
        (503, {"error": "Service unavailable"}, {}, Unavailable, True),
        (504, None, {}, Unavailable, True),
    ],
)
def test_error_statuses_map_to_codes(mastodon_stub, status, body, headers, error_class, retryable):
    mastodon_stub.fail("POST", "/api/v1/statuses", status, body, headers=headers)
    with pytest.raises(error_class) as info:
        connector(mastodon_stub).publish(Publishable("x"), idempotency_key="k")
    assert type(info.value) is error_class
    assert info.value.retryable is retryable
    assert mastodon_stub.statuses == {}


def test_unparseable_answer_is_provider_error(mastodon_stub):
    mastodon_stub.fail("POST", "/api/v1/statuses", 200, None)  # 200 with an empty body
    with pytest.raises(ProviderError) as info:
        connector(mastodon_stub).publish(Publishable("x"), idempotency_key="k")
    assert info.value.retryable is False


def test_rejected_carries_the_servers_reason(mastodon_stub):
    mastodon_stub.max_characters = 10
    with pytest.raises(Rejected) as info:
        connector(mastodon_stub).publish(Publishable("This is longer than ten"), idempotency_key="k")
    assert info.value.details["reason"] == "Validation failed: Text character limit of 10 exceeded"
    assert info.value.details["http_status"] == 422


def test_timeout(mastodon_stub):
    mastodon_stub.fail("GET", "/api/v1/accounts/verify_credentials", 200, {}, delay=1.5)
    mastodon = connector(mastodon_stub, timeout=0.3)
    with pytest.raises(Timeout) as info:
        mastodon.fetch_profile()
    assert info.value.retryable and info.value.code == "timeout"


def test_server_not_listening_is_unavailable():
    with MastodonStub() as stub:
        url = stub.url
    mastodon = MastodonConnector(api_base_url=url, access_token="t", timeout=2)
    with pytest.raises(Unavailable) as info:
        mastodon.publish(Publishable("x"), idempotency_key="k")
    assert type(info.value) is Unavailable and info.value.retryable
    health = mastodon.health()
    assert (health.ok, health.error_code, health.retryable) == (False, "unavailable", True)


def test_too_many_images_rejected_without_any_request(mastodon_stub):
    images = tuple(Image(PNG, alt=f"photo {i}") for i in range(5))
    with pytest.raises(Rejected):
        connector(mastodon_stub).publish(Publishable("pics", images=images), idempotency_key="k")
    assert mastodon_stub.requests == []
