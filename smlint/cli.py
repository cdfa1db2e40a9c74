"""Command line: parse options and dispatch. Heavy modules are imported inside commands so
that ``--help`` and ``--version`` stay fast and load no NLP library."""

from __future__ import annotations

import os
import sys
from enum import Enum, StrEnum
from pathlib import Path
from typing import Annotated

import typer

from smlint import __version__, choices

app = typer.Typer(
    name="smlint",
    help="Lint social media drafts of public-sector staff against agency policies, offline.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Plain click help: full option names at any width, no "<bool>" metavars.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class UsageProblem(Exception):
    """A usage or input error: one line on stderr, exit status 2."""


Mode = StrEnum("Mode", {name: name for name in choices.MODES})
Platform = StrEnum("Platform", {name: name for name in choices.PLATFORMS})
Format = StrEnum("Format", {name: name for name in choices.FORMATS})
FailOn = StrEnum("FailOn", {name: name for name in choices.FAIL_ON})
Engine = StrEnum("Engine", {name: name for name in choices.ENGINES})


def _version(value: bool) -> None:
    if value:
        typer.echo(f"smlint {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """smlint checks posts for PII, conduct, politics, identity, links and platform rules."""


# Options shared by check and scan. None means "not given": the config file decides.
PolicyOpt = Annotated[
    str | None,
    typer.Option(
        "--policy",
        metavar="NAME|PATH",
        help=f"Built-in pack ({', '.join(choices.builtin_packs())}) or a YAML pack file.",
    ),
]
ModeOpt = Annotated[Mode | None, typer.Option("--mode", help="How the post is published.")]
PlatformOpt = Annotated[
    Platform | None, typer.Option("--platform", help="Target platform for length limits.")
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option(
        "--config",
        metavar="PATH",
        help="Config file (default: nearest .smlint.toml or pyproject.toml [tool.smlint] upward).",
    ),
]
# A code list option may be repeated: the values add up (--select SM1 --select SM7).
SelectOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--select",
        metavar="CODES",
        help="Codes or prefixes to report (comma-separated, repeatable).",
    ),
]
IgnoreOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--ignore",
        metavar="CODES",
        help="Codes or prefixes to leave out (comma-separated, repeatable).",
    ),
]
ExtendSelectOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--extend-select",
        metavar="CODES",
        help="Codes to add, including rules the pack leaves off.",
    ),
]
ExtendIgnoreOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--extend-ignore", metavar="CODES", help="Codes to leave out, on top of --ignore."
    ),
]
FormatOpt = Annotated[
    Format | None,
    typer.Option("--format", "--output-format", help="Report format (alias: --output-format)."),
]
FixOpt = Annotated[
    bool, typer.Option("--fix", help="Apply the safe fixes to the drafts, then report the rest.")
]
DiffOpt = Annotated[
    bool, typer.Option("--diff", help="Show the fixes as a diff; write nothing (exit 1 if any).")
]
UnsafeFixesOpt = Annotated[
    bool,
    typer.Option(
        "--unsafe-fixes", help="Also apply unsafe fixes: PII redaction, SM403 disclaimer."
    ),
]
ForceExcludeOpt = Annotated[
    bool | None,
    typer.Option(
        "--force-exclude/--no-force-exclude",
        help="Apply exclude/extend-exclude to files named on the command line too (pre-commit).",
    ),
]
ExtendExcludeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--extend-exclude",
        metavar="PATTERNS",
        help="Glob patterns of paths to skip, on top of exclude.",
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output-file", "-o", metavar="PATH", help="Write the report to this file."),
]
FailOnOpt = Annotated[
    FailOn | None,
    typer.Option("--fail-on", help="Lowest severity that makes the exit status 1 [warning]."),
]
ExitZeroOpt = Annotated[
    bool, typer.Option("--exit-zero", help="Exit 0 even with findings (still 2 on errors).")
]
ShowSourceOpt = Annotated[
    bool | None,
    typer.Option(
        "--show-source/--no-show-source",
        help="Show the source line (PII masked) under each finding.",
    ),
]
StatisticsOpt = Annotated[
    bool | None,
    typer.Option("--statistics/--no-statistics", help="Count findings per code at the end."),
]
CountOpt = Annotated[bool, typer.Option("--count", help="Print the total number of findings.")]
QuietOpt = Annotated[
    int,
    typer.Option(
        "--quiet",
        "-q",
        count=True,
        help="-q: only names of files with findings; -qq: nothing (exit status only).",
    ),
]
JobsOpt = Annotated[
    int | None,
    typer.Option("--jobs", "-j", metavar="N", min=0, help="Worker processes (0: one per core)."),
]
BaselineOpt = Annotated[
    Path | None,
    typer.Option(
        "--baseline", metavar="FILE", help="Report only findings not recorded in this baseline."
    ),
]
WriteBaselineOpt = Annotated[
    Path | None,
    typer.Option(
        "--write-baseline", metavar="FILE", help="Record the current findings as accepted."
    ),
]
NlpOpt = Annotated[
    str | None,
    typer.Option(
        "--nlp-model",
        metavar="NAME",
        help="spaCy pipeline: auto (best installed English), none, a name or a path.",
    ),
]
ResolveOpt = Annotated[
    bool | None,
    typer.Option(
        "--resolve-links/--no-resolve-links",
        help="Follow shortened links over the network (off by default).",
    ),
]
DisableInlineOpt = Annotated[
    bool | None,
    typer.Option(
        "--disable-inline/--honour-inline",
        help="Ignore every inline '<!-- smlint: disable -->' comment (audits).",
    ),
]


@app.command()
def check(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH",
            help="Files or directories (.txt, .md recursively); '-' reads stdin.",
        ),
    ] = None,
    policy: PolicyOpt = None,
    mode: ModeOpt = None,
    platform: PlatformOpt = None,
    config: ConfigOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    extend_select: ExtendSelectOpt = None,
    extend_ignore: ExtendIgnoreOpt = None,
    format: FormatOpt = None,
    output_file: OutputOpt = None,
    fail_on: FailOnOpt = None,
    exit_zero: ExitZeroOpt = False,
    show_source: ShowSourceOpt = None,
    statistics: StatisticsOpt = None,
    count: CountOpt = False,
    quiet: QuietOpt = 0,
    jobs: JobsOpt = None,
    baseline: BaselineOpt = None,
    write_baseline: WriteBaselineOpt = None,
    nlp_model: NlpOpt = None,
    resolve_links: ResolveOpt = None,
    disable_inline: DisableInlineOpt = None,
    force_exclude: ForceExcludeOpt = None,
    extend_exclude: ExtendExcludeOpt = None,
    stdin_display_name: Annotated[
        str,
        typer.Option(
            "--stdin-display-name", metavar="NAME", help="Name to report for standard input."
        ),
    ] = "stdin",
    fix: FixOpt = False,
    diff: DiffOpt = False,
    unsafe_fixes: UnsafeFixesOpt = False,
) -> None:
    """Lint draft posts (files, directories, or standard input)."""
    raise typer.Exit(_check_drafts(locals(), fix=fix, diff=diff, unsafe=unsafe_fixes))


@app.command("fix")
def fix_command(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH", help="Draft files or directories (.txt, .md recursively) to fix."
        ),
    ],
    diff: DiffOpt = False,
    unsafe_fixes: UnsafeFixesOpt = False,
    policy: PolicyOpt = None,
    mode: ModeOpt = None,
    platform: PlatformOpt = None,
    config: ConfigOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    extend_select: ExtendSelectOpt = None,
    extend_ignore: ExtendIgnoreOpt = None,
    format: FormatOpt = None,
    output_file: OutputOpt = None,
    fail_on: FailOnOpt = None,
    exit_zero: ExitZeroOpt = False,
    show_source: ShowSourceOpt = None,
    quiet: QuietOpt = 0,
    nlp_model: NlpOpt = None,
    disable_inline: DisableInlineOpt = None,
    force_exclude: ForceExcludeOpt = None,
    extend_exclude: ExtendExcludeOpt = None,
) -> None:
    """Fix what can be fixed in drafts (safe fixes; --unsafe-fixes for more), then report
    what is left. --diff shows the changes without writing them."""
    raise typer.Exit(_check_drafts(locals(), fix=True, diff=diff, unsafe=unsafe_fixes))


def _stdin_or_nothing() -> None:
    """With no paths, standard input must bring a draft: ``smlint check </dev/null`` in CI
    (nothing piped) is a usage error, not a clean run."""
    import io

    data = sys.stdin.buffer.read()
    if not data.strip():
        raise UsageProblem(
            "no paths given and nothing on standard input (pass files or directories,"
            " or pipe a draft in)"
        )
    sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")


def _check_drafts(values: dict[str, object], *, fix: bool, diff: bool, unsafe: bool) -> int:
    """``check``, and ``fix`` / ``check --fix`` / ``--diff``: fix first, then lint what is
    left. ``--diff`` only prints the changes: exit 1 when there are some, as ruff does."""
    from smlint.commands.check import CheckOptions, run_check

    paths = values.get("paths")
    if not paths:
        if sys.stdin is None or sys.stdin.isatty():
            raise UsageProblem("no paths given (pass files or directories, or pipe a draft in)")
        _stdin_or_nothing()
        paths = ["-"]
    paths = tuple(paths)  # type: ignore[arg-type]
    config = values.get("config")
    overrides = _overrides(values)
    if fix or diff:
        from smlint.commands.fix import FixOptions, fix_drafts, report

        if "-" in paths:
            raise UsageProblem("fixes are written to files: name the drafts, not '-'")
        result = fix_drafts(
            FixOptions(paths=paths, config=config, overrides=overrides, diff=diff, unsafe=unsafe)  # type: ignore[arg-type]
        )
        if diff:
            sys.stdout.write(result.diff)
            sys.stdout.flush()
            report(result, diff=True)
            return 2 if result.problems else (1 if result.fixed else 0)
        report(result, diff=False)
    options = CheckOptions(
        paths=paths,
        config=config,  # type: ignore[arg-type]
        overrides=overrides,
        output_file=values.get("output_file"),  # type: ignore[arg-type]
        exit_zero=bool(values.get("exit_zero")),
        count=bool(values.get("count")),
        quiet=int(values.get("quiet") or 0),  # type: ignore[arg-type]
        baseline=values.get("baseline"),  # type: ignore[arg-type]
        write_baseline=values.get("write_baseline"),  # type: ignore[arg-type]
        stdin_name=str(values.get("stdin_display_name") or "stdin"),
    )
    return run_check(options)


@app.command()
def scan(
    paths: Annotated[
        list[str],
        typer.Argument(help="Export files: CSV, TSV, JSON, JSON Lines, tweets.js, Facebook JSON."),
    ],
    text_column: Annotated[
        str | None,
        typer.Option(
            "--text-column",
            metavar="NAME",
            help="Column/field with the post text (default: auto-detected).",
        ),
    ] = None,
    id_column: Annotated[
        str | None,
        typer.Option(
            "--id-column", metavar="NAME", help="Column/field with the post id (default: auto)."
        ),
    ] = None,
    date_column: Annotated[
        str | None,
        typer.Option(
            "--date-column", metavar="NAME", help="Column/field with the date (default: auto)."
        ),
    ] = None,
    url_column: Annotated[
        str | None,
        typer.Option(
            "--url-column", metavar="NAME", help="Column/field with the post URL (default: auto)."
        ),
    ] = None,
    header: Annotated[
        bool | None,
        typer.Option(
            "--header/--no-header",
            help="CSV: the first row names the columns / is a post (default: a header only"
            " when it looks like one).",
        ),
    ] = None,
    report: Annotated[
        Path | None,
        typer.Option(
            "--report",
            metavar="FILE.html",
            help="Write a self-contained HTML report for reviewers.",
        ),
    ] = None,
    policy: PolicyOpt = None,
    mode: ModeOpt = None,
    platform: PlatformOpt = None,
    config: ConfigOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    extend_select: ExtendSelectOpt = None,
    extend_ignore: ExtendIgnoreOpt = None,
    format: FormatOpt = None,
    output_file: OutputOpt = None,
    fail_on: FailOnOpt = None,
    exit_zero: ExitZeroOpt = False,
    show_source: ShowSourceOpt = None,
    statistics: StatisticsOpt = None,
    count: CountOpt = False,
    quiet: QuietOpt = 0,
    jobs: JobsOpt = None,
    baseline: BaselineOpt = None,
    write_baseline: WriteBaselineOpt = None,
    nlp_model: NlpOpt = None,
    resolve_links: ResolveOpt = None,
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine",
            help="Where posts are linted: this machine's processes, or a Spark or Dask cluster.",
        ),
    ] = Engine.local,
    master: Annotated[
        str | None,
        typer.Option("--master", help="Spark master URL (default: local[JOBS])."),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler", help="Dask scheduler address (default: a local cluster of JOBS workers)."
        ),
    ] = None,
) -> None:
    """Scan exported posts (X archive, Facebook export, CSV, JSON, JSON Lines)."""
    from smlint.commands.scan import ScanOptions, run_scan
    from smlint.inputs.exports import Columns

    options = ScanOptions(
        paths=tuple(paths),
        columns=Columns(
            text=text_column, id=id_column, date=date_column, url=url_column, header=header
        ),
        config=config,
        overrides=_overrides(locals()),
        output_file=output_file,
        report=report,
        exit_zero=exit_zero,
        count=count,
        quiet=quiet,
        baseline=baseline,
        write_baseline=write_baseline,
        engine=engine.value,
        master=master,
        scheduler=scheduler,
    )
    if master is not None and engine is not Engine.spark:
        raise UsageProblem("--master needs --engine spark")
    if scheduler is not None and engine is not Engine.dask:
        raise UsageProblem("--scheduler needs --engine dask")
    raise typer.Exit(run_scan(options))


# Command-line options that override the Settings field of the same name.
SETTING_OPTIONS = (
    "policy",
    "mode",
    "platform",
    "select",
    "ignore",
    "extend_select",
    "extend_ignore",
    "format",
    "fail_on",
    "show_source",
    "statistics",
    "jobs",
    "nlp_model",
    "resolve_links",
    "disable_inline",
    "force_exclude",
    "extend_exclude",
)


def _overrides(values: dict[str, object]) -> dict[str, object]:
    """A command's given option values as Settings fields: enums to strings, comma lists to
    tuples; options left out (None) let the config file decide."""
    from smlint.models import Severity

    out: dict[str, object] = {}
    for key in SETTING_OPTIONS:
        value = values.get(key)
        if value is None:
            continue
        if isinstance(value, Enum):
            value = value.value
        if key in ("select", "ignore", "extend_select", "extend_ignore", "extend_exclude"):
            items = value if isinstance(value, list | tuple) else [value]
            value = tuple(v for item in items for v in str(item).split(",") if v.strip())
        if key == "fail_on":
            value = Severity.parse(str(value))
        out[key] = value
    return out


@app.command("rules")
def rules_command(
    policy: PolicyOpt = None,
    config: ConfigOpt = None,
) -> None:
    """List every rule: code, slug, severity and the packs that enable it."""
    from smlint.commands.rules import list_rules

    typer.echo(list_rules(_policy_for(policy, config)), nl=False)


@app.command("rule")
def rule_command(
    code: Annotated[str, typer.Argument(help="A rule code, e.g. SM101, or its slug.")],
    policy: PolicyOpt = None,
    config: ConfigOpt = None,
    examples: Annotated[
        bool,
        typer.Option("--examples", help="Lint the examples and show what fires (slower)."),
    ] = False,
) -> None:
    """Explain one rule: what it finds, why (policy citations), examples, how to fix."""
    from smlint.commands.rules import explain_rule

    policy_name = _policy_for(policy, config) if examples else None
    typer.echo(explain_rule(code, policy_name), nl=False)


@app.command("policies")
def policies_command() -> None:
    """List the built-in policy packs."""
    from smlint.commands.rules import list_policies

    typer.echo(list_policies(), nl=False)


ListOpt = Annotated[str | None, typer.Option(help="Comma-separated.")]


@app.command("init")
def init_command(
    name: Annotated[str | None, typer.Option("--name", help="The agency's name.")] = None,
    aliases: Annotated[str | None, typer.Option(help="Other names, comma-separated.")] = None,
    official_domains: Annotated[
        str | None, typer.Option(help="The agency's own domains, comma-separated.")
    ] = None,
    partner_domains: ListOpt = None,
    public_phones: ListOpt = None,
    public_emails: ListOpt = None,
    public_figures: ListOpt = None,
    policy: Annotated[
        str, typer.Option("--policy", metavar="NAME|PATH", help="Pack to use.")
    ] = "default",
    mode: Annotated[Mode, typer.Option("--mode", help="How posts are published.")] = Mode.official,  # type: ignore[attr-defined]
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Never prompt, even on a terminal.")
    ] = False,
) -> None:
    """Write a commented .smlint.toml here (prompts on a terminal for what is not given)."""
    from smlint.commands.init import InitAnswers, run_init, split_list

    answers = InitAnswers(
        name=name or "",
        aliases=split_list(aliases or ""),
        official_domains=split_list(official_domains or ""),
        partner_domains=split_list(partner_domains or ""),
        public_phones=split_list(public_phones or ""),
        public_emails=split_list(public_emails or ""),
        public_figures=split_list(public_figures or ""),
        policy=policy,
        mode=str(mode),
    )
    ask = None
    if not no_input and sys.stdin.isatty():

        def ask(question: str, default: str) -> str:
            return str(typer.prompt(question, default=default, show_default=False))

    path = run_init(answers, folder=Path.cwd(), force=force, ask=ask)
    typer.echo(f"wrote {path.name}; run `smlint check` on your drafts")


def _policy_for(policy: str | None, config: Path | None) -> str:
    if policy:
        return policy
    from smlint.config import load_settings

    return load_settings(config).policy


def main(argv: list[str] | None = None) -> int:
    """Entry point: every usage or input error is one line on stderr and exit status 2."""
    try:
        return _main(argv)
    except OSError:  # the error line itself could not be written (2>/dev/full)
        for name in ("stdout", "stderr"):  # nor may the flush at exit fail again
            setattr(sys, name, open(os.devnull, "w"))  # noqa: SIM115
        return 2


def _main(argv: list[str] | None) -> int:
    from smlint.errors import UserError

    try:
        status = app(args=argv, prog_name="smlint", standalone_mode=False)
        return status if isinstance(status, int) else 0
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        print("smlint: interrupted", file=sys.stderr)
        return 130
    except typer.TyperException as exc:  # click's usage errors, as typer re-exports them
        ctx = getattr(exc, "ctx", None)
        name = ctx.command_path if ctx is not None else "smlint"
        message = exc.format_message()
        if message:  # empty when help was shown for a bare command
            print(f"smlint: error: {message} (see '{name} --help')", file=sys.stderr)
        return 2
    except (UsageProblem, UserError) as exc:
        print(f"smlint: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 1
    except Exception as exc:  # never a traceback for users; SMLINT_DEBUG=1 shows it
        if os.environ.get("SMLINT_DEBUG"):
            raise
        print(f"smlint: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
