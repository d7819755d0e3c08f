"""Done-when for channels: a Bluesky channel proposed by an officer and approved by the Clerk
publishes to, and deletes from, the real local PDS (tests/connectors/fixtures.py starts it)."""

from __future__ import annotations

import pytest

from herald.channels.connect import connector_for, public_page_url
from herald.channels.models import Channel, Status
from herald.connectors.base import Publishable
from tests.connectors.fixtures import fresh_pds_account, local_pds  # noqa: F401  (fixtures)
from tests.connectors.test_bluesky_pds import list_posts

pytestmark = [pytest.mark.pds, pytest.mark.slow]


def test_officer_proposes_clerk_approves_channel_publishes_and_deletes(people, signed_in, client, local_pds,
                                                                       fresh_pds_account):
    account = fresh_pds_account
    officer = signed_in(people.officer)
    response = officer.post("/channels/new", {
        "name": "Stalbridge on Bluesky", "platform": "bluesky", "kind": "micro_blogging", "use": "council_service",
        "purpose": "Council news, events and service updates.", "audience": "general", "handle": account.handle,
        "account_email": "news@stalbridgetowncouncil.gov.uk", "service_url": local_pds.url, "logo_use": "uses_logo",
        "owner": people.officer.pk, "representatives": [people.officer.pk]})
    assert response.status_code == 302, response.content.decode()[:2000]
    channel = Channel.objects.get(name="Stalbridge on Bluesky")
    assert channel.status == Status.PROPOSED
    assert officer.get(f"/channels/{channel.pk}/decide/approve").status_code == 403  # officers cannot approve
    officer.post("/sign-out")

    clerk = signed_in(people.clerk)
    assert clerk.post(f"/channels/{channel.pk}/decide/approve", {"reason": ""}).status_code == 302
    assert clerk.post(f"/channels/{channel.pk}/credentials", {"secret": account.password}).status_code == 302
    assert clerk.post(f"/channels/{channel.pk}/decide/activate", {"reason": ""}).status_code == 302
    channel.refresh_from_db()
    assert channel.status == Status.ACTIVE
    assert account.password not in clerk.get(f"/channels/{channel.pk}/").content.decode()

    # The profile does not yet say who runs it or where to complain: the checks fail and say why.
    clerk.post(f"/channels/{channel.pk}/check")
    page = clerk.get(f"/channels/{channel.pk}/").content.decode()
    assert "does not show the feedback and complaints link" in page
    assert "Failing identification checks" in clerk.get("/dashboard").content.decode()

    token = local_pds.session_token(account)
    local_pds.xrpc("POST", "com.atproto.repo.putRecord", token=token, body={
        "repo": account.did, "collection": "app.bsky.actor.profile", "rkey": "self",
        "record": {"$type": "app.bsky.actor.profile", "displayName": "Stalbridge Town Council",
                   "description": f"Official account of Stalbridge Town Council. Feedback and complaints: "
                                  f"{public_page_url(channel)}"}})
    clerk.post(f"/channels/{channel.pk}/check")
    check = channel.checks.latest()
    assert check.passed, check.results

    with connector_for(channel) as connector:
        ref = connector.publish(Publishable(text="The Hub is closed on Monday for the bank holiday."),
                                idempotency_key="test-publication-1")
        again = connector.publish(Publishable(text="The Hub is closed on Monday for the bank holiday."),
                                  idempotency_key="test-publication-1")
        assert again.remote_id == ref.remote_id and again.replayed
        posts = list_posts(local_pds, account.did)
        assert [p["value"]["text"] for p in posts] == ["The Hub is closed on Monday for the bank holiday."]
        connector.delete(ref)
    assert list_posts(local_pds, account.did) == []
