"""Defamation risk (tou.1): an identified person or business plus an allegation.

Allegations of crime, dishonesty, corruption or incompetence about someone identifiable —
including repeating what others say ("residents are saying Cllr X is on the take"): under the
repetition rule whoever repeats an allegation publishes it.
"""

from __future__ import annotations

import re

from ..context import Context
from ..findings import Finding
from ..people import person_mentions, sentence_bounds
from ..registry import Rule, register
from ..text import Document

ALLEGATION_RE = re.compile(
    r"(?<![a-z])(?:(?P<corrupt>corrupt(?:ion)?|brib(?:e|es|ed|ing)|bribery|backhanders?|kickbacks?|on the take|in (?:the|his|her|their) "
    r"(?:developer'?s? |builders'? )?pockets?|lining (?:his|her|their) (?:own )?pockets|brown envelopes?|rigged|cover(?:ed|ing)?[- ]up|"
    r"bent (?:copper|councillor|cop|officer|as a nine bob note)|in bed with|paid off|money laundering|nepotism|jobs for (?:the|their) (?:boys|mates))|"
    r"(?P<dishonest>fraud(?:ster|ulent|ulently)?|fiddl(?:ed|ing|es) (?:the |his |her |their )?(?:[\w']+ ){0,3}(?:books|expenses|accounts|figures|claims)|"
    r"embezzl\w+|stole|stealing|steals|thie(?:f|ves)|liars?|lied (?:to|about)|lying (?:to|about)|dishonest|crook(?:ed|s)?|cheat(?:s|ed|ing)?|"
    r"scam(?:mer|mers|ming|s)?|con (?:man|men|artist)|swindl\w+|ripp(?:ed|ing) (?:us|me|people|residents|customers) off|"
    r"rip-?off merchants?|cowboys?(?: builders?| traders?| outfit)|dodgy|forged|falsified|pocketed|ran off with)|"
    r"(?P<crime>criminals?|paedophiles?|pedophiles?|nonces?|rapists?|abusers?|drug dealers?|racists?|breaking the law|"
    r"acting illegally|should be (?:in prison|locked up|jailed|arrested|prosecuted)|sacked for|struck off)|"
    r"(?P<incompetent>incompetent|incompetence|negligent|negligence|clueless|not fit for (?:office|purpose)|unfit to|"
    r"botched|bodged|doesn't have a clue|hasn't got a clue|useless at (?:his|her|their) job))(?![a-z])"
)
ALLEGATION_WORDS = frozenset(
    """corrupt corruption bribe bribed bribes bribing bribery backhander backhanders kickback kickbacks take pocket pockets
    lining envelope envelopes rigged cover covered covering bent bed paid laundering nepotism jobs fraud fraudster
    fraudulent fraudulently fiddled fiddling fiddles embezzled embezzling embezzlement stole stealing steals thief
    thieves liar liars lied lying dishonest crook crooked crooks cheat cheats cheated cheating scam scammer scammers
    scamming scams con swindled swindling swindler ripped ripping rip ripoff cowboy cowboys dodgy shady forged
    falsified pocketed ran criminal criminals paedophile paedophiles pedophile nonce nonces rapist rapists abuser
    abusers drug racist racists breaking illegal illegally prison locked jailed arrested prosecuted sacked struck
    incompetent incompetence negligent negligence clueless fit unfit botched bodged clue useless""".split()
)
REPEAT_RE = re.compile(
    r"(?<![a-z])(?:residents are saying|people are saying|everyone (?:is saying|knows)|i(?:'ve| have) heard|rumou?rs?|"
    r"allegedly|apparently|word (?:is|on the street)|i'm told|we are told|it is said|some say|people say|"
    r"is said to|reportedly|according to (?:some|locals|residents))(?![a-z])"
)
BUSINESS_RE = re.compile(
    r"\b(?:[A-Z][\w'&-]*\s+){1,4}(?:Ltd|Limited|plc|PLC|LLP|& Sons|and Sons|Builders|Garage|Motors|Cafe|Café|Stores|"
    r"Takeaway|Estates|Homes|Developments|Construction|Plumbing|Electrical|Services|Roofing|Landscaping|Carpets|"
    r"Bakery|Butchers|Salon|Restaurant|Pub|Inn|Arms|Hotel|Lettings|Removals|Contractors|Group)\b"
)
THE_BUSINESS_RE = re.compile(
    r"(?<![a-z])the (?:developer|developers|builder|builders|contractor|contractors|landlord|letting agent|"
    r"chip shop|takeaway|garage|pub|cafe|corner shop|butcher|bakery|council's contractor)(?![a-z])"
)
KIND_WORDS = {
    "corrupt": "corruption", "dishonest": "dishonesty", "crime": "criminal conduct", "incompetent": "incompetence",
}


@register
class DefamationRule(Rule):
    id = "defamation.allegation"
    version = "1"
    clause_id = "tou.1"
    category = "defamation"
    description = "An identified person or business linked to an allegation of crime, dishonesty, corruption or incompetence, including repeated allegations."

    def candidates(self, doc: Document, context: Context) -> list[Finding]:
        if doc.words.isdisjoint(ALLEGATION_WORDS):
            return []
        text = doc.lower
        out: list[Finding] = []
        subjects = [(m.start, m.end, m.text) for m in person_mentions(doc, context)]
        subjects += [(m.start(), m.end(), m.group(0)) for m in BUSINESS_RE.finditer(doc.norm)]
        subjects += [(m.start(), m.end(), m.group(0)) for m in THE_BUSINESS_RE.finditer(text)]
        if "you" in doc.words or "your" in doc.words:
            subjects += [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"(?<![a-z])you(?:'re| are)(?![a-z])", text)]
        if not subjects:
            return out
        repeated = REPEAT_RE.search(text)
        for m in ALLEGATION_RE.finditer(text):
            s, e = sentence_bounds(doc, m.start())
            near = [x for x in subjects if s <= x[0] < e]
            if not near:
                continue
            subj = min(near, key=lambda x: abs(x[0] - m.start()))
            kind = m.lastgroup or "dishonest"
            score = 0.6 if kind == "incompetent" else 0.88
            if repeated:
                score = min(0.95, score + 0.05)
            out.append(self.finding(
                context, score=score,
                spans=[doc.span(subj[0], subj[1]), doc.span(m.start(), m.end())],
                evidence=f"{subj[2]} + '{m.group(0)}'" + (f" (repeated: '{repeated.group(0)}')" if repeated else ""),
                message=(
                    f"The post accuses an identifiable person or business ({subj[2]}) of {KIND_WORDS[kind]} "
                    f"('{m.group(0)}'); unless it can be proved, that risks a defamation claim"
                    + (" — repeating what others say counts as publishing it." if repeated else ".")
                ),
            ))
        return out
