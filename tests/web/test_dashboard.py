"""The Clerk's dashboard: what needs attention, the policy review, the next pre-election period, FOI
counts when the register exists, and the four charts (with their data tables)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from herald.core import clock
from herald.posts.models import Finding, Post, Publication, ScreeningRun
from tests.posts.conftest import make_channel

pytestmark = pytest.mark.django_db


def make_posts(people, channel, count: int, *, months_ago: int = 0, clause: str = "tou.3"):
    """Published posts with a screening finding each (test data, written straight to the tables)."""
    today = clock.today_in_london()
    month = today.month - months_ago
    year = today.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    when = dt.datetime(year, month, 2, 12, tzinfo=clock.LONDON)
    version = people.council.active_policy
    for i in range(count):
        post = Post.objects.create(council=people.council, author=people.officer, text=f"Post {i}", state="published",
                                   approved_version=1, decided_at=when, created_at=when, updated_at=when, submitted_at=when, published_at=when)
        run = ScreeningRun.objects.create(council=people.council, post=post, post_version=1, policy_version=version,
                                          engine_version="test", verdict="review", text=post.text, text_hash="x",
                                          at=when)
        Finding.objects.create(run=run, rule_id="test", clause_id=clause, category="test", severity="review",
                               score=0.6, message="A finding")
        Publication.objects.create(council=people.council, post=post, channel=channel,
                                   idempotency_key=f"test-{post.pk}-{channel.pk}", state="published",
                                   not_before=when, remote_id=f"r{post.pk}", published_at=when, created_at=when,
                                   updated_at=when)


def decide_complaints(people, outcomes):
    from herald.complaints.services import case_decide, complaint_submit

    for n, outcome in enumerate(outcomes):
        case = complaint_submit(council=people.council, name="Rita Resident", email=f"rita{n}@example.com",
                                about="other", about_detail="", text=f"Complaint number {n} about the page.").complaint.case
        case_decide(acting_user=people.clerk.user, case=case, outcome=outcome, reasons="Looked into it.")


def table(body: str, chart_id: str) -> str:
    match = re.search(rf'<table class="govuk-table" id="{chart_id}-table">(.*?)</table>', body, re.S)
    assert match, f"no data table for {chart_id}"
    return match.group(1)


def test_clerk_sees_every_chart_with_svg_and_a_data_table(people, signed_in):
    channel = make_channel(people)
    make_posts(people, channel, 3)
    make_posts(people, channel, 2, months_ago=2, clause="ident.1")
    decide_complaints(people, ["upheld", "not_upheld", "not_upheld"])
    body = signed_in(people.clerk).get("/dashboard").content.decode()
    for chart_id in ("chart-posts", "chart-findings", "chart-outcomes", "chart-resolution"):
        assert f'id="{chart_id}"' in body and f'aria-labelledby="{chart_id}-title {chart_id}-desc"' in body
    assert body.count('role="img"') == 4
    posts = table(body, "chart-posts")
    this_month = clock.today_in_london()
    assert f"{this_month:%b} {this_month:%y}</th><td" in posts and ">Town news</th>" in posts
    assert "5 posts published on 1 channel" in body
    findings = table(body, "chart-findings")
    assert "tou.3</th><td class=\"govuk-table__cell govuk-table__cell--numeric\">3<" in findings
    assert "ident.1</th><td class=\"govuk-table__cell govuk-table__cell--numeric\">2<" in findings
    outcomes = table(body, "chart-outcomes")
    assert "Not upheld</th><td class=\"govuk-table__cell govuk-table__cell--numeric\">2<" in outcomes
    assert "Median time to decide a complaint: 0 working days" in body
    assert " style=" not in body and "<script>" not in body


def test_empty_charts_say_so(people, signed_in):
    body = signed_in(people.clerk).get("/dashboard").content.decode()
    assert "No posts were published in the last 12 months." in body
    assert "No complaints were decided in the last 12 months." in body
    assert 'role="img"' not in body


def test_clerk_sees_policy_review_period_and_channels_failing(people, signed_in):
    make_channel(people)
    body = signed_in(people.clerk).get("/dashboard").content.decode()
    status = re.search(r'id="policy-review-status">(.*?)</dd>', body, re.S).group(1)
    assert "Overdue" in status and "Review due 1 January 2017" in status and "0 open review items" in status
    assert 'id="policy-review-overdue"' in body
    assert "No pre-election period is in force" in re.search(r'id="next-period">(.*?)</dd>', body, re.S).group(1)
    assert "Town news" in re.search(r'id="channels-failing">(.*?)</dd>', body, re.S).group(1)


def test_members_see_no_charts_and_no_clerk_sections(people, signed_in):
    channel = make_channel(people)
    make_posts(people, channel, 2)
    body = signed_in(people.member).get("/dashboard").content.decode()
    assert 'role="img"' not in body and "chart-posts" not in body
    assert 'id="policy-review-status"' not in body and 'id="foi-dashboard"' not in body
    assert 'id="next-period"' in body


def test_chair_sees_the_post_charts_but_not_the_complaint_charts(people, signed_in):
    body = signed_in(people.chair).get("/dashboard").content.decode()
    assert 'id="chart-posts"' in body and 'id="chart-findings"' in body
    assert 'id="chart-outcomes"' not in body and 'id="chart-resolution"' not in body


def test_foi_counts_show_open_and_overdue_requests(people, signed_in):
    from herald.records.foi import foi_request_open

    today = clock.today_in_london()
    for received in (today, today - dt.timedelta(days=60)):  # the second is past its 20 working days
        foi_request_open(acting_user=people.clerk.user, council=people.council, requester_name="Ann Asker",
                         requester_contact="ann@example.org", received_on=received,
                         request_text="All posts about the playground in March.")
    body = signed_in(people.clerk).get("/dashboard").content.decode()
    foi = re.search(r'id="foi-dashboard">(.*?)</dd>', body, re.S).group(1)
    assert "2 open" in foi and "1 overdue" in foi
    assert 'id="foi-dashboard"' not in signed_in(people.member).get("/dashboard").content.decode()


def test_the_dashboard_aggregates_in_sql(people, signed_in):
    """The number of queries does not grow with the number of posts (no per-post work in Python)."""
    channel = make_channel(people)
    client = signed_in(people.clerk)
    make_posts(people, channel, 2)
    client.get("/dashboard")
    with CaptureQueriesContext(connection) as few:
        assert client.get("/dashboard").status_code == 200
    make_posts(people, channel, 40)
    make_posts(people, channel, 10, months_ago=5)
    with CaptureQueriesContext(connection) as many:
        assert client.get("/dashboard").status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)
