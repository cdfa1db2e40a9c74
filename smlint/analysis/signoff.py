"""The author's sign-off at the end of a post ("— Dana Whitfield, Communications Specialist").

Shared by the identity checks (SM401/SM402) and the PII checks, which must not report the
author's own name as a private person (SM105): both read ``Analysis.signoff``. Offsets are
offsets into the post's text.

Recognised shapes, on the last line of the post (or the last two: name, then title), after
the message on the same line, or at the start of the post:

- ``— Dana Whitfield, Communications Specialist`` (any dash, ``--``, ``~``, or none when a
  job title follows the name), ``-Dana W., PIO`` (not a full name), ``—Trent``;
- ``Posted by Sgt. Maria Ruiz, Public Affairs`` (also "Written by", "By", "Posted by:",
  "Signed,"); a rank before the name counts as the position;
- the author named first: ``By Dana Whitfield, PIO`` as the first line, ``From Dana
  Whitfield, Communications Director: ...``, ``This is Dana Whitfield, PIO, with ...``;
- initials: ``^DW``, ``-DW``, ``~DW``.

Job titles come from ``rules/lexicons/titles.yaml`` plus ``[agency] titles``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache, lru_cache

import regex

from smlint.order import shortest_first
from smlint.pretest.positions import matches_at
from smlint.ruledata.files import load_yaml


@dataclass(frozen=True)
class Signature:
    """A sign-off: its span, the name's span (None with initials only) and the title."""

    start: int
    end: int
    name_start: int | None
    name_end: int | None
    title: str | None
    initials: str | None
    full_name: bool
    title_start: int | None = None
    title_end: int | None = None
    # True when the title is a rank written before the name ("Sgt. Maria Ruiz").
    rank: bool = False


# Possessive lower-case runs: nothing that can follow a name word starts with a lower-case
# letter, so giving letters back never leads to a match, and failing names ("Harmon
# Trailhead is open") would otherwise backtrack through every split of every word.
_WORD = r"(?:\p{Lu}['’]\p{Lu}\p{Ll}++|\p{Lu}\p{Ll}++(?:\p{Lu}\p{Ll}++)?)(?:-\p{Lu}\p{Ll}++)?"
_INITIAL = r"\p{Lu}\."
_PARTICLE = r"(?:de|del|della|di|da|du|la|le|van|von|der|den|bin|ibn|al|st\.)"
_SUFFIX = r"(?:,?\s+(?:Jr|Sr|II|III|IV)\.?)"
_DASH = r"(?:--|[—–―~]|-)"
_LEAD = r"(?:posted|written|shared|signed)\s+by"
# A letter's closing on the line of the name: "Signed, Dana Whitfield, PIO".
_CLOSING = r"(?i:signed|sincerely|respectfully|regards|best\s+regards)\s*,\s*"
_SEP = r"(?:\s*,\s*|\s*\|\s*|\s*/\s*|\s+[—–-]\s+|\s*\(\s*)"
# A sign-off after the message on the same line follows the end of a sentence (or an emoji),
# not a quotation ('..." - Abraham Lincoln') or a heading ("Appeal for Witnesses - Leeds").
# After a trailing link or hashtag, only a real dash starts a sign-off ("... #JobFair — Dana
# Whitfield, PIO"); a hyphen there is too often part of the text.
_SENTENCE_END = r"[.!?…)\]*\p{So}\p{Sk}\uFE0F]"
_SPACED_DASH = r"\s+(?:--|[—–―])"
_AFTER_SENTENCE = rf"(?:(?<={_SENTENCE_END}|^)|(?<=(?:https?://\S+|#\w+))(?={_SPACED_DASH}))"
# Where ``_AFTER_SENTENCE`` can hold: after a sentence end (match end) or at a run of spaces
# before a dash (match start). Trying the sign-off patterns only there, not at every
# character, is what makes parsing cheap; the look-behind itself still decides.
_SENTENCE_END_RE = regex.compile(_SENTENCE_END)
_SPACED_DASH_RE = regex.compile(_SPACED_DASH)
# The last of the characters no sign-off (lead, name, title) contains; only the hashtags and
# links that may follow it on its line do.
_LAST_NOT_IN_SIGN_OFF = regex.compile(r'(?r)[\n"“”#@:;!?]')
# The words of a line, last first (the patterns' \S+).
_WORD_BACK = regex.compile(r"(?r)\S+")
# How far before the closing hashtags and links of a line a same-line sign-off may start.
TAIL_REACH = 400
# White space to Python's str methods but not to the patterns' \s.
_ODD_SPACE = regex.compile(r"[\x1c-\x1f]")
# Initials (2-4 letters) end the line right after "^" or a dash and at most one space, so
# one of these is among the line's last characters.
_INITIALS_LEADS = frozenset("^—–―~-")
_INITIALS_REACH = 8


