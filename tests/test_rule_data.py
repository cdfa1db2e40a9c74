"""Rules as data: a phrase rule is catalog and lexicon YAML only; broken rule files stop the
run at start-up with one line naming file and key; the catalog's precedence is applied only
where the winning rule is enabled."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import copy_source_tree, lint

from smlint.ruledata.lexicons import term_regex


def _tree(tmp_path: Path) -> Path:
    return copy_source_tree(tmp_path / "src")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _smlint(tree: Path, *argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smlint", *argv],
        cwd=cwd,
        env={"PYTHONPATH": str(tree), "SMLINT_NO_CACHE": "1", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


NEW_RULE = """  - code: SM699
    slug: secret-recipe
    name: Secret recipe shared
    severity: warning
    phrases: {lexicon: confidentiality, trim-end: " .", exceptions: sentence}
    description: A test rule that exists only as data.
    fix: Keep the recipe secret.
    examples:
      flag:
        - text: "Our chili cook-off winner shared the secret recipe with everyone."
      pass:
        - text: "There is no secret recipe, just practice."
          why: the exception pattern
"""


def test_a_new_phrase_rule_is_yaml_only(tmp_path: Path) -> None:
    tree = _tree(tmp_path)
    with (tree / "rules/catalog/sm6.yaml").open("a", encoding="utf-8") as handle:
        handle.write(NEW_RULE)
    lexicon = tree / "rules/lexicons/confidentiality.yaml"
    _edit(lexicon, "  SM605:\n", '  SM699:\n    recipe: "\\\\bsecret recipe\\\\b"\n  SM605:\n')
    _edit(lexicon, "exceptions:\n", 'exceptions:\n  SM699: "\\\\bno secret\\\\b"\n')
    work = tmp_path / "work"  # the autouse fixture made it and runs the test in it
    (work / "flag.txt").write_text("Our chili cook-off winner shared the secret recipe.\n")
    (work / "pass.txt").write_text("There is no secret recipe, just practice.\n")
    result = _smlint(tree, "check", ".", "--select", "SM699", cwd=work)
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        "flag.txt:1:38: SM699 Secret recipe shared (warning)",
    ]
    assert result.returncode == 1
    explained = _smlint(tree, "rule", "SM699", cwd=work)
    assert explained.returncode == 0 and "Secret recipe shared" in explained.stdout


@pytest.mark.parametrize(
    ("file", "old", "new", "error"),
    [
        (
            "lexicons/language.yaml",
            '{insult-noun}\\\\b"\n    dont-be',
            '{insult-nonu}\\\\b"\n    dont-be',
            "lexicons/language.yaml: patterns.SM202.you-insult: unknown word list {insult-nonu}",
        ),
        (
            "lexicons/confidentiality.yaml",
            "  SM605:\n    door-code",
            "  SM6O5:\n    door-code",
            "lexicons/confidentiality.yaml: patterns.SM6O5: expected a rule code like SM203,"
            " got 'SM6O5'",
        ),
        (
            "lexicons/politics.yaml",
            "party-sentiment:\n",
            "party-sentiments:\n",
            "lexicons/politics.yaml: unknown key 'party-sentiments'",
        ),
        (
            "lexicons/language.yaml",
            'shut-up: "\\\\bshut',
            'shut-up: "(\\\\bshut',
            "lexicons/language.yaml: patterns.SM202.shut-up: invalid regular expression:"
            " missing ), unterminated subpattern at position 0",
        ),
        (
            "lexicons/disclaimers.yaml",
            "patterns:\n",
            "pattern:\n",
            "lexicons/disclaimers.yaml: unknown key 'pattern'",
        ),
        (
            "lexicons/confidentiality.yaml",
            "  SM603:\n    evacuate",
            "  SM602x:\n    evacuate",
            "lexicons/confidentiality.yaml: patterns.SM602x: expected a rule code like SM203,"
            " got 'SM602x'",
        ),
        (
            "lexicons/pii.yaml",
            "prepositions: [of,",
            "prepositions: [yes, of,",
            "lexicons/pii.yaml: prepositions[0]: expected a string, got True"
            " (quote words such as yes, no, on, off)",
        ),
    ],
    ids=["placeholder", "code", "key", "regex", "list-file", "suffix", "yaml-boolean"],
)
def test_a_broken_lexicon_is_one_error_at_start_up(
    tmp_path: Path, file: str, old: str, new: str, error: str
) -> None:
    tree = _tree(tmp_path)
    _edit(tree / "rules" / file, old, new)
    work = tmp_path / "work"  # the autouse fixture made it and runs the test in it
    (work / "a.txt").write_text("Library hours are 9 to 5.\n")
    result = _smlint(tree, "check", "a.txt", cwd=work)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"smlint: error: {error}"]
    assert result.stdout == ""


def test_a_phrase_rule_without_patterns_is_an_error(tmp_path: Path) -> None:
    tree = _tree(tmp_path)
    lexicon = tree / "rules/lexicons/confidentiality.yaml"
    text = lexicon.read_text(encoding="utf-8")
    start = text.index("  SM603:\n")
    end = text.index("  SM604:\n")
    lexicon.write_text(text[:start] + text[end:], encoding="utf-8")
    work = tmp_path / "work"  # the autouse fixture made it and runs the test in it
    (work / "a.txt").write_text("Library hours are 9 to 5.\n")
    result = _smlint(tree, "check", "a.txt", cwd=work)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "smlint: error: SM603: lexicons/confidentiality.yaml has no patterns for it"
    ]


LOBBY = "Call your senator and tell them to vote yes on the library levy."


def test_precedence_applies_where_the_winner_is_enabled() -> None:
    both = lint(LOBBY, select=("SM302", "SM303"))
    assert [(f.code, LOBBY[f.start : f.end]) for f in both] == [
        ("SM303", "Call your senator and tell them to vote yes on the library levy"),
    ]
    alone = lint(LOBBY, select=("SM302",))
    assert [(f.code, LOBBY[f.start : f.end]) for f in alone] == [
        ("SM302", "vote yes on the library levy"),
    ]


def test_a_claim_of_inside_access_wins_over_the_marking_it_overlaps() -> None:
    text = "Off the record: I've seen the confidential draft and two branches close."
    got = lint(text, mode="personal", select=("SM405", "SM601"))
    assert [(f.code, f.detail["pattern"]) for f in got] == [("SM405", "off-the-record")]
    alone = lint(text, mode="personal", select=("SM601",))
    assert [(f.code, text[f.start : f.end]) for f in alone] == [("SM601", "confidential draft")]


def test_rule_command_says_how_a_rule_runs(cli) -> None:
    phrase = cli("rule", "SM603")
    assert phrase.status == 0
    assert "a phrase rule (data only): the patterns for SM603 in" in phrase.out
    assert "evacuate, shelter, boil-water, leave-now" in phrase.out
    check = cli("rule", "SM304")
    assert "implemented by the check 'politics'" in check.out
    assert "not reported where SM204 fires in the same sentence" in check.out


GRAMMAR_RULE = """  - code: SM398
    slug: vote-for-person
    name: Vote for a person
    severity: warning
    phrases: {lexicon: politics, hashtags: true}
    description: A test rule that is a grammar only.
    fix: Do not ask for votes.
    examples:
      flag:
        - text: "Please vote for Tom Nowak in the sheriff race."
      pass:
        - text: "Find your polling place and vote for Tom Nowak."
          why: civic information cancels the grammar
