"""The default flake8-style report: ``path:row:col: CODE message``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from smlint.models import Severity
from smlint.reporters.base import Report, citation_text, masked_line
from smlint.ruledata.catalog import Catalog

COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
BOLD, RESET = "\033[1m", "\033[0m"


def statistics_lines(counts: Mapping[str, int], catalog: Catalog) -> list[str]:
    """flake8's ``--statistics``: ``{count:<5} {code} {message}`` a code."""
    return [f"{counts[code]:<5} {code} {catalog[code].name}" for code in sorted(counts)]


def format_text(report: Report) -> str:
    lines: list[str] = []
    if report.quiet >= 2:
        pass
    elif report.quiet == 1:
        lines.extend(dict.fromkeys(f.display for f in report.findings))
    else:
        for f in report.findings:
            where = f"{f.display}:{f.row}:{f.column}:"
            code = f.code
            if report.color:
                where = f"{BOLD}{where}{RESET}"
                code = f"{COLORS[f.severity]}{code}{RESET}"
            lines.append(f"{where} {code} {f.message} ({f.severity.label}){citation_text(f)}")
            if report.show_source:
                source = masked_line(report, f)
                if source is not None:
                    lines.append(source)
                    width = max(1, (f.end_column - f.column) if f.end_row == f.row else 1)
                    lines.append(" " * (f.column - 1) + "^" * width)
    if report.statistics:
        lines.extend(statistics_lines(Counter(f.code for f in report.findings), report.catalog))
    if report.count:
        lines.append(str(len(report.findings)))
    return "\n".join(lines) + ("\n" if lines else "")
