"""SM5xx: links that wander off topic, hide their destination, lack the external-link
disclaimer, never point back to the agency, or are not encrypted.

Links come from ``smlint.analysis.links``. Relevance (SM501): the link's URL words or the sentence
that carries it mention one of the agency's ``topics``, word forms matched by a stemmer.
With --resolve-links (``settings.resolve_links``), shortened links are followed
(``smlint.resolve``) and their final URL and page title are judged instead; otherwise the
network is never touched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Any

from smlint.analysis import Analysis
from smlint.analysis.links import (
    EXTERNAL,
    OFFICIAL,
    PARTNER,
    SHORTENER,
    Link,
    default_shorteners,
    extract_links,
    host_of,
    on_domains,
    relevant_topic,
    stemmer,
)
from smlint.checks.base import Check, CheckContext
from smlint.models import Hit
from smlint.resolve import Resolution, resolver
from smlint.ruledata.files import data_path

NON_WORD = re.compile(r"[\W_]+")
SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
MIN_CONTEXT_WORDS = 3


def _norm(text: str) -> str:
    """Lenient form for disclaimer matching: case, punctuation and spacing ignored."""
    return " ".join(NON_WORD.sub(" ", text.replace("’", "'").replace("'", "").lower()).split())


def has_disclaimer(text: str, disclaimers: Iterable[str]) -> bool:
    body = f" {_norm(text)} "
    return any(d and f" {d} " in body for d in (_norm(x) for x in disclaimers))


def carrying_sentence(text: str, link: Link) -> str:
    """The sentence around a link on its line; with the previous one when it is only a label
    ("Details:")."""
    line_start = text.rfind("\n", 0, link.start) + 1
    line_end = text.find("\n", link.end)
    line_end = len(text) if line_end == -1 else line_end
    start = line_start
    for m in SENTENCE_END.finditer(text, line_start, link.start):
        start = m.end()
    end = line_end
    m = SENTENCE_END.search(text, link.end, line_end)
    if m:
        end = m.start() + 1
    sentence = text[start : link.start] + " " + text[link.end : end]
    if len(re.findall(r"[^\W\d_]{2,}", sentence)) < MIN_CONTEXT_WORDS:
        before = text[:start].rstrip()
        prev_start = 0
        for m in SENTENCE_END.finditer(before):
            if m.end() < len(before):
                prev_start = m.end()
        sentence = before[prev_start:] + " " + sentence
    return sentence


def _final_kind(url: str, analysis: Analysis) -> str:
    host = host_of(url)
    agency = analysis.settings.agency
    if on_domains(host, agency.official_domains):
        return OFFICIAL
    if on_domains(host, agency.partner_domains):
        return PARTNER
    return EXTERNAL


def check_links(
    analysis: Analysis,
    ctx: CheckContext,
    *,
    shorteners: Iterable[str] | None = None,
    resolve: Callable[[str], Resolution] | None = None,
) -> Iterator[Hit]:
    """The SM5xx hits of a post.

    ``shorteners`` adds hosts to the built-in shortener list; ``resolve`` follows a
    shortened link (default: the per-process resolver when ``settings.resolve_links``).
    """
    agency = analysis.settings.agency
    text = analysis.text
    if shorteners is None:
        links = analysis.links
    else:
        links = extract_links(text, agency, default_shorteners() | frozenset(shorteners))
    if resolve is None and analysis.settings.resolve_links:
        resolve = analysis.resources.get(resolver)
    stem = analysis.resources.get(stemmer)
    needs_disclaimer: list[Link] = []
    official = False

    for link in links:
        if link.kind == OFFICIAL:
            official = True
        if link.insecure and ctx.wants("SM505"):
            yield Hit(
                code="SM505",
                start=link.start,
                end=link.end,
                message="Link uses http://; use https://",
                detail={"host": link.host},
            )
        if link.kind == SHORTENER:
            yield from _shortened(analysis, ctx, link, resolve)
            continue
        if link.kind in (EXTERNAL, PARTNER):
            needs_disclaimer.append(link)
        if link.kind == EXTERNAL and ctx.wants("SM501") and agency.topics:
            topic = relevant_topic(link, carrying_sentence(text, link), agency.topics, stem)
            if topic is None:
                yield Hit(
                    code="SM501",
                    start=link.start,
                    end=link.end,
                    message=f"Link to {link.host} is not on an agency topic",
                    detail={"host": link.host},
                )

    if (
        needs_disclaimer
        and ctx.wants("SM503")
        and agency.external_link_disclaimers
        and not has_disclaimer(text, agency.external_link_disclaimers)
    ):
        for link in needs_disclaimer:
            yield Hit(
                code="SM503",
                start=link.start,
                end=link.end,
                message=f"External link to {link.host} without the external-link disclaimer",
                detail={"host": link.host, "kind": link.kind},
            )

    # No official domains configured: SM504 cannot know the agency's site (one notice per
    # run says so, see smlint.ruledata.packs.agency_notice), so it stays silent.
    if (
        analysis.post.mode == "official"
        and ctx.wants("SM504")
        and agency.official_domains
        and not official
    ):
        start, end = analysis.body_span
        if end > start:
            yield Hit(
                code="SM504",
                start=start,
                end=end,
                message="No link to an official agency site",
                detail={"links": len(links)},
            )


def _shortened(
    analysis: Analysis,
    ctx: CheckContext,
    link: Link,
    resolve: Callable[[str], Resolution] | None,
) -> Iterator[Hit]:
    detail: dict[str, Any] = {"host": link.host}
    message = f"Shortened link ({link.host}) hides its destination"
    result = resolve(link.absolute) if resolve is not None else None
    if result is not None and not result.ok:
        detail.update(resolved="unreachable", reason=result.error or "")
        message += f"; it could not be followed ({result.error})"
    elif result is not None and result.final_url:
        final_host = host_of(result.final_url)
        kind = _final_kind(result.final_url, analysis)
        detail.update(resolved="ok", final_host=final_host, final_kind=kind)
        message += f"; it leads to {final_host}"
        topics = analysis.settings.agency.topics
        if kind == EXTERNAL and topics and ctx.wants("SM501"):
            final = extract_links(result.final_url, analysis.settings.agency, ())
            target = final[0] if final else link
            sentence = carrying_sentence(analysis.text, link)
            topic = relevant_topic(
                target,
                sentence,
                topics,
                analysis.resources.get(stemmer),
                extra_text=result.title or "",
            )
            if topic is None:
                yield Hit(
                    code="SM501",
                    start=link.start,
                    end=link.end,
                    message=f"Shortened link leads to {final_host}, which is not on an"
                    " agency topic",
                    detail={"host": link.host, "final_host": final_host},
                )
    if ctx.wants("SM502") and not on_domains(link.host, platform_shorteners()):
        yield Hit(code="SM502", start=link.start, end=link.end, message=message, detail=detail)


@cache
def platform_shorteners() -> frozenset[str]:
    """Shorteners the author did not choose or that only lead to government sites
    (``rules/lexicons/platform-shorteners.txt``): never SM502."""
    lines = data_path("lexicons/platform-shorteners.txt").read_text(encoding="utf-8")
    return frozenset(
        line.split("#", 1)[0].strip().lower()
        for line in lines.splitlines()
        if line.split("#", 1)[0].strip()
    )


def _run(analysis: Analysis, ctx: CheckContext) -> Iterator[Hit]:
    yield from check_links(analysis, ctx)


CHECK = Check(name="links", run=_run)
