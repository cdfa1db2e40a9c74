"""SM4xx: who speaks. Signatures in official posts; disclaimers, speaking for the agency,
claims of inside access and work emails in personal posts.

Phrase lists are data (``rules/lexicons/``: titles, disclaimers, employee-claims,
speaks-for-agency, nonpublic-access); ``{agency}`` in a pattern stands for the agency's name,
aliases and named units built from them ("Milwaukee Water Works" for "City of Milwaukee").
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import cache

import regex

from smlint.analysis import Analysis, Resources
from smlint.analysis.links import on_domains
from smlint.analysis.signoff import find_signature
from smlint.checks.base import Check, CheckContext
from smlint.config import Agency
from smlint.models import Hit
from smlint.pretest.literals import Clauses, LiteralIndex, fold, required_literals
from smlint.ruledata.files import data_path, load_yaml

# Words of an agency's name too common to mark a unit of the agency on their own.
GENERIC_NAME_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "for",
        "a",
        "an",
        "city",
        "county",
        "state",
        "department",
        "dept",
        "division",
        "office",
        "bureau",
        "services",
        "service",
        "affairs",
        "public",
        "agency",
        "center",
        "centre",
        "national",
        "us",
        "u.s",
    ]
)
# Last words of a named unit ("Milwaukee Water Works", "Madison Fire Department").
UNIT_NOUNS = (
    "Department|Dept|Division|Library|Libraries|Services|Guard|Unit|Office|"
    "Police|Fire|Health|Parks|Works|Metro|Transit|Utility|Utilities|Bureau|Agency|"
    "Commission|Board|Streets|Sanitation|Recreation|Airport|Authority|Clinic|Clinics"
)
EMAIL_RE = regex.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@(?P<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)"
)
GOV_DOMAIN_RE = regex.compile(r"(?i)(?:^|\.)(?:gov|mil)(?:\.[a-z]{2})?$")
NEGATION_RE = regex.compile(r"(?i)(?:\bnot|\bnever|\bno\s+longer|n't|\bnor)\s+(?:\w+\s+){0,2}$")
SENTENCE_BREAK = regex.compile(r"[.!?\n]")


@dataclass(frozen=True)
class IdentityPatterns:
    """The phrase patterns compiled for one agency."""

    disclaimers: tuple[regex.Pattern[str], ...]
    employee: tuple[regex.Pattern[str], ...]
    speaks_for: tuple[regex.Pattern[str], ...]
    speaks_in_context: tuple[regex.Pattern[str], ...]
    agency: regex.Pattern[str] | None
    nonpublic: tuple[regex.Pattern[str], ...]
    # Which phrase patterns may match a post: only those run (most posts need none). The
    # personal-post patterns and the SM405 ones apart, as official posts need only the latter.
    personal_index: LiteralIndex
    nonpublic_index: LiteralIndex


def _phrase(text: str) -> str:
    return r"\s+".join(regex.escape(word) for word in text.split())


def agency_reference(agency: Agency) -> str:
    """A regex for the agency's name, aliases and named units; '' when none is configured."""
    names = sorted({n.strip() for n in (agency.name, *agency.aliases) if n.strip()}, key=len)
    parts = [rf"(?:the\s+)?{_phrase(n)}" for n in reversed(names)]
    distinctive = sorted(
        {
            w
            for n in names
            for w in regex.findall(r"[\p{L}&'-]+", n)
            if w[:1].isupper() and w.lower() not in GENERIC_NAME_WORDS
        },
        key=len,
        reverse=True,
    )
    if distinctive:
        alternation = "|".join(regex.escape(w) for w in distinctive)
        parts.append(
            rf"(?-i:(?:the\s+)?(?:{alternation})(?:\s+\p{{Lu}}[\p{{L}}&'-]*){{0,3}}?"
            rf"\s+(?:{UNIT_NOUNS}))"
        )
    return "(?:" + "|".join(parts) + r")\b" if parts else ""


