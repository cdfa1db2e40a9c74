"""Text for ``smlint rules``, ``smlint rule CODE`` and ``smlint policies``."""

from __future__ import annotations

from dataclasses import replace

from smlint.errors import UserError
from smlint.reporters.base import Collector
from smlint.ruledata.catalog import Example, Rule, load_catalog
from smlint.ruledata.packs import RuleSet, builtin_names, load_pack


def _packs() -> list[RuleSet]:
    catalog = load_catalog()
    return [load_pack(name, catalog) for name in builtin_names()]


def list_rules(policy: str) -> str:
    catalog = load_catalog()
    active = load_pack(policy, catalog)
    packs = _packs()
    rows = [("code", "slug", "severity", "modes", f"on in {active.pack}", "packs")]
    for rule in catalog:
        on = active.rules.get(rule.code)
        rows.append(
            (
                rule.code,
                rule.slug,
                (on.severity if on else rule.severity).label,
                "both" if len(rule.modes) == 2 else next(iter(rule.modes)),
                "yes" if on else "no",
                ",".join(p.pack for p in packs if rule.code in p.rules),
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    return "".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False))
        + "  "
        + row[-1]
        + "\n"
        for row in rows
    )


def find_rule(code: str) -> Rule:
    catalog = load_catalog()
    wanted = code.strip()
    for rule in catalog:
        if wanted.upper() == rule.code or wanted.lower() == rule.slug:
            return rule
    raise UserError(f"unknown rule {code!r} (see 'smlint rules')")


def _lint_examples(rule: Rule, policy: str) -> dict[int, list[str]]:
    """Lint the rule's examples through the pipeline and describe what fired; no PII values
    shown. Keyed by ``id(example)``; examples that assume the same agency share a linter."""
    from smlint.config import Agency, Settings
    from smlint.engine.build import build_linter
    from smlint.inputs.drafts import DraftDefaults, make_post
    from smlint.pipeline.run import run
    from smlint.pipeline.sources import Posts
    from smlint.ruledata.catalog import load_catalog

    catalog = load_catalog()
    ruleset = load_pack(policy, catalog)
    examples = (*rule.flag_examples, *rule.pass_examples)
    by_agency: dict[str, list[Example]] = {}
    for example in examples:
        by_agency.setdefault(repr(sorted(example.agency.items())), []).append(example)
    out: dict[int, list[str]] = {}
    for group in by_agency.values():
        agency = Agency(
            **{
                k.replace("-", "_"): (v if k == "name" else tuple(v))
                for k, v in group[0].agency.items()
            }
        )
        settings = replace(
            Settings(), policy=policy, agency=agency, nlp_model="none", extend_select=(rule.code,)
        )
        posts = [
            make_post(
                "example",
                example.text,
                DraftDefaults(mode=example.mode, platform=example.platform),
                markdown=example.markdown,
                honour_inline=True,
            )
            for example in group
        ]
        collect = Collector()
        run(Posts(posts), build_linter(settings, ruleset, catalog), [collect])
        for example, linted in zip(group, collect.linted, strict=True):
            lines = []
            for f in linted.findings:
                if f.code != rule.code:
                    continue
                why = ", ".join(f"{k}={v}" for k, v in f.detail.items())
                lines.append(
                    f"    -> {f.row}:{f.column} {f.code} {f.message}" + (f" ({why})" if why else "")
                )
            out[id(example)] = lines or [f"    -> no {rule.code} finding"]
    return out


def _example_block(
    title: str, examples: tuple[Example, ...], linted: dict[int, list[str]]
) -> list[str]:
    out = [f"{title}:"]
    for example in examples:
        context = f"[{example.mode}, platform {example.platform}]"
        out.append(f"  {context}")
        out.extend("    | " + line for line in example.text.splitlines())
        if example.why:
            out.append(f"    why: {example.why}")
        out.extend(linted.get(id(example), ()))
    return out


