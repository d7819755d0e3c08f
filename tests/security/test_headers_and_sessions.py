"""Security headers on every page type; cookies; session fixation at each sign-in step; sign-out
ending the session on the server; two-factor enforced on every staff route.

Sign-in throttling (per email and per address) is tested in tests/people/test_accounts.py and
tests/web/test_sign_in.py.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pyotp
import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from herald.people.models import TotpDevice
from tests.conftest import PASSWORD
from tests.security.helpers import API, ROUTES, actor_for, staff_routes, url_for
from tests.web.test_access_matrix import objects  # noqa: F401  (fixture)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _client(rep) -> Client:
    client = Client()
    if rep:
        client.force_login(rep.user)
        session = client.session
        session["herald_2fa_verified"] = True
        session.save()
    return client


def _assert_headers(label: str, response) -> None:
    csp = response.get("Content-Security-Policy", "")
    directives = {d.strip().split(" ")[0]: d.strip() for d in csp.split(";") if d.strip()}
    assert directives.get("default-src") in ("default-src 'self'", "default-src 'none'"), (label, csp)
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp, (label, csp)
    if directives["default-src"] == "default-src 'none'" and "sandbox" in directives:
        assert response.get("X-Content-Type-Options") == "nosniff", label  # a file: nothing may run at all
        return
    scripts = directives.get("script-src", directives["default-src"]).split(" ")[1:]
    assert not {"*", "http:", "https:", "data:", "blob:"} & set(scripts), (label, csp)  # scripts from here only
    assert directives.get("object-src") == "object-src 'none'", (label, csp)
    assert directives.get("base-uri") in ("base-uri 'none'", "base-uri 'self'"), (label, csp)
    framing = directives.get("frame-ancestors") == "frame-ancestors 'none'" or response.get("X-Frame-Options") == "DENY"
    assert framing, (label, "may be framed")
    assert response.get("X-Content-Type-Options") == "nosniff", label
    assert response.get("Referrer-Policy") in ("same-origin", "no-referrer", "strict-origin-when-cross-origin"), label


def test_every_route_sends_the_security_headers(people, objects):
    seen = 0
    for name, (who, method) in sorted(ROUTES.items()):
        rep = actor_for(name, people)
        client = _client(rep or None)
        url = url_for(name, objects)
        response = client.post(url) if method == "POST" else client.get(url)
        _assert_headers(f"{name} ({response.status_code})", response)
        if rep and who != API and response.status_code == 200:
            cache = response.get("Cache-Control", "")
            assert "no-store" in cache or "private" in cache, f"{name}: a shared cache may keep a signed-in page"
        seen += 1
    assert seen == len(ROUTES)


@pytest.mark.parametrize("how", ["404", "403", "400", "405", "csrf", "static", "api-401", "api-404"])
def test_error_pages_and_static_files_send_them_too(people, how):
    client, csrf = _client(people.officer), Client(enforce_csrf_checks=True)
    response = {
        "404": lambda: client.get("/no-such-page"),
        "403": lambda: client.get("/audit/"),
        "400": lambda: Client().post("/sign-in", {"email": "not-an-email"}),
        "405": lambda: client.get("/sign-out"),
        "csrf": lambda: csrf.post("/sign-in", {"email": "a@b.org", "password": "x"}),
        "static": lambda: Client().get("/static/herald/herald.css"),
        "api-401": lambda: Client().get("/api/posts"),
        "api-404": lambda: Client().get("/api/no-such-thing"),
    }[how]()
    expected = {"404": 404, "403": 403, "400": 400, "405": 405, "csrf": 403, "static": 200, "api-401": 401,
                "api-404": 404}[how]
    assert response.status_code == expected, (how, response.status_code)
    _assert_headers(how, response)


def test_cookies_are_http_only_and_same_site(people, settings):
    client = Client()
    client.get("/sign-in")
    response = client.post("/sign-in", {"email": people.officer.official_email, "password": PASSWORD})
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["httponly"] and session["samesite"] == "Lax" and not session["secure"]
    assert 0 < int(session["max-age"]) <= 8 * 60 * 60
    csrf = response.cookies.get(settings.CSRF_COOKIE_NAME) or client.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["samesite"] == "Lax"


def test_cookies_are_secure_when_herald_secure_cookies_is_on(people, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    client = Client()
    client.get("/sign-in")
    response = client.post("/sign-in", {"email": people.officer.official_email, "password": PASSWORD}, secure=True)
    assert response.cookies[settings.SESSION_COOKIE_NAME]["secure"]
    assert client.cookies[settings.CSRF_COOKIE_NAME]["secure"]


def test_herald_secure_cookies_turns_on_secure_cookies_and_hsts(tmp_path):
    """The setting itself, read from the environment as in production."""
    code = ("import django, os; django.setup(); from django.conf import settings as s; "
            "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_HTTPONLY)")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "herald.settings", "HERALD_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    on = subprocess.run([sys.executable, "-c", code], env={**env, "HERALD_SECURE_COOKIES": "1"}, cwd=ROOT,
                        capture_output=True, text=True, check=True).stdout.split()
    off = subprocess.run([sys.executable, "-c", code], env={**env, "HERALD_SECURE_COOKIES": "0"}, cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout.split()
    assert on == ["True", "True", "31536000", "True"], on
    assert off[:2] == ["False", "False"] and off[3] == "True", off


def _confirmed_device(user) -> TotpDevice:
    device = TotpDevice.objects.create(user=user, secret=pyotp.random_base32())
    TotpDevice.objects.filter(pk=device.pk).update(confirmed_at="2026-01-01T00:00:00Z")
    return device


def test_the_session_key_changes_at_the_password_step_and_again_at_two_factor(people, settings):
    device = _confirmed_device(people.clerk.user)
    attacker = Client()
    attacker.get("/sign-in?next=/people/")  # the attacker gets a session...
    planted = attacker.cookies[settings.SESSION_COOKIE_NAME].value
    victim = Client()
    victim.cookies[settings.SESSION_COOKIE_NAME] = planted  # ...and plants it in the victim's browser
    response = victim.post("/sign-in", {"email": people.clerk.official_email, "password": PASSWORD})
    assert response["Location"] == "/sign-in/two-factor"
    after_password = victim.cookies[settings.SESSION_COOKIE_NAME].value
    assert after_password != planted
    response = victim.post("/sign-in/two-factor", {"code": pyotp.TOTP(device.secret).now()})
    assert response["Location"] in ("/people/", "/dashboard")
    after_two_factor = victim.cookies[settings.SESSION_COOKIE_NAME].value
    assert after_two_factor not in (planted, after_password)
    assert victim.get("/dashboard").status_code == 200
    # Neither earlier key is signed in: not the attacker's, not the half-way one.
    assert attacker.get("/dashboard").status_code == 302
    halfway = Client()
    halfway.cookies[settings.SESSION_COOKIE_NAME] = after_password
    assert halfway.get("/dashboard").status_code == 302


def test_sign_out_ends_the_session_on_the_server(people, settings):
    client = Client()
    client.post("/sign-in", {"email": people.officer.official_email, "password": PASSWORD})
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get("/dashboard").status_code == 200 and Session.objects.filter(session_key=key).exists()
    client.post("/sign-out")
    assert not Session.objects.filter(session_key=key).exists()
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = key  # the old cookie, copied before sign-out
    response = replay.get("/dashboard")
    assert response.status_code == 302 and response["Location"].startswith("/sign-in")


def test_password_only_sessions_reach_no_staff_route(people, objects):
    """Clerk and Chair, signed in with a password but without the second step (a forced login, or
    one stuck half-way), are sent to sign in from every staff route and their session is ended."""
    routes = staff_routes()
    assert len(routes) > 40
    for role in ("clerk", "chair"):
        rep = people.by_role(role)
        for name in routes:
            client = Client()
            client.force_login(rep.user)
            url = url_for(name, objects)
            response = client.post(url) if ROUTES[name][1] == "POST" else client.get(url)
            assert response.status_code == 302 and response["Location"].startswith("/sign-in"), (role, name)
            assert "_auth_user_id" not in client.session, (role, name)


def test_half_way_through_sign_in_is_not_signed_in(people, objects):
    _confirmed_device(people.chair.user)
    client = Client()
    client.post("/sign-in", {"email": people.chair.official_email, "password": PASSWORD})
    for name in staff_routes():
        response = client.get(url_for(name, objects))
        assert response.status_code in (302, 405), name
        if response.status_code == 302:
            assert response["Location"].startswith("/sign-in"), name


def test_unknown_host_names_are_refused(people):
    """Links built from the request (the news feed) cannot be pointed elsewhere: other hosts get a 400."""
    response = Client().get("/policy", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "evil.example" not in response.content.decode()
