"""The rule contract and the registry that built-in and council rules share.

Like Presidio recognizers: a rule is a small class with an id, a version, the clause it
enforces, a category, a lazy `load()` for heavy assets and `check(text, context)` returning
findings. Built-in rules register with `@register`; council rules declared in YAML are built
by *rule kinds* registered with `@register_kind` — the same extension point.
"""

from __future__ import annotations

from typing import Any, Callable, ClassVar, Iterable, Mapping, Sequence

from .config import RuleSettings, ScreeningSettings, Thresholds
from .context import Context
from .findings import Finding, Span, cap_severity
from .text import Document, as_document


class Rule:
    """Base class for screening rules."""

    id: ClassVar[str] = ""
    version: ClassVar[str] = "1"
    clause_id: ClassVar[str] = ""
    category: ClassVar[str] = ""
    related_clauses: ClassVar[tuple[str, ...]] = ()
    description: ClassVar[str] = ""
    default_threshold: ClassVar[float] = 0.3  # findings scoring below this are not reported
    max_severity: ClassVar[str] = "block"

    def __init__(self, settings: ScreeningSettings, rule_settings: RuleSettings | None = None) -> None:
        self.settings = settings
        self.rule_settings = rule_settings or settings.rule(self.id)
        self.threshold = (
            self.rule_settings.threshold if self.rule_settings.threshold is not None else self.default_threshold
        )
        self.severity_cap = self.rule_settings.severity or self.max_severity
        self.loaded = False

    # --- lifecycle -----------------------------------------------------------------------
    def load(self) -> None:
        """Load heavy assets (models, big lexicons). Called once, before the first check."""
        self.loaded = True

    def ensure_loaded(self) -> None:
        if not self.loaded:
            self.load()
            self.loaded = True

    # --- checking ------------------------------------------------------------------------
    def check(self, text: str, context: Context) -> list[Finding]:
        """Findings for one text (only those at or above the rule's threshold)."""
        self.ensure_loaded()
        return [f for f in self.candidates(as_document(text), context) if f.score >= self.threshold]

    def check_many(self, docs: Sequence[Document], contexts: Sequence[Context]) -> list[list[Finding]]:
        """Batch form; rules with a vectorised model override this."""
        return [self.candidates(d, c) for d, c in zip(docs, contexts)]

    def candidates(self, doc: Document, context: Context) -> list[Finding]:
        """Every candidate finding, whatever its score (the engine applies the threshold)."""
        raise NotImplementedError

    # --- helpers for subclasses ------------------------------------------------------------
    def thresholds(self, context: Context) -> Thresholds:
        if context.audience == "children":
            return self.settings.child_thresholds
        return self.settings.thresholds

    def finding(
        self,
        context: Context,
        *,
        score: float,
        spans: Iterable[Span] = (),
        evidence: str = "",
        message: str,
        severity: str | None = None,
        clause_id: str | None = None,
    ) -> Finding:
        score = max(0.0, min(1.0, float(score)))
        level = severity or self.thresholds(context).severity(score)
        return Finding(
            rule_id=self.id,
            rule_version=self.version,
            clause_id=clause_id or self.clause_id,
            category=self.category,
            severity=cap_severity(level, self.severity_cap),
            score=score,
            spans=tuple(spans),
            evidence=evidence,
            message=message,
            related_clauses=self.related_clauses,
        )


_RULES: dict[str, type[Rule]] = {}
_KINDS: dict[str, Callable[[ScreeningSettings, Mapping[str, Any]], Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator: add a rule class to the registry under its id."""
    if not cls.id or not cls.clause_id or not cls.category:
        raise TypeError(f"{cls.__name__} needs id, clause_id and category")
    if cls.id in _RULES and _RULES[cls.id] is not cls:
        raise ValueError(f"rule id {cls.id!r} is already registered")
    _RULES[cls.id] = cls
    return cls


def register_kind(kind: str) -> Callable:
    """Register a factory that builds a rule from a YAML definition (`custom:` entries)."""

    def decorate(factory: Callable[[ScreeningSettings, Mapping[str, Any]], Rule]) -> Callable:
        _KINDS[kind] = factory
        return factory

    return decorate


def registered_rules() -> dict[str, type[Rule]]:
    _load_builtins()
    return dict(sorted(_RULES.items()))


def rule_kinds() -> dict[str, Callable]:
    _load_builtins()
    return dict(_KINDS)


def _load_builtins() -> None:
    from . import rules  # noqa: F401  (importing registers the built-in rules)
