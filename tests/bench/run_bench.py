"""``make bench``: generate the benchmark corpus and time smlint against a naive stack.

One run reports, as a table on stdout and as ``bench-out/results.json``:

a. cold start: wall time of a fresh ``smlint check ONE.md`` and ``smlint --help`` process
   (median of 5, after one unmeasured run that warms the disk cache);
b. ``smlint check`` over a folder of drafts in one process (``--nlp-model none``, every
   rule on): per-post latency = wall / posts, posts per second, peak memory;
c. the naive stack (tests/bench/naive.py: Presidio's default analyzer + better-profanity,
   per post, in-process) over the same posts, and the ratio smlint / naive;
d. the rows of each stage module (STAGES), which time parts of smlint on their own.

Timings are wall-clock on whatever else the machine is doing; compare runs on one machine.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
for _entry in (str(REPO), str(HERE)):  # stage modules may import either way
    if _entry not in sys.path:
        sys.path.insert(0, _entry)

from generate_corpus import write_corpus  # noqa: E402

# Stage modules, imported by name when the bench runs: (title, module, what measure() takes).
STAGES: tuple[tuple[str, str, str], ...] = (
    ("PII detection", "bench_pii", "posts"),
    ("profanity matching", "bench_profanity", "posts"),
    ("politics family", "bench_politics", "posts"),
    ("batch scan", "bench_scan", "corpus"),
    ("cluster engines", "bench_cluster", "corpus"),
    ("pathological posts", "bench_pathological", "posts"),
)


@dataclass
class Table:
    """Rows grouped in sections, printed as text and saved as JSON."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    section: str = ""

    def start(self, title: str) -> None:
        self.section = title
        print(f"\n== {title}", flush=True)

    def add(self, row: str, value: Any, note: str = "") -> None:
        self.rows.append({"section": self.section, "row": row, "value": value, "note": note})
        shown = _show(value)
        print(f"  {row:<44} {shown:>14}  {note}".rstrip(), flush=True)

    def say(self, line: str) -> None:
        self.rows.append({"section": self.section, "row": line, "value": None, "note": ""})
        print(f"  {line}", flush=True)


def _show(value: Any) -> str:
    if not isinstance(value, float):
        return "" if value is None else str(value)
    if value != value:  # NaN
        return "n/a"
    return (
        f"{value:,.0f}"
        if abs(value) >= 100
        else f"{value:.1f}"
        if abs(value) >= 10
        else f"{value:.3f}"
    )


# --- running smlint ------------------------------------------------------------------------


@dataclass(frozen=True)
class ProcessRun:
    wall_s: float
    status: int
    max_rss_mb: float
    stderr: str
    cpu_s: float = float("nan")  # user + system time of the child


