"""Run the checks over posts: one analysis per post, failing checks isolated, findings placed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from smlint.analysis import Analysis, Resources
from smlint.checks.base import Check, CheckContext
from smlint.config import Settings
from smlint.models import Finding, Hit, Post, Problem
from smlint.ruledata.catalog import Catalog
from smlint.ruledata.packs import PackError, RuleSet, load_pack
from smlint.suppress import Selection, inline_disabled


@dataclass
class PostResult:
    findings: list[Finding]
    problems: list[Problem]
    # Every PII span found in the post, inline-disabled ones too: masked wherever text is shown.
    masked: tuple[tuple[int, int], ...] = ()


class Linter:
    """Lints posts with a fixed catalog, checks and selection; built once per process."""

    def __init__(
        self,
        settings: Settings,
        catalog: Catalog,
        checks: Sequence[Check],
        selection: Selection,
        resources: Resources | None = None,
        *,
        ruleset: RuleSet | None = None,
    ) -> None:
        self.settings = settings
        self.catalog = catalog
        self.checks = tuple(checks)
        self.selection = selection
        self.resources = resources or Resources(settings)
        self._rulesets: dict[str, RuleSet] = {}
        if ruleset is not None:  # the settings' pack, already loaded by the caller
            self._rulesets[settings.policy] = ruleset
        self._wanted: dict[tuple[str, str], frozenset[str]] = {}

    def ruleset(self, policy: str) -> RuleSet:
        """The pack named by a post (front matter) or the settings; loaded once."""
        if policy not in self._rulesets:
            self._rulesets[policy] = load_pack(policy, self.catalog)
        return self._rulesets[policy]

    def wanted(self, ruleset: RuleSet, mode: str) -> frozenset[str]:
        key = (ruleset.pack, mode)
        if key not in self._wanted:
            self._wanted[key] = frozenset(
                rule.code
                for rule in self.catalog
                if mode in rule.modes
                and self.selection.decide(rule.code, rule.code in ruleset.rules)
            )
        return self._wanted[key]

    def lint(self, post: Post) -> PostResult:
        try:
            ruleset = self.ruleset(post.policy or self.settings.policy)
        except PackError as exc:
            return PostResult([], [Problem(path=post.display, message=str(exc))])
        if not post.text.strip():  # an empty draft is clean: there is nothing to publish
            return PostResult([], [])
        wanted = self.wanted(ruleset, post.mode)
        ctx = CheckContext(ruleset=ruleset, wanted=wanted)
        analysis = Analysis(post, self.resources)
        hits: dict[tuple[str, int, int], Hit] = {}
        problems: list[Problem] = []
        for check in self.checks:
            if not check.codes & wanted:
                continue
            try:
                for hit in check.run(analysis, ctx):
                    if hit.code in wanted:
                        hits.setdefault((hit.code, hit.start, hit.end), hit)
            except Exception as exc:  # a broken check must not hide the others' findings
                reason = (str(exc).splitlines() or [""])[0][:160]
                problems.append(
                    Problem(
                        path=post.display,
                        message=f"internal error in check '{check.name}':"
                        f" {type(exc).__name__}: {reason}",
                    )
                )
        findings = [self._place(hit, post, ruleset) for hit in hits.values()]
        masked = tuple((f.start, f.end) for f in findings if self.catalog[f.code].pii)
        findings = [f for f in findings if not inline_disabled(f, post)]
        findings.sort(key=Finding.sort_key)
        return PostResult(findings, problems, masked)

    def _place(self, hit: Hit, post: Post, ruleset: RuleSet) -> Finding:
        active = ruleset.rules.get(hit.code)
        rule = self.catalog[hit.code]
        start = max(0, min(hit.start, len(post.source)))
        end = max(start, min(hit.end, len(post.source)))
        row, column = post.position(start)
        end_row, end_column = post.position(end)
        return Finding(
            path=post.path,
            post_id=post.post_id,
            code=hit.code,
            slug=rule.slug,
            severity=active.severity if active else rule.severity,
            message=hit.message or rule.name,
            row=row,
            column=column,
            end_row=end_row,
            end_column=end_column,
            start=start,
            end=end,
            citation=active.citation if active else None,
            detail=hit.detail,
            matched=post.source[start:end],
        )
