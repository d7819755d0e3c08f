"""The screener: runs every enabled rule over a text and turns findings into a verdict."""

from __future__ import annotations

import logging
import time
from typing import Any, Mapping, Sequence

from .config import ScreeningSettings, parse_settings, policy_version
from .context import DEFAULT_CONTEXT, Context
from .errors import InvalidInput, PolicyConfigError
from .findings import Finding, Report, verdict_for
from .registry import Rule, registered_rules, rule_kinds
from .text import Document, validate_text
from .version import ENGINE_VERSION


MAX_FINDINGS_PER_RULE = 25
log = logging.getLogger("herald.screening")


def _rule_failed(rule: Rule, exc: Exception) -> Finding:
    """A rule that crashes must not let a post through unchecked, nor crash the screener."""
    return Finding(
        rule_id=rule.id, rule_version=rule.version, clause_id=rule.clause_id, category=rule.category,
        severity="review", score=1.0, spans=(), evidence=f"internal error: {type(exc).__name__}",
        message=f"The check {rule.id} could not run on this post; please review it by hand.",
    )


def _run_rule(rule: Rule, docs: list[Document], ctxs: list[Context]) -> list[list[Finding]]:
    try:
        rule.ensure_loaded()
        return rule.check_many(docs, ctxs)
    except Exception:  # isolate the failing text(s), keep the others' results
        results: list[list[Finding]] = []
        for doc, ctx in zip(docs, ctxs):
            try:
                results.append(rule.check_many([doc], [ctx])[0])
            except Exception as exc:
                log.exception("screening rule %s failed", rule.id)
                results.append([_rule_failed(rule, exc)])
        return results


def _sort_key(f: Finding) -> tuple:
    first = f.spans[0].start if f.spans else -1
    return (first, f.rule_id, f.clause_id, -f.score, f.message)


class Screener:
    """`Screener(policy).screen(text, context) -> Report`.

    `policy` is the parsed policy YAML document (a plain dict), optionally with a `version` key.
    Rules are built from the registry and configured by `settings.screening`; heavy assets load on
    first use (or at once with `warm_up()`).
    """

    def __init__(self, policy: Mapping[str, Any], *, rules: Sequence[str] | None = None) -> None:
        self.policy_version = policy_version(policy)
        self.settings: ScreeningSettings = parse_settings(policy)
        self.engine_version = ENGINE_VERSION
        self.rules: list[Rule] = []
        for rule_id, cls in registered_rules().items():
            if rules is not None and rule_id not in rules:
                continue
            rule_settings = self.settings.rule(rule_id)
            if rule_settings.enabled:
                self.rules.append(cls(self.settings, rule_settings))
        kinds = rule_kinds()
        seen = {r.id for r in self.rules}
        for definition in self.settings.custom:
            kind = str(definition.get("kind", "wordlist"))
            if kind not in kinds:
                raise PolicyConfigError(f"unknown custom rule kind {kind!r}; known: {sorted(kinds)}")
            rule = kinds[kind](self.settings, definition)
            if rule.id in seen:
                raise PolicyConfigError(f"custom rule id {rule.id!r} is already used")
            seen.add(rule.id)
            if rules is None or rule.id in rules:
                self.rules.append(rule)

    # --- public API ------------------------------------------------------------------------
    def warm_up(self) -> "Screener":
        for rule in self.rules:
            rule.ensure_loaded()
        return self

    def rule_ids(self) -> list[str]:
        return [r.id for r in self.rules]

    def screen(self, text: str, context: Context | None = None, *, explain: bool = False) -> Report:
        return self.screen_many([text], [context or DEFAULT_CONTEXT], explain=explain)[0]

    def screen_many(
        self,
        texts: Sequence[str],
        contexts: Sequence[Context | None] | Context | None = None,
        *,
        explain: bool = False,
    ) -> list[Report]:
        """Screen many texts at once (vectorised rules run once per batch)."""
        start = time.perf_counter()
        if isinstance(texts, (str, bytes)):
            raise InvalidInput("screen_many takes a sequence of texts, not one text", code="invalid_type")
        if contexts is None or isinstance(contexts, Context):
            ctxs: list[Context] = [contexts or DEFAULT_CONTEXT] * len(texts)
        else:
            ctxs = [c or DEFAULT_CONTEXT for c in contexts]
            if len(ctxs) != len(texts):
                raise InvalidInput("screen_many needs one context per text (or a single context)")
        docs: list[Document] = []
        for index, text in enumerate(texts):
            try:
                docs.append(Document(validate_text(text, max_chars=self.settings.max_chars)))
            except InvalidInput as exc:
                if len(texts) > 1:
                    raise InvalidInput(f"text #{index}: {exc.message}", code=exc.code) from None
                raise
        prepared = time.perf_counter()
        per_text: list[list[Finding]] = [[] for _ in docs]
        scores: list[dict[str, float]] = [{} for _ in docs]
        timings: dict[str, float] = {"prepare": (prepared - start) * 1000}
        for rule in self.rules:
            t0 = time.perf_counter()
            results = _run_rule(rule, docs, ctxs)
            threshold = rule.threshold
            for i, candidates in enumerate(results):
                if not candidates:
                    if explain:
                        scores[i][rule.id] = 0.0
                    continue
                if len(candidates) > MAX_FINDINGS_PER_RULE:
                    candidates = sorted(candidates, key=lambda f: -f.score)[:MAX_FINDINGS_PER_RULE]
                if explain:
                    scores[i][rule.id] = max(f.score for f in candidates)
                per_text[i].extend([f for f in candidates if f.score >= threshold])
            timings[rule.id] = (time.perf_counter() - t0) * 1000
        total = (time.perf_counter() - start) * 1000
        timings["total"] = total
        n = len(docs) or 1
        per_item = {k: v / n for k, v in timings.items()}
        reports = []
        for findings, rule_scores in zip(per_text, scores):
            ordered = tuple(sorted(_dedupe(findings), key=_sort_key))
            reports.append(
                Report(
                    verdict=verdict_for(ordered),
                    findings=ordered,
                    policy_version=self.policy_version,
                    engine_version=self.engine_version,
                    timings=per_item,
                    scores=rule_scores,
                )
            )
        return reports


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple] = set()
    out = []
    for f in findings:
        key = (f.rule_id, f.clause_id, tuple((s.start, s.end) for s in f.spans), f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
