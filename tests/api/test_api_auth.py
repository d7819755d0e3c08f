"""Authentication: bearer tokens only. Unknown, revoked and expired tokens get 401; a session
cookie alone gets 401 too; a deactivated representative's token is refused everything."""

from __future__ import annotations

import datetime as dt

import pytest

from herald.api.models import ApiToken
from herald.api.services import api_token_revoke
from herald.core import clock
from tests.api.conftest import assert_error, make_token

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("header", [None, "", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Token herald_abc",
                                    "Bearer herald_unknown", "Bearer herald_" + "x" * 500])
def test_missing_or_unknown_tokens_get_401(people, api, header):
    make_token(people.member)
    headers = {"Authorization": header} if header is not None else {}
    response = api().get("/api/posts", **headers)
    data = assert_error(response, 401, "unauthenticated")
    assert "Authorization" in data["message"] and response["WWW-Authenticate"].startswith("Bearer")


def test_a_signed_in_browser_session_cannot_use_the_api(people, signed_in):
    client = signed_in(people.clerk)
    assert client.get("/dashboard").status_code == 200
    assert_error(client.get("/api/posts"), 401, "unauthenticated")
    response = client.post("/api/posts", data='{"text": "Hello"}', content_type="application/json")
    assert_error(response, 401, "unauthenticated")


def test_revoked_token_gets_401(people, api):
    member = api(people.member)
    assert member.get("/api/posts").status_code == 200
    api_token_revoke(acting_user=people.member.user, token=ApiToken.objects.get())
    assert_error(member.get("/api/posts"), 401, "unauthenticated")


def test_expired_token_gets_401(people, client, monkeypatch):
    from tests.api.conftest import Api

    secret = make_token(people.member, expires_at=clock.now() + dt.timedelta(days=1))
    member = Api(client=client, secret=secret)
    assert member.get("/api/posts").status_code == 200
    later = clock.now() + dt.timedelta(days=1, minutes=1)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)
    assert_error(member.get("/api/posts"), 401, "unauthenticated")


def test_using_a_token_records_when(people, api):
    member = api(people.member)
    assert ApiToken.objects.get().last_used_at is None
    member.get("/api/channels")
    assert ApiToken.objects.get().last_used_at is not None


def test_a_deactivated_representatives_token_authenticates_but_may_do_nothing(people, api):
    from herald.people.services import representative_deactivate

    member = api(people.member)
    representative_deactivate(acting_user=people.clerk.user, representative=people.member, reason="Left")
    data = assert_error(member.get("/api/posts"), 403, "forbidden")
    assert "no longer an active representative" in data["message"]
    assert_error(member.post("/api/posts", {"text": "Hello"}), 403, "forbidden")
    assert_error(member.post("/api/screen", {"text": "Hello"}), 403, "forbidden")
