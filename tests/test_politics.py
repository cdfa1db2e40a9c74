"""SM3xx: partisan politics, ballot measures, lobbying, sensitive topics as opinion, personal
opinion in official mode — where each fires and the civic information that must not."""

from __future__ import annotations

import pytest
from conftest import lint


def found(text: str, mode: str = "official") -> list[tuple[str, str]]:
    findings = lint(text, mode=mode, select=("SM3",))
    return [(f.code, text[f.start : f.end]) for f in findings]


def codes_in(text: str, mode: str = "official") -> set[str]:
    return {code for code, _ in found(text, mode)}


def test_candidate_and_party_advocacy() -> None:
    assert found("Vote for Dana Whitfield for county board on Nov. 4!", "personal") == [
        ("SM301", "Vote for Dana Whitfield for county board")
    ]
    assert found("Great visit from Sen. Ortiz. Let's re-elect her this fall!")[0] == (
        "SM301",
        "Let's re-elect her",
    )
    assert ("SM301", "vote Republican this November") in found(
        "Whatever you do, vote Republican this November.", "personal"
    )


def test_donations_and_slogans() -> None:
    assert "SM301" in codes_in("Chip in $5 to my re-election campaign today!", "personal")
    assert found("Big rally downtown #MAGA", "personal") == [("SM301", "#MAGA")]
    assert found("Stand up for Friday! #Resist", "personal") == [("SM301", "#Resist")]


@pytest.mark.parametrize(
    "text",
    [
        "#ResistHate: report bias incidents to the city's equity office.",
        "Try to #resist the temptation to drive through flooded roads.",
        "Polls are open 7 a.m. to 8 p.m. Find your polling place and how to register to vote.",
        "Vote for your favorite photo in our contest! Voting closes Friday.",
        "Candidates: bring your resume to the job fair. Retirement party at 2 p.m.",
        "The 5K race starts at 8. Kids ages 5-12 run free.",
        "Sample ballots, including the referendum question, are online.",
    ],
)
def test_neutral_civic_information_is_never_a_finding(text: str) -> None:
    assert found(text) == []


def test_ballot_measures() -> None:
    text = "The May ballot has a library levy referendum. Vote YES to keep branches open!"
    assert found(text) == [("SM302", "Vote YES to keep branches open")]
    assert found("The transit referendum deserves a yes vote.")[0][0] == "SM302"


def test_lobbying_is_not_also_a_ballot_measure() -> None:
    text = "Call your state representative and tell them to vote no on HB 42."
    assert found(text, "personal") == [
        ("SM303", "Call your state representative and tell them to vote no on HB 42")
    ]
    assert found("Register to speak at Tuesday's public hearing.") == []


def test_sensitive_topic_names_the_topic() -> None:
    (finding,) = lint(
        "Hot take: religion belongs back in our classrooms.", mode="personal", select=("SM304",)
    )
    assert finding.message == "Sensitive topic (religion) as opinion"
    assert finding.detail["topic"] == "religion"


def test_slur_sentence_drops_sm304() -> None:
    text = "Unpopular opinion: women shouldn't be firefighters. Women can't carry the hose."
    got = lint(text, mode="personal", select=("SM304", "SM204"))
    assert [(f.code, text[f.start : f.end]) for f in got] == [
        ("SM304", "Unpopular opinion: women shouldn't be firefighters."),
        ("SM204", "Women can't carry the hose."),
    ]


def test_events_and_services_for_groups_are_not_opinion() -> None:
    text = "Women in the Trades info night Thursday. Check on your elderly neighbors."
    assert found(text, "personal") == []


def test_personal_opinion_only_in_official_mode() -> None:
    text = "I think every teen should get a summer job. In my opinion, it builds grit."
    assert found(text) == [("SM305", "I think"), ("SM305", "In my opinion")]
    assert found(text, "personal") == []


def test_quotations_and_institutional_we_are_not_personal_opinion() -> None:
    text = '"I think every kid needs a library card," says librarian Ana Ruiz. We think so too.'
    assert found(text) == []
    assert found("Mayor Lee: I think the new park is a gem.") == []
