"""The shape of every lexicon file in ``rules/lexicons/``, checked when a linter is built.

A schema is a small tree of validators (``Record``, ``MapOf``, ``ListOf``, scalars). An
unknown key, a value of the wrong type, a misspelt code or an invalid regular expression is
a ``LexiconError`` naming the file and the key path, so a broken rule file stops the run at
start-up with one line (exit 2) instead of failing on every post or silently switching a rule
off. ``SCHEMAS`` lists every file; a file without a schema is an error too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import regex

from smlint.errors import UserError


class LexiconError(UserError):
    """A lexicon file that does not follow its schema; the message names file and key."""


@dataclass(frozen=True)
class Schema:
    """Validates a value found at ``where`` (``file: key.path``)."""

    def check(self, value: Any, where: str, deep: bool = True) -> None:
        """Raise LexiconError if ``value`` does not fit; ``deep`` also compiles regexes."""
        raise NotImplementedError


def _fail(where: str, message: str) -> LexiconError:
    return LexiconError(f"{where}: {message}")


def at(where: str, key: object) -> str:
    """The path of ``key`` inside ``where`` ("lexicons/x.yaml: patterns.SM203")."""
    if isinstance(key, int):
        return f"{where}[{key}]"
    return f"{where}.{key}" if ": " in where else f"{where}: {key}"


@dataclass(frozen=True)
class Str(Schema):
    pattern: str | None = None  # the value must fullmatch this (names, codes)
    what: str = "a string"

    def check(self, value: Any, where: str, deep: bool = True) -> None:
        if not isinstance(value, str) or not value:
            hint = " (quote words such as yes, no, on, off)" if isinstance(value, bool) else ""
            raise _fail(where, f"expected {self.what}, got {value!r}{hint}")
        if self.pattern is not None and not re.fullmatch(self.pattern, value):
            raise _fail(where, f"expected {self.what}, got {value!r}")


@dataclass(frozen=True)
class Bool(Schema):
    def check(self, value: Any, where: str, deep: bool = True) -> None:
        if not isinstance(value, bool):
            raise _fail(where, f"expected true or false, got {value!r}")


@dataclass(frozen=True)
class Number(Schema):
    integer: bool = False
    low: float | None = None
    high: float | None = None

    def check(self, value: Any, where: str, deep: bool = True) -> None:
        kinds: tuple[type, ...] = (int,) if self.integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds):
            raise _fail(where, f"expected {'a whole number' if self.integer else 'a number'}")
        if (self.low is not None and value < self.low) or (
            self.high is not None and value > self.high
        ):
            raise _fail(where, f"{value} is out of range [{self.low}, {self.high}]")


@dataclass(frozen=True)
class Regex(Schema):
    """A regular expression (Python ``re``, or the ``regex`` module); ``{name}``
    placeholders are checked by the lexicon that expands them, and ``{agency}`` stands for
    the agency's names."""

    engine: str = "re"  # "re" or "regex"
    flags: int = re.IGNORECASE
    agency: bool = False  # may say {agency}

    def check(self, value: Any, where: str, deep: bool = True) -> None:
        Str(what="a regular expression").check(value, where)
        if not deep:
            return
        if self.agency:
            value = value.replace("{agency}", "(?:agency)")
        elif "{agency}" in value:
            raise _fail(where, "{agency} is not allowed here")
        compile_regex(value, where, self.engine, self.flags)


def compile_regex(source: str, where: str, engine: str = "re", flags: int = 0) -> Any:
    try:
        if engine == "regex":
            return regex.compile(source, flags | regex.V0)
        return re.compile(source, flags)
    except (re.error, regex.error, OverflowError, RecursionError) as exc:
        raise _fail(where, f"invalid regular expression: {exc}") from None


@dataclass(frozen=True)
class ListOf(Schema):
    item: Schema
    scalar_ok: bool = False  # a single value may stand for a one-item list

    def check(self, value: Any, where: str, deep: bool = True) -> None:
        if self.scalar_ok and not isinstance(value, list):
            value = [value]
        if not isinstance(value, list):
            raise _fail(where, "expected a list")
        for i, item in enumerate(value):
            self.item.check(item, at(where, i), deep)


