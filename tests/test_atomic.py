"""Report, -o and baseline files are written atomically and a failed write names its path."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_smlint, write

from smlint.atomic import atomic_open
from smlint.errors import UserError


def test_an_interrupted_write_leaves_the_previous_file(isolated: Path) -> None:
    target = isolated / "out.json"
    target.write_text("previous", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), atomic_open(target) as handle:
        handle.write("half a rep")
        raise KeyboardInterrupt
    assert target.read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in isolated.iterdir()) == ["out.json"]


def test_a_complete_write_replaces_the_file(isolated: Path) -> None:
    target = isolated / "out.json"
    target.write_text("previous", encoding="utf-8")
    with atomic_open(target) as handle:
        handle.write("new")
    assert target.read_text(encoding="utf-8") == "new"


def test_a_missing_folder_is_a_user_error_naming_the_path(isolated: Path) -> None:
    with (
        pytest.raises(UserError, match=r"nowhere/out\.json"),
        atomic_open(isolated / "nowhere/out.json"),
    ):
        pass


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_output_to_a_missing_folder_or_a_full_device_names_the_path(
    isolated: Path, cli, option: str
) -> None:
    write(isolated, "p.md", "A #snowemergency\n")
    for target in ("nowhere/out.json", "/dev/full"):
        result = cli("check", "p.md", "--select", "SM702", option, target)
        assert result.status == 2, (target, result.err)
        (line,) = result.err.splitlines()
        assert target in line and "internal error" not in line


def test_html_report_to_a_missing_folder_names_the_path(isolated: Path, cli) -> None:
    write(isolated, "posts.csv", "id,text\n1,hello\n")
    result = cli("scan", "posts.csv", "--report", "nowhere/r.html", "-q")
    assert result.status == 2 and "nowhere/r.html" in result.err


def test_stderr_on_a_full_device_is_exit_2(isolated: Path) -> None:
    with open("/dev/full", "w") as full:
        import subprocess
        import sys

        proc = subprocess.run(
            [sys.executable, "-m", "smlint", "check", "missing-file"],
            stderr=full,
            stdout=subprocess.DEVNULL,
            check=False,
            timeout=120,
        )
    assert proc.returncode == 2
    assert run_smlint("check", "missing-file").returncode == 2
