"""personal_data.identifiers — structured identifiers (tou.1)."""

import pytest

from herald.screening.rules.personal_data import iban_ok, luhn_ok, nhs_checksum_ok

RULE = "personal_data.identifiers"

SHOULD_FLAG = [
    ("NI number AB 12 34 56 C on the form", "National Insurance"),
    ("national insurance: JG103746A", "National Insurance"),
    ("NHS number 943 476 5919", "NHS"),
    ("patient 9434765919 was seen", "NHS"),
    ("card 4539 1488 0343 6467 found", "card"),
    ("pay to GB29NWBK60161331926819", "IBAN"),
    ("sort code 20-45-77 account 41234567", "bank"),
    ("Call me on 07700 900123", "mobile"),
    ("ring +44 7700 900461 after 6", "mobile"),
    ("email jo.bloggs1974@gmail.com", "email"),
    ("The van reg is AB12 CDE", "vehicle"),
    ("date of birth: 14/02/1961", "birth"),
    ("Passport number 925076473", "passport"),
    ("licence MORGA753116SM9IJ", "licence"),
    ("she lives at 14 Barrow Hill", "address"),
    ("server 192.168.10.24 logs", "IP"),
    ("SSN 460-89-9847", "social security"),
    ("Phone 905-674-3793 now", "phone"),
]
SHOULD_NOT_FLAG = [
    "Bins are collected every Tuesday.",
    "Email the clerk at clerk@stalbridgetowncouncil.gov.uk",
    "Contact bookings@stalbridgehall.org.uk to hire the hall",
    "Call NHS 111 or 999 in an emergency",
    "Samaritans: 116 123",
    "Meeting on 12/03/2025 at 7pm",
    "Planning application P/HOU/2024/01234 at 14 Barrow Hill",
    "Open 10.30-12.30 on Saturdays",
    "The A357 is closed between 2024 and 2025",
    "Stalbridge, Dorset DT10 2LA",
    "Call 0300 123 4567 for Dorset Council",
    "Invoice total £1,234.50 paid on 3 March",
    "Card 4539 1488 0343 6468 (fails Luhn)",
    "Our office is on 01963 362000",
]


@pytest.mark.parametrize("text,word", SHOULD_FLAG)
def test_should_flag(check, text, word):
    findings = check(RULE, text)
    assert findings, text
    assert any(word.lower() in (f.message + f.evidence).lower() for f in findings)
    assert all(f.clause_id == "tou.1" and f.category == "personal_data" for f in findings)


@pytest.mark.parametrize("text", SHOULD_NOT_FLAG)
def test_should_not_flag(check, text):
    assert check(RULE, text) == []


def test_span_points_at_the_identifier(check):
    text = "Lost card: 4539 1488 0343 6467, please call"
    (finding,) = check(RULE, text)
    span = finding.spans[0]
    assert text[span.start:span.end] == "4539 1488 0343 6467"


@pytest.mark.parametrize("digits,ok", [("9434765919", True), ("9434765918", False), ("123", False)])
def test_nhs_checksum(digits, ok):
    assert nhs_checksum_ok(digits) is ok


def test_luhn_and_iban():
    assert luhn_ok("4539148803436467") and not luhn_ok("4539148803436468")
    assert iban_ok("GB29 NWBK 6016 1331 9268 19") and not iban_ok("GB29NWBK60161331926818")


def test_agrees_with_presidio_nhs_validator():
    from presidio_analyzer.predefined_recognizers import NhsRecognizer

    rec = NhsRecognizer()
    for digits in ("9434765919", "9434765918", "4010232137", "4010232138"):
        assert bool(rec.validate_result(digits)) == nhs_checksum_ok(digits)


def test_number_failing_nhs_checksum_is_not_called_an_nhs_number(check):
    findings = check(RULE, "NHS number 943 476 5918", min_severity="advise")
    assert not any("NHS number" in f.evidence for f in findings)


@pytest.mark.parametrize("text,flagged", [
    ("She lives at DT10 2LA with her two dogs", True),
    ("Stalbridge Town Hall, Station Road, DT10 2LA", False),
])
def test_postcode_in_context(check, text, flagged):
    assert any("postcode" in f.evidence for f in check(RULE, text)) is flagged
