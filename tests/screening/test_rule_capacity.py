"""capacity.speaking_for_council (ident.6) and capacity.professional (ident.5)."""

import pytest

from herald.screening import Author, Context

MEMBER = Context(author=Author(kind="member"), channel="personal")
OFFICIAL = Context(author=Author(kind="employee"), channel="official")

SHOULD_FLAG = [
    "The Town Council will reopen the toilets next month, I promise.",
    "On behalf of the Town Council, I apologise for the cemetery.",
    "I can confirm the council will oppose the development.",
    "The council's position is that the shelter must move.",
    "We at the council believe the estate is a bad idea.",
]
SHOULD_NOT_FLAG = [
    "At its meeting on Tuesday the Town Council agreed to reopen the toilets.",
    "Full Council resolved to oppose the development.",
    "In my personal view the estate is a bad idea.",
    "Great to help plant bulbs on the green today.",
    "The Town Council has installed two new benches on the Trailway.",
]


@pytest.mark.parametrize("text", SHOULD_FLAG)
def test_should_flag_on_members_personal_accounts(check, text):
    findings = check("capacity.speaking_for_council", text, MEMBER)
    assert findings and findings[0].clause_id == "ident.6" and findings[0].severity == "review"


@pytest.mark.parametrize("text", SHOULD_NOT_FLAG)
def test_should_not_flag(check, text):
    assert check("capacity.speaking_for_council", text, MEMBER) == []


@pytest.mark.parametrize("text", SHOULD_FLAG)
def test_official_channels_speak_for_the_council(check, text):
    assert check("capacity.speaking_for_council", text, OFFICIAL) == []


@pytest.mark.parametrize("text,flagged", [
    ("This council is a joke and the clerk is clueless.", True),
    ("My fellow councillors are useless.", True),
    ("The council is working hard on the budget.", False),
    ("The clerk is on leave next week.", False),
])
def test_professional_conduct(check, text, flagged):
    findings = check("capacity.professional", text, MEMBER)
    assert bool(findings) is flagged
    assert all(f.clause_id == "ident.5" for f in findings)
