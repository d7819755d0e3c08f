"""commercial.promotion (tou.7) and financial_interest.personal (tou.6)."""

import pytest

from herald.screening import Author, Context, RegisteredInterest

RULE = "commercial.promotion"

SHOULD_FLAG = [
    "20% off all pizzas this weekend at Luigi's! Use code STAL20",
    "Buy now: mugs only £8.99 at amazon.co.uk/stalbridge-mugs",
    "Sponsored by Dorset Windows: 30% off double glazing",
    "#ad Half price starters all week at Bella's Bistro",
    "FREE entry to win a £500 voucher! Text WIN to 80099 now",
    "Order your Christmas turkey today, only £4.50 per kg",
    "Looking for a new car? Unbeatable deals this weekend",
]
SHOULD_NOT_FLAG = [
    "Hall hire from £12 per hour for community groups, book through the Town Council office",
    "Allotment rents are £35 for a full plot",
    "Tickets for the Town Council's fireworks are £5",
    "Free CPR session at the Town Hall, no need to book",
    "Power cut: call 105 for updates",
    "Call NHS 111 for urgent medical help",
    "Thank you to everyone who offered to help",
]


@pytest.mark.parametrize("text", SHOULD_FLAG)
def test_should_flag(check, text):
    findings = check(RULE, text)
    assert findings and findings[0].clause_id == "tou.7", text


@pytest.mark.parametrize("text", SHOULD_NOT_FLAG)
def test_should_not_flag(check, text):
    assert check(RULE, text) == []


def test_approved_partner_notices(policy):
    from herald.screening import Screener

    text = "Stalbridge Community Trust: 20% off garden furniture in our summer sale"
    settings = {**policy["settings"], "screening": {"approved_partners": ["Stalbridge Community Trust"]}}
    assert Screener({**policy, "settings": settings}, rules=[RULE]).screen(text).verdict == "pass"
    assert Screener(policy, rules=[RULE]).screen(text).verdict != "pass"


def test_spam_model_artefact_checksum_is_verified(tmp_path, monkeypatch):
    from herald.screening.errors import ScreeningError
    from herald.screening.rules import commercial

    (tmp_path / commercial.SPAM_MODEL_FILE).write_text('{"weights": {}, "intercept": 0}')
    (tmp_path / (commercial.SPAM_MODEL_FILE + ".sha256")).write_text("0" * 64 + "  x\n")
    monkeypatch.setattr(commercial, "MODELS", tmp_path)
    with pytest.raises(ScreeningError):
        commercial.load_spam_model()


INTEREST = Context(author=Author(kind="member", interests=(
    RegisteredInterest("business", "Hughes Plumbing and Heating", ("Hughes Plumbing",)),)))
INTEREST_FLAG = [
    ("Need a boiler service? Hughes Plumbing offers great prices", INTEREST),
    ("Please sponsor me for the marathon, my JustGiving page is below", Context()),
    ("Support my campaign to get my road resurfaced", Context()),
]
INTEREST_NOT_FLAG = [
    ("Need a boiler service? Hughes Plumbing offers great prices", Context()),
    ("Sponsor a hanging basket for the High Street: forms at the Town Hall", INTEREST),
    ("The Town Council's campaign to keep Stalbridge tidy", INTEREST),
]


@pytest.mark.parametrize("text,ctx", INTEREST_FLAG)
def test_interest_should_flag(check, text, ctx):
    findings = check("financial_interest.personal", text, ctx)
    assert findings and findings[0].clause_id == "tou.6"


@pytest.mark.parametrize("text,ctx", INTEREST_NOT_FLAG)
def test_interest_should_not_flag(check, text, ctx):
    assert check("financial_interest.personal", text, ctx) == []
