"""``smlint init``: a commented .smlint.toml that ``smlint check`` accepts, never overwritten
without --force."""

from __future__ import annotations

import tomllib
from pathlib import Path

from conftest import write

from smlint.commands.init import InitAnswers, run_init


def test_init_writes_a_config_that_check_accepts(cli, isolated: Path) -> None:
    result = cli(
        "init",
        "--name",
        "Casper Health",
        "--aliases",
        "CCH, the clinic",
        "--official-domains",
        "cchealth.org",
        "--public-phones",
        "307-555-0100",
        "--no-input",
    )
    assert result.status == 0, result.err
    text = (isolated / ".smlint.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert data["policy"] == "default" and data["mode"] == "official"
    assert data["agency"]["aliases"] == ["CCH", "the clinic"]
    assert data["agency"]["official-domains"] == ["cchealth.org"]
    assert "# public-emails = " in text  # what was not given stays a commented example
    post = write(
        isolated, "p.txt", "Flu clinic today. Call 307-555-0100. https://cchealth.org/flu\n"
    )
    checked = cli("check", str(post))
    assert (checked.status, checked.out, checked.err) == (0, "", "")


def test_init_refuses_to_overwrite_without_force(cli, isolated: Path) -> None:
    write(isolated, ".smlint.toml", 'policy = "wy-dws"\n')
    result = cli("init", "--no-input")
    assert result.status == 2
    assert "already exists" in result.err and "--force" in result.err
    assert (isolated / ".smlint.toml").read_text() == 'policy = "wy-dws"\n'
    forced = cli("init", "--no-input", "--force", "--policy", "wi-dma")
    assert forced.status == 0
    assert tomllib.loads((isolated / ".smlint.toml").read_text())["policy"] == "wi-dma"


def test_init_rejects_an_unknown_policy(cli, isolated: Path) -> None:
    result = cli("init", "--no-input", "--policy", "nowhere")
    assert result.status == 2 and "unknown policy 'nowhere'" in result.err
    assert not (isolated / ".smlint.toml").exists()


def test_init_prompts_for_what_the_options_leave_out(isolated: Path) -> None:
    asked: list[str] = []

    def ask(question: str, default: str) -> str:
        asked.append(question)
        return {"Agency name": "City of Casper"}.get(
            question, "a.gov, b.gov" if "domains" in question else ""
        )

    path = run_init(InitAnswers(public_phones=["307-555-0100"]), folder=isolated, ask=ask)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["agency"]["name"] == "City of Casper"
    assert data["agency"]["official-domains"] == ["a.gov", "b.gov"]
    assert not any("phone" in q for q in asked)  # given as an option: not asked again


def test_no_nlp_model_is_one_notice_on_a_terminal(cli, isolated: Path, monkeypatch) -> None:
    import sys

    import smlint.analysis.nlp as nlp

    monkeypatch.setattr(nlp, "installed_english", lambda: None)
    post = write(isolated, "p.txt", "Flu shots today.\nSecond line.\n")
    assert "no spaCy English pipeline" not in cli("check", str(post)).err  # not a terminal
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    result = cli("check", str(post), str(post))
    assert result.err.count("no spaCy English pipeline installed") == 1
    assert "no spaCy" not in cli("check", "--nlp-model", "none", str(post)).err
