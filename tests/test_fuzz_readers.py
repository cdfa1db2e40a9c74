"""Property tests (hypothesis) of every scan reader and of the config loader.

Exports of every format are generated from known posts, then damaged in the ways real
exports are (a raw control character, an unbalanced quote, a missing comma, bytes that are
not UTF-8, a lone surrogate, a cut-off file, random bytes). Whatever the input:

- reading raises nothing but ``ExportError`` (from ``open_export``, a usage error);
- every item is a ``Record`` or a ``Problem``, and a post of the input that is not read is
  covered by a problem at or before its last line, with no record in between (nothing is
  lost silently);
- an undamaged export reads as exactly its posts;
- every record's fields are ``str`` without a lone surrogate;
- no problem message holds a post's text.

``make test`` runs a few dozen examples of each (a few seconds, derandomised);
``make fuzz`` (``HYPOTHESIS_PROFILE=fuzz``) runs thousands.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smlint.config import ConfigError, load_settings
from smlint.inputs.exports import Columns, ExportError, Record, fix_mojibake, open_export
from smlint.models import Problem

_QUIET = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large]
# make test: few examples, the same every run. make fuzz: many, new ones every run.
settings.register_profile(
    "smlint", max_examples=25, derandomize=True, deadline=None, database=None,
    suppress_health_check=_QUIET,
)  # fmt: skip
settings.register_profile(
    "fuzz", max_examples=3000, deadline=None, database=None, suppress_health_check=_QUIET
)
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "smlint"))

SURROGATE = re.compile("[\ud800-\udfff]")
SECRET = "Qzv"  # every post text carries a token like Qzv123456Qzv: never in a message

# --- posts --------------------------------------------------------------------------------

# Post text: any characters (now and then a lone surrogate, which some writers cannot
# store), around a token that must never appear in a problem message.
_normal = st.characters(exclude_characters="\x00")
_surrogate = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF, categories=["Cs"])
TEXT_CHARS = st.one_of(_normal, _normal, _normal, _normal, _normal, _normal, _surrogate)
plain = st.text(TEXT_CHARS, max_size=40)


@st.composite
def post_texts(draw: st.DrawFn, index: int) -> str:
    token = f"{SECRET}{100_000 + 1000 * index + draw(st.integers(0, 999))}{SECRET}"  # unique
    return draw(plain) + token + draw(plain)


@dataclass
class Post:
    id: str
    text: str
    date: str = "2024-05-01"
    row: int = 0  # the line of the export where it starts, set by the writer
    expect: str | None = None  # the text a record must have; None: a problem, no record
    damaged: bool = False


@dataclass
class Export:
    data: bytes
    posts: list[Post]
    columns: dict[str, str] = field(default_factory=dict)
    suffix: str = ".json"
    exact: bool = True  # undamaged: the records must be exactly the posts


@st.composite
def posts(draw: st.DrawFn, min_size: int = 1) -> list[Post]:
    count = draw(st.integers(min_size, 6))
    return [Post(id=str(1000 + i), text=draw(post_texts(i))) for i in range(count)]


def utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate: bytes not UTF-8


def replaced(text: str, escaped: bool) -> str:
    """The text as read back: a lone surrogate escaped (``\\ud800``) is one U+FFFD; written
    as bytes it is three bytes that are not UTF-8, so three."""
    return SURROGATE.sub("\ufffd" if escaped else "\ufffd" * 3, text)


# --- writers, one per format --------------------------------------------------------------


def _json_value(obj: object, ensure_ascii: bool, indent: int | None) -> str:
    return json.dumps(obj, ensure_ascii=ensure_ascii, indent=indent)


def _array(items: list[str], posts_: list[Post], head: str, tail: str, sep: str) -> str:
    """``head`` + items joined by ``sep`` + ``tail``, noting each post's first line."""
    out = head
    for i, (item, post) in enumerate(zip(items, posts_, strict=True)):
        if i:
            out += sep
        post.row = out.count("\n") + 1
        out += item
    return out + tail


