"""What a check is: the code that implements the catalog rules of kind ``check: NAME``.

The catalog says which codes a check serves. A check either produces the hits of several
related codes in one pass (``Check(name, run)``, e.g. links), or has one function per code
(``Check.per_code``), called only for the codes wanted for the post. ``pretests`` registers
the patterns a check tries, so that the linter's one pre-test index can tell it which of
them a post may match (``Analysis.may_match``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from smlint.analysis import Analysis
from smlint.models import Hit
from smlint.ruledata.packs import RuleSet

if TYPE_CHECKING:
    from smlint.analysis import Resources
    from smlint.pretest.index import Requirement, Requirements

Pretests = Callable[["Resources", "Requirements"], Mapping[Hashable, "Requirement"]]


def _never(_code: str, _start: int, _end: int) -> bool:
    return False


@dataclass(frozen=True)
class CheckContext:
    """What a check may know besides the post: the active rules of this post's pack, and
    the catalog's precedence (``yields``: whether a hit of ``code`` at ``start``..``end``
    gives way to a rule that fired there; the engine drops such hits anyway, a check that
    merges hits asks before merging so the precedence applies to each part)."""

    ruleset: RuleSet
    wanted: frozenset[str]  # codes that will be reported for this post
    yields: Callable[[str, int, int], bool] = _never

    def wants(self, *codes: str) -> bool:
        return any(code in self.wanted for code in codes)


@dataclass(frozen=True)
class Check:
    """A family's check: ``run`` yields hits for the codes the catalog gives it.

    The engine calls ``run`` only when one of its codes is wanted for the post and drops
    hits for codes that are not wanted.
    """

    name: str
    run: Callable[[Analysis, CheckContext], Iterable[Hit]]
    # Codes with their own function (``per_code``); empty when ``run`` serves all at once.
    functions: Mapping[str, Callable[[Analysis, CheckContext], Iterable[Hit]]] = field(
        default_factory=dict
    )
    pretests: Pretests | None = None

    @classmethod
    def per_code(
        cls,
        name: str,
        functions: Mapping[str, Callable[[Analysis, CheckContext], Iterable[Hit]]],
        pretests: Pretests | None = None,
    ) -> Check:
        def run(analysis: Analysis, ctx: CheckContext) -> Iterator[Hit]:
            for code, function in functions.items():
                if code in ctx.wanted:
                    yield from function(analysis, ctx)

        return cls(name=name, run=run, functions=dict(functions), pretests=pretests)
