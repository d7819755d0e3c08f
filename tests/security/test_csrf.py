"""CSRF on every form: a POST without the token is refused (403) and writes nothing.

Every route of the access matrix is visited as someone allowed to use it; each POST form on its
page (and the route itself, for POST-only routes) is submitted as rendered, minus the CSRF token.
A control submission with the token must get past the CSRF check, so the refusal is really the
CSRF check's. The REST API is the documented exception: bearer tokens only, so a session cookie
alone gets a 401 and CSRF does not arise.
"""

from __future__ import annotations

import pytest
from django.middleware.csrf import CsrfViewMiddleware
from django.test import Client

from tests.conftest import PASSWORD
from tests.security.helpers import API, ROUTES, Form, actor_for, fingerprint, forms_in, route_name, url_for
from tests.web.test_access_matrix import objects  # noqa: F401  (fixture)

WEB_ROUTES = sorted(n for n, (who, _m) in ROUTES.items() if who != API)
API_ROUTES = sorted(n for n, (who, _m) in ROUTES.items() if who == API)


@pytest.fixture
def rejections(monkeypatch):
    """Every request the CSRF check refused (its reason)."""
    seen: list[str] = []
    original = CsrfViewMiddleware._reject

    def spy(self, request, reason):
        seen.append(reason)
        return original(self, request, reason)

    monkeypatch.setattr(CsrfViewMiddleware, "_reject", spy)
    return seen


def _client(rep) -> Client:
    client = Client(enforce_csrf_checks=True)
    if rep:
        client.force_login(rep.user)
        session = client.session
        session["herald_2fa_verified"] = True
        session.save()
    return client


def _forms_for(name: str, client: Client, url: str) -> list[Form]:
    forms = [Form(action=url, method="post", enctype="")]  # the bare route: refused whatever it is
    if ROUTES[name][1] == "GET":
        response = client.get(url)
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            forms += [f for f in forms_in(response.content.decode())
                      if f.method == "post" and route_name(f.action or url) == name]
    return forms


def _realistic(name: str, data: dict, people) -> dict:
    """Data that would really do something, where the rendered form has blanks."""
    if name == "sign-in":
        data.update(email=[people.officer.official_email], password=[PASSWORD])
    return data


@pytest.mark.parametrize("name", WEB_ROUTES)
def test_a_post_without_the_token_is_refused_and_changes_nothing(people, objects, rejections, name):
    rep = actor_for(name, people)
    client = _client(rep)
    url = url_for(name, objects)
    forms = _forms_for(name, client, url)
    signed_in_as = client.session.get("_auth_user_id")
    before = fingerprint()
    for form in forms:
        target = form.action or url
        rejections.clear()
        response = client.post(target, _realistic(name, form.data(with_token=False), people))
        assert response.status_code == 403, (name, target, response.status_code)
        assert rejections, f"{name}: refused, but not by the CSRF check"
        assert b"reload the page and try again" in response.content and b"<style" not in response.content
    assert fingerprint() == before, f"{name}: a refused POST wrote to the database"
    assert client.session.get("_auth_user_id") == signed_in_as, f"{name}: the session changed"

    # Control: the same submissions with the token pass the CSRF check (whatever the view then says).
    # (The token is read from the cookie each time: signing in rotates it.)
    if "csrftoken" not in client.cookies:
        client.get("/sign-in" if rep is None else "/account")
    for form in forms:
        rejections.clear()
        data = _realistic(name, form.data(with_token=False), people)
        data["csrfmiddlewaretoken"] = [client.cookies["csrftoken"].value]
        response = client.post(form.action or url, data)
        assert not rejections, (name, rejections)
        assert response.status_code < 500, (name, response.status_code)


def test_the_forms_are_found(people, objects):
    """The form finder is not blind: the pages with the main forms yield them, filled in."""
    client = _client(people.clerk)
    found = {name: _forms_for(name, client, url_for(name, objects))[1:] for name in
             ("person-new", "post-new", "channel-new", "person-suspend", "complaint-decide")}
    assert all(found.values()), {k: len(v) for k, v in found.items()}
    fields = dict(found["person-new"][0].fields)
    assert "csrfmiddlewaretoken" in fields and "name" in fields
    anonymous = _forms_for("complaint-new", Client(enforce_csrf_checks=True), url_for("complaint-new", objects))
    assert len(anonymous) == 2 and "text" in dict(anonymous[1].fields)


def test_a_refused_sign_out_keeps_the_session_and_a_refused_sign_in_signs_nobody_in(people, rejections):
    client = _client(people.officer)
    assert client.post("/sign-out").status_code == 403
    assert client.get("/dashboard").status_code == 200
    anonymous = Client(enforce_csrf_checks=True)
    anonymous.get("/sign-in")
    response = anonymous.post("/sign-in", {"email": people.officer.official_email, "password": PASSWORD})
    assert response.status_code == 403 and "_auth_user_id" not in anonymous.session


def test_a_token_from_another_session_is_refused(people, rejections):
    attacker = Client(enforce_csrf_checks=True)
    attacker.get("/sign-in")
    stolen = attacker.cookies["csrftoken"].value
    victim = _client(people.officer)
    victim.get("/account")
    response = victim.post("/sign-out", {"csrfmiddlewaretoken": stolen})
    assert response.status_code == 403 and rejections
    assert victim.get("/dashboard").status_code == 200


@pytest.mark.parametrize("name", API_ROUTES)
def test_the_api_ignores_session_cookies(people, objects, name):
    """The API needs a bearer token: a signed-in browser session alone gets 401, so no CSRF risk."""
    client = _client(people.clerk)
    url = url_for(name, objects)
    response = client.post(url, "{}", content_type="application/json") if ROUTES[name][1] == "POST" else client.get(url)
    assert response.status_code == 401, (name, response.status_code)
    assert response.json()["code"] == "unauthenticated"
