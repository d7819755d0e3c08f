"""copyright.attachments and copyright.quotation (tou.1)."""

import pytest

from herald.screening import Attachment, Context

ATTACHMENTS = [
    (Attachment(filename="a.jpg"), True),
    (Attachment(filename="a.jpg", rights="unknown"), True),
    (Attachment(filename="a.jpg", rights="public_domain"), True),
    (Attachment(filename="a.jpg", rights="public_domain", credit="Dorset History Centre"), False),
    (Attachment(filename="a.jpg", rights="own_work"), False),
    (Attachment(filename="a.jpg", rights="licensed", credit="CC BY 4.0, J. Smith"), False),
]


@pytest.mark.parametrize("attachment,flagged", ATTACHMENTS)
def test_attachments(check, attachment, flagged):
    findings = check("copyright.attachments", "Photo of the day", Context(attachments=(attachment,)))
    assert bool(findings) is flagged
    assert all(f.severity == "review" for f in findings)


LONG = " ".join(["word"] * 45)
QUOTE_FLAG = [
    f'From the Gazette: "{LONG}"',
    "Photo: Getty Images",
    "Here are the full lyrics of the carol",
    "Copied from the Dorset Echo website",
]
QUOTE_NOT_FLAG = [
    'The Mayor said: "What a wonderful day for the town."',
    "Photo by the Town Clerk",
    "Read the full report on our website",
]


@pytest.mark.parametrize("text", QUOTE_FLAG)
def test_quotation_should_flag(check, text):
    assert check("copyright.quotation", text)


@pytest.mark.parametrize("text", QUOTE_NOT_FLAG)
def test_quotation_should_not_flag(check, text):
    assert check("copyright.quotation", text) == []
