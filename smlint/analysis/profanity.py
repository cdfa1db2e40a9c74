"""A compiled profanity matcher on better-profanity's vocabulary, with positions.

better-profanity (MIT) supplies the word list and its leetspeak character map; both are read
from the installed package at run time. It tests every word against every token (~30 ms a
post) and returns no positions, so smlint compiles the list once into a trie-shaped regex
over a normalised copy of the text (NFKD, accents and zero-width characters dropped,
full-width and look-alike letters folded, lower case) whose offsets map back to the post.

On top of the package's semantics the matcher catches repeated letters (``fuuuck``), extra
look-alikes (``b!tch``), masked letters (``f*ck``, ``f**king``, ``f---``, ``bullsh*t``) and
strong words inside hashtags (``#fuckthis``). ``classify`` then applies smlint's policy
from ``rules/lexicons/profanity.yaml`` (words other rules judge, slurs, allowed phrases,
first names).

The big alternation is compiled on first use: most posts contain no token that could hide a
listed word in another spelling, and a plain listed word is found by a set intersection.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from importlib import resources as importlib_resources
from typing import Any

from smlint.analysis.hashtags import Hashtag, find_hashtags
from smlint.analysis.segment import split_words
from smlint.order import longest_first
from smlint.ruledata.files import load_yaml

LEXICON = "lexicons/profanity.yaml"
WORD = r"[^\W_]"  # a letter or digit, any script
ALLOW_REACH = 40  # characters around a hit searched for an allowed phrase
MIN_SEGMENT_COUNT = 10_000  # web-corpus count a hashtag part needs to be trusted as a word
_SEPARATOR = r"[\s_.\-]*"  # what may sit between the words of a listed phrase
_LEAD = frozenset("#(\"'“‘[{<")
_TRAIL = frozenset(".,;:?)\"'”’]}>…")
_HANDLE = re.compile(r"@\w{4,}$")  # @mentions, not @ss
_ALPHA = re.compile(r"[^\W\d_]+")
_DOUBLE = re.compile(r"(.)\1+")
_SPACE = re.compile(r"\s")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_ASCII_WORD = re.compile(r"[a-z]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_SYMBOL = re.compile(r"[0-9@$*!|+^%•#_.\-]")
# The symbols with a letter-like neighbour (a superset of those the suspect test accepts:
# every accepted one has an alphabetic neighbour, and [^\W\d_] holds every such character).
_SYMBOL_NEAR_LETTER = re.compile(r"(?<=[^\W\d_])[0-9@$*!|+^%•#_.\-]|[0-9@$*!|+^%•#](?=[^\W\d_])")
_TRIPLE = re.compile(r"([a-z])\1\1")
# A token of letters and digits, then perhaps sentence "!"s: the only ones the shortcut judges.
_ALNUM_CORE = re.compile(r"[a-z0-9]+(!*)")
# Three or more single letters, each followed by one space: a word spelled out ("f u c k").
_SPACED = re.compile(r"(?<![^\W\d_])(?:[a-z] ){2,}[a-z](?![^\W\d_])")


@dataclass(frozen=True)
class ProfanityMatch:
    """One match: offsets into the original text, the list entry and how it was written."""

    start: int
    end: int
    term: str
    form: str  # plain, variant (leet/repeats/accents), masked, hashtag


def package_wordlist() -> list[str]:
    """better-profanity's word list, read from the installed package (never copied)."""
    path = importlib_resources.files("better_profanity") / "profanity_wordlist.txt"
    words = (line.strip().lower() for line in path.read_text(encoding="utf-8").splitlines())
    return sorted({w for w in words if w})


def package_char_map() -> dict[str, tuple[str, ...]]:
    """better-profanity's leetspeak map (letter -> spellings), from the package itself."""
    from better_profanity import Profanity

    return dict(Profanity(words=["x"]).CHARS_MAPPING)


