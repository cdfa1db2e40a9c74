"""SM401–SM406: signatures, disclaimers, speaking for the agency, inside access, work email."""

from __future__ import annotations

import pytest
from conftest import codes, lint, settings_for

from smlint.analysis import Analysis, Resources
from smlint.analysis.signoff import parse_signature
from smlint.models import Post

AGENCY = {
    "name": "Prairie State Department of Labor",
    "aliases": ["PSDL", "Department of Labor", "Prairie Job Center", "the Department"],
    "official-domains": ["labor.prairie.gov", "prairiejobs.org"],
    "partner-domains": ["dol.gov"],
    "public-emails": ["help@prairiejobs.org"],
    "titles": ["Claims Wrangler"],
}
SM4 = {"SM401", "SM402", "SM403", "SM404", "SM405", "SM406"}


def sm4(text: str, mode: str = "official", agency: dict | None = None) -> list[tuple[str, str]]:
    """(code, matched text) of the SM4xx findings."""
    findings = lint(text, mode=mode, agency=AGENCY if agency is None else agency)
    return [(f.code, text[f.start : f.end]) for f in findings if f.code in SM4]


# --- the signature parser ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "title", "full"),
    [
        (
            "Fair is Friday.\n— Dana Whitfield, Communications Specialist",
            "Dana Whitfield",
            "Communications Specialist",
            True,
        ),
        ("Fair is Friday. -Dana W., PIO", "Dana W.", "PIO", False),
        ("Road closed.\nPosted by Sgt. Maria Ruiz, Public Affairs", "Sgt. Maria Ruiz", "Sgt", True),
        (
            "Fair is Friday.\nDana Whitfield | Outreach Coordinator",
            "Dana Whitfield",
            "Outreach Coordinator",
            True,
        ),
        (
            "Fair is Friday.\n— Mary Ann de la Cruz (she/her), Librarian",
            "Mary Ann de la Cruz",
            "Librarian",
            True,
        ),
        (
            "Fair is Friday.\n— Dana Whitfield\nCommunications Specialist",
            "Dana Whitfield",
            "Communications Specialist",
            True,
        ),
        (
            "Fair is Friday.\n\n— Dana O'Brien-Smith\n\n#JobFair #Hiring",
            "Dana O'Brien-Smith",
            None,
            True,
        ),
        ("Thanks for waiting! — Kayla, Customer Service", "Kayla", None, False),
        (
            "Call us any time. Dana Whitfield, Communications Specialist",
            "Dana Whitfield",
            "Communications Specialist",
            True,
        ),
        ("Fair is Friday.\n— J. Dana Whitfield, PIO", "J. Dana Whitfield", "PIO", True),
        ("Fair is Friday. — J. Whitfield, PIO", "J. Whitfield", "PIO", False),
        (
            "Hours: https://example.gov/hours — Kevin Okafor, Program Manager",
            "Kevin Okafor",
            "Program Manager",
            True,
        ),
        ("Fair is Friday #JobFair — Ana Ortiz, Clerk", "Ana Ortiz", "Clerk", True),
        (
            "Fair is Friday.\nPosted by: Dana Whitfield, Public Information Officer",
            "Dana Whitfield",
            "Public Information Officer",
            True,
        ),
        (
            "Fair is Friday.\nSigned, Dana Whitfield, Director of Communications",
            "Dana Whitfield",
            "Director of Communications",
            True,
        ),
        # The author named first.
        ("By Dana Whitfield, PIO\n\nFair is Friday.", "Dana Whitfield", "PIO", True),
        ("By Dana Whitfield\n\nFair is Friday.", "Dana Whitfield", None, True),
        (
            "From Dana Whitfield, Communications Director: the fair is Friday.",
            "Dana Whitfield",
            "Communications Director",
            True,
        ),
        (
            "This is Dana Whitfield, Public Information Officer, with an update on the fair.",
            "Dana Whitfield",
            "Public Information Officer",
            True,
        ),
        (
            "Hi, I'm Dana Whitfield, the county's Public Information Officer. Fair is Friday.",
            "Dana Whitfield",
            "Public Information Officer",
            True,
        ),
    ],
)
def test_signature_shapes(text: str, name: str, title: str | None, full: bool) -> None:
    sig = parse_signature(text)
    assert sig is not None
    assert sig.name_start is not None and sig.name_end is not None
    assert text[sig.name_start : sig.name_end].endswith(name.split()[-1])
    assert name.split()[-1] in text[sig.start : sig.end]
    assert sig.title == title
    assert sig.full_name is full


