"""Parquet exports for ``smlint scan``: a file, or a folder of part files as Spark and Dask
write them. Each row is read as the JSON reader reads an object (``object_record``: the same
field detection, ``--text-column`` and friends, the same messages for a row without text),
in batches, so memory stays flat. Needs pyarrow (``smlint[spark]`` or ``smlint[dask]``)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from smlint.inputs.exports import Columns, ExportError, ReadState, Record, object_record
from smlint.models import Problem

SUFFIX = ".parquet"
BATCH = 4096  # rows read at a time


def is_parquet(path: str) -> bool:
    """A ``.parquet`` file, or a folder that holds ``.parquet`` part files."""
    p = Path(path)
    if p.name.lower().endswith(SUFFIX):
        return True
    return p.is_dir() and any(child.suffix.lower() == SUFFIX for child in p.iterdir())


def _plain(value: Any) -> Any:
    if hasattr(value, "isoformat"):  # a timestamp or date column
        return value.isoformat()
    return value


@dataclass
class ParquetExport:
    path: str
    columns: Columns
    kind: str = "parquet"
    state: ReadState = field(default_factory=ReadState)
    size: int = 0

    def __post_init__(self) -> None:
        p = Path(self.path)
        if not p.exists():
            raise ExportError(f"{self.path}: no such file or directory")
        parts = sorted(p.rglob(f"*{SUFFIX}")) if p.is_dir() else [p]
        self.size = sum(part.stat().st_size for part in parts)

    def records(self) -> Iterator[Record | Problem]:
        try:
            import pyarrow.dataset as ds
        except ImportError:
            yield Problem(
                path=self.path,
                message="reading Parquet needs pyarrow (pip install 'smlint[dask]')",
                skipped=False,
            )
            return
        try:
            batches = ds.dataset(self.path, format="parquet").to_batches(batch_size=BATCH)
            row = 0
            for batch in batches:
                for obj in batch.to_pylist():
                    row += 1
                    plain = {key: _plain(value) for key, value in obj.items()}
                    try:
                        yield object_record(row, row, plain, self.columns)
                    except ValueError as exc:
                        yield Problem(path=f"{self.path}:{row}", message=str(exc))
                self.state.bytes_read = min(self.size, self.state.bytes_read + batch.nbytes)
        except (OSError, ValueError) as exc:  # pyarrow's errors are OSError or ValueError
            reason = (str(exc).splitlines() or [type(exc).__name__])[0][:160]
            yield Problem(path=self.path, message=f"cannot read Parquet ({reason})", skipped=False)


def open_parquet(path: str, columns: Columns) -> ParquetExport:
    return ParquetExport(path=os.fspath(path), columns=columns)
