"""Draft scoping: front matter, what is not linted, and inline suppression comments.

Everything keeps offsets: regions that are not linted are blanked to spaces (newlines kept)
so that a finding's offset in the linted text is its offset in the original file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from smlint.ruledata.files import parse_yaml

FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
COMMENT_RE = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
FENCE_RE = re.compile(
    r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})[^\n]*\n"
    r".*?(?:^(?P=indent)?(?P=fence)[`~]*[ \t]*$|\Z)",
    re.DOTALL | re.MULTILINE,
)
INLINE_CODE_RE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
IMAGE_LINE_RE = re.compile(r"^[ \t]*!\[[^\]\n]*\]\([^)\n]*\)[ \t]*\r?$\n?", re.MULTILINE)
# Every "smlint:" comment is read; one that is not "VERB[=CODES]" is kept as malformed so
# that it is reported (SM802), not silently ignored.
DIRECTIVE_RE = re.compile(r"<!--\s*smlint:\s*(?P<body>.*?)\s*-->", re.DOTALL)
# Plain-text drafts have no HTML comments readers never see: "# smlint: ..." at the end of
# a line (that line only, like ruff's "# noqa") or on a line of its own (like the HTML one).
HASH_DIRECTIVE_RE = re.compile(
    r"(?:^|(?<=[ \t]))#[ \t]*smlint:[ \t]*(?P<body>[^\n]*?)[ \t]*$", re.M
)
BODY_RE = re.compile(
    r"(?P<verb>disable-next-line|disable|enable)\s*(?:=\s*(?P<codes>[A-Za-z0-9,\s-]+?))?\s*",
    re.IGNORECASE,
)
FRONT_MATTER_KEYS = ("mode", "platform", "policy")


class DraftError(ValueError):
    """A draft we cannot lint as written (bad front matter)."""


@dataclass(frozen=True)
class Directive:
    verb: str  # disable, enable, disable-next-line; "" for a comment that is none of them
    codes: frozenset[str] | None  # None: every code; upper-case codes, prefixes or slugs
    start: int
    end: int
    line_only: bool = False  # a "# smlint:" comment after text: its own line only
    body: str = ""  # what followed "smlint:", for the report of a malformed comment


@dataclass(frozen=True)
class Scoped:
    text: str  # same length as the source, unlinted regions blanked
    published: str  # what readers see: no front matter, comments or image lines
    front_matter: dict[str, str]
    directives: tuple[Directive, ...]


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = " "


def parse_front_matter(source: str) -> tuple[dict[str, str], int]:
    """The front matter's smlint keys and where the body starts (0 without front matter)."""
    match = FRONT_MATTER_RE.match(source)
    if not match:
        return {}, 0
    try:
        data: Any = parse_yaml(match.group(1) or "") or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark else ""
        raise DraftError(f"invalid YAML front matter{where}") from None
    if not isinstance(data, dict):
        raise DraftError("front matter must be a YAML mapping")
    # Other keys belong to whatever publishes the draft (title, date ...) and are kept out.
    found = {}
    for key in FRONT_MATTER_KEYS:
        if key in data:
            if not isinstance(data[key], str):
                raise DraftError(f"front matter {key!r} must be a string")
            found[key] = data[key].strip()
    return found, match.end()


def _directive(body: str, start: int, end: int, line_only: bool = False) -> Directive:
    match = BODY_RE.fullmatch(body)
    if match is None:
        return Directive("", None, start, end, line_only, body)
    codes = match.group("codes")
    parsed = frozenset(c.strip().upper() for c in codes.split(",") if c.strip()) if codes else None
    return Directive(match.group("verb").lower(), parsed, start, end, line_only, body)


def parse_directives(source: str, hash_comments: bool = False) -> tuple[Directive, ...]:
    """The suppression comments of a draft, in order; ``hash_comments`` also reads the
    ``# smlint: ...`` form (plain-text drafts)."""
    out = [_directive(m.group("body"), m.start(), m.end()) for m in DIRECTIVE_RE.finditer(source)]
    if hash_comments:
        for m in HASH_DIRECTIVE_RE.finditer(source):
            line_start = source.rfind("\n", 0, m.start()) + 1
            alone = not source[line_start : m.start()].strip()
            out.append(_directive(m.group("body"), m.start(), m.end(), line_only=not alone))
        out.sort(key=lambda d: d.start)
    return tuple(out)


