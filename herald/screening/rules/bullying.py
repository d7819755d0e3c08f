"""Bullying or harassment of an individual (tou.4; ident.5 for representatives).

An insult or a threat aimed at a person: "you are a useless idiot", "Cllr Jones is a clown",
"@dave99 you muppet", "we know where you live". Insults about things ("this printer is useless")
and mild words with no person in the frame are not findings.
"""

from __future__ import annotations

import re

from ..context import Context
from ..findings import Finding
from ..lexicon import shared_lexicon
from ..people import person_mentions
from ..registry import Rule, register
from ..text import Document

INTENSIFIER = r"(?:(?:a|an|such an?|so|the|one|absolute|total|complete|utter|right|proper|fucking|bloody|effing|massive|big|useless|pathetic|stupid|lying|little|fat|ugly|disgusting|spineless|clueless|incompetent|corrupt)\s+){0,3}"
YOU_INSULT_RE = re.compile(
    r"(?<![a-z])(?:you(?:'re| are| r)?|ur|u r|your(?: a)?|yer)\s+" + INTENSIFIER + r"(?P<w>[a-z*]+(?:\s(?:of|space|oxygen))*)"
)
NAME_INSULT_TAIL_RE = re.compile(r"^\s*(?:,\s*)?(?:is|was|'s|are|you|the|,)\s+" + INTENSIFIER + r"(?P<w>[a-z*]+(?:\s(?:of|space|oxygen))*)")
THREAT_RE = re.compile(
    r"(?<![a-z])(?:(?:i|we) know where (?:you|he|she|they) lives?|watch (?:your|his|her) back|you(?:'ll| will) regret|"
    r"(?:i'll|i will|we'll|we will|gonna) (?:get|sort|deal with|find|hurt|batter|smash|kill) (?:you|him|her)|"
    r"kill yourself|kys|go (?:and )?die|hope (?:you|he|she) (?:dies?|gets? cancer|rots?)|nobody (?:likes|wants) you|"
    r"everyone hates (?:you|him|her)|name and shame|(?:let's|lets) (?:all )?(?:go round|pay (?:him|her|them) a visit|pile on)|"
    r"spread the word about (?:him|her)|you(?:'d| had) better (?:watch|stop|leave)|get out of (?:our|this) (?:town|village))(?![a-z])"
)
THREAT_HINTS = (
    "know where", "watch your", "watch his", "watch her", "regret", "yourself", "kys", "die", "rot", "nobody", "hates",
    "name and shame", "go round", "a visit", "pile on", "spread the word", "better", "get out of", "i'll", "i will",
    "we'll", "we will", "gonna",
)


@register
class BullyingRule(Rule):
    id = "bullying.individual"
    version = "1"
    clause_id = "tou.4"
    related_clauses = ("tou.2", "ident.5")
    category = "bullying"
    description = "Insults, threats or intimidation aimed at a named or addressed individual."

    def load(self) -> None:
        self.insults = shared_lexicon(("insult", "profanity"), tuple(self.settings.allowlist))
        self.loaded = True

    def candidates(self, doc: Document, context: Context) -> list[Finding]:
        out: list[Finding] = []
        text = doc.folded
        if any(h in text for h in THREAT_HINTS):
            for m in THREAT_RE.finditer(text):
                out.append(self.finding(
                    context, score=0.92, spans=[doc.span(m.start(), m.end())], evidence=f"threat: {m.group(0)}",
                    message=f"The post threatens or intimidates a person ('{m.group(0)}'); that is harassment.",
                ))
        hits = self.insults.find(doc)
        if not hits:
            return out
        weight_at = {h.start: h for h in hits}
        # "you idiot", "you're a total muppet"
        for m in YOU_INSULT_RE.finditer(text):
            hit = _hit_within(weight_at, m.start() + 3, m.end() + 20)
            if hit is not None:
                out.append(self._insult(doc, context, m.start(), m.end(), hit, "you"))
        # "Cllr Jones is a clown", "@dave99 you muppet", "Mrs Smith the idiot"
        for person in person_mentions(doc, context):
            tail = NAME_INSULT_TAIL_RE.match(text[person.end: person.end + 80])
            if tail:
                hit = _hit_within(weight_at, person.end, person.end + tail.end("w") + 20)
                if hit is not None:
                    out.append(self._insult(doc, context, person.start, person.end + tail.end(), hit, person.text))
        return out

    def _insult(self, doc: Document, context: Context, start: int, end: int, hit, who: str) -> Finding:
        score = min(0.95, 0.5 + hit.term.weight * 0.45)
        return self.finding(
            context, score=score, spans=[doc.span(start, end)], evidence=f"insult '{hit.span.text}' aimed at {who}",
            message=f"The post insults a person ({who}: '{hit.span.text}'); that breaches the Bullying and Harassment policy.",
        )


def _hit_within(hits: dict, start: int, end: int):
    for s, h in hits.items():
        if start <= s < end:
            return h
    return None