def run_process(args: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> ProcessRun:
    """Run a command to completion; wall time, CPU time and peak memory of the child (wait4)."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(
            args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err, env=env or None
        )
        cpu = float("nan")
        if hasattr(os, "wait4"):
            _, wait_status, usage = os.wait4(child.pid, 0)
            wall = time.perf_counter() - start
            child.returncode = os.waitstatus_to_exitcode(wait_status)
            rss_mb = usage.ru_maxrss / 1024  # Linux reports KiB
            cpu = usage.ru_utime + usage.ru_stime
        else:  # no per-child resource usage here
            child.wait()
            wall = time.perf_counter() - start
            rss_mb = float("nan")
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return ProcessRun(wall, child.returncode, rss_mb, stderr, cpu)


def median_of(args: Sequence[str], cwd: Path, repeat: int) -> tuple[float, ProcessRun]:
    run_process(args, cwd)  # warm the page cache: we time a fresh process, not a cold disk
    runs = [run_process(args, cwd) for _ in range(repeat)]
    return statistics.median(r.wall_s for r in runs), runs[-1]


def first_error_line(run: ProcessRun) -> str:
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    return lines[-1][:160] if lines else f"exit status {run.status}"


def count_findings(report: Path) -> tuple[int, str]:
    try:
        findings = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0, "no readable JSON report"
    by_code = Counter(f.get("code", "?") for f in findings)
    top = ", ".join(f"{code} {n}" for code, n in sorted(by_code.items()))
    return len(findings), top


# --- the sections --------------------------------------------------------------------------


def machine_info(smlint: Path) -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    versions = {}
    for dist in ("smlint", "spacy", "presidio-analyzer", "better-profanity"):
        try:
            versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            versions[dist] = "not installed"
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "cpu": cpu,
        "load_average_1_5_15": [round(x, 2) for x in load],
        "python": platform.python_version(),
        "platform": platform.platform(),
        "smlint_exe": str(smlint),
        "versions": versions,
    }


FLAKE8_SAMPLE = '''"""A small module, the kind of file a pre-commit hook checks."""

import os
import sys


def greet(name):
    """Say hello."""
    return f"Hello, {name}!"


def main(argv=None):
    args = argv or sys.argv[1:]
    for name in args or [os.environ.get("USER", "world")]:
        print(greet(name))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
'''


def bench_cold(
    table: Table, smlint: Path, draft: Path, config: Path, repeat: int, out: Path
) -> float:
    """Start-up of a one-file check, as CPU time against flake8 on one file in the same run
    (interleaved, so that load from other processes falls on both alike)."""
    table.start(f"(a) cold start, fresh process, median of {repeat}")
    # An installed package has compiled bytecode; an editable checkout may not (and
    # PYTHONDONTWRITEBYTECODE keeps it so), which would charge smlint its own compilation.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "smlint")], check=False)
    check = [str(smlint), "check", str(draft), "--config", str(config), "--exit-zero"]
    first = run_process(check, REPO, {**os.environ, "SMLINT_CACHE_DIR": str(out / "fresh-cache")})
    if first.status != 0:
        table.add("smlint check ONE.md", "failed", first_error_line(first))
        return float("nan")
    sample = out / "one.py"
    sample.write_text(FLAKE8_SAMPLE, encoding="utf-8")
    flake8 = [sys.executable, "-m", "flake8", str(sample)]
    run_process(check, REPO)  # warm the page cache and smlint's cache folder
    run_process(flake8, REPO)
    ours, theirs = [], []
    for _ in range(repeat):
        ours.append(run_process(check, REPO))
        theirs.append(run_process(flake8, REPO))
    wall = statistics.median(r.wall_s for r in ours)
    cpu = statistics.median(r.cpu_s for r in ours)
    flake8_cpu = statistics.median(r.cpu_s for r in theirs)
    table.add("smlint check ONE.md (s)", wall, f"peak RSS {ours[-1].max_rss_mb:.0f} MB")
    table.add("smlint check ONE.md, CPU (s)", cpu, "user + system")
    table.add("flake8 ONE.py, CPU (s)", flake8_cpu, "same run, interleaved")
    table.add("start-up CPU: smlint / flake8", cpu / flake8_cpu, "target <= 5")
    table.add(
        "first run ever, CPU (s)", first.cpu_s, "empty cache folder: derived state built once"
    )
    help_wall, help_run = median_of([str(smlint), "--help"], REPO, repeat)
    table.add("smlint --help (s)", help_wall, f"peak RSS {help_run.max_rss_mb:.0f} MB")
    rule = run_process([str(smlint), "rule", "SM101"], REPO)
    table.add("smlint rule SM101, CPU (s)", rule.cpu_s, "target < 1")
    return wall


def bench_check(
    table: Table, smlint: Path, drafts: Path, config: Path, out: Path, n: int, cold: float
) -> float:
    table.start(f"(b) smlint check over {n:,} drafts, one process, --nlp-model none, all rules")
    base = [str(smlint), "check", str(drafts), "--config", str(config), "--nlp-model", "none"]
    base += ["--policy", "default", "--extend-select", "SM", "--exit-zero", "--format", "json"]
    report = out / "check-report.json"
    run = run_process([*base, "--jobs", "1", "--output-file", str(report)], REPO)
    if run.status != 0:
        table.add("smlint check", "failed", first_error_line(run))
        return float("nan")
    per_post = 1000 * run.wall_s / n
    table.add("wall (s)", run.wall_s, f"peak RSS {run.max_rss_mb:.0f} MB")
    table.add("per post (ms), wall / posts", per_post, "includes start-up")
    table.add("posts / second", n / run.wall_s)
    if cold == cold:  # not NaN
        table.add("per post without start-up (ms)", 1000 * max(run.wall_s - cold, 0) / n)
    total, by_code = count_findings(report)
    table.add("findings", total, by_code)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if cores and cores > 1:
        parallel = run_process([*base, "--jobs", "0", "--output-file", str(report)], REPO)
        if parallel.status == 0:
            table.add(f"--jobs 0 ({cores} cores): posts / second", n / parallel.wall_s)
    return per_post


def bench_naive(table: Table, posts: Path, n: int, smlint_per_post: float) -> float:
    """Time the naive stack; returns its posts per second (nan if it failed)."""
    table.start(f"(c) naive stack over the first {n:,} of the same posts, in-process")
    table.say("Presidio AnalyzerEngine (default recognizers, blank spaCy) + better_profanity")
    run_args = [sys.executable, str(HERE / "naive.py"), str(posts), str(n)]
    result = subprocess.run(run_args, capture_output=True, text=True, cwd=REPO, check=False)
    if result.returncode != 0:
        reason = (result.stderr.strip().splitlines() or ["no output"])[-1][:160]
        table.add("naive stack", "failed", reason)
        return float("nan")
    data = json.loads(result.stdout.strip().splitlines()[-1])
    per_post = data["per_post_ms"]
    table.add("setup: imports + engines + first call (s)", data["setup_s"])
    table.add("per post (ms)", per_post, "loop only, setup excluded")
    table.add("posts / second", data["posts"] / data["wall_s"])
    table.add("  Presidio analyze, per post (ms)", 1000 * data["pii_s"] / data["posts"])
    table.add("  better_profanity, per post (ms)", 1000 * data["profanity_s"] / data["posts"])
    entities = ", ".join(f"{k} {v}" for k, v in sorted(data["entities"].items()))
    table.add("posts with a Presidio result >= 0.4", data["pii_posts"], entities)
    table.add("posts better_profanity flags", data["profane_posts"])
    if smlint_per_post == smlint_per_post and per_post > 0:
        ratio = smlint_per_post / per_post
        speed = f"smlint is {1 / ratio:,.1f}x faster" if ratio < 1 else "smlint is slower"
        table.add("ratio smlint / naive, per post", ratio, speed)
    return data["posts"] / data["wall_s"]


def compare_scans(table: Table, naive_rate: float) -> None:
    """(e) each measured scan throughput against the naive stack of this same run."""
    scans = [
        (row["row"], row["value"])
        for row in table.rows
        if row["row"].startswith("scan -j 2")
        and "pipeline" not in row["row"]
        and "posts / second" in row["row"]
        and isinstance(row["value"], float)
    ]
    if not scans or naive_rate != naive_rate:
        return
    table.start("(e) smlint scan -j 2 against the naive stack (same run)")
    for name, rate in scans:
        label = name.replace("posts / second", "times the naive stack's posts/s")
        table.add(label, rate / naive_rate, f"{rate:,.0f} vs {naive_rate:,.1f} posts/s")
    # Per core: smlint with every rule against Presidio's default analyzer doing PII alone.
    presidio = next(
        (r["value"] for r in table.rows if r["row"].strip() == "Presidio analyze, per post (ms)"),
        None,
    )
    if not isinstance(presidio, float):
        return
    cpu_rows = [
        (row["row"], row["value"])
        for row in table.rows
        if row["row"].startswith("scan -j 2")
        and row["row"].endswith("CPU per post (ms)")
        and isinstance(row["value"], float)
        and row["value"] > 0
    ]
    for name, value in cpu_rows:
        label = name.replace("CPU per post (ms)", "Presidio analyzer alone / smlint, CPU")
        table.add(label, presidio / value, f"{presidio:.2f} vs {value:.2f} ms a post")


def _rel(path: Path) -> str:
    try:
        return str(path.relative_to(REPO))
    except ValueError:
        return str(path)


def load_posts(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line)["text"] for line in handle if line.strip()]


def import_stage(name: str) -> Any:
    try:
        return importlib.import_module(f"tests.bench.{name}")
    except ModuleNotFoundError as exc:
        if exc.name not in (f"tests.bench.{name}", "tests.bench", "tests"):
            raise
    return importlib.import_module(name)


def bench_stages(table: Table, posts: list[str], corpus: Path, only: set[str] | None) -> None:
    for title, module, takes in STAGES:
        if only is not None and module.removeprefix("bench_") not in only:
            continue
        given = f"{len(posts):,} posts" if takes == "posts" else corpus.name
        table.start(f"(d) stage: {title} ({module}, {given})")
        start = time.perf_counter()
        try:
            stage = import_stage(module)
            rows = stage.measure(posts) if takes == "posts" else stage.measure(corpus)
            rows = list(rows)
        except ModuleNotFoundError as exc:
            table.say(f"(stage not available yet: {exc})")
            continue
        except Exception as exc:  # a stage under construction must not stop the bench
            where = traceback.extract_tb(exc.__traceback__)[-1]
            table.say(
                f"(stage not available yet: {type(exc).__name__}: {exc}"
                f" at {Path(where.filename).name}:{where.lineno})"
            )
            continue
        for row in rows:
            if not isinstance(row, dict) or "row" not in row:
                table.say(f"(stage returned a malformed row: {row!r:.80})")
                continue
            table.add(str(row["row"]), row.get("value"), str(row.get("note") or ""))
        table.add("stage wall time (s)", time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=5000, help="posts in the corpus [5000]")
    parser.add_argument("--drafts", type=int, default=2000, help="drafts for (b), (c) [2000]")
    parser.add_argument(
        "--naive-posts", type=int, default=1000, help="first N drafts' posts for (c) [1000]"
    )
    parser.add_argument(
        "--stage-posts", type=int, default=1000, help="posts given to per-post stages [1000]"
    )
    parser.add_argument("--seed", type=int, default=7, help="corpus seed [7]")
    parser.add_argument("--repeat", type=int, default=5, help="cold-start runs [5]")
    parser.add_argument("--out", type=Path, default=REPO / "bench-out", help="[bench-out]")
    parser.add_argument(
        "--only",
        default=None,
        help="comma list of parts: cold,check,naive,pii,profanity,politics,scan,cluster",
    )
    parser.add_argument(
        "--scan-big",
        choices=("none", "100k", "1m", "1m-all"),
        default=None,
        help="scan stage: also scan 100,000 generated posts (cheap rules and all rules); 1m adds"
        " 1,000,000 with cheap rules, 1m-all also with all rules [none; 1m-all takes ~10 min]",
    )
    parser.add_argument(
        "--cluster",
        choices=("none", "sample", "100k"),
        default=None,
        help="cluster stage: scans on Dask and Spark with 1 and 2 workers (sample); 100k adds"
        " the 100,000-post comparison of Spark and Dask rows with smlint scan [none]",
    )
    args = parser.parse_args(argv)
    if args.cluster is not None or "SMLINT_BENCH_CLUSTER" not in os.environ:
        os.environ["SMLINT_BENCH_CLUSTER"] = {"sample": "sample", "100k": "100k"}.get(
            args.cluster or "none", "0"
        )
    if min(args.count, args.drafts, args.repeat, args.naive_posts, args.stage_posts) < 1:
        parser.error("counts must be at least 1")
    drafts = min(args.drafts, args.count)
    # better_profanity costs ~60 ms a post: (c) and the profanity stage use a sample of the
    # drafts' posts so that the default run stays within a few minutes on two cores.
    naive_n = min(args.naive_posts, drafts)
    stage_n = min(args.stage_posts, args.count)
    only = set(args.only.split(",")) if args.only else None
    # The big scans take minutes; bench_scan reads these switches. An explicit --scan-big wins,
    # then the caller's environment, then "none" to keep the default run short.
    if args.scan_big is not None or "SMLINT_BENCH_SCAN_BIG" not in os.environ:
        big = args.scan_big or "none"
        os.environ["SMLINT_BENCH_SCAN_BIG"] = "0" if big == "none" else "1"
        os.environ["SMLINT_BENCH_1M"] = {"1m": "1", "1m-all": "all"}.get(big, "0")

    smlint = Path(sys.executable).with_name("smlint")
    if not smlint.exists():
        print(f"run_bench: {smlint} not found; run 'make bench' to install", file=sys.stderr)
        return 2
    out = args.out.resolve()
    corpus = out / "corpus"
    began = time.perf_counter()
    info = machine_info(smlint)
    print(f"smlint benchmark, {info['date']}")
    print(f"machine: {info['cores']} cores ({info['usable_cores']} usable), {info['cpu']}")
    print(f"python {info['python']} on {info['platform']}")
    load = ", ".join(f"{x:.2f}" for x in info["load_average_1_5_15"])
    print(f"load average at start: {load} (timings are wall-clock; a busy machine slows them)")
    print("versions: " + ", ".join(f"{k} {v}" for k, v in info["versions"].items()))

    table = Table()
    table.start(f"corpus: {args.count:,} posts, seed {args.seed}, {drafts:,} as drafts")
    start = time.perf_counter()
    write_corpus(corpus, args.count, args.seed, drafts)
    table.add("generation (s)", time.perf_counter() - start, _rel(corpus))
    config = corpus / "smlint.toml"
    draft_files = sorted((corpus / "drafts").glob("*.md"))
    texts = load_posts(corpus / "posts.jsonl")
    mean_len = statistics.fmean(len(t) for t in texts)
    table.add("mean post length (chars)", round(mean_len, 1))

    def wanted(part: str) -> bool:
        return only is None or part in only

    cold = float("nan")
    if wanted("cold"):
        cold = bench_cold(table, smlint, draft_files[0], config, args.repeat, out)
    per_post = float("nan")
    if wanted("check"):
        per_post = bench_check(
            table, smlint, corpus / "drafts", config, out, len(draft_files), cold
        )
    naive_rate = float("nan")
    if wanted("naive"):
        naive_rate = bench_naive(table, corpus / "posts.jsonl", naive_n, per_post)
    bench_stages(table, texts[:stage_n], corpus / "posts.jsonl", only)
    compare_scans(table, naive_rate)

    total = time.perf_counter() - began
    end_load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\ntotal bench time {total:,.1f} s; load average at end {end_load:.2f}")
    results = {
        "machine": info,
        "settings": {
            "count": args.count,
            "drafts": drafts,
            "naive_posts": naive_n,
            "stage_posts": stage_n,
            "seed": args.seed,
            "repeat": args.repeat,
        },
        "rows": table.rows,
        "total_s": round(total, 1),
    }
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"results written to {out / 'results.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
