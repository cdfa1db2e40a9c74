"""One pre-test for every pattern of a linter: which patterns a post can match at all.

A linter holds hundreds of patterns (phrase lexicons, PII recognizers, identity phrases) and a
post matches almost none. Each pattern's need (``smlint.pretest.requirements``) becomes a
``Requirement``: clauses of literal strings (each clause must have one of its strings in the
post's folded text) and a minimum number of digits. One Aho-Corasick automaton
(pyahocorasick) over all the strings of all the patterns tells, in a single pass over the
post, which patterns have every clause met; the others cannot match and are not run.

Requirements are derived from the patterns' sources, which costs a regex parse each; the
results are kept on disk (``smlint.cache``) so a one-file check does not parse them again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Iterable, Mapping
from typing import Generic, NamedTuple, TypeVar

from smlint import cache
from smlint.pretest.requirements import (
    AllOf,
    AnyOf,
    Digits,
    Folded,
    Need,
    Substr,
    requirement_of,
)

K = TypeVar("K", bound=Hashable)
Strings = frozenset[str]
Clauses = tuple[Strings, ...]  # every clause must be met: some string of it occurs


class Requirement(NamedTuple):
    """What a post must contain for a pattern to match: clauses of strings, and digits."""

    clauses: Clauses = ()
    digits: int = 0

    @classmethod
    def of_need(cls, need: Need) -> Requirement:
        """A need as clauses (digit counts below the top level are left out: weaker, never
        wrong)."""
        digits = 0
        if isinstance(need, Digits):
            digits = need.count
        elif isinstance(need, AllOf):
            digits = max((p.count for p in need.parts if isinstance(p, Digits)), default=0)
        return cls(clauses_of(need), digits)

    @classmethod
    def all(cls, parts: Iterable[Requirement]) -> Requirement:
        """Every one of the parts holds."""
        parts = list(parts)
        return cls(
            tuple(c for p in parts for c in p.clauses), max((p.digits for p in parts), default=0)
        )

    @classmethod
    def any(cls, parts: Iterable[Requirement]) -> Requirement:
        """At least one of the parts holds: the union of each part's most selective clause,
        and the fewest digits."""
        parts = list(parts)
        if not parts:
            return cls((frozenset(),), 0)  # an empty clause is never met: nothing can match
        best = [max(p.clauses, key=_selectivity, default=None) for p in parts]
        digits = min(p.digits for p in parts)
        if any(b is None for b in best):
            return cls((), digits)
        return cls((frozenset().union(*best),), digits)  # type: ignore[arg-type]


def _selectivity(clause: Strings) -> tuple[int, int, tuple[str, ...]]:
    """Longer shortest strings are rarer in text (spaces left out: " ur " is as common as
    "ur", and too short to keep); then fewer strings (then a fixed order, so that the choice
    does not change with the process's string hashing)."""
    return min(len(s.strip()) for s in clause), -len(clause), tuple(sorted(clause))


def clauses_of(need: Need) -> Clauses:
    """A need as clauses of strings (digit counts are left out)."""
    if isinstance(need, Substr):
        return (frozenset(need.options),)
    if isinstance(need, AllOf):
        return tuple(c for part in need.parts for c in clauses_of(part))
    if isinstance(need, AnyOf):
        # A match meets one part: the union of each part's most selective clause holds.
        best = [max(clauses_of(p), key=_selectivity, default=None) for p in need.parts]
        if any(b is None for b in best):
            return ()
        return (frozenset().union(*best),)  # type: ignore[arg-type]
    return ()  # always (or only digits) needed


def required_literals(source: str, flags: int = 0) -> Clauses:
    """Clauses every match of the regex ``source`` meets; ``()`` when nothing is known."""
    return clauses_of(requirement_of(source, flags))


class Requirements:
    """Requirements of regex sources, derived once and kept on disk between runs (keyed by a
    hash of the source: expanded word lists make sources long)."""

    NAME = "requirements"

    def __init__(self) -> None:
        self._key = cache.digest(self.NAME)
        self._known: dict[bytes, Requirement] = cache.load(self.NAME, self._key) or {}
        self._new = False

    def of(self, source: str, flags: int = 0) -> Requirement:
        key = hashlib.blake2b(
            f"{int(flags)}:{source}".encode("utf-8", "surrogatepass"), digest_size=16
        ).digest()
        found = self._known.get(key)
        if found is None:
            found = self._known[key] = Requirement.of_need(requirement_of(source, flags))
            self._new = True
        return found

    def save(self) -> None:
        """Write newly derived requirements back (merged with what another run wrote)."""
        if not self._new:
            return
        stored = cache.load(self.NAME, self._key) or {}
        stored.update(self._known)
        cache.store(self.NAME, self._key, stored)
        self._new = False


def _plain(text: str) -> bool:
    """Only ASCII letters, digits (folded to "0") and spaces."""
    return text.isascii() and all(c.isalnum() or c == " " for c in text)


class PretestIndex(Generic[K]):
    """Which keys may match a post, found in one Aho-Corasick pass over its folded text.

    A key is a candidate when the post has its digits and each of its clauses has a string
    in the text; keys with no clauses only need their digits.
    """

    def __init__(self, requirements: Mapping[K, Requirement], min_length: int = 3) -> None:
        import ahocorasick

        # A clause with a short string of ASCII letters ("u", "he", "st") is met by almost
        # every post: looking for it would cost more than it saves, so it counts as met.
        # Short symbols ("@", "$") are rare in posts and worth looking for.
        def common(clause: Strings) -> bool:
            return any(len(t.strip()) < min_length and _plain(t) for t in clause)

        self.keys = frozenset(requirements)
        self._digits = {k: r.digits for k, r in requirements.items() if r.digits}
        kept = {k: tuple(c for c in r.clauses if not common(c)) for k, r in requirements.items()}
        self._always = frozenset(k for k, clauses in kept.items() if not clauses)
        self._needed = {k: len(clauses) for k, clauses in kept.items() if clauses}
        owners: dict[str, set[tuple[K, int]]] = {}
        for key, clauses in kept.items():
            for number, clause in enumerate(clauses):
                for literal in clause:
                    owners.setdefault(literal, set()).add((key, number))
        # The automaton gives a literal's number; each literal found counts once a post.
        self._owners = [frozenset(met) for met in owners.values()]
        self._automaton = ahocorasick.Automaton()
        for number, literal in enumerate(owners):
            self._automaton.add_word(literal, number)
        if owners:
            self._automaton.make_automaton()
        self._empty = not owners

    def candidates(self, post: Folded) -> frozenset[K]:
        """Keys that may match the post (``post`` from ``requirements.fold``)."""
        found = set(self._always)
        if not self._empty:
            owners = self._owners
            literals = {number for _end, number in self._automaton.iter(post.text)}
            met: set[tuple[K, int]] = set().union(*(owners[n] for n in literals))
            counts: dict[K, int] = {}
            for key, _number in met:
                counts[key] = counts.get(key, 0) + 1
            needed = self._needed
            found.update(k for k, n in counts.items() if n == needed[k])
        if self._digits:
            digits = post.digits
            found = {k for k in found if self._digits.get(k, 0) <= digits}
        return frozenset(found)
