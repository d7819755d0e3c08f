"""The Clerk's decisions: approve, reject, ask for changes; no self-approval; editing resets approval;
two approvals at once."""

from __future__ import annotations

import threading

import pytest
from django.core import mail
from django.db import connection

from herald.core.errors import Conflict, HeraldError, NotAllowed, ValidationFailed
from herald.posts import services
from herald.posts.models import Approval, Publication, State
from herald.records.events import EventType
from herald.records.models import AuditEvent
from tests.posts.conftest import CLEAN, PHONE
from tests.posts.helpers import draft, fresh

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def submitted(acked, channel):
    post = draft(acked.member, PHONE, [channel])
    return services.post_submit(acting_user=acked.member.user, post=post)


def test_approve_schedules_publication_and_tells_the_author(acked, submitted):
    mail.outbox.clear()
    post = services.post_approve(acting_user=acked.clerk.user, post=submitted, post_version=1)
    assert post.state == State.SCHEDULED and post.approved_version == 1
    assert Approval.objects.get(post=post).decision == "approve"
    assert Publication.objects.filter(post=post).count() == 1
    assert mail.outbox[0].to == [acked.member.official_email] and "approved" in mail.outbox[0].subject


def test_reject_and_changes_need_a_reason(acked, submitted):
    for service in (services.post_reject, services.post_request_changes):
        with pytest.raises(ValidationFailed):
            service(acting_user=acked.clerk.user, post=submitted, reason="  ")
    post = services.post_request_changes(acting_user=acked.clerk.user, post=submitted, reason="Remove the number")
    assert post.state == State.CHANGES_REQUESTED
    post = services.post_update_draft(acting_user=acked.member.user, post=post, text=CLEAN,
                                      channels=list(post.channels.all()))
    post = services.post_submit(acting_user=acked.member.user, post=post)
    post = services.post_reject(acting_user=acked.clerk.user, post=post, reason="Not needed now")
    assert post.state == State.REJECTED
    assert [a.decision for a in Approval.objects.filter(post=post)] == ["changes", "reject"]


def test_only_the_clerk_decides_and_never_on_their_own_post(acked, submitted, channel):
    with pytest.raises(NotAllowed):
        services.post_approve(acting_user=acked.officer.user, post=submitted, post_version=1)
    with pytest.raises(NotAllowed):
        services.post_approve(acting_user=acked.chair.user, post=submitted, post_version=1)
    own = draft(acked.clerk, PHONE, [channel])
    own = services.post_submit(acting_user=acked.clerk.user, post=own)
    assert own.state == State.IN_REVIEW
    with pytest.raises(NotAllowed, match="own post"):
        services.post_approve(acting_user=acked.clerk.user, post=own, post_version=own.version)


def test_another_councils_clerk_cannot_decide(acked, other_people, submitted):
    with pytest.raises(HeraldError):
        services.post_approve(acting_user=other_people.clerk.user, post=submitted, post_version=1)
    assert fresh(submitted).state == State.IN_REVIEW


def test_approval_checks_the_version_read(acked, submitted):
    with pytest.raises(Conflict, match="changed since you opened it"):
        services.post_approve(acting_user=acked.clerk.user, post=submitted, post_version=0)
    assert AuditEvent.objects.filter(event_type=EventType.POST_DECISION_REFUSED).count() == 1


def test_editing_an_approved_post_resets_its_approval(acked, submitted):
    post = services.post_approve(acting_user=acked.clerk.user, post=submitted, post_version=1)
    post = services.post_update_draft(acting_user=acked.member.user, post=post, text=CLEAN,
                                      channels=list(post.channels.all()))
    assert post.state == State.DRAFT and post.approved_version is None and post.version == 2
    assert not Publication.objects.filter(post=post).exists()
    post = services.post_submit(acting_user=acked.member.user, post=post)
    assert post.state == State.IN_REVIEW  # members always need approval: the old one no longer counts


def test_second_approval_loses_and_both_are_audited(acked, submitted):
    services.post_approve(acting_user=acked.clerk.user, post=submitted, post_version=1)
    with pytest.raises(Conflict, match="not waiting for a decision"):
        services.post_approve(acting_user=acked.clerk.user, post=submitted, post_version=1)
    assert Approval.objects.filter(post=submitted).count() == 1
    events = AuditEvent.objects.filter(target_id=str(submitted.pk), event_type__in=[
        EventType.POST_APPROVED, EventType.POST_DECISION_REFUSED]).values_list("event_type", flat=True)
    assert sorted(events) == [EventType.POST_APPROVED, EventType.POST_DECISION_REFUSED]


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="real concurrency needs PostgreSQL row locks")
def test_two_approvals_at_the_same_time_one_wins(acked, submitted):
    from herald.people.services import representative_create

    second = representative_create(acting_user=acked.clerk.user, council=acked.council, name="Deputy Clerk",
                                   kind="employee", roles=["clerk"],
                                   official_email="deputy@stalbridgetowncouncil.gov.uk")
    from herald.people.services import account_create

    account_create(acting_user=acked.clerk.user, representative=second)
    second.refresh_from_db()
    barrier, results = threading.Barrier(2), []

    def approve(user):
        barrier.wait()
        try:
            services.post_approve(acting_user=user, post=submitted, post_version=1)
            results.append("won")
        except Conflict:
            results.append("lost")
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(u,)) for u in (acked.clerk.user, second.user)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["lost", "won"]
    assert Approval.objects.filter(post=submitted).count() == 1
    assert AuditEvent.objects.filter(event_type=EventType.POST_DECISION_REFUSED).count() == 1


def test_author_withdraws_a_post_from_review_to_change_it(acked, submitted):
    mail.outbox.clear()
    with pytest.raises(NotAllowed):
        services.post_withdraw(acting_user=acked.member2.user, post=submitted)
    post = services.post_withdraw(acting_user=acked.member.user, post=submitted)
    assert post.state == State.DRAFT and mail.outbox[0].to == [acked.clerk.official_email]
    with pytest.raises(Conflict):
        services.post_withdraw(acting_user=acked.member.user, post=post)
    with pytest.raises(Conflict, match="not waiting for a decision"):
        services.post_approve(acting_user=acked.clerk.user, post=post, post_version=1)
    post = services.post_update_draft(acting_user=acked.member.user, post=post, text=CLEAN,
                                      channels=list(post.channels.all()))
    assert post.version == 2


def test_another_councils_clerk_cannot_act_on_our_posts(acked, other_people, submitted, channel):
    from herald.core.errors import NotFound

    for call in (
        lambda: services.post_override_block(acting_user=other_people.clerk.user, post=submitted, reason="x"),
        lambda: services.post_confirm_exception(acting_user=other_people.clerk.user, post=submitted,
                                                category="statutory_notice", reason="x"),
        lambda: services.post_take_down(acting_user=other_people.clerk.user, post=submitted, reason="x"),
        lambda: services.post_reject(acting_user=other_people.clerk.user, post=submitted, reason="x"),
    ):
        with pytest.raises((NotAllowed, NotFound)):
            call()
    assert fresh(submitted).state == State.IN_REVIEW
