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

from smlint.pii.context import context_words, sentence_end, sentence_start
from smlint.pii.presidio import LocalRecognizer, RecognizerResult
from smlint.pii.recognizers import make_result
from smlint.pretest.needs import facts, requirement

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

    from smlint.config import Settings

NON_PERSON_LABELS = frozenset({"GPE", "LOC", "ORG", "FAC", "NORP", "PRODUCT", "EVENT"})

_CAP = r"(?:[A-Z][a-z]+|Mc[A-Z][a-z]+|O['’][A-Z][a-z]+)(?:-[A-Z][a-z]+)?"
NAME_RE = re.compile(
    rf"(?<![\w@#.'’\-]){_CAP}(?:[ ]+(?:[A-Z]\.[ ]+)?{_CAP}){{1,3}}(?![\w@]|['’](?!s\b))"
)
# What after a name ties it to personal data: "(SSN", ", DOB", "(born", ", 82, of", "'s claim".
NAME_AFTER_RE = re.compile(
    r"\s*(?:\(|,)\s*(?:SSN|DOB|D\.O\.B|born|date of birth)"
    r"|(?-i:,?\s+of\s+\d{1,6}\s+(?:[NSEW]\.?\s+)?(?:\d{1,3}(?:st|nd|rd|th)|[A-Z][a-z]+)\b)"
    r"|['’]s\s+(?:claim|case|application|packet|benefits|account|file|appeal|paperwork"
    r"|license|licence|address|home|ssn|date of birth|payment|eligibility|record)",
    re.IGNORECASE,
)
HONORIFIC_NAME_RE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Mx|Miss)\.?[ ]+(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b"
)
# "Jane Doe, a claimant from Casper" / "Jane Doe, our client,".
CLIENT_AFTER_RE = re.compile(
    r",\s+(?:a|an|our|the|your)\s+(?P<w1>[\w'’\-]+)(?:\s+(?P<w2>[\w'’]+))?"
)
NAME_BEFORE_RE = re.compile(
    r"\b(?:claim|case|account|file|records?|benefits|application|appeal|payment)\s+"
    r"(?:for|of)\s+$",
    re.IGNORECASE,
)
STRONG_PII_RE = re.compile(
    r"\b(?:SSN|DOB|date of birth|born|social security|driver['’]?s licen[cs]e|passport"
    r"|medicaid)\b",
    re.IGNORECASE,
)
# Words between a client word and a capitalised name that make it a place, not a person.
PREPOSITIONS = frozenset(
    (
        "of",
        "in",
        "from",
        "at",
        "near",
        "on",
        "to",
        "by",
        "was",
        "were",
        "is",
        "are",
        "across",
        "around",
        "throughout",
        "within",
        "into",
        "for",
        "with",
        "along",
        "outside",
        "inside",
        "about",
        "over",
        "under",
        "after",
        "before",
        "since",
        "during",
        "and",
        "or",
    )
)
WORD_RE = re.compile(r"[\w'’.\-]+")
ALNUM_RE = re.compile(r"[a-z0-9]+")
FOLLOWING_WORD_RE = re.compile(r"[ ]+([A-Za-z]+)")


def _norm(text: str) -> str:
    return " ".join(ALNUM_RE.findall(text.lower()))


