"""Email addresses in a post (one pattern for the PII and the identity checks)."""

from __future__ import annotations

import re
from dataclasses import dataclass

EMAIL_RE = re.compile(
    r"(?<![\w.+%\-])[A-Za-z0-9](?:[A-Za-z0-9._%+\-]{0,63})@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w\-@])"
)


@dataclass(frozen=True)
class Email:
    start: int
    end: int
    address: str

    @property
    def domain(self) -> str:
        """The lower-case domain, without a final dot."""
        return self.address.rsplit("@", 1)[1].lower().rstrip(".")


def find_emails(text: str) -> tuple[Email, ...]:
    if "@" not in text:
        return ()
    return tuple(Email(m.start(), m.end(), m.group(0)) for m in EMAIL_RE.finditer(text))
