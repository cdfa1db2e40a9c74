"""Layered settings: built-in defaults, then the config file, then command-line flags.

The file is ``.smlint.toml`` (top-level keys) or ``[tool.smlint]`` in ``pyproject.toml``; the
nearest one upward from the working directory wins unless ``--config`` names one. Unknown
keys, wrong types and invalid regexes are errors naming the file and key.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from smlint.choices import FORMATS, MODES, PLATFORMS
from smlint.errors import UserError
from smlint.models import Severity


class ConfigError(UserError):
    """A configuration problem; the message names the file and key."""


@dataclass(frozen=True, kw_only=True)
class Agency:
    """Facts about the agency that posts: names, domains and public contacts."""

    name: str = ""
    aliases: tuple[str, ...] = ()
    official_domains: tuple[str, ...] = ()
    partner_domains: tuple[str, ...] = ()
    public_phones: tuple[str, ...] = ()
    public_emails: tuple[str, ...] = ()
    public_figures: tuple[str, ...] = ()
    public_addresses: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    external_link_disclaimers: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()  # extra job titles recognised in signatures


@dataclass(frozen=True, kw_only=True)
class Settings:
    policy: str = "default"
    mode: str = "official"
    platform: str = "none"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    extend_ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.WARNING
    nlp_model: str = "auto"
    format: str = "default"
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    # Exclude files named on the command line too (pre-commit passes every staged file).
    force_exclude: bool = False
    max_draft_size: int = 1 << 20  # bytes; a bigger draft is one clear error, not linted
    # What ``smlint fix --unsafe-fixes`` adds for SM403 (a personal post without one).
    disclaimer: str = "Views are my own, not my employer's."
    jobs: int = 0  # 0: one per core
    resolve_links: bool = False
    show_source: bool = False
    statistics: bool = False
    disable_inline: bool = False
    agency: Agency = field(default_factory=Agency)
    identifiers: Mapping[str, tuple[re.Pattern[str], ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )

    def merged(self, **overrides: Any) -> Settings:
        """A copy with the given (non-None) command-line values on top."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def _kebab(name: str) -> str:
    return name.replace("_", "-")


_AGENCY_KEYS = {_kebab(f.name): f.name for f in fields(Agency)}
_TOP_KEYS = {
    _kebab(f.name): f.name for f in fields(Settings) if f.name not in ("agency", "identifiers")
}


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of strings")
    return tuple(value)


def _choice(value: Any, choices: tuple[str, ...], where: str) -> str:
    if not isinstance(value, str) or value not in choices:
        raise ConfigError(f"{where}: expected one of {', '.join(choices)}, got {value!r}")
    return value


def _top_value(key: str, value: Any, where: str) -> Any:
    if key in ("select", "ignore", "extend-select", "extend-ignore", "exclude", "extend-exclude"):
        return _strings(value, where)
    if key == "mode":
        return _choice(value, MODES, where)
    if key == "platform":
        return _choice(value, PLATFORMS, where)
    if key == "format":
        return _choice(value, FORMATS, where)
    if key == "fail-on":
        try:
            return Severity.parse(value) if isinstance(value, str) else Severity.parse("?")
        except ValueError as exc:
            raise ConfigError(f"{where}: {exc}") from None
    if key == "max-draft-size":
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ConfigError(f"{where}: expected a number of bytes >= 1")
        return value
    if key == "jobs":
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ConfigError(f"{where}: expected a whole number >= 0")
        return value
    if key in ("resolve-links", "show-source", "statistics", "disable-inline", "force-exclude"):
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: expected true or false")
        return value
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where}: expected a string")
    return value


def compile_identifiers(raw: Any, where: str) -> dict[str, tuple[re.Pattern[str], ...]]:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected a table of name = [regex, ...]")
    compiled = {}
    for name, patterns in raw.items():
        items = []
        for pattern in _strings(patterns, f"{where}.{name}"):
            try:
                items.append(re.compile(pattern))
            except re.error as exc:
                raise ConfigError(f"{where}.{name}: invalid regex {pattern!r}: {exc}") from None
        compiled[name] = tuple(items)
    return compiled


