"""Reading the `settings.screening` block of a policy document.

Everything is optional; the defaults below are what a council gets without configuring anything.

```yaml
settings:
  screening:
    thresholds: {review: 0.5, block: 0.85}          # score cut-offs for severities
    child_audience_thresholds: {review: 0.3, block: 0.6}
    max_chars: 100000
    council_name: Stalbridge Town Council
    council_services: [allotments, hall hire, ...]  # tou.7: the council's own services/events
    approved_partners: [Stalbridge Community Trust] # tou.7: partner notices that may be shared
    allowlist: [Shitterton, blue tit]               # words never to treat as profane
    rules:                                          # per-rule overrides by rule id
      offensive.lexicon: {enabled: true, threshold: 0.3, severity: review}
    custom:                                         # council rules through the same registry
      - {id: custom.banned, kind: wordlist, clause: tou.1, category: offensive,
         words: [...], score: 0.9, message: "..."}
```
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from .errors import PolicyConfigError
from .findings import SEVERITIES
from .text import DEFAULT_MAX_CHARS


@dataclass(frozen=True)
class Thresholds:
    review: float = 0.5
    block: float = 0.85

    def severity(self, score: float) -> str:
        if score >= self.block:
            return "block"
        if score >= self.review:
            return "review"
        return "advise"


@dataclass(frozen=True)
class RuleSettings:
    enabled: bool = True
    threshold: float | None = None  # minimum score to report at all (rule default if None)
    severity: str | None = None  # ceiling severity (rule default if None)
    options: Mapping[str, Any] = field(default_factory=dict)


DEFAULT_COUNCIL_SERVICES = (
    "allotment", "allotments", "hall hire", "town hall", "community hall", "market", "markets",
    "cemetery", "burial", "bus pass", "parking", "car park", "permit", "recreation ground",
    "sports pitch", "pitch hire", "youth club", "christmas lights", "civic service", "mayor",
    "council tax", "bin", "bins", "recycling", "garden waste", "bulky waste", "library",
    "leisure centre", "tourist information", "museum", "fun day", "fireworks", "festival",
)


@dataclass(frozen=True)
class ScreeningSettings:
    thresholds: Thresholds = Thresholds()
    child_thresholds: Thresholds = Thresholds(review=0.3, block=0.6)
    max_chars: int = DEFAULT_MAX_CHARS
    council_name: str = "the Council"
    official_email_domains: tuple[str, ...] = ()
    council_services: tuple[str, ...] = DEFAULT_COUNCIL_SERVICES
    approved_partners: tuple[str, ...] = ()
    allowlist: tuple[str, ...] = ()
    long_quote_words: int = 40
    rules: Mapping[str, RuleSettings] = field(default_factory=dict)
    custom: tuple[Mapping[str, Any], ...] = ()

    def rule(self, rule_id: str) -> RuleSettings:
        return self.rules.get(rule_id) or RuleSettings()


def _thresholds(data: Any, default: Thresholds, where: str) -> Thresholds:
    if data is None:
        return default
    if not isinstance(data, Mapping):
        raise PolicyConfigError(f"{where} must be a mapping with 'review' and 'block'")
    try:
        review = float(data.get("review", default.review))
        block = float(data.get("block", default.block))
    except (TypeError, ValueError) as exc:
        raise PolicyConfigError(f"{where}: thresholds must be numbers") from exc
    if not (0.0 <= review <= block <= 1.0):
        raise PolicyConfigError(f"{where}: need 0 <= review <= block <= 1, got {review}, {block}")
    return Thresholds(review=review, block=block)


def _str_tuple(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, (list, tuple)):
        raise PolicyConfigError(f"{where} must be a list of strings")
    return tuple(str(v) for v in value)


_COUNCIL_NAME_RE = re.compile(r"\b(?:by|of)\s+((?:[A-Z][\w'-]+\s+){1,3}(?:Town|Parish|City)\s+Council)\b")


def _guess_council_name(policy: Mapping[str, Any]) -> str:
    for clause in policy.get("clauses") or ():
        if isinstance(clause, Mapping):
            m = _COUNCIL_NAME_RE.search(str(clause.get("text", "")))
            if m:
                return m.group(1)
    return "the Council"


def parse_settings(policy: Mapping[str, Any]) -> ScreeningSettings:
    if not isinstance(policy, Mapping):
        raise PolicyConfigError("policy must be a mapping (the parsed policy YAML document)")
    settings = policy.get("settings") or {}
    if not isinstance(settings, Mapping):
        raise PolicyConfigError("settings must be a mapping")
    data = settings.get("screening") or {}
    if not isinstance(data, Mapping):
        raise PolicyConfigError("settings.screening must be a mapping")
    rules: dict[str, RuleSettings] = {}
    for rule_id, raw in (data.get("rules") or {}).items():
        if raw is None:
            raw = {}
        if isinstance(raw, bool):
            raw = {"enabled": raw}
        if not isinstance(raw, Mapping):
            raise PolicyConfigError(f"settings.screening.rules.{rule_id} must be a mapping")
        severity = raw.get("severity")
        if severity is not None and severity not in SEVERITIES:
            raise PolicyConfigError(
                f"settings.screening.rules.{rule_id}.severity must be one of {SEVERITIES}"
            )
        threshold = raw.get("threshold")
        if threshold is not None:
            try:
                threshold = float(threshold)
            except (TypeError, ValueError) as exc:
                raise PolicyConfigError(f"settings.screening.rules.{rule_id}.threshold must be a number") from exc
        options = {k: v for k, v in raw.items() if k not in ("enabled", "threshold", "severity")}
        rules[str(rule_id)] = RuleSettings(
            enabled=bool(raw.get("enabled", True)), threshold=threshold, severity=severity, options=options
        )
    custom = data.get("custom") or ()
    if not isinstance(custom, (list, tuple)) or not all(isinstance(c, Mapping) for c in custom):
        raise PolicyConfigError("settings.screening.custom must be a list of mappings")
    services = data.get("council_services")
    return ScreeningSettings(
        thresholds=_thresholds(data.get("thresholds"), Thresholds(), "settings.screening.thresholds"),
        child_thresholds=_thresholds(
            data.get("child_audience_thresholds"), Thresholds(review=0.3, block=0.6),
            "settings.screening.child_audience_thresholds",
        ),
        max_chars=int(data.get("max_chars", DEFAULT_MAX_CHARS)),
        council_name=str(data.get("council_name") or _guess_council_name(policy)),
        official_email_domains=_str_tuple(
            tuple(settings.get("official_email_domains") or ()) + tuple(settings.get("partner_email_domains") or ()),
            "settings.official_email_domains",
        ),
        council_services=DEFAULT_COUNCIL_SERVICES if services is None else _str_tuple(services, "council_services"),
        approved_partners=_str_tuple(data.get("approved_partners"), "settings.screening.approved_partners"),
        allowlist=_str_tuple(data.get("allowlist"), "settings.screening.allowlist"),
        long_quote_words=int(data.get("long_quote_words", 40)),
        rules=rules,
        custom=tuple(custom),
    )


def policy_version(policy: Mapping[str, Any]) -> str:
    """The caller's `version` if given, else a content hash of the policy document."""
    version = policy.get("version") if isinstance(policy, Mapping) else None
    if version:
        return str(version)
    canonical = json.dumps(policy, sort_keys=True, default=str, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]
