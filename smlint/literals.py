"""Required literals of a regex: a cheap, conservative test that a pattern cannot match.

``required_literals(pattern)`` returns clauses of lowercase strings: every match of the
pattern (compiled case-insensitively or not) contains a string of each clause. An empty
tuple means nothing is known and the pattern must always run. It walks the parse tree of
Python's own regex parser, in the spirit of Google Code Search's trigram index: a node yields
the exact strings it can match, when few, or else clauses its matches must meet, and a
sequence keeps its most selective runs. Lookarounds and anchors match the empty string;
anything not understood yields nothing, so the answer is never wrong, only weaker.

``fold`` puts text in the same case as the literals; ``LiteralIndex`` finds, in one pass over
a folded text, which keys (patterns) have all their clauses met.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

try:  # Python 3.11+ keeps the parser private; without it nothing is filtered (always run)
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - other Pythons
    _c = _p = None  # type: ignore[assignment]

EXACT_LIMIT = 64  # beyond this many alternatives a run stops being spelled out exactly
RANGE_LIMIT = 12  # a character class range wider than this is "any character"
MAX_CLAUSES = 3  # the most selective clauses kept per pattern

# re's IGNORECASE also equates these with ASCII letters (re._casefix); str.lower() does not.
_FOLD = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}

K = TypeVar("K", bound=Hashable)
Strings = frozenset[str]
Clauses = tuple[Strings, ...]  # every clause must be met: some string of it occurs
Info = tuple["Strings | None", Clauses]  # (the exact strings a node matches, if few; clauses)


def fold(text: str) -> str:
    """Lowercase text the way the literals are lowercased."""
    if not text.isascii():
        for odd, plain in _FOLD.items():
            if odd in text:
                text = text.replace(odd, plain)
    return text.lower()


def _chars(codes: Iterable[int]) -> Strings:
    return frozenset(fold(chr(c)) for c in codes)


_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) if _c else ()


def _clauses(info: Info) -> Clauses:
    """What a match of a node must contain: its exact strings if known, else its clauses."""
    exact, clauses = info
    if exact is not None:
        return () if "" in exact else (exact,)
    return clauses


def _selectivity(clause: Strings) -> tuple[int, int, tuple[str, ...]]:
    """Longer shortest strings are rarer in text; then fewer strings (then any fixed order,
    so that the choice does not change with the process's string hashing)."""
    return min(len(s) for s in clause), -len(clause), tuple(sorted(clause))


def _strongest(clauses: Iterable[Strings]) -> Clauses:
    unique = set(clauses)
    return tuple(sorted(unique, key=_selectivity, reverse=True)[:MAX_CLAUSES])


def _sequence(items: list[tuple[object, object]]) -> Info:
    found: list[Strings] = []
    run: Strings = frozenset({""})
    unbroken = True
    for op, av in items:
        if op in _REPEATS and av[0] >= 1 and av[1] > 1:  # type: ignore[index]
            # x+ : the first copy ends the run before it, the last one starts the next
            exact, _ = _sequence(list(av[2]))  # type: ignore[index]
            if exact is not None and "" not in exact and len(run) * len(exact) <= EXACT_LIMIT:
                found.extend(_clauses((frozenset(a + b for a in run for b in exact), ())))
                run, unbroken = exact, False
                continue
        exact, clauses = _node(op, av)
        if exact is not None and len(run) * len(exact) <= EXACT_LIMIT:
            run = frozenset(a + b for a in run for b in exact)
            continue
        unbroken = False
        found.extend(_clauses((run, ())))
        if exact is not None and len(exact) <= EXACT_LIMIT:
            run = exact
        else:
            found.extend(_clauses((exact, clauses)))
            run = frozenset({""})
    if unbroken:
        return run, ()
    found.extend(_clauses((run, ())))
    return None, _strongest(found)


def _node(op: object, av: object) -> Info:
    c = _c
    if op is c.LITERAL:
        return _chars([av]), ()  # type: ignore[list-item]
    if op is c.IN:
        codes: list[int] = []
        for kind, value in av:  # type: ignore[attr-defined]
            if kind is c.LITERAL:
                codes.append(value)
            elif kind is c.RANGE and value[1] - value[0] < RANGE_LIMIT:
                codes.extend(range(value[0], value[1] + 1))
            else:  # NEGATE, CATEGORY, wide ranges
                return None, ()
        return _chars(codes), ()
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return frozenset({""}), ()  # zero width
    if op is c.SUBPATTERN:
        return _sequence(list(av[-1]))  # type: ignore[index]
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _sequence(list(av))  # type: ignore[arg-type]
    if op is c.BRANCH:
        infos = [_sequence(list(branch)) for branch in av[1]]  # type: ignore[index]
        exacts = [e for e, _ in infos]
        if all(e is not None for e in exacts):
            union = frozenset().union(*exacts)  # type: ignore[arg-type]
            if len(union) <= EXACT_LIMIT:
                return union, ()
        # A match is one branch's: the union of each branch's strongest clause is required.
        best = [_clauses(info)[:1] for info in infos]
        if not all(best):
            return None, ()
        return None, (frozenset().union(*(b[0] for b in best)),)
    if op in _REPEATS:
        low, high, sub = av  # type: ignore[misc]
        info = _sequence(list(sub))
        if low == high == 1:
            return info
        if low == 0:
            if high == 1 and info[0] is not None:
                return info[0] | {""}, ()
            return None, ()
        return None, _clauses(info)
    return None, ()  # ANY, NOT_LITERAL, CATEGORY, GROUPREF, ...: no literal known


def required_literals(pattern: str | re.Pattern[str]) -> Clauses:
    """Clauses of lowercase strings: every match contains a string of each clause.

    An empty tuple means nothing is known: the pattern must always be run.
    """
    if _p is None:
        return ()
    source = pattern.pattern if isinstance(pattern, re.Pattern) else pattern
    try:
        parsed = _p.parse(source, 0)
    except (re.error, AttributeError, TypeError, ValueError):
        return ()
    return _clauses(_sequence(list(parsed)))


class LiteralIndex:
    """Which keys may match a text, found in one Aho-Corasick pass over it (pyahocorasick).

    A key is a candidate when each of its clauses has a string in the text; keys with no
    clauses always are.
    """

    def __init__(self, requirements: Mapping[K, Clauses], min_length: int = 3) -> None:
        import ahocorasick

        # A clause with a short ASCII string ("u", "he", "#") is met by almost every post:
        # looking for it would cost more than it saves, so it counts as met.
        def common(clause: Strings) -> bool:
            return any(len(t) < min_length and t.isascii() for t in clause)

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
