"""Baselines: identity is file + code + keyed hash of the matched text, never text or lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import write

from smlint.baseline import Baseline, BaselineError, BaselineWriter, identity
from smlint.models import Finding, Severity

DRAFT = "Plows are out. #snowemergency\nCrews ready. #roadclosure\n"


def _rows(out: str) -> list[tuple[str, str]]:
    return [(line.split(":")[1], line.split()[1]) for line in out.splitlines()]


def write_baseline(path: Path, findings: list[Finding]) -> None:
    writer = BaselineWriter()
    writer.add(findings)
    writer.write(path)


def _finding(matched: str, path: str = "p.md", code: str = "SM102", row: int = 1) -> Finding:
    return Finding(
        path=path,
        post_id=None,
        code=code,
        slug="phone-number",
        severity=Severity.ERROR,
        message="Phone number",
        row=row,
        column=1,
        end_row=row,
        end_column=1 + len(matched),
        start=0,
        end=len(matched),
        matched=matched,
    )


def test_write_then_use_a_baseline(isolated: Path, cli) -> None:
    write(isolated, "p.md", DRAFT)
    args = ("check", "p.md", "--select", "SM702", "--fail-on", "info")
    written = cli(*args, "--write-baseline", "base.json")
    assert written.status == 0  # writing accepts the findings, and still reports them
    assert len(written.out.splitlines()) == 2
    again = cli(*args, "--baseline", "base.json")
    assert (again.status, again.out) == (0, "")


def test_moved_lines_stay_accepted_and_only_new_findings_fail(isolated: Path, cli) -> None:
    write(isolated, "p.md", DRAFT)
    args = ("check", "p.md", "--select", "SM702", "--fail-on", "info", "--baseline", "base.json")
    cli("check", "p.md", "--select", "SM702", "--write-baseline", "base.json")
    # the same findings on other lines and columns, plus one new one
    write(
        isolated,
        "p.md",
        "New intro line.\n\nCrews ready:  #roadclosure\n#jobfair\n\n  Plows out! #snowemergency\n",
    )
    result = cli(*args)
    assert result.status == 1
    assert _rows(result.out) == [("4", "SM702")]
    assert "#jobfair" in result.out


def test_a_repeated_finding_beyond_the_accepted_count_is_new(isolated: Path, cli) -> None:
    write(isolated, "p.md", "A #snowemergency\n")
    cli("check", "p.md", "--select", "SM702", "--write-baseline", "base.json")
    write(isolated, "p.md", "A #snowemergency\nB #snowemergency\n")
    result = cli("check", "p.md", "--select", "SM702", "--baseline", "base.json")
    assert len(result.out.splitlines()) == 1


def test_baseline_is_per_file(isolated: Path, cli) -> None:
    write(isolated, "a.md", "A #snowemergency\n")
    cli("check", "a.md", "--select", "SM702", "--write-baseline", "base.json")
    write(isolated, "b.md", "A #snowemergency\n")
    result = cli("check", "a.md", "b.md", "--select", "SM702", "--baseline", "base.json")
    assert result.out.startswith("b.md:1:3: SM702")
    assert len(result.out.splitlines()) == 1


def test_baseline_file_holds_no_matched_text_or_line_numbers(isolated: Path) -> None:
    path = isolated / "base.json"
    secret = "307-555-0199"
    write_baseline(path, [_finding(secret, row=7)])
    raw = path.read_text(encoding="utf-8")
    data = json.loads(raw)
    assert data["version"] == 1
    (entry,) = data["findings"]
    assert set(entry) == {"path", "post_id", "code", "hash", "count"}
    assert entry["code"] == "SM102" and entry["path"] == "p.md"
    for needle in (secret, "3075550199", "5550199", "0199"):
        assert needle not in raw
    assert '"row"' not in raw and '"line"' not in raw


def test_hash_is_keyed_and_formatting_insensitive(monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = _finding("(307) 555-0199"), _finding("307.555.0199", row=9)
    assert identity(a, "salt") == identity(b, "salt")
    assert identity(a, "salt") != identity(a, "other-salt")
    assert identity(a, "salt") != identity(_finding("307-555-0198"), "salt")
    assert identity(a, "salt") != identity(_finding("(307) 555-0199", code="SM104"), "salt")
    assert identity(a, "salt") != identity(_finding("(307) 555-0199", path="q.md"), "salt")
    unkeyed = identity(a, "salt")
    monkeypatch.setenv("SMLINT_BASELINE_KEY", "ci-secret")
    assert identity(a, "salt") != unkeyed


def test_baseline_written_with_a_key_needs_the_key(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SMLINT_BASELINE_KEY", "ci-secret")
    write_baseline(isolated / "b.json", [_finding("307-555-0199")])
    assert Baseline.load(isolated / "b.json").filter([_finding("307-555-0199")]) == []
    monkeypatch.delenv("SMLINT_BASELINE_KEY")
    assert len(Baseline.load(isolated / "b.json").filter([_finding("307-555-0199")])) == 1


def test_pii_baseline_never_stores_the_value(isolated: Path, cli, monkeypatch) -> None:
    monkeypatch.setenv("SMLINT_BASELINE_KEY", "ci-secret")
    write(isolated, "reply.txt", "Call me back at 307-555-0143 about your claim.\n")
    cli("check", "reply.txt", "--write-baseline", "base.json", "--nlp-model", "none")
    raw = (isolated / "base.json").read_text(encoding="utf-8")
    assert "555-0143" not in raw and "5550143" not in raw
    assert '"SM102"' in raw, "the phone number is recorded as an accepted SM102 finding"
    result = cli("check", "reply.txt", "--baseline", "base.json", "--nlp-model", "none")
    assert result.status == 0 and result.out == ""


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (None, "baseline file not found"),
        ("{not json", "not a readable smlint baseline"),
        ('{"version": 99, "findings": []}', "not an smlint baseline"),
        ('{"version": 1, "salt": "s", "findings": [{"path": "p"}]}', "malformed baseline"),
    ],
)
def test_bad_baseline_is_exit_2_before_linting(
    isolated: Path, cli, content: str | None, needle: str
) -> None:
    if content is not None:
        write(isolated, "base.json", content)
    write(isolated, "p.md", DRAFT)
    result = cli("check", "p.md", "--baseline", "base.json")
    assert result.status == 2
    assert result.out == ""
    assert needle in result.err and "base.json" in result.err
    with pytest.raises(BaselineError):
        Baseline.load(isolated / "base.json")


def test_writing_pii_entries_without_a_key_is_refused(isolated: Path, cli) -> None:
    """The salt alone lets anyone test every SSN against an entry in minutes: refused."""
    write(isolated, "reply.txt", "Claimant SSN 123-45-6789 called.\n")
    result = cli("check", "reply.txt", "--write-baseline", "base.json", "-qq")
    assert result.status == 2
    (line,) = result.err.splitlines()
    assert "SMLINT_BASELINE_KEY" in line and "SMLINT_BASELINE_KEY_FILE" in line
    assert not (isolated / "base.json").exists()


def test_non_pii_entries_may_use_the_salt_alone(isolated: Path, cli) -> None:
    write(isolated, "p.md", DRAFT)
    result = cli("check", "p.md", "--select", "SM702", "--write-baseline", "base.json")
    assert result.status == 0, result.err
    assert "keyed" not in json.loads((isolated / "base.json").read_text(encoding="utf-8"))
    again = cli("check", "p.md", "--select", "SM702", "--baseline", "base.json")
    assert (again.status, again.out) == (0, "")


def test_a_key_file_outside_the_repository_keys_pii_entries(
    isolated: Path, tmp_path: Path, cli, monkeypatch
) -> None:
    (isolated / ".git").mkdir()
    key = tmp_path / "secret.key"
    key.write_text("a-long-random-secret\n", encoding="utf-8")
    monkeypatch.setenv("SMLINT_BASELINE_KEY_FILE", str(key))
    write(isolated, "reply.txt", "Claimant SSN 123-45-6789 called.\n")
    assert cli("check", "reply.txt", "--write-baseline", "base.json", "-qq").status == 0
    data = json.loads((isolated / "base.json").read_text(encoding="utf-8"))
    assert data["keyed"] is True
    assert cli("check", "reply.txt", "--select", "SM101", "--baseline", "base.json").status == 0
    # Without the key the keyed entries cannot be checked: one line, exit 2.
    monkeypatch.delenv("SMLINT_BASELINE_KEY_FILE")
    result = cli("check", "reply.txt", "--baseline", "base.json")
    assert result.status == 2 and "keyed with a secret" in result.err
    # A key file inside the repository would be committed with the baseline: refused.
    inside = isolated / "baseline.key"
    inside.write_text("secret\n", encoding="utf-8")
    monkeypatch.setenv("SMLINT_BASELINE_KEY_FILE", str(inside))
    result = cli("check", "reply.txt", "--write-baseline", "base.json", "-qq")
    assert result.status == 2 and "inside the repository" in result.err


def test_a_failed_baseline_write_keeps_the_previous_file(isolated: Path, cli) -> None:
    write(isolated, "reply.txt", "Claimant SSN 123-45-6789 called.\n")
    (isolated / "base.json").write_text("previous\n", encoding="utf-8")
    assert cli("check", "reply.txt", "--write-baseline", "base.json", "-qq").status == 2
    assert (isolated / "base.json").read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in isolated.iterdir() if p.name.startswith(".base")] == []
