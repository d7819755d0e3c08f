"""Write tests/screening/data/private_names_{dev,heldout}.jsonl: private individuals named in context.

Each case has the text and the character span of the person reference a clerk would redact.
The held-out templates are only evaluated, never tuned on.
"""

from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "tests" / "screening" / "data"

PEOPLE = ["Mrs Jenkins", "Mr Collins", "John Carter", "Karen Mills", "Ms Walker", "Gary Price", "Mrs Oakley",
          "Steve Rowe", "Mr Patel", "Lisa Crane", "Miss Taylor", "Dave Brown"]
DEV_TEMPLATES = [
    "{P} at number {n} keeps parking across the dropped kerb.",
    "We have had complaints about {P} at {n} Ring Street burning rubbish.",
    "{P} from Gold Street has been leaving bins out all week.",
    "Our neighbour {P} has been fly-tipping in the lane again.",
    "{P} lives at {n} Barrow Hill and refuses to cut the hedge.",
    "The noise from {P}'s house every night is unbearable.",
]
HELDOUT_TEMPLATES = [
    "Can someone tell {P} at no. {n} to stop feeding the seagulls?",
    "{P}, who lives on Pile Lane, owes the allotment society money.",
    "My neighbour {P} has been parking his van on the verge.",
    "{P} at {n} Cook's Lane has been reported for the overgrown garden.",
]
RELATION_DEV = ["my neighbour {F}", "our tenant {F}", "her son {F}", "the lady at number {n}", "the family at no. {n}"]
RELATION_HELDOUT = ["my landlord {F}", "the man at number {n}", "his ex-wife {F}"]
FIRSTS = ["John", "Sarah", "Gary", "Emma", "Dean", "Lucy"]
REL_SENTENCES_DEV = ["{R} keeps leaving rubbish in the alley.", "Please ask {R} to move the car from the verge."]
REL_SENTENCES_HELDOUT = ["{R} has been having loud parties every weekend."]


def build(templates, relations, rel_sentences, offset):
    rows = []
    for i, p in enumerate(PEOPLE):
        for j, t in enumerate(templates):
            if (i + j) % 2:
                continue
            n = 3 + (i * 7 + j) % 40
            text = t.format(P=p, n=n)
            start = text.index(p)
            rows.append({"text": text, "start": start, "end": start + len(p), "name": p})
    for i, r in enumerate(relations):
        for j, s in enumerate(rel_sentences):
            ref = r.format(F=FIRSTS[(i + j + offset) % len(FIRSTS)], n=4 + i + j)
            text = s.format(R=ref)
            text = text[0].upper() + text[1:]
            start = text.lower().index(ref.lower())
            rows.append({"text": text, "start": start, "end": start + len(ref), "name": ref})
    return rows


def main() -> None:
    for name, rows in (("private_names_dev", build(DEV_TEMPLATES, RELATION_DEV, REL_SENTENCES_DEV, 0)),
                       ("private_names_heldout", build(HELDOUT_TEMPLATES, RELATION_HELDOUT, REL_SENTENCES_HELDOUT, 3))):
        path = OUT / f"{name}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        print(f"{path.name}: {len(rows)} cases")


if __name__ == "__main__":
    main()
