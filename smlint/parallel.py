"""A process pool for linting, shared by ``scan`` and ``check -j N``.

Each worker builds its ``Linter`` once (in the pool initializer). Work goes out in batches
and comes back in submission order, whatever the number of workers, with only a few batches
in flight at a time, so memory stays flat on inputs of any size (``Pool.imap`` and
``Executor.map`` would read the whole input ahead).
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

if TYPE_CHECKING:
    from smlint.config import Settings
    from smlint.engine.linter import Linter, PostResult
    from smlint.models import Post, Problem

T = TypeVar("T")
R = TypeVar("R")

# The linter of this process: the parent's for -j 1, the worker's own otherwise.
_LINTER: Linter | None = None


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
    if inherited and _LINTER is not None:
        return  # forked: the parent's warmed-up linter, its resources shared copy-on-write
    from smlint.commands.check import build_linter

    _LINTER = build_linter(settings)


WARM_UP_TEXT = (
    "Warm-up post #JobFair: call 307-555-0100 or mail info@example.gov, SSN 123-45-6789, "
    "case UI-2024-000001, see https://bit.ly/x and https://example.gov/jobs. "
    "THIS IS A WARM UP POST IN CAPITALS. Jane Doe, Program Manager"
)


def warm_up(linter: Linter) -> None:
    """Build the lazily loaded resources once in the parent before workers are forked."""
    from smlint.models import Post

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
    window: int | None = None,
    min_items: int = 2,
    on_start: Callable[[], None] | None = None,
    warm_up: Callable[[Linter], None] | None = None,
) -> Iterator[R]:
    """``fn(item)`` for every item, in order, on ``jobs`` processes.

    ``fn`` is a module-level function that gets its linter from ``worker_linter()``. With one
    job, or fewer than ``min_items`` items, it runs in this process with ``linter`` (a pool
    would cost more than it saves). ``on_start`` runs once the workers exist (start
    threads such as a progress display after forking, not before). Where workers are forked,
    ``warm_up(linter)`` runs first in this process so that lazily built resources (NLP
    pipelines, recognizers, word lists) are built once and shared instead of once a worker.
    """
    global _LINTER
    iterator = iter(items)
    head = list(islice(iterator, min_items))
    if jobs <= 1 or len(head) < min_items:
        _LINTER = linter
        if on_start is not None:
            on_start()
        for item in chain(head, iterator):
            yield fn(item)
        return
    window = window or jobs * 4
    context = _context()
    forked = context.get_start_method() == "fork"
    if forked:
        _LINTER = linter
        if warm_up is not None:
            warm_up(linter)
    executor = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=_init_worker,
        initargs=(picklable(linter.settings), forked),
    )
    pending: deque[Future[R]] = deque()
    try:
        executor.submit(_noop).result()  # workers are forked now, before any thread starts
        if on_start is not None:
            on_start()
        for item in chain(head, iterator):
            pending.append(executor.submit(fn, item))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BrokenProcessPool:
        raise WorkerError("a worker process died (out of memory?); try fewer --jobs") from None
    finally:
        for future in pending:
            future.cancel()
        executor.shutdown(wait=True, cancel_futures=True)


def _lint_posts(chunk: tuple[Post | Problem, ...]) -> list[PostResult | None]:
    from smlint.models import Post

    linter = worker_linter()
    return [linter.lint(item) if isinstance(item, Post) else None for item in chunk]


def lint_all(
    linter: Linter, items: Iterable[Post | Problem], jobs: int, chunk: int = 16
) -> Iterator[tuple[Post | Problem, PostResult | None]]:
    """Each item with its lint result (None for a Problem), in input order (``check -j``)."""
    from smlint.models import Post

    if jobs <= 1:
        for item in items:
            yield item, (linter.lint(item) if isinstance(item, Post) else None)
        return
    sent: deque[tuple[Post | Problem, ...]] = deque()

    def chunks() -> Iterator[tuple[Post | Problem, ...]]:
        iterator = iter(items)
        while batch := tuple(islice(iterator, chunk)):
            sent.append(batch)
            yield batch

    for results in ordered_map(_lint_posts, chunks(), jobs=jobs, linter=linter, warm_up=warm_up):
        yield from zip(sent.popleft(), results, strict=True)
