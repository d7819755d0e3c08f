"""Personal data about private individuals: names in context, special-category data, crime."""

from __future__ import annotations

import re

from ..context import Context
from ..findings import Finding
from ..people import AT_NUMBER_RE, Mention, person_mentions, private_mentions, sentence_bounds
from ..registry import Rule, register
from ..text import Document

PRIVATE_CUE_RE = re.compile(
    r"\b(?:lives?|living|lived|house|home|address|next door|parks?|parked|parking|car|van|drive(?:way)?|"
    r"dogs?|noise|noisy|music|party|rubbish|bins?|fly-?tip\w*|complain\w*|drunk|divorc\w*|affair|debts?|"
    r"owes?|benefits|rent|evicted|garden|hedge|fence|extension|kids|children|moved|behaviour|"
    r"always|again|every (?:day|night)|keeps?|won't|refuses?|blocking|shouting|fight\w*|row|"
    r"at number|no\.\s*\d|number \d+)\b",
    re.I,
)
POSITIVE_PUBLIC_RE = re.compile(
    r"\b(?:thanks?|thank you|congratulations|well done|welcome|winner|won|awarded|volunteer\w*|"
    r"organis\w*|presented|opened|chair(?:ed|s)?|speaker|talk by|led by|hosted|tribute|mayor)\b",
    re.I,
)


PRIVATE_CUE_WORDS = frozenset(
    """live lives living lived house home address next park parks parked parking car van drive driveway dog dogs
    noise noisy music party rubbish bin bins fly flytip flytipping tipping tipped complain complained complaining
    complaint complaints complains drunk divorce divorced divorcing affair debt debts owe owes benefits rent evicted
    garden hedge fence extension kids children moved behaviour always again every keep keeps won refuse refuses
    blocking shouting fight fighting fights row number no""".split()
)
POSITIVE_WORDS = frozenset(
    """thanks thank congratulations well welcome winner won awarded volunteer volunteers volunteering volunteered
    organising organised organiser organisers organise presented opened chair chaired chairs speaker talk led
    hosted tribute mayor""".split()
)


@register
class PrivateIndividualsRule(Rule):
    id = "personal_data.private_individuals"
    clause_id = "tou.1"
    related_clauses = ("law.legislation",)
    category = "personal_data"
    description = (
        "A private individual identified in the post: a name with personal details ('Mrs Smith at "
        "number 4', 'my neighbour John'), a house number, or a handle in a personal context. "
        "Councillors and staff named in their public role are not findings."
    )

    def candidates(self, doc: Document, context: Context) -> list[Finding]:
        out: list[Finding] = []
        mentions = private_mentions(doc, context)
        if not mentions:
            return out
        may_cue = not doc.words.isdisjoint(PRIVATE_CUE_WORDS)
        may_positive = not doc.words.isdisjoint(POSITIVE_WORDS)
        for m in mentions:
            s, e = sentence_bounds(doc, m.start)
            sentence = doc.norm[s:e]
            cue = PRIVATE_CUE_RE.search(sentence) if may_cue else None
            positive = POSITIVE_PUBLIC_RE.search(sentence) if may_positive else None
            if m.kind == "house":
                score = 0.8
            elif m.kind == "titled":
                score = 0.75 if cue else (0.3 if positive else 0.55)
            elif m.kind == "relation":
                score = 0.75 if m.name else (0.5 if cue else 0.2)
            elif m.kind == "full":
                score = 0.7 if cue and not positive else 0.25
            elif m.kind == "handle":
                score = 0.6 if cue else 0.3
            else:
                score = 0.2
            if m.kind in ("titled", "full", "relation") and AT_NUMBER_RE.match(doc.norm, m.end + 1) or (
                m.kind in ("titled", "full", "relation") and AT_NUMBER_RE.search(doc.norm[m.end: m.end + 25])
            ):
                score = max(score, 0.85)
            if context.audience == "children" and m.kind in ("full", "relation"):
                score = max(score, 0.5)
            out.append(
                self.finding(
                    context,
                    score=score,
                    spans=[doc.span(m.start, m.end)],
                    evidence=f"{m.kind} reference: {m.text}",
                    message=(
                        f"The post identifies a private individual ({m.text}) with personal details; "
                        "naming members of the public without consent breaches data protection law."
                        if score >= 0.5 else
                        f"The post names a person ({m.text}); check they are happy to be named."
                    ),
                )
            )
        return out


