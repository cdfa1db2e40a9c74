"""Export readers: CSV/TSV (header and column detection), JSON arrays, JSON Lines, the X
archive, Facebook's export (mojibake); malformed records are reported with file and row."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, write

from smlint.inputs import exports
from smlint.inputs.exports import (
    Columns,
    ExportError,
    Record,
    fix_mojibake,
    open_export,
)
from smlint.models import Problem

EXPORTS = FIXTURES / "exports"


def read(path: Path | str, **columns: str) -> tuple[list[Record], list[Problem]]:
    items = list(open_export(str(path), Columns(**columns)).records())
    records = [i for i in items if isinstance(i, Record)]
    problems = [i for i in items if isinstance(i, Problem)]
    assert len(records) + len(problems) == len(items)
    return records, problems


def test_csv_columns_auto_detected_and_multiline_rows() -> None:
    records, problems = read(EXPORTS / "hootsuite.csv")
    assert [r.post_id for r in records] == [
        "1744390000000000001",
        "1748390000000000002",
        "1753390000000000003",
        "1757790000000000004",
        "1765000000000000006",
    ]
    first = records[0]
    assert first.text.startswith("Job fair Thursday")
    assert first.date == "2024-01-08 15:02"  # "Date (GMT)"
    assert first.url == "https://x.com/wyodws/status/1744390000000000001"  # "Post Link"
    assert first.author == "wyodws"  # "Profile"
    # The third post spans lines 4-5 of the file; rows are the line where a post starts.
    assert [r.row for r in records] == [2, 3, 4, 6, 8]
    assert "\nDetails on our website." in records[2].text
    # The row with an unquoted comma is reported with its line, and reading goes on.
    assert [str(p) for p in problems] == [
        f"{EXPORTS / 'hootsuite.csv'}:7: expected 5 fields, found 6"
    ]


def test_tsv_and_utf8() -> None:
    records, problems = read(EXPORTS / "sprout.tsv")
    assert not problems
    assert [(r.post_id, r.date, r.author) for r in records] == [
        ("101", "2024-04-02T10:00:00Z", "wyodws"),
        ("102", "2024-04-10T12:30:00Z", "wyodws"),
        ("103", "2024-05-01T08:15:00Z", "wyodws_biz"),
    ]
    assert records[2].text.startswith("Café owners")


def test_explicit_columns_by_name_and_number(isolated: Path) -> None:
    path = write(
        isolated,
        "custom.csv",
        "Ref;Body;When;Where\nA1;First post;2024-01-01;https://e.gov/1\nA2;Second;2024-02-01;\n",
    )
    records, _ = read(path, text="Body", id="Ref", date="When", url="Where")
    assert [(r.post_id, r.text, r.date, r.url) for r in records] == [
        ("A1", "First post", "2024-01-01", "https://e.gov/1"),
        ("A2", "Second", "2024-02-01", ""),
    ]
    headerless = write(isolated, "plain.csv", "7,2024-01-01,A longer post text here\n8,x,short\n")
    records, _ = read(headerless, text="3", id="1")
    assert [(r.row, r.post_id, r.text) for r in records] == [
        (1, "7", "A longer post text here"),
        (2, "8", "short"),
    ]
    # Without a header and without --text-column the longest column is the text.
    records, _ = read(headerless)
    assert [r.text for r in records] == ["A longer post text here", "short"]
    assert [r.post_id for r in records] == ["row-1", "row-2"]


def test_unknown_or_missing_columns_are_usage_errors(isolated: Path) -> None:
    with pytest.raises(ExportError, match=r"unknown column 'body' \(columns: id, date, text\)"):
        open_export(str(write(isolated, "a.csv", "id,date,text\n1,2,3\n")), Columns(text="body"))
    with pytest.raises(ExportError, match="no post text column found"):
        open_export(str(write(isolated, "b.csv", "id,date\n1,2\n")), Columns())
    with pytest.raises(ExportError, match="unknown column 'body' \\(fields: id, date"):
        open_export(str(EXPORTS / "posts.jsonl"), Columns(text="body"))
    with pytest.raises(ExportError, match="no such file"):
        open_export("missing.csv", Columns())


def test_csv_bad_bytes_and_runaway_quote(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(isolated, "bad.csv", b"id,text\n1,fine\n2,caf\xe9 latin-1\n3,also fine\n")
    records, problems = read(path)
    assert [r.post_id for r in records] == ["1", "3"]
    assert [str(p) for p in problems] == [f"{path}:3: not valid UTF-8"]
    monkeypatch.setattr(exports, "MAX_TEXT", 40)
    runaway = write(isolated, "q.csv", 'id,text\n1,"never closed\n2,b\n' + "3,c\n" * 20)
    records, problems = read(runaway)
    assert records == []
    assert "unbalanced quote" in str(problems[0]) and str(problems[0]).startswith(f"{runaway}:2:")


def test_json_array_and_missing_text() -> None:
    records, problems = read(EXPORTS / "posts.json")
    assert [(r.post_id, r.author) for r in records] == [
        ("fb-2001", "Wyoming DWS"),
        ("fb-2002", "Wyoming DWS"),
        ("fb-2004", "Wyoming DWS"),
    ]
    assert records[0].date == "2024-06-03T14:00:00+0000"
    assert [r.row for r in records] == [2, 3, 5]  # the line each element starts on
    assert [str(p) for p in problems] == [
        f"{EXPORTS / 'posts.json'}:4: record 3: no text field (use --text-column)"
    ]


def test_json_lines_malformed_lines_reported() -> None:
    records, problems = read(EXPORTS / "posts.jsonl")
    assert [(r.row, r.post_id) for r in records] == [(1, "m-1"), (2, "m-2"), (5, "m-4")]
    path = EXPORTS / "posts.jsonl"
    assert [str(p) for p in problems] == [
        f"{path}:4: invalid JSON: Invalid control character at (column 91)",
        f"{path}:6: expected a JSON object, found list",
        f"{path}:7: no text field (use --text-column)",
    ]


def test_x_archive_tweets_js() -> None:
    records, problems = read(EXPORTS / "tweets.js")
    assert not problems
    first = records[0]
    assert first.post_id == "1811000000000000001"
    assert first.text == (
        "New postings this week in Rock Springs & Green River. "
        "Search: https://wyomingworkforce.org/jobs #jobseekers"
    )
    assert first.date == "Wed Jul 10 15:04:05 +0000 2024"
    assert first.url == "https://x.com/i/web/status/1811000000000000001"
    assert [r.row for r in records] == [2, 22, 31]


def test_facebook_export_mojibake_repaired() -> None:
    records, problems = read(EXPORTS / "your_posts_1.json")
    assert not problems
    assert [r.post_id for r in records] == ["post-1", "post-2", "post-3"]
    assert records[0].text == (
        "Café and restaurant owners: free food-safety training next week – sign up today! 😊"
    )
    assert records[0].date == "2024-01-10T16:00:00Z"
    assert records[1].text.startswith("SEÑORES Y SEÑORAS")
    assert records[1].url == "https://wyomingworkforce.org/training"
    assert records[2].text == ""  # a photo without words is still a post (linted, clean)


def test_facebook_wrapped_in_an_object(isolated: Path) -> None:
    path = write(
        isolated,
        "fb.json",
        '{"status_updates_v2": [{"timestamp": 1704902400, "data": [{"post": "Hello"}]},\n'
        ' {"timestamp": 1704902500, "data": [{"post": "Bye \\u00c3\\u00a9"}]}]}',
    )
    records, problems = read(path)
    assert not problems
    assert [(r.post_id, r.text, r.row) for r in records] == [
        ("post-1", "Hello", 1),
        ("post-2", "Bye é", 2),
    ]


def test_fix_mojibake_leaves_good_text_alone() -> None:
    assert fix_mojibake("caf\u00c3\u00a9") == "café"
    assert fix_mojibake("café") == "café"  # Latin-1 é alone is not UTF-8: unchanged
    assert fix_mojibake("plain") == "plain"
    assert fix_mojibake("€ 5") == "€ 5"


def test_json_stream_small_chunks_and_syntax_error(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exports, "CHUNK", 16)  # every element crosses a buffer refill
    items = ",\n".join(f'{{"id": "{i}", "text": "post number {i} ✓"}}' for i in range(50))
    path = write(isolated, "many.json", f"[\n{items}\n]\n")
    records, problems = read(path)
    assert not problems
    assert [r.row for r in records] == list(range(2, 52))
    assert records[49].text == "post number 49 ✓"
    broken = write(isolated, "broken.json", '[{"id": "1", "text": "ok"},\n{"id": "2", "text": ]')
    records, problems = read(broken)
    assert [r.post_id for r in records] == ["1"]
    assert len(problems) == 1 and str(problems[0]).startswith(f"{broken}:2: invalid JSON")


def test_format_sniffed_from_content(isolated: Path) -> None:
    path = write(isolated, "export.txt", '{"id": "1", "text": "a"}\n{"id": "2", "text": "b"}\n')
    records, _ = read(path)
    assert [r.text for r in records] == ["a", "b"]
    path = write(
        isolated,
        "tweets-part1.js",
        'window.YTD.tweets.part1 = [ {"tweet": '
        '{"id_str": "5", "full_text": "x &lt;3", "created_at": ""}} ]',
    )
    records, _ = read(path)
    assert [(r.post_id, r.text) for r in records] == [("5", "x <3")]
