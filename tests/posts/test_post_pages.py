"""The post pages: thin views over the services (the journey, errors, filters, emails)."""

from __future__ import annotations

import pytest
from django.core import mail

from herald.posts.models import Post, State
from tests.posts.conftest import CLEAN, PHONE, make_channel

pytestmark = pytest.mark.django_db(transaction=True)


def test_draft_fix_submit_approve_publish_and_take_down_through_the_pages(acked, channel, stubs, signed_in,
                                                                         client, worker):
    member = signed_in(acked.member)
    page = member.get("/posts/new").content.decode()
    assert "Town news" in page
    response = member.post("/posts/new", {"text": PHONE, "channels": [channel.pk]})
    assert response.status_code == 302
    post = Post.objects.get()
    page = member.get(f"/posts/{post.pk}/").content.decode()
    assert f"/councils/{acked.council.slug}/policy#tou.1" in page and "phone number" in page
    member.post(f"/posts/{post.pk}/edit", {"text": CLEAN, "channels": [channel.pk]})
    assert "Screening found nothing" in member.get(f"/posts/{post.pk}/").content.decode()
    member.post(f"/posts/{post.pk}/submit")
    assert Post.objects.get().state == State.IN_REVIEW
    member.post("/sign-out")

    clerk = signed_in(acked.clerk)
    assert "1 post awaiting review" in clerk.get("/dashboard").content.decode()
    assert CLEAN[:40] in clerk.get("/posts/review").content.decode()
    response = clerk.post(f"/posts/{post.pk}/decide/approve", {"reason": "", "version": 2})  # edited once
    assert response.status_code == 302, response.content.decode()[:3000]
    worker()
    assert Post.objects.get().state == State.PUBLISHED
    assert clerk.post(f"/posts/{post.pk}/take-down", {"reason": ""}).status_code == 400
    assert clerk.post(f"/posts/{post.pk}/take-down", {"reason": "Complaint upheld"}).status_code == 302
    history = clerk.get(f"/posts/{post.pk}/history").content.decode()
    for words in (PHONE, CLEAN, "phone number", "Approved", "Complaint upheld", "Post published on a channel",
                  "Post taken down", "Attempt 1"):
        assert words in history, words


def test_stale_approval_shows_an_error(acked, channel, stubs, signed_in):
    from tests.posts.helpers import draft
    from herald.posts import services

    post = services.post_submit(acting_user=acked.member.user, post=draft(acked.member, CLEAN, [channel]))
    response = signed_in(acked.clerk).post(f"/posts/{post.pk}/decide/approve", {"reason": "", "version": 7})
    assert response.status_code == 400 and "changed since you opened it" in response.content.decode()


def test_reject_needs_a_reason_on_the_page(acked, channel, stubs, signed_in):
    from tests.posts.helpers import draft
    from herald.posts import services

    post = services.post_submit(acting_user=acked.member.user, post=draft(acked.member, CLEAN, [channel]))
    response = signed_in(acked.clerk).post(f"/posts/{post.pk}/decide/reject", {"reason": "", "version": 1})
    assert response.status_code == 400 and "Enter the reason" in response.content.decode()


def test_new_post_lists_only_channels_the_author_may_use(acked, stubs, signed_in):
    make_channel(acked, name="Everyone's channel")
    make_channel(acked, name="Officers only", reps=[acked.officer])
    page = signed_in(acked.member).get("/posts/new").content.decode()
    assert "Everyone&#x27;s channel" in page and "Officers only" not in page


def test_archive_filters(acked, channel, stubs, signed_in):
    from tests.posts.helpers import draft
    from herald.posts import services

    services.post_submit(acting_user=acked.member.user, post=draft(acked.member, PHONE, [channel]))
    services.post_submit(acting_user=acked.officer.user, post=draft(acked.officer, CLEAN, [channel]))
    draft(acked.member, "A draft never reaches the archive", [channel])
    clerk = signed_in(acked.clerk)
    page = clerk.get("/posts/archive").content.decode()
    assert "Mrs Jones" in page and "The Hub" in page and "never reaches" not in page
    page = clerk.get("/posts/archive", {"clause": "tou.1"}).content.decode()
    assert "Mrs Jones" in page and "The Hub" not in page
    page = clerk.get("/posts/archive", {"author": acked.officer.pk}).content.decode()
    assert "Mrs Jones" not in page and "The Hub" in page
    page = clerk.get("/posts/archive", {"q": "bank holiday"}).content.decode()
    assert "Mrs Jones" not in page and "The Hub" in page
    bad_date = {"date_from_0": "40", "date_from_1": "1", "date_from_2": "2026"}
    assert clerk.get("/posts/archive", bad_date).status_code == 400


def test_schedule_page_reads_uk_time(acked, channel, stubs, signed_in):
    from tests.posts.helpers import draft

    post = draft(acked.officer, CLEAN, [channel])
    client = signed_in(acked.officer)
    response = client.post(f"/posts/{post.pk}/schedule", {"day_0": "1", "day_1": "7", "day_2": "2030", "time": "09:30"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.scheduled_for.isoformat() == "2030-07-01T08:30:00+00:00"  # 9:30am BST
    response = client.post(f"/posts/{post.pk}/schedule", {"day_0": "1", "day_1": "7", "day_2": "2020", "time": "09:30"})
    assert response.status_code == 400 and "must be in the future" in response.content.decode()
    response = client.post(f"/posts/{post.pk}/schedule", {"day_0": "1", "day_1": "7", "day_2": "2030", "time": "9h"})
    assert response.status_code == 400


def test_members_cannot_see_each_others_posts(acked, channel, stubs, signed_in):
    from tests.posts.helpers import draft

    post = draft(acked.member, CLEAN, [channel])
    assert signed_in(acked.member2).get(f"/posts/{post.pk}/").status_code == 404
    assert signed_in(acked.member2).get(f"/posts/{post.pk}/history").status_code == 404


def test_submit_error_is_shown(acked, channel, stubs, signed_in):
    from tests.posts.helpers import draft

    post = draft(acked.member, "Fuck the council, honestly.", [channel])
    client = signed_in(acked.member)
    page = client.post(f"/posts/{post.pk}/submit", follow=True).content.decode()
    assert "Screening blocks this post" in page
    assert "Ask the Clerk to override" in page
    mail.outbox.clear()
    client.post(f"/posts/{post.pk}/submit", {"request_override": "yes"})
    assert Post.objects.get().state == State.IN_REVIEW and mail.outbox


def test_archive_export_csv_and_json_is_audited(acked, channel, stubs, signed_in):
    import csv
    import io
    import json

    from tests.posts.helpers import draft
    from herald.posts import services
    from herald.records.events import EventType
    from herald.records.models import AuditEvent

    services.post_submit(acting_user=acked.member.user, post=draft(acked.member, PHONE, [channel]))
    services.post_submit(acting_user=acked.officer.user, post=draft(acked.officer, CLEAN, [channel]))
    clerk = signed_in(acked.clerk)
    response = clerk.get("/posts/archive/export", {"format": "csv", "clause": "tou.1"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [r["text"] for r in rows] == [PHONE] and rows[0]["clauses"] == "tou.1"
    response = clerk.get("/posts/archive/export", {"format": "json"})
    data = json.loads(b"".join(response.streaming_content))
    assert sorted(r["author"] for r in data) == ["Cllr Member", "Olly Officer"]
    assert AuditEvent.objects.filter(event_type=EventType.POST_ARCHIVE_EXPORTED).count() == 2
    assert signed_in(acked.officer).get("/posts/archive/export").status_code == 403
