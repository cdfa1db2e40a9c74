"""Baselines: findings accepted once, so that only new ones are reported.

An entry is the file, the post id (scans), the code and a keyed hash (HMAC-SHA256) of the
matched text, normalised: never the text, never a line number (detect-secrets' design,
bandit's "a moved line is the same issue"). Each accepted entry absorbs one finding.

The salt stored in the file alone cannot protect an SSN or a phone number (their whole space
is hashed in minutes), so an entry of a PII rule is keyed with a secret kept outside the
repository: ``SMLINT_BASELINE_KEY``, or the file named by ``SMLINT_BASELINE_KEY_FILE``.
Without one, writing such an entry is refused. Other entries may use the salt alone.
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

from smlint.atomic import atomic_write
from smlint.errors import UserError
from smlint.models import Finding

VERSION = 1
KEY_ENV = "SMLINT_BASELINE_KEY"
KEY_FILE_ENV = "SMLINT_BASELINE_KEY_FILE"
NO_KEY = (
    f"writing PII findings to a baseline needs a secret key: set {KEY_ENV} (a CI secret) "
    f"or {KEY_FILE_ENV} to a file outside the repository"
)

Identity = tuple[tuple[str, str, str], str]


class BaselineError(UserError):
    """A baseline file that cannot be read or written."""


def _normalise(text: str) -> str:
    """Formatting-insensitive form: '(307) 555-0124' and '307.555.0124' are the same."""
    return re.sub(r"\W+", "", text.casefold())


def _repository(folder: Path) -> Path:
    """The repository (the nearest folder upward with .git) holding ``folder``, or itself."""
    for parent in (folder, *folder.parents):
        if (parent / ".git").exists():
            return parent
    return folder


def secret_key(baseline: Path | None = None) -> str:
    """The secret of ``SMLINT_BASELINE_KEY`` or ``SMLINT_BASELINE_KEY_FILE``, or ''. A key file
    inside the baseline's repository would be committed beside it: refused."""
    key = os.environ.get(KEY_ENV, "")
    if key:
        return key
    name = os.environ.get(KEY_FILE_ENV, "")
    if not name:
        return ""
    path = Path(name).expanduser().resolve()
    if baseline is not None:
        repo = _repository(Path(baseline).resolve().parent)
        if path.is_relative_to(repo):
            raise BaselineError(
                f"{KEY_FILE_ENV}: {name} is inside the repository {repo}; keep the key elsewhere"
            )
    try:
        key = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or "not UTF-8 text"
        raise BaselineError(f"{KEY_FILE_ENV}: cannot read {name} ({reason})") from None
    if not key:
        raise BaselineError(f"{KEY_FILE_ENV}: {name} is empty")
    return key


def _key(salt: str, secret: str | None = None) -> bytes:
    # The secret (a CI secret) makes the hashes useless to anyone who reads the baseline; the
    # stored salt alone still defeats precomputed tables.
    if secret is None:
        secret = os.environ.get(KEY_ENV, "")
    return (secret + salt).encode("utf-8")


def identity(finding: Finding, salt: str, secret: str | None = None) -> Identity:
    """file + post + code, and the keyed hash of the matched text (``secret`` for PII rules;
    None: ``SMLINT_BASELINE_KEY`` as set)."""
    digest = hmac.new(_key(salt, secret), _normalise(finding.matched).encode(), hashlib.sha256)
    return (Path(finding.path).as_posix(), finding.post_id or "", finding.code), digest.hexdigest()


class Baseline:
    """The accepted findings of a baseline file. ``filter`` consumes them as a run streams
    its findings, so one ``Baseline`` serves one run."""

    def __init__(
        self,
        salt: str,
        accepted: Counter[Identity],
        *,
        pii: frozenset[str] = frozenset(),
        secret: str | None = None,
    ) -> None:
        self.salt = salt
        self.left = Counter(accepted)
        self.pii = pii
        self.secret = secret

    def _identity(self, finding: Finding) -> Identity:
        if finding.code in self.pii:
            return identity(finding, self.salt, self.secret)
        return identity(finding, self.salt, "" if self.pii else None)

    @classmethod
    def load(cls, path: Path, pii: frozenset[str] | None = None) -> Baseline:
        """The baseline at ``path``. ``pii``: the codes whose entries are keyed with the secret
        (None: every entry keyed with ``SMLINT_BASELINE_KEY`` as set, the old behaviour)."""
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
            salt = str(data["salt"])
            keyed = bool(data.get("keyed", False))
        except (KeyError, TypeError, ValueError, AttributeError):
            raise BaselineError(f"{path}: malformed baseline entries") from None
        if pii is None:
            return cls(salt, accepted)
        secret = secret_key(path)
        if keyed and not secret and any(code in pii for (_, _, code), _ in accepted):
            raise BaselineError(
                f"{path}: its PII entries are keyed with a secret; set {KEY_ENV} or "
                f"{KEY_FILE_ENV} as when it was written"
            )
        return cls(salt, accepted, pii=pii, secret=secret)

    def filter(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings not accepted; each accepted entry absorbs one finding, once."""
        out = []
        left = self.left
        for finding in findings:
            key = self._identity(finding)
            if left[key] > 0:
                left[key] -= 1
            else:
                out.append(finding)
        return out


class BaselineWriter:
    """``--write-baseline``: counts the identities of every finding a run makes (before any
    baseline filters them) and writes them at the end. It keeps hashes, not findings."""

    def __init__(
        self, pii: frozenset[str] | None = None, secret: str | None = None, path: Path | None = None
    ) -> None:
        """``pii``: the codes whose entries need the secret (None: every entry is keyed with
        ``SMLINT_BASELINE_KEY`` as set, the old behaviour). ``secret``: None reads it from
        the environment (``path`` is the baseline to write, for the key file check)."""
        self.salt = secrets.token_hex(16)
        self.counts: Counter[Identity] = Counter()
        self.pii = pii
        self.secret = secret if secret is not None or pii is None else secret_key(path)
        self.unkeyed = 0  # PII findings seen without a secret: the baseline is refused

    def add(self, findings: Iterable[Finding]) -> None:
        for finding in findings:
            if self.pii is None:
                self.counts[identity(finding, self.salt)] += 1
            elif finding.code in self.pii:
                if not self.secret:
                    self.unkeyed += 1
                    continue
                self.counts[identity(finding, self.salt, self.secret)] += 1
            else:
                self.counts[identity(finding, self.salt, "")] += 1

    def check(self) -> None:
        """Refuse (BaselineError) a baseline that would hold PII entries without a key."""
        if self.unkeyed:
            raise BaselineError(NO_KEY)

    def write(self, path: Path) -> None:
        self.check()
        entries = [
            {"path": p, "post_id": pid or None, "code": code, "hash": digest, "count": n}
            for ((p, pid, code), digest), n in sorted(self.counts.items())
        ]
        payload: dict[str, object] = {"version": VERSION, "tool": "smlint", "salt": self.salt}
        if self.pii is not None and self.secret:
            payload["keyed"] = True
        payload["findings"] = entries
        atomic_write(path, json.dumps(payload, indent=2) + "\n", what="baseline")
