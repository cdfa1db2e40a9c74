"""Which findings are reported: select/ignore, inline disables, and the baseline."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from smlint.errors import UserError
from smlint.models import Finding, Post
from smlint.ruledata.catalog import Catalog

CODE_PREFIX_RE = re.compile(r"^[A-Z]{1,3}[0-9]{0,3}$")
BASELINE_VERSION = 1
KEY_ENV = "SMLINT_BASELINE_KEY"


class SelectionError(UserError):
    """An unknown or malformed code in --select/--ignore."""


def parse_codes(values: Iterable[str], catalog: Catalog, option: str) -> tuple[str, ...]:
    """Split comma lists, upper-case, and check each names at least one catalog code."""
    out = []
    for value in values:
        for item in value.split(","):
            code = item.strip().upper()
            if not code:
                continue
            if not CODE_PREFIX_RE.match(code) or not catalog.matching(code):
                raise SelectionError(f"{option}: unknown rule code or prefix {item.strip()!r}")
            out.append(code)
    return tuple(out)


def _longest(code: str, prefixes: tuple[str, ...]) -> int:
    return max((len(p) for p in prefixes if code.startswith(p)), default=-1)


@dataclass(frozen=True)
class Selection:
    """flake8-style decision: the most specific matching prefix wins; ties go to ignore.

    The pack's enabled rules are selected by default; ``select`` narrows them,
    ``extend_select`` adds catalog rules beyond the pack, ``ignore``/``extend_ignore`` drop.
    """

    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def decide(self, code: str, in_pack: bool) -> bool:
        selected = max(
            _longest(code, self.select or ("SM",)) if in_pack else -1,
            _longest(code, self.extend_select),
        )
        return selected >= 0 and selected > _longest(code, self.ignore)


def inline_disabled(finding: Finding, post: Post) -> bool:
    """Whether an inline comment disables the finding. A range's codes are prefixes; "-CODE"
    entries are exceptions, and a range of exceptions only disables every other code."""
    for start, end, codes in post.disabled:
        if not start <= finding.start < end:
            continue
        if codes is None:
            return True
        named = tuple(c for c in codes if not c.startswith("-"))
        excepted = tuple(c[1:] for c in codes if c.startswith("-"))
        if excepted and finding.code.startswith(excepted):
            continue
        if not named or finding.code.startswith(named):
            return True
    return False


# --- baseline ------------------------------------------------------------------------------


class BaselineError(UserError):
    """A baseline file that cannot be read."""


def _normalise(text: str) -> str:
    """Formatting-insensitive form: '(307) 555-0124' and '307.555.0124' are the same."""
    return re.sub(r"\W+", "", text.casefold())


def _key(salt: str) -> bytes:
    # A key kept outside the repository (a CI secret) makes the hashes useless to anyone who
    # reads the baseline; the stored salt alone still defeats precomputed tables.
    return (os.environ.get(KEY_ENV, "") + salt).encode("utf-8")


def identity(finding: Finding, salt: str) -> tuple[str, str, str]:
    """file + code + keyed hash of the matched text: no plaintext, no line numbers."""
    digest = hmac.new(_key(salt), _normalise(finding.matched).encode(), hashlib.sha256)
    return (Path(finding.path).as_posix(), finding.post_id or "", finding.code), digest.hexdigest()


@dataclass(frozen=True)
class Baseline:
    salt: str
    accepted: Counter

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BaselineError(f"{path}: baseline file not found") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BaselineError(f"{path}: not a readable smlint baseline ({exc})") from None
        if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION:
            raise BaselineError(f"{path}: not an smlint baseline (version {BASELINE_VERSION})")
        try:
            accepted = Counter(
                ((e["path"], e.get("post_id") or "", e["code"]), e["hash"])
                for e in data["findings"]
                for _ in range(int(e.get("count", 1)))
            )
            return cls(str(data["salt"]), accepted)
        except (KeyError, TypeError, ValueError):
            raise BaselineError(f"{path}: malformed baseline entries") from None

    def new_findings(self, findings: list[Finding]) -> list[Finding]:
        """Findings beyond those accepted (each accepted entry absorbs one finding)."""
        left = Counter(self.accepted)
        out = []
        for finding in findings:
            key = identity(finding, self.salt)
            key = (key[0], key[1])
            if left[key] > 0:
                left[key] -= 1
            else:
                out.append(finding)
        return out


def write_baseline(path: Path, findings: list[Finding]) -> None:
    salt = secrets.token_hex(16)
    counts = Counter(identity(f, salt) for f in findings)
    entries = [
        {"path": p, "post_id": pid or None, "code": code, "hash": digest, "count": n}
        for ((p, pid, code), digest), n in sorted(counts.items())
    ]
    payload = {"version": BASELINE_VERSION, "tool": "smlint", "salt": salt, "findings": entries}
    path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
