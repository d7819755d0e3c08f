"""The Clerk's side through the API: the queue and decisions, with the web UI's rules."""

from __future__ import annotations

import pytest

from herald.posts import services
from herald.posts.models import Approval, Post, State
from herald.records.events import EventType
from herald.records.models import AuditEvent
from tests.api.conftest import assert_error
from tests.posts.conftest import CLEAN, PHONE
from tests.posts.helpers import draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(acked, channel):
    return services.post_submit(acting_user=acked.member.user, post=draft(acked.member, PHONE, [channel]))


def test_the_review_queue(acked, submitted, api):
    queue = api(acked.clerk).get("/api/review-queue").json()
    assert queue["count"] == 1 and queue["items"][0]["id"] == submitted.pk
    assert queue["items"][0]["verdict"] == "review"
    for rep in (acked.member, acked.officer, acked.chair):
        assert_error(api(rep).get("/api/review-queue"), 403, "forbidden")


def test_the_clerk_approves_the_version_read(acked, submitted, api):
    clerk = api(acked.clerk)
    data = assert_error(clerk.post(f"/api/posts/{submitted.pk}/approve", {"version": 9}), 409, "conflict")
    assert "changed since you opened it" in data["message"] and "stale" not in data["details"]
    assert AuditEvent.objects.filter(event_type=EventType.POST_DECISION_REFUSED).count() == 1
    approved = clerk.post(f"/api/posts/{submitted.pk}/approve", {"version": 1, "note": "Fine"})
    assert approved.status_code == 200, approved.content
    assert approved.json()["state"] == "scheduled" and approved.json()["approved_version"] == 1
    assert Approval.objects.get(post=submitted).reason == "Fine"
    assert_error(clerk.post(f"/api/posts/{submitted.pk}/approve", {"version": 1}), 409, "conflict")


def test_approval_needs_the_version(acked, submitted, api):
    data = assert_error(api(acked.clerk).post(f"/api/posts/{submitted.pk}/approve", {}), 400, "invalid_request")
    assert data["details"]["fields"] == {"version": ["This field is required."]}


def test_members_and_the_chair_cannot_decide(acked, submitted, api):
    for rep in (acked.member, acked.member2, acked.chair, acked.officer):
        client = api(rep)
        for action, body in (("approve", {"version": 1}), ("reject", {"reason": "No"}),
                             ("request-changes", {"reason": "No"})):
            assert_error(client.post(f"/api/posts/{submitted.pk}/{action}", body), 403, "forbidden")
    assert Post.objects.get(pk=submitted.pk).state == State.IN_REVIEW


def test_nobody_approves_their_own_post(acked, channel, api):
    own = services.post_submit(acting_user=acked.clerk.user, post=draft(acked.clerk, PHONE, [channel]))
    assert own.state == State.IN_REVIEW
    data = assert_error(api(acked.clerk).post(f"/api/posts/{own.pk}/approve", {"version": own.version}), 403,
                        "forbidden")
    assert "your own post" in data["message"]


def test_another_councils_clerk_gets_404(acked, other_people, submitted, api):
    client = api(other_people.clerk)
    assert_error(client.post(f"/api/posts/{submitted.pk}/approve", {"version": 1}), 404, "not_found")
    assert_error(client.post(f"/api/posts/{submitted.pk}/reject", {"reason": "No"}), 404, "not_found")
    assert client.get("/api/review-queue").json()["count"] == 0
    assert Post.objects.get(pk=submitted.pk).state == State.IN_REVIEW


def test_reject_and_request_changes_need_a_reason(acked, submitted, api):
    clerk = api(acked.clerk)
    for action in ("reject", "request-changes"):
        missing = assert_error(clerk.post(f"/api/posts/{submitted.pk}/{action}", {}), 400, "invalid_request")
        assert missing["details"]["fields"] == {"reason": ["This field is required."]}
        blank = assert_error(clerk.post(f"/api/posts/{submitted.pk}/{action}", {"reason": "  "}), 422, "invalid")
        assert blank["details"]["field"] == "reason"
    changes = clerk.post(f"/api/posts/{submitted.pk}/request-changes", {"reason": "Remove the number",
                                                                       "version": 1}).json()
    assert changes["state"] == "changes_requested"
    member = api(acked.member)
    member.patch(f"/api/posts/{submitted.pk}", {"text": CLEAN})
    member.post(f"/api/posts/{submitted.pk}/submit")
    rejected = clerk.post(f"/api/posts/{submitted.pk}/reject", {"reason": "Not needed now"}).json()
    assert rejected["state"] == "rejected"
    assert [a.decision for a in Approval.objects.filter(post=submitted)] == ["changes", "reject"]
