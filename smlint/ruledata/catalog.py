"""The rule catalog: what each code means, read from ``rules/catalog/*.yaml``.

The catalog is the stable contract for codes (RULES.md). Packs decide which rules are on and
what they cite; checks decide where a rule fires.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import Any

from smlint.models import MODES, PLATFORMS, Severity
from smlint.ruledata.files import parse_yaml, rules_dir

CODE_RE = re.compile(r"^SM[1-9]\d\d$")
SLUG_RE = re.compile(r"^[a-z][a-z0-9-]*$")
RULE_KEYS = {
    "code",
    "slug",
    "name",
    "severity",
    "modes",
    "description",
    "fix",
    "examples",
    "pii",
}
FAMILY_KEYS = {"family", "title", "pii", "rules"}
EXAMPLE_KEYS = {"text", "mode", "platform", "markdown", "agency", "why"}


class CatalogError(ValueError):
    """The shipped catalog is malformed (a packaging bug, reported with file and rule)."""


@dataclass(frozen=True, kw_only=True)
class Example:
    text: str
    mode: str = "official"
    platform: str = "none"
    markdown: bool = False
    # Agency settings the example assumes, as in the [agency] config table.
    agency: Mapping[str, Any] = field(default_factory=dict)
    why: str = ""


@dataclass(frozen=True, kw_only=True)
class Rule:
    code: str
    slug: str
    name: str
    severity: Severity
    family: str
    family_title: str
    modes: frozenset[str]
    description: str
    fix: str
    flag_examples: tuple[Example, ...]
    pass_examples: tuple[Example, ...]
    # A PII rule's matched text is masked wherever a person reads output (never printed).
    pii: bool = False


@dataclass(frozen=True)
class Catalog:
    rules: Mapping[str, Rule]

    def __iter__(self):
        return iter(self.rules.values())

    def __contains__(self, code: str) -> bool:
        return code in self.rules

    def __getitem__(self, code: str) -> Rule:
        return self.rules[code]

    def codes(self) -> list[str]:
        return sorted(self.rules)

    def matching(self, prefix: str) -> list[str]:
        return [code for code in self.codes() if code.startswith(prefix)]


def _example(raw: Any, where: str) -> Example:
    if isinstance(raw, str):
        return Example(text=raw)
    if not isinstance(raw, dict) or "text" not in raw:
        raise CatalogError(f"{where}: an example needs 'text'")
    unknown = set(raw) - EXAMPLE_KEYS
    if unknown:
        raise CatalogError(f"{where}: unknown example key {sorted(unknown)[0]!r}")
    mode, platform = raw.get("mode", "official"), raw.get("platform", "none")
    if mode not in MODES or platform not in PLATFORMS:
        raise CatalogError(f"{where}: bad mode or platform in an example")
    return Example(
        text=str(raw["text"]),
        mode=mode,
        platform=platform,
        markdown=bool(raw.get("markdown", False)),
        agency=MappingProxyType(dict(raw.get("agency") or {})),
        why=str(raw.get("why", "")),
    )


def _rule(raw: Any, family: str, family_title: str, where: str, pii: bool = False) -> Rule:
    if not isinstance(raw, dict):
        raise CatalogError(f"{where}: a rule must be a mapping")
    code = str(raw.get("code", ""))
    where = f"{where} {code or '?'}"
    unknown = set(raw) - RULE_KEYS
    if unknown:
        raise CatalogError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    if not CODE_RE.match(code) or not code.startswith(family):
        raise CatalogError(f"{where}: code must look like {family}01")
    if not SLUG_RE.match(str(raw.get("slug", ""))):
        raise CatalogError(f"{where}: slug must be lowercase words joined by '-'")
    modes = frozenset(raw.get("modes") or MODES)
    if not modes <= set(MODES):
        raise CatalogError(f"{where}: modes must be among {', '.join(MODES)}")
    examples = raw.get("examples") or {}
    try:
        severity = Severity.parse(str(raw.get("severity", "")))
    except ValueError as exc:
        raise CatalogError(f"{where}: {exc}") from None
    for key in ("name", "description", "fix"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise CatalogError(f"{where}: {key!r} is required")
    pii = raw.get("pii", pii)
    if not isinstance(pii, bool):
        raise CatalogError(f"{where}: 'pii' must be true or false")
    return Rule(
        code=code,
        slug=raw["slug"],
        name=raw["name"].strip(),
        severity=severity,
        family=family,
        family_title=family_title,
        modes=modes,
        description=" ".join(raw["description"].split()),
        fix=" ".join(raw["fix"].split()),
        flag_examples=tuple(_example(e, f"{where} flag") for e in examples.get("flag") or ()),
        pass_examples=tuple(_example(e, f"{where} pass") for e in examples.get("pass") or ()),
        pii=pii,
    )


@cache
def load_catalog() -> Catalog:
    """Every rule of every family file, validated; codes and slugs are unique."""
    rules: dict[str, Rule] = {}
    slugs: set[str] = set()
    for path in sorted((rules_dir() / "catalog").glob("*.yaml")):
        data = parse_yaml(path.read_text(encoding="utf-8")) or {}
        family = str(data.get("family", ""))
        title = str(data.get("title", ""))
        if not re.fullmatch(r"SM[1-9]", family):
            raise CatalogError(f"{path.name}: 'family' must be like SM1")
        unknown = set(data) - FAMILY_KEYS
        if unknown:
            raise CatalogError(f"{path.name}: unknown key {sorted(unknown)[0]!r}")
        family_pii = data.get("pii", False)
        if not isinstance(family_pii, bool):
            raise CatalogError(f"{path.name}: 'pii' must be true or false")
        for raw in data.get("rules") or ():
            rule = _rule(raw, family, title, path.name, family_pii)
            if rule.code in rules or rule.slug in slugs:
                raise CatalogError(f"{path.name} {rule.code}: code or slug used twice")
            rules[rule.code] = rule
            slugs.add(rule.slug)
    return Catalog(MappingProxyType(dict(sorted(rules.items()))))
