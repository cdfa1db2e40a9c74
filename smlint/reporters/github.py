"""GitHub Actions workflow-command annotations, plus a Markdown step summary."""

from __future__ import annotations

import os
from collections.abc import Mapping

from smlint.models import Severity
from smlint.reporters.base import FormatReporter, Linted, Reporter, Summary, file_region
from smlint.ruledata.catalog import Catalog

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(FormatReporter):
    """``::error file=F,line=L,...::MESSAGE``, one line a finding."""

    def post(self, linted: Linted) -> None:
        lines = []
        for f in linted.findings:
            region = file_region(linted, f)
            cols = (
                f"col={region.column},endColumn={region.end_column},"
                if region.column is not None
                else ""
            )
            props = (
                f"file={_property(f.path)},line={region.line},endLine={region.end_line},"
                f"{cols}title={_property(f'{f.code} {f.slug}')}"
            )
            where = f" (post {f.post_id}, at {f.row}:{f.column})" if f.post_id is not None else ""
            lines.append(f"::{LEVELS[f.severity]} {props}::{_data(f.message + where)}\n")
        if lines:
            self.out.write("".join(lines))


def step_summary(counts: Mapping[str, int], catalog: Catalog) -> str:
    """A Markdown table of findings per code (GitHub shows few annotations per step)."""
    if not counts:
        return "### smlint\n\nNo findings.\n"
    rows = [
        f"| {code} | {catalog[code].slug} | {catalog[code].severity.label} | {n} |"
        for code, n in sorted(counts.items())
    ]
    return (
        f"### smlint: {sum(counts.values())} finding(s)\n\n"
        "| code | rule | severity | count |\n|---|---|---|---|\n" + "\n".join(rows) + "\n"
    )


class StepSummaryReporter(Reporter):
    """Appends the summary to ``$GITHUB_STEP_SUMMARY`` when the workflow provides one."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def finish(self, summary: Summary) -> None:
        path = os.environ.get("GITHUB_STEP_SUMMARY")
        if path:
            with open(path, "a", encoding="utf-8") as handle:
                handle.write(step_summary(summary.by_rule, self.catalog))
