"""``smlint init``: write a commented ``.smlint.toml`` for an agency.

The values come from options, or from prompts when standard input is a terminal; what is
left empty stays a commented example. The file is checked by loading it back with the
config loader before it is written, so ``smlint check`` accepts what ``init`` writes.
An existing file is never overwritten without ``--force``.
"""

from __future__ import annotations

import json
import os
import tempfile
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from smlint.errors import UserError

FILENAME = ".smlint.toml"


@dataclass(kw_only=True)
class InitAnswers:
    """What goes into the file; empty means "leave the commented example"."""

    name: str = ""
    aliases: list[str] = field(default_factory=list)
    official_domains: list[str] = field(default_factory=list)
    partner_domains: list[str] = field(default_factory=list)
    public_phones: list[str] = field(default_factory=list)
    public_emails: list[str] = field(default_factory=list)
    public_figures: list[str] = field(default_factory=list)
    policy: str = "default"
    mode: str = "official"


def split_list(value: str) -> list[str]:
    """Comma-separated answers, trimmed, empties dropped."""
    return [part.strip() for part in value.split(",") if part.strip()]


def _toml_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in values) + "]"


def _line(key: str, values: Sequence[str] | str, example: str, why: str) -> list[str]:
    """A key with its comment; commented out with an example when there is no value."""
    lines = [f"# {line}" for line in textwrap.wrap(why, 86)]
    if isinstance(values, str):
        lines.append(
            f"{key} = {json.dumps(values, ensure_ascii=False)}"
            if values
            else f"# {key} = {example}"
        )
    elif values:
        lines.append(f"{key} = {_toml_list(values)}")
    else:
        lines.append(f"# {key} = {example}")
    return lines


def render(answers: InitAnswers) -> str:
    """The commented TOML text."""
    out = [
        "# smlint configuration, written by `smlint init`. Edit freely; `smlint check` reads",
        "# the nearest .smlint.toml upward from the working directory.",
        "",
        "# Which rules run: `default` (recommended for any agency), `all`, or your policy's",
        "# pack (wy-dws, wi-dma, wi-hr, madison, milwaukee) or a path to a YAML pack.",
        f"policy = {json.dumps(answers.policy)}",
        "# How posts are published: official (the agency's account) or personal.",
        f"mode = {json.dumps(answers.mode)}",
        '# platform = "x"            # x, bluesky, threads, mastodon, ... (length limits)',
        '# ignore = ["SM702"]        # codes or prefixes to leave out',
        '# fail-on = "warning"       # lowest severity that fails a run',
        "",
        "[agency]",
    ]
    out += _line(
        "name", answers.name, '"Wyoming Department of Workforce Services"', "The agency's name."
    )
    out += _line(
        "aliases",
        answers.aliases,
        '["DWS", "Workforce Services"]',
        "Other names for the agency (SM403 needs the name or an alias).",
    )
    out += _line(
        "official-domains",
        answers.official_domains,
        '["wyo.gov"]',
        "The agency's own sites, subdomains included (SM504 needs them; links there are"
        " never off topic).",
    )
    out += _line(
        "partner-domains",
        answers.partner_domains,
        '["dol.gov"]',
        "Not the agency's, but relevant: no SM501 for links there.",
    )
    out += _line(
        "public-phones",
        answers.public_phones,
        '["307-777-7020"]',
        "Published lines, any formatting: never SM102. Once listed, other numbers the post"
        " calls the agency's own are treated as direct lines.",
    )
    out += _line(
        "public-emails",
        answers.public_emails,
        '["dws-info@wyo.gov"]',
        "Published addresses: never SM103.",
    )
    out += _line(
        "public-figures",
        answers.public_figures,
        '["Mark Gordon"]',
        "Names that are never SM105 (elected officials, spokespeople).",
    )
    out += [
        "# Never SM106 (the agency's offices):",
        '# public-addresses = ["122 W 25th St, Cheyenne"]',
        "# Agency topics for SM501 (links off topic):",
        '# topics = ["jobs", "unemployment", "training"]',
        "",
    ]
    return "\n".join(out)


def validate(text: str) -> None:
    """Load ``text`` with the config loader (and the pack it names): a usage error if not."""
    from smlint.config import load_settings
    from smlint.ruledata.catalog import load_catalog
    from smlint.ruledata.packs import load_pack

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / FILENAME
        path.write_text(text, encoding="utf-8")
        settings = load_settings(path)
    load_pack(settings.policy, load_catalog())


Ask = Callable[[str, str], str]


def ask_answers(answers: InitAnswers, ask: Ask) -> InitAnswers:
    """Fill what the options left empty from prompts (``ask(question, default)``)."""
    answers.name = answers.name or ask("Agency name", "")
    for attr, question in (
        ("aliases", "Other names for the agency (comma-separated)"),
        ("official_domains", "Official web domains, e.g. wyo.gov (comma-separated)"),
        ("partner_domains", "Partner domains (comma-separated)"),
        ("public_phones", "Public phone numbers (comma-separated)"),
        ("public_emails", "Public email addresses (comma-separated)"),
        ("public_figures", "Public figures' names (comma-separated)"),
    ):
        if not getattr(answers, attr):
            setattr(answers, attr, split_list(ask(question, "")))
    return answers


def run_init(
    answers: InitAnswers,
    *,
    folder: Path,
    force: bool = False,
    ask: Ask | None = None,
) -> Path:
    """Write ``folder/.smlint.toml``; return its path. ``ask`` prompts for what is missing."""
    from smlint.choices import MODES
    from smlint.ruledata.packs import builtin_names

    path = folder / FILENAME
    if path.exists() and not force:
        raise UserError(f"{path} already exists (use --force to overwrite it)")
    if answers.mode not in MODES:
        raise UserError(f"--mode must be one of {', '.join(MODES)}")
    if answers.policy not in builtin_names() and not Path(answers.policy).is_file():
        raise UserError(
            f"unknown policy {answers.policy!r} (built-in: {', '.join(builtin_names())})"
        )
    if ask is not None:
        answers = ask_answers(answers, ask)
    text = render(answers)
    validate(text)
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".smlint.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        raise UserError(f"{path}: cannot write ({exc.strerror})") from None
    return path
