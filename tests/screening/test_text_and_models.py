"""Shared text views (normalisation, leetspeak folding, de-spacing, offsets) and the pure-Python models."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from herald.screening.rules.offensive import load_profanity_model
from herald.screening.text import Document


@pytest.mark.parametrize("raw,folded", [
    ("sh1t", "shit"), ("@ss", "ass"), ("b!tch", "bitch"), ("10am", "10am"), ("A303", "a303"), ("£5 off", "£5 off"),
])
def test_folded_view(raw, folded):
    assert Document(raw).folded == folded


def test_despaced_view_and_offsets():
    doc = Document("oh f u c k off")
    text, origin = doc.despaced
    assert "fuck" in text
    i = text.index("fuck")
    span = doc.despaced_span(i, i + 4)
    assert span.text == "f u c k"


def test_normalisation_maps_spans_back():
    raw = "ﬁne \u200bday “quoted” café"
    doc = Document(raw)
    assert doc.norm == 'fine day "quoted" café'
    i = doc.norm.index("day")
    assert doc.span(i, i + 3).text == "day"


def test_sentences():
    doc = Document("One. Two!\nThree? Four")
    assert [doc.norm[s:e] for s, e in doc.sentences] == ["One.", "Two!", "Three?", "Four"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["fuck", "cake", "council", "bins", "damn", "idiot", "the", "good", "you", "x"]), max_size=12).map(" ".join))
def test_fast_profanity_path_equals_explain(text):
    model = load_profanity_model()
    assert model.predict_proba(text) == pytest.approx(model.explain(text)[0], abs=1e-12)