def how_it_runs(rule: Rule) -> list[str]:
    """The rule's kind in words: what the engine runs, from which data, with which options."""
    from smlint.ruledata.files import load_yaml

    names: list[str] = []
    if rule.lexicon is not None:
        data = load_yaml(f"lexicons/{rule.lexicon}.yaml") or {}
        names = list((data.get("patterns") or {}).get(rule.code) or {})
    source = f"rules/lexicons/{rule.lexicon}.yaml"
    spec = rule.phrases
    if spec is not None:
        out = [f"a phrase rule (data only): the patterns for {rule.code} in {source}:"]
        out.append("  " + ", ".join(names))
        options = []
        if spec.skip_quotations:
            options.append("matches inside quotations are skipped")
        if spec.exceptions == "sentence":
            options.append(
                "a match is dropped where the lexicon's exception occurs in its sentence"
            )
        elif spec.exceptions == "overlap":
            options.append("a match is dropped where the lexicon's exception overlaps it")
        if spec.secondary:
            options.append(
                f"{', '.join(spec.secondary)} counts only where no other pattern fired"
                " in the sentence"
            )
        if spec.merge_sentence:
            options.append("one finding per sentence")
        elif spec.merge_gap is not None:
            options.append(f"matches separated only by /{spec.merge_gap}/ are one finding")
        out += [f"{option};" for option in options[:-1]] + [f"{o}." for o in options[-1:]]
    else:
        out = [f"implemented by the check '{rule.check}' (smlint/checks/{rule.check}.py)"]
        if names:
            out.append(f"with the patterns for {rule.code} in {source}: {', '.join(names)}")
    if rule.lexicon is not None:
        grammar = (data.get("grammars") or {}).get(rule.code)
        if grammar:
            out += _grammar_lines(rule.code, source, grammar)
    for y in rule.yields_to:
        where = "in the same sentence" if y.scope == "sentence" else "where they overlap"
        out.append(f"not reported where {y.code} fires {where} (when {y.code} is enabled)")
    out.append("each finding's explanation names the pattern or part that fired")
    return out


def _grammar_lines(code: str, source: str, grammar: dict) -> list[str]:
    """A grammar in words: its forms (parts in order, context, unless, gap), each part's
    alternatives, and the parts that cancel it (``smlint.analysis.grammar``)."""
    out = [
        f"a grammar for {code} in {source}, tried on each sentence and on hashtags' words:",
        "  forms (parts in this order, each within the gap of the one before):",
    ]
    for name, spec in (grammar.get("forms") or {}).items():
        spec = {"parts": spec} if isinstance(spec, list) else spec
        line = f"    {name}: " + " + ".join(spec["parts"])
        if spec.get("gap") is not None:
            line += f" (gap {spec['gap']})"
        if spec.get("context"):
            line += f"; with {', '.join(spec['context'])} in the sentence"
        if spec.get("unless"):
            line += f"; not where {', '.join(spec['unless'])} occurs"
        if spec.get("hashtags") is False:
            line += "; sentences only"
        out.append(line)
    out.append("  parts (alternatives):")
    for part, alts in (grammar.get("parts") or {}).items():
        names = [f"{a} (view {v['view']})" if isinstance(v, dict) else a for a, v in alts.items()]
        out.append(f"    {part}: {', '.join(names)}")
    if grammar.get("unless"):
        out.append(f"  no match in a sentence where {', '.join(grammar['unless'])} occurs")
    return out


def explain_rule(code: str, policy: str | None = None) -> str:
    """The rule's text; with a ``policy``, its examples linted under that pack too."""
    rule = find_rule(code)
    lines = [
        f"{rule.code} {rule.slug}: {rule.name}",
        f"family: {rule.family} {rule.family_title}",
        f"default severity: {rule.severity.label}",
        f"modes: {', '.join(sorted(rule.modes))}",
        "",
        "What it finds:",
        f"  {rule.description}",
        "",
        "Why (policy citations):",
    ]
    cited = False
    for pack in _packs():
        active = pack.rules.get(rule.code)
        if active and active.citation:
            c = active.citation
            source = f" (citing {c.policy})" if c.policy != pack.pack else ""
            lines.append(f'  {pack.pack}{source}, {c.section}: "{c.quote}"')
            cited = True
    if not cited:
        lines.append("  (no policy clause cites this rule; it is good practice)")
    lines += ["", "How it runs:", *(f"  {line}" for line in how_it_runs(rule)), ""]
    linted = _lint_examples(rule, policy) if policy is not None else {}
    if rule.flag_examples:
        lines += [*_example_block("Flagged", rule.flag_examples, linted), ""]
    if rule.pass_examples:
        lines += [*_example_block("Not flagged", rule.pass_examples, linted), ""]
    lines += ["How to fix:", f"  {rule.fix}"]
    if rule.autofix:
        how = "smlint fix" if rule.autofix == "safe" else "smlint fix --unsafe-fixes"
        lines.append(f"  Fixable ({rule.autofix}): {how}")
    lines += ["", f"Docs: {rule.docs}"]
    return "\n".join(lines) + "\n"


def list_policies() -> str:
    rows = [("name", "rules", "title")]
    for pack in _packs():
        rows.append((pack.pack, str(len(pack.rules)), pack.title))
    w0 = max(len(r[0]) for r in rows)
    return "".join(f"{r[0].ljust(w0)}  {r[1].rjust(5)}  {r[2]}\n" for r in rows)
