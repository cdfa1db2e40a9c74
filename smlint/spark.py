"""Lint a Spark DataFrame of posts: ``smlint.spark.lint(df)`` → a DataFrame of rows.

    from smlint.spark import lint
    rows = lint(spark.read.json("posts.jsonl"), text_col="text", id_col="id", policy="default")

Built on ``DataFrame.mapInPandas`` (so it works with Spark Connect too). The linter is never
broadcast: the settings are resolved and checked once on the driver, and each Python worker
builds one linter on its first batch, cached by the settings' hash, for every later batch.
The output schema is ``smlint.rows.Row``'s fields (plus any ``keep`` columns). Needs
``pip install 'smlint[spark]'``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from smlint.api import RECORDS
from smlint.frames import lint_frame, prepare
from smlint.rows import COLUMNS

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame
    from pyspark.sql.types import StructType


def schema(keep_fields: Sequence[Any] = ()) -> StructType:
    """The output schema: the row's columns (all nullable), then the kept input columns."""
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    fields = [
        StructField(name, LongType() if kind is int else StringType(), True)
        for name, kind in COLUMNS
    ]
    return StructType(fields + list(keep_fields))


def _lint_batches(
    recipe: bytes,
    text_col: str,
    id_col: str | None,
    record_col: str | None,
    path: str,
    keep: tuple[str, ...],
    batches: Iterator[pd.DataFrame],
) -> Iterator[pd.DataFrame]:
    # Module-level, so that it pickles by reference; runs on the Python workers.
    for batch in batches:
        yield lint_frame(batch, recipe, text_col, id_col, record_col, path, keep)


def lint(
    df: DataFrame,
    text_col: str = "text",
    id_col: str | None = "id",
    *,
    record_col: str | None = None,
    path: str = RECORDS,
    keep: Sequence[str] = (),
    **settings: Any,
) -> DataFrame:
    """One row per finding of every post in ``df`` (and per record without text, kind
    "skipped"). ``settings`` are ``Linter.from_config``'s keywords, with ``config`` for the
    config file's path. ``record_col`` names a column with each record's place (a line
    number) and ``keep`` input columns to carry into every row (an account, a date)."""
    recipe = prepare(settings)
    keep = tuple(keep)
    wanted = [c for c in (text_col, id_col, record_col, *keep) if c]
    present = set(df.columns)
    columns = [c for c in dict.fromkeys(wanted) if c in present]
    kept = [df.schema[name] for name in keep]
    run = partial(_lint_batches, recipe, text_col, id_col, record_col, path, keep)
    return df.select(*columns).mapInPandas(run, schema(kept))
