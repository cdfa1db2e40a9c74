"""Which of many patterns can match a post, and where, found without trying them all.

A lexicon holds hundreds of phrase patterns and a post matches almost none. ``smlint.pretest.needs``
works out what every match of a pattern contains; here that becomes clauses of literal
strings (every clause must have one of its strings in the post's folded text) and one
Aho-Corasick automaton (pyahocorasick) over all the strings tells, in a single pass, which
patterns have all their clauses met. The others cannot match and are not run.
``matches_at`` likewise tries one pattern only at the positions where a match can start.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

from smlint.pretest.needs import AllOf, AnyOf, Compiled, Need, Substr, facts, requirement_of

K = TypeVar("K", bound=Hashable)
Strings = frozenset[str]
Clauses = tuple[Strings, ...]  # every clause must be met: some string of it occurs


def fold(text: str) -> str:
    """The text as the clauses spell it (``smlint.pretest.needs``), computed once per post."""
    return facts(text).folded


def _selectivity(clause: Strings) -> tuple[int, int, tuple[str, ...]]:
    """Longer shortest strings are rarer in text; then fewer strings (then a fixed order, so
    that the choice does not change with the process's string hashing)."""
    return min(len(s) for s in clause), -len(clause), tuple(sorted(clause))


def clauses_of(need: Need) -> Clauses:
    """A need as clauses of strings (the digit counts are left out: weaker, never wrong)."""
    if isinstance(need, Compiled):
        return clauses_of(need.need)
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


class LiteralIndex:
    """Which keys may match a text, found in one Aho-Corasick pass over it.

    A key is a candidate when each of its clauses has a string in the text; keys with no
    clauses always are.
    """

    def __init__(self, requirements: Mapping[K, Clauses], min_length: int = 3) -> None:
        import ahocorasick

        # A clause with a short ASCII string ("u", "he", "#") is met by almost every post:
        # looking for it would cost more than it saves, so it counts as met.
        def common(clause: Strings) -> bool:
            return any(len(t.strip()) < min_length and t.isascii() for t in clause)

        requirements = {
            key: tuple(c for c in clauses if not common(c)) for key, clauses in requirements.items()
        }
        self.always: frozenset[K] = frozenset(k for k, cl in requirements.items() if not cl)
        self._needed = {k: len(cl) for k, cl in requirements.items() if cl}
        owners: dict[str, set[tuple[K, int]]] = {}
        for key, clauses in requirements.items():
            for number, clause in enumerate(clauses):
                for literal in clause:
                    owners.setdefault(literal, set()).add((key, number))
        self._automaton = ahocorasick.Automaton()
        for literal, met in owners.items():
            self._automaton.add_word(literal, frozenset(met))
        if owners:
            self._automaton.make_automaton()
        self._empty = not owners

    def candidates(self, folded: str) -> set[K]:
        """Keys that may match ``folded`` (a text passed through ``fold``)."""
        found = set(self.always)
        if self._empty:
            return found
        met: set[tuple[K, int]] = set()
        for _end, clauses in self._automaton.iter(folded):
            met |= clauses
        counts: dict[K, int] = {}
        for key, _number in met:
            counts[key] = counts.get(key, 0) + 1
        found.update(k for k, n in counts.items() if n == self._needed[k])
        return found


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