SPECIAL_RE = re.compile(
    r"\b(?:cancer|dementia|alzheimer'?s|depress(?:ed|ion)|anxiety|mental (?:health|illness|breakdown)|"
    r"schizophreni\w*|bipolar|hiv|aids|diabet\w*|pregnant|miscarriage|abortion|terminally ill|"
    r"disabled|wheelchair|autis\w*|adhd|alcoholic|addict\w*|rehab|sectioned|chemo\w*|stroke|"
    r"heart attack|in hospital|on medication|antidepressants?|overdose\w*|suicid\w*|self[- ]harm|"
    r"std|sti|infertil\w*|ivf|"
    r"muslim|jewish|christian|catholic|hindu|sikh|buddhist|jehovah'?s witness|atheist|mosque|"
    r"synagogue|converted to|"
    r"gay|lesbian|bisexual|homosexual|transgender|trans (?:man|woman)|came out|sex life|sexuality|"
    r"black|asian|polish|romanian|pakistani|indian|nigerian|gypsy|traveller|roma|ethnic\w*|"
    r"union member|trade union|unison|unite union|gmb|rmt|nasuwt|neu member|"
    r"votes? (?:labour|tory|conservative|reform|green|lib dem)|(?:a|an) (?:tory|labour|reform) "
    r"(?:voter|supporter|member)|member of the (?:labour|conservative|green|reform) party|"
    r"genetic|dna|biometric|fingerprints?)\b",
    re.I,
)
SPECIAL_PREFILTER = frozenset(
    "cancer dementia alzheimer alzheimers depressed depression anxiety mental schizophrenia "
    "schizophrenic bipolar hiv aids diabetes diabetic pregnant miscarriage abortion terminally disabled "
    "wheelchair autism autistic adhd alcoholic addict addicted addiction rehab sectioned chemo "
    "chemotherapy stroke heart hospital medication antidepressant antidepressants overdose overdosed "
    "suicide suicidal self std sti infertile infertility ivf muslim jewish christian catholic hindu "
    "sikh buddhist jehovah atheist mosque synagogue converted gay lesbian bisexual homosexual "
    "transgender trans came sex sexuality black asian polish romanian pakistani indian nigerian gypsy "
    "traveller roma ethnic ethnicity union unison unite gmb rmt nasuwt neu votes vote tory labour "
    "conservative reform green genetic dna biometric fingerprint fingerprints".split()
)
PRONOUN_RE = re.compile(r"\b(?:he|she|they|him|her|his|hers|their)\b", re.I)


@register
class SpecialCategoryRule(Rule):
    id = "personal_data.special_category"
    clause_id = "tou.1"
    related_clauses = ("law.legislation",)
    category = "personal_data"
    description = (
        "Special-category data (UK GDPR art. 9) about an identifiable person: health, religion, "
        "sexuality, ethnicity, trade-union membership, political opinions, genetic/biometric data."
    )

    def candidates(self, doc: Document, context: Context) -> list[Finding]:
        if doc.words.isdisjoint(SPECIAL_PREFILTER):
            return []
        mentions = person_mentions(doc, context)
        if not mentions:
            return []
        out: list[Finding] = []
        for term in SPECIAL_RE.finditer(doc.norm):
            best: Mention | None = None
            ts, te = sentence_bounds(doc, term.start())
            for m in mentions:
                ms, _ = sentence_bounds(doc, m.start)
                same = ms == ts
                follows = ms < ts and term.start() - m.end < 200 and PRONOUN_RE.search(doc.norm[ts:term.start()])
                if same or follows:
                    if best is None or (best.public and not m.public):
                        best = m
            if best is None:
                continue
            if best.public:
                score = 0.55
            elif best.kind in ("full", "titled", "house", "known") or (best.kind == "relation" and best.name):
                score = 0.9
            else:
                score = 0.6
            out.append(
                self.finding(
                    context,
                    score=score,
                    spans=[doc.span(best.start, best.end), doc.span(term.start(), term.end())],
                    evidence=f"{best.text} + {term.group(0)}",
                    message=(
                        f"The post links a person ({best.text}) to '{term.group(0)}', which is special-category "
                        "personal data (health, religion, sexuality, ethnicity, union or political views); "
                        "do not publish it without their explicit consent."
                    ),
                )
            )
        return out


CRIME_RE = re.compile(
    r"\b(?:arrested|charged with|convicted|conviction|jailed|in prison|prison sentence|on bail|"
    r"cautioned|sex offenders?|paedophile|pedophile|criminal record|stole|stolen|steals|thief|burgled|"
    r"burglar|drug dealer|deals drugs|dealing drugs|shoplift\w*|assaulted|attacked|abuser|"
    r"drink[- ]driv\w*|police (?:took|raided|came for|arrested)|fraudster|on the sex offenders register|"
    r"tagged|community service|served time|done time|ex-con)\b",
    re.I,
)
CRIME_PREFILTER = frozenset(
    "arrested charged convicted conviction jailed prison bail cautioned offender offenders paedophile pedophile "
    "criminal stole stolen steals thief burgled burglar drug drugs dealer shoplifting shoplifter "
    "shoplifted assaulted attacked abuser drink police fraudster tagged community served time con".split()
)


@register
class CriminalOffenceRule(Rule):
    id = "personal_data.criminal_offence"
    clause_id = "tou.1"
    related_clauses = ("law.legislation",)
    category = "personal_data"
    description = "Criminal-offence data (UK GDPR art. 10): an identifiable person linked to a crime, arrest or conviction."

    def candidates(self, doc: Document, context: Context) -> list[Finding]:
        if doc.words.isdisjoint(CRIME_PREFILTER):
            return []
        mentions = person_mentions(doc, context)
        if not mentions:
            return []
        out: list[Finding] = []
        for term in CRIME_RE.finditer(doc.norm):
            ts, _ = sentence_bounds(doc, term.start())
            near = [m for m in mentions if sentence_bounds(doc, m.start)[0] == ts]
            if not near:
                continue
            m = next((x for x in near if not x.public), near[0])
            out.append(
                self.finding(
                    context,
                    score=0.9,
                    spans=[doc.span(m.start, m.end), doc.span(term.start(), term.end())],
                    evidence=f"{m.text} + {term.group(0)}",
                    message=(
                        f"The post links an identifiable person ({m.text}) to a crime ('{term.group(0)}'); "
                        "criminal-offence data must not be published and the claim may be defamatory."
                    ),
                )
            )
        return out