"""
GRAMMAR = """grammars:
  SM398:
    parts:
      act:
        vote-for: '\\bvot(?:e|ing)\\s+for\\b'
      target:
        full-name: '(?-i:[A-Z][a-z]+\\s+[A-Z][a-z]+)'
        known: '\\bnewsom\\b'
      civic:
        polling-place: '\\bpolling place\\b'
    forms:
      vote-for-person: {parts: [act, target], gap: 10}
    unless: [civic]
"""


def test_a_grammar_rule_is_yaml_only(tmp_path: Path) -> None:
    tree = _tree(tmp_path)
    with (tree / "rules/catalog/sm3.yaml").open("a", encoding="utf-8") as handle:
        handle.write(GRAMMAR_RULE)
    with (tree / "rules/lexicons/politics.yaml").open("a", encoding="utf-8") as handle:
        handle.write(GRAMMAR)
    work = tmp_path / "work"
    posts = {
        "a.txt": "Please vote for Tom Nowak in the sheriff race.",
        "b.txt": "Find your polling place and vote for Tom Nowak.",
        "c.txt": "Recall the vote. #VoteForNewsom",
        "d.txt": "Vote early, and for the love of all that is good, Tom Nowak wins.",
    }
    for name, text in posts.items():
        (work / name).write_text(text + "\n")
    result = _smlint(
        tree, "check", ".", "--select", "SM398", "--format", "jsonl", "--exit-zero", cwd=work
    )
    import json

    found = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.stderr == ""
    assert [
        (f["filename"], f["location"]["column"], f["end_location"]["column"], f["explanation"])
        for f in found
    ] == [
        (
            "a.txt",
            8,
            26,
            {"pattern": "vote-for-person", "act": "vote-for", "target": "full-name"},
        ),
        (
            "c.txt",
            18,
            32,
            {
                "pattern": "vote-for-person",
                "act": "vote-for",
                "target": "known",
                "hashtag": "words",
            },
        ),
    ]


@pytest.mark.parametrize(
    ("entry", "matches", "misses"),
    [
        ("vote+", ["vote", "votes", "voted", "voting"], ["votee", "vot"]),
        ("stab+", ["stab", "stabs", "stabbed", "stabbing"], ["stabbs"]),
        ("rally+", ["rally", "rallies", "rallied", "rallying"], ["rallys"]),
        ("punch+", ["punch", "punches", "punched", "punching"], ["punchs"]),
        ("re-elect+", ["re-elect", "re-elected", "re-electing"], ["reelect"]),
        ("chip+ in", ["chip in", "chips  in", "chipped in"], ["chip ins"]),
        ("polling place+", ["polling place", "polling places"], ["polled place"]),
    ],
)
def test_a_plus_entry_matches_regular_inflections(
    entry: str, matches: list[str], misses: list[str]
) -> None:
    rx = re.compile(term_regex([entry]), re.IGNORECASE)
    assert [w for w in matches if rx.fullmatch(w)] == matches
    assert [w for w in misses if rx.fullmatch(w)] == []


def test_a_regex_list_may_name_word_lists() -> None:
    """A ``regexes`` entry may say ``{list}``: expanded where the entry is used."""
    from smlint.ruledata.lexicons import Lexicon

    lexicon = Lexicon(
        "t",
        {
            "terms": {"noun": ["driver+", "cop+"]},
            "regexes": {"target": ["the {noun}", "him"], "act": ["punch {target}"]},
        },
    )
    rx = lexicon.compile(r"\b{act}\b")
    assert [m.group(0) for m in rx.finditer("punch the drivers, punch him, punch it")] == [
        "punch the drivers",
        "punch him",
    ]


def test_occurs_matches_as_the_case_insensitive_regex() -> None:
    """CodePatterns.occurs searches lower-cased text without IGNORECASE where it may: the
    answer is the case-insensitive regex's, also for capitals in the pattern and for text
    whose lower case changes its length."""
    from smlint.ruledata.lexicons import CodePatterns

    lower = CodePatterns("SM999", (r"(?P<p0>\bidiots?\b)",), ("p0",))
    capital = CodePatterns("SM999", (r"(?P<p0>\b[A-Z][a-z]+ville\b)",), ("p0",))
    assert lower._lowered is not None and capital._lowered is None
    for text in ("What IDIOTS.", "an idiot", "İdiot in İstanbul", "no one", "idiotic"):
        for patterns in (lower, capital):
            assert patterns.occurs(text) == bool(patterns.regex.search(text)), text
    assert lower.occurs("What IDIOTS.") and not lower.occurs("idiotic")
    assert capital.occurs("Welcome to Smithville") and not capital.occurs("welcome")