def test_hyphen_after_a_link_is_not_a_sign_off() -> None:
    assert parse_signature("Read https://example.gov/a - Then Call Us") is None


@pytest.mark.parametrize(
    "text",
    [
        "By Friday, residents should move their cars off snow routes.",
        "From Casper to Cheyenne, roads are icy this morning.",
        "This is Madison, and our parks are open all winter.",
        "By Dana Whitfield's count, 40 employers are coming to the fair.",
    ],
)
def test_an_opening_that_names_no_author_is_not_a_byline(text: str) -> None:
    assert parse_signature(text) is None


def test_initials_signature() -> None:
    text = "Your claim is approved. ^DW"
    sig = parse_signature(text)
    assert sig is not None and sig.initials == "DW"
    assert sig.name_start is None and not sig.full_name
    assert text[sig.start : sig.end] == "^DW"


@pytest.mark.parametrize(
    "text",
    [
        "Bring your resume. Thank you, Gail!",
        "Apply by Friday.\nStay safe.",
        "Closed Monday.\n— Prairie Job Center",
        "Closed Monday.\n— The Outreach Team",
        "Please resubmit by Friday!",
        "Congrats! Dana Whitfield, our new Outreach Coordinator, starts Monday.",
        "Yesterday, Dana Whitfield, a librarian, read to forty kids at the fair",
    ],
)
def test_not_a_signature(text: str) -> None:
    sig = parse_signature(text, agency_names=["Prairie Job Center"])
    assert sig is None or not sig.full_name


def test_agency_titles_extend_the_title_list() -> None:
    text = "Walk-in hours Monday.\n— Dana Whitfield, Claims Wrangler"
    assert parse_signature(text).title is None
    assert parse_signature(text, extra_titles=["claims wrangler"]).title == "Claims Wrangler"


def test_signoff_view_is_computed_once_per_post() -> None:
    text = "Hi.\n— Dana Whitfield, Claims Wrangler"
    post = Post(path="p.md", source=text, text=text, published=text)
    analysis = Analysis(post, Resources(settings_for(AGENCY)))
    first = analysis.signoff
    assert first is not None and first.title == "Claims Wrangler"
    assert analysis.signoff is first


# --- SM401 / SM402 (official mode) -----------------------------------------------------


def test_full_signature_with_title_passes() -> None:
    text = "Job fair Friday at the Prairie Job Center.\n— Dana Whitfield, Employment Specialist"
    assert sm4(text) == []


def test_no_signature_is_anonymous_on_the_last_line() -> None:
    text = "Job fair Friday.\nBring your resume! https://prairiejobs.org/fair"
    assert sm4(text) == [("SM401", "Bring your resume! https://prairiejobs.org/fair")]


def test_initials_and_first_name_only_are_anonymous() -> None:
    assert sm4("Your claim is approved. ^DW") == [("SM401", "^DW")]
    found = sm4("Thanks for waiting! — Kayla, Claims Specialist")
    assert found == [("SM401", "— Kayla, Claims Specialist")]
    assert ("SM401", "-Dana W., PIO") in sm4("Fair is Friday. -Dana W., PIO")
    assert "SM402" not in codes(lint("Fair is Friday. -Dana W., PIO", agency=AGENCY))


def test_signature_without_title() -> None:
    text = "Job fair Friday.\n\n— Dana Whitfield"
    assert sm4(text) == [("SM402", "— Dana Whitfield")]
    unit = "Job fair Friday.\n— Dana Whitfield, Prairie Job Center"
    assert sm4(unit) == [("SM402", "— Dana Whitfield, Prairie Job Center")]


