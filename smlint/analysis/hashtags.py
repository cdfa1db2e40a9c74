"""Hashtags of a post: where they are, and the words they run together."""

from __future__ import annotations

import re
from dataclasses import dataclass

HASHTAG_RE = re.compile(r"(?<![\w&/#])#(\w+)")
CAMEL_RE = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


@dataclass(frozen=True)
class Hashtag:
    """``#body`` at ``start``..``end`` of the text (``start`` is the "#")."""

    start: int
    end: int
    body: str
    after_at: bool = False  # written right after "@" ("@#tag"): not a hashtag on most platforms

    @property
    def camel_case(self) -> bool:
        """Written with a capital inside ("#JobFair", "#WIGuard"), so its words show."""
        return any(c.isupper() for c in self.body[1:])

    def camel_words(self) -> list[tuple[int, str]]:
        """(offset in the body, word) by case and digit changes ("JobFair2026")."""
        return [(m.start(), m.group(0)) for m in CAMEL_RE.finditer(self.body)]


def find_hashtags(text: str) -> tuple[Hashtag, ...]:
    if "#" not in text:
        return ()
    return tuple(
        Hashtag(m.start(), m.end(), m.group(1), m.start() > 0 and text[m.start() - 1] == "@")
        for m in HASHTAG_RE.finditer(text)
    )


def hashtag_words(tag: Hashtag) -> list[str]:
    """A hashtag's words, lower case: split at its capitals when it has them ("#RecallNewsom"),
    else by word segmentation when it runs common words together ("#recallnewsom"); [] for a
    single word or one the model does not know."""
    if tag.camel_case:
        return [word.lower() for _, word in tag.camel_words()]
    from smlint.analysis.segment import split_words

    return split_words(tag.body.lower())
