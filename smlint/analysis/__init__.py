"""One shared analysis per post: named views of the text, each computed at most once.

Checks never tokenise, split or search the post for shared things themselves; they read the
post's ``Analysis``: its folded text and pre-test candidates, sentences, links, hashtags,
mentions, sign-off, the agency's names, profanity, PII spans, quotations. Each view is a
``cached_property`` (or a method over one), built on first use, so a view no check needs
costs nothing; the spaCy document in particular is built only when a view needs it.

Heavy per-process resources (the spaCy pipeline, Presidio's engine, compiled matchers) live
in ``Resources`` and are built on first use, once per process.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from smlint.analysis.sentences import Sentences
from smlint.config import Settings
from smlint.models import Post
from smlint.pretest.requirements import Folded, fold

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from smlint.analysis.agency import AgencyNames
    from smlint.analysis.emails import Email
    from smlint.analysis.grammar import GrammarHit
    from smlint.analysis.hashtags import Hashtag
    from smlint.analysis.links import Link
    from smlint.analysis.profanity import ProfanityMatch, ProfanityPolicy
    from smlint.analysis.signoff import Signature
    from smlint.pretest.index import PretestIndex
    from smlint.ruledata.lexicons import Lexicon, RuleData

T = TypeVar("T")


class Resources:
    """Per-process, lazily built shared resources (pipelines, engines, matchers).

    ``get(factory)`` builds a resource once with ``factory(resources)`` and caches it, so a
    module owns its resource's construction without a global registry.
    """

    def __init__(self, settings: Settings, rules: RuleData | None = None) -> None:
        self.settings = settings
        self._rules = rules
        self._cache: dict[Callable[[Resources], Any], Any] = {}

    @property
    def rules(self) -> RuleData:
        """The validated rule data (catalog and lexicons), loaded on first use."""
        if self._rules is None:
            from smlint.ruledata.catalog import load_catalog
            from smlint.ruledata.lexicons import RuleData

            self._rules = RuleData.load(load_catalog())
        return self._rules

    def get(self, factory: Callable[[Resources], T]) -> T:
        try:
            return self._cache[factory]
        except KeyError:
            value = self._cache[factory] = factory(self)
            return value

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline chosen by ``--nlp-model``."""
        return self.get(_pipeline)

    @property
    def agency(self) -> AgencyNames:
        return self.get(_agency_names)

    @property
    def profanity(self) -> ProfanityPolicy:
        """The compiled better-profanity matcher with smlint's policy for its words."""
        return self.get(_profanity_policy)


def _pipeline(resources: Resources) -> Language:
    from smlint.analysis.nlp import load_pipeline

    return load_pipeline(resources.settings.nlp_model)


def _agency_names(resources: Resources) -> AgencyNames:
    from smlint.analysis.agency import AgencyNames

    return AgencyNames.of(resources.settings.agency)


def _profanity_policy(_resources: Resources) -> ProfanityPolicy:
    from smlint.analysis.profanity import profanity_policy

    return profanity_policy()


def _sentiment(_resources: Resources) -> Any:
    from smlint.analysis.sentiment import Sentiment

    return Sentiment()


