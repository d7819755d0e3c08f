"""Shared helpers for the security tests: who may use each route, HTML forms, database fingerprints.

Everything is derived from the access matrix (tests/web/test_access_matrix.py: ROUTES and its
`objects` fixture), so routes added there are covered here without editing these tests.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.apps import apps
from django.urls import Resolver404, resolve

from herald.people.capabilities import capabilities_for
from tests.web.test_access_matrix import API, PUBLIC, ROLES, ROUTES, SIGN_IN, SUBJECT, _url

__all__ = ["API", "PUBLIC", "ROLES", "ROUTES", "SIGN_IN", "SUBJECT", "actor_for", "fingerprint", "forms_in",
           "route_name", "url_for", "Form"]


def url_for(name: str, objects: dict) -> str:
    return _url(name, objects)


def route_name(path: str) -> str | None:
    try:
        return resolve(urlsplit(path).path).url_name
    except Resolver404:
        return None


def actor_for(name: str, people):
    """A representative allowed to use the route (None: anonymous), or False for the REST API."""
    who = ROUTES[name][0]
    if who == API:
        return False
    if who in (PUBLIC, SIGN_IN):
        return None
    if who == SUBJECT:
        return people.member2
    if who is None:
        return people.clerk
    for role in ROLES:
        caps = capabilities_for(people.by_role(role).roles)
        if (who & caps) if isinstance(who, frozenset) else who in caps:
            return people.by_role(role)
    raise AssertionError(f"no role may use {name}")


def staff_routes() -> list[str]:
    return sorted(n for n, (who, _m) in ROUTES.items() if who not in (PUBLIC, SIGN_IN, API))


def herald_models():
    return [m for m in apps.get_models() if m.__module__.startswith("herald.")]


def fingerprint() -> str:
    """A hash of every row of every Herald table (and the task queue): any write changes it."""
    digest = hashlib.sha256()
    models = herald_models()
    try:
        models.append(apps.get_model("django_tasks_db", "DBTaskResult"))
    except LookupError:
        pass
    for model in sorted(models, key=lambda m: m._meta.label):
        digest.update(model._meta.label.encode())
        for row in model.objects.order_by("pk").values_list():
            digest.update(repr(row).encode())
    return digest.hexdigest()


@dataclass
class Form:
    action: str
    method: str
    enctype: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    submits: list[tuple[str, str]] = field(default_factory=list)

    def data(self, *, with_token: bool) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for name, value in self.fields + self.submits[:1]:
            if name == "csrfmiddlewaretoken" and not with_token:
                continue
            out.setdefault(name, []).append(value)
        return out


class _FormParser(HTMLParser):
    """Every <form> with its fields filled in the way a person submitting it unchanged would."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._radios: dict[str, str] = {}
        self._checked_radios: set[str] = set()
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._textarea_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self._form = Form(action=a.get("action", ""), method=a.get("method", "get").lower(),
                              enctype=a.get("enctype", ""))
            self._radios, self._checked_radios = {}, set()
            return
        form = self._form
        if form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("submit", "image"):
                form.submits.append((name, a.get("value", "")))
            elif kind == "radio":
                if "checked" in a:
                    form.fields.append((name, a.get("value", "on")))
                    self._checked_radios.add(name)
                else:
                    self._radios.setdefault(name, a.get("value", "on"))
            elif kind == "checkbox":
                if "checked" in a:
                    form.fields.append((name, a.get("value", "on")))
            elif kind == "file":
                pass
            else:
                form.fields.append((name, a.get("value", "") or _sample(kind)))
        elif tag == "button" and name and a.get("type", "submit").lower() == "submit":
            form.submits.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select, self._options = name, []
        elif tag == "option" and self._select is not None:
            self._options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea" and name:
            self._textarea, self._textarea_text = name, []

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea_text.append(data)

    def handle_endtag(self, tag):
        form = self._form
        if form is None:
            return
        if tag == "select" and self._select is not None:
            chosen = ([v for v, selected in self._options if selected] + [v for v, _s in self._options if v]
                      + [v for v, _s in self._options])
            if chosen:
                form.fields.append((self._select, chosen[0]))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            form.fields.append((self._textarea, "".join(self._textarea_text).strip() or "A reason and some words."))
            self._textarea = None
        elif tag == "form":
            for name, value in self._radios.items():
                if name not in self._checked_radios:
                    form.fields.append((name, value))
            self.forms.append(form)
            self._form = None


def _sample(kind: str) -> str:
    return {"email": "someone@example.org", "number": "1", "date": "2027-01-01", "tel": "01963 000000",
            "url": "https://example.org", "password": "a-long-password-for-tests-9"}.get(kind, "")


def forms_in(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms
