"""Draft scoping: what is linted, and that every position points into the original file."""

from __future__ import annotations

from functools import partial

import pytest
from conftest import lint as lint_all

from smlint.inputs.markdown import DraftError, parse_front_matter, scope

# Only the platform family: its findings are cheap, exact and independent of other families.
lint = partial(lint_all, select=("SM7",))


def _where(findings, code: str) -> list[tuple[int, int]]:
    return [(f.row, f.column) for f in findings if f.code == code]


def test_scoped_text_keeps_length_and_newlines() -> None:
    source = "---\nmode: personal\n---\nHi <!-- note -->\n```\n#code\n```\nSee `#x` now\n"
    scoped = scope(source, markdown=True)
    assert len(scoped.text) == len(source)
    assert [i for i, c in enumerate(scoped.text) if c == "\n"] == [
        i for i, c in enumerate(source) if c == "\n"
    ]
    assert "mode" not in scoped.text and "note" not in scoped.text
    assert "#code" not in scoped.text and "#x" not in scoped.text
    assert scoped.text.count("See") == 1 and scoped.text.count("now") == 1
    assert scoped.front_matter == {"mode": "personal"}
    assert scoped.published == "Hi \n```\n#code\n```\nSee `#x` now"


def test_front_matter_counts_in_rows() -> None:
    text = "---\ntitle: Snow\nplatform: none\n---\nPlows are out. #snowemergency\n"
    assert _where(lint(text, markdown=True), "SM702") == [(5, 16)]


def test_fenced_code_is_not_linted_but_text_after_it_is() -> None:
    text = (
        "Intro line.\n\n"
        "```text\n#snowemergency LOUD CAPITAL WORDS HERE\n```\n\n"
        "~~~\n#roadclosure\n~~~\n"
        "After the block #jobfair\n"
    )
    found = lint(text, markdown=True)
    assert _where(found, "SM702") == [(10, 17)]
    assert _where(found, "SM703") == []


def test_unclosed_fence_runs_to_the_end() -> None:
    assert lint("Text\n```\n#snowemergency\n", markdown=True) == []


def test_inline_code_is_not_linted() -> None:
    found = lint("Use `#snowemergency` as the tag, not #roadclosure here.\n", markdown=True)
    assert _where(found, "SM702") == [(1, 38)]


def test_inline_code_is_linted_in_plain_text_drafts() -> None:
    found = lint("Use `#snowemergency` as the tag.\n", markdown=False, path="post.txt")
    assert _where(found, "SM702") == [(1, 6)]


def test_html_comments_are_not_linted_in_any_draft() -> None:
    text = "<!-- reviewer: ADD MORE CAPITAL LETTERS #jobfair -->\nPlain post.\n"
    assert lint(text, markdown=True) == []
    assert lint(text, markdown=False, path="post.txt") == []


def test_multiline_comment_keeps_rows() -> None:
    text = "<!--\nnote\nmore\n-->\nLine five #jobfair\n"
    assert _where(lint(text, markdown=True), "SM702") == [(5, 11)]


def test_crlf_positions() -> None:
    text = "---\r\nplatform: none\r\n---\r\nFirst line.\r\nSecond #snowemergency\r\n"
    found = lint(text, markdown=True)
    assert _where(found, "SM702") == [(5, 8)]
    (finding,) = found
    assert finding.end_column == 8 + len("#snowemergency")


def test_columns_count_characters_not_bytes() -> None:
    text = "Café déjà-vu ünïcödé 🎉 #snowemergency\n"
    found = lint(text)
    assert _where(found, "SM702") == [(1, text.index("#") + 1)]
    assert text.index("#") + 1 == 24  # 24 characters, far fewer than its UTF-8 bytes


def test_published_text_leaves_out_front_matter_comments_and_image_lines() -> None:
    source = "---\nplatform: x\n---\n<!-- 300 chars of notes -->\n![A plow](plow.jpg)\nPlows out.\n"
    assert scope(source, markdown=True).published == "Plows out."


@pytest.mark.parametrize(
    "source",
    [
        "---\nmode: [unclosed\n---\nbody\n",
        "---\n- a\n- list\n---\nbody\n",
        "---\nmode: 3\n---\nbody\n",
    ],
)
def test_bad_front_matter(source: str) -> None:
    with pytest.raises(DraftError):
        parse_front_matter(source)


def test_front_matter_other_keys_are_ignored() -> None:
    assert parse_front_matter("---\ntitle: x\ndate: 2026-01-01\n---\n")[0] == {}


def test_empty_front_matter() -> None:
    front, start = parse_front_matter("---\n---\nBody\n")
    assert front == {} and start == 8


def test_thematic_break_is_not_front_matter_later_in_file() -> None:
    front, start = parse_front_matter("Body\n---\nplatform: x\n---\n")
    assert (front, start) == ({}, 0)


def test_front_matter_mode_and_platform_override_defaults() -> None:
    text = "---\nplatform: bluesky\n---\n" + "Short words here. " * 20
    found = lint(text, platform="none", markdown=True)
    assert _where(found, "SM701") == [(4, 1)]
    assert "Bluesky" in found[0].message
