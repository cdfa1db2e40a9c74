"""Derived state kept on disk between runs, so that a one-file check starts fast.

What is kept is a pure function of smlint's code and its inputs (pattern sources, word
lists): each entry's name carries a hash of both (the code by version and by the size and
modification time of every module, so an edited checkout is a new code), so a changed rule
file, an edited module or a new release reads as a miss and is recomputed, never as stale
data. Files are written to a temporary name
and renamed into place, so concurrent runs (pre-commit splits the file list over several
processes) see either the old file or the new one. Any failure to read or write is a miss:
the cache only ever saves time.

Location: ``$SMLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/smlint``, else ``~/.cache/smlint``.
``SMLINT_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from smlint import __version__

# Bump when the shape of a cached value changes without a version change (development).
FORMAT = 1


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is turned off."""
    if os.environ.get("SMLINT_NO_CACHE"):
        return None
    explicit = os.environ.get("SMLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "smlint"


@cache
def code_fingerprint() -> str:
    """smlint's version and the size and modification time of each of its modules."""
    package = Path(__file__).resolve().parent
    stats = []
    for path in sorted(package.rglob("*.py")):
        info = path.stat()
        stats.append((str(path.relative_to(package)), info.st_size, info.st_mtime_ns))
    return hashlib.sha256(repr((__version__, stats)).encode()).hexdigest()


def digest(*parts: object) -> str:
    """A short, stable hash of smlint's code, the cache format and ``parts`` (repr)."""
    data = repr((code_fingerprint(), FORMAT, parts)).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:24]


def load(name: str, key: str) -> Any | None:
    """The value stored under ``name``/``key``, or None."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with open(folder / f"{name}-{key}.pickle", "rb") as handle:
            return pickle.load(handle)
    except Exception:  # missing, unreadable, truncated or from another Python: a miss
        return None


def store(name: str, key: str, value: Any) -> None:
    """Keep ``value`` under ``name``/``key`` (atomically; errors are ignored)."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, folder / f"{name}-{key}.pickle")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except Exception:
        return
