"""Batch scan benchmark: ``smlint scan`` throughput, peak memory and linear growth.

``measure(corpus_jsonl)`` (called by run_bench.py) returns rows:

* throughput of ``smlint scan -j 2`` (and ``-j 1``) on the corpus as JSON Lines, all rules
  on (``--extend-select SM``), no NER model; with and without process start-up;
* a scan of 100,000 generated posts: wall time, posts/s, peak memory (the sum of the PSS
  of the scan and its workers, sampled every 0.25 s: copy-on-write pages shared by the forked
  workers count once in all), for the pipeline with a few cheap rules (about a finding a
  post) and with all rules — skip with SMLINT_BENCH_SCAN_BIG=0;
* the same for 1,000,000 posts and the ratio of the two times (linear growth means ~10x):
  SMLINT_BENCH_1M=1 runs the pipeline one, SMLINT_BENCH_1M=all also all rules (~10 min).

Run on its own: ``python tests/bench/bench_scan.py CORPUS.jsonl``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))


@dataclass(frozen=True)
class ScanRun:
    wall_s: float
    status: int
    peak_mb: float  # PSS summed over the scan and its worker processes, sampled
    stderr: str
    cpu_s: float = float("nan")  # user + system of the scan and its workers (wait4)


def _rss_kb(pid: int) -> int:
    """Proportional set size: pages shared by forked workers are split between them, so
    the sum over the process tree is the memory the scan really uses (RSS if no PSS)."""
    for path, key in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            with open(path, encoding="ascii") as handle:
                for line in handle:
                    if line.startswith(key):
                        return int(line.split()[1])
        except (OSError, ValueError):
            continue
    return 0


def _children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as handle:
                out.extend(int(c) for c in handle.read().split())
    except OSError:
        pass
    return out


def _tree_rss_mb(pid: int) -> float:
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += _rss_kb(current)
        todo.extend(_children(current))
    return total / 1024


def run_scan(args: list[str]) -> ScanRun:
    """Run ``smlint scan ...``; wall time and the peak summed PSS of its process tree."""
    smlint = Path(sys.executable).with_name("smlint")
    peak = 0.0
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(
            [str(smlint), "scan", *args], stdout=subprocess.DEVNULL, stderr=err
        )
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, _tree_rss_mb(child.pid))
                done.wait(0.25)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        cpu = float("nan")
        if hasattr(os, "wait4"):  # the usage of the scan includes its reaped workers
            _, wait_status, usage = os.wait4(child.pid, 0)
            status = child.returncode = os.waitstatus_to_exitcode(wait_status)
            cpu = usage.ru_utime + usage.ru_stime
        else:
            status = child.wait()
        wall = time.perf_counter() - start
        done.set()
        sampler.join()
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return ScanRun(wall, status, peak, stderr, cpu)


CPU_NOTE = "all processes, start-up included"
ALL = ["--extend-select", "SM"]  # every rule of the catalog, whatever the pack enables
# Cheap rules that still find about one thing a post: what the scan machinery itself costs,
# output of ~a million findings included.
PIPELINE = ["--select", "SM401,SM504,SM703,SM704"]


def _count(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


def _fail(run: ScanRun) -> str:
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    return (lines[-1] if lines else f"exit status {run.status}")[:160]


def measure(corpus_jsonl: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []

    def add(row: str, value: Any, note: str = "") -> None:
        rows.append({"row": row, "value": value, "note": note})

    config = corpus_jsonl.parent / "smlint.toml"
    common = ["--nlp-model", "none", "--exit-zero", "-q"]
    if config.exists():
        common += ["--config", str(config)]
    n = _count(corpus_jsonl)
    with tempfile.TemporaryDirectory(prefix="smlint-bench-scan-") as tmp:
        work = Path(tmp)
        one = work / "one.jsonl"
        with corpus_jsonl.open(encoding="utf-8") as handle:
            one.write_text(handle.readline(), encoding="utf-8")
        startup = run_scan([str(one), *common, *ALL, "-j", "1", "--format", "json"])
        add("start-up: scan of 1 post (s)", startup.wall_s, "imports, linter, first post")
        for jobs in ("2", "1"):
            report = work / f"scan-j{jobs}.json"
            run = run_scan(
                [
                    str(corpus_jsonl),
                    *common,
                    *ALL,
                    "-j",
                    jobs,
                    "--format",
                    "json",
                    "-o",
                    str(report),
                ]
            )
            if run.status != 0:
                add(f"scan -j {jobs}", "failed", _fail(run))
                continue
            findings = len(json.loads(report.read_text(encoding="utf-8")))
            add(
                f"scan -j {jobs}: posts / second ({n:,} posts)",
                n / run.wall_s,
                f"wall {run.wall_s:.1f} s, peak {run.peak_mb:.0f} MB, {findings:,} findings",
            )
            steady = max(run.wall_s - startup.wall_s, 1e-6)
            add(f"scan -j {jobs}: posts / second without start-up", n / steady)
            add(f"scan -j {jobs}: CPU per post (ms)", 1000 * run.cpu_s / n, CPU_NOTE)
        if os.environ.get("SMLINT_BENCH_SCAN_BIG", "1") == "0":
            add("100k / 1M runs", "skipped", "SMLINT_BENCH_SCAN_BIG=0")
            return rows
        from generate_corpus import write_jsonl

        big_1m = os.environ.get("SMLINT_BENCH_1M", "")
        # (label, size, extra args): the pipeline with cheap rules (reading, batching, workers,
        # ~1 finding a post reported) shows memory and growth; all rules show what users get.
        plan = [("pipeline", 100_000, PIPELINE), ("all rules", 100_000, ALL)]
        if big_1m in ("1", "all"):
            plan.append(("pipeline", 1_000_000, PIPELINE))
        if big_1m == "all":
            plan.append(("all rules", 1_000_000, ALL))
        walls: dict[tuple[str, int], float] = {}
        for label, size, extra in plan:
            big = work / f"posts-{size}.jsonl"
            if not big.exists():
                write_jsonl(big, size, seed=11)
            out = work / f"scan-{size}.jsonl"
            args = [str(big), *common, *extra, "-j", "2", "--format", "jsonl", "-o", str(out)]
            run = run_scan(args)
            if run.status != 0:
                add(f"scan -j 2, {label}, {size:,} posts", "failed", _fail(run))
                continue
            walls[label, size] = run.wall_s
            add(f"scan -j 2, {label}, {size:,} posts: wall (s)", run.wall_s)
            add(f"scan -j 2, {label}, {size:,} posts: posts / second", size / run.wall_s)
            add(f"scan -j 2, {label}, {size:,} posts: CPU per post (ms)", 1000 * run.cpu_s / size)
            add(
                f"scan -j 2, {label}, {size:,} posts: peak memory (MB)",
                run.peak_mb,
                "PSS of all processes, summed",
            )
            out.unlink()
        for label in ("pipeline", "all rules"):
            if (label, 1_000_000) in walls and (label, 100_000) in walls:
                ratio = walls[label, 1_000_000] / walls[label, 100_000]
                add(f"{label}: time 1M / time 100k", ratio, "linear growth: about 10")
        if not big_1m:
            add("1M runs", "skipped", "SMLINT_BENCH_1M=1 (pipeline) or =all (also all rules)")
    return rows


if __name__ == "__main__":
    for row in measure(Path(sys.argv[1])):
        value = row["value"]
        shown = f"{value:,.1f}" if isinstance(value, float) else str(value)
        print(f"{row['row']:<52} {shown:>12}  {row['note']}")
