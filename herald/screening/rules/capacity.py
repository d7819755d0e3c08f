"""Speaking for the Council (ident.5, ident.6).

ident.6: a Member on their own account must speak personally or report works done and policies
agreed by the Council — never speak on its behalf. ident.5: representatives' contributions must
be professional and uphold the Council's reputation.
"""

from __future__ import annotations

import re

from ..context import Context
from ..findings import Finding
from ..people import sentence_bounds
from ..registry import Rule, register
from ..text import Document

ON_BEHALF_RE = re.compile(
    r"(?<![a-z])(?:on behalf of (?:the |[a-z]+ )?(?:town |parish )?council|speaking (?:for|on behalf of) the council|"
    r"as (?:the )?council(?:'s)? (?:spokesperson|representative)|the council'?s (?:official )?(?:position|view|stance) is|"
    r"(?:the |our |[a-z]+ )?(?:town |parish )?council (?:will|is going to|promises|guarantees|has decided to|believes|thinks|"
    r"supports|opposes|wants|intends|plans to|is committed to|apologises|regrets|refuses|won't|will not|is determined)|"
    r"we(?:,)? (?:the council|as a council|at the council)|(?:i|we) can (?:confirm|promise|guarantee|assure you) (?:that )?the council|"
    r"the council and i (?:will|promise)|i promise (?:that )?the council)(?![a-z])"
)
AGREED_RE = re.compile(r"(?<![a-z])(?:agreed|resolved|approved|voted to|decided at|minutes|at (?:its|last night's|the) (?:meeting|full council))(?![a-z])")
PERSONAL_RE = re.compile(r"(?<![a-z])(?:personally|in my (?:own |personal )?(?:view|opinion)|my (?:own |personal )?views?|speaking personally|i think|i feel)(?![a-z])")
DISPARAGE_RE = re.compile(
    r"(?<![a-z])(?:(?:this|the|our|my) (?:town |parish )?council is (?:a joke|a shambles|useless|pathetic|a disgrace|corrupt|incompetent|"
    r"clueless|a farce|rubbish|a waste of (?:time|space|money))|the (?:town )?clerk is (?:useless|clueless|lazy|incompetent|a joke|an idiot)|"
    r"(?:my |our )?fellow councillors are (?:idiots|useless|clueless|a joke|morons|lazy)|(?:the )?mayor is (?:a joke|useless|an idiot|clueless))(?![a-z])"
)
COUNCIL_WORDS = frozenset(["council", "councils", "clerk", "councillors", "mayor"])


@register
class SpeakingForCouncilRule(Rule):
    id = "capacity.speaking_for_council"
    version = "1"
    clause_id = "ident.6"
    category = "capacity"
    description = "A Member's personal account speaking on the Council's behalf rather than personally or reporting agreed decisions."
    max_severity = "review"

    def candidates(self, doc: Document, context: Context) -> list[Finding]:
        if not context.member_personal or doc.words.isdisjoint(COUNCIL_WORDS):
            return []
        out = []
        for m in ON_BEHALF_RE.finditer(doc.lower):
            s, e = sentence_bounds(doc, m.start())
            sentence = doc.lower[s:e]
            if AGREED_RE.search(sentence):
                continue
            personal = PERSONAL_RE.search(sentence)
            score = 0.4 if personal else 0.7
            out.append(self.finding(
                context, score=score, spans=[doc.span(m.start(), m.end())], evidence=f"on behalf: {m.group(0)}",
                message=(
                    f"On your own account you appear to speak for the Council ('{m.group(0)}'); speak personally, or report "
                    "only works done and policies agreed by the Council (ident.6)."
                ),
            ))
        return out


@register
class ProfessionalConductRule(Rule):
    id = "capacity.professional"
    version = "1"
    clause_id = "ident.5"
    related_clauses = ("tou.3", "enforce.misconduct")
    category = "capacity"
    description = "Representatives disparaging the Council, its staff or colleagues in public."
    max_severity = "review"

    def candidates(self, doc: Document, context: Context) -> list[Finding]:
        if doc.words.isdisjoint(COUNCIL_WORDS):
            return []
        return [
            self.finding(
                context, score=0.65, spans=[doc.span(m.start(), m.end())], evidence=f"disparaging: {m.group(0)}",
                message=f"The post disparages the Council or its people ('{m.group(0)}'); contributions must be professional and uphold the Council's reputation (ident.5).",
            )
            for m in DISPARAGE_RE.finditer(doc.lower)
        ]
