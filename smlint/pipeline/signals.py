"""Clean stops: SIGINT and SIGTERM end a run with what it got so far, never a traceback.

While a run goes, both signals raise ``Interrupted`` in the main thread; the pipeline stops
its workers (they ignore SIGINT, so Ctrl-C on the process group prints nothing from them,
and die with their parent), output files are not replaced (``smlint.atomic``), and the
command says how far it got and exits 128 + the signal (130, 143).
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types import FrameType

    from smlint.reporters.base import Summary

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(BaseException):
    """A run stopped by a signal; ``summary`` holds the counts so far (None before any)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
        self.summary: Summary | None = None

    @property
    def status(self) -> int:
        return 128 + self.signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name

    def report(self) -> str:
        """One line: which signal, how far the run got, what was not written."""
        s = self.summary
        if s is None or not s.read:
            done = "before any post was linted"
        else:
            done = (
                f"after {s.read} posts read: {s.linted} linted, {s.skipped} skipped, "
                f"{s.findings} findings so far"
            )
        return f"smlint: interrupted ({self.name}) {done}; no report file or baseline written"


def _raise(signum: int, frame: FrameType | None) -> None:
    # A second signal while the run cleans up must not interrupt the cleanup.
    for sig in SIGNALS:
        signal.signal(sig, signal.SIG_IGN)
    raise Interrupted(signum)


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """SIGINT and SIGTERM raise ``Interrupted`` inside the block (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, _raise) for sig in SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextlib.contextmanager
def signals_blocked() -> Iterator[None]:
    """SIGINT and SIGTERM held back (not lost) inside the block: workers forked here start
    with them blocked and unblock them once their own handlers are set."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def worker_signals() -> None:
    """In a worker: ignore SIGINT (the parent handles Ctrl-C), die on SIGTERM, and get
    SIGTERM when the parent dies, whatever killed it (Linux ``PR_SET_PDEATHSIG``)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with contextlib.suppress(Exception):
        import ctypes
        import ctypes.util

        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(1, int(signal.SIGTERM))  # 1 = PR_SET_PDEATHSIG
    signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNALS)
