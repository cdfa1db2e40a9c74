"""What every match of a regex must contain, read from its parse tree.

``requirement_of(source, flags)`` walks Python's own regex parse tree and returns a ``Need``:
literal strings (as they are spelt in a post's folded text) and a minimum number of ``\\d``
digits that any match contains. ``smlint.pretest.index`` turns the needs of every pattern a
linter has into one index, so that a post is tested against all of them in one pass. A need
is only ever "no" when the regex cannot match; anything the analysis does not understand
counts as "may match", so a pre-test never changes a finding.

The folded text (``fold``) is lower case, every digit is "0" and every whitespace run one
space, so a literal matched case-insensitively, ``\\d`` and ``\\s+`` have one spelling in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from smlint.order import shortest_first

try:  # the stdlib regex parser (private, stable since 3.11); without it nothing is skipped
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover
    sre_parse = None  # type: ignore[assignment]
try:  # what re's compiler asks: a caseless character matches only itself, IGNORECASE or not
    from _sre import unicode_iscased as _iscased
except ImportError:  # pragma: no cover

    def _iscased(_code: int) -> bool:
        return True


# Non-ASCII characters that a regex can match as an ASCII-folded one: whitespace, digits of
# other scripts, and the four that ``re.IGNORECASE`` equates with an ASCII letter.
# Curly single quotes fold to the straight one, so that patterns run over a copy of the text
# with straight apostrophes (identity phrases) have the same pre-test as the text itself.
_ODD_CASE = {
    "\u0130": "i",
    "\u0131": "i",
    "\u017f": "s",
    "\u212a": "k",
    "\u2018": "'",
    "\u2019": "'",
}
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
# ASCII: upper to lower case, digits to "0", whitespace to a space.
_FOLD_BYTES = bytes.maketrans(
    bytes(range(65, 91)) + b"0123456789\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f",
    bytes(range(97, 123)) + b"0" * 10 + b" " * 9,
)
_SPACES_RE = re.compile(rb"  +")
# Most strings one exact-set may hold (crossing literals with alternatives multiplies them),
# and most options a string need may have (more would cost more than they save).
_CROSS_LIMIT = 64
_MAX_OPTIONS = 256


class Folded(NamedTuple):
    """A post as the pre-tests see it: the folded text and its number of digits."""

    text: str
    digits: int


def fold(text: str) -> Folded:
    """Lower case, digits "0", each whitespace run one space, non-ASCII characters that have
    a case (letters such as "é") "?", caseless ones (symbols such as "©") kept, a space at
    each end; and the number of digits."""
    if text.isascii():
        raw = text.encode("ascii").translate(_FOLD_BYTES)
        return Folded(_SPACES_RE.sub(b" ", b" " + raw + b" ").decode("ascii"), raw.count(b"0"))
    table = {ord(c): _fold_char(c) for c in set(_NON_ASCII_RE.findall(text))}
    # The kept non-ASCII characters are UTF-8 bytes of 0x80 and above, which the ASCII table
    # leaves alone (and none of which is "0" or a space).
    raw = text.translate(table).encode("utf-8").translate(_FOLD_BYTES)
    return Folded(_SPACES_RE.sub(b" ", b" " + raw + b" ").decode("utf-8"), raw.count(b"0"))


class Need:
    """A necessary condition on a post; ``test`` is False only if no match is possible."""

    def test(self, post: Folded) -> bool:
        return True


ALWAYS = Need()


class _Never(Need):
    def test(self, post: Folded) -> bool:
        return False


NEVER = _Never()


@dataclass(frozen=True, eq=False)
class Digits(Need):
    count: int

    def test(self, post: Folded) -> bool:
        return post.digits >= self.count


@dataclass(frozen=True, eq=False)
class Substr(Need):
    """One of the (folded) strings occurs."""

    options: tuple[str, ...]

    def test(self, post: Folded) -> bool:
        text = post.text
        return any(option in text for option in self.options)


@dataclass(frozen=True, eq=False)
class AllOf(Need):
    parts: tuple[Need, ...]

    def test(self, post: Folded) -> bool:
        return all(part.test(post) for part in self.parts)


@dataclass(frozen=True, eq=False)
class AnyOf(Need):
    parts: tuple[Need, ...]

    def test(self, post: Folded) -> bool:
        return any(part.test(post) for part in self.parts)


def substr(options: Iterable[str]) -> Need:
    """Any of these strings; an option containing another adds nothing."""
    uniq = sorted(set(options), key=shortest_first)
    if not uniq or not all(o.strip() for o in uniq) or len(uniq) > _MAX_OPTIONS:
        return ALWAYS  # an empty or all-space option is in every folded text
    kept = [o for i, o in enumerate(uniq) if not any(k in o for k in uniq[:i])]
    return Substr(tuple(kept))


def all_of(parts: Iterable[Need]) -> Need:
    """Every one of the needs."""
    flat: list[Need] = []
    digits = 0
    for p in parts:
        if p is NEVER:
            return NEVER
        if isinstance(p, AllOf):
            flat.extend(p.parts)
        elif isinstance(p, Digits):
            digits = max(digits, p.count)
        elif p is not ALWAYS:
            flat.append(p)
    # Cheapest first: the digit count, then the strings by how many scans they take (a
    # post usually fails one of them early).
    flat = _unique(flat)
    strings = [p for p in flat if isinstance(p, Substr)]
    flat = [p for p in flat if not any(_implies(q, p) for q in strings if q is not p)]
    out = ([Digits(digits)] if digits else []) + sorted(flat, key=_cost)
    if not out:
        return ALWAYS
    return out[0] if len(out) == 1 else AllOf(tuple(out))


def any_of(parts: Iterable[Need], merge: bool = True) -> Need:
    """At least one of the needs. ``merge`` reduces each to its most telling string and
    joins the strings into one scan (cheaper, slightly weaker); without it the parts stay
    as they are, so that a part shared by several recognizers is tested once per post."""
    options: list[str] = []
    rest: list[Need] = []
    for p in parts:
        if p is ALWAYS:
            return ALWAYS
        if merge:
            p = _weaken(p)
        if isinstance(p, AnyOf):
            rest.extend(p.parts)
        elif merge and isinstance(p, Substr):
            options.extend(p.options)
        elif p is not NEVER:
            rest.append(p)
    if options:
        rest.insert(0, substr(options))
    rest = _unique(rest)
    if not rest:
        return NEVER
    if ALWAYS in rest:
        return ALWAYS
    return rest[0] if len(rest) == 1 else AnyOf(tuple(rest))


def _unique(needs: list[Need]) -> list[Need]:
    """Needs without repeats (equal string sets count as one)."""
    seen: dict[object, Need] = {}
    for need in needs:
        key = frozenset(need.options) if isinstance(need, Substr) else id(need)
        seen.setdefault(key, need)
    return list(seen.values())


def _implies(a: Substr, b: Need) -> bool:
    """``a`` holding means ``b`` holds, and ``b`` is no cheaper to test."""
    return (
        isinstance(b, Substr)
        and len(a.options) <= len(b.options)
        and all(any(o in x for o in b.options) for x in a.options)
    )


def _cost(need: Need) -> tuple[int, int]:
    if isinstance(need, Substr):
        return (len(need.options), -min(map(len, need.options)))
    return (1_000_000, 0)


def _telling(need: Need) -> tuple[int, int]:
    if isinstance(need, Substr):
        return (-min(map(len, need.options)), len(need.options))
    return (0, 0)


def _weaken(need: Need) -> Need:
    """A conjunction reduced to its digit count and its most telling string."""
    if not isinstance(need, AllOf):
        return need
    strings = [p for p in need.parts if isinstance(p, Substr)]
    if not strings:
        return need
    digits = [p for p in need.parts if isinstance(p, Digits)]
    return all_of([*digits, min(strings, key=_telling)])


def requirement(pattern: re.Pattern[str]) -> Need:
    """What every match of a compiled ``pattern`` contains (ALWAYS when unknown)."""
    return requirement_of(pattern.pattern, pattern.flags)


def requirement_of(source: str | bytes, flags: int = 0) -> Need:
    """The need of a regex's source, as a tree."""
    if sre_parse is None or not isinstance(source, str):
        return ALWAYS
    try:
        seq = _sequence(sre_parse.parse(source, flags))
    except Exception:  # an unknown construct: no pre-test
        return ALWAYS
    return all_of([Digits(seq.digits), seq.need])


