"""Sentiment of a sentence: vaderSentiment's compound score (offline, rule-based)."""

from __future__ import annotations

from typing import Any


class Sentiment:
    """vaderSentiment's analyzer, built once per process (its lexicon loads in ~20 ms)."""

    def __init__(self) -> None:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        self._analyzer: Any = SentimentIntensityAnalyzer()

    def compound(self, text: str) -> float:
        """From -1 (most negative) to 1 (most positive)."""
        return float(self._analyzer.polarity_scores(text)["compound"])
