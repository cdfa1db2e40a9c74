"""SM101–SM111: personal and confidential identifiers, found by Presidio (``smlint.pii``)."""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping

from smlint.analysis import Analysis, Resources
from smlint.checks.base import Check, CheckContext
from smlint.models import Hit
from smlint.pretest.index import Requirement, Requirements


def pretests(resources: Resources, known: Requirements) -> Mapping[Hashable, Requirement]:
    from smlint.pii.patterns import pretests as pii_pretests

    return pii_pretests(resources.settings, known)


def _run(analysis: Analysis, _ctx: CheckContext) -> Iterator[Hit]:
    from smlint.pii.engine import find_pii

    for span in find_pii(analysis):
        yield Hit(code=span.code, start=span.start, end=span.end, detail=span.detail())


CHECK = Check(name="pii", run=_run, pretests=pretests)
