"""Bad input: a clear error or a verdict — never a crash or a hang.

Hypothesis' per-example deadline is the time budget: it only trips on a hang (seconds), it is
not a performance assertion (the benchmark measures speed).
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from herald.screening import InvalidInput

BUDGET = settings(deadline=3000, max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

ODD_CHARS = st.sampled_from(
    list("\u200b\u200c\u200d\u2060\ufeff\u00ad\u202e\u202d\u2066\u2069") + ["👍", "🏳️‍🌈", "👨‍👩‍👧", "مرحبا", "שלום", "ǅ", "İ", "ﬁ", "Ⅻ", "\r\n", "\t", "\x00"]
)
TEXTS = st.text(max_size=400) | st.lists(st.one_of(st.text(max_size=8), ODD_CHARS), max_size=80).map("".join)


def _check_report(text, report):
    assert report.verdict in ("pass", "review", "block")
    for f in report.findings:
        for span in f.spans:
            assert 0 <= span.start <= span.end <= len(text)
            assert text[span.start:span.end] == span.text


@BUDGET
@given(TEXTS)
def test_any_text_gets_a_verdict(screener, text):
    _check_report(text, screener.screen(text))


@BUDGET
@given(st.binary(max_size=300))
def test_bytes_are_decoded_or_rejected_clearly(screener, data):
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        with pytest.raises(InvalidInput) as err:
            screener.screen(data)
        assert err.value.code == "invalid_utf8" and "UTF-8" in str(err.value)
    else:
        _check_report(text, screener.screen(data))


def test_empty_text(screener):
    assert screener.screen("").verdict == "pass"
    assert screener.screen("   \n\t ").verdict == "pass"


def test_one_megabyte_is_a_clear_error(screener):
    with pytest.raises(InvalidInput) as err:
        screener.screen("word " * 210_000)
    assert err.value.code == "text_too_long" and "limit" in str(err.value)


def test_longest_allowed_text_gets_a_verdict(screener):
    text = ("Mrs Smith at number 4 called 07700 900123 about the bins. " * 2000)[:100_000]
    _check_report(text, screener.screen(text))


@pytest.mark.parametrize("value", [None, 42, ["text"], {"text": "x"}])
def test_wrong_types(screener, value):
    with pytest.raises(InvalidInput):
        screener.screen(value)


def test_lone_surrogate(screener):
    with pytest.raises(InvalidInput) as err:
        screener.screen("bad \ud800 text")
    assert err.value.code == "invalid_utf8"


def test_batch_error_names_the_row(screener):
    with pytest.raises(InvalidInput, match="#1"):
        screener.screen_many(["fine", b"\xff\xfe", "fine"])


@pytest.mark.parametrize("text", [
    "f\u200bu\u200bc\u200bk the parking charges",
    "\u202eYou are an idiot",
    "ｆｕｃｋ the council",
    "Immigrants are ver\u00admin",
])
def test_invisible_and_compatibility_characters_do_not_hide_abuse(screener, text):
    report = screener.screen(text)
    assert report.verdict != "pass"
    _check_report(text, report)


def test_spans_map_back_through_emoji_and_rtl(screener):
    text = "🎉🎉 مرحبا Call me on 07700 900123 👍"
    report = screener.screen(text)
    spans = [s for f in report.findings for s in f.spans]
    assert any(s.text == "07700 900123" for s in spans)


ADVERSARIAL = [
    "a" * 60_000,
    "@" * 50_000,
    ("a" * 64 + "@") * 1000,
    "1 " * 40_000,
    "0" * 90_000,
    "Mr " * 30_000,
    "my neighbour " * 7000,
    "f u c k " * 10_000,
    "A" * 99_999,
    ("\"" + "word " * 200) * 80,
    "£1 " * 30_000,
    "Immigrants are " * 6000,
    "1234-5678-" * 9000,
    "x" * 50_000 + "\n" * 40_000,
]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=lambda t: f"{t[:12]!r}x{len(t)}")
def test_backtracking_bait_gets_a_verdict(screener, text):
    assert screener.screen(text).verdict in ("pass", "review", "block")


@pytest.mark.parametrize("rule_index", range(20))
def test_each_rule_copes_with_adversarial_input(screener, rule_index):
    if rule_index >= len(screener.rules):
        pytest.skip("fewer rules")
    from herald.screening import Context

    rule = screener.rules[rule_index]
    for text in ADVERSARIAL[:6]:
        findings = rule.check(text, Context())
        assert isinstance(findings, list)
