"""SM201, SM202, SM204, SM205: profanity, insults, slurs and demeaning language, negativity
about the agency. (Threats SM203 and explicit content SM206 are phrase rules: catalog data.)

Profanity comes from the compiled better-profanity matcher (``Analysis.profanity``); the
other rules are phrase patterns from ``rules/lexicons/language.yaml`` plus, for SM205,
vaderSentiment's score of the sentence that names the agency or its staff.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterator, Mapping
from typing import Any

from smlint.analysis import Analysis, Resources
from smlint.analysis.sentences import merge
from smlint.checks.base import Check, CheckContext
from smlint.models import Hit
from smlint.pretest.index import Requirement, Requirements
from smlint.ruledata.lexicons import Lexicon

FORM_MESSAGES = {
    "masked": "Profanity (masked spelling)",
    "variant": "Profanity (look-alike or stretched spelling)",
    "hashtag": "Profanity inside a hashtag",
}
ALONE_INSULT = r"^\W*(?:you\s+)?(?:{intensifier}\s+){0,2}{insult-noun}[\W\d]*$"
# Pre-test keys of the patterns this check tries beyond the lexicon's per-code ones.
ALONE_KEY = ("SM202", "insult-alone")
TARGET_KEY = ("SM205", "target")


class _Language:
    """Compiled helpers derived from the lexicon (built once per process)."""

    def __init__(self, lexicon: Lexicon, resources: Resources) -> None:
        self.lexicon = lexicon
        self.patterns = lexicon.patterns.get("SM205", ())
        self.alone_insult = lexicon.compile(ALONE_INSULT)
        self.group = lexicon.compile(r"\b{group}\b")
        sentiment = lexicon.data["sentiment"]
        self.threshold = float(sentiment["threshold"])
        self.apology = re.compile(sentiment["apology"], re.IGNORECASE)
        staff = "|".join(sentiment["staff-targets"])
        self.staff = re.compile(rf"\b(?:{staff})\b", re.IGNORECASE) if staff else None
        self.agency = resources.agency.mention
        self.we_subject = re.compile(r"^\W*(?:we|we're|we’re|we've|our)\b", re.IGNORECASE)
        self.cues = _cues(lexicon)


def _language(resources: Resources) -> _Language:
    return _Language(resources.rules.lexicon("language"), resources)


def pretests(resources: Resources, known: Requirements) -> Mapping[Hashable, Requirement]:
    lang = resources.get(_language)
    targets = [p for p in (lang.agency, lang.staff) if p is not None]
    return {
        ALONE_KEY: known.of(lang.alone_insult.pattern, lang.alone_insult.flags),
        TARGET_KEY: Requirement.any(known.of(p.pattern, p.flags) for p in targets),
    }


def check_profanity(analysis: Analysis, _ctx: CheckContext) -> Iterator[Hit]:
    package = analysis.resources.profanity.matcher.package
    for m in analysis.profanity[0]:
        yield Hit(
            code="SM201",
            start=m.start,
            end=m.end,
            message=FORM_MESSAGES.get(m.form),
            detail={
                "term": m.term,
                "form": m.form,
                "list": "better-profanity" if m.term in package else "smlint extra-words",
            },
        )


def _scan(analysis: Analysis, lexicon: Lexicon, code: str) -> Iterator[Hit]:
    for name, m in analysis.scan(lexicon, code):
        start, end = m.span()
        while start < end and analysis.text[start] in " \t":
            start += 1
        while end > start and analysis.text[end - 1] in " ,;:":
            end -= 1
        yield Hit(code=code, start=start, end=end, detail={"pattern": name})


def spelled(analysis: Analysis) -> str | None:
    """The post with each look-alike or masked spelling the profanity matcher recognised
    written as its list word where that keeps the length ("b1tch" as "bitch", "a$$hole" as
    "asshole"), so a grammar reads it at the same offsets; None when nothing is respelled."""
    profane, slurs = analysis.profanity
    found = [m for m in (*profane, *slurs) if m.form != "plain" and len(m.term) == m.end - m.start]
    if not found:
        return None
    text = analysis.text
    pieces, pos = [], 0
    for m in sorted(found, key=lambda m: m.start):
        pieces += [text[pos : m.start], m.term]
        pos = m.end
    return "".join(pieces) + text[pos:]


def _grammar_hits(
    analysis: Analysis, lexicon: Lexicon, code: str, *, hashtags: bool = False
) -> list[Hit]:
    """The code's grammar matches in the post (and its hashtags' words) and, where the
    profanity matcher respelled a word, in its respelled copy (``spelling: respelled``)."""
    hits = [
        Hit(code=code, start=h.start, end=h.end, detail=h.detail)
        for h in analysis.grammar(lexicon, code, hashtags=hashtags)
    ]
    grammar = lexicon.grammars.get(code)
    copy = spelled(analysis) if grammar is not None else None
    if copy is not None and grammar is not None:
        from smlint.analysis.grammar import match_grammar

        for h in match_grammar(grammar, copy, lambda: analysis.sentences, None):
            if not any(o.start < h.end and h.start < o.end for o in hits):
                hits.append(
                    Hit(
                        code=code,
                        start=h.start,
                        end=h.end,
                        detail={**h.detail, "spelling": "respelled"},
                    )
                )
    return hits


def check_insults(analysis: Analysis, _ctx: CheckContext) -> Iterator[Hit]:
    lang = analysis.resources.get(_language)
    hits = list(_scan(analysis, lang.lexicon, "SM202"))
    slurs = analysis.profanity[1]  # a slur aimed at someone is SM204's
    for hit in _grammar_hits(analysis, lang.lexicon, "SM202"):
        if not any(h.start < hit.end and hit.start < h.end for h in (*hits, *slurs)):
            hits.append(hit)
    if analysis.may_match(ALONE_KEY):
        text = analysis.text
        for s, e in analysis.sentences:
            if lang.alone_insult.match(text[s:e]) and not any(
                h.start < e and s < h.end for h in hits
            ):
                hits.append(Hit(code="SM202", start=s, end=e, detail={"pattern": "insult-alone"}))
    yield from hits


def check_discriminatory(analysis: Analysis, _ctx: CheckContext) -> Iterator[Hit]:
    """Slurs, and demeaning statements about a group (one finding per passage)."""
    text = analysis.text
    lang = analysis.resources.get(_language)
    for m in analysis.profanity[1]:
        yield Hit(
            code="SM204", start=m.start, end=m.end, detail={"term": m.term, "pattern": "slur"}
        )
    found = []
    for hit in _scan(analysis, lang.lexicon, "SM204"):
        if (
            hit.detail.get("pattern") == "they-demeaned"
            and not re.match(r"th[eo]se people", text[hit.start : hit.end], re.IGNORECASE)
            and not lang.group.search(text, 0, hit.start)
        ):
            continue  # "they" must refer back to a group named earlier
        found.append((*analysis.sentences.of(hit.start), hit.detail))
    for hit in _grammar_hits(analysis, lang.lexicon, "SM204", hashtags=True):
        if not any(m.start < hit.end and hit.start < m.end for m in analysis.profanity[1]):
            found.append((*analysis.sentences.of(hit.start), hit.detail))
    found.sort(key=lambda f: f[0])
    # Demeaning statements in consecutive sentences are one passage, one finding.
    for start, end, details in merge(found, text, r"\s*"):
        yield Hit(code="SM204", start=start, end=end, detail=details[0])


_LETTERS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
LANGUAGE_MIN_WORDS = 5  # shorter posts say too little to tell
LANGUAGE_MIN_CUES = 3  # common words of the other language a post needs


def _cues(lexicon: Lexicon) -> dict[str, frozenset[str]]:
    return {
        key.removeprefix("lang-"): frozenset(w.lower() for w in words)
        for key, words in lexicon.terms.items()
        if key.startswith("lang-")
    }


def _latin(word: str) -> bool:
    return all(ord(c) < 0x250 for c in word)


def check_not_english(analysis: Analysis, _ctx: CheckContext) -> Iterator[Hit]:
    """One notice for a post written in another language: its words are mostly another
    language's common words (the lexicon's ``lang-XX`` lists), or not in Latin letters."""
    words = [w.lower() for w in _LETTERS.findall(analysis.text)]
    if len(words) < LANGUAGE_MIN_WORDS:
        return
    cues = analysis.resources.get(_language).cues
    english = sum(w in cues.get("en", ()) for w in words)
    other = sum(not _latin(w) for w in words)
    detail: dict[str, Any] = {}
    if other * 2 > len(words):
        detail = {"language": "non-Latin script", "words": other}
    else:
        counts = {
            lang: sum(w in vocab for w in words) for lang, vocab in cues.items() if lang != "en"
        }
        lang, best = max(counts.items(), key=lambda kv: kv[1], default=("", 0))
        if best < LANGUAGE_MIN_CUES or best < 2 * english + 1:
            return
        detail = {"language": lang, "cues": best, "english-cues": english}
    start, end = analysis.body_span
    yield Hit(code="SM207", start=start, end=end, detail=detail)


def check_agency_negative(analysis: Analysis, _ctx: CheckContext) -> Iterator[Hit]:
    if not analysis.may_match(TARGET_KEY):
        return  # no sentence names the agency or its staff
    lang = analysis.resources.get(_language)
    official = analysis.post.mode == "official"
    if official and not any(analysis.may_match(("SM205", n)) for n, _ in lang.patterns):
        return  # an official post needs one of the patterns
    text = analysis.text
    phrases = [(m.start(), m.end(), name) for name, m in analysis.scan(lang.lexicon, "SM205")]
    profane = analysis.profanity[0]
    found: list[tuple[int, int, dict[str, Any]]] = []
    for s, e in analysis.sentences:
        sentence = text[s:e]
        target = lang.agency.search(sentence) if lang.agency is not None else None
        if target is None and lang.staff is not None:
            target = lang.staff.search(sentence)
        if target is None or lang.apology.search(sentence):
            continue
        if analysis.post.mode == "official" and lang.we_subject.search(sentence):
            continue  # the agency speaking about its own service
        detail: dict[str, Any] = {"target": target.group(0)}
        pattern = next((name for ps, pe, name in phrases if s <= ps and pe <= e), None)
        if pattern is not None:
            detail["pattern"] = pattern
        elif analysis.post.mode == "official":
            continue
        else:
            plain = sentence
            for m in reversed([m for m in profane if s <= m.start and m.end <= e]):
                plain = plain[: m.start - s] + m.term + plain[m.end - s :]
            score = analysis.sentiment(plain)
            if score > lang.threshold:
                continue
            detail["sentiment"] = round(score, 3)
        found.append((s, e, detail))
    for start, end, details in merge(found, text, r"\s*"):
        yield Hit(code="SM205", start=start, end=end, detail=details[0])


CHECK = Check.per_code(
    "language",
    {
        "SM201": check_profanity,
        "SM202": check_insults,
        "SM204": check_discriminatory,
        "SM205": check_agency_negative,
        "SM207": check_not_english,
    },
    pretests=pretests,
)
