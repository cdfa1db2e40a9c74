"""Sentences of a post, and the span helpers checks use with them.

``Sentences`` is the one sentence API: the spans of the spaCy pipeline's sentences, also
split at line breaks and trimmed (a heading, a list item or a sign-off line is a sentence of
its own), the sentence around an offset, and whether two offsets share one.

``window_start``/``window_end`` bound a context window by sentence breaks without a parse
(end punctuation followed by a capital, a quote or a handle, or a line break): the PII
recognizers look for context words there, on every post with a candidate, where building a
spaCy document would cost more than the rest of their work.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

LINE_RE = re.compile(r"[^\n]+")
# A sentence break without a parse. "claim no. 88410273" and "passport, No. 548271936" are
# not breaks.
BOUNDARY_RE = re.compile(r"[.!?][)\"'”’]?\s+(?=[A-Z\"“(@#])|\n")


@dataclass(frozen=True)
class Sentences:
    """Sentence spans ``(start, end)`` of a post's text, in order, never overlapping."""

    spans: tuple[tuple[int, int], ...]

    @classmethod
    def of_doc(cls, doc: Doc, text: str) -> Sentences:
        spans = []
        for sent in doc.sents:
            start = sent.start_char
            for m in LINE_RE.finditer(text, start, sent.end_char):
                s, e = trim(text, m.start(), m.end())
                if e > s:
                    spans.append((s, e))
        return cls(tuple(spans))

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(self.spans)

    def __len__(self) -> int:
        return len(self.spans)

    def of(self, offset: int) -> tuple[int, int]:
        """The sentence that holds ``offset``; ``(offset, offset)`` between sentences."""
        i = bisect.bisect_right(self.spans, (offset, float("inf"))) - 1
        if i >= 0:
            s, e = self.spans[i]
            if s <= offset < e:
                return s, e
        return offset, offset

    def same(self, a: int, b: int) -> bool:
        """Whether offsets ``a`` and ``b`` are in one sentence."""
        s, e = self.of(a)
        return e > s and s <= b < e


def trim(text: str, start: int, end: int, chars: str = " \t\r\n") -> tuple[int, int]:
    """``(start, end)`` without ``chars`` at either end."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def trim_end(text: str, start: int, end: int, chars: str) -> tuple[int, int]:
    """``(start, end)`` without ``chars`` at its end."""
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def merge(
    spans: list[tuple[int, int, Any]], text: str, gap: str | re.Pattern[str] = r"[ \t]*"
) -> list[tuple[int, int, list[Any]]]:
    """Join spans that overlap or are separated only by text matching ``gap``; each merged
    span keeps the infos of its parts, in order."""
    out: list[tuple[int, int, list[Any]]] = []
    gap_re = re.compile(gap) if isinstance(gap, str) else gap
    for s, e, info in sorted(spans, key=lambda x: (x[0], x[1])):
        if out and (s <= out[-1][1] or gap_re.fullmatch(text[out[-1][1] : s])):
            ps, pe, infos = out[-1]
            out[-1] = (ps, max(pe, e), [*infos, info])
        else:
            out.append((s, e, [info]))
    return out


def window_start(text: str, pos: int, limit: int) -> int:
    """Start of the window before ``pos``: at most ``limit`` chars, not past a break."""
    lo = max(0, pos - limit)
    start = lo
    for m in BOUNDARY_RE.finditer(text, lo, pos):
        start = m.end()
    return start


def window_end(text: str, pos: int, limit: int) -> int:
    """End of the window after ``pos``: at most ``limit`` chars, not past a break."""
    hi = min(len(text), pos + limit)
    m = BOUNDARY_RE.search(text, pos, hi)
    return m.start() + 1 if m else hi
