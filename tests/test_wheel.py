"""The wheel: it carries the rule catalog, lexicons and policy packs, installs into a fresh
virtual environment, and works there away from the source checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, copy_source_tree, write

pytestmark = pytest.mark.slow

PACKS = ["all", "default", "madison", "milwaukee", "wi-dma", "wi-hr", "wy-dws"]
LONG_X = "---\nplatform: x\n---\n" + "The workforce center is open late on Thursday. " * 9 + "\n"


def _env() -> dict[str, str]:
    """The environment without this checkout on the path."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build from a copy of the tree so no build output lands in the checkout."""
    source = copy_source_tree(tmp_path_factory.mktemp("source"))
    dist = tmp_path_factory.mktemp("dist")
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", dist, source],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    (built,) = dist.glob("smlint-*.whl")
    return built


def test_wheel_contains_package_data(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        scripts = archive.read(entry_points).decode("utf-8")
    for pack in PACKS:
        assert f"smlint/rules/packs/{pack}.yaml" in names
    for path in sorted((REPO / "rules").rglob("*")):
        if path.is_file():
            assert f"smlint/rules/{path.relative_to(REPO / 'rules').as_posix()}" in names
    assert "smlint/cli.py" in names and "smlint/reporters/sarif.py" in names
    assert not any(n.startswith(("tests/", "fixtures/")) or "__pycache__" in n for n in names)
    assert "smlint = smlint.cli:main" in scripts


def test_installed_wheel_runs_in_a_fresh_venv(
    wheel: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", venv], check=True, timeout=300)
    python = venv / "bin" / "python"
    # Python 3.12+ venvs, virtualenv and pre-commit environments have no setuptools; neither
    # may this one, so a dependency on pkg_resources that nobody declared shows up here.
    subprocess.run(
        [python, "-m", "pip", "uninstall", "--quiet", "--yes", "setuptools"],
        capture_output=True,
        env=_env(),
        check=False,
    )
    install = subprocess.run(
        [python, "-m", "pip", "install", "--quiet", wheel],
        capture_output=True,
        text=True,
        timeout=1800,
        env=_env(),
        check=False,
    )
    assert install.returncode == 0, install.stderr[-3000:]

    outside = tmp_path_factory.mktemp("elsewhere")  # no checkout, no config upward
    smlint = venv / "bin" / "smlint"

    def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [smlint, *map(str, args)],
            cwd=outside,
            capture_output=True,
            text=True,
            timeout=300,
            env=_env(),
            check=False,
        )

    where = subprocess.run(
        [python, "-c", "from smlint.ruledata.files import rules_dir; print(rules_dir())"],
        cwd=outside,
        capture_output=True,
        text=True,
        env=_env(),
        check=True,
    )
    rules_dir = Path(where.stdout.strip())
    assert rules_dir.is_relative_to(venv), f"rules loaded from {rules_dir}, not the wheel"

    policies = run("policies")
    assert policies.returncode == 0, policies.stderr
    assert [line.split()[0] for line in policies.stdout.splitlines()[1:]] == PACKS

    draft = write(outside, "drafts/long.md", LONG_X)
    result = run("check", draft, "--format", "json")
    assert result.returncode == 1, result.stderr
    assert '"code": "SM701"' in result.stdout
    assert all(line.startswith("smlint: not running") for line in result.stderr.splitlines())

    rule = run("rule", "SM701")
    assert rule.returncode == 0 and "wi-dma" in rule.stdout
