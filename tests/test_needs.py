"""The regex needs (smlint.pretest.requirements) never skip a possible match, and the PII
engine's direct run of the recognizers gives what Presidio's AnalyzerEngine.analyze gives."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from conftest import settings_for
from test_pii import AGENCY, FLAG, PASS

from smlint.analysis import Resources
from smlint.pii import patterns as pii_patterns
from smlint.pii import recognizers
from smlint.pii.context import context_words
from smlint.pii.engine import PiiEngine, artifacts_from_doc
from smlint.pretest.requirements import ALWAYS, fold, requirement

sys.path.insert(0, str(Path(__file__).parent / "bench"))
from generate_corpus import iter_posts

TRICKY = [
    "Call 555\u00a0310\u20074477 or SSN\u2003521-44-9087",  # non-ASCII spaces
    "claim no. \u0667\u0667\u0663\u0660\u0660\u0661\u0669",  # Arabic-Indic digits
    "Resident \u0130van Doe, 82, of 3120 N 41st St",  # dotted capital I
    "the \u212aid's \u017fSN is 521449087 (DOB 4/5/1980)",  # Kelvin sign, long s
    "HER SON   TYLER\twas DENIED\n\nagain; age\u00a082",
    "Jane Doe, a claimant from Casper, owes us $1,200 — her claim was denied.",
    "Re MC-2024-00123 and CASE #\u00a0ab123456: see file FN-558201.",
]
# Agency [identifiers] patterns are arbitrary regexes.
IDENTIFIERS = [
    re.compile(r"\bMC-\d{4}-\d{5}\b"),
    re.compile(r"(?i)case\s*#\s*[A-Z]{2}\d{6}"),
    re.compile(r"(?:FN|file)[- ](?P<n>\d+)(?(n)\b|x)"),
]


def texts() -> list[str]:
    return (
        [t for _, t, *_ in FLAG]
        + [t for _, t in PASS]
        + TRICKY
        + [p["text"] for p in iter_posts(400, seed=11)]
    )


def patterns() -> list[re.Pattern[str]]:
    lex = context_words()
    found = [v for v in vars(pii_patterns).values() if isinstance(v, re.Pattern)]
    found += [p for _, p in pii_patterns.AGE_RES]
    found += [*lex.context.values(), lex.client, lex.relation, lex.role]
    found += [lex.address_person, lex.address_venue, lex.benefit_subjects]
    found += [pii_patterns.case_word_re()]
    found += [p for _, p in pii_patterns.situation_patterns()]
    return found + IDENTIFIERS


def test_fold_spells_what_a_regex_matches_one_way() -> None:
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        for ch in re.findall(letter, everything, re.IGNORECASE):
            assert fold(ch).text == f" {letter} ", hex(ord(ch))
    for ch in re.findall(r"\s", everything):
        assert fold(f"a{ch}{ch}b").text == " a b ", hex(ord(ch))
    for ch in re.findall(r"\d", everything):
        assert fold(f"x{ch}").text == " x0 " and fold(f"x{ch}{ch}").digits == 2, hex(ord(ch))


def test_fold_keeps_caseless_symbols_that_match_only_themselves() -> None:
    """A caseless character ("©", "—", "€", an emoji) is kept by fold, as a pattern literal
    and in the text: under IGNORECASE it matches itself only. Characters with a case are
    "?" (they may match several spellings)."""
    import random

    everything = "".join(chr(c) for c in range(0x20000) if not 0xD800 <= c <= 0xDFFF)
    kept = [c for c in everything if not c.isascii() and fold(c).text == f" {c} "]
    assert {"©", "—", "€", "•", "😀"} <= set(kept)
    assert fold("É").text == fold("é").text == " ? "
    for c in [*random.Random(3).sample(kept, 150), "©", "—", "€", "•"]:
        assert re.findall(re.escape(c), everything, re.IGNORECASE) == [c], hex(ord(c))


@pytest.mark.parametrize("pattern", patterns(), ids=lambda p: p.pattern[:40])
def test_every_match_meets_the_need(pattern: re.Pattern[str]) -> None:
    need = requirement(pattern)
    for text in texts():
        # The whole text and windows of it (recognizers search slices and ranges too).
        for window in (text, text[3:], text[: len(text) // 2], text[len(text) // 3 :]):
            for m in pattern.finditer(window):
                assert need.test(fold(m.group(0))), (pattern.pattern, m.group(0), need)


def test_needs_are_derived() -> None:
    for pattern in (pii_patterns.SSN_RE, pii_patterns.EMAIL_RE, context_words().client):
        assert requirement(pattern) is not ALWAYS
    assert not requirement(pii_patterns.PHONE_BARE_RE).test(fold("call 555 310 4477"))
    assert requirement(pii_patterns.PHONE_BARE_RE).test(fold("call 5553104477"))
    assert requirement(pii_patterns.NAME_AFTER_RE).test(fold("Jo Vue\nOF \u0663 Main St"))


def test_engine_runs_recognizers_as_presidio_does() -> None:
    engine = PiiEngine(Resources(settings_for(AGENCY)))
    entities = list(engine.entities)

    def key(results: list) -> list:  # type: ignore[type-arg]
        return sorted(
            (r.entity_type, r.start, r.end, r.score, str(r.recognition_metadata["smlint"]))
            for r in results
        )

    for text in texts():
        ours = engine.analyze(text, None)
        theirs = engine.analyzer.analyze(
            text, "en", entities=entities, nlp_artifacts=artifacts_from_doc(None)
        )
        assert key(ours) == key(theirs), text


def test_a_check_cannot_drop_the_need_for_context() -> None:
    spec = pii_patterns.Spec(
        "US_EIN", "ein", pii_patterns.EIN_RE, 0.1, "ein", check=lambda m: ("", 0.9, None)
    )
    recognizer = recognizers.SpecRecognizer("Test", [spec])
    with pytest.raises(ValueError, match="context"):
        recognizer.analyze("EIN 12-3456789", ["US_EIN"])


def _linter_and_resources():
    from smlint.engine.build import linter_for as build_linter

    linter = build_linter(settings_for(AGENCY))
    return linter, linter.resources


def test_pretests_never_drop_a_pii_result() -> None:
    """The recognizers given the linter's pre-test give what they give without one."""
    from smlint.analysis import Analysis
    from smlint.models import Post

    linter, resources = _linter_and_resources()
    engine = PiiEngine(resources)
    skipped = 0
    for text in texts():
        post = Post(path="p", source=text, text=text, published=text)
        analysis = Analysis(post, resources, pretest=linter.pretest)
        full = engine.analyze(text, None)
        fast = engine.analyze(text, None, may_match=analysis.may_match)
        assert [(r.entity_type, r.start, r.end, r.score) for r in fast] == [
            (r.entity_type, r.start, r.end, r.score) for r in full
        ], text
        skipped += not analysis.any_candidate("pii")
    assert skipped > 50  # most generated posts cannot hold any PII pattern


def test_a_post_without_pii_candidates_does_not_import_presidio() -> None:
    code = (
        "import sys\n"
        "from smlint.cli import main\n"
        "main(['check', 'a.md', '--select', 'SM1', '--nlp-model', 'none'])\n"
        "print('presidio_analyzer' in sys.modules, 'spacy' in sys.modules)\n"
    )
    import subprocess

    from conftest import REPO

    work = REPO / "tests" / "__no_pii_probe__"
    try:
        work.mkdir(exist_ok=True)
        (work / "a.md").write_text("Story time at the library this Friday! All ages welcome.\n")
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=work, capture_output=True, text=True, check=True
        ).stdout
    finally:
        for f in work.glob("*"):
            f.unlink()
        work.rmdir()
    assert out.split() == ["False", "False"]
