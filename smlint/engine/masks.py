"""Which spans of a post its findings mask (``smlint.masking`` does the masking).

Most PII rules (``pii: true`` in the catalog) mask their whole match. Two mask only the value
in it, so the finding stays readable: SM111 (a client's situation) masks the outcome ("her
claim *** ******"), SM605 (security-sensitive information) the code or password itself ("the
door code is ****#").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from smlint.masking import Span

if TYPE_CHECKING:
    from smlint.models import Finding
    from smlint.ruledata.catalog import Catalog

# SM605: the value after a secret's name ("password is Hunter22", "PIN: 1234"), or any word
# with a digit in it ("4417#").
_SECRET_RE = re.compile(
    r"(?i:\b(?:pass(?:word|code|phrase)?|pins?|codes?|combination|login|wi-?fi)\b"
    r"(?:\s+(?:is|was|will\s+be|=|:)|\s*[:=])\s*)(?P<value>[^\s,;]+)"
    r"|(?P<digits>[^\s,;]*\d[^\s,;]*)"
)


def _situation_values(source: str, start: int, end: int) -> Iterator[Span]:
    from smlint.pii.patterns import situation_patterns

    for _name, pattern in situation_patterns():
        for m in pattern.finditer(source, start, end):
            yield m.start(), m.end()


def _secret_values(source: str, start: int, end: int) -> Iterator[Span]:
    for m in _SECRET_RE.finditer(source, start, end):
        group = "value" if m.group("value") is not None else "digits"
        yield m.start(group), m.end(group)


_VALUES = {"SM111": _situation_values, "SM605": _secret_values}


def pii_spans(findings: Iterable[Finding], catalog: Catalog, source: str) -> tuple[Span, ...]:
    """The spans of ``source`` to mask, from the findings of its PII rules (``pii: true``
    in the catalog); the rules of ``_VALUES`` give the value inside their match instead."""
    out: list[Span] = []
    for f in findings:
        if f.code not in catalog or not catalog[f.code].pii or f.start >= f.end:
            continue
        values = _VALUES.get(f.code)
        found = list(values(source, f.start, f.end)) if values is not None else []
        out.extend(found or [(f.start, f.end)])
    return tuple(sorted(set(out)))
