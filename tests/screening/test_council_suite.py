"""The project's own suite of realistic council posts (dev split; `make eval` also scores held-out)."""

from .conftest import read_jsonl
from herald.screening import Context


def test_dev_suite(screener):
    rows = read_jsonl("council_posts_dev.jsonl")
    assert sum(r["expect"] == "pass" for r in rows) >= 300
    assert sum(r["expect"] == "flag" for r in rows) >= 300
    reports = [screener.screen(r["text"], Context.from_dict(r["context"])) for r in rows]
    wrongly_flagged = [r["text"] for r, rep in zip(rows, reports) if r["expect"] == "pass" and rep.verdict != "pass"]
    missed = [r["text"] for r, rep in zip(rows, reports) if r["expect"] == "flag" and rep.verdict == "pass"]
    n_pass = sum(r["expect"] == "pass" for r in rows)
    n_flag = len(rows) - n_pass
    assert len(wrongly_flagged) / n_pass <= 0.03, wrongly_flagged
    assert len(missed) / n_flag <= 0.05, missed


def test_labelled_clauses_exist_in_policy(policy):
    ids = {c["id"] for c in policy["clauses"]}
    for name in ("council_posts_dev.jsonl", "council_posts_heldout.jsonl"):
        for r in read_jsonl(name):
            assert r["expect"] in ("pass", "flag")
            if r["expect"] == "flag":
                assert r["clause"] in ids and r["category"]
