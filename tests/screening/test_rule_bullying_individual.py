"""bullying.individual — insults and threats aimed at a person (tou.4)."""

import pytest

RULE = "bullying.individual"

SHOULD_FLAG = [
    "You are a useless idiot",
    "Cllr Jones is a total clown",
    "@dave_the_builder you absolute muppet",
    "We know where you live",
    "The clerk is an idiot",
    "Mrs Hodges, you are a pathetic busybody",
    "Kevin Lane is a scumbag",
    "Watch your back, Councillor Price",
    "Nobody likes you, just leave",
]
SHOULD_NOT_FLAG = [
    "This printer is useless",
    "Don't throw away useless items, you can donate them",
    "Cllr Jones opened the fete",
    "You can recycle glass at the Co-op",
    "The weather is stupid today",
    "Thank you, you are all stars",
]


@pytest.mark.parametrize("text", SHOULD_FLAG)
def test_should_flag(check, text):
    findings = check(RULE, text)
    assert findings and findings[0].clause_id == "tou.4", text


@pytest.mark.parametrize("text", SHOULD_NOT_FLAG)
def test_should_not_flag(check, text):
    assert check(RULE, text) == []
