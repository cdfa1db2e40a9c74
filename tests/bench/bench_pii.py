"""Benchmark of the PII stage: smlint's Presidio setup vs Presidio's default recognizers.

``measure(posts)`` returns rows ``{"row", "value", "note"}`` (values in ms/post as strings).
Both engines get the same posts and the same blank English pipeline; the doc is built before
timing, since smlint builds it once per post for all checks. Run directly for a quick look:
``python tests/bench/bench_pii.py [posts.jsonl]``.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

WARMUP = 20


def _median_ms(posts: list[str], run: Callable[[str], object]) -> tuple[float, float]:
    for text in posts[:WARMUP]:
        run(text)
    times = []
    for text in posts:
        t0 = time.perf_counter()
        run(text)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def measure(posts: list[str]) -> list[dict[str, str]]:
    from smlint.analysis import Analysis, Resources
    from smlint.config import Settings
    from smlint.models import Post
    from smlint.pii.engine import artifacts_from_doc, default_presidio_engine, pii_engine

    if not posts:
        return []
    resources = Resources(Settings(nlp_model="none"))
    t0 = time.perf_counter()
    engine = resources.get(pii_engine)
    build_s = time.perf_counter() - t0
    nlp = resources.nlp

    def ours(text: str) -> object:
        post = Post(path="bench", source=text, text=text, published=text)
        return engine.find(Analysis(post, resources))

    def ours_with_doc(text: str) -> object:
        post = Post(path="bench", source=text, text=text, published=text)
        analysis = Analysis(post, resources)
        _ = analysis.doc
        return engine.find(analysis)

    default = default_presidio_engine()
    artifacts = {text: artifacts_from_doc(nlp(text), default.nlp_engine) for text in posts}

    def theirs(text: str) -> object:
        return default.analyze(text, language="en", nlp_artifacts=artifacts[text])

    med, p95 = _median_ms(posts, ours)
    med_doc, p95_doc = _median_ms(posts, ours_with_doc)
    dmed, dp95 = _median_ms(posts, theirs)
    n = f"{len(posts)} posts, mean {statistics.mean(len(p) for p in posts):.0f} chars"
    return [
        {
            "row": "PII stage median ms/post (no NER)",
            "value": f"{med:.2f}",
            "note": f"smlint's Presidio recognizers (skipped where their regexes cannot "
            f"match), overlap resolution and allow-lists included; p95 {p95:.2f} ms; {n}",
        },
        {
            "row": "PII stage + blank spaCy doc median ms/post",
            "value": f"{med_doc:.2f}",
            "note": f"the doc is shared with the other checks; p95 {p95_doc:.2f} ms",
        },
        {
            "row": "Presidio default recognizers median ms/post (offline, blank pipeline)",
            "value": f"{dmed:.2f}",
            "note": f"same posts, same precomputed doc; p95 {dp95:.2f} ms",
        },
        {
            "row": "PII engine build s (once per process)",
            "value": f"{build_s:.2f}",
            "note": "Presidio import + recognizer construction",
        },
    ]


def _sample_posts() -> list[str]:
    base = [
        "Casper job fair Thursday 10 a.m.-2 p.m. at the Workforce Center, 851 Werner Ct. "
        "Bring your resume! Questions: (307) 234-4591 or dws-info@wyo.gov #hiring",
        "@renter Thanks! Service request #2504418 for your missing cart is assigned. We'll call"
        " you at 414.555.0133 when the new cart is on its way.",
        "Update for claimant Ryan Example (SSN 399-40-1872): your claim DMA-25-0412 has been "
        "forwarded to finance. Expect payment within 10 business days.",
        "Snow emergency tonight: park on the odd side so crews can plow. Map: "
        "https://www.example.gov/snow Questions: 608-266-4681",
    ]
    return [f"{text} ({i})" for i in range(250) for text in base]


if __name__ == "__main__":
    if len(sys.argv) > 1:
        lines = Path(sys.argv[1]).read_text(encoding="utf-8").splitlines()
        sample = [json.loads(line)["text"] for line in lines if line.strip()]
    else:
        sample = _sample_posts()
    for row in measure(sample):
        print(f"{row['row']:<72} {row['value']:>7}  {row['note']}")
