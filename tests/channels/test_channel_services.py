"""Channel register services: lifecycle, approval rules, credentials, compliance checks."""

from __future__ import annotations

import datetime as dt

import pytest

from herald.channels import crypto
from herald.channels.models import Channel, ComplianceCheck, Status
from herald.channels.selectors import channels_needing_attention, reapproval_due
from herald.channels.services import (
    channel_check,
    channel_confirm_complaints_info,
    channel_decide,
    channel_propose,
    channel_reapprove,
    channel_set_credentials,
    channel_update,
)
from herald.core import clock
from herald.core.errors import Conflict, ValidationFailed
from herald.records.events import EventType
from herald.records.models import AuditEvent

BASE = dict(name="Town news", platform="newsfeed", kind="blog", use="council_service", purpose="Council news",
            audience="general", handle="", account_email="", service_url="", logo_use="uses_logo")


def propose(people, **overrides):
    return channel_propose(acting_user=people.officer.user, council=people.council, owner=people.officer,
                           **{**BASE, **overrides})


def test_official_channel_waits_for_the_clerk(people):
    channel = propose(people)
    assert channel.status == Status.PROPOSED
    assert list(channel.representatives.all()) == [people.officer]
    assert AuditEvent.objects.filter(event_type=EventType.CHANNEL_PROPOSED, target_id=str(channel.pk)).exists()


def test_non_council_use_is_registered_without_approval(people):
    channel = propose(people, use="non_council", kind="collaborative", name="Professional wiki")
    assert channel.status == Status.ACTIVE and channel.approved_at is None
    assert AuditEvent.objects.filter(event_type=EventType.CHANNEL_REGISTERED).exists()


@pytest.mark.parametrize("kind", ["virtual_world", "rss_aggregator"])
def test_kinds_to_discuss_with_the_clerk_never_skip_approval(people, kind):
    channel = propose(people, use="non_council", kind=kind, name=f"A {kind}")
    assert channel.status == Status.PROPOSED


def test_lifecycle(people):
    clerk = people.clerk.user
    channel = propose(people)
    with pytest.raises(Conflict, match="cannot be made active"):
        channel_decide(acting_user=clerk, channel=channel, action="activate")
    channel = channel_decide(acting_user=clerk, channel=channel, action="approve")
    assert channel.approved_by == clerk
    channel = channel_decide(acting_user=clerk, channel=channel, action="activate")
    with pytest.raises(ValidationFailed, match="reason"):
        channel_decide(acting_user=clerk, channel=channel, action="suspend", reason="  ")
    channel = channel_decide(acting_user=clerk, channel=channel, action="suspend", reason="Complaint under review")
    channel = channel_decide(acting_user=clerk, channel=channel, action="close", reason="Complaint upheld")
    with pytest.raises(Conflict):
        channel_update(acting_user=clerk, channel=channel, owner=people.officer, **BASE)
    channel = channel_decide(acting_user=clerk, channel=channel, action="reopen", reason="Appeal upheld")
    assert channel.status == Status.ACTIVE
    events = list(AuditEvent.objects.filter(target_id=str(channel.pk), target_type="channels.channel")
                  .order_by("seq").values_list("event_type", flat=True))
    assert events == [EventType.CHANNEL_PROPOSED, EventType.CHANNEL_APPROVED, EventType.CHANNEL_ACTIVATED,
                      EventType.CHANNEL_SUSPENDED, EventType.CHANNEL_CLOSED, EventType.CHANNEL_REOPENED]


def test_rejection_needs_a_reason_and_is_final(people):
    channel = propose(people)
    channel = channel_decide(acting_user=people.clerk.user, channel=channel, action="reject", reason="Use the news feed")
    with pytest.raises(Conflict):
        channel_decide(acting_user=people.clerk.user, channel=channel, action="approve")


def test_a_bluesky_channel_needs_its_handle_before_it_is_active(people):
    channel = propose(people, platform="bluesky", kind="micro_blogging", name="Bluesky")
    channel_decide(acting_user=people.clerk.user, channel=channel, action="approve")
    with pytest.raises(Conflict, match="handle"):
        channel_decide(acting_user=people.clerk.user, channel=channel, action="activate")


@pytest.mark.parametrize("overrides, message", [
    ({"name": ""}, "Enter a name"),
    ({"platform": "myspace"}, "platform"),
    ({"purpose": " "}, "what the channel is for"),
    ({"account_email": "not an email"}, "correct format"),
    ({"service_url": "javascript:alert(1)"}, "web address"),
    ({"logo_use": "maybe"}, "logo"),
])
def test_bad_input_is_refused_and_nothing_is_written(people, overrides, message):
    before = (Channel.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationFailed, match=message):
        propose(people, **overrides)
    assert (Channel.objects.count(), AuditEvent.objects.count()) == before


def test_duplicate_names_are_refused(people):
    propose(people)
    with pytest.raises(Conflict):
        propose(people, name="TOWN NEWS")


