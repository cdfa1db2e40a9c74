"""Lossless export readers: every post of an export is a record or a problem (with file and
row), a bad record costs that record only, a bad file costs that file only, memory stays
bounded whatever the file, and no problem message holds a row's content.

Each test of the first part reproduces one report of the "posts silently lost" issue."""

from __future__ import annotations

import json
import os
import tracemalloc
from pathlib import Path

import pytest
from conftest import FIXTURES, write

from smlint.inputs import exports
from smlint.inputs.exports import Columns, ExportError, Record, open_export
from smlint.models import Problem

EXPORTS = FIXTURES / "exports"
GOLDEN = Path(__file__).parent / "data" / "export_records_golden.json"
SSN1, SSN2, PHONE = "123-45-6789", "987-65-4320", "307-555-0199"


def read(path: Path | str, **columns: object) -> tuple[list[Record], list[str]]:
    items = list(open_export(str(path), Columns(**columns)).records())  # type: ignore[arg-type]
    records = [i for i in items if isinstance(i, Record)]
    problems = [str(i) for i in items if isinstance(i, Problem)]
    assert len(records) + len(problems) == len(items)
    return records, problems


def rows(records: list[Record]) -> list[tuple[int, str, str]]:
    return [(r.row, r.post_id, r.text) for r in records]


def assert_no_content(problems: list[str], *values: str) -> None:
    for problem in problems:
        for value in values:
            assert value not in problem, problem


# --- well-formed exports read exactly as before ------------------------------------------


@pytest.mark.parametrize("name", sorted(p.name for p in EXPORTS.iterdir()))
def test_fixture_records_unchanged(name: str) -> None:
    """The records (and problems) of every fixture, as the reader gave them before it was
    made lossless (tests/data/export_records_golden.json)."""
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))[name]
    records, problems = read(EXPORTS / name)
    assert [r._asdict() for r in records] == golden["records"]
    path = str(EXPORTS / name)
    assert [p.replace(path, "FILE") for p in problems] == golden["problems"]


# --- JSON: one object, wrappers and their metadata ---------------------------------------


def test_a_single_json_object_is_one_post(isolated: Path) -> None:
    path = write(isolated, "one.json", json.dumps({"id": "1", "text": f"Claimant SSN {SSN1}"}))
    assert read(path) == ([Record(1, "1", f"Claimant SSN {SSN1}")], [])
    nested = write(
        isolated,
        "nested.json",
        '{\n "id": "1",\n "text": "Claimant SSN 123-45-6789",\n "user": {"name": "x"}\n}\n',
    )
    records, problems = read(nested)
    assert rows(records) == [(1, "1", f"Claimant SSN {SSN1}")] and problems == []
    pretty_tweet = write(
        isolated, "t.json", json.dumps({"tweet": {"id_str": "9", "full_text": "hi"}})
    )
    assert rows(read(pretty_tweet)[0]) == [(1, "9", "hi")]


def test_export_metadata_is_not_a_record(isolated: Path) -> None:
    path = write(
        isolated,
        "fb.json",
        '{"status_updates": [\n'
        ' {"timestamp": 1704902400, "data": [{"post": "Hello"}]},\n'
        ' {"timestamp": 1704902500, "data": [{"post": "Bye"}]}\n'
        '],\n"export_info": {"version": 2, "count": 2, "description": "posts"}}\n',
    )
    records, problems = read(path)
    assert problems == []
    assert rows(records) == [(2, "post-1", "Hello"), (3, "post-2", "Bye")]
    graph = write(
        isolated,
        "graph.json",
        json.dumps(
            {
                "data": [{"id": "p1", "message": "One"}, {"id": "p2", "message": "Two"}],
                "paging": {"cursors": {"before": "a", "after": "b"}, "next": "https://x"},
                "summary": {"total_count": 2},
            }
        ),
    )
    assert read(graph) == ([Record(1, "p1", "One"), Record(1, "p2", "Two")], [])
    # A wrapper's own "description" does not make it a post.
    described = write(
        isolated, "d.json", json.dumps({"description": "Export", "posts": [{"text": "A"}]})
    )
    assert read(described) == ([Record(1, "item-1", "A")], [])


