"""SM1xx: personal and confidential identifiers, found by Presidio (smlint.pii)."""

from __future__ import annotations

from collections.abc import Iterator

from smlint.analysis import Analysis
from smlint.checks.base import Check, CheckContext
from smlint.models import Hit
from smlint.pii.engine import find_pii
from smlint.pii.table import SM1_CODES


def _run(analysis: Analysis, ctx: CheckContext) -> Iterator[Hit]:
    codes = SM1_CODES & ctx.wanted
    if not codes:
        return
    for span in find_pii(analysis, codes):
        if span.code in codes:
            yield Hit(code=span.code, start=span.start, end=span.end, detail=span.detail())


CHECK = Check(name="pii", codes=SM1_CODES, run=_run)
