"""API fixtures: tokens made through the real service and a client that speaks JSON with a bearer token."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from django.core.cache import cache

from tests.posts.conftest import acked, channel, make_channel, stubs, worker  # noqa: F401  (fixtures)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def make_token(rep, name="Test script", expires_at=None) -> str:
    from herald.api.services import api_token_create

    _token, secret = api_token_create(acting_user=rep.user, representative=rep, name=name, expires_at=expires_at)
    return secret


@dataclass
class Api:
    client: object
    secret: str | None = None

    def call(self, method: str, path: str, body=None, *, raw: str | bytes | None = None, token: str | None = None,
             content_type: str = "application/json", **headers):
        secret = token if token is not None else self.secret
        if secret:
            headers.setdefault("Authorization", f"Bearer {secret}")
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        kwargs = {"headers": headers}
        if method.upper() != "GET":
            kwargs.update(data=data if data is not None else "", content_type=content_type)
        return getattr(self.client, method.lower())(path, **kwargs)

    def get(self, path, **kw):
        return self.call("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.call("POST", path, body, **kw)

    def patch(self, path, body=None, **kw):
        return self.call("PATCH", path, body, **kw)


@pytest.fixture
def api(client):
    """api(rep) -> an Api client with a fresh token of that representative; api() -> no token."""

    def make(rep=None) -> Api:
        from django.test import Client

        return Api(client=Client(), secret=make_token(rep) if rep is not None else None)

    return make


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    assert set(data) == {"code", "message", "details"}, data
    assert data["code"] == code, data
    assert isinstance(data["message"], str) and data["message"] and isinstance(data["details"], dict)
    assert "Traceback" not in data["message"]
    return data