def test_wrappers_without_posts_are_reported(isolated: Path) -> None:
    # An object with neither posts nor a text field: the first record is checked up front.
    empty = write(isolated, "empty.json", '{"export_info": {"count": 0}, "note": "none"}')
    with pytest.raises(
        ExportError, match=r"no post text field found \(fields: export_info, note\)"
    ):
        open_export(str(empty), Columns())
    assert read(write(isolated, "none.json", '{"status_updates": []}')) == ([], [])
    odd = write(
        isolated,
        "odd.json",
        json.dumps({"people": [{"name": "Jane Roe"}], "posts": [{"id": "1", "text": "Hi"}]}),
    )
    records, problems = read(odd)
    assert records == [Record(1, "1", "Hi")]
    assert problems == [
        f"{odd}:1: key 'people': an array of objects without a post text field, not scanned"
        " (name the field with --text-column)"
    ]
    assert_no_content(problems, "Jane Roe")
    by_id = write(isolated, "by_id.json", json.dumps({"a": {"text": "A"}, "b": {"text": "B"}}))
    assert [r.text for r in read(by_id)[0]] == ["A", "B"]


# --- CSV: headers ------------------------------------------------------------------------


def test_headerless_csv_with_a_column_name_in_its_first_row(isolated: Path) -> None:
    path = write(
        isolated,
        "headerless.csv",
        f"1001,status,Claimant SSN {SSN1} asked about the claim\n"
        f"1002,update,Call about SSN {SSN2} today\n",
    )
    records, problems = read(path)
    assert problems == []
    assert rows(records) == [
        (1, "row-1", f"Claimant SSN {SSN1} asked about the claim"),
        (2, "row-2", f"Call about SSN {SSN2} today"),
    ]
    # --header: the first row names the columns, whatever it looks like.
    forced = read(path, header=True)[0]
    assert rows(forced) == [(2, "row-2", "update")]
    # --no-header: a real header row is read as a post.
    named = write(isolated, "named.csv", "id,text\n1,Hello\n")
    assert rows(read(named, header=False, text="2", id="1")[0]) == [
        (1, "id", "text"),
        (2, "1", "Hello"),
    ]


def test_headers_that_look_like_headers(isolated: Path) -> None:
    path = write(
        isolated,
        "insights.csv",
        "Post ID,Post Message,Lifetime Post Total Reach,Reach 2024 (organic)\n"
        "p1,Hello there,10,4\n",
    )
    assert rows(read(path)[0]) == [(2, "p1", "Hello there")]


def test_unknown_column_error_never_prints_a_row(isolated: Path, cli) -> None:
    path = write(isolated, "data.csv", f"1,Call {PHONE} SSN {SSN1}\n2,Second post\n")
    result = cli("scan", path, "--text-column", "Message")
    assert result.status == 2
    assert result.err == (
        f"smlint: error: {path}: unknown column 'Message' (the first row does not look like a"
        " header; name the column by number, 1 to 2, or pass --header)\n"
    )
    forced = cli("scan", path, "--text-column", "Message", "--header")
    assert forced.status == 2 and SSN1 not in forced.err and PHONE not in forced.err
    assert "2 columns, not listed" in forced.err
    no_header = cli("scan", path, "--text-column", "Message", "--no-header")
    assert "with --no-header, name columns by number: 1 to 2" in no_header.err
    with pytest.raises(ExportError) as info:
        open_export(str(path), Columns(header=True))
    assert SSN1 not in str(info.value) and "not listed" in str(info.value)


# --- JSON arrays: a bad element costs that element only ----------------------------------


def test_raw_tab_in_an_element_costs_that_element(isolated: Path) -> None:
    path = write(
        isolated,
        "tab.json",
        '[{"id": "1", "text": "ok"},\n{"id": "2", "text": "a\tb"},\n'
        f'{{"id": "3", "text": "SSN {SSN1}"}},\n{{"id": "4", "text": "call {PHONE}"}}]\n',
    )
    records, problems = read(path)
    assert rows(records) == [(1, "1", "ok"), (3, "3", f"SSN {SSN1}"), (4, "4", f"call {PHONE}")]
    assert problems == [
        f"{path}:2: invalid JSON: Invalid control character at (line 2, column 23);"
        " record 2 skipped"
    ]


def test_unbalanced_quote_resynchronises_on_the_next_element(isolated: Path) -> None:
    path = write(
        isolated,
        "quote.json",
        "[\n"
        '  {"id": "1", "text": "one"},\n'
        '  {"id": "2", "text": "two, "nested": {"a": 1}},\n'
        '  {"id": "3", "text": "three", "user": {"name": "n"}},\n'
        '  {"id": "4", "text": "four"}\n'
        "]\n",
    )
    records, problems = read(path)
    assert rows(records) == [(2, "1", "one"), (4, "3", "three"), (5, "4", "four")]
    assert len(problems) == 1 and problems[0].startswith(f"{path}:3: invalid JSON: ")
    minified = write(
        isolated,
        "min.json",
        '[{"id":"1","text":"a"},{"id":"2","text":"b\x01"},{"id":"3","text":"c"},'
        '{"id":"4","text":"d"}]',
    )
    records, problems = read(minified)
    assert [r.post_id for r in records] == ["1", "3", "4"] and len(problems) == 1


