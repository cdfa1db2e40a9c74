"""Exported posts → records, streamed: CSV/TSV, JSON arrays, JSON Lines, the X archive's
``tweets.js`` and Facebook's export JSON.

``open_export`` checks a file up front (it exists, its format, its columns) and raises
``ExportError`` (a usage error: one line, exit 2) when the command line cannot work for it (a
missing path, a directory, a column that is not there). A file that cannot be read, or is
binary, opens as an export whose ``records()`` is that one ``Problem``, so the other files of
the scan are still read.

``Export.records()`` yields a ``Record`` per post, or a ``Problem`` naming the file, the
row/line and the reason for a malformed row or record, and goes on with the next one: a bad
record costs that record only (JSON arrays resynchronise after a malformed element). Nothing is
dropped without a Problem: text that is not valid Unicode (a lone surrogate) is replaced with
U+FFFD and reported, and a file that changed while it was read is reported at its end.

Problem messages name rows, columns and keys, never the content of a row (no post text, so
no personal data, in an error message).

Memory stays flat: files are read in bounded chunks (CSV and JSON Lines line by line, JSON
documents element by element); a line or record longer than ``MAX_RECORD`` is a problem, not
an allocation.
"""

from __future__ import annotations

import codecs
import csv
import html
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
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
KNOWN_NAMES = frozenset(n for names in CANDIDATES.values() for n in names)

# Keys of a top-level JSON object that hold the posts of an export (normalised, without a
# ``your_`` prefix or ``_v2`` suffix): Facebook's ``status_updates_v2``, the Graph API's
# ``data``, and the usual names.
RECORD_KEYS = frozenset(
    [
        "status_updates",
        "posts",
        "tweets",
        "statuses",
        "data",
        "items",
        "records",
        "entries",
        "results",
        "messages",
        "updates",
        "timeline",
        "feed",
    ]
)
# Keys of a top-level JSON object that are an export's metadata, never posts.
META_KEYS = frozenset(
    [
        "export_info",
        "export",
        "meta",
        "metadata",
        "info",
        "paging",
        "pagination",
        "links",
        "summary",
        "includes",
        "errors",
        "warnings",
        "account",
        "accounts",
        "users",
        "profile",
        "profiles",
        "page",
        "pages",
        "settings",
        "schema",
        "version",
        "source",
    ]
)

MAX_TEXT = 100_000  # longer "posts" are almost always an unbalanced quote swallowing rows
MAX_RECORD = 16 * 1024 * 1024  # bytes of a line (CSV, JSONL) or characters of a JSON record
MAX_ELEMENT = MAX_RECORD  # the former name
CHUNK = 1 << 20
BLOCK = 64 * 1024  # the first block of a file: binary detection and CSV sniffing
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
    """Column (CSV) or field (JSON) names from the command line; None: auto-detect.

    ``header`` (CSV): True, the first row names the columns; False, it is a post; None, it is
    a header only when it looks like one (short names, one of them a known column name)."""

    text: str | None = None
    id: str | None = None
    date: str | None = None
    url: str | None = None
    author: str | None = None
    header: bool | None = None

    def get(self, role: str) -> str | None:
        return getattr(self, role)


@dataclass
class ReadState:
    """How far the reader is, shared with the progress display."""

    bytes_read: int = 0


