"""Linting pandas frames on cluster workers: what ``smlint.spark`` and ``smlint.dask`` run.

The driver turns the caller's settings into a *recipe* (the resolved, picklable ``Settings``
and the hash key: config files and the working directory are read once, on the driver) and
ships that, never a linter. Each worker process builds one linter from a recipe on first use
and keeps it, keyed by the recipe's hash, for every later batch or partition it is given.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from smlint.api import RECORDS, Linter, SmlintError
from smlint.parallel import picklable
from smlint.rows import COLUMNS

if TYPE_CHECKING:
    import pandas as pd

    from smlint.config import Settings

# The linters of this process, by recipe hash (filled on first use, not at import).
_LINTERS: dict[str, Linter] = {}

PROBLEM = "problem"  # the column where parse_line says why a line is not a record

SETTINGS = ("config", "policy", "mode", "platform", "select", "nlp_model", "hash_key")


def recipe_of(settings: Settings, hash_key: str | bytes) -> bytes:
    return pickle.dumps((picklable(settings), hash_key), protocol=pickle.HIGHEST_PROTOCOL)


def prepare(settings: Mapping[str, Any]) -> bytes:
    """Validate ``settings`` (``Linter.from_config``'s keywords, ``config`` for its path) on
    the driver and return the recipe workers build their linter from."""
    unknown = sorted(set(settings) - set(SETTINGS))
    if unknown:
        raise SmlintError(f"unknown setting {unknown[0]!r} (expected one of {', '.join(SETTINGS)})")
    kwargs = dict(settings)
    linter = Linter.from_config(kwargs.pop("config", None), **kwargs)
    recipe = recipe_of(linter.settings, linter.hash_key)
    _LINTERS.setdefault(_digest(recipe), linter)
    return recipe


def _digest(recipe: bytes) -> str:
    return hashlib.sha256(recipe).hexdigest()


def linter_of(recipe: bytes) -> Linter:
    """This process's linter for a recipe: built on first use, then reused."""
    key = _digest(recipe)
    linter = _LINTERS.get(key)
    if linter is None:
        settings, hash_key = pickle.loads(recipe)  # made by prepare() on our own driver
        linter = _LINTERS[key] = Linter.from_settings(settings, hash_key=hash_key)
    return linter


def parse_line(line: str, fields: Sequence[str]) -> dict[str, Any]:
    """One JSON Lines record as ``fields`` (strings, the text as it is) and ``problem``:
    None, or why the line is not a record (then it is skipped and counted, not lost)."""
    out: dict[str, Any] = dict.fromkeys(fields)
    out[PROBLEM] = None
    try:
        obj = json.loads(line.rstrip("\r\n"))
    except ValueError as exc:
        out[PROBLEM] = f"invalid JSON: {str(exc).split(':', 1)[0]}"
        return out
    if not isinstance(obj, dict):
        out[PROBLEM] = f"expected a JSON object, found {type(obj).__name__}"
        return out
    for name in fields:
        value = obj.get(name)
        out[name] = value if isinstance(value, str) or value is None else json.dumps(value)
    return out


def empty_rows(keep_dtypes: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """The rows' frame with no rows: the column names and dtypes (Dask's ``meta``)."""
    import pandas as pd

    data: dict[str, Any] = {
        name: pd.Series([], dtype="Int64" if kind is int else "string") for name, kind in COLUMNS
    }
    for name, dtype in (keep_dtypes or {}).items():
        data[name] = pd.Series([], dtype=dtype)
    return pd.DataFrame(data)


def lint_frame(
    frame: pd.DataFrame,
    recipe: bytes,
    text_col: str = "text",
    id_col: str | None = "id",
    record_col: str | None = None,
    path: str = RECORDS,
    keep: Sequence[str] = (),
) -> pd.DataFrame:
    """The rows of a frame of records (one per finding, skipped record or failed rule), with
    the ``keep`` columns of each row's record. A ``problem`` column (``parse_line``) marks
    records a reader could not parse."""
    import pandas as pd

    linter = linter_of(recipe)
    out: dict[str, list[Any]] = {name: [] for name, _ in COLUMNS}
    kept: dict[str, list[Any]] = {name: [] for name in keep}
    for record in frame.to_dict("records"):
        for row in linter.record_rows(
            record,
            None,
            text_field=text_col,
            id_field=id_col,
            path=path,
            record_field=record_col,
            problem_field=PROBLEM if PROBLEM in frame.columns else None,
        ):
            for name, _ in COLUMNS:
                out[name].append(getattr(row, name))
            for name in keep:
                kept[name].append(record.get(name))
    data: dict[str, Any] = {
        name: pd.array(out[name], dtype="Int64" if kind is int else "string")
        for name, kind in COLUMNS
    }
    for name in keep:
        data[name] = pd.Series(kept[name], dtype=frame[name].dtype)
    return pd.DataFrame(data)


def worker_info(recipe: bytes) -> dict[str, float]:
    """On a worker: how long building its linter and linting a first post took, and the
    process's peak memory (for ``make bench`` and capacity planning)."""
    import resource
    import time

    from smlint.parallel import WARM_UP_TEXT

    started = time.perf_counter()
    fresh = _digest(recipe) not in _LINTERS
    linter = linter_of(recipe)
    built = time.perf_counter()
    list(linter.lint_records([{"id": "0", "text": WARM_UP_TEXT}]))
    done = time.perf_counter()
    return {
        "fresh": float(fresh),
        "build_s": built - started,
        "first_post_s": done - built,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
