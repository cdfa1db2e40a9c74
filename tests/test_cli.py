"""The command line end to end: commands, exit statuses, errors without tracebacks, a broken
check reported and isolated, and --help/--version that load no NLP library."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, run_smlint, settings_for, write

import smlint
from smlint import checks as checks_module
from smlint.checks import builtin_checks, platform
from smlint.checks.base import Check
from smlint.engine.linter import Linter
from smlint.inputs.drafts import DraftDefaults, make_post
from smlint.models import Hit
from smlint.pipeline.run import run
from smlint.pipeline.sources import Posts
from smlint.reporters.base import Collector
from smlint.ruledata.catalog import load_catalog
from smlint.suppress import Selection

HEAVY = ("spacy", "thinc", "presidio_analyzer", "twitter_text", "wordsegment", "vaderSentiment")
TAGGED = "Plows are out. #snowemergency\n"  # SM702 (info) at 1:16
NO_ALT = "Crews at work.\n![](plow.jpg)\n"  # SM704 (warning) at 2:1


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["--version"], ["check", "--help"], ["rule", "--help"], ["-h"]],
)
def test_help_and_version_load_no_nlp_library(argv: list[str]) -> None:
    code = (
        "import sys\n"
        "from smlint.cli import main\n"
        f"status = main({argv!r})\n"
        f"heavy = sorted(m for m in {HEAVY!r} if m in sys.modules)\n"
        "print('HEAVY', heavy, status)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.rstrip().endswith("HEAVY [] 0"), proc.stdout[-300:]


def test_rule_explains_without_building_a_linter(cli) -> None:
    code = (
        "import sys\n"
        "from smlint.cli import main\n"
        "status = main(['rule', 'SM101'])\n"
        "loaded = sorted(m for m in ('smlint.engine.linter', 'smlint.checks', *"
        f"{HEAVY!r}) if m in sys.modules)\n"
        "print('LOADED', loaded, status)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.stdout.rstrip().endswith("LOADED [] 0"), proc.stdout[-300:] + proc.stderr
    assert "Flagged:" in proc.stdout and "    -> " not in proc.stdout
    live = cli("rule", "SM101", "--examples")
    assert live.status == 0
    assert "    -> 1:34 SM101 Social Security number" in live.out
    assert "    -> no SM101 finding" in live.out


def test_checks_are_registered_explicitly_not_on_import() -> None:
    code = (
        "import sys\n"
        "import smlint.checks as c\n"
        "before = sorted(m for m in sys.modules if m.startswith('smlint.checks.'))\n"
        "first, second = c.builtin_checks(), c.builtin_checks()\n"
        "print(before, first == second, len(first) == len({k.name for k in first}))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.stdout.strip() == "['smlint.checks.base'] True True", proc.stderr[-500:]


def test_version(cli) -> None:
    result = cli("--version")
    assert (result.status, result.out) == (0, f"smlint {smlint.__version__}\n")


def test_help_lists_commands(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # rich wraps long option names at 80
    result = cli("--help")
    assert result.status == 0
    for command in ("check", "rules", "rule", "policies"):
        assert command in result.out
    check_help = cli("check", "--help").out
    for option in ("--policy", "--select", "--baseline", "--stdin-display-name", "--fail-on"):
        assert option in check_help


def test_policies(cli) -> None:
    result = cli("policies")
    assert result.status == 0
    names = [line.split()[0] for line in result.out.splitlines()[1:]]
    assert names == ["all", "default", "madison", "milwaukee", "wi-dma", "wi-hr", "wy-dws"]
    assert "Wyoming Department of Workforce Services" in result.out


# --- exit status ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "args", "status"),
    [
        ("All roads are open.\n", (), 0),
        (TAGGED, (), 0),  # info is below the default --fail-on warning
        (TAGGED, ("--fail-on", "info"), 1),
        (NO_ALT, (), 1),
        (NO_ALT, ("--fail-on", "error"), 0),
        (NO_ALT, ("--exit-zero",), 0),
        (NO_ALT, ("--fail-on", "info", "--exit-zero"), 0),
    ],
)
def test_exit_status(isolated: Path, cli, text: str, args: tuple[str, ...], status: int) -> None:
    write(isolated, "p.md", text)
    assert cli("check", "p.md", "--select", "SM7", *args).status == status


def test_fail_on_from_config(isolated: Path, cli) -> None:
    write(isolated, ".smlint.toml", 'fail-on = "info"\n')
    write(isolated, "p.md", TAGGED)
    assert cli("check", "p.md", "--select", "SM7").status == 1
    assert cli("check", "p.md", "--select", "SM7", "--fail-on", "warning").status == 0


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["check", "p.md", "--format", "xml"], "'--format'"),
        (["check", "p.md", "--mode", "private"], "'--mode'"),
        (["check", "p.md", "--platform", "myspace"], "'--platform'"),
        (["check", "p.md", "--fail-on", "never"], "'--fail-on'"),
        (["check", "p.md", "--frobnicate"], "--frobnicate"),
        (["check", "p.md", "--jobs", "-3"], "--jobs"),
        (["frob"], "frob"),
        (["rule"], "'code'"),
        (["check", "p.md", "--nlp-model", "en_core_nonexistent_xx"], "en_core_nonexistent_xx"),
        (["check", "p.md", "--policy", "nowhere"], "unknown policy 'nowhere'"),
        (["check", "p.md", "--ignore", "SM9"], "'SM9'"),
        (["check", "p.md", "--config", "missing.toml"], "missing.toml"),
    ],
)
def test_usage_errors_are_one_line_exit_2(isolated: Path, cli, argv: list[str], needle: str):
    write(isolated, "p.md", TAGGED)
    result = cli(*argv)
    assert result.status == 2
    assert result.err.startswith("smlint: error: ")
    assert result.err.count("\n") == 1, result.err
    assert needle in result.err
    assert "Traceback" not in result.err
    assert result.out == ""


def test_usage_error_in_a_subprocess_has_no_traceback(isolated: Path) -> None:
    proc = run_smlint("check", "nowhere.md", "--policy", "nowhere", cwd=isolated)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_no_paths_and_a_terminal_on_stdin_is_a_usage_error(isolated: Path) -> None:
    leader, follower = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "smlint", "check"],
            cwd=isolated,
            stdin=follower,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert proc.returncode == 2
    assert proc.stderr.startswith("smlint: error: no paths given")


def test_console_script_entry_point() -> None:
    script = Path(sys.executable).parent / "smlint"
    if not script.exists():
        pytest.skip("smlint console script not installed in this environment")
    proc = subprocess.run([script, "--version"], capture_output=True, text=True, check=False)
    assert proc.stdout == f"smlint {smlint.__version__}\n"


def test_jobs_option_gives_the_same_report(isolated: Path, cli) -> None:
    for i in range(4):
        write(isolated, f"d/p{i}.md", TAGGED + NO_ALT)
    one = cli("check", "d", "--select", "SM7", "--jobs", "1")
    many = cli("check", "d", "--select", "SM7", "--jobs", "3")
    assert (one.status, one.out) == (many.status, many.out)
    assert len(one.out.splitlines()) == 8


# --- a broken check ---------------------------------------------------------------------------


def _boom(_analysis, _ctx) -> list[Hit]:
    raise RuntimeError("lexicon missing\nsecond line of detail")


# The platform check with its SM703 function broken: its other rules must still report.
BROKEN = Check.per_code("platform", {**platform.CHECK.functions, "SM703": _boom})


def _with_broken(checks):
    return tuple(BROKEN if c.name == "platform" else c for c in checks)


def test_failing_check_is_reported_and_does_not_hide_others() -> None:
    settings = settings_for()
    catalog = load_catalog()
    linter = Linter(settings, catalog, _with_broken(builtin_checks()), Selection(select=("SM7",)))
    post = make_post(
        "p.md",
        TAGGED,
        DraftDefaults(mode="official", platform="none"),
        markdown=True,
        honour_inline=True,
    )
    collected = Collector()
    summary = run(Posts([post]), linter, [collected])
    assert [f.code for f in collected.findings] == ["SM702"]
    assert summary.problems == 1
    assert [str(p) for p in collected.problems] == [
        "p.md: internal error in check 'platform' (SM703): RuntimeError: lexicon missing"
    ]


def test_failing_check_exits_2_and_prints_other_findings(
    isolated: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = checks_module.builtin_checks
    monkeypatch.setattr(checks_module, "builtin_checks", lambda: _with_broken(real()))
    write(isolated, "a.md", TAGGED)
    write(isolated, "b.md", NO_ALT)
    result = cli("check", "a.md", "b.md", "--select", "SM7", "--format", "json")
    assert result.status == 2
    assert [(f["filename"], f["code"]) for f in json.loads(result.out)] == [
        ("a.md", "SM702"),
        ("b.md", "SM704"),
    ]
    assert result.err.splitlines() == [
        "smlint: error: a.md: internal error in check 'platform' (SM703): RuntimeError:"
        " lexicon missing",
        "smlint: error: b.md: internal error in check 'platform' (SM703): RuntimeError:"
        " lexicon missing",
    ]
    assert cli("check", "a.md", "--select", "SM7", "--exit-zero").status == 2


def test_unexpected_crash_is_one_line(isolated: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import smlint.commands.check

    def crash(_options):
        raise KeyError("boom")

    monkeypatch.setattr(smlint.commands.check, "run_check", crash)
    write(isolated, "a.md", TAGGED)
    result = cli("check", "a.md")
    assert result.status == 2
    assert result.err == "smlint: internal error: KeyError: 'boom'\n"


# --- the sample drafts (``make run``) ---------------------------------------------------------


def test_sample_drafts_match_the_golden_report(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """The SM7 findings of fixtures/drafts, byte for byte (other families change faster)."""
    monkeypatch.chdir(REPO)
    result = cli("check", "fixtures/drafts", "--select", "SM7", "--statistics", "--count")
    golden = (REPO / "fixtures" / "golden" / "drafts-sm7.txt").read_text(encoding="utf-8")
    assert result.out == golden
    assert (result.status, result.err) == (1, "")


def test_make_run_lints_every_sample_without_errors(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = cli("check", "fixtures/drafts", "--exit-zero", "--statistics", "--format", "json")
    # No agency config in the repository: one notice says which rule waits for it, no error.
    assert result.status == 0
    # --statistics beside a machine format goes to stderr; no error there
    assert "error" not in result.err and "SM102 Phone number" in result.err
    by_file: dict[str, set[str]] = {}
    for finding in json.loads(result.out):
        by_file.setdefault(Path(finding["filename"]).name, set()).add(finding["code"])
    assert {"SM102", "SM104"} <= by_file["claimant-reply.txt"]
    assert not {c for c in by_file.get("job-fair-clean.md", set()) if c[:3] != "SM5"}


def test_output_format_is_an_alias_of_format(isolated: Path, cli) -> None:
    (isolated / "d.txt").write_text("Plows are out. #snowemergency\n", encoding="utf-8")
    a = cli("check", "d.txt", "--format", "json", "--select", "SM702")
    b = cli("check", "d.txt", "--output-format", "json", "--select", "SM702")
    assert a.out == b.out and '"SM702"' in a.out


def test_repeated_select_adds_up(isolated: Path, cli) -> None:
    (isolated / "d.md").write_text(
        "---\nplatform: x\n---\n#snowemergency " + "Plows out tonight. " * 20 + "\n",
        encoding="utf-8",
    )
    one = cli("check", "d.md", "--select", "SM701", "--select", "SM702")
    codes = {line.split()[1] for line in one.out.splitlines()}
    assert codes == {"SM701", "SM702"}
    both = cli("check", "d.md", "--select", "SM701,SM702")
    assert both.out == one.out


def test_select_of_a_rule_the_pack_leaves_off_warns(isolated: Path, cli) -> None:
    (isolated / "d.txt").write_text("Details: https://bit.ly/abc\n", encoding="utf-8")
    result = cli("check", "d.txt", "--policy", "wi-dma", "--select", "SM502")
    assert (result.status, result.out) == (0, "")
    assert "warning: --select SM502: the pack 'wi-dma' does not enable it" in result.err
    added = cli(
        "check", "d.txt", "--policy", "wi-dma", "--extend-select", "SM502", "--select", "SM502"
    )
    assert "warning" not in added.err and "SM502" in added.out
