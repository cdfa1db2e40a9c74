"""Baselines: findings accepted once, so that only new ones are reported.

An entry is the file, the post id (scans), the code and a keyed hash (HMAC-SHA256) of the
matched text, normalised: never the text, never a line number (detect-secrets' design,
bandit's "a moved line is the same issue"). Each accepted entry absorbs one finding.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from smlint.errors import UserError
from smlint.models import Finding

VERSION = 1
KEY_ENV = "SMLINT_BASELINE_KEY"

Identity = tuple[tuple[str, str, str], str]


class BaselineError(UserError):
    """A baseline file that cannot be read or written."""


def _normalise(text: str) -> str:
    """Formatting-insensitive form: '(307) 555-0124' and '307.555.0124' are the same."""
    return re.sub(r"\W+", "", text.casefold())


def _key(salt: str) -> bytes:
    # A key kept outside the repository (a CI secret) makes the hashes useless to anyone who
    # reads the baseline; the stored salt alone still defeats precomputed tables.
    return (os.environ.get(KEY_ENV, "") + salt).encode("utf-8")


def identity(finding: Finding, salt: str) -> Identity:
    """file + post + code, and the keyed hash of the matched text."""
    digest = hmac.new(_key(salt), _normalise(finding.matched).encode(), hashlib.sha256)
    return (Path(finding.path).as_posix(), finding.post_id or "", finding.code), digest.hexdigest()


class Baseline:
    """The accepted findings of a baseline file. ``filter`` consumes them as a run streams
    its findings, so one ``Baseline`` serves one run."""

    def __init__(self, salt: str, accepted: Counter[Identity]) -> None:
        self.salt = salt
        self.left = Counter(accepted)

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BaselineError(f"{path}: baseline file not found") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BaselineError(f"{path}: not a readable smlint baseline ({exc})") from None
        if not isinstance(data, dict) or data.get("version") != VERSION:
            raise BaselineError(f"{path}: not an smlint baseline (version {VERSION})")
        try:
            accepted = Counter(
                ((e["path"], e.get("post_id") or "", e["code"]), e["hash"])
                for e in data["findings"]
                for _ in range(int(e.get("count", 1)))
            )
            return cls(str(data["salt"]), accepted)
        except (KeyError, TypeError, ValueError):
            raise BaselineError(f"{path}: malformed baseline entries") from None

    def filter(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings not accepted; each accepted entry absorbs one finding, once."""
        out = []
        left = self.left
        for finding in findings:
            key = identity(finding, self.salt)
            if left[key] > 0:
                left[key] -= 1
            else:
                out.append(finding)
        return out


class BaselineWriter:
    """``--write-baseline``: counts the identities of every finding a run makes (before any
    baseline filters them) and writes them at the end. It keeps hashes, not findings."""

    def __init__(self) -> None:
        self.salt = secrets.token_hex(16)
        self.counts: Counter[Identity] = Counter()

    def add(self, findings: Iterable[Finding]) -> None:
        for finding in findings:
            self.counts[identity(finding, self.salt)] += 1

    def write(self, path: Path) -> None:
        entries = [
            {"path": p, "post_id": pid or None, "code": code, "hash": digest, "count": n}
            for ((p, pid, code), digest), n in sorted(self.counts.items())
        ]
        payload = {"version": VERSION, "tool": "smlint", "salt": self.salt, "findings": entries}
        try:
            path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        except OSError as exc:
            raise BaselineError(f"{path}: cannot write the baseline ({exc.strerror})") from None
