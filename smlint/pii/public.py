"""Public versus private, by context (``rules/lexicons/pii-context.yaml``).

- Contacts (SM102, SM103): a number or address the post presents as a person's ("my cell",
  "call Maria at", "reach the claimant") is private; one it presents as an office's or
  organisation's line ("call our office", "the hotline is", "for questions email", toll-free,
  a signature block) is public. With neither cue it is reported, except a role mailbox
  (info@, recruitment@) and, in an official post, a government work address (.gov,
  .police.uk ...), which are published contacts.
- Appeals and court releases: names, ages and reference numbers that a published appeal or
  court outcome carries on purpose, unless the post also holds a private identifier.
- Case numbers (SM104): weak words ("ticket", "reference") need a person tied to the number;
  a reference the reader is asked to quote when getting in touch is public.

Each decision returns the cue that made it, which goes into the finding's ``detail``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from smlint.analysis.sentences import window_start
from smlint.ruledata.files import data_path, load_yaml

PRIVATE, PUBLIC = "private", "public"
# Government mail domains: .gov, .mil, .gov.uk, .police.uk, .nhs.uk, .gc.ca, state.xx.us ...
GOV_DOMAIN_RE = re.compile(
    r"(?:^|\.)(?:gov|mil|gov\.[a-z]{2}|police\.uk|nhs\.uk|nhs\.net|gc\.ca|mod\.uk|[a-z]{2}\.us)$"
)
# Private identifiers that keep a named person in an appeal post a client's record.
STRONG_ENTITIES = frozenset(
    {
        "US_SSN",
        "DATE_OF_BIRTH",
        "STREET_ADDRESS",
        "US_ITIN",
        "US_EIN",
        "CREDIT_CARD",
        "ABA_ROUTING_NUMBER",
        "US_BANK_NUMBER",
        "US_DRIVER_LICENSE",
        "US_PASSPORT",
        "STATE_ID",
        "MILITARY_ID",
        "MEDICAID_ID",
        "MEDICARE_ID",
    }
)
# What an appeal or court release names on purpose.
# (Reference numbers in appeals are judged where they are found: ``case_context``.)
APPEAL_ENTITIES = frozenset({"PERSON", "AGE", "CLIENT_SITUATION"})
NAME_AT_RE = re.compile(
    r"\b([A-Z][\w'’-]*\.?)(?:\s+[A-Z][\w'’-]+){0,2}\s*(?:,|:|\bat|\bon|-|–)\s*$"
)


def _compile(sources: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(s, re.IGNORECASE) for s in sources)


@dataclass(frozen=True)
class ContextLexicon:
    private_before: tuple[re.Pattern[str], ...]
    private_after: tuple[re.Pattern[str], ...]
    public_before: tuple[re.Pattern[str], ...]
    public_strong: tuple[re.Pattern[str], ...]
    public_after: tuple[re.Pattern[str], ...]
    free_mail: frozenset[str]
    appeal: tuple[re.Pattern[str], ...]
    weak_case_words: frozenset[str]
    person_cue: re.Pattern[str]
    appeal_reference: re.Pattern[str]
    log_after: re.Pattern[str]
    greetings: re.Pattern[str]
    client_after: re.Pattern[str]
    your_matter: re.Pattern[str]
    name_prefixes: frozenset[str]


@cache
def context_lexicon() -> ContextLexicon:
    data = load_yaml("lexicons/pii-context.yaml")
    contact, case = data["contact"], data["case"]
    pii = load_yaml("lexicons/pii.yaml")
    greetings = sorted((str(g) for g in data["greetings"]), key=len, reverse=True)
    return ContextLexicon(
        private_before=_compile(contact["private-before"]),
        private_after=_compile(contact["private-after"]),
        public_before=_compile(contact["public-before"]),
        public_strong=_compile(contact["public-strong"]),
        public_after=_compile(contact.get("public-after", [])),
        free_mail=frozenset(str(d).lower() for d in contact["free-mail-domains"]),
        appeal=_compile(data["appeal"]),
        weak_case_words=frozenset(str(w).lower() for w in case["weak-words"]),
        person_cue=re.compile(case["person-cue"], re.IGNORECASE),
        appeal_reference=re.compile(case["appeal-reference"], re.IGNORECASE),
        log_after=re.compile(case["log-after"], re.IGNORECASE),
        greetings=re.compile(
            r"^\s*(?:" + "|".join(re.escape(g).replace(r"\ ", r"\s+") for g in greetings) + r")"
            r"\b[\s,!]*(?:to\s+)?$",
            re.IGNORECASE,
        ),
        client_after=re.compile(data["client-after"], re.IGNORECASE),
        your_matter=re.compile(data["your-matter"], re.IGNORECASE),
        name_prefixes=frozenset(str(w).lower().rstrip(".") for w in pii["name_prefixes"]),
    )


@cache
def first_names() -> frozenset[str]:
    """``rules/lexicons/first-names.txt``: lower-case first names."""
    lines = data_path("lexicons/first-names.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


@cache
def surnames() -> frozenset[str]:
    """``rules/lexicons/surnames.txt``: lower-case surnames."""
    lines = data_path("lexicons/surnames.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def person_words(first: str, last: str) -> bool:
    """A first name from the names list, or a surname from the surname list."""
    last = re.sub(r"['’]s$", "", last.lower())
    return first.lower() in first_names() or last in surnames()


# A sentence end or a blank line; a single line break is only wrapping ("call me at\n307-...").
CLAUSE_BREAK_RE = re.compile(r"[.!?](?=\s)|\n\s*\n")


def _before(text: str, pos: int, limit: int) -> str:
    lo = max(0, pos - limit)
    start = lo
    for m in CLAUSE_BREAK_RE.finditer(text, lo, pos):
        start = m.end()
    return text[start:pos].replace("\n", " ")


def _after(text: str, pos: int, limit: int) -> str:
    hi = min(len(text), pos + limit)
    m = CLAUSE_BREAK_RE.search(text, pos, hi)
    return text[pos : m.start() + 1 if m else hi].replace("\n", " ")


def _search(patterns: tuple[re.Pattern[str], ...], text: str) -> str:
    for pattern in patterns:
        m = pattern.search(text)
        if m:
            return " ".join(m.group(0).split()).lower()
    return ""


def _name_before(before: str) -> str:
    """A person's name right before the value ("call Maria at", "Jim Ostrander, 307...")."""
    m = NAME_AT_RE.search(before)
    if m is None:
        return ""
    prefixes = context_lexicon().name_prefixes
    for word in re.findall(r"[A-Z][\w'’-]*", m.group(0)):
        if word.lower() in first_names() or word.lower() in prefixes:
            return "person-name-before"
    return ""


