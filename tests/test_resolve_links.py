"""--resolve-links: following shortened links against a local HTTP server (never outside)."""

from __future__ import annotations

import ipaddress
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
from conftest import lint, settings_for

from smlint import resolve as resolve_module
from smlint.analysis import Analysis, Resources
from smlint.checks.base import CheckContext
from smlint.checks.links import check_links
from smlint.models import Post
from smlint.resolve import (
    Resolution,
    Resolver,
    allowing,
    public_only,
    resolve,
    system_lookup,
)
from smlint.ruledata.catalog import load_catalog
from smlint.ruledata.packs import load_pack

# The local test server is on a loopback address, which the default policy refuses.
LOCAL = allowing("127.0.0.1")

AGENCY = {
    "official-domains": ["prairiejobs.org"],
    "topics": ["jobs", "job fair", "hiring"],
    "external-link-disclaimers": ["not responsible for external content"],
}
SLOW_SECONDS = 2.0

PAGES = {
    "/final": "<html><head><title>Spring Job Fair &amp; Hiring Event</title></head></html>",
    "/raccoon": "<html><head><title>Raccoon steals a pizza</title></head></html>",
    "/big": "<html>" + "x" * 200_000 + "<title>Too far down</title></html>",
}
REDIRECTS = {
    "/short": "/hop",
    "/hop": "/final",
    "/pets": "/raccoon",
    "/loop": "/loop2",
    "/loop2": "/loop",
    # Redirects to addresses no link check may reach ({port}: a trap server's port).
    "/to-127-0-0-2": "http://127.0.0.2:{port}/final",
    "/to-127-0-0-3": "http://127.0.0.3:{port}/final",
    "/to-metadata": "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
    "/to-10": "http://10.0.0.1:{port}/final",
    "/to-192-168": "http://192.168.1.1/admin",
    "/to-ipv6-loopback": "http://[::1]:{port}/final",
    "/to-mapped": "http://[::ffff:127.0.0.2]:{port}/final",
    "/to-zero": "http://0.0.0.0:{port}/final",
    "/to-decimal": "http://2130706434:{port}/final",  # 127.0.0.2 written as a number
    "/to-name": "http://intranet.test:{port}/final",  # looked up: a private address
}
TRAP_PORT = 0  # set by the trap fixture
SEEN_HOSTS: list[str] = []  # Host headers of /whoami requests


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path in REDIRECTS:
            self.send_response(302 if self.path != "/short" else 301)
            self.send_header("Location", REDIRECTS[self.path].format(port=TRAP_PORT))
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path in PAGES:
            body = PAGES[self.path].encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path.startswith("/slow"):
            time.sleep(SLOW_SECONDS)
            self.send_response(200)
            self.end_headers()
        elif self.path == "/whoami":
            SEEN_HOSTS.append(self.headers.get("Host", ""))
            body = b"<title>who</title>"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path in ("/drip-headers", "/drip-body"):
            self.drip()
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(100 << 20))
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"x" * (1 << 20))
            except OSError:
                pass
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

    def drip(self) -> None:
        """A byte every 50 ms, for up to 5 s: each read is quick, the whole never ends."""
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"
        try:
            if self.path == "/drip-body":
                self.wfile.write(head)
                head = b"<html><title>never done</title>" + b"x" * 1000
            for byte in head[:100]:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.05)
        except OSError:
            pass
        self.close_connection = True

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


# --- the resolver ----------------------------------------------------------------------


def test_redirect_chain_gives_final_url_and_title(server: str) -> None:
    result = resolve(f"{server}/short", timeout=1.0, policy=LOCAL)
    assert result.ok
    assert result.final_url == f"{server}/final"
    assert result.title == "Spring Job Fair & Hiring Event"
    assert result.hops == 2 and result.status == 200


def test_not_found(server: str) -> None:
    result = resolve(f"{server}/gone", timeout=1.0, policy=LOCAL)
    assert not result.ok and result.error == "HTTP 404"


def test_timeout(server: str) -> None:
    result = resolve(f"{server}/slow", timeout=0.3, policy=LOCAL)
    assert not result.ok and result.error == "timed out"


def test_redirect_loop(server: str) -> None:
    result = resolve(f"{server}/loop", timeout=1.0, policy=LOCAL)
    assert not result.ok and result.error == "redirect loop"


def test_too_many_redirects(server: str) -> None:
    result = resolve(f"{server}/short", timeout=1.0, max_redirects=1, policy=LOCAL)
    assert not result.ok and result.error == "too many redirects"


def test_size_cap(server: str) -> None:
    result = resolve(f"{server}/big", timeout=1.0, max_bytes=4096, policy=LOCAL)
    assert result.ok and result.title is None


def test_refused_connection() -> None:
    result = resolve("http://127.0.0.1:9/x", timeout=0.5, policy=LOCAL)
    assert not result.ok and result.error.startswith("connection failed")


