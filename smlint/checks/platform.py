"""SM7xx: platform length limits and accessibility (hashtag case, capitals, alt text)."""

from __future__ import annotations

import importlib.resources
import importlib.util
import re
import sys
import types
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from smlint.analysis import Analysis
from smlint.analysis.segment import split_words
from smlint.analysis.thread import thread_parts
from smlint.checks.base import Check, CheckContext
from smlint.models import Hit
from smlint.ruledata.files import load_yaml

URL_RE = re.compile(r"\bhttps?://[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"]", re.IGNORECASE)
BARE_DOMAIN_HINT_RE = re.compile(r"\w\.[A-Za-z]{2,}")
IMAGE_RE = re.compile(r"!\[(?P<alt>[^\]\n]*)\]\((?P<src>[^)\n]*)\)")
IMG_TAG_RE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
ALT_ATTR_RE = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
TOKEN_RE = re.compile(r"\S+")
LETTERS_RE = re.compile(r"[A-Za-z]+")
# Consecutive words (white space apart) without a lower-case ASCII letter or "/" that do not
# start with "#" or "@": only such words can be part of a run of capitals.
STRETCH_RE = re.compile(r"(?<!\S)[^\s#@/a-z][^\s/a-z]*(?:\s+[^\s#@/a-z][^\s/a-z]*)*(?!\S)")
# Shouting needs a word of four or more capitals: four Lu letters (the letters str.isupper()
# accepts) with no white space between (str's white space: \s and \x1c-\x1f). Posts without
# one (most) skip the word-by-word walk.
LOUD_WORD_RE = regex.compile(r"\p{Lu}(?:[^\s\x1c-\x1f\p{Lu}]*+\p{Lu}){3}")
SENTENCE_END = (".", "!", "?")

# A word-segmentation split is trusted only when every part is a word seen this often in
# wordsegment's web corpus (drops splits of acronyms such as "wioa" -> "wio" + "a").
MIN_SEGMENT_COUNT = 20_000
MIN_SHOUT_WORDS = 3
MIN_SHOUT_LETTERS = 12


@dataclass(frozen=True)
class PlatformLimit:
    name: str
    limit: int
    counting: str
    link_length: int | None = None


@cache
def platform_limits() -> dict[str, PlatformLimit]:
    raw: dict[str, Any] = load_yaml("platforms.yaml")
    return {
        key: PlatformLimit(
            name=str(v["name"]),
            limit=int(v["limit"]),
            counting=str(v["counting"]),
            link_length=v.get("link-length"),
        )
        for key, v in raw.items()
    }


def measure(text: str, limit: PlatformLimit) -> int:
    """The length of ``text`` as the platform counts it."""
    if limit.counting == "twitter-text":
        return tweet_parser()(text).weightedLength
    if limit.link_length is not None:
        text = URL_RE.sub("x" * limit.link_length, text)
    if limit.counting == "graphemes":
        return len(regex.findall(r"\X", text))
    return len(text)


@cache
def tweet_parser() -> Callable[[str], Any]:
    """twitter-text's ``parse_tweet``, imported so that it works in any environment.

    twitter-text-parser reads its emoji table with ``pkg_resources.resource_string``, which
    fresh virtual environments (no setuptools, or setuptools >= 82) lack and older setuptools
    deprecates loudly. Give it that one function, backed by importlib.resources.
    """
    if "pkg_resources" not in sys.modules and importlib.util.find_spec("pkg_resources") is None:
        shim = types.ModuleType("pkg_resources")

        def resource_string(module: str, name: str) -> bytes:
            package = getattr(sys.modules.get(module), "__package__", None) or module
            return importlib.resources.files(package).joinpath(name).read_bytes()

        shim.resource_string = resource_string  # type: ignore[attr-defined]
        sys.modules["pkg_resources"] = shim
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from twitter_text import parse_tweet
    return parse_tweet


def _weighted_bound(text: str) -> int:
    """An upper bound of X's weighted length: 2 a character (a link twitter-text does not
    take for one, such as a host with invalid labels, counts its characters), plus 23 for
    each link and for anything twitter-text might take for a bare domain ("wyo.gov/jobs")."""
    links = URL_RE.findall(text)
    maybe_domains = len(BARE_DOMAIN_HINT_RE.findall(URL_RE.sub(" ", text)))
    return 2 * len(text) + 23 * (len(links) + maybe_domains)


_THREAD_HINT_RE = re.compile(r"^[ \t]*---[ \t]*$|\d\s*/\s*\d", re.MULTILINE)


def check_length(analysis: Analysis, ctx: CheckContext) -> Iterator[Hit]:
    post = analysis.post
    base = platform_limits().get(post.platform)
    if base is None:
        return
    limit = PlatformLimit(
        name=base.name,
        limit=ctx.ruleset.length_limits.get(post.platform, base.limit),
        counting=base.counting,
        link_length=base.link_length,
    )
    parts = thread_parts(analysis.text) if _THREAD_HINT_RE.search(analysis.text) else []
    if parts:  # a thread: each part is published, and limited, on its own
        for part in parts:
            length = measure(part.text, limit)
            if length > limit.limit:
                yield Hit(
                    code="SM701",
                    start=part.start,
                    end=part.end,
                    message=f"Part {part.number}/{part.total} of the thread is {length}"
                    f" characters; {limit.name} allows {limit.limit} ({limit.counting})",
                    detail={
                        "length": length,
                        "limit": limit.limit,
                        "counting": limit.counting,
                        "part": f"{part.number}/{part.total}",
                    },
                )
        return
    if limit.counting == "twitter-text" and _weighted_bound(post.published) <= limit.limit:
        return  # twitter-text costs ~1 ms a post: skip it when even the heaviest count fits
    length = measure(post.published, limit)
    if length > limit.limit:
        start, end = analysis.body_span
        yield Hit(
            code="SM701",
            start=start,
            end=end,
            message=f"Post is {length} characters; {limit.name} allows {limit.limit}"
            f" ({limit.counting})",
            detail={"length": length, "limit": limit.limit, "counting": limit.counting},
        )


