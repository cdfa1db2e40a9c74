"""Property tests (hypothesis) of ``check``: draft text and front matter of any shape.

Drafts are built from pieces real posts have (words, PII values, hashtags, links, sign-offs,
front matter, markdown, control characters, lone surrogates, pathological runs), shuffled.
Whatever the draft:

- linting raises nothing but a front-matter error and reports no internal error;
- every finding's span and row:column lie inside the text;
- ``smlint check`` exits 0, 1 or 2 with no traceback;
- no detected PII value (the text of a PII rule's span) is printed, in the default format
  with ``--show-source`` or in JSON, on stdout or stderr.

``make test`` runs a few dozen examples (derandomised); ``make fuzz`` thousands.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smlint.cli import main
from smlint.engine.build import linter_for
from smlint.errors import UserError
from smlint.inputs.drafts import DraftDefaults, make_post
from smlint.inputs.markdown import DraftError

_QUIET = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile(
    "smlint-check", max_examples=12, derandomize=True, deadline=None, database=None,
    suppress_health_check=_QUIET,
)  # fmt: skip
settings.register_profile(
    "fuzz-check", max_examples=1500, deadline=None, database=None, suppress_health_check=_QUIET
)
FUZZ = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"
PROFILE = settings.get_profile("fuzz-check" if FUZZ else "smlint-check")
if FUZZ and os.environ.get("FUZZ_EXAMPLES"):  # a shorter fuzz run: FUZZ_EXAMPLES=200
    PROFILE = settings(PROFILE, max_examples=int(os.environ["FUZZ_EXAMPLES"]))
# A run of the command costs two CLI runs an example: fewer in make test.
CLI_PROFILE = settings(PROFILE, max_examples=PROFILE.max_examples if FUZZ else 5)

PIECES = (
    "Road closed on Main St.",
    "Call 307-555-0142 today.",
    "SSN 521-44-9087 on file.",
    "Email janeroe@gmail.com please.",
    "#janeroe@gmail.com",
    "#SnowEmergency",
    "https://wyo.gov/roads",
    "bit.ly/3xYz",
    "Her claim was denied on Monday.",
    "The door code is 8260#.",
    "VOTE FOR SMITH NOW!!!",
    "— Dana Whitfield, Public Information Officer",
    "Thanks, Jane Doe, Program Manager",
    "<!-- smlint: disable=SM101 -->",
    "`code`",
    "> quoted",
    "\n\n",
    "\r",
    "\t",
    "\u200b",
    "\ufeff",
    "\ud800",
    "((((((((((((((((((((((((((((((",
    "a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a",
)
FRONT = (
    "",
    "---\nmode: personal\n---\n",
    "---\nplatform: x\n---\n",
    "---\nplatform: nowhere\n---\n",
    "---\nmode: [1, 2]\n---\n",
    "---\n: : :\n---\n",
    "---\npolicy: missing.yaml\n---\n",
    "---\n",
)
drafts = st.builds(
    lambda front, pieces, noise: front + " ".join(pieces) + noise,
    st.sampled_from(FRONT),
    st.lists(st.sampled_from(PIECES), max_size=12),
    st.text(max_size=20),
)

_LINTER = {}


def _linter():
    if "l" not in _LINTER:
        from conftest import settings_for

        _LINTER["l"] = linter_for(settings_for())
    return _LINTER["l"]


def _pii_values(text: str) -> list[str]:
    """The text of every PII span the linter detects (what must never be printed)."""
    linter = _linter()
    try:
        post = make_post(
            "post.md", text, DraftDefaults(mode="official", platform="none"),
            markdown=True, honour_inline=True,
        )  # fmt: skip
    except (
        UserError,
        DraftError,
    ):  # a draft the reader refuses (bad front matter) is shown nowhere
        return []
    result = linter.lint(post)
    values = []
    for start, end in result.masked:
        value = post.source[start:end]
        if sum(c.isalnum() for c in value) >= 4:
            values.append(value)
    return values


def test_lint_properties() -> None:
    @PROFILE
    @given(drafts)
    def run(text: str) -> None:
        text = text.encode("utf-8", "replace").decode("utf-8")  # what a file read can give
        try:
            post = make_post(
                "post.md", text, DraftDefaults(mode="official", platform="none"),
                markdown=True, honour_inline=True,
            )  # fmt: skip
        except (UserError, DraftError):
            return  # bad front matter: one usage error (exit 2), tested below
        result = _linter().lint(post)
        # A missing policy file is the draft's problem; an internal error never is.
        assert not [p for p in result.problems if "internal error" in p.message], result.problems
        findings = result.findings
        lines = post.source.split("\n")
        for f in findings:
            assert 0 <= f.start <= f.end <= len(post.source), f
            assert 1 <= f.row <= len(lines) and f.column >= 1, f

    run()


def test_check_properties(isolated: Path, capsys) -> None:
    draft = isolated / "post.md"

    @CLI_PROFILE
    @given(drafts)
    def run(text: str) -> None:
        draft.write_bytes(text.encode("utf-8", "surrogatepass"))
        readable = text.encode("utf-8", "replace").decode("utf-8")
        secrets = _pii_values(readable)
        for args in (("--show-source",), ("--format", "json")):
            capsys.readouterr()
            status = main(["check", str(draft), "--nlp-model", "none", *args])
            out, err = capsys.readouterr()
            assert status in (0, 1, 2), (status, err)
            assert "Traceback" not in err and "internal error" not in err, err
            for value in secrets:
                assert value not in out and value not in err, (value, args)
            if args[-1] == "json" and status != 2:
                for item in json.loads(out):
                    assert item["location"]["row"] >= 1

    run()


def test_profiles_are_bounded() -> None:
    assert settings.get_profile("smlint-check").max_examples <= 50
    assert settings.get_profile("fuzz-check").max_examples >= 1000