@dataclass(frozen=True)
class _Patterns:
    line: regex.Pattern[str]
    tail: regex.Pattern[str]
    initials: regex.Pattern[str]
    byline: regex.Pattern[str]
    colon_lead: regex.Pattern[str]
    heads: frozenset[str]
    multi_heads: tuple[str, ...]
    abbreviations: frozenset[str]
    spaced_abbreviations: tuple[str, ...]
    ranks: frozenset[str]
    not_names: frozenset[str]
    org_words: frozenset[str]  # make a "name" a unit, team or place ("— Madison Parks")


def _alternation(items: Iterable[str]) -> str:
    parts = sorted(
        {regex.escape(i.rstrip(".")).replace(r"\ ", r"\.?\s+") for i in items}, key=shortest_first
    )
    return "(?:" + "|".join(reversed(parts)) + ")"


@cache
def _patterns() -> _Patterns:
    data = load_yaml("lexicons/titles.yaml")
    ranks = [str(r) for r in data.get("ranks", [])]
    honorifics = [str(h) for h in data.get("honorifics", [])]
    prefix = rf"(?:(?P<rank>{_alternation(ranks)})\.?\s+|{_alternation(honorifics)}\.?\s+)?"
    name = (
        rf"(?P<name>{prefix}(?P<first>{_WORD}|{_INITIAL}(?=\s+{_WORD}))"
        rf"(?:\s+(?:{_WORD}|{_INITIAL})){{0,2}}?"
        rf"(?:\s+(?:{_PARTICLE}\s+)*(?P<last>{_WORD}|{_INITIAL}))?{_SUFFIX}?)"
        rf"(?:\s*\((?:she|he|they|ze|xe)/\w+(?:/\w+)?\))?"
    )
    title = rf"(?:{_SEP}(?P<title>[^\n()\"“”#@:;!?]{{2,120}}?)\)?)?"
    # Hashtags or links may follow a sign-off on its line.
    end = r"\s*[.!]?(?:\s+(?:#\w+|https?://\S+))*\s*$"
    heads = [str(h).lower() for h in data.get("heads", [])]
    return _Patterns(
        # A whole line: optional lead (dash or "Posted by"), name, optional title.
        line=regex.compile(
            rf"^\s*(?P<lead>{_DASH}\s*|(?i:{_LEAD})\s+|By\s+|{_CLOSING})?{name}{title}{end}",
            regex.V0,
        ),
        # After the message on the same line: a dash or "Posted by" is required.
        tail=regex.compile(
            rf"{_AFTER_SENTENCE}\s*(?P<lead>(?:--|[—–―~-])\s*|(?i:{_LEAD})\s+)?{name}"
            rf"{title}{end}",
            regex.V0,
        ),
        initials=regex.compile(
            rf"(?:(?<=\s|^)(?P<lead>\^)(?P<ini>\p{{L}}{{2,4}})"
            rf"|{_AFTER_SENTENCE}\s*(?P<lead>[—–―~-]{{1,2}}\s?)(?P<ini>\p{{Lu}}{{2,4}}))\s*$"
        ),
        # The author named first: "By Dana Whitfield, PIO" as the first line, or "From Dana
        # Whitfield, Communications Director: ...", "This is Dana Whitfield, PIO, with ...",
        # "Hi, I'm Dana Whitfield, the county's Public Information Officer."
        byline=regex.compile(
            rf"^\s*(?:(?i:hi|hello|hey|good (?:morning|afternoon|evening))\b[\s,!]*)?"
            rf"(?P<lead>(?i:(?:{_LEAD}|by|from)\s*:?|this\s+is|i['’]m|i\s+am)\s+)"
            rf"{name}(?:{_SEP}(?:(?:the|your|our|\p{{L}}+['’]s)\s+){{0,2}}"
            rf"(?P<title>[^\n()\"“”#@:;!?,.]{{2,80}}?)\)?)?\s*(?P<stop>[:,.!]|\n|$)",
            regex.V0,
        ),
        # "Posted by: Dana Whitfield, PIO" (the colon keeps the general patterns from it).
        colon_lead=regex.compile(rf"^\s*(?i:{_LEAD})\s*:\s*"),
        heads=frozenset(h for h in heads if " " not in h),
        multi_heads=tuple(h for h in heads if " " in h),
        abbreviations=frozenset(str(a) for a in data.get("abbreviations", [])),
        spaced_abbreviations=tuple(str(a) for a in data.get("abbreviations", []) if " " in str(a)),
        ranks=frozenset(r.lower().rstrip(".") for r in ranks),
        not_names=frozenset(str(w).lower() for w in data.get("not-names", [])),
        org_words=frozenset(
            str(w).lower() for w in load_yaml("lexicons/signoff.yaml")["org-words"]
        ),
    )


