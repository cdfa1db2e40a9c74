"""Splitting run-together words (#jobfair, /snowemergency) with wordsegment's web-corpus model.

wordsegment keeps its model (333,000 unigram and 258,000 bigram counts) in text files that
take ~0.5 s to parse, which a one-file check cannot afford for one hashtag. The counts are
therefore copied once into an SQLite file in smlint's cache folder and looked up on demand;
a process that segments a lot (a scan) switches to the in-memory model after a while. The
numbers are the same either way, so are the segmentations.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from smlint import cache as disk

# A split is trusted only when every part is a word seen at least this often in the model's
# web corpus: splits of names and acronyms ("wioa" -> "wio" + "a") are rarer than that.
MIN_COUNT = 10_000
# Look-ups after which a process loads the whole model (cheaper from then on).
IN_MEMORY_AFTER = 30_000


class _Counts:
    """One table of counts, read from the SQLite copy on demand (what wordsegment needs of a
    dict: ``in`` and ``[]``)."""

    def __init__(self, model: _Model, table: str) -> None:
        self._model = model
        self._table = table
        self._known: dict[str, float | None] = {}

    def _get(self, key: str) -> float | None:
        try:
            return self._known[key]
        except KeyError:
            value = self._known[key] = self._model.lookup(self._table, key)
            return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._get(key) is not None

    def __getitem__(self, key: str) -> float:
        value = self._get(key)
        if value is None:
            raise KeyError(key)
        return value

    def get(self, key: str, default: float = 0.0) -> float:
        value = self._get(key)
        return default if value is None else value


class _Model:
    """wordsegment's segmenter with its counts in SQLite until segmenting gets busy."""

    def __init__(self, database: Path | None) -> None:
        import wordsegment

        self.segmenter: Any = wordsegment.Segmenter()
        self._database = database
        self._connection: sqlite3.Connection | None = None
        self._pid = 0
        self._lookups = 0
        if database is None:
            self.segmenter.load()
        else:
            self.segmenter.unigrams = _Counts(self, "unigrams")
            self.segmenter.bigrams = _Counts(self, "bigrams")
            self.segmenter.total = self.segmenter.TOTAL
            self.segmenter.limit = self.segmenter.LIMIT

    def lookup(self, table: str, key: str) -> float | None:
        self._lookups += 1
        if self._lookups > IN_MEMORY_AFTER:
            self._load_all()
        if self._connection is None or self._pid != os.getpid():  # not shared across fork
            self._connection = sqlite3.connect(f"file:{self._database}?mode=ro", uri=True)
            self._pid = os.getpid()
        row = self._connection.execute(f"SELECT n FROM {table} WHERE w = ?", (key,)).fetchone()
        return None if row is None else float(row[0])

    def _load_all(self) -> None:
        segmenter = self.segmenter
        if isinstance(segmenter.unigrams, dict):
            return
        segmenter.unigrams, segmenter.bigrams = {}, {}
        segmenter.load()

    @property
    def unigrams(self) -> Any:
        return self.segmenter.unigrams

    def segment(self, text: str) -> list[str]:
        return list(self.segmenter.segment(text))


def _pairs(path: str) -> Iterator[tuple[str, float]]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            word, number = line.split("\t")
            yield word, float(number)


def _database() -> Path | None:
    """The SQLite copy of wordsegment's counts in the cache folder (built on first use), or
    None when there is no usable cache folder."""
    import wordsegment

    folder = disk.cache_dir()
    if folder is None:
        return None
    files = (wordsegment.Segmenter.UNIGRAMS_FILENAME, wordsegment.Segmenter.BIGRAMS_FILENAME)
    try:
        sizes = tuple(os.path.getsize(f) for f in files)
        path = folder / f"wordsegment-{disk.digest('wordsegment', sizes)}.sqlite"
        if path.exists():
            return path
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".wordsegment-", dir=folder)
        os.close(fd)
        try:
            with sqlite3.connect(tmp) as db:
                for table, source in zip(("unigrams", "bigrams"), files, strict=True):
                    db.execute(f"CREATE TABLE {table} (w TEXT PRIMARY KEY, n REAL) WITHOUT ROWID")
                    db.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)", _pairs(source))
            os.replace(tmp, path)  # another process may have won the race: same content
        finally:
            Path(tmp).unlink(missing_ok=True)
        return path
    except (OSError, sqlite3.Error):
        return None


CACHED = 1 << 13  # word runs whose segmentation a process keeps


@cache
def _model() -> _Model:
    return _Model(_database())


# Bounded small: a worker's memory must stay flat over millions of posts (65,536 entries
# of each cache grew a worker by ~30 MB); an account's recurring hashtags fit in far fewer.
@lru_cache(maxsize=CACHED)
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


@lru_cache(maxsize=CACHED)
def _split_words(text: str, min_count: int, min_length: int) -> tuple[str, ...]:
    # Kept per process like the segmentation: the same hashtags recur in every account's posts.
    words = _segment(text)
    if len(words) < 2 or "".join(words) != text.lower():
        return ()
    counts = _model().unigrams
    if any(len(w) < min_length or counts.get(w, 0) < min_count for w in words):
        return ()
    return words
