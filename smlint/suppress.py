"""Which findings are reported: select/ignore and inline disables (baselines: ``baseline``)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from smlint.errors import UserError
from smlint.models import Finding, Post
from smlint.ruledata.catalog import Catalog

CODE_PREFIX_RE = re.compile(r"^[A-Z]{1,3}[0-9]{0,3}$")


class SelectionError(UserError):
    """An unknown or malformed code in --select/--ignore."""


def parse_codes(values: Iterable[str], catalog: Catalog, option: str) -> tuple[str, ...]:
    """Split comma lists, upper-case, and check each names at least one catalog code."""
    out = []
    for value in values:
        for item in value.split(","):
            code = item.strip().upper()
            if not code:
                continue
            if not CODE_PREFIX_RE.match(code) or not catalog.matching(code):
                raise SelectionError(f"{option}: unknown rule code or prefix {item.strip()!r}")
            out.append(code)
    return tuple(out)


def _longest(code: str, prefixes: tuple[str, ...]) -> int:
    return max((len(p) for p in prefixes if code.startswith(p)), default=-1)


@dataclass(frozen=True)
class Selection:
    """flake8-style decision: the most specific matching prefix wins; ties go to ignore.

    The pack's enabled rules are selected by default; ``select`` narrows them,
    ``extend_select`` adds catalog rules beyond the pack, ``ignore``/``extend_ignore`` drop.
    """

    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def decide(self, code: str, in_pack: bool) -> bool:
        selected = max(
            _longest(code, self.select or ("SM",)) if in_pack else -1,
            _longest(code, self.extend_select),
        )
        return selected >= 0 and selected > _longest(code, self.ignore)


def inline_disabled(finding: Finding, post: Post) -> bool:
    """Whether an inline comment disables the finding. A range's codes are prefixes; "-CODE"
    entries are exceptions, and a range of exceptions only disables every other code."""
    for start, end, codes in post.disabled:
        if not start <= finding.start < end:
            continue
        if codes is None:
            return True
        named = tuple(c for c in codes if not c.startswith("-"))
        excepted = tuple(c[1:] for c in codes if c.startswith("-"))
        if excepted and finding.code.startswith(excepted):
            continue
        if not named or finding.code.startswith(named):
            return True
    return False
