"""SM1xx (PII): what fires where, what must not, allow-lists, overlaps, and no value leaks."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import codes, lint, write

from smlint.analysis import Resources
from smlint.config import Settings
from smlint.pii.engine import PiiEngine
from smlint.pii.patterns import aba_valid, card_brand, luhn
from smlint.pii.table import ENTITY_CODES
from smlint.ruledata.catalog import load_catalog

AGENCY = {
    "name": "Example County Department of Services",
    "aliases": ["ECDS"],
    "official-domains": ["ecds.example.gov"],
    "public-phones": ["(555) 201-7000"],
    "public-emails": ["help@ecds-partners.org"],
    "public-figures": ["Harriet Alvarado"],
    "public-addresses": ["400 Civic Plaza Dr, Riverton"],
}


def pii(text: str, **kw: object) -> list[tuple[str, str]]:
    """(code, matched text) of every SM1xx finding."""
    return [
        (f.code, f.matched)
        for f in lint(text, agency=AGENCY, **kw)  # type: ignore[arg-type]
        if f.code.startswith("SM1")
    ]


# --- the entity table ----------------------------------------------------------------------


def test_every_entity_maps_to_a_code_and_every_code_has_a_source() -> None:
    engine = PiiEngine(Resources(Settings(nlp_model="none")))
    emitted = set(engine.analyzer.get_supported_entities("en"))
    assert emitted == set(ENTITY_CODES), emitted ^ set(ENTITY_CODES)
    assert {c.code for c in ENTITY_CODES.values()} == {
        r.code for r in load_catalog() if r.check == "pii"
    }


def test_engine_has_only_smlint_recognizers() -> None:
    engine = PiiEngine(Resources(Settings(nlp_model="none")))
    names = {r.name for r in engine.analyzer.get_recognizers("en")}
    assert all(n.startswith("Smlint") for n in names), names


# --- what fires, and exactly where ---------------------------------------------------------

FLAG = [
    # SM101 with and without separators; invalid ranges only with SSN words
    ("SM101", "Your SSN 521-44-9087 is on file.", "521-44-9087"),
    ("SM101", "my social security number is 521 44 9087 ok", "521 44 9087"),
    ("SM101", "We matched the SSN you sent (521449087).", "521449087"),
    ("SM101", "Is this SSN right? 666-12-3456", "666-12-3456"),
    ("SM101", "Tell me: 421-55-6789 please", "421-55-6789"),
    # SM102 every common US format
    ("SM102", "Reach Dana at (555) 310-4477 today.", "(555) 310-4477"),
    ("SM102", "Reach Dana at 555.310.4477 today.", "555.310.4477"),
    ("SM102", "Reach Dana at 555 310 4477 today.", "555 310 4477"),
    ("SM102", "Reach Dana at +1 555-310-4477 today.", "+1 555-310-4477"),
    ("SM102", "Reach Dana at 1-555-310-4477 today.", "1-555-310-4477"),
    ("SM102", "Desk line 555-310-4477 ext. 204 after noon.", "555-310-4477 ext. 204"),
    ("SM102", "Call my cell: 5553104477", "5553104477"),
    ("SM102", "Text me at 310-4477 tonight.", "310-4477"),
    # SM103
    ("SM103", "Write to jo.rivera88@gmail.com for details.", "jo.rivera88@gmail.com"),
    ("SM103", "Her email is a.b+tag@sub.mailhost.net.", "a.b+tag@sub.mailhost.net"),
    # SM104 configured patterns and context words
    ("SM104", "We reviewed claim no. 7730019 today.", "7730019"),
    ("SM104", "Your case #A-2291033 is with a caseworker.", "A-2291033"),
    ("SM104", "The file number is FN-558201.", "FN-558201"),
    ("SM104", "Docket 2025CV004412 was continued.", "2025CV004412"),
    ("SM104", "Your ticket #8812040 is open.", "8812040"),
    ("SM104", "Record number 77-310922 was updated.", "77-310922"),
    ("SM104", "Your claim EC-2025-000123 was received.", "EC-2025-000123"),
    ("SM104", "Your son's claim (UI-2025-009912) is open.", "UI-2025-009912"),
    ("SM104", "Participant ID 448812 finished the program.", "448812"),
    # SM105 private persons in client context
    ("SM105", "Thanks to claimant Rosa Delgado for her patience.", "Rosa Delgado"),
    ("SM105", "Resident Omar Haddad reported the leak.", "Omar Haddad"),
    ("SM105", "We found the claim for Lena Fischer yesterday.", "Lena Fischer"),
    ("SM105", "The record shows Peter Novak (SSN on file).", "Peter Novak"),
    ("SM105", "Mr. Darnell Fisher of 2410 N 12th St was evicted.", "Darnell Fisher"),
    ("SM105", "Your son Jack Ruiz is enrolled.", "Jack Ruiz"),
    ("SM105", "Jane Roe, a claimant from Casper, called us.", "Jane Roe"),
    # SM106 addresses tied to a person
    ("SM106", "Client Rosa Delgado lives at 1187 Birch Hollow Rd.", "1187 Birch Hollow Rd."),
    ("SM106", "I'm at 58 Cedar Ln if you need help moving.", "58 Cedar Ln"),
    (
        "SM106",
        "Please note: Mr. Ahmed's new address is 77 Juniper Ct, Apt 3.",
        "77 Juniper Ct, Apt 3",
    ),
    ("SM106", "We mailed the form to 1423 Prairie Ln for claimant Joe Sample.", "1423 Prairie Ln"),
    # SM107 birth dates and ages of persons
    ("SM107", "Applicant DOB: 04/22/1979 on the form.", "04/22/1979"),
    ("SM107", "She was born March 3, 1990 in Ohio.", "March 3, 1990"),
    ("SM107", "Resident Walter Grimes, 79, was cited for the carts.", "79"),
    ("SM107", "Her birthday is June 19 and the party is at noon.", "June 19"),
    ("SM107", "Our client, aged 34, was hired on Monday.", "34"),
    # SM108
    ("SM108", "Our EIN is 47-3920185 for the grant.", "47-3920185"),
    ("SM108", "Your ITIN 923-71-4410 is on the W-7.", "923-71-4410"),
    # SM109 cards of every brand and length, routing and account numbers
    ("SM109", "Card 4111 1111 1111 1111 was charged.", "4111 1111 1111 1111"),
    ("SM109", "Card 2223003122003222 was charged.", "2223003122003222"),
    ("SM109", "Card 4000000000000000006 was charged.", "4000000000000000006"),
    ("SM109", "Card 6759649826438453 was charged.", "6759649826438453"),
    ("SM109", "Card 3782-822463-10005 was charged.", "3782-822463-10005"),
    ("SM109", "Use routing 021000021 for the deposit.", "021000021"),
    ("SM109", "Deposit to account 000123456789 today.", "000123456789"),
    # SM110
    ("SM110", "Her driver's license no. W432-118-77 was found.", "W432-118-77"),
    ("SM110", "Passport number 491823746 was left here.", "491823746"),
    ("SM110", "His DoD ID 1290384756 was on the form.", "1290384756"),
    ("SM110", "Medicaid ID 55001239871 is needed.", "55001239871"),
    # SM111 one client's situation
    ("SM111", "Her claim was denied on Monday.", "Her claim was denied on Monday"),
    ("SM111", "He is on probation until June.", "He is on probation until June"),
    (
        "SM111",
        "Hey @dan_w, your benefits were cut off because a form was missing.",
        "your benefits were cut off because a form was missing",
    ),
    (
        "SM111",
        "Applicant Tran Nguyen still owes $420 from 2023.",
        "Applicant Tran Nguyen still owes $420 from 2023",
    ),
]


@pytest.mark.parametrize(
    ("code", "text", "span"), FLAG, ids=[f"{c}-{i}" for i, (c, *_) in enumerate(FLAG)]
)
def test_flags(code: str, text: str, span: str) -> None:
    found = pii(text)
    assert (code, span) in found, found


def test_reply_to_one_person_status_is_a_situation() -> None:
    text = "@sam_r your claim has been approved and your first payment goes out Friday."
    assert ("SM111", "your claim has been approved and your first payment goes out Friday") in pii(
        text
    )


# --- what must not fire ---------------------------------------------------------------------

PASS = [
    ("SM101", "Lot numbers 912-44-7710 and 000-31-5821 were recalled."),
    ("SM101", "Order 666-40-3318 has shipped."),
    ("SM101", "Her ITIN 923-71-4410 is on the W-7."),  # an ITIN is SM108, not SM101
    ("SM101", "Reference 123456789 for the order."),
    ("SM101", "Grant 521-44-9087 was awarded to the county."),
    ("SM102", "Call 911 or text 988 any time."),
    ("SM102", "Call our main line at 555.201.7000 for help."),  # public phone, other format
    ("SM102", "Call us at +1 (555) 201-7000."),
    ("SM102", "Call 201-7000 from any county phone."),  # local form of the public line
    ("SM102", "Case PD25-018342 and claim UI-2025-004817 are open."),
    ("SM102", "My SSN is 521-44-9087 and card 4111 1111 1111 1111."),
    ("SM102", "Hours 2025-03-12 and 03/12/2025; permit 301-4444-12."),
    ("SM102", "Order number 5553104477 shipped."),
    ("SM102", "Disaster Distress Helpline: 1-800-985-5990 or (888) 555-1212."),  # toll-free
    ("SM102", "Quote reference 5219236655 when you call."),
    ("SM103", "Email help@ecds-partners.org or staff@ecds.example.gov."),
    ("SM103", "Write to jane.d@mail.ecds.example.gov for forms."),  # official subdomain
    ("SM103", "Follow @jess_rides and @county_news for updates."),
    ("SM104", "File your weekly claim every week."),
    ("SM104", "We treat lead poisoning cases every day."),
    ("SM104", "Legistar file 82417 is on the agenda."),
    ("SM104", "Winning ticket: 5120 4471 0093 8826. Claim it at the tent!"),
    ("SM105", "Director Harriet Alvarado opened the fair."),  # public figure
    ("SM105", "Mayor Tom Reilly thanked residents."),
    ("SM105", "Thanks to our specialists Ana Ruiz and Ben Cole."),
    ("SM105", "Big Horn Fencing LLC was fined, the client said."),
    ("SM105", "Poets read Emily Dickinson favorites."),
    ("SM105", "Thanks for your patience with your claim.\n— Kayla Morgan, Claims Specialist"),
    ("SM106", "Visit us at 400 Civic Plaza Dr, Riverton on Monday."),  # public address
    ("SM106", "The fair is at the Riverton Library, 12 Main St."),
    ("SM106", "Police activity near the 1900 block of Atwood Ave."),
    ("SM106", "Bring proof of address to any office."),
    ("SM107", "Kids ages 5-12 welcome; seniors age 65 and older ride free."),
    ("SM107", "The Guard was born Dec. 13, 1636 in the colony."),
    ("SM107", "The fair runs March 3, 2025 to March 5, 2025."),
    ("SM107", "Ten years at the refinery, 38 years in the county."),
    ("SM107", "Spc. Maria Ruiz, 22, of Sparta, was named Soldier of the Year."),
    ("SM107", "Police say a 65-year-old man was hurt in the crash."),
    ("SM108", "Job posting 25-1104417 closes Friday."),
    ("SM109", "Winning ticket: 5120 4471 0093 8826. Claim it at the tent!"),
    ("SM109", "Your water account using the SSN you sent (521449087) is fixed."),
    ("SM110", "Bring a driver's license or passport and a photo ID."),
    ("SM110", "Have your license plate handy."),
    ("SM111", "82% were working within six months."),
    ("SM111", "If your claim is denied, you can appeal."),
    ("SM111", "Most claims were approved within 21 days."),
    ("SM111", "Every claim is reviewed by a person; claims are approved in order."),
    ("SM111", "@LindaG Thanks! Your pothole report has been forwarded to the crew."),
    ("SM111", "@news_fan A suspect was arrested last night; we can't share more."),
    ("SM105", "There are over 400 people missing across Greater Manchester."),
    ("SM105", "My daughter Emma Stone graduated today!"),
    ("SM105", "Patient advocate Maria Lopez answers questions Tuesday."),
    ("SM105", "Today the FDA Reauthorization Act of 2017 became law."),
    ("SM106", "Residents: drop off leaves at 1501 W Badger Rd on Saturday."),
]


@pytest.mark.parametrize(("code", "text"), PASS, ids=[f"{c}-{i}" for i, (c, _) in enumerate(PASS)])
def test_passes(code: str, text: str) -> None:
    assert code not in [c for c, _ in pii(text)]


# --- public versus private, by context (rules/lexicons/pii-context.yaml) ----------------------

IDENTIFIERS = [
    ("SM108", "The child's ATIN 912-93-4567 is on the form.", "912-93-4567"),
    ("SM110", "Medicare ID: 3CD5-FG7-HJ89", "3CD5-FG7-HJ89"),
    ("SM110", "Her card shows 1EG4TE5MK73 on the front.", "1EG4TE5MK73"),  # MBI rules alone
    ("SM109", "Cards 4111 1111 1111 1111 5500 0000 0000 0004 were used.", "4111 1111 1111 1111"),
    ("SM109", "Cards 4111 1111 1111 1111 5500 0000 0000 0004 were used.", "5500 0000 0000 0004"),
    ("SM102", "Call +44 20 7946 0958 for my mum.", "+44 20 7946 0958"),
    ("SM102", "My cousin's number is +52 55 1234 5678.", "+52 55 1234 5678"),
]


@pytest.mark.parametrize(("code", "text", "span"), IDENTIFIERS)
def test_identifier_coverage(code: str, text: str, span: str) -> None:
    assert (code, span) in bare(text)


def test_identifier_look_alikes_are_not_findings() -> None:
    assert "SM110" not in [c for c, _ in bare("Order 1SB4TE5MK73 shipped.")]  # S is no MBI letter
    assert "SM102" not in [c for c, _ in bare("The helpline is +44 800 111 999, open daily.")]
    assert "SM101" not in [c for c, _ in bare("The child's ATIN 912-93-4567 is on the form.")]


PUBLIC_CONTEXT = [
    ("SM102", "Questions? Please call our office at 217-782-2720."),
    ("SM102", "The hotline is 502-696-5485, open Monday through Friday."),
    ("SM102", "Report suspected fraud to 502-696-5485 or online."),
    ("SM103", "For questions email elections@ct.gov and we will help."),
    ("SM103", "Interested? Email cadets@west-midlands.pnn.police.uk today."),
    ("SM103", "Get in touch with mark.richardson@gmp.police.uk for details."),
    ("SM104", "Ticket #4512 has been resolved."),
    ("SM104", "Reference number 2026-004417 for the grant program."),
    ("SM104", "If you can help, call 101 quoting ref 5221074539."),
    ("SM104", "Call us on 0161 856 4741 quoting 2899 of 06/04/21."),
    ("SM104", "Thanks for the quote, 307-555-0100 is my cell"),
    ("SM105", "Contact the Consumer Protection Hotline with questions."),
    ("SM105", "Fill in the Customer Satisfaction Survey by Friday."),
    ("SM105", "GOOD NEWS: Missing Katherine Mackay has been found safe and well."),
    ("SM107", "Can you help us find Andrew Sim, 40, who was last seen on Friday?"),
]

PRIVATE_CONTEXT = [
    ("SM102", "Thanks for the quote, 307-555-0100 is my cell", "307-555-0100"),
    ("SM102", "Her number is 307-555-0142 if you need her.", "307-555-0142"),
    ("SM102", "Call Maria at 307-555-0199 about the order.", "307-555-0199"),
    ("SM102", "Please try calling 217-555-0199.", "217-555-0199"),  # no public cue: reported
    ("SM102", "Our scheduler will call him at (608) 555-0162.", "(608) 555-0162"),
    ("SM103", "Email our supervisor at jkessler.books@gmail.com.", "jkessler.books@gmail.com"),
    ("SM103", "My email is pat.doe@example.org, write any time.", "pat.doe@example.org"),
    ("SM104", "Hi, your ticket #4410823 is open and a crew will call.", "4410823"),
    ("SM105", "Hi John Miller, I checked your claim and it was approved.", "John Miller"),
    (
        "SM105",
        "Happy 90th birthday to Mrs. Eleanor Brooks, one of our longtime clients!",
        "Eleanor Brooks",
    ),
    # An appeal post that also gives a home address is a record, not an appeal.
    (
        "SM105",
        "Thanks to all who found missing resident Harold Bunting, 82, of 3120 N 41st St.",
        "Harold Bunting",
    ),
]


def bare(text: str, **kw: object) -> list[tuple[str, str]]:
    """(code, matched text) of every SM1xx finding with no agency data (a first run)."""
    return [(f.code, f.matched) for f in lint(text, **kw) if f.code.startswith("SM1")]  # type: ignore[arg-type]


@pytest.mark.parametrize(("code", "text"), PUBLIC_CONTEXT)
def test_public_context_is_no_finding(code: str, text: str) -> None:
    assert code not in [c for c, _ in bare(text)]


@pytest.mark.parametrize(("code", "text", "span"), PRIVATE_CONTEXT)
def test_private_context_is_a_finding(code: str, text: str, span: str) -> None:
    assert (code, span) in bare(text)


def test_the_deciding_cue_is_in_the_detail() -> None:
    found = {f.code: f.detail for f in lint("Thanks for the quote, 307-555-0100 is my cell")}
    assert found["SM102"]["judged"] == "is my"
    found = {f.code: f.detail for f in lint("Hi, your ticket #4410823 is open.")}
    assert found["SM104"]["judged"] == "hi, @" or found["SM104"]["judged"] == "your"


def test_a_listed_agency_line_makes_other_agency_lines_direct() -> None:
    agency = {"public-phones": ["307-777-7020"]}
    text = "Call our employer unit at 307-555-0124 or the main line, 307-777-7020."
    assert [s for c, s in bare(text, agency=agency) if c == "SM102"] == ["307-555-0124"]
    assert "SM102" not in [c for c, _ in bare(text)]  # no list: both are the agency's lines


def test_personal_mode_also_checked() -> None:
    assert ("SM102", "555-310-4477") in pii("Call me at 555-310-4477!", mode="personal")


# --- overlaps: one finding per span, the most specific type ---------------------------------


@pytest.mark.parametrize(
    ("text", "code", "span"),
    [
        ("My SSN 521449087 and account too.", "SM101", "521449087"),
        ("Your ITIN and SSN: 923-71-4410", "SM108", "923-71-4410"),
        ("Card 4111111111111111 call now", "SM109", "4111111111111111"),
        ("Passport no. 491823746 and account", "SM110", "491823746"),
        ("Call about claim no. 5553104477 today", "SM104", "5553104477"),
    ],
)
def test_one_finding_per_span(text: str, code: str, span: str) -> None:
    found = pii(text)
    start = text.index(span)
    overlapping = [
        (c, m)
        for c, m in found
        if c != "SM111" and text.find(m) < start + len(span) and start < text.find(m) + len(m)
    ]
    assert overlapping == [(code, span)], found


# --- checksums ------------------------------------------------------------------------------


def test_checksums() -> None:
    assert luhn("4111111111111111") and not luhn("4111111111111112")
    assert card_brand("2221000000000009") == "mastercard"
    assert card_brand("4000000000000000006") == "visa"
    assert card_brand("6759649826438453") == "maestro"
    assert card_brand("378282246310005") == "amex"
    assert aba_valid("021000021") and not aba_valid("021000022")


# --- explanations and allow-lists through the CLI ------------------------------------------

CONFIG = """
[agency]
name = "Example County Department of Services"
official-domains = ["ecds.example.gov"]
public-phones = ["555-201-7000"]
public-emails = ["help@ecds-partners.org"]
public-figures = ["Harriet Alvarado"]
public-addresses = ["400 Civic Plaza Dr"]