@dataclass(frozen=True)
class _Seq:
    digits: int  # fewest digits in a match
    need: Need
    lead: str  # literal text every match starts with
    trail: str  # literal text every match ends with
    exact: bool  # every match is ``lead``


_ZERO_WIDTH = ("AT", "ASSERT", "ASSERT_NOT")
_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")


def _items(items: Iterable[tuple[Any, Any]]) -> Iterator[tuple[Any, Any]]:
    """Parse-tree items with groups spliced in (a group is a concatenation in place)."""
    for op, av in items:
        if str(op) == "SUBPATTERN":
            yield from _items(av[-1])
        elif str(op) == "ATOMIC_GROUP":
            yield from _items(av)
        else:
            yield op, av


def _sequence(items: Iterable[tuple[Any, Any]]) -> _Seq:
    """The needs of a concatenation. ``now`` holds the strings one of which the text has
    just before the current position; literals extend them, alternatives of literals
    multiply them, anything else ends them (they become a need)."""
    digits = 0
    parts: list[Need] = []
    now: set[str] = {""}
    lead: str | None = ""  # the literal start, while nothing else was seen
    exact = True

    def close(strings: set[str]) -> None:
        parts.append(substr(re.sub(" +", " ", s) for s in strings))

    for op, av in _items(items):
        name = str(op)
        if name in _ZERO_WIDTH:
            continue  # matches nothing: what is before and after is adjacent
        ch = _char(op, av)
        if ch is None and name in _REPEATS and av[0] >= 1 and len(av[2]) == 1:
            low, high, (sub,) = av
            one = _char(*sub)
            if one == " ":  # a whitespace run is one space in the folded text
                ch = one
            elif one is not None and low != high:
                # "\d{3,5}": at least three digits, and what follows comes after them.
                now = {s + one * low for s in now}
                digits += (one * low).count("0")
                close(now)
                now = {one * low}
                lead = None
                exact = False
                continue
            elif one is not None:
                ch = one * low
        if ch is not None:
            now = {s + ch for s in now}
            digits += ch.count("0")
            if lead is not None:
                lead += ch
            continue
        alts = _alternatives(op, av)
        if alts is not None:
            digits += min(a.digits for a in alts)
            lead = None
            # The parts stay needs too: they take fewer scans than their product.
            close(now)
            parts.append(any_of(all_of([Digits(a.digits), a.need]) for a in alts))
            if len(now) * len(alts) > _CROSS_LIMIT:
                now = {_common_suffix(now)}
            if len(now) * len(alts) <= _CROSS_LIMIT:
                crossed = {s + a.lead for s in now for a in alts}
                if all(a.exact for a in alts):
                    now = crossed  # each string holds a whole alternative
                    continue
                close(crossed)
            exact = False
            now = {a.trail for a in alts}
            continue
        close(now)
        lead = None
        exact = False
        if name in _REPEATS:
            low, _high, sub = av
            inner = _sequence(sub)
            if low >= 1:
                digits += inner.digits * low
                parts.append(inner.need)
                if inner.lead:
                    close({s + inner.lead for s in now})
                now = {inner.trail}
            else:  # no repeat (what was before is adjacent) or one ending with the trail
                now = {_common_suffix(now | {inner.trail})}
            continue
        now = {""}
        # Anything else (any character, back-references, conditionals) needs nothing.
    close(now)
    trail = _common_suffix(now)
    return _Seq(
        digits,
        all_of(parts),
        lead if lead is not None else "",
        trail,
        exact and lead is not None and now == {lead},
    )


