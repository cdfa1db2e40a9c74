"""JSON (one array, streamed element by element) and JSON Lines reports, with ruff's keys
plus ours. No PII values."""

from __future__ import annotations

import json
from typing import Any

from smlint.models import Finding, Post
from smlint.reporters.base import FormatReporter, Linted, Summary


def finding_dict(f: Finding, post: Post) -> dict[str, Any]:
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
            {
                "pack": c.pack,
                "policy": c.policy,
                "section": c.section,
                "quote": c.quote,
                "example": c.example,
            }
            if c
            else None
        ),
        "explanation": dict(f.detail),
        "post": dict(post.meta) or None,
    }


class JsonReporter(FormatReporter):
    """One JSON array with one finding a line, indented by two.

    One line per finding keeps the array easy to grep and diff, and lets json's C encoder do
    the work (indented output goes through its pure-Python encoder, ~10x slower).
    """

    _first = True

    def post(self, linted: Linted) -> None:
        if not linted.findings:
            return
        parts = []
        for f in linted.findings:
            parts.append("[\n  " if self._first else ",\n  ")
            parts.append(json.dumps(finding_dict(f, linted.post)))
            self._first = False
        self.out.write("".join(parts))

    def finish(self, summary: Summary) -> None:
        self.out.write("[]\n" if self._first else "\n]\n")


class JsonlReporter(FormatReporter):
    """The same objects, one a line."""

    def post(self, linted: Linted) -> None:
        if linted.findings:
            self.out.write(
                "".join(
                    json.dumps(finding_dict(f, linted.post), separators=(",", ":")) + "\n"
                    for f in linted.findings
                )
            )
