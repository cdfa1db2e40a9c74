"""Masking: the one place that decides what of a post's text a person may read.

Masking is a property of the text, not of a finding's fate: every span a PII rule detected
in a post (reported, accepted by a baseline or disabled inline) is masked wherever the text
is shown (``--show-source``, the HTML report), and no other rule's message or explanation
may echo characters from inside such a span (SM702 naming the hashtag ``#janeroe@gmail.com``).

Which spans a post's findings mask is decided by ``smlint.engine.masks`` (most PII rules
mask the whole match; SM111 and SM605 only the value in it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from smlint.models import Finding, Problem

MASK = "*"

Span = tuple[int, int]

_WORD_RE = re.compile(r"[^\W_]+")
MIN_ECHO = 3  # a shorter word of a message is never taken for an echo of a PII span
MIN_HOLD = 5  # a message word holding a PII word this long is masked ("#janeroegmail")


def mask(text: str, spans: Iterable[Span], offset: int = 0) -> str:
    """``text`` (found at ``offset`` of the post's source) with every letter and digit that
    lies in a span replaced by '*': '123-45-6789' becomes '***-**-****'."""
    chars: list[str] | None = None
    for start, end in spans:
        lo, hi = max(start - offset, 0), min(end - offset, len(text))
        if lo >= hi:
            continue
        if chars is None:
            chars = list(text)
        for i in range(lo, hi):
            if chars[i].isalnum():
                chars[i] = MASK
    return text if chars is None else "".join(chars)


def _echoes(source: str, spans: Sequence[Span]) -> list[str]:
    """The words (lowercased) of the masked spans."""
    words = []
    for start, end in spans:
        for m in _WORD_RE.finditer(source, start, end):
            word = m.group(0).lower()
            if len(word) >= MIN_ECHO or any(c.isdigit() for c in word):
                words.append(word)
    return words


def mask_echoes(text: str, words: Sequence[str]) -> str:
    """``text`` with every word masked that comes from a masked span: a word of ``text``
    inside one of ``words`` ("jane" of "janeroe"), or holding one."""
    if not words or not text:
        return text
    out = []
    last = 0
    for m in _WORD_RE.finditer(text):
        word = m.group(0).lower()
        short = len(word) < MIN_ECHO and not any(c.isdigit() for c in word)
        if short:
            continue
        if any(word in w or (len(w) >= MIN_HOLD and w in word) for w in words):
            out.append(text[last : m.start()])
            out.append(MASK * len(m.group(0)))
            last = m.end()
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def _mask_detail(detail: Mapping[str, object], words: Sequence[str]) -> dict[str, object]:
    return {
        key: mask_echoes(value, words) if isinstance(value, str) else value
        for key, value in detail.items()
    }


def mask_findings(
    findings: Sequence[Finding], source: str, spans: Sequence[Span]
) -> Sequence[Finding]:
    """The findings with no word of a masked span left in their message or explanation."""
    if not spans or not findings:
        return findings
    words = _echoes(source, spans)
    if not words:
        return findings
    out = []
    for f in findings:
        message = mask_echoes(f.message, words)
        detail = _mask_detail(f.detail, words)
        if message != f.message or detail != dict(f.detail):
            f = replace(f, message=message, detail=detail)
        out.append(f)
    return out


def mask_problems(
    problems: Sequence[Problem], source: str, spans: Sequence[Span]
) -> Sequence[Problem]:
    """Problems (an internal error's message may quote the text) with no PII word in them."""
    words = _echoes(source, spans) if spans else []
    if not words:
        return problems
    return [replace(p, message=mask_echoes(p.message, words)) for p in problems]
