from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from herald.policy.document import PolicyFileError
from herald.policy.models import Clause, PolicyVersion
from herald.policy.selectors import policy_review_status
from herald.policy.services import SEED_POLICY, policy_load
from herald.records.events import EventType
from herald.records.models import AuditEvent


def test_load_creates_an_immutable_version_with_clauses(people):
    council = people.council
    version = council.active_policy
    assert version.number == 1
    assert Clause.objects.filter(policy_version=version).count() == 32
    assert version.clauses.get(clause_id="tou.5").title.startswith("Term of Use 5")
    assert AuditEvent.objects.filter(council=council, event_type=EventType.POLICY_VERSION_LOADED).count() == 1
    version.title = "Changed"
    with pytest.raises(RuntimeError):
        version.save()


def test_loading_the_same_content_again_loads_nothing(people):
    text = people.council.active_policy.source_yaml
    result = policy_load(acting_user=people.clerk.user, council=people.council, text=text)
    assert result.created is False
    assert PolicyVersion.objects.filter(council=people.council).count() == 1


def test_a_changed_policy_is_a_new_version_and_the_old_one_is_kept(people):
    old = people.council.active_policy
    text = old.source_yaml.replace("review_due: 2017-01-01", "review_due: 2027-06-01")
    result = policy_load(acting_user=people.clerk.user, council=people.council, text=text)
    assert result.created and result.version.number == 2
    people.council.refresh_from_db()
    assert people.council.active_policy == result.version
    assert PolicyVersion.objects.get(pk=old.pk).review_due == dt.date(2017, 1, 1)
    assert not policy_review_status(council=people.council, today=dt.date(2026, 11, 25)).overdue


def test_a_malformed_policy_changes_nothing(people):
    before_versions = PolicyVersion.objects.count()
    before_events = AuditEvent.objects.count()
    bad = people.council.active_policy.source_yaml.replace("review_due: 2017-01-01", "review_due: 2017-13-01")
    with pytest.raises(PolicyFileError):
        policy_load(acting_user=people.clerk.user, council=people.council, text=bad)
    assert PolicyVersion.objects.count() == before_versions
    assert AuditEvent.objects.count() == before_events


def test_seed_review_is_overdue(people):
    status = policy_review_status(council=people.council, today=dt.date(2026, 11, 25))
    assert status.overdue and status.due == dt.date(2017, 1, 1)
    assert "1 January 2017" in status.summary and "overdue" in status.summary


def test_cli_reports_a_malformed_file_precisely(people, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(SEED_POLICY.read_text().replace("review_due: 2017-01-01", "review_due: soon"))
    with pytest.raises(CommandError, match=r"bad.yaml, line 13: review_due must be a date"):
        call_command("policy", "load", str(bad), "--council", "stalbridge")
    with pytest.raises(CommandError, match="No council"):
        call_command("policy", "load", str(SEED_POLICY), "--council", "nowhere")
