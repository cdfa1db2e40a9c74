"""Reading drafts: discovery, encodings, standard input, and bad input that hides nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_smlint, write

from smlint.inputs.drafts import decode, discover
from smlint.models import Problem

TAGGED = "Plows are out. #snowemergency\n"  # SM702 at 1:16


def test_directories_are_walked_recursively_in_order(isolated: Path) -> None:
    write(isolated, "d/b.txt", "x")
    write(isolated, "d/a.md", "x")
    write(isolated, "d/sub/c.markdown", "x")
    write(isolated, "d/sub/deeper/d.TXT", "x")
    write(isolated, "d/notes.csv", "x")
    write(isolated, "d/.git/e.txt", "x")
    write(isolated, "d/node_modules/f.md", "x")
    found = [Path(p).relative_to("d").as_posix() for p in discover(["d"])]
    assert found == ["a.md", "b.txt", "sub/c.markdown", "sub/deeper/d.TXT"]


def test_a_file_named_explicitly_is_linted_whatever_its_suffix(isolated: Path, cli) -> None:
    write(isolated, "draft.post", TAGGED)
    result = cli("check", "draft.post", "--select", "SM702")
    assert result.out == (
        "draft.post:1:16: SM702 [*] Hashtag #snowemergency is several words; write it in "
        "CamelCase: #SnowEmergency (info)\n"
    )


def test_exclude_patterns_from_config(isolated: Path, cli) -> None:
    write(isolated, ".smlint.toml", 'exclude = ["drafts/archive", "*.draft.md"]\n')
    write(isolated, "drafts/now.md", TAGGED)
    write(isolated, "drafts/wip.draft.md", TAGGED)
    write(isolated, "drafts/archive/old.md", TAGGED)
    result = cli("check", "drafts", "-q")
    assert result.out == "drafts/now.md\n"


def test_force_exclude_applies_exclude_to_files_named_explicitly(isolated: Path, cli) -> None:
    write(isolated, ".smlint.toml", 'exclude = ["README.md", "drafts/archive"]\n')
    write(isolated, "README.md", TAGGED)
    write(isolated, "drafts/archive/old.md", TAGGED)
    write(isolated, "drafts/now.md", TAGGED)
    names = ("README.md", "drafts/archive/old.md", "drafts/now.md")
    assert cli("check", *names, "-q").out == "README.md\ndrafts/archive/old.md\ndrafts/now.md\n"
    assert cli("check", *names, "-q", "--force-exclude").out == "drafts/now.md\n"
    extended = cli("check", "drafts", "-q", "--extend-exclude", "now.md")
    assert (extended.status, extended.out) == (0, "")


def test_extend_exclude_and_force_exclude_from_config(isolated: Path, cli) -> None:
    write(isolated, ".smlint.toml", 'extend-exclude = ["*.wip.md"]\nforce-exclude = true\n')
    write(isolated, "a.wip.md", TAGGED)
    write(isolated, "b.md", TAGGED)
    assert cli("check", "a.wip.md", "b.md", "-q").out == "b.md\n"


def test_utf8_bom_is_not_part_of_the_text(isolated: Path, cli) -> None:
    write(isolated, "bom.txt", "\ufeff" + TAGGED)
    result = cli("check", "bom.txt", "--select", "SM702")
    assert result.out.startswith("bom.txt:1:16: SM702")


def test_decode_errors() -> None:
    assert decode(b"\xef\xbb\xbfhi") == "hi"
    with pytest.raises(ValueError, match="binary"):
        decode(b"PK\x03\x04\x00\x00")
    with pytest.raises(ValueError, match=r"not valid UTF-8 at 1:4 \(byte 0xff\)"):
        decode(b"abc\xffdef")
    with pytest.raises(ValueError, match=r"not valid UTF-8 at 2:9 \(byte 0xe9\)"):
        decode("Hello\nCaf\u00e9 ".encode() + b"Caf\xe9")  # column in characters
    assert decode("Plows \u00e9\n".encode("utf-16")) == "Plows \u00e9\n"  # BOM, either order
    assert decode("Plows\n".encode("utf-16-be").join([b"\xfe\xff", b""])) == "Plows\n"


def test_empty_file_is_clean_not_an_error(isolated: Path, cli) -> None:
    write(isolated, "empty.md", "")
    write(isolated, "blank.txt", "\n\n  \n")
    result = cli("check", "empty.md", "blank.txt", "--platform", "x")
    assert (result.status, result.out) == (0, "")
    assert "error" not in result.err  # (a notice about missing agency data may be there)


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("missing.md", None, "missing.md: no such file or directory"),
        ("emptydir", "DIR", "emptydir: no drafts (.txt, .md) found in this directory"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image.txt: binary file"),
        ("latin1.txt", "Caf\xe9 opens".encode("latin-1"), "latin1.txt: not valid UTF-8"),
        ("front.md", "---\nplatform: [x\n---\nHi\n", "front.md: invalid YAML front matter"),
        ("plat.md", "---\nplatform: myspace\n---\nHi\n", "front matter platform 'myspace'"),
        ("pol.md", "---\npolicy: nowhere\n---\nHi\n", "pol.md: unknown policy 'nowhere'"),
    ],
)
def test_bad_input_is_reported_and_other_files_are_still_linted(
    isolated: Path, cli, name: str, content: str | bytes | None, needle: str
) -> None:
    if content == "DIR":
        (isolated / name).mkdir()
    elif content is not None:
        write(isolated, name, content)
    write(isolated, "good.md", TAGGED)
    result = cli("check", name, "good.md", "--select", "SM702")
    assert result.status == 2
    assert result.out.startswith("good.md:1:16: SM702"), "other files' findings are kept"
    assert result.err.count("\n") == 1, result.err
    assert needle in result.err
    assert result.err.startswith("smlint: error: ")
    assert "Traceback" not in result.err


def test_exit_zero_still_exits_2_on_bad_input(isolated: Path, cli) -> None:
    write(isolated, "good.md", TAGGED)
    result = cli("check", "missing.md", "good.md", "--exit-zero")
    assert result.status == 2
    assert "SM702" in result.out


def test_discover_reports_problems_in_order(isolated: Path) -> None:
    write(isolated, "a.txt", "x")
    items = list(discover(["a.txt", "nope.txt"]))
    assert items[0] == "a.txt"
    assert isinstance(items[1], Problem) and items[1].path == "nope.txt"


def test_stdin_with_display_name(isolated: Path) -> None:
    proc = run_smlint(
        "check",
        "-",
        "--stdin-display-name",
        "drafts/tweet.md",
        "--select",
        "SM702",
        cwd=isolated,
        stdin="<!-- note -->\nPlows are out. #snowemergency\n",
    )
    assert proc.returncode == 0, proc.stderr  # SM702 is info, below --fail-on warning
    assert proc.stdout.startswith("drafts/tweet.md:2:16: SM702 ")
    assert proc.stderr == ""


def test_stdin_without_path_when_piped(isolated: Path) -> None:
    proc = run_smlint("check", "--select", "SM702", "--fail-on", "info", cwd=isolated, stdin=TAGGED)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith("stdin:1:16: SM702 ")


def test_stdin_bom_crlf_and_front_matter(isolated: Path) -> None:
    data = ("\ufeff---\r\nplatform: x\r\n---\r\n" + "Plows are out on every road. " * 12).encode()
    proc = run_smlint("check", "-", "--select", "SM701", cwd=isolated, stdin=data)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith("stdin:4:1: SM701 Post is 347 characters; X allows 280")


def test_stdin_invalid_utf8(isolated: Path) -> None:
    proc = run_smlint("check", "-", cwd=isolated, stdin=b"ok \xc3\x28 bad")
    assert proc.returncode == 2
    error = "smlint: error: stdin: not valid UTF-8 at 1:4 (byte 0xc3); save it as UTF-8"
    assert error in proc.stderr.splitlines()


def test_drafts_are_reported_by_path_once_whatever_the_argument_order(isolated: Path, cli) -> None:
    write(isolated, "b.md", TAGGED)
    write(isolated, "a.md", TAGGED)
    result = cli("check", "b.md", "nope.md", "a.md", "b.md", "--select", "SM702")
    assert [line.split(":")[0] for line in result.out.splitlines()] == ["a.md", "b.md"]
    assert result.err == "smlint: error: nope.md: no such file or directory\n"
    junit = cli("check", "b.md", "a.md", "--select", "SM702", "--format", "junit").out
    assert junit.index('name="a.md"') < junit.index('name="b.md"')  # as the report: by path


def test_utf16_draft_is_text(isolated: Path, cli) -> None:
    (isolated / "u16.txt").write_bytes(TAGGED.encode("utf-16"))
    result = cli("check", "u16.txt", "--select", "SM702")
    assert result.out.startswith("u16.txt:1:16: SM702")


def test_a_huge_draft_is_one_clear_error(isolated: Path, cli) -> None:
    write(isolated, "big.md", "Plows are out. " * 100_000)  # 1.5 MB
    write(isolated, "ok.md", TAGGED)
    result = cli("check", "big.md", "ok.md", "--select", "SM702")
    assert result.status == 2
    assert result.err.count("big.md") == 1
    assert "big.md: draft is 1.4 MiB, over the 1 MiB limit for one draft" in result.err
    assert "ok.md:1:16: SM702" in result.out
    write(isolated, ".smlint.toml", "max-draft-size = 4_000_000\n")
    assert cli("check", "big.md", "--select", "SM702").status == 0


def test_nothing_on_standard_input_is_a_usage_error(isolated: Path) -> None:
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "smlint", "check"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "nothing on standard input" in proc.stderr and "Traceback" not in proc.stderr
    piped = subprocess.run(
        [sys.executable, "-m", "smlint", "check", "--select", "SM702"],
        input=TAGGED,
        capture_output=True,
        text=True,
        check=False,
    )
    assert piped.stdout.startswith("stdin:1:16: SM702"), piped.stderr


def test_a_whole_post_finding_after_front_matter_is_placed_in_the_body() -> None:
    from conftest import lint

    text = "---\nplatform: x\n---\n" + "The workforce center is open late on Thursday. " * 9
    found = [f for f in lint(text, markdown=True, select=("SM701",))]
    assert [(f.code, f.row, f.column) for f in found] == [("SM701", 4, 1)]
