"""Lexicon-driven phrase patterns shared by the language, politics and confidentiality checks.

A lexicon file (``rules/lexicons/*.yaml``) has ``terms`` (named word lists), ``regexes`` (named
lists of regex alternatives) and ``patterns``
(per code, named regexes that may say ``{list-name}`` for "any word of that list"). A word
list entry may end in ``*`` for "any ending". Everything is compiled once per process into
one regex per code with a named group per pattern, so one scan finds every pattern of a code
and the group name says which pattern fired (it goes into ``Hit.detail``). A post is scanned
only with the patterns whose required literals it contains (``smlint.pretest.literals``): most posts
contain none, and a scan of nothing costs nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from smlint.analysis import Analysis
from smlint.pretest.literals import Clauses, LiteralIndex, fold, required_literals
from smlint.ruledata.files import load_yaml

PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9-]*)\}")


def term_regex(terms: list[str]) -> str:
    """An alternation of words/phrases: spaces match any whitespace, ``*`` any ending."""
    alts = []
    for term in sorted({str(t) for t in terms}, key=len, reverse=True):
        wild = term.endswith("*")
        body = term.rstrip("*")
        rx = r"\s+".join(re.escape(part) for part in body.split())
        rx = re.sub("['’]", "['’]", rx)
        alts.append(rx + (r"\w*" if wild else ""))
    return "(?:" + "|".join(alts) + ")"


FLAGS = re.IGNORECASE | re.MULTILINE
SUBSET_CACHE = 256  # compiled scanners for subsets of a code's patterns, per code


class CodePatterns:
    """The scanner of one code: its patterns as one alternation, group names = pattern names.

    Only patterns whose required literals occur in the text can match it, so a scan compiles
    (once) and runs the alternation of just those: the same matches, since a pattern that
    matches nowhere never wins a position, at a fraction of the cost.
    """

    def __init__(self, code: str, parts: list[str], names: list[str]) -> None:
        self.code = code
        self.names = tuple(names)
        self._parts = tuple(parts)
        self.regex = re.compile("|".join(parts), FLAGS)
        self._subsets: dict[tuple[int, ...], re.Pattern[str]] = {}

    def scanner(self, indices: tuple[int, ...]) -> re.Pattern[str]:
        if len(indices) == len(self._parts):
            return self.regex
        found = self._subsets.get(indices)
        if found is None:
            found = re.compile("|".join(self._parts[i] for i in indices), FLAGS)
            if len(self._subsets) < SUBSET_CACHE:
                self._subsets[indices] = found
        return found

    def finditer(
        self, text: str, pos: int, endpos: int | None, indices: tuple[int, ...]
    ) -> Iterator[tuple[str, re.Match[str]]]:
        """(pattern name, match) of the patterns ``indices`` in ``text[pos:endpos]``."""
        end = len(text) if endpos is None else endpos
        for match in self.scanner(indices).finditer(text, pos, end):
            name = match.lastgroup or ""
            yield _pattern_name(name), match


def _group(name: str, index: int) -> str:
    return f"p{index}_{re.sub(r'[^0-9A-Za-z]', '_', name)}"


def _pattern_name(group: str) -> str:
    return group.split("_", 1)[1].replace("_", "-") if "_" in group else group


class Lexicon:
    """A compiled lexicon file: word lists and per-code scanners."""

    def __init__(self, data: Mapping[str, Any], source: str) -> None:
        self.source = source
        self.terms: dict[str, list[str]] = {
            k: [str(t) for t in v] for k, v in (data.get("terms") or {}).items()
        }
        self._term_rx = {k: term_regex(v) for k, v in self.terms.items()}
        for name, alts in (data.get("regexes") or {}).items():
            self._term_rx[name] = "(?:" + "|".join(str(a) for a in alts) + ")"
        self.codes: dict[str, CodePatterns] = {}
        requirements: dict[tuple[str, int], Clauses] = {}
        for code, patterns in (data.get("patterns") or {}).items():
            parts, names = [], []
            for i, (name, rx) in enumerate(patterns.items()):
                expanded = self.expand(rx)
                parts.append(f"(?P<{_group(name, i)}>{expanded})")
                names.append(name)
                requirements[code, i] = required_literals(expanded, FLAGS)
            self.codes[code] = CodePatterns(code, parts, names)
        self._index = LiteralIndex(requirements)
        self._last: tuple[str, dict[str, tuple[int, ...]]] | None = None

    def expand(self, pattern: str) -> str:
        def sub(m: re.Match[str]) -> str:
            key = m.group(1)
            if key not in self._term_rx:
                raise KeyError(f"{self.source}: pattern uses unknown word list {{{key}}}")
            return self._term_rx[key]

        return PLACEHOLDER.sub(sub, pattern)

    def compile(self, pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
        return re.compile(self.expand(pattern), flags)

    def candidates(self, text: str) -> dict[str, tuple[int, ...]]:
        """Per code, the patterns whose required literals occur in ``text`` (others cannot
        match it). The checks scan one post several times, so the last answer is kept."""
        if self._last is None or self._last[0] is not text:
            by_code: dict[str, list[int]] = {}
            for code, index in sorted(self._index.candidates(fold(text))):
                by_code.setdefault(code, []).append(index)
            self._last = (text, {code: tuple(found) for code, found in by_code.items()})
        return self._last[1]

    def scan(
        self, code: str, text: str, pos: int = 0, endpos: int | None = None
    ) -> Iterator[tuple[str, re.Match[str]]]:
        """Every match of the code's patterns in ``text[pos:endpos]``: (pattern name, match)."""
        patterns = self.codes.get(code)
        indices = self.candidates(text).get(code)
        if patterns is None or not indices:
            return iter(())
        return patterns.finditer(text, pos, endpos, indices)


def load_lexicon(name: str) -> Lexicon:
    return Lexicon(load_yaml(f"lexicons/{name}.yaml"), f"lexicons/{name}.yaml")


def sentences(analysis: Analysis) -> list[tuple[int, int]]:
    """Sentence spans of the post (spaCy's sentencizer), also split at line breaks."""

    def compute() -> list[tuple[int, int]]:
        text = analysis.text
        spans = []
        for sent in analysis.doc.sents:
            start = sent.start_char
            for m in re.finditer(r"[^\n]+", text[start : sent.end_char]):
                s, e = start + m.start(), start + m.end()
                s, e = trim(text, s, e)
                if e > s:
                    spans.append((s, e))
        return spans

    return analysis.memo("sentences", compute)


def sentence_of(spans: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    for s, e in spans:
        if s <= offset < e:
            return s, e
    return offset, offset


def trim(text: str, start: int, end: int, chars: str = " \t\r\n") -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def merge(
    spans: list[tuple[int, int, Any]], text: str, gap: str = r"[ \t]*"
) -> list[tuple[int, int, list[Any]]]:
    """Join spans that touch or are separated only by ``gap`` (same line)."""
    out: list[tuple[int, int, list[Any]]] = []
    gap_re = re.compile(gap)
    for s, e, info in sorted(spans, key=lambda x: (x[0], x[1])):
        if out and (s <= out[-1][1] or gap_re.fullmatch(text[out[-1][1] : s])):
            ps, pe, infos = out[-1]
            out[-1] = (ps, max(pe, e), [*infos, info])
        else:
            out.append((s, e, [info]))
    return out
