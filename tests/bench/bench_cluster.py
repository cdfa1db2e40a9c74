"""Cluster benchmark: ``smlint scan --engine spark|dask`` against the local scan.

``measure(corpus_jsonl)`` (run_bench.py's "cluster" stage, on with ``--cluster``) returns:

* per engine (local processes, Dask LocalCluster, Spark local[N]) and 1 and 2 workers: the
  wall time of a scan of a sample of the corpus, of a scan of 1 post (start-up: the cluster,
  the workers, each worker's linter), posts/s after start-up, CPU seconds of the whole process
  tree, peak memory (PSS of the tree), and whether the report equals the local scan's;
* per engine, what one worker spends on its first batch (building the linter, linting a first
  post) and its peak RSS, measured inside the worker (``smlint.frames.worker_info``);
* with ``--cluster 100k`` (SMLINT_BENCH_CLUSTER=100k): the 100,000-post benchmark corpus
  through ``smlint scan`` and through ``smlint.spark.lint`` / ``smlint.dask.lint`` (the
  engines reading the file themselves), and whether their findings are the same, row for row.

Run on its own: ``python tests/bench/bench_cluster.py CORPUS.jsonl [--big]``.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
for _entry in (str(HERE), str(HERE.parent)):
    if _entry not in sys.path:
        sys.path.insert(0, _entry)

from bench_scan import run_scan  # noqa: E402

SAMPLE = int(os.environ.get("SMLINT_BENCH_CLUSTER_POSTS", "3000"))  # posts per scaling run
BIG = 100_000
KEY = "bench-cluster-key"


def _head(source: Path, target: Path, count: int) -> int:
    n = 0
    with source.open(encoding="utf-8") as src, target.open("w", encoding="utf-8") as out:
        for line in src:
            if not line.strip():
                continue
            out.write(line)
            n += 1
            if n == count:
                break
    return n


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _env() -> dict[str, str]:
    bindir = str(Path(sys.executable).parent)
    return {
        **os.environ,
        "PATH": bindir + os.pathsep + os.environ.get("PATH", ""),
        "PYSPARK_PYTHON": sys.executable,
        "SMLINT_BASELINE_KEY": KEY,
    }


def scan(args: list[str]) -> tuple[float, float, float, int]:
    """wall s, CPU s of the process tree, peak MB, exit status of ``smlint scan ARGS``."""
    before = _cpu()
    os.environ.update(_env())
    run = run_scan(args)
    return run.wall_s, _cpu() - before, run.peak_mb, run.status


def worker_probe(engine: str, workers: int) -> list[dict[str, float]]:
    """``worker_info`` from every worker of a fresh local cluster (in a subprocess)."""
    code = PROBE.format(engine=engine, workers=workers)
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=_env(), check=False
    )
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith("["):
            return json.loads(line)
    raise RuntimeError((proc.stderr.strip().splitlines() or ["probe failed"])[-1])


PROBE = """
import json, time
from smlint.frames import prepare, worker_info
recipe = prepare({{"nlp_model": "none"}})
if "{engine}" == "dask":
    from distributed import Client, LocalCluster
    with LocalCluster(n_workers={workers}, threads_per_worker=1, dashboard_address=None) as c, \\
            Client(c) as client:
        print(json.dumps(list(client.run(worker_info, recipe).values())))
else:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[{workers}]").config("spark.ui.enabled", "false") \\
        .getOrCreate()
    import pandas as pd
    def run(batches):
        for _ in batches:
            yield pd.DataFrame([worker_info(recipe)])
    frame = spark.range({workers}, numPartitions={workers}).mapInPandas(
        run, "fresh double, build_s double, first_post_s double, peak_rss_mb double")
    print(json.dumps([r.asDict() for r in frame.collect()]))
    spark.stop()
