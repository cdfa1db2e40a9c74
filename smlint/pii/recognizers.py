"""smlint's Presidio recognizers for identifiers (SM101-SM104, SM107-SM110).

Each recognizer is a Presidio ``LocalRecognizer`` running patterns of ``smlint.pii.patterns``.
Context is applied by the recognizer itself (whole words, before and optionally after the
value, never across a sentence break), and results are marked as context-enhanced so
Presidio's substring-based lemma enhancer leaves them alone. Every result carries
``recognition_metadata["smlint"]``: the pattern name, the context word that raised the score
and the validation applied -- never the value.

``analyze`` is Presidio's entry point; ``find`` is the same with a pre-test: smlint's engine
passes ``Analysis.may_match``, and patterns whose key the post cannot meet are not run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from smlint.pii.context import ContextWords, context_after, context_before, context_words
from smlint.pii.patterns import (
    AGE_RES,
    CASE_MIN_DIGITS,
    SPEC_GROUPS,
    THRESHOLD,
    Spec,
    _digits,
    age_tie,
    case_word_re,
    dob_specs,
    identifier_patterns,
    plausible_birth_year,
    spec_key,
)
from smlint.pii.presidio import LocalRecognizer, RecognizerResult
from smlint.pii.public import PUBLIC, case_context

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

    from smlint.config import Settings

META = "smlint"
MayMatch = Callable[[Hashable], bool]


def _anything(_key: Hashable) -> bool:
    return True


def make_result(
    recognizer: LocalRecognizer,
    entity: str,
    start: int,
    end: int,
    score: float,
    pattern: str,
    context: str = "",
    validation: str = "",
    judged: str = "",
) -> RecognizerResult:
    info: dict[str, Any] = {"pattern": pattern}
    if context:
        info["context"] = context
    if validation:
        info["validation"] = validation
    if judged:
        info["judged"] = judged  # the public/private cue that decided (smlint.pii.public)
    return RecognizerResult(
        entity_type=entity,
        start=start,
        end=end,
        score=round(score, 2),
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: recognizer.name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
            RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: True,
            META: info,
        },
    )


class SpecRecognizer(LocalRecognizer):
    """Runs a list of ``Spec`` patterns with smlint's whole-word, same-sentence context."""

    def __init__(self, name: str, specs: Iterable[Spec]) -> None:
        self.specs = tuple(specs)
        # Specs sharing one regex (the government-ID types) scan the text once.
        groups: dict[re.Pattern[str], list[Spec]] = {}
        for spec in self.specs:
            groups.setdefault(spec.regex, []).append(spec)
        self.groups = tuple(
            (regex, tuple((spec, spec_key(name, spec)) for spec in group))
            for regex, group in groups.items()
        )
        lex = context_words()
        words = sorted({w for s in self.specs if s.context for w in lex.context_words[s.context]})
        super().__init__(
            supported_entities=sorted({s.entity for s in self.specs}),
            name=name,
            context=words,
        )

    def load(self) -> None:
        return None

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        return self.find(text, entities, nlp_artifacts, _anything)

    def find(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None,
        may_match: MayMatch,
    ) -> list[RecognizerResult]:
        """``analyze`` skipping the specs whose pre-test key the post cannot meet."""
        out: list[RecognizerResult] = []
        for regex, group in self.groups:
            specs = [spec for spec, key in group if spec.entity in entities and may_match(key)]
            if not specs:
                continue
            lex = context_words()
            for m in regex.finditer(text):
                for spec in specs:
                    out.extend(self._one(text, m, spec, lex))
        return out

    def _one(
        self, text: str, m: re.Match[str], spec: Spec, lex: ContextWords
    ) -> Iterator[RecognizerResult]:
        validation, score, ctx_score = "", spec.score, spec.context_score
        if spec.check is not None:
            checked = spec.check(m)
            if checked is None:
                return
            validation, new_score, new_ctx = checked
            if new_score is not None and spec.score < THRESHOLD <= new_score:
                raise ValueError(f"check of {spec.name!r} drops the need for context (see Spec)")
            score = score if new_score is None else new_score
            ctx_score = ctx_score if new_ctx is None else new_ctx
        start, end = m.span(spec.group)
        word = ""
        if spec.context and ctx_score > score:
            pattern = lex.context[spec.context]
            found = context_before(text, start, pattern, spec.before) or context_after(
                text, end, pattern, spec.after
            )
            if found is not None:
                word = found.group(0).lower()
                # The nearer the context word, the higher the score (a tie-break between
                # types that share a pattern, e.g. passport vs Medicaid numbers).
                gap = start - found.end() if found.end() <= start else found.start() - end
                score = ctx_score - min(max(gap, 0), 40) / 1000
        if not word and spec.negative:
            label = context_before(text, start, lex.context[spec.negative], spec.negative_before)
            if label is not None:
                return
        if score >= THRESHOLD:
            yield make_result(self, spec.entity, start, end, score, spec.name, word, validation)


