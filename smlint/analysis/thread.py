"""Threads: a post written as several parts, each published on its own.

A part ends at a line of its own that is ``---`` (the draft's thread separator), or the
post numbers its parts ``1/3``, ``2/3``, ``3/3`` at the start or end of paragraphs (the
numbers run 1..N in order, with the same N, N >= 2). Each part is then measured against
the platform's limit on its own (SM701). A post with neither is one part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SEPARATOR_RE = re.compile(r"^[ \t]*---[ \t]*$", re.MULTILINE)
PARAGRAPH_RE = re.compile(r"\S(?:.*?\S)?(?=\n[ \t]*\n|\s*\Z)", re.DOTALL)
# "1/3 ..." at the start of a paragraph, or "... 1/3" (or "(1/3)", "1/3 🧵") at its end
MARKER_RE = re.compile(
    r"^\(?(\d{1,2})\s*/\s*(\d{1,2})\)?(?!\d)"
    r"|(?<![\d/])\(?(\d{1,2})\s*/\s*(\d{1,2})\)?\W*$"
)
IMAGE_RE = re.compile(r"^[ \t]*!\[[^\]\n]*\]\([^)\n]*\)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Part:
    start: int  # offsets of the post's text (and source)
    end: int
    text: str  # what is published as this part
    number: int
    total: int


def _published(text: str) -> str:
    """A part as published: image lines and the blanks left by comments dropped."""
    text = IMAGE_RE.sub("", text)
    text = re.sub(r"[ \t]{2,}", " ", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _spans_by_separator(text: str) -> list[tuple[int, int]]:
    cuts = [(m.start(), m.end()) for m in SEPARATOR_RE.finditer(text)]
    if not cuts:
        return []
    spans, pos = [], 0
    for start, end in cuts:
        spans.append((pos, start))
        pos = end
    spans.append((pos, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _spans_by_markers(text: str) -> list[tuple[int, int]]:
    paragraphs = list(PARAGRAPH_RE.finditer(text))
    marked: list[tuple[re.Match[str], bool]] = []  # (paragraph, marker at its end)
    total = None
    for para in paragraphs:
        m = MARKER_RE.search(para.group(0))
        if not m:
            continue
        n, of = (int(m[1]), int(m[2])) if m[1] else (int(m[3]), int(m[4]))
        if of < 2 or (total is not None and of != total) or n != len(marked) + 1:
            return []
        total = of
        marked.append((para, m[1] is None))
    if total is None or len(marked) != total:
        return []
    first = paragraphs[0].start()
    if all(at_end for _para, at_end in marked):  # "... 1/3": a marker closes its part
        bounds = [first] + [para.end() for para, _ in marked[:-1]]
    else:  # "1/3 ...": a marker opens its part
        bounds = [first] + [para.start() for para, _ in marked[1:]]
    spans = list(zip(bounds, [*bounds[1:], len(text)], strict=True))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def thread_parts(text: str) -> list[Part]:
    """The parts of a post's (blanked) text; one part when it is not a thread."""
    spans = _spans_by_separator(text) or _spans_by_markers(text)
    if len(spans) < 2:
        return []
    parts = []
    for i, (start, end) in enumerate(spans, 1):
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        parts.append(Part(start + lead, start + trail, _published(chunk), i, len(spans)))
    return parts
