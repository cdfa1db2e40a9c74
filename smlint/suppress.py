"""Which findings are reported: select/ignore and inline disables (baselines: ``baseline``)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from smlint.errors import UserError
from smlint.models import Finding, Hit, Post
from smlint.ruledata.catalog import Catalog

CODE_PREFIX_RE = re.compile(r"^[A-Z]{1,3}[0-9]{0,3}$")


class SelectionError(UserError):
    """An unknown or malformed code in --select/--ignore."""


def parse_codes(values: Iterable[str], catalog: Catalog, option: str) -> tuple[str, ...]:
    """Split comma lists, upper-case, and check each names at least one catalog code."""
    out = []
    for value in values:
        for item in value.split(","):
            code = item.strip().upper()
            if not code:
                continue
            if not CODE_PREFIX_RE.match(code) or not catalog.matching(code):
                raise SelectionError(f"{option}: unknown rule code or prefix {item.strip()!r}")
            out.append(code)
    return tuple(out)


def not_enabled(
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    enabled: Iterable[str],
    catalog: Catalog,
) -> list[str]:
    """The ``select`` entries of which the pack enables no rule (and ``extend_select`` adds
    none): they report nothing, which deserves a warning rather than silence."""
    on = set(enabled)
    out = []
    for entry in select:
        matching = catalog.matching(entry)
        if not any(c in on for c in matching) and not any(
            c.startswith(extend_select) for c in matching
        ):
            out.append(entry)
    return out


def _longest(code: str, prefixes: tuple[str, ...]) -> int:
    return max((len(p) for p in prefixes if code.startswith(p)), default=-1)


@dataclass(frozen=True)
class Selection:
    """flake8-style decision: the most specific matching prefix wins; ties go to ignore.

    The pack's enabled rules are selected by default; ``select`` narrows them,
    ``extend_select`` adds catalog rules beyond the pack, ``ignore``/``extend_ignore`` drop.
    """

    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def decide(self, code: str, in_pack: bool) -> bool:
        selected = max(
            _longest(code, self.select or ("SM",)) if in_pack else -1,
            _longest(code, self.extend_select),
        )
        return selected >= 0 and selected > _longest(code, self.ignore)


UNUSED, UNKNOWN = "SM801", "SM802"  # the rules that report suppression comments


def _names(entry: str, finding: Finding) -> bool:
    """Whether a comment's entry (a code, a prefix or a slug) names the finding's rule."""
    return finding.code.startswith(entry) or finding.slug.upper() == entry


def _suppressing(finding: Finding, codes: frozenset[str] | None) -> list[str | None] | None:
    """The entries of one range's codes that disable the finding (None: every code), or
    None when the range does not disable it."""
    if codes is None:
        return [None]
    named = [c for c in codes if not c.startswith(("-", "?"))]
    excepted = [c[1:] for c in codes if c.startswith("-")]
    if any(c.startswith("?") for c in codes):
        return None  # a malformed comment disables nothing
    if any(_names(c, finding) for c in excepted):
        return None
    if not named:
        return [None]
    matched: list[str | None] = [c for c in named if _names(c, finding)]
    return matched or None


def inline_disabled(finding: Finding, post: Post) -> bool:
    """Whether an inline comment disables the finding. A range's codes are prefixes or slugs;
    "-CODE" entries are exceptions, and a range of exceptions only disables every other code."""
    return any(
        start <= finding.start < end and _suppressing(finding, codes) is not None
        for start, end, codes, _comment in post.disabled
    )


def apply_inline(
    findings: list[Finding], post: Post, catalog: Catalog, wanted: frozenset[str]
) -> tuple[list[Finding], list[Hit]]:
    """The findings no inline comment disables, and the hits about the comments themselves:
    SM802 for a malformed comment or a code that names no rule, SM801 (ruff's RUF100) for a
    code, or a bare ``disable``, that disabled nothing. A code is judged unused only when one
    of the rules it names was run (``--select`` may have left it out)."""
    used: set[tuple[tuple[int, int], str | None]] = set()
    kept = []
    for finding in findings:
        disabled = False
        for start, end, codes, comment in post.disabled:
            if start <= finding.start < end:
                entries = _suppressing(finding, codes)
                if entries is not None:
                    disabled = True
                    used.update((comment, entry) for entry in entries)
        if not disabled:
            kept.append(finding)
    hits: list[Hit] = []
    run = {code for code in wanted if not code.startswith("SM8")}
    slugs = {rule.slug.upper(): rule.code for rule in catalog}
    seen: set[tuple[int, int]] = set()
    for _start, _end, codes, comment in post.disabled:
        if comment in seen:
            continue  # a range left open after a partial enable: the same comment
        seen.add(comment)
        if codes is None:
            if run and (comment, None) not in used:
                hits.append(
                    _hit(UNUSED, comment, "Unused suppression comment (nothing to disable)")
                )
            continue
        for entry in sorted(codes):
            if entry.startswith("?"):
                body = " ".join(entry[1:].split())[:60]
                hits.append(
                    _hit(
                        UNKNOWN,
                        comment,
                        f"Suppression comment 'smlint: {body}' is not understood; write"
                        " disable=CODES, enable=CODES or disable-next-line=CODES",
                        verb=body.split("=")[0].strip()[:30],
                    )
                )
                continue
            if entry.startswith("-"):
                continue
            code = slugs.get(entry, entry)
            if not CODE_PREFIX_RE.match(code) or not catalog.matching(code):
                hits.append(
                    _hit(UNKNOWN, comment, f"Unknown rule {entry!r} in a suppression comment")
                )
            elif any(c.startswith(code) for c in run) and (comment, entry) not in used:
                message = f"Unused suppression of {entry} (nothing to disable)"
                hits.append(_hit(UNUSED, comment, message, suppressed=entry))
    return kept, [h for h in hits if h.code in wanted]


def _hit(code: str, comment: tuple[int, int], message: str, **detail: str) -> Hit:
    return Hit(code=code, start=comment[0], end=comment[1], message=message, detail=detail)
