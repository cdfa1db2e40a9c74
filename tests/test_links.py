"""SM501–SM505 and link extraction: every link found, classified, judged; no network."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from conftest import lint, write

from smlint.analysis.links import (
    EXTERNAL,
    OFFICIAL,
    PARTNER,
    SHORTENER,
    extract_links,
    relevant_topic,
)
from smlint.config import Agency

AGENCY = {
    "name": "Prairie State Department of Labor",
    "official-domains": ["labor.prairie.gov", "prairiejobs.org"],
    "partner-domains": ["dol.gov", "careeronestop.org"],
    "topics": ["jobs", "hiring", "job fair", "unemployment insurance", "training"],
    "external-link-disclaimers": ["Links to outside sites are not endorsements by the Department"],
}
AG = Agency(
    official_domains=("labor.prairie.gov", "prairiejobs.org"),
    partner_domains=("dol.gov",),
)
SIGNED = "\n— Dana Whitfield, Communications Specialist"


def sm5(text: str, mode: str = "official", agency: dict | None = None) -> list[tuple[str, str]]:
    findings = lint(text, mode=mode, agency=AGENCY if agency is None else agency)
    return [(f.code, text[f.start : f.end]) for f in findings if f.code.startswith("SM5")]


# --- extraction ----------------------------------------------------------------------


def test_links_with_and_without_scheme_lose_sentence_punctuation() -> None:
    text = (
        "Jobs: labor.prairie.gov/jobs. Snow: cityofmadison.com/snow, and "
        "(see https://prairiejobs.org/fair). Apply at https://www.dol.gov/apply! "
        "Old: http://example.com/page_(2)… [Map](https://maps.example.org/x)"
    )
    links = extract_links(text, AG)
    assert [link.url for link in links] == [
        "labor.prairie.gov/jobs",
        "cityofmadison.com/snow",
        "https://prairiejobs.org/fair",
        "https://www.dol.gov/apply",
        "http://example.com/page_(2)",
        "https://maps.example.org/x",
    ]
    assert [link.kind for link in links] == [
        OFFICIAL,
        EXTERNAL,
        OFFICIAL,
        PARTNER,
        EXTERNAL,
        EXTERNAL,
    ]
    assert [text[link.start : link.end] for link in links] == [link.url for link in links]
    assert links[4].insecure and not links[3].insecure


def test_emails_abbreviations_and_file_names_are_not_links() -> None:
    text = (
        "Email help@labor.prairie.gov by 9 a.m., e.g. today. See Wyo. Stat. § 27-14 "
        "and Wyo.St. 27; open report.pdf or setup.py. U.S. Ph.D. #prairie.gov"
    )
    assert extract_links(text, AG) == ()


def test_bare_domain_and_www_host() -> None:
    links = extract_links("Visit prairiejobs.org or www.example.com today.", AG)
    assert [(link.url, link.kind) for link in links] == [
        ("prairiejobs.org", OFFICIAL),
        ("www.example.com", EXTERNAL),
    ]


def test_subdomains_count_but_lookalikes_do_not() -> None:
    links = extract_links(
        "https://apply.labor.prairie.gov/x https://notlabor.prairie.gov.evil.com/x", AG
    )
    assert [link.kind for link in links] == [OFFICIAL, EXTERNAL]


def test_shorteners_are_data_and_extendable() -> None:
    text = "https://bit.ly/abc https://t.co/x1 https://127.0.0.1:8000/r"
    assert [link.kind for link in extract_links(text, AG)] == [SHORTENER, SHORTENER, EXTERNAL]
    extra = extract_links(text, AG, shorteners={"127.0.0.1"})
    assert extra[-1].kind == SHORTENER


def test_relevance_matches_word_forms_in_sentence_and_url() -> None:
    (link,) = extract_links("https://www.sba.gov/guide/hire-employees", AG)
    assert relevant_topic(link, "A guide for small businesses", ["hiring"]) == "hiring"
    (fair,) = extract_links("https://example.com/springjobfair", AG)
    assert relevant_topic(fair, "See you there", ["job fair"]) == "job fair"
    (other,) = extract_links("https://example.com/raccoon-pizza", AG)
    assert relevant_topic(other, "We are hiring welders", ["hire"]) == "hire"
    assert relevant_topic(other, "You have to see this", ["hiring", "job fair"]) is None


# --- the checks ----------------------------------------------------------------------


def test_off_topic_link() -> None:
    text = "Fun Friday: watch this raccoon steal a pizza https://www.viralpets.example/raccoon"
    assert ("SM501", "https://www.viralpets.example/raccoon") in sm5(text + SIGNED)


@pytest.mark.parametrize(
    "text",
    [
        "Small businesses that are hiring can use this guide: https://www.sba.gov/guide",
        "Resume tips for your next job fair: https://www.example.com/tips",
        "Read more: https://www.example.com/unemployment-insurance-basics",
        "Partner resources: https://www.careeronestop.org/x",
        "Our page: https://labor.prairie.gov/news",
    ],
)
def test_relevant_official_or_partner_links_pass(text: str) -> None:
    assert "SM501" not in [code for code, _ in sm5(text + SIGNED)]


def test_shortened_link_is_sm502_only() -> None:
    text = "Watch this raccoon: https://bit.ly/3Raccoon" + SIGNED
    found = sm5(text)
    assert ("SM502", "https://bit.ly/3Raccoon") in found
    assert not [c for c, span in found if span == "https://bit.ly/3Raccoon" and c != "SM502"]
    # ...and does not count as the link back to the agency.
    assert ("SM504", text.strip()) in found


def test_short_official_domain_is_not_a_shortener() -> None:
    agency = dict(AGENCY, **{"official-domains": ["mpl.org"]})
    assert sm5("Movie night: https://www.mpl.org/events" + SIGNED, agency=agency) == []


def test_external_link_disclaimer() -> None:
    text = (
        "Training grants: https://www.example.edu/training\n"
        "Federal help: https://www.dol.gov/agencies/eta\n"
        "Apply: https://prairiejobs.org/apply" + SIGNED
    )
    assert [c for c in sm5(text) if c[0] == "SM503"] == [
        ("SM503", "https://www.example.edu/training"),
        ("SM503", "https://www.dol.gov/agencies/eta"),
    ]
    # One disclaimer covers every link; matched without regard to case, punctuation, spaces.
    covered = text.replace(
        "Apply:", "(links to outside sites are NOT endorsements  by the department.) Apply:"
    )
    assert [c for c in sm5(covered) if c[0] == "SM503"] == []
    # No disclaimers configured: nothing to require.
    agency = {k: v for k, v in AGENCY.items() if k != "external-link-disclaimers"}
    assert [c for c in sm5(text, agency=agency) if c[0] == "SM503"] == []


def test_no_official_link_official_mode_only() -> None:
    text = "Job fair Friday at 10 a.m.! Bring your resume." + SIGNED
    assert sm5(text) == [("SM504", text.strip())]
    assert sm5(text, mode="personal") == []
    insecure = "Job fair Friday: http://prairiejobs.org/fair" + SIGNED
    assert sm5(insecure) == [("SM505", "http://prairiejobs.org/fair")]


def test_insecure_link_in_both_modes() -> None:
    text = "Job fair info: http://www.dol.gov/fair and https://prairiejobs.org/fair"
    for mode in ("official", "personal"):
        assert ("SM505", "http://www.dol.gov/fair") in sm5(text, mode=mode)
        assert ("SM505", "https://prairiejobs.org/fair") not in sm5(text, mode=mode)


def test_without_topics_no_relevance_judgement() -> None:
    agency = {"official-domains": ["prairiejobs.org"]}
    assert (
        sm5("Look: https://www.example.com/raccoon\nhttps://prairiejobs.org", agency=agency) == []
    )


# --- no network by default -----------------------------------------------------------


def test_no_socket_is_opened_without_resolve_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("smlint opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    post = write(
        tmp_path,
        "links.md",
        "Links: https://bit.ly/abc http://t.co/xyz https://tinyurl.com/q goo.gl/abc "
        "wyo.gov/jobs https://www.example.com/a http://example.org www.dol.gov/x "
        "ow.ly/abc https://prairiejobs.org/fair\n",
    )
    config = write(
        tmp_path,
        "smlint.toml",
        '[agency]\nofficial-domains = ["prairiejobs.org"]\ntopics = ["jobs"]\n'
        'external-link-disclaimers = ["not responsible for external content"]\n',
    )
    result = cli("check", post, "--config", config, "--format", "json", "--nlp-model", "none")
    assert result.status == 1, result.err
    assert "SM502" in result.out and "SM503" in result.out and "SM505" in result.out