class Normalizer:
    """Folds text for matching and remembers where each folded character came from."""

    def __init__(self, confusables: dict[str, str]) -> None:
        self._cache: dict[str, str] = dict(confusables)

    def _fold(self, ch: str) -> str:
        folded = self._cache.get(ch)
        if folded is None:
            if unicodedata.category(ch) == "Cf":  # zero-width joiners, soft hyphens
                folded = ""
            else:
                decomposed = unicodedata.normalize("NFKD", ch)
                folded = "".join(c for c in decomposed if not unicodedata.combining(c))
                folded = folded.lower()
            self._cache[ch] = folded
        return folded

    def __call__(self, text: str) -> tuple[str, list[int] | None]:
        """The folded text and, when it differs in length, its offset map (None: same)."""
        if text.isascii():
            return text.lower(), None
        # A post has few distinct non-ASCII characters: replacing each is much faster
        # than str.translate, which looks up every character of the text.
        norm = text
        for ch in set(_NON_ASCII.findall(text)):
            folded = self._fold(ch)
            if len(folded) != 1:
                break
            norm = norm.replace(ch, folded)
        else:
            norm = norm.lower()
            if len(norm) == len(text):
                return norm, None
        # Some character folds to none or several ("…" -> "..."): build the text piece by
        # piece, ASCII runs as slices, with the offset each folded character comes from.
        out: list[str] = []
        index: list[int] = []
        pos = 0
        for m in _NON_ASCII.finditer(text):
            at = m.start()
            if at > pos:
                out.append(text[pos:at].lower())
                index.extend(range(pos, at))
            folded = self._fold(m.group(0))
            out.append(folded)
            index.extend([at] * len(folded))
            pos = at + 1
        out.append(text[pos:].lower())
        index.extend(range(pos, len(text) + 1))
        return "".join(out), index


def _trie_regex(items: Iterable[list[str]]) -> str:
    """A regex alternation shaped like a trie of atom sequences; ``$`` marks word ends."""
    trie: dict[str, Any] = {}
    for atoms in items:
        node = trie
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = True

    def render(node: dict[str, Any]) -> str:
        alts = [atom + render(child) for atom, child in node.items() if atom]
        if "" in node:
            alts.append(rf"(?!{WORD})")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return render(trie)


