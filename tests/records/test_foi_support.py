"""Shared set-up for the FOI tests (no tests here): a council's month of social media activity
made through the real services, and helpers to run the export tasks."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pytest

from herald.core import clock

MARCH = dt.datetime(2026, 3, 10, 11, 0, tzinfo=dt.timezone.utc)
RESIDENT_POST = "Thanks to Mrs Jones, call her on 07700 900123 about the lost dog. Cllr Member opened the park."
PLAIN_POST = "The Hub is closed on Monday for the bank holiday."


@pytest.fixture
def at(monkeypatch):
    """at(moment): make Herald believe it is `moment`."""

    def to(moment: dt.datetime) -> None:
        monkeypatch.setattr("django.utils.timezone.now", lambda: moment)

    return to


def make_news_channel(people, name="Town news"):
    from herald.channels.services import channel_decide, channel_propose

    channel = channel_propose(acting_user=people.clerk.user, council=people.council, owner=people.officer,
                              representatives=[people.officer, people.member], name=name, platform="newsfeed",
                              kind="blog", use="council_service", purpose="News from the council.",
                              audience="general", logo_use="uses_logo")
    channel_decide(acting_user=people.clerk.user, channel=channel, action="approve")
    channel_decide(acting_user=people.clerk.user, channel=channel, action="activate")
    channel.refresh_from_db()
    return channel


def published_post(people, channel, text, author=None):
    """A post written, submitted, approved if needed and published on `channel` (tasks run inline)."""
    from herald.people.services import policy_acknowledge
    from herald.posts.models import Post, Publication
    from herald.posts.services import post_approve, post_create_draft, post_submit, publication_attempt

    author = author or people.officer
    policy_acknowledge(acting_user=author.user, representative=author)
    post = post_create_draft(acting_user=author.user, council=people.council, author=author, text=text,
                             channels=[channel])
    post = post_submit(acting_user=author.user, post=post)
    if post.state == "in_review":
        post = post_approve(acting_user=people.clerk.user, post=post, post_version=post.version)
    for pub in Publication.objects.filter(post=post):
        publication_attempt(publication_id=pub.pk)
    return Post.objects.get(pk=post.pk)


@pytest.fixture
def month(people, at):
    """Stalbridge in March 2026: two published posts on Town news (one naming a resident with her
    phone number), a complaint from a resident; and one post in April on another channel."""
    from herald.complaints.services import complaint_submit

    at(MARCH)
    news = make_news_channel(people)
    other = make_news_channel(people, name="Youth council")
    resident = published_post(people, news, RESIDENT_POST)
    plain = published_post(people, news, PLAIN_POST, author=people.member)
    at(MARCH + dt.timedelta(days=2))
    complaint = complaint_submit(council=people.council, name="Rita Resident", email="rita@example.com",
                                 phone="01963 111222", about="post", post_id=resident.pk,
                                 text="Please take down the post with Mrs Jones's number 07700 900123.").complaint
    at(MARCH + dt.timedelta(days=30))
    april = published_post(people, other, "Youth council meets on Friday at the Hub.")
    at(dt.datetime(2026, 5, 20, 9, 0, tzinfo=dt.timezone.utc))
    return {"news": news, "other": other, "resident": resident, "plain": plain, "complaint": complaint,
            "april": april}


def open_request(people, **kwargs):
    from herald.records.foi import foi_request_open

    args = {"requester_name": "Jo Journalist", "requester_contact": "jo@example.org",
            "received_on": clock.today_in_london(), "request_text": "All social media posts in March 2026."}
    args.update(kwargs)
    return foi_request_open(acting_user=people.clerk.user, council=people.council, **args)


def march_scope(people, channel=None, person=None, text=""):
    from herald.records.search import scope_check

    return scope_check(council=people.council, date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 3, 31),
                       channel=channel, person=person, text=text)


def run_export(people, foi_request, decisions=None):
    """Start an export, run the scan, confirm (everything redacted unless `decisions` says), build."""
    from herald.records.foi import foi_export_build, foi_export_confirm, foi_export_scan, foi_export_start
    from herald.records.models import FoiExport

    export = foi_export_start(acting_user=people.clerk.user, foi_request=foi_request)
    foi_export_scan(export_id=export.pk)
    export = FoiExport.objects.get(pk=export.pk)
    chosen = {cls: "redact" for cls in export.classes}
    chosen.update(decisions or {})
    foi_export_confirm(acting_user=people.clerk.user, export=export, decisions=chosen)
    foi_export_build(export_id=export.pk)
    return FoiExport.objects.get(pk=export.pk)


def bundle(export) -> dict:
    """The ZIP's three files, parsed: {"csv": [rows], "json": {...}, "html": str, "names": [...]}."""
    import csv

    from herald.records.export import export_path

    with zipfile.ZipFile(export_path(export.file_name)) as zf:
        names = sorted(zf.namelist())
        text = {n: zf.read(n).decode("utf-8") for n in names}
    return {"names": names, "csv": list(csv.DictReader(io.StringIO(text["records.csv"]))),
            "json": json.loads(text["records.json"]), "html": text["summary.html"]}
