"""How quiet smlint is on real agency posts, linted with no config and the default pack.

Usage: python tests/eval/agency_quiet.py [EVAL_DATA_DIR] [--smlint PATH] [--dump FILE]
                                         [--limit N] [--json]

For each of the four agency sets in ``../shared/eval-data`` it runs ``smlint scan`` from an
empty temporary directory (so no ``.smlint.toml`` is found) and reports:

- ``noisy``: share of posts with any finding at warning or error (target: at most 2%);
- ``content``: findings per code in the content view (``--select SM1,SM2,SM3,SM6``), and
  the share of posts with any content finding (every one of them is to be read by hand and
  classified; the target for *false* findings is at most 0.5% of posts).

``--dump FILE`` writes every content finding (set, post id, code, matched text, detail) to
FILE for reading. Keep that file outside the repository: it holds tweet text.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parents[2] / "shared" / "eval-data"

# set name -> (file inside the set's folder, text column, id column)
SETS: dict[str, tuple[str, str, str]] = {
    "us-state-officials-official-tweets": ("posts.jsonl", "text", "id"),
    "uk-police-tweets": ("labeled_training.csv", "base_text", ""),
    "crisislext26-government": ("government_source_tweets.csv", "text", "tweet_id"),
    "us-federal-agency-tweets": ("coded-tweet-data.csv", "Text", "HITID"),
}
CONTENT = "SM1,SM2,SM3,SM6"


def count_posts(path: Path, text_column: str) -> int:
    if path.suffix == ".jsonl":
        return sum(1 for line in path.open(encoding="utf-8") if line.strip())
    import csv

    with path.open(encoding="utf-8", newline="") as handle:
        return sum(1 for row in csv.DictReader(handle) if (row.get(text_column) or "").strip())


def limited_copy(path: Path, limit: int, workdir: Path) -> Path:
    """The first ``limit`` posts of ``path`` in a file of the same kind."""
    out = workdir / f"sample{path.suffix}"
    if path.suffix == ".jsonl":
        lines = [line for line in path.open(encoding="utf-8") if line.strip()][:limit]
        out.write_text("".join(lines), encoding="utf-8")
        return out
    import csv

    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        rows = [next(reader)] + [row for _, row in zip(range(limit), reader, strict=False)]
    with out.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return out


def scan(
    smlint: str, path: Path, text_column: str, id_column: str, workdir: Path, select: str | None
) -> list[dict]:
    cmd = [smlint, "scan", str(path), "--text-column", text_column, "--format", "jsonl"]
    cmd += ["--exit-zero", "-q"]
    if id_column:
        cmd += ["--id-column", id_column]
    if select:
        cmd += ["--select", select]
    proc = subprocess.run(cmd, cwd=workdir, capture_output=True, text=True, check=False)
    if proc.returncode not in (0, 1):
        sys.exit(f"smlint failed on {path}: {proc.stderr.strip()[:300]}")
    return [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]


def post_text(path: Path, text_column: str, id_column: str) -> dict[str, str]:
    """Post id -> text, for the dump only."""
    texts: dict[str, str] = {}
    if path.suffix == ".jsonl":
        for line in path.open(encoding="utf-8"):
            if line.strip():
                row = json.loads(line)
                texts[str(row.get(id_column))] = str(row.get(text_column) or "")
        return texts
    import csv

    with path.open(encoding="utf-8", newline="") as handle:
        # Without an id column smlint names a CSV post by the file line its record starts on.
        reader = csv.DictReader(handle)
        start = 2
        for row in reader:
            key = str(row.get(id_column)) if id_column else f"row-{start}"
            texts[key] = row.get(text_column) or ""
            start = reader.line_num + 1
    return texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--smlint", default=str(HERE.parents[1] / ".venv" / "bin" / "smlint"))
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="first N posts of each set")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    report: dict[str, dict] = {}
    dump_lines: list[str] = []
    totals = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for name, (filename, text_column, id_column) in SETS.items():
            path = args.data / name / filename
            if not path.is_file():
                print(f"skip {name}: {path} not found", file=sys.stderr)
                continue
            if args.limit:
                path = limited_copy(path, args.limit, workdir)
            posts = count_posts(path, text_column)
            every = scan(args.smlint, path, text_column, id_column, workdir, None)
            noisy_ids = {
                f.get("post_id") for f in every if f.get("severity") in ("warning", "error")
            }
            content = [f for f in every if f["code"][:3] in ("SM1", "SM2", "SM3", "SM6")]
            content_ids = {f.get("post_id") for f in content}
            by_code = Counter(f["code"] for f in content)
            all_codes = Counter(
                f["code"] for f in every if f.get("severity") in ("warning", "error")
            )
            report[name] = {
                "posts": posts,
                "noisy_posts": len(noisy_ids),
                "noisy_share": round(len(noisy_ids) / posts, 4) if posts else 0.0,
                "noisy_by_code": dict(all_codes.most_common()),
                "content_posts": len(content_ids),
                "content_share": round(len(content_ids) / posts, 4) if posts else 0.0,
                "content_by_code": dict(by_code.most_common()),
            }
            totals.update(posts=posts, noisy=len(noisy_ids), content=len(content_ids))
            if args.dump:
                texts = post_text(path, text_column, id_column)
                for f in content:
                    text = texts.get(str(f.get("post_id")), "")
                    dump_lines.append(
                        json.dumps(
                            {
                                "set": name,
                                "post_id": f.get("post_id"),
                                "code": f["code"],
                                "severity": f.get("severity"),
                                "message": f.get("message"),
                                "detail": f.get("explanation"),
                                "location": f.get("location"),
                                "end_location": f.get("end_location"),
                                "text": text,
                            },
                            ensure_ascii=False,
                        )
                    )
    if args.dump:
        args.dump.write_text("\n".join(dump_lines) + "\n", encoding="utf-8")
    posts = totals["posts"] or 1
    report["total"] = {
        "posts": totals["posts"],
        "noisy_share": round(totals["noisy"] / posts, 4),
        "content_share": round(totals["content"] / posts, 4),
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    for name, row in report.items():
        if name == "total":
            continue
        print(
            f"{name}: {row['posts']} posts; warning/error on {row['noisy_posts']}"
            f" ({row['noisy_share']:.1%}); content findings on {row['content_posts']}"
            f" ({row['content_share']:.1%})"
        )
        print(f"  warning/error by code: {row['noisy_by_code']}")
        print(f"  content by code: {row['content_by_code']}")
    t = report["total"]
    print(
        f"total: {t['posts']} posts; warning/error {t['noisy_share']:.1%};"
        f" content {t['content_share']:.1%}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
