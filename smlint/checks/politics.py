"""SM301, SM302, SM304: partisan politics, ballot measures, sensitive topics as opinion.
(Lobbying SM303 and personal opinion SM305 are phrase rules: catalog data.)

Phrase patterns come from ``rules/lexicons/politics.yaml``. Context decides the rest: a "vote
for" needs a candidate and an office or election, not a photo contest; a measure vote needs a
measure; a sensitive topic is a finding only in a sentence that also carries an opinion. The
catalog's precedence does the rest: SM302 yields to lobbying, SM304 to a slur (SM204).
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterator, Mapping
from typing import Any

from smlint.analysis import Analysis, Resources
from smlint.analysis.sentences import merge
from smlint.checks.base import Check, CheckContext
from smlint.models import Hit
from smlint.order import longest_first
from smlint.pretest.index import Requirement, Requirements
from smlint.pretest.requirements import fold
from smlint.ruledata.lexicons import Lexicon

# A sensitive-topic finding needs a topic term and an opinion in the post.
TOPIC_KEY = ("SM304", "topic-and-opinion")


class _Politics:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.opinion = lexicon.compile(r"{opinion-marker}")
        self.normative = lexicon.compile(r"{normative}")
        self.measure = lexicon.compile(r"\b{measure-mention}\b")
        self.bill = lexicon.compile(r"\b{bill-number}\b", flags=0)
        self.election_context = lexicon.compile(r"\b{election-context}\b")
        self.contest = lexicon.compile(r"\b{contest}\b")
        # A party named as such: capitalised (not "a republican form of government") and
        # not part of another name ("the Corydon Democrat"), "House Republicans" allowed.
        names = sorted(
            {
                t.upper()
                if len(t) <= 4 and t != "dems"
                else " ".join(w.capitalize() for w in t.split())
                for t in lexicon.terms.get("party", [])
            },
            key=longest_first,
        )
        self.party = re.compile(
            r"(?<![\w-])(?:(?:House|Senate|Congressional) )?(?:"
            + "|".join(re.escape(n) for n in names)
            + r")\b"
        )
        self.function_words = frozenset(lexicon.terms["function-word"])
        self.not_names = frozenset(w.lower() for w in lexicon.terms.get("not-name", ()))
        self.party_nouns = frozenset(lexicon.terms["party-noun"])
        raw = lexicon.data["party-sentiment"]
        self.sentiment_threshold = float(raw["threshold"])
        self.max_words = int(raw["max-words"])
        self.bipartisan = re.compile(raw["bipartisan"], re.IGNORECASE)
        self.topics: dict[str, str] = dict(lexicon.data["sensitive"]["topics"])
        # Where a topic term may be a spaCy token sequence of the post: a cheap superset of
        # the PhraseMatcher's matches over the folded text (any character other than an
        # ASCII letter or digit may end a token; words may also run together), so that
        # posts without one skip building a spaCy document.
        import ahocorasick

        self.topic_hint: Any = ahocorasick.Automaton()
        for key in self.topics.values():
            for term in lexicon.terms.get(key, []):
                words = fold(term).text.split()
                for variant in (" ".join(words), "".join(words)):
                    self.topic_hint.add_word(variant, len(variant))
        self.topic_hint.make_automaton()


def _politics(resources: Resources) -> _Politics:
    return _Politics(resources.rules.lexicon("politics"))


def pretests(resources: Resources, known: Requirements) -> Mapping[Hashable, Requirement]:
    pol = resources.get(_politics)
    terms = [t for key in pol.topics.values() for t in pol.lexicon.terms.get(key, [])]
    # Each piece of a term as a literal: spaCy's tokens match whatever separates them.
    topic = Requirement.any(
        Requirement.all(
            known.of(re.escape(piece), re.IGNORECASE) for piece in re.findall(r"\w+|[^\w\s]", term)
        )
        for term in terms
    )
    opinion = Requirement.any(known.of(p.pattern, p.flags) for p in (pol.opinion, pol.normative))
    return {TOPIC_KEY: Requirement.all([topic, opinion])}


def _topic_matcher(resources: Resources) -> Any:
    """A spaCy PhraseMatcher (lower-case) with one key per sensitive topic."""
    from spacy.matcher import PhraseMatcher

    nlp = resources.nlp
    pol = resources.get(_politics)
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for name, key in pol.topics.items():
        matcher.add(name, [nlp.make_doc(term) for term in pol.lexicon.terms.get(key, [])])
    return matcher


def _topic_hint(pol: _Politics, analysis: Analysis) -> bool:
    """A topic term in the folded text that neither starts nor ends inside a run of ASCII
    letters and digits."""
    text = analysis.folded.text
    for end, length in pol.topic_hint.iter(text):
        start = end - length + 1
        before, after = text[start - 1], text[end + 1 : end + 2]  # folded text has spaces
        if not (before.isascii() and before.isalnum()) and not (
            after.isascii() and after.isalnum()
        ):
            return True
    return False


def topic_mentions(analysis: Analysis) -> list[tuple[int, int, str]]:
    """(start, end, topic) of every sensitive-topic term in the post's spaCy doc."""
    doc = analysis.doc
    matcher = analysis.resources.get(_topic_matcher)
    vocab = doc.vocab.strings
    return sorted(
        (doc[s:e].start_char, doc[s:e].end_char, vocab[key]) for key, s, e in matcher(doc)
    )


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " ,;:!.-":
        end -= 1
    return start, end


