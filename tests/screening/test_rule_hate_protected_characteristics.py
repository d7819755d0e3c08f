"""hate.protected_characteristics (tou.4) and abuse.hostile_language (tou.2)."""

import pytest

RULE = "hate.protected_characteristics"

SHOULD_FLAG = [
    ("Immigrants are vermin", "race"),
    ("Gypsies should go back where they came from", "race"),
    ("Why are women so stupid?", "sex"),
    ("I think disabled people are a burden", "disability"),
    ("Trans people deserve to die", "gender reassignment"),
    ("I hate Muslims. They are a plague.", "religion"),
    ("Mus1ims are v e r m i n", "religion"),
    ("muslimsarevermin", "race"),
    ("Kill all the immigrants", "race"),
    ("Old people are a drain on the NHS", "age"),
    ("Gay people shouldn't be allowed near children", "sexual orientation"),
    ("Keep the pakis out", "race"),
    ("Pregnant women are useless at work", "pregnancy"),
]
SHOULD_NOT_FLAG = [
    "Immigrants are not vermin.",
    "Saying immigrants are vermin is disgusting.",
    "I would never say women are inferior.",
    "\"Muslims out\" was sprayed on the bus shelter. We have reported this hate crime.",
    "Muslims celebrate Eid this week.",
    "Polish people are welcome here.",
    "As a queer woman, I love this town.",
    "This fucking printer is broken.",
    "Cyclists are vermin.",
    "You are a useless idiot.",
    "We need volunteers to help disabled people get to the polling station.",
    "Faggots and peas at the lunch club.",
    "Parking on double yellow lines is not allowed.",
    "Why do women still earn less than men?",
]


@pytest.mark.parametrize("text,group", SHOULD_FLAG)
def test_should_flag(check, text, group):
    findings = check(RULE, text)
    assert findings, text
    assert findings[0].clause_id == "tou.4" and findings[0].category == "hate"
    assert group.split()[0] in findings[0].message or group.split()[0] in findings[0].evidence


@pytest.mark.parametrize("text", SHOULD_NOT_FLAG)
def test_should_not_flag(check, text):
    assert check(RULE, text) == []


ABUSE_FLAG = ["Cyclists are vermin", "Dog walkers in this town are scum", "Landlords are parasites"]
ABUSE_NOT_FLAG = ["Cyclists are welcome on the Trailway", "Immigrants are vermin", "The printer is rubbish"]


@pytest.mark.parametrize("text", ABUSE_FLAG)
def test_abuse_should_flag(check, text):
    findings = check("abuse.hostile_language", text)
    assert findings and findings[0].clause_id == "tou.2"


@pytest.mark.parametrize("text", ABUSE_NOT_FLAG)
def test_abuse_should_not_flag(check, text):
    """Hate against a protected group is reported by the hate rule, not twice."""
    assert check("abuse.hostile_language", text) == []
