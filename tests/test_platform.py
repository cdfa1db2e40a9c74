"""SM7xx: platform length limits, hashtag case, capitals, alt text — where each fires and
where it must not."""

from __future__ import annotations

from functools import partial

import pytest
from conftest import lint as lint_all

from smlint.checks.platform import measure, platform_limits

lint = partial(lint_all, select=("SM7",))
FAMILY = "\U0001f469\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # one grapheme, 7 chars
URL = "https://workforce.example.gov/programs/unemployment/verify-identity?ref=" + "x" * 60


def _only(findings, code: str) -> list:
    return [f for f in findings if f.code == code]


def _length(text: str, platform: str) -> int:
    return measure(text, platform_limits()[platform])


# --- SM701 length ------------------------------------------------------------------------------


def test_x_counts_links_as_23() -> None:
    text = "a" * 250 + " " + URL
    assert len(text) > 280
    assert _length(text, "x") == 274
    assert _only(lint(text, platform="x"), "SM701") == []


def test_x_counts_emoji_and_cjk_as_2() -> None:
    assert _length("🎉" * 140, "x") == 280
    assert _only(lint("🎉" * 140, platform="x"), "SM701") == []
    (finding,) = _only(lint("🎉" * 141, platform="x"), "SM701")
    assert finding.message == "Post is 282 characters; X allows 280 (twitter-text)"
    assert _length("雪" * 141, "x") == 282
    assert _only(lint("雪" * 141, platform="x"), "SM701")
    assert _only(lint("é" * 280, platform="x"), "SM701") == []


def test_x_boundary_is_inclusive() -> None:
    assert _only(lint("a" * 280, platform="x"), "SM701") == []
    (finding,) = _only(lint("a" * 281, platform="x"), "SM701")
    assert finding.detail == {"length": 281, "limit": 280, "counting": "twitter-text"}


@pytest.mark.parametrize(("platform", "limit"), [("bluesky", 300), ("threads", 500)])
def test_grapheme_platforms(platform: str, limit: int) -> None:
    assert _length(FAMILY * limit, platform) == limit
    assert _only(lint(FAMILY * limit, platform=platform), "SM701") == []
    assert _only(lint(FAMILY * (limit + 1), platform=platform), "SM701")
    # combining accents: one grapheme each
    assert _length("e\u0301" * 10, platform) == 10


def test_mastodon_counts_graphemes_and_links_as_23() -> None:
    text = "a" * 470 + " " + URL
    assert _length(text, "mastodon") == 494
    assert _only(lint(text, platform="mastodon"), "SM701") == []
    assert _only(lint("a" * 478 + " " + URL, platform="mastodon"), "SM701")
    assert _length(FAMILY * 500, "mastodon") == 500


@pytest.mark.parametrize(
    ("platform", "limit"), [("instagram", 2200), ("linkedin", 3000), ("facebook", 63206)]
)
def test_character_platforms(platform: str, limit: int) -> None:
    assert _only(lint("a" * limit, platform=platform), "SM701") == []
    (finding,) = _only(lint("a" * (limit + 1), platform=platform), "SM701")
    assert f"allows {limit} (characters)" in finding.message


def test_no_platform_no_length_rule() -> None:
    assert _only(lint("a" * 70000, platform="none"), "SM701") == []


def test_wi_dma_pack_limits_x_to_140() -> None:
    text = "Drill weekend schedule is posted. " * 5  # 170 characters
    assert _only(lint(text, platform="x"), "SM701") == []
    (finding,) = _only(lint(text, platform="x", policy="wi-dma"), "SM701")
    assert finding.message == "Post is 169 characters; X allows 140 (twitter-text)"
    assert finding.citation is not None and finding.citation.section == "I.B, Definitions"
    # other platforms keep their own limit under wi-dma
    assert _only(lint(text, platform="bluesky", policy="wi-dma"), "SM701") == []


def test_length_counts_what_is_published_and_points_at_the_body() -> None:
    body = "b" * 270
    text = (
        "---\nplatform: x\ntitle: " + "t" * 300 + "\n---\n"
        "<!-- reviewer notes " + "n" * 300 + " -->\n"
        "![Plows on Main Street](plow.jpg)\n" + body + "\n"
    )
    assert _only(lint(text, markdown=True), "SM701") == []
    (finding,) = _only(lint(text + "more words here\n", markdown=True), "SM701")
    assert (finding.row, finding.column) == (6, 1)
    assert (finding.end_row, finding.end_column) == (8, 16)


# --- SM702 hashtag case ------------------------------------------------------------------------


def test_multiword_hashtag_gets_a_camelcase_suggestion() -> None:
    (finding,) = lint("Crews are out. #snowemergency tonight")
    assert (finding.code, finding.row, finding.column, finding.end_column) == ("SM702", 1, 16, 30)
    assert finding.message == (
        "Hashtag #snowemergency is several words; write it in CamelCase: #SnowEmergency"
    )


