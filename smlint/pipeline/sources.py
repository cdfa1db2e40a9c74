"""Sources: where a run's posts come from. Each yields ``Post | Problem`` in report order.

- ``Drafts``: files, folders and standard input, one post a file, sorted by path as the
  report is (flake8 and ruff sort by file too); a file reached twice is linted once.
- ``Exports``: exported posts, file by file in the order given, each record turned into a
  ``Post`` here, once, with its row, date, URL and author as metadata.
- ``Posts``: posts made by the caller (a rule's examples, the Python API).

A malformed record or an unreadable draft is a ``Problem`` in the stream, at its place.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from smlint.config import ConfigTree, Settings
from smlint.inputs.drafts import DraftDefaults, discover, excluded, read_drafts
from smlint.inputs.exports import Export, Record
from smlint.models import Post, Problem


@dataclass
class Drafts:
    paths: Sequence[str]
    settings: Settings
    stdin_name: str = "stdin"
    batch: int = 16  # drafts a worker gets at a time
    files: ClassVar[Sequence[str]] = ()  # not known up front; a problem names its draft
    tree: ConfigTree | None = None  # per-file config discovery (None: one config for all)

    def _defaults_for(self, target: str) -> DraftDefaults | None:
        """A draft's defaults from its nearest config; None when that config excludes it
        (its patterns are relative to the config's folder)."""
        settings = self.settings
        found = self.tree.settings_for(Path(target)) if self.tree is not None else None
        if found is None:
            return DraftDefaults(mode=settings.mode, platform=settings.platform)
        config, own = found
        folder = config.parent if config is not None else Path.cwd()
        try:
            relative = Path(target).resolve().relative_to(folder)
        except ValueError:
            relative = Path(target)
        if excluded(relative, own.exclude + own.extend_exclude):
            return None
        policy = own.policy if own.policy != settings.policy else None
        return DraftDefaults(mode=own.mode, platform=own.platform, policy=policy)

    def __iter__(self) -> Iterator[Post | Problem]:
        settings = self.settings

        def name(target: str | Problem) -> str:
            if isinstance(target, Problem):
                return target.path
            return self.stdin_name if target == "-" else target

        found = discover(
            self.paths,
            settings.exclude + settings.extend_exclude,
            force_exclude=settings.force_exclude,
        )
        targets = sorted(dict.fromkeys(found), key=name)
        return read_drafts(
            targets,
            DraftDefaults(mode=settings.mode, platform=settings.platform),
            stdin_name=self.stdin_name,
            honour_inline=not settings.disable_inline,
            max_bytes=settings.max_draft_size,
            defaults_for=self._defaults_for if self.tree is not None else None,
        )

    def file_of(self, problem: Problem) -> str:
        return problem.path


@dataclass
class Exports:
    exports: Sequence[Export]
    settings: Settings
    batch: int = 256  # posts a worker gets at a time

    def __post_init__(self) -> None:
        self.files = [export.path for export in self.exports]
        self.size = sum(export.size for export in self.exports)
        self.read = 0

    def __iter__(self) -> Iterator[Post | Problem]:
        mode, platform = self.settings.mode, self.settings.platform
        for export in self.exports:
            path = export.path
            for item in export.records():
                self.read += 1
                if type(item) is not Record:
                    yield item  # type: ignore[misc]
                    continue
                meta = {"row": str(item.row)}
                if item.date:
                    meta["date"] = item.date
                if item.url:
                    meta["url"] = item.url
                if item.author:
                    meta["author"] = item.author
                text = item.text
                yield Post(
                    path=path,
                    source=text,
                    text=text,
                    published=text,
                    post_id=item.post_id,
                    mode=mode,
                    platform=platform,
                    meta=meta,
                )

    def progress(self) -> tuple[int, int]:
        """(bytes read, records read) so far, for the progress bar."""
        return sum(export.state.bytes_read for export in self.exports), self.read

    def file_of(self, problem: Problem) -> str:
        """The export a problem is about (its path is ``FILE:ROW`` or ``FILE:POSTID``)."""
        path = problem.path
        owners = [f for f in self.files if path == f or path.startswith(f + ":")]
        return max(owners, key=len) if owners else path


@dataclass
class Posts:
    posts: Sequence[Post | Problem]
    batch: int = 16
    files: ClassVar[Sequence[str]] = ()

    def __iter__(self) -> Iterator[Post | Problem]:
        return iter(self.posts)

    def file_of(self, problem: Problem) -> str:
        return problem.path
