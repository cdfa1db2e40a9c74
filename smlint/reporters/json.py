"""JSON (one array) and JSON Lines reports, with ruff's keys plus ours. No PII values."""

from __future__ import annotations

import json
from typing import Any

from smlint.models import Finding
from smlint.reporters.base import Report


def finding_dict(report: Report, f: Finding) -> dict[str, Any]:
    post = report.sources.get(f.display)
    meta = dict(post.meta) if post is not None else {}
    c = f.citation
    return {
        "filename": f.path,
        "post_id": f.post_id,
        "code": f.code,
        "rule": f.slug,
        "severity": f.severity.label,
        "message": f.message,
        "location": {"row": f.row, "column": f.column},
        "end_location": {"row": f.end_row, "column": f.end_column},
        "policy": (
            {"pack": c.pack, "policy": c.policy, "section": c.section, "quote": c.quote}
            if c
            else None
        ),
        "explanation": dict(f.detail),
        "post": meta or None,
    }


def json_element(report: Report, f: Finding) -> str:
    """One finding as an element of the JSON array: a line of its own, indented by two.

    One line per finding keeps the array easy to grep and diff, and lets json's C encoder do
    the work (indented output goes through its pure-Python encoder, ~10x slower).
    """
    return "  " + json.dumps(finding_dict(report, f))


def format_json(report: Report) -> str:
    if not report.findings:
        return "[]\n"
    return "[\n" + ",\n".join(json_element(report, f) for f in report.findings) + "\n]\n"


def format_jsonl(report: Report) -> str:
    return "".join(
        json.dumps(finding_dict(report, f), separators=(",", ":")) + "\n" for f in report.findings
    )