def test_missing_comma_and_garbage_between_elements(isolated: Path) -> None:
    path = write(
        isolated,
        "comma.json",
        '[\n  {"id": "1", "text": "a"}\n  {"id": "2", "text": "b"},\n  {"id": "3", "text": "c"}\n]',
    )
    records, problems = read(path)
    assert [r.post_id for r in records] == ["1", "2", "3"]  # a comma left out costs nothing
    assert problems == [f"{path}:3: invalid JSON: no ',' before record 2 (line 3, column 3)"]
    garbage = write(
        isolated,
        "garbage.json",
        '[\n  {"id": "1", "text": "a"} oops,\n'
        '  {"id": "2", "text": "b"},\n  {"id": "3", "text": "c"}\n]',
    )
    records, problems = read(garbage)
    assert [r.post_id for r in records] == ["1", "2", "3"]
    assert problems == [
        f"{garbage}:2: invalid JSON: expected ',' or ']' after record 1, found other text"
        " (line 2, column 28); skipped to line 3"
    ]
    cut = write(isolated, "cut.json", '[{"id": "1", "text": "a"},\n{"id": "2", "te')
    records, problems = read(cut)
    assert [r.post_id for r in records] == ["1"]
    assert problems == [
        f"{cut}:2: invalid JSON: Unterminated string starting at (line 2, column 13); the rest"
        " of the file is not scanned"
    ]


def test_a_single_object_that_does_not_decode(isolated: Path) -> None:
    path = write(isolated, "one.json", f'{{\n  "id": "1",\n  "text": "SSN {SSN1}\tx"\n}}\n')
    assert read(path) == (
        [],
        [f"{path}:1: invalid JSON: Invalid control character at (line 3, column 27)"],
    )
    quote = write(isolated, "q.json", '{"id": "1", "text": ""unbalanced", "date": "x"}')
    records, problems = read(quote)
    assert records == [] and len(problems) == 1 and problems[0].startswith(f"{quote}:1: invalid")


def test_deep_nesting_and_huge_numbers_are_problems(isolated: Path) -> None:
    deep = write(isolated, "deep.json", "[" + "[" * 100_000 + "]" * 100_000 + ', {"text": "x"}]')
    records, problems = read(deep)
    assert [r.text for r in records] == ["x"]
    assert problems == [f"{deep}:1: invalid JSON: nested too deeply; record 1 skipped"]
    lines = write(
        isolated,
        "deep.jsonl",
        "[" * 100_000 + "\n" + '{"id": ' + "9" * 5000 + ', "text": "t"}\n{"text": "ok"}\n',
    )
    records, problems = read(lines)
    assert rows(records) == [(3, "line-3", "ok")]
    assert problems == [
        f"{lines}:1: invalid JSON: nested too deeply",
        f"{lines}:2: invalid JSON: a number too long",
    ]


# --- CSV: per-row errors -----------------------------------------------------------------


def test_bare_carriage_return_in_an_unquoted_field(isolated: Path, cli) -> None:
    path = write(isolated, "cr.csv", f"id,text\n1,hello\rworld SSN {SSN1}\n2,fine\n")
    records, problems = read(path)
    assert rows(records) == [(2, "1", f"hello\rworld SSN {SSN1}"), (3, "2", "fine")]
    assert problems == []
    other = write(isolated, "other.csv", f"id,text\n7,Text my cell {PHONE}\n")
    result = cli("scan", path, other, "--select", "SM1", "--format", "json", "-q")
    found = {(f["post_id"], f["code"]) for f in json.loads(result.out)}
    assert {("1", "SM101"), ("7", "SM102")} <= found
    assert "internal error" not in result.err


def test_csv_ending_inside_quotes_is_reported(isolated: Path) -> None:
    path = write(isolated, "open.csv", f'id,text\n1,fine\n2,"never closed\n3,SSN {SSN1}\n4,x\n')
    records, problems = read(path)
    assert rows(records) == [(2, "1", "fine")]
    assert problems == [
        f"{path}:3: unbalanced quote: the file ends inside a quoted field, so the lines from 3"
        " to 5 are not read as posts"
    ]


