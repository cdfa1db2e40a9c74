"""Lint a Dask DataFrame of posts: ``smlint.dask.lint(ddf)`` → a Dask DataFrame of rows.

    from smlint.dask import lint
    rows = lint(dd.read_json("posts.jsonl", lines=True), text_col="text", policy="default")

Built on ``map_partitions`` with an explicit ``meta`` (the columns and dtypes of
``smlint.rows.Row``, plus any ``keep`` columns). The settings are resolved and checked once
here; each worker process builds one linter on its first partition, cached by the settings'
hash. Needs ``pip install 'smlint[dask]'``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from smlint.api import RECORDS
from smlint.frames import PROBLEM, empty_rows, lint_frame, parse_line, prepare

if TYPE_CHECKING:
    import dask.dataframe as dd


def lint(
    ddf: dd.DataFrame,
    text_col: str = "text",
    id_col: str | None = "id",
    *,
    record_col: str | None = None,
    path: str = RECORDS,
    keep: Sequence[str] = (),
    **settings: Any,
) -> dd.DataFrame:
    """One row per finding of every post in ``ddf`` (and per record without text, kind
    "skipped"); the arguments are those of ``smlint.spark.lint``."""
    recipe = prepare(settings)
    keep = tuple(keep)
    meta = empty_rows({name: ddf.dtypes[name] for name in keep})
    return ddf.map_partitions(
        lint_frame,
        recipe,
        text_col,
        id_col,
        record_col,
        path,
        keep,
        meta=meta,
        align_dataframes=False,
    )


def read_jsonl(
    urlpath: str | Sequence[str],
    fields: Sequence[str] = ("id", "text"),
    *,
    blocksize: int | str = "64MiB",
) -> dd.DataFrame:
    """JSON Lines as a Dask DataFrame of ``fields`` (strings) and ``problem``, read in
    blocks on the workers. A malformed line is a record whose ``problem`` says why (``lint``
    reports it as skipped), never an error that stops the job; blank lines are not records.
    (``dd.read_json`` fails on the first malformed line.)"""
    import dask.bag as db
    import pandas as pd

    fields = tuple(dict.fromkeys(fields))
    meta = pd.DataFrame({name: pd.Series([], dtype="string") for name in (*fields, PROBLEM)})
    lines = db.read_text(urlpath, blocksize=blocksize).filter(_is_line)
    return lines.map(parse_line, fields).to_dataframe(meta=meta)


def _is_line(line: str) -> bool:
    return bool(line.strip())
