"""Lexicons: the word lists and phrase patterns in ``rules/lexicons/``, validated and compiled.

A phrase lexicon (``SCHEMAS``' ``PHRASE_LEXICONS``) has ``terms`` (named word lists),
``regexes`` (named lists of regex alternatives), ``patterns`` (per rule code, named regexes
that may say ``{list-name}`` for "any word of that list") and ``exceptions`` (per code, one
regex). A word list entry may end in ``*`` for "any ending"; a word in it ending in ``+`` stands
for the word and its regular inflections (``vote+``: vote, votes, voted, voting; ``stab+``:
stabbed; ``idiot+``: idiots; ``rally+``: rallies; ``chip+ in``: chipped in); irregular forms
are listed. A code's patterns are scanned as
one alternation with a named group per pattern, so one scan finds every pattern of the code
and the group name says which fired (it goes into the finding's detail); only the patterns
whose pre-test the post meets (``smlint.pretest``) are in the alternation, so a post that can
match none of them costs nothing.

A lexicon may also hold ``grammars``: per code, named *parts* (each a set of named regex
alternatives: an act, a target, a framing) and *forms* (sequences of parts that must occur in
one sentence, in order, each within a gap of the one before), plus ``unless`` parts that
cancel the grammar in a sentence where they occur. A grammar reaches what a phrase list does
not ("vote for" + a candidate's name + "on Tuesday", in any of their many spellings), and it
is run over hashtags' words too ("#RecallNewsom"). ``include`` brings in another lexicon's
word lists (a names lexicon shared by several families).

``RuleData.load`` checks every lexicon file against its schema (``smlint.ruledata.schema``)
and against the catalog (each code's patterns are in the lexicon its rule names, placeholders
are defined, regexes compile) when a linter is built, so a broken rule file is one clear
error at start-up. Validating compiles every regex once; a file whose exact content was
validated before (same smlint version) is not compiled again until it is used
(``smlint.cache``), which keeps a one-file check fast.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Hashable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from smlint import cache
from smlint.analysis.names import VIEWS, PersonNames
from smlint.order import longest_first
from smlint.pretest.index import Requirement, Requirements
from smlint.ruledata.catalog import Catalog
from smlint.ruledata.files import load_yaml, rules_dir
from smlint.ruledata.schema import PHRASE_LEXICONS, SCHEMAS, LexiconError, at, compile_regex

PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9-]*)\}")
FLAGS = re.IGNORECASE | re.MULTILINE
SUBSET_CACHE = 256  # compiled scanners for subsets of a code's patterns, per code


def inflections(word: str) -> str:
    """A regex for ``word`` and its regular English inflections (-s/-es, -ed, -ing, a final
    e dropped, y to i, a final consonant doubled); over-generating ("visitted") is harmless
    in a linter that only ever reads real words."""
    w = re.escape(word)
    if word.endswith("e"):
        return w[:-1] + "(?:e|es|ed|ing)"
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return w[:-1] + "(?:y|ies|ied|ying)"
    if word[-1:] in "sxz" or word.endswith(("ch", "sh")):
        return w + "(?:es|ed|ing)?"
    last = re.escape(word[-1])
    return w + f"(?:s|{last}?ed|{last}?ing)?"


def term_regex(terms: list[str]) -> str:
    """An alternation of words/phrases: spaces match any whitespace, a final ``*`` any
    ending, a word ending in ``+`` that word's regular inflections ("chip+ in")."""
    alts = []
    for term in sorted({str(t) for t in terms}, key=longest_first):
        wild = term.endswith("*")
        words = (term[:-1] if wild else term).split()
        parts = [
            inflections(w[:-1]) if w.endswith("+") and len(w) > 1 else re.escape(w) for w in words
        ]
        rx = r"\s+".join(parts)
        rx = re.sub("['’]", "['’]", rx)
        alts.append(rx + (r"\w*" if wild else ""))
    return "(?:" + "|".join(alts) + ")"


