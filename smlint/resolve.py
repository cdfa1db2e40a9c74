"""Following shortened links (--resolve-links only): the final URL and page title.

Uses the standard library (http.client), within limits a hostile link cannot stretch:

- a deadline for the whole of a link (``timeout``: name lookup, connection, TLS, every
  redirect, headers and body together), and a time budget for all the links of a run
  (``Resolver.budget``), so a server that sends a byte at a time cannot hold the scan;
- at most ``max_bytes`` of a page, ``max_redirects`` redirects, loops detected;
- requests to public addresses only: the host is looked up first and its addresses checked
  by an address policy (``public_only``: no loopback, private, link-local, cloud metadata,
  multicast or reserved address), for the link and for every redirect, and the connection is
  made to the address that was checked (a second DNS answer cannot differ), with the host
  name kept for the ``Host`` header, SNI and the certificate check. Tests inject a policy
  that allows their local server.

Nothing else in smlint opens a socket. An unreachable or refused link (timeout, refused
connection, HTTP error, redirect loop, refused address) is not a separate finding: the
link's SM502 finding says that its destination could not be checked and why
(``detail["resolved"] == "unreachable"``).
"""

from __future__ import annotations

import html
import http.client
import io
import ipaddress
import re
import socket
import ssl
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from smlint import __version__