def _alternatives(op: Any, av: Any) -> list[_Seq] | None:
    """The alternatives of a branch, or of a small class of literal characters ("[NSEW]")."""
    name = str(op)
    if name == "BRANCH":
        return [_sequence(alt) for alt in av[1]]
    if name == "IN" and 1 < len(av) <= 8 and all(str(o) == "LITERAL" for o, _ in av):
        out = []
        for _, code in av:
            ch = _fold_char(chr(code))
            if ch is None:
                out.append(_Seq(0, ALWAYS, "", "", False))
            else:
                out.append(_Seq(ch.count("0"), ALWAYS, ch, ch, True))
        return out
    return None


def _common_suffix(strings: set[str]) -> str:
    items = list(strings)
    first = items[0]
    n = 0
    while n < len(first) and all(len(s) > n and s[-1 - n] == first[-1 - n] for s in items):
        n += 1
    return first[len(first) - n :]


def _char(op: Any, av: Any) -> str | None:
    """The folded character a parse-tree item always matches, if it is one such item: an
    ASCII literal (lower case), any digit ("0") or any whitespace (one space)."""
    name = str(op)
    if name == "LITERAL":
        return _fold_char(chr(av))
    if name == "IN" and av:
        kinds = {_class_item(o, v) for o, v in av}
        if len(kinds) == 1:
            return kinds.pop()
    return None


def _fold_char(ch: str) -> str:
    """A character as ``fold`` spells it, in a text or as a pattern's literal: non-ASCII
    characters with a case (and all their case variants) are "?", caseless ones stay."""
    if ch.isspace():
        return " "
    if ch.isdecimal():
        return "0"
    if ch.isascii():
        return ch.lower()
    if ch in _ODD_CASE:
        return _ODD_CASE[ch]
    return "?" if _iscased(ord(ch)) else ch


def _class_item(op: Any, av: Any) -> str | None:
    """What one member of a character class folds to, if all it matches folds to it."""
    name = str(op)
    if name == "CATEGORY":
        return {"CATEGORY_SPACE": " ", "CATEGORY_DIGIT": "0"}.get(str(av))
    if name == "LITERAL":
        ch = _fold_char(chr(av))
        return ch if ch in (" ", "0") else None
    if name == "RANGE":
        low, high = av
        return "0" if 48 <= low <= high <= 57 else None
    return None