class CodePatterns:
    """The scanner of one code: its patterns as one alternation, group names = pattern names.

    Only patterns whose pre-test the text meets can match it, so a scan compiles (once) and
    runs the alternation of just those: the same matches, since a pattern that matches
    nowhere never wins a position, at a fraction of the cost.
    """

    def __init__(self, code: str, parts: tuple[str, ...], names: tuple[str, ...]) -> None:
        self.code = code
        self.names = names
        self._parts = parts
        self._subsets: dict[tuple[int, ...], re.Pattern[str]] = {}
        self._singles: dict[int, re.Pattern[str]] = {}

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """Every pattern of the code, as one regex."""
        return self.scanner(tuple(range(len(self._parts))))

    @cached_property
    def _lowered(self) -> re.Pattern[str] | None:
        """The regex without IGNORECASE, for lower-cased text, when no pattern needs capitals:
        re's case-insensitive search of a large alternation is several times slower."""
        source = "|".join(self._parts)
        bare = re.sub(r"\\.|\(\?P<\w+>|\(\?P=\w+\)", "", source)
        if re.search(r"[A-Z]|\(\?[a-z]*-", bare):
            return None
        return re.compile(source, FLAGS & ~re.IGNORECASE)

    def occurs(self, text: str, lowered: str | None = None) -> bool:
        """Whether any pattern of the code matches somewhere in ``text`` (``lowered`` is
        ``text.lower()``, shared by the caller's tests)."""
        fast = self._lowered
        if fast is not None:
            lowered = text.lower() if lowered is None else lowered
            if len(lowered) == len(text):  # one character for one: same matches
                return fast.search(lowered) is not None
        return self.regex.search(text) is not None

    def scanner(self, indices: tuple[int, ...]) -> re.Pattern[str]:
        found = self._subsets.get(indices)
        if found is None:
            found = re.compile("|".join(self._parts[i] for i in indices), FLAGS)
            if len(self._subsets) < SUBSET_CACHE:
                self._subsets[indices] = found
        return found

    def single(self, index: int) -> re.Pattern[str]:
        found = self._singles.get(index)
        if found is None:
            found = self._singles[index] = re.compile(self._parts[index], FLAGS)
        return found

    def finditer(
        self,
        text: str,
        pos: int,
        endpos: int | None,
        indices: tuple[int, ...],
        overlapping: bool = False,
    ) -> Iterator[tuple[str, re.Match[str]]]:
        """(pattern name, match) of the patterns ``indices`` in ``text[pos:endpos]``; with
        ``overlapping`` each pattern is scanned on its own (empty matches left out)."""
        end = len(text) if endpos is None else endpos
        if not indices:  # an empty alternation would match everywhere
            return
        if overlapping:
            for i in indices:
                for match in self.single(i).finditer(text, pos, end):
                    if match.end() > match.start():
                        yield self.names[i], match
            return
        for match in self.scanner(indices).finditer(text, pos, end):
            yield _pattern_name(match.lastgroup or ""), match


def _group(name: str, index: int) -> str:
    return f"p{index}_{re.sub(r'[^0-9A-Za-z]', '_', name)}"


def _pattern_name(group: str) -> str:
    return group.split("_", 1)[1].replace("_", "-") if "_" in group else group


@dataclass(frozen=True)
class Form:
    """A sequence of parts that must occur in one sentence, in this order, each starting at
    most ``gap`` characters after the end of the one before; ``context`` parts must also
    occur somewhere in that sentence (in any order), and the form gives no match in a
    sentence where one of its own ``unless`` parts occurs; ``hashtags: false`` keeps it to
    sentences (a form no hashtag spells costs nothing there)."""

    name: str
    parts: tuple[str, ...]
    gap: int = 60
    context: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    hashtags: bool = True  # also tried on hashtags' words

    @property
    def key(self) -> str:
        """The form's pre-test key (with its code): ``form:NAME``."""
        return "form:" + self.name


