"""Write our own HateCheck-style functional tests (Röttger et al. 2021 categories, our wording).

    .venv/bin/python scripts/screening/build_functional_hate.py

Two template sets: `dev` (used for unit tests and tuning) and `heldout` (different wording,
only ever evaluated). Each case: {"functionality", "label": hateful|non-hateful, "target", "text"}.
None of these sentences is taken from HateCheck's published test cases.
"""

from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "tests" / "screening" / "data"

GROUPS = {
    "women": ("women", "woman"), "trans": ("trans people", "trans person"), "gay": ("gay people", "gay person"),
    "black": ("Black people", "Black person"), "disabled": ("disabled people", "disabled person"),
    "muslims": ("Muslims", "Muslim"), "immigrants": ("immigrants", "immigrant"), "jews": ("Jews", "Jew"),
    "elderly": ("pensioners", "pensioner"),
}
NON_PROTECTED = ["cyclists", "estate agents", "bankers", "dog walkers", "traffic wardens", "second-home owners"]
LEET = {"women": "w0men", "trans": "tr4ns people", "gay": "g4y people", "black": "bl4ck people", "disabled": "d1sabled people",
        "muslims": "mus1ims", "immigrants": "1mmigrants", "jews": "j3ws", "elderly": "pens1oners"}
SLURS = {"black": "n1gger", "gay": "faggot", "trans": "tranny", "disabled": "retard", "muslims": "raghead", "immigrants": "wog"}

DEV = {
    ("derog_neg_emote", "hateful"): ["I really can't stand {G}.", "{G} make me sick."],
    ("derog_neg_attrib", "hateful"): ["{G} are all lazy and dishonest.", "All {G} are stupid."],
    ("derog_dehum", "hateful"): ["{G} are nothing but vermin.", "{G} are parasites."],
    ("threat_dir", "hateful"): ["I'm going to kill all the {G} in this town."],
    ("threat_norm", "hateful"): ["{G} should all be shot.", "{G} deserve to die."],
    ("exclusion", "hateful"): ["{G} are not welcome in Stalbridge.", "Keep {G} out of our town."],
    ("profanity_hate", "hateful"): ["Fucking {G} are scum."],
    ("ref_subs_clause", "hateful"): ["I have met plenty of {G} and they are all vermin."],
    ("ref_subs_sent", "hateful"): ["Don't talk to me about {G}. They are a plague."],
    ("negate_pos", "hateful"): ["{G} are not human."],
    ("phrase_question", "hateful"): ["Why are {G} so disgusting?"],
    ("phrase_opinion", "hateful"): ["I think {G} are inferior."],
    ("spell_leet", "hateful"): ["{L} are scum."],
    ("spell_space_add", "hateful"): ["{G} are v e r m i n."],
    ("negate_neg", "non-hateful"): ["{G} are not vermin.", "I would never say {G} are inferior."],
    ("ident_neutral", "non-hateful"): ["There are lots of {G} living in Dorset.", "Several {G} came to the council meeting."],
    ("ident_pos", "non-hateful"): ["{G} make our town a better place.", "I love working with {G}."],
    ("counter_quote", "non-hateful"): ["\"{G} are vermin\" - what a disgusting thing to write on the bus shelter.",
                                        "Someone shouted \"{G} out\" at the market. That is unacceptable."],
    ("counter_ref", "non-hateful"): ["Saying {G} are parasites is hateful and wrong.",
                                      "If you think {G} are inferior, you are the problem."],
    ("phrase_question_nh", "non-hateful"): ["Why do {G} still face so much discrimination?"],
}
DEV_FIXED = {
    ("slur", "hateful"): ["You are nothing but a {S}.", "Get that {S} off our committee."],
    ("target_obj", "non-hateful"): ["This printer is useless garbage.", "I hate this stupid weather.",
                                    "The new bins are disgusting and should be banned.", "Fuck this rain."],
    ("target_indiv", "non-hateful"): ["You are a disgusting liar.", "He is a lazy, useless councillor."],
    ("target_group_nonprot", "non-hateful"): ["{N} are vermin.", "{N} should all be banned from the town."],
    ("slur_homonym", "non-hateful"): ["Faggots and peas are on the menu at the lunch club.",
                                      "There's a great tit nesting in the box by the church."],
    ("slur_reclaimed", "non-hateful"): ["As a queer woman I'm proud to help run Pride in Stalbridge.",
                                        "We're here, we're queer, and we're marching on Saturday."],
    ("profanity_nonhate", "non-hateful"): ["Fuck me, what a brilliant fete!", "Bloody hell, the Christmas lights look amazing."],
}

