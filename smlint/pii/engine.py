"""The Presidio adapter: one offline AnalyzerEngine per process, fed the post's shared doc.

- Offline: the engine gets an explicit recognizer list and an NLP engine wrapping smlint's
  own pipeline (``--nlp-model``), so Presidio never loads or downloads a spaCy model; the
  tldextract suffix-list fetch is disabled before Presidio is imported (``smlint.pii.presidio``;
  no recognizer here uses tldextract, but Presidio's email recognizer module imports it).
- One NLP run: ``analysis.doc`` (built once per post) becomes Presidio's ``NlpArtifacts``;
  without an entity-producing component the doc is not needed at all.
- Per post, the engine runs the registry's recognizers for the wanted entities itself, with
  the same steps as ``AnalyzerEngine.analyze`` (score threshold, Presidio's de-duplication)
  minus what is a no-op for smlint's recognizers (the registry look-up, done once per entity
  set; context enhancement, which the recognizers apply themselves).
- Afterwards smlint applies the agency's allow-lists, drops the author's signature, resolves
  overlaps between types (one finding per span, the most specific type) and keeps a client
  situation (SM111) only when the post is about one identifiable client.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from smlint.pii.public import (
    APPEAL_ENTITIES,
    PUBLIC,
    STRONG_ENTITIES,
    appeal_cue,
    contact_context,
    role_mailbox,
)
from smlint.pii.table import CLAUSE_ENTITIES, ENTITY_CODES

if TYPE_CHECKING:
    from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerResult
    from presidio_analyzer.nlp_engine import NlpArtifacts
    from spacy.tokens import Doc

    from smlint.analysis import Analysis, Resources
    from smlint.config import Settings

LANGUAGE = "en"
ENT_COMPONENTS = frozenset({"ner", "entity_ruler", "span_ruler"})
SECOND_PERSON_RE = re.compile(r"\b(?:you|your|yours)\b", re.IGNORECASE)
NOT_IDENTIFYING = frozenset({"PHONE_NUMBER", "EMAIL_ADDRESS", "AGE"})
REPLY_RE = re.compile(
    r"^\s*(?:(?:hi|hey|hello|dear|thanks|thank you)\b[\s,!]*)?(?:@\w+[\s,:]+)+"
    r"|^\s*re:\s*your\b",
    re.IGNORECASE,
)


def _offline_environment() -> None:
    """Disable tldextract's network fetch of the public suffix list (smlint.pii.presidio)."""
    from smlint.pii.presidio import offline

    offline()


@dataclass(frozen=True)
class PiiSpan:
    """One resolved PII finding: entity, code, character range and why (never the value)."""

    entity: str
    code: str
    start: int
    end: int
    score: float
    recognizer: str
    pattern: str
    context: str = ""
    validation: str = ""
    judged: str = ""  # the public/private cue that kept it (smlint.pii.public)

    def detail(self) -> dict[str, str | float]:
        out: dict[str, str | float] = {
            "entity": self.entity,
            "recognizer": self.recognizer,
            "pattern": self.pattern,
            "score": self.score,
        }
        if self.context:
            out["context"] = self.context
        if self.validation:
            out["validation"] = self.validation
        if self.judged:
            out["judged"] = self.judged
        return out


def artifacts_from_doc(doc: Doc | None, nlp_engine: Any = None) -> NlpArtifacts:
    """Presidio's view of an existing spaCy doc (no second NLP run)."""
    from presidio_analyzer.nlp_engine import NlpArtifacts

    if doc is None:
        return NlpArtifacts([], None, [], [], None, LANGUAGE)  # type: ignore[arg-type]
    return NlpArtifacts(
        entities=list(doc.ents),
        tokens=doc,
        tokens_indices=[t.idx for t in doc],
        lemmas=[t.lemma_ or t.lower_ for t in doc],
        nlp_engine=nlp_engine,
        language=LANGUAGE,
    )


def _shared_nlp_engine(resources: Resources) -> Any:
    """An NlpEngine over smlint's pipeline, for callers that do not pass artifacts."""
    from presidio_analyzer.nlp_engine import NlpEngine

    class SharedNlpEngine(NlpEngine):
        def load(self) -> None:
            return None

        def is_loaded(self) -> bool:
            return True

        def process_text(self, text: str, language: str) -> NlpArtifacts:
            from smlint.analysis.nlp import parse

            return artifacts_from_doc(parse(resources.nlp, text), self)

        def process_batch(
            self,
            texts: Iterable[str],
            language: str,
            batch_size: int = 1,
            n_process: int = 1,
            **kwargs: Any,
        ) -> Iterator[tuple[str, Any]]:
            for text in texts:
                yield text, self.process_text(text, language)

        def is_stopword(self, word: str, language: str) -> bool:
            return bool(resources.nlp.vocab[word].is_stop)

        def is_punct(self, word: str, language: str) -> bool:
            return bool(resources.nlp.vocab[word].is_punct)

        def get_supported_entities(self) -> list[str]:
            return ["PERSON", "GPE", "DATE", "ORG", "LOC", "FAC"]

        def get_supported_languages(self) -> list[str]:
            return [LANGUAGE]

    return SharedNlpEngine()


