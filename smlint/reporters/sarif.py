"""SARIF 2.1.0 for code-scanning dashboards (GitHub reads partialFingerprints)."""

from __future__ import annotations

import json
from collections import Counter

from smlint.models import Severity
from smlint.reporters.base import Report, fingerprint

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def format_sarif(report: Report) -> str:
    rules = list(report.catalog)
    index = {rule.code: i for i, rule in enumerate(rules)}
    driver = {
        "name": "smlint",
        "version": report.version,
        "informationUri": "https://pypi.org/project/smlint/",
        "rules": [
            {
                "id": rule.code,
                "name": rule.slug,
                "shortDescription": {"text": rule.name},
                "fullDescription": {"text": rule.description},
                "help": {"text": rule.fix, "markdown": f"**{rule.name}**\n\n{rule.fix}"},
                "defaultConfiguration": {"level": LEVELS[rule.severity]},
                "properties": {"tags": [rule.family_title]},
            }
            for rule in rules
        ],
    }
    seen: Counter[str] = Counter()
    results = []
    for f in report.findings:
        digest = fingerprint(report, f)
        seen[digest] += 1
        result = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": LEVELS[f.severity],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.path.replace("\\", "/")},
                        "region": {
                            "startLine": f.row,
                            "startColumn": f.column,
                            "endLine": f.end_row,
                            "endColumn": f.end_column,
                        },
                    }
                }
            ],
            "partialFingerprints": {"primaryLocationLineHash": f"{digest[:32]}:{seen[digest]}"},
        }
        if f.post_id is not None:
            result["properties"] = {"postId": f.post_id}
        if f.citation:
            result.setdefault("properties", {})["policy"] = {
                "pack": f.citation.pack,
                "section": f.citation.section,
            }
        results.append(result)
    sarif = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": results}],
    }
    return json.dumps(sarif, indent=2) + "\n"
