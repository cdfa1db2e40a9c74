"""``smlint fix`` and ``check --fix`` / ``--diff`` / ``--unsafe-fixes``: which fixes apply,
front matter untouched, the same value the same placeholder, no PII in a diff, re-linted."""

from __future__ import annotations

from pathlib import Path

from conftest import write

from smlint.ruledata.catalog import load_catalog

DRAFT = (
    "---\nplatform: x\ntitle: http://example.gov/old #snowemergency\n---\n"
    "Plows are out. #snowemergency\n"
    "Map: http://example.gov/snow. Call me at 608-555-0142, or 608-555-0142 after 5.\n"
)


def test_safe_fixes_by_default_and_front_matter_is_never_changed(isolated: Path, cli) -> None:
    write(isolated, "a.md", DRAFT)
    result = cli("fix", "a.md", "--select", "SM1,SM505,SM7")
    fixed = (isolated / "a.md").read_text(encoding="utf-8")
    assert fixed == DRAFT.replace("out. #snowemergency", "out. #SnowEmergency").replace(
        "Map: http://", "Map: https://"
    )
    assert "Fixed 2 findings in 1 file" in result.err
    # re-linted: the phone numbers are left (unsafe), reported as check reports them
    assert [line.split()[1] for line in result.out.splitlines()] == ["SM102", "SM102"]
    assert result.status == 1


def test_unsafe_fixes_redact_with_numbered_placeholders(isolated: Path, cli) -> None:
    write(
        isolated,
        "a.txt",
        "My cell 608-555-0142 or (608) 555-0142 or 608-555-0199. Email a.b@gmail.com\n",
    )
    result = cli("fix", "a.txt", "--unsafe-fixes", "--select", "SM1")
    assert (isolated / "a.txt").read_text(encoding="utf-8") == (
        "My cell [PHONE 1] or [PHONE 1] or [PHONE 2]. Email [EMAIL 1]\n"
    )
    assert (result.status, result.out) == (0, "")


def test_diff_writes_nothing_and_shows_no_pii(isolated: Path, cli) -> None:
    write(isolated, "a.md", DRAFT)
    result = cli("check", "a.md", "--diff", "--unsafe-fixes", "--select", "SM1,SM505,SM7")
    assert (isolated / "a.md").read_text(encoding="utf-8") == DRAFT
    assert result.status == 1
    assert result.out.startswith("--- a/a.md\n+++ b/a.md\n")
    assert (
        "+Map: https://example.gov/snow. Call me at [PHONE 1], or [PHONE 1] after 5." in result.out
    )
    assert "555-0142" not in result.out and "555-0142" not in result.err
    assert "Would fix 4 findings in 1 file" in result.err
    clean = cli("fix", "a.md", "--diff", "--select", "SM704")
    assert (clean.status, clean.out) == (0, "")


def test_check_fix_and_the_disclaimer(isolated: Path, cli) -> None:
    write(
        isolated,
        ".smlint.toml",
        '[agency]\nname = "City of Springfield"\naliases = ["Springfield Public Library"]\n',
    )
    text = "I've worked at the Springfield Public Library for nine years and love it.\n"
    write(isolated, "p.txt", text)
    args = ("p.txt", "--mode", "personal", "--select", "SM403")
    assert cli("check", "--fix", *args).status == 1  # unsafe: not applied by default
    assert (isolated / "p.txt").read_text(encoding="utf-8") == text
    result = cli("check", "--fix", "--unsafe-fixes", *args)
    assert (isolated / "p.txt").read_text(encoding="utf-8") == (
        text.rstrip() + "\n\nViews are my own, not my employer's.\n"
    )
    assert (result.status, result.out) == (0, "")


def test_unused_suppression_comments_are_removed(isolated: Path, cli) -> None:
    write(isolated, "a.txt", "Plows are out tonight.  # smlint: disable=SM703\n")
    write(isolated, "b.md", "<!-- smlint: disable=SM702,SM703 -->\nPlows out. #snowemergency\n")
    cli("fix", "a.txt", "b.md", "--select", "SM7,SM8")
    assert (isolated / "a.txt").read_text(encoding="utf-8") == "Plows are out tonight.\n"
    assert (isolated / "b.md").read_text(encoding="utf-8") == (
        "<!-- smlint: disable=SM702 -->\nPlows out. #snowemergency\n"
    )


def test_default_output_marks_safe_fixes_and_rules_say_so(isolated: Path, cli) -> None:
    write(isolated, "a.txt", "Plows are out. #snowemergency\n")
    out = cli("check", "a.txt", "--select", "SM702").out
    assert ": SM702 [*] Hashtag #snowemergency" in out
    explained = cli("rule", "SM102").out
    assert "Fixable (unsafe): smlint fix --unsafe-fixes" in explained
    assert "Docs: https://" in explained and explained.rstrip().endswith("#sm102")
    catalog = load_catalog()
    assert {r.code for r in catalog if r.autofix == "safe"} == {"SM505", "SM702", "SM801"}
    assert all(r.fix.strip() and "\n" not in r.fix for r in catalog)


def test_sarif_rules_have_help_uri(isolated: Path, cli) -> None:
    import json

    write(isolated, "a.txt", "Plows are out. #snowemergency\n")
    sarif = json.loads(cli("check", "a.txt", "--format", "sarif").out)
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert all(r["helpUri"].endswith("#" + r["id"].lower()) for r in rules)
    assert next(r for r in rules if r["id"] == "SM702")["properties"]["fixable"] == "safe"


def test_fix_needs_files_not_stdin(isolated: Path, cli) -> None:
    result = cli("fix", "-")
    assert result.status == 2 and "name the drafts" in result.err