"""


def measure(corpus_jsonl: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []

    def add(row: str, value: Any, note: str = "") -> None:
        rows.append({"row": row, "value": value, "note": note})

    mode = os.environ.get("SMLINT_BENCH_CLUSTER", "0")
    if mode == "0":
        add("skipped", 0, "on with make bench BENCH_ARGS='--only cluster --cluster sample|100k'")
        return rows
    config = corpus_jsonl.parent / "smlint.toml"
    common = ["--nlp-model", "none", "--exit-zero", "-qq", "--format", "jsonl"]
    if config.exists():
        common += ["--config", str(config)]
    with tempfile.TemporaryDirectory(prefix="smlint-bench-cluster-") as tmp:
        work = Path(tmp)
        sample, one = work / "sample.jsonl", work / "one.jsonl"
        n = _head(corpus_jsonl, sample, SAMPLE)
        _head(corpus_jsonl, one, 1)
        reference = work / "local-2.jsonl"
        for engine in ("local", "dask", "spark"):
            for workers in (1, 2):
                flags = ["--engine", engine, "-j", str(workers)]
                out = work / f"{engine}-{workers}.jsonl"
                start_wall, _, _, _ = scan([str(one), *common, *flags, "-o", str(work / "1.jsonl")])
                wall, cpu, peak, status = scan([str(sample), *common, *flags, "-o", str(out)])
                label = f"{engine}, {workers} worker{'s' if workers > 1 else ''}"
                if status != 0:
                    add(f"{label}: failed", status)
                    continue
                rate = n / max(wall - start_wall, 1e-9)
                add(f"{label}: start-up, scan of 1 post (s)", start_wall)
                add(f"{label}: {n:,} posts, wall (s)", wall, f"peak {peak:.0f} MB (PSS, tree)")
                add(f"{label}: posts/s after start-up", rate, f"CPU {cpu:.1f} s in all")
                if engine == "local" and workers == 2:
                    out.replace(reference)
        for engine in ("dask", "spark"):
            same = all(
                (work / f"{engine}-{w}.jsonl").read_bytes() == reference.read_bytes()
                for w in (1, 2)
                if (work / f"{engine}-{w}.jsonl").exists()
            )
            add(f"{engine}: report equals the local scan's", int(same), "1 = byte for byte")
            try:
                infos = worker_probe(engine, 2)
            except Exception as exc:  # Java or a package missing: say so, go on
                add(f"{engine}: worker probe failed", 0, str(exc)[:100])
                continue
            for i, info in enumerate(infos, 1):
                add(
                    f"{engine}: worker {i} builds its linter (s)",
                    info["build_s"],
                    f"first post {info['first_post_s']:.2f} s, peak RSS"
                    f" {info['peak_rss_mb']:.0f} MB",
                )
        if mode == "100k":
            rows += compare_big(work, config)
    return rows


BIG_SCRIPT = """
import json, sys
engine, posts, config, out = sys.argv[1:5]
if engine == "dask":
    from distributed import Client, LocalCluster
    from smlint.dask import lint, read_jsonl
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as c, Client(c):
        rows = lint(read_jsonl(posts, blocksize="4MiB"), config=config, nlp_model="none")
        rows.to_parquet(out)
else:
    from pyspark.sql import SparkSession
    from smlint.spark import lint
    spark = SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false") \\
        .getOrCreate()
    rows = lint(spark.read.json(posts), config=config, nlp_model="none")
    rows.write.mode("overwrite").parquet(out)
    spark.stop()
"""


def _keys_of_scan(report: Path, texts: dict[str, str]) -> list[tuple]:
    out = []
    for line in report.read_text(encoding="utf-8").splitlines():
        f = json.loads(line)
        text = texts[f["post_id"]]
        lines = text.split("\n")
        loc = f["location"]
        start = sum(len(x) + 1 for x in lines[: loc["row"] - 1]) + loc["column"] - 1
        out.append((f["post_id"], f["code"], start, loc["row"], loc["column"], f["message"]))
    return sorted(out, key=repr)


def compare_big(work: Path, config: Path) -> list[dict[str, Any]]:
    """The 100k corpus: smlint scan -j 2 against the Spark and Dask rows (run once)."""
    import pandas as pd
    from generate_corpus import write_jsonl

    rows: list[dict[str, Any]] = []
    posts = work / "big.jsonl"
    write_jsonl(posts, BIG, seed=7)
    texts = {}
    with posts.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            texts[record["id"]] = record["text"]
    common = ["--nlp-model", "none", "--exit-zero", "-qq", "--format", "jsonl"]
    if config.exists():
        common += ["--config", str(config)]
    local = work / "big-local.jsonl"
    wall, cpu, peak, _ = scan([str(posts), *common, "-j", "2", "-o", str(local)])
    rows.append(
        {
            "row": "100k: smlint scan -j 2 (s)",
            "value": wall,
            "note": f"CPU {cpu:.0f} s, {peak:.0f} MB",
        }
    )
    expected = _keys_of_scan(local, texts)
    rows.append({"row": "100k: findings of smlint scan", "value": len(expected), "note": ""})
    for engine in ("spark", "dask"):
        out = work / f"big-{engine}"
        before, started = _cpu(), time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-c", BIG_SCRIPT, engine, str(posts), str(config), str(out)],
            capture_output=True,
            text=True,
            env=_env(),
            check=False,
        )
        wall, cpu = time.perf_counter() - started, _cpu() - before
        if proc.returncode != 0:
            reason = (proc.stderr.strip().splitlines() or ["failed"])[-1][:100]
            rows.append({"row": f"100k: {engine} rows failed", "value": 0, "note": reason})
            continue
        frame = pd.read_parquet(out)
        found = frame[frame["kind"] == "finding"]
        keys = sorted(
            (
                (r.post_id, r.code, int(r.start), int(r.row), int(r.column), r.message)
                for r in found.itertuples()
            ),
            key=repr,
        )
        rows.append(
            {
                "row": f"100k: {engine} lint() over the file (s)",
                "value": wall,
                "note": f"CPU {cpu:.0f} s",
            }
        )
        rows.append(
            {
                "row": f"100k: {engine} rows equal the scan's findings",
                "value": int(keys == expected),
                "note": f"{len(keys):,} rows, {int((frame['kind'] == 'skipped').sum())} skipped",
            }
        )
    return rows


if __name__ == "__main__":
    os.environ.setdefault("SMLINT_BENCH_CLUSTER", "100k" if "--big" in sys.argv else "sample")
    for row in measure(Path(sys.argv[1])):
        value = row["value"]
        shown = f"{value:,.3f}" if isinstance(value, float) else f"{value:,}"
        print(f"  {row['row']:<55} {shown:>12}  {row['note']}")
