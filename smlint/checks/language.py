"""SM2xx: profanity, insults, threats, slurs and demeaning language, negativity about the
agency, sexually explicit content.

Profanity comes from the compiled better-profanity matcher (smlint/profanity.py); the other
rules are phrase patterns from ``rules/lexicons/language.yaml`` (one scan per code) plus,
for SM205, vaderSentiment's score of the sentence that names the agency or its staff.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from smlint.analysis import Analysis, Resources
from smlint.analysis.profanity import ProfanityMatch, build_policy, classify
from smlint.checks.base import Check, CheckContext
from smlint.models import Hit
from smlint.ruledata.lexicons import Lexicon, load_lexicon, merge, sentence_of, sentences

CODES = frozenset({"SM201", "SM202", "SM203", "SM204", "SM205", "SM206"})
FORM_MESSAGES = {
    "masked": "Profanity (masked spelling)",
    "variant": "Profanity (look-alike or stretched spelling)",
    "hashtag": "Profanity inside a hashtag",
}


def _lexicon(_resources: Resources) -> Lexicon:
    return load_lexicon("language")


class _Extras:
    """Compiled helpers derived from the lexicon (built once per process)."""

    def __init__(self, lexicon: Lexicon, data: dict[str, Any]) -> None:
        self.alone_insult = lexicon.compile(
            r"^\W*(?:you\s+)?(?:{intensifier}\s+){0,2}{insult-noun}[\W\d]*$"
        )
        self.group = lexicon.compile(r"\b{group}\b")
        sentiment = data.get("sentiment") or {}
        self.threshold = float(sentiment.get("threshold", -0.35))
        self.apology = re.compile(sentiment.get("apology", r"\bsorry\b"), re.IGNORECASE)
        staff = "|".join(sentiment.get("staff-targets") or ())
        self.staff = re.compile(rf"\b(?:{staff})\b", re.IGNORECASE) if staff else None
        raw = (data.get("exceptions") or {}).get("SM206")
        self.explicit_exception = re.compile(raw, re.IGNORECASE) if raw else None
        self.we_subject = re.compile(r"^\W*(?:we|we're|we’re|we've|our)\b", re.IGNORECASE)


def _extras(resources: Resources) -> _Extras:
    from smlint.ruledata.files import load_yaml

    return _Extras(resources.get(_lexicon), load_yaml("lexicons/language.yaml"))


def _vader(_resources: Resources) -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def _agency_re(resources: Resources) -> re.Pattern[str] | None:
    """The agency's name and aliases; an alias starting with "the" must match its case."""
    agency = resources.settings.agency
    names = [n for n in (agency.name, *agency.aliases) if n.strip()]
    if not names:
        return None
    alts = []
    for name in sorted(set(names), key=len, reverse=True):
        rx = r"\s+".join(re.escape(p) for p in name.split())
        alts.append(rx if name.lower().startswith("the ") else f"(?i:{rx})")
    return re.compile(rf"(?<!\w)(?:{'|'.join(alts)})(?!\w)")


def sentiment(analysis: Analysis, sentence: str) -> float:
    """vaderSentiment's compound score of a sentence (offline, ~40 µs)."""
    return round(analysis.resources.get(_vader).polarity_scores(sentence)["compound"], 3)


def profanity_view(analysis: Analysis) -> tuple[list[ProfanityMatch], list[ProfanityMatch]]:
    """(profanity, slurs) of the post, shared by SM201, SM204 and SM205."""
    policy = analysis.resources.get(build_policy)
    return analysis.memo("profanity", lambda: classify(policy, analysis.text))


def check_profanity(analysis: Analysis) -> Iterator[Hit]:
    package = analysis.resources.get(build_policy).matcher.package
    for m in profanity_view(analysis)[0]:
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


def _scan(analysis: Analysis, code: str) -> Iterator[Hit]:
    lexicon = analysis.resources.get(_lexicon)
    for name, m in lexicon.scan(code, analysis.text):
        start, end = m.span()
        while start < end and analysis.text[start] in " \t":
            start += 1
        while end > start and analysis.text[end - 1] in " ,;:":
            end -= 1
        yield Hit(code=code, start=start, end=end, detail={"pattern": name})


def check_insults(analysis: Analysis) -> Iterator[Hit]:
    hits = list(_scan(analysis, "SM202"))
    extras = analysis.resources.get(_extras)
    text = analysis.text
    for s, e in sentences(analysis):
        if extras.alone_insult.match(text[s:e]) and not any(
            h.start < e and s < h.end for h in hits
        ):
            hits.append(Hit(code="SM202", start=s, end=e, detail={"pattern": "insult-alone"}))
    yield from hits


