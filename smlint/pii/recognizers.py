"""smlint's Presidio recognizers: patterns, whole-word context in the same sentence, checksums.

Each recognizer is a Presidio ``LocalRecognizer``. Context is applied by the recognizer
itself (whole words, before and optionally after the value, never across a sentence break),
and results are marked as context-enhanced so Presidio's substring-based lemma enhancer
leaves them alone. Every result carries ``recognition_metadata["smlint"]``: the pattern name,
the context word that raised the score and the validation applied -- never the value.

Scores: a value that is a finding on its own scores >= THRESHOLD; one that needs context
scores below it and is raised by a context word.

Speed: each recognizer first asks ``smlint.pretest.needs`` whether the post can hold a match
at all (the digits and literal text its regexes and context words need) and skips what
cannot fire; the pre-tests are derived from the same regexes and word lists, so they never
change a finding.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from smlint.pii.context import (
    ContextWords,
    context_after,
    context_before,
    context_words,
    sentence_end,
    sentence_start,
)
from smlint.pii.presidio import LocalRecognizer, RecognizerResult
from smlint.pretest.needs import ALWAYS, NEVER, Digits, Need, all_of, any_of, facts, requirement

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

    from smlint.config import Settings

THRESHOLD = 0.5
META = "smlint"


def make_result(
    recognizer: LocalRecognizer,
    entity: str,
    start: int,
    end: int,
    score: float,
    pattern: str,
    context: str = "",
    validation: str = "",
) -> RecognizerResult:
    info: dict[str, Any] = {"pattern": pattern}
    if context:
        info["context"] = context
    if validation:
        info["validation"] = validation
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


# --- checksums and validators -------------------------------------------------------------


def luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def card_brand(digits: str) -> str | None:
    """The card network for a number's prefix and length, or None."""
    n = len(digits)
    p2, p3, p4, p6 = int(digits[:2]), int(digits[:3]), int(digits[:4]), int(digits[:6])
    if digits[0] == "4" and n in (13, 16, 19):
        return "visa"
    if (51 <= p2 <= 55 or 2221 <= p4 <= 2720) and n == 16:
        return "mastercard"
    if p2 in (34, 37) and n == 15:
        return "amex"
    if (p4 == 6011 or p2 == 65 or 644 <= p3 <= 649 or 622126 <= p6 <= 622925) and 16 <= n <= 19:
        return "discover"
    if (p2 == 35 and 16 <= n <= 19) or (p4 in (1800, 2131) and n == 15):
        return "jcb"
    if (300 <= p3 <= 305 or p2 in (36, 38, 39)) and 14 <= n <= 19:
        return "diners"
    if p2 == 62 and 16 <= n <= 19:
        return "unionpay"
    if (p2 == 50 or 56 <= p2 <= 69 or p4 == 604) and 12 <= n <= 19:
        return "maestro"
    return None


def aba_valid(digits: str) -> bool:
    if len(digits) != 9 or not digits.isdigit():
        return False
    prefix = int(digits[:2])
    if not (prefix <= 12 or 21 <= prefix <= 32 or 61 <= prefix <= 72 or prefix == 80):
        return False
    w = (3, 7, 1) * 3
    return sum(int(d) * k for d, k in zip(digits, w, strict=True)) % 10 == 0


def ssn_valid(area: str, group: str, serial: str) -> bool:
    return not (area in ("000", "666") or area[0] == "9" or group == "00" or serial == "0000")


_INVALID_EIN_PREFIXES = frozenset(
    {
        "00",
        "07",
        "08",
        "09",
        "17",
        "18",
        "19",
        "28",
        "29",
        "49",
        "69",
        "70",
        "78",
        "79",
        "89",
        "96",
        "97",
    }
)


_NON_DIGIT_RE = re.compile(r"\D")


def _digits(text: str) -> str:
    return _NON_DIGIT_RE.sub("", text)


# --- a table-driven pattern recognizer ------------------------------------------------------


@dataclass(frozen=True)
class Spec:
    """One pattern: the entity it finds, its scores without and with context, and checks.

    ``check(match)`` returns None to reject the candidate, or ``(validation, score,
    context_score)`` to name the validation and override the scores (None keeps the spec's),
    e.g. an SSN outside the valid ranges needs context. A spec scoring below THRESHOLD needs
    a context word whatever its check says (the pre-test relies on it).
    """

    entity: str
    name: str
    regex: re.Pattern[str]
    score: float
    context: str | None = None
    context_score: float = 0.85
    before: int = 40
    after: int = 0
    check: Callable[[re.Match[str]], tuple[str, float | None, float | None] | None] | None = None
    group: str | int = 0
    # Labels that say the number is something else ("order 123-45-6789"), unless a context
    # word is also there.
    negative: str | None = None
    negative_before: int = 20
    # Digits a match needs to pass ``check`` (beyond what the regex itself needs).
    min_digits: int = 0

    def need(self) -> Need:
        """What a post must contain for this spec to give a finding."""
        if self.score >= THRESHOLD:
            context: Need = ALWAYS
        elif self.context:
            context = requirement(context_words().context[self.context])
        else:
            context = NEVER
        return all_of([requirement(self.regex), Digits(self.min_digits), context])


