"""The default flake8-style report, ``path:row:col: CODE message``, and its --statistics and
--count lines."""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO

from smlint.models import Severity
from smlint.reporters.base import (
    FormatReporter,
    Linted,
    Reporter,
    Summary,
    citation_text,
    masked_line,
)
from smlint.ruledata.catalog import Catalog

COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
BOLD, RESET = "\033[1m", "\033[0m"


class TextReporter(FormatReporter):
    """One line a finding (``-q``: one line a post with findings; ``-qq``: nothing), each
    post's lines written at once."""

    _last = ""  # -q: the post named last

    def post(self, linted: Linted) -> None:
        quiet = self.style.quiet
        if not linted.findings or quiet >= 2:
            return
        if quiet == 1:
            name = linted.post.display
            if name != self._last:
                self.out.write(name + "\n")
                self._last = name
            return
        color, show_source = self.style.color, self.style.show_source
        catalog = self.style.catalog
        lines = []
        for f in linted.findings:
            where = f"{f.display}:{f.row}:{f.column}:"
            code = f.code
            # ruff's mark: "[*]" where `smlint fix` fixes the finding (safe fixes only)
            mark = " [*]" if catalog[code].autofix == "safe" else ""
            if color:
                where = f"{BOLD}{where}{RESET}"
                code = f"{COLORS[f.severity]}{code}{RESET}"
            lines.append(f"{where} {code}{mark} {f.message} ({f.severity.label}){citation_text(f)}")
            if show_source:
                lines.append(masked_line(linted, f))
                width = max(1, (f.end_column - f.column) if f.end_row == f.row else 1)
                lines.append(" " * (f.column - 1) + "^" * width)
        self.out.write("\n".join(lines) + "\n")


def statistics_lines(counts: Mapping[str, int], catalog: Catalog) -> list[str]:
    """flake8's ``--statistics``: ``{count:<5} {code} {message}`` a code."""
    return [f"{counts[code]:<5} {code} {catalog[code].name}" for code in sorted(counts)]


class StatisticsReporter(Reporter):
    """``--statistics`` (findings per code) and ``--count`` (their total), after the report."""

    def __init__(self, out: IO[str], catalog: Catalog, *, statistics: bool, count: bool):
        self.out = out
        self.catalog = catalog
        self.statistics = statistics
        self.count = count

    def finish(self, summary: Summary) -> None:
        lines = statistics_lines(summary.by_rule, self.catalog) if self.statistics else []
        if self.count:
            lines.append(str(summary.findings))
        if lines:
            self.out.write("\n".join(lines) + "\n")
