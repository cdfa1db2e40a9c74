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
DIRECTIVE_RE = re.compile(
    r"<!--\s*smlint:\s*(?P<verb>disable-next-line|disable|enable)\s*"
    r"(?:=\s*(?P<codes>[A-Za-z0-9,\s]+?))?\s*-->"
)
FRONT_MATTER_KEYS = ("mode", "platform", "policy")


class DraftError(ValueError):
    """A draft we cannot lint as written (bad front matter)."""


@dataclass(frozen=True)
class Directive:
    verb: str
    codes: frozenset[str] | None  # None: every code
    start: int
    end: int


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


def parse_directives(source: str) -> tuple[Directive, ...]:
    out = []
    for match in DIRECTIVE_RE.finditer(source):
        codes = match.group("codes")
        parsed = (
            frozenset(c.strip().upper() for c in codes.split(",") if c.strip()) if codes else None
        )
        out.append(Directive(match.group("verb"), parsed, match.start(), match.end()))
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
    text = "".join(chars)
    body = COMMENT_RE.sub("", source[body_start:])
    published = IMAGE_LINE_RE.sub("", body).strip()
    # A directive shown as an example inside code is text, not an instruction.
    directives = tuple(
        d
        for d in parse_directives(source)
        if d.start >= body_start and not any(a <= d.start < b for a, b in code)
    )
    return Scoped(text, published, front, directives)


def disabled_ranges(
    directives: tuple[Directive, ...], source: str
) -> tuple[tuple[int, int, frozenset[str] | None], ...]:
    """Turn disable/enable comments into (start, end, codes) ranges of the source.

    ``disable`` runs from the start of its line to the matching ``enable`` (or the end);
    ``disable-next-line`` covers the following line only.
    """
    ranges = []
    open_: list[tuple[int, frozenset[str] | None]] = []
    for d in directives:
        line_start = source.rfind("\n", 0, d.start) + 1
        if d.verb == "disable-next-line":
            next_start = source.find("\n", d.end)
            if next_start != -1:
                next_end = source.find("\n", next_start + 1)
                ranges.append(
                    (next_start + 1, len(source) if next_end == -1 else next_end, d.codes)
                )
        elif d.verb == "disable":
            open_.append((line_start, d.codes))
        else:
            still_open = []
            for start, codes in open_:
                ranges.append((start, d.start, codes))
                if d.codes is None:
                    continue  # a bare enable ends every disable
                named = [c for c in codes or () if not c.startswith("-")]
                if codes is not None and all(c.startswith(tuple(d.codes)) for c in named):
                    continue  # every disabled code is enabled again
                # The rest stays disabled; "-CODE" marks an exception (see inline_disabled),
                # so "disable" then "enable=SM702" keeps all but SM702 off, prefixes included.
                still_open.append((d.end, frozenset(codes or ()) | {f"-{c}" for c in d.codes}))
            open_ = still_open
    ranges.extend((start, len(source), codes) for start, codes in open_)
    return tuple(ranges)
