"""The ``scan`` pipeline: exported posts → batches → worker processes → streamed report.

Posts are read, linted and reported as a stream: the parent reads records and sends them to
the workers in batches; each batch comes back (in order) with only the findings, and the
report is written batch by batch. Memory stays flat whatever the number of posts (the
``sarif`` and ``junit`` formats, single documents with totals up front, and
``--write-baseline`` keep the findings until the end).
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from smlint import __version__
from smlint.commands.check import build_linter, use_color
from smlint.config import Settings, load_settings
from smlint.inputs.exports import Columns, Export, Record, open_exports
from smlint.models import Finding, Post, Problem
from smlint.parallel import ordered_map, resolve_jobs, warm_up, worker_linter
from smlint.reporters import get_formatter
from smlint.reporters.base import Report
from smlint.reporters.github import append_step_summary
from smlint.reporters.text import statistics_lines
from smlint.ruledata.catalog import Catalog
from smlint.suppress import Baseline, identity, write_baseline

BATCH = 256
MAX_PROBLEM_LINES = 50  # malformed records printed per file; the rest are counted


@dataclass(frozen=True, kw_only=True)
class ScanOptions:
    paths: tuple[str, ...]
    columns: Columns = field(default_factory=Columns)
    config: Path | None = None
    overrides: dict[str, Any] = field(default_factory=dict)
    output_file: Path | None = None
    report: Path | None = None
    exit_zero: bool = False
    count: bool = False
    quiet: int = 0
    baseline: Path | None = None
    write_baseline: Path | None = None
    batch_size: int = BATCH
    progress: bool | None = None  # None: on a TTY only


# --- work done in the worker processes ------------------------------------------------------

Job = tuple[str, tuple[Record, ...]]
# Per post with findings or problems: (index in batch, findings, problems).
Result = tuple[list[tuple[int, list[Finding], list[Problem]]], Counter[str]]


def lint_batch(job: Job) -> Result:
    """Lint a batch of one file's records; return only what the parent needs."""
    path, records = job
    linter = worker_linter()
    out = []
    months: Counter[str] = Counter()
    for index, record in enumerate(records):
        months[month_of(record.date)] += 1
        result = linter.lint(post_of(path, record, linter.settings))
        if result.findings or result.problems:
            findings = [
                f if type(f.detail) is dict else replace(f, detail=dict(f.detail))
                for f in result.findings
            ]
            out.append((index, findings, result.problems))
    return out, months


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


# --- the summary ---------------------------------------------------------------------------


@dataclass
class Summary:
    """Counts for the end-of-scan table and the HTML report (no post text, no PII)."""

    files: list[str] = field(default_factory=list)
    read: int = 0
    linted: int = 0
    skipped: int = 0
    findings: int = 0
    posts_flagged: int = 0
    by_rule: Counter[str] = field(default_factory=Counter)
    by_severity: Counter[str] = field(default_factory=Counter)
    by_month: Counter[str] = field(default_factory=Counter)
    posts_by_month: Counter[str] = field(default_factory=Counter)
    by_author: Counter[str] = field(default_factory=Counter)
    problems: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.read / self.seconds if self.seconds > 0 else 0.0


