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


def detail(text: str, mode: str = "official", code: str = "SM301") -> list[dict]:
    return [f.detail for f in lint(text, mode=mode, select=("SM3",)) if f.code == code]


# --- the advocacy grammar (rules/lexicons/politics.yaml: grammars) --------------------------


@pytest.mark.parametrize(
    ("text", "form"),
    [
        # a vote for a person found by the person-names view: capitalised pair, first name,
        # title; or a handle, or the author
        ("Vote for Alex Becker for county commissioner!", "vote-for-candidate"),
        ("Remember to early vote for Maura Quint.", "vote-for-candidate"),
        ("Please vote for Commissioner Okafor in the sheriff race.", "vote-for-candidate"),
        ("Today's the day to vote for @JordanForHouse!", "vote-for-candidate"),
        ("We gave it all and convinced some folks to vote for me.", "vote-for-candidate"),
        # inflections and the re-election family
        ("We all need to work hard to get him re-elected.", "get-re-elected"),
        ("We are committed to electing Democrats across the state.", "elect-party"),
        ("Let's reelect Mara Lind to the council.", "re-elect"),
        # asking for votes, endorsements given or received, own candidacy
        ("Election Day is Tuesday, and I'm asking for your vote.", "ask-vote"),
        ("Thank you to the teachers' union for your endorsement!", "endorsement-thanks"),
        ("Today we received the Building Trades endorsement.", "endorsement-received"),
        ("Proudly supporting my friend Ann Cole for mayor of Lakeside!", "support-for-office"),
        (
            "Thanks to everyone who came out to support my Attorney General campaign!",
            "own-candidacy",
        ),
        ("I'm running for Governor because Ohio deserves better.", "own-candidacy"),
        ("My opponent wants to cut school funding.", "own-candidacy"),
        ("Chip in $10 before midnight to help our campaign.", "donate-campaign"),
        ("Keep knocking on doors until the polls close, and go vote!", "canvass"),
        ("Come join me and fellow Democrats on election night!", "party-event"),
        ("Uniting behind these candidates matters now.", "own-candidacy"),
    ],
)
def test_advocacy_forms(text: str, form: str) -> None:
    assert form in [d["pattern"] for d in detail(text, "personal")], detail(text, "personal")


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("We need to #RecallNewsom", "elect-party"),
        ("Big night ahead. #ElectDemocrats", "elect-party"),
        ("On the road again. #GordonForGovernor", "office-hashtag"),
        ("Everyone out Tuesday #PAVotesBlue", "vote-color"),
    ],
)
def test_hashtag_words_are_read_by_the_grammar(text: str, form: str) -> None:
    (d,) = detail(text, "personal")
    assert (d["pattern"], d["hashtag"]) == (form, "words")


def test_detail_names_act_target_and_context() -> None:
    (d,) = detail("Please vote for John Smith, he listens.")
    assert d == {
        "pattern": "vote-for-candidate",
        "vote-act": "vote-for",
        "candidate": "person:first-name",
    }
    (d,) = detail("So grateful for your support on the ballot this fall.")
    assert d["pattern"] == "support-in-election" and d["race"] == "race"


@pytest.mark.parametrize(
    "text",
    [
        # civic information and results are neutral (the grammar's unless parts)
        "Unofficial Election Results for the 2019 Special Primary Election for State House",
        "Find your polling place and vote for the candidate of your choice.",
        "Register to vote by Oct. 9 to vote for Governor and other offices.",
        # a contest or a poll, a product recall, "elected" as a description
        "Vote for Sarah Jones in our photo contest!",
        "The recall of Acme Foods peanut butter covers jars sold in June.",
        "I recall Joe Smith telling me about the old mill.",
        "Our newly elected officials take the oath Monday.",
        # support that is no election: a safety campaign, a charity, an agency programme
        "We're proud to support the seatbelt campaign alongside colleagues across the country.",
        "We were delighted to support the primary schools' reading week.",
        "The department endorses the new CDL endorsement rules.",
        # a link's words are no act or target
        "Read more: https://example.org/vote-for-john-smith-for-mayor",
        # reporting the result, someone's campaign staff, a proposal endorsed
        "The people have spoken and elected our next President.",
        "In the spirit of bipartisanship, I endorse this Democratic proposal.",
    ],
)
def test_neutral_posts_do_not_match_the_advocacy_grammar(text: str) -> None:
    assert [c for c, _ in found(text) if c in ("SM301", "SM302", "SM303")] == []


def test_quoted_words_are_someone_elses() -> None:
    text = 'The report quotes a voter: "Vote for Alex Becker, he is the best."'
    assert found(text) == []


def test_ballot_measure_grammar() -> None:
    assert codes_in("I look forward to supporting Prop. 12 on the ballot!") == {"SM302"}
    assert codes_in("Please vote no on Measure B.") == {"SM302"}
    (d,) = detail("Stand with us. #DefeatTheLevy", "personal", code="SM302")
    assert d["pattern"] == "measure-advocacy" and d["hashtag"] == "words"
    assert found("Measure B results will be posted after 8 p.m.") == []
    assert found("Learn about Prop 12 at the county clerk's site.") == []


def test_lobbying_grammar() -> None:
    (d,) = detail(
        "Please email your legislators today and ask them to pass this bill.", code="SM303"
    )
    assert d["pattern"] == "contact-legislator"
    assert found("Our legislators toured the new clinic today.") == []


def test_official_first_person_is_not_by_itself_opinion() -> None:
    assert found("I'm proud of our crews who cleared the roads overnight.") == []
    assert found("As Governor, I signed the budget this morning.") == []


def test_smlint_rule_shows_the_grammar() -> None:
    from smlint.commands.rules import explain_rule

    text = explain_rule("SM301")
    assert "vote-for-candidate: vote-act + candidate (gap 3); not where contest occurs" in text
    assert "candidate: person (view person-names), handle, politician, party, me" in text
    assert "no match in a sentence where civic occurs" in text


@pytest.mark.parametrize(
    "text",
    [
        # a legislator's own vote in the chamber is a report, not an appeal
        "This evening the Senate confirmed the director. I voted against Mr. Cordray.",
        "Voted for Representative Matt Salmon's bill on skills-based degrees.",
        "I was proud to cast a vote today in support of Senator Cruz's amendment.",
        "This afternoon, Senator Joe Donnelly will take the Senate floor to talk jobs.",
    ],
)
def test_legislative_votes_are_not_campaign_advocacy(text: str) -> None:
    assert [c for c, _ in found(text) if c == "SM301"] == []


def test_a_pledge_for_a_future_office_is_own_candidacy() -> None:
    (d,) = detail("Fully funded schools: you can bet that's what I'll do as Governor.", "personal")
    assert (d["pattern"], d["own-candidacy"]) == ("own-candidacy", "future-office")
    assert found("As Governor, I signed the school funding bill today.") == []


def test_a_sentence_only_form_is_not_tried_on_hashtags() -> None:
    # ask-vote is marked hashtags: false; elect-hashtag is tried on hashtags' words
    assert detail("Big day. #AskingForYourVote", "personal") == []
    (d,) = detail("Big day. #ReElectGordon", "personal")
    assert (d["pattern"], d["hashtag"]) == ("elect-hashtag", "words")
