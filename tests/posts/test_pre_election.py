"""Pre-election enforcement (issue 4 §3): refusals naming the period, Clerk's exceptions, held
posts released by the task worker after the period, and screening with pre-election context."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from herald.core import clock
from herald.core.errors import Conflict, NotAllowed, ValidationFailed
from herald.elections.models import Election, PreElectionPeriod
from herald.elections.services import election_create, election_update
from herald.posts import services
from herald.posts.models import PreElectionException, Publication, State
from herald.records.events import EventType
from herald.records.models import AuditEvent
from tests.posts.conftest import CLEAN, make_channel
from tests.posts.helpers import draft, fresh

pytestmark = pytest.mark.django_db(transaction=True)


def _next_thursday(after: dt.date) -> dt.date:
    return after + dt.timedelta(days=(3 - after.weekday()) % 7 or 7)


@pytest.fixture
def election_soon(acked):
    """A by-election whose pre-election period started today and ends on a polling day 2-3 weeks away."""

    def make():
        today = clock.today_in_london()
        return election_create(acting_user=acked.clerk.user, council=acked.council, kind="by_election",
                               polling_day=_next_thursday(today + dt.timedelta(days=14)), notice_date=today,
                               area="Stalbridge East ward", candidates="Alex Candidate\nSam Hopeful")

    return make


def test_submitting_into_a_period_is_refused_with_its_end(acked, channel, election_soon):
    election_soon()
    period = PreElectionPeriod.objects.get(council=acked.council)
    post = draft(acked.officer, CLEAN, [channel])
    with pytest.raises(Conflict) as exc:
        services.post_submit(acting_user=acked.officer.user, post=post)
    poll = period.ends_at.astimezone(clock.LONDON)
    assert "pre-election period" in exc.value.message and f"{poll.day} {poll:%B %Y}" in exc.value.message
    assert "10pm" in exc.value.message
    assert fresh(post).state == State.DRAFT


def test_scheduling_into_a_period_is_refused_and_after_it_allowed(acked, channel, election_soon):
    election_soon()
    period = PreElectionPeriod.objects.get(council=acked.council)
    post = draft(acked.officer, CLEAN, [channel])
    with pytest.raises(Conflict, match="pre-election period"):
        services.post_schedule(acting_user=acked.officer.user, post=post, when=clock.now() + dt.timedelta(days=1))
    services.post_schedule(acting_user=acked.officer.user, post=post, when=period.ends_at + dt.timedelta(hours=12))
    assert services.post_submit(acting_user=acked.officer.user, post=post).state == State.SCHEDULED


def test_non_council_channels_are_not_closed(acked, stubs, election_soon):
    election_soon()
    personal = make_channel(acked, name="Officer's blog", use="non_council", reps=[acked.officer])
    post = draft(acked.officer, CLEAN, [personal])
    assert services.post_submit(acting_user=acked.officer.user, post=post).state == State.SCHEDULED


def test_clerk_exception_lets_the_post_through_and_is_audited(acked, channel, election_soon, worker, stubs):
    election = election_soon()
    post = draft(acked.officer, "Polling stations are open from 7am to 10pm on polling day.", [channel])
    with pytest.raises(NotAllowed):
        services.post_confirm_exception(acting_user=acked.officer.user, post=post,
                                        category="factual_election_information", reason="Poll notice")
    with pytest.raises(ValidationFailed):
        services.post_confirm_exception(acting_user=acked.clerk.user, post=post, category="campaign", reason="x")
    with pytest.raises(ValidationFailed):
        services.post_confirm_exception(acting_user=acked.clerk.user, post=post,
                                        category="factual_election_information", reason=" ")
    exception = services.post_confirm_exception(acting_user=acked.clerk.user, post=post,
                                                category="factual_election_information",
                                                reason="Factual information about the poll")
    assert exception.election_id == election.pk
    event = AuditEvent.objects.get(event_type=EventType.PRE_ELECTION_EXCEPTION_CONFIRMED)
    assert event.data["category"] == "factual_election_information"
    assert services.post_submit(acting_user=acked.officer.user, post=post).state == State.SCHEDULED
    worker()
    assert Publication.objects.get(post=post).state == "published"


def test_scheduled_post_inside_a_new_period_is_held_then_published_after_it(acked, channel, stubs, worker,
                                                                            travel, election_soon):
    when = clock.now() + dt.timedelta(days=1)
    post = draft(acked.officer, CLEAN, [channel])
    services.post_schedule(acting_user=acked.officer.user, post=post, when=when)
    post = services.post_submit(acting_user=acked.officer.user, post=post)
    election_soon()  # the election is entered after the post was scheduled
    period = PreElectionPeriod.objects.get(council=acked.council)
    mail.outbox.clear()
    travel(when + dt.timedelta(minutes=1))
    worker()
    pub = Publication.objects.get(post=post)
    assert pub.state == "held" and pub.held_until == period.ends_at
    assert fresh(post).state == State.SCHEDULED
    assert [m.to for m in mail.outbox] == [[acked.officer.official_email]]
    assert "held" in mail.outbox[0].subject
    assert not stubs.get(channel.pk) or not stubs[channel.pk].published
    travel(period.ends_at - dt.timedelta(minutes=1))
    worker()
    assert Publication.objects.get(pk=pub.pk).state == "held"
    travel(period.ends_at + dt.timedelta(minutes=1))
    worker()
    pub.refresh_from_db()
    assert pub.state == "published" and pub.attempts == 1
    assert fresh(post).state == State.PUBLISHED
    assert AuditEvent.objects.filter(event_type=EventType.PUBLICATION_HELD).count() == 1


def test_exception_releases_a_held_post(acked, channel, stubs, worker, travel, election_soon):
    when = clock.now() + dt.timedelta(days=1)
    post = draft(acked.officer, CLEAN, [channel])
    services.post_schedule(acting_user=acked.officer.user, post=post, when=when)
    services.post_submit(acting_user=acked.officer.user, post=post)
    election_soon()
    travel(when + dt.timedelta(minutes=1))
    worker()
    assert Publication.objects.get(post=post).state == "held"
    services.post_confirm_exception(acting_user=acked.clerk.user, post=post, category="emergency_public_safety",
                                    reason="Flood warning")
    worker()
    assert Publication.objects.get(post=post).state == "published"
    assert PreElectionException.objects.get(post=post).category == "emergency_public_safety"


def test_screening_in_a_period_knows_the_candidates(acked, channel, election_soon):
    election_soon()
    post = draft(acked.officer, "Alex Candidate opened the new playground today.", [channel])
    run = post.screening_runs.get()
    assert run.pre_election
    assert run.verdict in ("review", "block")
    assert run.findings.filter(category="pre_election", evidence__icontains="Alex Candidate").exists()


def test_no_exception_without_a_period(acked, channel):
    post = draft(acked.officer, CLEAN, [channel])
    with pytest.raises(Conflict, match="No pre-election period"):
        services.post_confirm_exception(acting_user=acked.clerk.user, post=post,
                                        category="statutory_notice", reason="Notice")


def test_an_election_for_some_channels_closes_only_those(acked, channel, stubs):
    """A ward by-election scoped to one channel closes that channel; the others stay open."""
    other = make_channel(acked, name="Stalbridge West news", reps=[acked.officer])
    today = clock.today_in_london()
    election = election_create(acting_user=acked.clerk.user, council=acked.council, kind="by_election",
                               polling_day=_next_thursday(today + dt.timedelta(days=14)), notice_date=today,
                               channel_ids=[channel.pk])
    assert not election.all_channels and list(election.channels.all()) == [channel]
    closed = draft(acked.officer, CLEAN, [channel])
    with pytest.raises(Conflict, match="pre-election period"):
        services.post_submit(acting_user=acked.officer.user, post=closed)
    both = draft(acked.officer, CLEAN, [channel, other])
    with pytest.raises(Conflict, match="pre-election period"):
        services.post_submit(acting_user=acked.officer.user, post=both)
    open_post = draft(acked.officer, CLEAN, [other])
    assert services.post_submit(acting_user=acked.officer.user, post=open_post).state == State.SCHEDULED


def test_election_channel_scope_is_validated_and_audited(acked, channel):
    today = clock.today_in_london()
    poll = _next_thursday(today + dt.timedelta(days=40))
    personal = make_channel(acked, name="Officer's blog", use="non_council", reps=[acked.officer])
    for bad, message in (([], "at least one channel"), ([personal.pk], "official channels"),
                         (["nonsense"], "from the list"), ([999999], "official channels")):
        with pytest.raises(ValidationFailed, match=message) as exc:
            election_create(acting_user=acked.clerk.user, council=acked.council, kind="by_election",
                            polling_day=poll, channel_ids=bad)
        assert exc.value.field == "channels"
    assert not Election.objects.filter(council=acked.council).exists()
    election = election_create(acting_user=acked.clerk.user, council=acked.council, kind="by_election",
                               polling_day=poll, channel_ids=[channel.pk])
    added = AuditEvent.objects.get(event_type=EventType.ELECTION_ADDED)
    assert added.data["after"]["channels"] == [channel.pk] and added.data["after"]["all_channels"] is False
    election_update(acting_user=acked.clerk.user, election=election, kind="by_election", polling_day=poll)
    election.refresh_from_db()
    assert election.all_channels and not election.channels.exists()
    changed = AuditEvent.objects.get(event_type=EventType.ELECTION_CHANGED)
    assert changed.data["before"]["channels"] == [channel.pk] and changed.data["after"]["all_channels"] is True