@st.composite
def json_exports(draw: st.DrawFn, shape: str) -> Export:
    items = draw(posts())
    ensure_ascii = draw(st.booleans())
    indent = draw(st.sampled_from([None, 2]))
    sep = draw(st.sampled_from([", ", ",\n", ",\n  "]))
    if shape == "tweets":
        objs = [
            {"tweet": {"id_str": p.id, "full_text": p.text, "created_at": p.date}} for p in items
        ]
    elif shape == "facebook":
        objs = [
            {"timestamp": 1704902400 + i, "data": [{"post": p.text}]} for i, p in enumerate(items)
        ]
        for i, p in enumerate(items, 1):
            p.id = f"post-{i}"
    else:
        objs = [{"id": p.id, "text": p.text, "date": p.date} for p in items]
    encoded = [_json_value(o, ensure_ascii, indent) for o in objs]
    for p in items:
        text = p.text
        if shape == "tweets":
            text = html.unescape(text)
        elif shape == "facebook":
            text = fix_mojibake(text)
        p.expect = replaced(text, ensure_ascii)
    if shape == "tweets":
        text = _array(encoded, items, "window.YTD.tweets.part0 = [\n", "\n]\n", sep)
        return Export(utf8(text), items, suffix=".js")
    wrapper = draw(
        st.sampled_from(["array", "wrapped", "single"] if len(items) == 1 else ["array", "wrapped"])
    )
    if wrapper == "single":
        items[0].row = 1
        return Export(utf8(encoded[0]), items)
    if wrapper == "wrapped":
        key = "status_updates_v2" if shape == "facebook" else "posts"
        head = f'{{"export_info": {{"version": 2, "count": {len(items)}}},\n "{key}": [\n'
        return Export(utf8(_array(encoded, items, head, "\n]}\n", sep)), items)
    return Export(utf8(_array(encoded, items, "[\n", "\n]\n", sep)), items)


@st.composite
def jsonl_exports(draw: st.DrawFn) -> Export:
    items = draw(posts())
    ensure_ascii = draw(st.booleans())
    lines = [
        _json_value({"id": p.id, "text": p.text, "date": p.date}, ensure_ascii, None) for p in items
    ]
    for number, p in enumerate(items, 1):
        p.row = number
        p.expect = replaced(p.text, ensure_ascii)
    return Export(utf8("".join(line + "\n" for line in lines)), items, suffix=".jsonl")


@st.composite
def csv_exports(draw: st.DrawFn, delimiter: str) -> Export:
    items = draw(posts())
    header = draw(st.booleans())
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
    if any("\r" in p.text for p in items):
        quoting = csv.QUOTE_ALL  # a writer leaves a text's \r unquoted: not CSV any reader reads
    if not header:  # a headerless one-row file with ';' in its text is a ';' file: keep it plain
        for p in items:
            p.text = re.sub("[,;|\t]", " ", p.text)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=ending, quoting=quoting)
    if header:
        writer.writerow(["id", "date", "text"])
    for p in items:
        p.row = buffer.getvalue().count("\n") + 1
        writer.writerow([p.id, p.date, p.text])
        p.expect = None if SURROGATE.search(p.text) else p.text  # a row not UTF-8: a problem
    columns = {} if header else {"text": "3", "id": "1"}
    suffix = ".tsv" if delimiter == "\t" else ".csv"
    return Export(utf8(buffer.getvalue()), items, columns, suffix)


WRITERS: dict[str, Callable[[], st.SearchStrategy[Export]]] = {
    "csv": lambda: csv_exports(","),
    "csv-semicolon": lambda: csv_exports(";"),
    "tsv": lambda: csv_exports("\t"),
    "json": lambda: json_exports("plain"),
    "jsonl": jsonl_exports,
    "tweets.js": lambda: json_exports("tweets"),
    "facebook": lambda: json_exports("facebook"),
}

# --- damage -------------------------------------------------------------------------------


def _posts_around(export: Export, offset: int) -> list[Post]:
    """The posts next to byte ``offset``: the one whose text comes last before it, and the
    next one (damage there can reach either)."""
    starts = [(m.start(), m.group()) for m in TOKEN.finditer(export.data)]
    by_token = {f"{SECRET}{p.text.split(SECRET)[1]}{SECRET}".encode(): p for p in export.posts}
    before = [by_token[t] for at, t in starts if at < offset and t in by_token]
    after = [by_token[t] for at, t in starts if at >= offset and t in by_token]
    return before[-1:] + after[:1]