def scope(source: str, markdown: bool) -> Scoped:
    """Blank what is not linted; for Markdown also code spans and fenced blocks."""
    front, body_start = parse_front_matter(source)
    chars = list(source)
    _blank(chars, 0, body_start)
    comments = [(m.start(), m.end()) for m in COMMENT_RE.finditer(source, body_start)]
    for start, end in comments:
        _blank(chars, start, end)
    code: list[tuple[int, int]] = []
    if markdown:
        code = [(m.start(), m.end()) for m in FENCE_RE.finditer(source, body_start)]
        for start, end in code:
            _blank(chars, start, end)
        masked = "".join(chars)
        spans = [(m.start(), m.end()) for m in INLINE_CODE_RE.finditer(masked, body_start)]
        for start, end in spans:
            _blank(chars, start, end)
        code += spans
    hashed = []
    if not markdown:  # "# smlint:" comments of plain text are not published
        hashed = [(m.start(), m.end()) for m in HASH_DIRECTIVE_RE.finditer(source, body_start)]
        for start, end in hashed:
            _blank(chars, start, end)
    text = "".join(chars)
    body = COMMENT_RE.sub("", source[body_start:])
    if hashed:
        body = HASH_DIRECTIVE_RE.sub("", body)
    published = IMAGE_LINE_RE.sub("", body).strip()
    # A directive shown as an example inside code is text, not an instruction.
    directives = tuple(
        d
        for d in parse_directives(source, hash_comments=not markdown)
        if d.start >= body_start and not any(a <= d.start < b for a, b in code)
    )
    return Scoped(text, published, front, directives)


Range = tuple[int, int, frozenset[str] | None, tuple[int, int]]


def disabled_ranges(directives: tuple[Directive, ...], source: str) -> tuple[Range, ...]:
    """Turn disable/enable comments into (start, end, codes, comment) ranges of the source;
    ``comment`` is where the disabling comment is (for the report of unused ones).

    ``disable`` runs from the start of its line to the matching ``enable`` (or the end);
    ``disable-next-line`` covers the following line only; a ``# smlint:`` comment after text
    covers its own line. A malformed comment is an empty range whose codes are
    ``{"?BODY"}``: it disables nothing and is reported (SM802).
    """
    ranges: list[Range] = []
    open_: list[tuple[int, frozenset[str] | None, tuple[int, int]]] = []
    for d in directives:
        line_start = source.rfind("\n", 0, d.start) + 1
        where = (d.start, d.end)
        if not d.verb:
            ranges.append((d.start, d.start, frozenset({"?" + d.body}), where))
        elif d.line_only:
            if d.verb != "enable":
                ranges.append((line_start, d.start, d.codes, where))
        elif d.verb == "disable-next-line":
            next_start = source.find("\n", d.end)
            if next_start != -1:
                next_end = source.find("\n", next_start + 1)
                end = len(source) if next_end == -1 else next_end
                ranges.append((next_start + 1, end, d.codes, where))
        elif d.verb == "disable":
            open_.append((line_start, d.codes, where))
        else:
            still_open = []
            for start, codes, origin in open_:
                ranges.append((start, d.start, codes, origin))
                if d.codes is None:
                    continue  # a bare enable ends every disable
                named = [c for c in codes or () if not c.startswith("-")]
                if codes is not None and all(c.startswith(tuple(d.codes)) for c in named):
                    continue  # every disabled code is enabled again
                # The rest stays disabled; "-CODE" marks an exception (see inline_disabled),
                # so "disable" then "enable=SM702" keeps all but SM702 off, prefixes included.
                exceptions = frozenset(codes or ()) | {f"-{c}" for c in d.codes}
                still_open.append((d.end, exceptions, origin))
            open_ = still_open
    ranges.extend((start, len(source), codes, origin) for start, codes, origin in open_)
    return tuple(ranges)