def test_rank_counts_as_a_position_and_agency_titles_count() -> None:
    assert sm4("Road closed.\nPosted by Sgt. Maria Ruiz, Public Affairs") == []
    assert sm4("Walk-in hours Monday.\n— Dana Whitfield, Claims Wrangler") == []


def test_signature_rules_do_not_apply_in_personal_mode() -> None:
    assert sm4("Great day at the fair!", mode="personal") == []


# --- SM403 disclaimer ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I've worked at the Prairie Job Center for six years and the new system is a mess.",
        "As a PSDL employee, I love seeing people land jobs.",
        "Proud of my team at the Department of Labor today!",
        "I'm a job coach with the Prairie State Department of Labor. Ask me anything.",
        "I help people write resumes at the Prairie Job Center every day.",
    ],
)
def test_employee_without_disclaimer(text: str) -> None:
    assert codes(lint(text, mode="personal", agency=AGENCY)).count("SM403") == 1


@pytest.mark.parametrize(
    "disclaimer",
    [
        "Views are my own.",
        "Opinions mine, not my employer's.",
        "(My account, my views.)",
        "Personal account; I don't speak for the Department.",
        "All opinions expressed here are strictly my own.",
        "These are my own views, not those of my employer.",
        "Thoughts are mine alone.",
    ],
)
def test_disclaimer_phrasings(disclaimer: str) -> None:
    text = f"I've worked at the Prairie Job Center for six years. Great team! {disclaimer}"
    assert "SM403" not in codes(lint(text, mode="personal", agency=AGENCY))


def test_no_employment_claim_no_disclaimer_needed() -> None:
    for text in (
        "I called the Prairie Job Center and they were great.",
        "I work in Springfield and love it here.",
        "Visited the Department of Labor booth at the fair.",
    ):
        assert "SM403" not in codes(lint(text, mode="personal", agency=AGENCY)), text


# --- SM404 speaking for the agency -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Speaking for the Department: the office moves in May.", "Speaking for the Department"),
        ("On behalf of PSDL, thank you all for coming!", "On behalf of PSDL"),
        (
            "As a PSDL job coach I can tell you officially that the fair is cancelled.",
            "I can tell you officially",
        ),
        (
            "We at the Prairie Job Center want you to know we hear you.",
            "We at the Prairie Job Center",
        ),
    ],
)
def test_speaks_for_agency(text: str, span: str) -> None:
    found = [f for f in lint(text, mode="personal", agency=AGENCY) if f.code == "SM404"]
    assert [text[f.start : f.end] for f in found] == [span]


@pytest.mark.parametrize(
    "text",
    [
        "I'm not speaking for the Department here, but the line was long.",
        "As a PSDL employee I can tell you: file early. Views are my own.",
        "Off the clock and on my own account: go vote!",
        "I do not speak on behalf of PSDL.",
        "I can officially say I finished my first marathon!",
        "Read the official statement from PSDL here.",
    ],
)
def test_not_speaking_for_agency(text: str) -> None:
    assert "SM404" not in codes(lint(text, mode="personal", agency=AGENCY))


def test_speaks_for_agency_only_in_personal_mode() -> None:
    text = "On behalf of PSDL, thank you all for coming!\n— Dana Whitfield, Director"
    assert "SM404" not in codes(lint(text, agency=AGENCY))


# --- SM405 inside access ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span_start"),
    [
        ("I've seen the internal numbers and layoffs are coming.", "I've seen the internal"),
        (
            "Not supposed to say this until it's announced, but I sat in on the briefing: "
            "the center is closing.",
            "Not supposed to say",
        ),
        ("I saw the draft budget and the bus routes are getting cut.", "I saw the draft"),
        ("Can't share details yet, but big changes are coming.", "Can't share details"),
    ],
)
def test_nonpublic_access(text: str, span_start: str) -> None:
    for mode in ("personal", "official"):
        found = [f for f in lint(text, mode=mode, agency=AGENCY) if f.code == "SM405"]
        assert len(found) == 1, (mode, found)
        assert text[found[0].start :].startswith(span_start)


@pytest.mark.parametrize(
    "text",
    [
        "More dates will be announced soon.",
        "The winners will be announced Friday at the fair.",
        "I read the report the Department published this morning: https://prairiejobs.org/r",
    ],
)
def test_public_information_is_not_inside_access(text: str) -> None:
    assert "SM405" not in codes(lint(text, mode="personal", agency=AGENCY))