[identifiers]
case-number = ['\\bEC-\\d{4}-\\d{6}\\b']
"""

SECRET_TEXT = (
    "Update for claimant Rosa Delgado (SSN 521-44-9087, DOB 04/22/1979): claim EC-2025-000123"
    " was approved. Call her at 555-310-4477 or rosa.d88@gmail.com; card 4111 1111 1111 1111."
)
SECRETS = [
    "521-44-9087",
    "04/22/1979",
    "EC-2025-000123",
    "555-310-4477",
    "rosa.d88@gmail.com",
    "4111 1111 1111 1111",
    "Rosa Delgado",
    "9087",
    "gmail",
]


def test_allow_lists_from_config(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = write(tmp_path, "smlint.toml", CONFIG)
    post = write(
        tmp_path,
        "post.md",
        "Call (555) 201-7000 or +15552017000, email help@ecds-partners.org or"
        " desk@ecds.example.gov. Director Harriet Alvarado and client services are at"
        " 400 Civic Plaza Dr.\n",
    )
    result = cli("check", post, "--config", config, "--select", "SM1", "--format", "json")
    assert result.status == 0, result.out + result.err
    assert json.loads(result.out) == []


def test_detail_explains_without_value(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    config = write(tmp_path, "smlint.toml", CONFIG)
    post = write(tmp_path, "post.md", SECRET_TEXT + "\n")
    result = cli("check", post, "--config", config, "--select", "SM1", "--format", "json")
    found = {f["code"]: f for f in json.loads(result.out)}
    assert {"SM101", "SM102", "SM103", "SM104", "SM105", "SM107", "SM109", "SM111"} <= set(found)
    ssn = found["SM101"]["explanation"]
    assert ssn["pattern"] == "ssn" and ssn["context"] == "ssn" and ssn["score"] >= 0.5
    assert found["SM104"]["explanation"]["pattern"] == "identifiers.case-number"
    assert found["SM105"]["explanation"]["context"] == "claimant"


@pytest.mark.parametrize("fmt", ["default", "json", "jsonl", "sarif", "github", "junit"])
def test_no_pii_value_in_any_format(cli, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    config = write(tmp_path, "smlint.toml", CONFIG)
    post = write(tmp_path, "post.md", SECRET_TEXT + "\n")
    result = cli(
        "check", post, "--config", config, "--select", "SM1", "--format", fmt, "--show-source"
    )
    assert result.status == 1, result.err
    assert "SM101" in result.out
    for secret in SECRETS:
        assert secret not in result.out, (fmt, secret)
        assert secret not in result.err, (fmt, secret)
    assert not re.search(r"\d{3}-\d{2}-\d{4}", result.out)


def test_codes_helper_sanity() -> None:
    assert "SM101" in codes(lint("SSN 521-44-9087", agency=AGENCY))