def test_resolver_fetches_each_link_once(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = resolve_module.resolve

    def counting(url: str, **kwargs: object) -> Resolution:
        calls.append(url)
        return real(url, **kwargs)

    monkeypatch.setattr(resolve_module, "resolve", counting)
    resolver = Resolver(timeout=1.0, policy=LOCAL)
    assert resolver(f"{server}/short") is resolver(f"{server}/short")
    assert calls == [f"{server}/short"]


# --- limits: deadlines, sizes, addresses -------------------------------------------------


class Trap(BaseHTTPRequestHandler):
    """A server on 127.0.0.2 and 127.0.0.3 that no link check may reach."""

    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        Trap.hits.append(f"{self.server.server_address[0]}{self.path}")
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def traps() -> Iterator[list[str]]:
    global TRAP_PORT
    first = ThreadingHTTPServer(("127.0.0.2", 0), Trap)
    TRAP_PORT = first.server_address[1]
    servers = [first, ThreadingHTTPServer(("127.0.0.3", TRAP_PORT), Trap)]
    for httpd in servers:
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield Trap.hits
    finally:
        for httpd in servers:
            httpd.shutdown()
            httpd.server_close()


@pytest.mark.parametrize("path", ["/drip-headers", "/drip-body"])
def test_a_dripping_server_is_held_to_the_deadline(server: str, path: str) -> None:
    started = time.monotonic()
    result = resolve(f"{server}{path}", timeout=0.6, policy=LOCAL)
    elapsed = time.monotonic() - started
    assert result.error == "timed out"
    assert elapsed < 1.2, elapsed  # the whole link, not each read (that took 41-43 s)


def test_the_deadline_covers_every_redirect(server: str) -> None:
    started = time.monotonic()
    result = resolve(f"{server}/short", timeout=0.0001, policy=LOCAL)
    assert result.error == "timed out" and time.monotonic() - started < 0.5


def test_a_huge_body_is_read_only_up_to_the_cap(server: str) -> None:
    started = time.monotonic()
    result = resolve(f"{server}/huge", timeout=2.0, max_bytes=65_536, policy=LOCAL)
    assert result.ok and result.title is None
    assert time.monotonic() - started < 1.5


def test_a_time_budget_for_the_whole_run(server: str) -> None:
    resolver = Resolver(timeout=0.4, budget=0.6, policy=LOCAL)
    started = time.monotonic()
    results = [resolver(f"{server}/slow?{n}") for n in range(4)]
    assert [r.error for r in results] == [
        "timed out",
        "timed out",
        "not followed: the 0.6 s for following links in this run are used up",
        "not followed: the 0.6 s for following links in this run are used up",
    ]
    assert time.monotonic() - started < 1.0


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/to-127-0-0-2", "redirect to 127.0.0.2 is a loopback address"),
        ("/to-127-0-0-3", "redirect to 127.0.0.3 is a loopback address"),
        ("/to-metadata", "redirect to 169.254.169.254 is a cloud metadata address"),
        ("/to-10", "redirect to 10.0.0.1 is a private address"),
        ("/to-192-168", "redirect to 192.168.1.1 is a private address"),
        ("/to-ipv6-loopback", "redirect to ::1 is a loopback address"),
        ("/to-mapped", "redirect to ::ffff:127.0.0.2 is a loopback address"),
        ("/to-zero", "redirect to 0.0.0.0 is an unspecified address"),
        ("/to-decimal", "redirect to 2130706434 resolves to 127.0.0.2, a loopback address"),
    ],
)
def test_redirects_to_internal_addresses_are_refused(
    server: str, traps: list[str], path: str, reason: str
) -> None:
    result = resolve(f"{server}{path}", timeout=1.0, policy=LOCAL)
    assert not result.ok
    assert result.error == f"refused: {reason}"
    assert result.hops == 1
    assert traps == []  # nothing was ever sent there


def test_a_name_is_checked_after_it_is_looked_up(server: str, traps: list[str]) -> None:
    def lookup(host: str, port: int, timeout: float) -> list:
        if host == "intranet.test":
            return [ipaddress.ip_address("10.20.30.40")]
        return system_lookup(host, port, timeout)

    result = resolve(f"{server}/to-name", timeout=1.0, policy=LOCAL, lookup=lookup)
    assert (
        result.error
        == "refused: redirect to intranet.test resolves to 10.20.30.40, a private address"
    )


def test_the_default_policy_refuses_loopback(server: str) -> None:
    seen = len(SEEN_HOSTS)
    result = resolve(f"{server}/whoami", timeout=1.0)
    assert result.error == "refused: 127.0.0.1 is a loopback address"
    assert len(SEEN_HOSTS) == seen  # no request was made


def test_the_connection_goes_to_the_address_that_was_checked(server: str) -> None:
    """A second DNS answer (rebinding) cannot differ: the name is looked up once a hop and
    the connection made to the vetted address, with the name kept for the Host header."""
    port = server.rsplit(":", 1)[1]
    answers = [[ipaddress.ip_address("127.0.0.1")], [ipaddress.ip_address("10.0.0.9")]]
    calls: list[str] = []

    def lookup(host: str, port_: int, timeout: float) -> list:
        calls.append(host)
        return answers[len(calls) - 1]

    result = resolve(f"http://rebind.test:{port}/whoami", timeout=1.0, policy=LOCAL, lookup=lookup)
    assert result.ok and result.title == "who"
    assert calls == ["rebind.test"]
    assert SEEN_HOSTS[-1] == f"rebind.test:{port}"


