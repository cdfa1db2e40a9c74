"""What PII looks like: smlint's patterns, validators and context words for SM101-SM111.

Everything here is plain Python and regular expressions (Presidio is not imported): the
recognizers (``smlint.pii.recognizers``, ``smlint.pii.people``) run these patterns inside
Presidio, and ``pretests`` gives the linter's pre-test index what each of them needs, so that
a post that cannot hold any PII never imports Presidio at all.

Scores: a value that is a finding on its own scores >= THRESHOLD; one that needs context
scores below it and is raised by a context word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from smlint.analysis.emails import EMAIL_RE
from smlint.analysis.sentences import window_end, window_start
from smlint.pii.context import context_words
from smlint.pretest.index import Requirement, Requirements

if TYPE_CHECKING:
    from smlint.config import Settings

THRESHOLD = 0.5


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


# --- a table-driven pattern -------------------------------------------------------------


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

    def requirement(self, known: Requirements) -> Requirement:
        """What a post must contain for this spec to give a finding."""
        parts = [known.of(self.regex.pattern, self.regex.flags), Requirement((), self.min_digits)]
        if self.score < THRESHOLD:
            if not self.context:
                return Requirement.any([])  # it never scores enough
            words = context_words().context[self.context]
            parts.append(known.of(words.pattern, words.flags))
        return Requirement.all(parts)


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


def ssn_specs() -> tuple[str, tuple[Spec, ...]]:
    return (
        "SmlintSsnRecognizer",
        (
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
            ),
        ),
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


# International numbers in E.164 or with a country code ("+44 20 7946 0958", "+52 55 1234
# 5678"); +1 numbers are the US patterns' above. Validated with the phonenumbers package.
PHONE_INTL_RE = re.compile(
    r"(?<![\w+])\+(?!1\b)[2-9]\d{0,2}(?:[ .\-]?\(?\d{1,5}\)?){2,6}(?![\w\-/]|[ .\-]\d)"
)


def _intl_check(m: re.Match[str]) -> tuple[str, float | None, float | None] | None:
    import phonenumbers

    digits = _digits(m.group(0))
    if not 8 <= len(digits) <= 15:
        return None
    try:
        number = phonenumbers.parse(m.group(0), None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return "phonenumbers", None, None


def phone_specs() -> tuple[str, tuple[Spec, ...]]:
    return (
        "SmlintUsPhoneRecognizer",
        (
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
            Spec(
                "PHONE_NUMBER",
                "intl-phone",
                PHONE_INTL_RE,
                0.7,
                "phone",
                0.9,
                check=_intl_check,
                min_digits=8,
            ),
        ),
    )


def email_specs() -> tuple[str, tuple[Spec, ...]]:
    return ("SmlintEmailRecognizer", (Spec("EMAIL_ADDRESS", "email", EMAIL_RE, 0.9),))


EIN_RE = re.compile(rf"{_NB}(?P<p>\d{{2}})-\d{{7}}{_NA}")
EIN_BARE_RE = re.compile(rf"{_NB}(?P<p>\d{{2}})\d{{7}}{_NA}")
ITIN_RE = re.compile(
    rf"{_NB}9\d{{2}}(?P<s>[- ]?)(?:5\d|6[0-5]|7\d|8[0-8]|9[0-24-9])(?P=s)\d{{4}}{_NA}"
)


ATIN_RE = re.compile(rf"{_NB}9\d{{2}}(?P<s>[- ]?)93(?P=s)\d{{4}}{_NA}")


def _ein_check(m: re.Match[str]) -> tuple[str, float, float] | None:
    if m["p"] in _INVALID_EIN_PREFIXES:
        return None
    return "ein-prefix", 0.1, 0.85


def tax_id_specs() -> tuple[str, tuple[Spec, ...]]:
    return (
        "SmlintTaxIdRecognizer",
        (
            Spec("US_EIN", "ein", EIN_RE, 0.1, "ein", 0.85, 40, check=_ein_check),
            Spec("US_EIN", "ein-no-dash", EIN_BARE_RE, 0.05, "ein", 0.7, 20, check=_ein_check),
            Spec("US_ITIN", "itin", ITIN_RE, 0.1, "itin", 0.9, 40),
            # An ATIN (9XX-93-XXXX) is a tax ID only where the post says so.
            Spec("US_ITIN", "atin", ATIN_RE, 0.1, "itin", 0.9, 40),
        ),
    )


CARD_RE = re.compile(rf"{_NB}\d(?:[ \-]?\d){{11,18}}(?![\w\-/]|[ \-]\d)")
# A card written in its groups (4-4-4-4, Amex 4-6-5), which may be followed by another card:
# two numbers separated by a space are two findings, not one run of digits.
CARD_GROUPED_RE = re.compile(
    rf"{_NB}\d{{4}}(?P<s>[ \-])(?:\d{{4}}(?P=s)\d{{4}}(?P=s)\d{{4}}(?:(?P=s)\d{{3}})?"
    rf"|\d{{6}}(?P=s)\d{{5}})(?![\w\-/])"
)
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


def financial_specs() -> tuple[str, tuple[Spec, ...]]:
    return (
        "SmlintFinancialRecognizer",
        (
            Spec("CREDIT_CARD", "card", CARD_RE, 0.9, check=_card_check),
            Spec("CREDIT_CARD", "card-grouped", CARD_GROUPED_RE, 0.9, check=_card_check),
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
        ),
    )


GOV_ID_RE = re.compile(
    r"(?<![\w\-+/.])(?=[A-Z0-9\-]*\d)[A-Z]{0,3}[\- ]?\d[\d\-]{3,16}[A-Z0-9]?(?![\w\-/]|[ .\-]\d)",
    re.IGNORECASE,
)


GOV_ID_MIN_DIGITS = 5
_MBI_L = "[AC-HJKMNP-RT-Y]"
_MBI_AN = "[AC-HJKMNP-RT-Y0-9]"
MBI_RE = re.compile(
    rf"(?<![\w\-])[1-9]{_MBI_L}{_MBI_AN}\d(?P<s>-?){_MBI_L}{_MBI_AN}\d(?P=s){_MBI_L}{{2}}\d{{2}}"
    r"(?![\w\-])"
)


def _gov_check(m: re.Match[str]) -> tuple[str, float, float] | None:
    digits = _digits(m.group(0))
    if len(digits) < GOV_ID_MIN_DIGITS or re.fullmatch(r"(?:19|20)\d{2}", digits):
        return None
    return "", 0.05, 0.85


def gov_id_specs() -> tuple[str, tuple[Spec, ...]]:
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

    return (
        "SmlintGovernmentIdRecognizer",
        (
            spec("US_DRIVER_LICENSE", "driver-license", "driver_license"),
            spec("US_PASSPORT", "passport", "passport"),
            spec("STATE_ID", "state-id", "state_id"),
            spec("MILITARY_ID", "military-id", "military_id"),
            spec("MEDICAID_ID", "medicaid-or-medical-record", "medicaid"),
            # The Medicare Beneficiary Identifier's own character rules make it a finding
            # without a label (the letters exclude S, L, O, I, B and Z).
            Spec("MEDICARE_ID", "medicare-mbi", MBI_RE, 0.7, "medicaid", 0.95, 35),
        ),
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


def age_tie_patterns() -> tuple[re.Pattern[str], ...]:
    lex = context_words()
    return (lex.client, lex.relation, lex.context["dob"])


def age_tie(text: str, m: re.Match[str]) -> str:
    """What ties an age to a private person the agency serves: a client or family word, a
    birth word, or a home address right after ("Harold B., 82, of 3120 N 41st St"). Ages in
    award stories or news ("Spc. Maria Ruiz, 22, of Sparta", "a 65-year-old man") are not."""
    window = text[window_start(text, m.start(), 80) : window_end(text, m.end(), 40)]
    for pattern in age_tie_patterns():
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


def dob_specs() -> tuple[str, tuple[Spec, ...]]:
    """Dates of birth: a full date, or a month and day right after birth words."""
    return (
        "SmlintDobPatterns",
        (
            Spec(
                "DATE_OF_BIRTH", "date-of-birth", DATE_RE, 0.1, "dob", 0.85, 30, 0, check=_dob_check
            ),
            Spec("DATE_OF_BIRTH", "birthday", BIRTHDAY_RE, 0.05, "dob", 0.8, 20),
        ),
    )


# --- names, addresses and situations (SM105, SM106, SM111) ---------------------------------

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


@cache
def situation_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """SM111's status clauses, by name (outcome verbs from the PII lexicon)."""
    lex = context_words()
    outcomes = _alt(lex.situation_outcomes + lex.situation_procedural)
    return (
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


# --- case numbers (SM104) ---------------------------------------------------------------

CASE_MIN_DIGITS = 4  # a shorter number after a case word is a count or a year, not an ID


@cache
def case_word_re() -> re.Pattern[str]:
    """A number after a case, claim, file ... word (the word needs a marker such as "no.",
    "#" or ":" unless it is one of the bare words)."""
    lex = context_words()
    marker = r"(?:\s+(?:no\.?|nos\.?|number|num\.?|nr\.?|id)|\s*#|\s*:)"

    def alt(words: Iterable[str]) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)

    return re.compile(
        rf"\b(?P<ctx>(?:{alt(lex.case_bare)}){marker}?|(?:{alt(lex.case_marked)}){marker})"
        r"[\s:#,(]{0,3}(?:is\s+)?#?"
        r"(?P<v>(?=[A-Z0-9\-]*\d)[A-Z]{0,6}-?\d[A-Z0-9]*(?:-[A-Z0-9]+)*)"
        r"(?![\w\-/]|[ .]\d)",
        re.IGNORECASE,
    )


