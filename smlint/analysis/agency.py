"""The agency's own names in a post: its name, aliases and the units named after it.

One object per process, built from ``[agency] name`` and ``aliases``:

- ``mention`` finds the agency named in a text (case-insensitive, except an alias that
  starts with "the", which must match its case: "The Guard" is the agency, "the guard" a
  person; words may be split by any white space);
- ``reference`` is a regex source for the agency *or one of its named units* ("Milwaukee
  Water Works" for "City of Milwaukee", "Madison Fire Department"), which employee claims
  ("I work at {agency}") are written against;
- ``normalised`` holds each name as plain lower-case words, to tell the agency from a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import regex

from smlint.order import longest_first, shortest_first
from smlint.ruledata.files import load_yaml

if TYPE_CHECKING:
    from smlint.config import Agency


ALNUM_RE = re.compile(r"[a-z0-9]+")


def normalise(text: str) -> str:
    """Plain lower-case words: "Dept. of Health" -> "dept of health"."""
    return " ".join(ALNUM_RE.findall(text.lower()))


def _phrase(text: str) -> str:
    return r"\s+".join(regex.escape(word) for word in text.split())


@dataclass(frozen=True)
class AgencyNames:
    names: tuple[str, ...]  # name and aliases, as configured (stripped, non-empty)

    @classmethod
    def of(cls, agency: Agency) -> AgencyNames:
        return cls(tuple(n.strip() for n in (agency.name, *agency.aliases) if n.strip()))

    @cached_property
    def normalised(self) -> frozenset[str]:
        return frozenset(normalise(n) for n in self.names)

    @cached_property
    def mention(self) -> re.Pattern[str] | None:
        """The agency named in a text, or None when no name is configured."""
        if not self.names:
            return None
        alts = []
        for name in sorted(set(self.names), key=longest_first):
            rx = r"\s+".join(re.escape(p) for p in name.split())
            alts.append(rx if name.lower().startswith("the ") else f"(?i:{rx})")
        return re.compile(rf"(?<!\w)(?:{'|'.join(alts)})(?!\w)")

    @cached_property
    def reference(self) -> str:
        """A ``regex`` source for the agency, its aliases and its named units; '' when no
        name is configured."""
        words = load_yaml("lexicons/agency.yaml")
        generic = {w.lower() for w in words["generic-name-words"]}
        units = "|".join(regex.escape(w) for w in words["unit-nouns"])
        names = sorted(set(self.names), key=shortest_first)
        parts = [rf"(?:the\s+)?{_phrase(n)}" for n in reversed(names)]
        distinctive = sorted(
            {
                w
                for n in names
                for w in regex.findall(r"[\p{L}&'-]+", n)
                if w[:1].isupper() and w.lower() not in generic
            },
            key=longest_first,
        )
        if distinctive:
            alternation = "|".join(regex.escape(w) for w in distinctive)
            parts.append(
                rf"(?-i:(?:the\s+)?(?:{alternation})(?:\s+\p{{Lu}}[\p{{L}}&'-]*){{0,3}}?"
                rf"\s+(?:{units}))"
            )
        return "(?:" + "|".join(parts) + r")\b" if parts else ""
