"""Render `make eval` results into the "## Results" section of docs/screening.md."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "screening.md"
START = "<!-- results:start (written by scripts/screening_eval.py --write-docs) -->"
END = "<!-- results:end -->"


def _pct(x: float) -> str:
    return f"{100 * x:.1f} %"


def _cat_table(per_cat: dict) -> list[str]:
    lines = ["| category | precision | recall | F1 | TP | FP | FN |", "|---|---:|---:|---:|---:|---:|---:|"]
    for cat, m in per_cat.items():
        lines.append(f"| {cat} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['tp']} | {m['fp']} | {m['fn']} |")
    return lines


def render(s: dict, command: str) -> str:
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out = [START, "", f"Measured {now} with `make eval` (`.venv/bin/python {command}`), engine {s['engine_version']}, "
           f"policy {s['policy_version']} (the Stalbridge seed). \"Flagged\" means a finding at `review` or `block`.", ""]
    for split in ("dev", "heldout"):
        c = s.get(f"council_{split}")
        if not c:
            continue
        title = "held-out split (never tuned on)" if split == "heldout" else "dev split (tuned on)"
        out += [f"### Council posts — {title}", "",
                f"- ordinary posts wrongly flagged: **{c['ordinary_wrongly_flagged']} of {c['ordinary_posts']} = {_pct(c['false_positive_rate'])}** (target ≤ 3 %)",
                f"- posts that must be flagged and were: **{c['flagged']} of {c['posts_to_flag']} = {_pct(c['flag_recall'])}**",
                f"- offensive or abusive (offensive + hate + bullying + abuse together): precision **{c['offensive_or_abusive']['precision']:.3f}**, "
                f"recall **{c['offensive_or_abusive']['recall']:.3f}** (target recall ≥ 0.9 at precision ≥ 0.85)", ""]
        pn = s.get(f"private_names_{split}")
        if pn:
            out += [f"- private individuals' names in context (span found): **recall {pn['recall']:.3f}** on {pn['cases']} cases (target ≥ 0.8)", ""]
        out += _cat_table(c["per_category"]) + [""]
    for key, title in (("functional_hate", "dev templates"), ("functional_hate_heldout", "held-out templates")):
        f = s.get(key)
        if f:
            out += [f"### Functional hate tests (our own, HateCheck categories) — {title}", "",
                    f"{f['cases']} cases: **{_pct(f['accuracy'])} correct overall**, {_pct(f['accuracy_hateful'])} of hateful cases, "
                    f"**{_pct(f['accuracy_non_hateful'])} of non-hateful (tricky) cases** (targets ≥ 80 % and ≥ 70 %; Perspective: 76.6 % / 48.2 %).", "",
                    "Per functionality: " + ", ".join(f"{k} {v}" for k, v in f["per_functionality"].items()) + ".", ""]
    d = s.get("davidson_test_split")
    if d:
        o, h = d["offensive_or_abusive"], d["hate"]
        out += ["### Davidson et al. 2017 tweets (30 % test split by row hash)", "",
                f"- offensive or abusive (classes 0+1 vs 2), any offensive/hate/bullying/abuse finding: precision **{o['precision']:.3f}**, recall **{o['recall']:.3f}**, F1 {o['f1']:.3f} ({d['rows']} tweets).",
                f"- hate (class 0 vs rest), hate finding: precision {h['precision']:.3f}, recall {h['recall']:.3f}, F1 {h['f1']:.3f}.",
                "- Caveat: alt-profanity-check was trained on Davidson (all rows), so the offensive numbers are optimistic; "
                "Davidson's \"hate\" labels are slur-heavy US tweets with much disagreement.", ""]
    m = s.get("sms_spam_test_split")
    if m:
        c = m["commercial"]
        out += ["### SMS Spam Collection (30 % test split; the commercial head was trained on the other 70 %)", "",
                f"- commercial promotion: precision **{c['precision']:.3f}**, recall **{c['recall']:.3f}**, **F1 {c['f1']:.3f}** ({m['rows']} messages, target F1 ≥ 0.9).", ""]
    for key, title in (("presidio_synth_test", "test split"), ("presidio_synth_dev", "dev split (tuned on)")):
        p = s.get(key)
        if p:
            out += [f"### Presidio synthetic PII — {title}", "",
                    f"- structured identifiers (email, phone, card, IBAN, SSN, IP): recall **{p['structured_recall']:.3f}**, "
                    f"precision {p['structured_precision']:.3f} on {p['texts']} texts (target recall ≥ 0.95). Per type: "
                    + ", ".join(f"{k} {v}" for k, v in p["structured_per_type"].items())
                    + f". Presidio baseline (same recognizers as the benchmark, score ≥ 0.4) on the same texts: recall {p['presidio_baseline_structured_recall']:.3f}.",
                    f"- PERSON spans found without any context: {p['person_names_recall_no_context']:.3f} (by design: a bare name is not a finding).", ""]
    pol = s.get("political")
    if pol:
        t = pol.get("uk_mp_tweets_test", {})
        u = pol["us_partisan_vs_neutral"]
        out += ["### Political text", "",
                f"- UK MPs' tweets (SentiMP-21, 30 % test split never trained on), as if posted on an official council profile: "
                f"**recall {t.get('recall', 0):.3f}** ({t.get('flagged_political', 0)} of {t.get('rows', 0)}); rules alone {t.get('recall_rules_only', 0):.3f} (target ≥ 0.85).",
                f"- US politicians' posts, partisan vs neutral: precision {u['precision']:.3f}, recall {u['recall']:.3f}, F1 {u['f1']:.3f} "
                "(the political head saw these rows in training, labelled only as political, so this is not independent).", ""]
    out.append(END)
    return "\n".join(out)


def write_results(summary: dict, command: str) -> None:
    text = DOC.read_text(encoding="utf-8")
    block = render(summary, command)
    if START in text and END in text:
        text = text[: text.index(START)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n## Results\n\n" + block + "\n"
    DOC.write_text(text, encoding="utf-8")
