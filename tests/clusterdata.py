"""Shared by the Spark and Dask tests: a generated export with malformed lines, what a
local scan makes of it, and the checks that engine rows equal it and hold no PII value."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from smlint.api import Linter, Row

sys.path.insert(0, str(Path(__file__).parent / "bench"))
from generate_corpus import AGENCY_CONFIG, write_jsonl

KEY = "cluster-test-key"
COUNT = 120  # posts: about one in five has a finding worth a reviewer's look
MALFORMED = [
    "",  # a blank line is no record
    '{"id": "bad-1", "text": "Truncated record that never closes its string',
    '["not", "an", "object"]',
    '{"id": "bad-3", "note": "A record without a text field."}',
]
BAD = 3  # the malformed lines that are records (read, not linted)


def write_export(folder: Path, count: int = COUNT) -> tuple[Path, Path]:
    """``folder/posts.jsonl`` (generated posts, malformed lines among them) and the
    county's ``folder/smlint.toml``."""
    posts = folder / "posts.jsonl"
    write_jsonl(posts, count, seed=11)
    lines = posts.read_text(encoding="utf-8").splitlines()
    for offset, bad in enumerate(MALFORMED):
        lines.insert(10 + offset * 25, bad)
    posts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = folder / "smlint.toml"
    config.write_text(AGENCY_CONFIG, encoding="utf-8")
    return posts, config


def valid_records(posts: Path) -> list[dict]:
    out = []
    for line in posts.read_text(encoding="utf-8").splitlines():
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        if isinstance(obj, dict) and isinstance(obj.get("text"), str):
            out.append(obj)
    return out


def local_rows(posts: Path, config: Path) -> list[Row]:
    """The rows of the Python API on this machine: what an engine's rows must equal."""
    linter = Linter.from_config(config, hash_key=KEY)
    return list(linter.lint_records(valid_records(posts), text_field="text", id_field="id"))


def key(row: dict | Row) -> tuple:
    """A finding as a scan and an engine both name it: post, code, place, message."""
    d = row.as_dict() if isinstance(row, Row) else row
    return (d["post_id"], d["code"], d["start"], d["end"], d["row"], d["column"], d["message"])


def scan_keys(report: Path, posts: Sequence[dict]) -> list[tuple]:
    """The findings of ``smlint scan --format jsonl`` as ``key`` tuples."""
    texts = {p["id"]: p["text"] for p in posts}
    out = []
    for line in report.read_text(encoding="utf-8").splitlines():
        f = json.loads(line)
        text = texts[f["post_id"]]
        start = _offset(text, f["location"])
        end = _offset(text, f["end_location"])
        out.append((f["post_id"], f["code"], start, end, *f["location"].values(), f["message"]))
    return sorted(out, key=repr)


def _offset(text: str, location: dict) -> int:
    lines = text.split("\n")
    return sum(len(line) + 1 for line in lines[: location["row"] - 1]) + location["column"] - 1


def comparable(rows: Iterable[dict | Row]) -> list[dict]:
    """Rows as plain dicts with the columns every engine fills the same way."""
    out = []
    for row in rows:
        d = dict(row.as_dict() if isinstance(row, Row) else row)
        for name, value in d.items():
            if value != value:  # NaN / NA from a frame
                d[name] = None
            elif hasattr(value, "item"):
                d[name] = value.item()
        d.pop("record", None)
        out.append(d)
    return sorted(out, key=lambda d: repr(sorted(d.items())))


def assert_no_pii(rows: Iterable[dict | Row], posts: Sequence[dict]) -> None:
    """No column of any row holds the matched text of a PII (SM1xx) finding."""
    texts = {p["id"]: p["text"] for p in posts}
    rows = [r.as_dict() if isinstance(r, Row) else dict(r) for r in rows]
    secrets = {
        texts[r["post_id"]][int(r["start"]) : int(r["end"])]
        for r in rows
        if r["kind"] == "finding" and str(r["code"]).startswith("SM1")
    }
    secrets = {s for s in secrets if len(s) >= 4}
    assert secrets, "the corpus should have PII findings to check"
    for row in rows:
        flat = json.dumps({k: str(v) for k, v in row.items()})
        for secret in secrets:
            assert secret not in flat, (row["code"], row["post_id"])


README = Path(__file__).resolve().parents[1] / "README.md"
SECTION = "## For data teams"


def readme_snippet(heading: str) -> str:
    """The first Python block under ``### heading`` in the README's data-team section."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index(SECTION) :]
    part = section[section.index(f"\n### {heading}\n") :]
    start = part.index("```python\n") + len("```python\n")
    return part[start : part.index("\n```", start) + 1]


def run_snippet(code: str, folder: Path, timeout: int = 600) -> str:
    """Run a README snippet as a script in ``folder``, in this virtualenv as if activated
    (its ``python3`` first on PATH, as Spark's workers look for it), rows hashed with KEY."""
    import os
    import subprocess

    script = folder / "snippet.py"
    script.write_text(code, encoding="utf-8")
    bindir = str(Path(sys.executable).parent)
    env = {
        **os.environ,
        "PATH": bindir + os.pathsep + os.environ.get("PATH", ""),
        "VIRTUAL_ENV": str(Path(sys.executable).parent.parent),
        "SMLINT_BASELINE_KEY": KEY,
    }
    proc = subprocess.run(
        [sys.executable, str(script)],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout


def read_rows(folder: Path) -> list[dict]:
    import pandas as pd

    frame = pd.read_parquet(folder)
    return frame.to_dict("records")


def check_engine_rows(rows: list[dict], posts: Path, config: Path) -> None:
    """Engine rows (from the README snippet) against the local API and the local scan."""
    records = valid_records(posts)
    findings = [r for r in rows if r["kind"] == "finding"]
    skipped = [r for r in rows if r["kind"] == "skipped"]
    assert len(skipped) == BAD
    local = local_rows(posts, config)
    for row in findings:
        row.pop("author", None)
    assert comparable(findings) == comparable(local)
    assert_no_pii(rows, records)
    return None
