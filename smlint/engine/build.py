"""Assembling the engine: settings and the loaded rules → the process's ``Linter``.

A command loads the catalog and the pack once (``load_rules``) and builds its linter from
them; a worker process that does not inherit the parent's linter builds its own from the
(picklable) settings with ``linter_for``.
"""

from __future__ import annotations

from collections.abc import Sequence

from smlint.analysis import Resources
from smlint.checks.base import Check
from smlint.config import Settings
from smlint.engine.linter import Linter
from smlint.ruledata.catalog import Catalog, load_catalog
from smlint.ruledata.packs import RuleSet, load_pack
from smlint.suppress import Selection, parse_codes


def selection_of(settings: Settings, catalog: Catalog) -> Selection:
    """--select/--ignore and friends, each code checked against the catalog."""
    return Selection(
        select=parse_codes(settings.select, catalog, "select"),
        extend_select=parse_codes(settings.extend_select, catalog, "extend-select"),
        ignore=parse_codes(settings.ignore + settings.extend_ignore, catalog, "ignore"),
    )


def load_rules(settings: Settings) -> tuple[Catalog, RuleSet]:
    """The catalog and the settings' pack, with the selected codes validated first (usage
    errors are found before anything is linted)."""
    catalog = load_catalog()
    selection_of(settings, catalog)
    return catalog, load_pack(settings.policy, catalog)


def build_linter(
    settings: Settings,
    ruleset: RuleSet,
    catalog: Catalog,
    checks: Sequence[Check] | None = None,
) -> Linter:
    """The linter for these settings and their loaded pack (and the built-in checks)."""
    if checks is None:
        from smlint.checks import builtin_checks

        checks = builtin_checks()
    resources = Resources(settings)
    if settings.nlp_model not in ("auto", "none"):
        _ = resources.nlp  # a named model that cannot load is a usage error, found now
    return Linter(
        settings, catalog, checks, selection_of(settings, catalog), resources, ruleset=ruleset
    )


def linter_for(settings: Settings) -> Linter:
    """Load the rules and build the linter: for worker processes, tests and tools."""
    catalog, ruleset = load_rules(settings)
    return build_linter(settings, ruleset, catalog)