class ProfanityMatcher:
    """One compiled regex over better-profanity's list (plus extras), returning positions."""

    def __init__(
        self, words: Iterable[str], data: dict[str, Any], package: Iterable[str] = ()
    ) -> None:
        self.package = frozenset(package)  # better-profanity's own entries
        char_map = {k: set(v) for k, v in package_char_map().items()}
        for letter, extra in (data.get("leet-extra") or {}).items():
            char_map.setdefault(letter, set()).update(extra)
        self.char_map = {k: "".join(sorted(v)) for k, v in char_map.items()}
        self.normalize = Normalizer(data.get("confusables") or {})
        self.words = sorted({w.lower() for w in words})
        self._data = data
        self._entry_res: dict[str, re.Pattern[str]] = {}
        # Entries of several words or with punctuation ("2 girls 1 cup", "g-spot",
        # "s.h.i.t.") are matched by one regex, run when the post has an entry's first word.
        phrases = [w for w in self.words if not w.isalnum()]
        self._phrases = phrases
        self.first_words = frozenset(
            m.group(0) for m in (_ASCII_WORD.search(w) for w in phrases) if m is not None
        )
        self._canon = self._canonical_map()
        # Listed words as a letters-and-digits token would spell them (spaces may be empty).
        self._canon_words = frozenset(
            w.replace(" ", "").translate(self._canon)
            for w in self.words
            if all(c.isascii() and (c.isalnum() or c == " ") for c in w)
        )
        # Starts of masked stems ("fu" of "fu!!"): a token whose letters are one and whose
        # masks are its last characters may be a masked stem.
        stems = [str(x).lower() for x in data.get("masked-stems") or ()]
        leads = ["", *(str(x).lower() for x in data.get("mask-prefixes") or ())]
        self._masked_heads = frozenset(
            (lead + stem)[:k].translate(self._canon)
            for stem in stems
            for lead in leads
            for k in range(1, len(lead + stem))
        )
        # Listed words whose last letters a run of "!" can spell ("naz!"): (rest, letters).
        bang = {c.translate(self._canon) for c, sp in self.char_map.items() if "!" in sp}
        self._bang_tails = frozenset(
            (w[:-j], j)
            for w in self._canon_words
            for j in range(1, len(w))
            if all(ch in bang for ch in w[-j:])
        )
        self.hashtag_stems = tuple(data.get("hashtag-stems") or ())
        self.plain = frozenset(w for w in self.words if w.isalpha())
        self._resolved: dict[str, str] = {}
        self._by_first: dict[str, list[str]] = {}
        for word in self.words:
            for ch in {word[0], *self.char_map.get(word[0], "")}:
                self._by_first.setdefault(ch, []).append(word)

    def _canonical_map(self) -> dict[int, str]:
        """Letters and digits that can spell one another (``l`` for ``i``, ``4`` for ``a``)
        mapped to one representative each, from the character map."""
        parent = {c: c for c in "abcdefghijklmnopqrstuvwxyz0123456789"}

        def root(c: str) -> str:
            while parent[c] != c:
                c = parent[c]
            return c

        for letter, spellings in self.char_map.items():
            for c in spellings:
                if c in parent and letter in parent:
                    a, b = sorted((root(letter), root(c)))
                    parent[b] = a
        return str.maketrans({c: root(c) for c in parent if root(c) != c})

    def _needs_regex(self, core: str) -> bool:
        """Whether the compiled regex could find something in a suspect token's core that
        the plain-word lookup does not. A core of letters and digits (and sentence "!"s)
        can only be matched whole, as a spelling of a listed word, a listed word with a
        "!" for an "i", or a masked stem masked at its end; if its letters spell none of
        those, the regex cannot match and need not be compiled or run."""
        m = _ALNUM_CORE.fullmatch(core)
        if m is None or _TRIPLE.search(core):
            return True
        canon = core[: m.start(1)].translate(self._canon)
        if canon in self._canon_words:
            return True
        bangs = len(m.group(1))
        return bool(bangs) and (
            canon in self._masked_heads
            or any((canon, j) in self._bang_tails for j in range(1, bangs + 1))
        )

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """Every listed word in any spelling the matcher knows, and the masked stems."""
        main = _trie_regex(self._atoms(w) for w in self.words)
        return re.compile(rf"(?<!{WORD})(?:{self._masked}|{main})")

    @cached_property
    def _masked(self) -> str:
        return self._masked_regex(self._data)

    @cached_property
    def _masked_only(self) -> re.Pattern[str]:
        return re.compile(self._masked)

    @cached_property
    def phrase_regex(self) -> re.Pattern[str]:
        return re.compile(rf"(?<!{WORD}){_trie_regex(self._atoms(w) for w in self._phrases)}")

    def _cls(self, letter: str, repeat: bool = True) -> str:
        """One letter: itself or a look-alike, or the letter stretched to 3+ ("fuuuck").

        Only the letter itself may repeat, and only three times or more: doubled letters
        are ordinary English ("good" is not "god", "public" is not "pubic").
        """
        spellings = self.char_map.get(letter)
        if spellings is None:
            atom = re.escape(letter)
        else:
            atom = "[" + "".join(re.escape(c) for c in sorted(set(letter + spellings))) + "]"
        if repeat and letter.isalpha():
            return f"(?:{re.escape(letter)}{{3,}}|{atom})"
        return atom

    def _atoms(self, word: str) -> list[str]:
        atoms: list[str] = []
        for ch in word:
            if ch == " ":
                atoms.append(_SEPARATOR)
            elif ch.isalpha():
                atoms.append(self._cls(ch))
            else:
                atoms.append(re.escape(ch))
        return atoms

    def _masked_regex(self, data: dict[str, Any]) -> str:
        mask = "[" + re.escape(data.get("mask-chars", "*#")) + "]"
        short_mask = r"[*#$]"
        self._stems: list[tuple[str, re.Pattern[str]]] = []
        every = []
        for stem in data.get("masked-stems") or ():
            m = short_mask if len(stem) <= 3 else mask
            n = len(stem)
            alts = []
            for k in range(1, n):
                for j in range(1, n - k + 1):
                    head = "".join(self._cls(c) for c in stem[:k])
                    tail = "".join(self._cls(c) for c in stem[k + j :])
                    more = f"{m}{{0,2}}" if k + j == n else ""
                    alts.append(f"{head}{m}{{{j}}}{more}{tail}")
            pattern = "|".join(alts)
            self._stems.append((stem, re.compile(pattern)))
            every.append(pattern)
        prefixes = "|".join(sorted(data.get("mask-prefixes") or (), key=longest_first))
        suffixes = "|".join(sorted(set(data.get("mask-suffixes") or ()), key=longest_first))
        return rf"(?:{prefixes})?(?:{'|'.join(every)})(?:{suffixes})?(?!{WORD}|[*#])"

    def _entry(self, word: str) -> re.Pattern[str]:
        pattern = self._entry_res.get(word)
        if pattern is None:
            pattern = self._entry_res[word] = re.compile("".join(self._atoms(word)))
        return pattern

    def _resolve(self, matched: str) -> str:
        """Which list entry a regex match spelled (matches are rare; results are cached)."""
        if matched in self.plain:
            return matched
        cached = self._resolved.get(matched)
        if cached is None:
            cached = ""
            for word in self._by_first.get(matched[:1], ()):
                if self._entry(word).fullmatch(matched) and len(word) > len(cached):
                    cached = word
            cached = self._resolved[matched] = cached or matched
        return cached

    def _masked_term(self, matched: str) -> str:
        _ = self._masked  # builds the stems' patterns
        for stem, pattern in self._stems:
            if pattern.search(matched):
                return stem
        return matched

    def find(self, text: str) -> list[ProfanityMatch]:
        """Every match of the list (and masked stems) in ``text``, left to right.

        Plain words are found by one set intersection; only tokens with look-alike symbols,
        digits, masks, spaced letters or letters repeated three times go through the
        compiled regex, so a clean post costs a tokenisation and a set operation.
        """
        norm, index = self.normalize(text)
        words = set(_ASCII_WORD.findall(norm))
        spans: list[tuple[int, int]] = []
        if not self.plain.isdisjoint(words):
            spans.extend(m.span() for m in _ASCII_WORD.finditer(norm) if m.group(0) in self.plain)
        done = -1
        for at in self._suspects(norm):
            if at < done:
                continue
            s = max(norm.rfind(" ", 0, at), norm.rfind("\n", 0, at)) + 1
            e = _SPACE.search(norm, at)
            end = e.start() if e else len(norm)
            done = end
            while s < end and norm[s] in _LEAD:
                s += 1
            while end > s and norm[end - 1] in _TRAIL:
                end -= 1
            core = norm[s:end]
            if "://" in core or core.startswith("www.") or _HANDLE.match(core):
                continue
            if self._needs_regex(core):
                spans.extend(r.span() for r in self.regex.finditer(norm, s, end))
        if not self.first_words.isdisjoint(words):
            spans.extend(m.span() for m in self.phrase_regex.finditer(norm))
        spaced = self._spaced(norm)
        urls = [m.span() for m in _URL.finditer(norm)] if "http" in norm or "www." in norm else []
        found: list[ProfanityMatch] = []
        last_end = -1
        for s, e in sorted(set(spans), key=lambda x: (x[0], -x[1])):
            matched = norm[s:e]
            if s < last_end or _looks_like_code(matched):
                continue
            if urls and any(a <= s < b for a, b in urls):
                continue  # letters of a link (t.co/vaG…)
            last_end = e
            found.append(self._match(text, index, s, e, matched))
        for s, e, term in spaced:
            if not any(m.start < e and s < m.end for m in found):
                if index is not None:
                    s, e = index[s], index[e]
                found.append(ProfanityMatch(s, e, term, "variant"))
        return sorted(found, key=lambda m: m.start) if spaced else found

    def _spaced(self, norm: str) -> list[tuple[int, int, str]]:
        """Listed words written letter by letter with spaces ("f u c k", "s h i t")."""
        out = []
        for m in _SPACED.finditer(norm):
            word = m.group(0).replace(" ", "")
            if word in self.plain and len(word) >= 3:
                out.append((m.start(), m.end(), word))
        return out

    @staticmethod
    def _suspects(norm: str) -> list[int]:
        """Offsets where a token may hide a listed word: a letter beside a look-alike or
        mask symbol, dashes masking letters (f---), letters spaced by punctuation (f.u.c.k)
        or a letter written three times (fuuuck)."""
        found = []
        n = len(norm)
        for m in _SYMBOL_NEAR_LETTER.finditer(norm):
            i = m.start()
            before = norm[i - 1] if i else " "
            after = norm[i + 1] if i + 1 < n else " "
            ch = m.group(0)
            if ch in "-_.":
                if not (
                    (before.isalpha() and after == ch)
                    or (before.isalpha() and after.isalpha() and norm[i + 2 : i + 3] == ch)
                ):
                    continue
            elif not (before.isalpha() or after.isalpha()):
                continue
            found.append(i)
        found.extend(m.start() for m in _TRIPLE.finditer(norm))
        return sorted(found)

    def _match(
        self, text: str, index: list[int] | None, s: int, e: int, matched: str
    ) -> ProfanityMatch:
        masked = self._masked_only.fullmatch(matched)
        if masked is not None and matched not in self.plain:
            term, form = self._masked_term(matched), "masked"
        else:
            term = self._resolve(matched)
            form = "plain" if matched == term else "variant"
        if index is not None:
            s, e = index[s], index[e]
        if form == "plain" and text[s:e].lower() != matched:
            form = "variant"  # accents, full-width or look-alike letters folded
        return ProfanityMatch(s, e, term, form)

    def find_in_hashtags(self, hashtags: tuple[Hashtag, ...]) -> list[ProfanityMatch]:
        """Strong words run together inside hashtags (``#fuckthis``, ``#ThisIsBullshit``)."""
        found = []
        for tag in hashtags:
            body = tag.body
            lower = body.lower()
            if lower in self.plain or not any(stem in lower for stem in self.hashtag_stems):
                continue
            for offset, part in _hashtag_parts(tag):
                word = part.lower()
                if word in self.plain and any(stem in word for stem in self.hashtag_stems):
                    start = tag.start + 1 + offset
                    found.append(ProfanityMatch(start, start + len(part), word, "hashtag"))
        return found


