"""Recognizers that need a person in context: names (SM105), addresses (SM106) and a
client's situation (SM111).

They work without an NER model (capitalised name sequences next to client words) and use
one when the pipeline has it: PERSON entities become name candidates, GPE/LOC/ORG/FAC
entities are never names, and a GPE right after a street address completes it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from smlint.analysis.agency import AgencyNames, normalise
from smlint.analysis.sentences import window_end, window_start
from smlint.pii.context import context_words
from smlint.pii.patterns import (
    _FOR_CLIENT_RE,
    _OF_PERSON_RE,
    _OWNER_RE,
    ADDRESS_RE,
    AGGREGATE_RE,
    CLIENT_AFTER_RE,
    CONDITIONAL_RE,
    HONORIFIC_NAME_RE,
    NAME_AFTER_RE,
    NAME_BEFORE_RE,
    NAME_RE,
    NON_PERSON_LABELS,
    STRONG_PII_RE,
    _alt,
    situation_patterns,
)
from smlint.pii.presidio import LocalRecognizer, RecognizerResult
from smlint.pii.public import context_lexicon, person_words
from smlint.pii.recognizers import MayMatch, _anything, make_result

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

    from smlint.config import Settings

HONORIFIC_BEFORE_RE = re.compile(r"\b(?:Mr|Mrs|Ms|Mx|Miss|Dr)\.?\s+$")
WORD_RE = re.compile(r"[\w'’.\-]+")
FOLLOWING_WORD_RE = re.compile(r"[ ]+([A-Za-z]+)")
PERSON_KEYS = ("client", "relation", "after", "before")


class PersonNameRecognizer(LocalRecognizer):
    """SM105: private persons' names in a client context."""

    def __init__(self, settings: Settings) -> None:
        agency = settings.agency
        self.public = tuple(normalise(n) for n in agency.public_figures if n.strip())
        self.agency_names = AgencyNames.of(agency).normalised
        super().__init__(
            supported_entities=["PERSON"],
            name="SmlintPersonNameRecognizer",
            context=sorted(context_words().client_words),
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
        if "PERSON" not in entities:
            return []
        candidates: list[tuple[int, int, str]] = []
        blocked: list[tuple[int, int]] = []
        # What ``_judge`` can name as the reason (a client word also covers a leading one):
        # a post with none of them has no name finding.
        can = {k: may_match(("pii", "person", k)) for k in PERSON_KEYS}
        if not any(can.values()):
            return []
        can["strong"] = may_match(("person-hint", "strong"))
        if nlp_artifacts is not None:
            for ent in nlp_artifacts.entities:
                if ent.label_ == "PERSON":
                    candidates.append((ent.start_char, ent.end_char, "ner-person"))
                elif ent.label_ in NON_PERSON_LABELS:
                    blocked.append((ent.start_char, ent.end_char))
        for m in NAME_RE.finditer(text):
            candidates.append((m.start(), m.end(), "capitalised-name"))
        if may_match(("person-hint", "honorific")):
            for m in HONORIFIC_NAME_RE.finditer(text):
                candidates.append((m.start("name"), m.end("name"), "honorific-name"))
        out: list[RecognizerResult] = []
        taken: list[tuple[int, int]] = []
        for start, end, pattern in candidates:
            if any(s < end and start < e for s, e in taken):
                continue
            if pattern != "ner-person" and any(s < end and start < e for s, e in blocked):
                continue
            found = self._judge(text, start, end, pattern, can)
            if found is not None:
                s, e, word = found
                taken.append((start, end))
                out.append(make_result(self, "PERSON", s, e, 0.85, pattern, word))
        return out

    def _judge(
        self, text: str, start: int, end: int, pattern: str, can: dict[str, bool]
    ) -> tuple[int, int, str] | None:
        lex = context_words()
        tokens = [
            (m.start() + start, m.end() + start, m.group(0))
            for m in WORD_RE.finditer(text[start:end])
        ]
        lead_client = ""
        titled = False
        # Strip leading client words ("Resident Phil Kastner"), honorifics and sentence words.
        while tokens:
            word = tokens[0][2].lower().rstrip(".")
            if word in lex.client_words:
                lead_client = word
            elif word in lex.role_words and not lead_client:
                return None  # "Mayor Satya Rhodes-Conway"
            elif word not in lex.not_names and word not in lex.name_prefixes:
                break
            titled = titled or word in lex.name_prefixes
            tokens.pop(0)
        minimum = 2 if pattern == "capitalised-name" else 1
        if len(tokens) < minimum:
            return None
        # A capitalised pair is a person only with a person signal: a title, a first name or
        # a surname from the names lists (not "Protection Hotline", "Satisfaction Survey").
        if (
            pattern == "capitalised-name"
            and not titled
            and not HONORIFIC_BEFORE_RE.search(text, max(0, tokens[0][0] - 8), tokens[0][0])
            and not person_words(tokens[0][2], tokens[-1][2])
        ):
            return None
        start, end = tokens[0][0], tokens[-1][1]
        words = [t[2].lower().strip(".'’") for t in tokens]
        if any(w in lex.org_words or w in lex.not_names or w in lex.client_words for w in words):
            return None
        following = FOLLOWING_WORD_RE.match(text[end : end + 20])
        if following and following.group(1).lower() in lex.org_words:
            return None
        name = normalise(text[start:end])
        if name in self.agency_names or any(p and (p in name or name in p) for p in self.public):
            return None
        word = lead_client or self._context(text, start, end, can)
        if not word:
            word = self._addressed_client(text, start, end)
        if not word:
            return None
        return start, end, word

    @staticmethod
    def _addressed_client(text: str, start: int, end: int) -> str:
        """A name the post greets and then discusses the matter of ("Hi John Miller, I
        checked your claim"), or one called a client right after ("..., one of our
        longtime clients")."""
        lex = context_lexicon()
        if lex.client_after.match(text, end):
            return "client-after-name"
        if lex.greetings.search(text[window_start(text, start, 40) : start]) and (
            lex.your_matter.search(text, end)
        ):
            return "greeting-your-matter"
        return ""

    def _context(self, text: str, start: int, end: int, can: dict[str, bool]) -> str:
        """The client word or personal-data marker that makes this name a client's.

        In order: a client word just before the name (unless a role word follows it); none
        if a role word is just before; personal data after the name; a client appositive;
        a record "for" the name; a client and personal data in the sentence. ``can`` says
        which of these the post can hold at all: searches for the others are skipped, and
        the role words are looked for only when the answer depends on them."""
        lex = context_words()
        before = text[window_start(text, start, 40) : start]
        client = None
        if can["client"]:
            for m in lex.client.finditer(before):
                client = m
        if can["relation"]:
            for m in lex.relation.finditer(before):
                if client is None or m.start() > client.start():
                    client = m
        role = None
        if client:
            for m in lex.role.finditer(before):
                role = m
            if not (role and role.start() > client.start()):
                # Only the words just before the name count ("applicant SPC Jo Vue").
                between = before[client.end() :].split()
                # "residents of Red Feather Lakes", "the victim was in La Belle": a place.
                if len(between) <= 2 and not any(w.lower() in lex.prepositions for w in between):
                    return client.group(0).lower()
        word = self._other_reason(text, start, end, before, can)
        if not word:
            return ""
        if client is None:
            for m in lex.role.finditer(before):
                role = m
        if role is not None and len(before[role.end() :].split()) <= 2:
            return ""
        return word

    @staticmethod
    def _other_reason(text: str, start: int, end: int, before: str, can: dict[str, bool]) -> str:
        lex = context_words()
        if can["after"] and NAME_AFTER_RE.match(text, end):
            return "personal-data-after-name"
        appositive = CLIENT_AFTER_RE.match(text, end) if can["client"] else None
        if appositive:
            for word in appositive.group("w1", "w2"):
                if word and lex.client.fullmatch(word):
                    return word.lower()
        if can["before"] and NAME_BEFORE_RE.search(before):
            return "record-for-name"
        # A client named earlier in the sentence and personal data in it ("the participant
        # featured in our story is Kylie M. (DOB ...)").
        if not (can["client"] and can["strong"]):
            return ""
        lead = text[window_start(text, start, 300) : start]
        sent = text[start : window_end(text, end, 300)]
        if lex.client.search(lead) and STRONG_PII_RE.search(lead + sent):
            return "client-and-personal-data-in-sentence"
        return ""


class AddressRecognizer(LocalRecognizer):
    """SM106: street addresses tied to a private person, not offices, venues or events."""

    def __init__(self, settings: Settings) -> None:
        self.public = tuple(normalise(a) for a in settings.agency.public_addresses if a.strip())
        super().__init__(
            supported_entities=["STREET_ADDRESS"],
            name="SmlintAddressRecognizer",
            context=["home", "residence", "lives", "resident"],
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
        if "STREET_ADDRESS" not in entities or not may_match(("pii", "address")):
            return []
        out = []
        for m in ADDRESS_RE.finditer(text):
            start, end = m.start(), m.end()
            if text[end - 1] == "." and not re.search(
                r"\b(?:St|Ave|Rd|Dr|Ct|Blvd|Ln|Pl)\.$", text[start:end]
            ):
                end -= 1
            end = self._extend_with_place(text, end, nlp_artifacts)
            if self._public(text[start:end]):
                continue
            word = self._person_word(text, start) or self._person_after(text, end)
            if word:
                out.append(
                    make_result(self, "STREET_ADDRESS", start, end, 0.8, "street-address", word)
                )
        return out

    @staticmethod
    def _extend_with_place(text: str, end: int, nlp_artifacts: NlpArtifacts | None) -> int:
        if nlp_artifacts is None:
            return end
        for ent in nlp_artifacts.entities:
            if (
                ent.label_ == "GPE"
                and 0 <= ent.start_char - end <= 2
                and text[end : ent.start_char] in (", ", " ", ",")
            ):
                return ent.end_char
        return end

    def _public(self, candidate: str) -> bool:
        norm = normalise(candidate)
        return any(p and (p.startswith(norm) or norm.startswith(p)) for p in self.public)

    @staticmethod
    def _person_after(text: str, end: int) -> str:
        """ "... to 1423 Prairie Ln, Cheyenne for claimant Joe Sample": a client named after."""
        after = text[end : window_end(text, end, 40)]
        m = _FOR_CLIENT_RE.match(after)
        if m and context_words().client.fullmatch(m.group("word")):
            return m.group("word").lower()
        return ""

    @staticmethod
    def _person_word(text: str, start: int) -> str:
        lex = context_words()
        before = text[window_start(text, start, 80) : start]
        if _OF_PERSON_RE.search(before):
            return "of"
        owner = _OWNER_RE.search(before)
        if owner:
            return "address-of-person"
        person = venue = None
        for m in lex.address_person.finditer(before):
            person = m
        for m in lex.address_venue.finditer(before):
            venue = m
        if person is None or (venue is not None and venue.start() > person.start()):
            return ""
        return person.group(0).lower()


class ClientSituationRecognizer(LocalRecognizer):
    """SM111: a specific client's status or outcome stated in public.

    Emits a candidate per status clause; the engine keeps it when the post is about one
    identifiable client (a possessive pronoun in the clause, a reply to one person, or other
    personal data in the post). Aggregates ("82% were working") and conditionals ("if your
    claim is denied") are not candidates.
    """

    def __init__(self) -> None:
        lex = context_words()
        self.procedural = re.compile(rf"(?:{_alt(lex.situation_procedural)})\b", re.IGNORECASE)
        self.patterns = tuple(
            (name, pattern, ("pii", "situation", name)) for name, pattern in situation_patterns()
        )
        nouns = _alt(tuple(w for w in lex.situation_subjects if w.isalpha() and len(w) > 3))
        self.possessive = re.compile(
            rf"\b(?:his|her|their)\s+(?:[\w\-]+\s+){{0,3}}?(?:{nouns})\b", re.IGNORECASE
        )
        super().__init__(
            supported_entities=["CLIENT_SITUATION"],
            name="SmlintClientSituationRecognizer",
            context=list(lex.situation_subjects),
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
        if "CLIENT_SITUATION" not in entities:
            return []
        out = []
        for name, pattern, key in self.patterns:
            if not may_match(key):
                continue
            for m in pattern.finditer(text):
                out.extend(self._clause(text, m, name))
        return out

    def _clause(self, text: str, m: re.Match[str], name: str) -> Iterator[RecognizerResult]:
        sent_start = window_start(text, m.start(), 200)
        before = text[sent_start : m.start()]
        clause_start = max(before.rfind(","), before.rfind(";"), before.rfind(":"))
        subject = before[clause_start + 1 :] if clause_start >= 0 else before
        if AGGREGATE_RE.search(subject) or CONDITIONAL_RE.search(before):
            return
        if self.procedural.search(m.group(0)) and not context_words().benefit_subjects.search(
            before[-80:]
        ):
            return
        if re.search(r"\b(?:you|we|i|they)\s*$", subject, re.IGNORECASE) and name not in (
            "payment-to-you",
        ):
            return
        # The reported span runs from the subject to the end of the clause.
        subj = re.search(r"(?<![@\w'’\-#])[\w'’]+(?:\s+[\w'’\-]+){0,3}\s*$", subject)
        start = m.start() - (len(subject) - subj.start()) if subj else m.start()
        end_m = re.compile(r"[.;!?\n]|,\s+(?:and|but)\b|\s+—").search(text, m.end())
        end = end_m.start() if end_m else len(text)
        end = min(end, m.end() + 80)
        strength = "clause"
        clause = text[start : m.end()]
        # "her claim was denied", "he is on probation": one person's status, even alone.
        if self.possessive.search(clause) or (
            name == "status-on" and re.search(r"\b(?:he|she)\b", clause, re.IGNORECASE)
        ):
            strength = "pronoun"
        yield make_result(self, "CLIENT_SITUATION", start, end, 0.6, name, "", strength)


def context_recognizers(settings: Settings) -> list[LocalRecognizer]:
    return [
        PersonNameRecognizer(settings),
        AddressRecognizer(settings),
        ClientSituationRecognizer(),
    ]