def test_semicolon_csv_with_commas_in_its_text(isolated: Path) -> None:
    path = write(
        isolated,
        "semi.csv",
        "1;2024-01-01;Hello, world, and more, commas, here\n2;2024-01-02;Second; post\n"
        "3;2024-01-03;Third, with one\n",
    )
    records, problems = read(path, text="3", id="1")
    assert [r.text for r in records] == ["Hello, world, and more, commas, here", "Third, with one"]
    assert problems == [f"{path}:2: expected 3 fields, found 4"]


def test_csv_rows_the_csv_module_refuses_cost_that_row(isolated: Path) -> None:
    long_field = "x" * (exports.MAX_TEXT * 10 + 5)
    path = write(isolated, "big.csv", f"id,text\n1,a\n2,{long_field}\n3,c\n")
    records, problems = read(path)
    assert [r.post_id for r in records] == ["1", "3"]
    assert problems == [f"{path}:3: malformed CSV row (field larger than field limit (1000000))"]


# --- files: unreadable, binary, changing -------------------------------------------------


def test_an_unreadable_file_is_one_problem_and_the_scan_goes_on(
    isolated: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = write(isolated, "locked.csv", "id,text\n1,a\n")
    good = write(isolated, "good.csv", f"id,text\n2,SSN {SSN1}\n")
    real_open = open

    def guarded(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(exports, "open", guarded, raising=False)
    assert read(locked) == ([], [f"{locked}: cannot read file (Permission denied)"])
    result = cli("scan", locked, good, "--select", "SM1", "--format", "json", "-q")
    assert result.status == 2
    assert [f["post_id"] for f in json.loads(result.out)] == ["2"]
    assert f"smlint: error: {locked}: cannot read file (Permission denied)" in result.err


def test_a_read_error_midway_is_reported(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(isolated, "flaky.jsonl", '{"id": "1", "text": "a"}\n' * 3)
    export = open_export(str(path), Columns())
    real_open = open

    class Flaky:
        def __init__(self, handle):  # type: ignore[no-untyped-def]
            self.handle, self.calls = handle, 0

        def readline(self, size: int = -1) -> bytes:
            self.calls += 1
            if self.calls > 2:
                raise OSError(5, "Input/output error")
            return self.handle.readline(size)

        def __enter__(self):  # type: ignore[no-untyped-def]
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

    monkeypatch.setattr(exports, "open", lambda *a, **k: Flaky(real_open(*a, **k)), raising=False)
    items = [str(i) if isinstance(i, Problem) else i.post_id for i in export.records()]
    assert items == [
        "1",
        "1",
        f"{path}: read error (Input/output error) after 50 bytes; the rest of the file is not"
        " scanned",
    ]


def test_binary_and_utf16_files_are_problems_not_reads(isolated: Path) -> None:
    sparse = isolated / "sparse.csv"
    with open(sparse, "wb") as handle:
        handle.truncate(1 << 30)  # 1 GB of holes: only the first block is read
    tracemalloc.start()
    try:
        assert read(sparse) == ([], [f"{sparse}: binary file (contains NUL bytes), not an export"])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 << 20
    utf16 = write(isolated, "u16.csv", "id,text\n1,hello\n".encode("utf-16"))
    assert read(utf16) == ([], [f"{utf16}: UTF-16 text; save the export as UTF-8"])
    fifo = isolated / "pipe.csv"
    os.mkfifo(fifo)
    assert read(fifo)[1] == [
        f"{fifo}: not a regular file (scan reads export files, not pipes or devices)"
    ]


def test_a_file_truncated_or_grown_during_the_scan_is_reported(isolated: Path) -> None:
    body = "id,text\n" + "".join(f"{i},post {i}\n" for i in range(1, 201))
    path = write(isolated, "live.csv", body)
    export = open_export(str(path), Columns())
    items = export.records()
    first = next(items)
    assert isinstance(first, Record) and first.post_id == "1"
    os.truncate(path, len(body) // 2)
    rest = list(items)
    assert isinstance(rest[-1], Problem)
    assert str(rest[-1]) == (
        f"{path}: the file changed during the scan (truncated: {len(body):,} bytes when the"
        f" scan started, {len(body) // 2:,} at the end); scan it again"
    )
    grown = write(isolated, "grown.jsonl", '{"text": "a"}\n')
    export = open_export(str(grown), Columns())
    with open(grown, "a", encoding="utf-8") as handle:
        handle.write('{"text": "b"}\n')
    items = list(export.records())
    assert [i.text for i in items if isinstance(i, Record)] == ["a", "b"]
    assert "the file changed during the scan (grown: 14 bytes" in str(items[-1])


# --- bounded memory ----------------------------------------------------------------------


def _peak_while_reading(path: Path, **kwargs: int) -> tuple[list[Record], list[str], int]:
    tracemalloc.start()
    try:
        items = list(open_export(str(path), Columns(), **kwargs).records())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    records = [i for i in items if isinstance(i, Record)]
    return records, [str(i) for i in items if isinstance(i, Problem)], peak


@pytest.mark.parametrize("suffix", ["csv", "jsonl"])
def test_an_over_long_line_is_a_problem_not_an_allocation(isolated: Path, suffix: str) -> None:
    path = isolated / f"long.{suffix}"
    if suffix == "csv":
        head, tail = "id,text\n1,first\n2,", "3,third\n"
    else:
        head, tail = '{"id": "1", "text": "first"}\n{"id": "2", "text": "', '{"id": "3"}\n'
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(head)
        for _ in range(40):
            handle.write("x" * (1 << 20))  # one 40 MB line
        handle.write('"}\n' if suffix == "jsonl" else "\n")
        handle.write(tail if suffix == "csv" else '{"id": "3", "text": "third"}\n')
    records, problems, peak = _peak_while_reading(path, max_record=1 << 20)
    assert [r.post_id for r in records] == ["1", "3"]
    row = 3 if suffix == "csv" else 2
    what = (
        f"line {row} longer than 1 MiB, skipped"
        if suffix == "csv"
        else "line longer than 1 MiB, skipped"
    )
    assert problems == [f"{path}:{row}: {what}"]
    assert peak < 8 << 20, peak


def test_an_over_long_json_element_is_skipped(isolated: Path) -> None:
    path = isolated / "long.json"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write('[\n{"id": "1", "text": "first"},\n{"id": "2", "text": "')
        for _ in range(20):
            handle.write("y" * (1 << 20))
        handle.write('", "tags": [1, {"a": "]"}]},\n{"id": "3", "text": "third"}\n]\n')
    records, problems, peak = _peak_while_reading(path, max_record=1 << 20)
    assert rows(records) == [(2, "1", "first"), (4, "3", "third")]
    assert problems == [f"{path}:3: record 2 longer than 1 MiB, skipped"]
    assert peak < 16 << 20, peak


# --- text that is not valid Unicode ------------------------------------------------------


def test_lone_surrogates_are_replaced_and_reported(isolated: Path, cli) -> None:
    lines = write(
        isolated,
        "sur.jsonl",
        '{"id": "1\\udc00", "text": "SSN 123-45-6789 \\ud800 call"}\n'
        '{"id": "2", "text": "a real pair \\ud83d\\ude00"}\n',
    )
    records, problems = read(lines)
    assert rows(records) == [(1, "1\ufffd", f"SSN {SSN1} \ufffd call"), (2, "2", "a real pair 😀")]
    assert problems == [
        f"{lines}:1: invalid Unicode in id, text (bytes that are not UTF-8, or an unpaired"
        " surrogate escape such as \\ud800), replaced with U+FFFD"
    ]
    array = write(isolated, "sur.json", b'[{"id": "1", "text": "caf\xe9 \\ud800"}]')
    records, problems = read(array)
    assert rows(records) == [(1, "1", "caf\ufffd \ufffd")]
    assert problems == [
        f"{array}:1: record 1: invalid Unicode in text (bytes that are not UTF-8, or an"
        " unpaired surrogate escape such as \\ud800), replaced with U+FFFD"
    ]
    escaped = write(
        isolated,
        "escaped.json",
        json.dumps(
            [{"id": "1", "text": "pair 😀"}, {"id": "2", "text": "pair 😀 then lone \ud800"}]
        ),
    )
    records, problems = read(escaped)
    assert [r.text for r in records] == ["pair 😀", "pair 😀 then lone \ufffd"]
    assert problems == [
        f"{escaped}:1: record 2: invalid Unicode in text (bytes that are not UTF-8, or an"
        " unpaired surrogate escape such as \\ud800), replaced with U+FFFD"
    ]
    for fmt in ("default", "json", "jsonl", "sarif", "github", "junit"):
        result = cli("scan", lines, "--format", fmt)
        assert result.status == 2, fmt
        assert "internal error" not in result.err, (fmt, result.err)
        assert SSN1 not in result.out + result.err