def normalise(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")


# --- text repairs and safe messages --------------------------------------------------------

_LATIN1_HIGH = re.compile(r"[\x80-\xff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPE = re.compile(r"\\u[dD]")  # where JSON text can put a lone surrogate
_PAIR = re.compile(r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}")  # not lone
_FIELDS = ("id", "text", "date", "url", "author")  # Record fields after ``row``, as roles


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
        try:
            return str(value)
        except ValueError:  # an integer too long to print
            return ""
    return ""


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _name(key: Any) -> str:
    """A column or key name fit for a message: printable, valid Unicode, at most 40 chars."""
    text = _SURROGATE.sub("\ufffd", str(key))
    text = "".join(c if c.isprintable() else "?" for c in text[:41])
    return text if len(text) <= 40 else text[:39] + "…"


def _names(keys: Iterable[Any], limit: int = 20) -> str:
    out: list[str] = []
    for key in keys:
        if len(out) == limit:
            out.append("…")
            break
        out.append(_name(key))
    return ", ".join(out)


def _size(limit: int) -> str:
    if limit >= 1 << 20 and limit % (1 << 20) == 0:
        return f"{limit >> 20} MiB"
    return f"{limit:,} bytes"


def _repair(record: Record) -> tuple[Record, str]:
    """The record with lone surrogates replaced (U+FFFD), and the fields that had one."""
    bad = [
        name for name, value in zip(_FIELDS, record[1:], strict=True) if _SURROGATE.search(value)
    ]
    if not bad:
        return record, ""
    fixed = record._make((record.row, *(_SURROGATE.sub("\ufffd", v) for v in record[1:])))
    return fixed, ", ".join(bad)


def _surrogate_problem(fields: str) -> str:
    return (
        f"invalid Unicode in {fields} (bytes that are not UTF-8, or an unpaired surrogate"
        " escape such as \\ud800), replaced with U+FFFD"
    )


def _suspect(record: Record) -> bool:
    """True when a field of the record holds a lone surrogate (the readers ask only where
    the source had a ``\\u`` escape or bytes that are not UTF-8)."""
    for value in record[1:]:
        if not value.isascii():  # known without looking at the characters
            try:
                value.encode()
            except UnicodeEncodeError:
                return True
    return False


# --- streaming JSON ------------------------------------------------------------------------

_WS = re.compile(r"[ \t\r\n]*")
_SKIP_OUTSIDE = re.compile(r'["{}\[\],]')
_SKIP_INSIDE = re.compile(r'["\\\n]')
_PUNCTUATION = '{}[]:,"'
_JS_PREFIX = re.compile(r"(?:(?:var|let|const)\s+)?[A-Za-z_$][\w$.]*\s*=\s*")  # tweets.js


class JsonSyntax(ValueError):
    def __init__(self, line: int, message: str, *, too_long: bool = False) -> None:
        super().__init__(message)
        self.line = line
        self.too_long = too_long


class Bad(NamedTuple):
    """A malformed element of a JSON document, in place of its value."""

    message: str


def _found(char: str) -> str:
    if not char:
        return "end of file"
    return repr(char) if char in _PUNCTUATION else "other text"


class JsonStream:
    """Decode a big JSON document element by element with ``raw_decode`` over a window.

    Malformed elements of an array come out as ``Bad`` values and reading goes on after them;
    ``JsonSyntax`` is raised only where the rest of the document cannot be found."""

    def __init__(self, handle: IO[bytes], state: ReadState, limit: int | None = None) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")()
        # Bytes that are not UTF-8 were met (decoded as lone surrogates, reported with their
        # record); where the value last decoded starts; the next \\ud escape, from there on.
        self.bad_bytes = False
        self._start = 0
        self._escape = -1
        self._handle = handle
        self._state = state
        self._json = json.JSONDecoder()
        self.limit = limit or MAX_RECORD
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.line = 1  # line number of self.pos
        self._counted = 0  # newlines counted up to this offset of buf
        self.index = 0  # elements (posts) met so far, good or bad

    def _more(self) -> bool:
        if self.eof:
            return False
        data = self._handle.read(CHUNK)
        self._state.bytes_read += len(data)
        try:
            text = self._decoder.decode(data, final=not data)
        except UnicodeDecodeError:
            pending = self._decoder.getstate()[0]
            first = self._state.bytes_read == len(data)
            decoder = codecs.getincrementaldecoder("utf-8-sig" if first else "utf-8")
            self._decoder = decoder(errors="surrogateescape")
            text = self._decoder.decode(pending + data, final=not data)
            self.bad_bytes = True
        if not data:
            self.eof = True
        if self.pos > CHUNK:
            self._sync_line()
            self.buf = self.buf[self.pos :]
            self._counted -= self.pos
            self._start = max(self._start - self.pos, 0)
            self._escape = -1
            self.pos = 0
        self.buf += text
        return True

    def escaped(self) -> bool:
        """Whether the value last decoded (from its start to the cursor) may hold a lone
        surrogate: it has a ``\\ud`` escape that is not half of a pair (an emoji), the only
        way JSON text holds one. Each part of the document is searched once."""
        at = self._escape
        if at < self._start:
            buf, at = self.buf, self._start
            while (m := _ESCAPE.search(buf, at)) is not None:
                at = m.start()
                if _PAIR.match(buf, at) is None:
                    break
                at += 12
            else:
                at = len(buf)
            self._escape = at
        return at < self.pos

    def _sync_line(self) -> None:
        if self.pos > self._counted:
            self.line += self.buf.count("\n", self._counted, self.pos)
            self._counted = self.pos

    def _where(self, pos: int) -> str:
        """'line L, column C' of an offset at or after the cursor."""
        self._sync_line()
        line = self.line + self.buf.count("\n", self.pos, pos)
        column = pos - self.buf.rfind("\n", 0, pos)
        return f"line {line}, column {column}"

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
            wanted = " or ".join(map(repr, chars))
            where = self._where(self.pos)
            raise JsonSyntax(self.line, f"expected {wanted}, found {_found(char)} ({where})")
        self.pos += 1
        return char

    def value(self) -> tuple[int, Any]:
        """Decode the value at the cursor; returns (its line, value). A JsonSyntax names the
        line where the value starts (its message, where the fault is), and leaves the cursor
        at the start of the value."""
        self.skip_ws()
        self._sync_line()
        start_line = self.line
        while True:
            self._start = self.pos
            try:
                value, end = self._json.raw_decode(self.buf, self.pos)
                self.pos = end
                return start_line, value
            except json.JSONDecodeError as exc:
                # Cut off by the end of the window, or really malformed?
                cut = exc.msg.startswith("Unterminated string") or exc.pos >= len(self.buf) - 16
                if cut and not self.eof:
                    if len(self.buf) - self.pos >= self.limit:
                        raise JsonSyntax(start_line, "too long", too_long=True) from None
                    self._more()
                    continue
                where = self._where(exc.pos)
                raise JsonSyntax(start_line, f"invalid JSON: {exc.msg} ({where})") from None
            except RecursionError:
                raise JsonSyntax(start_line, "invalid JSON: nested too deeply") from None
            except ValueError:  # an integer of more than 4,300 digits
                raise JsonSyntax(start_line, "invalid JSON: a number too long") from None

    def skip_value(self, stack: Iterable[str] = ()) -> bool:
        """Move past the (malformed) value at the cursor without decoding it or, with
        ``stack``, to the end of the structures already open. False at the end of the file
        or at a raw newline inside a string (an unbalanced quote)."""
        open_ = list(stack)
        in_string = False
        while True:
            buf = self.buf
            if in_string:
                m = _SKIP_INSIDE.search(buf, self.pos)
                if m is None:
                    self.pos = len(buf)
                    if not self._more():
                        return False
                    continue
                char, at = m.group(), m.start()
                if char == "\\":
                    if at + 1 >= len(buf):
                        self.pos = at
                        if not self._more():
                            return False
                        continue
                    self.pos = at + 2
                    continue
                if char == "\n":
                    self.pos = at
                    return False
                in_string = False
                self.pos = at + 1
                if not open_:
                    return True
                continue
            m = _SKIP_OUTSIDE.search(buf, self.pos)
            if m is None:
                self.pos = len(buf)
                if not self._more():
                    return False
                continue
            char, at = m.group(), m.start()
            if char == '"':
                in_string = True
                self.pos = at + 1
            elif char in "{[":
                open_.append(char)
                self.pos = at + 1
            elif char == ",":
                if not open_:
                    self.pos = at
                    return True
                self.pos = at + 1
            else:
                opener = "{" if char == "}" else "["
                if opener not in open_:
                    self.pos = at  # it closes a structure around the value: the value ends
                    return True
                while open_.pop() != opener:
                    pass
                self.pos = at + 1
                if not open_:
                    return True

    def _find(self, pattern: re.Pattern[str], keep: int) -> bool:
        """Move the cursor just past the next match of ``pattern``; False at the end."""
        while True:
            m = pattern.search(self.buf, self.pos)
            if m is not None:
                self.pos = m.end()
                return True
            self.pos = max(self.pos, len(self.buf) - keep)
            if not self._more():
                return False

    def resync(self, sep: str, back: int = 0) -> tuple[int, Any] | None:
        """The next element that decodes and is followed by ',' or ']', found after ``sep``
        (the text between two elements of this array, e.g. ',\\n  ') from ``back``
        characters before the cursor."""
        pattern = re.compile(re.escape(sep) + r"(?=[\[{])")
        self._sync_line()
        self.pos = max(self.pos - back, 0)  # what follows the separator is past the cursor
        while self._find(pattern, len(sep)):
            try:
                line, value = self.value()
            except JsonSyntax:
                self.pos += 1
                continue
            if self.skip_ws() in (",", "]"):
                return line, value
        return None

    def skip_prefix(self) -> None:
        """Skip a JavaScript assignment (``window.YTD.tweets.part0 = ``) before the data."""
        char = self.skip_ws()
        if char in ("[", "{", ""):
            return
        while len(self.buf) - self.pos < 4096 and self._more():
            pass
        m = _JS_PREFIX.match(self.buf, self.pos)
        if m is None:
            self._sync_line()
            where = self._where(self.pos)
            raise JsonSyntax(self.line, f"expected '[' or '{{', found {_found(char)} ({where})")
        self.pos = m.end()

    def _bad_element(self, exc: JsonSyntax, sep: str) -> Iterator[tuple[int, Any]]:
        """After element ``self.index`` failed to decode: report it, and find the next one."""
        index = self.index
        if exc.too_long:
            reason = f"record {index} longer than {_size(self.limit)}"
        else:
            reason = f"{exc}; record {index}"
        if self.skip_value():
            yield exc.line, Bad(f"{reason}{',' if exc.too_long else ''} skipped")
            return
        # An unbalanced quote: the next element that decodes, from the separator before
        # the line the quote ran into.
        found = self.resync(sep, back=len(sep))
        if found is None:
            raise JsonSyntax(exc.line, reason if exc.too_long else str(exc))
        line, value = found
        yield exc.line, Bad(f"{reason} and the lines after it up to line {line - 1} skipped")
        self.index += 1
        yield line, value

    def array_items(self) -> Iterator[tuple[int, Any]]:
        """Elements of the array whose '[' was just consumed; a malformed one is a ``Bad``."""
        m = _WS.match(self.buf, self.pos)
        sep = "," + m.group() if m.end() < len(self.buf) else ","  # a guess until a comma
        seen_comma = False
        if self.skip_ws() == "]":
            self.pos += 1
            return
        while True:
            self.index += 1
            try:
                yield self.value()
            except JsonSyntax as exc:
                yield from self._bad_element(exc, sep)
            while (char := self.skip_ws()) != ",":
                if char == "]":
                    self.pos += 1
                    return
                self._sync_line()
                line, where = self.line, self._where(self.pos)
                if char in "{[":  # a comma left out: the next record is read all the same
                    yield (
                        line,
                        Bad(f"invalid JSON: no ',' before record {self.index + 1} ({where})"),
                    )
                    break
                problem = (
                    f"expected ',' or ']' after record {self.index}, found {_found(char)} ({where})"
                )
                found = self.resync(sep)
                if found is None:
                    raise JsonSyntax(line, problem)
                yield line, Bad(f"invalid JSON: {problem}; skipped to line {found[0]}")
                self.index += 1
                yield found
            else:
                if not seen_comma:  # the text between two elements, to resynchronise on
                    m = _WS.match(self.buf, self.pos + 1)
                    if m.end() < len(self.buf):
                        sep, seen_comma = "," + m.group(), True
                self.pos += 1

    def members(
        self, is_post: Callable[[Any], bool], line: int = 1, error: str | None = None
    ) -> Iterator[tuple[int, Any]]:
        """The posts of the object whose '{' was just consumed (an export's wrapper): the
        elements of its arrays of posts, and its values that are posts; metadata (known keys,
        scalars, objects that are not posts) is left out. ``line``: where the object starts;
        ``error``: why it did not decode as a whole, reported if it has no posts."""
        start = line
        keys: list[str] = []
        found = False
        if self.skip_ws() == "}":
            self.pos += 1
        else:
            while True:
                line, key = self.value()
                if not isinstance(key, str):
                    raise JsonSyntax(line, "expected a key in double quotes")
                keys.append(key)
                self.expect(":")
                name = _wrapper_key(key)
                char = self.skip_ws()
                if char == "[" and name not in META_KEYS:
                    self.pos += 1
                    found |= yield from self._member_array(key, name, is_post)
                elif char == "{" and name not in META_KEYS:
                    try:
                        line, value = self.value()
                    except JsonSyntax as exc:
                        if not self.skip_value():
                            raise
                        value = None
                        reason = "longer than " + _size(self.limit) if exc.too_long else exc
                        yield exc.line, Bad(f"key {_name(key)!r}: {reason}; skipped")
                    if value is not None and is_post(value):
                        found = True
                        self.index += 1
                        yield line, value
                elif not self.skip_value():
                    self._sync_line()
                    raise JsonSyntax(self.line, f"invalid JSON in the value of key {_name(key)!r}")
                if self.expect(",}") == "}":
                    break
        if not found:
            yield start, Bad(error or f"no posts found in the JSON object (keys: {_names(keys)})")

    def _member_array(
        self, key: str, name: str, is_post: Callable[[Any], bool]
    ) -> Iterator[tuple[int, Any]]:
        """One array of a wrapper: its elements if it holds posts; True if it does."""
        items = self.array_items()
        first = next(items, None)
        if first is None:
            return name in RECORD_KEYS
        value = first[1]
        if name in RECORD_KEYS or type(value) is Bad or is_post(value):
            yield first
            yield from items
            return True
        items.close()
        self.index -= 1
        if not self.skip_value(["["]):
            self._sync_line()
            raise JsonSyntax(self.line, f"invalid JSON in the array of key {_name(key)!r}")
        if isinstance(value, Mapping):
            yield (
                first[0],
                Bad(
                    f"key {_name(key)!r}: an array of objects without a post text field, not"
                    " scanned (name the field with --text-column)"
                ),
            )
        return False

    def whole(self) -> tuple[int, Any, int] | str:
        """(line, value, end) of the value at the cursor if the whole of it fits in the
        window, else why not. The cursor stays at the value."""
        self.skip_ws()
        while not self.eof and len(self.buf) - self.pos < self.limit:
            self._more()
        self._sync_line()
        try:
            value, end = self._json.raw_decode(self.buf, self.pos)
        except json.JSONDecodeError as exc:
            if not self.eof:
                return f"longer than {_size(self.limit)}"
            return f"invalid JSON: {exc.msg} ({self._where(exc.pos)})"
        except RecursionError:
            return "invalid JSON: nested too deeply"
        except ValueError:
            return "invalid JSON: a number too long"
        return self.line, value, end

    def top_level(self, is_post: Callable[[Any], bool] | None = None) -> Iterator[tuple[int, Any]]:
        """Records of the document: the elements of a top-level array; a top-level object
        that is a post; or the posts of an export's wrapper object (Facebook's
        ``{"status_updates": [...]}``, with any metadata keys)."""
        is_post = is_post or looks_like_post
        self.skip_prefix()
        first = self.expect("[{")
        if first == "[":
            yield from self.array_items()
        else:
            self.pos -= 1
            whole = self.whole()
            line = self.line
            if not isinstance(whole, str) and not is_wrapper(whole[1], is_post):
                line, value, self.pos = whole
                self.index += 1
                yield line, value
            else:  # read again as a stream: the posts come out with their lines
                error = whole if isinstance(whole, str) and whole.startswith("invalid") else None
                self.pos += 1
                try:
                    yield from self.members(is_post, line, error)
                except JsonSyntax:
                    if error is None or self.index:
                        raise
                    raise JsonSyntax(line, error) from None  # a post that does not decode
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


def looks_like_post(obj: Any, columns: Columns | None = None) -> bool:
    """A JSON value that is a post: an object with a text field, or an X/Facebook post."""
    if not isinstance(obj, Mapping):
        return False
    explicit = columns.text if columns is not None else None
    if explicit is None and (isinstance(obj.get("tweet"), Mapping) or is_facebook(obj)):
        return True
    try:
        return isinstance(_pick(obj, "text", explicit), str)
    except KeyError:
        return False


def _wrapper_key(key: str) -> str:
    """A top-level key as compared with RECORD_KEYS and META_KEYS (``your_posts_v2`` ->
    ``posts``)."""
    return re.sub(r"_v\d+$", "", normalise(key)).removeprefix("your_")


def is_wrapper(obj: Any, is_post: Callable[[Any], bool] = looks_like_post) -> bool:
    """A top-level JSON object that holds an export's posts, rather than being one post."""
    if not isinstance(obj, Mapping):
        return False
    if isinstance(obj.get("tweet"), Mapping) or is_facebook(obj):
        return False
    others = []
    empty = False  # an empty array of posts: a wrapper, unless the object is a post
    for key, value in obj.items():
        name = _wrapper_key(key)
        if name in META_KEYS:
            continue
        if isinstance(value, list):
            if not value:
                empty |= name in RECORD_KEYS
            elif isinstance(value[0], Mapping):
                if name in RECORD_KEYS:
                    return True
                others.append(value)
        elif isinstance(value, Mapping):
            others.append(value)
    if is_post(obj):
        return False
    return empty or any(isinstance(v, list) or is_post(v) for v in others)


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
    entities = tweet.get("entities")
    for url in _items(entities.get("urls") if isinstance(entities, Mapping) else None):
        if isinstance(url, Mapping):
            short, target = url.get("url"), url.get("expanded_url")
            if short and isinstance(short, str) and isinstance(target, str) and target:
                text = text.replace(short, target)
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
        for d in _items(obj.get("data"))
        if isinstance(d, dict) and isinstance(d.get("post"), str)
    ]
    text = fix_mojibake("\n".join(parts))
    url = ""
    for attachment in _items(obj.get("attachments")):
        if not isinstance(attachment, Mapping):
            continue
        for item in _items(attachment.get("data")):
            ext = item.get("external_context") if isinstance(item, Mapping) else None
            if isinstance(ext, Mapping) and isinstance(ext.get("url"), str):
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


# --- CSV rows ------------------------------------------------------------------------------

_BARE_CR = re.compile(r"\r(?=[^\n])")
_DIGITS = re.compile(r"\d{5}|\d{3}[-. /]\d")  # an id, phone or SSN; "Reach 2024" is a name
_HEADER_CELL = re.compile(r"[^\W\d][\w .,()\[\]/#&:'+%?*-]*")


def _looks_like_header(cells: list[str]) -> bool:
    """Every cell could be a column name: short, starting with a letter, without the digits
    of an id or phone number, no address (a post's text, a phone number, a date or an id is
    not a column name)."""
    names = [c.strip() for c in cells]
    if not any(names):
        return False
    for name in names:
        if not name:
            continue
        if len(name) > 40 or name.count(" ") > 5 or "://" in name or _DIGITS.search(name):
            return False
        if not _HEADER_CELL.fullmatch(name):
            return False
    return True


def _csv_reason(exc: csv.Error) -> str:
    message = str(exc)
    if message.startswith("new-line character seen in unquoted field"):
        return "a line break inside a field that is not in quotes"
    return message


def _recover_bare_cr(lines: list[str], delimiter: str) -> list[str] | None:
    """The cells of a row that the csv module refused for a carriage return (``\\r``) inside
    a field that is not quoted, with the ``\\r`` kept; None if that was not the fault."""
    text = "".join(lines)
    mark = next((c for c in "\ue000\ue001\ue002\ue003" if c not in text), None)
    if mark is None or not _BARE_CR.search(text):
        return None
    try:
        rows = [
            r
            for r in csv.reader(
                [_BARE_CR.sub(mark, line) for line in lines], delimiter=delimiter, strict=True
            )
            if r
        ]
    except csv.Error:
        return None
    if len(rows) != 1:
        return None
    return [cell.replace(mark, "\r") for cell in rows[0]]


def _sniff_delimiter(lines: list[str]) -> str:
    """The delimiter of CSV text: of those in the first line, the one that splits the rows
    of the sample into as many fields as the first (a comma inside a semicolon file's text
    does not), then the most frequent in the first line."""
    first = lines[0] if lines else ""
    counts = {d: first.count(d) for d in (",", ";", "\t", "|")}
    found = [d for d in counts if counts[d]]
    if len(found) < 2:
        return found[0] if found else ","

    def score(delimiter: str) -> tuple[float, int]:
        try:
            widths = [len(r) for r in csv.reader(lines[:50], delimiter=delimiter) if r]
        except csv.Error:
            return 0.0, counts[delimiter]
        same = sum(w == widths[0] for w in widths) / len(widths) if widths else 0.0
        return same, counts[delimiter]

    return max(found, key=score)


class _Row(NamedTuple):
    start: int  # first line
    end: int  # last line
    cells: list[str] | None  # None: malformed, see error
    error: str = ""


def _sample_rows(lines: Iterable[str], delimiter: str, recent: list[str]) -> Iterator[_Row]:
    """Rows of CSV text with the lines they span; a row the csv module refuses is one _Row
    with an error, and reading goes on with the next line. ``recent`` must collect the lines
    the iterator hands out (the lines of the current row)."""
    reader = csv.reader(lines, delimiter=delimiter)
    last = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            start, last = last + 1, reader.line_num
            fixed = _recover_bare_cr(recent, delimiter) if "new-line" in str(exc) else None
            recent.clear()
            if fixed is None:
                yield _Row(start, last, None, f"malformed CSV row ({_csv_reason(exc)})")
            else:
                yield _Row(start, last, fixed)
            continue
        start, last = last + 1, reader.line_num
        recent.clear()
        yield _Row(start, last, cells)


# --- exports -------------------------------------------------------------------------------


@dataclass
class Export:
    """One export file, opened and checked; ``records()`` streams its posts."""

    path: str
    kind: str  # csv, tsv, jsonl, json, tweets-js; "unreadable" with a failure
    columns: Columns
    state: ReadState = field(default_factory=ReadState)
    size: int = 0
    max_record: int = 0  # 0: MAX_RECORD
    failure: str | None = None  # why the file cannot be read at all (one Problem)
    _layout: dict[str, int] | None = None  # CSV: role -> column index
    _header: bool = True
    _delimiter: str = ","
    _keys: dict[str, str] | None = None  # JSON: role -> key of the usual record shape
    _stamp: tuple[int, int, int, int] | None = None  # size, mtime, inode, device when opened

    @property
    def limit(self) -> int:
        return self.max_record or MAX_RECORD

    def records(self) -> Iterator[Record | Problem]:
        if self.failure is not None:
            return iter([Problem(path=self.path, message=self.failure, skipped=False)])
        if self.kind in ("csv", "tsv"):
            return self._csv_records()
        if self.kind == "jsonl":
            return self._jsonl_records()
        return self._json_records()

    def _read_error(self, exc: OSError) -> Problem:
        return Problem(
            path=self.path,
            message=f"read error ({exc.strerror or type(exc).__name__}) after"
            f" {self.state.bytes_read:,} bytes; the rest of the file is not scanned",
            skipped=False,
        )

    def problem(self, where: int | str, message: str, skipped: bool = True) -> Problem:
        return Problem(path=f"{self.path}:{where}", message=message, skipped=skipped)

    def _changed(self, handle: IO[bytes]) -> Iterator[Problem]:
        """A Problem if the file is not the one checked when the scan started."""
        if self._stamp is None:
            return
        now = os.fstat(handle.fileno())
        size, mtime, inode, device = self._stamp
        if (now.st_ino, now.st_dev) != (inode, device):
            yield Problem(
                path=self.path,
                message="the file was replaced during the scan; scan it again",
                skipped=False,
            )
        elif now.st_size != size or now.st_mtime_ns != mtime:
            how = (
                "truncated"
                if now.st_size < size
                else "grown"
                if now.st_size > size
                else "rewritten"
            )
            yield Problem(
                path=self.path,
                message=f"the file changed during the scan ({how}: {size:,} bytes when the scan"
                f" started, {now.st_size:,} at the end); scan it again",
                skipped=False,
            )

    def _lines(
        self, handle: IO[bytes], bad: dict[int, str], recent: list[str], ended: list[bool]
    ) -> Iterator[str]:
        """Decoded lines, each at most ``limit`` bytes: a longer line, or one that is not
        UTF-8, is noted in ``bad`` (line -> reason) and stands in as an empty line."""
        state = self.state
        limit = self.limit
        for number, raw in enumerate(iter(partial(handle.readline, limit + 1), b""), 1):
            state.bytes_read += len(raw)
            if len(raw) > limit and raw[-1:] != b"\n":
                state.bytes_read += _skip_line(handle)
                bad[number] = f"line {number} longer than {_size(limit)}, skipped"
                line = "\n"
            else:
                if number == 1 and raw.startswith(codecs.BOM_UTF8):
                    raw = raw[3:]
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError:
                    bad[number] = "not valid UTF-8"
                    line = raw.decode("utf-8", "replace")
            recent.append(line)
            yield line
        ended.append(True)  # asked for a line past the end: the csv module is in quotes

    # CSV / TSV

    def _csv_records(self) -> Iterator[Record | Problem]:
        layout = self._layout or {}
        text_i = layout["text"]
        others = [(role, layout.get(role)) for role in ("id", "date", "url", "author")]
        try:
            with open(self.path, "rb") as handle:
                yield from self._csv_rows(handle, text_i, others)
                yield from self._changed(handle)
        except OSError as exc:
            yield self._read_error(exc)

    def _csv_rows(
        self, handle: IO[bytes], text_i: int, others: list[tuple[str, int | None]]
    ) -> Iterator[Record | Problem]:
        bad: dict[int, str] = {}  # line -> why it cannot be read
        recent: list[str] = []  # the lines of the current row
        ended: list[bool] = []
        lines = self._lines(handle, bad, recent, ended)
        reader = csv.reader(lines, delimiter=self._delimiter)
        width = None
        last_line = 0
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                start, last_line = last_line + 1, reader.line_num
                fixed = (
                    _recover_bare_cr(recent, self._delimiter) if "new-line" in str(exc) else None
                )
                recent.clear()
                if fixed is None:
                    for n in range(start, last_line + 1):
                        bad.pop(n, None)
                    yield self.problem(start, f"malformed CSV row ({_csv_reason(exc)})")
                    continue
                cells = fixed
            else:
                start, last_line = last_line + 1, reader.line_num
                recent.clear()
                if ended:  # the csv module gives what it has when the file ends in quotes
                    yield self.problem(
                        start,
                        "unbalanced quote: the file ends inside a quoted field, so the lines"
                        f" from {start} to {last_line} are not read as posts",
                    )
                    return
            if bad:
                reasons = [bad.pop(n) for n in range(start, last_line + 1) if n in bad]
                if reasons:
                    if width is None and cells:  # as for any first row
                        width = len(cells)
                        if self._header:
                            continue
                    yield self.problem(start, reasons[0])
                    continue
            if not cells:
                continue  # a blank line is not a post
            if width is None:
                width = len(cells)
                if self._header:
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

    def _check_csv(self, block: bytes) -> None:
        text = block.decode("utf-8-sig", "replace")
        lines = [line + "\n" for line in text.split("\n")]
        lines[-1] = lines[-1][:-1]
        if len(block) == BLOCK and len(lines) > 1:
            lines = lines[:-1]  # the last one may be cut
        self._delimiter = "\t" if self.kind == "tsv" else _sniff_delimiter(lines)
        recent: list[str] = []

        def collect() -> Iterator[str]:
            for line in lines:
                recent.append(line)
                yield line

        rows = [r.cells for r in _sample_rows(collect(), self._delimiter, recent) if r.cells]
        if not rows:
            raise ExportError(f"{self.path}: empty file, no header or posts")
        first = rows[0]
        head = [normalise(c) for c in first]
        explicit = {role: self.columns.get(role) for role in ROLES if self.columns.get(role)}
        named = [v for v in explicit.values() if v and not v.isdigit()]
        looks = _looks_like_header(first)
        if self.columns.header is not None:
            self._header = self.columns.header
        else:
            names_given = bool(named) and all(normalise(v) in head for v in named)
            self._header = names_given or (looks and bool(set(head) & KNOWN_NAMES))
        # Cells of the first row appear in messages only when they are column names.
        listed = f"columns: {_names(first)}" if self._header and looks else None
        layout: dict[str, int] = {}
        for role in ROLES:
            name = self.columns.get(role)
            if name is not None:
                layout[role] = self._column_index(name, first, head, listed)
            elif self._header:
                for candidate in CANDIDATES[role]:
                    if candidate in head and head.index(candidate) not in layout.values():
                        layout[role] = head.index(candidate)
                        break
        if "text" not in layout:
            if self._header:
                shown = listed or f"{len(first)} columns, not listed: the first row is not names"
                raise ExportError(
                    f"{self.path}: no post text column found ({shown}); name it with --text-column"
                )
            widths = [0] * len(first)
            for row in rows[:50]:
                for i, cell in enumerate(row[: len(widths)]):
                    widths[i] += len(cell)
            layout["text"] = max(range(len(widths)), key=lambda i: widths[i])
        self._layout = layout

    def _column_index(
        self, name: str, first: list[str], head: list[str], listed: str | None
    ) -> int:
        if name.isdigit():
            index = int(name) - 1
            if 0 <= index < len(first):
                return index
            raise ExportError(f"{self.path}: no column {name} (the file has {len(first)} columns)")
        if self._header and normalise(name) in head:
            return head.index(normalise(name))
        if self._header:
            shown = listed or f"{len(first)} columns, not listed: the first row is not names"
            raise ExportError(f"{self.path}: unknown column {name!r} ({shown})")
        if self.columns.header is False:
            raise ExportError(
                f"{self.path}: unknown column {name!r} (with --no-header, name columns by"
                f" number: 1 to {len(first)})"
            )
        raise ExportError(
            f"{self.path}: unknown column {name!r} (the first row does not look like a header;"
            f" name the column by number, 1 to {len(first)}, or pass --header)"
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

    def _is_post(self, obj: Any) -> bool:
        return looks_like_post(obj, self.columns)

    # JSON Lines

    def _jsonl_records(self) -> Iterator[Record | Problem]:
        try:
            with open(self.path, "rb") as handle:
                yield from self._jsonl_lines(handle)
                yield from self._changed(handle)
        except OSError as exc:
            yield self._read_error(exc)

    def _jsonl_lines(self, handle: IO[bytes]) -> Iterator[Record | Problem]:
        decode, raw_decode = json.loads, json.JSONDecoder().raw_decode
        limit = self.limit
        state = self.state
        for number, raw in enumerate(iter(partial(handle.readline, limit + 1), b""), 1):
            state.bytes_read += len(raw)
            if len(raw) > limit and raw[-1:] != b"\n":
                state.bytes_read += _skip_line(handle)
                yield self.problem(number, f"line longer than {_size(limit)}, skipped")
                continue
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[3:]
            if not raw.strip():
                continue
            suspect = False
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                # The bad bytes become lone surrogates: replaced and reported below
                # with the fields they are in.
                line, suspect = raw.decode("utf-8", "surrogateescape"), True
            try:
                try:
                    obj, end = raw_decode(line)  # quicker than json.loads
                except json.JSONDecodeError:
                    obj, end = decode(line), len(line)  # leading blanks, or json.loads's error
                if end < len(line) and line[end:].strip():
                    decode(line)  # "Extra data", as json.loads says it
            except json.JSONDecodeError as exc:
                yield self.problem(number, f"invalid JSON: {exc.msg} (column {exc.colno})")
                continue
            except RecursionError:
                yield self.problem(number, "invalid JSON: nested too deeply")
                continue
            except ValueError:
                yield self.problem(number, "invalid JSON: a number too long")
                continue
            try:
                record = self._fast(number, number, obj, "line") or object_record(
                    number, number, obj, self.columns, "line"
                )
            except ValueError as exc:
                yield self.problem(number, str(exc))
                continue
            if (suspect or "\\" in line) and _suspect(record):  # no escape, no surrogate
                record, fields = _repair(record)
                yield self.problem(number, _surrogate_problem(fields), skipped=False)
            yield record

    # JSON documents (arrays, tweets.js, Facebook)

    def _json_records(self) -> Iterator[Record | Problem]:
        fast, columns = self._fast, self.columns
        try:
            with open(self.path, "rb") as handle:
                stream = JsonStream(handle, self.state, self.limit)
                try:
                    for line, obj in stream.top_level(self._is_post):
                        if type(obj) is Bad:
                            yield self.problem(line, obj.message)
                            continue
                        index = stream.index
                        try:
                            record = fast(line, index, obj, "item") or object_record(
                                line, index, obj, columns
                            )
                        except ValueError as exc:
                            yield self.problem(line, f"record {index}: {exc}")
                            continue
                        # Quick unless the record's text had a \ud escape or bad bytes.
                        if (
                            stream.bad_bytes or (stream._escape < stream.pos and stream.escaped())
                        ) and _suspect(record):
                            record, fields = _repair(record)
                            message = _surrogate_problem(fields)
                            yield self.problem(line, f"record {index}: {message}", False)
                        yield record
                except JsonSyntax as exc:
                    yield self.problem(exc.line, f"{exc}; the rest of the file is not scanned")
                yield from self._changed(handle)
        except OSError as exc:
            yield self._read_error(exc)

    def _check_json(self) -> None:
        """Read the first record to check the columns asked for exist."""
        with open(self.path, "rb") as handle:
            try:
                if self.kind == "jsonl":
                    first = None
                    for raw in iter(partial(handle.readline, self.limit + 1), b""):
                        if raw.strip():
                            first = json.loads(raw)
                            break
                else:
                    stream = JsonStream(handle, ReadState(), self.limit)
                    first = next(
                        (o for _, o in stream.top_level(self._is_post) if type(o) is not Bad),
                        None,
                    )
            except (ValueError, RecursionError):
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
                raise ExportError(
                    f"{self.path}: unknown column {name!r} (fields: {_names(first)})"
                ) from None
        if self.columns.text is None and _pick(first, "text", None) is None:
            raise ExportError(
                f"{self.path}: no post text field found (fields: {_names(first)});"
                " name it with --text-column"
            )


def _skip_line(handle: IO[bytes]) -> int:
    """Read past the rest of an over-long line, in chunks; the bytes read."""
    skipped = 0
    while chunk := handle.readline(CHUNK):
        skipped += len(chunk)
        if chunk[-1:] == b"\n":
            break
    return skipped


def _binary(block: bytes) -> str | None:
    """Why the first block of a file is not text a scan can read, or None."""
    if block.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "UTF-32 text; save the export as UTF-8"
    if block.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16 text; save the export as UTF-8"
    if b"\x00" in block:
        return "binary file (contains NUL bytes), not an export"
    return None


def sniff_kind(path: Path, block: bytes | None = None) -> str:
    """The export format, from the suffix and, for .json/.js/others, the first bytes."""
    name = path.name.lower()
    if name.endswith(CSV_SUFFIXES):
        return "csv"
    if name.endswith(TSV_SUFFIXES):
        return "tsv"
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if block is None:
        with open(path, "rb") as handle:
            block = handle.read(4096)
    head = block[:4096].lstrip(codecs.BOM_UTF8).lstrip()
    if head.startswith((b"window.", b"var ", b"const ", b"let ")):
        return "tweets-js"
    if head.startswith(b"{"):
        # JSON Lines if the first line is a whole object on its own.
        first = head.split(b"\n", 1)[0].strip()
        try:
            json.loads(first)
            if b"\n" in head and head.split(b"\n", 1)[1].lstrip().startswith(b"{"):
                return "jsonl"
        except (ValueError, RecursionError):
            pass
        return "json"
    if head.startswith(b"["):
        return "json"
    if name.endswith((".json", ".js")):
        return "json"
    return "csv"


def open_export(path: str, columns: Columns, *, max_record: int = 0) -> Export:
    """Check one export file before scanning. ExportError if the command line cannot work
    for it (missing, a directory, a column that is not there); a file that cannot be read,
    or is not text, is an Export whose records are that one Problem."""
    p = Path(path)
    export = Export(path=path, kind="unreadable", columns=columns, max_record=max_record)
    try:
        info = p.stat()
    except FileNotFoundError:
        raise ExportError(f"{path}: no such file or directory") from None
    except OSError as exc:
        export.failure = f"cannot read file ({exc.strerror or type(exc).__name__})"
        return export
    if stat.S_ISDIR(info.st_mode):
        raise ExportError(f"{path}: is a directory (name export files)")
    if not stat.S_ISREG(info.st_mode):
        export.failure = "not a regular file (scan reads export files, not pipes or devices)"
        return export
    export.size = info.st_size
    export._stamp = (info.st_size, info.st_mtime_ns, info.st_ino, info.st_dev)
    try:
        with open(path, "rb") as handle:
            block = handle.read(BLOCK)
        reason = _binary(block)
        if reason is not None:
            export.failure = reason
            return export
        export.kind = sniff_kind(p, block)
        if export.kind in ("csv", "tsv"):
            export._check_csv(block)
        else:
            export._check_json()
    except OSError as exc:
        export.kind = "unreadable"
        export.failure = f"cannot read file ({exc.strerror or type(exc).__name__})"
    return export


def open_exports(paths: Iterable[str], columns: Columns) -> list[Export]:
    return [open_export(path, columns) for path in paths]
