"""Report formats: exact default lines, JSON keys, SARIF against the schema, GitHub escaping,
JUnit XML, the flake8 extras, colour only on a TTY, and never a PII value in any report."""

from __future__ import annotations

import io
import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from conftest import SHARED, write

from smlint.models import Citation, Finding, Post, Severity
from smlint.reporters import format_reporter
from smlint.reporters.base import Linted, Style, Summary, masked_line
from smlint.reporters.github import step_summary
from smlint.ruledata.catalog import load_catalog

ANSI = re.compile(r"\x1b\[[0-9;]*m")
LOUD = "---\nplatform: none\n---\nTHE OFFICE IS CLOSED TODAY! #snowemergency\n![](plow.jpg)\n"
CLEAN = "The office reopens Monday at 8 a.m.\n"
PII = (
    "Claimant update: SSN 123-45-6789 was verified.\n"
    "Call her back at (307) 555-0143 or write to jane.doe@gmail.com today.\n"
)
PII_VALUES = ("123-45-6789", "123456789", "555-0143", "5550143", "jane.doe@gmail.com", "jane.doe")
FORMATS = ["default", "json", "jsonl", "sarif", "github", "junit"]


@pytest.fixture
def drafts(isolated: Path) -> Path:
    write(isolated, "drafts/loud.md", LOUD)
    write(isolated, "drafts/clean.txt", CLEAN)
    return isolated / "drafts"


def _check(cli, *args: str):
    return cli("check", "drafts", "--nlp-model", "none", "--select", "SM7", *args)


def test_default_format_exact(drafts: Path, cli) -> None:
    result = _check(cli)
    assert result.status == 1  # SM704 is a warning
    assert result.out == (
        "drafts/loud.md:4:1: SM703 5 words in a row in capitals read as shouting (info)"
        " [example policy wi-hr: Sec. 480.040(3)]\n"
        "drafts/loud.md:4:29: SM702 [*] Hashtag #snowemergency is several words; write it in"
        " CamelCase: #SnowEmergency (info)\n"
        "drafts/loud.md:5:1: SM704 Image has no alt text (warning)\n"
    )
    assert result.err == ""


def test_json_format(drafts: Path, cli) -> None:
    found = json.loads(_check(cli, "--format", "json").out)
    assert [(f["code"], f["location"], f["end_location"]) for f in found] == [
        ("SM703", {"row": 4, "column": 1}, {"row": 4, "column": 27}),
        ("SM702", {"row": 4, "column": 29}, {"row": 4, "column": 43}),
        ("SM704", {"row": 5, "column": 1}, {"row": 5, "column": 14}),
    ]
    first = found[0]
    for key in ("filename", "post_id", "code", "rule", "severity", "message", "policy"):
        assert key in first
    assert first["filename"] == "drafts/loud.md"
    assert first["post_id"] is None
    assert (first["rule"], first["severity"]) == ("all-caps", "info")
    assert first["policy"]["pack"] == "default"
    assert first["policy"]["section"] == "Sec. 480.040(3)"
    assert first["policy"]["quote"].startswith("Employees are expected")
    assert found[2]["policy"] is None


def test_jsonl_is_the_same_objects(drafts: Path, cli) -> None:
    as_json = json.loads(_check(cli, "--format", "json").out)
    lines = _check(cli, "--format", "jsonl").out.splitlines()
    assert [json.loads(line) for line in lines] == as_json


def test_empty_reports_are_well_formed(drafts: Path, cli) -> None:
    args = ("check", "drafts/clean.txt", "--select", "SM7")
    assert json.loads(cli(*args, "--format", "json").out) == []
    assert cli(*args, "--format", "jsonl").out == ""
    assert cli(*args, "--format", "github").out == ""
    assert cli(*args).out == ""
    assert json.loads(cli(*args, "--format", "sarif").out)["runs"][0]["results"] == []


