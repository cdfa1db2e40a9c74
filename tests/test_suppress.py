"""select/ignore as a flake8 decision table, and inline suppression comments."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import codes, lint, write

from smlint.ruledata.catalog import load_catalog
from smlint.suppress import Selection, SelectionError, parse_codes

CATALOG = load_catalog()


# (select, extend_select, ignore, code, in_pack) -> reported?
DECISIONS = [
    # nothing given: the pack decides
    ((), (), (), "SM101", True, True),
    ((), (), (), "SM101", False, False),
    # select narrows the pack's rules
    (("SM1",), (), (), "SM101", True, True),
    (("SM1",), (), (), "SM702", True, False),
    (("SM101",), (), (), "SM102", True, False),
    # select never adds what the pack leaves off; extend-select does
    (("SM1",), (), (), "SM101", False, False),
    ((), ("SM702",), (), "SM702", False, True),
    ((), ("SM7",), (), "SM702", False, True),
    # ignore
    ((), (), ("SM7",), "SM702", True, False),
    ((), (), ("SM702",), "SM703", True, True),
    # the most specific prefix wins
    (("SM702",), (), ("SM7",), "SM702", True, True),
    (("SM7",), (), ("SM702",), "SM702", True, False),
    (("SM7",), (), ("SM702",), "SM703", True, True),
    (("SM",), (), ("SM1",), "SM101", True, False),
    (("SM10",), (), ("SM1",), "SM101", True, True),
    (("SM1",), (), ("SM10",), "SM101", True, False),
    (("SM1",), (), ("SM10",), "SM110", True, True),
    ((), ("SM702",), ("SM7",), "SM702", False, True),
    ((), ("SM7",), ("SM702",), "SM702", False, False),
    # equal length: ignore wins
    (("SM702",), (), ("SM702",), "SM702", True, False),
    ((), ("SM702",), ("SM702",), "SM702", False, False),
    # several entries: the longest match of each list counts
    (("SM1", "SM702"), (), ("SM7", "SM101"), "SM702", True, True),
    (("SM1", "SM702"), (), ("SM7", "SM101"), "SM101", True, False),
    (("SM1", "SM702"), (), ("SM7", "SM101"), "SM102", True, True),
    (("SM1", "SM702"), (), ("SM7", "SM101"), "SM703", True, False),
]


@pytest.mark.parametrize(("select", "extend", "ignore", "code", "in_pack", "expected"), DECISIONS)
def test_decision_table(
    select: tuple, extend: tuple, ignore: tuple, code: str, in_pack: bool, expected: bool
) -> None:
    selection = Selection(select=select, extend_select=extend, ignore=ignore)
    assert selection.decide(code, in_pack) is expected


def test_parse_codes_splits_and_uppercases() -> None:
    assert parse_codes(["sm1, SM702", "SM7"], CATALOG, "select") == ("SM1", "SM702", "SM7")


@pytest.mark.parametrize("bad", ["SM999", "E501", "SM1x", "SM70,SM9"])
def test_parse_codes_rejects_unknown(bad: str) -> None:
    with pytest.raises(SelectionError, match="select: unknown rule code or prefix"):
        parse_codes([bad], CATALOG, "select")


def test_unknown_code_in_select_on_the_cli(isolated: Path, cli) -> None:
    write(isolated, "post.txt", "Hello.\n")
    result = cli("check", "post.txt", "--select", "SM1,SM999")
    assert result.status == 2
    assert result.err == "smlint: error: select: unknown rule code or prefix 'SM999'\n"
    result = cli("check", "post.txt", "--extend-ignore", "XX1")
    assert result.status == 2 and "'XX1'" in result.err


def test_cli_select_ignore_extend(isolated: Path, cli) -> None:
    write(isolated, "p.md", "THIS IS VERY LOUD TEXT today #snowemergency\n![](a.png)\n")

    def run(*args: str) -> list[str]:
        out = cli("check", "p.md", "--nlp-model", "none", *args).out
        return [line.split()[1] for line in out.splitlines()]

    assert run("--select", "SM7") == ["SM703", "SM702", "SM704"]
    assert run("--select", "SM7", "--ignore", "SM702") == ["SM703", "SM704"]
    assert run("--select", "SM7", "--extend-ignore", "SM703,SM704") == ["SM702"]
    assert run("--select", "SM704") == ["SM704"]
    assert run("--policy", "wi-dma", "--select", "SM7") == ["SM703"]  # wi-dma: no 702/704
    assert run("--policy", "wi-dma", "--select", "SM7", "--extend-select", "SM702") == [
        "SM703",
        "SM702",
    ]


def test_ignore_in_config_and_select_on_cli(isolated: Path, cli) -> None:
    write(isolated, ".smlint.toml", 'ignore = ["SM702"]\nnlp-model = "none"\n')
    write(isolated, "p.md", "Plows out #snowemergency\n![](a.png)\n")
    out = cli("check", "p.md", "--select", "SM7").out
    assert [line.split()[1] for line in out.splitlines()] == ["SM704"]


# --- inline suppression -----------------------------------------------------------------------

INLINE = """\
Line one #snowemergency
<!-- smlint: disable=SM702 -->
Line three #roadclosure
Line four ![](a.png)
<!-- smlint: enable=SM702 -->
Line six #jobfair
<!-- smlint: disable-next-line -->
Line eight #schoolclosing ![](b.png)
Line nine #floodwarning
<!-- smlint: disable -->
Line eleven #heatadvisory
"""


def _rows(findings, code: str) -> list[int]:
    return [f.row for f in findings if f.code == code]


def test_disable_enable_and_next_line() -> None:
    found = lint(INLINE, markdown=True, select=("SM7",))
    assert _rows(found, "SM702") == [1, 6, 9]
    assert _rows(found, "SM704") == [4]  # disable=SM702 leaves other codes alone


def test_disable_all_codes_from_that_line_down() -> None:
    text = "Top #snowemergency\n<!-- smlint: disable -->\nMiddle #jobfair ![](a.png)\n"
    assert codes(lint(text, markdown=True, select=("SM7",))) == ["SM702"]


def test_disable_by_prefix_and_several_codes() -> None:
    text = "<!-- smlint: disable=SM7 -->\nA #snowemergency ![](a.png)\n"
    assert lint(text, markdown=True, select=("SM7",)) == []
    text = "<!-- smlint: disable=sm702, SM704 -->\nA #snowemergency ![](a.png) NO MORE LOUD WORDS\n"
    assert codes(lint(text, markdown=True, select=("SM7",))) == ["SM703"]


def test_disable_next_line_with_codes() -> None:
    text = "<!-- smlint: disable-next-line=SM704 -->\nA #snowemergency ![](a.png)\nB ![](c.png)\n"
    found = lint(text, markdown=True, select=("SM7",))
    assert [(f.code, f.row) for f in found] == [("SM702", 2), ("SM704", 3)]


def test_enable_of_one_code_keeps_the_others_disabled() -> None:
    text = (
        "<!-- smlint: disable=SM702,SM704 -->\n"
        "A #snowemergency ![](a.png)\n"
        "<!-- smlint: enable=SM702 -->\n"
        "B #roadclosure ![](b.png)\n"
    )
    found = lint(text, markdown=True, select=("SM7",))
    assert [(f.code, f.row) for f in found] == [("SM702", 4)]


@pytest.mark.parametrize(
    ("disable", "enable", "expected"),
    [
        ("disable", "enable=SM702", [("SM702", 4)]),
        ("disable=SM7", "enable=SM702", [("SM702", 4)]),
        ("disable=SM702", "enable=SM7", [("SM702", 4), ("SM704", 2), ("SM704", 4)]),
        ("disable=SM702,SM704", "enable", [("SM702", 4), ("SM704", 4)]),
    ],
)
def test_enable_after_disable(disable: str, enable: str, expected: list) -> None:
    text = (
        f"<!-- smlint: {disable} -->\n"
        "A #snowemergency ![](a.png)\n"
        f"<!-- smlint: {enable} -->\n"
        "B #roadclosure ![](b.png)\n"
    )
    found = lint(text, markdown=True, select=("SM702", "SM704"))
    assert sorted((f.code, f.row) for f in found) == sorted(expected)


def test_disable_inline_flag_ignores_every_comment(isolated: Path, cli) -> None:
    write(isolated, "p.md", INLINE)
    normal = cli("check", "p.md", "--select", "SM702", "--nlp-model", "none").out
    audit = cli("check", "p.md", "--select", "SM702", "--nlp-model", "none", "--disable-inline")
    assert [line.split(":")[1] for line in normal.splitlines()] == ["1", "6", "9"]
    assert [line.split(":")[1] for line in audit.out.splitlines()] == [
        "1",
        "3",
        "6",
        "8",
        "9",
        "11",
    ]


def test_disable_inline_from_config(isolated: Path, cli) -> None:
    write(isolated, ".smlint.toml", "disable-inline = true\n")
    write(isolated, "p.md", "<!-- smlint: disable -->\nA #snowemergency\n")
    assert "p.md:2:3: SM702" in cli("check", "p.md", "--select", "SM702").out
    assert cli("check", "p.md", "--select", "SM702", "--honour-inline").out == ""


def test_directive_text_itself_is_not_linted() -> None:
    text = "<!-- smlint: disable=SM702 THIS IS NOT A SHOUTED SENTENCE AT ALL -->\nCalm.\n"
    assert lint(text, markdown=True, select=("SM7",)) == []


# --- plain-text comments, unused and unknown suppressions (SM801, SM802) --------------------

TAG = "Plows are out. #snowemergency"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (TAG + "  # smlint: disable=SM702\n", []),
        (TAG + "  # smlint: disable=hashtag-case\n", []),
        ("# smlint: disable-next-line=SM702\n" + TAG + "\n", []),
        ("# smlint: disable=SM702\n" + TAG + "\n# smlint: enable=SM702\n" + TAG + "\n", ["SM702"]),
        (TAG + "  # smlint: disable=SM703\n", ["SM702", "SM801"]),
        (TAG + "  # smlint: disabel=SM702\n", ["SM702", "SM802"]),
    ],
)
def test_hash_comments_in_plain_text_drafts(text: str, expected: list[str]) -> None:
    found = lint(text, path="post.txt", select=("SM7", "SM8"))
    assert sorted(f.code for f in found) == expected


def test_hash_comment_is_not_published_nor_linted() -> None:
    from smlint.inputs.drafts import DraftDefaults, make_post

    post = make_post(
        "p.txt",
        TAG + "  # smlint: disable=SM702\n",
        DraftDefaults(mode="official", platform="x"),
        markdown=False,
        honour_inline=True,
    )
    assert post.published == TAG
    assert "smlint" not in post.text and len(post.text) == len(post.source)


def test_a_hash_in_markdown_is_a_heading_not_a_comment() -> None:
    found = lint("# smlint: disable=SM702\n\n" + TAG + "\n", markdown=True, select=("SM702",))
    assert [f.code for f in found] == ["SM702"]


def test_unused_and_unknown_suppressions_are_placed_at_the_comment() -> None:
    text = "Plows are out.\n<!-- smlint: disable=SM702,SM999 -->\n#snowemergency ahead\n"
    found = lint(text, markdown=True, select=("SM7", "SM8"))
    assert [(f.code, f.row, f.column) for f in found] == [("SM802", 2, 1)]
    assert "SM999" in found[0].message
    unused = lint(
        "Plows are out.\n<!-- smlint: disable=SM702,SM703 -->\n#snowemergency\n",
        markdown=True,
        select=("SM7", "SM8"),
    )
    assert [(f.code, f.row, f.message) for f in unused] == [
        ("SM801", 2, "Unused suppression of SM703 (nothing to disable)")
    ]


def test_unused_is_judged_only_for_rules_that_ran() -> None:
    text = "<!-- smlint: disable=SM102 -->\nPlows are out. #SnowEmergency\n"
    assert lint(text, markdown=True, select=("SM7", "SM8")) == []
    assert [f.code for f in lint(text, markdown=True, select=("SM1", "SM8"))] == ["SM801"]


def test_disable_inline_reports_no_suppression_findings(isolated, cli) -> None:
    (isolated / "d.md").write_text("<!-- smlint: disabel -->\n" + TAG + "\n", encoding="utf-8")
    result = cli("check", "d.md", "--select", "SM7,SM8", "--disable-inline")
    assert "SM802" not in result.out and "SM702" in result.out
