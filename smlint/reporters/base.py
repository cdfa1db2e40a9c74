"""What every formatter receives, and the PII-safe views of findings they share."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from smlint.models import Finding, Post, Problem
from smlint.ruledata.catalog import Catalog

PII_FAMILY = "SM1"
MASK = "*"


@dataclass(frozen=True, kw_only=True)
class Report:
    findings: Sequence[Finding]
    catalog: Catalog
    version: str
    # Posts that have findings, by display name: for source lines and post metadata.
    sources: Mapping[str, Post] = field(default_factory=dict)
    # Every post linted, by display name, in order (JUnit lists clean ones as passing).
    linted: Sequence[str] = ()
    # Input and internal errors (also on stderr); JUnit lists them as errored test cases.
    problems: Sequence[Problem] = ()
    color: bool = False
    show_source: bool = False
    statistics: bool = False
    count: bool = False
    quiet: int = 0


def masked_line(report: Report, finding: Finding) -> str | None:
    """The finding's first source line with every PII match on it masked ('***-**-****')."""
    post = report.sources.get(finding.display)
    if post is None:
        return None
    line = list(post.line(finding.row))
    line_start = finding.start - (finding.column - 1)
    for other in report.findings:
        if other.display != finding.display or not other.code.startswith(PII_FAMILY):
            continue
        for offset in range(other.start, other.end):
            i = offset - line_start
            if 0 <= i < len(line) and line[i].isalnum():
                line[i] = MASK
    return "".join(line)


def fingerprint(report: Report, finding: Finding) -> str:
    """A stable hash of file, code and the masked source line (no PII, no line number)."""
    line = masked_line(report, finding) or ""
    data = "\0".join((finding.display, finding.code, " ".join(line.split())))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def citation_text(finding: Finding) -> str:
    c = finding.citation
    return f" [{c.policy}: {c.section}]" if c else ""
