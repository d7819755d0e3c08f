"""Our own HateCheck-style functional tests (Röttger et al. 2021 categories, our wording).

The cases are built by scripts/screening/build_functional_hate.py; the held-out file is only
measured by `make eval`, this test uses the dev file. Every functionality must be mostly right.
"""

from collections import defaultdict

from .conftest import read_jsonl


def _hateful(report) -> bool:
    return any(f.category == "hate" and f.severity in ("review", "block") for f in report.findings)


def test_functional_cases(screener):
    rows = read_jsonl("functional_hate.jsonl")
    reports = screener.screen_many([r["text"] for r in rows])
    results = defaultdict(list)
    wrong = []
    for row, report in zip(rows, reports):
        ok = _hateful(report) == (row["label"] == "hateful")
        results[row["functionality"]].append(ok)
        if not ok:
            wrong.append((row["functionality"], row["text"]))
    total = [ok for oks in results.values() for ok in oks]
    non_hateful = [ok for row, report in zip(rows, reports) if row["label"] == "non-hateful" for ok in [not _hateful(report)]]
    assert sum(total) / len(total) >= 0.9, wrong[:20]
    assert sum(non_hateful) / len(non_hateful) >= 0.85, wrong[:20]
    weak = {k: f"{sum(v)}/{len(v)}" for k, v in results.items() if sum(v) / len(v) < 0.7}
    assert not weak, weak
