"""Context-word lists for the PII recognizers, compiled once per process.

Words come from ``rules/lexicons/pii.yaml``. Matching is whole-word and case-insensitive
(Presidio's default substring matching finds "lic" inside "public"), and it stays inside the
candidate's sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from smlint.analysis.sentences import window_end, window_start
from smlint.order import longest_first
from smlint.ruledata.files import load_yaml


def words_re(words: Iterable[str]) -> re.Pattern[str]:
    """A case-insensitive whole-word alternation; longest phrases first."""
    parts = []
    for word in sorted({str(w).lower() for w in words}, key=longest_first):
        escaped = re.escape(word).replace(r"\ ", r"\s+").replace("'", "['’]?")
        parts.append(escaped)
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])", re.IGNORECASE)


@dataclass(frozen=True)
class ContextWords:
    context: dict[str, re.Pattern[str]]
    context_words: dict[str, tuple[str, ...]]
    case_bare: tuple[str, ...]
    case_marked: tuple[str, ...]
    client: re.Pattern[str]
    client_words: frozenset[str]
    relation: re.Pattern[str]
    role_words: frozenset[str]
    role: re.Pattern[str]
    org_words: frozenset[str]
    not_names: frozenset[str]
    name_prefixes: frozenset[str]
    prepositions: frozenset[str]  # between a client word and a name, they make it a place
    address_person: re.Pattern[str]
    address_venue: re.Pattern[str]
    situation_subjects: tuple[str, ...]
    situation_outcomes: tuple[str, ...]
    situation_procedural: tuple[str, ...]
    benefit_subjects: re.Pattern[str]


def _lower(items: Any) -> tuple[str, ...]:
    return tuple(str(i).lower() for i in items or ())


@cache
def context_words() -> ContextWords:
    data = load_yaml("lexicons/pii.yaml")
    ctx = {k: _lower(v) for k, v in data["context"].items()}
    client = set(_lower(data["client_words"]))
    # Job titles of the sign-off lexicon are public roles too ("advocate Jane Doe").
    titles = _lower(load_yaml("lexicons/titles.yaml").get("heads", []))
    roles = sorted({*_lower(data["role_words"]), *titles} - client)
    return ContextWords(
        context={k: words_re(v) for k, v in ctx.items()},
        context_words=ctx,
        case_bare=_lower(data["case_words"]["bare"]),
        case_marked=_lower(data["case_words"]["marked"]),
        client=words_re(data["client_words"]),
        client_words=frozenset(_lower(data["client_words"])),
        relation=re.compile(
            r"\b(?:your|his|her|their)\s+(?:" + words_re(data["relation_words"]).pattern + ")",
            re.IGNORECASE,
        ),
        role_words=frozenset(w.rstrip(".") for w in roles),
        role=words_re(roles),
        org_words=frozenset(_lower(data["org_words"])),
        not_names=frozenset(_lower(data["not_names"])),
        name_prefixes=frozenset(_lower(data["name_prefixes"])),
        prepositions=frozenset(_lower(data["prepositions"])),
        address_person=words_re(data["address_person_words"]),
        address_venue=words_re(data["address_venue_words"]),
        situation_subjects=_lower(data["situation"]["subjects"]),
        situation_outcomes=_lower(data["situation"]["outcomes"]),
        situation_procedural=_lower(data["situation"]["procedural"]),
        benefit_subjects=words_re(data["situation"]["benefit_subjects"]),
    )


def context_before(
    text: str, pos: int, pattern: re.Pattern[str], limit: int
) -> re.Match[str] | None:
    """The nearest match of ``pattern`` in the same sentence, within ``limit`` chars before."""
    last = None
    for m in pattern.finditer(text, window_start(text, pos, limit), pos):
        last = m
    return last


def context_after(
    text: str, pos: int, pattern: re.Pattern[str], limit: int
) -> re.Match[str] | None:
    if limit <= 0:
        return None
    return pattern.search(text, pos, window_end(text, pos, limit))
