"""``smlint check``: lint drafts (files, folders, standard input)."""

from __future__ import annotations

from dataclasses import dataclass

from smlint.config import Settings
from smlint.pipeline.command import RunOptions, execute
from smlint.pipeline.sources import Drafts


@dataclass(frozen=True, kw_only=True)
class CheckOptions(RunOptions):
    stdin_name: str = "stdin"


def run_check(options: CheckOptions) -> int:
    def drafts(settings: Settings) -> Drafts:
        return Drafts(options.paths, settings, stdin_name=options.stdin_name)

    return execute(options, drafts)
