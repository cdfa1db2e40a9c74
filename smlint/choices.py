"""The values the command line and the config file accept, from one place.

Modes and platforms are defined with the models (drafts and the catalog check them too);
formats are the names of the reporter registry; packs are the files of ``rules/packs``.
Importing this module stays cheap: ``--help`` builds its choices from it.
"""

from __future__ import annotations

from smlint.models import MODES, PLATFORMS
from smlint.reporters import FORMATS as _REGISTRY

FORMATS: tuple[str, ...] = tuple(_REGISTRY)
FAIL_ON = ("error", "warning", "info")
ENGINES = ("local", "spark", "dask")  # scan --engine

__all__ = ["ENGINES", "FAIL_ON", "FORMATS", "MODES", "PLATFORMS", "builtin_packs"]


def builtin_packs() -> tuple[str, ...]:
    """The names of the built-in policy packs, sorted."""
    from smlint.ruledata.packs import builtin_names

    return tuple(builtin_names())
