"""The paths that were quadratic in a post's length give the same answers as before, on
the pathological inputs that exposed them (timing is in tests/bench/bench_pathological.py)."""

from __future__ import annotations

import pytest
from conftest import lint

from smlint.analysis.links import extract_links
from smlint.analysis.nlp import LONG_RUN, blank, parse
from smlint.analysis.signoff import parse_signature
from smlint.config import Agency


def test_bare_links_are_found_once_per_run_of_host_characters() -> None:
    text = "See wyo.gov/jobs and " + "a." * 5000 + " then dws.wyo.gov/ui today."
    urls = [link.url for link in extract_links(text, Agency())]
    assert urls == ["wyo.gov/jobs", "dws.wyo.gov/ui"]


def test_sign_off_after_a_long_line_is_still_found() -> None:
    text = "a." * 20000 + " Road closed. — Dana Whitfield, Public Information Officer"
    sig = parse_signature(text, (), ())
    assert sig is not None and sig.full_name
    assert text[sig.start :].startswith("— Dana Whitfield")


def test_sign_off_behind_many_hashtags_is_found() -> None:
    text = "Road closed. — Dana Whitfield, PIO " + "#a " * 3000
    sig = parse_signature(text.rstrip(), (), ())
    assert sig is not None and text[sig.start :].startswith("— Dana Whitfield")


@pytest.mark.parametrize("unit", ["(", ")", "'", "\u2014", "a.", "*", "1-"])
def test_parse_in_pieces_keeps_text_and_offsets(unit: str) -> None:
    nlp = blank()
    text = "Hello (world). " + unit * 3000 + " The end. Bye now."
    doc = parse(nlp, text)
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)
    assert max(len(t.text) for t in doc) <= LONG_RUN
    assert [s.text for s in doc.sents][-1].strip() == "Bye now."


def test_parse_of_ordinary_text_is_spacys() -> None:
    nlp = blank()
    text = "Crews are out (all night). See https://wyo.gov/roads for updates! Thanks."
    assert [t.text for t in parse(nlp, text)] == [t.text for t in nlp(text)]


@pytest.mark.parametrize("unit", ["(", "a.", "\u2014", "www.", "https://", "-"])
def test_a_pathological_post_still_gets_its_findings(unit: str) -> None:
    text = "SSN 521-44-9087 on file. " + unit * 8000 + " Thanks, Jane Doe, Program Manager"
    codes = {f.code for f in lint(text)}
    assert "SM101" in codes
