"""Splitting run-together words (#jobfair, /snowemergency) with wordsegment's web-corpus model."""

from __future__ import annotations

from functools import cache, lru_cache
from types import ModuleType

# A split is trusted only when every part is a word seen at least this often in the model's
# web corpus: splits of names and acronyms ("wioa" -> "wio" + "a") are rarer than that.
MIN_COUNT = 10_000


@cache
def _model() -> ModuleType:
    import wordsegment

    if not wordsegment.UNIGRAMS:  # the model is module state: load it once per process
        wordsegment.load()
    return wordsegment


@lru_cache(maxsize=1 << 16)
def _segment(text: str) -> tuple[str, ...]:
    return tuple(_model().segment(text))


def segment(text: str) -> list[str]:
    """The most likely words of ``text`` (lower-cased, letters and digits only).

    Segmentation is the slowest step of a post's analysis (~1 ms a word run), and accounts
    reuse the same hashtags and link paths, so results are kept for the process.
    """
    return list(_segment(text))


def split_words(text: str, min_count: int = MIN_COUNT, min_length: int = 1) -> list[str]:
    """Two or more common words that ``text`` runs together, or [] when there is no such split."""
    return list(_split_words(text, min_count, min_length))


@lru_cache(maxsize=1 << 16)
def _split_words(text: str, min_count: int, min_length: int) -> tuple[str, ...]:
    # Kept per process like the segmentation: the same hashtags recur in every account's posts.
    words = _segment(text)
    if len(words) < 2 or "".join(words) != text.lower():
        return ()
    counts = _model().UNIGRAMS
    if any(len(w) < min_length or counts.get(w, 0) < min_count for w in words):
        return ()
    return words