def _skip_enhancer() -> Any:
    """Our recognizers apply whole-word context themselves; skip Presidio's lemma pass."""
    from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer

    class AppliedByRecognizers(ContextAwareEnhancer):
        def __init__(self) -> None:
            super().__init__(
                context_similarity_factor=0,
                min_score_with_context_similarity=0,
                context_prefix_count=0,
                context_suffix_count=0,
            )

        def enhance_using_context(
            self, text, raw_results, nlp_artifacts, recognizers, context=None
        ):  # type: ignore[no-untyped-def]
            return raw_results

    return AppliedByRecognizers()


def recognizers_for(settings: Settings) -> list[Any]:
    """smlint's explicit, US-only recognizer list."""
    from smlint.pii.people import context_recognizers
    from smlint.pii.recognizers import pattern_recognizers

    return [*pattern_recognizers(settings), *context_recognizers(settings)]


class PiiEngine:
    """Runs Presidio with smlint's recognizers and post-processes the results."""

    def __init__(self, resources: Resources) -> None:
        _offline_environment()
        from smlint.pii.presidio import (
            AnalyzerEngine,
            EntityRecognizer,
            RecognizerRegistry,
            RecognizerResult,
        )
        from smlint.pii.recognizers import THRESHOLD

        settings = resources.settings
        registry = RecognizerRegistry(
            recognizers=recognizers_for(settings), supported_languages=[LANGUAGE]
        )
        self.resources = resources
        self.settings = settings
        self.analyzer: AnalyzerEngine = AnalyzerEngine(
            registry=registry,
            nlp_engine=_shared_nlp_engine(resources),
            supported_languages=[LANGUAGE],
            default_score_threshold=THRESHOLD,
            context_aware_enhancer=_skip_enhancer(),
        )
        self.entities = tuple(sorted(self.analyzer.get_supported_entities(LANGUAGE)))
        self._phones = frozenset(
            p for p in (_phone_key(x) for x in settings.agency.public_phones) if p
        )
        self._emails = frozenset(e.strip().lower() for e in settings.agency.public_emails)
        self._domains = tuple(
            d.strip().lower().lstrip("@.") for d in settings.agency.official_domains if d.strip()
        )
        self._uses_ner: bool | None = None
        self._selections: dict[frozenset[str] | None, _Selection | None] = {}
        self._empty_artifacts: NlpArtifacts | None = None
        self._remove_duplicates = EntityRecognizer.remove_duplicates
        self._id_key = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
        self._name_key = RecognizerResult.RECOGNIZER_NAME_KEY

    def uses_ner(self) -> bool:
        if self._uses_ner is None:
            self._uses_ner = bool(ENT_COMPONENTS & set(self.resources.nlp.pipe_names))
        return self._uses_ner

    def analyze(
        self,
        text: str,
        doc: Doc | None,
        codes: Iterable[str] | None = None,
        may_match: Callable[[Hashable], bool] | None = None,
    ) -> list[RecognizerResult]:
        selection = self._selection(frozenset(codes) if codes is not None else None)
        if selection is None:
            return []
        return self._run(text, doc, selection, may_match)

    def _selection(self, wanted: frozenset[str] | None) -> _Selection | None:
        """The entity types to look for and the registry's recognizers for them, looked up
        once per set of wanted codes."""
        if wanted in self._selections:
            return self._selections[wanted]
        entities = [e for e in self.entities if wanted is None or ENTITY_CODES[e].code in wanted]
        if wanted is not None and "SM111" in wanted:
            entities = list(self.entities)  # a situation needs the other findings as signal
        found = None
        if entities:
            registry = self.analyzer.registry
            chosen = {id(r) for r in registry.get_recognizers(LANGUAGE, entities)}
            recognizers = tuple(r for r in registry.recognizers if id(r) in chosen)
            for recognizer in recognizers:
                if not recognizer.is_loaded:
                    recognizer.load()
                    recognizer.is_loaded = True
            thresholds = {r.id: r.score_thresholds for r in recognizers}
            found = _Selection(entities, recognizers, thresholds)
        self._selections[wanted] = found
        return found

    def _artifacts(self, doc: Doc | None) -> NlpArtifacts:
        if doc is not None:
            return artifacts_from_doc(doc)
        if self._empty_artifacts is None:  # nothing reads or changes it: build it once
            self._empty_artifacts = artifacts_from_doc(None)
        return self._empty_artifacts

    def _run(
        self,
        text: str,
        doc: Doc | None,
        selection: _Selection,
        may_match: Callable[[Hashable], bool] | None = None,
    ) -> list[RecognizerResult]:
        """``AnalyzerEngine.analyze`` step by step, minus its per-call overhead and the
        context enhancement, a no-op here (the recognizers apply context themselves)."""
        entities = selection.entities
        artifacts = self._artifacts(doc)
        results: list[RecognizerResult] = []
        for recognizer in selection.recognizers:
            if may_match is None:
                found = recognizer.analyze(text=text, entities=entities, nlp_artifacts=artifacts)
            else:  # smlint's recognizers skip what the post cannot hold
                found = recognizer.find(text, entities, artifacts, may_match)
            if found:
                for result in found:
                    meta = result.recognition_metadata
                    if meta is None:
                        meta = result.recognition_metadata = {}
                    meta.setdefault(self._id_key, recognizer.id)
                    meta.setdefault(self._name_key, recognizer.name)
                results.extend(found)
        if not results:
            return results
        default = self.analyzer.default_score_threshold
        kept = []
        for result in results:
            own = selection.thresholds.get(result.recognition_metadata[self._id_key])
            if own is None:
                threshold = default
            elif own.get(result.entity_type) is not None:
                threshold = own[result.entity_type]
            else:
                threshold = own.get("default", default)
            if result.score >= threshold:
                kept.append(result)
        kept = self._remove_duplicates(kept)
        for result in kept:
            result.analysis_explanation = None
        return kept

    def find(self, analysis: Analysis) -> list[PiiSpan]:
        """Resolved PII spans of one post, for the codes wanted for it."""
        doc = analysis.doc if self.uses_ner() else None
        results = self.analyze(analysis.text, doc, analysis.wanted, analysis.may_match)
        if not results:  # most posts: no allow-list, signature or overlap work to do
            return []
        sig = analysis.signoff
        return self.resolve(
            analysis.text,
            results,
            (sig.start, sig.end) if sig else None,
            mode=analysis.post.mode,
        )

    def resolve(
        self,
        text: str,
        results: list[RecognizerResult],
        signature: tuple[int, int] | None = None,
        mode: str = "official",
    ) -> list[PiiSpan]:
        spans = [s for s in (_span(r) for r in results) if self._keep(text, s, signature)]
        spans = [s for s in (self._contact(text, s, signature, mode) for s in spans) if s]
        values = _resolve_overlaps([s for s in spans if s.entity not in CLAUSE_ENTITIES])
        clauses = _longest([s for s in spans if s.entity in CLAUSE_ENTITIES])
        # A published appeal or court release names people, ages and references on purpose;
        # with a private identifier beside them (SSN, DOB, home address ...) it is a record.
        appeal = any(s.entity in APPEAL_ENTITIES for s in spans) and not any(
            s.entity in STRONG_ENTITIES for s in values
        )
        if appeal and appeal_cue(text):
            values = [v for v in values if v.entity not in APPEAL_ENTITIES]
            clauses = []
        # A situation is a client's when the post identifies one (not by contact details
        # or an age alone, which agency and news posts carry), when it is a reply about the
        # addressee's own matter ("your claim ..."), or when a pronoun names whose it is.
        identified = any(v.entity not in NOT_IDENTIFYING for v in values)
        reply = bool(REPLY_RE.match(text))
        clauses = [
            c
            for c in clauses
            if identified
            or c.validation == "pronoun"
            or (reply and SECOND_PERSON_RE.search(text, max(0, c.start - 40), c.end))
        ]
        return sorted(values + clauses, key=lambda s: (s.start, s.end, s.code))

    def _keep(self, text: str, span: PiiSpan, signature: tuple[int, int] | None) -> bool:
        value = text[span.start : span.end]
        if span.entity == "PHONE_NUMBER":
            return _phone_key(value) not in self._phones and not self._local_public(value)
        if span.entity == "EMAIL_ADDRESS":
            lower = value.lower()
            domain = lower.rsplit("@", 1)[-1]
            return lower not in self._emails and not any(
                domain == d or domain.endswith("." + d) for d in self._domains
            )
        if span.entity in ("PERSON", "CLIENT_SITUATION") and signature is not None:
            return not (span.start < signature[1] and signature[0] < span.end)
        return True

    def _contact(
        self, text: str, span: PiiSpan, signature: tuple[int, int] | None, mode: str
    ) -> PiiSpan | None:
        """A phone number or email the post presents as public is dropped; a kept one
        says which cue made it private."""
        if span.entity not in ("PHONE_NUMBER", "EMAIL_ADDRESS"):
            return span
        if signature is not None and span.start < signature[1] and signature[0] < span.end:
            return None  # the author's signature block: the contact they publish
        value = text[span.start : span.end]
        side, cue = contact_context(
            text,
            span.start,
            span.end,
            entity=span.entity,
            mode=mode,
            strict_agency_lines=bool(self._phones),
            role_mailbox=span.entity == "EMAIL_ADDRESS" and role_mailbox(value),
        )
        if side == PUBLIC:
            return None
        return replace(span, judged=cue)

    def _local_public(self, value: str) -> bool:
        digits = re.sub(r"\D", "", value.split("x")[0].split("ext")[0])
        return len(digits) == 7 and any(p.endswith(digits) for p in self._phones)


