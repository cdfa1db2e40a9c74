"""SM6xx: confidential markings, commercial endorsement, active emergency instructions,
copyright and security details — with the context exceptions that must stay clean."""

from __future__ import annotations

import pytest
from conftest import lint

AGENCY = {"name": "City of Lakeview", "aliases": ["Lakeview Parks"]}


def found(text: str, mode: str = "official") -> list[tuple[str, str]]:
    findings = lint(text, mode=mode, agency=AGENCY, select=("SM6",))
    return [(f.code, text[f.start : f.end]) for f in findings]


def test_confidential_markings() -> None:
    text = "Budget preview, INTERNAL USE ONLY and pre-decisional: parks get 4% more."
    assert found(text) == [("SM601", "INTERNAL USE ONLY"), ("SM601", "pre-decisional")]
    assert found("From the FOUO briefing: all teams passed.") == [("SM601", "FOUO")]
    assert found("I saw the staffing plan (marked confidential) today.", "personal") == [
        ("SM601", "marked confidential")
    ]
    assert found("The rate change is embargoed until Monday, so keep it quiet.") == [
        ("SM601", "embargoed")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Call our free, confidential help line any time: 988.",
        "Your application information stays confidential.",
        "Our confidential counseling program is open to all staff.",
    ],
)
def test_confidential_services_are_not_markings(text: str) -> None:
    assert found(text) == []


def test_commercial_endorsement_is_one_finding_per_paragraph() -> None:
    text = "Best pizza in town is at Gino's. Tell them a parks worker sent you for 10% off!"
    ((code, span),) = found(text, "personal")
    assert code == "SM602" and span.startswith("Best pizza in town")
    assert found("Use promo code SPLASH25 at checkout.")[0][0] == "SM602"


@pytest.mark.parametrize(
    "text",
    [
        "Scam alert: the City will never ask you to pay with gift cards. Report it.",
        "Found property: a blue Trek bike near the lake. DM us to claim it.",
        "Thanks to our proud sponsor for the 5K! Questions? DM us.",
        "Recall: Lakeside Deli chicken salad, lot 4471. Return it for a refund.",
    ],
)
def test_neutral_business_mentions(text: str) -> None:
    assert found(text) == []


def test_active_emergency_instructions() -> None:
    assert found("Flooding on Mill Creek: residents should evacuate now.") == [
        ("SM603", "should evacuate now")
    ]
    assert found("Gas leak on 5th Ave. Shelter in place until further notice.")[0][0] == "SM603"
    assert found("Boil-water notice for the east side until Friday.")[0][1] == ("Boil-water notice")


@pytest.mark.parametrize(
    "text",
    [
        "Tuesday's shelter-in-place drill went well. Thanks, everyone!",
        "Preparedness tip: know how to shelter in place before a storm hits.",
        "Tornado watch until 9 p.m. A watch means conditions are favorable.",
        "Snow emergency tonight: park on the even side of the street.",
    ],
)
def test_drills_tips_watches_and_parking_rules(text: str) -> None:
    assert found(text) == []


def test_copyright_notice_and_permission() -> None:
    text = "Great shot of the bridge!\n© 2025 Harbor Photo Co. All rights reserved."
    assert found(text) == [("SM604", "© 2025 Harbor Photo Co. All rights reserved.")]
    assert found(text.replace("All rights", "Used with permission. All rights")) == []
    assert found("Photo © 2025 Lakeview Parks") == []


def test_long_unattributed_quotation() -> None:
    quote = " ".join(["word"] * 30)
    assert found(f'We share these words: "{quote}."')[0][0] == "SM604"
    assert found(f'"{quote}," said Mayor Ana Ruiz.') == []


def test_security_details() -> None:
    assert found("Reminder: the gate code for the north lot is 5512.") == [
        ("SM605", "gate code for the north lot is 5512")
    ]
    assert found("The back door will be unlocked from 6 p.m. to 6 a.m. tonight.")[0][0] == ("SM605")


@pytest.mark.parametrize(
    "text",
    [
        "We will never ask for your password by text.",
        "Lifeguards are on duty noon to 7 p.m. daily.",
        "The 2026 drill schedule is posted for families.",
    ],
)
def test_security_advice_is_not_a_finding(text: str) -> None:
    assert found(text) == []