REDIRECTS = frozenset({301, 302, 303, 307, 308})
TITLE_RE = re.compile(rb"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
CHARSET_RE = re.compile(r"charset=([\w.-]+)", re.IGNORECASE)

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
# An address policy: why an address must not be contacted, or None when it may be.
AddressPolicy = Callable[[Address], str | None]
# A name lookup: the addresses of host (port given for getaddrinfo), within timeout seconds.
Lookup = Callable[[str, int, float], Sequence[Address]]

METADATA = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack, ...
        "169.254.170.2",  # AWS ECS task metadata
        "100.100.100.200",  # Alibaba Cloud
        "192.0.0.192",  # Oracle Cloud (classic)
        "fd00:ec2::254",  # AWS over IPv6
    )
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def public_only(address: Address) -> str | None:
    """The default policy: only globally reachable unicast addresses."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is None and address.teredo is not None:
            embedded = address.teredo[1]
        if embedded is not None:
            return public_only(embedded)
    if address in METADATA:
        return "a cloud metadata address"
    if address.is_loopback:
        return "a loopback address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_unspecified:
        return "an unspecified address"
    if address.is_multicast:
        return "a multicast address"
    if address.is_private:
        return "a private address"
    if address.is_reserved or not address.is_global:
        return "not a public address"
    return None


def allowing(*addresses: str, base: AddressPolicy = public_only) -> AddressPolicy:
    """A policy that also allows the given addresses (a test's local server)."""
    allowed = frozenset(ipaddress.ip_address(a) for a in addresses)

    def policy(address: Address) -> str | None:
        return None if address in allowed else base(address)

    return policy


def system_lookup(host: str, port: int, timeout: float) -> list[Address]:
    """getaddrinfo, given up after ``timeout`` seconds (it has no timeout of its own; the
    lookup thread is left to finish on its own)."""
    result: dict[str, Any] = {}

    def run() -> None:
        try:
            result["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            result["error"] = exc

    thread = threading.Thread(target=run, name="smlint-lookup", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise TimeoutError("name lookup")
    if "error" in result:
        error = result["error"]
        raise error if isinstance(error, OSError) else OSError(str(error))
    addresses: list[Address] = []
    for info in result["infos"]:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    return addresses


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


# --- sockets that keep a deadline ----------------------------------------------------------


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("deadline")
    return left


class _DeadlineReader(io.RawIOBase):
    """Reads from a socket, every read bounded by what is left of the deadline."""

    def __init__(self, sock: socket.socket, deadline: float) -> None:
        self._sock = sock
        # The socket's own file keeps it open until the response is done with it.
        self._raw = sock.makefile("rb", buffering=0)
        self._deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int | None:
        self._sock.settimeout(_remaining(self._deadline))
        return self._raw.readinto(buffer)

    def close(self) -> None:
        self._raw.close()
        super().close()


class _DeadlineSocket:
    """The part of a socket http.client uses, with every operation within the deadline
    (a socket timeout alone bounds each operation, not their sum)."""

    def __init__(self, sock: socket.socket, deadline: float) -> None:
        self._sock = sock
        self._deadline = deadline

    def sendall(self, data: bytes) -> None:
        self._sock.settimeout(_remaining(self._deadline))
        self._sock.sendall(data)

    def makefile(self, mode: str = "rb", *args: object, **kwargs: object) -> io.BufferedReader:
        return io.BufferedReader(_DeadlineReader(self._sock, self._deadline))

    def close(self) -> None:
        self._sock.close()


class _Connection(http.client.HTTPConnection):
    """HTTP(S) to an address already checked, with the host name for Host, SNI and the
    certificate."""

    def __init__(
        self,
        host: str,
        port: int | None,
        addresses: Sequence[Address],
        deadline: float,
        context: ssl.SSLContext | None,
    ) -> None:
        self.default_port = 443 if context is not None else 80
        super().__init__(host, port, timeout=max(deadline - time.monotonic(), 0.001))
        self._addresses = addresses
        self._deadline = deadline
        self._context = context

    def connect(self) -> None:
        error: OSError = OSError("no address")
        for address in self._addresses:
            try:
                sock = socket.create_connection(
                    (str(address), self.port), timeout=_remaining(self._deadline)
                )
            except TimeoutError:
                raise
            except OSError as exc:
                error = exc
                continue
            try:
                if self._context is not None:
                    sock.settimeout(_remaining(self._deadline))
                    sock = self._context.wrap_socket(sock, server_hostname=self.host)
            except BaseException:
                sock.close()
                raise
            self.sock = _DeadlineSocket(sock, self._deadline)  # type: ignore[assignment]
            return
        raise error


# --- resolving -----------------------------------------------------------------------------


def _vet(
    host: str, port: int, policy: AddressPolicy, lookup: Lookup, deadline: float
) -> tuple[list[Address], str | None]:
    """The addresses of ``host`` the policy allows, or why there are none."""
    addresses = list(lookup(host, port, _remaining(deadline)))
    allowed = [a for a in addresses if policy(a) is None]
    if allowed:
        return allowed, None
    if not addresses:
        return [], f"{host} has no address"
    reason = policy(addresses[0])
    try:
        literal = ipaddress.ip_address(host.split("%", 1)[0]) == addresses[0]
    except ValueError:
        literal = False  # a name (or a number getaddrinfo reads as an address)
    return [], (
        f"{host} is {reason}" if literal else f"{host} resolves to {addresses[0]}, {reason}"
    )


def resolve(
    url: str,
    *,
    timeout: float = 3.0,
    max_redirects: int = 5,
    max_bytes: int = 65_536,
    policy: AddressPolicy = public_only,
    lookup: Lookup = system_lookup,
    deadline: float | None = None,
) -> Resolution:
    """Follow ``url``'s redirects within ``timeout`` seconds in all (or by ``deadline``, a
    ``time.monotonic()`` value, if sooner); read at most ``max_bytes`` of the final page."""
    end = time.monotonic() + timeout
    if deadline is not None:
        end = min(end, deadline)
    seen: set[str] = set()
    current = url
    for hop in range(max_redirects + 1):
        if current in seen:
            return Resolution(url=url, hops=hop, error="redirect loop")
        seen.add(current)
        parts = urlsplit(current)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return Resolution(url=url, hops=hop, error=f"unsupported URL scheme {parts.scheme!r}")
        try:
            port = parts.port
        except ValueError:
            return Resolution(url=url, hops=hop, error="invalid port in the URL")
        https = parts.scheme == "https"
        conn: _Connection | None = None
        try:
            addresses, refused = _vet(
                parts.hostname, port or (443 if https else 80), policy, lookup, end
            )
            if refused is not None:
                where = "redirect to " if hop else ""
                return Resolution(url=url, hops=hop, error=f"refused: {where}{refused}")
            context = ssl.create_default_context() if https else None
            conn = _Connection(parts.hostname, port, addresses, end, context)
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
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
        except (OSError, http.client.HTTPException, ssl.SSLError, ValueError) as exc:
            return Resolution(url=url, hops=hop, error=f"connection failed ({type(exc).__name__})")
        finally:
            if conn is not None:
                conn.close()
    return Resolution(url=url, hops=max_redirects, error="too many redirects")


@dataclass
class Resolver:
    """Follows links once per process (the same short link in many posts is fetched once),
    within ``timeout`` seconds a link and ``budget`` seconds for all of them."""

    timeout: float = 3.0
    max_redirects: int = 5
    max_bytes: int = 65_536
    budget: float = 60.0
    policy: AddressPolicy = public_only
    lookup: Lookup = system_lookup
    _cache: dict[str, Resolution] = field(default_factory=dict)
    _spent: float = 0.0

    def __call__(self, url: str) -> Resolution:
        if url not in self._cache:
            left = self.budget - self._spent
            if left <= 0:
                return Resolution(
                    url=url,
                    error=f"not followed: the {self.budget:g} s for following links in this"
                    " run are used up",
                )
            started = time.monotonic()
            self._cache[url] = resolve(
                url,
                timeout=self.timeout,
                max_redirects=self.max_redirects,
                max_bytes=self.max_bytes,
                policy=self.policy,
                lookup=self.lookup,
                deadline=started + left,
            )
            self._spent += time.monotonic() - started
        return self._cache[url]


def resolver(_resources: object = None) -> Resolver:
    """The per-process resolver (a ``Resources.get`` factory)."""
    return Resolver()
