"""Stored and reflected XSS: a script payload in every free-text field, through the services, the
forms and (to reach every column, including those of models added later) straight into the
database; then every page of the access matrix, for every role and anonymous people, plus the
Atom feed and the exports, must show it escaped.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from herald.channels.models import NewsItem
from tests.posts.conftest import make_channel
from tests.security.helpers import API, PUBLIC, ROLES, ROUTES, SIGN_IN, actor_for, forms_in, route_name, url_for
from tests.security.xss import PAYLOAD, fill_every_free_text_field, store_through_services, unescaped
from tests.web.test_access_matrix import objects  # noqa: F401  (fixture)

pytestmark = pytest.mark.slow

PAGES = sorted(n for n, (who, method) in ROUTES.items() if who != API and method == "GET")
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
DOWNLOADS = ("text/csv", "application/json", "application/x-ndjson", "text/calendar")
# Pages that must show the (escaped) payload: proof that the payload really reached the pages.
MUST_SHOW = {"people", "person", "post", "posts", "post-history", "complaint-case", "complaint-cases", "election",
             "channel", "channels", "public-channel", "news", "news-feed", "audit", "council-policy"}


def _client(rep) -> Client:
    client = Client()
    if rep:
        client.force_login(rep.user)
        session = client.session
        session["herald_2fa_verified"] = True
        session.save()
    return client


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _check(label: str, response, problems: list[str], shown: set[str], name: str) -> None:
    if response.status_code >= 500:
        problems.append(f"{label}: {response.status_code}")
        return
    kind = response.get("Content-Type", "").split(";")[0]
    body = _body(response).decode(errors="replace")
    if kind in DOWNLOADS:
        if response.get("X-Content-Type-Options") != "nosniff":
            problems.append(f"{label}: {kind} without nosniff")
        if kind in ("text/csv", "application/x-ndjson") and not response.get("Content-Disposition", "").startswith(
                "attachment"):
            problems.append(f"{label}: {kind} not sent as a download")
        if PAYLOAD in body or ESCAPED in body or "\\u003cscript" in body:
            shown.add(name)
        return
    problems.extend(f"{label}: {p}" for p in unescaped(body))
    if ESCAPED in body or "&amp;lt;script" in body:
        shown.add(name)


def _visit_everything(people, objects, problems: list[str], *, query: str = "") -> set[str]:
    shown: set[str] = set()
    viewers = [None, *(people.by_role(role) for role in ROLES), people.member2]
    for rep in viewers:
        client = _client(rep)
        for name in PAGES:
            if rep is None and ROUTES[name][0] not in (PUBLIC, SIGN_IN):
                continue
            url = url_for(name, objects) + query
            _check(f"{name} as {rep.name if rep else 'anonymous'} ({url})", client.get(url), problems, shown, name)
    return shown


@pytest.fixture
def world(people, objects):
    store_through_services(people)
    channel = make_channel(people, name="News", platform="newsfeed")
    NewsItem.objects.create(council=people.council, channel=channel, idempotency_key="xss-1", text=PAYLOAD,
                            published_at=dt.datetime.now(dt.timezone.utc))
    filled = fill_every_free_text_field()
    return filled


def test_stored_payload_is_escaped_on_every_page_for_everyone(people, objects, world):
    assert {"people.Representative", "posts.Post", "complaints.Complaint", "channels.Channel"} <= set(world)
    problems: list[str] = []
    shown = _visit_everything(people, objects, problems)
    assert not problems, "\n".join(problems[:30])
    assert MUST_SHOW <= shown, f"the payload never reached: {sorted(MUST_SHOW - shown)}"


def test_payload_in_query_strings_is_not_reflected(people, objects):
    problems: list[str] = []
    from urllib.parse import quote

    q = quote(PAYLOAD)
    _visit_everything(people, objects, problems,
                      query=f"?q={q}&next={q}&reference={q}&page={q}&status={q}&date_from_0={q}&event_type={q}")
    assert not problems, "\n".join(problems[:30])


def test_payload_typed_into_every_form_is_escaped_when_shown_again_and_afterwards(people, objects):
    """Every POST form, every text box filled with the payload: the answer (an error page that
    repeats what was typed, or the saved result) and then every page show it escaped."""
    problems: list[str] = []
    submitted = 0
    for name in PAGES:
        if name in ("sign-out",):
            continue
        rep = actor_for(name, people)
        client = _client(rep)
        url = url_for(name, objects)
        response = client.get(url)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        for form in forms_in(response.content.decode()):
            if form.method != "post" or route_name(form.action or url) != name:
                continue
            data = form.data(with_token=True)
            for field, values in data.items():
                if field != "csrfmiddlewaretoken" and not any(v.isdigit() for v in values) and \
                        not field.endswith(("_0", "_1", "_2")):
                    data[field] = [PAYLOAD if not field.endswith("email") else "x@example.org"]
            answer = client.post(form.action or url, data, follow=True)
            submitted += 1
            _check(f"POST {name}", answer, problems, set(), name)
    assert submitted >= 20, submitted
    _visit_everything(people, objects, problems)
    assert not problems, "\n".join(problems[:30])


def test_the_scanner_sees_a_payload_that_would_run():
    from django.utils.html import escape

    assert unescaped(f"<p>{PAYLOAD}</p>") and unescaped(f'<a title="x" onclick="go()">') and \
        unescaped("<script>alert(1)</script>".replace("<script>", "<script >"))
    assert not unescaped(f"<p>{escape(PAYLOAD)}</p><input value=\"{escape(PAYLOAD)}\">")
