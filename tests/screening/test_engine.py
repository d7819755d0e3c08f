"""The screener itself: registry, configuration from YAML, verdicts, determinism, purity."""

import subprocess
import sys

import pytest

from herald.screening import ENGINE_VERSION, Context, PolicyConfigError, Rule, Screener, registered_rules


def _with_screening(policy, screening):
    return {**policy, "settings": {**policy["settings"], "screening": screening}}


def test_every_category_has_a_rule():
    categories = {cls.category for cls in registered_rules().values()}
    for needed in ("personal_data", "safeguarding", "offensive", "hate", "bullying", "defamation", "copyright",
                   "political", "financial_interest", "commercial", "capacity", "pre_election"):
        assert needed in categories


def test_rules_follow_the_contract():
    clause_ids = {"purpose", "safeguarding", "tou.1", "tou.2", "tou.4", "tou.5", "tou.6", "tou.7", "ident.5", "ident.6", "elections"}
    for rule_id, cls in registered_rules().items():
        assert issubclass(cls, Rule) and cls.id == rule_id
        assert cls.version and cls.description
        assert cls.clause_id in clause_ids


def test_clauses_cited_exist_in_the_policy(policy):
    ids = {c["id"] for c in policy["clauses"]}
    for cls in registered_rules().values():
        assert cls.clause_id in ids
        assert set(cls.related_clauses) <= ids


def test_report_shape(screener):
    report = screener.screen("Mrs Smith at number 4 is a fucking idiot")
    assert report.verdict == "block"
    assert report.engine_version == ENGINE_VERSION
    assert report.policy_version.startswith("sha256:")
    for f in report.findings:
        assert f.severity in ("advise", "review", "block") and 0 <= f.score <= 1
        assert f.message.endswith(".") and f.message[0].isupper()
    data = report.to_dict()
    assert data["verdict"] == "block" and "timings_ms" in data


def test_advice_does_not_hold_a_post(screener):
    report = screener.screen("damn good cake at the fete")
    assert report.verdict == "pass"
    assert all(f.severity == "advise" for f in report.findings)


def test_deterministic(screener):
    texts = ["Mrs Smith at number 4 is a fucking idiot", "Vote Labour!", "Bins on Tuesday"]
    a = [r.to_dict(include_timings=False) for r in screener.screen_many(texts)]
    b = [screener.screen(t).to_dict(include_timings=False) for t in texts]
    assert a == b


def test_batch_equals_single_with_mixed_contexts(screener):
    texts = ["Vote Labour!", "Vote Labour!"]
    reports = screener.screen_many(texts, [Context(channel="official"), Context(channel="personal")])
    assert [r.verdict for r in reports] == ["block", "pass"]


def test_policy_version_is_used(policy):
    assert Screener({**policy, "version": "v7"}).screen("hello").policy_version == "v7"


def test_rule_can_be_disabled_and_rethresholded(policy):
    text = "Call me on 07700 900123"
    assert Screener(policy).screen(text).verdict == "review"
    off = _with_screening(policy, {"rules": {"personal_data.identifiers": {"enabled": False}}})
    assert Screener(off).screen(text).verdict == "pass"
    capped = _with_screening(policy, {"rules": {"personal_data.identifiers": {"severity": "advise"}}})
    assert Screener(capped).screen(text).verdict == "pass"
    strict = _with_screening(policy, {"thresholds": {"review": 0.3, "block": 0.7}})
    assert Screener(strict).screen(text).verdict == "block"


@pytest.mark.parametrize("screening", [
    {"thresholds": {"review": 0.9, "block": 0.5}},
    {"thresholds": "high"},
    {"rules": {"offensive.language": {"severity": "nuclear"}}},
    {"rules": {"offensive.language": {"threshold": "x"}}},
    {"custom": "not a list"},
])
def test_bad_configuration_is_a_clear_error(policy, screening):
    with pytest.raises(PolicyConfigError):
        Screener(_with_screening(policy, screening))


def test_engine_imports_nothing_from_django():
    code = (
        "import sys; from herald.screening import Screener, load_policy; "
        "import herald.screening.cli; Screener(load_policy()).warm_up().screen('hello'); "
        "bad = [m for m in sys.modules if m == 'django' or m.startswith('django.')]; "
        "assert not bad, bad; print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "ok", out.stderr


def test_lazy_loading(policy):
    screener = Screener(policy, rules=["offensive.language"])
    assert not screener.rules[0].loaded
    screener.screen("hello")
    assert screener.rules[0].loaded


def test_context_from_dict():
    ctx = Context.from_dict({
        "author": {"kind": "member", "registered_interests": [{"kind": "business", "description": "Mill Farm", "names": ["Mill Farm"]}]},
        "channel": "personal", "audience": "children", "now": "2026-05-01T10:00:00+01:00",
        "attachments": [{"filename": "a.jpg", "rights": "own_work", "depicts_children": True}],
        "known_names": ["Sarah Jones", {"name": "Mark Ellis", "role": "candidate"}], "pre_election": True,
    })
    assert ctx.member_personal and ctx.audience == "children" and ctx.pre_election
    assert ctx.author.interests[0].names == ("Mill Farm",)
    assert ctx.names_with_role("candidate") == ("Mark Ellis",)
    assert ctx.now.isoformat() == "2026-05-01T10:00:00+01:00"


@pytest.mark.parametrize("data", [{"channel": "telepathy"}, {"audience": "aliens"}, {"now": "yesterday"}, ["not", "a", "dict"]])
def test_bad_context_is_a_clear_error(data):
    from herald.screening import InvalidInput

    with pytest.raises(InvalidInput):
        Context.from_dict(data)


def test_a_crashing_rule_asks_for_review_instead_of_crashing(policy, monkeypatch):
    screener = Screener(policy)
    rule = next(r for r in screener.rules if r.id == "copyright.quotation")

    def boom(doc, context):
        if "boom" in doc:
            raise RuntimeError("bug")
        return []

    monkeypatch.setattr(rule, "candidates", boom)
    reports = screener.screen_many(["fine post", "boom post"])
    assert reports[0].verdict == "pass"
    assert reports[1].verdict == "review"
    assert any("could not run" in f.message for f in reports[1].findings)
