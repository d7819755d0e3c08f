"""Bluesky connector pieces that need no server: record keys, facets, error mapping."""

from __future__ import annotations

import re

import httpx
import pytest
from atproto_client.exceptions import (
    BadRequestError,
    InvokeTimeoutError,
    ModelError,
    NetworkError,
    RateLimitExceededError,
    RequestException,
    UnauthorizedError,
)
from atproto_client.models.common import XrpcError
from atproto_client.request import Response

from herald.connectors import (
    AuthFailed,
    Image,
    NotFound,
    ProviderError,
    Publishable,
    RateLimited,
    Rejected,
    Timeout,
    Unavailable,
)
from herald.connectors.bluesky import BlueskyConnector, _facets, _translate, profile_links, record_key_for

TID_RE = re.compile(r"^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$")  # atproto TID syntax


def test_record_key_is_a_valid_tid_and_deterministic():
    keys = [f"publication-{n}" for n in range(2000)]
    rkeys = [record_key_for(k) for k in keys]
    assert all(TID_RE.match(r) for r in rkeys)
    assert rkeys == [record_key_for(k) for k in keys]  # same key, same record key
    assert len(set(rkeys)) == len(rkeys)  # different keys, different record keys


@pytest.mark.parametrize("key", ["a", "x" * 128, "2026-11-25T10:00:00Z.pub:7", "ünïcode"])
def test_record_key_for_unusual_keys(key):
    assert TID_RE.match(record_key_for(key))


def test_record_key_known_value():
    # Pinned: changing the derivation would make retries of in-flight publications post twice.
    assert record_key_for("pub-1") == "amsao7lwgvfxy"


def test_explicit_links_become_facets_with_utf8_byte_offsets():
    text = "Café closed — details: https://example-tc.gov.uk/news/café #MillLane"
    link = "https://example-tc.gov.uk/news/café"
    [link_facet, tag_facet] = _facets(Publishable(text, links=(link,)))
    encoded = text.encode("utf-8")
    start, end = link_facet.index.byte_start, link_facet.index.byte_end
    assert encoded[start:end].decode() == link
    assert link_facet.features[0].uri == link
    assert tag_facet.features[0].tag == "MillLane"


def test_bare_domains_are_detected_as_links_when_publishing():
    [facet] = _facets(Publishable("Complaints: council.gov.uk/complaints."))
    assert facet.features[0].uri == "https://council.gov.uk/complaints"


@pytest.mark.parametrize(
    ("description", "links"),
    [
        ("Complaints: example-tc.gov.uk/complaints.", ["https://example-tc.gov.uk/complaints"]),
        ("Feedback https://example-tc.gov.uk/feedback, complaints (https://example-tc.gov.uk/complaints)",
         ["https://example-tc.gov.uk/feedback", "https://example-tc.gov.uk/complaints"]),
        ("Run by the Clerk, e.g. on weekdays. Email clerk@example-tc.gov.uk", []),
        ("Visit EXAMPLE-TC.GOV.UK or example-tc.gov.uk", ["https://EXAMPLE-TC.GOV.UK", "https://example-tc.gov.uk"]),
        ("Not a domain: file.notarealtld/x", []),
        ("", []),
    ],
)
def test_profile_links(description, links):
    assert profile_links(description) == links


def test_image_over_one_megabyte_is_rejected_before_any_request():
    connector = BlueskyConnector(handle="council.test", password="x", service_url="http://127.0.0.1:9")
    big = Image(b"\x89PNG" + b"\x00" * 1_000_000, alt="A large photo")
    with pytest.raises(Rejected) as info:
        connector.publish(Publishable("big", images=(big,)), idempotency_key="k")
    assert info.value.details["field"] == "images[0].data"


def response(status: int, error: str | None = None, message: str | None = None, headers=None) -> Response:
    content = XrpcError(error=error, message=message) if error else None
    return Response(success=False, status_code=status, content=content, headers=headers or {})


@pytest.mark.parametrize(
    ("exc", "error_class", "retryable"),
    [
        (InvokeTimeoutError(), Timeout, True),
        (httpx.ReadTimeout("timed out"), Timeout, True),
        (NetworkError(), Unavailable, True),
        (httpx.ConnectError("refused"), Unavailable, True),
        (NetworkError(response(502)), Unavailable, True),
        (NetworkError(response(413, "PayloadTooLarge")), Rejected, False),
        (UnauthorizedError(response(401, "AuthenticationRequired", "Invalid identifier or password")), AuthFailed,
         False),
        (BadRequestError(response(400, "ExpiredToken", "Token has expired")), AuthFailed, False),
        (BadRequestError(response(400, "AccountTakedown")), AuthFailed, False),
        (BadRequestError(response(400, "RecordNotFound", "Could not locate record")), NotFound, False),
        (BadRequestError(response(400, "InvalidRequest", "grapheme too big")), Rejected, False),
        (RateLimitExceededError(response(429, "RateLimitExceeded", headers={"retry-after": "30"})), RateLimited,
         True),
        (RequestException(response(500, "InternalServerError")), Unavailable, True),
        (RequestException(response(503)), Unavailable, True),
        (RequestException(response(404)), NotFound, False),
        (RequestException(response(418)), ProviderError, False),
        (ModelError("bad shape"), ProviderError, False),
    ],
)
def test_error_mapping(exc, error_class, retryable):
    error = _translate(exc)
    assert type(error) is error_class
    assert error.retryable is retryable


def test_unknown_exceptions_are_left_to_the_template():
    assert _translate(ValueError("?")) is None


def test_error_details_are_safe_and_structured():
    error = _translate(BadRequestError(response(400, "InvalidRequest", "Invalid record: text too long")))
    assert error.details == {
        "provider_error": "InvalidRequest",
        "http_status": 400,
        "reason": "Invalid record: text too long",
    }
    limited = _translate(RateLimitExceededError(response(429, "RateLimitExceeded", headers={"retry-after": "30"})))
    assert limited.retry_after == 30.0


def test_repr_hides_the_password():
    connector = BlueskyConnector(handle="council.test", password="app-pass-very-secret", service_url="http://x")
    assert "very-secret" not in repr(connector)
    assert "very-secret" not in repr(vars(connector))
