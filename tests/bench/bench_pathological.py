"""Pathological posts: one character class repeated to 5k, 10k, 20k and 40k characters.

Each post is linted once, in this process, with every rule on and the configured NLP model,
and its spaCy doc built (``smlint.analysis.nlp.parse``);
the row is the CPU time at each size and the growth from 10k to 40k (4.0 is linear; a
quadratic path shows about 16). Targets: growth at most linear, no 40k post over 0.5 s CPU.

Run alone: ``python tests/bench/bench_pathological.py [--sizes 5000,10000] [--classes '(,a.']``
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

# The classes an attack on smlint found quadratic (issue 16), each repeated to the size.
CLASSES: tuple[str, ...] = (
    "(",
    ")",
    "[",
    "<",
    "!",
    "'",
    '"',
    "*",
    "_",
    "#",
    ":",
    ";",
    "\u2014",
    "$",
    "a.",
    "www.",
    "https://",
    "1-",
    "-",
)
SIZES: tuple[int, ...] = (5_000, 10_000, 20_000, 40_000)
LIMIT = 0.5  # seconds of CPU a 40k post may cost


# Words around the run, so that every check (sentences, NLP, sign-off, links) reads it.
HEAD = "Road update from the county on immigration and abortion, vote in the election: "
TAIL = " Thanks, Jane Doe, Program Manager"


def text_of(unit: str, size: int) -> str:
    run = size - len(HEAD) - len(TAIL)
    return HEAD + (unit * (run // len(unit) + 1))[:run] + TAIL


def make_linter():
    """The linter of a default run, every rule on, warmed up."""
    from smlint.config import Settings
    from smlint.engine.build import linter_for
    from smlint.parallel import warm_up

    settings = Settings().merged(select=("SM",))
    linter = linter_for(settings)
    warm_up(linter)
    return linter


def lint_cpu(linter, text: str) -> float:
    """CPU of linting ``text`` plus building its spaCy doc (which the checks that read
    sentences or tokens do; the pre-tests skip it on most posts, an attacker need not)."""
    from smlint.analysis.nlp import parse
    from smlint.inputs.drafts import DraftDefaults, make_post

    defaults = DraftDefaults(mode="official", platform="none")
    post = make_post("bench.txt", text, defaults, markdown=False, honour_inline=True)
    nlp = linter.resources.nlp
    t0 = time.process_time()
    linter.lint(post)
    parse(nlp, text)
    return time.process_time() - t0


def measure(
    posts: object = None,
    sizes: tuple[int, ...] = SIZES,
    classes: tuple[str, ...] = CLASSES,
) -> list[dict]:
    """Rows {row, value, note}: CPU seconds per size and the 10k→40k growth, per class."""
    linter = make_linter()
    rows = []
    worst = 0.0
    for unit in classes:
        cpu = {size: lint_cpu(linter, text_of(unit, size)) for size in sizes}
        big = cpu[max(sizes)]
        worst = max(worst, big)
        small = min((s for s in sizes if s >= max(sizes) // 4), default=min(sizes))
        growth = big / cpu[small] if cpu[small] > 0 else float("nan")
        times = ", ".join(f"{s // 1000}k {cpu[s]:.3f}s" for s in sizes)
        verdict = "ok" if big <= LIMIT and growth <= 2 * max(sizes) / small else "SLOW"
        rows.append(
            {
                "row": f"pathological {unit!r} x{max(sizes) // 1000}k CPU",
                "value": f"{big:.3f} s",
                "note": f"{times}; growth {small // 1000}k->{max(sizes) // 1000}k "
                f"x{growth:.1f} ({verdict})",
            }
        )
    rows.append(
        {
            "row": "pathological: worst post CPU",
            "value": f"{worst:.3f} s",
            "note": f"target <= {LIMIT} s at {max(sizes) // 1000}k characters",
        }
    )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--classes", default=None, help="comma-separated; default: all")
    args = parser.parse_args()
    sizes = tuple(int(s) for s in args.sizes.split(","))
    classes = tuple(args.classes.split(",")) if args.classes else CLASSES
    for row in measure(None, sizes, classes):
        print(f"{row['row']:<40} {row['value']:>10}  {row['note']}", flush=True)


if __name__ == "__main__":
    main()
