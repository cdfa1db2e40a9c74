"""Policy packs: the built-ins load and cite real clauses; extends, overrides, user packs."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import pytest
import yaml
from conftest import SHARED, codes, lint, write

from smlint.models import Severity
from smlint.ruledata.catalog import load_catalog
from smlint.ruledata.files import rules_dir
from smlint.ruledata.packs import PackError, builtin_names, load_pack

BUILTIN = ["all", "default", "madison", "milwaukee", "wi-dma", "wi-hr", "wy-dws"]
CATALOG = load_catalog()


def test_builtin_packs_are_the_spec_list() -> None:
    assert builtin_names() == BUILTIN


@pytest.mark.parametrize("name", BUILTIN)
def test_builtin_pack_loads_and_every_rule_cites_a_clause(name: str) -> None:
    ruleset = load_pack(name, CATALOG)
    assert ruleset.pack == name
    assert ruleset.rules, "a pack enables at least one rule"
    for code, active in ruleset.rules.items():
        assert code in CATALOG
        if name in ("all", "default"):
            continue  # every rule on; only some have a clause, quoted as an example
        assert active.citation is not None, f"{name} {code} cites nothing"
        assert active.citation.section.strip(), f"{name} {code} has no section"
        assert active.citation.quote.strip(), f"{name} {code} has no quote"


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    for a, b in {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2011": "-",
        "\u00a0": " ",
    }.items():
        text = text.replace(a, b)
    return " ".join(text.split()).casefold()


@cache
def _policy_text(filename: str) -> str:
    return _normalise((SHARED / "policies" / filename).read_text(encoding="utf-8"))


@cache
def _policy_files() -> dict[str, str]:
    """Pack name -> the policy text file it cites (from the pack's own ``policy`` key)."""
    out = {}
    for name in BUILTIN:
        data = yaml.safe_load((rules_dir() / "packs" / f"{name}.yaml").read_text("utf-8"))
        if data.get("policy"):
            out[name] = data["policy"]
    return out


def _citations() -> list[tuple[str, str, str, str]]:
    rows = []
    for name in BUILTIN:
        for code, active in load_pack(name, CATALOG).rules.items():
            if active.citation is not None:
                c = active.citation
                rows.append((name, code, c.policy, c.quote))
    return rows


@pytest.mark.parametrize(
    ("pack", "code", "policy", "quote"), _citations(), ids=lambda v: str(v)[:20]
)
def test_every_quote_occurs_in_the_policy_text(pack: str, code: str, policy: str, quote: str):
    if not (SHARED / "policies").is_dir():
        pytest.skip(f"{SHARED / 'policies'} not found: the shared folder is not beside the repo")
    files = _policy_files()
    assert policy in files, f"{pack} {code} cites unknown policy {policy!r}"
    assert _normalise(quote) in _policy_text(files[policy]), (
        f"{pack} {code}: quote not found in {files[policy]}: {quote!r}"
    )


def test_policy_files_named_by_packs_exist() -> None:
    if not (SHARED / "policies").is_dir():
        pytest.skip(f"{SHARED / 'policies'} not found: the shared folder is not beside the repo")
    for pack, filename in _policy_files().items():
        assert (SHARED / "policies" / filename).is_file(), f"{pack}: {filename} missing"


def test_wi_dma_sets_a_140_limit_for_x() -> None:
    assert load_pack("wi-dma", CATALOG).length_limits["x"] == 140
    assert "x" not in load_pack("wy-dws", CATALOG).length_limits


def test_all_enables_every_catalog_rule() -> None:
    assert set(load_pack("all", CATALOG).rules) == set(CATALOG.codes())


def test_default_leaves_sign_off_rules_to_the_packs_that_require_them() -> None:
    default = load_pack("default", CATALOG)
    assert set(CATALOG.codes()) - set(default.rules) == {"SM401", "SM402"}
    assert "SM401" in load_pack("wy-dws", CATALOG).rules
    assert {"SM401", "SM402"} <= set(load_pack("wi-dma", CATALOG).rules)
    assert "SM504" in load_pack("madison", CATALOG).rules


def test_default_citations_are_labelled_examples(cli, isolated: Path) -> None:
    default = load_pack("default", CATALOG)
    assert all(a.citation is None or a.citation.example for a in default.rules.values())
    assert default.rules["SM701"].citation is None  # wi-dma's 140 is not the default limit
    own = load_pack("wy-dws", CATALOG).rules.values()
    assert not any(a.citation and a.citation.example for a in own)
    post = write(isolated, "p.txt", "Call me at 307-555-0142 about your claim.\n")
    result = cli("check", str(post))
    assert "SM102" in result.out
    assert "[example policy wy-dws: Acceptable Use]" in result.out


def test_a_clean_agency_post_is_quiet_with_no_config(cli, isolated: Path) -> None:
    post = write(
        isolated, "p.txt", "Today is #WorldAIDSDay. Learn more: https://cchealth.org/hiv/\n"
    )
    result = cli("check", str(post))
    assert result.status == 0, result.out
    assert result.out == ""
    # SM504 cannot know the agency's site: one notice for the run, not a finding per post.
    assert result.err.count("not running SM504") == 1
    assert "official-domains" in result.err
    signed = cli("check", "--policy", "wy-dws", str(post))
    assert "SM401" in signed.out


def test_no_agency_notice_once_the_domains_are_configured(cli, isolated: Path) -> None:
    write(isolated, ".smlint.toml", '[agency]\nofficial-domains = ["cchealth.org"]\n')
    post = write(isolated, "p.txt", "Flu shots today at the clinic.\n")
    result = cli("check", str(post))
    assert "SM504" in result.out
    assert "not running" not in result.err
    narrowed = cli("check", "--select", "SM1", str(post))
    assert "not running" not in narrowed.err


# --- user packs -------------------------------------------------------------------------------


def test_user_pack_extends_a_builtin_with_overrides(isolated: Path) -> None:
    path = write(
        isolated,
        "team.yaml",
        "name: team\npolicy: team-policy.txt\nextends: wi-dma\n"
        "settings:\n  length-limits: {bluesky: 200}\n"
        "rules:\n"
        "  SM703: {severity: error}\n"
        "  SM701: off\n"
        "  SM704: {section: '4.2', quote: 'Every image needs a description.'}\n",
    )
    base = load_pack("wi-dma", CATALOG)
    team = load_pack(str(path), CATALOG)
    assert team.pack == "team"
    assert team.rules["SM703"].severity is Severity.ERROR
    assert team.rules["SM703"].citation == base.rules["SM703"].citation  # kept from the base
    assert "SM701" not in team.rules
    assert team.rules["SM704"].citation is not None
    assert team.rules["SM704"].citation.section == "4.2"
    assert team.length_limits == {"x": 140, "bluesky": 200}
    assert set(team.rules) == (set(base.rules) - {"SM701"}) | {"SM704"}


def test_extends_a_relative_pack_file(isolated: Path) -> None:
    write(isolated, "packs/base.yaml", "name: base\nrules:\n  SM702: {severity: warning}\n")
    child = write(isolated, "packs/child.yaml", "name: child\nextends: base.yaml\n")
    assert load_pack(str(child), CATALOG).rules["SM702"].severity is Severity.WARNING


def test_extends_loop_is_an_error(isolated: Path) -> None:
    write(isolated, "a.yaml", "name: a\nextends: b.yaml\n")
    write(isolated, "b.yaml", "name: b\nextends: a.yaml\n")
    with pytest.raises(PackError, match="loops"):
        load_pack(str(isolated / "a.yaml"), CATALOG)


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("name: bad\nrules:\n  SM999: {severity: error}\n", "SM999"),
        ("name: bad\nrules:\n  SM702: {severity: fatal}\n", "SM702"),
        ("name: bad\nrules:\n  SM702: {sevrity: error}\n", "'sevrity'"),
        ("name: bad\nrulez: {}\n", "'rulez'"),
        ("name: bad\nrules:\n  SM702: [1]\n", "SM702"),
        ("name: bad\nsettings: {colour: red}\n", "settings"),
        ("name: bad\nsettings:\n  length-limits: {x: -5}\n", "length-limits.x"),
        ("name: bad\npolicy: p.txt\nrules:\n  SM702: {severity: error}\n", "SM702"),
        ("name: bad\nrules:\n  SM702: {section: 'II'}\n", "SM702"),
        ("name: [unclosed\n", "invalid YAML"),
        ("- a list\n", "mapping"),
    ],
)
def test_pack_errors_name_file_and_rule(isolated: Path, body: str, needle: str) -> None:
    path = write(isolated, "bad.yaml", body)
    with pytest.raises(PackError) as info:
        load_pack(str(path), CATALOG)
    assert str(path) in str(info.value)
    assert needle in str(info.value)


