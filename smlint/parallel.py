"""The engine stage of the pipeline on a process pool: posts in, lint results out, in order.

Where workers are forked they inherit the parent's warmed-up linter; elsewhere each builds
its own once, from the settings (``engine.build``). Posts go out in batches and come back in
submission order, whatever the number of workers, with only a few batches in flight at a
time, so memory stays flat on inputs of any size (``Pool.imap`` and ``Executor.map`` would
read the whole input ahead). A batch's answer holds only its posts with findings or problems.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from itertools import chain, islice
from typing import TYPE_CHECKING, TypeVar

from smlint.errors import UserError
from smlint.models import Post, Problem
from smlint.pipeline.signals import signals_blocked, worker_signals

if TYPE_CHECKING:
    from smlint.config import Settings
    from smlint.engine.linter import Linter, PostResult

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 2  # fewer items than this run in this process
WINDOW = 4  # items in flight per job

# The linter of this process: the parent's for -j 1, the worker's own otherwise.
_LINTER: Linter | None = None
GRACE = 10.0  # seconds a stopped run waits for the batches its workers hold
# Set when a stopped pool's threads could not be joined: the process must end without
# waiting for them (``stuck``).
_STUCK = False


def stuck() -> bool:
    """Whether a stopped worker pool left threads that would hang the interpreter's exit."""
    return _STUCK


class WorkerError(UserError):
    """A worker process died (killed, out of memory)."""


