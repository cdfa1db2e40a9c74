"""What a check is: a named producer of hits for a fixed set of codes."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from smlint.analysis import Analysis
from smlint.models import Hit
from smlint.ruledata.packs import RuleSet


@dataclass(frozen=True)
class CheckContext:
    """What a check may know besides the post: the active rules of this post's pack."""

    ruleset: RuleSet
    wanted: frozenset[str]  # codes that will be reported for this post

    def wants(self, *codes: str) -> bool:
        return any(code in self.wanted for code in codes)


@dataclass(frozen=True)
class Check:
    """A family's check: ``run`` yields hits for some of ``codes``.

    The engine calls ``run`` only when at least one of ``codes`` is wanted for the post and
    drops hits for codes that are not wanted.
    """

    name: str
    codes: frozenset[str]
    run: Callable[[Analysis, CheckContext], Iterable[Hit]]
