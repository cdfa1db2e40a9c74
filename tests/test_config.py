"""Configuration: file discovery, every key of SPEC.md, CLI precedence, errors naming the key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import write

from smlint.config import ConfigError, Settings, find_config, load_settings
from smlint.models import Severity

FULL_CONFIG = r"""
policy = "wy-dws"
mode = "personal"
platform = "x"
select = ["SM"]
ignore = ["SM702"]
extend-select = ["SM7"]
extend-ignore = ["SM703"]
fail-on = "error"
nlp-model = "none"
format = "json"
exclude = ["drafts/old/*"]
jobs = 2
resolve-links = false
show-source = true
statistics = true
disable-inline = true

[agency]
name = "Wyoming Department of Workforce Services"
aliases = ["DWS", "Workforce Services"]
official-domains = ["wyo.gov"]
partner-domains = ["dol.gov"]
public-phones = ["307-777-7020"]
public-emails = ["dws-info@wyo.gov"]
public-figures = ["Mark Gordon"]
public-addresses = ["122 W 25th St, Cheyenne"]
topics = ["jobs", "unemployment insurance", "apprenticeship"]
external-link-disclaimers = ["not responsible for the content of external links"]
titles = ["Workforce Specialist"]

[identifiers]
case-number = ['\bUI-\d{4}-\d{6}\b']
"""


def test_every_spec_key_is_read(isolated: Path) -> None:
    write(isolated, ".smlint.toml", FULL_CONFIG)
    s = load_settings()
    assert s.policy == "wy-dws"
    assert (s.mode, s.platform) == ("personal", "x")
    assert (s.select, s.ignore) == (("SM",), ("SM702",))
    assert (s.extend_select, s.extend_ignore) == (("SM7",), ("SM703",))
    assert s.fail_on is Severity.ERROR
    assert (s.nlp_model, s.format, s.jobs) == ("none", "json", 2)
    assert s.exclude == ("drafts/old/*",)
    assert (s.resolve_links, s.show_source, s.statistics, s.disable_inline) == (
        False,
        True,
        True,
        True,
    )
    a = s.agency
    assert a.name == "Wyoming Department of Workforce Services"
    assert a.aliases == ("DWS", "Workforce Services")
    assert a.official_domains == ("wyo.gov",)
    assert a.partner_domains == ("dol.gov",)
    assert a.public_phones == ("307-777-7020",)
    assert a.public_emails == ("dws-info@wyo.gov",)
    assert a.public_figures == ("Mark Gordon",)
    assert a.public_addresses == ("122 W 25th St, Cheyenne",)
    assert a.topics == ("jobs", "unemployment insurance", "apprenticeship")
    assert a.external_link_disclaimers == ("not responsible for the content of external links",)
    assert a.titles == ("Workforce Specialist",)
    (pattern,) = s.identifiers["case-number"]
    assert pattern.search("claim UI-2024-123456 filed")


def test_pyproject_tool_table(isolated: Path) -> None:
    write(
        isolated,
        "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.smlint]\npolicy = "wi-dma"\n\n'
        '[tool.smlint.agency]\nname = "DMA"\npublic-phones = ["608-242-3000"]\n',
    )
    s = load_settings()
    assert s.policy == "wi-dma"
    assert s.agency.name == "DMA"
    assert s.agency.public_phones == ("608-242-3000",)


def test_pyproject_without_tool_table_is_skipped(isolated: Path) -> None:
    write(isolated, "pyproject.toml", '[project]\nname = "x"\n')
    assert find_config(isolated) is None
    assert load_settings() == Settings()


def test_nearest_config_upward_wins(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(isolated, ".smlint.toml", 'policy = "wi-hr"\n')
    write(isolated, "team/pyproject.toml", '[tool.smlint]\npolicy = "madison"\n')
    deep = isolated / "team" / "drafts" / "2026"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    assert load_settings().policy == "madison"
    assert find_config(deep) == isolated / "team" / "pyproject.toml"
    # .smlint.toml beats pyproject.toml in the same folder
    write(isolated, "team/.smlint.toml", 'policy = "milwaukee"\n')
    assert load_settings().policy == "milwaukee"


def test_explicit_config_overrides_discovery(isolated: Path) -> None:
    write(isolated, ".smlint.toml", 'policy = "wi-hr"\n')
    other = write(isolated, "elsewhere/custom.toml", 'policy = "wy-dws"\n')
    assert load_settings(other).policy == "wy-dws"


def test_cli_flags_override_file_and_keep_the_rest(isolated: Path) -> None:
    write(isolated, ".smlint.toml", 'policy = "wi-hr"\nplatform = "x"\nmode = "personal"\n')
    merged = load_settings().merged(platform="bluesky", mode=None)
    assert merged.platform == "bluesky"
    assert merged.mode == "personal"  # None: flag not given
    assert merged.policy == "wi-hr"


def test_cli_uses_config_then_flags(isolated: Path, cli) -> None:
    write(isolated, ".smlint.toml", 'platform = "x"\nformat = "json"\nnlp-model = "none"\n')
    write(isolated, "post.txt", "Benefits office hours. " * 20)  # 460 chars
    result = cli("check", "post.txt", "--select", "SM7")
    assert result.status == 1
    assert [f["code"] for f in json.loads(result.out)] == ["SM701"]
    result = cli(
        "check", "post.txt", "--select", "SM7", "--platform", "threads", "--format", "default"
    )
    assert result.status == 0, result.out
    assert result.out == ""


def test_cli_config_flag(isolated: Path, cli) -> None:
    cfg = write(isolated, "conf/team.toml", 'platform = "x"\nnlp-model = "none"\n')
    write(isolated, "post.txt", "Benefits office hours. " * 20)
    assert cli("check", "post.txt", "--select", "SM7").status == 0
    result = cli("check", "post.txt", "--config", cfg, "--select", "SM7")
    assert result.status == 1
    assert "SM701" in result.out


@pytest.mark.parametrize(
    ("toml", "needle"),
    [
        ('polcy = "wy-dws"\n', "'polcy'"),
        ('[agency]\nnmae = "x"\n', "agency.nmae"),
        ('mode = "private"\n', "mode"),
        ('platform = "myspace"\n', "platform"),
        ('select = "SM1"\nignore = [1, 2]\n', "ignore"),
        ('fail-on = "fatal"\n', "fail-on"),
        ("jobs = -1\n", "jobs"),
        ('show-source = "yes"\n', "show-source"),
        ("[agency]\nname = 3\n", "agency.name"),
        ('[agency]\npublic-phones = "x"\naliases = [1]\n', "agency.aliases"),
        ("[identifiers]\ncase = ['(unclosed']\n", "identifiers.case"),
        ('identifiers = "x"\n', "identifiers"),
        ("policy = \n", "malformed TOML"),
    ],
)
def test_config_errors_name_file_and_key(isolated: Path, toml: str, needle: str) -> None:
    path = write(isolated, ".smlint.toml", toml)
    with pytest.raises(ConfigError) as info:
        load_settings()
    message = str(info.value)
    assert str(path) in message
    assert needle in message
    assert "\n" not in message


def test_config_errors_in_pyproject_name_the_table(isolated: Path) -> None:
    write(isolated, "pyproject.toml", '[tool.smlint]\ncolour = "always"\n')
    with pytest.raises(ConfigError, match=r"pyproject\.toml \[tool\.smlint\].*'colour'"):
        load_settings()


def test_bad_config_on_the_cli_is_one_line_exit_2(isolated: Path, cli) -> None:
    write(isolated, ".smlint.toml", 'polcy = "x"\n')
    write(isolated, "post.txt", "Hello.\n")
    result = cli("check", "post.txt")
    assert result.status == 2
    assert result.err.count("\n") == 1
    assert "polcy" in result.err and ".smlint.toml" in result.err
    assert "Traceback" not in result.err


def test_missing_config_file(isolated: Path, cli) -> None:
    write(isolated, "post.txt", "Hello.\n")
    result = cli("check", "post.txt", "--config", "nope.toml")
    assert result.status == 2
    assert "nope.toml" in result.err and "not found" in result.err


def test_malformed_pyproject_found_upward_is_an_error(isolated: Path) -> None:
    write(isolated, "pyproject.toml", "[tool.smlint\npolicy = 1\n")
    with pytest.raises(ConfigError, match=r"pyproject\.toml.*malformed TOML"):
        load_settings()


def test_config_with_bom(isolated: Path) -> None:
    write(isolated, ".smlint.toml", '\ufeffpolicy = "madison"\n')
    assert load_settings().policy == "madison"


def test_identifiers_reported_as_sm104(isolated: Path, cli) -> None:
    write(
        isolated,
        ".smlint.toml",
        "nlp-model = \"none\"\n[identifiers]\nticket = ['\\bTK-\\d{6}\\b']\n",
    )
    write(isolated, "post.txt", "Thanks, we have updated TK-482913 for you.\n")
    result = cli("check", "post.txt", "--format", "json", "--select", "SM104")
    found = json.loads(result.out)
    assert [(f["code"], f["location"]["column"]) for f in found] == [("SM104", 25)]


# Numbers presented as a private person's: without agency data both are reported.
AGENCY_POST = (
    "The claimant's cell: 307-777-7020 or 307-555-0188, or see https://dws.wyo.gov/help\n"
    "— Dana Whitfield, Workforce Specialist\n"
)
FIRST, SECOND = AGENCY_POST.index("307-777") + 1, AGENCY_POST.index("307-555") + 1


def test_agency_table_changes_what_is_reported(isolated: Path, cli) -> None:
    write(isolated, "post.txt", AGENCY_POST)
    args = ("check", "post.txt", "--format", "json", "--nlp-model", "none")
    before = {(f["code"], f["location"]["column"]) for f in json.loads(cli(*args).out)}
    assert {("SM102", FIRST), ("SM102", SECOND)} <= before
    write(
        isolated,
        ".smlint.toml",
        '[agency]\npublic-phones = ["(307) 777-7020"]\nofficial-domains = ["wyo.gov"]\n',
    )
    after = {(f["code"], f["location"]["column"]) for f in json.loads(cli(*args).out)}
    assert ("SM102", SECOND) in after, "a number that is not a public line is still reported"
    assert ("SM102", FIRST) not in after, "public-phones matches in any formatting"
    assert not any(code == "SM504" for code, _ in after), "official-domains: subdomains count"


def test_each_draft_reads_its_nearest_config(isolated: Path, cli) -> None:
    """ruff's discovery: a folder's .smlint.toml governs the drafts below it (platform,
    mode, policy, excludes relative to that folder); --config names one for all."""
    long_post = "The workforce center is open late on Thursday. " * 7 + "\n"
    (isolated / ".smlint.toml").write_text('platform = "none"\n', encoding="utf-8")
    (isolated / "x").mkdir()
    (isolated / "x" / ".smlint.toml").write_text(
        'platform = "x"\nexclude = ["old"]\n', encoding="utf-8"
    )
    (isolated / "x" / "old").mkdir()
    for name in ("top.md", "x/thread.md", "x/old/archived.md"):
        (isolated / name).write_text(long_post, encoding="utf-8")
    result = cli("check", ".", "--select", "SM701")
    assert [line.split(":")[0] for line in result.out.splitlines()] == ["x/thread.md"]
    named = cli("check", "x/thread.md", "top.md", "--select", "SM701")
    assert [line.split(":")[0] for line in named.out.splitlines()] == ["x/thread.md"]
    one = cli("check", ".", "--select", "SM701", "--config", ".smlint.toml")
    assert one.out == ""
    flag = cli("check", ".", "--select", "SM701", "--platform", "x")  # the command line wins
    assert len(flag.out.splitlines()) == 2
