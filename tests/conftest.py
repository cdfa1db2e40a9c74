"""Shared fixtures: an isolated working directory, the CLI run in-process, the Python API."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from smlint.cli import main
from smlint.config import Agency, Settings
from smlint.engine.build import linter_for as build_linter
from smlint.inputs.drafts import DraftDefaults, make_post
from smlint.models import Finding

# Derived state (smlint.cache) goes to a folder of the test session, not the user's cache.
os.environ.setdefault("SMLINT_CACHE_DIR", tempfile.mkdtemp(prefix="smlint-test-cache-"))

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
FIXTURES = REPO / "fixtures"


def shared_path(*parts: str) -> Path:
    """A file in ../shared; skip the test (with the reason) where that folder is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not found: the shared folder is not beside this checkout")
    return path


@dataclass
class Result:
    status: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test runs in an empty folder (no config found upward) with no CI variables."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    for name in ("GITHUB_STEP_SUMMARY", "NO_COLOR", "SMLINT_BASELINE_KEY", "SMLINT_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    yield work


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run ``smlint`` in-process through ``main(argv)``; returns status, stdout, stderr."""

    def run(*argv: str | os.PathLike[str]) -> Result:
        capsys.readouterr()
        status = main([str(a) for a in argv])
        captured = capsys.readouterr()
        return Result(status, captured.out, captured.err)

    return run


def run_smlint(
    *argv: str, cwd: Path | None = None, stdin: str | bytes | None = None, env: dict | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m smlint`` in a subprocess (for stdin, TTY and import checks)."""
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    proc = subprocess.run(
        [sys.executable, "-m", "smlint", *argv],
        cwd=cwd,
        input=data,
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )
    return subprocess.CompletedProcess(
        proc.args,
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )


def settings_for(agency: dict | None = None, **values: object) -> Settings:
    """Settings for API tests: the blank NLP pipeline and an [agency] table as in TOML."""
    fields = {
        key.replace("-", "_"): (value if key == "name" else tuple(value))
        for key, value in (agency or {}).items()
    }
    return replace(Settings(), nlp_model="none", agency=Agency(**fields), **values)


_LINTERS: dict[tuple, object] = {}


def lint(
    text: str,
    *,
    platform: str = "none",
    mode: str = "official",
    markdown: bool = False,
    policy: str = "all",
    agency: dict | None = None,
    path: str = "post.md",
    **settings: object,
) -> list[Finding]:
    """Lint one text through the Python API (linters are cached per settings)."""
    key = (policy, repr(sorted((agency or {}).items())), repr(sorted(settings.items())))
    linter = _LINTERS.get(key)
    if linter is None:
        linter = _LINTERS[key] = build_linter(settings_for(agency, policy=policy, **settings))
    post = make_post(
        path,
        text,
        DraftDefaults(mode=mode, platform=platform),
        markdown=markdown,
        honour_inline=True,
    )
    result = linter.lint(post)  # type: ignore[attr-defined]
    assert not result.problems, result.problems
    return result.findings


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_bytes(text.encode("utf-8"))
    return path


def copy_source_tree(dest: Path) -> Path:
    """Copy what a build needs (package, rules, metadata, hooks) without caches or venvs."""
    import shutil

    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("smlint", "rules"):
        shutil.copytree(REPO / folder, dest / folder, ignore=ignore)
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        if (REPO / name).exists():
            shutil.copy2(REPO / name, dest / name)
    return dest
