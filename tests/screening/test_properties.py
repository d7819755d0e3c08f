"""Properties of the screening engine that must hold for any text (hypothesis).

Hypothesis' per-example deadline is a hang detector, not a performance assertion."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from herald.screening import Context
from herald.screening.findings import severity_rank, verdict_for

BUDGET = settings(deadline=3000, max_examples=120,
                  suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
# Filler that cannot itself be personal data or a protected word: short runs of consonant-only letters.
FILLER = st.lists(st.text(alphabet="bcdfghjklmnpqrstvwxz", min_size=1, max_size=7), max_size=25).map(" ".join)
TEXT = st.text(max_size=300) | FILLER
MOBILES = st.integers(min_value=0, max_value=999_999).map(lambda n: f"07700 {n:06d}")
NI_NUMBERS = st.tuples(st.sampled_from(["AB", "JG", "NE", "PR", "TW"]), st.integers(0, 999_999),
                       st.sampled_from("ABCD")).map(lambda t: f"{t[0]}{t[1]:06d}{t[2]}")
CONTEXTS = st.builds(Context, channel=st.sampled_from(["official", "personal"]),
                     audience=st.sampled_from(["general", "children"]))


def _worst(report) -> int:
    return max((severity_rank(f.severity) for f in report.findings), default=-1)


@BUDGET
@given(text=TEXT, context=CONTEXTS)
def test_screening_is_deterministic(screener, text, context):
    first, second = screener.screen(text, context), screener.screen(text, context)
    assert first.to_dict(include_timings=False) == second.to_dict(include_timings=False)


@BUDGET
@given(text=TEXT, context=CONTEXTS)
def test_verdict_follows_from_the_findings(screener, text, context):
    report = screener.screen(text, context)
    assert report.verdict == verdict_for(report.findings)
    for finding in report.findings:
        assert finding.clause_id and finding.message.strip()
        assert 0.0 <= finding.score <= 1.0


@BUDGET
@given(before=FILLER, after=FILLER, mobile=MOBILES)
def test_a_mobile_number_is_found_wherever_it_is(screener, before, after, mobile):
    text = f"{before} {mobile} {after}".strip()
    report = screener.screen(text)
    found = [f for f in report.findings if f.category == "personal_data"]
    assert found and report.verdict in ("review", "block")
    assert any(mobile in span.text or span.text in mobile for f in found for span in f.spans)


@BUDGET
@given(before=FILLER, after=FILLER, ni=NI_NUMBERS)
def test_a_national_insurance_number_blocks_wherever_it_is(screener, before, after, ni):
    assert screener.screen(f"{before} {ni} {after}".strip()).verdict == "block"


@BUDGET
@given(text=FILLER, mobile=MOBILES)
def test_adding_personal_data_never_lowers_the_verdict(screener, text, mobile):
    plain = screener.screen(text)
    added = screener.screen(f"{text} Ring {mobile}.")
    assert _worst(added) >= _worst(plain)
    assert added.verdict in ("review", "block")
