"""Exported posts → records, streamed: CSV/TSV, JSON arrays, JSON Lines, the X archive's
``tweets.js`` and Facebook's export JSON.

``open_export`` checks a file up front (it exists, its format, its columns) and raises
``ExportError`` (a usage error: one line, exit 2) when it cannot be scanned at all.
``Export.records()`` then yields a ``Record`` per post, or a ``Problem`` naming the file, the
row/line and the reason for a malformed row or record, and goes on with the next one.
Memory stays flat: CSV is read line by line and JSON arrays element by element.
"""

from __future__ import annotations

import codecs
import csv
import html
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, NamedTuple

from smlint.errors import UserError
from smlint.models import Problem

# Common column names, compared after normalising ("Post Message" -> "post_message").
TEXT_NAMES = (
    "text",
    "full_text",
    "post_text",
    "tweet_text",
    "message",
    "post_message",
    "post",
    "tweet",
    "content",
    "body",
    "caption",
    "status",
    "description",
    "post_content",
    "message_text",
)
ID_NAMES = (
    "id",
    "id_str",
    "post_id",
    "tweet_id",
    "status_id",
    "message_id",
    "guid",
    "uid",
    "permalink_id",
)
DATE_NAMES = (
    "date",
    "created_at",
    "created_time",
    "timestamp",
    "published",
    "published_at",
    "publish_time",
    "posted_at",
    "post_date",
    "date_gmt",
    "date_utc",
    "sent_at",
    "sent_date",
    "time",
    "datetime",
)
URL_NAMES = ("url", "permalink", "link", "post_url", "tweet_url", "post_link", "status_url")
AUTHOR_NAMES = (
    "author",
    "account",
    "screen_name",
    "username",
    "user",
    "user_screen_name",
    "handle",
    "profile",
    "profile_name",
    "page",
    "page_name",
    "from",
    "sender",
)
ROLES = ("text", "id", "date", "url", "author")
CANDIDATES: Mapping[str, tuple[str, ...]] = {
    "text": TEXT_NAMES,
    "id": ID_NAMES,
    "date": DATE_NAMES,
    "url": URL_NAMES,
    "author": AUTHOR_NAMES,
}
MAX_TEXT = 100_000  # longer "posts" are almost always an unbalanced quote swallowing rows
MAX_ELEMENT = 16 * 1024 * 1024
CHUNK = 1 << 20
CSV_SUFFIXES = (".csv",)
TSV_SUFFIXES = (".tsv", ".tab")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonlines")

csv.field_size_limit(MAX_TEXT * 10)


class ExportError(UserError):
    """A file that cannot be scanned at all (missing, unknown format, unknown column)."""


class Record(NamedTuple):
    """One exported post, compact so batches travel cheaply to worker processes."""

    row: int  # 1-based line where the post starts (record number for JSON arrays w/o lines)
    post_id: str
    text: str
    date: str = ""
    url: str = ""
    author: str = ""


@dataclass(frozen=True)
class Columns:
    """Column (CSV) or field (JSON) names from the command line; None: auto-detect."""

    text: str | None = None
    id: str | None = None
    date: str | None = None
    url: str | None = None
    author: str | None = None

    def get(self, role: str) -> str | None:
        return getattr(self, role)


@dataclass
class ReadState:
    """How far the reader is, shared with the progress display."""

    bytes_read: int = 0


