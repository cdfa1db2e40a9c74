"""What a person at a terminal sees beside the report: the problem log, the progress bar and
the end-of-scan table. They write to standard error, so that they never mix with a report on
standard output (the table goes to a terminal's standard output when the report does too)."""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable
from typing import IO, Any

from smlint.models import Problem
from smlint.reporters.base import Linted, Reporter, Summary
from smlint.ruledata.catalog import Catalog


class ProblemLog(Reporter):
    """``smlint: error: PROBLEM``, one line each, as problems come."""

    summarises_problems = True

    def problem(self, problem: Problem) -> None:
        print(f"smlint: error: {problem}", file=sys.stderr)


class Progress(Reporter):
    """A rich progress bar (bytes of the input, posts/s, ETA), started once the workers are
    forked. It follows the posts linted, not the reader, which runs ahead of the workers:
    the bytes read are scaled by the share of the posts read that are linted."""

    EVERY = 256  # posts between updates

    def __init__(self, total_bytes: int, progress: Callable[[], tuple[int, int]]) -> None:
        self.total = total_bytes or 1
        self.progress = progress  # -> (bytes read, posts read) so far
        self.linted = 0
        self.bar: Any = None

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

    def post(self, linted: Linted) -> None:
        self.linted += 1
        if self.bar is None or self.linted % self.EVERY:
            return
        done, read = self.progress()
        elapsed = max(time.perf_counter() - self.started, 1e-6)
        completed = done * min(1.0, self.linted / max(read, 1))
        self.bar.update(
            self.task, completed=completed, posts=self.linted, rate=self.linted / elapsed
        )

    def finish(self, summary: Summary) -> None:
        self.stop()

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


class ScanTable(Reporter):
    """The end-of-scan summary: posts read, linted and skipped, findings by severity, rule,
    month (or year) and account."""

    def __init__(self, catalog: Catalog, stream: IO[str]) -> None:
        self.catalog = catalog
        self.stream = stream

    def finish(self, summary: Summary) -> None:
        from rich.console import Console
        from rich.table import Table

        console = Console(file=self.stream, highlight=False, soft_wrap=False, width=100)
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
                table.add_row(code, self.catalog[code].name, f"{n:,}")
            console.print(table)
        if summary.by_month:
            posts, found = summary.posts_by_month, summary.by_month
            period = "month"
            if len(set(found) | set(posts)) > 24:  # years of posts: one row a year
                period = "year"
                posts, found = Counter(), Counter()
                for source, target in (
                    (summary.posts_by_month, posts),
                    (summary.by_month, found),
                ):
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
