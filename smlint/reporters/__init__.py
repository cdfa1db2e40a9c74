"""Report formats, chosen by name. A formatter gets the finished, sorted findings only."""

from __future__ import annotations

from collections.abc import Callable

from smlint.reporters.base import Report

Formatter = Callable[[Report], str]


def get_formatter(name: str) -> Formatter:
    """The formatter for ``name`` (imported on demand, so --help stays fast)."""
    if name == "default":
        from smlint.reporters.text import format_text as formatter
    elif name == "json":
        from smlint.reporters.json import format_json as formatter
    elif name == "jsonl":
        from smlint.reporters.json import format_jsonl as formatter
    elif name == "sarif":
        from smlint.reporters.sarif import format_sarif as formatter
    elif name == "github":
        from smlint.reporters.github import format_github as formatter
    elif name == "junit":
        from smlint.reporters.junit import format_junit as formatter
    else:
        raise ValueError(f"unknown format {name!r}")
    return formatter
