"""Safeguarding children (purpose, safeguarding; Safeguarding Vulnerable Groups Act 2006).

A child named with their age, school or address; images marked as depicting children without a
recorded parental consent; grooming-style requests on channels with a child audience. Channels
with a child audience use the stricter `child_audience_thresholds`.
"""

from __future__ import annotations

import re

from ..context import Context
from ..findings import Finding
from ..people import first_names, sentence_bounds
from ..registry import Rule, register
from ..text import Document

NAME = r"([A-Z][a-z]+)(?:\s+([A-Z][a-z]+(?:-[A-Z][a-z]+)?))?"
AGE_AFTER_RE = re.compile(NAME + r"\s*(?:\(\s*(?:age[d]?\s*)?(\d{1,2})\s*\)|,\s*(?:aged?\s*)?(\d{1,2})\s*,|,?\s+aged?\s+(\d{1,2})\b|,?\s+(?:who is|who's)\s+(?:only\s+)?(\d{1,2})\b)")
AGE_BEFORE_RE = re.compile(r"\b(\d{1,2})[- ]year[- ]old\s+(?:(?:son|daughter|boy|girl|pupil|grandson|granddaughter)\s+)?" + NAME)
SCHOOL_RE = re.compile(
    r"\b(?:primary|school|academy|nursery|pre-?school|infants|juniors|year\s?\d{1,2}|class\s?\d|reception class|"
    r"sixth form|college|scouts|cubs|beavers|brownies|guides|rainbows)\b",
    re.I,
)
CHILD_CUE_RE = re.compile(
    r"\b(?:pupils?|son|daughter|kids?|child|children|boy|girl|little|toddler|young|youngsters?|students?|"
    r"grandson|granddaughter|baby|schoolboy|schoolgirl|teen|teenager|aged?\s\d|year\s?\d)\b",
    re.I,
)
ADDRESS_CUE_RE = re.compile(r"\b(?:lives (?:at|on|in)|living at|his house|her house|\d{1,4}\s+[A-Z][a-z]+\s+(?:Road|Street|Lane|Close|Avenue|Drive|Way|Crescent))\b")
GROOMING_RE = re.compile(
    r"(?<![a-z])(?:send (?:me )?(?:a |some |your )?(?:photos?|pics?|pictures?|selfies?|snaps?)|don'?t tell (?:your )?"
    r"(?:mum|mom|dad|parents|teacher|anyone)|(?:our|a) (?:little )?secret|dm me|message me (?:privately|directly)|"
    r"private(?:ly)? message|meet me|meet up with me|what school do you go to|how old are you|where do you live|"
    r"are you (?:home )?alone|add me on (?:snap|snapchat|whatsapp|insta)|what'?s your (?:number|snap|address))(?![a-z])"
)
GROOMING_WORDS = frozenset("send tell secret dm message private privately meet school old live alone add number snap address".split())


@register
class ChildDetailsRule(Rule):
    id = "safeguarding.child_details"
    version = "1"
    clause_id = "safeguarding"
    related_clauses = ("purpose", "law.legislation")
    category = "safeguarding"
    description = "A child identified by name together with their age, school or address."

    def candidates(self, doc: Document, context: Context) -> list[Finding]:
        text = doc.norm
        out: list[Finding] = []
        names = first_names()
        if doc.words.isdisjoint(names):
            return out
        if not any(ch.isdigit() for ch in text) and not SCHOOL_RE.search(text):
            return out
        seen: set[int] = set()
        for m in AGE_AFTER_RE.finditer(text):
            first = m.group(1)
            age = next((g for g in m.groups()[2:] if g), None)
            named = first.lower() in names or (m.group(2) or "").lower() in names
            if named and age is not None and int(age) < 18:
                seen.add(m.start())
                out.append(self._child(doc, context, m.start(), m.end(), f"{m.group(0)}", "age", 0.9))
        for m in AGE_BEFORE_RE.finditer(text):
            if int(m.group(1)) < 18 and m.group(2).lower() in names:
                seen.add(m.start(2))
                out.append(self._child(doc, context, m.start(), m.end(), m.group(0), "age", 0.9))
        if SCHOOL_RE.search(text) or ADDRESS_CUE_RE.search(text):
            for m in re.finditer(r"\b([A-Z][a-z]+)(?:\s+([A-Z][a-z]+))?\b", text):
                if m.group(1).lower() not in names or m.start() in seen:
                    continue
                s, e = sentence_bounds(doc, m.start())
                sentence = text[s:e]
                school = SCHOOL_RE.search(sentence)
                child = CHILD_CUE_RE.search(sentence)
                address = ADDRESS_CUE_RE.search(sentence)
                if (school or address) and child:
                    score = 0.85 if (m.group(2) or address) else 0.75
                    what = "address" if address else "school"
                    out.append(self._child(doc, context, m.start(), m.end(), m.group(0), what, score))
                    seen.add(m.start())
        return out

    def _child(self, doc, context, start, end, evidence, what, score) -> Finding:
        return self.finding(
            context, score=score, spans=[doc.span(start, end)], evidence=f"child + {what}: {evidence}",
            message=(
                f"The post names a child together with their {what} ({evidence}); children must never be "
                "identified like this in a public post."
            ),
        )


@register
class ChildImagesRule(Rule):
    id = "safeguarding.images"
    version = "1"
    clause_id = "safeguarding"
    related_clauses = ("purpose",)
    category = "safeguarding"
    description = "Images marked as depicting children without recorded parental consent; children named in captions."

    def candidates(self, doc: Document, context: Context) -> list[Finding]:
        out: list[Finding] = []
        for att in context.attachments:
            if not att.depicts_children:
                continue
            label = att.filename or "an attachment"
            if not att.consent_recorded:
                out.append(self.finding(
                    context, score=0.95, evidence=f"{label}: depicts children, no consent recorded",
                    message=f"{label} shows children but no parental consent is recorded; do not publish it until consent is on file.",
                ))
            else:
                names = first_names()
                named = [w for w in re.findall(r"\b[A-Z][a-z]+\b", doc.norm) if w.lower() in names]
                if named:
                    out.append(self.finding(
                        context, score=0.6, evidence=f"{label}: children pictured; caption names {', '.join(named[:3])}",
                        message="The post shows children and names people in the caption; children in photos must not be captioned by name.",
                    ))
        return out


@register
class GroomingRule(Rule):
    id = "safeguarding.contact_requests"
    version = "1"
    clause_id = "safeguarding"
    category = "safeguarding"
    description = "Requests for private contact, photos or secrecy — grooming patterns — especially on channels with a child audience."

    def candidates(self, doc: Document, context: Context) -> list[Finding]:
        if doc.words.isdisjoint(GROOMING_WORDS):
            return []
        out = []
        for m in GROOMING_RE.finditer(doc.lower):
            score = 0.9 if context.audience == "children" else 0.45
            out.append(self.finding(
                context, score=score, spans=[doc.span(m.start(), m.end())], evidence=f"contact request: {m.group(0)}",
                message=(
                    f"The post asks for private contact or secrecy ('{m.group(0)}'); on a channel used by children this "
                    "is a safeguarding concern." if context.audience == "children" else
                    f"The post asks readers for private contact ('{m.group(0)}'); check it is appropriate."
                ),
            ))
        return out
