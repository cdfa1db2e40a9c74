"""Whether a place in a post is inside someone else's words (a quotation)."""

from __future__ import annotations

import re

QUOTES = '"“”'
SAID_AFTER = re.compile(
    r"[,—–]\s*(?:(?:he|she|they)\s+)?(?:said|says|writes|wrote|explains|adds)\b"
)
SPEAKER = re.compile(r"(?:^|[\s(])(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*:\s*[\"“']?$")
SENTENCE_END = re.compile(r"[.!?\n]")


def quoted(text: str, start: int) -> bool:
    """Inside quotation marks (an odd number of them earlier in the paragraph), after
    "Name:" on the same line, or followed by ", she said" in the same sentence."""
    para_start = text.rfind("\n\n", 0, start) + 1
    before = text[para_start:start]
    if sum(before.count(q) for q in QUOTES) % 2 == 1:
        return True
    line = text[text.rfind("\n", 0, start) + 1 : start]
    if SPEAKER.search(line) is not None:
        return True
    rest = SENTENCE_END.split(text[start : start + 120], maxsplit=1)[0]
    return SAID_AFTER.search(rest) is not None
