"""--resolve-links: following shortened links against a local HTTP server (never outside)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from conftest import lint, settings_for

from smlint import resolve as resolve_module
from smlint.analysis import Analysis, Resources
from smlint.checks.base import CheckContext
from smlint.checks.links import check_links
from smlint.models import Post
from smlint.resolve import Resolution, Resolver, resolve
from smlint.ruledata.catalog import load_catalog
from smlint.ruledata.packs import load_pack

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
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path in REDIRECTS:
            self.send_response(302 if self.path != "/short" else 301)
            self.send_header("Location", REDIRECTS[self.path])
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path in PAGES:
            body = PAGES[self.path].encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/slow":
            time.sleep(SLOW_SECONDS)
            self.send_response(200)
            self.end_headers()
        else:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

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
    result = resolve(f"{server}/short", timeout=1.0)
    assert result.ok
    assert result.final_url == f"{server}/final"
    assert result.title == "Spring Job Fair & Hiring Event"
    assert result.hops == 2 and result.status == 200


def test_not_found(server: str) -> None:
    result = resolve(f"{server}/gone", timeout=1.0)
    assert not result.ok and result.error == "HTTP 404"


def test_timeout(server: str) -> None:
    result = resolve(f"{server}/slow", timeout=0.3)
    assert not result.ok and result.error == "timed out"


def test_redirect_loop(server: str) -> None:
    result = resolve(f"{server}/loop", timeout=1.0)
    assert not result.ok and result.error == "redirect loop"


def test_too_many_redirects(server: str) -> None:
    result = resolve(f"{server}/short", timeout=1.0, max_redirects=1)
    assert not result.ok and result.error == "too many redirects"


def test_size_cap(server: str) -> None:
    result = resolve(f"{server}/big", timeout=1.0, max_bytes=4096)
    assert result.ok and result.title is None


def test_refused_connection() -> None:
    result = resolve("http://127.0.0.1:9/x", timeout=0.5)
    assert not result.ok and result.error.startswith("connection failed")


def test_resolver_fetches_each_link_once(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = resolve_module.resolve

    def counting(url: str, **kwargs: object) -> Resolution:
        calls.append(url)
        return real(url, **kwargs)

    monkeypatch.setattr(resolve_module, "resolve", counting)
    resolver = Resolver(timeout=1.0)
    assert resolver(f"{server}/short") is resolver(f"{server}/short")
    assert calls == [f"{server}/short"]


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
    hits = check_links(analysis, ctx, shorteners={"127.0.0.1"}, resolve=Resolver(timeout=0.5))
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


@pytest.mark.parametrize(("path", "reason"), [("/gone", "HTTP 404"), ("/loop", "redirect loop")])
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