def test_owner_must_belong_to_the_council(people, other_people):
    with pytest.raises(ValidationFailed):
        channel_propose(acting_user=people.clerk.user, council=people.council, owner=other_people.officer, **BASE)


def test_credentials_are_encrypted_and_never_logged(people):
    channel = propose(people, platform="bluesky", kind="micro_blogging", name="Bluesky", handle="town.test")
    channel_set_credentials(acting_user=people.clerk.user, channel=channel, values={"password": "s3cret-app-pass"})
    channel.refresh_from_db()
    assert "s3cret" not in channel.credentials
    assert crypto.decrypt(channel.credentials) == {"password": "s3cret-app-pass"}
    event = AuditEvent.objects.get(event_type=EventType.CHANNEL_CREDENTIALS_SET)
    assert "s3cret" not in str(event.data) and event.data == {"fields": ["password"]}
    with pytest.raises(ValidationFailed):
        channel_set_credentials(acting_user=people.clerk.user, channel=channel, values={"password": ""})


def test_credentials_survive_key_rotation(people, settings):
    from cryptography.fernet import Fernet

    from herald.channels.services import channel_credentials_rotate

    channel = propose(people, platform="bluesky", kind="micro_blogging", name="Bluesky", handle="town.test")
    channel_set_credentials(acting_user=people.clerk.user, channel=channel, values={"password": "pw-one"})
    old_key = settings.HERALD_CREDENTIALS_KEYS[0]
    settings.HERALD_CREDENTIALS_KEYS = [Fernet.generate_key().decode(), old_key]
    assert channel_credentials_rotate(acting_user=None) == 1
    settings.HERALD_CREDENTIALS_KEYS = settings.HERALD_CREDENTIALS_KEYS[:1]
    channel.refresh_from_db()
    assert crypto.decrypt(channel.credentials) == {"password": "pw-one"}
    settings.HERALD_CREDENTIALS_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(crypto.CredentialsUnreadable):
        crypto.decrypt(channel.credentials)


def _active(people, **overrides):
    channel = propose(people, **overrides)
    channel_decide(acting_user=people.clerk.user, channel=channel, action="approve")
    return channel_decide(acting_user=people.clerk.user, channel=channel, action="activate")


def test_news_feed_channel_passes_its_checks(people):
    channel = _active(people)
    check = channel_check(acting_user=people.clerk.user, channel=channel)
    assert check.passed, check.results
    assert [r["clause"] for r in check.results] == ["ident.1", "ident.2", "ident.3", "ident.4"]


def test_failures_are_recorded_and_shown_for_attention(people):
    channel = _active(people, platform="other", kind="media_sharing", name="Video channel",
                      account_email="someone@gmail.com", logo_use="")
    check = channel_check(acting_user=people.clerk.user, channel=channel)
    results = {r["clause"]: r for r in check.results}
    assert not check.passed
    assert results["ident.1"]["ok"] is False and "@gmail.com" in results["ident.1"]["message"]
    assert results["ident.2"]["ok"] is None  # cannot read a hand-managed profile
    assert results["ident.3"]["ok"] is False
    attention = channels_needing_attention(council=people.council)
    assert [c for c, _ in attention.failing_checks] == [channel]
    channel_confirm_complaints_info(acting_user=people.clerk.user, channel=channel)
    check = channel_check(acting_user=people.clerk.user, channel=channel)
    assert {r["clause"]: r["ok"] for r in check.results}["ident.2"] is True


def test_logo_on_a_non_council_channel_fails(people):
    channel = propose(people, use="non_council", kind="collaborative", name="Wiki", logo_use="uses_logo")
    from herald.channels.compliance import check_logo

    assert check_logo(channel).ok is False


def test_yearly_reapproval(people):
    channel = _active(people)
    assert reapproval_due(channel=channel) == (channel.approved_at + dt.timedelta(days=365)).astimezone(clock.LONDON).date()
    later = clock.today_in_london() + dt.timedelta(days=340)
    assert [c for c, _ in channels_needing_attention(council=people.council, today=later).reapproval_due] == [channel]
    old = channel.approved_at
    channel_reapprove(acting_user=people.clerk.user, channel=channel)
    channel.refresh_from_db()
    assert channel.approved_at > old


def test_unreachable_platform_gives_a_clear_status_not_a_crash(people):
    channel = _active(people, platform="bluesky", kind="micro_blogging", name="Bluesky", handle="town.test",
                      service_url="http://127.0.0.1:9", account_email="news@stalbridgetowncouncil.gov.uk")
    channel_set_credentials(acting_user=people.clerk.user, channel=channel, values={"password": "x"})
    check = channel_check(acting_user=people.clerk.user, channel=channel)
    results = {r["clause"]: r for r in check.results}
    assert results["ident.1"]["ok"] is True
    assert results["ident.2"]["ok"] is None and "could not read the profile" in results["ident.2"]["message"]
    assert ComplianceCheck.objects.filter(channel=channel).count() == 1
