"""Personal data: structured identifiers (tou.1, data protection law).

Patterns in the style of Presidio's UK recognizers, with the same validation hooks (NHS mod-11,
Luhn for cards, ISO 7064 mod-97 for IBANs), but written for speed: one shared `Document`,
digit and '@' pre-checks so an ordinary post costs a few microseconds.
"""

from __future__ import annotations

import re

from ..context import Context
from ..findings import Finding
from ..registry import Rule, register
from ..text import Document

_ROLE_MAILBOXES = frozenset(
    "info enquiries enquiry admin office hello bookings booking contact clerk events news press "
    "sales support reception help team mail general accounts finance planning council mayor "
    "secretary chair membership volunteers noreply no-reply webmaster feedback complaints".split()
)

EMAIL_RE = re.compile(r"(?<![\w.+-])([A-Za-z0-9][A-Za-z0-9._%+-]{0,63})@((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,24})\b")
UK_PHONE_RE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)44[\s.-]?(?:\(0\)[\s.-]?)?|\(?0)(\d[\d\s().-]{7,14}\d)(?![\d])"
)
INTL_PHONE_RE = re.compile(
    r"(?<![\w+/.-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,4}){1,4}(?:\s?(?:x|ext\.?)\s?\d{1,5})?(?![\w/-])"
    r"|(?<![\w+/.-])\d{2,4}[\s.-]\d{6,8}(?![\w/-])"
)
BARE_PHONE_RE = re.compile(r"(?<![\w.-])\d{7,11}(?![\w-])")
PHONE_CUE_RE = re.compile(r"(?:phone|call|tel|telephone|mobile|number|contact|ring|text|fax|cell|reach|dial)\b[^.\n]{0,25}$", re.I)
REFERENCE_CUE_RE = re.compile(r"(?:crime|reference|ref|case|incident|order|invoice|application|log|job|licence|permit)\.?\s*(?:no\.?|number|#)?\s*:?\s*$", re.I)
IPV6_RE = re.compile(r"(?<![\w:])(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}(?![\w:])")
_DATEISH = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$|^(?:19|20)\d\d[\s.-]+(?:19|20)\d\d$|^\d{1,2}[.:]\d\d[\s-]+\d{1,2}[.:]\d\d$")
NINO_RE = re.compile(
    r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b", re.I
)
NHS_RE = re.compile(r"(?<![\d-])([3-9]\d{2})[\s-]?(\d{3})[\s-]?(\d{4})(?![\d-])")
CARD_RE = re.compile(r"(?<![\d-])[1-6]\d{3}(?:[\s-]?\d{2,4}){2,4}(?![\d-])")
IBAN_RE = re.compile(r"\b([A-Z]{2}\d{2})\s?((?:[A-Z0-9]{4}\s?){2,7}[A-Z0-9]{1,4})\b", re.I)
SORT_CODE_RE = re.compile(r"\b\d{2}-\d{2}-\d{2}\b")
ACCOUNT_RE = re.compile(r"\b(?:account|acc|a/c)\.?\s*(?:no\.?|number|num)?\s*:?\s*(\d{8})\b", re.I)
SSN_RE = re.compile(r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])")
IP_RE = re.compile(r"\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b")
VEHICLE_RE = re.compile(r"\b[A-Z]{2}(?:0[2-9]|[1-7]\d)\s?[A-Z]{3}\b")
VEHICLE_CUE_RE = re.compile(r"\b(?:reg|registration|number plate|plate)\b[\s:.]*([a-z]{2}\d{2}\s?[a-z]{3})\b", re.I)
POSTCODE_RE = re.compile(r"\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2})\b")
DOB_RE = re.compile(r"\b(?:d\.?o\.?b\.?|date of birth|born on)\s*[:\-]?\s*\d{1,2}(?:st|nd|rd|th)?[\s/.-]", re.I)
PASSPORT_RE = re.compile(r"\bpassport\s*(?:no\.?|number)?\s*:?\s*([A-Z0-9]{9})\b", re.I)
LICENCE_RE = re.compile(r"\b[A-Z9]{5}\d{6}[A-Z9]{2}\d[A-Z]{2}\b")
STREET_SUFFIX = (
    r"(?:Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Close|Cl|Drive|Dr|Way|Crescent|Cres|Place|Pl|Court|Ct|"
    r"Gardens|Gdns|Terrace|Hill|Row|Green|Mews|Walk|Grove|Rise|View|Square|Parade|Meadows?|Fields|End|Yard|Lea|Hollow)"
)
ADDRESS_RE = re.compile(
    r"\b(?:(?:flat|apartment|apt)\.?\s*\d+[a-zA-Z]?,?\s+)?\d{1,4}[a-zA-Z]?,?\s+(?:[A-Z][a-z']+\s+){1,3}" + STREET_SUFFIX + r"\b"
)
RESIDENTIAL_CUE_RE = re.compile(
    r"\b(?:lives?|living|lived|resides?|home|house|address|flat|moved (?:in|to)|renting|tenant|"
    r"his|her|their|owner of|occupant|neighbour)\b",
    re.I,
)


