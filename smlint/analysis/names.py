"""Analysis views a grammar part may name instead of a regex (``{view: person-names}``).

``person-names``: where the post names a person. Each span says how it was found:
``title`` (a title from the lexicon's ``person-title`` list before one to three capitalised
words: "Rep. Ortiz", "Commissioner Stephen Shoffner"), ``first-name`` (a word of the
``first-name`` list before a capitalised word: "Tina Peters"), ``name-pair`` (two or three
capitalised words, none in ``not-name``: "Dana Whitfield") and ``ner`` (a spaCy PERSON entity,
when the post's document was built with a model that has an entity recognizer). A view is
a superset: grammars pair it with an act and a context that make it a candidate.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from smlint.order import longest_first

VIEWS = frozenset({"person-names"})

Span = tuple[int, int, str]

# A name-shaped word: "Smith", "O'Neil", "McDonald", "Biden-Harris"; not ALL CAPS.
_WORD = r"(?:[A-Z](?:['’][A-Z])?[a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)?)"
_INITIAL = r"(?:[A-Z]\.\s+)"


def _words_rx(words: Iterable[str]) -> str:
    items = sorted({w.strip() for w in words if w.strip()}, key=longest_first)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items) or r"(?!x)x"


class PersonNames:
    """The compiled ``person-names`` view of one lexicon's word lists."""

    def __init__(self, terms: Mapping[str, Sequence[str]]) -> None:
        titles = _words_rx(terms.get("person-title", ()))
        firsts = _words_rx(w.capitalize() for w in terms.get("first-name", ()))
        self.not_names = frozenset(w.lower() for w in terms.get("not-name", ()))
        name = rf"{_WORD}(?:\s+{_INITIAL}?{_WORD}){{0,2}}"
        self.title = re.compile(rf"(?<![\w.])(?i:{titles})\.?\s+(?P<name>{name})")
        self.first = re.compile(rf"(?<![\w@#])(?:{firsts})\s+{_INITIAL}?{_WORD}\b")
        self.pair = re.compile(rf"(?<![\w@#'’.-]){_WORD}(?:\s+{_INITIAL}?{_WORD}){{1,2}}\b")

    def spans(self, text: str, entities: Iterable[tuple[int, int]] = ()) -> list[Span]:
        out: list[Span] = [(m.start(), m.end(), "title") for m in self.title.finditer(text)]
        out += [(m.start(), m.end(), "first-name") for m in self.first.finditer(text)]
        for m in self.pair.finditer(text):
            words = m.group(0).split()
            if not any(w.lower().strip(".") in self.not_names for w in words):
                out.append((m.start(), m.end(), "name-pair"))
        out += [(s, e, "ner") for s, e in entities]
        return sorted(out)


def person_entities(doc: Any) -> list[tuple[int, int]]:
    """(start, end) of the PERSON entities of a spaCy document (none without a recognizer)."""
    return [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ == "PERSON"]