def parse_config(data: Mapping[str, Any], source: str) -> dict[str, Any]:
    """Validate a config table; return ``Settings`` keyword arguments."""
    values: dict[str, Any] = {}
    for key, value in data.items():
        where = f"{source}: {key}"
        if key == "agency":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: expected a table")
            agency = {}
            for akey, avalue in value.items():
                if akey not in _AGENCY_KEYS:
                    raise ConfigError(f"{source}: unknown key 'agency.{akey}'")
                awhere = f"{source}: agency.{akey}"
                if akey == "name":
                    if not isinstance(avalue, str):
                        raise ConfigError(f"{awhere}: expected a string")
                    agency["name"] = avalue
                else:
                    agency[_AGENCY_KEYS[akey]] = _strings(avalue, awhere)
            values["agency"] = Agency(**agency)
        elif key == "identifiers":
            values["identifiers"] = MappingProxyType(compile_identifiers(value, where))
        elif key in _TOP_KEYS:
            values[_TOP_KEYS[key]] = _top_value(key, value, where)
        else:
            raise ConfigError(f"{source}: unknown key {key!r}")
    return values


def find_config(start: Path) -> Path | None:
    """The nearest ``.smlint.toml``, or ``pyproject.toml`` with ``[tool.smlint]``, upward."""
    for folder in (start, *start.parents):
        candidate = folder / ".smlint.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8-sig"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError):
                return pyproject  # cannot tell whether it configures smlint: report it
            except OSError:
                continue
            tool = data.get("tool", {})
            if not isinstance(tool, dict) or "smlint" in tool:
                return pyproject  # a malformed [tool] table is reported, not skipped
    return None


def _decode(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        byte = data[exc.start : exc.start + 1].hex()
        raise ConfigError(
            f"{path}: not valid UTF-8 (byte 0x{byte} at offset {exc.start}); save it as UTF-8"
        ) from None


def load_settings(config: Path | None = None, cwd: Path | None = None) -> Settings:
    """Defaults overlaid with the config file (given, or found upward from ``cwd``)."""
    path = config if config is not None else find_config(cwd or Path.cwd())
    if path is None:
        return Settings()
    try:
        text = _decode(path.read_bytes(), path)
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config file ({exc.strerror or exc})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: malformed TOML: {exc}") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise ConfigError(f"{path}: tool: expected a table ([tool.smlint])")
        data = tool.get("smlint", {})
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: tool.smlint: expected a table ([tool.smlint])")
        source = f"{path} [tool.smlint]"
    else:
        source = str(path)
    return replace(Settings(), **parse_config(data, source))


class ConfigTree:
    """Per-file config discovery, as ruff does: the settings of a draft come from the
    nearest config above the draft's own folder, with the command line on top. A run whose
    config was named with ``--config`` uses that file for every draft.

    The draft-level settings follow the file (``mode``, ``platform``, ``policy``, ``exclude``,
    ``extend-exclude``); the rest (selection, agency facts, identifiers, output) are the
    run's, from the config nearest the working directory.
    """

    def __init__(self, root: Path | None, overrides: Mapping[str, Any], explicit: bool) -> None:
        self.root = root.resolve() if root is not None else None
        self.overrides = dict(overrides)
        self.explicit = explicit
        self._by_dir: dict[Path, Path | None] = {}
        self._settings: dict[Path, Settings] = {}

    def config_of(self, path: Path) -> Path | None:
        folder = path.resolve().parent
        if folder not in self._by_dir:
            found = find_config(folder)
            self._by_dir[folder] = found.resolve() if found is not None else None
        return self._by_dir[folder]

    def settings_for(self, path: Path) -> tuple[Path | None, Settings] | None:
        """The config that governs ``path`` and its settings, or None when that is the
        run's own config (nothing changes for the file)."""
        if self.explicit:
            return None
        config = self.config_of(path)
        if config is None or config == self.root:
            return None
        if config not in self._settings:
            self._settings[config] = load_settings(config).merged(**self.overrides)
        return config, self._settings[config]