class Analysis:
    """Everything checks share about one post. Each view is computed at most once.

    ``wanted`` is the set of codes reported for this post (views such as ``pii`` look only
    for those); ``pretest`` is the linter's index of what each pattern needs.
    """

    def __init__(
        self,
        post: Post,
        resources: Resources,
        *,
        wanted: frozenset[str] | None = None,
        pretest: PretestIndex[Hashable] | None = None,
    ) -> None:
        self.post = post
        self.text = post.text
        self.resources = resources
        self.wanted = wanted
        self._pretest = pretest
        self._views: dict[tuple[str, str], list[tuple[int, int, str]]] = {}

    @property
    def settings(self) -> Settings:
        return self.resources.settings

    # --- pre-tests ---------------------------------------------------------------------------

    @cached_property
    def folded(self) -> Folded:
        """The text as the pre-tests spell it (``smlint.pretest.requirements.fold``)."""
        return fold(self.text)

    @cached_property
    def candidates(self) -> frozenset[Hashable]:
        """Keys of the linter's pre-test index whose patterns may match this post."""
        if self._pretest is None:
            return frozenset()
        return self._pretest.candidates(self.folded)

    @cached_property
    def _groups(self) -> dict[Hashable, set[Hashable]]:
        """Candidate keys ``(group, rest...)`` by group: the second element of each."""
        groups: dict[Hashable, set[Hashable]] = {}
        for key in self.candidates:
            if isinstance(key, tuple) and len(key) >= 2:
                groups.setdefault(key[0], set()).add(key[1])
        return groups

    def any_candidate(self, group: str) -> bool:
        """Whether any pattern of a key group ("pii": keys ``("pii", ...)``) may match."""
        return self._pretest is None or group in self._groups

    def candidate_names(self, group: str) -> set[Hashable] | None:
        """The second elements of the candidate keys of ``group`` (for a lexicon, the names
        of a code's patterns that may match); None when there is no pre-test."""
        if self._pretest is None:
            return None
        return self._groups.get(group, set())

    def may_match(self, key: Hashable) -> bool:
        """False only when the pattern registered as ``key`` cannot match this post."""
        pretest = self._pretest
        return pretest is None or key not in pretest.keys or key in self.candidates

    # --- text structure ----------------------------------------------------------------------

    @cached_property
    def doc(self) -> Doc:
        """The spaCy doc of the linted text (same offsets as the source), in linear time."""
        from smlint.analysis.nlp import parse

        return parse(self.resources.nlp, self.text)

    @cached_property
    def sentences(self) -> Sentences:
        """The post's sentences (spaCy's boundaries, also split at line breaks)."""
        return Sentences.of_doc(self.doc, self.text)

    @cached_property
    def body_span(self) -> tuple[int, int]:
        """Where the post's linted text starts and ends, blanks left out (an empty span for a
        blank post). Findings about the whole post (length, no official link) cover it."""
        text = self.text
        start = len(text) - len(text.lstrip())
        return start, max(start, len(text.rstrip()))

    def quoted(self, offset: int) -> bool:
        """Whether ``offset`` is inside someone else's words (``smlint.analysis.quotes``)."""
        from smlint.analysis.quotes import quoted

        return quoted(self.text, offset)

    @cached_property
    def hashtags(self) -> tuple[Hashtag, ...]:
        from smlint.analysis.hashtags import find_hashtags

        return find_hashtags(self.text)

    @cached_property
    def emails(self) -> tuple[Email, ...]:
        from smlint.analysis.emails import find_emails

        return find_emails(self.text)

    @cached_property
    def links(self) -> tuple[Link, ...]:
        """The post's links, classified against the agency's domains (built-in shorteners)."""
        from smlint.analysis.links import extract_links

        return extract_links(self.text, self.settings.agency)

    @cached_property
    def signoff(self) -> Signature | None:
        """The author's sign-off, if the post has one."""
        from smlint.analysis.signoff import parse_signature

        return parse_signature(self.text, self.settings.agency.titles, self.resources.agency.names)

    # --- judgements shared by several checks ---------------------------------------------------

    @cached_property
    def profanity(self) -> tuple[list[ProfanityMatch], list[ProfanityMatch]]:
        """(profanity, slurs) of the post: SM201 reports the first, SM204 the second."""
        from smlint.analysis.profanity import classify

        return classify(self.resources.profanity, self.text, self.hashtags)

    def grammar(self, lexicon: Lexicon, code: str, *, hashtags: bool = False) -> list[GrammarHit]:
        """The matches of the lexicon's grammar for ``code`` (``smlint.analysis.grammar``)."""
        from smlint.analysis.grammar import match_grammar

        grammar = lexicon.grammars.get(code)
        if grammar is None:
            return []
        names = self.candidate_names(code)
        tags = self.hashtags if hashtags else ()
        sentence_forms = names is None or not grammar.form_keys.isdisjoint(names)
        if not tags and not sentence_forms:
            return []  # no form can match
        return match_grammar(
            grammar,
            # the prose (links found and blanked) only where a form may match a sentence;
            # hashtags' words are read on their own
            self.prose if sentence_forms else self.text,
            lambda: self.sentences,
            names,
            tags,
            lambda view: self.view(lexicon, view),
            None if self._pretest is None else lambda: self._tag_forms(code),
        )

    def _tag_forms(self, code: str) -> set[str]:
        """The names of the code's grammar forms the post's hashtags may match (their
        pre-tests with spaces left out, ``(code, "tag:" + form)``, met by the post)."""
        return {n[4:] for n in self.candidate_names(code) if isinstance(n, str) and n[:4] == "tag:"}

    @cached_property
    def prose(self) -> str:
        """The text with each link blanked (same length, same offsets): what grammars read."""
        text = self.text
        if not self.links:
            return text
        pieces, last = [], 0
        for link in self.links:
            pieces += [text[last : link.start], " " * (link.end - link.start)]
            last = link.end
        return "".join(pieces) + text[last:]

    def view(self, lexicon: Lexicon, name: str) -> list[tuple[int, int, str]]:
        """The spans of a named analysis view (``smlint.analysis.names``) as read with the
        lexicon's word lists: (start, end, how it was found)."""
        key = (lexicon.name, name)
        found = self._views.get(key)
        if found is None:
            from smlint.analysis.names import person_entities

            doc = self.__dict__.get("doc")  # entities only if the document is built already
            ents = person_entities(doc) if doc is not None else ()
            found = self._views[key] = lexicon.person_names.spans(self.prose, ents)
        return found

    def scan(
        self, lexicon: Lexicon, code: str, *, text: str | None = None, overlapping: bool = False
    ) -> Iterator[tuple[str, re.Match[str]]]:
        """The matches of a lexicon's patterns for ``code`` in the post (``text``: a copy of
        the same length), only of the patterns its pre-test says may match."""
        return lexicon.scan(
            code,
            self.text if text is None else text,
            self.candidate_names(code),
            overlapping=overlapping,
        )

    def sentiment(self, text: str) -> float:
        """vaderSentiment's compound score of ``text`` (a sentence of the post)."""
        return self.resources.get(_sentiment).compound(text)
