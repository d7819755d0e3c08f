"""Value objects produced by the screening engine: spans, findings and reports."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SEVERITIES = ("advise", "review", "block")
VERDICTS = ("pass", "review", "block")
_SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}

# Categories used by built-in rules (custom rules may name any of these).
CATEGORIES = (
    "personal_data",
    "safeguarding",
    "offensive",
    "hate",
    "abuse",
    "bullying",
    "defamation",
    "copyright",
    "political",
    "financial_interest",
    "commercial",
    "capacity",
    "pre_election",
    "custom",
)


def severity_rank(severity: str) -> int:
    return _SEVERITY_RANK[severity]


def cap_severity(severity: str, cap: str) -> str:
    """The lower of two severities."""
    return severity if _SEVERITY_RANK[severity] <= _SEVERITY_RANK[cap] else cap


@dataclass(frozen=True, slots=True)
class Span:
    """A character range [start, end) in the text as the caller gave it."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found by one rule, with the clause it breaks and a sentence a clerk understands."""

    rule_id: str
    rule_version: str
    clause_id: str
    category: str
    severity: str
    score: float
    spans: tuple[Span, ...]
    evidence: str
    message: str
    related_clauses: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["spans"] = [asdict(s) for s in self.spans]
        data["related_clauses"] = list(self.related_clauses)
        data["score"] = round(self.score, 4)
        return data


@dataclass(frozen=True, slots=True)
class Report:
    """The result of screening one text."""

    verdict: str
    findings: tuple[Finding, ...]
    policy_version: str
    engine_version: str
    timings: dict[str, float] = field(default_factory=dict, compare=False)
    scores: dict[str, float] = field(default_factory=dict)

    @property
    def clauses(self) -> tuple[str, ...]:
        return tuple(sorted({f.clause_id for f in self.findings}))

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(sorted({f.category for f in self.findings}))

    def flagged(self) -> bool:
        return self.verdict != "pass"

    def to_dict(self, *, include_timings: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "verdict": self.verdict,
            "findings": [f.to_dict() for f in self.findings],
            "policy_version": self.policy_version,
            "engine_version": self.engine_version,
        }
        if self.scores:
            data["scores"] = {k: round(v, 4) for k, v in self.scores.items()}
        if include_timings:
            data["timings_ms"] = {k: round(v, 4) for k, v in self.timings.items()}
        return data


def verdict_for(findings: tuple[Finding, ...] | list[Finding]) -> str:
    """`block` if any finding blocks, `review` if any needs review, else `pass` (advice never holds a post)."""
    worst = "pass"
    for finding in findings:
        if finding.severity == "block":
            return "block"
        if finding.severity == "review":
            worst = "review"
    return worst
