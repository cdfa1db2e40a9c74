"""Policy packs: which rules a policy enables, at what severity, citing which clause.

A pack is YAML (``rules/packs/NAME.yaml`` or a user's file)::

    name: wy-dws
    title: Wyoming DWS IT-0001 Social Media Access and Acceptable Use (2011)
    policy: wy-dws-it-0001-social-media.txt
    extends: default            # optional: start from another pack's rules
    all-rules: true             # optional: every catalog rule, before the ones listed
    example-citations: true     # optional: the quotes are other agencies' clauses, shown
                                # as "example policy" (the default pack)
    settings:                   # optional pack parameters
      length-limits: {x: 140}
    rules:
      SM101: {section: "Acceptable Use", quote: "...", severity: error}
      SM702: off                # turn off a rule the base pack enabled

Packs are validated when they load; errors name the file and the rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from smlint.errors import UserError
from smlint.models import PLATFORMS, Citation, Severity
from smlint.ruledata.catalog import Catalog, Rule
from smlint.ruledata.files import parse_yaml, rules_dir

PACK_KEYS = {
    "name",
    "title",
    "policy",
    "extends",
    "settings",
    "rules",
    "all-rules",
    "example-citations",
}
RULE_KEYS = {"section", "quote", "severity", "policy", "enabled"}
SETTING_KEYS = {"length-limits"}


class PackError(UserError):
    """A pack that cannot be used; the message names the file and, where known, the rule."""


@dataclass(frozen=True, kw_only=True)
class ActiveRule:
    rule: Rule
    severity: Severity
    citation: Citation | None


@dataclass(frozen=True, kw_only=True)
class RuleSet:
    """The rules a run uses: the pack's enabled rules with severities and citations."""

    pack: str
    title: str
    rules: Mapping[str, ActiveRule]
    length_limits: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))

    def enabled(self, code: str) -> bool:
        return code in self.rules


def builtin_names() -> list[str]:
    return sorted(p.stem for p in (rules_dir() / "packs").glob("*.yaml"))


