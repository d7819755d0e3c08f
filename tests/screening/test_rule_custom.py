"""Council-defined rules from the policy YAML (settings.screening.custom)."""

import pytest

from herald.screening import PolicyConfigError, Screener


def _with_screening(policy, screening):
    return {**policy, "settings": {**policy["settings"], "screening": screening}}


def test_wordlist_rule(policy):
    screening = {"custom": [{
        "id": "custom.local_terms", "kind": "wordlist", "clause": "tou.2", "category": "abuse",
        "words": ["gammon", "snowflake"], "score": 0.6, "message": "The post uses a term the Council has banned.",
    }]}
    screener = Screener(_with_screening(policy, screening))
    assert "custom.local_terms" in screener.rule_ids()
    report = screener.screen("What a load of g4mmon")
    (finding,) = [f for f in report.findings if f.rule_id == "custom.local_terms"]
    assert finding.clause_id == "tou.2" and finding.severity == "review"
    assert finding.message == "The post uses a term the Council has banned."
    assert screener.screen("The gamma ray talk at the library").verdict == "pass"


def test_pattern_rule_with_fixed_severity(policy):
    screening = {"custom": [{
        "id": "custom.codename", "kind": "pattern", "clause": "tou.1", "category": "custom", "severity": "block",
        "patterns": [r"\bProject\s+Nightingale\b"], "score": 0.4,
    }]}
    report = Screener(_with_screening(policy, screening)).screen("Update on project nightingale today")
    assert report.verdict == "block"


def test_catastrophic_pattern_is_cut_off(policy):
    screening = {"custom": [{"id": "custom.bad", "kind": "pattern", "patterns": [r"(a+)+$"], "score": 0.9}]}
    report = Screener(_with_screening(policy, screening)).screen("a" * 5000 + "b")
    assert any("could not finish" in f.message for f in report.findings)


@pytest.mark.parametrize("definition", [
    {"id": "nope", "kind": "wordlist", "words": ["x"]},
    {"id": "custom.x", "kind": "wordlist", "words": []},
    {"id": "custom.x", "kind": "pattern", "patterns": ["("]},
    {"id": "custom.x", "kind": "telepathy"},
    {"id": "custom.x", "kind": "wordlist", "words": ["x"], "severity": "catastrophic"},
    {"id": "custom.x", "kind": "wordlist", "words": ["x"], "category": "vibes"},
])
def test_invalid_definitions_are_clear_errors(policy, definition):
    with pytest.raises(PolicyConfigError):
        Screener(_with_screening(policy, {"custom": [definition]}))