class PersonNameRecognizer(LocalRecognizer):
    """SM105: private persons' names in a client context."""

    def __init__(self, settings: Settings) -> None:
        agency = settings.agency
        self.public = tuple(_norm(n) for n in agency.public_figures if n.strip())
        self.agency_names = frozenset(_norm(n) for n in (agency.name, *agency.aliases) if n)
        lex = context_words()
        # What ``_judge`` can name as the reason (a client word also covers a leading one):
        # a post with none of them has no name finding.
        self.context_needs = {
            "client": requirement(lex.client),
            "relation": requirement(lex.relation),
            "after": requirement(NAME_AFTER_RE),
            "before": requirement(NAME_BEFORE_RE),
        }
        self.honorific_need = requirement(HONORIFIC_NAME_RE)
        self.strong_need = requirement(STRONG_PII_RE)
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
        if "PERSON" not in entities:
            return []
        candidates: list[tuple[int, int, str]] = []
        blocked: list[tuple[int, int]] = []
        post = facts(text)
        can = {k: need.test(post) for k, need in self.context_needs.items()}
        if not any(can.values()):
            return []
        can["strong"] = self.strong_need.test(post)
        if nlp_artifacts is not None:
            for ent in nlp_artifacts.entities:
                if ent.label_ == "PERSON":
                    candidates.append((ent.start_char, ent.end_char, "ner-person"))
                elif ent.label_ in NON_PERSON_LABELS:
                    blocked.append((ent.start_char, ent.end_char))
        for m in NAME_RE.finditer(text):
            candidates.append((m.start(), m.end(), "capitalised-name"))
        if self.honorific_need.test(post):
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
        # Strip leading client words ("Resident Phil Kastner"), honorifics and sentence words.
        while tokens:
            word = tokens[0][2].lower().rstrip(".")
            if word in lex.client_words:
                lead_client = word
            elif word in lex.role_words and not lead_client:
                return None  # "Mayor Satya Rhodes-Conway"
            elif word not in lex.not_names and word not in lex.name_prefixes:
                break
            tokens.pop(0)
        minimum = 2 if pattern == "capitalised-name" else 1
        if len(tokens) < minimum:
            return None
        start, end = tokens[0][0], tokens[-1][1]
        words = [t[2].lower().strip(".'’") for t in tokens]
        if any(w in lex.org_words or w in lex.not_names or w in lex.client_words for w in words):
            return None
        following = FOLLOWING_WORD_RE.match(text[end : end + 20])
        if following and following.group(1).lower() in lex.org_words:
            return None
        name = _norm(text[start:end])
        if name in self.agency_names or any(p and (p in name or name in p) for p in self.public):
            return None
        word = lead_client or self._context(text, start, end, can)
        if not word:
            return None
        return start, end, word

    def _context(self, text: str, start: int, end: int, can: dict[str, bool]) -> str:
        """The client word or personal-data marker that makes this name a client's.

        In order: a client word just before the name (unless a role word follows it); none
        if a role word is just before; personal data after the name; a client appositive;
        a record "for" the name; a client and personal data in the sentence. ``can`` says
        which of these the post can hold at all: searches for the others are skipped, and
        the role words are looked for only when the answer depends on them."""
        lex = context_words()
        before = text[sentence_start(text, start, 40) : start]
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
                if len(between) <= 2 and not any(w.lower() in PREPOSITIONS for w in between):
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
        lead = text[sentence_start(text, start, 300) : start]
        sent = text[start : sentence_end(text, end, 300)]
        if lex.client.search(lead) and STRONG_PII_RE.search(lead + sent):
            return "client-and-personal-data-in-sentence"
        return ""


STREET_SUFFIX = (
    r"(?:Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Court|Ct|Boulevard|Blvd|Lane|Ln|Way|Place|Pl"
    r"|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Trail|Trl|Loop|Row|Pike|Alley|Square|Sq)"
)
ADDRESS_RE = re.compile(
    r"(?<![\w\-/.,])\d{1,6}(?:-\d{1,4})?[ ]+"
    r"(?:(?:[NSEW]|North|South|East|West|NE|NW|SE|SW)\.?[ ]+)?"
    r"(?:(?:\d{1,3}(?:st|nd|rd|th)|[A-Z][A-Za-z'’\-]*\.?)[ ]+){1,4}?"
    rf"{STREET_SUFFIX}\b\.?"
    r"(?:,?[ ]+(?:Apt|Apartment|Unit|Suite|Ste|#)\.?[ ]*#?[\w\-]+)?"
    r"(?:,[ ]+[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?(?:,?[ ]+[A-Z]{2}(?:[ ]+\d{5}(?:-\d{4})?)?)?)?"
)
# "Mr. Ahmed's new address is", "her home address:", "your mailing address".
_OWNER_RE = re.compile(
    r"(?:\b(?:his|her|their|your|my)|\w['’]s)\s+(?:new\s+|old\s+|current\s+|home\s+"
    r"|mailing\s+|street\s+)*address(?:\s+is|\s*:)?\s*$",
    re.IGNORECASE,
)
_FOR_CLIENT_RE = re.compile(
    r"[\s,]*(?:,\s*[A-Z][a-z]+(?:\s+[A-Z]{2})?\s*)?\b(?:for|of|to)\s+(?:the\s+|our\s+)?"
    r"(?P<word>[\w'’]+)"
)
_OF_PERSON_RE = re.compile(r"(?:[A-Z][a-z]+|\d{1,3}),?\s+of\s+$")


class AddressRecognizer(LocalRecognizer):
    """SM106: street addresses tied to a private person, not offices, venues or events."""

    def __init__(self, settings: Settings) -> None:
        self.public = tuple(_norm(a) for a in settings.agency.public_addresses if a.strip())
        self.need = requirement(ADDRESS_RE)
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
        if "STREET_ADDRESS" not in entities or not self.need.test(facts(text)):
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
        norm = _norm(candidate)
        return any(p and (p.startswith(norm) or norm.startswith(p)) for p in self.public)

    @staticmethod
    def _person_after(text: str, end: int) -> str:
        """ "... to 1423 Prairie Ln, Cheyenne for claimant Joe Sample": a client named after."""
        after = text[end : sentence_end(text, end, 40)]
        m = _FOR_CLIENT_RE.match(after)
        if m and context_words().client.fullmatch(m.group("word")):
            return m.group("word").lower()
        return ""

    @staticmethod
    def _person_word(text: str, start: int) -> str:
        lex = context_words()
        before = text[sentence_start(text, start, 80) : start]
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


