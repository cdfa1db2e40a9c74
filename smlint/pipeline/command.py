"""A lint command from its options: settings → rules and linter → baseline → source and
reporters → ``run`` → exit status. ``check`` and ``scan`` differ only in their source and
in the reporters ``scan`` adds."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from smlint.baseline import Baseline, BaselineWriter
from smlint.config import Settings, load_settings
from smlint.engine.build import build_linter, load_rules, selection_of
from smlint.errors import UserError
from smlint.parallel import resolve_jobs
from smlint.pipeline.run import Source, exit_status, run
from smlint.reporters import format_reporter
from smlint.reporters.base import Reporter, Style, use_color
from smlint.reporters.github import StepSummaryReporter
from smlint.reporters.terminal import ProblemLog
from smlint.reporters.text import StatisticsReporter
from smlint.ruledata.catalog import Catalog
from smlint.ruledata.packs import agency_notice


@dataclass(frozen=True, kw_only=True)
class RunOptions:
    """The options of a lint command that are not settings."""

    paths: tuple[str, ...]
    config: Path | None = None
    overrides: dict[str, Any] = field(default_factory=dict)
    output_file: Path | None = None
    exit_zero: bool = False
    count: bool = False
    quiet: int = 0
    baseline: Path | None = None
    write_baseline: Path | None = None


@dataclass(frozen=True, kw_only=True)
class Context:
    """What a command's own reporters are built from."""

    settings: Settings
    catalog: Catalog
    source: Source
    out: IO[str]


@contextmanager
def report_stream(path: Path | None) -> Iterator[IO[str]]:
    """The output file, or standard output."""
    if path is None:
        try:
            yield sys.stdout
        finally:
            sys.stdout.flush()
        return
    try:
        handle = open(path, "w", encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        raise UserError(f"{path}: cannot write report ({exc.strerror})") from None
    with handle:
        yield handle


def standard_reporters(
    settings: Settings, catalog: Catalog, out: IO[str], options: RunOptions
) -> list[Reporter]:
    """The problem log, the --format report and what goes with it."""
    style = Style(
        catalog=catalog,
        color=use_color(out),
        show_source=settings.show_source,
        quiet=options.quiet,
    )
    reporters: list[Reporter] = [ProblemLog(), format_reporter(settings.format)(out, style)]
    if settings.format == "default":
        reporters.append(
            StatisticsReporter(out, catalog, statistics=settings.statistics, count=options.count)
        )
    if settings.format == "github":
        reporters.append(StepSummaryReporter(catalog))
    return reporters


def execute(
    options: RunOptions,
    source_for: Callable[[Settings], Source],
    extra: Callable[[Context], list[Reporter]] | None = None,
) -> int:
    """Run a lint command; return its exit status. Usage errors (settings, codes, pack,
    model, baseline, unreadable inputs) are raised before anything is linted."""
    started = time.perf_counter()
    settings = load_settings(options.config).merged(**options.overrides)
    catalog, ruleset = load_rules(settings)
    linter = build_linter(settings, ruleset, catalog)
    baseline = Baseline.load(options.baseline) if options.baseline is not None else None
    record = BaselineWriter() if options.write_baseline is not None else None
    source = source_for(settings)
    # After every usage error: a run that stops with exit 2 says only why.
    selection = selection_of(settings, catalog)
    running = [
        code
        for code in catalog.codes()
        if selection.decide(code, code in ruleset.rules) and settings.mode in catalog[code].modes
    ]
    notice = agency_notice(running, settings.agency)
    if notice and not options.quiet:
        print(notice, file=sys.stderr)  # once per run, not a finding per post
    with report_stream(options.output_file) as out:
        reporters = standard_reporters(settings, catalog, out, options)
        if extra is not None:
            reporters += extra(Context(settings=settings, catalog=catalog, source=source, out=out))
        summary = run(
            source,
            linter,
            reporters,
            jobs=resolve_jobs(settings.jobs),
            baseline=baseline,
            record=record,
            started=started,
        )
    if record is not None:
        record.write(options.write_baseline)  # type: ignore[arg-type]
    # Writing a baseline accepts the findings it records: that run succeeds.
    accept = options.exit_zero or record is not None
    return exit_status(summary, settings.fail_on, accept)
