"""Every error is JSON {code, message, details}: bad JSON, wrong types, missing and unknown fields,
wrong methods, unknown addresses, rate limits and unexpected failures (no traceback)."""

from __future__ import annotations

import pytest

from herald.posts.models import Post
from tests.api.conftest import assert_error

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(acked, api):
    return api(acked.member)


@pytest.mark.parametrize("raw", ["{bad json", "", "null", "[]", '"text"', "42", '{"text": "a"'])
def test_bodies_that_are_not_a_json_object(member, raw):
    data = assert_error(member.post("/api/posts", raw=raw), 400, "invalid_request")
    assert data["message"]
    assert not Post.objects.exists()


def test_not_json_at_all(member):
    response = member.post("/api/posts", raw="text=hello", content_type="application/x-www-form-urlencoded")
    assert assert_error(response, 400, "invalid_request")["message"] == "The request body is not valid JSON."


def test_wrong_types_and_unknown_fields_are_named(member):
    data = assert_error(member.post("/api/posts", {"text": 5, "channels": "x", "colour": "red"}), 400,
                        "invalid_request")
    assert set(data["details"]["fields"]) == {"text", "channels", "colour"}
    assert data["details"]["fields"]["colour"] == ["This field is not allowed here."]
    data = assert_error(member.post("/api/posts", {"text": "Hello", "channels": [0, "a"]}), 400, "invalid_request")
    assert set(data["details"]["fields"]) == {"channels.0", "channels.1"}


def test_missing_fields(member):
    data = assert_error(member.post("/api/posts", {}), 400, "invalid_request")
    assert data["details"]["fields"] == {"text": ["This field is required."]}
    data = assert_error(member.post("/api/screen", {"channel": "official"}), 400, "invalid_request")
    assert data["details"]["fields"] == {"text": ["This field is required."]}


@pytest.mark.parametrize("text, problem", [
    ("a\x00b", "NUL"), ("x" * 5001, "at most 5000"), ("", "at least 1"),
])
def test_text_that_could_not_be_stored_is_refused(member, text, problem):
    data = assert_error(member.post("/api/posts", {"text": text}), 400, "invalid_request")
    assert problem in data["details"]["fields"]["text"][0]


def test_broken_unicode_is_refused(member):
    assert_error(member.post("/api/posts", raw='{"text": "bad \\ud800 surrogate"}'), 400, "invalid_request")
    assert not Post.objects.exists()


@pytest.mark.parametrize("path", ["/api/posts/0", "/api/posts/-1", "/api/posts/abc",
                                  "/api/posts/99999999999999999999999"])
def test_bad_ids(member, path):
    assert_error(member.get(path), 400, "invalid_request")


def test_unknown_addresses_and_wrong_methods(member):
    assert_error(member.get("/api/nothing-here"), 404, "not_found")
    assert_error(member.get("/api/posts/1/nothing"), 404, "not_found")
    data = assert_error(member.call("DELETE", "/api/posts"), 405, "method_not_allowed")
    assert set(data["details"]["allowed"].replace(" ", "").split(",")) == {"GET", "POST"}
    assert_error(member.call("PUT", "/api/screen"), 405, "method_not_allowed")


def test_an_unexpected_failure_is_a_500_in_the_same_shape_without_internals(member, monkeypatch, caplog):
    def explode(*args, **kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr("herald.api.endpoints.channels.postable_channels", explode)
    data = assert_error(member.get("/api/channels"), 500, "server_error")
    assert "secret internal detail" not in str(data)
    assert any("secret internal detail" in r.getMessage() or (r.exc_info and "secret internal detail" in
               str(r.exc_info[1])) for r in caplog.records)


def test_rate_limit(member, monkeypatch):
    from herald.api.throttling import TokenRateThrottle

    monkeypatch.setattr(TokenRateThrottle, "allow_request", lambda self, request: False)
    monkeypatch.setattr(TokenRateThrottle, "wait", lambda self: 29.2)
    response = member.get("/api/channels")
    data = assert_error(response, 429, "rate_limited")
    assert "Too many requests" in data["message"] and data["details"] == {"retry_after": 30}
    assert response["Retry-After"] == "30"


def test_the_screen_limit_is_counted_per_token(acked, api):
    from herald.api.throttling import SCREEN_RATE

    limit = int(SCREEN_RATE.split("/")[0])
    member, other = api(acked.member), api(acked.member2)
    codes = [member.post("/api/screen", {"text": "Hello"}).status_code for _ in range(limit + 1)]
    assert codes[:limit] == [200] * limit and codes[-1] == 429
    assert other.post("/api/screen", {"text": "Hello"}).status_code == 200
