"""The stack a user might write instead of smlint: Presidio's default analyzer plus
better-profanity, called once per post, in-process.

Presidio is configured the way LIBRARIES.md found works offline: its spaCy NLP engine gets
a blank English pipeline saved to a temporary folder (``AnalyzerEngine()`` alone would try to
download ``en_core_web_lg``), and tldextract's public-suffix download is switched off before
Presidio imports it. Every default recognizer stays on; that is the point of the comparison.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class NaiveResult:
    posts: int
    setup_s: float  # imports + engine build + first call
    wall_s: float  # the per-post loop
    pii_s: float
    profanity_s: float
    pii_posts: int  # posts with at least one Presidio result at score >= 0.4
    profane_posts: int
    entities: dict[str, int]  # Presidio results at score >= 0.4, by entity type

    @property
    def per_post_ms(self) -> float:
        return 1000 * self.wall_s / max(self.posts, 1)


def build() -> tuple[Callable[[str], list], Callable[[str], bool]]:
    """(analyze(text) -> Presidio results, contains_profanity(text) -> bool), offline."""
    os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""  # read when tldextract is imported
    import spacy
    from better_profanity import profanity
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    folder = Path(tempfile.mkdtemp(prefix="smlint-naive-")) / "blank_en"
    spacy.blank("en").to_disk(folder)
    engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": str(folder)}])
    analyzer = AnalyzerEngine(nlp_engine=engine, supported_languages=["en"])
    profanity.load_censor_words()

    def analyze(text: str) -> list:
        return analyzer.analyze(text=text, language="en")

    return analyze, profanity.contains_profanity


def run(posts: Sequence[str], threshold: float = 0.4) -> NaiveResult:
    """Time the naive stack over ``posts`` (setup timed separately from the loop)."""
    start = time.perf_counter()
    analyze, contains_profanity = build()
    if posts:
        analyze(posts[0])  # Presidio's first call builds lazy state; count it as setup
        contains_profanity(posts[0])
    setup = time.perf_counter() - start

    pii_s = prof_s = 0.0
    pii_posts = profane_posts = 0
    entities: Counter[str] = Counter()
    clock = time.perf_counter
    loop_start = clock()
    for text in posts:
        t0 = clock()
        results = analyze(text)
        t1 = clock()
        profane = contains_profanity(text)
        t2 = clock()
        pii_s += t1 - t0
        prof_s += t2 - t1
        kept = [r.entity_type for r in results if r.score >= threshold]
        entities.update(kept)
        pii_posts += bool(kept)
        profane_posts += bool(profane)
    wall = clock() - loop_start
    return NaiveResult(
        len(posts), setup, wall, pii_s, prof_s, pii_posts, profane_posts, dict(entities)
    )


def main(argv: list[str] | None = None) -> int:
    """``naive.py POSTS.jsonl [N]``: run over the first N texts, print the result as JSON."""
    import argparse
    import json

    parser = argparse.ArgumentParser(description="Time the naive Presidio + better-profanity stack")
    parser.add_argument("posts", type=Path, help="JSONL with a 'text' field per line")
    parser.add_argument("limit", type=int, nargs="?", default=None, help="first N posts only")
    args = parser.parse_args(argv)
    with args.posts.open(encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle if line.strip()]
    result = run(texts[: args.limit] if args.limit is not None else texts)
    print(json.dumps({**asdict(result), "per_post_ms": result.per_post_ms}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
