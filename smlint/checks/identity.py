"""SM401–SM404, SM406: who speaks. Signatures in official posts; disclaimers, speaking for the
agency and work emails in personal posts. (SM405, claims of inside access, is a phrase rule.)

Phrase lists are data (``rules/lexicons/``: titles, disclaimers, employee-claims,
speaks-for-agency); ``{agency}`` in a pattern stands for the agency's name, aliases and named
units built from them ("Milwaukee Water Works" for "City of Milwaukee").
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping
from dataclasses import dataclass

import regex

from smlint.analysis import Analysis, Resources
from smlint.analysis.links import on_domains
from smlint.analysis.sentences import merge
from smlint.checks.base import Check, CheckContext
from smlint.engine.phrases import straight_apostrophes
from smlint.models import Hit
from smlint.pii.public import role_mailbox
from smlint.pretest.index import Requirement, Requirements

GOV_DOMAIN_RE = regex.compile(r"(?i)(?:^|\.)(?:gov|mil)(?:\.[a-z]{2})?$")
NEGATION_RE = regex.compile(r"(?i)(?:\bnot|\bnever|\bno\s+longer|n't|\bnor)\s+(?:\w+\s+){0,2}$")
# One finding per sentence: spans merge unless end punctuation or a line break is between.
SAME_SENTENCE = r"[^.!?\n]*"
GROUPS = ("disclaimers", "employee", "speaks-for", "speaks-in-context")


def _sources(resources: Resources) -> dict[str, tuple[str, ...]]:
    """Each group's pattern sources, ``{agency}`` still in them."""
    files = resources.rules.files
    speaks = files["speaks-for-agency"]
    return {
        "disclaimers": tuple(files["disclaimers"]["patterns"]),
        "employee": tuple(files["employee-claims"]["patterns"]),
        "speaks-for": tuple(speaks["patterns"]),
        "speaks-in-context": tuple(speaks.get("patterns-in-context", ())),
    }


def pretests(resources: Resources, known: Requirements) -> Mapping[Hashable, Requirement]:
    """What each phrase pattern needs, from its source with ``{agency}`` as an unknown
    character: each agency's reference differs, but a match still has the literals around
    it."""
    return {
        ("identity", group, i): known.of(source.replace("{agency}", r"[\s\S]"), regex.I)
        for group, sources in _sources(resources).items()
        for i, source in enumerate(sources)
    }


@dataclass(frozen=True)
class IdentityPatterns:
    """The phrase patterns compiled for one agency: (pre-test key, pattern) per group."""

    groups: Mapping[str, tuple[tuple[Hashable, regex.Pattern[str]], ...]]
    agency: regex.Pattern[str] | None


def identity_patterns(resources: Resources) -> IdentityPatterns:
    own = resources.agency.reference
    generic = resources.rules.files["speaks-for-agency"]["generic-agency"]
    agency_for = {"employee": own, "speaks-for": f"(?:{own}|{generic})" if own else generic}
    groups = {}
    for group, sources in _sources(resources).items():
        compiled = []
        for i, source in enumerate(sources):
            pattern = source
            if "{agency}" in pattern:
                if not agency_for.get(group):
                    continue
                pattern = pattern.replace("{agency}", agency_for[group])
            compiled.append(
                (("identity", group, i), regex.compile(pattern, regex.IGNORECASE | regex.V0))
            )
        groups[group] = tuple(compiled)
    agency = regex.compile(rf"\b{own}", regex.IGNORECASE) if own else None
    return IdentityPatterns(groups, agency)


def _matches(
    analysis: Analysis, text: str, pats: IdentityPatterns, group: str
) -> list[tuple[int, int]]:
    """Spans of a group's matches (patterns the post cannot match are skipped)."""
    spans = []
    for key, pattern in pats.groups[group]:
        if not analysis.may_match(key):
            continue
        for m in pattern.finditer(text):
            if m.end() > m.start():
                spans.append((m.start(), m.end()))
    return sorted(spans)


def _last_line(text: str) -> tuple[int, int]:
    stripped = text.rstrip()
    start = stripped.rfind("\n") + 1
    while start < len(stripped) and stripped[start].isspace():
        start += 1
    return (start, len(stripped)) if stripped else (0, 0)


def check_signature(analysis: Analysis, ctx: CheckContext) -> Iterator[Hit]:
    if analysis.post.mode != "official":
        return
    sig = analysis.signoff
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


def _role_mailbox(address: str) -> bool:
    """A shared mailbox (info@, cto.enquiries@) rather than a person's own address."""
    return role_mailbox(address)


def _work_emails(analysis: Analysis) -> Iterator[tuple[int, int, bool]]:
    """(start, end, on an official domain) of government work addresses of a person."""
    agency = analysis.settings.agency
    public = {e.lower() for e in agency.public_emails}
    for email in analysis.emails:
        if email.address.lower() in public or _role_mailbox(email.address):
            continue
        official = on_domains(email.domain, agency.official_domains)
        if official or GOV_DOMAIN_RE.search(email.domain):
            yield email.start, email.end, official


def check_personal(analysis: Analysis, ctx: CheckContext) -> Iterator[Hit]:
    if analysis.post.mode != "personal":
        return
    pats = analysis.resources.get(identity_patterns)
    text = straight_apostrophes(analysis.text)
    work_emails = list(_work_emails(analysis))
    employee = _matches(analysis, text, pats, "employee")
    speaks = _matches(analysis, text, pats, "speaks-for")
    if employee or speaks or (pats.agency is not None and pats.agency.search(text)):
        speaks += _matches(analysis, text, pats, "speaks-in-context")
    speaks = sorted((s, e) for s, e in speaks if not NEGATION_RE.search(text[max(0, s - 40) : s]))
    # SM403 needs to know which agency is meant (name, aliases or domains); without them a
    # generic "our department" is no claim about a known employer (one notice per run).
    agency = analysis.settings.agency
    if ctx.wants("SM403") and (agency.name or agency.aliases or agency.official_domains):
        # Speaking for the agency also says "I work there".
        claims = employee + speaks
        # Giving an address on the agency's own domains also says "I work there".
        claims += [(start, end) for start, end, official in work_emails if official]
        if claims and not _matches(analysis, text, pats, "disclaimers"):
            start, end = min(claims)
            yield Hit(
                code="SM403",
                start=start,
                end=end,
                message="Says the author works for the agency but has no"
                ' "views are my own" disclaimer',
            )
    if ctx.wants("SM404"):
        for start, end, _ in merge([(s, e, None) for s, e in speaks], text, SAME_SENTENCE):
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


def _run(analysis: Analysis, ctx: CheckContext) -> Iterator[Hit]:
    if ctx.wants("SM401", "SM402"):
        yield from check_signature(analysis, ctx)
    if ctx.wants("SM403", "SM404", "SM406"):
        yield from check_personal(analysis, ctx)


CHECK = Check(name="identity", run=_run, pretests=pretests)
