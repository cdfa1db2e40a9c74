"""Where the data in ``rules/`` lives, installed or in a source checkout, and reading it."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from smlint import cache as disk


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
    """A YAML file under ``rules/``, parsed once per process (treat it as read-only); the
    parsed form is kept on disk, keyed by the file's content, for the next process."""
    raw = data_path(relative).read_bytes()
    key = disk.digest("yaml", relative, hashlib.sha256(raw).hexdigest())
    found = disk.load("yaml", key)
    if found is None:
        found = parse_yaml(raw.decode("utf-8"))
        disk.store("yaml", key, found)
    return found


@cache
def rules_digest() -> str:
    """A hash of every file under ``rules/`` (what derived state built from them keys on)."""
    h = hashlib.sha256()
    root = rules_dir()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(root)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()