def _sarif_validator():
    schema_path = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    if not schema_path.is_file():
        pytest.skip(f"{schema_path} not found: the shared folder is not beside the repo")
    import jsonschema

    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def test_sarif_validates_and_carries_rules_and_fingerprints(drafts: Path, cli) -> None:
    text = _check(cli, "--format", "sarif").out
    sarif = json.loads(text)
    errors = sorted(_sarif_validator().iter_errors(sarif), key=str)
    assert not errors, errors[0].message
    assert sarif["version"] == "2.1.0"
    (run,) = sarif["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == load_catalog().codes()
    for rule in rules:
        assert rule["name"] and rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"] and rule["help"]["text"]
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["SM703", "SM702", "SM704"]
    assert [r["level"] for r in results] == ["note", "note", "warning"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert re.fullmatch(
            r"[0-9a-f]{32}:\d+", result["partialFingerprints"]["primaryLocationLineHash"]
        )
    region = results[1]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 4, "startColumn": 29, "endLine": 4, "endColumn": 43}
    uri = results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "drafts/loud.md"


def test_sarif_fingerprints_survive_moved_lines(drafts: Path, cli) -> None:
    before = json.loads(_check(cli, "--format", "sarif").out)["runs"][0]["results"]
    write(drafts, "loud.md", LOUD.replace("---\n", "---\ntitle: moved\n", 1) + "\n")
    after = json.loads(_check(cli, "--format", "sarif").out)["runs"][0]["results"]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after] == [
        5,
        5,
        6,
    ]
    assert [r["partialFingerprints"] for r in after] == [r["partialFingerprints"] for r in before]


def _render(fmt: str, findings: list[Finding]) -> str:
    """A format's report of findings in one post (a one-line post ``p.md``)."""
    out = io.StringIO()
    reporter = format_reporter(fmt)(out, Style(catalog=load_catalog(), version="0"))
    post = Post(path="p.md", source="x", text="x", published="x")
    reporter.post(Linted(post, findings))
    reporter.finish(Summary())
    return out.getvalue()


def _finding(**values) -> Finding:
    base = dict(
        path="drafts/a.md",
        post_id=None,
        code="SM702",
        slug="hashtag-case",
        severity=Severity.WARNING,
        message="Hashtag",
        row=2,
        column=3,
        end_row=2,
        end_column=9,
        start=10,
        end=16,
    )
    return Finding(**{**base, **values})


def test_github_annotations_and_escaping() -> None:
    finding = _finding(
        path="weird:dir,x/100%.md",
        message="50% done\r\nnext: a, b",
        severity=Severity.ERROR,
        code="SM701",
        slug="length-limit",
    )
    out = _render("github", [finding, _finding(severity=Severity.INFO)])
    assert out.splitlines() == [
        "::error file=weird%3Adir%2Cx/100%25.md,line=2,endLine=2,col=3,endColumn=9,"
        "title=SM701 length-limit::50%25 done%0D%0Anext: a, b",
        "::notice file=drafts/a.md,line=2,endLine=2,col=3,endColumn=9,"
        "title=SM702 hashtag-case::Hashtag",
    ]


def test_github_step_summary_written_when_set(
    drafts: Path, cli, monkeypatch: pytest.MonkeyPatch, isolated: Path
) -> None:
    summary = isolated / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = _check(cli, "--format", "github")
    assert result.out.count("\n") == 3
    assert result.out.startswith("::notice file=drafts/loud.md,line=4,")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n### smlint: 3 finding(s)")
    assert "| SM704 | image-alt-text | warning | 1 |" in text


def test_step_summary_not_written_for_other_formats(
    drafts: Path, cli, monkeypatch: pytest.MonkeyPatch, isolated: Path
) -> None:
    summary = isolated / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    _check(cli)
    assert not summary.exists()
    assert step_summary({}, load_catalog()) == "### smlint\n\nNo findings.\n"


def test_junit_xml(drafts: Path, cli) -> None:
    out = _check(cli, "--format", "junit").out
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    (suite,) = root
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    cases = {case.get("name"): case for case in suite}
    assert set(cases) == {"drafts/loud.md", "drafts/clean.txt"}
    assert cases["drafts/clean.txt"].find("failure") is None
    failure = cases["drafts/loud.md"].find("failure")
    assert failure is not None and failure.get("message") == "3 finding(s)"
    assert "drafts/loud.md:5:1: SM704 Image has no alt text (warning)" in failure.text


def test_junit_lists_an_unreadable_file_as_an_error(drafts: Path, cli) -> None:
    (drafts / "broken.txt").write_bytes(b"caf\xe9 \xff")  # not UTF-8
    result = _check(cli, "--format", "junit")
    assert result.status == 2
    (suite,) = ET.fromstring(result.out.encode("utf-8"))
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "1")
    [errored] = [case for case in suite if case.find("error") is not None]
    assert errored.get("name") == "drafts/broken.txt"
    assert "UTF-8" in errored.find("error").get("message")


