"""The pre-test index: never skips a pattern that matches, and skips most."""

from __future__ import annotations

import re

import pytest

from smlint.analysis import Analysis, Resources
from smlint.config import Settings
from smlint.models import Post
from smlint.pretest.index import PretestIndex, Requirement, Requirements, required_literals
from smlint.pretest.requirements import fold
from smlint.ruledata.catalog import load_catalog
from smlint.ruledata.lexicons import RuleData

LEXICONS = ("language", "politics", "confidentiality", "nonpublic-access")


@pytest.mark.parametrize(
    ("pattern", "clauses"),
    [
        (r"\bshut (?:up|it)\b", [{"shut "}, {"shut up", "shut it"}]),
        (r"a(?=b)c", [{"ac"}]),  # lookarounds are zero width
        (r"foo|bar\d+", [{"foo", "0"}, {"foo", "bar0"}]),  # digits fold to 0
        (r"f\*+ed", [{"f*"}, {"*ed"}]),  # x+: first copy ends one run, last starts the next
        (r"don['’]t\s+go", [{"don't go"}]),  # "\s+" is one space, ’ is '
        (r"(?-i:[A-Z])abc", [{"abc"}]),
        (r"İSTANBUL", [{"istanbul"}]),  # folded as the text will be
        (r"(?:©|\(c\)) 2024", [{"© 0000", "(c) 0000"}]),  # caseless symbols stay
    ],
)
def test_clauses_of_constructs(pattern: str, clauses: list[set[str]]) -> None:
    assert sorted(map(sorted, required_literals(pattern))) == sorted(map(sorted, clauses))


@pytest.mark.parametrize("pattern", [r"\w+", r"(?:a|\d)x?", r"a*b*", r"(\w)\1", r"[^x]y?"])
def test_nothing_known_means_always_run(pattern: str) -> None:
    assert required_literals(pattern) == ()
    index = PretestIndex({"p": Requirement(required_literals(pattern))})
    assert index.candidates(fold("")) == {"p"}


def test_digits_and_never() -> None:
    index = PretestIndex(
        {"ssn": Requirement((), 9), "never": Requirement.any([]), "word": Requirement(({"case"},))}
    )
    assert index.candidates(fold("SSN 123-45-6789 case")) == {"ssn", "word"}
    assert index.candidates(fold("call 555 0100")) == set()


def _example_texts() -> list[str]:
    texts = []
    for rule in load_catalog():
        texts += [e.text for e in (*rule.flag_examples, *rule.pass_examples)]
    return texts


def _analysis(text: str, index: PretestIndex, resources: Resources) -> Analysis:
    post = Post(path="p", source=text, text=text, published=text)
    return Analysis(post, resources, pretest=index)


def test_index_never_hides_a_match_of_a_lexicon_pattern() -> None:
    """Every catalog example (and variants in other letter cases and with curly quotes)
    that a code's full scanner matches is a candidate for that pattern."""
    data = RuleData.load(load_catalog())
    known = Requirements()
    requirements = {}
    for name in LEXICONS:
        requirements.update(data.lexicon(name).requirements(known))
    index = PretestIndex(requirements)
    resources = Resources(Settings(), rules=data)
    texts = _example_texts()
    texts += [t.upper() for t in texts] + [t.title() for t in texts]
    texts += [t.replace("'", "’") for t in texts]
    checked = 0
    for name in LEXICONS:
        lexicon = data.lexicon(name)
        for text in texts:
            analysis = _analysis(text, index, resources)
            for code in lexicon.patterns:
                scanner = lexicon.scanner(code)
                for match in scanner.regex.finditer(text.replace("’", "'")):
                    assert analysis.may_match((code, _name(match))), (name, code, text)
                    checked += 1
    assert checked > 50  # the examples exercise the patterns


def _name(match: re.Match[str]) -> str:
    group = match.lastgroup or ""
    return group.split("_", 1)[1].replace("_", "-")


def _language() -> tuple[Resources, PretestIndex]:
    data = RuleData.load(load_catalog())
    index = PretestIndex(data.lexicon("language").requirements(Requirements()))
    return Resources(Settings(), rules=data), index


def test_scan_finds_the_same_as_the_full_scanner() -> None:
    resources, index = _language()
    lexicon = resources.rules.lexicon("language")
    text = "You are an idiot. Shut up, you clown! Nice weather in town today."
    full = [(m.lastgroup, m.span()) for m in lexicon.scanner("SM202").regex.finditer(text)]
    analysis = _analysis(text, index, resources)
    fast = [(m.lastgroup, m.span()) for _name, m in analysis.scan(lexicon, "SM202")]
    assert fast == full and len(full) >= 2


def test_a_clean_post_runs_almost_no_pattern() -> None:
    resources, index = _language()
    text = "The library opens at 9 a.m. on Saturday. Bring the kids for story time!"
    assert len(_analysis(text, index, resources).candidates) <= 2
