"""An upheld complaint: removal through the connector (record kept, under hold), suspension that ends on
time by itself, channel closure, referrals; the one review, decided by someone else, that can overturn
the decision and lift the sanctions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from herald.channels.models import Channel
from herald.complaints import services
from herald.complaints.models import CaseStatus, EnforcementAction
from herald.core import clock
from herald.core.errors import Conflict, NotAllowed, ValidationFailed
from herald.people.models import Suspension
from herald.people.selectors import publishing_rights
from herald.posts.models import State
from herald.records.audit import audit_verify
from herald.records.events import EventType
from herald.records.holds import is_on_hold
from herald.records.models import AuditEvent
from tests.complaints.conftest import complaint_about
from tests.posts.helpers import fresh

pytestmark = pytest.mark.django_db(transaction=True)


def _upheld(people, post, outcome="upheld"):
    case = complaint_about(post).case
    services.case_decide(acting_user=people.clerk.user, case=case, outcome=outcome, reasons="It named a resident.",
                         clauses=["tou.1"])
    case.refresh_from_db()
    return case


def test_removal_and_suspension_then_the_suspension_ends_on_time(acked, published, stubs, travel):
    people, post = acked, published
    case = _upheld(people, post)
    assert is_on_hold(post)
    mail.outbox.clear()
    services.enforcement_take(acting_user=people.clerk.user, case=case, kind="removal", reason="Personal data")
    assert fresh(post).state == State.REMOVED and is_on_hold(post)  # taken down, record kept under hold
    channel = post.channels.get()
    assert len(stubs[channel.pk].calls_of("delete")) == 1

    until = clock.now() + dt.timedelta(days=14)
    services.enforcement_take(acting_user=people.clerk.user, case=case, kind="suspension", reason="Personal data",
                              until=until)
    suspension = Suspension.objects.get(representative=people.officer)
    assert suspension.case == case and suspension.ends_at == until
    assert not publishing_rights(representative=people.officer).active
    told = [m for m in mail.outbox if m.to == [people.officer.official_email] and "suspended" in m.subject]
    assert told and "Personal data" in told[0].body and clock.format_datetime(until) in told[0].body

    travel(until + dt.timedelta(minutes=1))  # the suspension ends by itself
    assert publishing_rights(representative=people.officer).active
    kinds = list(AuditEvent.objects.filter(council=people.council, event_type__in=[
        EventType.COMPLAINT_RECEIVED, EventType.COMPLAINT_DECIDED, EventType.POST_TAKEN_DOWN,
        EventType.COMPLAINT_ENFORCEMENT_TAKEN, EventType.PUBLISHING_SUSPENDED]).order_by("seq")
        .values_list("event_type", flat=True))
    assert kinds == [801, 808, 713, 809, 304, 809]
    assert audit_verify(council=people.council) is None


def test_nothing_to_enforce_on_a_complaint_not_upheld(acked, published):
    case = _upheld(acked, published, outcome="not_upheld")
    with pytest.raises(Conflict, match="not upheld"):
        services.enforcement_take(acting_user=acked.clerk.user, case=case, kind="removal", reason="x")
    assert fresh(published).state == State.PUBLISHED


def test_enforcement_needs_a_decision_and_the_handler(acked, published):
    case = complaint_about(published).case
    with pytest.raises(Conflict, match="decided case"):
        services.enforcement_take(acting_user=acked.clerk.user, case=case, kind="removal", reason="x")
    services.case_decide(acting_user=acked.clerk.user, case=case, outcome="upheld", reasons="Yes")
    with pytest.raises(NotAllowed):
        services.enforcement_take(acting_user=acked.member.user, case=case, kind="removal", reason="x")
    with pytest.raises(ValidationFailed, match="date the suspension ends"):
        services.enforcement_take(acting_user=acked.clerk.user, case=case, kind="suspension", reason="x")
    with pytest.raises(ValidationFailed, match="Monitoring Officer"):  # the author is an officer, not a Member
        services.enforcement_take(acting_user=acked.clerk.user, case=case, kind="referral_monitoring_officer",
                                  reason="x")
    action = services.enforcement_take(acting_user=acked.clerk.user, case=case, kind="referral_disciplinary",
                                       reason="Referred to the staffing committee.")
    assert action.representative == acked.officer


def test_appeal_by_someone_else_overturns_and_lifts_the_sanctions(acked, published, travel):
    people, post = acked, published
    case = _upheld(people, post)
    services.enforcement_take(acting_user=people.clerk.user, case=case, kind="removal", reason="Personal data")
    services.enforcement_take(acting_user=people.clerk.user, case=case, kind="suspension", reason="Personal data",
                              until=clock.now() + dt.timedelta(days=30))
    services.enforcement_take(acting_user=people.clerk.user, case=case, kind="closure", reason="Repeated breaches")
    channel = post.channels.get()
    assert Channel.objects.get(pk=channel.pk).status == "closed"

    services.appeal_request(case=case, grounds="The officer was quoting a public notice.")
    with pytest.raises(Conflict, match="only one review"):
        services.appeal_request(case=case, grounds="Again")
    with pytest.raises(NotAllowed, match="first decision"):
        services.appeal_decide(acting_user=people.clerk.user, case=case, outcome="overturned", reasons="x")
    with pytest.raises(NotAllowed):
        services.appeal_decide(acting_user=people.member.user, case=case, outcome="overturned", reasons="x")
    mail.outbox.clear()
    services.appeal_decide(acting_user=people.chair.user, case=case, outcome="overturned",
                           reasons="It was a public notice.")
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.appeal.decided_by == people.chair.user
    assert publishing_rights(representative=people.officer).active
    assert Suspension.objects.get(representative=people.officer).lifted_by == people.chair.user
    assert Channel.objects.get(pk=channel.pk).status == "active"
    assert fresh(post).state == State.REMOVED  # not re-published automatically, and that is recorded
    notes = dict(EnforcementAction.objects.values_list("kind", "reversal_note"))
    assert "not re-published automatically" in notes["removal"] and notes["suspension"] == "Suspension lifted."
    assert all(EnforcementAction.objects.values_list("reversed_at", flat=True))
    assert not is_on_hold(post)
    assert any(m.to == ["rita@example.com"] and "overturned" in m.body for m in mail.outbox)
    assert any(m.to == [people.officer.official_email] and "restored" in m.subject for m in mail.outbox)
    assert AuditEvent.objects.filter(event_type=EventType.COMPLAINT_ENFORCEMENT_REVERSED).count() == 3
    assert audit_verify(council=people.council) is None


def test_appeal_upheld_keeps_the_sanctions(acked, published):
    case = _upheld(acked, published)
    services.enforcement_take(acting_user=acked.clerk.user, case=case, kind="suspension", reason="x",
                              until=clock.now() + dt.timedelta(days=30))
    services.appeal_request(case=case, grounds="I disagree")
    services.appeal_decide(acting_user=acked.chair.user, case=case, outcome="upheld", reasons="The decision stands.")
    assert not publishing_rights(representative=acked.officer).active
    assert not EnforcementAction.objects.filter(reversed_at__isnull=False).exists()


def test_appeal_window_is_enforced(acked, published, travel):
    case = _upheld(acked, published)
    travel(dt.datetime.combine(case.appeal_by + dt.timedelta(days=1), dt.time(9), tzinfo=clock.LONDON))
    with pytest.raises(Conflict, match="time to ask for a review ended"):
        services.appeal_request(case=case, grounds="Too late")
    open_case = complaint_about(published, text="A different complaint about the same post.").case
    with pytest.raises(Conflict, match="once the complaint has been decided"):
        services.appeal_request(case=open_case, grounds="Too early")