TOKEN = re.compile(rb"Qzv\d{6}Qzv")
DAMAGE = ["none", "control", "quote", "comma", "bytes", "cut", "garbage", "blank", "cr"]


@st.composite
def damaged(draw: st.DrawFn, writer: str) -> Export:
    export = draw(WRITERS[writer]())
    kind = draw(st.sampled_from(DAMAGE))
    if kind == "none":
        return export
    export.exact = False
    data = export.data
    spot = draw(st.sampled_from(list(TOKEN.finditer(data))))
    at = spot.start()
    if kind == "control":  # a raw TAB or other control character inside the text
        data = data[:at] + draw(st.sampled_from([b"\t", b"\x01", b"\x1f"])) + data[at:]
    elif kind == "quote":  # an unbalanced quote
        data = data[:at] + b'"' + data[at:]
    elif kind == "comma":  # a separator lost (JSON) or an extra field (CSV)
        if export.suffix in (".csv", ".tsv"):
            data = data[: spot.end()] + b"\t,;" + data[spot.end() :]
        else:
            comma = data.find(b",", spot.end())
            data = data[:comma] + data[comma + 1 :] if comma != -1 else data
    elif kind == "bytes":  # bytes that are not UTF-8
        data = data[:at] + b"\xff\xfe\xc3" + data[at:]
    elif kind == "cut":  # the file ends early
        at = draw(st.integers(0, len(data)))
        data = data[:at]
        lines = data.count(b"\n") + (0 if data.endswith(b"\n") or not data else 1)
        for p in export.posts:
            if p.row > lines:
                p.row = -1  # not in the file any more
    elif kind == "garbage":  # random bytes anywhere
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    elif kind == "blank":  # blank lines after a post
        at = data.find(b"\n", spot.end()) + 1
        data = data[:at] + b"\n\n" + data[at:] if at else data
    elif kind == "cr":  # a bare carriage return
        data = data[:at] + b"\r" + data[at:]
    for post in _posts_around(export, at):
        post.damaged = True
    export.data = data
    return export


# --- the properties -----------------------------------------------------------------------


def read_export(export: Export) -> tuple[list[Record], list[Problem], str | None]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"export{export.suffix}"
        path.write_bytes(export.data)
        try:
            opened = open_export(str(path), Columns(**export.columns))
        except ExportError as exc:
            return [], [], str(exc)
        items = list(opened.records())
    records = [i for i in items if type(i) is Record]
    problems = [i for i in items if type(i) is Problem]
    assert len(records) + len(problems) == len(items)
    return records, problems, None


