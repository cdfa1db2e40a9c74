"""Catalog meta-tests a rule author cannot skip, and every catalog example run as a test."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import lint

from smlint.checks import builtin_checks
from smlint.ruledata.catalog import Example, Rule, load_catalog
from smlint.ruledata.files import rules_dir

CATALOG = load_catalog()
RULES = list(CATALOG)


def test_codes_are_unique_and_well_formed() -> None:
    raw_codes = []
    for path in sorted((rules_dir() / "catalog").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for rule in data["rules"]:
            assert re.fullmatch(r"SM\d{3}", rule["code"]), f"{path.name}: {rule['code']}"
            assert rule["code"].startswith(data["family"]), f"{path.name}: {rule['code']}"
            raw_codes.append(rule["code"])
    assert len(raw_codes) == len(set(raw_codes)), "a code is used twice"
    assert sorted(raw_codes) == CATALOG.codes()


def test_slugs_are_unique() -> None:
    slugs = [rule.slug for rule in RULES]
    assert len(slugs) == len(set(slugs))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_has_description_and_fix(rule: Rule) -> None:
    assert rule.name.strip()
    assert len(rule.description.split()) >= 5, f"{rule.code}: description too thin"
    assert rule.fix.strip(), f"{rule.code}: no fix"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_has_flag_and_pass_examples(rule: Rule) -> None:
    assert rule.flag_examples, f"{rule.code} has no 'flag' example"
    assert rule.pass_examples, f"{rule.code} has no 'pass' example"


def test_every_rule_has_a_kind_and_something_runs_it() -> None:
    """Each catalog rule is a phrase rule or names a registered check; per-code checks
    implement exactly the codes the catalog gives them; the engine builds runners for all."""
    from smlint.config import Settings
    from smlint.engine.build import linter_for as build_linter

    checks = {check.name: check for check in builtin_checks()}
    assert len(checks) == len(builtin_checks()), "two checks share a name"
    for rule in CATALOG:
        assert (rule.kind == "phrases") == (rule.check is None), rule.code
        if rule.check is not None:
            assert rule.check in checks, f"{rule.code} names an unknown check {rule.check!r}"
    for name, check in checks.items():
        if check.functions:
            assert set(check.functions) == {r.code for r in CATALOG if r.check == name}, name
    linter = build_linter(Settings(nlp_model="none"))
    served = set().union(*(runner.codes for runner in linter.runners))
    assert served == set(CATALOG.codes())


def _examples(kind: str) -> list[tuple[str, int, Example]]:
    out = []
    for rule in RULES:
        examples = rule.flag_examples if kind == "flag" else rule.pass_examples
        out.extend((rule.code, i, example) for i, example in enumerate(examples))
    return out


def _example_id(value: object) -> str:
    return str(value) if isinstance(value, (str, int)) else ""


def _lint_example(example: Example) -> list:
    return lint(
        example.text,
        platform=example.platform,
        mode=example.mode,
        markdown=example.markdown,
        agency=dict(example.agency),
        path="example.md" if example.markdown else "example.txt",
    )


@pytest.mark.parametrize(("code", "index", "example"), _examples("flag"), ids=_example_id)
def test_flag_example_produces_its_code(code: str, index: int, example: Example) -> None:
    found = [f.code for f in _lint_example(example)]
    assert code in found, f"{code} flag example {index} not flagged (got {found}): {example.text!r}"


@pytest.mark.parametrize(("code", "index", "example"), _examples("pass"), ids=_example_id)
def test_pass_example_does_not_produce_its_code(code: str, index: int, example: Example) -> None:
    found = [f for f in _lint_example(example) if f.code == code]
    assert not found, (
        f"{code} pass example {index} flagged at "
        f"{[(f.row, f.column, f.message) for f in found]}: {example.text!r}"
    )


def test_rule_command_shows_examples_and_citations(cli) -> None:
    result = cli("rule", "SM702", "--examples")
    assert result.status == 0
    assert result.out.startswith("SM702 hashtag-case: Multi-word hashtag not in CamelCase\n")
    assert "#snowemergency" in result.out
    assert "-> 1:25 SM702" in result.out  # the flag example, run
    assert "How to fix:" in result.out
    by_slug = cli("rule", "hashtag-case", "--examples")
    assert by_slug.out == result.out


def test_rule_command_cites_policies(cli) -> None:
    result = cli("rule", "SM701")
    assert 'wi-dma, I.B, Definitions: "Twitter' in result.out


def test_unknown_rule(cli) -> None:
    result = cli("rule", "SM999")
    assert result.status == 2
    assert "unknown rule 'SM999'" in result.err


def test_rules_command_lists_every_code(cli) -> None:
    result = cli("rules")
    assert result.status == 0
    listed = [line.split()[0] for line in result.out.splitlines()[1:]]
    assert listed == CATALOG.codes()
    sm701 = next(line for line in result.out.splitlines() if line.startswith("SM701"))
    assert "length-limit" in sm701 and "error" in sm701 and "wi-dma" in sm701


def test_rules_command_for_a_pack(cli) -> None:
    result = cli("rules", "--policy", "wi-dma")
    header = result.out.splitlines()[0]
    assert "on in wi-dma" in header
    sm702 = next(line for line in result.out.splitlines() if line.startswith("SM702"))
    assert " no " in sm702  # wi-dma does not enable the hashtag rule


def test_pii_is_a_catalog_flag() -> None:
    """Which rules' matches are masked is data: the SM1 family says so for its rules, and a
    rule elsewhere may say so for itself (work emails, door codes and passwords)."""
    sm1 = {r.code for r in CATALOG if r.family == "SM1"}
    assert {r.code for r in CATALOG if r.pii} == sm1 | {"SM406", "SM605"}