def _looks_like_code(matched: str) -> bool:
    """``A55``, ``T1T``-style codes: more digits than letters is not a spelling of a word."""
    digits = sum(c.isdigit() for c in matched)
    return digits > 0 and digits * 2 > len(matched)


def _hashtag_parts(tag: Hashtag) -> list[tuple[int, str]]:
    """Split a hashtag into words: by CamelCase when it has capitals, else by segmentation."""
    body = tag.body
    if tag.camel_case and not body.isupper():
        return tag.camel_words()
    parts, pos = [], 0
    lower = body.lower()
    words = split_words(lower, min_count=MIN_SEGMENT_COUNT)
    if not words:
        return []  # one word, a name, or a word the model does not know ("#parikshit...")
    for word in words:
        at = lower.find(word, pos)
        if at < 0:
            return []
        parts.append((at, body[at : at + len(word)]))
        pos = at + len(word)
    return parts


@dataclass(frozen=True)
class ProfanityPolicy:
    """smlint's use of the list: which entries SM201 reports and which contexts are innocent."""

    matcher: ProfanityMatcher
    excluded: frozenset[str]  # entries other rules judge, or not profane in agency text
    slurs: frozenset[str]
    allow: re.Pattern[str] | None
    name_terms: frozenset[str]
    # A slur spelled as part of a proper noun is a place or a name ("Coon Rapids", "a church
    # in Gaylord", "coon creek"): the words before a place and the nouns that follow one.
    place_before: frozenset[str] = frozenset()
    place_nouns: frozenset[str] = frozenset()