# Syntax of the regex module that Python's re (which finds the required literals) would read
# as literal text: fuzzy matching ("{e<=1}") and POSIX classes ("[[:alpha:]]").
_NOT_RE_SYNTAX = regex.compile(r"\{(?!\d*,?\d*\})|\[\[:")


def _required(pattern: str) -> Clauses:
    """The literals every match of a phrase pattern contains, from its source with
    ``{agency}`` as an unknown character: each agency's reference differs (and is written with
    ``\\p{..}``, which re cannot read), but a match still has the literals around it."""
    source = pattern.replace("{agency}", r"[\s\S]")
    return () if _NOT_RE_SYNTAX.search(source) else required_literals(source)


def _compile(
    patterns: Iterable[str], agency_re: str | None, required: dict[regex.Pattern[str], Clauses]
) -> tuple[regex.Pattern[str], ...]:
    out = []
    for source in patterns:
        pattern = source
        if "{agency}" in pattern:
            if not agency_re:
                continue
            pattern = pattern.replace("{agency}", agency_re)
        compiled = regex.compile(pattern, regex.IGNORECASE | regex.V0)
        required[compiled] = _required(source)
        out.append(compiled)
    return tuple(out)


def identity_patterns(resources: Resources) -> IdentityPatterns:
    agency = resources.settings.agency
    own = agency_reference(agency)
    speaks = load_yaml("lexicons/speaks-for-agency.yaml")
    generic = speaks["generic-agency"]
    personal: dict[regex.Pattern[str], Clauses] = {}
    nonpublic: dict[regex.Pattern[str], Clauses] = {}
    return IdentityPatterns(
        disclaimers=_compile(load_yaml("lexicons/disclaimers.yaml")["patterns"], None, personal),
        employee=_compile(load_yaml("lexicons/employee-claims.yaml")["patterns"], own, personal),
        speaks_for=_compile(
            speaks["patterns"], f"(?:{own}|{generic})" if own else generic, personal
        ),
        speaks_in_context=_compile(speaks.get("patterns-in-context", []), None, personal),
        agency=regex.compile(rf"\b{own}", regex.IGNORECASE) if own else None,
        nonpublic=_compile(
            load_yaml("lexicons/nonpublic-access.yaml")["patterns"], None, nonpublic
        ),
        personal_index=LiteralIndex(personal),
        nonpublic_index=LiteralIndex(nonpublic),
    )


def normalised(text: str) -> str:
    """Text with typographic apostrophes made straight (same length, same offsets)."""
    return text.replace("’", "'").replace("‘", "'")


def _matches(
    text: str, patterns: Iterable[regex.Pattern[str]], candidates: Collection[regex.Pattern[str]]
) -> list[tuple[int, int]]:
    """Spans of the patterns' matches; only ``candidates`` can match (the others are skipped)."""
    spans = []
    for pattern in patterns:
        if pattern not in candidates:
            continue
        for m in pattern.finditer(text):
            if m.end() > m.start():
                spans.append((m.start(), m.end()))
    return sorted(spans)


def _merge_by_sentence(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join overlapping spans and spans in the same sentence into one finding each."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and (
            start <= merged[-1][1] or not SENTENCE_BREAK.search(text, merged[-1][1], start)
        ):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _last_line(text: str) -> tuple[int, int]:
    stripped = text.rstrip()
    start = stripped.rfind("\n") + 1
    while start < len(stripped) and stripped[start].isspace():
        start += 1
    return (start, len(stripped)) if stripped else (0, 0)


def check_signature(analysis: Analysis, ctx: CheckContext) -> Iterator[Hit]:
    sig = find_signature(analysis)
    if ctx.wants("SM401") and (sig is None or not sig.full_name):
        if sig is None:
            start, end = _last_line(analysis.text)
            message, why = "Official post without the author's first and last name", "none"
        elif sig.initials:
            start, end = sig.start, sig.end
            message, why = "Signature gives only initials, not the author's full name", "initials"
        else:
            start, end = sig.start, sig.end
            message, why = "Signature lacks the author's last name", "partial-name"
        yield Hit(code="SM401", start=start, end=end, message=message, detail={"signature": why})
    if ctx.wants("SM402") and sig is not None and sig.name_start is not None and not sig.title:
        yield Hit(
            code="SM402",
            start=sig.start,
            end=sig.end,
            message="Signature has no position or job title",
        )


