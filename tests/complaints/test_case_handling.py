"""Handling a case: acknowledgement, notes, routes and referrals, the person complained about, the
decision with its policy review item, closing after the review window, legal holds."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from herald.complaints import services
from herald.complaints.access import access_case_by_id
from herald.complaints.models import CaseStatus, Handler, Route
from herald.complaints.selectors import timeline
from herald.core import clock
from herald.core.errors import Conflict, NotAllowed, NotFound, ValidationFailed
from herald.policy.models import PolicyReviewItem
from herald.policy.services import policy_review_item_raise
from herald.records.audit import audit_verify
from herald.records.events import EventType
from herald.records.holds import held_ids, is_on_hold, legal_hold_place, legal_hold_release
from herald.records.models import AuditEvent, LegalHold
from tests.complaints.conftest import submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(people):
    return submit(people.council, about="representative", about_detail="Cllr Second").complaint.case


def events(kind):
    return AuditEvent.objects.filter(event_type=kind).count()


def test_acknowledge_tells_the_complainant_once(people, case, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.case_acknowledge(acting_user=people.clerk.user, case=case, message="I will look into it.")
    assert mail.outbox[-1].to == ["rita@example.com"] and "I will look into it." in mail.outbox[-1].body
    assert [a.kind for a in timeline(case=case, public_only=True)] == ["received", "acknowledged"]
    with pytest.raises(Conflict, match="already been acknowledged"):
        services.case_acknowledge(acting_user=people.clerk.user, case=case)


@pytest.mark.parametrize("role", ["officer", "member", "chair", "volunteer"])
def test_only_the_handler_acts_on_a_case(people, case, role):
    with pytest.raises(NotAllowed):
        services.case_add_note(acting_user=people.by_role(role).user, case=case, text="Hello")
    with pytest.raises(NotAllowed):
        services.case_decide(acting_user=people.by_role(role).user, case=case, outcome="upheld", reasons="Yes")


def test_another_councils_clerk_cannot_touch_the_case(people, other_people, case):
    with pytest.raises(NotFound):
        access_case_by_id(other_people.clerk.user, case.pk)
    with pytest.raises(NotAllowed):
        services.case_add_note(acting_user=other_people.clerk.user, case=case, text="Hello")


def test_notes_keep_their_visibility(people, case):
    for visibility in ("public", "staff", "internal"):
        services.case_add_note(acting_user=people.clerk.user, case=case, text=f"{visibility} note",
                               visibility=visibility)
    public = [a.text for a in timeline(case=case, public_only=True)]
    assert "public note" in public and "staff note" not in public and "internal note" not in public
    with pytest.raises(ValidationFailed):
        services.case_add_note(acting_user=people.clerk.user, case=case, text="x", visibility="everyone")
    with pytest.raises(ValidationFailed):
        services.case_add_note(acting_user=people.clerk.user, case=case, text=" ")
    with pytest.raises(ValidationFailed, match="5,000 characters"):
        services.case_add_note(acting_user=people.clerk.user, case=case, text="x" * 5001)


def test_a_members_conduct_is_referred_to_the_monitoring_officer(people, case, django_capture_on_commit_callbacks):
    with pytest.raises(ValidationFailed, match="Elected Member"):
        services.case_route(acting_user=people.clerk.user, case=case, route=Route.MONITORING_OFFICER)
    with django_capture_on_commit_callbacks(execute=True):
        services.case_route(acting_user=people.clerk.user, case=case, route=Route.MONITORING_OFFICER,
                            representative=people.member2)
    case.refresh_from_db()
    assert case.route == Route.MONITORING_OFFICER and case.complaint.representative == people.member2
    assert "Monitoring Officer" in timeline(case=case, public_only=True)[-1].text
    assert events(EventType.COMPLAINT_REFERRED) == 1 and events(EventType.COMPLAINT_ROUTED) == 1
    assert "referred" in mail.outbox[-1].subject
    assert is_on_hold(people.member2)


def test_staff_conduct_is_an_employment_matter(people, case):
    with pytest.raises(ValidationFailed, match="member of staff"):
        services.case_route(acting_user=people.clerk.user, case=case, route=Route.EMPLOYMENT,
                            representative=people.member2)
    services.case_route(acting_user=people.clerk.user, case=case, route=Route.EMPLOYMENT,
                        representative=people.officer)
    case.refresh_from_db()
    assert case.route == Route.EMPLOYMENT
    assert "Disciplinary Policy" in timeline(case=case, public_only=True)[-1].text


def test_linking_the_clerk_moves_the_case_to_the_chair(people, case):
    services.case_route(acting_user=people.clerk.user, case=case, route=Route.EMPLOYMENT,
                        representative=people.clerk)
    case.refresh_from_db()
    assert case.handler == Handler.CHAIR and case.assigned_to == people.chair
    with pytest.raises(NotFound):
        access_case_by_id(people.clerk.user, case.pk)
    with pytest.raises(NotAllowed, match="about yourself"):
        services.case_add_note(acting_user=people.clerk.user, case=case, text="It was not me")
    services.case_add_note(acting_user=people.chair.user, case=case, text="Looking into it")


def test_the_person_complained_about_is_told_and_responds(people, case, django_capture_on_commit_callbacks):
    with pytest.raises(Conflict, match="not linked"):
        services.case_tell_subject(acting_user=people.clerk.user, case=case, message="Please respond.")
    services.case_route(acting_user=people.clerk.user, case=case, route=Route.STANDARD, representative=people.member2)
    case.complaint.confidential = True
    case.complaint.save(update_fields=["confidential"])
    with pytest.raises(NotAllowed):  # not yet asked
        services.case_record_response(acting_user=people.member2.user, case=case, text="I disagree.")
    with django_capture_on_commit_callbacks(execute=True):
        services.case_tell_subject(acting_user=people.clerk.user, case=case, message="Please respond by Friday.")
    told = mail.outbox[-1]
    assert told.to == [people.member2.official_email] and f"/complaints/{case.pk}/respond" in told.body
    assert "Rita" not in told.body and "rita@example.com" not in told.body and "confidential" in told.body
    with django_capture_on_commit_callbacks(execute=True):
        services.case_record_response(acting_user=people.member2.user, case=case, text="I disagree.")
    assert mail.outbox[-1].to == [people.clerk.official_email]
    with pytest.raises(NotAllowed):  # someone else cannot respond for them
        services.case_record_response(acting_user=people.member.user, case=case, text="Me too.")
    case.refresh_from_db()
    assert case.subject_responded_at is not None
    assert events(EventType.COMPLAINT_SUBJECT_TOLD) == 1 and events(EventType.COMPLAINT_SUBJECT_RESPONDED) == 1


def test_decision_is_sent_and_opens_a_policy_review_item(people, case, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.case_decide(acting_user=people.clerk.user, case=case, outcome="partly_upheld",
                             reasons="The post named a resident.", clauses=["tou.1"])
    case.refresh_from_db()
    assert case.status == CaseStatus.DECIDED and case.appeal_by is not None
    outcome = mail.outbox[-1]
    assert outcome.to == ["rita@example.com"] and "Partly upheld" in outcome.body and "review" in outcome.body
    item = PolicyReviewItem.objects.get()
    assert item.clauses == ["tou.1"] and item.complaint == case.complaint and item.source == "complaint"
    with pytest.raises(Conflict):
        services.case_decide(acting_user=people.clerk.user, case=case, outcome="upheld", reasons="Again")
    # A second complaint about the same clause links to the open item.
    other = submit(people.council, text="Another one about naming residents.").complaint.case
    services.case_decide(acting_user=people.clerk.user, case=other, outcome="upheld", reasons="Yes", clauses=["tou.1"])
    assert PolicyReviewItem.objects.count() == 1
    assert set(item.complaints.all()) == {case.complaint, other.complaint}
    assert events(EventType.POLICY_REVIEW_ITEM_RAISED) == 1 and events(EventType.POLICY_REVIEW_ITEM_LINKED) == 1


def test_decision_without_clauses_uses_review_complaint(people, case):
    services.case_decide(acting_user=people.clerk.user, case=case, outcome="not_upheld", reasons="No breach.")
    assert PolicyReviewItem.objects.get().clauses == ["review.complaint"]


def test_policy_review_item_refuses_unknown_clauses(people):
    with pytest.raises(ValidationFailed, match="no clause tou.99"):
        policy_review_item_raise(acting_user=None, council=people.council, clauses=["tou.99"])
    with pytest.raises(ValidationFailed):
        policy_review_item_raise(acting_user=None, council=people.council, clauses=[])
    first = policy_review_item_raise(acting_user=None, council=people.council, clauses=["tou.2", "tou.1"],
                                     source="scheduled")
    again = policy_review_item_raise(acting_user=None, council=people.council, clauses=["tou.1", "tou.2"])
    assert first.created and not again.created and again.item == first.item and first.item.clauses == ["tou.1", "tou.2"]


def test_case_closes_after_the_review_window_and_releases_holds(people, travel):
    travel(dt.datetime(2026, 3, 2, 10, tzinfo=clock.LONDON))
    channel_case = submit(people.council, about="representative", about_detail="Cllr Second").complaint.case
    services.case_route(acting_user=people.clerk.user, case=channel_case, route=Route.STANDARD,
                        representative=people.member2)
    assert is_on_hold(people.member2) and str(people.member2.pk) in held_ids(type(people.member2))
    services.case_decide(acting_user=people.clerk.user, case=channel_case, outcome="not_upheld", reasons="No.")
    channel_case.refresh_from_db()
    assert channel_case.appeal_by == dt.date(2026, 3, 30)  # 20 working days
    assert services.cases_close_due() == 0
    travel(dt.datetime(2026, 3, 30, 23, tzinfo=clock.LONDON))
    assert services.cases_close_due() == 0  # the last day to ask is not over
    travel(dt.datetime(2026, 3, 31, 0, 10, tzinfo=clock.LONDON))
    assert services.cases_close_due() == 1
    channel_case.refresh_from_db()
    assert channel_case.status == CaseStatus.CLOSED and not is_on_hold(people.member2)
    assert events(EventType.LEGAL_HOLD_RELEASED) == 1 and events(EventType.COMPLAINT_CLOSED) == 1
    assert audit_verify(council=people.council) is None


def test_legal_hold_services(people):
    hold = legal_hold_place(acting_user=people.clerk.user, council=people.council, target=people.member,
                            reason="FOI request 12")
    again = legal_hold_place(acting_user=people.clerk.user, council=people.council, target=people.member,
                             reason="FOI request 12")
    assert again == hold and LegalHold.objects.count() == 1 and is_on_hold(people.member)
    with pytest.raises(ValidationFailed):
        legal_hold_place(acting_user=None, council=people.council, target=people.member, reason=" ")
    legal_hold_release(acting_user=people.clerk.user, hold=hold, reason="Answered")
    assert not is_on_hold(people.member)
    with pytest.raises(Conflict):
        legal_hold_release(acting_user=people.clerk.user, hold=hold, reason="Again")
    assert events(EventType.LEGAL_HOLD_PLACED) == 1 and events(EventType.LEGAL_HOLD_RELEASED) == 1


def test_a_hold_cannot_cover_another_councils_records(people, other_people):
    with pytest.raises(ValidationFailed):
        legal_hold_place(acting_user=None, council=people.council, target=other_people.member, reason="x")
