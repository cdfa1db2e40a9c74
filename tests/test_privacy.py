"""No raw PII in any channel: every format, --show-source, the HTML report, the step summary,
stderr, the baseline file and ``rule`` output, whatever a detected span's fate (reported,
accepted by a baseline, disabled inline)."""

from __future__ import annotations

from pathlib import Path

import pytest

from smlint.engine.masks import pii_spans
from smlint.masking import mask_echoes, mask_findings

# The raw values planted below; none may appear in any output.
RAW = (
    "123-45-6789",
    "867-5309",
    "janeroe",
    "JaneRoe",
    "jordan.lee",
    "8260",
    "Hunter22",
    "sam.ortiz",
)

DRAFT = (
    "Claimant SSN 123-45-6789, her cell 307-867-5309, about #janeroe@gmail.com. "
    "The keypad code for the side door is 8260#. The wifi password is Hunter22. "
    "FREE STUFF TODAY!!! Jane Doe, Program Manager\n"
)
SUPPRESSED = (
    "My cell is 307-867-5309, or write sam.ortiz@example.mil, SSN 123-45-6789, THIS IS LOUD NOW "
    "<!-- smlint: disable=SM101,SM102,SM103 -->\n"
)
PERSONAL = (
    "---\nmode: personal\n---\nThinking about a career? Email me at jordan.lee@springfield.gov.\n"
)
EXPORT = (
    "id,text\n"
    '1,"Claimant SSN 123-45-6789, her cell 307-867-5309, SHOUTING NOW TODAY"\n'
    '2,"Hashtag #janeroe@gmail.com and the door code is 8260#"\n'
    '3,"password is Hunter22 for the guest wifi"\n'
)


def clean(text: str, channel: str) -> None:
    for raw in RAW:
        assert raw.lower() not in text.lower(), f"{raw!r} printed in {channel}"


@pytest.fixture
def inputs(isolated: Path) -> Path:
    (isolated / "a.txt").write_text(DRAFT, encoding="utf-8")
    (isolated / "b.txt").write_text(SUPPRESSED, encoding="utf-8")
    (isolated / "c.md").write_text(PERSONAL, encoding="utf-8")
    (isolated / "posts.csv").write_text(EXPORT, encoding="utf-8")
    return isolated


@pytest.mark.parametrize("fmt", ["default", "json", "jsonl", "sarif", "github", "junit"])
def test_no_format_prints_raw_pii(cli, inputs: Path, fmt: str, monkeypatch) -> None:
    summary = inputs / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    for command in (["check", "a.txt", "b.txt", "c.md"], ["scan", "posts.csv"]):
        result = cli(*command, "--format", fmt, "--show-source", "--statistics")
        assert result.status == 1, result.err
        clean(result.out, f"{command[0]} --format {fmt} stdout")
        clean(result.err, f"{command[0]} --format {fmt} stderr")
    if summary.exists():
        clean(summary.read_text(encoding="utf-8"), "step summary")


def test_baseline_accepted_and_inline_disabled_pii_stays_masked(cli, inputs, monkeypatch) -> None:
    monkeypatch.setenv("SMLINT_BASELINE_KEY", "a-secret-of-the-ci")
    result = cli("check", "a.txt", "b.txt", "--write-baseline", "bl.json")
    assert result.status == 0, result.err
    clean((inputs / "bl.json").read_text(encoding="utf-8"), "baseline file")
    # A new finding on the same line: the accepted SSN is shown, masked.
    (inputs / "a.txt").write_text(
        DRAFT.replace("her cell", "CALLED US TWICE FROM her cell"), encoding="utf-8"
    )
    result = cli("check", "a.txt", "b.txt", "--baseline", "bl.json", "--show-source")
    assert "SM703" in result.out
    assert "***-**-****" in result.out
    clean(result.out + result.err, "--show-source with a baseline")
    assert "SM101" not in result.out  # accepted (a.txt) and disabled inline (b.txt)


def test_html_report_masks_every_pii_span(cli, inputs: Path) -> None:
    result = cli("scan", "posts.csv", "--report", "report.html", "-q")
    assert result.status == 1, result.err
    page = (inputs / "report.html").read_text(encoding="utf-8")
    assert "posts.csv" in page
    clean(page, "HTML report")


def test_sm702_never_names_a_hashtag_inside_an_email(cli, inputs: Path) -> None:
    (inputs / "h.txt").write_text("#janeroe@gmail.com is my hashtag\n", encoding="utf-8")
    result = cli("check", "h.txt", "--format", "json")
    assert '"SM702"' in result.out and '"SM103"' in result.out
    clean(result.out, "SM702 message")


def test_work_email_of_sm406_alone_is_masked(cli, inputs: Path) -> None:
    result = cli("check", "c.md", "--select", "SM406", "--show-source")
    assert "SM406" in result.out
    assert "******.***@" in result.out
    clean(result.out, "SM406 --show-source")


def test_sm111_masks_the_outcome_not_the_clause(cli, inputs: Path) -> None:
    (inputs / "s.txt").write_text("Her claim was denied on Monday.\n", encoding="utf-8")
    result = cli("check", "s.txt", "--select", "SM111", "--show-source")
    assert "SM111" in result.out
    assert "Her claim *** ****** on Monday." in result.out


def test_sm605_masks_the_code_and_password_only(cli, inputs: Path) -> None:
    result = cli("check", "a.txt", "--select", "SM605", "--show-source")
    assert "door is ****#" in result.out
    assert "password is ********" in result.out


def test_unknown_column_error_names_columns_not_row_contents(cli, inputs: Path) -> None:
    (inputs / "nohdr.csv").write_text(
        "Call 307-867-5309 SSN 123-45-6789,1\nHello world,2\n", encoding="utf-8"
    )
    result = cli("scan", "nohdr.csv", "--text-column", "Message")
    assert result.status == 2
    assert "Message" in result.err and result.err.count("\n") == 1
    clean(result.err, "unknown column error")


def test_rule_output_and_examples_print_no_draft_pii(cli, inputs: Path) -> None:
    for code in ("SM101", "SM605", "SM702"):
        result = cli("rule", code)
        assert result.status == 0
        clean(result.out, f"rule {code}")


def test_mask_echoes_masks_parts_of_pii_words() -> None:
    words = ["janeroe", "gmail", "com"]
    assert mask_echoes("Hashtag #janeroe; write #JaneRoe (jane roe)", words) == (
        "Hashtag #*******; write #******* (**** ***)"
    )
    assert mask_echoes("Hashtag is several words", words) == "Hashtag is several words"


def test_findings_keep_messages_with_no_pii_in_them() -> None:
    assert mask_findings([], "x", [(0, 1)]) == []
    assert pii_spans([], None, "") == ()  # type: ignore[arg-type]
