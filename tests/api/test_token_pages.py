"""The token pages on the account page: create (secret shown once), list, revoke; bad input;
nobody sees or revokes another's token except the Clerk, and never across councils."""

from __future__ import annotations

import pytest

from herald.api.models import ApiToken
from tests.api.conftest import make_token

pytestmark = pytest.mark.django_db


def test_create_shows_the_secret_once(people, signed_in):
    client = signed_in(people.member)
    assert "Manage your API tokens" in client.get("/account").content.decode()
    assert client.get("/account/api-tokens/new").status_code == 200
    response = client.post("/account/api-tokens/new", {"name": "Newsletter script", "expiry": "30"})
    assert response.status_code == 302 and response["Location"] == "/account/api-tokens/created"
    page = client.get("/account/api-tokens/created")
    token = ApiToken.objects.get()
    body = page.content.decode()
    secret = body.split('id="api-token-secret">')[1].split("<")[0]
    assert secret.startswith(token.prefix) and token.user == people.member.user and token.expires_at
    assert page["Cache-Control"] == "no-store"
    again = client.get("/account/api-tokens/created")
    assert again.status_code == 302 and again["Location"] == "/account/api-tokens"
    listing = client.get("/account/api-tokens").content.decode()
    assert "Newsletter script" in listing and token.prefix in listing and secret not in listing
    assert "Active" in listing


@pytest.mark.parametrize("data, message", [
    ({"name": "", "expiry": "30"}, "Enter a name for the token"),
    ({"name": "Script", "expiry": "9999"}, "Select when the token stops working"),
    ({"name": "Script"}, "Select when the token stops working"),
    ({"name": "x" * 101, "expiry": "30"}, "100 characters or fewer"),
    ({"name": "bell\x07", "expiry": "never"}, "letters, numbers"),
])
def test_bad_input_is_shown_and_nothing_is_made(people, signed_in, data, message):
    response = signed_in(people.member).post("/account/api-tokens/new", data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoke_from_the_page(people, signed_in):
    make_token(people.member)
    token = ApiToken.objects.get()
    client = signed_in(people.member)
    assert "Revoke your API token" in client.get(f"/account/api-tokens/{token.pk}/revoke").content.decode()
    response = client.post(f"/account/api-tokens/{token.pk}/revoke")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_by == people.member.user
    assert "Revoked" in client.get("/account/api-tokens").content.decode()
    client.post(f"/account/api-tokens/{token.pk}/revoke")  # twice: told, nothing changes
    assert "already revoked" in client.get("/account/api-tokens").content.decode()


def test_others_tokens_are_hidden_except_from_the_clerk(people, other_people, signed_in, client):
    make_token(people.member, name="Members script")
    token = ApiToken.objects.get()
    for rep in (people.member2, people.chair, other_people.clerk):
        client.logout()
        viewer = signed_in(rep)
        assert viewer.get(f"/account/api-tokens/{token.pk}/revoke").status_code == 404
        assert viewer.post(f"/account/api-tokens/{token.pk}/revoke").status_code == 404
        assert "Members script" not in viewer.get("/account/api-tokens").content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None
    client.logout()
    clerk = signed_in(people.clerk)
    assert "Members script" in clerk.get("/account/api-tokens").content.decode()
    assert clerk.post(f"/account/api-tokens/{token.pk}/revoke").status_code == 302
    token.refresh_from_db()
    assert token.revoked_by == people.clerk.user


def test_the_token_pages_need_signing_in(people, client):
    for path in ("/account/api-tokens", "/account/api-tokens/new", "/account/api-tokens/created"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/sign-in")
