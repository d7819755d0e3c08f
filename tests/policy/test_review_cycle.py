"""The policy review cycle: adopting a new version, review items, the yearly schedule, and
acknowledgement being required again after adoption."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from herald.core import clock
from herald.core.errors import Conflict, ValidationFailed
from herald.people.selectors import has_acknowledged_current_policy
from herald.people.services import policy_acknowledge
from herald.policy.models import Clause, PolicyReviewItem, PolicyVersion, ReviewSource
from herald.policy.services import (
    add_months,
    policy_review_item_close,
    policy_review_item_create,
    policy_review_item_raise,
    policy_review_item_update,
    policy_review_schedule,
    policy_version_adopt,
)
from herald.records.audit import audit_verify
from herald.records.events import EventType
from herald.records.models import AuditEvent
from tests.policy.helpers import new_version_text

TODAY = dt.date(2026, 11, 20)


def adopt(people, text=None, **kwargs):
    args = {"acting_user": people.clerk.user, "council": people.council,
            "text": text if text is not None else new_version_text(people.council.active_policy.source_yaml),
            "adopted_on": dt.date(2026, 11, 10), "minute_reference": "Minute 26/112", "today": TODAY}
    args.update(kwargs)
    return policy_version_adopt(**args)


def events(council, event_type):
    return list(AuditEvent.objects.filter(council=council, event_type=event_type).order_by("seq"))


# --- adopting ---------------------------------------------------------------------------------

def test_adopting_makes_a_new_current_version_with_the_decision(people, django_capture_on_commit_callbacks):
    old = people.council.active_policy
    with django_capture_on_commit_callbacks(execute=True):
        version = adopt(people, decision="Resolved to adopt the revised policy.")
    people.council.refresh_from_db()
    assert people.council.active_policy_id == version.pk and version.number == old.number + 1
    assert (version.adopted_on, version.minute_reference, version.adopted_by) == (
        dt.date(2026, 11, 10), "Minute 26/112", people.clerk.user)
    assert version.decision == "Resolved to adopt the revised policy."
    # The new file sets review_interval_months: 24, so the review is due two years after the decision.
    assert version.review_due == dt.date(2028, 11, 10)
    assert "review.minutes" in set(version.clauses.values_list("clause_id", flat=True))
    assert not version.clauses.filter(clause_id="scope.discuss").exists()
    # The old version and its clauses are kept unchanged.
    assert Clause.objects.filter(policy_version=old, clause_id="scope.discuss").exists()
    event = events(people.council, EventType.POLICY_VERSION_ADOPTED)[-1]
    assert event.data["minute_reference"] == "Minute 26/112"
    assert event.data["changed"] == ["tou.3"] and event.data["added"] == ["review.minutes"]
    assert event.data["removed"] == ["scope.discuss"] and event.data["settings"] == ["review_interval_months"]
    assert event.data["after"]["version"] == version.number
    assert audit_verify(council=people.council) is None


def test_an_explicit_review_date_is_kept(people):
    version = adopt(people, review_due=dt.date(2027, 5, 1))
    assert version.review_due == dt.date(2027, 5, 1)


def test_adopted_version_is_immutable(people):
    version = adopt(people)
    version.minute_reference = "Something else"
    with pytest.raises(RuntimeError):
        version.save()


def test_every_representative_is_asked_to_acknowledge_by_email(people, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        version = adopt(people)
    recipients = sorted(m.to[0] for m in mail.outbox)
    expected = sorted(r.official_email for r in (people.clerk, people.chair, people.officer, people.member,
                                                 people.member2, people.volunteer))
    assert recipients == expected
    message = mail.outbox[0]
    assert f"version {version.number}" in message.subject
    assert "acknowledge" in message.body and "Minute 26/112" in message.body
    assert f"/policy/review/versions/{version.number}" in message.body


def test_no_email_when_the_adoption_fails(people, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationFailed):
        adopt(people, minute_reference="  ")
    assert mail.outbox == []


def test_acknowledgement_is_required_again_after_adoption(people):
    policy_acknowledge(acting_user=people.member.user, representative=people.member)
    assert has_acknowledged_current_policy(representative=people.member)
    adopt(people)
    people.member.council.refresh_from_db()
    assert not has_acknowledged_current_policy(representative=people.member)
    policy_acknowledge(acting_user=people.member.user, representative=people.member)
    assert has_acknowledged_current_policy(representative=people.member)


def test_bad_yaml_is_refused_with_its_line_and_nothing_is_saved(people):
    before = PolicyVersion.objects.count(), AuditEvent.objects.count()
    text = new_version_text(people.council.active_policy.source_yaml).replace(
        "review_interval_months: 24", "review_interval_months: lots")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "review_interval_months" in row)
    with pytest.raises(ValidationFailed) as caught:
        adopt(people, text=text)
    assert caught.value.message == f"Line {line}: review_interval_months must be a whole number"
    assert caught.value.field == "text" and caught.value.details["line"] == line
    assert (PolicyVersion.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.parametrize("text, message", [
    ("", "Paste the policy YAML"),
    ("schema: [", "Line 1: this is not valid YAML"),
    ("schema: herald-policy/1\n", "the document: 'policy' is missing"),
    ("x" * 500_001, "500,000 characters or fewer"),
])
def test_malformed_documents(people, text, message):
    with pytest.raises(ValidationFailed, match=message.replace("[", r"\[")):
        adopt(people, text=text)
    assert PolicyVersion.objects.filter(council=people.council).count() == 1


@pytest.mark.parametrize("kwargs, field", [
    ({"adopted_on": None}, "adopted_on"),
    ({"adopted_on": TODAY + dt.timedelta(days=1)}, "adopted_on"),
    ({"minute_reference": ""}, "minute_reference"),
    ({"minute_reference": "M" * 201}, "minute_reference"),
    ({"review_due": dt.date(2026, 11, 10)}, "review_due"),
    ({"close_items": [999_999]}, "close_items"),
    ({"close_items": ["x"]}, "close_items"),
])
def test_bad_decisions_are_refused(people, kwargs, field):
    with pytest.raises(ValidationFailed) as caught:
        adopt(people, **kwargs)
    assert caught.value.field == field
    assert PolicyVersion.objects.filter(council=people.council).count() == 1


def test_the_same_content_cannot_be_adopted_again(people):
    with pytest.raises(Conflict, match="same as the current version"):
        adopt(people, text=people.council.active_policy.source_yaml)


def test_a_stale_comparison_is_refused(people):
    adopt(people, expected_version=1)
    with pytest.raises(Conflict, match="Compare again"):
        adopt(people, text=new_version_text().replace("Each review", "Every review"), expected_version=1)


def test_adoption_closes_the_chosen_items_only(people):
    chosen = policy_review_item_create(acting_user=people.clerk.user, council=people.council, clauses=["tou.3"],
                                       notes="Tighten tou.3")
    other = policy_review_item_create(acting_user=people.clerk.user, council=people.council, clauses=[],
                                      notes="Look at everything")
    version = adopt(people, close_items=[chosen.pk])
    chosen.refresh_from_db()
    other.refresh_from_db()
    assert chosen.closed_at is not None and chosen.closed_by_version == version
    assert chosen.outcome == f"Closed by adopting version {version.number} (Minute 26/112)."
    assert other.closed_at is None
    assert [e.target_id for e in events(people.council, EventType.POLICY_REVIEW_ITEM_CLOSED)] == [str(chosen.pk)]


def test_a_closed_item_cannot_be_closed_by_adoption(people):
    item = policy_review_item_create(acting_user=people.clerk.user, council=people.council, clauses=[], notes="x")
    policy_review_item_close(acting_user=people.clerk.user, item=item, outcome="Done")
    with pytest.raises(ValidationFailed):
        adopt(people, close_items=[item.pk])


def test_another_councils_items_cannot_be_closed(people, other_people):
    theirs = policy_review_item_create(acting_user=other_people.clerk.user, council=other_people.council,
                                       clauses=[], notes="Theirs")
    with pytest.raises(ValidationFailed):
        adopt(people, close_items=[theirs.pk])
    theirs.refresh_from_db()
    assert theirs.closed_at is None


def test_earlier_records_keep_the_version_they_used(people):
    from herald.posts.models import ScreeningRun
    from herald.posts.screening import screen_post
    from herald.posts.services import post_create_draft
    from herald.people.models import PolicyAcknowledgement

    old = people.council.active_policy
    post = post_create_draft(acting_user=people.clerk.user, council=people.council, author=people.clerk,
                             text="The Hub is closed on Monday.", channels=[])
    run = screen_post(post=post, channels=[])
    policy_acknowledge(acting_user=people.clerk.user, representative=people.clerk)
    item = policy_review_item_raise(acting_user=people.clerk.user, council=people.council, clauses=["tou.3"]).item
    new = adopt(people)
    run.refresh_from_db()
    item.refresh_from_db()
    assert run.policy_version_id == old.pk and item.policy_version_id == old.pk
    assert PolicyAcknowledgement.objects.get(representative=people.clerk).policy_version_id == old.pk
    assert ScreeningRun.objects.filter(policy_version=new).count() == 0


# --- review items -----------------------------------------------------------------------------

def test_create_update_close_an_item(people):
    item = policy_review_item_create(acting_user=people.clerk.user, council=people.council,
                                     clauses=["tou.3", "tou.1", "tou.3"], notes="  Law change  ")
    assert item.clauses == ["tou.1", "tou.3"] and item.notes == "Law change"
    assert item.source == ReviewSource.CLERK and item.policy_version == people.council.active_policy
    item = policy_review_item_update(acting_user=people.clerk.user, item=item, clauses=["ident.1"],
                                     notes="Now about ident.1")
    assert item.clauses == ["ident.1"]
    updated = events(people.council, EventType.POLICY_REVIEW_ITEM_UPDATED)
    assert len(updated) == 1 and updated[0].data["before"]["clauses"] == ["tou.1", "tou.3"]
    # Saving without a change records nothing.
    policy_review_item_update(acting_user=people.clerk.user, item=item, clauses=["ident.1"], notes="Now about ident.1")
    assert len(events(people.council, EventType.POLICY_REVIEW_ITEM_UPDATED)) == 1
    item = policy_review_item_close(acting_user=people.clerk.user, item=item, outcome="No change needed.")
    assert item.closed_at is not None and item.outcome == "No change needed." and item.closed_by == people.clerk.user
    with pytest.raises(Conflict):
        policy_review_item_close(acting_user=people.clerk.user, item=item, outcome="Again")
    with pytest.raises(Conflict):
        policy_review_item_update(acting_user=people.clerk.user, item=item, clauses=[], notes="x")


@pytest.mark.parametrize("clauses, notes, message", [
    (["nope.1"], "x", "no clause nope.1"),
    ([], "", "Say what the review should look at"),
    ([], "x" * 5001, "5,000 characters"),
])
def test_bad_items_are_refused(people, clauses, notes, message):
    with pytest.raises(ValidationFailed, match=message):
        policy_review_item_create(acting_user=people.clerk.user, council=people.council, clauses=clauses, notes=notes)
    assert not PolicyReviewItem.objects.exists()


def test_closing_needs_an_outcome(people):
    item = policy_review_item_create(acting_user=people.clerk.user, council=people.council, clauses=[], notes="x")
    with pytest.raises(ValidationFailed, match="outcome"):
        policy_review_item_close(acting_user=people.clerk.user, item=item, outcome=" ")
    item.refresh_from_db()
    assert item.closed_at is None


def test_complaint_items_still_link_to_the_open_item(people):
    first = policy_review_item_raise(acting_user=people.clerk.user, council=people.council, clauses=["tou.3"])
    again = policy_review_item_raise(acting_user=people.clerk.user, council=people.council, clauses=["tou.3"])
    assert first.created and not again.created and first.item.pk == again.item.pk
    with pytest.raises(ValidationFailed):
        policy_review_item_raise(acting_user=people.clerk.user, council=people.council, clauses=[])


# --- the yearly schedule ----------------------------------------------------------------------

def test_nightly_opens_one_scheduled_item_when_the_review_is_due(people, other_people):
    # Both seed versions were due on 1 January 2017: overdue.
    assert policy_review_schedule(today=TODAY) == 2
    item = PolicyReviewItem.objects.get(council=people.council)
    assert item.source == ReviewSource.SCHEDULED and item.clauses == ["review.yearly"]
    assert item.due_on == dt.date(2017, 1, 1) and "1 January 2017" in item.notes
    assert policy_review_schedule(today=TODAY) == 0  # running it again opens nothing new
    # Closing it does not open another for the same version.
    policy_review_item_close(acting_user=people.clerk.user, item=item, outcome="Reviewed: no change.")
    assert policy_review_schedule(today=TODAY) == 0


def test_nightly_waits_until_sixty_days_before_the_review(people):
    version = adopt(people, review_due=dt.date(2027, 3, 1))
    assert policy_review_schedule(today=dt.date(2026, 12, 30)) == 0
    assert policy_review_schedule(today=dt.date(2026, 12, 31)) == 1
    assert PolicyReviewItem.objects.get(council=people.council, source="scheduled").policy_version == version


def test_the_nightly_command_runs_the_schedule(people):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    try:
        call_command("nightly", stdout=out, stderr=StringIO())
    except SystemExit:
        pass
    assert "Yearly policy review items opened (review due within 60 days): 1." in out.getvalue()
    assert PolicyReviewItem.objects.filter(council=people.council, source="scheduled").count() == 1


@pytest.mark.parametrize("day, months, expected", [
    (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
    (dt.date(2024, 2, 29), 12, dt.date(2025, 2, 28)),
    (dt.date(2026, 11, 10), 14, dt.date(2028, 1, 10)),
])
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_review_status_reflects_the_adopted_version(people):
    from herald.policy.selectors import policy_review_status

    assert policy_review_status(council=people.council, today=TODAY).overdue
    adopt(people)
    status = policy_review_status(council=people.council, today=TODAY)
    assert not status.overdue and status.due == dt.date(2028, 11, 10)
    assert clock.format_date(status.due) in status.summary
