"""Party-political and campaigning content (tou.5; Local Government Act 1986 s.2) and the
pre-election period (elections): official council profiles must not appear designed to affect
support for a political party.

On a Member's or officer's own (personal) account political views are allowed, so scores are
reduced there to advice.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from ..context import Context
from ..errors import ScreeningError
from ..linear import LogisticModel
from ..findings import Finding
from ..people import person_mentions, sentence_bounds
from ..registry import Rule, register
from ..text import Document

PARTY_RE = re.compile(
    r"\b(?:Conservatives?|Conservative Party|Tor(?:y|ies)|Labour(?! (?:costs?|market|shortages?|force|intensive|of love|saving))|"
    r"Labour Party|Lib ?Dems?|Liberal Democrats?|Green Party|the Greens|Reform UK|Reform Party|UKIP|SNP|Plaid Cymru|"
    r"Brexit Party|DUP|Sinn F[eé]in|Alliance Party|Democrats|Democratic Party|Republicans|Republican Party|GOP|"
    r"Dems|Conservative (?:government|MP|councillors?|candidate|leader)|Labour (?:government|MP|councillors?|candidate|leader))\b"
)
LEADER_RE = re.compile(
    r"\b(?:(?:Keir )?Starmer|(?:Rishi )?Sunak|(?:Kemi )?Badenoch|(?:Nigel )?Farage|Ed Davey|Boris(?: Johnson)?|(?:Liz )?Truss|"
    r"(?:Jeremy )?Corbyn|David Cameron|Theresa May|Angela Rayner|Rachel Reeves|(?:Robert )?Jenrick|(?:Suella )?Braverman|"
    r"Rees-Mogg|Michael Gove|Jeremy Hunt|Wes Streeting|Ed Miliband|(?:Nicola )?Sturgeon|John Swinney|Carla Denyer|"
    r"Adrian Ramsay|(?:Barack )?Obama|(?:Donald )?Trump|(?:Joe )?Biden|Kamala Harris|(?:Mitt )?Romney|(?:Nancy )?Pelosi|"
    r"Mitch McConnell|Hillary Clinton|Obamacare|Thatcher)\b"
)
PARTY_WORDS = frozenset(
    """conservative conservatives conservativeparty tory tories labour lib libdem libdems dem dems liberal democrats
    democrat democratic green greens reform ukip snp plaid brexit dup sinn alliance republicans republican gop
    starmer sunak badenoch farage davey boris johnson truss corbyn cameron theresa rayner reeves jenrick braverman
    mogg gove hunt streeting miliband sturgeon swinney denyer ramsay obama trump biden harris romney pelosi
    mcconnell clinton obamacare thatcher""".split()
)
VOTE_RE = re.compile(
    r"(?<![a-z])(?:vote (?:for )?(?:labour|tory|tories|conservative|lib ?dem|green|reform|ukip|snp|plaid|democrat|republican|"
    r"me|us|our candidate|him|her|them|[a-z]+ on polling day)|re-?elect|elect (?:me|us|our|him|her)|"
    r"(?:back|support) (?:our|the) (?:candidate|campaign)|join (?:our|the) campaign|campaign(?:ing)? (?:against|to stop|to save|for)|"
    r"sign (?:our|the|my|this) petition|petition (?:to|against)|march against|protest against|rally against|"
    r"say no to|lobby (?:your|the) mp|write to your mp|get brexit done|take back control|stop the boats|"
    r"make america great|strong and stable|for the many|change begins|levelling up|vote leave|vote remain|"
    r"fight (?:the|these) cuts|#?(?:torie?sout|labourout|generalelectionnow|toryscum))(?![a-z])"
)
VOTE_WORDS = frozenset("vote elect reelect re back support join campaign campaigning sign petition march protest rally say lobby write get take stop make strong many change levelling fight toriesout toryout labourout generalelectionnow toryscum".split())
STANCE_RE = re.compile(
    r"(?<![a-z])(?:fail(?:ed|ing|ure|ures)?|disgrace\w*|chaos|chaotic|shambles|broken|betray\w*|lies|lied|liars?|cuts|austerity|"
    r"thanks? to|well done|great|proud|deliver(?:ed|ing|s)?|brilliant|only party|best|worst|incompetent|corrupt|"
    r"scandal\w*|hypocri\w*|mess|crisis|wrecked|destroy\w*|shameful|fantastic|amazing|excellent|win|won|victory|"
    r"landslide|support|oppose|against|slams?|attacks?|blame\w*|fault|useless|out of touch|sleaze|u-?turns?)(?![a-z])"
)
GOVT_ATTACK_RE = re.compile(
    r"(?<![a-z])(?:this|the|current|last|previous|tory|labour|conservative) government(?:'s)? (?:has |have |is |are )?(?:failed|"
    r"failing|betrayed|cut|cutting|slashed|broken|broke|lied|incompetent|chaos|chaotic|useless|shameful|disgraceful|"
    r"ignor(?:ed|ing)|abandon(?:ed|ing)|let (?:us|down)|destroyed|wrecked|heartless|cruel)(?![a-z])"
)
FACTUAL_ELECTION_RE = re.compile(
    r"(?<![a-z])(?:notice of (?:election|poll)|statement of persons nominated|polling (?:station|day|card)s?|"
    r"register to vote|postal vote|proxy vote|candidates? (?:standing|list)|list of candidates|close of poll|"
    r"count|returning officer|nomination papers|voter id|photo id|results? (?:declared|of the election))(?![a-z])"
)
PERSONAL_FACTOR = 0.4
MODELS = Path(__file__).resolve().parent.parent / "models"
POLITICAL_MODEL_FILE = "political_lr.json"
MODEL_CUTOFF = 0.9
# The head alone only speaks when the post touches national politics: these words are the gate.
POLITICAL_TOPICS = frozenset(
    """government govt minister ministers mp mps parliament westminster commons lords policy policies tax taxes cuts
    austerity nhs brexit eu election elections vote voted voters votes party parties tory tories labour conservative
    conservatives libdem libdems snp reform ukip green greens pm chancellor budget cabinet opposition campaign
    campaigning constituents constituency democracy democrats republicans congress senate senator president bill
    legislation debate manifesto ballot brexiteers remainers""".split()
)


def load_political_model() -> LogisticModel:
    data = (MODELS / POLITICAL_MODEL_FILE).read_bytes()
    expected = (MODELS / (POLITICAL_MODEL_FILE + ".sha256")).read_text().split()[0]
    if hashlib.sha256(data).hexdigest() != expected:
        raise ScreeningError(f"{POLITICAL_MODEL_FILE} does not match its checksum; rebuild with scripts/screening_train_political.py")
    raw = json.loads(data)
    return LogisticModel(weights=raw["weights"], intercept=raw["intercept"])


def _political_scale(context: Context) -> float:
    return 1.0 if context.official else PERSONAL_FACTOR


@register
class PartyPoliticalRule(Rule):
    id = "political.party"
    version = "1"
    clause_id = "tou.5"
    category = "political"
    description = (
        "Party names and leaders, 'vote for', endorsements and attacks on parties or the government, campaign "
        "slogans and petitions on official profiles; plus a classifier head trained on politicians' posts "
        "(alone it can only send a post to review)."
    )

    def load(self) -> None:
        self.model = load_political_model() if self.rule_settings.options.get("model", True) else None
        self.loaded = True

    def candidates(self, doc: Document, context: Context) -> list[Finding]:
        out = self._rules(doc, context)
        gated = self.rule_settings.options.get("model_gate", True)
        if not out and self.model is not None and context.official and (not gated or not doc.words.isdisjoint(POLITICAL_TOPICS)):
            prob = self.model.predict_proba(doc.raw)
            if prob >= MODEL_CUTOFF:
                top = self.model.top_features(doc.raw)
                out.append(self.finding(
                    context, score=0.5 + (prob - MODEL_CUTOFF) * 0.5, severity=None,
                    evidence=f"political model {prob:.2f} ({', '.join(top)})",
                    message="The post reads like political campaigning or commentary; official Council profiles must stay politically neutral (LGA 1986 s.2).",
                ))
        return out

    def _rules(self, doc: Document, context: Context) -> list[Finding]:
        out: list[Finding] = []
        words = doc.words
        party_words = not words.isdisjoint(PARTY_WORDS)
        vote_words = not words.isdisjoint(VOTE_WORDS)
        govt = "government" in words
        if not (party_words or vote_words or govt):
            return out
        scale = _political_scale(context)
        factual = FACTUAL_ELECTION_RE.search(doc.lower)
        parties = []
        if party_words:
            parties = list(PARTY_RE.finditer(doc.norm)) + list(LEADER_RE.finditer(doc.norm))
        if vote_words:
            for m in VOTE_RE.finditer(doc.lower):
                score = 0.92
                out.append(self.finding(
                    context, score=score * scale, spans=[doc.span(m.start(), m.end())], evidence=f"campaigning: {m.group(0)}",
                    message=f"The post campaigns ('{m.group(0)}'); official Council profiles must not be used for party political or campaigning purposes.",
                ))
        for m in parties:
            s, e = sentence_bounds(doc, m.start())
            stance = STANCE_RE.search(doc.lower, s, e)
            if stance:
                score = 0.9
                what = f"{m.group(0)} + '{stance.group(0)}'"
                msg = (f"The post takes a side about a political party or politician ({m.group(0)}: '{stance.group(0)}'); "
                       "the Council must not publish material that appears to affect support for a party (LGA 1986 s.2).")
            else:
                score = 0.35 if factual else 0.55
                what = m.group(0)
                msg = (f"The post names a political party or politician ({m.group(0)}); check it cannot be read as "
                       "affecting support for a party (LGA 1986 s.2).")
            out.append(self.finding(
                context, score=score * scale, spans=[doc.span(m.start(), m.end())], evidence=what, message=msg,
            ))
        if govt:
            for m in GOVT_ATTACK_RE.finditer(doc.lower):
                out.append(self.finding(
                    context, score=0.75 * scale, spans=[doc.span(m.start(), m.end())], evidence=f"attack: {m.group(0)}",
                    message=f"The post attacks the government ('{m.group(0)}'), which can read as party political; keep official posts neutral.",
                ))
        return out


NEW_CAMPAIGN_RE = re.compile(
    r"(?<![a-z])(?:launch(?:es|ed|ing)? (?:a |our |the )?(?:new )?(?:consultation|survey|campaign|initiative|scheme)|"
    r"new consultation|have your say|take (?:part in )?our (?:new )?survey)(?![a-z])"
)


@register
class PreElectionRule(Rule):
    id = "pre_election.sensitivity"
    version = "1"
    clause_id = "elections"
    related_clauses = ("tou.5",)
    category = "pre_election"
    description = "During a pre-election period: candidates named or pictured, party content, new non-statutory campaigns or consultations on official channels."

    def candidates(self, doc: Document, context: Context) -> list[Finding]:
        if not context.pre_election or not context.official:
            return []
        out: list[Finding] = []
        factual = FACTUAL_ELECTION_RE.search(doc.lower)
        candidates = {n.lower() for n in context.names_with_role("candidate")}
        if candidates:
            for m in person_mentions(doc, context):
                if m.kind == "known" and m.name.lower() in candidates:
                    score = 0.35 if factual else 0.85
                    out.append(self.finding(
                        context, score=score, spans=[doc.span(m.start, m.end)], evidence=f"candidate: {m.text}",
                        message=(
                            f"The post names a candidate ({m.text}) during the pre-election period; official channels must not "
                            "quote or picture candidates except in factual election information."
                        ),
                    ))
        if not doc.words.isdisjoint(PARTY_WORDS):
            for m in list(PARTY_RE.finditer(doc.norm)) + list(LEADER_RE.finditer(doc.norm)):
                out.append(self.finding(
                    context, score=0.35 if factual else 0.8, spans=[doc.span(m.start(), m.end())],
                    evidence=f"party/politician: {m.group(0)}",
                    message=f"The post names a party or politician ({m.group(0)}) during the pre-election period; avoid anything politically sensitive.",
                ))
        for m in NEW_CAMPAIGN_RE.finditer(doc.lower):
            out.append(self.finding(
                context, score=0.6, spans=[doc.span(m.start(), m.end())], evidence=f"new campaign/consultation: {m.group(0)}",
                message="The post launches a campaign or consultation during the pre-election period; new non-statutory campaigns and consultations should wait until after polling day.",
            ))
        return out