@dataclass
class Grammar:
    """A code's grammar: parts (named alternatives of expanded regex sources), forms, and the
    parts that cancel it in a sentence."""

    code: str
    parts: Mapping[str, tuple[tuple[str, str], ...]]
    forms: tuple[Form, ...]
    unless: tuple[str, ...] = ()
    # Alternatives that are an analysis view (``{view: person-names}``): part -> (alternative
    # name, view name); the spans come from the post's analysis, not a regex.
    views: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    # The lexicon's word lists, for views that read some (``person-title``, ``first-name``).
    terms: Mapping[str, list[str]] = field(default_factory=dict)
    _compiled: dict[str, CodePatterns] = field(default_factory=dict)

    @cached_property
    def form_keys(self) -> frozenset[str]:
        """Every form's pre-test key."""
        return frozenset(f.key for f in self.forms)

    def part(self, name: str) -> CodePatterns:
        """The part's alternatives as one scanner (group names = alternative names)."""
        found = self._compiled.get(name)
        if found is None:
            items = self.parts[name]
            sources = tuple(f"(?P<{_group(n, i)}>{rx})" for i, (n, rx) in enumerate(items))
            found = CodePatterns(self.code, sources, tuple(n for n, _ in items))
            self._compiled[name] = found
        return found


DEFAULT_GAP = 60