def identifier_patterns(settings: Settings) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The agency's ``[identifiers]`` patterns, as (name, pattern)."""
    return tuple(
        (name, pattern) for name, patterns in settings.identifiers.items() for pattern in patterns
    )


# --- pre-tests -------------------------------------------------------------------------------

SPEC_GROUPS: tuple[Callable[[], tuple[str, tuple[Spec, ...]]], ...] = (
    ssn_specs,
    phone_specs,
    email_specs,
    tax_id_specs,
    financial_specs,
    gov_id_specs,
    dob_specs,
)


def pretests(settings: Settings, known: Requirements) -> dict[Hashable, Requirement]:
    """What each PII pattern needs, keyed as the recognizers look them up."""
    lex = context_words()

    def of(pattern: re.Pattern[str]) -> Requirement:
        return known.of(pattern.pattern, pattern.flags)

    out: dict[Hashable, Requirement] = {}
    for group in SPEC_GROUPS:
        name, specs = group()
        for spec in specs:
            out[spec_key(name, spec)] = spec.requirement(known)
    tie = Requirement.any(of(p) for p in (*age_tie_patterns(), HOME_AFTER_RE))
    for name, regex in AGE_RES:
        out[("pii", "age", name)] = Requirement.all([of(regex), tie])
    for i, (name, pattern) in enumerate(identifier_patterns(settings)):
        out[("pii", "identifier", i, name)] = of(pattern)
    out[("pii", "case-word")] = Requirement.all(
        [of(case_word_re()), Requirement((), CASE_MIN_DIGITS)]
    )
    # A name needs one of the context reasons (the recognizer's gate); the honorific and
    # strong-data keys only spare it searches, so they are not PII keys of their own.
    person = {
        "client": lex.client,
        "relation": lex.relation,
        "after": NAME_AFTER_RE,
        "before": NAME_BEFORE_RE,
    }
    for key, pattern in person.items():
        out[("pii", "person", key)] = of(pattern)
    out[("person-hint", "honorific")] = of(HONORIFIC_NAME_RE)
    out[("person-hint", "strong")] = of(STRONG_PII_RE)
    out[("pii", "address")] = of(ADDRESS_RE)
    for name, pattern in situation_patterns():
        out[("pii", "situation", name)] = of(pattern)
    return out


def spec_key(recognizer: str, spec: Spec) -> tuple[str, str, str]:
    return ("pii", recognizer, spec.name)
