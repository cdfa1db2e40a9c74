"""Bare hosts on country-code domains are links ("vine.co", "example.jp", "site.co.il"), as
twitter-text counts them; file names and abbreviations are not."""

from __future__ import annotations

import pytest

from smlint.analysis.links import default_shorteners, extract_links
from smlint.config import Agency


def urls(text: str) -> list[str]:
    return [link.url for link in extract_links(text, Agency(), default_shorteners())]


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("Watch it on vine.co today", "vine.co"),
        ("See example.jp now.", "example.jp"),
        ("Info at site.co.il.", "site.co.il"),
        ("Details: www.gov.uk", "www.gov.uk"),
    ],
)
def test_country_code_hosts_are_links(text: str, url: str) -> None:
    assert urls(text) == [url]


@pytest.mark.parametrize(
    "text", ["Run setup.py first.", "Per Wyo.St. 16-4-203 the rule applies.", "Read notes.md"]
)
def test_file_names_and_abbreviations_are_not(text: str) -> None:
    assert urls(text) == []