def discriminatory_hits(analysis: Analysis) -> list[Hit]:
    """SM204 hits (slurs and demeaning statements); politics uses them to drop SM304."""

    def compute() -> list[Hit]:
        text = analysis.text
        extras = analysis.resources.get(_extras)
        hits = [
            Hit(code="SM204", start=m.start, end=m.end, detail={"term": m.term, "pattern": "slur"})
            for m in profanity_view(analysis)[1]
        ]
        found = []
        for hit in _scan(analysis, "SM204"):
            if (
                hit.detail.get("pattern") == "they-demeaned"
                and not re.match(r"th[eo]se people", text[hit.start : hit.end], re.IGNORECASE)
                and not extras.group.search(text, 0, hit.start)
            ):
                continue  # "they" must refer back to a group named earlier
            found.append((*sentence_of(sentences(analysis), hit.start), hit.detail))
        # Demeaning statements in consecutive sentences are one passage, one finding.
        for start, end, details in merge(found, text, r"\s*"):
            hits.append(Hit(code="SM204", start=start, end=end, detail=details[0]))
        return hits

    return analysis.memo("sm204", compute)


def check_agency_negative(analysis: Analysis) -> Iterator[Hit]:
    resources = analysis.resources
    agency = resources.get(_agency_re)
    extras = resources.get(_extras)
    text = analysis.text
    lexicon = resources.get(_lexicon)
    phrases = [(m.start(), m.end(), name) for name, m in lexicon.scan("SM205", text)]
    profane = profanity_view(analysis)[0]
    vader = None
    found: list[tuple[int, int, dict[str, Any]]] = []
    for s, e in sentences(analysis):
        sentence = text[s:e]
        target = agency.search(sentence) if agency is not None else None
        if target is None and extras.staff is not None:
            target = extras.staff.search(sentence)
        if target is None or extras.apology.search(sentence):
            continue
        if analysis.post.mode == "official" and extras.we_subject.search(sentence):
            continue  # the agency speaking about its own service
        detail: dict[str, Any] = {"target": target.group(0)}
        pattern = next((name for ps, pe, name in phrases if s <= ps and pe <= e), None)
        if pattern is not None:
            detail["pattern"] = pattern
        elif analysis.post.mode == "official":
            continue
        else:
            if vader is None:
                vader = resources.get(_vader)
            plain = sentence
            for m in reversed([m for m in profane if s <= m.start and m.end <= e]):
                plain = plain[: m.start - s] + m.term + plain[m.end - s :]
            score = vader.polarity_scores(plain)["compound"]
            if score > extras.threshold:
                continue
            detail["sentiment"] = round(score, 3)
        found.append((s, e, detail))
    for start, end, details in merge(found, text, r"\s*"):
        yield Hit(code="SM205", start=start, end=end, detail=details[0])


def check_explicit(analysis: Analysis) -> Iterator[Hit]:
    spans = sentences(analysis)
    found = []
    exception = analysis.resources.get(_extras).explicit_exception
    for hit in _scan(analysis, "SM206"):
        s, e = sentence_of(spans, hit.start)
        if exception is not None and exception.search(analysis.text, s, e):
            continue  # a crime report or court case, not explicit content
        found.append((hit.start, hit.end, (s, e, hit.detail)))
    # One finding per sentence, from its first to its last explicit phrase.
    by_sentence: dict[tuple[int, int], list[tuple[int, int, Any]]] = {}
    for start, end, (s, e, detail) in found:
        by_sentence.setdefault((s, e), []).append((start, end, detail))
    for items in by_sentence.values():
        start = min(i[0] for i in items)
        end = max(i[1] for i in items)
        yield Hit(code="SM206", start=start, end=end, detail=items[0][2])


def _run(analysis: Analysis, ctx: CheckContext) -> Iterator[Hit]:
    if ctx.wants("SM201"):
        yield from check_profanity(analysis)
    if ctx.wants("SM202"):
        yield from check_insults(analysis)
    if ctx.wants("SM203"):
        yield from _scan(analysis, "SM203")
    if ctx.wants("SM204"):
        yield from discriminatory_hits(analysis)
    if ctx.wants("SM205"):
        yield from check_agency_negative(analysis)
    if ctx.wants("SM206"):
        yield from check_explicit(analysis)


CHECK = Check(name="language", codes=CODES, run=_run)
