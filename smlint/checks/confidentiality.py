"""SM604: someone else's copyrighted material. (The other SM6xx rules, confidential
markings, commercial endorsement, active emergency instructions and security-sensitive
details, are phrase rules: catalog data over ``rules/lexicons/confidentiality.yaml``.)

A third party's copyright notice is a finding unless the post says it is used with
permission or it is the agency's own; so is a long quotation with no attribution near it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from smlint.analysis import Analysis, Resources
from smlint.analysis.sentences import merge, trim_end
from smlint.checks.base import Check, CheckContext
from smlint.models import Hit
from smlint.ruledata.lexicons import Lexicon

QUOTE_RE = re.compile(r"[\"“]([^\"“”\n]{20,}?)[\"”]")


class _Copyright:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.permission = lexicon.exception("SM604")
        quotation = lexicon.data["quotation"]
        self.min_words = int(quotation["min-words"])
        self.attribution = re.compile(quotation["attribution"])
        self.speaker = re.compile(quotation["speaker"])
        self.reported = re.compile(quotation["reported"])  # titles are capitalised
        self.own_voice = re.compile(quotation["own-voice"], re.IGNORECASE)


def _copyright(resources: Resources) -> _Copyright:
    return _Copyright(resources.rules.lexicon("confidentiality"))


def check_copyright(analysis: Analysis, _ctx: CheckContext) -> Iterator[Hit]:
    text = analysis.text
    if analysis.candidate_names("SM604") == set() and '"' not in text and "“" not in text:
        return  # neither a notice nor a quotation can be found
    conf = analysis.resources.get(_copyright)
    own = analysis.resources.agency.mention
    if conf.permission is not None and conf.permission.search(text):
        return
    found = []
    for name, m in analysis.scan(conf.lexicon, "SM604"):
        s, e = trim_end(text, *m.span(), " ,;:-")
        if own is not None and own.search(text, s, e):
            continue  # the agency's own material
        found.append((s, e, name))
    for start, end, names in merge(found, text, r"[^\n]*"):
        yield Hit(code="SM604", start=start, end=end, detail={"pattern": names[0]})
    quotes = [m for m in QUOTE_RE.finditer(text) if len(m.group(1).split()) >= conf.min_words]
    if not quotes:
        return
    # A post that names a speaker for one quotation, or reports what someone said, gives a
    # source for all of them (a statement quoted in several paragraphs).
    if conf.reported.search(QUOTE_RE.sub(" ", text)) or any(
        conf.speaker.search(text, max(0, m.start() - 40), m.start()) for m in quotes
    ):
        return
    for m in quotes:
        words = len(m.group(1).split())
        if conf.own_voice.search(m.group(1)):
            continue  # "We are appealing for …": an organisation's own words
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


CHECK = Check.per_code("confidentiality", {"SM604": check_copyright})
