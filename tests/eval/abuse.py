"""Measure the language rules (SM201-SM206) on third-party abusive and agency posts.

Usage: python tests/eval/abuse.py DATA_DIR [--split dev|test|all] [--limit N] [--sets A,B]
                                  [--show SET:CLASS] [--missed] [--threats FILE]

DATA_DIR holds the folders described by their SOURCE.md files (shared/eval-data):
  davidson-hate-offensive   per-class share flagged by SM2xx (hate, offensive, neither)
  tweeteval-offensive       offensive / not-offensive
  tweeteval-hate            hate / not-hate
  us-state-officials-official-tweets, uk-police-tweets, crisislext26-government,
  us-federal-agency-tweets  share of real agency posts with any SM2xx finding

Each abusive post goes to the dev or the test half by a hash of its set and id (row index),
shown as ``class/dev`` and ``class/test``, so rules are tuned on dev (read with ``--show``
only there) and reported on test; agency sets are reported whole. Abusive
posts are linted as personal posts (written by individuals), agency posts as official ones.
``--threats`` also reports SM203's recall and precision on the hand-written sentences of
tests/data/threats.yaml. Nothing from the data is copied into smlint; ``--show`` prints the
flagged (or with ``--missed`` the unflagged) posts of one class to the terminal for reading.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import yaml

from smlint.config import Settings
from smlint.engine.build import linter_for as build_linter
from smlint.engine.linter import Linter
from smlint.inputs.drafts import DraftDefaults, make_post

Row = tuple[str, str, str]  # id, class, text
AGENCY_SETS = (
    "us-state-officials-official-tweets",
    "uk-police-tweets",
    "crisislext26-government",
    "us-federal-agency-tweets",
)
DAVIDSON = {"0": "hate", "1": "offensive", "2": "neither"}
NOTICE = "SM207"  # the not-English notice is no judgement of the post: not counted


def split_of(name: str, ident: str) -> str:
    """dev or test, by a hash of the set and the post's id (stable across runs)."""
    digest = hashlib.sha1(f"{name}:{ident}".encode()).digest()
    return "dev" if digest[0] < 128 else "test"


def _csv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        yield from csv.DictReader(handle)


def davidson(root: Path) -> Iterator[Row]:
    for row in _csv(root / "davidson-hate-offensive/labeled_data.csv"):
        yield row[""], DAVIDSON[row["class"]], row["tweet"]


def tweeteval(root: Path, name: str) -> Iterator[Row]:
    for line in (root / name / "test.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        yield str(row["id"]), row["label_name"], row["text"]


def agency(root: Path, name: str) -> Iterator[Row]:
    if name == "us-state-officials-official-tweets":
        for line in (root / name / "posts.jsonl").open(encoding="utf-8"):
            row = json.loads(line)
            yield str(row["id"]), "agency", row["text"]
    elif name == "uk-police-tweets":
        for row in _csv(root / name / "labeled_training.csv"):
            yield row[""], "agency", row["base_text"]
    elif name == "crisislext26-government":
        for row in _csv(root / name / "government_source_tweets.csv"):
            yield row["tweet_id"], "agency", row["text"]
    else:
        for row in _csv(root / name / "coded-tweet-data.csv"):
            yield row["HITID"], "agency", row["Text"]


def _linter() -> Linter:
    return build_linter(Settings(select=("SM2",), nlp_model="none"))


def findings(linter: Linter, text: str, mode: str) -> list[tuple[str, str]]:
    post = make_post(
        "post", text, DraftDefaults(mode=mode, platform="none"), markdown=False, honour_inline=False
    )
    return [
        (f.code, str(f.detail.get("pattern") or f.detail.get("term") or ""))
        for f in linter.lint(post).findings
        if f.code.startswith("SM2") and f.code != NOTICE
    ]


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} = {100 * part / max(1, whole):.1f}%"


