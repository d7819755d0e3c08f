"""The PDS killed (SIGKILL) in the middle of a publication, then restarted: Herald resumes and
the post is on the PDS exactly once, whether the kill came before or after the write."""

from __future__ import annotations

import datetime as dt
import os
import signal

import pytest
from django.core import mail

from herald.core import clock
from herald.posts.models import Post, Publication, State
from herald.posts.services import publications_resume
from tests.connectors.pds import LocalPDS
from tests.connectors.test_bluesky_pds import list_posts
from tests.faults.conftest import TEXT, bluesky_channel, submit
from tests.faults.proxy import CALL_THEN_DROP, FORWARD_THEN_DROP, FaultProxy

pytestmark = [pytest.mark.pds, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
CREATE = "com.atproto.repo.createRecord"


@pytest.fixture
def own_pds(tmp_path):
    """A PDS of this test's own, so killing it harms no other test."""
    pds = LocalPDS(tmp_path / "pds").start()
    try:
        yield pds
    finally:
        pds.stop()


def _kill(pds: LocalPDS) -> None:
    os.kill(pds.pid, signal.SIGKILL)
    pds.process.wait(10)


@pytest.mark.parametrize("when", ["before the write", "after the write"])
def test_pds_killed_mid_publication_then_restarted_has_the_post_once(acked, worker, travel, short_timeouts,
                                                                     real_connectors, own_pds, when):
    account = own_pds.create_account("parish.test")
    with FaultProxy(own_pds.url) as proxy:
        if when == "before the write":
            proxy.on(CREATE, CALL_THEN_DROP, times=1)
            proxy.callback = lambda: _kill(own_pds)
        else:
            proxy.on(CREATE, FORWARD_THEN_DROP, times=1)
            proxy.before_answer = lambda: _kill(own_pds)
        channel = bluesky_channel(acked, service_url=proxy.url, handle=account.handle, password=account.password)
        post = submit(acked, channel)
        mail.outbox.clear()
        worker()  # attempt 1: the PDS dies while Herald waits for the answer

        pub = Publication.objects.get(post=post)
        assert own_pds.process.returncode == -signal.SIGKILL
        assert pub.state == "pending" and pub.attempts == 1 and pub.last_error_code == "unavailable"
        assert Post.objects.get(pk=post.pk).state == State.SCHEDULED  # not lost, not failed: waiting to retry
        assert not mail.outbox

        own_pds.process = None
        own_pds.start()  # the same data directory and port
        travel(clock.now() + dt.timedelta(minutes=5))
        assert publications_resume() == 1
        worker()

    pub.refresh_from_db()
    assert pub.state == "published", (pub.last_error_code, pub.last_error_message)
    records = list_posts(own_pds, account.did)
    assert [r["value"]["text"] for r in records] == [TEXT] and records[0]["uri"] == pub.remote_id
    outcomes = list(pub.attempt_log.values_list("outcome", flat=True))
    assert outcomes == ["error", "published" if when == "before the write" else "replayed"], outcomes
    assert proxy.count(CREATE) == (2 if when == "before the write" else 1)
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["Your post is published"]
