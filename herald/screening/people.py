"""Finding references to people in a text: names, titles, relations, house numbers, handles.

Shared by the personal-data, special-category, safeguarding, bullying and defamation rules.
Councillors, staff and candidates from the context (and anyone named with a public-role title:
"Cllr", "the Mayor", "PCSO") are marked `public` — naming them in their role is not a finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .context import Context
from .text import Document

DATA = Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    words: set[str] = set()
    for line in (DATA / "first_names.txt").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(line.split())
    return frozenset(words)


# Capitalised words that follow a first name without being a surname ("Poppy Appeal", "Holly Lane").
NON_SURNAME = frozenset(
    """appeal day days fair lane road street close avenue drive way hall centre center park school
    primary academy college church chapel court house farm meadow meadows green hill gardens garden
    field fields club trust meeting festival market fun run walk week weekend month team committee
    council group project fund award awards cup trophy show service services road. the and or of in
    on at to for with from this that our your their my his her its we you they it is are was will
    can may please thanks thank welcome hello hi dear happy merry good great new old north south east
    west upper lower little big st saint mount bridge street. cottage cottages villa villas estate
    mill manor grange lodge place square terrace row crescent rise view grove mews yard end wood
    woods copse common brook river bay tower arms inn hotel cafe shop stores surgery pharmacy
    library museum theatre cinema station bus rail line lines bank society association foundation
    charity partnership limited ltd plc llp & christmas easter jubilee coronation remembrance
    sunday monday tuesday wednesday thursday friday saturday january february march april june july
    august september october november december spring summer autumn winter""".split()
)

PUBLIC_TITLE_RE = re.compile(
    r"\b(?:cllr|councillor|councilor|mayor|deputy mayor|town clerk|clerk|chair(?:man|woman)?|"
    r"mp|mep|pcso|pc|sgt|sergeant|inspector|superintendent|revd|rev|reverend|canon|bishop|"
    r"head ?teacher|headteacher|headmistress|headmaster|officer|minister|secretary of state|"
    r"lord|lady|sir|dame|the honourable)\.?\s*$",
    re.I,
)
TITLE_NAME_RE = re.compile(r"\b(Mr|Mrs|Ms|Miss|Mx|Dr|Master)\.?\s+([A-Z][a-z]+(?:[-'][A-Z][a-z]+)?)\b")
FULL_NAME_RE = re.compile(r"\b(?=([A-Z][a-z]+)\s+((?:Mc|Mac|O')?[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b)")
PERSON_VERB_RE = re.compile(r"^(?:'s\b|\s+(?:is|was|has|had|keeps|said|says|told|lives|who)\b)")
RELATION_WORDS = (
    r"neighbour|neighbours|neighbor|landlord|landlady|tenant|tenants|lodger|ex|ex-wife|ex-husband|"
    r"ex-partner|partner|wife|husband|son|daughter|mum|mother|dad|father|brother|sister|nan|gran|"
    r"granny|grandad|grandson|granddaughter|niece|nephew|cousin|aunt|auntie|uncle|stepson|"
    r"stepdaughter|boyfriend|girlfriend|colleague|boss|friend|mate|carer|child|kid|kids|baby|toddler"
)
RELATION_RE = re.compile(
    r"\b(?:[Mm]y|[Oo]ur|[Hh]is|[Hh]er|[Tt]heir|[Yy]our)\s+(?:(?:next[- ]door|elderly|old|young|little|new|former|"
    r"late)\s+)?(" + RELATION_WORDS + r")\b(?:,?\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?))?"
)
HOUSE_RE = re.compile(
    r"\b(?:the\s+)?(?:(?:old|young|elderly)\s+)?(man|woman|lady|bloke|guy|fella|chap|family|couple|"
    r"people|lad|lads|girl|boy|kids|tenants?|owners?|occupants?|residents?|foreigners|woman|"
    r"landlord|folks?)\s+(?:who\s+lives?\s+|living\s+)?(?:at|from|in|of)\s+"
    r"(?:number|no\.?|num|#|flat)\s*\d+[a-z]?\b",
    re.I,
)
ROLE_NAME_RE = re.compile(
    r"\b(?:Cllr|Councillor|Councilor|Mayor|Deputy Mayor|Clerk|Town Clerk|PCSO|Sgt|Revd|Rev|MP)\.?\s+"
    r"([A-Z][a-z]+(?:[-'][A-Z][a-z]+)?)(?:\s+([A-Z][a-z]+(?:-[A-Z][a-z]+)?))?\b"
)
ROLE_RE = re.compile(r"(?<![a-z])(?:the|our|your) (?:town |parish |deputy )?(?:clerk|mayor|chair(?:man|woman)?|councillors?)(?![a-z])", re.I)
RELATION_SET = frozenset(RELATION_WORDS.replace("-", "|").split("|")) & frozenset(
    "neighbour neighbours neighbor landlord landlady tenant tenants lodger ex wife husband partner son daughter mum "
    "mother dad father brother sister nan gran granny grandad grandson granddaughter niece nephew cousin aunt auntie "
    "uncle stepson stepdaughter boyfriend girlfriend colleague boss friend mate carer child kid kids baby toddler".split()
)
HOUSE_SET = frozenset(["number", "no", "num", "flat"])
AT_NUMBER_RE = re.compile(r"\b(?:at|from|of)\s+(?:number|no\.?|#)\s*\d+[a-z]?\b", re.I)
HANDLE_RE = re.compile(r"(?<![\w@.])@([A-Za-z0-9_]{2,30})\b")
ORG_HANDLE_RE = re.compile(
    r"council|gov|police|nhs|fire|school|academy|library|trust|club|fc\b|fc_|cc$|fc$|news|bbc|itv|"
    r"radio|church|museum|theatre|official|team|society|charity|hall|centre|uk$|_uk|rail|bus|"
    r"parish|town|village|community|festival|market|group|partnership|foundation|ltd",
    re.I,
)


MAX_MENTIONS = 100


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    kind: str  # titled | full | relation | house | handle | known | first
    public: bool = False
    name: str = ""  # the proper name part, if any


def _known_names(context: Context) -> list[str]:
    return [n for n in context.names_with_role() if n]


def _is_public_prefix(doc: Document, start: int) -> bool:
    before = doc.norm[max(0, start - 40): start]
    return bool(PUBLIC_TITLE_RE.search(before))


def person_mentions(doc: Document, context: Context) -> list[Mention]:
    """Every reference to a person found in the text (cached per document and context)."""
    key = ("people", id(context))
    cached = doc.cache.get(key)
    if cached is not None:
        return cached
    text = doc.norm
    found: list[Mention] = []
    known = _known_names(context)
    known_lower = [k.lower() for k in known]
    known_parts = {part for k in known_lower for part in k.split() if len(part) > 2}
    for name, low in zip(known, known_lower):
        idx = doc.lower.find(low)
        while idx != -1:
            found.append(Mention(idx, idx + len(low), text[idx: idx + len(low)], "known", True, name))
            idx = doc.lower.find(low, idx + 1)
    has_upper = any(ch.isupper() for ch in text)
    if has_upper:
        for m in TITLE_NAME_RE.finditer(text):
            surname = m.group(2)
            public = surname.lower() in known_parts or _is_public_prefix(doc, m.start())
            found.append(Mention(m.start(), m.end(), m.group(0), "titled", public, surname))
        for m in ROLE_NAME_RE.finditer(text):
            name = m.group(0)
            if m.group(2) and m.group(2).lower() in NON_SURNAME:
                name = text[m.start(): m.end(1)]
            found.append(Mention(m.start(), m.start() + len(name), name, "role", True, name))
        names = first_names()
        for m in (FULL_NAME_RE.finditer(text) if not doc.words.isdisjoint(names) else ()):
            first, last = m.group(1), m.group(2)
            start, end = m.start(1), m.end(2)
            if first.lower() not in names:
                continue
            if last.lower() in NON_SURNAME and not PERSON_VERB_RE.match(text[end: end + 12]):
                continue
            public = (
                f"{first} {last}".lower() in known_lower
                or last.lower() in known_parts
                or _is_public_prefix(doc, start)
            )
            found.append(Mention(start, end, text[start:end], "full", public, text[start:end]))
    if "clerk" in doc.words or "mayor" in doc.words or "chair" in doc.words or "councillor" in doc.words or "councillors" in doc.words:
        for m in ROLE_RE.finditer(text):
            found.append(Mention(m.start(), m.end(), m.group(0), "role", True, m.group(0)))
    if not doc.words.isdisjoint(RELATION_SET):
        for m in RELATION_RE.finditer(text):
            found.append(Mention(m.start(), m.end(), m.group(0), "relation", False, m.group(2) or ""))
    if not doc.words.isdisjoint(HOUSE_SET):
        for m in HOUSE_RE.finditer(text):
            found.append(Mention(m.start(), m.end(), m.group(0), "house", False, ""))
    if "@" in text:
        for m in HANDLE_RE.finditer(text):
            handle = m.group(1)
            public = handle.lower() in known_parts or bool(ORG_HANDLE_RE.search(handle)) or any(
                handle.lower() == a.lower().lstrip("@") for a in known
            )
            found.append(Mention(m.start(), m.end(), m.group(0), "handle", public, handle))
    found.sort(key=lambda x: (x.start, -x.end))
    del found[MAX_MENTIONS:]  # a post naming hundreds of people is pathological; keep the work bounded
    doc.cache[key] = found
    return found


def private_mentions(doc: Document, context: Context) -> list[Mention]:
    return [m for m in person_mentions(doc, context) if not m.public]


def sentence_bounds(doc: Document, index: int) -> tuple[int, int]:
    return doc.sentence_at(index)
