"""personal_data.criminal_offence — an identifiable person linked to a crime (art. 10)."""

import pytest

RULE = "personal_data.criminal_offence"

SHOULD_FLAG = [
    "Mark Dyer from Gold Street was arrested last night",
    "Everyone should know that Wayne Fisher is on the sex offenders register",
    "Kevin Moss was convicted of burglary last year",
    "The lad at number 6 is on bail for shoplifting",
]
SHOULD_NOT_FLAG = [
    "Police are appealing for witnesses after a car was stolen on Ring Street",
    "Report crime to Dorset Police on 101",
    "Mark Dyer won the best scarecrow prize",
    "Shoplifting is up across Dorset, say police",
]


@pytest.mark.parametrize("text", SHOULD_FLAG)
def test_should_flag(check, text):
    assert check(RULE, text), text


@pytest.mark.parametrize("text", SHOULD_NOT_FLAG)
def test_should_not_flag(check, text):
    assert check(RULE, text) == []
