"""political.party (tou.5) and pre_election.sensitivity (elections)."""

import pytest

from herald.screening import Context, KnownPerson

RULE = "political.party"

SHOULD_FLAG = [
    "Vote Labour on 1 May!",
    "The Conservative government has failed rural Dorset",
    "Thanks to our Lib Dem councillors for delivering the crossing",
    "Sign the petition to stop the Mill Lane development",
    "The Tories have wrecked our NHS",
    "Keir Starmer has betrayed rural communities",
    "This government has abandoned rural bus services",
    "Stop the boats! Support our march",
    "Reform UK will fix Britain",
]
SHOULD_NOT_FLAG = [
    "Polling stations are open from 7am to 10pm on Thursday",
    "Register to vote by 15 April",
    "Vote for your favourite scarecrow at the Town Hall",
    "Our Keep Stalbridge Tidy campaign starts next week",
    "Labour costs for the Town Hall roof were within budget",
    "The government's new guidance on flooding is on GOV.UK",
    "The statement of persons nominated is published",
]


@pytest.mark.parametrize("text", SHOULD_FLAG)
def test_should_flag_on_official_channels(check, text):
    findings = check(RULE, text, Context(channel="official"))
    assert findings and findings[0].clause_id == "tou.5", text


@pytest.mark.parametrize("text", SHOULD_NOT_FLAG)
def test_should_not_flag(check, text):
    assert check(RULE, text, Context(channel="official")) == []


@pytest.mark.parametrize("text", SHOULD_FLAG[:4])
def test_personal_accounts_may_be_political(check, text):
    assert check(RULE, text, Context(channel="personal")) == []


PRE = Context(pre_election=True, known_people=(KnownPerson("Sarah Jones", "candidate"), KnownPerson("Helen Brooks", "councillor")))
PRE_FLAG = [
    "Great to see Sarah Jones litter picking this morning",
    "We are launching a new consultation on the Town Hall. Have your say!",
    "The Conservatives have promised a new skate park",
]
PRE_NOT_FLAG = [
    "The statement of persons nominated, including Sarah Jones, is on the Dorset Council website",
    "Cllr Helen Brooks chaired the amenities meeting",
    "Bins are collected on Tuesday",
]


@pytest.mark.parametrize("text", PRE_FLAG)
def test_pre_election_should_flag(check, text):
    findings = check("pre_election.sensitivity", text, PRE)
    assert findings and findings[0].clause_id == "elections"


@pytest.mark.parametrize("text", PRE_NOT_FLAG)
def test_pre_election_should_not_flag(check, text):
    assert check("pre_election.sensitivity", text, PRE) == []


def test_outside_pre_election_period_candidates_are_fine(check):
    ctx = Context(known_people=PRE.known_people)
    assert check("pre_election.sensitivity", PRE_FLAG[0], ctx) == []
