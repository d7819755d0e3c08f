"""Council-defined rules from the policy YAML, built through the same registry as built-in rules.

```yaml
settings:
  screening:
    custom:
      - id: custom.local_banned_words
        kind: wordlist                 # or: pattern
        clause: tou.1
        category: offensive
        score: 0.9                     # severity follows the thresholds unless `severity` is set
        words: [gammon, snowflake]     # matched like the built-in lexicon (obfuscation-aware)
        message: "The post uses a term the Council has banned."
      - id: custom.project_codename
        kind: pattern
        clause: tou.1
        category: custom
        patterns: ['\\bProject\\s+Nightingale\\b']
        message: "Project Nightingale is confidential until the Council announces it."
```
Patterns run with the `regex` module and a time limit, so a badly written pattern cannot hang the screener.
"""

from __future__ import annotations

from typing import Any, Mapping

import regex

from ..config import RuleSettings, ScreeningSettings
from ..context import Context
from ..errors import PolicyConfigError
from ..findings import CATEGORIES, SEVERITIES, Finding
from ..lexicon import Lexicon, Term
from ..registry import Rule, register_kind
from ..text import Document

PATTERN_TIMEOUT_S = 0.05


class CustomRule(Rule):
    def __init__(self, settings: ScreeningSettings, definition: Mapping[str, Any]) -> None:
        rule_id = str(definition.get("id") or "")
        if not rule_id.startswith("custom."):
            raise PolicyConfigError(f"custom rule ids must start with 'custom.' (got {rule_id!r})")
        self.id = rule_id  # type: ignore[misc]
        self.clause_id = str(definition.get("clause") or "tou.1")  # type: ignore[misc]
        self.category = str(definition.get("category") or "custom")  # type: ignore[misc]
        if self.category not in CATEGORIES:
            raise PolicyConfigError(f"{rule_id}: category must be one of {CATEGORIES}")
        self.version = str(definition.get("version", "1"))  # type: ignore[misc]
        self.description = str(definition.get("description", "Council-defined rule"))  # type: ignore[misc]
        severity = definition.get("severity")
        if severity is not None and severity not in SEVERITIES:
            raise PolicyConfigError(f"{rule_id}: severity must be one of {SEVERITIES}")
        try:
            self.score = float(definition.get("score", 0.9))
        except (TypeError, ValueError) as exc:
            raise PolicyConfigError(f"{rule_id}: score must be a number") from exc
        self.message = str(definition.get("message") or f"The post matches the Council's rule {rule_id}.")
        self.fixed_severity = severity
        override = settings.rule(rule_id)
        super().__init__(settings, RuleSettings(enabled=override.enabled, threshold=override.threshold, severity=override.severity))


@register_kind("wordlist")
class WordListRule(CustomRule):
    def __init__(self, settings: ScreeningSettings, definition: Mapping[str, Any]) -> None:
        super().__init__(settings, definition)
        words = definition.get("words")
        if not isinstance(words, (list, tuple)) or not words:
            raise PolicyConfigError(f"{self.id}: a wordlist rule needs a non-empty 'words' list")
        self.lexicon = Lexicon([Term(str(w).lower().strip(), self.score, "custom") for w in words if str(w).strip()],
                               allowlist=settings.allowlist)

    def candidates(self, doc: Document, context: Context) -> list[Finding]:
        hits = self.lexicon.find(doc)
        if not hits:
            return []
        return [self.finding(
            context, score=self.score, severity=self.fixed_severity, spans=[h.span for h in hits],
            evidence="council word list: " + ", ".join(sorted({h.span.text for h in hits})), message=self.message,
        )]


@register_kind("pattern")
class PatternRule(CustomRule):
    def __init__(self, settings: ScreeningSettings, definition: Mapping[str, Any]) -> None:
        super().__init__(settings, definition)
        patterns = definition.get("patterns")
        if not isinstance(patterns, (list, tuple)) or not patterns:
            raise PolicyConfigError(f"{self.id}: a pattern rule needs a non-empty 'patterns' list")
        self.patterns = []
        for p in patterns:
            try:
                self.patterns.append(regex.compile(str(p), regex.IGNORECASE | regex.VERSION1))
            except regex.error as exc:
                raise PolicyConfigError(f"{self.id}: invalid pattern {p!r}: {exc}") from None

    def candidates(self, doc: Document, context: Context) -> list[Finding]:
        out = []
        for pattern in self.patterns:
            try:
                matches = list(pattern.finditer(doc.norm, timeout=PATTERN_TIMEOUT_S))
            except TimeoutError:
                out.append(self.finding(
                    context, score=0.5, severity="review", evidence=f"pattern timed out: {pattern.pattern}",
                    message=f"The Council's rule {self.id} could not finish checking this post; please review it by hand.",
                ))
                continue
            for m in matches[:20]:
                out.append(self.finding(
                    context, score=self.score, severity=self.fixed_severity, spans=[doc.span(m.start(), m.end())],
                    evidence=f"council pattern: {m.group(0)[:80]}", message=self.message,
                ))
        return out
