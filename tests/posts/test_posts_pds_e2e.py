"""Done-when for issue 6: draft with a resident's phone number → finding → fix → submit → the
Clerk approves → the task worker publishes to the real local PDS → the Clerk takes it down →
the archive shows the whole history."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command

from herald.channels.services import channel_decide, channel_propose, channel_set_credentials
from herald.people.services import policy_acknowledge
from herald.posts.models import Post, Publication, State
from tests.connectors.fixtures import fresh_pds_account, local_pds  # noqa: F401  (fixtures)
from tests.connectors.test_bluesky_pds import list_posts

pytestmark = [pytest.mark.pds, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PHONE = "Bin collections change next week. Call Mrs Jones on 07700 900123 with questions."
FIXED = "Bin collections change next week. Call the council office with any questions."


def test_draft_to_takedown_on_the_real_pds(people, signed_in, local_pds, fresh_pds_account, settings):
    settings.HERALD_CONNECTOR_BACKENDS = {}
    account = fresh_pds_account
    channel = channel_propose(acting_user=people.clerk.user, council=people.council, owner=people.officer,
                              representatives=[people.member, people.officer], name="Stalbridge on Bluesky",
                              platform="bluesky", kind="micro_blogging", use="council_service",
                              purpose="Council news.", audience="general", handle=account.handle,
                              account_email="news@stalbridgetowncouncil.gov.uk", service_url=local_pds.url,
                              logo_use="uses_logo")
    channel_decide(acting_user=people.clerk.user, channel=channel, action="approve")
    channel_set_credentials(acting_user=people.clerk.user, channel=channel, values={"password": account.password})
    channel_decide(acting_user=people.clerk.user, channel=channel, action="activate")
    policy_acknowledge(acting_user=people.member.user, representative=people.member)

    member = signed_in(people.member)
    assert member.post("/posts/new", {"text": PHONE, "channels": [channel.pk]}).status_code == 302
    post = Post.objects.get()
    page = member.get(f"/posts/{post.pk}/").content.decode()
    assert "phone number" in page and "policy#tou.1" in page
    assert member.post(f"/posts/{post.pk}/edit", {"text": FIXED, "channels": [channel.pk]}).status_code == 302
    post.refresh_from_db()
    assert post.verdict == "pass" and post.version == 2
    member.post(f"/posts/{post.pk}/submit")
    post.refresh_from_db()
    assert post.state == State.IN_REVIEW
    member.post("/sign-out")

    clerk = signed_in(people.clerk)
    assert clerk.post(f"/posts/{post.pk}/decide/approve", {"reason": "", "version": 2}).status_code == 302
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    pub = Publication.objects.get(post=post)
    assert pub.state == "published", (pub.last_error_code, pub.last_error_message)
    assert pub.remote_id.startswith("at://") and pub.url
    assert [p["value"]["text"] for p in list_posts(local_pds, account.did)] == [FIXED]

    mail.outbox.clear()
    assert clerk.post(f"/posts/{post.pk}/take-down", {"reason": "Superseded by the new timetable"}).status_code == 302
    assert list_posts(local_pds, account.did) == []
    post.refresh_from_db()
    assert post.state == State.REMOVED and mail.outbox[0].to == [people.member.official_email]

    archive = clerk.get("/posts/archive", {"q": "Bin collections"}).content.decode()
    assert f"/posts/{post.pk}/history" in archive
    history = clerk.get(f"/posts/{post.pk}/history").content.decode()
    for words in ("phone number", "Screening passed", "Approved", "Tess Clerk", pub.url, "Attempt 1",
                  "Superseded by the new timetable", "Post drafted", "Post changed", "Post submitted",
                  "Post approved", "Post published on a channel", "Post taken down"):
        assert words in history, words
