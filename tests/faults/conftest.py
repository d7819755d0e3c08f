"""Fault test fixtures: a Bluesky channel whose connector goes through a fault-injecting proxy,
fast retries and short connector timeouts (so a run of five attempts takes seconds)."""

from __future__ import annotations

import pytest

from tests.connectors.fixtures import fresh_pds_account, local_pds  # noqa: F401  (fixtures)
from tests.posts.conftest import acked, travel, worker  # noqa: F401  (fixtures)

TEXT = "The Hub is closed on Monday for the bank holiday."


@pytest.fixture
def fast_retries(monkeypatch):
    from herald.posts.services import publishing

    monkeypatch.setattr(publishing, "RETRY_BASE_SECONDS", 0)


@pytest.fixture
def short_timeouts(monkeypatch):
    """Bluesky connectors built by Herald wait 1 second for an answer (10 in production)."""
    from herald.channels import connect

    real = connect.build

    def build(platform, options, **kwargs):
        if platform == "bluesky":
            options = {**options, "timeout": 1.0}
        return real(platform, options, **kwargs)

    monkeypatch.setattr(connect, "build", build)


@pytest.fixture
def real_connectors(settings):
    settings.HERALD_CONNECTOR_BACKENDS = {}


def bluesky_channel(people, *, service_url: str, handle: str, password: str):
    from herald.channels.services import channel_decide, channel_propose, channel_set_credentials

    channel = channel_propose(acting_user=people.clerk.user, council=people.council, owner=people.officer,
                              representatives=[people.officer, people.member], name="Stalbridge on Bluesky",
                              platform="bluesky", kind="micro_blogging", use="council_service",
                              purpose="Council news.", audience="general", handle=handle,
                              account_email="news@stalbridgetowncouncil.gov.uk", service_url=service_url,
                              logo_use="uses_logo")
    channel_decide(acting_user=people.clerk.user, channel=channel, action="approve")
    channel_set_credentials(acting_user=people.clerk.user, channel=channel, values={"password": password})
    channel_decide(acting_user=people.clerk.user, channel=channel, action="activate")
    channel.refresh_from_db()
    return channel


def submit(people, channel, text: str = TEXT):
    """The Officer's clean post, submitted: approved at once and queued for publication."""
    from herald.posts import services

    post = services.post_create_draft(acting_user=people.officer.user, council=people.council,
                                      author=people.officer, text=text, channels=[channel])
    return services.post_submit(acting_user=people.officer.user, post=post)