def check_partisan(analysis: Analysis, _ctx: CheckContext) -> Iterator[Hit]:
    pol = analysis.resources.get(_politics)
    text = analysis.text
    found: list[tuple[int, int]] = []
    for name, m in analysis.scan(pol.lexicon, "SM301"):
        s, e = _trim(text, *m.span())
        if name in ("vote-for-candidate", "vote-for-office") and pol.contest.search(text):
            continue  # a contest vote ("vote for your favorite"), not an election
        if (
            name == "re-elect"
            and m.group(0).lower().startswith("elect")
            and not pol.election_context.search(text)
        ):
            continue
        if name == "name-for-office" and m.group(0).split()[0].lower() in pol.not_names:
            continue  # "Primary Election for State House": an election's name, not a slogan
        found.append((s, e))
        yield Hit(code="SM301", start=s, end=e, detail={"pattern": name})
    yield from _grammar_hits(analysis, pol, "SM301", found)
    yield from _party_sentiment(analysis, pol, found)


def _grammar_hits(
    analysis: Analysis, pol: _Politics, code: str, found: list[tuple[int, int]]
) -> Iterator[Hit]:
    """The code's grammar matches (sentences and hashtags' words) not already reported by a
    pattern and not inside someone else's quoted words."""
    text = analysis.text
    for hit in analysis.grammar(pol.lexicon, code, hashtags=True):
        s, e = _trim(text, hit.start, hit.end)
        if any(a < e and s < b for a, b in found) or analysis.quoted(s):
            continue
        found.append((s, e))
        yield Hit(code=code, start=s, end=e, detail=dict(hit.detail))


def _as_party(pol: _Politics, sentence: str, match: re.Match[str]) -> bool:
    """Not part of another name ("the Corydon Democrat", "Kagan Republican Lecture")."""
    prev = re.search(r"([A-Za-z]+)[^\w.!?]*$", sentence[: match.start()])
    after = re.match(r"\s+([A-Z][a-z]+)", sentence[match.end() :])
    if after and after.group(1) not in pol.party_nouns:
        return False  # "Republican River Water District"
    return (
        prev is None
        or not prev.group(1)[0].isupper()
        or prev.group(1).lower() in pol.function_words
    )


def _party_sentiment(
    analysis: Analysis, pol: _Politics, found: list[tuple[int, int]]
) -> Iterator[Hit]:
    """A sentence that names one party and praises or attacks it (vaderSentiment)."""
    text = analysis.text
    if pol.party.search(text) is None:
        return
    for s, e in analysis.sentences:
        if any(a < e and s < b for a, b in found):
            continue  # a pattern already reported this sentence
        sentence = text[s:e]
        party = next((m for m in pol.party.finditer(sentence) if _as_party(pol, sentence, m)), None)
        if party is None or pol.bipartisan.search(sentence):
            continue
        if len(sentence.split()) > pol.max_words:
            continue  # a long sentence's score says little about the party
        score = round(analysis.sentiment(sentence), 3)
        if abs(score) < pol.sentiment_threshold:
            continue
        yield Hit(
            code="SM301",
            start=s,
            end=e,
            detail={"pattern": "party-sentiment", "party": party.group(0), "sentiment": score},
        )


def check_measures(analysis: Analysis, _ctx: CheckContext) -> Iterator[Hit]:
    pol = analysis.resources.get(_politics)
    text = analysis.text
    has_measure = pol.measure.search(text) is not None
    found: list[tuple[int, int]] = []
    for name, m in analysis.scan(pol.lexicon, "SM302"):
        s, e = _trim(text, *m.span())
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
        found.append((s, e))
        yield Hit(code="SM302", start=s, end=e, detail={"pattern": name})
    for hit in _grammar_hits(analysis, pol, "SM302", found):
        if not pol.bill.search(text, hit.start, hit.end):
            yield hit


def check_sensitive(analysis: Analysis, ctx: CheckContext) -> Iterator[Hit]:
    if not analysis.may_match(TOPIC_KEY):
        return
    pol = analysis.resources.get(_politics)
    text = analysis.text
    if not _topic_hint(pol, analysis):
        return
    mentions = topic_mentions(analysis)
    if not mentions:
        return
    found: list[tuple[int, int, dict[str, str]]] = []
    for s, e in analysis.sentences:
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
        if ctx.yields("SM304", s, e):
            continue  # a slur in this sentence says more (the catalog's precedence)
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


CHECK = Check.per_code(
    "politics",
    {"SM301": check_partisan, "SM302": check_measures, "SM304": check_sensitive},
    pretests=pretests,
)