def test_a_slow_name_lookup_is_held_to_the_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(*args: object, **kwargs: object) -> list:
        time.sleep(1.0)
        return []

    monkeypatch.setattr(resolve_module.socket, "getaddrinfo", slow)
    started = time.monotonic()
    result = resolve("http://slow-dns.test/x", timeout=0.2)
    assert result.error == "timed out" and time.monotonic() - started < 0.6


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("8.8.8.8", None),
        ("2606:4700:4700::1111", None),
        ("127.0.0.1", "a loopback address"),
        ("127.255.255.254", "a loopback address"),
        ("::1", "a loopback address"),
        ("10.1.2.3", "a private address"),
        ("172.16.0.1", "a private address"),
        ("192.168.0.1", "a private address"),
        ("fc00::1", "a private address"),
        ("169.254.1.1", "a link-local address"),
        ("fe80::1", "a link-local address"),
        ("169.254.169.254", "a cloud metadata address"),
        ("fd00:ec2::254", "a cloud metadata address"),
        ("100.100.100.200", "a cloud metadata address"),
        ("100.64.0.1", "not a public address"),
        ("0.0.0.0", "an unspecified address"),
        ("224.0.0.1", "a multicast address"),
        ("::ffff:10.0.0.1", "a private address"),
        ("64:ff9b::a00:1", "a private address"),
        ("2002:7f00:1::", "a loopback address"),
        ("240.0.0.1", "a private address"),
    ],
)
def test_public_only(address: str, reason: str | None) -> None:
    assert public_only(ipaddress.ip_address(address)) == reason


# --- the check with a local "shortener" ------------------------------------------------


def run_check(text: str, server: str) -> list[tuple[str, str, dict]]:
    settings = settings_for(AGENCY, resolve_links=True)
    catalog = load_catalog()
    ctx = CheckContext(
        ruleset=load_pack("default", catalog),
        wanted=frozenset({"SM501", "SM502", "SM503", "SM504", "SM505"}),
    )
    post = Post(path="p.md", source=text, text=text, published=text, mode="personal")
    analysis = Analysis(post, Resources(settings))
    hits = check_links(
        analysis, ctx, shorteners={"127.0.0.1"}, resolve=Resolver(timeout=0.5, policy=LOCAL)
    )
    return [(h.code, text[h.start : h.end], dict(h.detail)) for h in hits]


def test_shortened_link_to_relevant_page(server: str) -> None:
    link = f"{server}/short"
    found = run_check(f"Sign up here: {link}", server)
    assert [(code, span) for code, span, _ in found] == [("SM505", link), ("SM502", link)]
    detail = found[-1][2]
    assert detail["resolved"] == "ok" and detail["final_host"] == "127.0.0.1"


def test_shortened_link_to_off_topic_page(server: str) -> None:
    link = f"{server}/pets"
    found = run_check(f"You have to see this {link}", server)
    codes = [code for code, _, _ in found]
    assert "SM501" in codes and "SM502" in codes
    assert "SM503" not in codes


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/gone", "HTTP 404"),
        ("/loop", "redirect loop"),
        ("/to-metadata", "refused: redirect to 169.254.169.254 is a cloud metadata address"),
    ],
)
def test_unreachable_shortened_link_is_reported_on_sm502(
    server: str, path: str, reason: str
) -> None:
    link = f"{server}{path}"
    found = run_check(f"Jobs: {link}", server)
    sm502 = [detail for code, _, detail in found if code == "SM502"]
    assert sm502 == [{"host": "127.0.0.1", "resolved": "unreachable", "reason": reason}]
    assert "SM501" not in [code for code, _, _ in found]


def test_resolve_links_setting_wires_the_resolver(monkeypatch: pytest.MonkeyPatch) -> None:
    """With resolve-links on, the linter follows shortened links (faked: no network here)."""
    seen: list[str] = []

    def fake(url: str, **_kwargs: object) -> Resolution:
        seen.append(url)
        return Resolution(url=url, final_url="https://prairiejobs.org/fair", status=200)

    monkeypatch.setattr(resolve_module, "resolve", fake)
    text = "Job fair sign-up: bit.ly/fair26"
    findings = lint(text, mode="personal", agency=AGENCY, resolve_links=True)
    sm502 = [f for f in findings if f.code == "SM502"]
    assert seen == ["https://bit.ly/fair26"]
    assert len(sm502) == 1 and sm502[0].detail["final_host"] == "prairiejobs.org"
    assert "prairiejobs.org" in sm502[0].message
    off = lint(text, mode="personal", agency=AGENCY)
    assert "resolved" not in next(f for f in off if f.code == "SM502").detail
