"""defamation.allegation — identified person or business + allegation (tou.1)."""

import pytest

RULE = "defamation.allegation"

SHOULD_FLAG = [
    ("Residents are saying Cllr Morris is on the take", True),
    ("Everyone knows Tony Reed is fiddling the allotment society's accounts", True),
    ("Bennett Builders Ltd are cowboy builders", False),
    ("Cllr Grant lied to the meeting about the cost", False),
    ("Mr Osborne is a fraudster", False),
    ("The developer is bribing councillors", False),
    ("Apparently Julie Dawson was sacked for stealing", True),
    ("Cllr Wells is incompetent and not fit for office", False),
]
SHOULD_NOT_FLAG = [
    "Beware of doorstep scammers offering roof repairs",
    "Fly-tipping is illegal",
    "Cllr Morris chaired the meeting",
    "Thanks to Bennett Builders Ltd for the new bus shelter",
    "You'll find litter lying around after the carnival",
    "Courier fraud is on the rise, warn Dorset Police",
]


@pytest.mark.parametrize("text,repeated", SHOULD_FLAG)
def test_should_flag(check, text, repeated):
    findings = check(RULE, text)
    assert findings, text
    assert ("repeating" in findings[0].message) is repeated


@pytest.mark.parametrize("text", SHOULD_NOT_FLAG)
def test_should_not_flag(check, text):
    assert check(RULE, text) == []
