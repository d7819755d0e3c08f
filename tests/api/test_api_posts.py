"""Posts through the API: the same services and access rules as the web pages."""

from __future__ import annotations

import datetime as dt

import pytest

from herald.core import clock
from herald.posts.models import Post, State
from tests.api.conftest import assert_error
from tests.posts.conftest import BLOCKED, CLEAN, PHONE, make_channel
from tests.posts.helpers import draft

pytestmark = pytest.mark.django_db


def test_channels_lists_only_those_the_owner_may_post_on(acked, channel, api):
    other = make_channel(acked, name="Youth news", reps=[acked.clerk])
    data = api(acked.member).get("/api/channels").json()
    assert data["count"] == 1 and [c["id"] for c in data["items"]] == [channel.pk]
    assert data["items"][0] == {"id": channel.pk, "name": "Town news", "platform": "bluesky",
                                "kind": "micro_blogging", "official": True, "audience": "general",
                                "handle": "town.test"}
    assert {c["id"] for c in api(acked.clerk).get("/api/channels").json()["items"]} == {channel.pk, other.pk}


def test_write_a_draft_read_it_change_it_and_submit_it(acked, channel, api):
    member = api(acked.member)
    response = member.post("/api/posts", {"text": PHONE, "channels": [channel.pk]})
    assert response.status_code == 201, response.content
    post = response.json()
    assert post["state"] == "draft" and post["version"] == 1 and post["verdict"] == "review"
    assert post["author"] == {"id": acked.member.pk, "name": "Cllr Member"}
    findings = post["screening"]["findings"]
    assert {f["clause_id"] for f in findings} == {"tou.1"}
    phone = next(f for f in findings if "phone" in f["message"])
    assert PHONE[phone["span"]["start"]:phone["span"]["end"]] == "07700 900123"
    assert phone["clause_url"].endswith(f"/councils/{acked.council.slug}/policy#tou.1")

    assert member.get(f"/api/posts/{post['id']}").json()["text"] == PHONE
    changed = member.patch(f"/api/posts/{post['id']}", {"text": CLEAN}).json()
    assert changed["version"] == 2 and changed["verdict"] == "pass" and changed["channels"][0]["id"] == channel.pk
    assert changed["screening"]["findings"] == [] and changed["screening"]["post_version"] == 2

    submitted = member.post(f"/api/posts/{post['id']}/submit")
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["state"] == "in_review"
    listed = member.get("/api/posts").json()
    assert listed["count"] == 1 and listed["items"][0]["state"] == "in_review"
    assert member.get("/api/posts?state=draft").json()["count"] == 0

    withdrawn = member.post(f"/api/posts/{post['id']}/withdraw").json()
    assert withdrawn["state"] == "draft"
    assert_error(member.post(f"/api/posts/{post['id']}/withdraw"), 409, "conflict")


def test_pagination(acked, channel, api):
    for n in range(5):
        draft(acked.member, f"{CLEAN} ({n})", [channel])
    member = api(acked.member)
    page = member.get("/api/posts?limit=2&offset=1").json()
    assert page["count"] == 5 and page["limit"] == 2 and page["offset"] == 1 and len(page["items"]) == 2
    everything = member.get("/api/posts?limit=100").json()["items"]
    assert [p["id"] for p in page["items"]] == [p["id"] for p in everything[1:3]]
    assert member.get("/api/posts?offset=10").json()["items"] == []
    for bad in ("limit=0", "limit=101", "offset=-1", "limit=abc", "state=nonsense"):
        assert_error(member.get(f"/api/posts?{bad}"), 400, "invalid_request")


def test_only_authorised_channels_are_accepted(acked, channel, api):
    closed_to_member = make_channel(acked, name="Clerk only", reps=[acked.clerk])
    member = api(acked.member)
    for ids in ([closed_to_member.pk], [channel.pk, 999999]):
        data = assert_error(member.post("/api/posts", {"text": CLEAN, "channels": ids}), 422, "invalid")
        assert data["details"]["field"] == "channels"
    assert not Post.objects.exists()


def test_blank_text_is_refused_by_the_service(acked, channel, api):
    data = assert_error(api(acked.member).post("/api/posts", {"text": "   "}), 422, "invalid")
    assert data["message"] == "Enter the text of the post." and data["details"]["field"] == "text"


def test_other_peoples_and_other_councils_posts_are_not_found(acked, other_people, channel, api):
    post = draft(acked.member, CLEAN, [channel])
    for rep in (acked.member2, acked.officer, other_people.clerk):
        client = api(rep)
        assert_error(client.get(f"/api/posts/{post.pk}"), 404, "not_found")
        assert_error(client.patch(f"/api/posts/{post.pk}", {"text": "Mine now"}), 404, "not_found")
        assert_error(client.post(f"/api/posts/{post.pk}/submit"), 404, "not_found")
        assert_error(client.get(f"/api/posts/{post.pk}/publications"), 404, "not_found")
    assert_error(api(acked.member).get("/api/posts/987654"), 404, "not_found")
    # The Clerk reads every post of the council (as on the web) but changes only their own.
    clerk = api(acked.clerk)
    assert clerk.get(f"/api/posts/{post.pk}").status_code == 200
    assert_error(clerk.patch(f"/api/posts/{post.pk}", {"text": "Clerk's words"}), 404, "not_found")
    assert Post.objects.get(pk=post.pk).text == CLEAN


