"""Clean stops: SIGINT and SIGTERM stop the workers, say how far the scan got and exit
130/143; no worker traceback, no orphan, no half-written output; a killed worker is a
one-line error with the posts done."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux signals")

POSTS = 20_000
WAIT = 180  # seconds to wait for a state (the machine may be busy); no speed is asserted


@pytest.fixture
def export(isolated: Path) -> Path:
    path = isolated / "big.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["id", "text"])
        for i in range(POSTS):
            out.writerow([i, f"Post {i}: Main St closed today. #snowemergency THIS IS LOUD NOW"])
    return path


def _start(export: Path, *more: str) -> subprocess.Popen[bytes]:
    args = ["scan", str(export), "-j", "2", "--nlp-model", "none", *more]
    return subprocess.Popen(
        [sys.executable, "-m", "smlint", *args],
        cwd=export.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text()
        found += [int(x) for x in text.split()]
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def _wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


def _first_output(proc: subprocess.Popen[bytes]) -> None:
    """Block until the scan has reported its first finding (linting is under way)."""
    assert proc.stdout is not None
    assert proc.stdout.readline(), "no output before the signal"


def _finish(proc: subprocess.Popen[bytes]) -> tuple[int, str]:
    _out, err = proc.communicate(timeout=WAIT)
    return proc.returncode, err.decode("utf-8", "replace")


def test_ctrl_c_on_the_process_group(export: Path) -> None:
    proc = _start(export, "--format", "jsonl")
    _first_output(proc)
    workers = _children(proc.pid)
    assert len(workers) == 2
    os.killpg(proc.pid, signal.SIGINT)
    status, err = _finish(proc)
    assert status == 130
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    (line,) = err.splitlines()
    assert line.startswith("smlint: interrupted (SIGINT) after ")
    assert "posts read" in line and "linted" in line and "findings so far" in line
    _wait_until(lambda: not any(_alive(w) for w in workers), "the workers to exit")


def test_sigterm_stops_the_workers_and_keeps_the_previous_output_file(export: Path) -> None:
    out = export.parent / "out.json"
    out.write_text("previous\n", encoding="utf-8")
    proc = _start(export, "--format", "json", "-o", str(out))

    def temp_file_grows() -> bool:
        return any(
            p.name.startswith(".out.json.") and p.stat().st_size > 0
            for p in export.parent.iterdir()
        )

    _wait_until(temp_file_grows, "the report to be written")
    workers = _children(proc.pid)
    proc.send_signal(signal.SIGTERM)
    status, err = _finish(proc)
    assert status == 143, err
    assert err.startswith("smlint: interrupted (SIGTERM) after ")
    assert "Traceback" not in err
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert not [p for p in export.parent.iterdir() if p.name.startswith(".out.json.")]
    _wait_until(lambda: not any(_alive(w) for w in workers), "the workers to exit")


def test_a_killed_worker_says_how_many_posts_were_done(export: Path) -> None:
    proc = _start(export, "--format", "jsonl")
    _first_output(proc)
    os.kill(_children(proc.pid)[0], signal.SIGKILL)
    status, err = _finish(proc)
    assert status == 2
    (line,) = err.splitlines()
    assert "worker process died" in line and "posts were read" in line
    assert "Traceback" not in err


def test_workers_die_with_their_parent(export: Path) -> None:
    proc = _start(export, "--format", "jsonl")
    _first_output(proc)
    workers = _children(proc.pid)
    proc.kill()  # SIGKILL: the parent runs no cleanup at all
    proc.communicate(timeout=WAIT)
    _wait_until(lambda: not any(_alive(w) for w in workers), "orphaned workers to exit")
