"""``smlint scan``: lint exported posts, streamed.

The parent process reads the exports into posts and sends them to the workers in batches;
results come back in order and are reported as they come, so memory stays flat whatever the
number of posts (``sarif`` and ``junit``, single documents with totals up front, keep their
results until the end; the HTML report spools its rows to a temporary file).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from smlint.config import Settings
from smlint.inputs.exports import Columns
from smlint.pipeline.command import Context, RunOptions, execute
from smlint.pipeline.run import Engine
from smlint.pipeline.sources import Exports
from smlint.reporters.base import Reporter


@dataclass(frozen=True, kw_only=True)
class ScanOptions(RunOptions):
    columns: Columns = field(default_factory=Columns)
    report: Path | None = None
    engine: str = "local"  # or spark, dask: see smlint.cluster
    master: str | None = None
    scheduler: str | None = None


def engine_for(options: ScanOptions) -> Callable[[Settings], Engine] | None:
    """The cluster engine of ``--engine spark|dask``; None lints on this machine."""
    if options.engine == "local":
        return None

    def build(settings: Settings) -> Engine:
        from smlint import cluster
        from smlint.frames import recipe_of
        from smlint.parallel import resolve_jobs

        recipe = recipe_of(settings, b"")
        workers = resolve_jobs(settings.jobs)
        if options.engine == "spark":
            return cluster.SparkEngine(recipe, options.master, workers)
        return cluster.DaskEngine(recipe, options.scheduler, workers)

    return build


def run_scan(options: ScanOptions) -> int:
    def exports(settings: Settings) -> Exports:
        from smlint.inputs.exports import open_export
        from smlint.inputs.parquet import is_parquet, open_parquet

        opened = [
            open_parquet(path, options.columns)
            if is_parquet(path)
            else open_export(path, options.columns)
            for path in options.paths
        ]
        return Exports(opened, settings)  # type: ignore[arg-type]

    def reporters(ctx: Context) -> list[Reporter]:
        from smlint.reporters.html import HtmlReporter
        from smlint.reporters.terminal import Progress, ScanTable

        out: list[Reporter] = []
        source: Exports = ctx.source  # type: ignore[assignment]
        if options.quiet == 0 and sys.stderr.isatty():
            out.append(Progress(source.size, source.progress))
        if options.report is not None:
            out.append(
                HtmlReporter(
                    options.report,
                    catalog=ctx.catalog,
                    policy=ctx.settings.policy,
                    mode=ctx.settings.mode,
                )
            )
        if options.quiet == 0:
            beside_report = ctx.settings.format == "default" and ctx.out is sys.stdout
            terminal = beside_report and sys.stdout.isatty()
            out.append(ScanTable(ctx.catalog, sys.stdout if terminal else sys.stderr))
        return out

    status = execute(options, exports, reporters, engine_for(options))
    if options.report is not None and options.quiet < 2:
        print(f"smlint: HTML report written to {options.report}", file=sys.stderr)
    return status
