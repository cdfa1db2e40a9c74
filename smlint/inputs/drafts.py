"""Draft files and standard input → posts, one post a file.

Bad input becomes a ``Problem`` for that file; the other files are still linted.
"""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from smlint.inputs.markdown import DraftError, disabled_ranges, scope
from smlint.models import MODES, PLATFORMS, Post, Problem

DRAFT_SUFFIXES = (".txt", ".md", ".markdown")
SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox"}


@dataclass(frozen=True, kw_only=True)
class DraftDefaults:
    mode: str
    platform: str
    policy: str | None = None


def excluded(path: Path, patterns: tuple[str, ...]) -> bool:
    return _excluded(path, patterns)


def _excluded(path: Path, patterns: tuple[str, ...]) -> bool:
    """Whether a pattern matches the path, its name, or one of the folders it is in (so
    ``drafts/archive`` also excludes ``drafts/archive/old.md``)."""
    if not patterns:
        return False
    parts = Path(os.path.normpath(path)).as_posix().split("/")
    candidates = {"/".join(parts[: i + 1]) for i in range(len(parts))}
    candidates.update(parts)
    return any(fnmatch.fnmatch(c, p.rstrip("/")) for c in candidates for p in patterns)


def discover(
    paths: Iterable[str], exclude: tuple[str, ...] = (), *, force_exclude: bool = False
) -> Iterator[str | Problem]:
    """Yield file paths to lint (``-`` for stdin), or a Problem for each unusable path.

    Directories are walked recursively for draft files in a stable order, skipping what
    ``exclude`` matches; a file named explicitly is linted whatever its suffix, and even
    when excluded unless ``force_exclude`` (ruff's ``--force-exclude``: pre-commit names
    every staged file).
    """
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if force_exclude and _excluded(path, exclude):
            continue
        if path.is_dir():
            found = False
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(
                    d for d in dirs if d not in SKIP_DIRS and not _excluded(Path(root, d), exclude)
                )
                for name in sorted(files):
                    candidate = Path(root, name)
                    if name.lower().endswith(DRAFT_SUFFIXES):
                        found = True  # a folder of excluded drafts is not a mistake
                        if not _excluded(candidate, exclude):
                            yield str(candidate)
            if not found:
                yield Problem(path=raw, message="no drafts (.txt, .md) found in this directory")
        elif path.is_file():
            yield raw
        elif path.exists():
            yield Problem(path=raw, message="not a regular file")
        else:
            yield Problem(path=raw, message="no such file or directory")


MAX_DRAFT_BYTES = 1 << 20  # 1 MiB: far above any platform's limit (Facebook: 63,206 chars)


def decode(data: bytes) -> str:
    """UTF-8 with or without BOM, or UTF-16 with its BOM; raises ValueError with a readable
    reason (a bad byte is placed at its line and column)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ValueError("not valid UTF-16 (it starts with a UTF-16 byte-order mark)") from None
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (contains NUL bytes), not a text draft")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", "replace")) + 1
        raise ValueError(
            f"not valid UTF-8 at {line}:{column} (byte 0x{bad}); save it as UTF-8"
        ) from None


def _size_error(size: int, limit: int) -> str:
    return (
        f"draft is {size / (1 << 20):.1f} MiB, over the {limit / (1 << 20):g} MiB limit for one"
        " draft (max-draft-size); a post is never that long: is this the right file?"
    )


def make_post(
    display: str, source: str, defaults: DraftDefaults, *, markdown: bool, honour_inline: bool
) -> Post:
    """Scope a draft's text into a Post; front matter overrides mode/platform/policy."""
    scoped = scope(source, markdown)
    front = scoped.front_matter
    mode = front.get("mode", defaults.mode)
    platform = front.get("platform", defaults.platform).lower()
    if mode not in MODES:
        raise DraftError(f"front matter mode {mode!r} is not one of {', '.join(MODES)}")
    if platform not in PLATFORMS:
        raise DraftError(f"front matter platform {platform!r} is not one of {', '.join(PLATFORMS)}")
    return Post(
        path=display,
        source=source,
        text=scoped.text,
        published=scoped.published,
        mode=mode,
        platform=platform,
        policy=front.get("policy", defaults.policy),
        markdown=markdown,
        disabled=disabled_ranges(scoped.directives, source) if honour_inline else (),
    )


def read_drafts(
    targets: Iterable[str | Problem],
    defaults: DraftDefaults,
    *,
    stdin_name: str = "stdin",
    honour_inline: bool = True,
    max_bytes: int = MAX_DRAFT_BYTES,
    defaults_for: Callable[[str], DraftDefaults | None] | None = None,
) -> Iterator[Post | Problem]:
    """Posts of the targets; ``defaults_for`` gives a file its own defaults (its nearest
    config), or None when that config excludes it."""
    for target in targets:
        if isinstance(target, Problem):
            yield target
            continue
        display = stdin_name if target == "-" else target
        own = defaults
        if defaults_for is not None and target != "-":
            found = defaults_for(target)
            if found is None:
                continue
            own = found
        try:
            if target == "-":
                data = sys.stdin.buffer.read(max_bytes + 1)
                if len(data) > max_bytes:
                    yield Problem(path=display, message=_size_error(len(data), max_bytes))
                    continue
            else:
                size = os.stat(target).st_size
                if size > max_bytes:  # one clear error instead of minutes of NLP
                    yield Problem(path=display, message=_size_error(size, max_bytes))
                    continue
                data = Path(target).read_bytes()
            source = decode(data)
            markdown = display.lower().endswith((".md", ".markdown")) or target == "-"
            yield make_post(display, source, own, markdown=markdown, honour_inline=honour_inline)
        except OSError as exc:
            yield Problem(path=display, message=f"cannot read file ({exc.strerror})")
        except (ValueError, DraftError) as exc:
            yield Problem(path=display, message=str(exc))