_AUX = (
    r"(?:was|were|is|are|has\s+been|have\s+been|had\s+been|been|got|gets|get|will\s+be"
    r"|is\s+being|was\s+being|had\s+(?:its|his|her|their|your)\s+\w+(?:\s+\w+)?)"
)
# A counted subject ("82% were", "27 Wyoming workers were", "most claims are"): statistics.
AGGREGATE_RE = re.compile(
    r"(?:(?<![\w\-])\d[\d,.]*\s*(?:%|percent)|(?<![\w\-])\d[\d,]*(?:\s+[\w'’\-]+){0,3}?"
    r"\s+[a-z]+s|\b(?i:most|many|some|all|few|several|dozens|hundreds|thousands|no)\b"
    r"(?:\s+[\w'’\-]+){0,4})\s*$"
)
CONDITIONAL_RE = re.compile(
    r"\b(?:if|when|whether|unless|once|until|before|after|how|why|what|in case)\b[^,;]*$",
    re.IGNORECASE,
)


def _alt(words: tuple[str, ...]) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


class ClientSituationRecognizer(LocalRecognizer):
    """SM111: a specific client's status or outcome stated in public.

    Emits a candidate per status clause; the engine keeps it when the post is about one
    identifiable client (a possessive pronoun in the clause, a reply to one person, or other
    personal data in the post). Aggregates ("82% were working") and conditionals ("if your
    claim is denied") are not candidates.
    """

    def __init__(self) -> None:
        lex = context_words()
        outcomes = _alt(lex.situation_outcomes + lex.situation_procedural)
        self.procedural = re.compile(rf"(?:{_alt(lex.situation_procedural)})\b", re.IGNORECASE)
        self.patterns: tuple[tuple[str, re.Pattern[str]], ...] = (
            (
                "status-outcome",
                re.compile(
                    rf"\b{_AUX}\s+(?:\w+ly\s+|also\s+|now\s+|already\s+|just\s+|not\s+){{0,2}}"
                    rf"(?:{outcomes})\b(?!\s+(?:for|to)\s+(?:everyone|all|anyone))",
                    re.IGNORECASE,
                ),
            ),
            (
                "status-on",
                re.compile(
                    r"\b(?:is|was|are|were|remains|been)\s+(?:now\s+|still\s+)?(?:on|under)\s+"
                    r"(?:probation|parole|house\s+arrest|investigation|suspension|a\s+payment\s+plan)",
                    re.IGNORECASE,
                ),
            ),
            (
                "status-missing",
                re.compile(
                    r"\b(?:is|are|was)\s+missing\s+(?:a|an|the|his|her|their|your)\b", re.IGNORECASE
                ),
            ),
            (
                "payment-to-you",
                re.compile(
                    r"\byour\s+(?:first\s+|next\s+|last\s+|final\s+)?(?:payment|check|benefits?"
                    r"|refund|deposit)\s+(?:goes|will\s+go|went)\s+out\b",
                    re.IGNORECASE,
                ),
            ),
            (
                "eligibility",
                re.compile(
                    r"\b(?:is|are|was|were)\s+(?:not\s+)?(?:eligible|ineligible)\b", re.IGNORECASE
                ),
            ),
            ("owes", re.compile(r"\b(?:owes|owed)\s+(?:us\s+)?\$\s?\d", re.IGNORECASE)),
        )
        nouns = _alt(tuple(w for w in lex.situation_subjects if w.isalpha() and len(w) > 3))
        self.possessive = re.compile(
            rf"\b(?:his|her|their)\s+(?:[\w\-]+\s+){{0,3}}?(?:{nouns})\b", re.IGNORECASE
        )
        # Pre-tests (what each pattern needs), before the regexes, which have no literal prefix.
        self.needs = tuple(requirement(pattern) for _, pattern in self.patterns)
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
        if "CLIENT_SITUATION" not in entities:
            return []
        out = []
        post = facts(text)
        for (name, pattern), need in zip(self.patterns, self.needs, strict=True):
            if not need.test(post):
                continue
            for m in pattern.finditer(text):
                out.extend(self._clause(text, m, name))
        return out

    def _clause(self, text: str, m: re.Match[str], name: str) -> Iterator[RecognizerResult]:
        sent_start = sentence_start(text, m.start(), 200)
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