class BirthDateRecognizer(LocalRecognizer):
    """SM107: dates of birth (patterns, and NER DATE entities) with birth words; ages."""

    def __init__(self) -> None:
        self._dob = SpecRecognizer(*dob_specs())
        # An age is a finding only with a tie (``age_tie``); its key's pre-test needs one.
        self._ages = tuple((name, regex, ("pii", "age", name)) for name, regex in AGE_RES)
        super().__init__(
            supported_entities=["DATE_OF_BIRTH", "AGE"],
            name="SmlintBirthDateRecognizer",
            context=list(context_words().context_words["dob"]),
        )

    def load(self) -> None:
        return None

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        return self.find(text, entities, nlp_artifacts, _anything)

    def find(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None,
        may_match: MayMatch,
    ) -> list[RecognizerResult]:
        out: list[RecognizerResult] = []
        if "DATE_OF_BIRTH" in entities:
            out = [
                make_result(
                    self, r.entity_type, r.start, r.end, r.score, **r.recognition_metadata[META]
                )
                for r in self._dob.find(text, ["DATE_OF_BIRTH"], nlp_artifacts, may_match)
            ]
            out.extend(self._ner_dates(text, nlp_artifacts, out))
        if "AGE" in entities:
            for name, regex, key in self._ages:
                if not may_match(key):
                    continue
                for m in regex.finditer(text):
                    group = "v" if m.group("v") else "v2"
                    if not 0 < int(m.group(group)) <= 120:
                        continue
                    tie = age_tie(text, m)
                    if tie:
                        out.append(make_result(self, "AGE", *m.span(group), 0.7, name, tie))
        return out

    def _ner_dates(
        self, text: str, nlp_artifacts: NlpArtifacts | None, found: list[RecognizerResult]
    ) -> Iterator[RecognizerResult]:
        if nlp_artifacts is None:
            return
        pattern = context_words().context["dob"]
        for ent in nlp_artifacts.entities:
            if ent.label_ != "DATE" or any(
                r.start < ent.end_char and ent.start_char < r.end for r in found
            ):
                continue
            years = re.findall(r"\b\d{4}\b", ent.text)
            if years and not plausible_birth_year(years[-1]):
                continue
            word = context_before(text, ent.start_char, pattern, 30)
            if word is not None:
                yield make_result(
                    self,
                    "DATE_OF_BIRTH",
                    ent.start_char,
                    ent.end_char,
                    0.85,
                    "ner-date",
                    word.group(0).lower(),
                )


class CaseNumberRecognizer(LocalRecognizer):
    """SM104: the agency's ``[identifiers]`` patterns, and numbers after case/claim words."""

    def __init__(self, settings: Settings) -> None:
        lex = context_words()
        self.identifiers = tuple(
            (name, pattern, ("pii", "identifier", i, name))
            for i, (name, pattern) in enumerate(identifier_patterns(settings))
        )
        self.generic = case_word_re()
        super().__init__(
            supported_entities=["CASE_NUMBER"],
            name="SmlintCaseNumberRecognizer",
            context=[*lex.case_bare, *lex.case_marked],
        )

    def load(self) -> None:
        return None

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        return self.find(text, entities, nlp_artifacts, _anything)

    def find(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None,
        may_match: MayMatch,
    ) -> list[RecognizerResult]:
        if "CASE_NUMBER" not in entities:
            return []
        out = []
        for name, pattern, key in self.identifiers:
            if not may_match(key):
                continue
            for m in pattern.finditer(text):
                if m.end() > m.start():
                    out.append(
                        make_result(self, "CASE_NUMBER", *m.span(), 0.95, f"identifiers.{name}")
                    )
        if not may_match(("pii", "case-word")):
            return out
        for m in self.generic.finditer(text):
            value = m.group("v")
            digits = _digits(value)
            if len(digits) < CASE_MIN_DIGITS or (
                len(value) == 4 and re.fullmatch(r"(?:19|20)\d\d", value)
            ):
                continue
            word = " ".join(m.group("ctx").lower().split())
            # A reference to quote when calling, a police log, or a weak word ("ticket")
            # with no person tied to it is not a person's matter.
            side, cue = case_context(text, *m.span("v"), word)
            if side == PUBLIC:
                continue
            out.append(
                make_result(self, "CASE_NUMBER", *m.span("v"), 0.85, "case-word", word, judged=cue)
            )
        return out


def pattern_recognizers(settings: Settings) -> list[LocalRecognizer]:
    """The identifier recognizers (SM101-SM104, SM107-SM110), in a fixed order."""
    specs = dict(group() for group in SPEC_GROUPS)

    def recognizer(name: str) -> SpecRecognizer:
        return SpecRecognizer(name, specs[name])

    return [
        recognizer("SmlintSsnRecognizer"),
        recognizer("SmlintUsPhoneRecognizer"),
        recognizer("SmlintEmailRecognizer"),
        CaseNumberRecognizer(settings),
        recognizer("SmlintTaxIdRecognizer"),
        recognizer("SmlintFinancialRecognizer"),
        recognizer("SmlintGovernmentIdRecognizer"),
        BirthDateRecognizer(),
    ]
