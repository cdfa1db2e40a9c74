"""Where the data in ``rules/`` lives, installed or in a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml


@cache
def rules_dir() -> Path:
    """The ``rules/`` folder: ``smlint/rules`` in a wheel, ``../rules`` in a checkout."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "rules", package.parent / "rules"):
        if (candidate / "catalog").is_dir():
            return candidate
    raise FileNotFoundError(f"smlint's rules/ data folder is missing next to {package}")


def data_path(relative: str) -> Path:
    return rules_dir() / relative


def parse_yaml(stream: Any) -> Any:
    """YAML's safe subset, with libyaml's C parser when PyYAML has it (~10x faster)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(stream, Loader=loader)


@cache
def load_yaml(relative: str) -> Any:
    """A YAML file under ``rules/``, parsed once per process (treat it as read-only)."""
    path = data_path(relative)
    with path.open(encoding="utf-8") as handle:
        return parse_yaml(handle)
