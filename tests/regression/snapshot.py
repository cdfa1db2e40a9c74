"""Regression snapshots: every finding smlint gives on a fixed set of corpora, to compare
two builds ("findings identical before and after a refactoring").

    python tests/regression/snapshot.py take OUT_DIR [--smlint BIN] [--bench-count N]
    python tests/regression/snapshot.py compare OLD_DIR NEW_DIR [--show K]

``take`` lints, with every rule selected (``--extend-select SM``):
  - the shared dev corpus as Markdown drafts with front matter, one run per agency with the
    agency's config from ``../shared/eval/configs`` (as ``../shared/eval/score.py`` does);
  - the generated benchmark corpus (``tests/bench/generate_corpus.py``, seed 7) with the
    generated county config;
  - every third-party set of ``../shared/eval-data`` that holds posts, converted to JSON
    Lines and scanned with no config, once in official and once in personal mode.
Each run writes ``NAME.jsonl``: one canonical finding a line (file, post, code, span,
message, explanation), sorted, so that two snapshots compare line by line. Nothing is
written into the repository; the data stay in OUT_DIR.

``compare`` prints, per corpus, the findings only in OLD and only in NEW (first K of each)
and exits 1 when they differ.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
DATA = SHARED / "eval-data"
ENGLISH_CRISIS = {"US", "Canada", "Australia", "UK", "Phillipines", "Philippines", "Singapore"}


def _csv(path: Path, delimiter: str = ",") -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        first = handle.readline()
        if first.strip():  # a header on the first line (one file has a blank line first)
            handle.seek(0)
        yield from csv.DictReader(handle, delimiter=delimiter)


def _jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def third_party_sets() -> dict[str, list[tuple[str, str]]]:
    """(post id, text) of each third-party set present in ../shared/eval-data."""
    sets: dict[str, Iterable[tuple[str, str]]] = {}
    d = DATA
    if (d / "tweeteval-offensive/test.jsonl").exists():
        sets["tweeteval-offensive"] = (
            (str(r["id"]), r["text"]) for r in _jsonl(d / "tweeteval-offensive/test.jsonl")
        )
    if (d / "tweeteval-hate/test.jsonl").exists():
        sets["tweeteval-hate"] = (
            (str(r["id"]), r["text"]) for r in _jsonl(d / "tweeteval-hate/test.jsonl")
        )
    if (d / "tweeteval-stance/test.jsonl").exists():
        sets["tweeteval-stance"] = (
            (str(r["id"]), r["text"]) for r in _jsonl(d / "tweeteval-stance/test.jsonl")
        )
    if (d / "davidson-hate-offensive/labeled_data.csv").exists():
        sets["davidson"] = (
            (r[""] or str(i), r["tweet"])
            for i, r in enumerate(_csv(d / "davidson-hate-offensive/labeled_data.csv"))
        )
    if (d / "political-social-media-dfe/political_social_media.csv").exists():
        sets["political-social-media"] = (
            (str(i), r["text"])
            for i, r in enumerate(_csv(d / "political-social-media-dfe/political_social_media.csv"))
        )
    if (d / "usna-political-general-tweets/general-tweets.tsv").exists():
        sets["usna-general"] = (
            (str(i), r["text"])
            for i, r in enumerate(
                _csv(d / "usna-political-general-tweets/general-tweets.tsv", "\t")
            )
        )
    if (d / "crisislext26-government/government_source_tweets.csv").exists():
        sets["crisislext"] = (
            (r["tweet_id"], r["text"])
            for r in _csv(d / "crisislext26-government/government_source_tweets.csv")
        )
    if (d / "uk-police-tweets/labeled_training.csv").exists():
        sets["uk-police"] = (
            (str(i), r["base_text"])
            for i, r in enumerate(_csv(d / "uk-police-tweets/labeled_training.csv"))
        )
    if (d / "us-federal-agency-tweets/coded-tweet-data.csv").exists():
        sets["us-federal"] = (
            (r["HITID"], r["Text"])
            for r in _csv(d / "us-federal-agency-tweets/coded-tweet-data.csv")
        )
    for name in ("us-state-officials-official-tweets", "us-state-officials-campaign-tweets"):
        if (d / name / "posts.jsonl").exists():
            sets[name] = ((r["id"], r["text"]) for r in _jsonl(d / name / "posts.jsonl"))
    if (d / "presidio-synth-pii/synth_dataset_v2.json").exists():
        rows = json.loads((d / "presidio-synth-pii/synth_dataset_v2.json").read_text("utf-8"))
        sets["presidio-synth"] = ((str(i), r["full_text"]) for i, r in enumerate(rows))
    return {name: [(pid, text) for pid, text in rows if text] for name, rows in sets.items()}


def canonical(lines: Iterable[str], corpus: str) -> list[str]:
    """Findings as sorted canonical JSON lines (no timing, no absolute paths)."""
    out = []
    for line in lines:
        if not line.strip():
            continue
        f = json.loads(line)
        out.append(
            json.dumps(
                {
                    "corpus": corpus,
                    "file": Path(f["filename"]).name,
                    "post": f.get("post_id"),
                    "code": f["code"],
                    "from": [f["location"]["row"], f["location"]["column"]],
                    "to": [f["end_location"]["row"], f["end_location"]["column"]],
                    "severity": f["severity"],
                    "message": f["message"],
                    "explanation": f.get("explanation") or {},
                },
                sort_keys=True,
                ensure_ascii=False,
            )
        )
    return sorted(out)


def _run(cmd: list[str], cwd: Path) -> str:
    proc = subprocess.run(
        cmd, cwd=cwd, capture_output=True, text=True, check=False, env={**os.environ}
    )
    if proc.returncode not in (0, 1):
        raise SystemExit(f"snapshot: {' '.join(cmd)} exited {proc.returncode}:\n{proc.stderr}")
    return proc.stdout


def take_dev(smlint: str, work: Path) -> dict[str, list[str]]:
    corpus = SHARED / "eval/dev/posts.jsonl"
    if not corpus.exists():
        return {}
    by_agency: dict[str, list[dict]] = {}
    for post in _jsonl(corpus):
        by_agency.setdefault(post["agency"], []).append(post)
    out = []
    for agency, posts in sorted(by_agency.items()):
        folder = work / f"dev-{agency}"
        folder.mkdir()
        config = SHARED / "eval/configs" / f"{agency}.toml"
        if config.exists():
            shutil.copy(config, folder / ".smlint.toml")
        for post in posts:
            front = f"---\nmode: {post['mode']}\nplatform: {post['platform']}\n---\n"
            (folder / f"{post['id']}.md").write_text(front + post["text"], encoding="utf-8")
        text = _run([smlint, "check", "--format", "jsonl", "--exit-zero", "."], folder)
        out += canonical(text.splitlines(), f"dev-{agency}")
    return {"dev": sorted(out)}


def take_bench(smlint: str, work: Path, count: int) -> dict[str, list[str]]:
    folder = work / "bench"
    subprocess.run(
        [
            sys.executable,
            str(REPO / "tests/bench/generate_corpus.py"),
            "--count",
            str(count),
            "--seed",
            "7",
            "--drafts",
            "0",
            "--out",
            str(folder),
        ],
        check=True,
        capture_output=True,
    )
    config = folder / "smlint.toml"
    cmd = [smlint, "scan", "--format", "jsonl", "--exit-zero", "-q", "-j", "2"]
    cmd += ["--extend-select", "SM", "posts.jsonl"]
    if config.exists():
        cmd[2:2] = ["--config", str(config)]
    return {"bench": canonical(_run(cmd, folder).splitlines(), "bench")}


def take_third_party(smlint: str, work: Path) -> dict[str, list[str]]:
    out = {}
    for name, rows in third_party_sets().items():
        folder = work / name
        folder.mkdir()
        with (folder / "posts.jsonl").open("w", encoding="utf-8") as handle:
            for pid, text in rows:
                handle.write(json.dumps({"id": pid, "text": text}) + "\n")
        for mode in ("official", "personal"):
            cmd = [smlint, "scan", "posts.jsonl", "--format", "jsonl", "--exit-zero", "-q"]
            cmd += ["-j", "2", "--extend-select", "SM", "--mode", mode]
            out[f"{name}.{mode}"] = canonical(_run(cmd, folder).splitlines(), name)
    return out


def take(args: argparse.Namespace) -> int:
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        snapshots = {}
        parts = set(args.only.split(","))
        if "dev" in parts:
            snapshots.update(take_dev(args.smlint, work))
        if "bench" in parts:
            snapshots.update(take_bench(args.smlint, work, args.bench_count))
        if "third-party" in parts:
            snapshots.update(take_third_party(args.smlint, work))
    for name, lines in snapshots.items():
        (out / f"{name}.jsonl").write_text("".join(line + "\n" for line in lines), "utf-8")
        print(f"{name:48} {len(lines):>8} findings")
    print(f"snapshot written to {out} in {time.perf_counter() - started:.0f} s")
    return 0


def compare(args: argparse.Namespace) -> int:
    old_dir: Path = args.old
    new_dir: Path = args.new
    names = sorted(
        {p.name for p in old_dir.glob("*.jsonl")} | {p.name for p in new_dir.glob("*.jsonl")}
    )
    differ = False
    for name in names:
        old = (old_dir / name).read_text("utf-8").splitlines() if (old_dir / name).exists() else []
        new = (new_dir / name).read_text("utf-8").splitlines() if (new_dir / name).exists() else []
        gone = sorted((Counter(old) - Counter(new)).elements())
        added = sorted((Counter(new) - Counter(old)).elements())
        status = "same" if not gone and not added else f"-{len(gone)} +{len(added)}"
        print(f"{name:48} {len(old):>8} -> {len(new):>8}  {status}")
        if gone or added:
            differ = True
            codes = Counter(json.loads(x)["code"] for x in gone)
            codes_new = Counter(json.loads(x)["code"] for x in added)
            print(f"    only in old by code: {dict(sorted(codes.items()))}")
            print(f"    only in new by code: {dict(sorted(codes_new.items()))}")
            for line in gone[: args.show]:
                print(f"    - {line}")
            for line in added[: args.show]:
                print(f"    + {line}")
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("take", help="lint the corpora and write a snapshot folder")
    t.add_argument("out", type=Path)
    t.add_argument("--smlint", default=str(REPO / ".venv/bin/smlint"))
    t.add_argument("--bench-count", type=int, default=20_000)
    t.add_argument(
        "--only", default="dev,bench,third-party", help="comma list: dev, bench, third-party"
    )
    c = sub.add_parser("compare", help="compare two snapshot folders")
    c.add_argument("old", type=Path)
    c.add_argument("new", type=Path)
    c.add_argument("--show", type=int, default=5)
    args = parser.parse_args(argv)
    return take(args) if args.command == "take" else compare(args)


if __name__ == "__main__":
    raise SystemExit(main())
