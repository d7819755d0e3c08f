"""The clause-by-clause difference between two versions of a policy, with word-level changes.

Plain Python: no Django. `policy_diff(old, new)` takes two sequences of clauses (anything with
`clause_id`/`id`, `section`, `title` and `text`) and returns a PolicyDiff listing each clause as
added, removed, changed or unchanged, in the new version's order (removed clauses where they
stood), with the changed text split into equal / removed / added word runs for display.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

ADDED, REMOVED, CHANGED, UNCHANGED = "added", "removed", "changed", "unchanged"
LABELS = {ADDED: "Added", REMOVED: "Removed", CHANGED: "Changed", UNCHANGED: "Unchanged"}
_WORDS = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class Segment:
    kind: str  # "equal", "removed" or "added"
    text: str


@dataclass(frozen=True)
class ClauseChange:
    kind: str
    clause_id: str
    title: str
    section: str
    old_title: str = ""
    old_section: str = ""
    old_text: str = ""
    new_text: str = ""
    segments: tuple[Segment, ...] = ()

    @property
    def label(self) -> str:
        return LABELS[self.kind]

    @property
    def title_changed(self) -> bool:
        return self.kind == CHANGED and self.old_title != self.title

    @property
    def section_changed(self) -> bool:
        return self.kind == CHANGED and self.old_section != self.section

    @property
    def text_changed(self) -> bool:
        return self.kind == CHANGED and self.old_text != self.new_text


@dataclass(frozen=True)
class PolicyDiff:
    changes: tuple[ClauseChange, ...]
    settings_changed: tuple[str, ...] = field(default=())
    title_before: str = ""
    title_after: str = ""

    def of_kind(self, kind: str) -> list[ClauseChange]:
        return [c for c in self.changes if c.kind == kind]

    @property
    def added(self) -> list[ClauseChange]:
        return self.of_kind(ADDED)

    @property
    def removed(self) -> list[ClauseChange]:
        return self.of_kind(REMOVED)

    @property
    def changed(self) -> list[ClauseChange]:
        return self.of_kind(CHANGED)

    @property
    def unchanged(self) -> list[ClauseChange]:
        return self.of_kind(UNCHANGED)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.settings_changed
                    or self.title_before != self.title_after)

    @property
    def summary(self) -> str:
        text = "Clauses: " + ", ".join(f"{len(self.of_kind(k))} {LABELS[k].lower()}"
                                       for k in (CHANGED, ADDED, REMOVED, UNCHANGED))
        if self.settings_changed:
            text += f"; settings changed: {', '.join(self.settings_changed)}"
        return text + "."


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """The words of `new` against `old`: runs of equal, removed and added words (spaces kept)."""
    a, b = _WORDS.findall(old or ""), _WORDS.findall(new or "")
    matcher = difflib.SequenceMatcher(a=[w.strip() for w in a], b=[w.strip() for w in b], autojunk=False)
    out: list[Segment] = []

    def add(kind: str, text: str) -> None:
        if not text:
            return
        if out and out[-1].kind == kind:
            out[-1] = Segment(kind, out[-1].text + text)
        else:
            out.append(Segment(kind, text))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", "".join(b[j1:j2]))
        else:
            if i2 > i1:
                add("removed", "".join(a[i1:i2]))
            if j2 > j1:
                add("added", "".join(b[j1:j2]))
    return tuple(out)


def _fields(clause: Any) -> tuple[str, str, str, str]:
    cid = getattr(clause, "clause_id", None) or getattr(clause, "id")
    return cid, getattr(clause, "section", "") or "", clause.title, clause.text


def policy_diff(old: Iterable[Any], new: Iterable[Any], *, old_settings: dict | None = None,
                new_settings: dict | None = None, old_title: str = "", new_title: str = "") -> PolicyDiff:
    before = {c[0]: c for c in map(_fields, old)}
    after = [_fields(c) for c in new]
    after_ids = {c[0] for c in after}
    changes: list[ClauseChange] = []
    old_order = list(before)
    emitted: set[str] = set()

    def removed_before(cid: str) -> None:
        """Removed clauses that stood before `cid` in the old version, shown where they were."""
        if cid not in before:
            return
        for old_id in old_order[: old_order.index(cid)]:
            if old_id not in after_ids and old_id not in emitted:
                emitted.add(old_id)
                _, section, title, text = before[old_id]
                changes.append(ClauseChange(REMOVED, old_id, title, section, old_title=title, old_section=section,
                                            old_text=text, segments=(Segment("removed", text),)))

    for cid, section, title, text in after:
        removed_before(cid)
        if cid not in before:
            changes.append(ClauseChange(ADDED, cid, title, section, new_text=text, segments=(Segment("added", text),)))
            continue
        _, o_section, o_title, o_text = before[cid]
        kind = UNCHANGED if (o_section, o_title, o_text) == (section, title, text) else CHANGED
        changes.append(ClauseChange(kind, cid, title, section, old_title=o_title, old_section=o_section,
                                    old_text=o_text, new_text=text,
                                    segments=word_diff(o_text, text) if kind == CHANGED else (Segment("equal", text),)))
    for old_id in old_order:
        if old_id not in after_ids and old_id not in emitted:
            emitted.add(old_id)
            _, section, title, text = before[old_id]
            changes.append(ClauseChange(REMOVED, old_id, title, section, old_title=title, old_section=section,
                                        old_text=text, segments=(Segment("removed", text),)))
    settings_changed: tuple[str, ...] = ()
    if old_settings is not None and new_settings is not None:
        names = sorted(set(old_settings) | set(new_settings))
        settings_changed = tuple(n for n in names if old_settings.get(n) != new_settings.get(n))
    return PolicyDiff(tuple(changes), settings_changed, old_title, new_title)
