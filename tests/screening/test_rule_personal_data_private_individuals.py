"""personal_data.private_individuals — private people named in context (tou.1)."""

import pytest

RULE = "personal_data.private_individuals"

SHOULD_FLAG = [
    "Mrs Smith at number 4 keeps parking on the verge",
    "Mrs Jenkins at 14 Barrow Hill has been told to cut her hedge",
    "The man at number 12 leaves his bins out",
    "my neighbour John has been fly-tipping again",
    "Our neighbour John Carter parks his van across the footpath",
    "the family at no. 7 Pile Lane are very noisy",
    "Karen Mills keeps parking outside her house on Silver Street",
    "@jenny_w_1987 the dog mess outside your house is disgusting",
    "Mr Collins from Gold Street has complained again",
]
SHOULD_NOT_FLAG = [
    "Cllr Sarah Jones opened the new play park",
    "The Mayor, Cllr Sarah Jones, laid a wreath",
    "Thanks to Sarah Hughes for organising the litter pick",
    "Please check on your elderly neighbours during the cold snap",
    "Follow @StalbridgeTC and @DorsetCouncil for updates",
    "The Poppy Appeal starts on Saturday",
    "Holly Lane will be closed on Monday",
    "PCSO Dave Martin holds a surgery on Friday",
    "Bins will be collected on Tuesday",
]


@pytest.mark.parametrize("text", SHOULD_FLAG)
def test_should_flag(check, text):
    assert check(RULE, text), text


@pytest.mark.parametrize("text", SHOULD_NOT_FLAG)
def test_should_not_flag(check, text):
    assert check(RULE, text) == []


def test_known_people_from_context_are_public(check):
    ctx = {"known_people": [{"name": "Karen Mills", "role": "staff"}]}
    assert check(RULE, "Karen Mills keeps the car park tidy outside her office", ctx) == []
    assert check(RULE, "Karen Mills keeps parking outside her house") != []
