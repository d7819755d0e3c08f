"""Done-when for issue 7: a resident complains about a post published on the real local Bluesky PDS;
the Clerk upholds it with removal and a suspension; the record is gone from the PDS; the author's
rights are suspended and come back on time by themselves; every step is in the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from herald.channels.services import channel_decide, channel_propose, channel_set_credentials
from herald.complaints.models import Case
from herald.core import clock
from herald.people.selectors import publishing_rights
from herald.people.services import policy_acknowledge
from herald.posts.models import Post, Publication, State
from herald.records.audit import audit_verify
from herald.records.events import EventType
from herald.records.models import AuditEvent
from tests.connectors.fixtures import fresh_pds_account, local_pds  # noqa: F401  (fixtures)
from tests.connectors.pds import XrpcHTTPError
from tests.connectors.test_bluesky_pds import get_record, list_posts

pytestmark = [pytest.mark.pds, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

TEXT = "Road closure on Station Road from Monday for resurfacing."


def test_complaint_upheld_removes_the_post_from_the_real_pds(people, signed_in, local_pds, fresh_pds_account,
                                                             settings, client, monkeypatch):
    settings.HERALD_CONNECTOR_BACKENDS = {}
    account = fresh_pds_account
    channel = channel_propose(acting_user=people.clerk.user, council=people.council, owner=people.officer,
                              representatives=[people.officer], name="Stalbridge on Bluesky", platform="bluesky",
                              kind="micro_blogging", use="council_service", purpose="Council news.",
                              audience="general", handle=account.handle,
                              account_email="news@stalbridgetowncouncil.gov.uk", service_url=local_pds.url,
                              logo_use="uses_logo")
    channel_decide(acting_user=people.clerk.user, channel=channel, action="approve")
    channel_set_credentials(acting_user=people.clerk.user, channel=channel, values={"password": account.password})
    channel_decide(acting_user=people.clerk.user, channel=channel, action="activate")
    policy_acknowledge(acting_user=people.officer.user, representative=people.officer)

    officer = signed_in(people.officer)
    assert officer.post("/posts/new", {"text": TEXT, "channels": [channel.pk]}).status_code == 302
    post = Post.objects.get()
    officer.post(f"/posts/{post.pk}/submit")  # an officer publishes directly
    officer.post("/sign-out")
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    pub = Publication.objects.get(post=post)
    assert pub.state == "published", (pub.last_error_code, pub.last_error_message)
    assert [p["value"]["text"] for p in list_posts(local_pds, account.did)] == [TEXT]

    # A resident complains about the post (no account), from the form pre-filled with it.
    form = client.get(f"/councils/stalbridge/complaints/new?post={post.pk}").content.decode()
    assert "Station Road" in form
    response = client.post("/councils/stalbridge/complaints/new", {
        "about": "post", "post": str(post.pk), "about_detail": "", "text": "This post names my street wrongly "
        "and caused a lot of upset.", "name": "Rita Resident", "email": "rita@example.com", "phone": "",
        "confidential": "no", "website": ""})
    assert response.status_code == 302
    reference = client.get(response["Location"]).content.decode().split('id="reference">')[1].split("<")[0]
    assert reference == f"STC-{clock.today_in_london().year}-0001"
    assert any(m.to == ["rita@example.com"] and reference in m.subject for m in mail.outbox)

    # The Clerk upholds it, removes the post and suspends the author for a week.
    clerk = signed_in(people.clerk)
    assert reference in clerk.get("/complaints/").content.decode()
    case_pk = Case.objects.get(complaint__reference=reference).pk
    assert clerk.post(f"/complaints/{case_pk}/decide", {"outcome": "upheld", "reasons": "The post was wrong.",
                                                         "clauses": ["tou.1"]}).status_code == 302
    assert clerk.post(f"/complaints/{case_pk}/action/removal", {"reason": "Upheld complaint"}).status_code == 302
    assert list_posts(local_pds, account.did) == []  # the record is gone from the PDS
    with pytest.raises(XrpcHTTPError) as gone:
        get_record(local_pds, pub.remote_id)
    assert "RecordNotFound" in gone.value.body
    post.refresh_from_db()
    assert post.state == State.REMOVED
    until = clock.today_in_london() + dt.timedelta(days=7)
    assert clerk.post(f"/complaints/{case_pk}/action/suspension", {
        "reason": "Published a post that broke the policy.", "until_0": str(until.day), "until_1": str(until.month),
        "until_2": str(until.year)}).status_code == 302
    assert not publishing_rights(representative=people.officer).active
    told = [m for m in mail.outbox if m.to == [people.officer.official_email] and "suspended" in m.subject]
    assert told and "broke the policy" in told[0].body

    page = clerk.get(f"/complaints/{case_pk}/").content.decode()
    assert "Remove the post: Post" in page and "publishing rights suspended until" in page

    # The suspension ends on time by itself.
    after = dt.datetime.combine(until, dt.time(0, 1), tzinfo=clock.LONDON)
    monkeypatch.setattr("django.utils.timezone.now", lambda: after)
    assert publishing_rights(representative=people.officer).active

    # All of it is in the audit trail, and the chain is intact.
    kinds = set(AuditEvent.objects.filter(council=people.council).values_list("event_type", flat=True))
    for kind in (EventType.PUBLICATION_PUBLISHED, EventType.COMPLAINT_RECEIVED, EventType.LEGAL_HOLD_PLACED,
                 EventType.COMPLAINT_DECIDED, EventType.POLICY_REVIEW_ITEM_RAISED, EventType.POST_TAKEN_DOWN,
                 EventType.COMPLAINT_ENFORCEMENT_TAKEN, EventType.PUBLISHING_SUSPENDED):
        assert kind in kinds, kind.name
    assert audit_verify(council=people.council) is None
