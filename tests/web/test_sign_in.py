"""Sign-in through the web: password, two-factor set-up and use, throttling, sign-out."""

from __future__ import annotations

import re

import pyotp
import pytest

from herald.people.models import TotpDevice
from herald.records.events import EventType
from herald.records.models import AuditEvent
from tests.conftest import PASSWORD


def _sign_in(client, email, password=PASSWORD):
    return client.post("/sign-in", {"email": email, "password": password})


def test_officer_signs_in_with_a_password(client, people):
    response = _sign_in(client, people.officer.official_email)
    assert response.status_code == 302 and response["Location"] == "/dashboard"
    assert client.get("/dashboard").status_code == 200
    assert AuditEvent.objects.filter(event_type=EventType.SIGNED_IN, actor=people.officer.user).exists()


def test_clerk_sets_up_two_factor_then_uses_it(client, people):
    response = _sign_in(client, people.clerk.official_email)
    assert response["Location"] == "/sign-in/two-factor/set-up"
    assert "_auth_user_id" not in client.session  # not signed in until the second step
    page = client.get("/sign-in/two-factor/set-up").content.decode()
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page).group(1)
    assert "<svg" in page
    response = client.post("/sign-in/two-factor/set-up", {"code": "000000"})
    assert response.status_code == 400 and "The code is not right" in response.content.decode()
    response = client.post("/sign-in/two-factor/set-up", {"code": pyotp.TOTP(secret).now()})
    assert response["Location"] == "/account/recovery-codes"
    codes_page = client.get("/account/recovery-codes").content.decode()
    codes = re.findall(r"<li>([0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4})</li>", codes_page)
    assert len(codes) == 10
    assert client.get("/account/recovery-codes").status_code == 302  # shown once
    client.post("/sign-out")
    assert client.get("/dashboard").status_code == 302

    response = _sign_in(client, people.clerk.official_email)
    assert response["Location"] == "/sign-in/two-factor"
    response = client.post("/sign-in/two-factor", {"code": "123456"})
    assert response.status_code == 400 and "not right" in response.content.decode()
    response = client.post("/sign-in/two-factor", {"code": codes[0]})
    assert response["Location"] == "/dashboard"
    page = client.get("/dashboard").content.decode()
    assert "It is overdue" in page


def test_wrong_password_gives_one_message_for_every_case(client, people):
    for email, password in [(people.officer.official_email, "wrong-password"), ("nobody@example.org", PASSWORD)]:
        response = _sign_in(client, email, password)
        assert response.status_code == 400
        assert "The email address or password is not right" in response.content.decode()


def test_lock_out_after_repeated_failures(client, people, settings):
    settings.HERALD_LOGIN_MAX_FAILURES = 3
    for _ in range(3):
        _sign_in(client, people.officer.official_email, "wrong")
    response = _sign_in(client, people.officer.official_email)  # right password, but locked
    assert response.status_code == 400 and "Too many attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_two_factor_codes_are_throttled_too(client, people, settings):
    settings.HERALD_LOGIN_MAX_FAILURES = 2
    user = people.chair.user
    device = TotpDevice.objects.create(user=user, secret=pyotp.random_base32())
    TotpDevice.objects.filter(pk=device.pk).update(confirmed_at="2026-01-01T00:00:00Z")
    _sign_in(client, people.chair.official_email)
    for _ in range(2):
        client.post("/sign-in/two-factor", {"code": "999999"})
    response = client.post("/sign-in/two-factor", {"code": pyotp.TOTP(device.secret).now()})
    assert "Too many attempts" in response.content.decode()


def test_next_is_followed_only_within_herald(client, people):
    client.get("/sign-in?next=/people/")
    assert _sign_in(client, people.officer.official_email)["Location"] == "/people/"
    client.post("/sign-out")
    client.get("/sign-in?next=https://evil.example/")
    assert _sign_in(client, people.officer.official_email)["Location"] == "/dashboard"


def test_session_key_changes_at_sign_in(client, people):
    client.get("/sign-in")
    client.cookies["sessionid"] = "attacker-chosen-session-id"
    _sign_in(client, people.officer.official_email)
    assert client.cookies["sessionid"].value != "attacker-chosen-session-id"


def test_sign_out_needs_post(client, people, signed_in):
    signed_in(people.officer)
    assert client.get("/sign-out").status_code == 405


@pytest.mark.parametrize("data", [{}, {"email": "not-an-email", "password": "x"}, {"email": "a@b.org"}])
def test_bad_sign_in_input_shows_an_error_summary(client, data):
    response = client.post("/sign-in", data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in body and "govuk-error-summary" in body and "<title>Error:" in body


def test_set_password_link(client, people):
    from herald.people.services import account_create, representative_create

    rep = representative_create(acting_user=people.clerk.user, council=people.council, name="Nia New",
                                kind="member", roles=["member"], official_email="nia@stalbridgetowncouncil.gov.uk")
    _user, link = account_create(acting_user=people.clerk.user, representative=rep)
    path = link.split("127.0.0.1:8000", 1)[1] if "127.0.0.1:8000" in link else link
    response = client.post(path, {"password": "short", "confirm": "short"})
    assert response.status_code == 400 and "too short" in response.content.decode()
    response = client.post(path, {"password": "river-lantern-orchard-7", "confirm": "river-lantern-orchard-7"})
    assert response["Location"] == "/sign-in"
    assert client.get(path).status_code == 400  # the link works once
    assert _sign_in(client, "nia@stalbridgetowncouncil.gov.uk", "river-lantern-orchard-7")["Location"] == "/dashboard"
    assert client.get("/account/set-password/xx/yy").status_code == 400
