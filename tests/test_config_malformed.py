"""Config files that are TOML but not the shape smlint reads, or not UTF-8: a ConfigError
naming the file and the key (one line, exit status 2), never an internal error."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write

from smlint.config import ConfigError, find_config, load_settings


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ("tool = 1\n", "tool: expected a table"),
        ('tool = "smlint"\n', "tool: expected a table"),
        ("[tool]\nsmlint = 3\n", "tool.smlint: expected a table"),
        ('[tool]\nsmlint = ["policy"]\n', "tool.smlint: expected a table"),
    ],
)
def test_pyproject_tool_not_a_table(isolated: Path, toml: str, key: str) -> None:
    path = write(isolated, "pyproject.toml", toml)
    assert find_config(isolated) == path  # found and reported, not skipped
    with pytest.raises(ConfigError) as info:
        load_settings()
    assert str(info.value) == f"{path}: {key} ([tool.smlint])"


def test_pyproject_tool_not_a_table_on_the_cli(isolated: Path, cli) -> None:
    path = write(isolated, "pyproject.toml", "tool = 1\n")
    write(isolated, "post.txt", "Hello.\n")
    for command in ("check", "scan"):
        result = cli(command, "post.txt")
        assert result.status == 2
        assert result.err == f"smlint: error: {path}: tool: expected a table ([tool.smlint])\n"


@pytest.mark.parametrize("name", [".smlint.toml", "pyproject.toml"])
def test_config_not_utf8(isolated: Path, cli, name: str) -> None:
    body = b'policy = "caf\xe9"\n'
    if name == "pyproject.toml":
        body = b"[tool.smlint]\n" + body
    path = write(isolated, name, body)
    offset = body.index(b"\xe9")
    with pytest.raises(ConfigError) as info:
        load_settings()  # found upward: a pyproject.toml that is not UTF-8 is not skipped
    assert str(info.value) == (
        f"{path}: not valid UTF-8 (byte 0xe9 at offset {offset}); save it as UTF-8"
    )
    write(isolated, "post.txt", "Hello.\n")
    result = cli("check", "post.txt", "--config", str(path))
    assert result.status == 2 and result.err.count("\n") == 1 and str(path) in result.err


def test_unrelated_pyproject_still_skipped(isolated: Path) -> None:
    write(isolated, "pyproject.toml", '[tool.black]\nline-length = 99\n[project]\nname = "x"\n')
    assert find_config(isolated) is None