@pytest.mark.parametrize(
    ("tag", "suggestion"),
    [
        ("jobfair2026", "JobFair2026"),
        ("Snowemergency", "SnowEmergency"),
        ("publichealth", "PublicHealth"),
    ],
)
def test_hashtag_suggestions(tag: str, suggestion: str) -> None:
    (finding,) = _only(lint(f"Join us #{tag}"), "SM702")
    assert finding.message.endswith(f"#{suggestion}")


@pytest.mark.parametrize(
    "text",
    [
        "Join us #JobFair",
        "Snow tonight #Madison #snow #winter",
        "Acronyms stay #FEMA #WIOA #NWS",
        "Short #abc and #ok",
        "Anchor links are not tags: https://example.gov/page#sectiontwo",
        "Numbers only #2026",
        "Non-ASCII #schneesturmwarnung\u00e4",
    ],
)
def test_hashtags_not_flagged(text: str) -> None:
    assert _only(lint(text), "SM702") == []


# --- SM703 capitals ----------------------------------------------------------------------------


def test_run_of_capitals_is_flagged_with_its_span() -> None:
    text = "Reminder: LAST CHANCE TO REGISTER for Friday's job fair."
    (finding,) = _only(lint(text), "SM703")
    assert (finding.column, finding.end_column) == (11, 34)
    assert text[finding.start : finding.end] == "LAST CHANCE TO REGISTER"
    assert finding.message == "4 words in a row in capitals read as shouting"


def test_numbers_inside_a_shouted_run_are_included() -> None:
    (finding,) = _only(lint("ROUTE 12 IS CLOSED UNTIL FRIDAY."), "SM703")
    assert (finding.column, finding.end_column) == (1, 32)


@pytest.mark.parametrize(
    "text",
    [
        "Park on the EVEN side of the street tonight.",
        "Updates from FEMA, NWS and USDA follow.",
        "Apply at WIOA.gov or call the DWS help line.",
        "Form UI-2 and DD-214 are both accepted.",
        "IT IS.",
        "Follow @WYDWS and #WIOA.",
    ],
)
def test_single_words_and_acronyms_are_not_shouting(text: str) -> None:
    assert _only(lint(text), "SM703") == []


def test_two_separate_runs_are_two_findings() -> None:
    text = "PLEASE READ THIS CAREFULLY. Offices open at nine. DO NOT CALL AFTER HOURS."
    found = _only(lint(text), "SM703")
    assert [text[f.start : f.end] for f in found] == [
        "PLEASE READ THIS CAREFULLY",
        "DO NOT CALL AFTER HOURS",
    ]


# --- SM704 alt text ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("![](images/flood.jpg)", 1),
        ("Look: ![   ](images/flood.jpg)", 7),
        ('Look: <img src="flood.jpg">', 7),
        ('<IMG SRC="flood.jpg" ALT="">', 1),
        ("<img alt='  ' src=flood.jpg>", 1),
    ],
)
def test_images_without_alt_text(text: str, column: int) -> None:
    (finding,) = _only(lint(text, markdown=True), "SM704")
    assert (finding.row, finding.column) == (1, column)
    assert finding.message == "Image has no alt text"


@pytest.mark.parametrize(
    "text",
    [
        "![Volunteers filling sandbags](sandbags.jpg)",
        '<img src="flood.jpg" alt="Flooded street in Casper">',
        "<img alt=Plow src=plow.jpg>",
        "```\n![](in-a-code-block.jpg)\n```",
        "Use `![](x.png)` in Markdown.",
        "<!-- ![](draft-image.jpg) -->",
    ],
)
def test_images_with_alt_text_or_not_linted(text: str) -> None:
    assert _only(lint(text, markdown=True), "SM704") == []


def test_alt_text_detail_names_the_image_not_the_text() -> None:
    (finding,) = _only(lint("Crews.\n\n![](images/crews.jpg)\n", markdown=True), "SM704")
    assert finding.detail == {"image": "images/crews.jpg"}
    assert finding.row == 3


def test_segmentation_from_the_sqlite_copy_is_wordsegments_own(tmp_path, monkeypatch) -> None:
    """The counts read on demand from the cache folder give wordsegment's own splits, and a
    busy process switching to the in-memory model keeps giving them."""
    import wordsegment

    from smlint.analysis import segment

    monkeypatch.setenv("SMLINT_CACHE_DIR", str(tmp_path / "cache"))
    model = segment._Model(segment._database())
    assert not isinstance(model.unigrams, dict)
    reference = wordsegment.Segmenter()
    reference.load()
    words = ["snowemergency", "librarylife", "humansofwmp", "sundayfunday", "wioajobs"]
    words += ["thisisatest", "votebluenomatterwho", "raisethewage", "covid19vaccine"]
    for word in words:
        assert model.segment(word) == list(reference.segment(word)), word
    monkeypatch.setattr(segment, "IN_MEMORY_AFTER", 10)
    for word in ["jobfairfriday", "boilwaternotice", "floodwatchtonight", *words]:
        assert model.segment(word) == list(reference.segment(word)), word
    assert isinstance(model.unigrams, dict)
