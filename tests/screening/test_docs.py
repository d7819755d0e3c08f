"""docs/screening.md documents every rule, every setting and the evaluation command."""

from pathlib import Path

import pytest

from herald.screening import registered_rules

DOC = Path(__file__).resolve().parents[2] / "docs" / "screening.md"


@pytest.fixture(scope="module")
def doc() -> str:
    return DOC.read_text(encoding="utf-8")


@pytest.mark.parametrize("rule_id", sorted(registered_rules()))
def test_every_rule_is_in_the_rules_table(doc, rule_id):
    cls = registered_rules()[rule_id]
    row = next((line for line in doc.splitlines() if line.startswith(f"| `{rule_id}` |")), None)
    assert row is not None, rule_id
    assert cls.clause_id in row and cls.category in row


@pytest.mark.parametrize("key", [
    "thresholds", "child_audience_thresholds", "max_chars", "council_name", "council_services", "approved_partners",
    "allowlist", "long_quote_words", "rules", "custom", "wordlist", "pattern", "model_gate",
])
def test_every_setting_is_documented(doc, key):
    assert key in doc


def test_results_come_with_their_command(doc):
    assert "make eval" in doc and "scripts/screening_eval.py" in doc
    assert "<!-- results:start" in doc and "<!-- results:end -->" in doc