def build_matcher() -> ProfanityMatcher:
    """The compiled matcher on better-profanity's list plus smlint's extra words."""
    data = load_yaml(LEXICON)
    package = package_wordlist()
    return ProfanityMatcher([*package, *data.get("extra-words", ())], data, package)


def profanity_policy(matcher: ProfanityMatcher | None = None) -> ProfanityPolicy:
    """smlint's policy over the matcher (built here when not given); a process keeps one
    (``Resources.profanity``)."""
    data = load_yaml(LEXICON)
    matcher = matcher if matcher is not None else build_matcher()
    excluded = {w.lower() for group in (data.get("not-profanity") or {}).values() for w in group}
    phrases = [p.lower() for p in data.get("allow-phrases") or ()]
    allow = None
    if phrases:
        alts = "|".join(
            r"[\s\-]+".join(re.escape(part) for part in p.split())
            for p in sorted(phrases, key=longest_first)
        )
        allow = re.compile(rf"(?<!{WORD})(?:{alts})(?!{WORD})")
    return ProfanityPolicy(
        matcher=matcher,
        excluded=frozenset(excluded),
        slurs=frozenset(w.lower() for w in data.get("slurs") or ()),
        allow=allow,
        name_terms=frozenset(w.lower() for w in data.get("name-terms") or ()),
        place_before=frozenset(
            w.lower() for w in (data.get("place-context") or {}).get("before", ())
        ),
        place_nouns=frozenset(
            w.lower() for w in (data.get("place-context") or {}).get("nouns", ())
        ),
    )


