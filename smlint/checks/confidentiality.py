"""SM6xx: confidential markings, commercial endorsement, active emergency instructions,
third-party copyright and security-sensitive details.

Patterns and their context exceptions come from ``rules/lexicons/confidentiality.yaml``:
a confidential help line, a drill that already happened, a preparedness tip, a scam warning
that names gift cards, lifeguard hours and "we will never ask for your password" are not
findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from smlint.analysis import Analysis, Resources
from smlint.checks.base import Check, CheckContext
from smlint.models import Hit
from smlint.ruledata.files import load_yaml
from smlint.ruledata.lexicons import Lexicon, load_lexicon, merge, sentence_of, sentences

CODES = frozenset({"SM601", "SM602", "SM603", "SM604", "SM605"})
QUOTE_RE = re.compile(r"[\"“]([^\"“”\n]{20,}?)[\"”]")


class _Conf:
    def __init__(self, lexicon: Lexicon, data: dict[str, Any]) -> None:
        self.lexicon = lexicon
        self.exceptions = {
            code: lexicon.compile(rx) for code, rx in (data.get("exceptions") or {}).items()
        }
        quotation = data.get("quotation") or {}
        self.min_words = int(quotation.get("min-words", 25))
        self.attribution = re.compile(quotation.get("attribution", r"\bsaid\b"))


def _conf(_resources: Resources) -> _Conf:
    return _Conf(load_lexicon("confidentiality"), load_yaml("lexicons/confidentiality.yaml"))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " ,;:-":
        end -= 1
    return start, end


def _excepted(conf: _Conf, code: str, text: str, start: int, end: int) -> bool:
    rx = conf.exceptions.get(code)
    return rx is not None and rx.search(text, start, end) is not None


def check_markers(analysis: Analysis, conf: _Conf) -> Iterator[Hit]:
    text = analysis.text
    spans = sentences(analysis)
    hits = []
    exception = conf.exceptions.get("SM601")
    for name, m in conf.lexicon.scan("SM601", text):
        s, e = _trim(text, *m.span())
        ss, se = sentence_of(spans, s)
        if exception is not None and any(
            x.start() < e and s < x.end() for x in exception.finditer(text, ss, se)
        ):
            continue  # "our confidential help line", "your information stays confidential"
        hits.append((ss, Hit(code="SM601", start=s, end=e, detail={"pattern": name})))
    marked = {ss for ss, hit in hits if hit.detail["pattern"] != "keep-quiet"}
    for ss, hit in hits:
        # "keep it quiet" only counts where no marking says more in the same sentence.
        if hit.detail["pattern"] != "keep-quiet" or ss not in marked:
            yield hit


def _sentence_hits(
    analysis: Analysis, conf: _Conf, code: str, gap: str = r"[ \t]*"
) -> Iterator[Hit]:
    """Pattern hits whose sentence has no exception; hits on one line merged."""
    text = analysis.text
    spans = sentences(analysis)
    found = []
    for name, m in conf.lexicon.scan(code, text):
        s, e = _trim(text, *m.span())
        ss, se = sentence_of(spans, s)
        if _excepted(conf, code, text, ss, se):
            continue
        found.append((s, e, name))
    for start, end, names in merge(found, text, gap):
        yield Hit(code=code, start=start, end=end, detail={"pattern": names[0]})


def _agency_names(resources: Resources) -> re.Pattern[str] | None:
    agency = resources.settings.agency
    names = [n for n in (agency.name, *agency.aliases) if n.strip()]
    if not names:
        return None
    alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"\b(?:{alts})\b", re.IGNORECASE)


def check_copyright(analysis: Analysis, conf: _Conf) -> Iterator[Hit]:
    text = analysis.text
    own = analysis.resources.get(_agency_names)
    permission = conf.exceptions.get("SM604")
    if permission is not None and permission.search(text):
        return
    found = []
    for name, m in conf.lexicon.scan("SM604", text):
        s, e = _trim(text, *m.span())
        if own is not None and own.search(text, s, e):
            continue  # the agency's own material
        found.append((s, e, name))
    for start, end, names in merge(found, text, r"[^\n]*"):
        yield Hit(code="SM604", start=start, end=end, detail={"pattern": names[0]})
    for m in QUOTE_RE.finditer(text):
        words = len(m.group(1).split())
        if words < conf.min_words:
            continue
        para_start = text.rfind("\n\n", 0, m.start()) + 1
        para_end = text.find("\n\n", m.end())
        around = (
            text[max(para_start, m.start() - 80) : m.start()]
            + " "
            + text[m.end() : min(m.end() + 80, para_end if para_end >= 0 else len(text))]
        )
        if conf.attribution.search(around) or re.search(r"https?://", around):
            continue
        yield Hit(
            code="SM604",
            start=m.start(1),
            end=m.end(1),
            message=f"Quotation of {words} words with no source",
            detail={"pattern": "unattributed-quotation", "words": words},
        )


def _run(analysis: Analysis, ctx: CheckContext) -> Iterator[Hit]:
    conf = analysis.resources.get(_conf)
    if ctx.wants("SM601"):
        yield from check_markers(analysis, conf)
    if ctx.wants("SM602"):
        yield from _sentence_hits(analysis, conf, "SM602", r"[^\n]*")
    if ctx.wants("SM603"):
        yield from _sentence_hits(analysis, conf, "SM603")
    if ctx.wants("SM604"):
        yield from check_copyright(analysis, conf)
    if ctx.wants("SM605"):
        yield from _sentence_hits(analysis, conf, "SM605")


CHECK = Check(name="confidentiality", codes=CODES, run=_run)
