"""Sort keys for building regex alternations in a fixed order.

A set iterates in an order that changes from process to process (string hashing), so a
pattern built from ``sorted(a_set, key=len)`` would differ between runs: its compiled form
could not be cached, and ties between alternatives would be broken differently.
"""

from __future__ import annotations


def longest_first(text: str) -> tuple[int, str]:
    """Longest first (so the longest alternative wins), then alphabetical."""
    return -len(text), text


def shortest_first(text: str) -> tuple[int, str]:
    """Shortest first, then alphabetical."""
    return len(text), text
