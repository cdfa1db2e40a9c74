"""Following shortened links (--resolve-links only): the final URL and page title.

Uses the standard library (http.client) with a short timeout per request, a redirect limit,
loop detection and a cap on the bytes read. Nothing else in smlint opens a socket.

An unreachable link (timeout, refused connection, HTTP error, redirect loop) is not a
separate finding: the link's SM502 finding says that its destination could not be checked
and why (``detail["resolved"] == "unreachable"``).
"""

from __future__ import annotations

import html
import http.client
import re
import ssl
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from smlint import __version__

REDIRECTS = frozenset({301, 302, 303, 307, 308})
TITLE_RE = re.compile(rb"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
CHARSET_RE = re.compile(r"charset=([\w.-]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Resolution:
    """Where a link leads: the final URL and title, or why it could not be followed."""

    url: str
    final_url: str | None = None
    title: str | None = None
    status: int | None = None
    hops: int = 0
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.final_url is not None


def _title(body: bytes, content_type: str) -> str | None:
    m = TITLE_RE.search(body)
    if not m:
        return None
    charset = CHARSET_RE.search(content_type or "")
    try:
        text = m.group(1).decode(charset.group(1) if charset else "utf-8", errors="replace")
    except LookupError:
        text = m.group(1).decode("utf-8", errors="replace")
    return " ".join(html.unescape(text).split())[:300] or None


def resolve(
    url: str,
    *,
    timeout: float = 3.0,
    max_redirects: int = 5,
    max_bytes: int = 65_536,
) -> Resolution:
    """Follow ``url``'s redirects; read at most ``max_bytes`` of the final page."""
    seen: set[str] = set()
    current = url
    for hop in range(max_redirects + 1):
        if current in seen:
            return Resolution(url=url, hops=hop, error="redirect loop")
        seen.add(current)
        parts = urlsplit(current)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return Resolution(url=url, hops=hop, error=f"unsupported URL scheme {parts.scheme!r}")
        conn_type = (
            http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        )
        kwargs = {"context": ssl.create_default_context()} if parts.scheme == "https" else {}
        conn = conn_type(parts.hostname, parts.port, timeout=timeout, **kwargs)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            conn.request(
                "GET",
                target,
                headers={
                    "User-Agent": f"smlint/{__version__} (link check)",
                    "Accept": "text/html,*/*;q=0.5",
                },
            )
            response = conn.getresponse()
            status = response.status
            if status in REDIRECTS:
                location = response.getheader("Location")
                if not location:
                    return Resolution(
                        url=url, hops=hop, status=status, error="redirect without a Location"
                    )
                current = urljoin(current, location)
                continue
            if status >= 400:
                return Resolution(
                    url=url, final_url=current, status=status, hops=hop, error=f"HTTP {status}"
                )
            body = response.read(max_bytes)
            return Resolution(
                url=url,
                final_url=current,
                title=_title(body, response.getheader("Content-Type") or ""),
                status=status,
                hops=hop,
            )
        except TimeoutError:
            return Resolution(url=url, hops=hop, error="timed out")
        except (OSError, http.client.HTTPException, ssl.SSLError) as exc:
            return Resolution(url=url, hops=hop, error=f"connection failed ({type(exc).__name__})")
        finally:
            conn.close()
    return Resolution(url=url, hops=max_redirects, error="too many redirects")


@dataclass
class Resolver:
    """Follows links once per process (the same short link in many posts is fetched once)."""

    timeout: float = 3.0
    max_redirects: int = 5
    max_bytes: int = 65_536
    _cache: dict[str, Resolution] = field(default_factory=dict)

    def __call__(self, url: str) -> Resolution:
        if url not in self._cache:
            self._cache[url] = resolve(
                url,
                timeout=self.timeout,
                max_redirects=self.max_redirects,
                max_bytes=self.max_bytes,
            )
        return self._cache[url]


def resolver(_resources: object = None) -> Resolver:
    """The per-process resolver (a ``Resources.get`` factory)."""
    return Resolver()
