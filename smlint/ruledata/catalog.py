"""The rule catalog: what each code means, read from ``rules/catalog/*.yaml``.

The catalog is the stable contract for codes (RULES.md) and the registry of rules: each
entry says what the rule finds, its severity and examples, and what *kind* of rule it is:

- ``phrases``: a data-only rule, run by the engine from a lexicon's patterns for the code
  with the options given here (trimming, exceptions, merging, quotations);
- ``check: NAME``: a rule implemented by the family check ``smlint.checks.NAME``, which may
  also read a lexicon (``lexicon: NAME``).

``yields-to`` says which rules win over this one where both fire (the engine drops this
rule's finding when a winning rule that is enabled fired in the same span or sentence).
Packs decide which rules are on and what they cite.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import Any

from smlint.errors import UserError
from smlint.models import MODES, PLATFORMS, Severity
from smlint.ruledata.files import load_yaml, rules_dir

CODE_RE = re.compile(r"^SM[1-9]\d\d$")
# Where each rule is documented: the README's rule table has an anchor per code.
DOCS_URL = "https://pypi.org/project/smlint/"
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
    "check",
    "lexicon",
    "phrases",
    "yields-to",
    "autofix",
}
AUTOFIX = ("safe", "unsafe")  # as ruff: safe fixes are applied by default, unsafe on request
PHRASE_KEYS = {
    "lexicon",
    "trim-start",
    "trim-end",
    "exceptions",
    "merge",
    "secondary",
    "skip-quotations",
    "overlapping",
    "straight-apostrophes",
    "hashtags",
}
YIELD_SCOPES = ("overlap", "sentence")
FAMILY_KEYS = {"family", "title", "pii", "autofix", "rules"}
EXAMPLE_KEYS = {"text", "mode", "platform", "markdown", "agency", "why"}


class CatalogError(UserError):
    """The catalog is malformed; the message names the file and rule."""


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
class Phrases:
    """How the engine runs a data-only phrase rule (the ``phrases`` kind).

    The lexicon's patterns for the code are scanned (only those the post can match); each
    match is trimmed; a match inside a quotation is skipped with ``skip_quotations``; the
    lexicon's exception pattern for the code drops a match when it occurs in the match's
    sentence (``exceptions: sentence``) or overlaps the match there (``overlap``); a
    ``secondary`` pattern counts only in a sentence where no other pattern fired; matches
    are merged into one finding per sentence (``merge: sentence``) or when only text
    matching ``merge: {gap: REGEX}`` separates them. ``overlapping`` scans each pattern on
    its own (matches of different patterns may overlap, merging joins them);
    ``straight_apostrophes`` reads curly apostrophes as straight ones. With ``hashtags``
    the lexicon's grammar for the code is also tried on each hashtag's words.
    """

    lexicon: str
    trim_start: str = ""
    trim_end: str = ""
    exceptions: str | None = None  # None, "sentence" or "overlap"
    merge_sentence: bool = False
    merge_gap: str | None = None
    secondary: tuple[str, ...] = ()
    skip_quotations: bool = False
    overlapping: bool = False
    straight_apostrophes: bool = False
    hashtags: bool = False


@dataclass(frozen=True, kw_only=True)
class Yield:
    """This rule is not reported where ``code`` fired: in the same span, or sentence."""

    code: str
    scope: str  # "overlap" or "sentence"


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
    check: str | None = None  # the family check that implements it (``check`` kind)
    lexicon: str | None = None  # the lexicon whose patterns for the code it reads
    phrases: Phrases | None = None  # how the engine runs it (``phrases`` kind)
    yields_to: tuple[Yield, ...] = ()
    # Whether ``smlint fix`` can fix a finding: "safe" (by default), "unsafe" (only with
    # --unsafe-fixes, since it changes meaning: redaction, an added disclaimer), or None.
    autofix: str | None = None

    @property
    def docs(self) -> str:
        """The rule's anchor in the README's rule table (``#sm702``)."""
        return f"{DOCS_URL}#{self.code.lower()}"

    @property
    def kind(self) -> str:
        return "phrases" if self.phrases is not None else "check"


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


def _phrases(raw: Any, where: str) -> Phrases:
    if not isinstance(raw, dict) or not isinstance(raw.get("lexicon"), str):
        raise CatalogError(f"{where}: 'phrases' needs a mapping with 'lexicon'")
    unknown = set(raw) - PHRASE_KEYS
    if unknown:
        raise CatalogError(f"{where}: unknown phrases key {sorted(unknown)[0]!r}")
    exceptions = raw.get("exceptions")
    if exceptions not in (None, "sentence", "overlap"):
        raise CatalogError(f"{where}: phrases.exceptions must be sentence or overlap")
    merge = raw.get("merge")
    gap = None
    if isinstance(merge, dict):
        if set(merge) != {"gap"} or not isinstance(merge["gap"], str):
            raise CatalogError(f"{where}: phrases.merge must be sentence or {{gap: REGEX}}")
        gap = merge["gap"]
        try:
            re.compile(gap)
        except re.error as exc:
            raise CatalogError(f"{where}: phrases.merge.gap: invalid regex: {exc}") from None
    elif merge not in (None, "sentence"):
        raise CatalogError(f"{where}: phrases.merge must be sentence or {{gap: REGEX}}")
    secondary = raw.get("secondary") or []
    if not isinstance(secondary, list) or not all(isinstance(x, str) for x in secondary):
        raise CatalogError(f"{where}: phrases.secondary must be a list of pattern names")
    flags = {}
    for key in ("skip-quotations", "overlapping", "straight-apostrophes", "hashtags"):
        value = raw.get(key, False)
        if not isinstance(value, bool):
            raise CatalogError(f"{where}: phrases.{key} must be true or false")
        flags[key.replace("-", "_")] = value
    trims = {}
    for key in ("trim-start", "trim-end"):
        value = raw.get(key, "")
        if not isinstance(value, str):
            raise CatalogError(f"{where}: phrases.{key} must be a string of characters")
        trims[key.replace("-", "_")] = value
    return Phrases(
        lexicon=raw["lexicon"],
        exceptions=exceptions,
        merge_sentence=merge == "sentence",
        merge_gap=gap,
        secondary=tuple(secondary),
        **trims,
        **flags,
    )


def _yields(raw: Any, where: str) -> tuple[Yield, ...]:
    if not isinstance(raw, list):
        raise CatalogError(f"{where}: 'yields-to' must be a list of {{code, scope}}")
    out = []
    for item in raw:
        if (
            not isinstance(item, dict)
            or set(item) != {"code", "scope"}
            or not CODE_RE.match(str(item["code"]))
            or item["scope"] not in YIELD_SCOPES
        ):
            raise CatalogError(
                f"{where}: each 'yields-to' entry is {{code: SMnnn, scope: overlap|sentence}}"
            )
        out.append(Yield(code=str(item["code"]), scope=item["scope"]))
    return tuple(out)


def _rule(
    raw: Any,
    family: str,
    family_title: str,
    where: str,
    pii: bool = False,
    autofix: str | None = None,
) -> Rule:
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
    autofix = raw.get("autofix", autofix)
    if autofix not in (None, *AUTOFIX):
        raise CatalogError(f"{where}: 'autofix' must be safe or unsafe")
    phrases = _phrases(raw["phrases"], where) if "phrases" in raw else None
    check = raw.get("check")
    if (phrases is None) == (check is None):
        raise CatalogError(f"{where}: a rule needs exactly one of 'check' and 'phrases'")
    if check is not None and not (isinstance(check, str) and SLUG_RE.match(check)):
        raise CatalogError(f"{where}: 'check' must name a check module")
    lexicon = raw.get("lexicon")
    if lexicon is not None and (phrases is not None or not isinstance(lexicon, str)):
        raise CatalogError(f"{where}: 'lexicon' is for check rules (phrases name their own)")
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
        check=check,
        lexicon=phrases.lexicon if phrases is not None else lexicon,
        phrases=phrases,
        yields_to=_yields(raw["yields-to"], where) if "yields-to" in raw else (),
        autofix=autofix,
    )


@cache
def load_catalog() -> Catalog:
    """Every rule of every family file, validated; codes and slugs are unique."""
    rules: dict[str, Rule] = {}
    slugs: set[str] = set()
    for path in sorted((rules_dir() / "catalog").glob("*.yaml")):
        data = load_yaml(f"catalog/{path.name}") or {}
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
        family_fix = data.get("autofix")
        if family_fix not in (None, *AUTOFIX):
            raise CatalogError(f"{path.name}: 'autofix' must be safe or unsafe")
        for raw in data.get("rules") or ():
            rule = _rule(raw, family, title, path.name, family_pii, family_fix)
            if rule.code in rules or rule.slug in slugs:
                raise CatalogError(f"{path.name} {rule.code}: code or slug used twice")
            rules[rule.code] = rule
            slugs.add(rule.slug)
    for rule in rules.values():
        for y in rule.yields_to:
            if y.code not in rules or y.code == rule.code:
                raise CatalogError(f"{rule.code}: yields-to names an unknown rule {y.code!r}")
    return Catalog(MappingProxyType(dict(sorted(rules.items()))))
