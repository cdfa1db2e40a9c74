"""Flat, PII-safe rows of findings: what the Python API, Spark and Dask give data teams.

A row names the finding's post, code, place, severity, message and policy clause, with the
source line masked (every PII span's letters and digits as '*') and a keyed hash of the
matched text (HMAC-SHA256 of its normalised form, as in baselines). It never holds the
matched text itself, nor anything that would give back a PII value.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import asdict, dataclass, fields

from smlint.baseline import _normalise
from smlint.models import Finding, Problem
from smlint.reporters.base import Linted, masked_line

PREVIEW = 200  # characters of the masked source line kept in a row

FINDING = "finding"
SKIPPED = "skipped"  # a record that was not linted (no text): read, not linted
PROBLEM = "problem"  # a rule that failed on a post; the post's other findings still count


@dataclass(frozen=True, slots=True, kw_only=True)
class Row:
    """One finding (``kind`` "finding"), or one record or rule that could not be linted
    ("skipped", "problem": ``message`` says why, the finding fields are empty)."""

    kind: str
    path: str
    post_id: str | None
    record: int | None  # the record's 1-based place in its input (row of an export file)
    code: str | None = None
    rule: str | None = None  # the rule's slug
    severity: str | None = None  # error, warning or info
    start: int | None = None  # 0-based character offsets into the post's text
    end: int | None = None
    row: int | None = None  # 1-based line and column in the post's text
    column: int | None = None
    end_row: int | None = None
    end_column: int | None = None
    message: str | None = None
    pack: str | None = None
    policy: str | None = None
    section: str | None = None
    preview: str | None = None  # the source line, PII masked
    match_hash: str | None = None  # keyed hash of the normalised matched text
    finding_id: str | None = None  # stable: same post, code and place give the same id
    detail: str | None = None  # JSON of the finding's explanation (never a PII value)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


# The output columns, in order, with their types: for Spark's and Dask's schemas.
COLUMNS: tuple[tuple[str, type], ...] = tuple(
    (f.name, int if "int" in str(f.type) else str) for f in fields(Row)
)


def match_hash(key: bytes, matched: str) -> str:
    return hmac.new(key, _normalise(matched).encode("utf-8"), hashlib.sha256).hexdigest()


def finding_id(path: str, post_id: str | None, record: int | None, f: Finding) -> str:
    """The same post and the same code at the same place: the same id, whichever run,
    worker or partition made it. A post is named by its id, or by file and record where it
    has none."""
    post = f"id\0{post_id}" if post_id is not None else f"at\0{path}\0{record or ''}"
    data = "\0".join((post, f.code, str(f.start), str(f.end)))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]


def finding_row(linted: Linted, f: Finding, key: bytes, record: int | None) -> Row:
    c = f.citation
    line = " ".join(masked_line(linted, f).split())
    return Row(
        kind=FINDING,
        path=f.path,
        post_id=f.post_id,
        record=record,
        code=f.code,
        rule=f.slug,
        severity=f.severity.label,
        start=f.start,
        end=f.end,
        row=f.row,
        column=f.column,
        end_row=f.end_row,
        end_column=f.end_column,
        message=f.message,
        pack=c.pack if c else None,
        policy=c.policy if c else None,
        section=c.section if c else None,
        preview=line[:PREVIEW],
        match_hash=match_hash(key, f.matched),
        finding_id=finding_id(f.path, f.post_id, record, f),
        detail=json.dumps(dict(f.detail), sort_keys=True) if f.detail else None,
    )


def problem_row(
    problem: Problem, path: str, post_id: str | None, record: int | None, kind: str
) -> Row:
    return Row(kind=kind, path=path, post_id=post_id, record=record, message=problem.message)
