"""One run: source → engine → baseline → reporters → exit status."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Protocol

from smlint.baseline import Baseline, BaselineWriter
from smlint.engine.linter import Linter, PostResult
from smlint.masking import mask_findings, mask_problems
from smlint.models import Post, Problem, Severity
from smlint.parallel import WorkerError, lint_posts
from smlint.pipeline.signals import Interrupted
from smlint.reporters.base import Linted, Reporter, Summary

# Lints a source's items elsewhere and gives each back, in order, with its result (None for a
# problem or a clean post); calls its second argument once its workers exist.
Engine = Callable[
    [Iterable[Post | Problem], Callable[[], None]],
    Iterator[tuple[Post | Problem, PostResult | None]],
]

MAX_PROBLEMS = 50  # problems a terminal shows per input file; the rest are counted


class Source(Protocol):
    files: Sequence[str]
    batch: int

    def __iter__(self) -> Iterator[Post | Problem]: ...

    def file_of(self, problem: Problem) -> str: ...


class ProblemLimit:
    """On the terminal, the first ``MAX_PROBLEMS`` problems of each input file pass; then one
    line says how many more there were and where every one is listed (an export with
    thousands of malformed rows stays readable). Reports get every problem."""

    def __init__(self) -> None:
        self.per_file: Counter[str] = Counter()

    def passes(self, file: str) -> bool:
        self.per_file[file] += 1
        return self.per_file[file] <= MAX_PROBLEMS

    def rest(self, where: str) -> list[Problem]:
        return [
            Problem(
                path=file,
                message=f"{n - MAX_PROBLEMS} more problems not shown here; {where}",
                skipped=False,
            )
            for file, n in self.per_file.items()
            if n > MAX_PROBLEMS
        ]


def run(
    source: Source,
    linter: Linter,
    reporters: Sequence[Reporter],
    *,
    jobs: int = 1,
    baseline: Baseline | None = None,
    record: BaselineWriter | None = None,
    started: float | None = None,
    engine: Engine | None = None,
) -> Summary:
    """Lint every post of ``source`` and report it; return the run's counts.

    ``record`` (``--write-baseline``) sees every finding, before ``baseline`` filters it.
    ``engine`` lints elsewhere (``scan --engine spark|dask``); by default this machine's
    processes do (``jobs``).
    """
    started = time.perf_counter() if started is None else started
    summary = Summary(files=list(source.files))
    limit = ProblemLimit()

    def start() -> None:
        for reporter in reporters:
            reporter.start()

    def problems(items: Iterable[Problem], file: str | None = None) -> None:
        for problem in items:
            summary.problems += 1
            shown = limit.passes(file if file is not None else source.file_of(problem))
            for reporter in reporters:
                if shown or not reporter.summarises_problems:
                    reporter.problem(problem)

    try:
        results = (
            lint_posts(linter, source, jobs=jobs, batch=source.batch, on_start=start)
            if engine is None
            else engine(source, start)
        )
        for item, result in results:
            if type(item) is not Post:
                if item.skipped:  # type: ignore[union-attr]
                    summary.read += 1
                    summary.skipped += 1
                problems([item])  # type: ignore[list-item]
                continue
            summary.read += 1
            if result is None:
                linted = Linted(item)
            else:
                spans = result.masked
                if result.problems:
                    problems(mask_problems(result.problems, item.source, spans), item.path)
                findings = result.findings
                if findings and record is not None:
                    record.add(findings)
                if findings and baseline is not None:
                    findings = baseline.filter(findings)
                # No message or explanation echoes a detected PII span, whatever the format.
                findings = mask_findings(findings, item.source, spans)
                linted = Linted(item, findings, spans)
            summary.add(linted)
            for reporter in reporters:
                reporter.post(linted)
        full = [r for r in reporters if not r.summarises_problems and r.lists_problems]
        where = (
            "every one is in " + ", ".join(r.lists_problems for r in full)
            if full
            else "--format junit (or scan --report FILE) lists every one"
        )
        for problem in limit.rest(where):
            for reporter in reporters:
                if reporter.summarises_problems:
                    reporter.problem(problem)
        summary.seconds = time.perf_counter() - started
        for reporter in reporters:
            reporter.finish(summary)
    except Interrupted as exc:
        exc.summary = summary  # how far the run got, for the line the command prints
        raise
    except WorkerError as exc:
        raise WorkerError(
            f"{exc}: {summary.read} posts were read and {summary.linted} linted before it; "
            "no report file or baseline written (try fewer --jobs)"
        ) from None
    finally:
        for reporter in reporters:
            reporter.stop()
    return summary


def exit_status(summary: Summary, fail_on: Severity, accept: bool = False) -> int:
    """2 when anything could not be linted; else 1 for a finding at or above ``fail_on``,
    unless the findings are accepted (``--exit-zero``, ``--write-baseline``)."""
    if summary.problems:
        return 2
    if accept:
        return 0
    failing = [s.label for s in Severity if s >= fail_on]
    return 1 if any(summary.by_severity[label] for label in failing) else 0