def print_summary(summary: Summary, catalog: Catalog, stream: IO[str]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=stream, highlight=False, soft_wrap=False, width=100)
    head = Table(title="smlint scan", show_header=False, box=None, pad_edge=False)
    head.add_column(style="bold")
    head.add_column(justify="right")
    head.add_row("files", str(len(summary.files)))
    head.add_row("posts read", f"{summary.read:,}")
    head.add_row("posts linted", f"{summary.linted:,}")
    head.add_row("posts skipped (malformed)", f"{summary.skipped:,}")
    head.add_row("posts with findings", f"{summary.posts_flagged:,}")
    head.add_row("findings", f"{summary.findings:,}")
    head.add_row("time", f"{summary.seconds:.1f} s ({summary.rate:,.0f} posts/s)")
    console.print(head)
    if summary.by_severity:
        table = Table(title="findings by severity")
        table.add_column("severity")
        table.add_column("findings", justify="right")
        for label in ("error", "warning", "info"):
            if summary.by_severity[label]:
                table.add_row(label, f"{summary.by_severity[label]:,}")
        console.print(table)
    if summary.by_rule:
        table = Table(title="findings by rule")
        for name, justify in (("code", "left"), ("rule", "left"), ("findings", "right")):
            table.add_column(name, justify=justify)  # type: ignore[arg-type]
        for code, n in sorted(summary.by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
            table.add_row(code, catalog[code].name, f"{n:,}")
        console.print(table)
    if summary.by_month:
        posts, found = summary.posts_by_month, summary.by_month
        period = "month"
        if len(set(found) | set(posts)) > 24:  # years of posts: one row a year
            period = "year"
            posts, found = Counter(), Counter()
            for source, target in ((summary.posts_by_month, posts), (summary.by_month, found)):
                for month, n in source.items():
                    target[month[:4]] += n
        table = Table(title=f"findings by {period}")
        table.add_column(period)
        table.add_column("posts", justify="right")
        table.add_column("findings", justify="right")
        for key in sorted(set(found) | set(posts)):
            table.add_row(key or "unknown", f"{posts[key]:,}", f"{found[key]:,}")
        console.print(table)
    if summary.by_author:
        table = Table(title="findings by account (top 20)")
        table.add_column("account")
        table.add_column("findings", justify="right")
        for author, n in summary.by_author.most_common(20):
            table.add_row(author, f"{n:,}")
        console.print(table)


# --- streamed report formats ---------------------------------------------------------------


class Sink:
    """Writes a format chunk by chunk; the findings of one post are always in one chunk."""

    def __init__(self, out: IO[str], settings: Settings, catalog: Catalog, options: ScanOptions):
        self.out = out
        self.settings = settings
        self.catalog = catalog
        self.options = options
        self.color = use_color(options.output_file)

    def report(self, findings: Sequence[Finding], sources: dict[str, Post], **kw: Any) -> Report:
        return Report(
            findings=findings,
            catalog=self.catalog,
            version=__version__,
            sources=sources,
            color=self.color,
            show_source=self.settings.show_source,
            statistics=False,
            count=False,
            quiet=self.options.quiet,
            **kw,
        )

    def write(self, findings: list[Finding], sources: dict[str, Post], linted: list[str]) -> None:
        raise NotImplementedError

    def close(self, summary: Summary, problems: Sequence[Problem] = ()) -> None:
        return None


class StreamSink(Sink):
    """default, jsonl, github: each chunk is formatted on its own."""

    def write(self, findings: list[Finding], sources: dict[str, Post], linted: list[str]) -> None:
        if findings:
            text = get_formatter(self.settings.format)(self.report(findings, sources))
            if text:
                self.out.write(text)

    def close(self, summary: Summary, problems: Sequence[Problem] = ()) -> None:
        fmt = self.settings.format
        if fmt == "default":
            lines = (
                statistics_lines(summary.by_rule, self.catalog) if self.settings.statistics else []
            )
            if self.options.count:
                lines.append(str(summary.findings))
            if lines:
                self.out.write("\n".join(lines) + "\n")
        if fmt == "github":
            append_step_summary(summary.by_rule, self.catalog)


class JsonSink(Sink):
    """One JSON array, written element by element (same text as the json formatter)."""

    first = True

    def write(self, findings: list[Finding], sources: dict[str, Post], linted: list[str]) -> None:
        from smlint.reporters.json import json_element

        report = self.report(findings, sources)
        parts = []
        for f in findings:
            parts.append(("[\n" if self.first else ",\n") + json_element(report, f))
            self.first = False
        self.out.write("".join(parts))

    def close(self, summary: Summary, problems: Sequence[Problem] = ()) -> None:
        self.out.write("[]\n" if self.first else "\n]\n")


class WholeSink(Sink):
    """sarif, junit: one document with totals first; findings are kept until the end."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.findings: list[Finding] = []
        self.sources: dict[str, Post] = {}
        self.linted: list[str] = []

    def write(self, findings: list[Finding], sources: dict[str, Post], linted: list[str]) -> None:
        self.findings.extend(findings)
        self.sources.update(sources)
        if self.settings.format == "junit":
            self.linted.extend(linted)

    def close(self, summary: Summary, problems: Sequence[Problem] = ()) -> None:
        report = self.report(self.findings, self.sources, linted=self.linted, problems=problems)
        self.out.write(get_formatter(self.settings.format)(report))


def make_sink(out: IO[str], settings: Settings, catalog: Catalog, options: ScanOptions) -> Sink:
    if settings.format == "json":
        return JsonSink(out, settings, catalog, options)
    if settings.format in ("sarif", "junit"):
        return WholeSink(out, settings, catalog, options)
    return StreamSink(out, settings, catalog, options)


# --- the pipeline --------------------------------------------------------------------------


class ProblemLog:
    """Malformed records (and posts a check failed on) on stderr: the first few per file,
    then a count."""

    def __init__(self) -> None:
        self.per_file: Counter[str] = Counter()
        self.total = 0
        self.shown: list[Problem] = []  # what was printed, for reports that list errors

    def report(self, problem: Problem, file: str) -> None:
        self.total += 1
        self.per_file[file] += 1
        if self.per_file[file] <= MAX_PROBLEM_LINES:
            self.shown.append(problem)
            print(f"smlint: error: {problem}", file=sys.stderr)

    def close(self) -> None:
        for file, n in self.per_file.items():
            if n > MAX_PROBLEM_LINES:
                more = Problem(
                    path=file, message=f"{n - MAX_PROBLEM_LINES} more problems not shown"
                )
                self.shown.append(more)
                print(f"smlint: error: {more}", file=sys.stderr)


def batches(
    exports: Sequence[Export], size: int, summary: Summary, problems: ProblemLog
) -> Iterator[Job]:
    """Jobs of up to ``size`` records of one file; malformed records are reported here."""
    for export in exports:
        summary.files.append(export.path)
        batch: list[Record] = []
        for item in export.records():
            summary.read += 1
            if type(item) is Record:
                batch.append(item)
                if len(batch) >= size:
                    yield export.path, tuple(batch)
                    batch = []
            else:
                summary.skipped += 1
                problems.report(item, export.path)  # type: ignore[arg-type]
        if batch:
            yield export.path, tuple(batch)


class Accepted:
    """A baseline consumed as the stream goes (``Baseline.new_findings`` for one call)."""

    def __init__(self, baseline: Baseline) -> None:
        self.salt = baseline.salt
        self.left = Counter(baseline.accepted)

    def filter(self, findings: list[Finding]) -> list[Finding]:
        out = []
        for finding in findings:
            key = identity(finding, self.salt)
            if self.left[key] > 0:
                self.left[key] -= 1
            else:
                out.append(finding)
        return out


def post_of(path: str, record: Record, settings: Settings) -> Post:
    meta = {"row": str(record.row)}
    for key in ("date", "url", "author"):
        value = getattr(record, key)
        if value:
            meta[key] = value
    return Post(
        path=path,
        source=record.text,
        text=record.text,
        published=record.text,
        post_id=record.post_id,
        mode=settings.mode,
        platform=settings.platform,
        meta=meta,
    )


class Progress:
    """A rich progress bar on stderr (TTY only): bytes read of all files, posts/s, ETA."""

    def __init__(self, exports: Sequence[Export], summary: Summary) -> None:
        self.exports = exports
        self.summary = summary
        self.total = sum(e.size for e in exports) or 1
        self.bar: Any = None
        self.task: Any = None

    def start(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as Bar

        self.bar = Bar(
            TextColumn("scanning"),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[posts]:,} posts  {task.fields[rate]:,.0f} posts/s"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.bar.start()
        self.task = self.bar.add_task("scan", total=self.total, posts=0, rate=0.0)
        self.started = time.perf_counter()

    def update(self, linted: int, done: int) -> None:
        if self.bar is None:
            return
        elapsed = max(time.perf_counter() - self.started, 1e-6)
        self.bar.update(self.task, completed=done, posts=linted, rate=linted / elapsed)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def run_scan(options: ScanOptions) -> int:
    started = time.perf_counter()
    settings = load_settings(options.config).merged(**options.overrides)
    linter = build_linter(settings)
    catalog = linter.catalog
    baseline = Accepted(Baseline.load(options.baseline)) if options.baseline else None
    exports = open_exports(options.paths, options.columns)
    jobs = resolve_jobs(settings.jobs)

    summary = Summary()
    problems = ProblemLog()
    kept: list[Finding] = []  # for --write-baseline only
    html = None
    if options.report is not None:
        from smlint.reporters.html import HtmlReport

        html = HtmlReport(catalog=catalog, settings=settings)
    fail = False
    show_progress = (
        options.progress if options.progress is not None else sys.stderr.isatty()
    ) and options.quiet == 0
    progress = Progress(exports, summary)

    out: IO[str]
    if options.output_file is not None:
        try:
            out = open(options.output_file, "w", encoding="utf-8")  # noqa: SIM115
        except OSError as exc:
            from smlint.errors import UserError

            raise UserError(f"{options.output_file}: cannot write ({exc.strerror})") from None
    else:
        out = sys.stdout
    sink = make_sink(out, settings, catalog, options)
    jobs_iter = batches(exports, options.batch_size, summary, problems)
    pending_jobs: dict[int, tuple[Job, int]] = {}

    def remember(items: Iterable[Job]) -> Iterator[Job]:
        # The parent keeps each batch until its result is back, to attach post metadata,
        # with how far the readers were then (the progress bar follows linted posts).
        for number, job in enumerate(items):
            pending_jobs[number] = job, sum(e.state.bytes_read for e in exports)
            yield job

    try:
        results = ordered_map(
            lint_batch,
            remember(jobs_iter),
            jobs=jobs,
            linter=linter,
            on_start=progress.start if show_progress else None,
            warm_up=warm_up,
        )
        for number, (posts, months) in enumerate(results):
            (path, records), bytes_done = pending_jobs.pop(number)
            summary.linted += len(records)
            summary.posts_by_month.update(months)
            chunk: list[Finding] = []
            sources: dict[str, Post] = {}
            for index, findings, post_problems in posts:
                for problem in post_problems:  # a check failed on this post
                    problems.report(problem, path)
                if not findings:
                    continue
                record = records[index]
                post = post_of(path, record, settings)
                if options.write_baseline is not None:
                    kept.extend(findings)  # as check does: everything found, before --baseline
                if baseline is not None:
                    findings = baseline.filter(findings)
                if not findings:
                    continue
                sources[post.display] = post
                chunk.extend(findings)
                summary.posts_flagged += 1
                month = month_of(record.date)
                for f in findings:
                    summary.by_rule[f.code] += 1
                    summary.by_severity[f.severity.label] += 1
                    summary.by_month[month] += 1
                    if record.author:
                        summary.by_author[record.author] += 1
                    if f.severity >= settings.fail_on:
                        fail = True
                summary.findings += len(findings)
                if html is not None:
                    html.add(post, findings, month)
            linted = [f"{path}:{r.post_id}" for r in records] if settings.format == "junit" else []
            sink.write(chunk, sources, linted)
            progress.update(summary.linted, bytes_done)
        problems.close()
        sink.close(summary, problems.shown)
    finally:
        progress.stop()
        if out is not sys.stdout:
            out.close()
        else:
            out.flush()
    summary.seconds = time.perf_counter() - started
    if options.write_baseline is not None:
        write_baseline(options.write_baseline, kept)
    if html is not None:
        html.write(options.report, summary)  # type: ignore[arg-type]
    if options.quiet == 0:
        to_stdout = (
            settings.format == "default" and options.output_file is None and sys.stdout.isatty()
        )
        print_summary(summary, catalog, sys.stdout if to_stdout else sys.stderr)
    if problems.total:
        return 2  # posts were skipped or not fully linted: the scan is incomplete
    accepted = options.exit_zero or options.write_baseline is not None  # baseline accepts them
    return 1 if fail and not accepted else 0