def test_statistics_and_count(drafts: Path, cli) -> None:
    out = _check(cli, "--statistics", "--count").out.splitlines()
    assert out[3:] == [
        "1     SM702 Multi-word hashtag not in CamelCase",
        "1     SM703 Shouting in capitals",
        "1     SM704 Image without alt text",
        "3",
    ]


def test_show_source_points_at_the_match(drafts: Path, cli) -> None:
    args = ("check", "drafts", "--nlp-model", "none", "--show-source", "--select", "SM702")
    out = cli(*args).out.splitlines()
    assert out[1:] == [
        "THE OFFICE IS CLOSED TODAY! #snowemergency",
        " " * 28 + "^" * 14,
    ]


def test_quiet_levels(drafts: Path, cli) -> None:
    write(drafts, "also.md", "A #jobfair\n")
    q = _check(cli, "-q", "--fail-on", "info")
    assert (q.status, q.out) == (1, "drafts/also.md\ndrafts/loud.md\n")
    qq = _check(cli, "-qq", "--fail-on", "info")
    assert (qq.status, qq.out) == (1, "")


def test_output_file(drafts: Path, cli, isolated: Path) -> None:
    result = _check(cli, "--format", "json", "--output-file", "out/report.json")
    assert result.status == 2  # the folder is missing
    assert result.err.startswith("smlint: error: out/report.json: cannot write the report")
    (isolated / "out").mkdir()
    result = _check(cli, "--format", "json", "--output-file", "out/report.json")
    assert (result.status, result.out) == (1, "")
    found = json.loads((isolated / "out" / "report.json").read_text(encoding="utf-8"))
    assert [f["code"] for f in found] == ["SM703", "SM702", "SM704"]


def test_no_colour_when_captured_or_no_color(drafts: Path, isolated: Path) -> None:
    # SM703/SM704 only: no word-segmentation corpus to load in three subprocesses
    args = [sys.executable, "-m", "smlint", "check", "drafts", "--select", "SM703,SM704"]
    captured = subprocess.run(args, cwd=isolated, capture_output=True, text=True, check=False)
    assert "SM703" in captured.stdout and not ANSI.search(captured.stdout)
    assert _on_tty(args, isolated, {}) != _on_tty(args, isolated, {"NO_COLOR": "1"})
    assert ANSI.search(_on_tty(args, isolated, {}))
    assert not ANSI.search(_on_tty(args, isolated, {"NO_COLOR": "1"}))