@dataclass(frozen=True)
class MapOf(Schema):
    key: Str
    value: Schema

    def check(self, value: Any, where: str, deep: bool = True) -> None:
        if not isinstance(value, dict):
            raise _fail(where, "expected a mapping")
        for k, v in value.items():
            self.key.check(k, at(where, k), deep)
            self.value.check(v, at(where, k), deep)


@dataclass(frozen=True)
class Record(Schema):
    fields: Mapping[str, Schema]
    required: frozenset[str] = field(default_factory=frozenset)

    def check(self, value: Any, where: str, deep: bool = True) -> None:
        if not isinstance(value, dict):
            raise _fail(where, "expected a mapping")
        for key in value:
            if key not in self.fields:
                raise _fail(where, f"unknown key {key!r}")
        for key in self.required:
            if key not in value:
                raise _fail(where, f"{key!r} is required")
        for key, schema in self.fields.items():
            if key in value:
                schema.check(value[key], at(where, key), deep)


NAME = Str(r"[a-z][a-z0-9-]*", "a lower-case name joined by '-'")
CODE = Str(r"SM[1-9]\d\d", "a rule code like SM203")
WORDS = ListOf(Str())
REGEX = Regex()

# A phrase lexicon: named word lists, named regex alternatives, per-code named patterns
# ({name} expands to a list), and per-code exception patterns.
RAW_REGEX = Str(what="a regular expression")  # compiled by the lexicon after expansion


@dataclass(frozen=True)
class FormSpec(Schema):
    """A grammar form: a list of part names, or ``{parts: [...], gap: N}``."""

    def check(self, value: Any, where: str, deep: bool = True) -> None:
        if isinstance(value, list):
            ListOf(NAME).check(value, where, deep)
            return
        Record(
            {
                "parts": ListOf(NAME),
                "gap": Number(integer=True, low=0),
                "context": ListOf(NAME),
                "unless": ListOf(NAME),
                "hashtags": Bool(),
            },
            frozenset({"parts"}),
        ).check(value, where, deep)


@dataclass(frozen=True)
class Alternative(Schema):
    """A grammar part's alternative: a regex, or ``{view: NAME}`` (an analysis view)."""

    def check(self, value: Any, where: str, deep: bool = True) -> None:
        if isinstance(value, dict):
            Record({"view": NAME}, frozenset({"view"})).check(value, where, deep)
            return
        RAW_REGEX.check(value, where, deep)


GRAMMAR = Record(
    {
        "parts": MapOf(NAME, MapOf(NAME, Alternative())),
        "forms": MapOf(NAME, FormSpec()),
        "unless": ListOf(NAME),
    },
    frozenset({"parts", "forms"}),
)
PHRASES = {
    "include": ListOf(NAME),
    "terms": MapOf(NAME, WORDS),
    "regexes": MapOf(NAME, ListOf(RAW_REGEX)),
    "patterns": MapOf(CODE, MapOf(NAME, RAW_REGEX)),
    "grammars": MapOf(CODE, GRAMMAR),
    "exceptions": MapOf(CODE, RAW_REGEX),
}

# Lexicons with phrase patterns per rule code (the catalog names the lexicon of each rule).
PHRASE_LEXICONS = frozenset({"confidentiality", "language", "nonpublic-access", "politics"})

