"""The required-literal prefilter: never skips a pattern that matches, and skips most."""

from __future__ import annotations

import re

import pytest

from smlint.pretest.literals import LiteralIndex, required_literals
from smlint.ruledata.catalog import load_catalog
from smlint.ruledata.lexicons import load_lexicon

LEXICONS = ("language", "politics", "confidentiality")


@pytest.mark.parametrize(
    ("pattern", "clauses"),
    [
        (r"\bshut (?:up|it)\b", [{"shut "}, {"shut up", "shut it"}]),
        (r"a(?=b)c", [{"ac"}]),  # lookarounds are zero width
        (r"foo|bar\d+", [{"foo", "0"}, {"foo", "bar0"}]),  # digits fold to 0
        (r"f\*+ed", [{"f*"}, {"*ed"}]),  # x+: first copy ends one run, last starts the next
        (r"don['’]t\s+go", [{"don"}, {"don't go", "don?t go"}]),  # "\s+" is one space
        (r"(?-i:[A-Z])abc", [{"abc"}]),
        (r"İSTANBUL", [{"istanbul"}]),  # folded as the text will be
        (r"(?:©|\(c\)) 2024", [{"? 0000", "(c) 0000"}]),  # other non-ASCII letters are "?"
    ],
)
def test_clauses_of_constructs(pattern: str, clauses: list[set[str]]) -> None:
    assert sorted(map(sorted, required_literals(pattern))) == sorted(map(sorted, clauses))


@pytest.mark.parametrize("pattern", [r"\w+", r"(?:a|\d)x?", r"a*b*", r"(\w)\1", r"[^x]y?"])
def test_nothing_known_means_always_run(pattern: str) -> None:
    assert required_literals(pattern) == ()
    index = LiteralIndex({"p": required_literals(pattern)})
    assert index.candidates("") == {"p"}


def _example_texts() -> list[str]:
    texts = []
    for rule in load_catalog():
        texts += [e.text for e in (*rule.flag_examples, *rule.pass_examples)]
    return texts


def test_index_never_hides_a_match_of_a_lexicon_pattern() -> None:
    """Every catalog example (and variants in other letter cases) that a code's scanner
    matches is a candidate for that code: the prefilter is conservative."""
    texts = _example_texts()
    texts += [t.upper() for t in texts] + [t.title() for t in texts]
    checked = 0
    for name in LEXICONS:
        lexicon = load_lexicon(name)
        for text in texts:
            candidates = lexicon.candidates(text)
            for code, scanner in lexicon.codes.items():
                for match in scanner.regex.finditer(text):
                    index = scanner.names.index(_name(match))
                    assert index in candidates.get(code, ()), (name, code, text)
                    checked += 1
    assert checked > 50  # the examples exercise the patterns


def _name(match: re.Match[str]) -> str:
    group = match.lastgroup or ""
    return group.split("_", 1)[1].replace("_", "-")


def test_scan_finds_the_same_as_the_full_scanner() -> None:
    lexicon = load_lexicon("language")
    text = "You are an idiot. Shut up, you clown! Nice weather in town today."
    full = [(m.lastgroup, m.span()) for m in lexicon.codes["SM202"].regex.finditer(text)]
    fast = [(m.lastgroup, m.span()) for _name, m in lexicon.scan("SM202", text)]
    assert fast == full and len(full) >= 2


def test_a_clean_post_runs_almost_no_pattern() -> None:
    lexicon = load_lexicon("language")
    text = "The library opens at 9 a.m. on Saturday. Bring the kids for story time!"
    assert sum(map(len, lexicon.candidates(text).values())) <= 2
