"""The ``check`` pipeline: settings → posts → lint → select/suppress → baseline → report."""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from smlint import __version__
from smlint.analysis import Resources
from smlint.config import Settings, load_settings
from smlint.engine.linter import Linter
from smlint.errors import UserError
from smlint.models import Finding, Post, Problem, Severity
from smlint.reporters import get_formatter
from smlint.reporters.base import Report
from smlint.ruledata.catalog import Catalog, load_catalog
from smlint.ruledata.packs import load_pack
from smlint.suppress import Baseline, Selection, parse_codes, write_baseline


@dataclass(frozen=True, kw_only=True)
class CheckOptions:
    paths: tuple[str, ...]
    config: Path | None = None
    overrides: dict[str, Any] = field(default_factory=dict)
    output_file: Path | None = None
    exit_zero: bool = False
    count: bool = False
    quiet: int = 0
    baseline: Path | None = None
    write_baseline: Path | None = None
    stdin_name: str = "stdin"


def build_linter(settings: Settings, catalog: Catalog | None = None) -> Linter:
    """Validate settings (pack, codes, model) up front and build the process's linter."""
    from smlint.checks import builtin_checks

    catalog = catalog or load_catalog()
    selection = Selection(
        select=parse_codes(settings.select, catalog, "select"),
        extend_select=parse_codes(settings.extend_select, catalog, "extend-select"),
        ignore=parse_codes(settings.ignore + settings.extend_ignore, catalog, "ignore"),
    )
    load_pack(settings.policy, catalog)
    resources = Resources(settings)
    if settings.nlp_model not in ("auto", "none"):
        _ = resources.nlp  # a named model that cannot load is a usage error, found now
    return Linter(settings, catalog, builtin_checks(), selection, resources)


@dataclass
class Outcome:
    """Everything a run produced, before formatting."""

    findings: list[Finding]
    problems: list[Problem]
    sources: dict[str, Post]
    linted: list[str]


def lint_stream(linter: Linter, items: Iterable[Post | Problem], jobs: int = 1) -> Outcome:
    """Lint every post, on ``jobs`` worker processes (results in input order)."""
    from smlint.parallel import lint_all

    outcome = Outcome([], [], {}, [])
    for item, result in lint_all(linter, items, jobs):
        if isinstance(item, Problem) or result is None:
            outcome.problems.append(item)  # type: ignore[arg-type]
            continue
        outcome.linted.append(item.display)
        if result.findings:
            outcome.sources[item.display] = item
        outcome.findings.extend(result.findings)
        outcome.problems.extend(result.problems)
    outcome.findings.sort(key=Finding.sort_key)
    return outcome


def exit_status(
    findings: list[Finding], problems: list[Problem], fail_on: Severity, exit_zero: bool
) -> int:
    if problems:
        return 2
    if exit_zero:
        return 0
    return 1 if any(f.severity >= fail_on for f in findings) else 0


def report_problems(problems: Iterable[Problem]) -> None:
    for problem in problems:
        print(f"smlint: error: {problem}", file=sys.stderr)


def use_color(output_file: Path | None) -> bool:
    """Colour only for a terminal on stdout, and never with NO_COLOR set."""
    return output_file is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def emit(
    outcome: Outcome,
    settings: Settings,
    catalog: Catalog,
    *,
    output_file: Path | None,
    count: bool,
    quiet: int,
) -> None:
    """Format the findings and write them to the output file or stdout."""
    report = Report(
        findings=outcome.findings,
        catalog=catalog,
        version=__version__,
        sources=outcome.sources,
        linted=outcome.linted,
        problems=outcome.problems,
        color=use_color(output_file),
        show_source=settings.show_source,
        statistics=settings.statistics,
        count=count,
        quiet=quiet,
    )
    text = get_formatter(settings.format)(report)
    if output_file is not None:
        try:
            output_file.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UserError(f"{output_file}: cannot write report ({exc.strerror})") from None
    elif text:
        sys.stdout.write(text)
        sys.stdout.flush()
    if settings.format == "github":
        from smlint.reporters.github import append_step_summary

        append_step_summary(Counter(f.code for f in outcome.findings), catalog)


def apply_baseline(outcome: Outcome, baseline: Path | None, write_to: Path | None) -> None:
    if write_to is not None:
        write_baseline(write_to, outcome.findings)
    if baseline is not None:
        outcome.findings = Baseline.load(baseline).new_findings(outcome.findings)


def drafts(options: CheckOptions, settings: Settings) -> Iterator[Post | Problem]:
    from smlint.inputs.drafts import DraftDefaults, discover, read_drafts

    defaults = DraftDefaults(mode=settings.mode, platform=settings.platform)
    return read_drafts(
        discover(options.paths, settings.exclude),
        defaults,
        stdin_name=options.stdin_name,
        honour_inline=not settings.disable_inline,
    )


def run_check(options: CheckOptions) -> int:
    settings = load_settings(options.config).merged(**options.overrides)
    linter = build_linter(settings)
    if options.baseline is not None:
        Baseline.load(options.baseline)  # fail before linting on a bad baseline
    from smlint.parallel import resolve_jobs

    outcome = lint_stream(linter, drafts(options, settings), resolve_jobs(settings.jobs))
    apply_baseline(outcome, options.baseline, options.write_baseline)
    emit(
        outcome,
        settings,
        linter.catalog,
        output_file=options.output_file,
        count=options.count,
        quiet=options.quiet,
    )
    report_problems(outcome.problems)
    # Writing a baseline accepts the findings it records: that run succeeds.
    accepted = options.exit_zero or options.write_baseline is not None
    return exit_status(outcome.findings, outcome.problems, settings.fail_on, accepted)