class Lexicon:
    """A phrase lexicon file: word lists, per-code patterns, grammars and exceptions, and
    its settings."""

    def __init__(
        self,
        name: str,
        data: Mapping[str, Any],
        others: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        others = others or {}
        self.name = name
        self.source = f"lexicons/{name}.yaml"
        self.data = data
        self.terms: dict[str, list[str]] = {}
        self._term_rx: dict[str, str] = {}
        self._nested: set[str] = set()  # regex lists, whose {placeholders} are expanded too
        for included in data.get("include") or ():
            if included not in others or included == name:
                raise LexiconError(f"{self.source}: include: unknown lexicon {included!r}")
            self._add_lists(others[included])
        self._add_lists(data)
        self.patterns: dict[str, tuple[tuple[str, str], ...]] = {}
        for code, patterns in (data.get("patterns") or {}).items():
            where = at(at(self.source, "patterns"), code)
            self.patterns[code] = tuple(
                (name, self.expand(rx, at(where, name))) for name, rx in patterns.items()
            )
        self.exception_sources = {
            code: self.expand(rx, at(at(self.source, "exceptions"), code))
            for code, rx in (data.get("exceptions") or {}).items()
        }
        self.grammars: dict[str, Grammar] = {
            code: self._grammar(code, raw) for code, raw in (data.get("grammars") or {}).items()
        }
        self._scanners: dict[str, CodePatterns] = {}
        self._exceptions: dict[str, re.Pattern[str] | None] = {}

    def _add_lists(self, data: Mapping[str, Any]) -> None:
        for key, values in (data.get("terms") or {}).items():
            self.terms[key] = [str(t) for t in values]
            self._term_rx[key] = term_regex(self.terms[key])
        for key, alts in (data.get("regexes") or {}).items():
            # A regex list may name word lists too ({person-noun}): expanded where used.
            self._term_rx[key] = "(?:" + "|".join(str(a) for a in alts) + ")"
            self._nested.add(key)

    def _grammar(self, code: str, raw: Mapping[str, Any]) -> Grammar:
        where = at(at(self.source, "grammars"), code)
        raw_parts = raw.get("parts") or {}
        parts = {
            part: tuple(
                (alt, self.expand(rx, at(at(at(where, "parts"), part), alt)))
                for alt, rx in alts.items()
                if isinstance(rx, str)
            )
            for part, alts in raw_parts.items()
        }
        views: dict[str, tuple[tuple[str, str], ...]] = {}
        for part, alts in raw_parts.items():
            found = tuple((alt, str(v["view"])) for alt, v in alts.items() if isinstance(v, dict))
            for alt, view in found:
                if view not in VIEWS:
                    raise LexiconError(
                        f"{at(at(at(where, 'parts'), part), alt)}: unknown view {view!r}"
                        f" (known: {', '.join(sorted(VIEWS))})"
                    )
            if found:
                views[part] = found
        forms = []
        for form, spec in (raw.get("forms") or {}).items():
            names = spec if isinstance(spec, list) else spec["parts"]
            gap = DEFAULT_GAP if isinstance(spec, list) else int(spec.get("gap", DEFAULT_GAP))
            context = () if isinstance(spec, list) else tuple(spec.get("context") or ())
            form_unless = () if isinstance(spec, list) else tuple(spec.get("unless") or ())
            on_tags = True if isinstance(spec, list) else bool(spec.get("hashtags", True))
            for part in (*names, *context, *form_unless):
                if part not in parts:
                    raise LexiconError(f"{at(at(where, 'forms'), form)}: unknown part {part!r}")
            forms.append(Form(form, tuple(names), gap, context, form_unless, on_tags))
        unless = tuple(raw.get("unless") or ())
        for part in unless:
            if part not in parts:
                raise LexiconError(f"{at(where, 'unless')}: unknown part {part!r}")
        if not forms:
            raise LexiconError(f"{where}: a grammar needs forms")
        return Grammar(code, parts, tuple(forms), unless, views, self.terms)

    @cached_property
    def person_names(self) -> PersonNames:
        """The ``person-names`` view compiled with this lexicon's word lists."""
        return PersonNames(self.terms)

    def expand(self, pattern: str, where: str = "", _seen: tuple[str, ...] = ()) -> str:
        """``pattern`` with each ``{list}`` replaced by the list's alternation (a regex list's
        own placeholders expanded in turn)."""

        def sub(m: re.Match[str]) -> str:
            key = m.group(1)
            if key not in self._term_rx:
                raise LexiconError(f"{where or self.source}: unknown word list {{{key}}}")
            if key not in self._nested:
                return self._term_rx[key]
            if key in _seen:
                raise LexiconError(f"{where or self.source}: {{{key}}} names itself")
            return self.expand(self._term_rx[key], where, (*_seen, key))

        return PLACEHOLDER.sub(sub, pattern)

    def compile(self, pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
        return re.compile(self.expand(pattern), flags)

    def validate(self) -> None:
        """Compile every pattern and exception once: an invalid one is an error naming it."""
        for code, patterns in self.patterns.items():
            for name, rx in patterns:
                compile_regex(rx, at(at(at(self.source, "patterns"), code), name), flags=FLAGS)
        for code, grammar in self.grammars.items():
            where = at(at(at(self.source, "grammars"), code), "parts")
            for part, alts in grammar.parts.items():
                for alt, rx in alts:
                    compile_regex(rx, at(at(where, part), alt), flags=FLAGS)
        for code, rx in self.exception_sources.items():
            compile_regex(rx, at(at(self.source, "exceptions"), code), flags=re.IGNORECASE)

    def scanner(self, code: str) -> CodePatterns:
        found = self._scanners.get(code)
        if found is None:
            items = self.patterns.get(code, ())
            parts = tuple(f"(?P<{_group(n, i)}>{rx})" for i, (n, rx) in enumerate(items))
            found = self._scanners[code] = CodePatterns(code, parts, tuple(n for n, _ in items))
        return found

    def exception(self, code: str) -> re.Pattern[str] | None:
        """The code's exception pattern (case-insensitive), or None."""
        if code not in self._exceptions:
            rx = self.exception_sources.get(code)
            self._exceptions[code] = re.compile(rx, re.IGNORECASE) if rx else None
        return self._exceptions[code]

    def requirements(self, known: Requirements) -> dict[tuple[str, str], Requirement]:
        """The pre-test of each pattern, keyed ``(code, pattern name)``, and of each grammar
        form, keyed ``(code, "form:" + name)``: every part of the form must be there (and
        ``(code, "tag:" + name)``, the same with spaces left out, for hashtags' words)."""
        out = {
            (code, name): known.of(rx, FLAGS)
            for code, patterns in self.patterns.items()
            for name, rx in patterns
        }
        for code, grammar in self.grammars.items():
            # A part with a view alternative can be met by any post (no clauses); a part of
            # one alternative keeps all of its clauses.
            parts = {
                part: Requirement()
                if part in grammar.views
                else known.of(alts[0][1], FLAGS)
                if len(alts) == 1
                else Requirement.any(known.of(rx, FLAGS) for _, rx in alts)
                for part, alts in grammar.parts.items()
            }
            for form in grammar.forms:
                need = Requirement.all(parts[p] for p in (*form.parts, *form.context))
                out[(code, f"form:{form.name}")] = need
                # In a hashtag the words run together ("#VoteForJohn"): the same clauses with
                # the spaces left out, found in the post's one pre-test pass.
                if not form.hashtags:
                    continue
                out[(code, f"tag:{form.name}")] = Requirement(
                    tuple(frozenset(t.replace(" ", "") for t in c) for c in need.clauses),
                    need.digits,
                )
        return out

    def scan(
        self,
        code: str,
        text: str,
        names: Collection[Hashable] | None = None,
        pos: int = 0,
        endpos: int | None = None,
        *,
        overlapping: bool = False,
    ) -> Iterator[tuple[str, re.Match[str]]]:
        """Every match of the code's patterns in ``text`` from ``pos`` to ``endpos``:
        (pattern name, match). ``names`` are the patterns the text may match (its pre-test
        candidates, ``Analysis.candidate_names(code)``); None: all of them."""
        patterns = self.patterns.get(code)
        if not patterns:
            return iter(())
        if names is None:
            indices = tuple(range(len(patterns)))
        elif not names:
            return iter(())
        else:
            indices = tuple(i for i, (name, _) in enumerate(patterns) if name in names)
            if not indices:  # the group also holds a check's own keys ("SM205", "target")
                return iter(())
        return self.scanner(code).finditer(text, pos, endpos, indices, overlapping)


@dataclass(frozen=True)
class RuleData:
    """The validated rule data a linter uses: the catalog and every lexicon file."""

    catalog: Catalog
    lexicons: Mapping[str, Lexicon]  # the phrase lexicons, by name
    files: Mapping[str, Any] = field(default_factory=dict)  # every lexicon file's data

    @classmethod
    def load(cls, catalog: Catalog) -> RuleData:
        """Read and validate ``rules/lexicons/*.yaml``; errors name the file and key."""
        files: dict[str, Any] = {}
        lexicons: dict[str, Lexicon] = {}
        checked: list[tuple[str, str, bool]] = []
        folder = rules_dir() / "lexicons"
        for path in sorted(folder.glob("*.yaml")):
            name = path.stem
            where = f"lexicons/{path.name}"
            schema = SCHEMAS.get(name)
            if schema is None:
                raise LexiconError(f"{where}: no schema for this lexicon file")
            data = load_yaml(f"lexicons/{path.name}") or {}
            key = cache.digest("lexicon", name, path.read_bytes())
            deep = cache.load("valid", key) is None
            schema.check(data, where, deep)
            files[name] = data
            checked.append((name, key, deep))
        for name, key, deep in checked:
            if name in PHRASE_LEXICONS:
                lexicon = Lexicon(name, files[name], files)
                if deep:
                    lexicon.validate()
                lexicons[name] = lexicon
            if deep:
                cache.store("valid", key, True)
        data = cls(catalog, lexicons, files)
        data._check_catalog()
        return data

    def lexicon(self, name: str) -> Lexicon:
        return self.lexicons[name]

    def _check_catalog(self) -> None:
        """Every code a lexicon has patterns for is a rule that reads that lexicon, and every
        phrase rule has patterns (a misspelt code must not switch a rule off silently)."""
        catalog = self.catalog
        for lexicon in self.lexicons.values():
            for section, codes in (
                ("patterns", lexicon.patterns),
                ("grammars", lexicon.grammars),
                ("exceptions", lexicon.exception_sources),
            ):
                for code in codes:
                    where = at(at(lexicon.source, section), code)
                    if code not in catalog:
                        raise LexiconError(f"{where}: unknown rule code")
                    if catalog[code].lexicon != lexicon.name:
                        raise LexiconError(
                            f"{where}: {code} does not read this lexicon (the catalog gives"
                            f" it lexicon {catalog[code].lexicon or 'none'})"
                        )
        for rule in catalog:
            if rule.lexicon is not None and rule.lexicon not in self.lexicons:
                raise LexiconError(f"{rule.code}: unknown lexicon {rule.lexicon!r}")
            spec = rule.phrases
            if spec is None:
                continue
            lexicon = self.lexicons[spec.lexicon]
            names = {n for n, _ in lexicon.patterns.get(rule.code, ())}
            if not names and rule.code not in lexicon.grammars:
                raise LexiconError(f"{rule.code}: {lexicon.source} has no patterns for it")
            for name in spec.secondary:
                if name not in names:
                    raise LexiconError(f"{rule.code}: secondary pattern {name!r} is not defined")
            if spec.exceptions and rule.code not in lexicon.exception_sources:
                raise LexiconError(f"{rule.code}: {lexicon.source} has no exceptions for it")