HELDOUT = {
    ("derog_neg_emote", "hateful"): ["Honestly, {G} disgust me.", "I despise {G}."],
    ("derog_neg_attrib", "hateful"): ["{G} can't be trusted with anything.", "{G} are a drain on everyone."],
    ("derog_dehum", "hateful"): ["{G} are filthy animals.", "{G} are a disease on this country."],
    ("threat_norm", "hateful"): ["{G} should be wiped out.", "Somebody should burn all the {G}."],
    ("exclusion", "hateful"): ["{G} don't belong here.", "Send {G} back where they came from."],
    ("ref_subs_sent", "hateful"): ["We had {G} move in next door. They are cockroaches."],
    ("phrase_question", "hateful"): ["Isn't it obvious that {G} are inferior?"],
    ("phrase_opinion", "hateful"): ["In my opinion {G} are subhuman."],
    ("spell_space_del", "hateful"): ["{C}arescum"],
    ("spell_leet", "hateful"): ["{L} are vermin."],
    ("negate_neg", "non-hateful"): ["{G} are not a burden on anyone.", "It's wrong to say {G} are stupid."],
    ("ident_neutral", "non-hateful"): ["The report looks at housing for {G}.", "Our survey asked {G} about transport."],
    ("ident_pos", "non-hateful"): ["{G} are a valued part of our community.", "We are proud to support {G}."],
    ("counter_quote", "non-hateful"): ["Graffiti saying \"kill all {G}\" was found in the park. We have reported it to the police."],
    ("counter_ref", "non-hateful"): ["People who call {G} vermin should be ashamed of themselves."],
}
HELDOUT_FIXED = {
    ("slur", "hateful"): ["Shut up, you stupid {S}."],
    ("target_obj", "non-hateful"): ["These potholes are an absolute disgrace.", "I can't stand this traffic."],
    ("target_indiv", "non-hateful"): ["Dave, you are a pathetic idiot."],
    ("target_group_nonprot", "non-hateful"): ["{N} are parasites.", "I can't stand {N}."],
    ("slur_reclaimed", "non-hateful"): ["I'm a proud dyke and I'll be at the Pride picnic."],
    ("profanity_nonhate", "non-hateful"): ["Holy shit, we raised £3,000 for the air ambulance!"],
}
COMPACT = {"women": "women", "muslims": "muslims", "immigrants": "immigrants", "gay": "gays", "disabled": "disabled"}


def build(templates: dict, fixed: dict) -> list[dict]:
    rows = []
    for (func, label), temps in templates.items():
        for key, (plural, _single) in GROUPS.items():
            for t in temps:
                if "{C}" in t:
                    if key not in COMPACT:
                        continue
                    text = t.replace("{C}", COMPACT[key])
                else:
                    text = t.replace("{G}", plural).replace("{L}", LEET[key])
                text = text[0].upper() + text[1:]
                rows.append({"functionality": func, "label": label, "target": key, "text": text})
    for (func, label), temps in fixed.items():
        for t in temps:
            if "{S}" in t:
                for key, slur in SLURS.items():
                    rows.append({"functionality": func, "label": label, "target": key, "text": t.replace("{S}", slur)})
            elif "{N}" in t:
                for group in NON_PROTECTED:
                    text = t.replace("{N}", group)
                    rows.append({"functionality": func, "label": label, "target": group, "text": text[0].upper() + text[1:]})
            else:
                rows.append({"functionality": func, "label": label, "target": None, "text": t})
    return rows


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, rows in (("functional_hate", build(DEV, DEV_FIXED)), ("functional_hate_heldout", build(HELDOUT, HELDOUT_FIXED))):
        path = OUT / f"{name}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        hateful = sum(r["label"] == "hateful" for r in rows)
        print(f"{path.name}: {len(rows)} cases ({hateful} hateful, {len(rows) - hateful} non-hateful)")


if __name__ == "__main__":
    main()
