"""Trying a pattern only where a match can start, instead of at every character."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any


def matches_at(pattern: Any, text: str, starts: Iterable[int], pos: int = 0) -> Iterator[Any]:
    """``pattern.finditer(text, pos)`` when every match starts at one of ``starts``: the
    pattern (``re`` or ``regex``) is tried at those positions only, matches do not overlap."""
    for start in sorted(set(starts)):
        if start < pos:
            continue
        m = pattern.match(text, start)
        if m is not None:
            yield m
            pos = max(m.end(), start + 1)