# --- SM406 work email --------------------------------------------------------------------


def test_work_email_in_personal_post() -> None:
    text = "Looking for work? Email me at dana.whitfield@labor.prairie.gov. Views are my own."
    found = [f for f in lint(text, mode="personal", agency=AGENCY) if f.code == "SM406"]
    assert [text[f.start : f.end] for f in found] == ["dana.whitfield@labor.prairie.gov"]
    # The detail never carries the address.
    assert "dana" not in repr(found[0].detail)


def test_gov_and_mil_addresses_count_personal_and_public_ones_do_not() -> None:
    assert "SM406" in codes(lint("Write me: sam.lee@army.mil", mode="personal", agency=AGENCY))
    assert "SM406" in codes(lint("Write me: s.lee@state.ia.gov", mode="personal", agency=AGENCY))
    for text in (
        "Write me: sam.lee.guard@gmail.com",
        "Questions go to help@prairiejobs.org, they're great.",
    ):
        assert "SM406" not in codes(lint(text, mode="personal", agency=AGENCY)), text
    official = "Email dana.whitfield@labor.prairie.gov\n— Dana Whitfield, Director"
    assert "SM406" not in codes(lint(official, agency=AGENCY))


# --- edge cases learnt from real agency posts -------------------------------------------


def test_signature_above_an_agency_line() -> None:
    text = "Walk-in hours Monday.\n— Dana Whitfield, Employment Specialist\nPrairie Job Center"
    assert sm4(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # a quotation's attribution is not the author's sign-off
        '"The arc of the moral universe is long." - Martin Luther King',
        # a heading, not a sentence, before the dash
        "Appeal for witnesses - Road Traffic Collision",
        # the last item of a bulleted list
        "Bring:\n- your resume\n- Photo ID\n- Dana Whitfield",
        "Questions? - Thanks",
    ],
)
def test_dash_lines_that_are_not_sign_offs(text: str) -> None:
    sig = parse_signature(text)
    assert sig is None or sig.name_start is None


def test_giving_an_official_work_email_says_i_work_there() -> None:
    text = "Need help with your resume? Email me at dana.whitfield@labor.prairie.gov!"
    found = codes(lint(text, mode="personal", agency=AGENCY))
    assert "SM403" in found and "SM406" in found


def test_role_mailboxes_are_not_a_persons_work_email() -> None:
    text = "For recruiting questions write recruitment@labor.prairie.gov or jobs.info@state.ia.gov."
    assert "SM406" not in codes(lint(text, mode="personal", agency=AGENCY))


def test_contractions_negate_claims() -> None:
    text = "I've worked at PSDL for years. I don't speak for the Department, but wow."
    found = codes(lint(text, mode="personal", agency=AGENCY))
    assert "SM403" not in found and "SM404" not in found


def test_speaking_for_the_agency_also_identifies_the_employee() -> None:
    text = "On behalf of the Prairie Job Center: please stop yelling at our front desk staff."
    found = [(f.code, text[f.start : f.end]) for f in lint(text, mode="personal", agency=AGENCY)]
    assert ("SM404", "On behalf of the Prairie Job Center") in found
    assert "SM403" in [code for code, _ in found]


def test_named_unit_of_the_agency_counts_as_the_agency() -> None:
    # "Prairie" is the agency's distinctive word; "Prairie Water Works" is one of its units.
    text = "To the guy who cussed out my Prairie Water Works crew today: grow up."
    assert "SM403" in codes(lint(text, mode="personal", agency=AGENCY))
    place = "Lovely lunch downtown at Prairie City Centre with our team from church."
    assert "SM403" not in codes(lint(place, mode="personal", agency=AGENCY))


def test_inside_access_from_a_meeting() -> None:
    text = "My boss told us in a staff meeting that two offices are closing."
    found = [f for f in lint(text, mode="personal", agency=AGENCY) if f.code == "SM405"]
    assert [text[f.start : f.end] for f in found] == ["told us in a staff meeting"]
