"""Links in a post: where they are, which host they point to, and what kind of host it is.

Finds ``http(s)://`` URLs, ``www.`` hosts and bare domains (``wyo.gov/jobs``,
``cityofmadison.com/snow``) without the punctuation that ends the sentence around them, and
classifies each host as the agency's own (``official``, subdomains included), a ``partner``,
a URL ``shortener`` (``rules/lexicons/shorteners.txt``) or ``external``. Also holds the
word-form matching used to decide whether a link is on one of the agency's topics.

Nothing here touches the network; ``smlint.resolve`` does, and only with --resolve-links.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import regex

from smlint.analysis.segment import segment
from smlint.pretest.positions import matches_at
from smlint.ruledata.files import data_path

if TYPE_CHECKING:
    from smlint.config import Agency

OFFICIAL = "official"
PARTNER = "partner"
SHORTENER = "shortener"
EXTERNAL = "external"

# Characters a URL may contain as written in a post (no spaces, quotes, angle brackets or
# symbols such as emoji that people put right after a link).
_URL_CHARS = r"[^\s<>\"'`{}|\\^\[\]\p{So}\p{Cs}\p{Co}]"
SCHEME_RE = regex.compile(rf"(?i)\b(?:https?|ftp)://{_URL_CHARS}+")
WWW_RE = regex.compile(rf"(?i)(?<![\w@.\-/])www\.[a-z0-9\-]+(?:\.[a-z0-9\-]+)+{_URL_CHARS}*")
BARE_RE = regex.compile(
    rf"(?i)(?<![\w@.\-/:#])(?P<host>[a-z0-9](?:[a-z0-9\-]{{0,62}}[a-z0-9])?"
    rf"(?:\.[a-z0-9](?:[a-z0-9\-]{{0,62}}[a-z0-9])?)*\.(?P<tld>[a-z]{{2,24}}))"
    rf"(?![\w@\-]|\.\w)(?P<rest>[/?#]{_URL_CHARS}*)?"
)
TRAILING = ".,;:!?'\"*_~…”’»›"
# A dot and a letter (any character IGNORECASE equates with an ASCII letter): every bare
# domain has one before its top-level domain.
DOT_LETTER_RE = re.compile(r"\.[A-Za-z\u0130\u0131\u017f\u212a]")
# A run of host characters, as BARE_RE reads them.
HOST_RUN_RE = regex.compile(r"(?i)[a-z0-9\-.]+")
# Top-level domains trusted for a bare host written without a path ("Visit wyo.gov.").
# Two-letter country codes need a path: "Wyo.St." is a statute, "setup.py" a file.
BARE_TLDS = frozenset(
    ["com", "org", "net", "gov", "edu", "mil", "us", "info", "io", "app", "biz", "tv"]
)
# Country codes common as web addresses ("vine.co", "example.jp", "police.uk"): a lower-case
# bare host on one of them is a link without a path too, and so is any host with a
# second-level label before its country code ("site.co.il", "gov.uk"). Not file
# extensions ("setup.py", "notes.md") nor capitalised abbreviations ("Wyo.St.").
BARE_CCTLDS = frozenset(
    [
        "co",
        "uk",
        "jp",
        "de",
        "fr",
        "ca",
        "au",
        "nz",
        "ie",
        "ly",
        "me",
        "ai",
        "it",
        "nl",
        "es",
        "be",
        "ch",
        "at",
        "se",
        "no",
        "dk",
        "fi",
        "br",
        "mx",
        "in",
        "il",
        "za",
        "kr",
        "cn",
        "eu",
    ]
)
SECOND_LEVEL = frozenset(["co", "com", "org", "net", "gov", "ac", "edu", "govt", "nhs", "police"])


def _cctld_link(host: str) -> bool:
    """A bare host on a country-code domain that is written as a web address."""
    labels = host.split(".")
    if len(labels) >= 3 and labels[-2].lower() in SECOND_LEVEL:
        return True
    return host == host.lower() and labels[-1] in BARE_CCTLDS and len(labels[-2]) >= 3


@dataclass(frozen=True)
class Link:
    """A link as written in the post; ``start``/``end`` are offsets into the text."""

    start: int
    end: int
    url: str
    scheme: str | None  # "http", "https", ... or None when written without one
    host: str  # lower case, without "www." and port
    path: str  # path, query and fragment as written
    kind: str  # OFFICIAL, PARTNER, SHORTENER or EXTERNAL

    @property
    def insecure(self) -> bool:
        return self.scheme == "http"

    @property
    def absolute(self) -> str:
        """The URL with a scheme, for fetching (bare domains get https)."""
        return self.url if self.scheme else f"https://{self.url}"


def _trim(url: str) -> str:
    """Drop sentence punctuation after a URL, keeping balanced closing brackets."""
    while url:
        last = url[-1]
        if last in TRAILING or (last == ")" and url.count("(") < url.count(")")):
            url = url[:-1]
        else:
            break
    return url


def host_of(url: str) -> str:
    """The lower-case host of a URL (scheme optional), without ``www.``, port or dot."""
    parts = urlsplit(url if "://" in url else f"//{url}")
    host = (parts.hostname or "").rstrip(".").lower()
    return host[4:] if host.startswith("www.") else host


@lru_cache(maxsize=64)
def _domain_names(domains: tuple[str, ...] | frozenset[str]) -> frozenset[str]:
    """Configured domains as hosts (lower case, no "www.", path or final dot)."""
    names = set()
    for domain in domains:
        domain = domain.strip().lower()
        domain = host_of(domain) if "/" in domain else domain.rstrip(".")
        domain = domain[4:] if domain.startswith("www.") else domain
        if domain:
            names.add(domain)
    return frozenset(names)


def on_domains(host: str, domains: Iterable[str]) -> bool:
    """``host`` is one of ``domains`` or a subdomain of one."""
    key = domains if isinstance(domains, (tuple, frozenset)) else tuple(domains)
    names = _domain_names(key)
    if host in names:
        return True
    # A subdomain: what follows one of the host's dots is a domain.
    dot = host.find(".")
    while dot != -1:
        if host[dot + 1 :] in names:
            return True
        dot = host.find(".", dot + 1)
    return False


@cache
def default_shorteners() -> frozenset[str]:
    """The URL shorteners listed in ``rules/lexicons/shorteners.txt``."""
    lines = data_path("lexicons/shorteners.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.split("#", 1)[0].strip().lower() for line in lines if line.split("#", 1)[0].strip()
    )


def classify(host: str, agency: Agency, shorteners: Iterable[str]) -> str:
    if on_domains(host, shorteners):
        return SHORTENER
    if on_domains(host, agency.official_domains):
        return OFFICIAL
    if on_domains(host, agency.partner_domains):
        return PARTNER
    return EXTERNAL


def _suffix_extractor(_resources: Any = None) -> Any:
    """tldextract with its bundled public suffix list only (it fetches one otherwise)."""
    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@cache
def _extractor() -> Any:
    return _suffix_extractor()


def _real_suffix(host: str) -> bool:
    result = _extractor()(host)
    return bool(result.suffix and result.domain)


def _bare_matches(text: str) -> Iterator[regex.Match[str]]:
    """``BARE_RE.finditer(text)``, tried only where a bare domain can start: at the start of a
    run of host characters that holds a dot and a letter (its look-behind rules out starting
    inside a run). A search at every character costs ~0.05 ms a post."""
    # Each run once, forward (a backward search from every dot was quadratic on "a.a.a.").
    starts = [
        run.start()
        for run in HOST_RUN_RE.finditer(text)
        if DOT_LETTER_RE.search(text, run.start(), run.end())
    ]
    return matches_at(BARE_RE, text, starts)


def extract_links(
    text: str, agency: Agency, shorteners: Iterable[str] | None = None
) -> tuple[Link, ...]:
    """Every link in ``text``, in order, classified against the agency's domains."""
    shortener_set = frozenset(shorteners) if shorteners is not None else default_shorteners()
    found: list[tuple[int, int, str | None]] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    # Each pattern needs a literal ("://", "www.", a dot and a letter): skip scans without it.
    for m in SCHEME_RE.finditer(text) if "://" in text else ():
        url = _trim(m.group(0))
        if "://" in url and len(url) > url.index("://") + 3:
            found.append((m.start(), m.start() + len(url), url.split("://", 1)[0].lower()))
            taken.append((m.start(), m.start() + len(url)))
    for m in WWW_RE.finditer(text) if "www." in text.lower() else ():
        url = _trim(m.group(0))
        if free(m.start(), m.start() + len(url)) and _real_suffix(host_of(url)):
            found.append((m.start(), m.start() + len(url), None))
            taken.append((m.start(), m.start() + len(url)))
    for m in _bare_matches(text):
        url = _trim(m.group(0))
        end = m.start() + len(url)
        has_path = len(url) > len(m.group("host")) + 1
        tld = m.group("tld").lower()
        if not free(m.start(), end) or not _real_suffix(m.group("host").lower()):
            continue
        if not has_path and tld not in BARE_TLDS and not _cctld_link(m.group("host")):
            continue
        found.append((m.start(), end, None))
        taken.append((m.start(), end))
    links = []
    for start, end, scheme in sorted(found):
        url = text[start:end]
        host = host_of(url)
        if not host:
            continue
        parts = urlsplit(url if scheme else f"//{url}")
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        path += f"#{parts.fragment}" if parts.fragment else ""
        links.append(
            Link(
                start=start,
                end=end,
                url=url,
                scheme=scheme,
                host=host,
                path=path,
                kind=classify(host, agency, shortener_set),
            )
        )
    return tuple(links)


