"""SARIF 2.1.0 for code-scanning dashboards (GitHub reads partialFingerprints).

One document with the rule catalog first: the results are kept (without post text) until
the run finishes.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import IO, Any

from smlint.models import Severity
from smlint.reporters.base import (
    FormatReporter,
    Linted,
    Style,
    Summary,
    file_region,
    fingerprint,
)

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


class SarifReporter(FormatReporter):
    def __init__(self, out: IO[str], style: Style) -> None:
        super().__init__(out, style)
        self.index = {rule.code: i for i, rule in enumerate(style.catalog)}
        self.seen: Counter[str] = Counter()
        self.results: list[dict[str, Any]] = []

    def post(self, linted: Linted) -> None:
        for f in linted.findings:
            digest = fingerprint(linted, f)
            self.seen[digest] += 1
            where = file_region(linted, f)
            region: dict[str, int] = {"startLine": where.line}
            if where.column is not None:
                region["startColumn"] = where.column
            region["endLine"] = where.end_line
            if where.end_column is not None:
                region["endColumn"] = where.end_column
            message = f.message
            location: dict[str, Any] = {
                "physicalLocation": {
                    "artifactLocation": {"uri": f.path.replace("\\", "/")},
                    "region": region,
                }
            }
            if f.post_id is not None:
                # The post is named in the message (what a dashboard shows) and as the
                # logical location; the region is the export's row or line of the post.
                message = f"{message} (post {f.post_id}, at {f.row}:{f.column})"
                location["logicalLocations"] = [
                    {"name": f.post_id, "kind": "element", "fullyQualifiedName": f.display}
                ]
            result = {
                "ruleId": f.code,
                "ruleIndex": self.index[f.code],
                "level": LEVELS[f.severity],
                "message": {"text": message},
                "locations": [location],
                "partialFingerprints": {
                    "primaryLocationLineHash": f"{digest[:32]}:{self.seen[digest]}"
                },
            }
            if f.post_id is not None:
                result["properties"] = {"postId": f.post_id}
            if f.citation:
                result.setdefault("properties", {})["policy"] = {
                    "pack": f.citation.pack,
                    "section": f.citation.section,
                }
            self.results.append(result)

    def finish(self, summary: Summary) -> None:
        driver = {
            "name": "smlint",
            "version": self.style.version,
            "informationUri": "https://pypi.org/project/smlint/",
            "rules": [
                {
                    "id": rule.code,
                    "name": rule.slug,
                    "shortDescription": {"text": rule.name},
                    "fullDescription": {"text": rule.description},
                    "help": {"text": rule.fix, "markdown": f"**{rule.name}**\n\n{rule.fix}"},
                    "helpUri": rule.docs,
                    "defaultConfiguration": {"level": LEVELS[rule.severity]},
                    "properties": {
                        "tags": [rule.family_title],
                        **({"fixable": rule.autofix} if rule.autofix else {}),
                    },
                }
                for rule in self.style.catalog
            ],
        }
        sarif = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{"tool": {"driver": driver}, "results": self.results}],
        }
        self.out.write(json.dumps(sarif, indent=2) + "\n")
