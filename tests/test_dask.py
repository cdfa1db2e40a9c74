"""smlint on Dask, with a real LocalCluster of two worker processes: the README's snippet,
rows equal to a local run's, ``smlint scan --engine dask`` equal to a local scan."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="the dask extra is not installed (pip install '.[dask]')")

import clusterdata as data

from smlint.api import SmlintError


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return data.write_export(tmp_path_factory.mktemp("dask-export"))


@pytest.fixture(scope="module")
def local_scan(export: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    from smlint.cli import main

    posts, config = export
    out = tmp_path_factory.mktemp("dask-local") / "local.jsonl"
    status = main(
        [
            "scan",
            str(posts),
            "--config",
            str(config),
            "--format",
            "jsonl",
            "-o",
            str(out),
            "-j",
            "1",
            "-qq",
        ]
    )
    assert status == 2  # the malformed lines
    return out


def test_the_readme_dask_snippet_gives_the_local_rows(
    export: tuple[Path, Path], local_scan: Path
) -> None:
    posts, config = export
    folder = posts.parent
    out = data.run_snippet(data.readme_snippet("Dask"), folder)
    assert "finding" in out
    rows = data.read_rows(folder / "smlint-rows-dask")
    data.check_engine_rows(rows, posts, config)
    found = sorted((data.key(r) for r in rows if r["kind"] == "finding"), key=repr)
    assert found == data.scan_keys(local_scan, data.valid_records(posts))
    skipped = sorted(r["message"] for r in rows if r["kind"] == "skipped")
    assert skipped == [
        "expected a JSON object, found list",
        "invalid JSON: Unterminated string starting at",
        "no text field 'text'",
    ]


def test_scan_engine_dask_writes_the_local_report(
    cli, export: tuple[Path, Path], local_scan: Path, tmp_path: Path
) -> None:
    posts, config = export
    out = tmp_path / "dask.jsonl"
    result = cli(
        "scan",
        posts,
        "--config",
        config,
        "--format",
        "jsonl",
        "-o",
        out,
        "--engine",
        "dask",
        "-j",
        "2",
    )
    assert result.status == 2
    assert out.read_bytes() == local_scan.read_bytes()
    problems = [line for line in result.err.splitlines() if line.startswith("smlint: error")]
    assert len(problems) == data.BAD
    assert "posts skipped (malformed)" in result.err
    read = next(line for line in result.err.splitlines() if "posts read" in line)
    assert read.split()[-1] == str(data.COUNT + data.BAD)
    json.loads(out.read_text(encoding="utf-8").splitlines()[0])


def test_settings_are_checked_where_lint_is_called() -> None:
    import dask.dataframe as dd
    import pandas as pd

    from smlint.dask import lint

    frame = dd.from_pandas(pd.DataFrame({"id": ["1"], "text": ["hello"]}), npartitions=1)
    with pytest.raises(SmlintError, match="select: unknown rule code"):
        lint(frame, select="SM9999")
    with pytest.raises(SmlintError, match="unknown setting 'polcy'"):
        lint(frame, polcy="default")


def test_scheduler_needs_the_dask_engine(cli, export: tuple[Path, Path]) -> None:
    posts, _ = export
    result = cli("scan", posts, "--scheduler", "tcp://127.0.0.1:1")
    assert result.status == 2
    assert "--scheduler needs --engine dask" in result.err


def test_a_parquet_export_scans_alike_locally_and_on_dask(
    cli, export: tuple[Path, Path], tmp_path: Path
) -> None:
    import pandas as pd

    posts, config = export
    records = data.valid_records(posts)[:40]
    records[3] = {**records[3], "text": None}
    parquet = tmp_path / "posts.parquet"
    pd.DataFrame(records).to_parquet(parquet)
    reports = []
    for engine in ("local", "dask"):
        out = tmp_path / f"{engine}.jsonl"
        result = cli(
            "scan", parquet, "--config", config, "--format", "jsonl", "-o", out,
            "--engine", engine, "-j", "2",
        )  # fmt: skip
        assert result.status == 2
        assert f"smlint: error: {parquet}:4: no text field (use --text-column)" in result.err
        reports.append(out.read_bytes())
    assert reports[0] == reports[1]
    assert reports[0].count(b"\n") > 10
