"""A lint command from its options: settings → rules and linter → baseline → source and
reporters → ``run`` → exit status. ``check`` and ``scan`` differ only in their source and
in the reporters ``scan`` adds."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from smlint.api import Linter, settings_from
from smlint.atomic import atomic_open
from smlint.baseline import Baseline, BaselineWriter
from smlint.config import Settings
from smlint.engine.build import selection_of
from smlint.parallel import resolve_jobs, stuck
from smlint.pipeline.run import Engine, Source, exit_status, run
from smlint.pipeline.signals import Interrupted, stop_on_signals
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
    with atomic_open(path, "report") as handle:
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
    if (settings.statistics or options.count) and options.quiet < 2:
        # After the report in the default format; on stderr beside a machine format, which
        # must stay parseable. -qq prints nothing.
        stream = out if settings.format == "default" else sys.stderr
        reporters.append(
            StatisticsReporter(stream, catalog, statistics=settings.statistics, count=options.count)
        )
    if settings.format == "github":
        reporters.append(StepSummaryReporter(catalog))
    return reporters


def _warn_not_enabled(settings: Settings, catalog: Catalog, enabled: Iterable[str]) -> None:
    """A warning on stderr for each --select code the pack leaves off (it reports nothing)."""
    from smlint.suppress import not_enabled, parse_codes

    select = parse_codes(settings.select, catalog, "select")
    extend = parse_codes(settings.extend_select, catalog, "extend-select")
    for entry in not_enabled(select, extend, enabled, catalog):
        print(
            f"smlint: warning: --select {entry}: the pack {settings.policy!r} does not enable"
            f" it, so it reports nothing; add it with --extend-select {entry}",
            file=sys.stderr,
        )


def execute(
    options: RunOptions,
    source_for: Callable[[Settings], Source],
    extra: Callable[[Context], list[Reporter]] | None = None,
    engine_for: Callable[[Settings], Engine] | None = None,
) -> int:
    """Run a lint command; return its exit status. Usage errors (settings, codes, pack,
    model, baseline, unreadable inputs) are raised before anything is linted."""
    with stop_on_signals():
        try:
            return _execute(options, source_for, extra, engine_for)
        except Interrupted as exc:
            print(exc.report(), file=sys.stderr)
            if stuck():  # a worker pool that cannot be joined would hang the exit
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(exc.status)
            return exc.status


def _execute(
    options: RunOptions,
    source_for: Callable[[Settings], Source],
    extra: Callable[[Context], list[Reporter]] | None,
    engine_for: Callable[[Settings], Engine] | None,
) -> int:
    started = time.perf_counter()
    settings = settings_from(options.config, options.overrides)
    linter = Linter.from_settings(settings).engine  # the Python API's linter
    catalog = linter.catalog
    ruleset = linter.ruleset(settings.policy)
    _warn_not_enabled(settings, catalog, ruleset.rules)
    pii = frozenset(rule.code for rule in catalog if rule.pii)
    baseline = Baseline.load(options.baseline, pii) if options.baseline is not None else None
    record = None
    if options.write_baseline is not None:
        record = BaselineWriter(pii, path=options.write_baseline)
    source = source_for(settings)
    engine = engine_for(settings) if engine_for is not None else None
    selection = selection_of(settings, catalog)
    running = [
        code
        for code in catalog.codes()
        if selection.decide(code, code in ruleset.rules) and settings.mode in catalog[code].modes
    ]
    notice = agency_notice(running, settings.agency)
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
            engine=engine,
        )
    # Writing a baseline accepts the findings it records: that run succeeds.
    accept = options.exit_zero or record is not None
    status = exit_status(summary, settings.fail_on, accept)
    # Once per run, not a finding per post; after the run, so that a run with bad input
    # (exit 2, even found while reading) says only what was wrong.
    if notice and not options.quiet and status != 2:
        print(notice, file=sys.stderr)
    if settings.nlp_model == "auto" and not options.quiet and status != 2 and sys.stderr.isatty():
        from smlint.analysis.nlp import installed_english

        if installed_english() is None:
            print(
                "smlint: no spaCy English pipeline installed, so names (SM105) are found by"
                " patterns only; install one (python -m spacy download en_core_web_sm) or"
                " pass --nlp-model none",
                file=sys.stderr,
            )
    if record is not None:
        record.write(options.write_baseline)  # type: ignore[arg-type]
    if options.output_file is not None and options.quiet < 2:
        print(f"smlint: {settings.format} report written to {options.output_file}", file=sys.stderr)
    return status
