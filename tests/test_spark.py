"""smlint on Spark with a local master of two cores (``local[2]``): the README's snippet,
rows equal to a local run's, ``smlint scan --engine spark`` equal to a local scan. Spark
needs Java: ``.ci/run`` installs a JRE where ``java`` is absent; where none can be had the
tests skip and say so."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("pyspark", reason="the spark extra is not installed (pip install '.[spark]')")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip(
        "no Java runtime (java not on PATH, JAVA_HOME unset): Spark cannot start here",
        allow_module_level=True,
    )

import clusterdata as data

from smlint.api import SmlintError

# PySpark 4.x warns that it is not yet tested with pandas 3; the rows are checked here.
pytestmark = pytest.mark.filterwarnings(
    "ignore:PySpark does not yet fully support pandas:FutureWarning",
    "ignore:The copy keyword is deprecated",
)


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return data.write_export(tmp_path_factory.mktemp("spark-export"))


@pytest.fixture(scope="module")
def local_scan(export: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    from smlint.cli import main

    posts, config = export
    out = tmp_path_factory.mktemp("spark-local") / "local.jsonl"
    argv = ["scan", str(posts), "--config", str(config), "--format", "jsonl", "-o", str(out)]
    assert main([*argv, "-j", "1", "-qq"]) == 2  # the malformed lines
    return out


@pytest.fixture(scope="module")
def spark() -> Iterator[object]:
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers run this virtualenv
    session = (
        SparkSession.builder.master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_the_readme_spark_snippet_gives_the_local_rows(
    export: tuple[Path, Path], local_scan: Path
) -> None:
    posts, config = export
    folder = posts.parent
    out = data.run_snippet(data.readme_snippet("Spark"), folder)
    assert "finding" in out
    rows = data.read_rows(folder / "smlint-rows-spark")
    data.check_engine_rows(rows, posts, config)
    found = sorted((data.key(r) for r in rows if r["kind"] == "finding"), key=repr)
    assert found == data.scan_keys(local_scan, data.valid_records(posts))


def test_scan_engine_spark_writes_the_local_report(
    cli, spark: object, export: tuple[Path, Path], local_scan: Path, tmp_path: Path
) -> None:
    posts, config = export
    out = tmp_path / "spark.jsonl"
    result = cli(
        "scan", posts, "--config", config, "--format", "jsonl", "-o", out,
        "--engine", "spark", "-j", "2",
    )  # fmt: skip
    assert result.status == 2
    assert out.read_bytes() == local_scan.read_bytes()
    problems = [line for line in result.err.splitlines() if line.startswith("smlint: error")]
    assert len(problems) == data.BAD
    read = next(line for line in result.err.splitlines() if "posts read" in line)
    assert read.split()[-1] == str(data.COUNT + data.BAD)


def test_lint_keeps_columns_and_checks_settings_on_the_driver(spark) -> None:  # type: ignore[no-untyped-def]
    from smlint.spark import lint

    frame = spark.createDataFrame(
        [("1", "SSN 521-44-9087 is on file.", "acct-a"), ("2", None, "acct-b")],
        "id string, text string, account string",
    )
    rows = lint(frame, keep=["account"], hash_key="k").collect()
    ssn = [r for r in rows if r.code == "SM101"]
    assert [(r.post_id, r.account, r.start, r.end) for r in ssn] == [("1", "acct-a", 4, 15)]
    assert "521-44-9087" not in repr(rows)
    assert [(r.kind, r.post_id, r.account) for r in rows if r.kind == "skipped"] == [
        ("skipped", "2", "acct-b")
    ]
    with pytest.raises(SmlintError, match="select: unknown rule code"):
        lint(frame, select="SM9999")