def _digits(s: str) -> str:
    return "".join(ch for ch in s if ch.isdigit())


def nhs_checksum_ok(digits: str) -> bool:
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def luhn_ok(digits: str) -> bool:
    if not digits.isdigit() or not 12 <= len(digits) <= 19:
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def iban_ok(iban: str) -> bool:
    iban = iban.replace(" ", "").upper()
    if not 15 <= len(iban) <= 34:
        return False
    moved = iban[4:] + iban[:4]
    try:
        number = int("".join(str(int(ch, 36)) for ch in moved))
    except ValueError:
        return False
    return number % 97 == 1


@register
class IdentifiersRule(Rule):
    id = "personal_data.identifiers"
    version = "1"
    clause_id = "tou.1"
    related_clauses = ("law.legislation",)
    category = "personal_data"
    description = (
        "Structured personal identifiers: email addresses, UK and international phone numbers, "
        "National Insurance and NHS numbers, bank and card details, IBANs, vehicle registrations, "
        "passport and driving licence numbers, dates of birth, home addresses."
    )

    def candidates(self, doc: Document, context: Context) -> list[Finding]:
        text = doc.norm
        digits = sum(map(str.isdigit, text))
        has_digit = digits > 0
        out: list[Finding] = []
        taken: list[tuple[int, int]] = []

        def add(start: int, end: int, score: float, what: str, sentence: str) -> None:
            for s, e in taken:
                if start < e and s < end:
                    return
            taken.append((start, end))
            span = doc.span(start, end)
            out.append(self.finding(context, score=score, spans=[span], evidence=f"{what}: {span.text}", message=sentence))

        if "@" in text:
            official = tuple(d.lower() for d in self.settings.official_email_domains)
            for m in EMAIL_RE.finditer(text):
                local, domain = m.group(1).lower(), m.group(2).lower()
                if any(domain == d or domain.endswith("." + d) for d in official):
                    continue
                if local in _ROLE_MAILBOXES or domain.endswith((".gov.uk", ".nhs.uk", ".police.uk", ".sch.uk")):
                    add(m.start(), m.end(), 0.25, "organisation email", "The post gives an organisation's email address; check it is meant to be public.")
                else:
                    add(m.start(), m.end(), 0.75, "email address",
                        "The post contains what looks like a personal email address; publishing it may breach data protection law.")
        if not has_digit:
            return out
        if digits < 6:
            self._few_digits(doc, context, text, add)
            return out
        for m in NINO_RE.finditer(text):
            add(m.start(), m.end(), 0.95, "National Insurance number",
                "The post contains a National Insurance number, which must never be published.")
        for m in IBAN_RE.finditer(text):
            if iban_ok(m.group(0)):
                add(m.start(), m.end(), 0.95, "IBAN", "The post contains a bank account number (IBAN), which must not be published.")
        for m in CARD_RE.finditer(text):
            if luhn_ok(_digits(m.group(0))):
                add(m.start(), m.end(), 0.95, "payment card number", "The post contains a payment card number, which must never be published.")
        lower = doc.lower
        for m in NHS_RE.finditer(text):
            digits = "".join(m.groups())
            if nhs_checksum_ok(digits):
                cue = "nhs" in doc.words or "patient" in doc.words
                add(m.start(), m.end(), 0.95 if cue else 0.8, "NHS number",
                    "The post contains an NHS number, which is health data about a person and must not be published.")
        for m in SORT_CODE_RE.finditer(text):
            window = lower[max(0, m.start() - 25): m.end() + 40]
            if "sort" in window or "account" in window or "acc" in window:
                add(m.start(), m.end(), 0.95, "bank sort code", "The post contains bank details (sort code), which must not be published.")
        for m in ACCOUNT_RE.finditer(text):
            add(m.start(1), m.end(1), 0.9, "bank account number", "The post contains a bank account number, which must not be published.")
        for m in PASSPORT_RE.finditer(text):
            if any(ch.isdigit() for ch in m.group(1)):
                add(m.start(1), m.end(1), 0.95, "passport number", "The post contains a passport number, which must never be published.")
        for m in LICENCE_RE.finditer(text):
            add(m.start(), m.end(), 0.95, "driving licence number", "The post contains a driving licence number, which must never be published.")
        for m in SSN_RE.finditer(text):
            add(m.start(), m.end(), 0.85, "social security number", "The post contains what looks like a social security number.")
        for m in DOB_RE.finditer(text):
            add(m.start(), m.end(), 0.8, "date of birth", "The post gives someone's date of birth; that is personal data.")
        for m in UK_PHONE_RE.finditer(text):
            digits = _digits(m.group(1))
            if not 9 <= len(digits) <= 10:
                continue
            first = digits[0]
            if first == "7" and not digits.startswith(("70", "76")):
                add(m.start(), m.end(), 0.8, "mobile number",
                    "The post contains a mobile phone number; a private number must not be published without consent.")
            elif first in "12":
                add(m.start(), m.end(), 0.45, "landline number",
                    "The post contains a landline number; check it is an organisation's public number, not a private one.")
            elif digits.startswith(("3", "80", "84", "87", "9")):  # 03, 080x, 084x, 087x, 09: organisational
                add(m.start(), m.end(), 0.1, "non-geographic number", "The post contains an organisation's phone number.")
            else:  # not a UK number pattern: some other country's
                add(m.start(), m.end(), 0.6, "phone number", "The post contains what looks like a phone number; check it is not a private one.")
        for m in INTL_PHONE_RE.finditer(text):
            raw = m.group(0)
            number = re.split(r"\s?(?:x|ext)", raw)[0]
            n = len(_digits(number))
            cue = PHONE_CUE_RE.search(text[max(0, m.start() - 40): m.start()])
            if not (7 if cue else 8) <= n <= 13 or _DATEISH.match(number.strip()):
                continue
            if number.count(".") >= 2 and "+" not in number and not re.fullmatch(r"\d{3}\.\d{3}\.\d{4}|\d\d(?:\.\d\d){4}", number.strip()):
                continue
            add(m.start(), m.end(), 0.6, "phone number", "The post contains what looks like a phone number; check it is not a private one.")
        for m in BARE_PHONE_RE.finditer(text):
            before = text[max(0, m.start() - 40): m.start()]
            if REFERENCE_CUE_RE.search(before):
                continue
            if m.group(0).startswith("0") or PHONE_CUE_RE.search(before):
                add(m.start(), m.end(), 0.6, "phone number", "The post contains what looks like a phone number; check it is not a private one.")
        if ":" in text:
            for m in IPV6_RE.finditer(text):
                add(m.start(), m.end(), 0.6, "IP address", "The post contains an IP address, which can identify a person.")
        for m in IP_RE.finditer(text):
            add(m.start(), m.end(), 0.6, "IP address", "The post contains an IP address, which can identify a person.")
        self._few_digits(doc, context, text, add)
        return out

    def _few_digits(self, doc: Document, context: Context, text: str, add) -> None:
        """Identifiers that need only a few digits: vehicle registrations, dates of birth, addresses, postcodes."""
        for m in VEHICLE_RE.finditer(text):
            add(m.start(), m.end(), 0.65, "vehicle registration",
                "The post contains a vehicle registration, which identifies the vehicle's keeper.")
        for m in VEHICLE_CUE_RE.finditer(text):
            add(m.start(1), m.end(1), 0.65, "vehicle registration",
                "The post contains a vehicle registration, which identifies the vehicle's keeper.")
        for m in ADDRESS_RE.finditer(text):
            sentence = _sentence_around(doc, m.start(), m.end())
            residential = RESIDENTIAL_CUE_RE.search(sentence)
            add(m.start(), m.end(), 0.6 if residential else 0.2, "street address",
                "The post gives someone's home address; an address linked to a person is personal data."
                if residential else "The post gives a street address; check it is not someone's home.")
        for m in POSTCODE_RE.finditer(text):
            residential = RESIDENTIAL_CUE_RE.search(_sentence_around(doc, m.start(), m.end()))
            add(m.start(), m.end(), 0.6 if residential else 0.15, "postcode",
                "The post links a postcode to someone's home; with other details that identifies them."
                if residential else "The post contains a postcode.")



def _sentence_around(doc: Document, start: int, end: int) -> str:
    s, e = doc.sentence_at(start)
    return doc.norm[s:e]
