"""``smlint fix`` (and ``check --fix`` / ``--diff``): apply the fixes the catalog offers.

As in ruff, a rule's ``autofix`` says whether its fix is *safe* (applied by default: SM702
CamelCase hashtags, SM505 http→https on the same host, SM801 removing an unused suppression)
or *unsafe* (only with ``--unsafe-fixes``, since it changes what the post says: SM1xx
redaction to numbered placeholders such as ``[PHONE 1]``, SM403 adding the configured
disclaimer). Front matter is never changed. After fixing, the drafts are linted again and
what is left is reported as ``check`` reports it.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from smlint.config import ConfigTree, Settings, find_config, load_settings
from smlint.engine.build import build_linter, load_rules
from smlint.inputs.drafts import DraftDefaults, decode, discover, excluded, make_post
from smlint.inputs.markdown import DIRECTIVE_RE, HASH_DIRECTIVE_RE, parse_front_matter
from smlint.masking import mask
from smlint.models import Finding, Problem
from smlint.ruledata.catalog import Catalog

# Placeholder labels of redacted PII, by rule slug (others: the rule's name in capitals).
LABELS = {
    "us-ssn": "SSN",
    "phone-number": "PHONE",
    "email-address": "EMAIL",
    "client-identifier": "CASE NUMBER",
    "date-of-birth": "DATE OF BIRTH",
    "person-name": "NAME",
    "street-address": "ADDRESS",
    "tax-id": "TAX ID",
}


@dataclass(frozen=True, order=True)
class Edit:
    """Replace ``source[start:end]`` with ``text``."""

    start: int
    end: int
    text: str
    code: str = ""


def fixable(finding: Finding, catalog: Catalog, unsafe: bool) -> bool:
    kind = catalog[finding.code].autofix
    return kind == "safe" or (kind == "unsafe" and unsafe)


def _label(finding: Finding, catalog: Catalog) -> str:
    rule = catalog[finding.code]
    return LABELS.get(rule.slug, re.sub(r"[^A-Z ]", "", rule.name.upper()).strip() or "REDACTED")


def _camel(finding: Finding, matched: str) -> str | None:
    words = str(finding.detail.get("words", "")).split()
    if not words or not matched.startswith("#"):
        return None
    tag = matched[1:]
    head = len("".join(words))
    if "".join(words).lower() != tag[:head].lower():
        return None
    return "#" + "".join(w[:1].upper() + w[1:].lower() for w in words) + tag[head:]


def _unused_comment(source: str, findings: list[Finding]) -> Edit | None:
    """SM801: drop the unused codes from one comment, or the comment when nothing is left
    (with its line when it stood alone)."""
    start, end = findings[0].start, findings[0].end
    comment = source[start:end]
    unused = {str(f.detail.get("suppressed", "")).upper() for f in findings}
    match = DIRECTIVE_RE.fullmatch(comment) or HASH_DIRECTIVE_RE.search(comment)
    body = match.group("body") if match else ""
    verb, _, codes = body.partition("=")
    kept = [c.strip() for c in codes.split(",") if c.strip() and c.strip().upper() not in unused]
    if kept and "" not in unused:
        rewritten = comment.replace(body, f"{verb.strip()}={','.join(kept)}", 1)
        return Edit(start, end, rewritten, "SM801")
    line_start = source.rfind("\n", 0, start) + 1
    line_end = source.find("\n", end)
    line_end = len(source) if line_end == -1 else line_end + 1
    if not source[line_start:start].strip() and not source[end:line_end].strip():
        return Edit(line_start, line_end, "", "SM801")
    while start > line_start and source[start - 1] in " \t":
        start -= 1  # "text  # smlint: ..." loses the spaces before the comment too
    return Edit(start, end, "", "SM801")


def edits_for(
    source: str,
    findings: Iterable[Finding],
    catalog: Catalog,
    settings: Settings,
    *,
    unsafe: bool = False,
) -> list[Edit]:
    """The edits that fix ``findings`` in ``source``: none inside front matter, none that
    overlap an earlier one; the same PII value gets the same numbered placeholder."""
    _front, body_start = parse_front_matter(source)
    edits: list[Edit] = []
    numbers: dict[tuple[str, str], int] = {}
    counts: dict[str, int] = {}
    unused: dict[tuple[int, int], list[Finding]] = {}
    disclaimer = False
    for f in sorted(findings, key=lambda f: (f.start, f.code)):
        if not fixable(f, catalog, unsafe) or f.start < body_start:
            continue
        matched = source[f.start : f.end]
        rule = catalog[f.code]
        if f.code == "SM702":
            camel = _camel(f, matched)
            if camel and camel != matched:
                edits.append(Edit(f.start, f.end, camel, f.code))
        elif f.code == "SM505":
            if matched.lower().startswith("http://"):
                edits.append(Edit(f.start, f.start + len("http://"), "https://", f.code))
        elif f.code == "SM801":
            unused.setdefault((f.start, f.end), []).append(f)
        elif f.code == "SM403":
            disclaimer = True
        elif rule.pii and matched.strip():
            label = _label(f, catalog)
            # "(608) 555-0142" and "608-555-0142" are one number: one placeholder
            digits = re.sub(r"\D", "", matched)
            key = (label, digits if len(digits) >= 7 else " ".join(matched.lower().split()))
            if key not in numbers:
                counts[label] = counts.get(label, 0) + 1
                numbers[key] = counts[label]
            edits.append(Edit(f.start, f.end, f"[{label} {numbers[key]}]", f.code))
    for group in unused.values():
        edit = _unused_comment(source, group)
        if edit is not None:
            edits.append(edit)
    if disclaimer and settings.disclaimer:
        end = len(source.rstrip())
        edits.append(Edit(end, end, f"\n\n{settings.disclaimer}", "SM403"))
    chosen: list[Edit] = []
    for edit in sorted(edits):
        if chosen and edit.start < chosen[-1].end:
            continue  # overlapping fixes: the first wins, the next run can take the rest
        chosen.append(edit)
    return chosen


def apply(source: str, edits: Iterable[Edit]) -> str:
    out, pos = [], 0
    for edit in sorted(edits):
        out.append(source[pos : edit.start])
        out.append(edit.text)
        pos = edit.end
    out.append(source[pos:])
    return "".join(out)


@dataclass(frozen=True, kw_only=True)
class FixOptions:
    paths: tuple[str, ...]
    config: Path | None = None
    overrides: dict[str, object] | None = None
    diff: bool = False
    unsafe: bool = False


@dataclass
class FixResult:
    fixed: int = 0  # findings fixed (or, with --diff, that would be)
    files: int = 0  # files changed
    diff: str = ""
    problems: list[Problem] | None = None


def fix_drafts(options: FixOptions) -> FixResult:
    """Fix the drafts of ``options.paths`` in place (or only compute the diff)."""
    settings = load_settings(options.config).merged(**(options.overrides or {}))
    catalog, ruleset = load_rules(settings)
    linter = build_linter(settings, ruleset, catalog)
    defaults = DraftDefaults(mode=settings.mode, platform=settings.platform)
    root = options.config if options.config is not None else find_config(Path.cwd())
    tree = ConfigTree(root, options.overrides or {}, explicit=options.config is not None)
    result = FixResult(problems=[])
    targets = discover(
        options.paths,
        settings.exclude + settings.extend_exclude,
        force_exclude=settings.force_exclude,
    )
    diffs = []
    for target in sorted(dict.fromkeys(targets), key=str):
        if isinstance(target, Problem) or target == "-":
            if isinstance(target, Problem):
                result.problems.append(target)  # type: ignore[union-attr]
            continue
        path = Path(target)
        own = defaults
        found = tree.settings_for(path)
        if found is not None:  # the draft's nearest config (as check reads it)
            config, near = found
            folder = config.parent if config is not None else Path.cwd()
            relative = path.resolve().relative_to(folder)
            if excluded(relative, near.exclude + near.extend_exclude):
                continue
            policy = near.policy if near.policy != settings.policy else None
            own = DraftDefaults(mode=near.mode, platform=near.platform, policy=policy)
        try:
            data = path.read_bytes()
            source = decode(data)
            markdown = target.lower().endswith((".md", ".markdown"))
            post = make_post(
                target,
                source,
                own,
                markdown=markdown,
                honour_inline=not settings.disable_inline,
            )
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else str(exc)
            result.problems.append(Problem(path=target, message=str(reason)))  # type: ignore[union-attr]
            continue
        lint = linter.lint(post)
        edits = edits_for(source, lint.findings, catalog, settings, unsafe=options.unsafe)
        if not edits:
            continue
        fixed = apply(source, edits)
        result.fixed += len(edits)
        result.files += 1
        if options.diff:
            diffs.append(_diff(target, mask(source, lint.masked), fixed))
        else:
            bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
            path.write_bytes(bom + fixed.encode("utf-8"))
    result.diff = "".join(diffs)
    return result


def _diff(name: str, before: str, after: str) -> str:
    """A unified diff. ``before`` comes with its PII masked: a diff goes to terminals and
    CI logs, and the removed lines of a redaction would show the values in clear."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{name}",
        tofile=f"b/{name}",
    )
    out = []
    for line in lines:
        if not line.endswith("\n"):
            line += "\n\\ No newline at end of file\n"
        out.append(line)
    return "".join(out)


def report(result: FixResult, diff: bool) -> None:
    verb = "Would fix" if diff else "Fixed"
    noun = "finding" if result.fixed == 1 else "findings"
    files = "file" if result.files == 1 else "files"
    print(f"smlint: {verb} {result.fixed} {noun} in {result.files} {files}.", file=sys.stderr)
