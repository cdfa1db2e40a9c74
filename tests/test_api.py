"""The Python API (smlint.api): settings as the command line resolves them, one error type with
the command line's messages, findings of a text, and flat PII-safe rows of records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smlint.api import Linter, Row, SmlintError

SSN = "521-44-9087"
PHONE = "(555) 310-4477"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter.from_config(hash_key="test-key")


def test_lint_text_finds_the_rule_and_its_place(linter: Linter) -> None:
    findings = linter.lint_text(f"Found your file using SSN {SSN}. We'll update it today.")
    ssn = [f for f in findings if f.code == "SM101"]
    assert len(ssn) == 1
    assert (ssn[0].row, ssn[0].column) == (1, 27)
    assert ssn[0].slug == "us-ssn"


def test_lint_text_mode_and_policy_override_the_linter(linter: Linter, tmp_path: Path) -> None:
    config = tmp_path / "smlint.toml"
    config.write_text(
        '[agency]\nname = "City of Springfield"\naliases = ["Springfield Public Library"]\n',
        encoding="utf-8",
    )
    springfield = Linter.from_config(config)
    text = (
        "I've worked at the Springfield Public Library for nine years"
        " and the new checkout system is a mess."
    )
    official = {f.code for f in springfield.lint_text(text)}
    personal = {f.code for f in springfield.lint_text(text, mode="personal")}
    assert "SM403" in personal  # staff speaking of their agency off duty
    assert "SM403" not in official
    with pytest.raises(SmlintError, match="mode: expected one of official, personal"):
        linter.lint_text(text, mode="weekend")
    with pytest.raises(SmlintError, match="no-such-pack"):
        linter.lint_text(text, policy="no-such-pack")


def test_from_config_validates_as_the_command_line_does(cli, tmp_path: Path) -> None:
    with pytest.raises(SmlintError) as api_error:
        Linter.from_config(select="SM9999")
    result = cli("check", "--select", "SM9999", "-")
    assert result.status == 2
    assert result.err.strip() == f"smlint: error: {api_error.value}"
    with pytest.raises(SmlintError, match="platform: expected one of"):
        Linter.from_config(platform="myspace")
    with pytest.raises(SmlintError, match="config file not found"):
        Linter.from_config(tmp_path / "missing.toml")
    with pytest.raises(SmlintError):
        Linter.from_config(policy="no-such-pack")


def test_keyword_arguments_override_the_config_file(tmp_path: Path) -> None:
    config = tmp_path / "smlint.toml"
    config.write_text('mode = "personal"\nselect = ["SM1"]\n', encoding="utf-8")
    from_file = Linter.from_config(config)
    assert from_file.settings.mode == "personal"
    assert from_file.settings.select == ("SM1",)
    overridden = Linter.from_config(config, mode="official", select="SM101,SM102")
    assert overridden.settings.mode == "official"
    assert overridden.settings.select == ("SM101", "SM102")


def test_the_config_file_is_found_upward_like_the_cli(isolated: Path) -> None:
    (isolated / ".smlint.toml").write_text('platform = "x"\n', encoding="utf-8")
    assert Linter.from_config().settings.platform == "x"


def test_rows_are_flat_and_never_hold_a_pii_value(linter: Linter) -> None:
    records = [
        {"id": "a", "text": f"Found your file using SSN {SSN}. We'll update it today."},
        {"id": "b", "text": f"Our supervisor will follow up. Reach him at {PHONE} until 4."},
        {"id": "c", "text": "Libraries are open until 8 tonight."},
    ]
    rows = list(linter.lint_records(records))
    assert {r.post_id for r in rows if r.code == "SM101"} == {"a"}
    assert {r.post_id for r in rows if r.code == "SM102"} == {"b"}
    assert not [r for r in rows if r.post_id == "c" and r.code.startswith("SM1")]
    for row in rows:
        assert isinstance(row, Row)
        flat = json.dumps(row.as_dict())
        for value in (SSN, "521449087", PHONE, "3104477", "310-4477"):
            assert value not in flat
        assert all(not isinstance(v, dict | list) for v in row.as_dict().values())
    ssn = next(r for r in rows if r.code == "SM101")
    assert ssn.kind == "finding" and ssn.severity == "error" and ssn.rule == "us-ssn"
    assert (ssn.row, ssn.column, ssn.end - ssn.start) == (1, 27, len(SSN))
    assert "***-**-****" in ssn.preview
    assert ssn.pack and ssn.section
    assert len(ssn.match_hash) == 64 and len(ssn.finding_id) == 32


def test_the_hash_is_keyed_and_the_finding_id_is_stable() -> None:
    record = [{"id": "a", "text": f"SSN {SSN} on file."}]
    one = next(Linter.from_config(hash_key="k1").lint_records(record))
    same = next(Linter.from_config(hash_key="k1").lint_records(record))
    other = next(Linter.from_config(hash_key="k2").lint_records(record))
    assert one == same
    assert one.match_hash != other.match_hash
    assert one.finding_id == other.finding_id  # the id names the finding, not the key


def test_a_record_without_text_is_skipped_and_counted(linter: Linter) -> None:
    records = [
        {"id": "1", "text": None},
        {"id": "2", "body": "wrong field"},
        {"id": "3", "text": 42},
        {"text": f"SSN {SSN} on file."},
    ]
    rows = list(linter.lint_records(records))
    skipped = [r for r in rows if r.kind == "skipped"]
    assert [(r.post_id, r.record) for r in skipped] == [("1", 1), ("2", 2), ("3", 3)]
    assert "not a string" in skipped[2].message
    assert {r.post_id for r in rows if r.kind == "finding"} == {"4"}


def test_other_field_names(linter: Linter) -> None:
    rows = list(
        linter.lint_records(
            [{"tweet_id": 7, "full_text": f"SSN {SSN}", "line": "12"}],
            text_field="full_text",
            id_field="tweet_id",
            path="archive.jsonl",
            record_field="line",
        )
    )
    ssn = [(r.path, r.post_id, r.record) for r in rows if r.code == "SM101"]
    assert ssn == [("archive.jsonl", "7", 12)]
