"""SM2xx: profanity, insults, threats, slurs, negativity about the agency, explicit content
— which code fires on which words, and what must stay clean."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import lint

THREATS = Path(__file__).parent / "data" / "threats.yaml"
THREAT_RECALL = 0.85  # targets on the hand-written sentences (written before the rules)
THREAT_PRECISION = 0.95

AGENCY = {"name": "Ridgeview Department of Labor", "aliases": ["RDL", "Ridgeview Job Center"]}


def found(text: str, mode: str = "personal", prefix: str = "SM2", **kw) -> list[tuple[str, str]]:
    findings = lint(text, mode=mode, agency=AGENCY, select=(prefix,), **kw)
    return [(f.code, text[f.start : f.end]) for f in findings]


def codes_in(text: str, mode: str = "personal") -> set[str]:
    return {code for code, _ in found(text, mode)}


# --- SM201 ---------------------------------------------------------------------------------


def test_profanity_spans_and_detail() -> None:
    text = "Third flat tire this month. F**k this road, seriously, sh!t."
    assert found(text) == [("SM201", "F**k"), ("SM201", "sh!t")]
    (finding, _) = lint(text, mode="personal", select=("SM201",))
    assert finding.detail["term"] == "fuck" and finding.detail["form"] == "masked"
    assert finding.row == 1 and finding.column == text.index("F**k") + 1


def test_profanity_in_hashtag_and_full_width() -> None:
    assert found("Snow in May #fuckthis") == [("SM201", "fuck")]
    assert found("Ｓｈｉｔ, the bus is late") == [("SM201", "Ｓｈｉｔ")]


@pytest.mark.parametrize(
    "text",
    [
        "Free workshop on skills assessment at the Scunthorpe office, 12 Dickinson St.",
        "Check the sex offender registry before hiring a sitter.",
        "Drunk driving crashes fall again this year. God bless our crews.",
        "Sign up as an organ donor at the DMV. Fill that pot hole!",
        "Titmouse and cocktail sauce at the Hancock Park picnic; meet the Cowgirls.",
        "Dick Cheney spoke at the ceremony. The press has a kill switch.",
    ],
)
def test_agency_traps_have_no_language_findings(text: str) -> None:
    assert found(text, mode="official") == []


# --- SM202 ---------------------------------------------------------------------------------


def test_insults_aimed_at_people() -> None:
    text = "Shut up about the parking, you lazy clown. The guy who called is an idiot."
    assert found(text) == [
        ("SM202", "Shut up"),
        ("SM202", "you lazy clown"),
        ("SM202", "is an idiot"),
    ]
    assert found("@resident22 Don't be a moron, read the notice.") == [
        ("SM202", "Don't be a moron")
    ]
    assert found("Waited an hour for nothing. Idiots.") == [("SM202", "Idiots.")]


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("You are acting like idiots at every meeting.", "aimed-insult"),
        ("Some idiot parked across the ramp again.", "some-insult"),
        ("some clown took my spot", "some-one-who"),
        ("Those bastards at the depot never answer.", "some-insult"),
        ("What a tool.", "aimed-insult"),
    ],
)
def test_insult_grammar(text: str, form: str) -> None:
    findings = lint(text, mode="personal", select=("SM202",))
    assert [f.detail["pattern"] for f in findings] == [form]


def test_insult_read_through_the_profanity_spelling() -> None:
    """b1tch and a$$hole are read as their list words by the grammar (same offsets)."""
    (finding,) = lint("She is such a b1tch about parking.", mode="personal", select=("SM202",))
    assert finding.detail["spelling"] == "respelled"
    assert finding.detail["pattern"] == "aimed-insult"
    assert [
        f.code for f in lint("Some a$$hole stole my bike.", mode="personal", select=("SM202",))
    ] == ["SM202"]


@pytest.mark.parametrize(
    "text",
    [
        "Join us for face painting and some clowns at the fair!",
        "What a great turnout at the food drive.",
        "Bozo the Clown visits the library on Saturday.",
        "Put the trash out by 7 a.m. on Tuesdays.",
        "Don't let scammers fool you: we never ask for gift cards.",
    ],
)
def test_insult_words_not_aimed_at_anyone(text: str) -> None:
    assert "SM202" not in codes_in(text, "official")


def test_profanity_at_weather_is_not_an_insult() -> None:
    assert found("Winter here is a b!tch.") == [("SM201", "b!tch")]
    assert codes_in("Water will be shut off on Elm St from 9 to noon.", "official") == set()


# --- SM203 ---------------------------------------------------------------------------------


def test_threats() -> None:
    assert found("Touch my truck again and I'll break your jaw.") == [
        ("SM203", "I'll break your jaw")
    ]
    assert ("SM203", "I'm gonna put you in the hospital") in found(
        "Keep talking. I'm gonna put you in the hospital."
    )
    assert found("Somebody should shoot him.")[0][0] == "SM203"


def test_threat_file_recall_and_precision() -> None:
    """SM203 on tests/data/threats.yaml: 80 threats of many forms (direct, conditional,
    wishes, incitement, veiled, self-harm) and 80 sentences that only sound violent (idioms,
    news, safety advice, games, quotations). Fails below the targets; lists what it got wrong."""
    data = yaml.safe_load(THREATS.read_text(encoding="utf-8"))

    def fires(text: str) -> bool:
        return "SM203" in codes_in(text)

    missed = [t["text"] for t in data["threats"] if not fires(t["text"])]
    false = [t["text"] for t in data["not-threats"] if fires(t["text"])]
    hits = len(data["threats"]) - len(missed)
    assert hits / len(data["threats"]) >= THREAT_RECALL, missed
    assert hits / max(1, hits + len(false)) >= THREAT_PRECISION, false


def test_threat_detail_names_the_parts() -> None:
    (finding,) = lint("Somebody should put him in the ground.", mode="personal", select=("SM203",))
    assert finding.detail == {
        "pattern": "incite-harm",
        "incite": "someone-should",
        "act": "in-the-ground",
    }
    (finding,) = lint("The mayor should be shot for treason.", mode="personal", select=("SM203",))
    assert finding.detail["pattern"] == "should-be-harmed"


@pytest.mark.parametrize(
    "text",
    [
        "somebody should punch him",
        "I will find out who it is and beat the sh*t out of them",
        "Next one who cuts me off gets a brick through the windshield",
        "go kill yourself",
        "Touch one of my guys and you'll be the one getting hauled away in a bag",
        "I'm slashing his tires and his face",
        "next time you won't walk away",
    ],
)
def test_threat_forms_from_real_posts(text: str) -> None:
    assert "SM203" in codes_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "Police say the suspect threatened to stab a clerk before fleeing.",
        "You're going to kill it at the job fair tomorrow!",
        "Our crews knocked it out of the park this winter.",
        "If someone threatens to hurt you, call 911.",
        "We are asking anyone who saw the man who stabbed her to call us.",
        "Shoot us a message if the bus is late again.",
        "Tell your senator to kill the bill.",
        "Six workers were killed on the job last year.",
        "A bomb cyclone brings 50 mph gusts tonight.",
        "We had a blast at the job fair! Shooting photos all day.",
        "Crews are on the attack against potholes. We'll knock 10 minutes off your wait.",
        "I'll shoot you an email with the forms.",
    ],
)
def test_violent_words_that_are_not_threats(text: str) -> None:
    assert "SM203" not in codes_in(text, "official")


# --- SM204 ---------------------------------------------------------------------------------


def test_demeaning_statements_about_groups() -> None:
    text = "Half the applicants were seniors. They can't learn new software, period."
    assert found(text) == [("SM204", "They can't learn new software, period.")]
    assert found("Immigrants are lazy and everyone knows it.")[0][0] == "SM204"
    assert found("What a fag.") == [("SM204", "fag")]


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Women just aren't built for the infantry.", "gender"),
        ("Gay people shouldn't be allowed anywhere near kids.", "orientation"),
        ("Older workers just can't keep up.", "age"),
        ("People in wheelchairs shouldn't be working the front desk.", "disability"),
        ("Muslims don't belong here.", "religion"),
    ],
)
def test_generalisations_about_a_protected_group(text: str, group: str) -> None:
    (finding,) = lint(text, mode="personal", select=("SM204",))
    assert finding.detail["pattern"] == "group-generalised"
    assert finding.detail["group"] == group


def test_exclusion_and_demeaning_names() -> None:
    assert codes_in("Go back where you came from.") == {"SM204"}
    (finding,) = lint(
        "Old geezers who can't even work a smartphone.", mode="personal", select=("SM204",)
    )
    assert finding.detail["pattern"] == "demeaning-name"


@pytest.mark.parametrize("text", ["those pakis", "negroes everywhere", "you fat dike", "n1gg3rs"])
def test_slur_variants(text: str) -> None:
    assert "SM204" in codes_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "Coon Rapids council meets Tuesday.",
        "Services at a church in Gaylord were cancelled.",
        "Coon hunting season opens Saturday.",
        "The dike along the river held overnight.",
        "Seniors who can't drive can book a free ride.",
        "It's a myth that older workers can't keep up.",
    ],
)
def test_places_services_and_myths_are_not_discrimination(text: str) -> None:
    assert "SM204" not in codes_in(text, "official")


def test_neutral_mentions_of_groups() -> None:
    text = "Seniors can get free help with job searches. Interpreters in Spanish and Hmong."
    assert codes_in(text, "official") == set()


# --- SM205 ---------------------------------------------------------------------------------


def test_negative_about_agency_names_target_and_why() -> None:
    text = (
        "Love my coworkers. RDL leadership couldn't plan a lunch, and management ignored"
        " every warning."
    )
    (finding,) = lint(text, mode="personal", agency=AGENCY, select=("SM205",))
    assert text[finding.start : finding.end].startswith("RDL leadership")
    assert finding.detail["target"] == "RDL"
    assert finding.detail["pattern"] == "cant-organize"


def test_sentiment_score_is_reported() -> None:
    text = "The Ridgeview Job Center is awful, terrible and hopeless."
    (finding,) = lint(text, mode="personal", agency=AGENCY, select=("SM205",))
    assert finding.detail["sentiment"] < -0.6


def test_agency_apology_is_not_negative() -> None:
    text = "Sorry, the RDL claims line was down this morning. We know waits have been awful."
    assert codes_in(text, "official") == set()
    assert codes_in(text, "personal") == set()


# --- SM206 ---------------------------------------------------------------------------------


def test_explicit_content() -> None:
    assert found("Lunch break sex with my wife, best perk of remote work.") == [
        ("SM206", "sex with")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Free STI testing and breast cancer screening on Tuesday.",
        "Sex education classes for parents start in March.",
        "A man was jailed after he pressured a victim into having sex.",
        "Fall colors in Sussex this weekend.",
    ],
)
def test_health_and_crime_reports_are_not_explicit(text: str) -> None:
    assert "SM206" not in codes_in(text, "official")


@pytest.mark.parametrize(
    "text", ["Please, let's #DeportThemAll", "#RefugeesNotWelcome", "Syrian rapefugee"]
)
def test_exclusion_slogans_in_hashtags_and_new_slurs(text: str) -> None:
    assert codes_in(text) == {"SM204"}


# --- SM207 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "El centro de empleo estará cerrado el lunes por el feriado. Las solicitudes"
            " siguen abiertas.",
            "es",
        ),
        ("Chiusa la strada per la frana, il traffico è deviato sulla statale per tutti.", "it"),
        ("Позвоните нам по телефону сегодня вечером пожалуйста", "non-Latin script"),
    ],
)
def test_a_post_in_another_language_gets_one_notice(text: str, language: str) -> None:
    findings = lint(text, mode="official", select=("SM2",))
    assert [(f.code, f.detail["language"]) for f in findings] == [("SM207", language)]
    assert findings[0].severity.name == "INFO"


@pytest.mark.parametrize(
    "text",
    [
        "¡Hablamos español! Our job center has Spanish-speaking staff every Tuesday.",
        "Road closed on Via del Mar until noon.",
        "Thanks!",
    ],
)
def test_english_posts_with_foreign_words_get_no_notice(text: str) -> None:
    assert "SM207" not in codes_in(text, "official")