def default_jobs() -> int:
    """One worker per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def resolve_jobs(jobs: int) -> int:
    return jobs if jobs > 0 else default_jobs()


def worker_linter() -> Linter:
    """The linter of the current process (set by ``ordered_map``)."""
    if _LINTER is None:
        raise RuntimeError("no linter in this process; call through ordered_map")
    return _LINTER


def _init_worker(settings: Settings, inherited: bool) -> None:
    global _LINTER
    worker_signals()
    if inherited and _LINTER is not None:
        return  # forked: the parent's warmed-up linter, its resources shared copy-on-write
    from smlint.engine.build import linter_for

    _LINTER = linter_for(settings)


WARM_UP_TEXT = (
    "Warm-up post #JobFair: call 307-555-0100 or mail info@example.gov, SSN 123-45-6789, "
    "case UI-2024-000001, see https://bit.ly/x and https://example.gov/jobs. "
    "THIS IS A WARM UP POST IN CAPITALS. Jane Doe, Program Manager"
)


def warm_up(linter: Linter) -> None:
    """Build the lazily loaded resources once in the parent before workers are forked."""
    post = Post(
        path="warm-up",
        source=WARM_UP_TEXT,
        text=WARM_UP_TEXT,
        published=WARM_UP_TEXT,
        post_id="0",
        mode=linter.settings.mode,
        platform=linter.settings.platform,
    )
    linter.lint(post)


def _noop() -> None:
    return None


def picklable(settings: Settings) -> Settings:
    """Settings as plain picklable values (the config keeps identifiers in a proxy)."""
    return replace(settings, identifiers=dict(settings.identifiers))


def _context() -> multiprocessing.context.BaseContext:
    # fork starts workers in milliseconds with every module already imported; elsewhere
    # spawn is the only safe choice.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def ordered_map(
    fn: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int,
    linter: Linter,
    on_start: Callable[[], None] | None = None,
) -> Iterator[R]:
    """``fn(item)`` for every item, in order, on ``jobs`` processes.

    ``fn`` is a module-level function that gets its linter from ``worker_linter()``. With one
    job, or fewer than ``MIN_ITEMS`` items, it runs in this process with ``linter`` (a pool
    would cost more than it saves). ``on_start`` runs once the workers exist (start
    threads such as a progress display after forking, not before). Where workers are forked,
    ``warm_up(linter)`` runs first in this process so that lazily built resources (NLP
    pipelines, recognizers, word lists) are built once and shared instead of once a worker.
    At most ``WINDOW`` items a job are in flight.
    """
    global _LINTER
    iterator = iter(items)
    head = list(islice(iterator, MIN_ITEMS))
    if jobs <= 1 or len(head) < MIN_ITEMS:
        _LINTER = linter
        if on_start is not None:
            on_start()
        for item in chain(head, iterator):
            yield fn(item)
        return
    window = jobs * WINDOW
    context = _context()
    forked = context.get_start_method() == "fork"
    if forked:
        _LINTER = linter
        warm_up(linter)
    executor = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=_init_worker,
        initargs=(picklable(linter.settings), forked),
    )
    pending: deque[Future[R]] = deque()
    try:
        # Workers are forked now, before any thread starts, with SIGINT and SIGTERM held
        # back until each has its own handlers (no traceback from a worker on Ctrl-C).
        with signals_blocked():
            first = executor.submit(_noop)
        first.result()
        if on_start is not None:
            on_start()
        for item in chain(head, iterator):
            pending.append(executor.submit(fn, item))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BrokenProcessPool:
        raise WorkerError("a worker process died (killed, or out of memory?)") from None
    except BaseException:  # interrupted, or the consumer failed: stop the workers now
        _stop(executor)
        raise
    finally:
        for future in pending:
            future.cancel()
        executor.shutdown(wait=True, cancel_futures=True)


def _stop(executor: ProcessPoolExecutor) -> None:
    """End the workers: queued batches are dropped, the few a worker already holds are
    finished (up to ``GRACE`` seconds; killing a worker in the middle of sending its answer
    would leave the pool's threads waiting for the rest of it), then the workers are ended."""
    global _STUCK
    processes = list((getattr(executor, "_processes", None) or {}).values())
    manager = getattr(executor, "_executor_manager_thread", None)
    executor.shutdown(wait=False, cancel_futures=True)
    if manager is not None:
        manager.join(timeout=GRACE)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
    if manager is not None and manager.is_alive():
        _STUCK = True


def _lint_batch(posts: tuple[Post, ...]) -> list[tuple[int, PostResult]]:
    """Lint a batch in a worker; return (index, result) of the posts with findings or
    problems only, their details as plain dicts (a mapping proxy does not pickle)."""
    linter = worker_linter()
    out = []
    for index, post in enumerate(posts):
        result = linter.lint(post)
        if result.findings or result.problems:
            result.findings = [
                f if type(f.detail) is dict else replace(f, detail=dict(f.detail))
                for f in result.findings
            ]
            out.append((index, result))
    return out


def lint_posts(
    linter: Linter,
    items: Iterable[Post | Problem],
    *,
    jobs: int,
    batch: int = 16,
    on_start: Callable[[], None] | None = None,
) -> Iterator[tuple[Post | Problem, PostResult | None]]:
    """Each item with its lint result, in input order: None for a Problem, and for a clean
    post where workers linted it. ``on_start`` runs once the workers exist."""
    if jobs <= 1:
        if on_start is not None:
            on_start()
        for item in items:
            yield item, (linter.lint(item) if type(item) is Post else None)
        return
    sent: deque[tuple[Post | Problem, ...]] = deque()

    def batches() -> Iterator[tuple[Post, ...]]:
        iterator = iter(items)
        while chunk := tuple(islice(iterator, batch)):
            sent.append(chunk)
            yield tuple(item for item in chunk if type(item) is Post)

    for found in ordered_map(_lint_batch, batches(), jobs=jobs, linter=linter, on_start=on_start):
        yield from paired(sent.popleft(), dict(found))


def paired(
    chunk: Iterable[Post | Problem], answers: dict[int, PostResult]
) -> Iterator[tuple[Post | Problem, PostResult | None]]:
    """The chunk's items in order, each post with its answer (keyed by the post's index among
    the chunk's posts; None for a clean post) and each problem with None."""
    index = 0
    for item in chunk:
        if type(item) is Post:
            yield item, answers.get(index)
            index += 1
        else:
            yield item, None