class SpecRecognizer(LocalRecognizer):
    """Runs a list of ``Spec`` patterns with smlint's whole-word, same-sentence context."""

    def __init__(self, name: str, specs: Iterable[Spec]) -> None:
        self.specs = tuple(specs)
        # Specs sharing one regex (the government-ID types) scan the text once.
        groups: dict[re.Pattern[str], list[Spec]] = {}
        for spec in self.specs:
            groups.setdefault(spec.regex, []).append(spec)
        self.groups = tuple(
            (regex, tuple((spec, spec.need()) for spec in group)) for regex, group in groups.items()
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
        post = facts(text)
        out: list[RecognizerResult] = []
        for regex, group in self.groups:
            specs = [spec for spec, need in group if need.test(post) and spec.entity in entities]
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


# --- the patterns ---------------------------------------------------------------------------

_NB = r"(?<![\w\-+/.])"  # not inside a longer token
_NA = r"(?![\w\-/]|[ .\-]\d)"  # not followed by more digits of the same number

SSN_RE = re.compile(rf"{_NB}(?P<a>\d{{3}})(?P<s>[- .]?)(?P<g>\d{{2}})(?P=s)(?P<n>\d{{4}}){_NA}")


def _ssn_check(m: re.Match[str]) -> tuple[str, float, float] | None:
    valid = ssn_valid(m["a"], m["g"], m["n"])
    if not valid:
        return "invalid-range", 0.05, 0.7
    if m["s"]:
        return "valid-range", 0.6, 0.95
    return "valid-range", 0.3, 0.85


def ssn_recognizer() -> SpecRecognizer:
    return SpecRecognizer(
        "SmlintSsnRecognizer",
        [
            Spec(
                "US_SSN",
                "ssn",
                SSN_RE,
                0.6,
                "ssn",
                before=40,
                after=20,
                check=_ssn_check,
                negative="not_ssn",
            )
        ],
    )


_AREA = r"(?!\d11)[2-9]\d{2}"
_EXCH = r"[2-9]\d{2}"
_EXCH_ANY = r"\d{3}"  # with separators, a mistyped exchange is still a phone number
_EXT = r"(?:\s?(?:x|ext\.?|extension)\s?(?P<ext>\d{1,6}))?"
PHONE_FORMATTED_RE = re.compile(
    rf"(?<![\w\-+/.])(?:(?:\+?1|001)[\s.\-]?)?(?:\({_AREA}\)\s?|{_AREA}[\s.\-])"
    rf"{_EXCH_ANY}[\s.\-]\d{{4}}{_EXT}{_NA}",
    re.IGNORECASE,
)
PHONE_BARE_RE = re.compile(rf"{_NB}(?:\+?1)?{_AREA}{_EXCH}\d{{4}}{_EXT}{_NA}", re.IGNORECASE)
PHONE_LOCAL_RE = re.compile(
    rf"(?<![\w\-+/.()])(?<!\)\s)(?<!\d\s){_EXCH}[.\-]\d{{4}}{_EXT}{_NA}", re.IGNORECASE
)


# Toll-free numbers are organisations' published lines (national hotlines), never a
# person's direct number.
TOLL_FREE = frozenset({"800", "833", "844", "855", "866", "877", "888"})


def _phone_check(m: re.Match[str]) -> tuple[str, float | None, float | None] | None:
    digits = _digits(m.group(0).lower().split("x")[0].split("ext")[0])
    if len(digits) == 11 and digits[0] == "1":
        digits = digits[1:]
    elif len(digits) == 13 and digits.startswith("001"):
        digits = digits[3:]
    if len(digits) == 10 and digits[:3] in TOLL_FREE:
        return None
    return "", None, None


def phone_recognizer() -> SpecRecognizer:
    return SpecRecognizer(
        "SmlintUsPhoneRecognizer",
        [
            Spec(
                "PHONE_NUMBER",
                "us-phone-formatted",
                PHONE_FORMATTED_RE,
                0.7,
                "phone",
                0.9,
                check=_phone_check,
            ),
            Spec(
                "PHONE_NUMBER",
                "us-phone-10-digits",
                PHONE_BARE_RE,
                0.2,
                "phone",
                0.75,
                30,
                check=_phone_check,
            ),
            Spec("PHONE_NUMBER", "us-phone-7-digits", PHONE_LOCAL_RE, 0.2, "phone", 0.7, 30),
        ],
    )


EMAIL_RE = re.compile(
    r"(?<![\w.+%\-])[A-Za-z0-9](?:[A-Za-z0-9._%+\-]{0,63})@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w\-@])"
)


def email_recognizer() -> SpecRecognizer:
    return SpecRecognizer("SmlintEmailRecognizer", [Spec("EMAIL_ADDRESS", "email", EMAIL_RE, 0.9)])


EIN_RE = re.compile(rf"{_NB}(?P<p>\d{{2}})-\d{{7}}{_NA}")
EIN_BARE_RE = re.compile(rf"{_NB}(?P<p>\d{{2}})\d{{7}}{_NA}")
ITIN_RE = re.compile(
    rf"{_NB}9\d{{2}}(?P<s>[- ]?)(?:5\d|6[0-5]|7\d|8[0-8]|9[0-24-9])(?P=s)\d{{4}}{_NA}"
)


def _ein_check(m: re.Match[str]) -> tuple[str, float, float] | None:
    if m["p"] in _INVALID_EIN_PREFIXES:
        return None
    return "ein-prefix", 0.1, 0.85


def tax_id_recognizer() -> SpecRecognizer:
    return SpecRecognizer(
        "SmlintTaxIdRecognizer",
        [
            Spec("US_EIN", "ein", EIN_RE, 0.1, "ein", 0.85, 40, check=_ein_check),
            Spec("US_EIN", "ein-no-dash", EIN_BARE_RE, 0.05, "ein", 0.7, 20, check=_ein_check),
            Spec("US_ITIN", "itin", ITIN_RE, 0.1, "itin", 0.9, 40),
        ],
    )


CARD_RE = re.compile(rf"{_NB}\d(?:[ \-]?\d){{11,18}}(?![\w\-/]|[ \-]\d)")
ACCOUNT_RE = re.compile(rf"{_NB}\d{{6,17}}{_NA}")
ROUTING_RE = re.compile(rf"{_NB}\d{{9}}{_NA}")


def _card_check(m: re.Match[str]) -> tuple[str, float, float] | None:
    raw = m.group(0)
    digits = _digits(raw)
    seps = {c for c in raw if not c.isdigit()}
    if len(seps) > 1 or not 12 <= len(digits) <= 19 or len(set(digits)) < 2:
        return None
    brand = card_brand(digits)
    if brand is None or not luhn(digits):
        return None
    return f"luhn+{brand}", 0.9, 0.95


def _routing_check(m: re.Match[str]) -> tuple[str, float, float] | None:
    return ("aba-checksum", 0.1, 0.9) if aba_valid(m.group(0)) else None


def _account_check(m: re.Match[str]) -> tuple[str, float, float] | None:
    return None if len(set(m.group(0))) < 3 else ("", 0.05, 0.75)


def financial_recognizer() -> SpecRecognizer:
    return SpecRecognizer(
        "SmlintFinancialRecognizer",
        [
            Spec("CREDIT_CARD", "card", CARD_RE, 0.9, check=_card_check),
            Spec(
                "ABA_ROUTING_NUMBER",
                "aba-routing",
                ROUTING_RE,
                0.1,
                "routing",
                0.9,
                30,
                check=_routing_check,
            ),
            Spec(
                "US_BANK_NUMBER",
                "bank-account",
                ACCOUNT_RE,
                0.05,
                "bank_account",
                0.75,
                25,
                check=_account_check,
            ),
        ],
    )


GOV_ID_RE = re.compile(
    r"(?<![\w\-+/.])(?=[A-Z0-9\-]*\d)[A-Z]{0,3}[\- ]?\d[\d\-]{3,16}[A-Z0-9]?(?![\w\-/]|[ .\-]\d)",
    re.IGNORECASE,
)


GOV_ID_MIN_DIGITS = 5


def _gov_check(m: re.Match[str]) -> tuple[str, float, float] | None:
    digits = _digits(m.group(0))
    if len(digits) < GOV_ID_MIN_DIGITS or re.fullmatch(r"(?:19|20)\d{2}", digits):
        return None
    return "", 0.05, 0.85


def gov_id_recognizer() -> SpecRecognizer:
    def spec(entity: str, name: str, ctx: str) -> Spec:
        return Spec(
            entity,
            name,
            GOV_ID_RE,
            0.05,
            ctx,
            0.85,
            35,
            check=_gov_check,
            min_digits=GOV_ID_MIN_DIGITS,
        )

    return SpecRecognizer(
        "SmlintGovernmentIdRecognizer",
        [
            spec("US_DRIVER_LICENSE", "driver-license", "driver_license"),
            spec("US_PASSPORT", "passport", "passport"),
            spec("STATE_ID", "state-id", "state_id"),
            spec("MILITARY_ID", "military-id", "military_id"),
            spec("MEDICAID_ID", "medicaid-or-medical-record", "medicaid"),
        ],
    )


_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
DATE_RE = re.compile(
    r"(?<![\w/\-.])(?:"
    r"(?:0?[1-9]|1[0-2])(?P<s>[/.\-])(?:0?[1-9]|[12]\d|3[01])(?P=s)(?P<y1>(?:19|20)?\d{2})"
    r"|(?P<y2>(?:19|20)\d{2})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
    rf"|{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?P<y3>\d{{4}})"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\.?,?\s+(?P<y4>\d{{4}})"
    r")(?![\w/\-]|\.\d)",
    re.IGNORECASE,
)


def plausible_birth_year(year: str | None) -> bool:
    if not year:
        return True
    if len(year) == 2:
        return True
    return 1900 <= int(year) <= date.today().year


def _dob_check(m: re.Match[str]) -> tuple[str, float, float] | None:
    year = m["y1"] or m["y2"] or m["y3"] or m["y4"]
    if not plausible_birth_year(year):
        return None
    return "birth-year", 0.1, 0.85


_PERSON_NOUNS = (
    r"(?:man|woman|boy|girl|male|female|child|kid|son|daughter|resident|driver|victim|suspect"
    r"|claimant|client|patient|teen|teenager|mother|father|mom|dad|grandmother|grandfather"
    r"|veteran|student|applicant|participant|customer|inmate|rider|worker|pedestrian)"
)
AGE_RES = (
    # "Harold Bunting, 82, of ..." -- an age in apposition to a two-word name.
    (
        "age-apposition",
        re.compile(r"\b[A-Z][a-z]+(?:[ \-][A-Z][a-z]+)+, (?P<v>\d{1,3})(?=,\s|\)|;)"),
    ),
    (
        "age-word",
        re.compile(
            r"(?<!\bunder )(?<!\bover )(?<!\bleast )(?<!\bminimum )"
            r"\b(?:age|aged)\s+(?P<v>\d{1,3})\b"
            r"(?!\s*(?:\+|-|–|to\b|through\b|and\b|or\b|years?\s+(?:and|or)\b|&))",
            re.IGNORECASE,
        ),
    ),
    (
        "age-year-old",
        re.compile(rf"\b(?P<v>\d{{1,3}})[- ]years?[- ]old[- ]{_PERSON_NOUNS}\b", re.IGNORECASE),
    ),
    (
        "age-years-old",
        re.compile(
            r"\b(?:is|was|turns|turned|i'm|i am|he's|she's|who's)\s+(?P<v>\d{1,3})\s+years?\s+old\b"
            r"|\b(?:turns|turned|turning)\s+(?P<v2>\d{1,3})\b(?!\s*(?:years?\s+(?:ago|since)|%))",
            re.IGNORECASE,
        ),
    ),
)


# "Harold B., 82, of 3120 N 41st St": a home address right after the age.
HOME_AFTER_RE = re.compile(r",?\s+of\s+\d{1,6}\s")


def _age_tie_patterns() -> tuple[re.Pattern[str], ...]:
    lex = context_words()
    return (lex.client, lex.relation, lex.context["dob"])


def _age_tie(text: str, m: re.Match[str]) -> str:
    """What ties an age to a private person the agency serves: a client or family word, a
    birth word, or a home address right after ("Harold B., 82, of 3120 N 41st St"). Ages in
    award stories or news ("Spc. Maria Ruiz, 22, of Sparta", "a 65-year-old man") are not."""
    window = text[sentence_start(text, m.start(), 80) : sentence_end(text, m.end(), 40)]
    for pattern in _age_tie_patterns():
        found = pattern.search(window)
        if found:
            return " ".join(found.group(0).lower().split())
    if HOME_AFTER_RE.match(text[m.end() : m.end() + 12]):
        return "home-address"
    return ""


# A birthday without a year ("her birthday is June 19") counts only right after birth words.
BIRTHDAY_RE = re.compile(
    rf"(?<![\w/\-.]){_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?!\d|,?\s+\d{{4}}|:)",
    re.IGNORECASE,
)


class BirthDateRecognizer(LocalRecognizer):
    """SM107: dates of birth (patterns, and NER DATE entities) with birth words; ages."""

    DOB = Spec("DATE_OF_BIRTH", "date-of-birth", DATE_RE, 0.1, "dob", 0.85, 30, 0, check=_dob_check)

    def __init__(self) -> None:
        birthday = Spec("DATE_OF_BIRTH", "birthday", BIRTHDAY_RE, 0.05, "dob", 0.8, 20)
        self._dob = SpecRecognizer("SmlintDobPatterns", [self.DOB, birthday])
        # An age is a finding only with a tie (``_age_tie``): one of its patterns must occur.
        tie = any_of((requirement(p) for p in (*_age_tie_patterns(), HOME_AFTER_RE)), merge=False)
        self._ages = tuple(
            (name, regex, all_of([requirement(regex), tie])) for name, regex in AGE_RES
        )
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
        out: list[RecognizerResult] = []
        if "DATE_OF_BIRTH" in entities:
            out = [
                make_result(
                    self, r.entity_type, r.start, r.end, r.score, **r.recognition_metadata[META]
                )
                for r in self._dob.analyze(text, ["DATE_OF_BIRTH"], nlp_artifacts)
            ]
            out.extend(self._ner_dates(text, nlp_artifacts, out))
        if "AGE" in entities:
            post = facts(text)
            for name, regex, need in self._ages:
                if not need.test(post):
                    continue
                for m in regex.finditer(text):
                    group = "v" if m.group("v") else "v2"
                    if not 0 < int(m.group(group)) <= 120:
                        continue
                    tie = _age_tie(text, m)
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


CASE_MIN_DIGITS = 4  # a shorter number after a case word is a count or a year, not an ID


def case_number_recognizer(settings: Settings) -> CaseNumberRecognizer:
    return CaseNumberRecognizer(settings)


class CaseNumberRecognizer(LocalRecognizer):
    """SM104: the agency's ``[identifiers]`` patterns, and numbers after case/claim words."""

    def __init__(self, settings: Settings) -> None:
        lex = context_words()
        self.identifiers = tuple(
            (name, pattern)
            for name, patterns in settings.identifiers.items()
            for pattern in patterns
        )
        marker = r"(?:\s+(?:no\.?|nos\.?|number|num\.?|nr\.?|id)|\s*#|\s*:)"

        def alt(words: Iterable[str]) -> str:
            return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)

        generic = re.compile(
            rf"\b(?P<ctx>(?:{alt(lex.case_bare)}){marker}?|(?:{alt(lex.case_marked)}){marker})"
            r"[\s:#,(]{0,3}(?:is\s+)?#?"
            r"(?P<v>(?=[A-Z0-9\-]*\d)[A-Z]{0,6}-?\d[A-Z0-9]*(?:-[A-Z0-9]+)*)"
            r"(?![\w\-/]|[ .]\d)",
            re.IGNORECASE,
        )
        self.generic = generic
        # Pre-tests: an agency pattern's own needs; a generic value needs CASE_MIN_DIGITS.
        self.identifier_needs = tuple(requirement(p) for _, p in self.identifiers)
        self.generic_need = all_of([requirement(generic), Digits(CASE_MIN_DIGITS)])
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
        if "CASE_NUMBER" not in entities:
            return []
        post = facts(text)
        out = []
        for (name, pattern), need in zip(self.identifiers, self.identifier_needs, strict=True):
            if not need.test(post):
                continue
            for m in pattern.finditer(text):
                if m.end() > m.start():
                    out.append(
                        make_result(self, "CASE_NUMBER", *m.span(), 0.95, f"identifiers.{name}")
                    )
        if not self.generic_need.test(post):
            return out
        for m in self.generic.finditer(text):
            value = m.group("v")
            digits = _digits(value)
            if len(digits) < CASE_MIN_DIGITS or (
                len(value) == 4 and re.fullmatch(r"(?:19|20)\d\d", value)
            ):
                continue
            word = " ".join(m.group("ctx").lower().split())
            out.append(make_result(self, "CASE_NUMBER", *m.span("v"), 0.85, "case-word", word))
        return out


def pattern_recognizers(settings: Settings) -> list[LocalRecognizer]:
    """The identifier recognizers (SM101-SM104, SM107-SM110)."""
    return [
        ssn_recognizer(),
        phone_recognizer(),
        email_recognizer(),
        case_number_recognizer(settings),
        tax_id_recognizer(),
        financial_recognizer(),
        gov_id_recognizer(),
        BirthDateRecognizer(),
    ]
