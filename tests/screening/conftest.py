"""Shared fixtures for the screening tests: one warmed-up screener per session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from herald.screening import Context, Screener, load_policy

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def policy() -> dict:
    return load_policy()


@pytest.fixture(scope="session")
def screener(policy) -> Screener:
    return Screener(policy).warm_up()


@pytest.fixture(scope="session")
def check(screener):
    """check(rule_id, text, context=None) -> findings of that rule at review or block."""

    by_id = {r.id: r for r in screener.rules}

    def _check(rule_id: str, text: str, context: Context | dict | None = None, *, min_severity: str = "review"):
        ctx = context if isinstance(context, Context) else Context.from_dict(context)
        findings = by_id[rule_id].check(text, ctx)
        allowed = {"advise": ("advise", "review", "block"), "review": ("review", "block"), "block": ("block",)}[min_severity]
        return [f for f in findings if f.severity in allowed]

    return _check


def read_jsonl(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]
