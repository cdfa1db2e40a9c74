"""Reporters: what a run writes, each following the protocol of ``reporters.base``.

``FORMATS`` is the registry of ``--format`` names (the command line and the config file take
their choices from it). Modules are imported on demand, so ``--help`` stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from smlint.reporters.base import FormatReporter

# --format name -> "module:class" of its reporter.
FORMATS: dict[str, str] = {
    "default": "smlint.reporters.text:TextReporter",
    "json": "smlint.reporters.json:JsonReporter",
    "jsonl": "smlint.reporters.json:JsonlReporter",
    "sarif": "smlint.reporters.sarif:SarifReporter",
    "github": "smlint.reporters.github:GithubReporter",
    "junit": "smlint.reporters.junit:JunitReporter",
}


def format_reporter(name: str) -> type[FormatReporter]:
    """The reporter class of a ``--format`` name."""
    try:
        module, _, cls = FORMATS[name].partition(":")
    except KeyError:
        raise ValueError(f"unknown format {name!r}") from None
    return getattr(import_module(module), cls)
