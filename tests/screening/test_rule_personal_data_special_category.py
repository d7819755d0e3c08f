"""personal_data.special_category — UK GDPR art. 9 data about an identifiable person."""

import pytest

RULE = "personal_data.special_category"

SHOULD_FLAG = [
    "Please keep Mrs Harris at number 8 in your thoughts; she has cancer",
    "Our neighbour Jim Hall is an alcoholic",
    "Tom Barker from the allotments has come out as gay",
    "Mr Khan on Ring Street is a Muslim",
    "David Price is a member of Unison",
    "Peter Shaw has been struggling with depression",
    "Mrs Lee at number 5 is pregnant again",
]
SHOULD_NOT_FLAG = [
    "Dementia-friendly coffee morning on Friday",
    "Support for people living with cancer is available at the library",
    "Eid Mubarak to all our Muslim neighbours",
    "The surgery flu clinic is on Saturday",
    "Pride picnic for gay and lesbian residents and their friends",
]


@pytest.mark.parametrize("text", SHOULD_FLAG)
def test_should_flag(check, text):
    findings = check(RULE, text)
    assert findings, text
    assert "special-category" in findings[0].message


@pytest.mark.parametrize("text", SHOULD_NOT_FLAG)
def test_should_not_flag(check, text):
    assert check(RULE, text) == []