@dataclass(frozen=True)
class _Selection:
    entities: list[str]
    recognizers: tuple[EntityRecognizer, ...]
    thresholds: dict[str, dict[str, float]]  # recognizer id -> its own score thresholds


@lru_cache(maxsize=4096)
def _phone_key(value: str) -> str:
    """A phone number in E.164 without extension (phonenumbers), or its digits. Kept per
    process: posts repeat the same numbers (the agency's own lines above all), and parsing
    one costs more than the rest of the post's PII stage."""
    import phonenumbers

    try:
        number = phonenumbers.parse(value, "US")
        return f"+{number.country_code}{number.national_number}"
    except phonenumbers.NumberParseException:
        digits = re.sub(r"\D", "", value)
        return digits


def _span(result: RecognizerResult) -> PiiSpan:
    meta = result.recognition_metadata or {}
    info = meta.get("smlint", {})
    return PiiSpan(
        entity=result.entity_type,
        code=ENTITY_CODES[result.entity_type].code,
        start=result.start,
        end=result.end,
        score=round(float(result.score), 2),
        recognizer=str(meta.get("recognizer_name", "")),
        pattern=str(info.get("pattern", "")),
        context=str(info.get("context", "")),
        validation=str(info.get("validation", "")),
        judged=str(info.get("judged", "")),
    )