_TITLE_WORD = re.compile(r"[A-Z][\w'’]*")


def _is_name(text: str, start: int, end: int) -> bool:
    """A Title-case word next to another Title-case word (``Dick Van Dyke``) is a name."""
    if not text[start : start + 1].isupper() or text[start:end].isupper():
        return False
    after = _TITLE_WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    before = re.search(r"[A-Z][\w'’]*\s$", text[max(0, start - 30) : start])
    return bool(after) or bool(before)


_WORD_AFTER = re.compile(r"[\s\-]+([\w'’]+)")
_WORD_BEFORE = re.compile(r"([\w'’]+)\s+$")


def _is_proper_noun(policy: ProfanityPolicy, text: str, start: int, end: int) -> bool:
    """A slur's letters inside a proper noun: a Title-case word followed by another
    (``Coon Rapids``) or after a word that introduces a place (``in Gaylord``), or any word
    followed by a place noun (``coon creek``)."""
    after = _WORD_AFTER.match(text, end)
    if after is not None and after.group(1).lower() in policy.place_nouns:
        return True
    word = text[start:end]
    if not word[:1].isupper() or (word.isupper() and len(word) > 1):
        return False
    if after is not None and after.group(1)[:1].isupper() and not after.group(1).isupper():
        return True
    before = _WORD_BEFORE.search(text, max(0, start - 20), start)
    return before is not None and before.group(1).lower() in policy.place_before


def classify(
    policy: ProfanityPolicy, text: str, hashtags: tuple[Hashtag, ...] | None = None
) -> tuple[list[ProfanityMatch], list[ProfanityMatch]]:
    """(profanity SM201 reports, slurs for SM204) in ``text`` (``hashtags``: its hashtags)."""
    matcher = policy.matcher
    raw = matcher.find(text)
    tags = find_hashtags(text) if hashtags is None else hashtags
    if tags:
        seen = {(m.start, m.end) for m in raw}
        raw += [h for h in matcher.find_in_hashtags(tags) if (h.start, h.end) not in seen]
    if not raw:
        return [], []
    allowed: list[tuple[int, int]] = []
    if policy.allow is not None:
        norm, index = matcher.normalize(text)
        if index is None:  # same offsets: look only around each hit
            windows = [(max(0, h.start - ALLOW_REACH), h.end + ALLOW_REACH) for h in raw]
        else:
            windows = [(0, len(norm))]
        for lo, hi in windows:
            for m in policy.allow.finditer(norm, lo, hi):
                s, e = m.span()
                allowed.append((index[s], index[e]) if index is not None else (s, e))
    profane, slurs = [], []
    for hit in raw:
        if any(a < hit.end and hit.start < b for a, b in allowed):
            continue
        if hit.term in policy.name_terms and _is_name(text, hit.start, hit.end):
            continue
        if hit.term in policy.slurs:
            if not _is_proper_noun(policy, text, hit.start, hit.end):
                slurs.append(hit)
        elif hit.term in policy.excluded:
            continue
        else:
            profane.append(hit)
    return profane, slurs
