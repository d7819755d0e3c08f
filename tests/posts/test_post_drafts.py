"""Drafts are screened on every save; bad input is refused with a clear message."""

from __future__ import annotations

import pytest

from herald.core.errors import HeraldError, NotFound, ValidationFailed
from herald.posts import services
from herald.posts.models import State
from herald.records.events import EventType
from herald.records.models import AuditEvent
from tests.posts.conftest import CLEAN, PHONE, make_channel
from tests.posts.helpers import draft, fresh

pytestmark = pytest.mark.django_db(transaction=True)


def test_draft_is_screened_and_findings_stored(people, channel):
    post = draft(people.member, PHONE, [channel])
    run = post.screening_runs.get()
    assert post.state == State.DRAFT and post.version == 1 and run.verdict == "review"
    assert run.policy_version_id == people.council.active_policy_id and run.engine_version
    finding = run.findings.get(category="personal_data", message__icontains="phone")
    assert finding.clause_id == "tou.1" and PHONE[finding.start:finding.end] in PHONE
    assert AuditEvent.objects.filter(event_type=EventType.POST_DRAFTED, target_id=str(post.pk)).exists()


def test_editing_bumps_the_version_and_screens_again(people, channel):
    post = draft(people.member, PHONE, [channel])
    post = services.post_update_draft(acting_user=people.member.user, post=post, text=CLEAN, channels=[channel])
    assert post.version == 2 and post.verdict == "pass" and post.screening_runs.count() == 2
    event = AuditEvent.objects.get(event_type=EventType.POST_EDITED, target_id=str(post.pk))
    assert event.data["before"]["text"] == PHONE and event.data["after"]["version"] == 2


@pytest.mark.parametrize("text, field", [("", "text"), ("   \n ", "text"), ("x" * 5001, "text")])
def test_bad_text_is_refused(people, channel, text, field):
    with pytest.raises(ValidationFailed) as exc:
        draft(people.member, text, [channel])
    assert exc.value.field == field


def test_channels_the_author_is_not_authorised_on_are_refused(people, stubs):
    other = make_channel(people, name="Officers only", reps=[people.officer])
    with pytest.raises(ValidationFailed) as exc:
        draft(people.member, CLEAN, [other])
    assert exc.value.field == "channels"


def test_another_councils_channel_is_refused(people, other_people, stubs):
    theirs = make_channel(other_people, name="Their news",
                          reps=[other_people.clerk, other_people.officer, other_people.member])
    with pytest.raises(ValidationFailed):
        draft(people.member, CLEAN, [theirs])


def test_only_the_author_changes_a_draft(people, other_people, channel):
    post = draft(people.member, CLEAN, [channel])
    with pytest.raises(HeraldError):
        services.post_update_draft(acting_user=people.member2.user, post=post, text="Mine now", channels=[])
    with pytest.raises(NotFound):
        services.post_update_draft(acting_user=other_people.clerk.user, post=post, text="Mine now", channels=[])
    assert fresh(post).text == CLEAN


def test_writing_as_someone_else_is_refused(people, channel):
    with pytest.raises(ValidationFailed):
        services.post_create_draft(acting_user=people.member.user, council=people.council, author=people.officer,
                                   text=CLEAN, channels=[channel])
