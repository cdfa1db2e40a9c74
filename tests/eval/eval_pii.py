"""Per-type precision/recall of smlint's PII engine on Presidio's synthetic dataset.

Usage: python tests/eval/eval_pii.py PATH/TO/synth_dataset_v2.json [--json]

Scores US_SSN, PHONE_NUMBER (US-formatted gold numbers only), EMAIL_ADDRESS and CREDIT_CARD
for smlint (no agency allow-lists, blank pipeline) next to Presidio's default recognizer set
(offline: blank English pipeline, default threshold). A prediction is correct when it
overlaps a gold span of the same type; predictions overlapping a non-US gold phone number
are not counted either way. Values are never printed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

TYPES = ("US_SSN", "PHONE_NUMBER", "EMAIL_ADDRESS", "CREDIT_CARD")
# smlint entity -> the dataset's type
SMLINT_TO_GOLD = {
    "US_SSN": "US_SSN",
    "PHONE_NUMBER": "PHONE_NUMBER",
    "EMAIL_ADDRESS": "EMAIL_ADDRESS",
    "CREDIT_CARD": "CREDIT_CARD",
}


US_PHONE_RE = re.compile(
    r"(?:(?:\+?1|001)[\s.\-]?)?(?:\([2-9]\d{2}\)\s?|[2-9]\d{2}[\s.\-]?)\d{3}[\s.\-]?\d{4}"
    r"(?:\s?(?:x|ext\.?)\s?\d+)?",
    re.IGNORECASE,
)


def us_formatted(phone: str) -> bool:
    """Written the US way: (optional +1/001) area code 2-9xx, 3 digits, 4 digits, extension."""
    return US_PHONE_RE.fullmatch(phone.strip()) is not None


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


Predictor = Callable[[str], list[tuple[str, int, int]]]


def smlint_predictor() -> Predictor:
    from smlint.analysis import Analysis, Resources
    from smlint.config import Settings
    from smlint.models import Post
    from smlint.pii.engine import find_pii

    resources = Resources(Settings(nlp_model="none"))

    def predict(text: str) -> list[tuple[str, int, int]]:
        post = Post(path="synth", source=text, text=text, published=text)
        return [(s.entity, s.start, s.end) for s in find_pii(Analysis(post, resources))]

    return predict


def presidio_default_predictor() -> Predictor:
    from smlint.pii.engine import default_presidio_engine

    engine = default_presidio_engine()

    def predict(text: str) -> list[tuple[str, int, int]]:
        return [(r.entity_type, r.start, r.end) for r in engine.analyze(text, language="en")]

    return predict


def score(rows: list[dict], predict: Predictor) -> dict[str, dict[str, float]]:
    counts = {t: {"tp": 0, "fp": 0, "fn": 0} for t in TYPES}
    for row in rows:
        text = row["full_text"]
        gold = [(s["entity_type"], s["start_position"], s["end_position"]) for s in row["spans"]]
        ignore = [(a, b) for t, a, b in gold if t == "PHONE_NUMBER" and not us_formatted(text[a:b])]
        gold = [
            (t, a, b)
            for t, a, b in gold
            if t in TYPES and not (t == "PHONE_NUMBER" and (a, b) in ignore)
        ]
        preds = [(SMLINT_TO_GOLD.get(t, t), a, b) for t, a, b in predict(text)]
        preds = [p for p in preds if p[0] in TYPES]
        used = [False] * len(preds)
        for t, a, b in gold:
            hit = next(
                (
                    i
                    for i, p in enumerate(preds)
                    if not used[i] and p[0] == t and overlaps((a, b), p[1:])
                ),
                None,
            )
            if hit is None:
                counts[t]["fn"] += 1
            else:
                used[hit] = True
                counts[t]["tp"] += 1
        for i, (t, a, b) in enumerate(preds):
            if used[i]:
                continue
            if t == "PHONE_NUMBER" and any(overlaps((a, b), r) for r in ignore):
                continue
            if any(g[0] == t and overlaps((a, b), g[1:]) for g in gold):
                continue  # a second prediction inside an already matched gold span
            counts[t]["fp"] += 1
    out = {}
    for t, c in counts.items():
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[t] = {**c, "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--no-default", action="store_true", help="skip Presidio's default set")
    args = parser.parse_args(argv)
    try:
        rows = json.loads(args.data.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"eval_pii: cannot read {args.data}: {exc}", file=sys.stderr)
        return 2
    results = {"smlint": score(rows, smlint_predictor())}
    if not args.no_default:
        results["presidio-default"] = score(rows, presidio_default_predictor())
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"{'type':<15}{'engine':<18}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}")
    for t in TYPES:
        for engine, res in results.items():
            c = res[t]
            print(
                f"{t:<15}{engine:<18}{c['tp']:>5}{c['fp']:>5}{c['fn']:>5}"
                f"{c['precision']:>8.3f}{c['recall']:>8.3f}{c['f1']:>8.3f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