_FOLD_WORD = regex.compile(r"[\w']+")
_WORD_CHARS = regex.compile(r"[\w]+")
_NAME_WORD = regex.compile(r"[\p{L}'’-]+")
_TWO_LETTERS = regex.compile(r"\p{L}{2}")
_AGENCY_WORD = regex.compile(r"[\w'-]+")
_ORG_WORD = regex.compile(r"[\p{L}&'-]+")


def is_title(text: str, extra: Iterable[str] = ()) -> bool:
    """Whether ``text`` names a position (has a title word, abbreviation or agency title)."""
    pats = _patterns()
    words = _FOLD_WORD.findall(text.lower())
    folded = " ".join(words)
    if any(t.strip() and t.strip().lower() in folded for t in extra):
        return True
    heads = pats.heads
    if any(w in heads or w.rstrip("s") in heads for w in words):
        return True
    if any(h in folded for h in pats.multi_heads):
        return True
    abbreviations = pats.abbreviations
    return any(t in abbreviations for t in _WORD_CHARS.findall(text)) or any(
        a in text for a in pats.spaced_abbreviations
    )


@lru_cache(maxsize=64)
def _agency_words(agency_names: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """The agency's names and the words in them, lower case (the same for every post)."""
    names = frozenset(n.lower() for n in agency_names if n)
    return names, frozenset(w for n in names for w in _AGENCY_WORD.findall(n))


def _is_person(name: str, first: str, last: str | None, agency_names: Iterable[str]) -> bool:
    """False for a unit or team signing off ("— Madison Parks", "— The DWS Team")."""
    names, agency_words = _agency_words(tuple(agency_names))
    if name.lower() in names:
        return False
    org_words = _patterns().org_words
    head = first.lower()
    tail = (last or "").lower().strip(".")
    if head in {"the", "our", "your"} or (head in org_words and (not tail or tail in org_words)):
        return False
    return not (tail in org_words and head in agency_words)


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, without surrounding spaces."""
    out = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line) + 1
    return out


MAX_BARE_TITLE = 60
_NOT_A_TITLE = regex.compile(
    r"(?i)\s*(?:our|the|a|an|my|your|their|his|her|who|which|is|was|will|has|and|or)\b"
)
_BULLET = regex.compile(r"[-*•]\s")
_TRAILER = regex.compile(
    r"^(?:(?:#\w+|https?://\S+|[\w.-]+\.[a-z]{2,}/\S*|!\[[^\]]*\]\([^)]*\)|[\p{So}\p{Sk}\s]+)\s*)+$"
)


def _make(
    text: str,
    base: int,
    m: regex.Match[str],
    extra_titles: Iterable[str],
    agency: Iterable[str],
    two_line: bool = False,
    placed: bool = False,
) -> Signature | None:
    # Groups by number: the regex module's look-ups by name cost more than the rest here.
    index, spans, line = m.re.groupindex, m.regs, m.string
    (name_at, name_to), (first_at, first_to) = spans[index["name"]], spans[index["first"]]
    (last_at, last_to), (title_at, title_to) = spans[index["last"]], spans[index["title"]]
    rank_at, rank_to = spans[index["rank"]]
    lead_at, lead_to = spans[index["lead"]] if "lead" in index else (-1, -1)
    name, first = line[name_at:name_to], line[first_at:first_to]
    last = line[last_at:last_to] if last_at >= 0 else None
    title = line[title_at:title_to] if title_at >= 0 else None
    rank_text = line[rank_at:rank_to] if rank_at >= 0 else None
    lead = line[lead_at:lead_to] if lead_at >= 0 else None
    words = _NAME_WORD.findall(name[first_at - name_at :])
    if any(w.lower() in _patterns().not_names for w in words):
        return None
    if not _is_person(name, first, last, agency):
        return None
    title_ok = bool(title) and is_title(title, extra_titles)
    rank = bool(rank_text) and rank_text.lower().rstrip(".") in _patterns().ranks
    short = bool(title) and len(title) <= MAX_BARE_TITLE and len(title.split()) <= 6
    if (
        not lead
        and not (two_line or placed)
        and (not title_ok or not short or _NOT_A_TITLE.match(title or ""))
    ):
        # Without a dash, a name is a sign-off only when a job title follows it directly
        # (not "Dana Whitfield, our new Outreach Coordinator, starts Monday").
        return None
    start = base + (lead_at if lead else name_at)
    end = base + (
        title_to + (1 if text[base + title_to :].startswith(")") else 0) if title else name_to
    )
    # First and last name: the last word is spelled out and so is one before it.
    given = text[base + first_at : base + last_at] if last else ""
    full = bool(last) and not last.endswith(".") and bool(_TWO_LETTERS.search(given))
    return Signature(
        start=start,
        end=end,
        name_start=base + first_at,
        name_end=base + name_to,
        title=title.strip() if title_ok else (rank_text if rank else None),
        initials=None,
        full_name=full,
        title_start=base + title_at if title_ok else None,
        title_end=base + title_to if title_ok else None,
        rank=rank and not title_ok,
    )


def parse_signature(
    text: str, extra_titles: Iterable[str] = (), agency_names: Iterable[str] = ()
) -> Signature | None:
    """The sign-off of ``text``, or None. Pure function of the text and the word lists."""
    lines = _lines(text)
    # Skip trailing lines of hashtags, links, images or emoji only.
    while lines and _TRAILER.match(text[lines[-1][0] : lines[-1][1]]):
        lines.pop()
    if not lines:
        return None
    agency_names = tuple(agency_names)
    sig = _parse_lines(text, lines, extra_titles, agency_names)
    if sig is None and len(lines) >= 2 and _org_line(text[slice(*lines[-1])], agency_names):
        # "— Dana Whitfield, PIO" followed by a line naming the agency or unit.
        sig = _parse_lines(text, lines[:-1], extra_titles, agency_names)
    if sig is None:
        sig = _colon_lead(text, lines[-1], extra_titles, agency_names)
    if sig is None:
        sig = _byline(text, lines[0], extra_titles, agency_names)
    return sig


def _colon_lead(
    text: str, line: tuple[int, int], extra_titles: Iterable[str], agency_names: Iterable[str]
) -> Signature | None:
    """``Posted by: Dana Whitfield, PIO`` as the last line."""
    pats = _patterns()
    start, end = line
    lead = pats.colon_lead.match(text[start:end])
    if lead is None:
        return None
    after = start + lead.end()
    m = pats.line.match(text[after:end])
    sig = _make(text, after, m, extra_titles, agency_names, placed=True) if m else None
    return None if sig is None else replace(sig, start=start)


def _byline(
    text: str, line: tuple[int, int], extra_titles: Iterable[str], agency_names: Iterable[str]
) -> Signature | None:
    """The author named at the start of the post. Without a job title only a whole first line
    ("By Dana Whitfield") counts: "By Friday, ..." or "From Casper to ..." name no author."""
    start, end = line
    m = _patterns().byline.match(text[start:end])
    if m is None:
        return None
    sig = _make(text, start, m, extra_titles, agency_names, placed=True)
    if sig is None:
        return None
    explicit = m.group("lead").lower().startswith(("by", "posted", "written"))
    whole_line = m.end("stop") >= end - start - 1 and m.group("stop") in ("", ".", "\n")
    if sig.title is None and not (explicit and whole_line):
        return None
    return replace(sig, start=start + m.start("lead"))


def _org_line(line: str, agency_names: Iterable[str]) -> bool:
    """A short line naming the agency or one of its units ("Wyoming DWS", "Madison Parks")."""
    folded = line.lower()
    if any(n and n.lower() in folded for n in agency_names):
        return len(line) <= 80
    words = _ORG_WORD.findall(line)
    return (
        0 < len(words) <= 8
        and all(w[:1].isupper() or w.lower() in {"of", "and", "for", "the", "&"} for w in words)
        and words[-1].lower() in _patterns().org_words
    )


def _parse_lines(
    text: str,
    lines: list[tuple[int, int]],
    extra_titles: Iterable[str],
    agency_names: Iterable[str],
) -> Signature | None:
    pats = _patterns()
    start, end = lines[-1]
    last_line = text[start:end]

    # Two lines: "— Dana Whitfield" then "Communications Specialist".
    if len(lines) >= 2 and len(last_line) <= 60 and is_title(last_line, extra_titles):
        p_start, p_end = lines[-2]
        prev = text[p_start:p_end]
        m = pats.line.match(prev)
        if m and not m.group("title") and (m.group("lead") or m.group("last")):
            sig = _make(text, p_start, m, extra_titles, agency_names, two_line=True)
            if sig is not None:
                title = last_line.strip()  # the title line, not a rank, is the position
                return replace(
                    sig, end=end, title=title, title_start=start, title_end=end, rank=False
                )

    first = _sign_off_from(last_line)
    m = pats.line.match(last_line) if first == 0 else None
    # "- Free parking" after other "- " lines is the last item of a list.
    # "- Photo ID" right under other "- " lines is the last item of a list, not a sign-off.
    if (
        len(lines) >= 2
        and _BULLET.match(last_line)
        and _BULLET.match(text, lines[-2][0])
        and text.count("\n", lines[-2][1], start) == 1
    ):
        return None
    if m:
        sig = _make(text, start, m, extra_titles, agency_names)
        if sig is not None:
            return sig
    for m in _tail_matches(pats.tail, last_line, first):
        sig = _make(text, start, m, extra_titles, agency_names)
        if sig is not None:
            return sig
    m = _initials(pats.initials, last_line)
    if m and m.group("ini").lower() not in {a.lower() for a in agency_names}:
        return Signature(
            start=start + m.start("lead"),
            end=start + m.end("ini"),
            name_start=None,
            name_end=None,
            title=None,
            initials=m.group("ini"),
            full_name=False,
        )
    return None


def _trailing_start(line: str) -> tuple[int, str]:
    """Where the hashtags and links that end ``line`` begin, and the word before them ('' if
    the line is only those). One backward pass over the words (linear in the line)."""
    for m in _WORD_BACK.finditer(line):
        word = m.group(0)
        if not word.startswith(("#", "http")):
            return m.end(), word
    return 0, ""


def _sign_off_from(line: str) -> int:
    """A position before which no match of the line or tail pattern can start on ``line``.

    Lead, name and title contain none of ``_LAST_NOT_IN_SIGN_OFF`` and reach to the hashtags
    and links that may end the line, so a sign-off starts after the last such character
    before those (stepping back over every word that starts with "#" or "http" is safe: it
    only moves the bound earlier).
    """
    if _ODD_SPACE.search(line):
        return 0  # str.split would split words where the patterns' \S+ does not
    head_end, word = _trailing_start(line)
    if not word:
        return 0
    # The end of the sign-off: before this word's closing "." or "!", or after the word.
    stop = head_end - (word[-1] in ".!")
    last = _LAST_NOT_IN_SIGN_OFF.search(line, 0, stop)
    return 0 if last is None else last.end()


def _tail_matches(
    tail: regex.Pattern[str], line: str, first: int = 0
) -> Iterator[regex.Match[str]]:
    """``tail.finditer(line)`` for matches starting at ``first`` or later (the only ones
    there are), trying only the positions where its leading ``_AFTER_SENTENCE`` look-behind
    can hold: searching at every character costs ~0.15 ms a post. A sign-off (lead, name of
    at most four words, title of at most 120 characters) is short: only starts within
    ``TAIL_REACH`` characters of the hashtags and links ending the line are tried, so a
    line of 40,000 "a." costs no more than a short one."""
    if not _ODD_SPACE.search(line):
        first = max(first, _trailing_start(line)[0] - TAIL_REACH)
    starts = {0} if first == 0 else set()
    starts.update(m.end() for m in _SENTENCE_END_RE.finditer(line, max(0, first - 1)))
    starts.update(m.start() for m in _SPACED_DASH_RE.finditer(line, first))
    return matches_at(tail, line, starts, first)


def _initials(initials: regex.Pattern[str], line: str) -> regex.Match[str] | None:
    """``initials.search(line)``, skipped when no "^" or dash is near the end of the line."""
    if _INITIALS_LEADS.isdisjoint(line.rstrip()[-_INITIALS_REACH:]):
        return None
    return initials.search(line)
