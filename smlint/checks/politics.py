"""SM3xx: partisan politics, ballot measures, lobbying, sensitive topics as opinion, and
personal opinion in the agency's voice.

Phrase patterns come from ``rules/lexicons/politics.yaml`` (one scan per code). Context
decides the rest: a "vote for" needs a candidate and an office or election, not a photo
contest; a measure vote needs a measure; a sensitive topic is a finding only in a sentence
that also carries an opinion, and not where SM204 already fired; SM305 skips quotations.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from smlint.analysis import Analysis, Resources
from smlint.checks.base import Check, CheckContext
from smlint.checks.language import discriminatory_hits
from smlint.models import Hit
from smlint.ruledata.files import load_yaml
from smlint.ruledata.lexicons import Lexicon, load_lexicon, merge, sentence_of, sentences

CODES = frozenset({"SM301", "SM302", "SM303", "SM304", "SM305"})
TOPICS = {
    "race": "topic-race",
    "ethnicity": "topic-ethnicity",
    "religion": "topic-religion",
    "gender": "topic-gender",
    "age": "topic-age",
    "sexual orientation": "topic-orientation",
    "disability": "topic-disability",
}
QUOTES = '"“”'


class _Politics:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.opinion = lexicon.compile(r"{opinion-marker}")
        self.normative = lexicon.compile(r"{normative}")
        self.measure = lexicon.compile(
            r"\b(?:referend\w*|ballot (?:measure|question|issue)s?"
            r"|proposition|prop \d+|measure [A-Z0-9]+)\b"
        )
        self.bill = re.compile(r"\b(?:[ASHL][BFRJ]|SJR|AJR|HJR)\s?\d+\b")
        # A party named as such: capitalised (not "a republican form of government") and
        # not part of another name ("the Corydon Democrat"), "House Republicans" allowed.
        names = sorted(
            {
                t.upper()
                if len(t) <= 4 and t != "dems"
                else " ".join(w.capitalize() for w in t.split())
                for t in lexicon.terms.get("party", [])
            },
            key=len,
            reverse=True,
        )
        self.party = re.compile(
            r"(?<![\w-])(?:(?:House|Senate|Congressional) )?(?:"
            + "|".join(re.escape(n) for n in names)
            + r")\b"
        )
        raw = load_yaml("lexicons/politics.yaml").get("party-sentiment") or {}
        self.sentiment_threshold = float(raw.get("threshold", 0.5))
        self.max_words = int(raw.get("max-words", 30))
        self.bipartisan = re.compile(raw.get("bipartisan", r"\bbipartisan\b"), re.IGNORECASE)
        self.contest = re.compile(
            r"\b(?:contest|finalists?|photo|favou?rite|name[- ]a[- ]|naming|entries|entry|"
            r"poll|survey|costume|chili|cook-?off|bake-?off|talent|art show)\b",
            re.IGNORECASE,
        )


def _politics(_resources: Resources) -> _Politics:
    return _Politics(load_lexicon("politics"))


def _topic_matcher(resources: Resources) -> Any:
    """A spaCy PhraseMatcher (lower-case) with one key per sensitive topic."""
    from spacy.matcher import PhraseMatcher

    nlp = resources.nlp
    lexicon = resources.get(_politics).lexicon
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for name, key in TOPICS.items():
        matcher.add(name, [nlp.make_doc(term) for term in lexicon.terms.get(key, [])])
    return matcher


def topic_mentions(analysis: Analysis) -> list[tuple[int, int, str]]:
    """(start, end, topic) of every sensitive-topic term in the post's spaCy doc."""

    def compute() -> list[tuple[int, int, str]]:
        doc = analysis.doc
        matcher = analysis.resources.get(_topic_matcher)
        vocab = doc.vocab.strings
        return sorted(
            (doc[s:e].start_char, doc[s:e].end_char, vocab[key]) for key, s, e in matcher(doc)
        )

    return analysis.memo("sensitive-topics", compute)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " ,;:!.-":
        end -= 1
    return start, end


SAID_AFTER = re.compile(
    r"[,—–]\s*(?:(?:he|she|they)\s+)?(?:said|says|writes|wrote|explains|adds)\b"
)
SPEAKER = re.compile(r"(?:^|[\s(])(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*:\s*[\"“']?$")


def _quoted(text: str, start: int) -> bool:
    """Someone else's words: inside quotation marks, or after "Name:" on the same line."""
    para_start = text.rfind("\n\n", 0, start) + 1
    before = text[para_start:start]
    if sum(before.count(q) for q in QUOTES) % 2 == 1:
        return True
    line = text[text.rfind("\n", 0, start) + 1 : start]
    if SPEAKER.search(line) is not None:
        return True
    rest = re.split(r"[.!?\n]", text[start : start + 120], maxsplit=1)[0]
    return SAID_AFTER.search(rest) is not None


def check_partisan(analysis: Analysis, pol: _Politics) -> Iterator[Hit]:
    text = analysis.text
    found: list[tuple[int, int]] = []
    for name, m in pol.lexicon.scan("SM301", text):
        s, e = _trim(text, *m.span())
        if name in ("vote-for-candidate", "vote-for-office") and pol.contest.search(text):
            continue  # a contest vote ("vote for your favorite"), not an election
        if (
            name == "re-elect"
            and m.group(0).lower().startswith("elect")
            and not re.search(
                r"\b(?:november|election|ballot|campaign|office|council|senate|house|mayor|"
                r"governor|board|sheriff|judge)\b",
                text,
                re.IGNORECASE,
            )
        ):
            continue
        found.append((s, e))
        yield Hit(code="SM301", start=s, end=e, detail={"pattern": name})
    yield from _party_sentiment(analysis, pol, found)