def test_unknown_policy_name_lists_builtins(isolated: Path, cli) -> None:
    write(isolated, "post.txt", "Hello.\n")
    result = cli("check", "post.txt", "--policy", "wyoming")
    assert result.status == 2
    assert "unknown policy 'wyoming'" in result.err
    assert "wy-dws" in result.err
    assert result.err.count("\n") == 1


def test_missing_pack_file(isolated: Path, cli) -> None:
    write(isolated, "post.txt", "Hello.\n")
    result = cli("check", "post.txt", "--policy", "team.yaml")
    assert result.status == 2
    assert "team.yaml" in result.err and "not found" in result.err


def test_user_pack_on_the_cli_with_severity_override(isolated: Path, cli) -> None:
    pack = write(
        isolated,
        "team.yaml",
        "name: team\nextends: default\nrules:\n  SM702: {severity: error}\n",
    )
    write(isolated, "post.txt", "Road closed today. #roadclosure\n")
    result = cli("check", "post.txt", "--policy", pack, "--select", "SM7", "--fail-on", "error")
    assert result.status == 1
    assert "post.txt:1:20: SM702" in result.out
    assert "(error)" in result.out


def test_front_matter_policy_overrides_config_per_file() -> None:
    long_x = "---\nplatform: x\npolicy: wi-dma\n---\n" + "Road work on Main St. " * 8
    found = lint(long_x, select=("SM701",))
    assert codes(found) == ["SM701"]
    assert "140" in found[0].message
    assert found[0].citation is not None and found[0].citation.pack == "wi-dma"
    # the same text under the default pack is within X's 280
    assert lint(long_x.replace("policy: wi-dma\n", ""), select=("SM701",)) == []


def test_pack_citation_reaches_the_report() -> None:
    (finding,) = lint("THIS IS A VERY LOUD ANNOUNCEMENT today.", policy="wi-dma", select=("SM703",))
    assert finding.citation is not None
    assert finding.citation.pack == "wi-dma"
    assert finding.citation.section == "II.B.9"
    assert re.search("professional manner", finding.citation.quote)
