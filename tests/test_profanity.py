"""The compiled profanity matcher (smlint/profanity.py) and SM201's policy on top of it."""

from __future__ import annotations

import pytest

from smlint.analysis.profanity import build_matcher, classify, package_wordlist, profanity_policy


@pytest.fixture(scope="module")
def policy():
    return profanity_policy()


def spans(policy, text: str) -> list[tuple[str, str, str]]:
    profane, _ = classify(policy, text)
    return [(text[m.start : m.end], m.term, m.form) for m in profane]


def test_wordlist_is_read_from_the_installed_package():
    words = package_wordlist()
    assert len(words) > 800
    assert "fuck" in words and "scunthorpe" not in words


@pytest.mark.parametrize(
    ("text", "span", "term", "form"),
    [
        ("Well, fuck.", "fuck", "fuck", "plain"),
        ("This is f*ck awful", "f*ck", "fuck", "masked"),
        ("f**k this weather", "f**k", "fuck", "masked"),
        ("oh f--- that", "f---", "fuck", "masked"),
        ("What the f***?", "f***", "fuck", "masked"),
        ("F**king unreal", "F**king", "fuck", "masked"),
        ("total bullsh*t", "bullsh*t", "bullshit", "masked"),
        ("a real sh*tshow", "sh*tshow", "shit", "masked"),
        ("sh!t happens", "sh!t", "shit", "masked"),
        ("what a b!tch", "b!tch", "bitch", "masked"),
        ("pain in the a$$.", "a$$", "ass", "masked"),
        ("sh1t happens", "sh1t", "sh1t", "plain"),
        ("fuuuuck the snow", "fuuuuck", "fuck", "variant"),
    ],
)
def test_obfuscated_spellings_are_found_with_positions(policy, text, span, term, form):
    assert spans(policy, text) == [(span, term, form)]


@pytest.mark.parametrize("text", ["fück this", "ｆｕｃｋ this", "fuсk this", "f\u200buck this"])
def test_accents_full_width_and_look_alikes_keep_original_offsets(policy, text):
    (found,) = classify(policy, text)[0]
    assert found.term == "fuck" and found.form == "variant"
    assert (found.start, found.end) == (0, text.index(" "))


def test_profanity_inside_hashtags(policy):
    assert spans(policy, "Snow again #fuckthis") == [("fuck", "fuck", "hashtag")]
    assert spans(policy, "Monday. #ThisIsBullshit")[0][1] == "bullshit"
    assert spans(policy, "#ResistHate #shiitakemushrooms #titmouse") == []


def test_doubled_letters_are_ordinary_english():
    matcher = build_matcher()
    assert matcher.find("Good job! Public notice. Assess the grass.") == []
    assert [m.term for m in matcher.find("Daaaamn, assss")] == ["damn", "ass"]


@pytest.mark.parametrize(
    "text",
    [
        "Register with the sex offender registry.",
        "Drunk driving kills. Plan a sober ride.",
        "Become an organ donor today.",
        "God bless our troops.",
        "Report a pot hole on Elm St.",
        "New strip mall opening on Route 9.",
        "Go Cowgirls! Congrats on the win.",
        "Former VP Dick Cheney visited the base.",
        "Every press has a kill switch.",
        "A tufted titmouse at the feeder.",
        "Reservists from Scunthorpe joined the assessment in Dickinson, Sussex.",
        "Mocktail & cocktail garden; Hancock Park; Hitchcock film; shiitake tacos; cockpit; bass.",
        "She graduated magna cum laude.",
        "Route A55 is closed.",
    ],
)
def test_agency_text_is_clean(policy, text):
    assert spans(policy, text) == []


def test_slurs_go_to_sm204_not_sm201(policy):
    profane, slurs = classify(policy, "what a fag")
    assert profane == [] and [m.term for m in slurs] == ["fag"]
    assert classify(policy, "spick and span")[1] == []


def test_insults_and_sexual_words_are_left_to_their_own_rules(policy):
    assert spans(policy, "you absolute moron") == []
    assert spans(policy, "we had sex") == []


def test_raw_matcher_keeps_better_profanity_vocabulary():
    matcher = build_matcher()
    assert [m.term for m in matcher.find("drunk moron")] == ["drunk", "moron"]
    assert matcher.find("Scunthorpe assessment") == []


def test_benchmark_rows_compare_with_better_profanity():
    from bench.bench_profanity import measure

    rows = {r["row"]: r for r in measure(["Nice day at the park.", "What a b!tch", "shit"])}
    assert "SM201 matcher µs/post" in rows
    assert "better-profanity contains_profanity µs/post" in rows
    assert rows["post-level agreement with better-profanity"]["value"] == "66.67%"
    assert rows["disagreement: masked or look-alike spelling (smlint only)"]["value"] == "1"


def test_skipping_the_regex_never_changes_what_is_found() -> None:
    """The shortcut for letter-and-digit tokens (no regex compiled) finds exactly what the
    compiled regex finds, on spellings built from the list's own look-alike map."""
    import random

    matcher = build_matcher()
    rng = random.Random(5)
    words = sorted(matcher.words)
    texts = []
    for _ in range(3000):
        word = rng.choice(words)
        spelled = "".join(
            rng.choice(matcher.char_map.get(c, c) + c * 3) if rng.random() < 0.3 else c
            for c in word
        )
        if rng.random() < 0.3:
            spelled = spelled[:-1] + "!" * rng.randint(1, 3)
        texts.append(f"{rng.choice(['Wow', 'so', '#', 'Friday!'])} {spelled} 3pm today!")
    real = matcher._needs_regex
    for text in texts:
        fast = matcher.find(text)
        matcher._needs_regex = lambda _core: True
        try:
            assert matcher.find(text) == fast, text
        finally:
            matcher._needs_regex = real
    assert not matcher._needs_regex("friday!") and not matcher._needs_regex("librarylife")


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("f u c k this bus", "fuck"),
        ("what an ash0le", "ashole"),
        ("fcking potholes", "fcking"),
        ("2 girls 1 cup", "2 girls 1 cup"),
        ("s.h.i.t. happens", "s.h.i.t."),
        ("god-dam it", "god-dam"),
    ],
)
def test_spaced_vowel_dropped_and_punctuated_entries(policy, text, term):
    assert [t for _, t, _ in spans(policy, text)] == [term]


@pytest.mark.parametrize(
    "text",
    ["I am a b c d student", "a s s e s s m e n t", "Plan A s or B s", "Hit the g spot on the map"],
)
def test_spelled_out_innocent_letters(policy, text):
    assert spans(policy, text) == []


def test_every_package_word_fires_or_is_placed_by_reason(policy):
    """Each better-profanity word is an SM201 finding, a slur (SM204), or listed under a
    reason in profanity.yaml's not-profanity: the choice is data, none is lost silently."""
    from smlint.ruledata.files import load_yaml

    data = load_yaml("lexicons/profanity.yaml")
    placed = {w.lower() for words in data["not-profanity"].values() for w in words}
    lost = []
    for word in package_wordlist():
        profane, slurs = classify(policy, f"well {word} here")
        if not profane and not slurs and word not in placed:
            lost.append(word)
    assert lost == []