# --- topic relevance -------------------------------------------------------------------

WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass(frozen=True)
class Stemmer:
    """Word forms to one stem ("hire", "hiring", "hired" → "hire"): Snowball English."""

    impl: Any

    def stems(self, text: str) -> list[str]:
        words = [w.lower().replace("’", "'") for w in WORD_RE.findall(text)]
        words = [w[:-2] if w.endswith("'s") else w for w in words]
        return list(self.impl.stemWords(words))


def stemmer(_resources: object = None) -> Stemmer:
    """Snowball English (a ``Resources.get`` factory: one per process)."""
    import snowballstemmer

    return Stemmer(snowballstemmer.stemmer("english"))


@cache
def _default_stemmer() -> Stemmer:
    return stemmer()


# A one-word topic stem this long also matches longer words it starts ("health" matches
# "healthy", which Snowball stems to "healthi"); shorter stems would over-match ("park").
PREFIX_STEM = 5


def _same(word: str, stem: str, single: bool) -> bool:
    return word == stem or (single and len(stem) >= PREFIX_STEM and word.startswith(stem))


def matching_topic(
    words: Sequence[str], topics: Sequence[tuple[str, ...]]
) -> tuple[str, ...] | None:
    """The first topic whose stems occur in ``words`` (consecutively, for several words)."""
    for topic in topics:
        n = len(topic)
        for i in range(len(words) - n + 1):
            if all(_same(words[i + k], topic[k], n == 1) for k in range(n)):
                return topic
    return None


