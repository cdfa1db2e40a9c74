"""The pre-commit hook, run for real: ``pre-commit try-repo`` against a committed copy of this
repository, in a temporary git repository with a staged draft."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, copy_source_tree, write

pytestmark = pytest.mark.slow

CLEAN = (
    "Looking for work? Meet more than 40 employers at the Spring #JobFair on Thursday, "
    "10 a.m. to 2 p.m., at the Casper Workforce Center.\n\n"
    "— Dana Whitfield, Workforce Specialist\n"
)
TOO_LONG = "---\nplatform: x\n---\n" + "The workforce center is open late on Thursday. " * 9


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(
        PRE_COMMIT_HOME=str(home),
        PRE_COMMIT_COLOR="never",
        GIT_AUTHOR_NAME="smlint tests",
        GIT_AUTHOR_EMAIL="tests@example.invalid",
        GIT_COMMITTER_NAME="smlint tests",
        GIT_COMMITTER_EMAIL="tests@example.invalid",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
    )
    return env


def _git(cwd: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def test_hooks_manifest_is_valid() -> None:
    from pre_commit.clientlib import load_manifest

    hooks = {hook["id"]: hook for hook in load_manifest(REPO / ".pre-commit-hooks.yaml")}
    assert set(hooks) == {"smlint", "smlint-scan"}
    assert hooks["smlint"]["entry"] == "smlint check --force-exclude"
    assert hooks["smlint"]["language"] == "python"
    assert hooks["smlint"]["types_or"] == ["markdown", "plain-text"]
    import re as _re

    drafts = _re.compile(hooks["smlint"]["files"])
    repo_docs = _re.compile(hooks["smlint"]["exclude"])
    for name in ("drafts/thursday.md", "notes.txt", "posts/readme-plan.md"):
        assert drafts.search(name) and not repo_docs.search(name), name
    for name in ("README.md", "docs/CHANGELOG.md", "requirements-dev.txt", "LICENSE.txt"):
        assert repo_docs.search(name), name
    assert hooks["smlint-scan"]["entry"] == "smlint scan"
    import re

    pattern = re.compile(hooks["smlint-scan"]["files"])
    for name in ("export.csv", "exports/posts.json", "a/b.jsonl", "data/tweets.js"):
        assert pattern.search(name), name
    for name in ("post.md", "notes.txt", "app.js", "posts.json.md"):
        assert not pattern.search(name), name
    raw = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert all(hook["require_serial"] is True for hook in raw)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A committed copy of the working tree (uncommitted and new files included), and an
    environment whose PRE_COMMIT_HOME is shared so the hook's env is built once."""
    base = tmp_path_factory.mktemp("precommit")
    env = _env(base / "pre-commit-home")
    repo = copy_source_tree(base / "smlint-repo")
    _git(repo, env, "init", "-q")
    _git(repo, env, "add", "-A")
    _git(repo, env, "commit", "-q", "-m", "smlint under test")
    return repo, env


def _try_repo(hook_repo: tuple[Path, dict[str, str]], tmp_path: Path, name: str, text: str):
    repo, env = hook_repo
    target = tmp_path / "drafts-repo"
    target.mkdir()
    _git(target, env, "init", "-q")
    # a team's config: info and warnings are advice, errors block the commit
    write(target, ".smlint.toml", 'fail-on = "error"\n')
    write(target, name, text)
    _git(target, env, "add", ".smlint.toml", name)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", repo, "smlint", "--files", name],
        cwd=target,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )


def test_hook_fails_on_a_staged_draft_with_a_finding(hook_repo, tmp_path: Path) -> None:
    proc = _try_repo(hook_repo, tmp_path, "drafts/thursday.md", TOO_LONG)
    assert proc.returncode == 1, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "smlint" in proc.stdout and "Failed" in proc.stdout
    assert "drafts/thursday.md:4:1: SM701 Post is" in proc.stdout


def test_hook_passes_on_a_clean_draft(hook_repo, tmp_path: Path) -> None:
    proc = _try_repo(hook_repo, tmp_path, "drafts/jobfair.txt", CLEAN)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "Passed" in proc.stdout


def test_hook_skips_repository_documents_and_excluded_drafts(hook_repo, tmp_path: Path) -> None:
    """README.md and requirements.txt are not drafts; .smlint.toml's exclude applies to the
    files pre-commit names (--force-exclude); a draft with a finding still fails."""
    repo, env = hook_repo
    target = tmp_path / "drafts-repo"
    target.mkdir()
    _git(target, env, "init", "-q")
    write(target, ".smlint.toml", 'fail-on = "error"\nexclude = ["drafts/archive"]\n')
    write(target, "README.md", TOO_LONG)
    write(target, "requirements.txt", "requests==2.32.0\n")
    write(target, "drafts/archive/old.md", TOO_LONG)
    write(target, "drafts/new.md", TOO_LONG)
    names = ["README.md", "requirements.txt", "drafts/archive/old.md", "drafts/new.md"]
    _git(target, env, "add", ".smlint.toml", *names)
    proc = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", repo, "smlint", "--files", *names],
        cwd=target,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert proc.returncode == 1, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "drafts/new.md:4:1: SM701" in proc.stdout
    for skipped in ("README.md:", "requirements.txt:", "drafts/archive/old.md:"):
        assert skipped not in proc.stdout, proc.stdout[-3000:]