def test_a_blocked_post_is_refused_unless_an_override_is_asked_for(acked, channel, api):
    member = api(acked.member)
    post = member.post("/api/posts", {"text": BLOCKED, "channels": [channel.pk]}).json()
    assert post["verdict"] == "block"
    data = assert_error(member.post(f"/api/posts/{post['id']}/submit"), 409, "conflict")
    assert "Screening blocks this post" in data["message"] and data["details"]["verdict"] == "block"
    asked = member.post(f"/api/posts/{post['id']}/submit", {"request_override": True}).json()
    assert asked["state"] == "in_review" and asked["override_requested"] is True


def test_a_suspended_author_may_draft_but_not_submit(acked, channel, api):
    from herald.people.services import suspension_create

    suspension_create(acting_user=acked.clerk.user, representative=acked.member, starts_at=clock.now(),
                      ends_at=clock.now() + dt.timedelta(days=7), reason="Complaint upheld")
    member = api(acked.member)
    post = member.post("/api/posts", {"text": CLEAN, "channels": [channel.pk]})
    assert post.status_code == 201
    data = assert_error(member.post(f"/api/posts/{post.json()['id']}/submit"), 403, "forbidden")
    assert "suspended" in data["message"]
    assert Post.objects.get().state == State.DRAFT


def test_submission_needs_the_policy_acknowledged(people, api, stubs):
    channel = make_channel(people)
    member = api(people.member)
    post = member.post("/api/posts", {"text": CLEAN, "channels": [channel.pk]}).json()
    data = assert_error(member.post(f"/api/posts/{post['id']}/submit"), 409, "conflict")
    assert "acknowledge the current social media policy" in data["message"]


@pytest.mark.django_db(transaction=True)
def test_publications_show_state_url_and_attempts(acked, channel, api, worker):
    from herald.posts import services

    post = services.post_submit(acting_user=acked.member.user, post=draft(acked.member, CLEAN, [channel]))
    member = api(acked.member)
    assert member.get(f"/api/posts/{post.pk}/publications").json() == {"count": 0, "limit": 20, "offset": 0,
                                                                       "items": []}
    services.post_approve(acting_user=acked.clerk.user, post=post, post_version=post.version)
    pending = member.get(f"/api/posts/{post.pk}/publications").json()["items"]
    assert [(p["state"], p["attempts"], p["url"]) for p in pending] == [("pending", 0, "")]
    worker()
    published = member.get(f"/api/posts/{post.pk}/publications").json()["items"][0]
    assert published["state"] == "published" and published["attempts"] == 1 and published["url"]
    assert published["channel"] == {"id": channel.pk, "name": "Town news"} and published["published_at"]


def test_the_author_schedules_a_draft_with_a_time_zone(acked, channel, api):
    member = api(acked.member)
    post = draft(acked.member, CLEAN, [channel])
    when = (clock.now() + dt.timedelta(days=2)).replace(microsecond=0)
    scheduled = member.post(f"/api/posts/{post.pk}/schedule", {"at": when.isoformat()})
    assert scheduled.status_code == 200, scheduled.content
    assert dt.datetime.fromisoformat(scheduled.json()["scheduled_for"]) == when
    assert Post.objects.get(pk=post.pk).scheduled_for == when
    naive = assert_error(member.post(f"/api/posts/{post.pk}/schedule", {"at": "2030-01-01T09:00:00"}), 422, "invalid")
    assert "time zone" in naive["message"]
    past = assert_error(member.post(f"/api/posts/{post.pk}/schedule", {"at": "2020-01-01T09:00:00+00:00"}), 422,
                        "invalid")
    assert "in the future" in past["message"]
    assert member.post(f"/api/posts/{post.pk}/schedule", {"at": None}).json()["scheduled_for"] is None
    # Only the author: another Member, and another council, get 404.
    assert_error(api(acked.member2).post(f"/api/posts/{post.pk}/schedule", {"at": None}), 404, "not_found")


@pytest.mark.django_db(transaction=True)
def test_the_clerk_takes_a_published_post_down(acked, channel, api, worker, stubs):
    from herald.posts import services

    post = services.post_submit(acting_user=acked.officer.user, post=draft(acked.officer, CLEAN, [channel]))
    worker()
    assert Post.objects.get(pk=post.pk).state == State.PUBLISHED and stubs[channel.pk].posts
    for rep in (acked.member, acked.officer, acked.chair):
        assert_error(api(rep).post(f"/api/posts/{post.pk}/take-down", {"reason": "Wrong"}), 403, "forbidden")
    clerk = api(acked.clerk)
    blank = assert_error(clerk.post(f"/api/posts/{post.pk}/take-down", {"reason": " "}), 422, "invalid")
    assert blank["details"]["field"] == "reason"
    removed = clerk.post(f"/api/posts/{post.pk}/take-down", {"reason": "Superseded"})
    assert removed.status_code == 200, removed.content
    assert removed.json()["state"] == "removed" and not stubs[channel.pk].posts
    assert_error(clerk.post(f"/api/posts/{post.pk}/take-down", {"reason": "Again"}), 409, "conflict")
