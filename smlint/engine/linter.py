"""Run the rules over posts: one analysis per post, failing checks isolated, findings placed.

The catalog says how each rule runs: a ``phrases`` rule is run by the engine from its data
(``smlint.engine.phrases``), a ``check`` rule by the family check that the catalog names.
After the rules, the engine applies the catalog's precedence (``yields-to``): a finding of a
rule that yields to another is dropped where a finding of the winner, when the winner is
enabled for the post, is in the same span or sentence. Then findings are placed in the file
and inline suppressions applied.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial

from smlint import cache
from smlint.analysis import Analysis, Resources
from smlint.checks.base import Check, CheckContext
from smlint.config import Settings
from smlint.engine.masks import pii_spans
from smlint.engine.phrases import run_phrases
from smlint.errors import UserError
from smlint.models import Finding, Hit, Post, Problem
from smlint.pretest.index import PretestIndex, Requirement, Requirements
from smlint.ruledata.catalog import Catalog, Rule, Yield
from smlint.ruledata.files import rules_digest
from smlint.ruledata.lexicons import Lexicon
from smlint.ruledata.packs import PackError, RuleSet, load_pack
from smlint.suppress import Selection, apply_inline


class EngineError(UserError):
    """The catalog and the checks do not fit together (a rule nothing implements)."""


@dataclass
class PostResult:
    findings: list[Finding]
    problems: list[Problem]
    # Every PII span found in the post, inline-disabled ones too: masked wherever text is shown.
    masked: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Runner:
    """What the engine runs over a post: one rule's function (or a check that serves several
    rules in one pass), or one phrase rule. A failing runner costs only its own rules."""

    label: str  # for error messages: "check 'platform' (SM703)"
    codes: frozenset[str]
    run: Callable[[Analysis, CheckContext], Iterable[Hit]]


@dataclass
class _Precedence:
    """The ``yields-to`` entries of the catalog, by losing code."""

    yields: dict[str, tuple[Yield, ...]] = field(default_factory=dict)

    def loses(
        self,
        code: str,
        start: int,
        end: int,
        hits: Iterable[Hit],
        wanted: frozenset[str],
        analysis: Analysis,
    ) -> bool:
        """Whether a hit of ``code`` at ``start``..``end`` gives way to a winner's hit (a
        winner that is enabled for the post) in the same span or sentence."""
        for entry in self.yields.get(code, ()):
            if entry.code not in wanted:
                continue  # the winner is off for this post
            for hit in hits:
                if hit.code != entry.code:
                    continue
                s, e = hit.start, hit.end
                if entry.scope == "sentence":
                    s, e = analysis.sentences.of(s)
                if s < end and start < e:
                    return True
        return False

    def order(self, runners: Iterable[Runner]) -> tuple[Runner, ...]:
        """Runners with every winner's rule before the rules that yield to it."""
        pending = list(runners)
        done: list[Runner] = []
        placed: set[str] = set()
        while pending:
            for runner in pending:
                needs = {y.code for code in runner.codes for y in self.yields.get(code, ())}
                if needs - runner.codes <= placed or all(
                    not (needs & other.codes) for other in pending if other is not runner
                ):
                    break
            else:
                raise EngineError("the catalog's yields-to entries form a cycle")
            pending.remove(runner)
            done.append(runner)
            placed |= runner.codes
        return tuple(done)


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
        self._precedence = _Precedence({r.code: r.yields_to for r in catalog if r.yields_to})
        self.runners = self._precedence.order(self._runners())
        self._pretest: PretestIndex[Hashable] | None = None

    def _runners(self) -> tuple[Runner, ...]:
        """The family checks with the codes the catalog gives them, then the phrase rules."""
        by_name = {check.name: check for check in self.checks}
        served: dict[str, set[str]] = {}
        for rule in self.catalog:
            if rule.check is None:
                continue
            check = by_name.get(rule.check)
            if check is None:
                raise EngineError(f"{rule.code}: the catalog names an unknown check {rule.check!r}")
            if check.functions and rule.code not in check.functions:
                raise EngineError(f"{rule.code}: check {check.name!r} has no function for it")
            served.setdefault(check.name, set()).add(rule.code)
        runners = []
        for check in self.checks:
            codes = frozenset(served.get(check.name, ()))
            extra = set(check.functions) - codes
            if extra:
                raise EngineError(
                    f"check {check.name!r} implements {sorted(extra)[0]}, which the catalog"
                    " gives to no check of that name"
                )
            if check.functions:
                for code, function in check.functions.items():
                    label = f"check '{check.name}' ({code})"
                    runners.append(Runner(label, frozenset({code}), function))
            elif codes:
                runners.append(Runner(f"check '{check.name}'", codes, check.run))
        rules = self.resources.rules
        for rule in self.catalog:
            if rule.phrases is not None:
                lexicon = rules.lexicon(rule.phrases.lexicon)
                run = partial(_run_phrase_rule, rule, lexicon)
                runners.append(Runner(f"phrase rule {rule.code}", frozenset({rule.code}), run))
        return tuple(runners)

    @property
    def pretest(self) -> PretestIndex[Hashable]:
        """One index of what every pattern of this linter needs (built on first use). The
        requirements are kept on disk, keyed by the code, the rule files and the settings
        that shape patterns (the agency's names, its identifier patterns), so a one-file
        check does not even build the patterns it will not run."""
        if self._pretest is None:
            key = cache.digest(
                "pretest",
                rules_digest(),
                [check.name for check in self.checks],
                self.settings.agency,
                {
                    k: [(p.pattern, p.flags) for p in v]
                    for k, v in self.settings.identifiers.items()
                },
            )
            requirements = cache.load("pretest", key)
            if requirements is None:
                requirements = self._requirements()
                cache.store("pretest", key, requirements)
            self._pretest = PretestIndex(requirements)
        return self._pretest

    def _requirements(self) -> dict[Hashable, Requirement]:
        known = Requirements()
        requirements: dict[Hashable, Requirement] = {}
        for lexicon in self.resources.rules.lexicons.values():
            requirements.update(lexicon.requirements(known))
        for check in self.checks:
            if check.pretests is not None:
                requirements.update(check.pretests(self.resources, known))
        known.save()
        return requirements

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
        analysis = Analysis(post, self.resources, wanted=wanted, pretest=self.pretest)
        hits: dict[tuple[str, int, int], Hit] = {}
        precedence = self._precedence

        def yields(code: str, start: int, end: int) -> bool:
            return precedence.loses(code, start, end, hits.values(), wanted, analysis)

        ctx = CheckContext(ruleset=ruleset, wanted=wanted, yields=yields)
        problems: list[Problem] = []
        for runner in self.runners:
            if not runner.codes & wanted:
                continue
            try:
                for hit in runner.run(analysis, ctx):
                    if hit.code in wanted:
                        hits.setdefault((hit.code, hit.start, hit.end), hit)
            except Exception as exc:  # a broken check must not hide the others' findings
                problems.append(_internal(post, runner.label, exc))
        kept = list(hits.values())
        try:
            found = tuple(kept)
            kept = [
                h
                for h in kept
                if not precedence.loses(h.code, h.start, h.end, found, wanted, analysis)
            ]
        except Exception as exc:
            problems.append(_internal(post, "rule precedence", exc))
        findings = [self._place(hit, post, ruleset) for hit in kept]
        masked = pii_spans(findings, self.catalog, post.source)
        if post.disabled:
            findings, notes = apply_inline(findings, post, self.catalog, wanted)
            findings += [self._place(hit, post, ruleset) for hit in notes]
        findings.sort(key=Finding.sort_key)
        return PostResult(findings, problems, masked)

    def _place(self, hit: Hit, post: Post, ruleset: RuleSet) -> Finding:
        active = ruleset.rules.get(hit.code)
        rule = self.catalog[hit.code]
        start = max(0, min(hit.start, len(post.source)))
        end = max(start, min(hit.end, len(post.source)))
        if not post.text[:start].strip():
            # A finding about the whole post starts at its first linted character, not in
            # the front matter or the blank lines before it.
            lead = len(post.text) - len(post.text.lstrip())
            if start < lead < end:
                start = lead
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


def _run_phrase_rule(
    rule: Rule, lexicon: Lexicon, analysis: Analysis, _ctx: CheckContext
) -> Iterable[Hit]:
    return run_phrases(rule, lexicon, analysis)


def _internal(post: Post, where: str, exc: Exception) -> Problem:
    reason = (str(exc).splitlines() or [""])[0][:160]
    return Problem(
        path=post.display, message=f"internal error in {where}: {type(exc).__name__}: {reason}"
    )
