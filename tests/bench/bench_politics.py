"""SM301-SM305 (the politics family) benchmark: what the family adds per post.

``measure(posts)`` lints the same posts in-process twice (``--nlp-model none``, official
mode): with one cheap rule (SM701, length) and with that rule plus the politics family, and
reports the difference per post, the family's cost (target <= 0.15 ms a post), and how many
posts it flagged. Each run is the best of three by CPU time (the machine is shared), after
one warm-up pass.

Run alone: ``python tests/bench/bench_politics.py FILE`` (JSON Lines with a ``text`` field,
or one post per line) prints the rows.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from smlint.config import Settings
from smlint.engine.build import linter_for
from smlint.inputs.drafts import DraftDefaults, make_post

BASE = ("SM701",)
FAMILY = ("SM301", "SM302", "SM303", "SM304", "SM305")


def _run(select: tuple[str, ...], posts: list[Any]) -> tuple[float, int]:
    linter = linter_for(Settings(select=select, nlp_model="none"))
    for post in posts[:200]:  # warm-up: compiled scanners, first-use resources
        linter.lint(post)
    best, flagged = float("inf"), 0
    for _ in range(3):
        start = time.process_time()
        flagged = sum(any(f.code.startswith("SM3") for f in linter.lint(p).findings) for p in posts)
        best = min(best, time.process_time() - start)
    return best, flagged


def measure(texts: list[str]) -> list[dict[str, Any]]:
    defaults = DraftDefaults(mode="official", platform="none")
    posts = [
        make_post(f"p{i}", t, defaults, markdown=False, honour_inline=False)
        for i, t in enumerate(texts)
    ]
    base, _ = _run(BASE, posts)
    with_family, flagged = _run(BASE + FAMILY, posts)
    n = max(1, len(posts))
    per_post = 1000 * max(with_family - base, 0.0) / n
    return [
        {
            "row": "politics family SM301-SM305, per post (ms)",
            "value": per_post,
            "note": "target <= 0.15; with SM701 minus SM701 alone",
        },
        {"row": "posts with an SM3xx finding", "value": flagged, "note": f"of {n:,}"},
    ]


def _texts(path: Path) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            try:
                out.append(str(json.loads(line)["text"]))
            except (ValueError, KeyError, TypeError):
                out.append(line)
    return out


if __name__ == "__main__":
    for row in measure(_texts(Path(sys.argv[1]))):
        print(f"{row['row']}: {row['value']:.4g}  ({row['note']})")
