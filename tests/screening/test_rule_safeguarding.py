"""safeguarding.child_details, safeguarding.images, safeguarding.contact_requests."""

import pytest

from herald.screening import Attachment, Context

CHILD_SHOULD_FLAG = [
    "Well done to Amelia (8) from Stalbridge Primary!",
    "Congratulations to Oliver Smith, aged 9, of Ring Street",
    "Happy birthday to 7-year-old Jack Wilson from Year 2",
    "Little Poppy, 6, who goes to Stalbridge Primary, drew this card",
    "Year 4 pupil Ethan Cole read his poem",
    "Freddie Ward, 12, lives on Barrow Hill",
]
CHILD_SHOULD_NOT_FLAG = [
    "Well done to all the pupils of Stalbridge Primary",
    "The Youth Council is open to young people aged 11 to 18",
    "Margaret Green, 84, celebrated with the lunch club",
    "Thank you to Sarah Hughes for organising the school run rota",
    "Bikeability for Year 6 pupils next week",
]


@pytest.mark.parametrize("text", CHILD_SHOULD_FLAG)
def test_child_details_should_flag(check, text):
    findings = check("safeguarding.child_details", text)
    assert findings and findings[0].clause_id == "safeguarding"


@pytest.mark.parametrize("text", CHILD_SHOULD_NOT_FLAG)
def test_child_details_should_not_flag(check, text):
    assert check("safeguarding.child_details", text) == []


IMAGES = [
    (Attachment(filename="a.jpg", rights="own_work", depicts_children=True), "Sports day!", "block"),
    (Attachment(filename="a.jpg", rights="own_work", depicts_children=True, consent_recorded=True), "Sports day!", None),
    (Attachment(filename="a.jpg", rights="own_work", depicts_children=True, consent_recorded=True), "Well done Jack and Emily!", "review"),
    (Attachment(filename="a.jpg", rights="own_work"), "The new bench", None),
]


@pytest.mark.parametrize("attachment,text,expected", IMAGES)
def test_images(check, attachment, text, expected):
    findings = check("safeguarding.images", text, Context(attachments=(attachment,)))
    assert (findings[0].severity if findings else None) == expected


CONTACT_SHOULD_FLAG = [
    "DM me and don't tell your parents",
    "Send me a selfie for the newsletter",
    "What school do you go to?",
    "Meet me at the skate park, it's our little secret",
]
CONTACT_SHOULD_NOT_FLAG = [
    "Send your entries to the Town Hall by Friday",
    "Meet the Mayor at the Christmas market",
    "Tell your parents about the summer reading challenge",
]


@pytest.mark.parametrize("text", CONTACT_SHOULD_FLAG)
def test_contact_requests_flag_on_child_channels(check, text):
    assert check("safeguarding.contact_requests", text, Context(audience="children"))


@pytest.mark.parametrize("text", CONTACT_SHOULD_NOT_FLAG)
def test_contact_requests_should_not_flag(check, text):
    assert check("safeguarding.contact_requests", text, Context(audience="children")) == []


def test_child_audience_uses_stricter_thresholds(screener):
    text = "Send me a selfie for the newsletter"
    general = screener.screen(text, Context())
    children = screener.screen(text, Context(audience="children"))
    assert general.verdict == "pass" and children.verdict == "block"