def _on_tty(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    """Run with stdout on a pseudo-terminal and return what it printed."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        args,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=subprocess.PIPE,
        env={**os.environ, **env},
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # EIO once the child has closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


# --- never a PII value ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pii_linter():
    """The linter with every rule (building it is the slow part)."""
    from conftest import settings_for

    from smlint.engine.build import linter_for

    settings = settings_for(show_source=True, statistics=True)
    return settings, linter_for(settings)


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_report_format_contains_a_pii_value(
    isolated: Path, monkeypatch: pytest.MonkeyPatch, capsys, pii_linter, fmt: str
) -> None:
    from dataclasses import replace

    from smlint.inputs.drafts import DraftDefaults, make_post
    from smlint.pipeline.command import RunOptions, standard_reporters
    from smlint.pipeline.run import run
    from smlint.pipeline.sources import Posts

    settings, linter = pii_linter
    summary = isolated / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    post = make_post(
        "reply.txt",
        PII,
        DraftDefaults(mode="official", platform="none"),
        markdown=False,
        honour_inline=True,
    )
    options = RunOptions(paths=(), count=True)
    reporters = standard_reporters(
        replace(settings, format=fmt), linter.catalog, sys.stdout, options
    )
    run(Posts([post]), linter, reporters)
    out = capsys.readouterr().out
    everything = out + (summary.read_text("utf-8") if summary.exists() else "")
    for value in PII_VALUES:
        assert value not in everything, f"{fmt} report shows {value!r}"
    finding_re = r'"ruleId": "SM1\d\d"' if fmt == "sarif" else r"SM1\d\d"
    assert re.search(finding_re, out), f"{fmt}: no SM1xx finding reported"


def test_pii_end_to_end_on_the_cli(isolated: Path, cli) -> None:
    write(isolated, "reply.txt", PII)
    result = cli("check", "reply.txt", "--show-source", "--nlp-model", "none", "--format", "json")
    for value in PII_VALUES:
        assert value not in result.out + result.err
    found = json.loads(result.out)
    assert {f["code"] for f in found} >= {"SM101", "SM102", "SM103"}
    ssn = next(f for f in found if f["code"] == "SM101")
    assert ssn["location"] == {"row": 1, "column": 22}
    assert ssn["end_location"] == {"row": 1, "column": 33}
    assert result.status == 1


def test_show_source_masks_pii(isolated: Path, cli) -> None:
    write(isolated, "reply.txt", PII)
    out = cli("check", "reply.txt", "--show-source", "--nlp-model", "none").out
    assert "SSN ***-**-****" in out
    assert "(***) ***-****" in out


def test_masking_uses_every_pii_span_on_the_line() -> None:
    source = "Intro.\nCall 307-555-0143 or 555-0199 now #tag"
    post = Post(path="p.txt", source=source, text=source, published=source)
    tag = _finding(path="p.txt", row=2, column=35, end_column=39, start=41, end=45)
    linted = Linted(post, [tag], masked=((12, 24), (28, 36)))
    assert masked_line(linted, tag) == "Call ***-***-**** or ***-**** now #tag"


def test_citation_in_default_line() -> None:
    citation = Citation(pack="wy-dws", policy="wy-dws", section="Acceptable Use", quote="q")
    out = _render("default", [_finding(citation=citation)])
    assert out == "drafts/a.md:2:3: SM702 [*] Hashtag (warning) [wy-dws: Acceptable Use]\n"


SSN_LINE = "Client SSN 123-45-6789 is on file. #snowemergency\n"
MASKED_LINE = "Client SSN ***-**-**** is on file. #snowemergency"


def test_show_source_masks_pii_the_baseline_accepts(isolated: Path, cli, monkeypatch) -> None:
    monkeypatch.setenv("SMLINT_BASELINE_KEY", "ci-secret")
    write(isolated, "bl.txt", SSN_LINE)
    args = ("check", "bl.txt", "--nlp-model", "none")
    cli(*args, "--select", "SM101", "--write-baseline", "bl.json")
    result = cli(*args, "--select", "SM101,SM702", "--baseline", "bl.json", "--show-source")
    assert result.out.splitlines() == [
        "bl.txt:1:36: SM702 [*] Hashtag #snowemergency is several words; write it in CamelCase:"
        " #SnowEmergency (info)",
        MASKED_LINE,
        " " * 35 + "^" * 14,
    ]


def test_show_source_masks_pii_an_inline_comment_disables(isolated: Path, cli) -> None:
    write(isolated, "inline.md", "<!-- smlint: disable=SM101 -->\n" + SSN_LINE)
    result = cli(
        "check", "inline.md", "--nlp-model", "none", "--select", "SM101,SM702", "--show-source"
    )
    assert "SM101" not in result.out
    assert result.out.splitlines()[1] == MASKED_LINE


def test_sarif_fingerprint_hashes_the_masked_line(isolated: Path, cli, monkeypatch) -> None:
    """An SSN the baseline accepts changes no fingerprint: the line is hashed masked."""
    monkeypatch.setenv("SMLINT_BASELINE_KEY", "ci-secret")
    write(isolated, "bl.txt", SSN_LINE)
    args = ("check", "bl.txt", "--nlp-model", "none", "--format", "sarif")
    cli(*args, "--select", "SM101", "--write-baseline", "bl.json")

    def hashes(*more: str) -> dict[str, str]:
        results = json.loads(cli(*args, *more).out)["runs"][0]["results"]
        return {r["ruleId"]: r["partialFingerprints"]["primaryLocationLineHash"] for r in results}

    everything = hashes("--select", "SM101,SM702")
    accepted = hashes("--select", "SM101,SM702", "--baseline", "bl.json")
    assert set(accepted) == {"SM702"}
    assert accepted["SM702"] == everything["SM702"]


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "junit", "jsonl"])
def test_statistics_and_count_beside_a_machine_format_go_to_stderr(drafts: Path, cli, fmt) -> None:
    result = _check(cli, "--format", fmt, "--statistics", "--count")
    assert result.err.splitlines()[-4:] == [
        "1     SM702 Multi-word hashtag not in CamelCase",
        "1     SM703 Shouting in capitals",
        "1     SM704 Image without alt text",
        "3",
    ]
    assert "SM702 Multi-word" not in result.out


def test_qq_prints_no_statistics(drafts: Path, cli) -> None:
    result = _check(cli, "--statistics", "--count", "-qq")
    assert (result.out, result.status) == ("", 1)
