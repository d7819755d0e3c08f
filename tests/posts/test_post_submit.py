"""Submission rules: acknowledgement, rights, channels, screening verdicts and who may publish directly."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from herald.channels.services import channel_decide
from herald.core import clock
from herald.core.errors import Conflict, NotAllowed, ValidationFailed
from herald.people.services import suspension_create
from herald.posts import services
from herald.posts.models import Publication, State
from herald.records.events import EventType
from herald.records.models import AuditEvent
from tests.posts.conftest import BLOCKED, CLEAN, PHONE, make_channel
from tests.posts.helpers import draft, fresh

pytestmark = pytest.mark.django_db(transaction=True)


def test_officer_with_passing_post_publishes_directly(acked, channel):
    people = acked
    post = draft(people.officer, CLEAN, [channel])
    mail.outbox.clear()
    post = services.post_submit(acting_user=people.officer.user, post=post)
    assert post.state == State.SCHEDULED and post.approved_version == 1
    pub = Publication.objects.get(post=post)
    assert pub.idempotency_key == f"publication-{pub.pk}" and pub.state == "pending"
    assert [m.to for m in mail.outbox] == [[people.officer.official_email]]
    event = AuditEvent.objects.get(event_type=EventType.POST_SUBMITTED, target_id=str(post.pk))
    assert event.data["route"] == "direct"


@pytest.mark.parametrize("role", ["member", "volunteer"])
def test_members_and_volunteers_always_need_approval(acked, channel, role):
    rep = acked.by_role(role)
    post = draft(rep, CLEAN, [channel])
    mail.outbox.clear()
    post = services.post_submit(acting_user=rep.user, post=post)
    assert post.state == State.IN_REVIEW and not Publication.objects.filter(post=post).exists()
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([rep.official_email, acked.clerk.official_email])


def test_review_verdict_always_goes_to_the_clerk(acked, channel):
    post = draft(acked.officer, PHONE, [channel])
    assert services.post_submit(acting_user=acked.officer.user, post=post).state == State.IN_REVIEW


def test_block_verdict_cannot_be_submitted_without_an_override(acked, channel):
    people = acked
    post = draft(people.officer, BLOCKED, [channel])
    assert post.verdict == "block"
    with pytest.raises(Conflict, match="Screening blocks this post"):
        services.post_submit(acting_user=people.officer.user, post=post)
    assert fresh(post).state == State.DRAFT
    post = services.post_submit(acting_user=people.officer.user, post=post, request_override=True)
    assert post.state == State.IN_REVIEW and post.override_requested
    with pytest.raises(Conflict, match="Override the block"):
        services.post_approve(acting_user=people.clerk.user, post=post, post_version=post.version)
    with pytest.raises(ValidationFailed):
        services.post_override_block(acting_user=people.clerk.user, post=post, reason=" ")
    services.post_override_block(acting_user=people.clerk.user, post=post, reason="Quoting a resident's complaint.")
    post = services.post_approve(acting_user=people.clerk.user, post=post, post_version=post.version)
    assert post.state == State.SCHEDULED
    assert AuditEvent.objects.filter(event_type=EventType.POST_BLOCK_OVERRIDDEN, target_id=str(post.pk)).exists()


def test_policy_must_be_acknowledged(people, channel):
    post = draft(people.officer, CLEAN, [channel])
    with pytest.raises(Conflict, match="acknowledge"):
        services.post_submit(acting_user=people.officer.user, post=post)


def test_suspended_author_cannot_submit(acked, channel):
    suspension_create(acting_user=acked.clerk.user, representative=acked.officer, starts_at=clock.now(),
                      ends_at=clock.now() + dt.timedelta(days=3), reason="Breach")
    post = draft(acked.officer, CLEAN, [channel])
    with pytest.raises(NotAllowed, match="suspended"):
        services.post_submit(acting_user=acked.officer.user, post=post)


def test_closed_channel_cannot_be_submitted_to(acked, channel):
    post = draft(acked.officer, CLEAN, [channel])
    channel_decide(acting_user=acked.clerk.user, channel=channel, action="close", reason="Not used")
    with pytest.raises(Conflict, match="closed"):
        services.post_submit(acting_user=acked.officer.user, post=post)


def test_no_channel_and_too_long_for_the_platform(acked, channel):
    post = draft(acked.officer, CLEAN, [])
    with pytest.raises(ValidationFailed, match="at least one channel"):
        services.post_submit(acting_user=acked.officer.user, post=post)
    long = draft(acked.officer, "Word " * 70, [channel])
    with pytest.raises(ValidationFailed, match="at most 300"):
        services.post_submit(acting_user=acked.officer.user, post=long)


def test_only_the_author_submits_and_only_once(acked, channel):
    post = draft(acked.member, CLEAN, [channel])
    with pytest.raises(NotAllowed):
        services.post_submit(acting_user=acked.clerk.user, post=post)
    services.post_submit(acting_user=acked.member.user, post=post)
    with pytest.raises(Conflict, match="already been submitted"):
        services.post_submit(acting_user=acked.member.user, post=post)


def test_non_council_channel_rules_follow_the_same_path(acked, stubs):
    personal = make_channel(acked, name="Member's blog", use="non_council", reps=[acked.member])
    post = draft(acked.member, CLEAN, [personal])
    assert services.post_submit(acting_user=acked.member.user, post=post).state == State.IN_REVIEW
