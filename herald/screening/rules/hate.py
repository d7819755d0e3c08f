"""Abusive or hateful content (tou.2, tou.4, Equality Act 2010).

Hate needs a *protected target* (one of the nine protected characteristics) and a *hostile act*
against it: a slur, dehumanisation, derogation, a threat, exclusion or an expression of hatred.
The rule reads structure, not just words, so it does not flag neutral or positive mentions of a
group, counter-speech that quotes or reports hate in order to denounce it, negated hate
("immigrants are not vermin"), in-group reclaimed terms ("as a queer woman") or swearing at
objects. It reads the folded view, so spelling tricks ("mus1ims", "v e r m i n") still match.
Hostility aimed at a group with no protected characteristic ("cyclists are vermin") is abusive
(tou.2) but not hate: a separate rule reports it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..context import Context
from ..findings import Finding
from ..lexicon import Lexicon, shared_lexicon
from ..registry import Rule, register
from ..text import Document

TARGETS = {
    "race": r"immigrants?|migrants?|foreigners?|refugees?|asylum[- ]seekers?|black (?:people|folks?|men|women|kids)|blacks|"
    r"asians?|africans?|pakistanis?|indians?|bangladeshis?|chinese(?: people)?|arabs?|gypsies|gypsy|travellers?|"
    r"roma|romanians?|poles|polish (?:people|workers|families)|eastern europeans?|irish(?: people)?|scots|"
    r"mexicans?|somalis?|nigerians?|albanians?|ethnic minorities|people of colou?r|bame|white people|whites|"
    r"brown people|illegals",
    "religion": r"muslims?|islam|moslems?|jews|jewish (?:people|families)|christians?|catholics?|hindus?|sikhs?|"
    r"buddhists?|atheists?",
    "sex": r"women|woman|girls|females?|ladies|men|males?|wives|feminists",
    "sexual_orientation": r"gays|gay (?:people|men|women|couples?)|lesbians?|homosexuals?|bisexuals?|queers|lgbt\w*(?: people)?",
    "gender_reassignment": r"trans (?:people|women|men|folk|kids)|transgender(?: people)?|transsexuals?|trans|non-binary people",
    "disability": r"disabled(?: people)?|the disabled|wheelchair users|autistic (?:people|kids)|autistics|deaf people|"
    r"blind people|people with (?:learning )?disabilities|mentally ill(?: people)?|down'?s syndrome|the handicapped|"
    r"handicapped people",
    "age": r"old people|older people|pensioners|oaps|the elderly|elderly people|boomers|old folk|teenagers|young people",
    "pregnancy_maternity": r"pregnant (?:women|women|staff|people)|new mums|new mothers|breastfeeding mothers|mums",
}
def _leet_tolerant(pattern: str) -> str:
    # In the folded view "1" became "i", so "mus1ims" reads "musiims": let l and i stand for each other.
    return pattern.replace("l", "[li]")


_TARGET_RE = re.compile(
    r"(?<![a-z])(?:" + "|".join(f"(?P<{k}>{_leet_tolerant(v)})" for k, v in TARGETS.items()) + r")(?![a-z])"
)
TARGET_WORDS = frozenset(
    "immigrant immigrants migrant migrants foreigner foreigners refugee refugees asylum black blacks "
    "asian asians african africans pakistani pakistanis indian indians bangladeshi bangladeshis chinese arab arabs "
    "gypsies gypsy traveller travellers roma romanian romanians poles polish eastern irish scots mexican mexicans "
    "somali somalis nigerian nigerians albanian albanians ethnic colour color bame white whites brown illegals muslim muslims islam "
    "moslem moslems jews jewish christian christians catholic catholics hindu hindus sikh sikhs buddhist buddhists "
    "atheist atheists women woman girls female females ladies men male males wives feminists gays gay lesbian lesbians "
    "homosexual homosexuals bisexual bisexuals queers lgbt lgbtq lgbtqia trans transgender transsexual transsexuals "
    "non disabled wheelchair autistic autistics deaf blind people mentally down downs handicapped old older pensioners "
    "oaps elderly boomers folk teenagers young pregnant mums mothers breastfeeding they them these those".split()
)
PRONOUN_SUBJECT_RE = re.compile(r"(?<![a-z])(?:they|them|these people|those people|their lot|that lot|these|those)(?![a-z])")

DEHUMANISE = (
    r"vermin|rats|cockroach(?:es)?|parasites?|animals|beasts|a disease|a plague|a cancer|scum|sub-?humans?|filth|savages|"
    r"insects|pigs|apes|monkeys|dogs|trash|garbage|leeches|a virus|an infestation|infesting|swarm(?:ing|s)?|"
    r"invaders|invading|an invasion|less than human|not (?:even )?human|cattle|a pest|pests"
)
DEROGATE = (
    r"disgusting|inferior|worthless|stupid|dumb|lazy|thick|dirty|smelly|stink|evil|a disgrace|pathetic|useless|"
    r"a burden|a drain(?: on [a-z ]+)?|criminals|thieves|rapists|terrorists|paedophiles|pedophiles|liars|"
    r"(?:can't|cannot|can not|shouldn't) be trusted|not to be trusted|ruin(?:ing|ed|s)? (?:this|our|the|everything)|"
    r"destroy(?:ing|ed|s)? (?:this|our|the)|ugly|too emotional|hysterical|belong in the kitchen|mentally ill|"
    r"freaks|perverts|abominations?|unnatural|sick in the head|a joke|not real (?:women|men)|second[- ]class|"
    r"taking over|out-?breed\w*|(?:all )?the same|good for nothing|should know their place|can't drive|"
    r"(?:are|is) (?:always )?behind (?:the|this|it|everything|our)|control (?:the|our|everything)|run (?:the|our) (?:media|banks|council|country)|"
    r"too stupid|so stupid|so lazy|so dirty|are the worst|brainwashed|backward|primitive|uncivili[sz]ed|bad drivers"
)
THREAT = (
    r"(?:should|must|need to|needs to|ought to|will|gonna|going to|deserve to|deserves to) (?:all )?(?:be )?"
    r"(?:shot|hanged|hung|killed|burned|burnt|gassed|exterminated|wiped out|eradicated|lynched|beaten|"
    r"stabbed|put down|sterili[sz]ed|die|burn|hang|rot)|"
    r"(?:kill|shoot|hang|burn|gas|exterminate|wipe out|eradicate|lynch|stab|beat up|murder|hunt down|"
    r"get rid of) (?:all(?: the| of the| of them)?|every|the|those|these|them)|death to|i(?:'ll| will) (?:kill|hurt|shoot|stab|find)|"
    r"deserve to die|should die|must die|should be destroyed"
)
EXCLUDE = (
    r"go back (?:to|home|where)|send (?:them|'?em|all of them|the lot)(?: all)? back|deport (?:them|all|every)|"
    r"(?:are|is) not welcome|aren't welcome|not welcome here|(?:don't|do not|doesn't) belong|keep (?:them|'?em) out|"
    r"should be banned|should(?:n't| not) be allowed|no place (?:in|for)|have no right|ban (?:them|all)|"
    r"out of (?:our|this) (?:town|country|village)|not wanted here|get out of|should leave|"
    r"(?<![a-z])out(?: now)?(?:!|$)"
)
HATE_VERB = (
    r"(?:i|we|everyone|everybody) (?:really |honestly |just |fucking )?(?:hate|despise|loathe|detest)|"
    r"(?:can't|cannot) stand|sick of|fed up (?:of|with)|make me sick|makes me sick|disgust me|"
    r"never trust an?|typical|f[u*]ck(?:ing)? (?:the|all|those)|screw (?:the|all)"
)
HOSTILE_RE = re.compile(
    r"(?<![a-z])(?:(?P<threat>" + THREAT + r")|(?P<dehumanise>" + DEHUMANISE + r")|(?P<exclude>" + EXCLUDE +
    r")|(?P<derogate>" + DEROGATE + r")|(?P<hate>" + HATE_VERB + r"))(?![a-z])"
)
NEGATION_RE = re.compile(r"(?<![a-z])(?:not(?! only| just)|n't|never|no longer|nothing(?! but)|hardly|isn't|aren't|wasn't|nor)(?:\W+\w+){0,2}\W*$")
COUNTER_FRAME_RE = re.compile(
    r"(?<![a-z])(?:saying|to say|says|said|say that|to call|calling|called (?:me|us|her|him|them)|shouted|shouting|"
    r"claims?(?: that)?|the idea that|the myth that|who (?:think|say|believe)|if you think|graffiti|posters?|"
    r"leaflets?|messages?|comments? (?:like|saying)|words like|telling (?:me|us)|told (?:me|us|her|him))(?![a-z])|[\"“]"
)
DENOUNCE_RE = re.compile(
    r"(?<![a-z])(?:disgusting|unacceptable|wrong|racist|racism|hateful|hate crime|hatred|bigot\w*|vile|not ok|not okay|"
    r"condemn\w*|shame|shameful|no place|stand (?:against|with|together)|challenge|report(?:ed)?|appalling|"
    r"sickening|abhorrent|homophob\w*|transphob\w*|misogyn\w*|islamophob\w*|antisemit\w*|xenophob\w*|ableis\w*|"
    r"offensive|horrible|awful|outrageous|the problem|ashamed|shame on|will not tolerate|won't tolerate|zero tolerance|has no place|ignorant)(?![a-z])"
)
NEG_SPEECH_RE = re.compile(
    r"(?<![a-z])(?:never|wouldn't|would not|don't|do not|won't|will not|can't|cannot|shouldn't|should not|"
    r"no one should|nobody should|stop|it's wrong to|it is wrong to|not true that|isn't true that|myth that)"
    r"(?:\W+\w+){0,2}\W+(?:say|said|saying|think|thinking|believe|claim|claiming|agree|call|calling|pretend)(?![a-z])"
)
HOSTILE_WORDS = frozenset(
    """vermin rats rat cockroach cockroaches parasite parasites animals beasts disease plague cancer scum subhuman
    subhumans filth savages insects pigs apes monkeys dogs trash garbage leeches virus infestation infesting swarm
    swarming swarms invaders invading invasion human cattle pest pests disgusting inferior worthless stupid dumb
    lazy thick dirty smelly stink evil disgrace pathetic useless burden drain criminals thieves rapists terrorists
    paedophiles pedophiles liars trusted ruin ruining ruined ruins destroy destroying destroyed destroys ugly
    emotional hysterical kitchen mentally freaks perverts abomination abominations unnatural sick joke real second
    taking outbreed outbreeding same nothing place drive worst brainwashed backward primitive uncivilised
    uncivilized drivers shot hanged hung killed burned burnt gassed exterminated wiped eradicated lynched beaten
    stabbed die burn hang rot kill shoot gas exterminate eradicate lynch stab beat murder hunt rid death hurt find
    destroyed back send deport welcome belong keep banned allowed right ban out leave wanted hate despise loathe
    detest stand fed disgust trust typical fuck fucking screw behind control run""".split()
)
STRONG_HOSTILE = frozenset(
    """vermin rats cockroach cockroaches parasite parasites animals beasts plague scum subhuman subhumans filth
    savages insects pigs apes leeches infestation infesting swarm swarming invaders shot hanged killed burned
    gassed exterminated wiped eradicated lynched stabbed die kill shoot gas exterminate eradicate lynch stab murder
    death rid disgusting inferior worthless criminals thieves rapists terrorists paedophiles pedophiles pests""".split()
)
_WORD_RE = re.compile(r"[a-z0-9]+")
RECLAIM_RE = re.compile(
    r"(?<![a-z])(?:i'm a|i am a|im a|we're|we are|as a|as an|us|proud|fellow|my fellow|my)\W+(?:\w+\W+)?$"
)
# No spaces at all: "muslimsarevermin".
_COMPACT_TARGETS = r"immigrants|migrants|foreigners|refugees|muslims|jews|blacks|gays|lesbians|women|trans|disabled|gypsies|pakis|pensioners"
_COMPACT_RE = re.compile(
    r"(?:" + _COMPACT_TARGETS + r")(?:are|r|is)(?:all)?(?:vermin|scum|rats|filth|parasites|animals|disgusting|subhuman|inferior|evil|cockroaches|criminals|terrorists)"
    r"|(?:kill|gas|hang|deport)all(?:the)?(?:" + _COMPACT_TARGETS + r")"
)

LABELS = {
    "race": "race or nationality", "religion": "religion", "sex": "sex",
    "sexual_orientation": "sexual orientation", "gender_reassignment": "gender reassignment",
    "disability": "disability", "age": "age", "pregnancy_maternity": "pregnancy or maternity",
}
ACTS = {
    "threat": "threatens", "dehumanise": "dehumanises", "exclude": "calls for the exclusion of",
    "derogate": "demeans", "hate": "expresses hatred of", "slur": "uses a slur against",
}
ACT_SCORE = {"threat": 0.95, "dehumanise": 0.9, "slur": 0.92, "exclude": 0.85, "derogate": 0.85, "hate": 0.85}


@dataclass(frozen=True, slots=True)
class HateSignal:
    act: str
    group: str
    start: int
    end: int
    target_text: str
    act_text: str


def _negated(text: str, act_start: int, sentence_start: int) -> bool:
    return bool(NEGATION_RE.search(text[max(sentence_start, act_start - 30): act_start]))


def _countered(text: str, s: int, e: int, target_start: int) -> bool:
    """Reported or quoted hate in a sentence (or text) that denounces it."""
    frame_before = COUNTER_FRAME_RE.search(text[s:target_start + 1]) or COUNTER_FRAME_RE.search(text[s:e])
    return bool(frame_before) and bool(DENOUNCE_RE.search(text))


def find_hate(doc: Document, lexicon: Lexicon) -> tuple[list[HateSignal], list[tuple[int, int, str]]]:
    """Hate signals (protected target + hostile act) and hostile statements about other groups."""
    key = ("hate", id(lexicon))
    if key in doc.cache:
        return doc.cache[key]
    text, origin = doc.despaced
    signals: list[HateSignal] = []
    other: list[tuple[int, int, str]] = []

    def orig(i: int) -> int:
        return origin[i] if origin and i < len(origin) else i

    # Slurs: hate unless reclaimed in-group or quoted to denounce.
    for hit in lexicon.find(doc):
        if hit.term.kind != "slur":
            continue
        before = doc.lower[max(0, hit.start - 25): hit.start]
        if RECLAIM_RE.search(before):
            continue
        s, e = _sentence(doc, hit.start)
        if _countered(doc.folded, s, e, hit.start):
            continue
        signals.append(HateSignal("slur", hit.term.group or "race", hit.start, hit.end, hit.span.text, hit.span.text))
    any_target = False
    words = doc.words
    scan = origin is not None or doc.folded != doc.lower or (
        not words.isdisjoint(HOSTILE_WORDS) and not (words.isdisjoint(TARGET_WORDS) and words.isdisjoint(STRONG_HOSTILE))
    )
    if scan:
        sentences = _sentences_of(text)
        obfuscated = origin is not None or doc.folded != doc.lower
        prev_target: tuple[str, str] | None = None
        for s, e in sentences:
            sent = text[s:e]
            sent_words = set(_WORD_RE.findall(sent))
            targets = list(_TARGET_RE.finditer(sent)) if obfuscated or not sent_words.isdisjoint(TARGET_WORDS) else []
            any_target = any_target or bool(targets)
            if sent_words.isdisjoint(HOSTILE_WORDS):
                if targets:
                    prev_target = (targets[-1].lastgroup or "race", targets[-1].group(0))
                continue
            if not targets and prev_target is None and sent_words.isdisjoint(STRONG_HOSTILE):
                continue
            acts = list(HOSTILE_RE.finditer(sent))
            if not acts:
                if targets:
                    prev_target = (targets[0].lastgroup or "race", targets[0].group(0))
                continue
            pronouns = [] if targets else list(PRONOUN_SUBJECT_RE.finditer(sent))
            for act in acts:
                kind = act.lastgroup or "derogate"
                if kind != "exclude" and _negated(sent, act.start(), 0):
                    continue
                tgt = _pick_target(targets, act, kind)
                if tgt is not None:
                    group, ttext, tstart = tgt.lastgroup or "race", tgt.group(0), tgt.start()
                elif pronouns and prev_target is not None:
                    group, ttext = prev_target
                    tstart = pronouns[0].start()
                else:
                    if kind in ("dehumanise", "threat", "derogate") and _GROUP_SUBJECT_RE.search(sent[: act.start()]):
                        other.append((orig(s + act.start()), orig(s + act.end() - 1) + 1, act.group(0)))
                    continue
                if _countered(text, s, e, s + tstart) or NEG_SPEECH_RE.search(sent[: max(tstart, 0) + 1]):
                    continue
                a0, a1 = orig(s + min(tstart, act.start())), orig(s + max(act.end(), tstart + len(ttext)) - 1) + 1
                signals.append(HateSignal(kind, group, a0, a1, ttext, act.group(0)))
            if targets:
                prev_target = (targets[-1].lastgroup or "race", targets[-1].group(0))
    if len(doc.lower) <= 5000:
        compact = re.sub(r"[^a-z]", "", doc.folded)
        m = _COMPACT_RE.search(compact)
        if m and not signals and not any_target:
            signals.append(HateSignal("dehumanise", "race", 0, len(doc.norm), m.group(0), m.group(0)))
    doc.cache[key] = (signals, other)
    return signals, other


_GROUP_SUBJECT_RE = re.compile(r"(?<![a-z])(?:[a-z]+s|they|these people|those people|that lot)\b[a-z ]{0,30}?\s(?:are|r|is|should|must|deserve|need)\b")


def _pick_target(targets: list[re.Match[str]], act: re.Match[str], kind: str) -> re.Match[str] | None:
    if not targets:
        return None
    # Prefer the nearest target; for "I hate X"-style acts the target follows the act.
    if kind in ("hate", "threat"):
        after = [t for t in targets if t.end() > act.end()]
        if after:
            return after[0]
    before = [t for t in targets if t.end() <= act.start()]
    if before:
        t = before[-1]
        return t if act.start() - t.end() <= 80 else None
    after = [t for t in targets if t.start() >= act.end()]
    if after and after[0].start() - act.end() <= 40:
        return after[0]
    return None


def _sentences_of(text: str) -> list[tuple[int, int]]:
    out = []
    start = 0
    for m in re.finditer(r"(?<=[.!?])\s+|\n+|(?<=[.!?])[\"')]+\s*", text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _sentence(doc: Document, index: int) -> tuple[int, int]:
    return doc.sentence_at(index)


@register
class HateRule(Rule):
    id = "hate.protected_characteristics"
    version = "1"
    clause_id = "tou.4"
    related_clauses = ("tou.2", "law.equality")
    category = "hate"
    description = (
        "Hate against people for a protected characteristic (Equality Act 2010): slurs, dehumanisation, "
        "derogation, threats, exclusion, expressed hatred — including obfuscated spellings — but not "
        "counter-speech, negation, neutral mentions or reclaimed terms."
    )

    def load(self) -> None:
        self.lexicon = shared_lexicon(("profanity", "sexual", "slur"), tuple(self.settings.allowlist))
        self.loaded = True

    def candidates(self, doc: Document, context: Context) -> list[Finding]:
        signals, _ = find_hate(doc, self.lexicon)
        out = []
        for sig in signals:
            label = LABELS.get(sig.group, sig.group)
            out.append(
                self.finding(
                    context,
                    score=ACT_SCORE.get(sig.act, 0.85),
                    spans=[doc.span(sig.start, sig.end)] if sig.end > sig.start else [],
                    evidence=f"{sig.act}: target '{sig.target_text}' ({label}); '{sig.act_text}'",
                    message=(
                        f"The post {ACTS.get(sig.act, 'attacks')} people because of their {label} "
                        "(a protected characteristic); this is hateful and breaks the Equality and Diversity Policy."
                    ),
                )
            )
        return out


@register
class AbusiveGroupRule(Rule):
    id = "abuse.hostile_language"
    version = "1"
    clause_id = "tou.2"
    category = "abuse"
    description = "Dehumanising or threatening language about a group without a protected characteristic ('cyclists are vermin')."
    max_severity = "review"

    def load(self) -> None:
        self.lexicon = shared_lexicon(("profanity", "sexual", "slur"), tuple(self.settings.allowlist))
        self.loaded = True

    def candidates(self, doc: Document, context: Context) -> list[Finding]:
        signals, other = find_hate(doc, self.lexicon)
        if signals:
            return []
        return [
            self.finding(
                context,
                score=0.6,
                spans=[doc.span(s, e)],
                evidence=f"hostile: {phrase}",
                message=f"The post describes a group of people in abusive terms ('{phrase}'); official posts must not be abusive.",
            )
            for s, e, phrase in other
        ]
