"""Word-list matching that survives obfuscation, with an allowlist against the Scunthorpe problem.

Terms match on letter boundaries in the folded, de-spaced view of a `Document`, so "sh1t",
"f u c k", "fuuuck", "f*ck" and "b!tch" all match their plain spelling, while "Scunthorpe",
"class" and "Penistone" never match "cunt", "ass" or "penis". A cheap word-set pre-check means
the regex only runs on texts that may contain a term.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from .findings import Span
from .text import Document

DATA = Path(__file__).resolve().parent / "data"
_VOWELS = set("aeiou")
# A symbol or leet digit inside a word ("sh1t", "c*nt", "a55hole"), one leading a word ("@ss", "$hit"),
# or a letter repeated three times ("fuuuck"; not "www"). Times such as "10am" do not count.
_OBFUSCATION_HINT = re.compile(r"[a-z][013457@$!|*#]+[a-z]|(?<![a-z0-9])[@$!][a-z]|([a-vx-z])\1\1")


@dataclass(frozen=True, slots=True)
class Term:
    text: str
    weight: float
    kind: str
    group: str = ""


@dataclass(frozen=True, slots=True)
class Hit:
    term: Term
    span: Span
    start: int  # normalised offsets
    end: int
    obfuscated: bool


def _char_pattern(ch: str) -> str:
    if ch == " ":
        return r"[\s_.\-]+"
    if ch == "-":
        return r"[\s_.\-]*"
    if ch == "i":
        return "(?:i+|l|[*#]+)"
    if ch == "l":
        return "(?:l+|i)"
    if ch in _VOWELS:
        return f"(?:{re.escape(ch)}+|[*#]+)"
    return f"{re.escape(ch)}+"


def _term_parts(term: str) -> tuple[str, str]:
    """(pattern for the first character, pattern for the rest) of a lexicon term."""
    prefix = term.endswith("*")
    core = term.rstrip("*")
    tail = r"[a-z]*" if prefix else r"(?:s|es)?"
    return _char_pattern(core[0]), "".join(_char_pattern(c) for c in core[1:]) + tail


def _term_pattern(term: str) -> str:
    first, rest = _term_parts(term)
    return first + rest


class Lexicon:
    def __init__(self, terms: Iterable[Term], allowlist: Iterable[str] = ()) -> None:
        self.terms = list(terms)
        self.by_key: dict[str, Term] = {}
        exact: set[str] = set()
        prefixes: list[str] = []
        phrases: list[str] = []
        for t in self.terms:
            core = t.text.rstrip("*")
            self.by_key[core] = t
            if " " in core or "-" in core:
                phrases.append(core.split()[0])
                exact.add(core.split()[0])
            elif t.text.endswith("*"):
                prefixes.append(core)
            else:
                exact.add(core)
                exact.add(core + "s")
        self.exact = frozenset(exact)
        self.prefixes = tuple(sorted(set(prefixes)))
        # Longest first so "motherfucker" wins over "fuck*".
        ordered = sorted(self.terms, key=lambda t: -len(t.text))
        self._groups = {f"t{i}": t for i, t in enumerate(ordered)}
        # Factor the alternation by first character (a one-level trie): at each word start the engine
        # tests ~20 first characters instead of every term.
        groups: dict[str, list[str]] = {}
        for i, t in enumerate(ordered):
            first, rest = _term_parts(t.text)
            groups.setdefault(first, []).append(f"(?P<t{i}>{rest})")
        self.regex = re.compile(
            r"(?<![a-z])(?:" + "|".join(f"{first}(?:{'|'.join(alts)})" for first, alts in groups.items()) + r")(?![a-z])"
        )
        allow = [a.strip().lower() for a in allowlist if a.strip()]
        self.allow_regex = (
            re.compile(r"(?<![a-z])(?:" + "|".join(re.escape(a) for a in sorted(allow, key=len, reverse=True)) + r")(?:s|es)?(?![a-z])")
            if allow else None
        )

    def triggered(self, doc: Document) -> bool:
        words = doc.words
        if not words.isdisjoint(self.exact):
            return True
        prefixes = self.prefixes
        for w in words:
            if w.startswith(prefixes):
                return True
        if doc.despaced[1] is not None:
            return True
        return bool(_OBFUSCATION_HINT.search(doc.lower))

    def find(self, doc: Document) -> list[Hit]:
        key = ("lexicon", id(self))
        if key in doc.cache:
            return doc.cache[key]
        hits: list[Hit] = []
        if self.triggered(doc):
            text, origin = doc.despaced
            allowed: list[tuple[int, int]] = []
            if self.allow_regex is not None:
                allowed = [(m.start(), m.end()) for m in self.allow_regex.finditer(doc.lower)]
            for m in self.regex.finditer(text):
                term = self._groups[m.lastgroup] if m.lastgroup else None
                if term is None:
                    continue
                start = origin[m.start()] if origin else m.start()
                end = origin[m.end() - 1] + 1 if origin else m.end()
                if any(a <= start and end <= b for a, b in allowed):
                    continue
                plain = doc.lower[start:end]
                obfuscated = plain.replace("*", "") != plain or not plain.isalpha() and " " not in term.text
                if doc.lower[start:end] != doc.folded[start:end]:
                    obfuscated = True
                hits.append(Hit(term, doc.span(start, end), start, end, obfuscated))
        doc.cache[key] = hits
        return hits

    def allowlisted(self, doc: Document) -> bool:
        """True if the text contains an allowlisted word or phrase ("spotted dick", "Scunthorpe")."""
        return self.allow_regex is not None and bool(self.allow_regex.search(doc.lower))


def load_terms(path: Path = DATA / "lexicon.txt") -> list[Term]:
    terms = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        terms.append(Term(parts[0].strip().lower(), float(parts[1]), parts[2].strip(), parts[3].strip() if len(parts) > 3 else ""))
    return terms


def load_allowlist(path: Path = DATA / "allowlist.txt") -> list[str]:
    return [l.strip() for l in path.read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]


@lru_cache(maxsize=8)
def shared_lexicon(kinds: tuple[str, ...], extra_allow: tuple[str, ...] = ()) -> Lexicon:
    return Lexicon([t for t in load_terms() if t.kind in kinds], load_allowlist() + list(extra_allow))
