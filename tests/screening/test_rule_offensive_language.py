"""offensive.language — UK lexicon with allowlist + alt-profanity-check (tou.1)."""

import pytest

from herald.screening.rules.offensive import load_profanity_model

RULE = "offensive.language"

SHOULD_FLAG = [
    "What a load of bullshit",
    "The state of these f*cking roads",
    "Who the f u c k closed Gold Street",
    "Sh1t service from the bin men",
    "Fuuuuck me, another road closure",
    "you absolute c*nt",
    "This town is full of arseholes",
    "Check out my OnlyFans",
    "Those f@ggots",
]
SHOULD_NOT_FLAG = [
    "Scunthorpe United play Penistone on Saturday",
    "Cockermouth and Shitterton are real places",
    "Blue tits and great tits are nesting in the churchyard",
    "Spotted dick and custard at the lunch club",
    "Faggots and peas on the menu at the Swan",
    "Dick Whittington is this year's panto",
    "Please assess the class sizes",
    "The analysis of the consultation is published",
    "damn good cake at the fete",
    "Bins are collected on Tuesday",
]


@pytest.mark.parametrize("text", SHOULD_FLAG)
def test_should_flag(check, text):
    findings = check(RULE, text)
    assert findings, text
    assert findings[0].spans, "lexicon findings point at the words"


@pytest.mark.parametrize("text", SHOULD_NOT_FLAG)
def test_should_not_flag(check, text):
    assert check(RULE, text) == []


def test_council_allowlist_from_policy(policy):
    from herald.screening import Screener

    custom = {**policy, "settings": {**policy["settings"], "screening": {"allowlist": ["bloody mary cocktail", "dick"]}}}
    screener = Screener(custom, rules=[RULE])
    assert screener.screen("Dick Jones won the raffle").verdict == "pass"
    assert Screener(policy, rules=[RULE]).screen("You dick").verdict != "pass"


def test_fast_model_matches_sklearn():
    import profanity_check

    texts = ["damn good cake", "you are a bitch", "hello world", "bins on tuesday", "fuck fuck the council", ""]
    expected = profanity_check.predict_prob(texts)
    model = load_profanity_model()
    for text, p in zip(texts, expected):
        assert model.predict_proba(text) == pytest.approx(float(p), abs=1e-9)
