"""Choosing and loading the spaCy pipeline (``--nlp-model``), fully offline.

``auto`` takes the best installed English pipeline (trf > lg > md > sm) and otherwise a blank
English pipeline; ``none`` always takes the blank one; anything else is a package name or a
folder saved with ``nlp.to_disk``. Every pipeline gets sentence boundaries and lemmas
(lower-cased forms where no lemmatizer exists, so Presidio's context words still work).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from smlint.errors import UserError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

AUTO_ORDER = ("en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm")
LOWER_LEMMA = "smlint_lower_lemma"


class NlpError(UserError):
    """The requested pipeline cannot be loaded."""


def _lower_lemma(doc):
    """Lemma = lower-case form where the pipeline set none (as arrays: no Token objects)."""
    from spacy.attrs import LEMMA, LOWER

    if len(doc):
        values = doc.to_array([LEMMA, LOWER])
        missing = values[:, 0] == 0
        if missing.any():
            values[missing, 0] = values[missing, 1]
            doc.from_array([LEMMA], values[:, :1])
    return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(LOWER_LEMMA):
        Language.component(LOWER_LEMMA, func=_lower_lemma)


def _complete(nlp: Language) -> Language:
    """Add sentence boundaries and lemmas where the pipeline has none."""
    _register()
    names = set(nlp.pipe_names)
    if not names & {"parser", "senter", "sentencizer"}:
        nlp.add_pipe("sentencizer")
    if LOWER_LEMMA not in names:
        nlp.add_pipe(LOWER_LEMMA, last=True)
    return nlp


def blank() -> Language:
    import spacy

    return _complete(spacy.blank("en"))


def installed_english() -> str | None:
    import spacy.util

    return next((name for name in AUTO_ORDER if spacy.util.is_package(name)), None)


def load_pipeline(name: str) -> Language:
    import spacy

    if name == "none":
        return blank()
    if name == "auto":
        name = installed_english() or "none"
        if name == "none":
            return blank()
    is_path = Path(name).exists()
    if not is_path and not spacy.util.is_package(name):
        raise NlpError(
            f"spaCy pipeline {name!r} is neither an installed package nor a folder"
            " (use --nlp-model auto, none, a package name or a path)"
        )
    try:
        nlp = spacy.load(name)
    except (OSError, ValueError) as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise NlpError(f"cannot load spaCy pipeline {name!r}: {first_line}") from None
    if nlp.lang != "en":
        raise NlpError(f"spaCy pipeline {name!r} is for language {nlp.lang!r}, not English")
    return _complete(nlp)


# spaCy's tokenizer strips prefixes and suffixes from a run of non-space characters one at a
# time, searching the rest each time: quadratic in the run's length (10,000 "(" cost 9 s).
# Runs longer than LONG_RUN (longer than nearly every link) are tokenized in pieces of PIECE
# characters.
LONG_RUN = 200
PIECE = 50
_LONG_RUN_RE = re.compile(rf"\S{{{LONG_RUN + 1},}}")


def parse(nlp: Language, text: str) -> Doc:
    """``nlp(text)``, in time linear in the length of every run of non-space characters: a
    longer run than ``LONG_RUN`` is tokenized in pieces of ``PIECE`` characters, the pieces
    joined into one doc with the same text (offsets unchanged) and the pipeline's components
    run over it."""
    if _LONG_RUN_RE.search(text) is None:
        return nlp(text)
    from spacy.tokens import Doc as SpacyDoc

    pieces: list[str] = []
    pos = 0
    for m in _LONG_RUN_RE.finditer(text):
        if m.start() > pos:
            pieces.append(text[pos : m.start()])
        pieces.extend(text[i : min(i + PIECE, m.end())] for i in range(m.start(), m.end(), PIECE))
        pos = m.end()
    if pos < len(text):
        pieces.append(text[pos:])
    doc = SpacyDoc.from_docs([nlp.make_doc(piece) for piece in pieces], ensure_whitespace=False)
    # Joining marked each piece a sentence start; the pipeline decides (as arrays: setting
    # ``is_sent_start`` token by token scans the doc each time).
    from spacy.attrs import SENT_START

    starts = doc.to_array([SENT_START])
    starts[1:] = 0
    doc.from_array([SENT_START], starts)
    for _name, component in nlp.pipeline:
        doc = component(doc)
    return doc