def _words(tag: str) -> list[str]:
    """Split a hashtag's letters into words, or [] when the split is not trustworthy."""
    return split_words(tag, min_count=MIN_SEGMENT_COUNT, min_length=2)


def check_hashtags(analysis: Analysis, _ctx: CheckContext) -> Iterator[Hit]:
    for hashtag in analysis.hashtags:
        tag = hashtag.body
        if hashtag.after_at or not tag[0].isalpha():
            continue  # "@#tag" is not a hashtag; one must start with a letter
        if not tag.isascii() or not tag.isalnum() or tag.isupper() or len(tag) < 5:
            continue
        letters = LETTERS_RE.match(tag)
        head = letters.group(0) if letters else ""
        words = _words(head) if len(head) >= 5 else []
        if not words:
            continue
        boundaries, pos = [], 0
        for word in words[:-1]:
            pos += len(word)
            boundaries.append(pos)
        if all(head[i].isupper() for i in boundaries):
            continue
        camel = "".join(w.capitalize() for w in words) + tag[len(head) :]
        yield Hit(
            code="SM702",
            start=hashtag.start,
            end=hashtag.end,
            message=f"Hashtag #{tag} is several words; write it in CamelCase: #{camel}",
            detail={"words": " ".join(words)},
        )


def _core(token: str) -> tuple[int, int]:
    """Bounds of a token without surrounding punctuation."""
    start, end = 0, len(token)
    while start < end and not token[start].isalnum():
        start += 1
    while end > start and not token[end - 1].isalnum():
        end -= 1
    return start, end


def check_capitals(analysis: Analysis, _ctx: CheckContext) -> Iterator[Hit]:
    text = analysis.text
    if LOUD_WORD_RE.search(text) is None:
        return
    # A word with a lower-case letter, a hashtag, mention or link ends any run of capitals and
    # leaves nothing pending, so walking each stretch of other words on its own finds the same
    # runs; and only a stretch with a word loud enough can shout.
    for stretch in STRETCH_RE.finditer(text):
        start, end = stretch.span()
        if LOUD_WORD_RE.search(text, start, end) is not None:
            yield from _shouting(text, start, end)


def _shouting(text: str, pos: int, endpos: int) -> Iterator[Hit]:
    """SM703 for runs of capitals among the words between ``pos`` and ``endpos``."""
    run: list[tuple[int, int, int]] = []  # (start, end, letters) of shouted words

    def flush() -> Iterator[Hit]:
        words = [r for r in run if r[2] >= 2]
        letters = sum(r[2] for r in run)
        if (
            len(words) >= MIN_SHOUT_WORDS
            and letters >= MIN_SHOUT_LETTERS
            and any(r[2] >= 4 for r in run)
        ):
            yield Hit(
                code="SM703",
                start=run[0][0],
                end=run[-1][1],
                message=f"{len(words)} words in a row in capitals read as shouting",
                detail={"words": len(words)},
            )
        run.clear()

    pending_numbers: list[tuple[int, int, int]] = []
    for match in TOKEN_RE.finditer(text, pos, endpos):
        token = match.group(0)
        if token[0] in "#@" or "://" in token or "/" in token:
            yield from flush()
            pending_numbers.clear()
            continue
        a, b = _core(token)
        core = token[a:b]
        letters = [c for c in core if c.isalpha()]
        if core and not letters and any(c.isdigit() for c in core) and run:
            pending_numbers.append((match.start() + a, match.start() + b, 0))
            continue
        if letters and all(c.isupper() for c in letters) and (len(letters) > 1 or run):
            run.extend(pending_numbers)
            run.append((match.start() + a, match.start() + b, len(letters)))
            pending_numbers.clear()
            if token.endswith(SENTENCE_END) and len(letters) > 1:
                yield from flush()
            continue
        pending_numbers.clear()
        yield from flush()
    yield from flush()


def check_alt_text(analysis: Analysis, _ctx: CheckContext) -> Iterator[Hit]:
    text = analysis.text
    for match in IMAGE_RE.finditer(text):
        if not match.group("alt").strip():
            yield Hit(
                code="SM704",
                start=match.start(),
                end=match.end(),
                message="Image has no alt text",
                detail={"image": match.group("src").split()[0] if match.group("src") else ""},
            )
    for match in IMG_TAG_RE.finditer(text):
        alt = ALT_ATTR_RE.search(match.group(0))
        if alt is None or not "".join(g or "" for g in alt.groups()).strip():
            yield Hit(
                code="SM704", start=match.start(), end=match.end(), message="Image has no alt text"
            )


CHECK = Check.per_code(
    "platform",
    {
        "SM701": check_length,
        "SM702": check_hashtags,
        "SM703": check_capitals,
        "SM704": check_alt_text,
    },
)
