"""smlint's Python API: stable across minor versions.

    from smlint.api import Linter, SmlintError

    linter = Linter.from_config(policy="default", mode="official")
    for finding in linter.lint_text("Call me on 555-867-5309"):
        print(finding.code, finding.row, finding.column, finding.message)

    rows = linter.lint_records([{"id": "1", "text": "..."}])   # flat, PII-safe Row objects

``Linter.from_config`` resolves settings as the command line does (built-in defaults, then
the config file, given or found upward from the working directory, then the keyword
arguments) and validates them the same way: every mistake is one ``SmlintError`` with the
one-line message the command line prints. The command line builds its linter here too.

``Finding`` (``smlint.models``) and ``Row`` (``smlint.rows``) are the types the reporters
use. A ``Finding`` keeps the matched characters for baselines and masking only; a ``Row``
never holds them (it has a masked preview and a keyed hash instead).
"""

from __future__ import annotations

import math
import os
import secrets
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from smlint.baseline import KEY_ENV
from smlint.config import ConfigError, Settings, _choice, load_settings
from smlint.engine.build import build_linter, load_rules
from smlint.engine.linter import Linter as Engine
from smlint.engine.linter import PostResult
from smlint.errors import UserError
from smlint.models import MODES, PLATFORMS, Finding, Post, Problem
from smlint.reporters.base import Linted
from smlint.rows import PROBLEM, SKIPPED, Row, finding_row, problem_row

__all__ = ["Finding", "Linter", "Row", "SmlintError"]

# Every error a caller can cause (config, pack, codes, model, input) is one of these; its
# message is the line ``smlint`` prints after "smlint: error: ".
SmlintError = UserError

RECORDS = "<records>"  # the path of records that do not come from a named file


