"""Policy YAML: the seed loads; malformed files give file, line and what is wrong."""

from __future__ import annotations

import pytest

from herald.policy.document import REQUIRED_CLAUSES, PolicyFileError, parse_policy
from herald.policy.services import SEED_POLICY

SEED = SEED_POLICY.read_text()


def test_seed_policy_has_every_clause_family():
    doc = parse_policy(SEED, source="stalbridge.yaml")
    ids = [c.id for c in doc.clauses]
    for required in REQUIRED_CLAUSES:
        assert required in ids
    for prefix in ("scope.", "law.", "enforce.", "approval.", "review."):
        assert any(i.startswith(prefix) for i in ids), prefix
    assert "elections" in ids and "safeguarding" in ids
    assert doc.review_due.year == 2017 and doc.adopted_on is None
    assert doc.settings["official_email_domains"] == ["stalbridgetowncouncil.gov.uk"]
    assert doc.settings["complaints"]["respond_working_days"] == 20
    tou3 = next(c for c in doc.clauses if c.id == "tou.3")
    assert "codes of conduct" in tou3.text


def _replace(old: str, new: str) -> str:
    assert old in SEED, old
    return SEED.replace(old, new, 1)


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize("text, needle, message", [
    (_replace("review_due: 2017-01-01", "review_due: 2017-02-30"), "review_due: 2017-02-30", "not a real date"),
    (_replace("review_due: 2017-01-01", "review_due: next year"), "review_due: next year", "must be a date"),
    (_replace("  - id: tou.4\n", "  - id: tou.3\n"), "  - id: tou.3\n    section: \"4. Policy — Terms of Use\"\n    title: \"Term of Use 4", "used twice"),
    (_replace("  - id: tou.4\n", "  - id: Tou 4\n"), "  - id: Tou 4", "must look like"),
    (_replace("    acknowledge_working_days: 5", "    acknowledge_working_days: five"), "acknowledge_working_days: five", "whole number"),
    (_replace("    acknowledge_working_days: 5", "    acknowledge_workdays: 5"), "acknowledge_workdays: 5", "unknown setting"),
    (_replace("  publish_directly_roles: [clerk, officer]", "  publish_directly_roles: [clerk, mayor]"), "publish_directly_roles: [clerk, mayor]", "'mayor' is not one of"),
    (_replace("      review: 0.5", "      review: 0.95"), "      review: 0.95", "must not be above"),
    (_replace("  official_email_domains: [stalbridgetowncouncil.gov.uk]", "  official_email_domains: [not a domain]"), "official_email_domains: [not a domain]", "not a domain name"),
    (_replace("schema: herald-policy/1", "schema: herald-policy/9"), "schema: herald-policy/9", "schema must be"),
    (_replace("  title: Social Media Policy\n", "  title: [Social Media Policy\n"), "  adopted_on: null", "not valid YAML"),
])
def test_malformed_policy_names_file_line_and_problem(text, needle, message):
    with pytest.raises(PolicyFileError) as caught:
        parse_policy(text, source="council.yaml")
    err = caught.value
    assert err.source == "council.yaml"
    assert message in err.message
    assert err.line == _line_of(text, needle), str(err)
    assert str(err).startswith(f"council.yaml, line {err.line}: ")


def test_screening_settings_are_checked_by_the_engine_with_a_line():
    text = _replace("    rules: {}", "    rules:\n      offensive_language: {severity: loud}")
    with pytest.raises(PolicyFileError, match="severity must be one of") as caught:
        parse_policy(text, source="x.yaml")
    assert caught.value.line == _line_of(text, "      offensive_language: {severity: loud}")


def test_missing_required_clause_is_named():
    start = SEED.index("  - id: tou.7")
    end = SEED.index("  - id: ident.1")
    with pytest.raises(PolicyFileError, match="missing: tou.7"):
        parse_policy(SEED[:start] + SEED[end:], source="x.yaml")


@pytest.mark.parametrize("text", ["", "just words", "- a\n- list", "schema: herald-policy/1\n", "\x00\x01"])
def test_nonsense_gives_a_clear_error(text):
    with pytest.raises(PolicyFileError):
        parse_policy(text, source="x.yaml")
