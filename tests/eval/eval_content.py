"""Measure the language (SM2xx) and political (SM3xx) rules on third-party data.

Usage: python tests/eval/eval_content.py DATA_DIR [--limit N] [--examples K]

DATA_DIR holds the folders described by their SOURCE.md files (shared/eval-data):
  tweeteval-offensive          share of offensive tweets flagged by SM2xx (recall-like) and
                               of non-offensive tweets flagged (false-alarm-like)
  political-social-media-dfe   share of partisan vs neutral politicians' posts flagged by
                               SM301-SM303
  uk-police-tweets             false-finding rate of SM2xx/SM3xx on agency posts
  crisislext26-government      the same on government crisis posts (English-speaking events)

Posts are linted in-process with smlint's Python API (no agency settings, default pack).
Nothing from the data is copied into smlint; only counts are printed. With --examples K the
first K flagged clean agency posts are listed with the codes and matched patterns (not the
text) so the causes can be reviewed.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from smlint.config import Settings
from smlint.engine.build import linter_for as build_linter
from smlint.engine.linter import Linter
from smlint.inputs.drafts import DraftDefaults, make_post

FAMILIES = ("SM2", "SM3")
ENGLISH_CRISIS = {"US", "Canada", "Australia", "UK", "Phillipines", "Philippines", "Singapore"}


def _linter() -> Linter:
    return build_linter(Settings(select=FAMILIES, nlp_model="none"))


def _codes(linter: Linter, text: str, mode: str) -> list[tuple[str, str]]:
    post = make_post(
        "post",
        text,
        DraftDefaults(mode=mode, platform="none"),
        markdown=False,
        honour_inline=False,
    )
    result = linter.lint(post)
    return [
        (f.code, str(f.detail.get("pattern") or f.detail.get("term") or ""))
        for f in result.findings
    ]


def _csv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        yield from csv.DictReader(handle)


def _rate(part: int, whole: int) -> str:
    return f"{part}/{whole} = {100 * part / max(1, whole):.1f}%"


def _limit(items: Iterable, limit: int | None) -> list:
    items = list(items)
    return items[:limit] if limit else items


def offensive(linter: Linter, root: Path, limit: int | None) -> list[str]:
    rows = _limit(
        (json.loads(line) for line in (root / "tweeteval-offensive/test.jsonl").open()), limit
    )
    flagged: Counter[int] = Counter()
    total: Counter[int] = Counter()
    by_code: Counter[str] = Counter()
    for row in rows:
        codes = {c for c, _ in _codes(linter, row["text"], "personal") if c.startswith("SM2")}
        total[row["label"]] += 1
        flagged[row["label"]] += bool(codes)
        if row["label"] == 1:
            by_code.update(codes)
    return [
        f"tweeteval-offensive: offensive flagged by SM2xx  {_rate(flagged[1], total[1])}",
        f"tweeteval-offensive: non-offensive flagged by SM2xx  {_rate(flagged[0], total[0])}",
        "  codes on offensive tweets: " + ", ".join(f"{c} {n}" for c, n in sorted(by_code.items())),
    ]


def political(linter: Linter, root: Path, limit: int | None) -> list[str]:
    rows = _limit(_csv(root / "political-social-media-dfe/political_social_media.csv"), limit)
    flagged: Counter[str] = Counter()
    total: Counter[str] = Counter()
    by_code: Counter[str] = Counter()
    for row in rows:
        codes = {
            c
            for c, _ in _codes(linter, row["text"], "official")
            if c in {"SM301", "SM302", "SM303"}
        }
        total[row["bias"]] += 1
        flagged[row["bias"]] += bool(codes)
        by_code.update(codes)
    return [
        f"political-social-media: partisan flagged by SM301-303  "
        f"{_rate(flagged['partisan'], total['partisan'])}",
        f"political-social-media: neutral flagged by SM301-303  "
        f"{_rate(flagged['neutral'], total['neutral'])}",
        "  codes: " + ", ".join(f"{c} {n}" for c, n in sorted(by_code.items())),
    ]


def agency(linter: Linter, name: str, texts: list[str], examples: int) -> list[str]:
    flagged = 0
    by_code: Counter[str] = Counter()
    shown: list[str] = []
    for i, text in enumerate(texts):
        found = _codes(linter, text, "official")
        if found:
            flagged += 1
            by_code.update(c for c, _ in found)
            if len(shown) < examples:
                shown.append(f"    #{i}: " + ", ".join(f"{c}[{p}]" for c, p in found))
    lines = [
        f"{name}: agency posts with an SM2xx/SM3xx finding  {_rate(flagged, len(texts))}",
        "  codes: " + ", ".join(f"{c} {n}" for c, n in sorted(by_code.items())),
    ]
    return lines + shown


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="folder with the eval-data sets")
    parser.add_argument("--limit", type=int, default=None, help="at most N posts per set")
    parser.add_argument("--examples", type=int, default=0, help="list K flagged agency posts")
    args = parser.parse_args(argv)
    root: Path = args.data
    if not root.is_dir():
        print(f"eval_content: error: {root} is not a folder", file=sys.stderr)
        return 2
    linter = _linter()
    t0 = time.perf_counter()
    lines: list[str] = []
    lines += offensive(linter, root, args.limit)
    lines += political(linter, root, args.limit)
    uk = [r["base_text"] for r in _csv(root / "uk-police-tweets/labeled_training.csv")]
    lines += agency(linter, "uk-police-tweets", _limit(uk, args.limit), args.examples)
    crisis = [
        r["text"]
        for r in _csv(root / "crisislext26-government/government_source_tweets.csv")
        if r["event_country"] in ENGLISH_CRISIS
    ]
    lines += agency(
        linter,
        "crisislext26-government (English events)",
        _limit(crisis, args.limit),
        args.examples,
    )
    lines.append(f"({time.perf_counter() - t0:.1f} s)")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