def _codes(value: str | Sequence[str] | None, option: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{option}: expected a comma-separated string or a list of codes")
    return tuple(item for v in value for item in v.split(",") if item.strip())


def settings_from(
    path: str | os.PathLike[str] | None = None, overrides: Mapping[str, Any] | None = None
) -> Settings:
    """The settings of a run: defaults, then the config file, then ``overrides`` (Settings
    fields; None leaves the config's value)."""
    settings = load_settings(Path(path) if path is not None else None)
    return settings.merged(**dict(overrides or {}))


@dataclass(frozen=True)
class _Spec:
    """What ``from_config`` was given: enough for a worker process to build the same linter
    (Spark and Dask ship it, never the linter)."""

    config: str | None
    policy: str | None
    mode: str | None
    platform: str | None
    select: tuple[str, ...] | None
    nlp_model: str | None
    hash_key: str


class Linter:
    """Lints posts with one set of settings; build it once and reuse it (building loads the
    rules; the NLP model loads on the first post that needs it)."""

    def __init__(self, engine: Engine, *, hash_key: str | bytes | None = None) -> None:
        self.engine = engine
        if hash_key is None:
            hash_key = os.environ.get(KEY_ENV) or secrets.token_hex(16)
        self.hash_key = hash_key.encode("utf-8") if isinstance(hash_key, str) else hash_key
        self.spec: _Spec | None = None

    @classmethod
    def from_config(
        cls,
        path: str | os.PathLike[str] | None = None,
        *,
        policy: str | None = None,
        mode: str | None = None,
        platform: str | None = None,
        select: str | Sequence[str] | None = None,
        nlp_model: str | None = None,
        hash_key: str | None = None,
    ) -> Linter:
        """A linter for the config file at ``path`` (None: the nearest ``.smlint.toml`` or
        ``pyproject.toml`` with ``[tool.smlint]`` upward from the working directory) with the
        given settings on top, as the command line's options would be.

        ``hash_key`` keys the hash of matched text in rows (default: $SMLINT_BASELINE_KEY,
        else a random key for this linter; give one to compare hashes across runs).
        Raises ``SmlintError`` for any invalid setting, code, pack or model."""
        if mode is not None:
            mode = _choice(mode, MODES, "mode")
        if platform is not None:
            platform = _choice(platform, PLATFORMS, "platform")
        for name, value in (("policy", policy), ("nlp-model", nlp_model)):
            if value is not None and (not isinstance(value, str) or not value):
                raise ConfigError(f"{name}: expected a string")
        codes = _codes(select, "select")
        overrides = {
            "policy": policy,
            "mode": mode,
            "platform": platform,
            "select": codes,
            "nlp_model": nlp_model,
        }
        key = hash_key or os.environ.get(KEY_ENV) or secrets.token_hex(16)
        linter = cls.from_settings(settings_from(path, overrides), hash_key=key)
        config = str(Path(path).resolve()) if path is not None else None
        linter.spec = _Spec(config, policy, mode, platform, codes, nlp_model, key)
        return linter

    @classmethod
    def from_settings(cls, settings: Settings, *, hash_key: str | bytes | None = None) -> Linter:
        """A linter for complete ``Settings`` (the command line's path)."""
        catalog, ruleset = load_rules(settings)
        return cls(build_linter(settings, ruleset, catalog), hash_key=hash_key)

    @property
    def settings(self) -> Settings:
        return self.engine.settings

    def lint_post(self, post: Post) -> PostResult:
        """The findings, problems and PII spans of one ``Post`` (what the pipeline runs)."""
        return self.engine.lint(post)

    def lint_text(
        self,
        text: str,
        *,
        mode: str | None = None,
        platform: str | None = None,
        policy: str | None = None,
    ) -> list[Finding]:
        """The findings of one post's text, sorted by place. ``mode``, ``platform`` and
        ``policy`` override the linter's settings for this post. A rule that fails on the
        post raises ``SmlintError`` (the command line reports it and goes on)."""
        post = self._post(text, RECORDS, None, mode=mode, platform=platform, policy=policy)
        if policy is not None:
            self.engine.ruleset(policy)  # an unknown pack is an error, not a finding
        result = self.engine.lint(post)
        if result.problems:
            raise SmlintError(str(result.problems[0]))
        return result.findings

    def lint_records(
        self,
        records: Iterable[Mapping[str, Any]],
        *,
        text_field: str = "text",
        id_field: str | None = "id",
        path: str = RECORDS,
        record_field: str | None = None,
    ) -> Iterator[Row]:
        """Rows for records (dicts, or anything with ``[field]``): one per finding, in
        record order, plus a "skipped" row for a record without text (it is read, not
        linted) and a "problem" row for a rule that failed on a post. A record without an
        id gets its 1-based place. Never the matched text of a finding."""
        for index, record in enumerate(records, 1):
            yield from self.record_rows(
                record,
                index,
                text_field=text_field,
                id_field=id_field,
                path=path,
                record_field=record_field,
            )

    def record_rows(
        self,
        record: Mapping[str, Any],
        index: int | None,
        *,
        text_field: str = "text",
        id_field: str | None = "id",
        path: str = RECORDS,
        record_field: str | None = None,
        problem_field: str | None = None,
    ) -> Iterator[Row]:
        """The rows of one record; ``index`` (its place, when known) stands in for a
        missing id or record number. A record whose ``problem_field`` is set (a reader's
        note that the line was malformed) is skipped with that message."""
        post_id = _cell(record, id_field) if id_field else None
        where = _cell(record, record_field) if record_field else None
        place = int(where) if where is not None and where.isdigit() else index
        if post_id is None and index is not None:
            post_id = str(index)
        text = _value(record, text_field)
        problem = _value(record, problem_field) if problem_field else None
        if problem:
            yield problem_row(
                Problem(path=f"{path}:{place}", message=str(problem)), path, post_id, place, SKIPPED
            )
            return
        if not isinstance(text, str):
            reason = (
                f"no text field {text_field!r}"
                if text is None
                else f"the text field {text_field!r} is not a string"
            )
            problem = Problem(path=f"{path}:{place}", message=reason)
            yield problem_row(problem, path, post_id, place, SKIPPED)
            return
        post = self._post(text, path, post_id)
        yield from self.rows(post, self.engine.lint(post), place)

    def rows(self, post: Post, result: PostResult, record: int | None = None) -> Iterator[Row]:
        """The rows of one linted post."""
        for problem in result.problems:
            yield problem_row(problem, post.path, post.post_id, record, PROBLEM)
        if result.findings:
            linted = Linted(post, result.findings, result.masked)
            for finding in result.findings:
                yield finding_row(linted, finding, self.hash_key, record)

    def _post(
        self,
        text: str,
        path: str,
        post_id: str | None,
        *,
        mode: str | None = None,
        platform: str | None = None,
        policy: str | None = None,
    ) -> Post:
        if not isinstance(text, str):
            raise SmlintError(f"expected the post's text as a string, got {type(text).__name__}")
        settings = self.engine.settings
        if mode is not None:
            mode = _choice(mode, MODES, "mode")
        if platform is not None:
            platform = _choice(platform, PLATFORMS, "platform")
        return Post(
            path=path,
            source=text,
            text=text,
            published=text,
            post_id=post_id,
            mode=_choice(mode, MODES, "mode") if mode is not None else settings.mode,
            platform=(
                _choice(platform, PLATFORMS, "platform")
                if platform is not None
                else settings.platform
            ),
            policy=policy,
        )


def _value(record: Mapping[str, Any], field: str) -> Any:
    try:
        value = record[field]
    except (KeyError, IndexError, TypeError):
        return None
    if isinstance(value, float) and math.isnan(value):
        return None  # a missing value in a pandas frame
    if type(value).__name__ == "NAType":
        return None  # pandas.NA, without importing pandas
    return value


def _cell(record: Mapping[str, Any], field: str) -> str | None:
    """A scalar field as the command line's readers give it: a string, None when absent."""
    value = _value(record, field)
    if value is None or value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)