SCHEMAS: dict[str, Schema] = {
    "agency": Record(
        {"generic-name-words": WORDS, "unit-nouns": WORDS},
        frozenset({"generic-name-words", "unit-nouns"}),
    ),
    "confidentiality": Record(
        {
            **PHRASES,
            "quotation": Record(
                {
                    "min-words": Number(integer=True, low=1),
                    "attribution": Regex(flags=0),
                    "speaker": Regex(flags=0),
                    "reported": Regex(flags=0),
                    "own-voice": Regex(flags=0),
                },
                frozenset({"min-words", "attribution", "speaker", "reported", "own-voice"}),
            ),
        }
    ),
    "language": Record(
        {
            **PHRASES,
            "sentiment": Record(
                {
                    "threshold": Number(low=-1, high=1),
                    "apology": REGEX,
                    "staff-targets": ListOf(REGEX),
                },
                frozenset({"threshold", "apology", "staff-targets"}),
            ),
        }
    ),
    "politics": Record(
        {
            **PHRASES,
            "party-sentiment": Record(
                {
                    "threshold": Number(low=0, high=1),
                    "max-words": Number(integer=True, low=1),
                    "bipartisan": REGEX,
                },
                frozenset({"threshold", "max-words", "bipartisan"}),
            ),
            "sensitive": Record(
                {"topics": MapOf(Str(r"[a-z][a-z ]*", "a topic name"), NAME)},
                frozenset({"topics"}),
            ),
        }
    ),
    "nonpublic-access": Record(PHRASES),
    "disclaimers": Record({"patterns": ListOf(Regex(engine="regex"))}, frozenset({"patterns"})),
    "employee-claims": Record(
        {"patterns": ListOf(Regex(engine="regex", agency=True))}, frozenset({"patterns"})
    ),
    "speaks-for-agency": Record(
        {
            "generic-agency": Regex(engine="regex"),
            "patterns": ListOf(Regex(engine="regex", agency=True)),
            "patterns-in-context": ListOf(Regex(engine="regex")),
        },
        frozenset({"generic-agency", "patterns"}),
    ),
    "pii": Record(
        {
            "context": MapOf(Str(r"[a-z][a-z_]*", "a context name"), WORDS),
            "case_words": Record({"bare": WORDS, "marked": WORDS}, frozenset({"bare", "marked"})),
            "client_words": WORDS,
            "relation_words": WORDS,
            "role_words": WORDS,
            "org_words": WORDS,
            "not_names": WORDS,
            "name_prefixes": WORDS,
            "prepositions": WORDS,
            "address_person_words": WORDS,
            "address_venue_words": WORDS,
            "situation": Record(
                {
                    "subjects": WORDS,
                    "outcomes": WORDS,
                    "procedural": WORDS,
                    "benefit_subjects": WORDS,
                },
                frozenset({"subjects", "outcomes", "procedural", "benefit_subjects"}),
            ),
        }
    ),
    "pii-context": Record(
        {
            "contact": Record(
                {
                    "private-before": ListOf(REGEX),
                    "private-after": ListOf(REGEX),
                    "public-before": ListOf(REGEX),
                    "public-strong": ListOf(REGEX),
                    "public-after": ListOf(REGEX),
                    "free-mail-domains": WORDS,
                },
                frozenset({"private-before", "private-after", "public-before", "public-strong"}),
            ),
            "appeal": ListOf(REGEX),
            "case": Record(
                {
                    "weak-words": WORDS,
                    "person-cue": REGEX,
                    "appeal-reference": REGEX,
                    "log-after": REGEX,
                },
                frozenset({"weak-words", "person-cue", "appeal-reference", "log-after"}),
            ),
            "greetings": WORDS,
            "client-after": REGEX,
            "your-matter": REGEX,
        },
        frozenset({"contact", "appeal", "case"}),
    ),
    "profanity": Record(
        {
            "extra-words": WORDS,
            "not-profanity": MapOf(NAME, WORDS),
            "slurs": WORDS,
            "allow-phrases": WORDS,
            "name-terms": WORDS,
            "leet-extra": MapOf(Str(r"[a-z]", "a letter"), WORDS),
            "confusables": MapOf(Str(r".", "one character"), Str(r".", "one character")),
            "masked-stems": WORDS,
            "mask-prefixes": ListOf(Str(what="a regular expression")),
            "mask-suffixes": ListOf(Str(what="a regular expression")),
            "mask-chars": Str(),
            "hashtag-stems": WORDS,
            "place-context": Record({"before": WORDS, "nouns": WORDS}),
        }
    ),
    "signoff": Record({"org-words": WORDS}, frozenset({"org-words"})),
    "titles": Record(
        {
            "heads": WORDS,
            "abbreviations": WORDS,
            "ranks": WORDS,
            "honorifics": WORDS,
            "not-names": WORDS,
        }
    ),
}
