"""Post fixtures: an active official channel on a shared stub connector, acknowledged policy,
a task worker run and a clock that can be moved forward."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from herald.connectors.stub import StubConnector


@pytest.fixture
def stubs(settings, monkeypatch):
    """One StubConnector per channel, shared by every publish and delete in the test."""
    settings.HERALD_CONNECTOR_BACKENDS = {"bluesky": "stub", "mastodon": "stub"}
    made: dict[int, StubConnector] = {}

    def connector_for(channel):
        if channel.pk not in made:
            made[channel.pk] = StubConnector(platform=channel.platform, channel=str(channel.pk))
        return made[channel.pk]

    monkeypatch.setattr("herald.posts.services.publishing.connector_for", connector_for)
    return made


def make_channel(people, name="Town news", platform="bluesky", use="council_service", reps=None):
    from herald.channels.services import channel_decide, channel_propose

    reps = reps if reps is not None else [people.clerk, people.officer, people.member, people.volunteer]
    channel = channel_propose(acting_user=people.clerk.user, council=people.council, owner=people.officer,
                              representatives=reps, name=name, platform=platform, kind="micro_blogging", use=use,
                              purpose="News", audience="general", handle="town.test" if platform != "newsfeed" else "",
                              account_email="", logo_use="uses_logo")
    if channel.status == "proposed":
        channel_decide(acting_user=people.clerk.user, channel=channel, action="approve")
        channel_decide(acting_user=people.clerk.user, channel=channel, action="activate")
    channel.refresh_from_db()
    return channel


@pytest.fixture
def channel(people, stubs):
    return make_channel(people)


@pytest.fixture
def acked(people):
    from herald.people.services import policy_acknowledge

    for rep in (people.clerk, people.chair, people.officer, people.member, people.member2, people.volunteer):
        policy_acknowledge(acting_user=rep.user, representative=rep)
    return people


@pytest.fixture
def worker():
    """Run every task that is due, then return (the real django-tasks database worker)."""

    def run() -> None:
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    return run


@pytest.fixture
def travel(monkeypatch):
    """travel(moment): make Herald and the task worker believe it is `moment` (aware datetime)."""

    def to(moment: dt.datetime) -> None:
        monkeypatch.setattr("django.utils.timezone.now", lambda: moment)

    return to


CLEAN = "The Hub is closed on Monday for the bank holiday."
PHONE = "Call Mrs Jones on 07700 900123 about her bins."
BLOCKED = "Fuck the council, honestly."
