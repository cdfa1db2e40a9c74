"""Matching a lexicon grammar (``smlint.ruledata.lexicons.Grammar``) against a post.

A form matches in a sentence when its parts occur there in order, each starting at most the
form's gap after the end of the one before; a sentence where an ``unless`` part occurs gives
no match. Forms are also tried on each hashtag's words ("#RecallNewsom" as "recall newsom"),
where a match covers the hashtag. A form whose parts the post cannot all hold (its pre-test)
is not tried, so a post with none costs nothing and builds no spaCy document.

A part's alternative may be an analysis view instead of a regex (``{view: person-names}``,
``smlint.analysis.names``): its spans come from ``views`` (not tried on hashtags' words). A
form may also name ``context`` parts that must occur anywhere in the sentence, and its own
``unless`` parts. Grammars read the post's prose: its text with links blanked
(``Analysis.prose``), so a URL's words are no act or target.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from smlint.analysis.hashtags import Hashtag, hashtag_words

if TYPE_CHECKING:
    from smlint.ruledata.lexicons import Form, Grammar


@dataclass(frozen=True)
class GrammarHit:
    """A form's match: its span and, for the explanation, which alternative of each part
    fired (``{"pattern": form, "act": "vote-for", "target": "full-name"}``)."""

    start: int
    end: int
    detail: dict[str, str] = field(default_factory=dict)

    @property
    def form(self) -> str:
        return self.detail["pattern"]


Span = tuple[int, int, str]  # start, end, alternative name
Views = Callable[[str], Iterable[Span]]  # view name -> its spans over the whole text


def _part_matches(
    grammar: Grammar, part: str, text: str, start: int, end: int, views: Views | None
) -> list[Span]:
    scanner = grammar.part(part)
    found: list[Span] = []
    if scanner.names and scanner.regex.search(text, start, end) is not None:  # mostly None
        indices = tuple(range(len(scanner.names)))
        found = [(m.start(), m.end(), n) for n, m in scanner.finditer(text, start, end, indices)]
    if views is not None:
        for alt, view in grammar.views.get(part, ()):
            found += [(s, e, f"{alt}:{kind}") for s, e, kind in views(view) if start <= s < end]
        found.sort()
    return found


def _chains(form: Form, matches: dict[str, list[Span]]) -> Iterator[list[Span]]:
    """Each way the form's parts follow one another within its gap, the first part taken
    at each of its matches and every later part at its nearest match."""
    first, *rest = form.parts
    for head in matches[first]:
        chain = [head]
        for part in rest:
            after = chain[-1][1]
            nxt = next(
                (m for m in matches[part] if m[0] >= after and m[0] - after <= form.gap), None
            )
            if nxt is None:
                break
            chain.append(nxt)
        else:
            yield chain


def match_unit(
    grammar: Grammar,
    forms: Iterable[Form],
    text: str,
    start: int,
    end: int,
    views: Views | None = None,
) -> list[GrammarHit]:
    """The forms' matches in ``text[start:end]`` (one sentence, or one hashtag's words);
    ``views`` gives the spans of view alternatives (None: they match nothing)."""
    forms = list(forms)
    if not forms:
        return []
    cache: dict[str, list[Span]] = {}

    def matches(part: str) -> list[Span]:
        if part not in cache:
            cache[part] = _part_matches(grammar, part, text, start, end, views)
        return cache[part]

    if any(matches(part) for part in grammar.unless):
        return []
    hits = []
    for form in forms:
        if not all(matches(part) for part in (*form.parts, *form.context)):
            continue
        if any(matches(part) for part in form.unless):
            continue
        found = {part: matches(part) for part in form.parts}
        for chain in _chains(form, found):
            detail = {"pattern": form.name}
            detail.update({part: alt for part, (_, _, alt) in zip(form.parts, chain, strict=True)})
            for part in form.context:
                detail[part] = matches(part)[0][2]
            hits.append(GrammarHit(chain[0][0], chain[-1][1], detail))
    return hits


_ABBREVIATION_END = re.compile(r"(?<![\w.])[A-Za-z]{1,5}\.\s*$")
_NUMBER_START = re.compile(r"\s*#?\d")


def sentence_units(text: str, sentences: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The sentences, a break after a short abbreviation before a number joined ("Prop. 5",
    "No. 3", "Sec. 2": a number does not start a sentence after one)."""
    pending: tuple[int, int] | None = None
    for s, e in sentences:
        if pending is not None:
            ps, pe = pending
            if _ABBREVIATION_END.search(text, ps, pe) and _NUMBER_START.match(text, s, e):
                pending = (ps, e)
                continue
            yield pending
        pending = (s, e)
    if pending is not None:
        yield pending


Needs = Callable[[], Collection[str]]  # the names of the forms hashtags may match


def match_grammar(
    grammar: Grammar,
    text: str,
    sentences: Callable[[], Iterable[tuple[int, int]]],
    names: Collection[Hashable] | None,
    hashtags: Iterable[Hashtag] = (),
    views: Views | None = None,
    needs: Needs | None = None,
) -> list[GrammarHit]:
    """The grammar's matches in a post's sentences (built only if a form may match: ``names``
    are the post's pre-test candidates for the code, None for all) and hashtags' words
    (split only when ``needs``, the forms the post's hashtags may match, is not empty)."""
    forms = [f for f in grammar.forms if names is None or f"form:{f.name}" in names]
    if forms:
        # Each part must match somewhere in the post before its sentences are built (a
        # regex search costs far less than a spaCy document).
        present: dict[str, bool] = {}
        lowered = text.lower()

        def anywhere(part: str) -> bool:
            if part not in present:
                patterns = grammar.part(part)
                present[part] = part in grammar.views or bool(
                    patterns.names and patterns.occurs(text, lowered)
                )
            return present[part]

        forms = [f for f in forms if all(anywhere(p) for p in (*f.parts, *f.context))]
    hits: list[GrammarHit] = []
    if forms:
        for s, e in sentence_units(text, sentences()):
            hits.extend(match_unit(grammar, forms, text, s, e, views))
    tag_forms = [f for f in grammar.forms if f.hashtags]
    if hashtags and needs is not None:
        possible = needs()
        tag_forms = [f for f in tag_forms if f.name in possible]
        if not tag_forms:
            return hits  # no form can match the hashtags' words: do not split them
    for tag in hashtags:
        words = hashtag_words(tag)
        if len(words) < 2:
            continue
        unit = " ".join(words)
        for hit in match_unit(grammar, tag_forms, unit, 0, len(unit)):
            hits.append(GrammarHit(tag.start, tag.end, {**hit.detail, "hashtag": "words"}))
    return hits
