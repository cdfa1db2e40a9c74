"""The reporter protocol, what reporters receive, and the PII-safe views they share.

A run calls, on every reporter in turn (flake8's formatters work the same way):

    start()            once, when the workers exist (a progress bar starts its thread here)
    post(linted)       for every linted post, in report order, clean posts included
    problem(problem)   for every input or internal error that is shown
    finish(summary)    once, at the end: a format that needs the whole document writes it now
    stop()             once, after finish or when the run fails: release what start() took

A reporter that needs the whole document (SARIF, JUnit, the HTML report) buffers inside
itself; the others write as they go, so memory stays flat.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO

from smlint import __version__
from smlint.masking import Span, mask
from smlint.models import Finding, Post, Problem, Severity
from smlint.ruledata.catalog import Catalog


@dataclass(frozen=True, slots=True)
class Linted:
    """One post as reported: its findings after inline disables and the baseline, and the
    spans of every PII finding the engine made in it (suppressed ones too), which are masked
    wherever the post's text is shown."""

    post: Post
    findings: Sequence[Finding] = ()
    masked: tuple[Span, ...] = ()


def masked_line(linted: Linted, finding: Finding) -> str:
    """The finding's first source line with every PII span on it masked."""
    line_start = finding.start - (finding.column - 1)
    return mask(linted.post.line(finding.row), linted.masked, line_start)


@dataclass(frozen=True, slots=True)
class FileRegion:
    """Where a finding is in the file a dashboard opens: a draft's row and column; for an
    exported post the row (CSV/TSV) or line (JSON Lines, JSON) the post starts on, without
    columns (the post is a cell or a string of that line, not the line itself)."""

    line: int
    end_line: int
    column: int | None = None
    end_column: int | None = None


def file_region(linted: Linted, finding: Finding) -> FileRegion:
    row = linted.post.meta.get("row")
    if row is None or not row.isdigit():
        return FileRegion(finding.row, finding.end_row, finding.column, finding.end_column)
    return FileRegion(int(row), int(row))


def fingerprint(linted: Linted, finding: Finding) -> str:
    """A stable hash of file, code and the masked source line (no PII, no line number)."""
    line = masked_line(linted, finding)
    data = "\0".join((finding.display, finding.code, " ".join(line.split())))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def citation_text(finding: Finding) -> str:
    c = finding.citation
    if c is None:
        return ""
    label = f"example policy {c.policy}" if c.example else c.policy
    return f" [{label}: {c.section}]"


def use_color(stream: IO[str]) -> bool:
    """Colour only for a terminal, and never with NO_COLOR set."""
    return stream is sys.stdout and stream.isatty() and not os.environ.get("NO_COLOR")


# --- the summary of a run ------------------------------------------------------------------

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})")
_TWITTER = re.compile(r"^[A-Za-z]{3} ([A-Za-z]{3}) \d{1,2} [\d:]+ [+-]\d{4} (\d{4})$")
_SLASHED = re.compile(r"^\s*(\d{1,2})/\d{1,2}/(\d{4}|\d{2})\b")
_WORDY = re.compile(
    r"\b([A-Za-z]{3})[a-z]*\.? (?:\d{1,2},? )?(\d{4})\b|\b\d{1,2} ([A-Za-z]{3})[a-z]* (\d{4})\b"
)
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}


def month_of(date: str) -> str:
    """'YYYY-MM' of an export's date in the usual formats, or '' when unknown."""
    if not date:
        return ""
    m = _ISO.match(date)
    if m:
        return f"{m[1]}-{m[2]}"
    m = _TWITTER.match(date)
    if m and m[1].lower() in _MONTHS:
        return f"{m[2]}-{_MONTHS[m[1].lower()]:02d}"
    m = _SLASHED.match(date)
    if m and 1 <= int(m[1]) <= 12:
        year = m[2] if len(m[2]) == 4 else f"20{m[2]}"
        return f"{year}-{int(m[1]):02d}"
    if date.strip().isdigit() and len(date.strip()) in (10, 13):
        seconds = int(date.strip()) // (1000 if len(date.strip()) == 13 else 1)
        return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m")
    m = _WORDY.search(date)
    if m:
        name, year = (m[1], m[2]) if m[1] else (m[3], m[4])
        if name.lower() in _MONTHS:
            return f"{year}-{_MONTHS[name.lower()]:02d}"
    return ""


_LABELS = {severity: severity.label for severity in Severity}


@dataclass
class Summary:
    """The counts of a run (no post text, no PII): the end-of-scan table, the HTML report,
    --statistics, the step summary and the exit status all read them."""

    files: list[str] = field(default_factory=list)
    read: int = 0  # posts and malformed records
    linted: int = 0
    skipped: int = 0  # malformed records, unreadable drafts
    findings: int = 0  # reported: after inline disables and the baseline
    posts_flagged: int = 0
    by_rule: Counter[str] = field(default_factory=Counter)
    by_severity: Counter[str] = field(default_factory=Counter)
    by_month: Counter[str] = field(default_factory=Counter)
    posts_by_month: Counter[str] = field(default_factory=Counter)
    by_author: Counter[str] = field(default_factory=Counter)
    problems: int = 0  # every problem, shown or not
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.read / self.seconds if self.seconds > 0 else 0.0

    def add(self, linted: Linted) -> None:
        """Count one linted post and its reported findings."""
        self.linted += 1
        meta = linted.post.meta
        month = month_of(meta["date"]) if "date" in meta else ""
        self.posts_by_month[month] += 1
        findings = linted.findings
        if not findings:
            return
        self.posts_flagged += 1
        self.findings += len(findings)
        author = meta.get("author")
        by_rule, by_severity = self.by_rule, self.by_severity
        for f in findings:
            by_rule[f.code] += 1
            by_severity[_LABELS[f.severity]] += 1
        self.by_month[month] += len(findings)
        if author:
            self.by_author[author] += len(findings)


# --- reporters -----------------------------------------------------------------------------


class Reporter:
    """A reporter does nothing by default; each overrides the hooks it needs."""

    # A reporter for a person reading a terminal gets only the first problems of each file
    # and a line counting the rest; the others (reports, JUnit, HTML) get every problem.
    summarises_problems = False

    @property
    def lists_problems(self) -> str:
        """Where this reporter lists every problem ("the JUnit report"), or ''."""
        return ""

    def start(self) -> None:
        return None

    def post(self, linted: Linted) -> None:
        return None

    def problem(self, problem: Problem) -> None:
        return None

    def finish(self, summary: Summary) -> None:
        return None

    def stop(self) -> None:
        return None


@dataclass(frozen=True, kw_only=True)
class Style:
    """What a report format needs besides the findings: the rules, and the display options."""

    catalog: Catalog
    color: bool = False
    show_source: bool = False
    quiet: int = 0
    version: str = __version__


class FormatReporter(Reporter):
    """A ``--format``: writes the report to ``out``."""

    def __init__(self, out: IO[str], style: Style) -> None:
        self.out = out
        self.style = style


class Collector(Reporter):
    """Keeps what a run reports, in order (a rule's live examples, tests, the Python API)."""

    def __init__(self) -> None:
        self.linted: list[Linted] = []
        self.problems: list[Problem] = []

    def post(self, linted: Linted) -> None:
        self.linted.append(linted)

    def problem(self, problem: Problem) -> None:
        self.problems.append(problem)

    @property
    def findings(self) -> list[Finding]:
        return [f for linted in self.linted for f in linted.findings]