def _read(path: Path) -> dict[str, Any]:
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PackError(f"{path}: cannot read policy pack ({exc.strerror})") from None
    except UnicodeDecodeError as exc:
        raise PackError(f"{path}: policy pack is not UTF-8 (byte offset {exc.start})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise PackError(f"{path}: invalid YAML{where}") from None
    if not isinstance(data, dict):
        raise PackError(f"{path}: a policy pack must be a YAML mapping")
    unknown = set(data) - PACK_KEYS
    if unknown:
        raise PackError(f"{path}: unknown key {sorted(unknown)[0]!r}")
    return data


def _locate(name_or_path: str) -> Path:
    candidate = Path(name_or_path)
    if candidate.suffix in (".yaml", ".yml") or candidate.is_file():
        if not candidate.is_file():
            raise PackError(f"{name_or_path}: policy pack file not found")
        return candidate
    builtin = rules_dir() / "packs" / f"{name_or_path}.yaml"
    if not builtin.is_file():
        raise PackError(
            f"unknown policy {name_or_path!r} (built-in: {', '.join(builtin_names())};"
            " or give a path to a .yaml pack)"
        )
    return builtin


def _limits(raw: Any, where: str) -> dict[str, int]:
    if not isinstance(raw, dict):
        raise PackError(f"{where}: settings.length-limits must map platform to a number")
    limits = {}
    for platform, value in raw.items():
        if platform not in PLATFORMS or not isinstance(value, int) or value <= 0:
            raise PackError(f"{where}: length-limits.{platform} must be a positive number")
        limits[platform] = value
    return limits


def load_pack(name_or_path: str, catalog: Catalog, _seen: tuple[str, ...] = ()) -> RuleSet:
    """Load a built-in pack by name or a user pack by path, following ``extends``."""
    path = _locate(name_or_path)
    where = str(path) if path.parent.name != "packs" else f"pack {path.stem}"
    if str(path.resolve()) in _seen:
        raise PackError(f"{where}: 'extends' loops back to itself")
    data = _read(path)
    name = str(data.get("name") or path.stem)
    rules: dict[str, ActiveRule] = {}
    limits: dict[str, int] = {}
    if data.get("extends"):
        base_ref = str(data["extends"])
        if not base_ref.endswith((".yaml", ".yml")) or Path(base_ref).is_absolute():
            base = load_pack(base_ref, catalog, (*_seen, str(path.resolve())))
        else:
            base = load_pack(str(path.parent / base_ref), catalog, (*_seen, str(path.resolve())))
        rules.update(base.rules)
        limits.update(base.length_limits)
    if data.get("all-rules"):
        for rule in catalog:
            rules.setdefault(
                rule.code, ActiveRule(rule=rule, severity=rule.severity, citation=None)
            )
    settings = data.get("settings") or {}
    if not isinstance(settings, dict) or set(settings) - SETTING_KEYS:
        raise PackError(f"{where}: settings may hold only {', '.join(sorted(SETTING_KEYS))}")
    if "length-limits" in settings:
        limits.update(_limits(settings["length-limits"], where))
    own_policy = str(data.get("policy") or "")
    raw_rules = data.get("rules") or {}
    if not isinstance(raw_rules, dict):
        raise PackError(f"{where}: 'rules' must map codes to citations")
    for code, spec in raw_rules.items():
        code = str(code)
        if code not in catalog:
            raise PackError(f"{where}: unknown rule code {code!r}")
        if (
            spec is False
            or spec == "off"
            or (isinstance(spec, dict) and spec.get("enabled") is False)
        ):
            rules.pop(code, None)
            continue
        if not isinstance(spec, dict):
            raise PackError(f"{where} {code}: expected a mapping with section and quote, or off")
        unknown = set(spec) - RULE_KEYS
        if unknown:
            raise PackError(f"{where} {code}: unknown key {sorted(unknown)[0]!r}")
        rule = catalog[code]
        previous = rules.get(code)
        try:
            severity = Severity.parse(spec["severity"]) if "severity" in spec else None
        except ValueError as exc:
            raise PackError(f"{where} {code}: {exc}") from None
        citation = previous.citation if previous else None
        if "section" in spec or "quote" in spec:
            section, quote = spec.get("section"), spec.get("quote")
            if not isinstance(section, str) or not isinstance(quote, str) or not quote.strip():
                raise PackError(f"{where} {code}: a citation needs both 'section' and 'quote'")
            citation = Citation(
                pack=name,
                policy=str(spec.get("policy") or name),
                section=section.strip(),
                quote=" ".join(quote.split()),
                example=bool(data.get("example-citations")),
            )
        if citation is None and own_policy and not data.get("all-rules"):
            raise PackError(f"{where} {code}: a policy pack must cite the clause it enforces")
        rules[code] = ActiveRule(
            rule=rule,
            severity=severity or (previous.severity if previous else rule.severity),
            citation=citation,
        )
    return RuleSet(
        pack=name,
        title=str(data.get("title") or name),
        rules=MappingProxyType(dict(sorted(rules.items()))),
        length_limits=MappingProxyType(limits),
    )


# Rules that cannot judge a post until the agency tells smlint something: code -> (the
# Agency fields any one of which is enough, what to set).
NEEDS_AGENCY: Mapping[str, tuple[tuple[str, ...], str]] = MappingProxyType(
    {
        "SM504": (("official_domains",), "[agency] official-domains"),
        "SM403": (("name", "aliases", "official_domains"), "[agency] name or aliases"),
    }
)


def needs_agency(code: str, agency: Any) -> bool:
    """True when ``code`` is waiting for agency data that ``agency`` does not have."""
    need = NEEDS_AGENCY.get(code)
    return need is not None and not any(getattr(agency, f) for f in need[0])


def agency_notice(codes: Any, agency: Any) -> str | None:
    """One line for the whole run naming the enabled rules that wait for agency data."""
    waiting = [code for code in sorted(codes) if needs_agency(code, agency)]
    if not waiting:
        return None
    what = sorted({NEEDS_AGENCY[code][1] for code in waiting})
    return (
        f"smlint: not running {', '.join(waiting)} (needs {' and '.join(what)}"
        " in .smlint.toml; `smlint init` writes one)"
    )