def normalise(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")


# --- text repairs --------------------------------------------------------------------------

_LATIN1_HIGH = re.compile(r"[\x80-\xff]")


def fix_mojibake(value: str) -> str:
    """Undo Facebook's export bug: UTF-8 bytes written as Latin-1 escapes (Ã© -> é)."""
    if value.isascii() or not _LATIN1_HIGH.search(value):
        return value
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


def iso_from_epoch(value: Any) -> str:
    try:
        return datetime.fromtimestamp(int(value), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (TypeError, ValueError, OverflowError, OSError):
        return ""


def _scalar(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return str(value)
    return ""


# --- streaming JSON ------------------------------------------------------------------------

_WS = re.compile(r"[ \t\r\n]*")


class JsonSyntax(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


class JsonStream:
    """Decode a big JSON document element by element with ``raw_decode`` over a window."""

    def __init__(self, handle: IO[bytes], state: ReadState) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="strict")
        self._handle = handle
        self._state = state
        self._json = json.JSONDecoder()
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.line = 1  # line number of self.pos
        self._counted = 0  # newlines counted up to this offset of buf

    def _more(self) -> bool:
        if self.eof:
            return False
        data = self._handle.read(CHUNK)
        self._state.bytes_read += len(data)
        try:
            text = self._decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            raise JsonSyntax(self.line, f"not valid UTF-8 ({exc.reason})") from None
        if not data:
            self.eof = True
        if self.pos > CHUNK:
            self._sync_line()
            self.buf = self.buf[self.pos :]
            self._counted -= self.pos
            self.pos = 0
        self.buf += text
        return True

    def _sync_line(self) -> None:
        if self.pos > self._counted:
            self.line += self.buf.count("\n", self._counted, self.pos)
            self._counted = self.pos

    def skip_ws(self) -> str:
        """The next significant character ('' at the end), reading more as needed."""
        while True:
            self.pos = _WS.match(self.buf, self.pos).end()
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._more():
                return ""

    def expect(self, chars: str) -> str:
        char = self.skip_ws()
        if not char or char not in chars:
            self._sync_line()
            found = repr(char) if char else "end of file"
            raise JsonSyntax(self.line, f"expected {' or '.join(map(repr, chars))}, found {found}")
        self.pos += 1
        return char

    def value(self) -> tuple[int, Any]:
        """Decode the value at the cursor; returns (its line, value)."""
        self.skip_ws()
        self._sync_line()
        start_line = self.line
        while True:
            try:
                value, end = self._json.raw_decode(self.buf, self.pos)
                self.pos = end
                return start_line, value
            except json.JSONDecodeError as exc:
                if len(self.buf) - self.pos < MAX_ELEMENT and self._more():
                    continue
                line = start_line + self.buf.count("\n", self.pos, exc.pos)
                raise JsonSyntax(line, f"invalid JSON: {exc.msg}") from None

    def skip_prefix(self) -> None:
        """Skip a JavaScript assignment (``window.YTD.tweets.part0 = ``) before the data."""
        char = self.skip_ws()
        if char in ("[", "{", ""):
            return
        while True:
            eq = self.buf.find("=", self.pos)
            if eq != -1:
                self.pos = eq + 1
                return
            if len(self.buf) - self.pos > 4096 or not self._more():
                self._sync_line()
                raise JsonSyntax(self.line, "no '=' after the JavaScript prefix")

    def array_items(self) -> Iterator[tuple[int, Any]]:
        """Elements of the array whose '[' was just consumed."""
        if self.skip_ws() == "]":
            self.pos += 1
            return
        while True:
            yield self.value()
            if self.expect(",]") == "]":
                return

    def top_level(self) -> Iterator[tuple[int, Any]]:
        """Records of the document: elements of a top-level array, or of each array value
        of a top-level object (Facebook's ``{"status_updates": [...]}``)."""
        self.skip_prefix()
        first = self.expect("[{")
        if first == "[":
            yield from self.array_items()
        else:
            if self.skip_ws() == "}":
                self.pos += 1
                return
            while True:
                self.value()  # the key
                self.expect(":")
                if self.skip_ws() == "[":
                    self.pos += 1
                    yield from self.array_items()
                else:
                    line, value = self.value()
                    if isinstance(value, dict):
                        yield line, value
                if self.expect(",}") == "}":
                    break
        if self.skip_ws():
            self._sync_line()
            raise JsonSyntax(self.line, "extra data after the JSON document")


# --- record shapes -------------------------------------------------------------------------


def _pick(obj: Mapping[str, Any], role: str, explicit: str | None) -> Any:
    if explicit is not None:
        value: Any = obj
        for part in explicit.split("."):
            if not isinstance(value, Mapping) or part not in value:
                raise KeyError(explicit)
            value = value[part]
        return value
    for key in CANDIDATES[role]:
        if key in obj:
            return obj[key]
    lowered = {normalise(k): k for k in obj}
    for key in CANDIDATES[role]:
        if key in lowered:
            return obj[lowered[key]]
    if role == "author" and isinstance(obj.get("user"), Mapping):
        return obj["user"].get("screen_name") or obj["user"].get("name")
    return None


def is_facebook(obj: Mapping[str, Any]) -> bool:
    """Facebook's export shape: ``timestamp`` plus ``data``/``attachments``/``title``."""
    if any(k in obj for k in ("text", "message", "full_text")):
        return False
    data = obj.get("data")
    if isinstance(data, list) and any(isinstance(d, dict) and "post" in d for d in data):
        return True
    return isinstance(obj.get("timestamp"), int) and any(
        k in obj for k in ("data", "attachments", "title")
    )


def _generic_keys(obj: dict[str, Any], columns: Columns) -> dict[str, str] | None:
    """The top-level key of each role in a plain record, or None for the special shapes
    (X archive, Facebook) and dotted field paths."""
    if isinstance(obj.get("tweet"), Mapping) or is_facebook(obj):
        return None
    if "entities" in obj and "full_text" in obj and columns.text is None:
        return None
    keys: dict[str, str] = {}
    lowered = {normalise(k): k for k in obj}
    for role in ROLES:
        explicit = columns.get(role)
        if explicit is not None:
            if "." in explicit:
                return None
            keys[role] = explicit
            continue
        # As in _pick: exact names first, then names normalised.
        found = next((c for c in CANDIDATES[role] if c in obj), None)
        if found is None:
            found = next((lowered[c] for c in CANDIDATES[role] if c in lowered), None)
        if found is not None:
            keys[role] = found
        elif role == "author" and isinstance(obj.get("user"), Mapping):
            return None
    return keys if "text" in keys else None


def tweet_record(row: int, tweet: Mapping[str, Any]) -> Record:
    """An X archive tweet: HTML entities undone and t.co links replaced by their targets."""
    text = tweet.get("full_text", tweet.get("text"))
    if not isinstance(text, str):
        raise ValueError("tweet has no full_text")
    entities = tweet.get("entities") or {}
    for url in entities.get("urls") or ():
        if isinstance(url, dict) and url.get("url") and url.get("expanded_url"):
            text = text.replace(url["url"], url["expanded_url"])
    text = html.unescape(text)
    post_id = _scalar(tweet.get("id_str") or tweet.get("id"))
    return Record(
        row=row,
        post_id=post_id or f"item-{row}",
        text=text,
        date=_scalar(tweet.get("created_at")),
        url=f"https://x.com/i/web/status/{post_id}" if post_id else "",
        author="",
    )


def facebook_record(row: int, index: int, obj: Mapping[str, Any]) -> Record:
    """A Facebook export post: text from ``data[].post``, mojibake repaired."""
    parts = [
        d["post"]
        for d in obj.get("data") or ()
        if isinstance(d, dict) and isinstance(d.get("post"), str)
    ]
    text = fix_mojibake("\n".join(parts))
    url = ""
    for attachment in obj.get("attachments") or ():
        for item in (attachment or {}).get("data") or ():
            ext = (item or {}).get("external_context") or {}
            if isinstance(ext.get("url"), str):
                url = ext["url"]
                break
        if url:
            break
    return Record(
        row=row,
        post_id=f"post-{index}",
        text=text,
        date=iso_from_epoch(obj.get("timestamp")),
        url=url,
        author="",
    )


def object_record(
    row: int, index: int, obj: Any, columns: Columns, id_prefix: str = "item"
) -> Record:
    """A generic JSON object (or one of the known export shapes) → Record."""
    if not isinstance(obj, Mapping):
        raise ValueError(f"expected a JSON object, found {type(obj).__name__}")
    if isinstance(obj.get("tweet"), Mapping) and columns.text is None:
        return tweet_record(row, obj["tweet"])
    if columns.text is None and is_facebook(obj):
        return facebook_record(row, index, obj)
    try:
        text = _pick(obj, "text", columns.text)
    except KeyError:
        raise ValueError(f"no field {columns.text!r}") from None
    if text is None:
        raise ValueError("no text field (use --text-column)")
    if not isinstance(text, str):
        raise ValueError("the text field is not a string")
    values = {}
    for role in ("id", "date", "url", "author"):
        try:
            values[role] = _scalar(_pick(obj, role, columns.get(role)))
        except KeyError:
            raise ValueError(f"no field {columns.get(role)!r}") from None
    if "entities" in obj and "full_text" in obj and columns.text is None:
        return tweet_record(row, obj)
    return Record(
        row=row,
        post_id=values["id"] or f"{id_prefix}-{index}",
        text=text,
        date=values["date"],
        url=values["url"],
        author=values["author"],
    )


# --- exports -------------------------------------------------------------------------------


@dataclass
class Export:
    """One export file, opened and checked; ``records()`` streams its posts."""

    path: str
    kind: str  # csv, tsv, jsonl, json, tweets-js
    columns: Columns
    state: ReadState = field(default_factory=ReadState)
    size: int = 0
    _layout: dict[str, int] | None = None  # CSV: role -> column index
    _header: bool = True
    _delimiter: str = ","
    _keys: dict[str, str] | None = None  # JSON: role -> key of the usual record shape

    def records(self) -> Iterator[Record | Problem]:
        if self.kind in ("csv", "tsv"):
            return self._csv_records()
        if self.kind == "jsonl":
            return self._jsonl_records()
        return self._json_records()

    def problem(self, where: int | str, message: str) -> Problem:
        return Problem(path=f"{self.path}:{where}", message=message)

    # CSV / TSV

    def _lines(self, handle: IO[bytes], bad: set[int]) -> Iterator[str]:
        state = self.state
        for number, raw in enumerate(handle, 1):
            state.bytes_read += len(raw)
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[3:]
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError:
                bad.add(number)
                yield raw.decode("utf-8", "replace")

    def _csv_records(self) -> Iterator[Record | Problem]:
        layout = self._layout or {}
        text_i = layout["text"]
        others = [(role, layout.get(role)) for role in ("id", "date", "url", "author")]
        with open(self.path, "rb") as handle:
            bad: set[int] = set()
            reader = csv.reader(self._lines(handle, bad), delimiter=self._delimiter)
            width = None
            last_line = 0
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    start, last_line = last_line + 1, reader.line_num
                    yield self.problem(start, f"malformed CSV row ({exc})")
                    continue
                start, last_line = last_line + 1, reader.line_num
                if not cells:
                    continue  # a blank line is not a post
                if width is None:
                    width = len(cells)
                    if self._header:
                        continue
                if bad and any(n in bad for n in range(start, last_line + 1)):
                    yield self.problem(start, "not valid UTF-8")
                    continue
                if len(cells) != width:
                    yield self.problem(start, f"expected {width} fields, found {len(cells)}")
                    continue
                text = cells[text_i]
                if len(text) > MAX_TEXT:
                    yield self.problem(
                        start, f"text longer than {MAX_TEXT} characters (unbalanced quote?)"
                    )
                    continue
                values = {role: cells[i] if i is not None else "" for role, i in others}
                yield Record(
                    row=start,
                    post_id=values["id"].strip() or f"row-{start}",
                    text=text,
                    date=values["date"].strip(),
                    url=values["url"].strip(),
                    author=values["author"].strip(),
                )

    def _check_csv(self) -> None:
        with open(self.path, "rb") as handle:
            sample = handle.read(64 * 1024)
        text = sample.decode("utf-8-sig", "replace")
        first_line = text.split("\n", 1)[0]
        if self.kind == "tsv":
            self._delimiter = "\t"
        else:
            counts = {d: first_line.count(d) for d in (",", ";", "\t", "|")}
            best = max(counts, key=lambda d: counts[d])
            self._delimiter = best if counts[best] else ","
        lines = text.splitlines(keepends=True)
        if len(sample) == 64 * 1024 and len(lines) > 1:
            lines = lines[:-1]  # the last one may be cut
        rows = [r for r in csv.reader(io.StringIO("".join(lines)), delimiter=self._delimiter) if r]
        if not rows:
            raise ExportError(f"{self.path}: empty file, no header or posts")
        head = [normalise(c) for c in rows[0]]
        explicit = {role: self.columns.get(role) for role in ROLES if self.columns.get(role)}
        known = {n for names in CANDIDATES.values() for n in names}
        numeric = all(v.isdigit() for v in explicit.values())
        self._header = bool(set(head) & known) or (
            bool(explicit) and not numeric and all(normalise(v) in head for v in explicit.values())
        )
        if not self._header and not numeric and explicit:
            # Named columns were asked for: the first row must be a header.
            self._header = True
        layout: dict[str, int] = {}
        for role in ROLES:
            name = self.columns.get(role)
            if name is not None:
                layout[role] = self._column_index(name, rows[0], head)
            elif self._header:
                for candidate in CANDIDATES[role]:
                    if candidate in head and head.index(candidate) not in layout.values():
                        layout[role] = head.index(candidate)
                        break
        if "text" not in layout:
            if self._header:
                raise ExportError(
                    f"{self.path}: no post text column found (columns: {', '.join(rows[0])});"
                    " name it with --text-column"
                )
            data = rows[:50]
            widths = [0] * len(rows[0])
            for row in data:
                for i, cell in enumerate(row[: len(widths)]):
                    widths[i] += len(cell)
            layout["text"] = max(range(len(widths)), key=lambda i: widths[i])
        self._layout = layout

    def _column_index(self, name: str, first: list[str], head: list[str]) -> int:
        if name.isdigit():
            index = int(name) - 1
            if 0 <= index < len(first):
                return index
            raise ExportError(f"{self.path}: no column {name} (the file has {len(first)} columns)")
        if self._header and normalise(name) in head:
            return head.index(normalise(name))
        raise ExportError(
            f"{self.path}: unknown column {name!r} (columns: {', '.join(first)})"
            if self._header
            else f"{self.path}: unknown column {name!r} (the file has no header row)"
        )

    # JSON records

    def _fast(self, row: int, index: int, obj: Any, prefix: str) -> Record | None:
        """Generic records of one shape (the usual case): keys looked up once, then read
        directly; None sends anything unusual through ``object_record``."""
        if type(obj) is not dict:
            return None
        keys = self._keys
        if keys is None:
            keys = self._keys = _generic_keys(obj, self.columns) or {}
        text_key = keys.get("text")
        if text_key is None:
            return None
        text = obj.get(text_key)
        if type(text) is not str:
            return None
        values = []
        for role in ("id", "date", "url", "author"):
            key = keys.get(role)
            if key is None:
                values.append("")
                continue
            value = obj.get(key)
            if type(value) is not str:
                if key not in obj and self.columns.get(role) is not None:
                    return None  # an explicit column missing here: object_record says why
                value = _scalar(value)
            values.append(value)
        return Record(row, values[0] or f"{prefix}-{index}", text, values[1], values[2], values[3])

    # JSON Lines

    def _jsonl_records(self) -> Iterator[Record | Problem]:
        decode = json.loads
        with open(self.path, "rb") as handle:
            state = self.state
            for number, raw in enumerate(handle, 1):
                state.bytes_read += len(raw)
                if number == 1 and raw.startswith(codecs.BOM_UTF8):
                    raw = raw[3:]
                if not raw.strip():
                    continue
                try:
                    obj = decode(raw)
                except UnicodeDecodeError:
                    yield self.problem(number, "not valid UTF-8")
                    continue
                except json.JSONDecodeError as exc:
                    yield self.problem(number, f"invalid JSON: {exc.msg} (column {exc.colno})")
                    continue
                try:
                    yield self._fast(number, number, obj, "line") or object_record(
                        number, number, obj, self.columns, "line"
                    )
                except ValueError as exc:
                    yield self.problem(number, str(exc))

    # JSON documents (arrays, tweets.js, Facebook)

    def _json_records(self) -> Iterator[Record | Problem]:
        with open(self.path, "rb") as handle:
            stream = JsonStream(handle, self.state)
            index = 0
            try:
                for line, obj in stream.top_level():
                    index += 1
                    try:
                        yield self._fast(line, index, obj, "item") or object_record(
                            line, index, obj, self.columns
                        )
                    except ValueError as exc:
                        yield self.problem(line, f"record {index}: {exc}")
            except JsonSyntax as exc:
                yield self.problem(exc.line, f"{exc}; the rest of the file is not scanned")

    def _check_json(self) -> None:
        """Read the first record to check the columns asked for exist."""
        with open(self.path, "rb") as handle:
            stream = JsonStream(handle, ReadState())
            try:
                if self.kind == "jsonl":
                    line = handle.readline()
                    while line and not line.strip():
                        line = handle.readline()
                    first = json.loads(line) if line.strip() else None
                else:
                    first = next((obj for _, obj in stream.top_level()), None)
            except (JsonSyntax, ValueError):
                return  # reported with its line when the records are read
        if not isinstance(first, Mapping):
            return
        if isinstance(first.get("tweet"), Mapping) or is_facebook(first):
            if self.kind == "json" and isinstance(first.get("tweet"), Mapping):
                self.kind = "tweets-js"
            return
        for role in ROLES:
            name = self.columns.get(role)
            if name is None:
                continue
            try:
                _pick(first, role, name)
            except KeyError:
                fields = ", ".join(list(first)[:20])
                raise ExportError(
                    f"{self.path}: unknown column {name!r} (fields: {fields})"
                ) from None
        if self.columns.text is None and _pick(first, "text", None) is None:
            fields = ", ".join(list(first)[:20])
            raise ExportError(
                f"{self.path}: no post text field found (fields: {fields});"
                " name it with --text-column"
            )


def sniff_kind(path: Path) -> str:
    """The export format, from the suffix and, for .json/.js/others, the first bytes."""
    name = path.name.lower()
    if name.endswith(CSV_SUFFIXES):
        return "csv"
    if name.endswith(TSV_SUFFIXES):
        return "tsv"
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    with open(path, "rb") as handle:
        head = handle.read(4096).lstrip(codecs.BOM_UTF8).lstrip()
    if head.startswith((b"window.", b"var ", b"const ", b"let ")):
        return "tweets-js"
    if head.startswith(b"{"):
        # JSON Lines if the first line is a whole object on its own.
        first = head.split(b"\n", 1)[0].strip()
        try:
            json.loads(first)
            if b"\n" in head and head.split(b"\n", 1)[1].lstrip().startswith(b"{"):
                return "jsonl"
        except ValueError:
            pass
        return "json"
    if head.startswith(b"["):
        return "json"
    if name.endswith((".json", ".js")):
        return "json"
    return "csv"


def open_export(path: str, columns: Columns) -> Export:
    """Check one export file before scanning; ExportError if it cannot be scanned at all."""
    p = Path(path)
    if not p.exists():
        raise ExportError(f"{path}: no such file or directory")
    if p.is_dir():
        raise ExportError(f"{path}: is a directory (name export files)")
    try:
        size = p.stat().st_size
        kind = sniff_kind(p)
        export = Export(path=path, kind=kind, columns=columns, size=size)
        if kind in ("csv", "tsv"):
            export._check_csv()
        else:
            export._check_json()
    except OSError as exc:
        raise ExportError(f"{path}: cannot read file ({exc.strerror})") from None
    return export


def open_exports(paths: Iterable[str], columns: Columns) -> list[Export]:
    return [open_export(path, columns) for path in paths]
