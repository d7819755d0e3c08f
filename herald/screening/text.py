"""Text preparation shared by every rule.

A `Document` is the text as given plus views computed once and shared by all rules: Unicode
normalised (NFKC, zero-width and bidi controls removed, curly quotes straightened), lower-cased,
a set of words, a leetspeak-folded view ("sh1t" -> "shit", "@ss" -> "ass") and a de-spaced view
("f u c k" -> "fuck"). Every view keeps a map back to the caller's character offsets, so spans
in findings always point into the original text.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

from .errors import InvalidInput
from .findings import Span

# Zero-width, soft hyphen, bidi embedding/override/isolate controls, BOM, word joiner.
_INVISIBLE = frozenset(
    "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
_PUNCT_MAP = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ",
}

WORD_RE = re.compile(r"[a-z0-9]+")
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b",
         "@": "a", "$": "s", "!": "i", "|": "i", "€": "e"}
_LEET_CANDIDATE = re.compile(r"[a-z][0134578@$!|€]|[0134578@$!|€][a-z]")
_LEET_CHAR = re.compile(r"[0134578@$!|€]")
# Runs of single letters split by spaces or punctuation: "f u c k", "n.i.g", "s-c-u-m".
_SPACED = re.compile(r"(?<![a-z])(?:[a-z][ .\-_*+]{1,2}){2,}[a-z](?![a-z])")

DEFAULT_MAX_CHARS = 100_000
MAX_SENTENCE_SIDE = 300


def validate_text(text: object, *, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """Return `text` as str or raise `InvalidInput` with a clear message."""
    if isinstance(text, (bytes, bytearray, memoryview)):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidInput(
                f"text is not valid UTF-8 (bad byte at position {exc.start})", code="invalid_utf8"
            ) from None
    if not isinstance(text, str):
        raise InvalidInput(f"text must be a string, not {type(text).__name__}", code="invalid_type")
    if len(text) > max_chars:
        raise InvalidInput(
            f"text is {len(text):,} characters long; the limit is {max_chars:,}", code="text_too_long"
        )
    # Lone surrogates cannot be encoded and would break every consumer downstream.
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidInput(
            f"text contains an unpaired surrogate at position {exc.start}", code="invalid_utf8"
        ) from None
    return text


def _normalise(raw: str) -> tuple[str, list[int] | None]:
    if raw.isascii():
        return raw, None
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(raw):
        if char in _INVISIBLE:
            continue
        mapped = _PUNCT_MAP.get(char)
        if mapped is None:
            mapped = unicodedata.normalize("NFKC", char) if ord(char) > 127 else char
            if unicodedata.category(mapped[:1] or " ") == "Mn":  # drop combining marks (diacritics)
                continue
        for piece in mapped:
            out.append(piece)
            origin.append(index)
    return "".join(out), origin


def _lower_same_length(text: str) -> str:
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join((c.lower()[:1] or c) for c in text)


class Document(str):
    """The text being screened (a `str`), with shared, lazily computed views."""

    raw: str
    norm: str
    lower: str
    words: frozenset[str]

    def __new__(cls, raw: str) -> "Document":
        if isinstance(raw, Document):
            return raw
        doc = super().__new__(cls, raw)
        doc.raw = raw
        doc.norm, doc._origin = _normalise(raw)
        doc.lower = _lower_same_length(doc.norm)
        doc.words = frozenset(WORD_RE.findall(doc.lower))
        doc._folded = None
        doc._despaced = None
        doc._sentences = None
        doc.cache = {}
        return doc

    # --- offsets -------------------------------------------------------------------------
    def origin(self, index: int) -> int:
        """Map an offset in `norm`/`lower`/`folded` back to the caller's text."""
        if self._origin is None:
            return index
        if not self._origin:
            return 0
        if index >= len(self._origin):
            return len(self.raw)
        return self._origin[index]

    def span(self, start: int, end: int) -> Span:
        """A span in caller offsets from a range in normalised offsets."""
        if self._origin is None:
            return Span(start, end, self.raw[start:end])
        s = self.origin(start)
        e = self.origin(end - 1) + 1 if end > start else s
        return Span(s, e, self.raw[s:e])

    # --- views ---------------------------------------------------------------------------
    @property
    def folded(self) -> str:
        """Lower-case text with leetspeak digits/symbols turned into letters (same length)."""
        if self._folded is None:
            low = self.lower
            if _LEET_CANDIDATE.search(low):
                def swap(m: re.Match[str]) -> str:
                    i = m.start()
                    prev = low[i - 1] if i else " "
                    nxt = low[i + 1] if i + 1 < len(low) else " "
                    if (prev.isalpha() or nxt.isalpha()) and not (prev.isdigit() or nxt.isdigit()):
                        return _LEET[m.group()]
                    return m.group()
                self._folded = _LEET_CHAR.sub(swap, low)
            else:
                self._folded = low
        return self._folded

    @property
    def despaced(self) -> tuple[str, list[int] | None]:
        """Folded text with spaced-out letters joined ("f u c k" -> "fuck"), plus an offset map."""
        if self._despaced is None:
            folded = self.folded
            if not _SPACED.search(folded):
                self._despaced = (folded, None)
            else:
                out: list[str] = []
                origin: list[int] = []
                pos = 0
                for m in _SPACED.finditer(folded):
                    out.append(folded[pos:m.start()])
                    origin.extend(range(pos, m.start()))
                    for i in range(m.start(), m.end()):
                        if folded[i].isalpha():
                            out.append(folded[i])
                            origin.append(i)
                    pos = m.end()
                out.append(folded[pos:])
                origin.extend(range(pos, len(folded)))
                self._despaced = ("".join(out), origin)
        return self._despaced

    def despaced_span(self, start: int, end: int) -> Span:
        _, origin = self.despaced
        if origin is None:
            return self.span(start, end)
        return self.span(origin[start], origin[end - 1] + 1)

    @property
    def sentences(self) -> list[tuple[int, int]]:
        """(start, end) ranges of sentences in normalised offsets."""
        if self._sentences is None:
            bounds: list[tuple[int, int]] = []
            start = 0
            for m in _SENTENCE_END.finditer(self.norm):
                if m.start() > start:
                    bounds.append((start, m.start()))
                start = m.end()
            if start < len(self.norm):
                bounds.append((start, len(self.norm)))
            self._sentences = bounds
        return self._sentences

    def sentence_at(self, index: int) -> tuple[int, int]:
        """The (start, end) of the sentence containing `index` (binary search)."""
        bounds = self.sentences
        if not bounds:
            return 0, len(self.norm)
        starts = self.cache.get("_sentence_starts")
        if starts is None:
            starts = self.cache["_sentence_starts"] = [s for s, _ in bounds]
        i = bisect.bisect_right(starts, index) - 1
        if i >= 0 and bounds[i][0] <= index < bounds[i][1]:
            s, e = bounds[i]
            if e - s > 2 * MAX_SENTENCE_SIDE:  # unpunctuated walls of text: look only nearby
                return max(s, index - MAX_SENTENCE_SIDE), min(e, index + MAX_SENTENCE_SIDE)
            return s, e
        return max(0, index - 100), min(len(self.norm), index + 100)

    def has_any(self, words: frozenset[str]) -> bool:
        return not self.words.isdisjoint(words)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+|(?<=[.!?])[\"')\]]+\s*")


def as_document(text: str) -> Document:
    return text if isinstance(text, Document) else Document(text)
