"""SM8: the suppression comments themselves (unused, unknown). The engine reports them while
it applies the comments (``smlint.suppress.apply_inline``), after every other rule ran, so
these functions find nothing on their own: they only tell the engine the codes are served."""

from __future__ import annotations

from collections.abc import Iterator

from smlint.analysis import Analysis
from smlint.checks.base import Check, CheckContext
from smlint.models import Hit


def _after_the_rules(_analysis: Analysis, _ctx: CheckContext) -> Iterator[Hit]:
    return iter(())


CHECK = Check.per_code("suppression", {"SM801": _after_the_rules, "SM802": _after_the_rules})