def contact_context(
    text: str,
    start: int,
    end: int,
    *,
    entity: str,
    mode: str,
    strict_agency_lines: bool = False,
    role_mailbox: bool = False,
) -> tuple[str, str]:
    """(PRIVATE or PUBLIC, the cue) for a phone number or email at ``text[start:end]``.

    ``strict_agency_lines``: the agency listed its public phones (``[agency] public-phones``),
    so a number not on the list is a direct line unless the post presents it as a hotline,
    a toll-free line, an appeal line or another organisation's."""
    lex = context_lexicon()
    before, after = _before(text, start, 60), _after(text, end, 30)
    cue = _search(lex.private_before, before) or _search(lex.private_after, after)
    if cue:
        return PRIVATE, cue
    name = _name_before(before)
    domain = text[start:end].rsplit("@", 1)[-1].lower().rstrip(".")
    # A named person's address on an organisation's domain is their published work contact
    # ("contact Coordinator Ralph Burns at ralph.burns@sos.arkansas.gov").
    if name and (entity == "PHONE_NUMBER" or domain in lex.free_mail):
        return PRIVATE, name
    strict = strict_agency_lines and entity == "PHONE_NUMBER"
    cue = _search(lex.public_strong if strict else lex.public_before, before)
    if not cue and not strict and entity == "PHONE_NUMBER":  # hours, purpose: a line
        cue = _search(lex.public_after, after)
    if cue:
        return PUBLIC, cue
    if strict:
        return PRIVATE, "not-in-public-phones"  # the agency listed its public lines
    if entity == "EMAIL_ADDRESS" and role_mailbox:
        return PUBLIC, "role-mailbox"
    if mode == "personal":
        return PRIVATE, "personal-post"  # the author's own number or mailbox
    if entity == "EMAIL_ADDRESS" and GOV_DOMAIN_RE.search(domain):
        return PUBLIC, "government-work-address"  # staff's published work contact
    # Nothing presents it as an office's line: it may be anyone's, so it is reported.
    return PRIVATE, "no-public-cue"


def appeal_cue(text: str) -> str:
    """The words that make the post a published appeal or court release, or ''."""
    return _search(context_lexicon().appeal, text)


def case_context(text: str, start: int, end: int, word: str) -> tuple[str, str]:
    """(PRIVATE or PUBLIC, the cue) for a number after the case word ``word``."""
    lex = context_lexicon()
    if lex.log_after.match(text, end):
        return PUBLIC, "incident-log"
    sentence_start = window_start(text, start, 160)
    ref = None
    for m in lex.appeal_reference.finditer(text, sentence_start, start):
        ref = m
    if ref is not None:
        return PUBLIC, "appeal-reference"
    head = word.split()[0] if word else ""
    if head in lex.weak_case_words or word in lex.weak_case_words:
        m = lex.person_cue.search(text)
        if m is None:
            return PUBLIC, "no-person"
        return PRIVATE, " ".join(m.group(0).split()).lower()
    return PRIVATE, word


@cache
def role_words() -> frozenset[str]:
    lines = data_path("lexicons/role-mailboxes.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def role_mailbox(address: str) -> bool:
    """A shared mailbox (info@, cto.enquiries@) rather than a person's own address."""
    local = address.split("@", 1)[0].lower()
    words = role_words()
    if local in words or any(p in words for p in re.split(r"[._+\-\d]+", local) if p):
        return True
    # Run-together role words ("gmprecruitment") when the word is long enough to be safe.
    return any(len(w) >= 7 and w in local for w in words)