def _row(problem: Problem) -> int:
    """The row of a problem; 0 for a problem of the whole file."""
    tail = problem.path.rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def check_properties(export: Export) -> None:
    records, problems, error = read_export(export)
    messages = [p.message for p in problems] + ([error] if error else [])
    for message in messages:
        assert not re.search(r"Qzv\d{6}Qzv", message), message  # no post text
        assert "\n" not in message
    for r in records:
        assert r.row >= 1
        for value in r:
            if isinstance(value, str):
                assert not SURROGATE.search(value)
    if error is not None:
        assert not export.exact or not export.posts, error
        return
    found: dict[str, Record] = {}  # token -> the record whose text holds it
    for r in records:
        for token in re.findall(r"Qzv\d{6}Qzv", r.text):
            found.setdefault(token, r)
    clean_rows = sorted(r.row for r in records)
    problem_rows = sorted(_row(p) for p in problems)
    for post in export.posts:
        if post.row < 0:
            continue  # cut off: not in the file
        record = found.get(re.findall(r"Qzv\d{6}Qzv", post.text)[0])
        if record is not None:
            if not post.damaged and post.expect is not None and record.row == post.row:
                assert record.text == post.expect
            continue
        if post.expect is None and problems:
            continue  # a row that is not UTF-8: reported
        if post.damaged and post.row in clean_rows:
            continue  # read, with the damage in its text
        # Not read: a problem at or before its last line, with no record in between.
        later = [p.row for p in export.posts if p.row > post.row]
        last = min(later) - 1 if later else 1 << 30
        before = [row for row in problem_rows if row <= last]
        assert before, (post, records, problems)
        assert not any(before[-1] < row < post.row for row in clean_rows), (post, problems)
    if export.exact:
        assert [(r.post_id, r.text) for r in records] == [
            (p.id, p.expect) for p in export.posts if p.expect is not None
        ]
        assert len(problems) == sum(bool(SURROGATE.search(p.text)) for p in export.posts)


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_reader_properties(writer: str) -> None:
    @PROFILE
    @given(damaged(writer))
    def run(export: Export) -> None:
        check_properties(export)

    run()


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".json", ".jsonl", ".js", ".txt"])
def test_readers_survive_random_bytes(suffix: str) -> None:
    """Any bytes at all: no exception, every item a Record or a Problem, clean strings."""

    @PROFILE
    @given(
        st.one_of(
            st.binary(max_size=300),
            st.text(TEXT_CHARS, max_size=200).map(utf8),
            st.lists(
                st.sampled_from([*b'[]{}",:\\ \n\r\tabc01tnufl', 0xFF, 0xED, 0xA0]),
                max_size=120,
            ).map(bytes),
        )
    )
    def run(data: bytes) -> None:
        check_properties(Export(data, [], suffix=suffix, exact=False))

    run()


# --- the config loader --------------------------------------------------------------------

KEYS = [
    "policy", "mode", "platform", "select", "ignore", "extend-select", "extend-ignore",
    "fail-on", "nlp-model", "format", "exclude", "jobs", "resolve-links", "show-source",
    "statistics", "disable-inline", "agency", "identifiers", "colour", "tool", "smlint",
]  # fmt: skip
AGENCY_KEYS = ["name", "aliases", "official-domains", "public-phones", "titles", "nope"]


def _toml_scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_scalar(v) for v in value) + "]"
    return json.dumps(value)  # a TOML basic string


scalars = st.one_of(
    st.booleans(),
    st.integers(-5, 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12).filter(lambda s: not SURROGATE.search(s)),
    st.sampled_from(["x", "json", "warning", "official", "default", "(unclosed", r"\bA\d+"]),
)
values = st.one_of(scalars, st.lists(scalars, max_size=3))


@st.composite
def toml_documents(draw: st.DrawFn) -> str:
    lines = [
        f"{k} = {_toml_scalar(draw(values))}"
        for k in draw(st.lists(st.sampled_from(KEYS[:-5]), unique=True, max_size=5))
    ]
    for table in draw(
        st.lists(
            st.sampled_from(["agency", "identifiers", "tool", "tool.smlint"]),
            unique=True,
            max_size=2,
        )
    ):
        lines.append(f"[{table}]")
        keys = AGENCY_KEYS if table == "agency" else ["case", "smlint", "policy", "x"]
        for key in draw(st.lists(st.sampled_from(keys), unique=True, max_size=3)):
            lines.append(f"{key} = {_toml_scalar(draw(values))}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("name", [".smlint.toml", "pyproject.toml"])
def test_config_loader_properties(name: str) -> None:
    """Any TOML, any bytes: settings, or a one-line ConfigError naming the file."""

    @PROFILE
    @given(
        st.one_of(
            toml_documents().map(utf8),
            st.binary(max_size=80),
            toml_documents().map(lambda t: utf8(t)[: len(t) // 2] + b"\xe9"),
        )
    )
    def run(data: bytes) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / name
            path.write_bytes(data)
            try:
                load_settings(path)
            except ConfigError as exc:
                assert str(path) in str(exc)
            try:
                load_settings(cwd=Path(folder))  # found upward, as the CLI does
            except ConfigError as exc:
                assert str(path) in str(exc)

    run()


def test_profiles_are_bounded() -> None:
    """The default profile stays quick for ``make test``; ``make fuzz`` asks for more."""
    assert settings.get_profile("smlint").max_examples <= 50
    assert settings.get_profile("fuzz").max_examples >= 1000
