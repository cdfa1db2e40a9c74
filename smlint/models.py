"""The values that flow through smlint: posts in, hits from checks, findings out.

All records are frozen; later stages make modified copies (``dataclasses.replace``).
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property


class Severity(Enum):
    """How bad a finding is; ordered info < warning < error."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {value!r} (expected error, warning or info)"
            ) from None

    def __lt__(self, other: Severity) -> bool:
        return self.value < other.value

    def __le__(self, other: Severity) -> bool:
        return self.value <= other.value


MODES = ("official", "personal")
PLATFORMS = ("x", "bluesky", "threads", "mastodon", "instagram", "linkedin", "facebook", "none")


@dataclass(frozen=True, kw_only=True)
class Post:
    """One post to lint.

    ``source`` is the text that row/column numbers point into (a whole draft file, or one
    exported post). ``text`` has the same length as ``source``; regions that are not linted
    (front matter, HTML comments, Markdown code) are blanked to spaces, newlines kept, so an
    offset in ``text`` is an offset in ``source``. ``published`` is what readers would see
    (used for length limits).
    """

    path: str
    source: str
    text: str
    published: str
    post_id: str | None = None
    mode: str = "official"
    platform: str = "none"
    policy: str | None = None
    markdown: bool = False
    # Ranges of ``source`` where codes are disabled inline: (start, end, codes or None=all,
    # (start, end) of the comment that disables them); see ``inputs.markdown.disabled_ranges``.
    disabled: tuple[tuple[int, int, frozenset[str] | None, tuple[int, int]], ...] = ()
    # Export metadata for scans (date, url, author, row); empty for drafts.
    meta: Mapping[str, str] = field(default_factory=dict, compare=False)

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        # Pickled as its fields only (a batch of posts goes to a worker process): several
        # times cheaper to load than a dataclass's state dictionary, and without the cached
        # line index.
        return _post, (
            self.path,
            self.source,
            self.text,
            self.published,
            self.post_id,
            self.mode,
            self.platform,
            self.policy,
            self.markdown,
            self.disabled,
            dict(self.meta),
        )

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        find = self.source.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (row, column) in characters of a 0-based offset into ``source``."""
        starts = self._line_starts
        row = bisect.bisect_right(starts, offset) - 1
        return row + 1, offset - starts[row] + 1

    def line(self, row: int) -> str:
        """The text of a 1-based row of ``source``, without its line break."""
        starts = self._line_starts
        start = starts[row - 1]
        end = starts[row] - 1 if row < len(starts) else len(self.source)
        return self.source[start:end].rstrip("\r")

    @property
    def display(self) -> str:
        """``path`` for drafts, ``path:POSTID`` for exported posts."""
        return f"{self.path}:{self.post_id}" if self.post_id is not None else self.path


def _post(
    path: str,
    source: str,
    text: str,
    published: str,
    post_id: str | None,
    mode: str,
    platform: str,
    policy: str | None,
    markdown: bool,
    disabled: tuple[tuple[int, int, frozenset[str] | None, tuple[int, int]], ...],
    meta: Mapping[str, str],
) -> Post:
    return Post(
        path=path,
        source=source,
        text=text,
        published=published,
        post_id=post_id,
        mode=mode,
        platform=platform,
        policy=policy,
        markdown=markdown,
        disabled=disabled,
        meta=meta,
    )


@dataclass(frozen=True, kw_only=True)
class Hit:
    """What a check reports: a code and a character range of ``Post.text``.

    ``detail`` explains why (pattern, term, context word, score). It must never hold a
    detected PII value: it is printed in JSON and SARIF reports.
    """

    code: str
    start: int
    end: int
    message: str | None = None
    detail: Mapping[str, str | int | float] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class Citation:
    """The policy clause a rule enforces in a pack."""

    pack: str
    policy: str
    section: str
    quote: str
    # Another agency's clause quoted as an example (the default pack), not the user's policy.
    example: bool = False


@dataclass(frozen=True, kw_only=True)
class Finding:
    """A hit placed in its file, with the rule's severity and citation attached."""

    path: str
    post_id: str | None
    code: str
    slug: str
    severity: Severity
    message: str
    row: int
    column: int
    end_row: int
    end_column: int
    start: int
    end: int
    citation: Citation | None = None
    detail: Mapping[str, str | int | float] = field(default_factory=dict)
    # The matched characters, kept only for the keyed baseline hash and the masked source
    # line. Formatters must never print it.
    matched: str = field(default="", repr=False, compare=False)

    @property
    def display(self) -> str:
        return f"{self.path}:{self.post_id}" if self.post_id is not None else self.path

    def sort_key(self) -> tuple[str, str, int, int, str]:
        return (self.path, self.post_id or "", self.row, self.column, self.code)


@dataclass(frozen=True, kw_only=True)
class Problem:
    """An input or internal error: reported on stderr, makes the exit status 2."""

    path: str
    message: str
    # Whether it stands for a post that was read and not linted (a malformed record). A
    # problem about a whole file, or a repair of a post that was still linted, is not one.
    skipped: bool = True

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message
