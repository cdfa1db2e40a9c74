"""``smlint scan``: FILE:POSTID locations, the summary (read = linted + skipped), every
report format, -j 1 and -j 2 giving the same output, exit codes, and no PII in any output."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from conftest import FIXTURES, SHARED, write

EXPORTS = FIXTURES / "exports"
HOOT = str(EXPORTS / "hootsuite.csv")
FORMATS = ["default", "json", "jsonl", "sarif", "github", "junit"]
PII_POSTS = [
    {
        "id": "p1",
        "date": "2024-03-02",
        "author": "dws",
        "text": "Claimant SSN 123-45-6789 is verified.",
    },
    {"id": "p2", "date": "2024-03-09", "author": "dws", "text": "Call me at (307) 555-0143 today."},
    {
        "id": "p3",
        "date": "2024-04-01",
        "author": "ui",
        "text": "Write to jane.doe@gmail.com about it.",
    },
    {
        "id": "p4",
        "date": "2024-04-05",
        "author": "ui",
        "text": "The office opens at 8 a.m. Monday.",
    },
]
PII_VALUES = ("123-45-6789", "123456789", "555-0143", "5550143", "jane.doe@gmail.com", "jane.doe")


def counts(err: str) -> dict[str, int]:
    """The numbers of the end-of-scan summary on stderr."""
    out = {}
    keys = {
        "read": "posts read",
        "linted": "posts linted",
        "skipped": r"posts skipped \(malformed\)",
        "findings": "findings",
    }
    for name, key in keys.items():
        match = re.search(rf"^{key}\s+([\d,]+)\s*$", err, re.MULTILINE)
        assert match, f"no {key!r} in summary:\n{err}"
        out[name] = int(match[1].replace(",", ""))
    return out


def scan(cli, *args: str):
    return cli("scan", "--nlp-model", "none", *args)


def test_default_format_points_at_file_post_and_line(cli) -> None:
    result = scan(cli, HOOT, "--select", "SM702,SM703")
    assert result.status == 2  # one malformed row: the scan is incomplete
    assert result.out.splitlines() == [
        f"{HOOT}:1753390000000000003:1:1: SM703 13 words in a row in capitals read as shouting"
        " (info) [example policy wi-hr: Sec. 480.040(3)]",
        f"{HOOT}:1753390000000000003:2:25: SM702 [*] Hashtag #unemploymentinsurance is several"
        " words; write it in CamelCase: #UnemploymentInsurance (info)",
    ]
    assert f"smlint: error: {HOOT}:7: expected 5 fields, found 6" in result.err
    summary = counts(result.err)
    assert summary == {"read": 6, "linted": 5, "skipped": 1, "findings": 2}


def test_every_fixture_read_equals_linted_plus_skipped(cli) -> None:
    files = sorted(str(p) for p in EXPORTS.iterdir())
    result = scan(cli, *files, "--select", "SM703", "--format", "jsonl")
    summary = counts(result.err)
    assert summary["read"] == summary["linted"] + summary["skipped"]
    assert summary["read"] == 25 and summary["skipped"] == 5
    posts = [json.loads(line) for line in result.out.splitlines()]
    assert {(p["filename"].rsplit("/", 1)[1], p["post_id"]) for p in posts} == {
        ("hootsuite.csv", "1753390000000000003"),
        ("sprout.tsv", "102"),
        ("posts.jsonl", "m-2"),
        ("tweets.js", "1815000000000000002"),
        ("your_posts_1.json", "post-2"),
    }
    tweet = next(p for p in posts if p["post_id"] == "1815000000000000002")
    assert tweet["post"] == {
        "row": "22",
        "date": "Sun Jul 21 09:00:00 +0000 2024",
        "url": "https://x.com/i/web/status/1815000000000000002",
    }
    assert "findings by month" in result.err and "2024-07" in result.err


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_works_and_stays_parseable(cli, fmt: str) -> None:
    result = scan(cli, str(EXPORTS / "tweets.js"), "--select", "SM7", "--format", fmt)
    assert result.status == 0  # SM702/SM703 are info, below the default fail-on
    out = result.out
    if fmt == "default":
        assert f"{EXPORTS / 'tweets.js'}:1815000000000000002:1:1: SM703" in out
    elif fmt == "json":
        assert {f["code"] for f in json.loads(out)} == {"SM702", "SM703"}
    elif fmt == "jsonl":
        assert [json.loads(line)["code"] for line in out.splitlines()] == ["SM702", "SM703"]
    elif fmt == "sarif":
        results = json.loads(out)["runs"][0]["results"]
        assert [r["properties"]["postId"] for r in results] == [
            "1811000000000000001",
            "1815000000000000002",
        ]
    elif fmt == "github":
        assert out.startswith("::notice file=") and "(post 1811000000000000001, at 1:" in out
    else:
        suite = ET.fromstring(out).find("testsuite")
        assert suite is not None and suite.get("tests") == "3" and suite.get("failures") == "2"
    assert "posts read" in result.err  # the summary never goes into a machine format


def test_json_stream_is_one_array_even_when_empty(cli) -> None:
    result = scan(cli, str(EXPORTS / "sprout.tsv"), "--select", "SM704", "--format", "json")
    assert result.status == 0 and json.loads(result.out) == []


def test_parallel_output_identical(cli, isolated: Path) -> None:
    lines = []
    for i in range(700):  # three batches: the pool really runs
        text = f"Update {i}: office hours change. #officehours{i % 7}"
        if i % 5 == 0:
            text = f"PLEASE READ THIS IMPORTANT NOTICE ABOUT CLAIMS NUMBER {i} NOW"
        lines.append(json.dumps({"id": f"n{i}", "date": f"2024-{1 + i % 12:02d}-01", "text": text}))
    path = write(isolated, "many.jsonl", "\n".join(lines) + "\n")
    outputs = {}
    for jobs in ("1", "2"):
        result = scan(cli, str(path), "-j", jobs, "--select", "SM7", "--format", "json")
        assert result.status == 0, result.err
        outputs[jobs] = result.out
        assert counts(result.err)["linted"] == 700
    assert outputs["1"] == outputs["2"]
    findings = json.loads(outputs["1"])
    assert [f["post_id"] for f in findings if f["code"] == "SM703"] == [
        f"n{i}" for i in range(0, 700, 5)
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_pii_value_in_any_output(cli, isolated: Path, fmt: str) -> None:
    path = write(isolated, "pii.jsonl", "".join(json.dumps(p) + "\n" for p in PII_POSTS))
    report = isolated / "report.html"
    result = scan(
        cli,
        str(path),
        "--select",
        "SM1",
        "--format",
        fmt,
        "--show-source",
        "--statistics",
        "--report",
        str(report),
    )
    assert result.status == 1
    text = result.out + result.err + report.read_text(encoding="utf-8")
    assert "SM101" in text  # the test means something only if PII was found
    for value in PII_VALUES:
        assert value not in text, f"{value} leaked in {fmt}"


def test_exit_codes(cli, isolated: Path) -> None:
    clean = write(isolated, "clean.csv", "id,text\n1,The office opens at 8 a.m.\n")
    assert scan(cli, str(clean), "--select", "SM7").status == 0
    loud = write(isolated, "loud.csv", "id,text\n1,THE OFFICE IS CLOSED ALL DAY TODAY\n")
    assert scan(cli, str(loud), "--select", "SM7").status == 0  # info < warning
    assert scan(cli, str(loud), "--select", "SM7", "--fail-on", "info").status == 1
    assert scan(cli, str(loud), "--fail-on", "info", "--select", "SM7", "--exit-zero").status == 0
    missing = scan(cli, "nowhere.csv")
    assert missing.status == 2 and missing.out == ""
    assert missing.err == "smlint: error: nowhere.csv: no such file or directory\n"
    unknown = scan(cli, str(clean), "--text-column", "body")
    assert unknown.status == 2
    assert unknown.err == f"smlint: error: {clean}: unknown column 'body' (columns: id, text)\n"
    bad_select = scan(cli, str(clean), "--select", "XX9")
    assert bad_select.status == 2 and len(bad_select.err.splitlines()) == 1


def test_quiet_count_statistics_and_output_file(cli, isolated: Path) -> None:
    files = [str(EXPORTS / "tweets.js"), str(EXPORTS / "your_posts_1.json")]
    result = scan(cli, *files, "--select", "SM7", "-q")
    assert result.out.splitlines() == [
        f"{files[0]}:1811000000000000001",
        f"{files[0]}:1815000000000000002",
        f"{files[1]}:post-2",
    ]
    assert result.err == ""  # -q: no summary
    out = isolated / "out.txt"
    result = scan(cli, *files, "--select", "SM7", "--statistics", "--count", "-o", str(out))
    assert result.out == ""
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[-3:] == [
        "1     SM702 Multi-word hashtag not in CamelCase",
        "2     SM703 Shouting in capitals",
        "3",
    ]


def test_baseline_round_trip(cli, isolated: Path) -> None:
    base = isolated / "baseline.json"
    first = scan(cli, str(EXPORTS / "tweets.js"), "--select", "SM7", "--write-baseline", str(base))
    assert first.out.count("SM70") == 2
    again = scan(cli, str(EXPORTS / "tweets.js"), "--select", "SM7", "--baseline", str(base))
    assert again.out == "" and again.status == 0
    assert "123" not in base.read_text(encoding="utf-8").split('"salt"')[0]


def test_explicit_columns_reach_the_report(cli, isolated: Path) -> None:
    path = write(
        isolated,
        "custom.csv",
        "Ref,Body,When,Where\nA1,THE OFFICE IS CLOSED ALL DAY TODAY,2024-05-06,https://e.gov/a1\n",
    )
    result = scan(
        cli,
        str(path),
        "--select",
        "SM703",
        "--format",
        "json",
        "--text-column",
        "Body",
        "--id-column",
        "Ref",
        "--date-column",
        "When",
        "--url-column",
        "Where",
    )
    [finding] = json.loads(result.out)
    assert finding["post_id"] == "A1" and finding["location"] == {"row": 1, "column": 1}
    assert finding["post"] == {"row": "2", "date": "2024-05-06", "url": "https://e.gov/a1"}


def test_many_malformed_records_counted_not_flooding(cli, isolated: Path) -> None:
    lines = [json.dumps({"id": f"g{i}", "text": "Office hours today."}) for i in range(30)]
    lines += ["{broken" for _ in range(70)]
    path = write(isolated, "noisy.jsonl", "\n".join(lines) + "\n")
    result = scan(cli, str(path), "--select", "SM7")
    assert result.status == 2
    errors = [line for line in result.err.splitlines() if line.startswith("smlint: error:")]
    assert len(errors) == 51  # 50 shown, then one line with the rest
    assert (
        errors[0] == f"smlint: error: {path}:31: invalid JSON: Expecting property name"
        " enclosed in double quotes (column 2)"
    )
    assert errors[-1] == (
        f"smlint: error: {path}: 20 more problems not shown here; "
        "--format junit (or scan --report FILE) lists every one"
    )
    assert counts(result.err) == {"read": 100, "linted": 30, "skipped": 70, "findings": 0}


def test_every_malformed_record_is_in_the_junit_and_html_reports(cli, isolated: Path) -> None:
    """The terminal summarises after 50 problems a file; the reports list every one."""
    lines = [json.dumps({"id": "g1", "text": "Office hours today."})]
    lines += ["{broken" for _ in range(120)]
    path = write(isolated, "noisy.jsonl", "\n".join(lines) + "\n")
    html = isolated / "r.html"
    result = scan(cli, str(path), "--format", "junit", "--report", str(html), "-o", "j.xml")
    assert result.status == 2
    errors = [line for line in result.err.splitlines() if line.startswith("smlint: error:")]
    assert len(errors) == 51
    assert "70 more problems not shown here; every one is in the JUnit report" in errors[-1]
    assert f"the HTML report {html}" in errors[-1]
    junit = (isolated / "j.xml").read_text(encoding="utf-8")
    assert junit.count("<error ") == 120
    for row in (2, 61, 121):
        assert f"{path}:{row}" in junit
    page = html.read_text(encoding="utf-8")
    assert page.count("invalid JSON") >= 120


def test_junit_report_lists_malformed_records_as_errors(cli, isolated: Path) -> None:
    lines = [json.dumps({"id": "g1", "text": "OFFICE HOURS ARE CLOSED ALL DAY TODAY FOLKS"})]
    lines += ["{broken"]
    path = write(isolated, "mixed.jsonl", "\n".join(lines) + "\n")
    result = scan(cli, str(path), "--select", "SM703", "--format", "junit")
    assert result.status == 2
    (suite,) = ET.fromstring(result.out.encode("utf-8"))
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "1", "1")
    failed, errored = list(suite)
    assert failed.get("name") == f"{path}:g1" and failed.find("failure") is not None
    assert errored.get("name") == f"{path}:2"
    assert errored.find("error").get("message").startswith("invalid JSON")


def test_file_problems_and_repairs_are_not_counted_as_posts(isolated: Path, cli) -> None:
    """read = linted + skipped counts posts: an unreadable file is a problem but no post,
    and a post whose lone surrogate was replaced is linted (and reported) once."""
    (isolated / "a.jsonl").write_text(
        '{"id": "1", "text": "My cell is 307-555-0143 \\ud800 now"}\n'
        '{"id": "2", "text": "Library hours 9 to 5."}\n',
        encoding="utf-8",
    )
    (isolated / "b.jsonl").write_bytes(b"\x00\x01binary")
    result = scan(cli, "a.jsonl", "b.jsonl", "--select", "SM102")
    assert result.status == 2
    assert counts(result.err) == {"read": 2, "linted": 2, "skipped": 0, "findings": 1}
    assert "a.jsonl:1: invalid Unicode" in result.err and "b.jsonl: " in result.err


def _sarif_schema():
    schema = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    if not schema.is_file():
        return None
    import jsonschema

    data = json.loads(schema.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(data, format_checker=jsonschema.FormatChecker())


def test_scan_locations_point_at_the_row_or_line_of_the_post(cli, isolated: Path) -> None:
    """github and SARIF place a scanned post's finding on the export's row (CSV, a quoted
    cell may span lines) or line (JSON Lines), and name the post."""
    write(
        isolated,
        "posts.csv",
        'id,text\n100,"Plows are out tonight."\n'
        '101,"Two lines:\nplows out. #snowemergency"\n102,Roads open. #winterparking\n',
    )
    write(
        isolated,
        "posts.jsonl",
        '{"id": "a", "text": "Roads open."}\n\n{"id": "b", "text": "Plows out. #snowemergency"}\n',
    )
    args = ("scan", "posts.csv", "posts.jsonl", "--select", "SM702", "-q")
    github = cli(*args, "--format", "github").out.splitlines()
    assert [re.search(r"file=([^,]+),line=(\d+)", line).groups() for line in github] == [
        ("posts.csv", "3"),
        ("posts.csv", "5"),
        ("posts.jsonl", "3"),
    ]
    assert "(post 101, at 2:12)" in github[0] and "col=" not in github[0]
    sarif = json.loads(cli(*args, "--format", "sarif").out)
    validator = _sarif_schema()
    if validator is not None:
        errors = sorted(validator.iter_errors(sarif), key=str)
        assert not errors, errors[0].message
    results = sarif["runs"][0]["results"]
    where = [
        (
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"],
            r["locations"][0]["logicalLocations"][0]["name"],
        )
        for r in results
    ]
    assert where == [
        ("posts.csv", {"startLine": 3, "endLine": 3}, "101"),
        ("posts.csv", {"startLine": 5, "endLine": 5}, "102"),
        ("posts.jsonl", {"startLine": 3, "endLine": 3}, "b"),
    ]
    assert all("(post " in r["message"]["text"] for r in results)