def _shown(show: str, name: str, label: str) -> bool:
    """``SET:CLASS`` names the dev half of a class (tune on dev), ``SET:CLASS/test`` the
    test half, ``SET:agency`` an agency set."""
    return any(
        item in (f"{name}:{label}", f"{name}:{label.split('/')[0]}")
        and (label.split("/")[-1] != "test" or item.endswith("/test"))
        for item in show.split(",")
    )


def measure(
    linter: Linter,
    name: str,
    rows: list[Row],
    mode: str,
    show: str | None,
    missed: bool,
) -> list[str]:
    flagged: Counter[str] = Counter()
    beyond: Counter[str] = Counter()  # flagged by SM202-SM206 (not only profanity)
    total: Counter[str] = Counter()
    codes: dict[str, Counter[str]] = {}
    for ident, label, text in rows:
        found = findings(linter, text, mode)
        total[label] += 1
        flagged[label] += bool(found)
        beyond[label] += any(c != "SM201" for c, _ in found)
        codes.setdefault(label, Counter()).update({c for c, _ in found})
        if show is not None and _shown(show, name, label) and bool(found) != missed:
            detail = ", ".join(f"{c}[{p}]" for c, p in found)
            print(f"--- {ident} {detail}\n{text}", file=sys.stderr)
    lines = []
    for label in sorted(total):
        by_code = ", ".join(f"{c} {n}" for c, n in sorted(codes[label].items()))
        lines.append(
            f"{name:36} {label:18} {_pct(flagged[label], total[label]):>20}"
            f"  SM202-6 {_pct(beyond[label], total[label]):>20}   {by_code}"
        )
    return lines


def threats(linter: Linter, path: Path) -> list[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    hit = {key: 0 for key in ("threats", "not-threats")}
    for key in hit:
        for item in data[key]:
            found = any(c == "SM203" for c, _ in findings(linter, item["text"], "personal"))
            hit[key] += found
    n_pos, n_neg = len(data["threats"]), len(data["not-threats"])
    tp, fp = hit["threats"], hit["not-threats"]
    precision = tp / max(1, tp + fp)
    return [
        f"threats.yaml SM203 recall {_pct(tp, n_pos)}, false alarms {_pct(fp, n_neg)},"
        f" precision {100 * precision:.1f}%"
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="folder with the eval-data sets")
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--limit", type=int, default=None, help="at most N posts per set")
    parser.add_argument("--sets", default="", help="comma-separated set names (default all)")
    parser.add_argument(
        "--show", default=None, help="SET:CLASS[,SET:CLASS...] whose flagged posts to print"
    )
    parser.add_argument("--missed", action="store_true", help="--show prints unflagged posts")
    parser.add_argument("--threats", type=Path, default=None, help="tests/data/threats.yaml")
    args = parser.parse_args(argv)
    root: Path = args.data
    if not root.is_dir():
        print(f"abuse: error: {root} is not a folder", file=sys.stderr)
        return 2
    wanted = set(filter(None, args.sets.split(",")))
    linter = _linter()
    t0 = time.perf_counter()
    lines: list[str] = []
    abusive = {
        "davidson-hate-offensive": lambda: davidson(root),
        "tweeteval-offensive": lambda: tweeteval(root, "tweeteval-offensive"),
        "tweeteval-hate": lambda: tweeteval(root, "tweeteval-hate"),
    }
    for name, read in abusive.items():
        if wanted and name not in wanted:
            continue
        rows = [
            (ident, f"{label}/{split_of(name, ident)}", text)
            for ident, label, text in read()
            if args.split == "all" or split_of(name, ident) == args.split
        ]
        lines += measure(linter, name, rows[: args.limit], "personal", args.show, args.missed)
    for name in AGENCY_SETS:
        if wanted and name not in wanted:
            continue
        rows = list(agency(root, name))[: args.limit]
        lines += measure(linter, name, rows, "official", args.show, args.missed)
    if args.threats is not None:
        lines += threats(linter, args.threats)
    lines.append(f"({time.perf_counter() - t0:.1f} s)")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
