from __future__ import annotations

import datetime as dt

import pytest

from herald.core import clock
from herald.core.errors import Conflict, NotAllowed, ValidationFailed
from herald.people.models import Representative
from herald.people.selectors import has_acknowledged_current_policy, publishing_rights
from herald.people.services import (
    interest_register,
    interest_remove,
    policy_acknowledge,
    representative_create,
    representative_deactivate,
    representative_update,
    suspension_create,
    suspension_lift,
)
from herald.records.events import EventType
from herald.records.models import AuditEvent


def _events(council, event_type):
    return AuditEvent.objects.filter(council=council, event_type=event_type)


def test_create_writes_an_audit_event(people):
    rep = representative_create(acting_user=people.clerk.user, council=people.council, name="  New Officer ",
                                kind="employee", roles=["officer"], official_email="New@StalbridgeTownCouncil.gov.uk")
    assert rep.name == "New Officer" and rep.official_email == "new@stalbridgetowncouncil.gov.uk"
    event = _events(people.council, EventType.REPRESENTATIVE_ADDED).get(target_id=str(rep.pk))
    assert event.actor == people.clerk.user and event.data["after"]["roles"] == ["officer"]


@pytest.mark.parametrize("fields, message", [
    ({"name": ""}, "full name"),
    ({"official_email": "not-an-email"}, "correct format"),
    ({"official_email": "CLERK@stalbridgetowncouncil.gov.uk"}, "already has this email"),
    ({"official_email": "someone@gmail.com"}, "official council email"),
    ({"kind": "wizard"}, "Select what kind"),
    ({"roles": ["clerk"], "kind": "volunteer"}, "Only an employee"),
    ({"roles": ["chair"], "kind": "employee"}, "Only an Elected Member"),
    ({"roles": ["mayor"]}, "Unknown role"),
])
def test_bad_input_is_refused_and_nothing_is_written(people, fields, message):
    before = (Representative.objects.count(), AuditEvent.objects.count())
    base = {"name": "Pat", "kind": "employee", "roles": ["officer"], "official_email": "pat@stalbridgetowncouncil.gov.uk"}
    with pytest.raises((ValidationFailed, Conflict), match=message):
        representative_create(acting_user=people.clerk.user, council=people.council, **{**base, **fields})
    assert (Representative.objects.count(), AuditEvent.objects.count()) == before


def test_same_email_is_allowed_in_another_council_register(people, other_people):
    rep = representative_create(acting_user=other_people.clerk.user, council=other_people.council, name="Shared",
                                kind="volunteer", roles=[], official_email="helper@example.org.uk")
    rep2 = representative_create(acting_user=people.clerk.user, council=people.council, name="Shared",
                                 kind="volunteer", roles=[], official_email="helper@example.org.uk")
    assert rep.council != rep2.council


def test_update_records_only_what_changed(people):
    rep = people.officer
    representative_update(acting_user=people.clerk.user, representative=rep, name=rep.name, kind=rep.kind,
                          roles=rep.roles, official_email=rep.official_email, job_title="Deputy Clerk")
    event = _events(people.council, EventType.REPRESENTATIVE_UPDATED).get()
    assert event.data == {"before": {"job_title": ""}, "after": {"job_title": "Deputy Clerk"}}
    rep.refresh_from_db()
    assert rep.user.full_name == rep.name


def test_the_last_clerk_cannot_be_removed(people):
    clerk = people.clerk
    with pytest.raises(NotAllowed, match="at least one active Clerk"):
        representative_update(acting_user=people.chair.user, representative=clerk, name=clerk.name, kind="employee",
                              roles=["officer"], official_email=clerk.official_email)
    with pytest.raises(NotAllowed):
        representative_deactivate(acting_user=people.chair.user, representative=clerk, reason="Leaving")
    with pytest.raises(NotAllowed, match="your own"):
        representative_deactivate(acting_user=clerk.user, representative=clerk, reason="Leaving")


def test_deactivated_people_cannot_sign_in_or_publish(people):
    representative_deactivate(acting_user=people.clerk.user, representative=people.volunteer, reason="Moved away")
    people.volunteer.refresh_from_db()
    assert not people.volunteer.user.is_active
    assert not publishing_rights(representative=people.volunteer).active


def test_suspension_ends_on_time_by_itself(people):
    now = clock.now()
    suspension = suspension_create(acting_user=people.clerk.user, representative=people.member, starts_at=now,
                                   ends_at=now + dt.timedelta(days=14), reason="Upheld complaint C-1")
    assert not publishing_rights(representative=people.member).active
    assert publishing_rights(representative=people.member, at=now + dt.timedelta(days=13)).suspension == suspension
    assert publishing_rights(representative=people.member, at=now + dt.timedelta(days=14, seconds=1)).active
    event = _events(people.council, EventType.PUBLISHING_SUSPENDED).get()
    assert event.data["after"]["reason"] == "Upheld complaint C-1"


def test_suspension_can_be_lifted_once_with_a_reason(people):
    suspension = suspension_create(acting_user=people.clerk.user, representative=people.member,
                                   starts_at=clock.now(), ends_at=None, reason="Investigation")
    with pytest.raises(ValidationFailed):
        suspension_lift(acting_user=people.clerk.user, suspension=suspension, reason=" ")
    suspension_lift(acting_user=people.clerk.user, suspension=suspension, reason="Appeal upheld")
    assert publishing_rights(representative=people.member).active
    with pytest.raises(Conflict):
        suspension_lift(acting_user=people.clerk.user, suspension=suspension, reason="Again")


@pytest.mark.parametrize("offset_start, offset_end, message", [
    (5, 2, "after the start"),
    (-10, -5, "in the future"),
])
def test_invalid_suspension_dates_are_refused(people, offset_start, offset_end, message):
    now = clock.now()
    with pytest.raises(ValidationFailed, match=message):
        suspension_create(acting_user=people.clerk.user, representative=people.member,
                          starts_at=now + dt.timedelta(days=offset_start), ends_at=now + dt.timedelta(days=offset_end),
                          reason="x")
    assert publishing_rights(representative=people.member).active


def test_nobody_suspends_themselves(people):
    with pytest.raises(NotAllowed):
        suspension_create(acting_user=people.clerk.user, representative=people.clerk, starts_at=clock.now(),
                          ends_at=None, reason="x")


def test_members_interests(people):
    interest = interest_register(acting_user=people.member.user, representative=people.member, category="employment",
                                 description="Director, Stalbridge Garden Centre Ltd", registered_on=dt.date(2025, 5, 9))
    assert list(people.member.interests.filter(removed_at__isnull=True)) == [interest]
    interest_remove(acting_user=people.member.user, interest=interest)
    assert not people.member.interests.filter(removed_at__isnull=True).exists()
    with pytest.raises(ValidationFailed, match="Only Elected Members"):
        interest_register(acting_user=people.clerk.user, representative=people.officer, category="land",
                          description="House", registered_on=dt.date(2025, 1, 1))
    with pytest.raises(ValidationFailed):
        interest_register(acting_user=people.clerk.user, representative=people.member, category="bribes",
                          description="x", registered_on=dt.date(2025, 1, 1))


def test_policy_acknowledgement_is_recorded_once(people):
    assert not has_acknowledged_current_policy(representative=people.member)
    policy_acknowledge(acting_user=people.member.user, representative=people.member)
    policy_acknowledge(acting_user=people.member.user, representative=people.member)
    assert has_acknowledged_current_policy(representative=people.member)
    assert _events(people.council, EventType.POLICY_ACKNOWLEDGED).count() == 1
