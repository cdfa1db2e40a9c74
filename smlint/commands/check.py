"""``smlint check``: lint drafts (files, folders, standard input)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from smlint.config import ConfigTree, Settings, find_config
from smlint.pipeline.command import RunOptions, execute
from smlint.pipeline.sources import Drafts


@dataclass(frozen=True, kw_only=True)
class CheckOptions(RunOptions):
    stdin_name: str = "stdin"


def run_check(options: CheckOptions) -> int:
    def drafts(settings: Settings) -> Drafts:
        # Each draft reads its nearest config (ruff's discovery), unless --config names one.
        root = options.config if options.config is not None else find_config(Path.cwd())
        tree = ConfigTree(root, options.overrides, explicit=options.config is not None)
        return Drafts(options.paths, settings, stdin_name=options.stdin_name, tree=tree)

    return execute(options, drafts)
