"""The ``phrases`` rule kind: a rule that is only data, run from its catalog entry.

A phrase rule names a lexicon; its patterns for the rule's code, and its grammar if the
lexicon has one (parts that must occur together in a sentence, also tried on hashtags'
words), are matched over the post, and the catalog's options
(``smlint.ruledata.catalog.Phrases``) say how a match becomes a finding: trimmed, skipped
inside quotations, dropped where the lexicon's exception pattern occurs in its sentence,
counted only where no other pattern fired (secondary patterns), and merged per sentence or
across a gap. Each finding's detail names the pattern, or the form and parts, that fired.
"""

from __future__ import annotations

from collections.abc import Iterator

from smlint.analysis import Analysis
from smlint.analysis.sentences import merge
from smlint.models import Hit
from smlint.ruledata.catalog import Rule
from smlint.ruledata.lexicons import Lexicon


def straight_apostrophes(text: str) -> str:
    """Text with typographic apostrophes made straight (same length, same offsets)."""
    return text.replace("’", "'").replace("‘", "'")


def run_phrases(rule: Rule, lexicon: Lexicon, analysis: Analysis) -> Iterator[Hit]:
    spec = rule.phrases
    assert spec is not None
    code = rule.code
    tags = spec.hashtags and bool(analysis.hashtags) and code in lexicon.grammars
    if analysis.candidate_names(code) == set() and not tags:
        return  # no pattern of the rule can match this post
    text = analysis.text
    scan_text = straight_apostrophes(text) if spec.straight_apostrophes else None
    exception = lexicon.exception(code) if spec.exceptions else None
    needs_sentence = exception is not None or spec.merge_sentence or bool(spec.secondary)
    matches: list[tuple[int, int, dict[str, str]]] = [
        (*m.span(), {"pattern": name})
        for name, m in analysis.scan(lexicon, code, text=scan_text, overlapping=spec.overlapping)
    ]
    matches += [
        (hit.start, hit.end, hit.detail)
        for hit in analysis.grammar(lexicon, code, hashtags=spec.hashtags)
    ]
    found: list[tuple[int, int, dict[str, str], tuple[int, int] | None]] = []
    for s, e, detail in matches:
        while s < e and text[s] in spec.trim_start:
            s += 1
        while e > s and text[e - 1] in spec.trim_end:
            e -= 1
        if spec.skip_quotations and analysis.quoted(s):
            continue  # someone else's words
        sentence = analysis.sentences.of(s) if needs_sentence else None
        if exception is not None and sentence is not None:
            ss, se = sentence
            if spec.exceptions == "sentence":
                if exception.search(text, ss, se):
                    continue
            elif any(x.start() < e and s < x.end() for x in exception.finditer(text, ss, se)):
                continue
        found.append((s, e, detail, sentence))
    if spec.secondary:
        marked = {sentence for _, _, d, sentence in found if d["pattern"] not in spec.secondary}
        found = [f for f in found if f[2]["pattern"] not in spec.secondary or f[3] not in marked]
    if spec.merge_sentence:
        by_sentence: dict[tuple[int, int] | None, list[tuple[int, int, dict[str, str]]]] = {}
        for s, e, detail, sentence in found:
            by_sentence.setdefault(sentence, []).append((s, e, detail))
        for items in by_sentence.values():
            start = min(i[0] for i in items)
            end = max(i[1] for i in items)
            yield Hit(code=code, start=start, end=end, detail=items[0][2])
    elif spec.merge_gap is not None:
        spans = [(s, e, detail) for s, e, detail, _ in found]
        for start, end, details in merge(spans, text, spec.merge_gap):
            yield Hit(code=code, start=start, end=end, detail=details[0])
    else:
        for s, e, detail, _ in found:
            yield Hit(code=code, start=s, end=e, detail=detail)
