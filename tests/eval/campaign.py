"""Measure the political advocacy rules (SM301-SM303) on real campaign and agency posts.

Usage: python tests/eval/campaign.py [--labels PATH] [--data DIR] [--no-agency] [--show]

- Hand labels (default ``tests/eval/labels/campaign-dev.jsonl``; any file of the same format
  with ``--labels``) joined on ``id`` with ``us-state-officials-campaign-tweets/posts.jsonl``:
  recall of ``advocacy`` posts (flagged by any of SM301-SM303), precision over flagged
  ``advocacy`` and ``none`` posts, flagged ``borderline`` posts counted separately; misses and
  false alarms are listed by id with the labeller's kind/note and what fired (never the text).
- Agency posts (us-state-officials-official-tweets, uk-police-tweets,
  crisislext26-government, us-federal-agency-tweets): share with an SM301-SM303 finding, each
  listed by set and row with the codes and parts that fired, to be read by hand.
- political-social-media-dfe: share of partisan and of neutral posts flagged.

Posts are linted in-process (official mode, no agency settings, no spaCy model), one
post at a time. Nothing from the data is printed except ids, row numbers and counts; with
``--show`` the flagged agency posts' matched spans are printed for reading by hand.
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

HERE = Path(__file__).resolve().parent
DEFAULT_LABELS = HERE / "labels" / "campaign-dev.jsonl"
DEFAULT_DATA = Path("/work/shared/eval-data")
CODES = ("SM301", "SM302", "SM303")


def _linter() -> Linter:
    return build_linter(Settings(select=CODES, nlp_model="none"))


def findings(linter: Linter, text: str, mode: str = "official") -> list[tuple[str, str, str]]:
    """(code, parts that fired, matched span) of each SM301-SM303 finding of ``text``."""
    post = make_post(
        "post", text, DraftDefaults(mode=mode, platform="none"), markdown=False, honour_inline=False
    )
    out = []
    for f in linter.lint(post).findings:
        if f.code not in CODES:
            continue
        parts = "/".join(str(v) for k, v in f.detail.items() if k not in ("sentiment",))
        span = text[f.start : f.end] if f.start is not None and f.end is not None else ""
        out.append((f.code, parts, span))
    return out


def _rate(part: int, whole: int) -> str:
    return f"{part}/{whole} = {100 * part / max(1, whole):.1f}%"


def _csv(path: Path) -> Iterator[dict[str, str]]:
    csv.field_size_limit(10**8)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        yield from csv.DictReader(handle)


def _jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def labelled(linter: Linter, labels: Path, data: Path) -> list[str]:
    posts = {
        p["id"]: p["text"]
        for p in _jsonl(data / "us-state-officials-campaign-tweets" / "posts.jsonl")
    }
    rows = list(_jsonl(labels))
    missing = [r["id"] for r in rows if r["id"] not in posts]
    if missing:
        raise SystemExit(f"campaign: error: {len(missing)} label ids not in posts.jsonl")
    total: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    misses: list[str] = []
    alarms: list[str] = []
    border: list[str] = []
    for row in rows:
        found = findings(linter, posts[row["id"]])
        label = row["label"]
        total[label] += 1
        flagged[label] += bool(found)
        what = ", ".join(f"{c}[{p}]" for c, p, _ in found)
        note = f"{row.get('kind', '')}: {row.get('note', '')}".strip(": ")
        if label == "advocacy" and not found:
            misses.append(f"    {row['id']}  ({note})")
        elif label == "none" and found:
            alarms.append(f"    {row['id']}  {what}  ({note})")
        elif label == "borderline" and found:
            border.append(f"    {row['id']}  {what}  ({note})")
    tp, fp = flagged["advocacy"], flagged["none"]
    lines = [
        f"labels {labels.name}: {sum(total.values())} posts, "
        + ", ".join(f"{k} {v}" for k, v in sorted(total.items())),
        f"  recall of advocacy posts     {_rate(tp, total['advocacy'])}",
        f"  precision (advocacy / advocacy + none flagged)  {_rate(tp, tp + fp)}",
        f"  borderline flagged           {_rate(flagged['borderline'], total['borderline'])}",
        f"  misses ({len(misses)}):",
        *misses,
        f"  false alarms ({len(alarms)}):",
        *alarms,
        f"  borderline flagged ({len(border)}):",
        *border,
    ]
    return lines


def _agency_sets(data: Path) -> Iterator[tuple[str, list[str]]]:
    yield (
        "us-state-officials-official-tweets",
        [p["text"] for p in _jsonl(data / "us-state-officials-official-tweets" / "posts.jsonl")],
    )
    yield (
        "uk-police-tweets",
        [r["base_text"] for r in _csv(data / "uk-police-tweets" / "labeled_training.csv")],
    )
    yield (
        "crisislext26-government",
        [
            r["text"]
            for r in _csv(data / "crisislext26-government" / "government_source_tweets.csv")
        ],
    )
    yield (
        "us-federal-agency-tweets",
        [r["Text"] for r in _csv(data / "us-federal-agency-tweets" / "coded-tweet-data.csv")],
    )


def agency(linter: Linter, name: str, texts: Iterable[str], show: bool) -> list[str]:
    texts = list(texts)
    hits: list[str] = []
    for i, text in enumerate(texts):
        found = findings(linter, text)
        if found:
            what = ", ".join(f"{c}[{p}]" for c, p, _ in found)
            if show:
                what += "  " + " | ".join(repr(s[:80]) for _, _, s in found)
            hits.append(f"    row {i}: {what}")
    return [f"{name}: posts with SM301-SM303  {_rate(len(hits), len(texts))}", *hits]


def dfe(linter: Linter, data: Path) -> list[str]:
    total: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    for row in _csv(data / "political-social-media-dfe" / "political_social_media.csv"):
        total[row["bias"]] += 1
        flagged[row["bias"]] += bool(findings(linter, row["text"]))
    return [
        "political-social-media-dfe: posts with SM301-SM303",
        *(f"  {bias:9} {_rate(flagged[bias], total[bias])}" for bias in sorted(total)),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS, help="labels jsonl")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="eval-data folder")
    parser.add_argument("--no-agency", action="store_true", help="only the labelled sample")
    parser.add_argument("--show", action="store_true", help="print flagged agency spans")
    args = parser.parse_args(argv)
    if not args.labels.is_file() or not args.data.is_dir():
        print("campaign: error: no such labels file or data folder", file=sys.stderr)
        return 2
    linter = _linter()
    t0 = time.perf_counter()
    lines = labelled(linter, args.labels, args.data)
    if not args.no_agency:
        for name, texts in _agency_sets(args.data):
            lines += agency(linter, name, texts, args.show)
        lines += dfe(linter, args.data)
    lines.append(f"({time.perf_counter() - t0:.1f} s)")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
