"""Reading a policy YAML document, with precise errors (file, line, what is wrong).

Plain Python: no Django. `parse_policy(text, source=...)` returns a PolicyDocument or raises
PolicyFileError naming the file and line. Nothing is loaded unless the whole file is valid.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

SCHEMA = "herald-policy/1"
CLAUSE_ID = re.compile(r"^[a-z][a-z_]*(\.[a-z0-9_]+)*$")
# Clauses Herald's rules and screens cite: every council's policy must have them.
REQUIRED_CLAUSES = ("purpose",) + tuple(f"tou.{n}" for n in range(1, 8)) + tuple(f"ident.{n}" for n in range(1, 7))
ROLES = ("clerk", "chair", "officer", "member")
KINDS = ("employee", "member", "partner", "contractor", "volunteer")

DEFAULT_SETTINGS: dict[str, Any] = {
    "official_email_domains": [],
    "partner_email_domains": [],
    "publish_directly_roles": ["clerk", "officer"],
    "approval_required_kinds": ["member", "partner", "contractor", "volunteer"],
    "review_interval_months": 12,
    "complaints": {"acknowledge_working_days": 5, "respond_working_days": 20, "appeal_window_working_days": 20},
    "screening": {"thresholds": {"review": 0.5, "block": 0.85}, "rules": {}},
    # How long records are kept before herald.records.retention purges or anonymises them (docs/retention.md).
    "retention": {"complaint_files": "6 years", "removed_posts": "13 months", "rejected_posts": "2 years",
                  "stale_drafts": "1 year", "sign_in_attempts": "90 days", "api_tokens": "1 year",
                  "audit_log": "forever"},
}


class PolicyFileError(ValueError):
    def __init__(self, source: str, line: int | None, message: str):
        self.source, self.line, self.message = source, line, message
        where = f"{source}, line {line}" if line else source
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class ClauseText:
    id: str
    section: str
    title: str
    text: str


@dataclass(frozen=True)
class PolicyDocument:
    title: str
    adopted_on: dt.date | None
    review_due: dt.date
    clauses: tuple[ClauseText, ...]
    settings: dict[str, Any]
    source_text: str
    data: dict[str, Any] = field(repr=False)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.source_text.encode("utf-8")).hexdigest()


class _Checker:
    def __init__(self, source: str):
        self.source = source

    def fail(self, node: yaml.Node | None, message: str) -> PolicyFileError:
        line = node.start_mark.line + 1 if node is not None else None
        return PolicyFileError(self.source, line, message)

    def mapping(self, node: yaml.Node, what: str) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a mapping of names to values")
        out: dict[str, yaml.Node] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                raise self.fail(key, f"{what}: names must be plain text")
            if key.value in out:
                raise self.fail(key, f"{what}: {key.value!r} appears twice")
            out[key.value] = value
        return out

    def keys(self, node: yaml.Node, found: dict[str, yaml.Node], allowed: tuple[str, ...], required: tuple[str, ...], what: str):
        for name, value in found.items():
            if name not in allowed:
                raise self.fail(value, f"{what}: unknown setting {name!r} (allowed: {', '.join(allowed)})")
        for name in required:
            if name not in found:
                raise self.fail(node, f"{what}: {name!r} is missing")

    def text(self, node: yaml.Node, what: str) -> str:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str" or not node.value.strip():
            raise self.fail(node, f"{what} must be some text")
        return node.value

    def date(self, node: yaml.Node, what: str, *, optional: bool = False) -> dt.date | None:
        if optional and isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":
            return None
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:timestamp":
            try:
                value = yaml.SafeLoader(node.value).construct_yaml_timestamp(node)
            except ValueError:
                raise self.fail(node, f"{what}: {node.value!r} is not a real date") from None
            return value.date() if isinstance(value, dt.datetime) else value
        shown = getattr(node, "value", "")
        raise self.fail(node, f"{what} must be a date like 2026-05-07, not {shown!r}")

    def whole(self, node: yaml.Node, what: str, low: int, high: int) -> int:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:int":
            raise self.fail(node, f"{what} must be a whole number")
        value = int(node.value)
        if not low <= value <= high:
            raise self.fail(node, f"{what} must be between {low} and {high}, not {value}")
        return value

    def number(self, node: yaml.Node, what: str) -> float:
        if not isinstance(node, yaml.ScalarNode) or node.tag not in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
            raise self.fail(node, f"{what} must be a number between 0 and 1")
        value = float(node.value)
        if not 0 <= value <= 1:
            raise self.fail(node, f"{what} must be between 0 and 1, not {value}")
        return value

    def words(self, node: yaml.Node, what: str, choices: tuple[str, ...] | None = None) -> list[str]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"{what} must be a list")
        out = []
        for item in node.value:
            value = self.text(item, f"{what} entries")
            if choices and value not in choices:
                raise self.fail(item, f"{what}: {value!r} is not one of {', '.join(choices)}")
            out.append(value)
        return out


def parse_policy(text: str, *, source: str = "<policy>") -> PolicyDocument:
    check = _Checker(source)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise PolicyFileError(source, mark.line + 1 if mark else None,
                              f"this is not valid YAML ({exc.problem or exc.context})") from None
    except yaml.reader.ReaderError as exc:
        raise PolicyFileError(source, text[: exc.position].count("\n") + 1,
                              f"the file contains a character YAML does not allow (code {exc.character:#x})") from None
    if root is None:
        raise PolicyFileError(source, None, "the file is empty")
    top = check.mapping(root, "the document")
    check.keys(root, top, ("schema", "policy", "clauses", "settings"), ("schema", "policy", "clauses"), "the document")
    if check.text(top["schema"], "schema") != SCHEMA:
        raise check.fail(top["schema"], f"schema must be {SCHEMA!r}")

    meta = check.mapping(top["policy"], "policy")
    check.keys(top["policy"], meta, ("title", "adopted_on", "review_due"), ("title", "review_due"), "policy")
    title = check.text(meta["title"], "policy title")
    adopted_on = check.date(meta["adopted_on"], "adopted_on", optional=True) if "adopted_on" in meta else None
    review_due = check.date(meta["review_due"], "review_due")
    if adopted_on and review_due <= adopted_on:
        raise check.fail(meta["review_due"], "review_due must be after adopted_on")

    if not isinstance(top["clauses"], yaml.SequenceNode) or not top["clauses"].value:
        raise check.fail(top["clauses"], "clauses must be a list with at least one clause")
    clauses: list[ClauseText] = []
    seen: set[str] = set()
    for node in top["clauses"].value:
        fields = check.mapping(node, "each clause")
        check.keys(node, fields, ("id", "section", "title", "text"), ("id", "title", "text"), "clause")
        cid = check.text(fields["id"], "clause id")
        if not CLAUSE_ID.match(cid):
            raise check.fail(fields["id"], f"clause id {cid!r} must look like 'tou.3' (lower-case words and dots)")
        if cid in seen:
            raise check.fail(fields["id"], f"clause id {cid!r} is used twice")
        seen.add(cid)
        section = check.text(fields["section"], "section") if "section" in fields else ""
        clauses.append(ClauseText(cid, section, check.text(fields["title"], "clause title"),
                                  check.text(fields["text"], "clause text").strip()))
    missing = [c for c in REQUIRED_CLAUSES if c not in seen]
    if missing:
        raise check.fail(top["clauses"], f"these clauses are missing: {', '.join(missing)}")

    settings = copy.deepcopy(DEFAULT_SETTINGS)
    if "settings" in top:
        _check_settings(check, top["settings"], settings)

    return PolicyDocument(title=title, adopted_on=adopted_on, review_due=review_due, clauses=tuple(clauses),
                          settings=settings, source_text=text, data=yaml.safe_load(text))


def _check_settings(check: _Checker, node: yaml.Node, settings: dict[str, Any]) -> None:
    found = check.mapping(node, "settings")
    check.keys(node, found, tuple(DEFAULT_SETTINGS), (), "settings")
    for name in ("official_email_domains", "partner_email_domains"):
        if name in found:
            domains = [d.lower() for d in check.words(found[name], name)]
            for item, domain in zip(found[name].value, domains):
                if not re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", domain):
                    raise check.fail(item, f"{name}: {domain!r} is not a domain name like example.gov.uk")
            settings[name] = domains
    if "publish_directly_roles" in found:
        settings["publish_directly_roles"] = check.words(found["publish_directly_roles"], "publish_directly_roles", ROLES)
    if "approval_required_kinds" in found:
        settings["approval_required_kinds"] = check.words(found["approval_required_kinds"], "approval_required_kinds", KINDS)
    if "review_interval_months" in found:
        settings["review_interval_months"] = check.whole(found["review_interval_months"], "review_interval_months", 1, 60)
    if "complaints" in found:
        periods = check.mapping(found["complaints"], "complaints")
        allowed = tuple(DEFAULT_SETTINGS["complaints"])
        check.keys(found["complaints"], periods, allowed, (), "complaints")
        for name, value in periods.items():
            settings["complaints"][name] = check.whole(value, f"complaints {name}", 1, 120)
    if "screening" in found:
        _check_screening(check, found["screening"], settings)
    if "retention" in found:
        _check_retention(check, found["retention"], settings)


FOREVER = "forever"
_PERIOD = re.compile(r"^\s*(\d{1,4})\s+(day|week|month|year)s?\s*$")
_UNIT_DAYS = {"day": 1.0, "week": 7.0, "month": 30.44, "year": 365.25}
#: The shortest period a council may set for each record type, with the reason (DOMAIN.md section 3).
RETENTION_MINIMUMS: dict[str, tuple[str, str]] = {
    "complaint_files": ("1 year", "a decided complaint can still be reviewed and reported on"),
    "removed_posts": ("13 months", "defamation claims can be brought up to a year after publication"),
    "rejected_posts": ("1 month", "the author and the Clerk need the decision for a while"),
    "stale_drafts": ("1 month", "authors come back to their drafts"),
    "sign_in_attempts": ("7 days", "sign-in throttling reads recent attempts"),
    "api_tokens": ("1 day", "a token's owner needs to see that it was revoked"),
}


def parse_period(text: str) -> tuple[int, str] | None:
    """'13 months' -> (13, 'month'); 'forever' -> None. Raises ValueError for anything else."""
    if str(text).strip().lower() == FOREVER:
        return None
    match = _PERIOD.match(str(text).lower())
    if not match or int(match.group(1)) < 1:
        raise ValueError(text)
    return int(match.group(1)), match.group(2)


def period_days(period: tuple[int, str]) -> float:
    return period[0] * _UNIT_DAYS[period[1]]


def _check_retention(check: _Checker, node: yaml.Node, settings: dict[str, Any]) -> None:
    periods = check.mapping(node, "retention")
    check.keys(node, periods, tuple(DEFAULT_SETTINGS["retention"]), (), "retention")
    for name, value in periods.items():
        what = f"retention {name}"
        if not isinstance(value, yaml.ScalarNode) or value.tag not in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:int"):
            raise check.fail(value, f"{what} must be a period like '6 years', '13 months', '90 days' or 'forever'")
        try:
            period = parse_period(value.value)
        except ValueError:
            raise check.fail(value, f"{what} must be a period like '6 years', '13 months', '90 days' or 'forever', "
                                    f"not {value.value!r}") from None
        if name == "audit_log":
            if period is not None:
                raise check.fail(value, f"{what}: only 'forever' is supported yet. The audit trail is hash-chained: "
                                        "deleting old events would break the chain (docs/retention.md)")
        elif period is not None:
            if period_days(period) > 100 * 365.25:
                raise check.fail(value, f"{what} must be at most 100 years, not {value.value!r}")
            shortest, why = RETENTION_MINIMUMS[name]
            if period_days(period) < period_days(parse_period(shortest)):
                raise check.fail(value, f"{what} must be at least {shortest} ({why}), not {value.value!r}")
        settings["retention"][name] = FOREVER if period is None else f"{period[0]} {period[1]}{'s' if period[0] != 1 else ''}"


SCREENING_KEYS = ("thresholds", "child_audience_thresholds", "rules", "custom", "council_services",
                  "approved_partners", "allowlist")


def _check_screening(check: _Checker, node: yaml.Node, settings: dict[str, Any]) -> None:
    """The screening block: thresholds checked here; the rest by the screening engine's own reader."""
    from herald.screening.config import parse_settings
    from herald.screening.errors import PolicyConfigError

    screening = check.mapping(node, "screening")
    check.keys(node, screening, SCREENING_KEYS, (), "screening")
    for block in ("thresholds", "child_audience_thresholds"):
        if block in screening:
            limits = check.mapping(screening[block], f"screening {block}")
            check.keys(screening[block], limits, ("review", "block"), (), f"screening {block}")
            values = dict(settings["screening"].get(block) or {"review": 0.5, "block": 0.85})
            for name, value in limits.items():
                values[name] = check.number(value, f"screening {block} {name}")
            if values["review"] > values["block"]:
                raise check.fail(screening[block], "the review threshold must not be above the block threshold")
            settings["screening"][block] = values
    for name in SCREENING_KEYS[2:]:
        if name in screening:
            settings["screening"][name] = yaml.safe_load(yaml.serialize(screening[name]))
    try:
        parse_settings({"settings": settings})
    except PolicyConfigError as exc:
        raise check.fail(_node_named(node, str(exc)), str(exc)) from None


def _node_named(node: yaml.Node, message: str) -> yaml.Node:
    """The deepest node a message's 'settings.screening.a.b' path names (for its line number)."""
    match = re.search(r"settings\.screening((?:\.[\w-]+)+)", message)
    for name in (match.group(1).strip(".").split(".") if match else []):
        if not isinstance(node, yaml.MappingNode):
            break
        child = next((v for k, v in node.value if getattr(k, "value", None) == name), None)
        if child is None:
            break
        node = child
    return node
