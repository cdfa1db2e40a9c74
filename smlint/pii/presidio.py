"""Presidio, imported offline.

tldextract (imported by Presidio's email and URL recognizers) builds a module-level extractor
at import that downloads the public suffix list on first use, with no timeout. ``offline()``
empties the suffix-list URLs before that import and, should Presidio have been imported
elsewhere first, swaps in an extractor that uses only the bundled snapshot. smlint's own
recognizers never call tldextract; this protects Presidio's (used for comparisons) too.
"""

from __future__ import annotations

import os


def offline() -> None:
    """Make tldextract network-free (idempotent)."""
    os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""
    import tldextract.tldextract as tt

    if tuple(getattr(tt.TLD_EXTRACTOR, "suffix_list_urls", ())):
        tt.TLD_EXTRACTOR = tt.TLDExtract(suffix_list_urls=(), cache_dir=None)


offline()

from presidio_analyzer import (  # noqa: E402  (after offline(), on purpose)
    AnalyzerEngine,
    EntityRecognizer,
    LocalRecognizer,
    RecognizerRegistry,
    RecognizerResult,
)

__all__ = [
    "AnalyzerEngine",
    "EntityRecognizer",
    "LocalRecognizer",
    "RecognizerRegistry",
    "RecognizerResult",
    "offline",
]
