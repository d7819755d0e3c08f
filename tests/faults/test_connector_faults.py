"""Connector timeouts and 5xx answers, through a fault-injecting proxy on 127.0.0.1.

Without a platform behind it: every attempt fails, Herald retries up to the limit, then marks the
post failed and tells its author and the Clerk. With the real local PDS behind it: the write
happens but its answer is lost (500, a hang past the timeout, a dropped connection), and the post
is still on the PDS exactly once.
"""

from __future__ import annotations

import pytest
from django.core import mail

from herald.posts.models import Post, Publication, State
from herald.posts.services.publishing import MAX_ATTEMPTS
from herald.records.events import EventType
from herald.records.models import AuditEvent
from tests.connectors.test_bluesky_pds import list_posts
from tests.faults.conftest import TEXT, bluesky_channel, submit
from tests.faults.proxy import ERROR, FORWARD_THEN_DROP, FORWARD_THEN_ERROR, FORWARD_THEN_HANG, HANG, PASS, FaultProxy

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
CREATE = "com.atproto.repo.createRecord"
GET = "com.atproto.repo.getRecord"


@pytest.mark.parametrize("fault", [ERROR, HANG])
def test_a_platform_that_errs_or_hangs_is_retried_then_the_post_fails_and_people_are_told(
        acked, worker, fast_retries, short_timeouts, real_connectors, fault):
    with FaultProxy(hang_seconds=5) as proxy:
        proxy.default = fault
        channel = bluesky_channel(acked, service_url=proxy.url, handle="council.test", password="app-password")
        post = submit(acked, channel)
        mail.outbox.clear()
        worker()
    pub = Publication.objects.get(post=post)
    assert pub.state == "failed" and pub.attempts == MAX_ATTEMPTS
    assert pub.last_error_code == ("timeout" if fault == HANG else "unavailable"), pub.last_error_code
    assert list(pub.attempt_log.values_list("outcome", flat=True)) == ["error"] * MAX_ATTEMPTS
    assert Post.objects.get(pk=post.pk).state == State.FAILED
    told = sorted((m.to[0], m.subject.split(":")[0]) for m in mail.outbox)
    assert told == sorted([(acked.officer.official_email, "Your post could not be published"),
                           (acked.clerk.official_email, "A post could not be published")]), told
    assert AuditEvent.objects.filter(event_type=EventType.PUBLICATION_FAILED).count() == 1
    assert proxy.count(CREATE) == 0  # never got as far as writing
    assert len(proxy.calls) >= MAX_ATTEMPTS


@pytest.mark.pds
@pytest.mark.parametrize("fault", [FORWARD_THEN_ERROR, FORWARD_THEN_HANG, FORWARD_THEN_DROP])
def test_a_write_whose_answer_is_lost_is_on_the_pds_once(acked, worker, fast_retries, short_timeouts,
                                                         real_connectors, local_pds, fresh_pds_account, fault):
    account = fresh_pds_account
    with FaultProxy(local_pds.url, hang_seconds=5) as proxy:
        proxy.on(CREATE, fault, times=1)
        channel = bluesky_channel(acked, service_url=proxy.url, handle=account.handle, password=account.password)
        post = submit(acked, channel)
        mail.outbox.clear()
        worker()
    pub = Publication.objects.get(post=post)
    assert pub.state == "published", (pub.last_error_code, pub.last_error_message)
    records = list_posts(local_pds, account.did)
    assert [r["value"]["text"] for r in records] == [TEXT]
    assert records[0]["uri"] == pub.remote_id
    assert proxy.count(CREATE) == 1 and proxy.count(CREATE, fault) == 1  # no second write: it looked first
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["Your post is published"]


@pytest.mark.pds
def test_when_the_check_after_a_lost_answer_fails_too_the_next_attempt_finds_the_post(
        acked, worker, fast_retries, short_timeouts, real_connectors, local_pds, fresh_pds_account):
    account = fresh_pds_account
    with FaultProxy(local_pds.url, hang_seconds=5) as proxy:
        proxy.on(GET, PASS, times=1)  # the look-up before writing
        proxy.on(CREATE, FORWARD_THEN_ERROR, times=1)  # written, answer lost
        proxy.on(GET, ERROR, times=1)  # and the look-up after it fails as well
        channel = bluesky_channel(acked, service_url=proxy.url, handle=account.handle, password=account.password)
        post = submit(acked, channel)
        worker()
    pub = Publication.objects.get(post=post)
    assert pub.state == "published" and pub.attempts == 2
    assert list(pub.attempt_log.values_list("outcome", "error_code")) == [("error", "unavailable"), ("replayed", "")]
    assert len(list_posts(local_pds, account.did)) == 1
    assert proxy.count(CREATE) == 1