FUNCTION_WORDS = frozenset(
    {"the", "a", "an", "and", "but", "or", "our", "why", "how", "when", "if", "all", "many"}
    | {"some", "these", "those", "even", "only", "so", "today", "now", "new"}
)


def _as_party(sentence: str, match: re.Match[str]) -> bool:
    """Not part of another name ("the Corydon Democrat", "Kagan Republican Lecture")."""
    prev = re.search(r"([A-Za-z]+)[^\w.!?]*$", sentence[: match.start()])
    after = re.match(r"\s+([A-Z][a-z]+)", sentence[match.end() :])
    if after and after.group(1) not in ("Party", "Leaders", "Leadership", "Majority", "Caucus"):
        return False  # "Republican River Water District"
    return prev is None or not prev.group(1)[0].isupper() or prev.group(1).lower() in FUNCTION_WORDS


def _party_sentiment(
    analysis: Analysis, pol: _Politics, found: list[tuple[int, int]]
) -> Iterator[Hit]:
    """A sentence that names one party and praises or attacks it (vaderSentiment)."""
    text = analysis.text
    if pol.party.search(text) is None:
        return
    from smlint.checks.language import sentiment

    for s, e in sentences(analysis):
        if any(a < e and s < b for a, b in found):
            continue  # a pattern already reported this sentence
        sentence = text[s:e]
        party = next((m for m in pol.party.finditer(sentence) if _as_party(sentence, m)), None)
        if party is None or pol.bipartisan.search(sentence):
            continue
        if len(sentence.split()) > pol.max_words:
            continue  # a long sentence's score says little about the party
        score = sentiment(analysis, sentence)
        if abs(score) < pol.sentiment_threshold:
            continue
        yield Hit(
            code="SM301",
            start=s,
            end=e,
            detail={"pattern": "party-sentiment", "party": party.group(0), "sentiment": score},
        )


def check_measures(analysis: Analysis, pol: _Politics, lobbying: list[Hit]) -> Iterator[Hit]:
    text = analysis.text
    has_measure = pol.measure.search(text) is not None
    for name, m in pol.lexicon.scan("SM302", text):
        s, e = _trim(text, *m.span())
        if any(h.start < e and s < h.end for h in lobbying):
            continue  # "tell them to vote yes on SB 218" is lobbying
        if pol.bill.search(text, s, e):
            continue  # a bill is legislation, not a ballot measure
        if name == "vote-yes-to" and not has_measure:
            continue
        if (
            name == "vote-measure"
            and re.search(r"\bquestion\b", m.group(0), re.I)
            and not (has_measure)
        ):
            continue
        yield Hit(code="SM302", start=s, end=e, detail={"pattern": name})


def lobbying_hits(analysis: Analysis, pol: _Politics) -> list[Hit]:
    text = analysis.text
    found = []
    for name, m in pol.lexicon.scan("SM303", text):
        s, e = _trim(text, *m.span())
        found.append((s, e, name))
    return [
        Hit(code="SM303", start=s, end=e, detail={"pattern": names[0]})
        for s, e, names in merge(found, text)
    ]


def check_sensitive(analysis: Analysis, pol: _Politics) -> Iterator[Hit]:
    text = analysis.text
    spans = sentences(analysis)
    slurred = [sentence_of(spans, h.start) for h in discriminatory_hits(analysis)]
    mentions = topic_mentions(analysis)
    if not mentions:
        return
    found: list[tuple[int, int, dict[str, str]]] = []
    for s, e in spans:
        sentence = text[s:e]
        marker = pol.opinion.search(sentence) or pol.normative.search(sentence)
        if marker is None:
            continue
        named: dict[str, str] = {}
        for ts, te, topic in mentions:
            if s <= ts and te <= e:
                named.setdefault(topic, text[ts:te])
        if not named:
            continue
        if any(a < e and s < b for a, b in slurred):
            continue  # SM204 fired in this sentence: the slur says more (RULES.md)
        detail = {
            "topic": ", ".join(named),
            "term": next(iter(named.values())),
            "opinion": marker.group(0),
        }
        found.append((s, e, detail))
    # An opinion argued over consecutive sentences is one finding.
    for start, end, details in merge(found, text, r"\s*"):
        topics = sorted({t for d in details for t in d["topic"].split(", ")})
        yield Hit(
            code="SM304",
            start=start,
            end=end,
            message=f"Sensitive topic ({', '.join(topics)}) as opinion",
            detail={**details[0], "topic": ", ".join(topics)},
        )


def check_opinion(analysis: Analysis, pol: _Politics) -> Iterator[Hit]:
    text = analysis.text
    for name, m in pol.lexicon.scan("SM305", text):
        s, e = _trim(text, *m.span())
        if _quoted(text, s):
            continue  # a quotation attributed to someone else
        yield Hit(code="SM305", start=s, end=e, detail={"pattern": name})


def _run(analysis: Analysis, ctx: CheckContext) -> Iterator[Hit]:
    pol = analysis.resources.get(_politics)
    lobbying: list[Hit] = []
    if ctx.wants("SM302", "SM303"):
        lobbying = lobbying_hits(analysis, pol)
    if ctx.wants("SM301"):
        yield from check_partisan(analysis, pol)
    if ctx.wants("SM302"):
        yield from check_measures(analysis, pol, lobbying)
    if ctx.wants("SM303"):
        yield from lobbying
    if ctx.wants("SM304"):
        yield from check_sensitive(analysis, pol)
    if ctx.wants("SM305"):
        yield from check_opinion(analysis, pol)


CHECK = Check(name="politics", codes=CODES, run=_run)
