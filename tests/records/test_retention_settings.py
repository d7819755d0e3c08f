"""Retention settings in the policy YAML: defaults, a council's own periods, and precise errors."""

from __future__ import annotations

import datetime as dt

import pytest

from herald.core import clock
from herald.policy.document import DEFAULT_SETTINGS, PolicyFileError, parse_policy
from herald.policy.models import PolicyVersion
from herald.policy.services import SEED_POLICY, policy_load
from herald.records.retention import retention_rules

SEED = SEED_POLICY.read_text()


def _replace(old: str, new: str) -> str:
    assert old in SEED, old
    return SEED.replace(old, new, 1)


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_the_seed_policy_states_the_defaults():
    settings = parse_policy(SEED, source="stalbridge.yaml").settings["retention"]
    assert settings == DEFAULT_SETTINGS["retention"]
    assert settings["complaint_files"] == "6 years" and settings["removed_posts"] == "13 months"
    assert settings["audit_log"] == "forever"


def test_a_policy_without_a_retention_block_gets_the_defaults():
    start, end = SEED.index("  # How long records are kept"), SEED.index("  screening:")
    doc = parse_policy(SEED[:start] + SEED[end:], source="old.yaml")
    assert doc.settings["retention"] == DEFAULT_SETTINGS["retention"]


@pytest.mark.parametrize("old, new, message", [
    ("removed_posts: 13 months", "removed_posts: 6 months", "must be at least 13 months (defamation claims"),
    ("removed_posts: 13 months", "removed_posts: 56 weeks", "must be at least 13 months"),
    ("complaint_files: 6 years", "complaint_files: soon", "must be a period like '6 years'"),
    ("complaint_files: 6 years", "complaint_files: 6", "must be a period like '6 years'"),
    ("complaint_files: 6 years", "complaint_files: 0 years", "must be a period like '6 years'"),
    ("complaint_files: 6 years", "complaint_files: 200 years", "must be at most 100 years"),
    ("complaint_files: 6 years", "complaint_files: [6, years]", "must be a period like '6 years'"),
    ("sign_in_attempts: 90 days", "sign_in_attempts: 1 day", "must be at least 7 days (sign-in throttling"),
    ("audit_log: forever", "audit_log: 10 years", "only 'forever' is supported yet"),
    ("audit_log: forever", "audit_logs: forever", "unknown setting 'audit_logs'"),
])
def test_bad_retention_settings_name_the_line(old, new, message):
    text = _replace(old, new)
    with pytest.raises(PolicyFileError) as caught:
        parse_policy(text, source="council.yaml")
    assert message in caught.value.message, caught.value.message
    assert caught.value.line == _line_of(text, new) and caught.value.source == "council.yaml"


def test_retention_must_be_a_mapping():
    start, end = SEED.index("  retention:\n"), SEED.index("  screening:")
    text = SEED[:start] + "  retention: 6 years\n" + SEED[end:]
    with pytest.raises(PolicyFileError) as caught:
        parse_policy(text, source="council.yaml")
    assert "retention must be a mapping" in caught.value.message
    assert caught.value.line == _line_of(text, "  retention: 6 years")


def test_a_bad_file_loads_nothing(people):
    before = PolicyVersion.objects.filter(council=people.council).count()
    with pytest.raises(PolicyFileError):
        policy_load(acting_user=None, council=people.council, text=_replace("removed_posts: 13 months",
                                                                            "removed_posts: 1 month"))
    assert PolicyVersion.objects.filter(council=people.council).count() == before


def test_a_councils_own_periods_are_used(people):
    text = (SEED.replace("removed_posts: 13 months", "removed_posts: 2 years")
            .replace("stale_drafts: 1 year", "stale_drafts: forever"))
    policy_load(acting_user=None, council=people.council, text=text, source="council.yaml")
    rules = {r.key: r for r in retention_rules(council=people.council)}
    at = dt.datetime(2030, 6, 1, 12, tzinfo=clock.LONDON)
    assert rules["removed_posts"].cutoff(at) == dt.datetime(2028, 6, 1, 12, tzinfo=clock.LONDON)
    assert rules["stale_drafts"].cutoff(at) is None and rules["stale_drafts"].summary == "Kept for ever"
    assert rules["complaint_files"].summary == "Anonymise 6 years after the case was closed"