@cache
def role_words() -> frozenset[str]:
    lines = data_path("lexicons/role-mailboxes.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def _role_mailbox(address: str) -> bool:
    """A shared mailbox (info@, cto.enquiries@) rather than a person's own address."""
    local = address.split("@", 1)[0].lower()
    words = role_words()
    if local in words or any(p in words for p in regex.split(r"[._+\-\d]+", local) if p):
        return True
    # Run-together role words ("gmprecruitment") when the word is long enough to be safe.
    return any(len(w) >= 7 and w in local for w in words)


def check_personal(analysis: Analysis, ctx: CheckContext, pats: IdentityPatterns) -> Iterator[Hit]:
    text = normalised(analysis.text)
    maybe = pats.personal_index.candidates(fold(text))
    work_emails = list(_work_emails(analysis))
    employee = _matches(text, pats.employee, maybe)
    speaks = _matches(text, pats.speaks_for, maybe)
    if employee or speaks or (pats.agency is not None and pats.agency.search(text)):
        speaks += _matches(text, pats.speaks_in_context, maybe)
    speaks = sorted((s, e) for s, e in speaks if not NEGATION_RE.search(text[max(0, s - 40) : s]))
    if ctx.wants("SM403"):
        # Speaking for the agency also says "I work there".
        claims = employee + speaks
        # Giving an address on the agency's own domains also says "I work there".
        claims += [(start, end) for start, end, official in work_emails if official]
        if claims and not _matches(text, pats.disclaimers, maybe):
            start, end = min(claims)
            yield Hit(
                code="SM403",
                start=start,
                end=end,
                message="Says the author works for the agency but has no"
                ' "views are my own" disclaimer',
            )
    if ctx.wants("SM404"):
        for start, end in _merge_by_sentence(text, speaks):
            yield Hit(code="SM404", start=start, end=end)
    if ctx.wants("SM406"):
        for start, end, official in work_emails:
            yield Hit(
                code="SM406",
                start=start,
                end=end,
                message="Government work email given as a contact in a personal post",
                detail={"domain": "official" if official else "gov"},
            )


def _work_emails(analysis: Analysis) -> Iterator[tuple[int, int, bool]]:
    """(start, end, on an official domain) of government work addresses of a person."""
    agency = analysis.settings.agency
    public = {e.lower() for e in agency.public_emails}
    for m in EMAIL_RE.finditer(analysis.text):
        domain = m.group("domain").lower().rstrip(".")
        if m.group(0).lower() in public or _role_mailbox(m.group(0)):
            continue
        official = on_domains(domain, agency.official_domains)
        if official or GOV_DOMAIN_RE.search(domain):
            yield m.start(), m.end(), official


def check_nonpublic(analysis: Analysis, pats: IdentityPatterns) -> Iterator[Hit]:
    text = normalised(analysis.text)
    maybe = pats.nonpublic_index.candidates(fold(text))
    for start, end in _merge_by_sentence(text, _matches(text, pats.nonpublic, maybe)):
        yield Hit(code="SM405", start=start, end=end)


def _run(analysis: Analysis, ctx: CheckContext) -> Iterator[Hit]:
    mode = analysis.post.mode
    if mode == "official" and ctx.wants("SM401", "SM402"):
        yield from check_signature(analysis, ctx)
    if not ctx.wants("SM403", "SM404", "SM405", "SM406"):
        return
    pats = analysis.resources.get(identity_patterns)
    if mode == "personal":
        yield from check_personal(analysis, ctx, pats)
    if ctx.wants("SM405"):
        yield from check_nonpublic(analysis, pats)


CHECK = Check(
    name="identity",
    codes=frozenset({"SM401", "SM402", "SM403", "SM404", "SM405", "SM406"}),
    run=_run,
)