def url_words(link: Link, stem: Stemmer) -> list[str]:
    """Stems of the words in a link's host and path ("jobfair" split into "job fair")."""
    labels = link.host.split(".")
    suffix = _extractor()(link.host).suffix
    keep = labels[: len(labels) - len(suffix.split("."))] if suffix else labels
    raw = " ".join(keep) + " " + unquote(link.path)
    chunks = [c for c in re.split(r"[^A-Za-z0-9]+", raw) if c]
    words: list[str] = []
    for chunk in chunks:
        # camelCase and letter/digit runs first, then dictionary segmentation of long runs.
        for part in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", chunk):
            words.append(part.lower())
            if len(part) >= 6 and part.isalpha():
                pieces = segment(part.lower())
                if len(pieces) > 1:
                    words.extend(pieces)
    return stem.stems(" ".join(words))


@lru_cache(maxsize=64)
def _topic_stems(stem: Stemmer, topics: tuple[str, ...]) -> list[tuple[str, tuple[str, ...]]]:
    """Each agency topic with its stems (the same for every link of a run)."""
    pairs = [(topic, tuple(stem.stems(topic))) for topic in topics]
    return [(topic, stems) for topic, stems in pairs if stems]


def relevant_topic(
    link: Link,
    sentence: str,
    topics: Sequence[str],
    stem: Stemmer | None = None,
    extra_text: str = "",
) -> str | None:
    """The agency topic a link is about (URL words, carrying sentence, extra text), or None."""
    stem = stem or _default_stemmer()
    pairs = _topic_stems(stem, tuple(topics))
    if not pairs:
        return None
    stems = [s for _, s in pairs]
    hit = matching_topic(stem.stems(sentence + " " + extra_text), stems)
    if hit is None:
        hit = matching_topic(url_words(link, stem), stems)
    return None if hit is None else pairs[stems.index(hit)][0]