def _resolve_overlaps(spans: list[PiiSpan]) -> list[PiiSpan]:
    """One finding per span: the most specific type, then the highest score, then longest."""
    order = sorted(
        spans,
        key=lambda s: (-ENTITY_CODES[s.entity].priority, -s.score, -(s.end - s.start), s.start),
    )
    kept: list[PiiSpan] = []
    for span in order:
        if all(span.end <= k.start or k.end <= span.start for k in kept):
            kept.append(span)
    return kept


def _longest(spans: list[PiiSpan]) -> list[PiiSpan]:
    kept: list[PiiSpan] = []
    for span in sorted(spans, key=lambda s: -(s.end - s.start)):
        if all(span.end <= k.start or k.end <= span.start for k in kept):
            kept.append(span)
    return kept


def pii_engine(resources: Resources) -> PiiEngine:
    """Resource factory: ``analysis.resources.get(pii_engine)``."""
    return PiiEngine(resources)


def find_pii(analysis: Analysis) -> list[PiiSpan]:
    """The post's resolved PII spans (``Analysis.pii``). A post that cannot hold any of the
    recognizers' patterns is not run through Presidio (which is not even imported then)."""
    if not analysis.any_candidate("pii"):
        return []
    return analysis.resources.get(pii_engine).find(analysis)


def default_presidio_engine() -> AnalyzerEngine:
    """Presidio's default recognizer set, offline (blank English pipeline), for comparison
    in the benchmark and the synthetic-data evaluation only."""
    _offline_environment()
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    from smlint.analysis.nlp import blank
    from smlint.pii.presidio import AnalyzerEngine

    class BlankSpacy(SpacyNlpEngine):
        def load(self) -> None:
            self.nlp = {LANGUAGE: blank()}

    engine = BlankSpacy(models=[{"lang_code": LANGUAGE, "model_name": "blank"}])
    engine.load()
    return AnalyzerEngine(nlp_engine=engine, supported_languages=[LANGUAGE])
