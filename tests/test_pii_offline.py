"""The PII stage is fully offline: a whole `smlint check` runs with every socket blocked."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from conftest import write

POST = (
    "Hi, we found claimant Rosa Delgado (SSN 521-44-9087). Email rosa.d88@gmail.com or call"
    " her cell 307-310-4477. Card 4111 1111 1111 1111. Site: https://example.com/help\n"
)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    attempts: list[str] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(repr(args[:2]))
        raise OSError("network access attempted during an offline test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


@pytest.mark.parametrize("model", ["none", "auto"])
def test_check_runs_with_sockets_blocked(
    cli,
    tmp_path: Path,
    no_network: list[str],
    model: str,  # type: ignore[no-untyped-def]
) -> None:
    post = write(tmp_path, "post.md", POST)
    result = cli("check", post, "--select", "SM1", "--format", "json", "--nlp-model", model)
    assert result.status == 1, result.err
    assert no_network == []
    found = {f["code"] for f in json.loads(result.out)}
    assert {"SM101", "SM102", "SM103", "SM105", "SM109"} <= found
    assert "internal error" not in result.err


def test_presidio_never_builds_its_default_nlp_engine(
    cli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("Presidio tried to build (and download) its default spaCy model")

    monkeypatch.setattr(NlpEngineProvider, "create_engine", forbidden)
    post = write(tmp_path, "post.md", POST)
    result = cli("check", post, "--select", "SM101", "--format", "json")
    assert result.status == 1, result.err
    assert [f["code"] for f in json.loads(result.out)] == ["SM101"]


def test_presidio_email_recognizer_never_fetches_suffix_list(no_network: list[str]) -> None:
    """Presidio's own email recognizer (used only for the comparison in the benchmark) calls
    tldextract, which would download the public suffix list; smlint disables that."""
    from smlint.pii.engine import default_presidio_engine

    engine = default_presidio_engine()
    results = engine.analyze("Write to jo.rivera88@gmail.com today", language="en")
    assert "EMAIL_ADDRESS" in {r.entity_type for r in results}
    assert no_network == []
