"""Publication through the task worker: idempotency, retries, crashes, and checks at publication time."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from herald.channels.services import channel_decide
from herald.connectors.errors import Rejected, Timeout, Unavailable
from herald.core import clock
from herald.people.services import suspension_create
from herald.posts import services
from herald.posts.models import Publication, PublicationAttempt, State
from herald.posts.services import publishing
from herald.records.events import EventType
from herald.records.models import AuditEvent
from tests.posts.conftest import CLEAN
from tests.posts.helpers import draft, fresh

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def fast_retries(monkeypatch):
    monkeypatch.setattr(publishing, "RETRY_BASE_SECONDS", 0)


def _scheduled(people, channel, when=None):
    post = draft(people.officer, CLEAN, [channel])
    if when:
        services.post_schedule(acting_user=people.officer.user, post=post, when=when)
    return services.post_submit(acting_user=people.officer.user, post=post)


def test_worker_publishes_once(acked, channel, stubs, worker):
    post = _scheduled(acked, channel)
    mail.outbox.clear()
    worker()
    pub = Publication.objects.get(post=post)
    assert pub.state == "published" and pub.remote_id and pub.attempts == 1
    assert fresh(post).state == State.PUBLISHED and fresh(post).published_at
    assert [p.text for p in stubs[channel.pk].published] == [CLEAN]
    assert "published" in mail.outbox[0].subject
    # Running the task again (a duplicate delivery) does nothing.
    assert publishing.publication_attempt(publication_id=pub.pk) == "done"
    assert len(stubs[channel.pk].calls_of("publish")) == 1


def test_lost_answer_is_retried_with_the_same_key_and_posts_once(acked, channel, stubs, worker, fast_retries):
    post = _scheduled(acked, channel)
    stubs.setdefault(channel.pk, publishing.connector_for(channel))
    stubs[channel.pk].fail_next("publish", Timeout(), after_effect=True)  # posted, but the answer was lost
    worker()
    pub = Publication.objects.get(post=post)
    assert pub.state == "published" and pub.attempts == 2
    assert len(stubs[channel.pk].published) == 1
    outcomes = list(PublicationAttempt.objects.filter(publication=pub).values_list("outcome", "error_code"))
    assert outcomes == [("error", "timeout"), ("replayed", "")]


def test_worker_killed_mid_publication_resumes_without_a_double_post(acked, channel, stubs, worker, travel):
    post = _scheduled(acked, channel)
    stub = stubs.setdefault(channel.pk, publishing.connector_for(channel))
    real_publish = stub.publish

    def publish_then_die(item, *, idempotency_key):
        real_publish(item, idempotency_key=idempotency_key)
        raise KeyboardInterrupt  # the process is killed after the platform posted, before Herald recorded it

    stub.publish = publish_then_die
    with pytest.raises(KeyboardInterrupt):
        publishing.publication_attempt(publication_id=Publication.objects.get(post=post).pk)
    stub.publish = real_publish
    pub = Publication.objects.get(post=post)
    assert pub.state == "publishing"
    worker()  # the watchdog task is not due yet: nothing happens
    assert Publication.objects.get(pk=pub.pk).state == "publishing"
    travel(clock.now() + publishing.LEASE + dt.timedelta(minutes=1))
    worker()
    pub.refresh_from_db()
    assert pub.state == "published" and pub.attempts == 2
    assert len(stub.published) == 1
    assert list(pub.attempt_log.values_list("outcome", flat=True)) == ["interrupted", "replayed"]


def test_platform_refusal_fails_and_tells_author_and_clerk(acked, channel, stubs, worker):
    post = _scheduled(acked, channel)
    stubs.setdefault(channel.pk, publishing.connector_for(channel)).fail_next("publish", Rejected("Too long"))
    mail.outbox.clear()
    worker()
    pub = Publication.objects.get(post=post)
    assert pub.state == "failed" and pub.last_error_code == "rejected"
    assert fresh(post).state == State.FAILED
    assert sorted(m.to[0] for m in mail.outbox) == sorted([acked.officer.official_email, acked.clerk.official_email])
    assert AuditEvent.objects.filter(event_type=EventType.PUBLICATION_FAILED).exists()


def test_retries_stop_after_the_limit(acked, channel, stubs, worker, fast_retries):
    post = _scheduled(acked, channel)
    stubs.setdefault(channel.pk, publishing.connector_for(channel)).fail_always("publish", Unavailable())
    worker()
    pub = Publication.objects.get(post=post)
    assert pub.state == "failed" and pub.attempts == publishing.MAX_ATTEMPTS
    assert pub.attempt_log.count() == publishing.MAX_ATTEMPTS


def test_suspended_author_at_publication_time_is_not_published(acked, channel, stubs, worker):
    post = _scheduled(acked, channel)
    suspension_create(acting_user=acked.clerk.user, representative=acked.officer, starts_at=clock.now(),
                      ends_at=clock.now() + dt.timedelta(days=3), reason="Breach")
    worker()
    pub = Publication.objects.get(post=post)
    assert pub.state == "failed" and pub.last_error_code == "refused" and "suspended" in pub.last_error_message
    assert not stubs.get(channel.pk) or not stubs[channel.pk].published


def test_closed_channel_at_publication_time_is_not_published(acked, channel, stubs, worker):
    post = _scheduled(acked, channel)
    channel_decide(acting_user=acked.clerk.user, channel=channel, action="close", reason="Account compromised")
    worker()
    pub = Publication.objects.get(post=post)
    assert pub.state == "failed" and "closed" in pub.last_error_message


def test_scheduled_post_waits_for_its_time(acked, channel, stubs, worker, travel):
    when = clock.now() + dt.timedelta(days=2)
    post = _scheduled(acked, channel, when=when)
    worker()
    assert Publication.objects.get(post=post).state == "pending"
    travel(when + dt.timedelta(seconds=1))
    worker()
    assert Publication.objects.get(post=post).state == "published"


def test_schedule_must_be_in_the_future(acked, channel):
    post = draft(acked.officer, CLEAN, [channel])
    from herald.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed, match="future"):
        services.post_schedule(acting_user=acked.officer.user, post=post, when=clock.now() - dt.timedelta(hours=1))
    with pytest.raises(ValidationFailed):
        services.post_schedule(acting_user=acked.officer.user, post=post, when=dt.datetime(2030, 1, 1, 9))


def test_take_down_deletes_from_the_platform_and_keeps_the_record(acked, channel, stubs, worker):
    post = _scheduled(acked, channel)
    worker()
    mail.outbox.clear()
    from herald.core.errors import NotAllowed, ValidationFailed

    with pytest.raises(NotAllowed):
        services.post_take_down(acting_user=acked.officer.user, post=post, reason="Wrong")
    with pytest.raises(ValidationFailed):
        services.post_take_down(acting_user=acked.clerk.user, post=post, reason="")
    post = services.post_take_down(acting_user=acked.clerk.user, post=post, reason="Complaint upheld")
    assert post.state == State.REMOVED and post.removed_at
    assert stubs[channel.pk].published == []
    pub = Publication.objects.get(post=post)
    assert pub.state == "removed" and pub.takedowns.get().reason == "Complaint upheld"
    assert mail.outbox[0].to == [acked.officer.official_email]


def test_take_down_of_a_scheduled_post_withdraws_it(acked, channel, stubs, worker):
    post = _scheduled(acked, channel, when=clock.now() + dt.timedelta(days=1))
    post = services.post_take_down(acting_user=acked.clerk.user, post=post, reason="Event cancelled")
    assert post.state == State.REMOVED
    assert Publication.objects.get(post=post).takedowns.get().outcome == "withdrawn"


def test_approval_lapses_when_its_time_passed_unpublished(acked, channel, stubs, worker, travel):
    when = clock.now() + dt.timedelta(hours=2)
    post = _scheduled(acked, channel, when=when)
    mail.outbox.clear()
    travel(when + publishing.LAPSE + dt.timedelta(minutes=5))  # the workers were down for a day
    worker()
    post = fresh(post)
    assert post.state == State.DRAFT and post.approved_version is None
    assert not Publication.objects.filter(post=post).exists()
    assert not stubs.get(channel.pk) or not stubs[channel.pk].published
    assert "lapsed" in mail.outbox[0].subject
    assert AuditEvent.objects.filter(event_type=EventType.POST_APPROVAL_LAPSED).exists()


def test_resume_enqueues_publications_whose_task_was_lost(acked, channel, stubs, worker):
    from django_tasks_db.models import DBTaskResult

    post = _scheduled(acked, channel)
    DBTaskResult.objects.all().delete()  # the worker died before the task ran: the task is gone
    worker()
    assert Publication.objects.get(post=post).state == "pending"
    assert publishing.publications_resume() == 1
    worker()
    assert Publication.objects.get(post=post).state == "published"
    assert publishing.publications_resume() == 0
