"""Output files written atomically: a temporary file beside the target, renamed over it
once complete. An interrupted or failed run leaves the previous file (or none), never half
a report, baseline or ``-o`` file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from smlint.errors import UserError


def _describe(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


@contextlib.contextmanager
def atomic_open(path: Path, what: str = "file") -> Iterator[IO[str]]:
    """A text handle whose content replaces ``path`` when the block ends without error.

    An OSError (full disk, read-only folder) is a ``UserError`` naming the path."""
    path = Path(path)
    if path.is_dir():
        raise UserError(f"{path}: cannot write the {what} (is a directory)")
    if path.exists() and not path.is_file():
        # A device or pipe (/dev/stdout, /dev/full, a FIFO) is written in place, not replaced.
        try:
            with open(path, "w", encoding="utf-8", newline="") as handle:
                yield handle
        except OSError as exc:
            raise UserError(f"{path}: cannot write the {what} ({_describe(exc)})") from None
        return
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UserError(f"{path}: cannot write the {what} ({_describe(exc)})") from None
    done = False
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _keep_mode(path, temp)
        os.replace(temp, path)
        done = True
    except OSError as exc:
        raise UserError(f"{path}: cannot write the {what} ({_describe(exc)})") from None
    finally:
        if not done:
            with contextlib.suppress(OSError):
                os.unlink(temp)


def _keep_mode(path: Path, temp: str) -> None:
    # mkstemp makes the file 0600; give it the mode a plain open() would have.
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temp, mode)


def atomic_write(path: Path, text: str, what: str = "file") -> None:
    with atomic_open(path, what) as handle:
        handle.write(text)
