"""One shared analysis per post: the spaCy doc and other derived views, built lazily.

Checks never tokenise text themselves; they ask the post's ``Analysis``. Heavy, per-process
resources (the spaCy pipeline, Presidio's engine, compiled matchers) live in ``Resources``
and are built on first use, once per process.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from smlint.config import Settings
from smlint.models import Post

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

T = TypeVar("T")


class Resources:
    """Per-process, lazily built shared resources (pipelines, engines, matchers).

    ``get(factory)`` builds a resource once with ``factory(resources)`` and caches it, so a
    family module owns its resource's construction without a global registry.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._cache: dict[Callable[[Resources], Any], Any] = {}

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


def _pipeline(resources: Resources) -> Language:
    from smlint.analysis.nlp import load_pipeline

    return load_pipeline(resources.settings.nlp_model)


class Analysis:
    """Everything checks share about one post. Each view is computed at most once."""

    def __init__(self, post: Post, resources: Resources) -> None:
        self.post = post
        self.text = post.text
        self.resources = resources
        self._memo: dict[str, Any] = {}

    @property
    def settings(self) -> Settings:
        return self.resources.settings

    @cached_property
    def doc(self) -> Doc:
        """The spaCy doc of the linted text (same offsets as the source)."""
        return self.resources.nlp(self.text)

    @cached_property
    def body_span(self) -> tuple[int, int]:
        """Where the post's linted text starts and ends, blanks left out (an empty span for a
        blank post). Findings about the whole post (length, no official link) cover it."""
        text = self.text
        start = len(text) - len(text.lstrip())
        return start, max(start, len(text.rstrip()))

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """A per-post result shared by several checks (e.g. PII spans), computed once."""
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = compute()
            return value
