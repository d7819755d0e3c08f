"""Evaluate the screening engine: precision / recall / F1 per category.

    .venv/bin/python scripts/screening_eval.py            # everything (what `make eval` runs)
    .venv/bin/python scripts/screening_eval.py --only council --split dev --errors   # tuning view

Data: ../shared/data (beside the repo; read in place) and the repo's own council-posts suite
and functional hate tests in tests/screening/data. Writes a JSON summary with --json PATH.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from herald.screening import Context, Screener, load_policy  # noqa: E402

DATA = REPO / "tests" / "screening" / "data"
FLAGGING = ("review", "block")
OFFENSIVE_CATS = {"offensive", "hate", "bullying", "abuse"}


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "tp": tp, "fp": fp, "fn": fn}


def flagged_categories(report) -> set[str]:
    return {f.category for f in report.findings if f.severity in FLAGGING}


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def eval_council(screener: Screener, split: str, show_errors: bool) -> dict:
    rows = read_jsonl(DATA / f"council_posts_{split}.jsonl")
    reports = [screener.screen(r["text"], Context.from_dict(r["context"])) for r in rows]
    n_pass = sum(r["expect"] == "pass" for r in rows)
    fp_posts = [(r, rep) for r, rep in zip(rows, reports) if r["expect"] == "pass" and rep.verdict != "pass"]
    flag_rows = [(r, rep) for r, rep in zip(rows, reports) if r["expect"] == "flag"]
    missed = [(r, rep) for r, rep in flag_rows if rep.verdict == "pass"]
    per_cat: dict[str, dict] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})
    wrong_cat = []
    for r, rep in zip(rows, reports):
        cats = flagged_categories(rep)
        if r["expect"] == "flag":
            c = r["category"]
            if c in cats:
                per_cat[c]["tp"] += 1
            else:
                per_cat[c]["fn"] += 1
                if rep.verdict != "pass":
                    wrong_cat.append((r, rep))
        else:
            for c in cats:
                per_cat[c]["fp"] += 1
    abusive = {"tp": 0, "fp": 0, "fn": 0}
    for r, rep in zip(rows, reports):
        hit = bool(flagged_categories(rep) & OFFENSIVE_CATS)
        if r["expect"] == "flag" and r["category"] in OFFENSIVE_CATS:
            abusive["tp" if hit else "fn"] += 1
        elif r["expect"] == "pass" and hit:
            abusive["fp"] += 1
    out = {
        "split": split,
        "offensive_or_abusive": prf(**abusive),
        "ordinary_posts": n_pass,
        "ordinary_wrongly_flagged": len(fp_posts),
        "false_positive_rate": round(len(fp_posts) / n_pass, 4) if n_pass else 0.0,
        "posts_to_flag": len(flag_rows),
        "flagged": len(flag_rows) - len(missed),
        "flag_recall": round((len(flag_rows) - len(missed)) / len(flag_rows), 4) if flag_rows else 0.0,
        "per_category": {c: prf(**v) for c, v in sorted(per_cat.items())},
    }
    if show_errors:
        for r, rep in fp_posts:
            print(f"  FP  {r['id']}: {r['text'][:110]}\n      -> {[(f.rule_id, f.severity, round(f.score, 2), f.evidence[:60]) for f in rep.findings if f.severity in FLAGGING]}")
        for r, rep in missed:
            print(f"  FN  {r['id']} [{r['category']}]: {r['text'][:110]}\n      -> {[(f.rule_id, f.severity, round(f.score, 2)) for f in rep.findings]}")
        for r, rep in wrong_cat:
            print(f"  CAT {r['id']} [{r['category']}]: {r['text'][:90]} -> {sorted(flagged_categories(rep))}")
    return out


def eval_functional(screener: Screener, show_errors: bool, name: str = "functional_hate.jsonl") -> dict:
    rows = read_jsonl(DATA / name)
    reports = screener.screen_many([r["text"] for r in rows])
    by_func: dict[str, list[bool]] = defaultdict(list)
    correct_hate = []
    correct_non = []
    for r, rep in zip(rows, reports):
        predicted = any(f.category == "hate" and f.severity in FLAGGING for f in rep.findings)
        ok = predicted == (r["label"] == "hateful")
        by_func[r["functionality"]].append(ok)
        (correct_hate if r["label"] == "hateful" else correct_non).append(ok)
        if show_errors and not ok:
            print(f"  FUNC {r['functionality']} [{r['label']}]: {r['text']}")
    total = correct_hate + correct_non
    return {
        "cases": len(total),
        "accuracy": round(sum(total) / len(total), 3),
        "accuracy_hateful": round(sum(correct_hate) / len(correct_hate), 3),
        "accuracy_non_hateful": round(sum(correct_non) / len(correct_non), 3),
        "per_functionality": {k: f"{sum(v)}/{len(v)}" for k, v in sorted(by_func.items())},
    }


def eval_private_names(screener: Screener, split: str, show_errors: bool) -> dict:
    rows = read_jsonl(DATA / f"private_names_{split}.jsonl")
    found = 0
    for r, rep in zip(rows, screener.screen_many([r["text"] for r in rows])):
        spans = [s for f in rep.findings if f.rule_id == "personal_data.private_individuals" and f.severity in FLAGGING for s in f.spans]
        hit = any(s.start < r["end"] and r["start"] < s.end for s in spans)
        found += hit
        if show_errors and not hit:
            print(f"  NAME miss: {r['text']}")
    return {"split": split, "cases": len(rows), "recall": round(found / len(rows), 3)}


def eval_davidson(screener: Screener) -> dict:
    from screening.datasets import davidson

    rows = [r for r in davidson() if r["split"] == "test"]
    reports = screener.screen_many([r["text"] for r in rows])
    off = {"tp": 0, "fp": 0, "fn": 0}
    hate = {"tp": 0, "fp": 0, "fn": 0}
    for r, rep in zip(rows, reports):
        cats = flagged_categories(rep)
        truth_off = r["class"] in (0, 1)
        pred_off = bool(cats & OFFENSIVE_CATS)
        off["tp"] += truth_off and pred_off
        off["fp"] += (not truth_off) and pred_off
        off["fn"] += truth_off and not pred_off
        truth_hate = r["class"] == 0
        pred_hate = "hate" in cats
        hate["tp"] += truth_hate and pred_hate
        hate["fp"] += (not truth_hate) and pred_hate
        hate["fn"] += truth_hate and not pred_hate
    return {"rows": len(rows), "offensive_or_abusive": prf(**off), "hate": prf(**hate)}


def eval_sms(screener: Screener) -> dict:
    from screening.datasets import sms_spam

    rows = [r for r in sms_spam() if r["split"] == "test"]
    reports = screener.screen_many([r["text"] for r in rows], Context(channel="official"))
    c = {"tp": 0, "fp": 0, "fn": 0}
    for r, rep in zip(rows, reports):
        pred = "commercial" in flagged_categories(rep)
        c["tp"] += r["spam"] and pred
        c["fp"] += (not r["spam"]) and pred
        c["fn"] += r["spam"] and not pred
    return {"rows": len(rows), "commercial": prf(**c)}


STRUCTURED = {"EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "IP_ADDRESS", "UK_NHS", "UK_NINO"}


def eval_presidio(screener: Screener, split: str = "test", show_errors: bool = False) -> dict:
    from screening.datasets import presidio_synth

    from screening.datasets import split_of

    rows = [r for i, r in enumerate(presidio_synth()) if split_of(f"synth-{i}") == split]
    reports = screener.screen_many([r["full_text"] for r in rows])
    per_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    pred_struct = unmatched = 0
    names = [0, 0]
    for r, rep in zip(rows, reports):
        ident_spans = [s for f in rep.findings if f.rule_id == "personal_data.identifiers" and f.score >= 0.45 for s in f.spans]
        name_spans = [s for f in rep.findings if f.rule_id == "personal_data.private_individuals" for s in f.spans]
        labelled = r["spans"]
        for sp in labelled:
            t = sp["entity_type"]
            a, b = sp["start_position"], sp["end_position"]
            if t in STRUCTURED:
                hit = any(s.start < b and a < s.end for s in ident_spans)
                if show_errors and not hit:
                    print(f"  PII miss {t}: {sp['entity_value']!r}")
                per_type[t][0] += hit
                per_type[t][1] += 1
            if t == "PERSON":
                names[1] += 1
                names[0] += any(s.start < b and a < s.end for s in name_spans)
        for s in ident_spans:
            pred_struct += 1
            if not any(s.start < sp["end_position"] and sp["start_position"] < s.end for sp in labelled):
                unmatched += 1
    found = sum(v[0] for v in per_type.values())
    total = sum(v[1] for v in per_type.values())
    # Presidio baseline (same UK recognizers as the benchmark) on the same texts, same scoring.
    from screening.presidio_baseline import build_analyzer

    analyzer = build_analyzer()
    b_found = 0
    for r in rows:
        results = [x for x in analyzer.analyze(r["full_text"], language="en") if x.score >= 0.4]
        for sp in r["spans"]:
            if sp["entity_type"] in STRUCTURED:
                b_found += any(x.start < sp["end_position"] and sp["start_position"] < x.end for x in results)
    return {
        "presidio_baseline_structured_recall": round(b_found / total, 3) if total else 0.0,
        "split": split,
        "texts": len(rows),
        "structured_recall": round(found / total, 3) if total else 0.0,
        "structured_precision": round((pred_struct - unmatched) / pred_struct, 3) if pred_struct else 0.0,
        "structured_per_type": {k: f"{v[0]}/{v[1]}" for k, v in sorted(per_type.items())},
        "person_names_recall_no_context": round(names[0] / names[1], 3) if names[1] else 0.0,
    }


def eval_political(screener: Screener) -> dict:
    from screening.datasets import political_us, sentimp_uk, split_of

    us = political_us()
    reports = screener.screen_many([r["text"] for r in us], Context(channel="official"))
    c = {"tp": 0, "fp": 0, "fn": 0}
    for r, rep in zip(us, reports):
        pred = "political" in flagged_categories(rep)
        c["tp"] += r["partisan"] and pred
        c["fp"] += (not r["partisan"]) and pred
        c["fn"] += r["partisan"] and not pred
    out = {"us_partisan_vs_neutral": {"rows": len(us), "note": "the political head was trained on these rows (all as political)", **prf(**c)}}
    uk = sentimp_uk()
    for split in ("test", "train"):
        rows = [r for r in uk if split_of("uk-" + r["id"]) == split]
        reps = screener.screen_many([r["text"] for r in rows], Context(channel="official"))
        flagged = sum("political" in flagged_categories(rep) for rep in reps)
        by_rules = sum(any(f.category == "political" and f.severity in FLAGGING and not f.evidence.startswith("political model")
                           for f in rep.findings) for rep in reps)
        out[f"uk_mp_tweets_{split}"] = {"rows": len(rows), "flagged_political": flagged, "recall": round(flagged / len(rows), 3),
                                        "recall_rules_only": round(by_rules / len(rows), 3)}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", choices=["council", "functional", "davidson", "sms", "presidio", "political"], action="append")
    ap.add_argument("--split", choices=["dev", "heldout"], action="append")
    ap.add_argument("--errors", action="store_true", help="print every miss (use on the dev split only)")
    ap.add_argument("--json", type=Path, help="write the summary here")
    ap.add_argument("--write-docs", action="store_true", help="update the Results section of docs/screening.md")
    args = ap.parse_args()
    wanted = set(args.only or ["council", "functional", "davidson", "sms", "presidio", "political"])
    t0 = time.perf_counter()
    screener = Screener(load_policy()).warm_up()
    summary: dict = {"engine_version": screener.engine_version, "policy_version": screener.policy_version}
    if "council" in wanted:
        for split in args.split or ["dev", "heldout"]:
            summary[f"council_{split}"] = eval_council(screener, split, args.errors and split == "dev")
    if "council" in wanted:
        for split in args.split or ["dev", "heldout"]:
            summary[f"private_names_{split}"] = eval_private_names(screener, split, args.errors and split == "dev")
    if "functional" in wanted:
        summary["functional_hate"] = eval_functional(screener, args.errors)
        summary["functional_hate_heldout"] = eval_functional(screener, False, "functional_hate_heldout.jsonl")
    if "davidson" in wanted:
        summary["davidson_test_split"] = eval_davidson(screener)
    if "sms" in wanted:
        summary["sms_spam_test_split"] = eval_sms(screener)
    if "presidio" in wanted:
        for split in ("train", "test"):
            summary[f"presidio_synth_{'dev' if split == 'train' else 'test'}"] = eval_presidio(
                screener, split, args.errors and split == "train")
    if "political" in wanted:
        summary["political"] = eval_political(screener)
    summary["seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(summary, indent=2))
    if args.write_docs:
        from screening.report import write_results

        write_results(summary, " ".join(["scripts/screening_eval.py"] + sys.argv[1:]))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(summary, indent=2) + "\n")


if __name__ == "__main__":
    main()
