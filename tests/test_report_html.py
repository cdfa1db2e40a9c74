"""``scan --report``: one self-contained HTML file (no network), charts drawn by its inline
script in a real headless browser, the posts to review with PII masked."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, write

EXPORTS = FIXTURES / "exports"
POSTS = [
    {"id": "a1", "date": "2024-01-05", "author": "dws", "text": "Your SSN 123-45-6789 is on file."},
    {
        "id": "a2",
        "date": "2024-02-11",
        "author": "dws",
        "text": "SHOUTING ABOUT THE NEW OFFICE HOURS TODAY",
    },
    {
        "id": "a3",
        "date": "2024-02-20",
        "author": "ui",
        "text": "Reach me at jo.smith@gmail.com <b>now</b>",
    },
    {"id": "a4", "date": "2024-03-01", "author": "ui", "text": "All good here."},
]
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


@pytest.fixture
def report(cli, isolated: Path) -> Path:
    path = write(isolated, "posts.jsonl", "".join(json.dumps(p) + "\n" for p in POSTS))
    out = isolated / "report.html"
    result = cli(
        "scan", str(path), "--nlp-model", "none", "--select", "SM1,SM703", "--report", str(out)
    )
    assert result.status == 1, result.err
    return out


def test_report_is_self_contained_and_masks_pii(report: Path) -> None:
    page = report.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    # Nothing is fetched: no external scripts, styles, images or fonts.
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page)
    assert "@import" not in page and "url(" not in page
    data = json.loads(re.search(r'id="smlint-data">(.*?)</script>', page, re.S)[1])
    assert {r["code"]: r["count"] for r in data["rules"]} == {"SM101": 1, "SM103": 1, "SM703": 1}
    assert data["months"] == [
        {"month": "2024-01", "posts": 1, "findings": 1},
        {"month": "2024-02", "posts": 2, "findings": 2},
        {"month": "2024-03", "posts": 1, "findings": 0},
    ]
    for value in ("123-45-6789", "jo.smith", "gmail.com"):
        assert value not in page
    assert '<span class="pii" title="SM101 (masked)">***-**-****</span>' in page
    assert "&lt;b&gt;now&lt;/b&gt;" in page  # post text is escaped, never markup
    assert page.count('<tr class="sev-') == 3  # a4 has no finding
    assert "Showing all 3 posts with findings, the most serious first" in page


def _finding(i: int, code: str, severity) -> object:
    from smlint.models import Finding

    return Finding(
        path="x.csv",
        post_id=str(i),
        code=code,
        slug="s",
        severity=severity,
        message="m",
        row=1,
        column=1,
        end_row=1,
        end_column=2,
        start=0,
        end=1,
    )


def test_review_table_ranks_every_post_pii_errors_first(isolated: Path) -> None:
    """No cap: every flagged post is in the page, ranked by its most serious finding."""
    from smlint.models import Post, Severity
    from smlint.reporters.base import Linted, Summary
    from smlint.reporters.html import HtmlReporter
    from smlint.ruledata.catalog import load_catalog

    report = HtmlReporter(isolated / "r.html", catalog=load_catalog(), policy="default", mode="x")
    kinds = {
        2: ("SM703", Severity.ERROR),
        5: ("SM101", Severity.ERROR),
        7: ("SM703", Severity.WARNING),
    }
    for i in range(900):
        post = Post(path="x.csv", source="TEXT", text="TEXT", published="TEXT", post_id=str(i))
        code, sev = kinds.get(i, ("SM703", Severity.INFO))
        report.post(Linted(post, [_finding(i, code, sev)]))
    page = report.render(Summary(posts_flagged=900))
    report.stop()
    shown = re.findall(r"<td>x\.csv:(\d+)", page)
    assert len(shown) == 900
    assert shown[:4] == ["5", "2", "7", "0"]  # PII error, other error, warning, then info
    assert "Showing all 900 posts with findings, the most serious first" in page
    assert '<section class="rule" id="rule-SM101">' in page and 'href="#p5"' in page


def test_iso_dates() -> None:
    from smlint.reporters.html import iso_date

    assert iso_date("2024-01-08 15:02") == "2024-01-08T15:02"
    assert iso_date("Wed Jul 10 15:04:05 +0000 2024") == "2024-07-10T15:04:05+00:00"
    assert iso_date("Wed Jul 10 15:04:05 -0500 2024") == "2024-07-10T15:04:05-05:00"
    assert iso_date("2024-07-10T15:04:05Z") == "2024-07-10T15:04:05Z"
    assert iso_date("1720623845") == "2024-07-10T15:04:05Z"
    assert iso_date("2024-03-01") == "2024-03-01"


def test_report_lists_skipped_rows_clauses_and_static_tables(cli, isolated: Path) -> None:
    lines = [json.dumps(p) for p in POSTS]
    lines.insert(2, '{"id": "broken", "text": "never closed')
    path = write(isolated, "posts.jsonl", "\n".join(lines) + "\n")
    out = isolated / "report.html"
    result = cli(
        "scan", str(path), "--nlp-model", "none", "--select", "SM1,SM703", "--report", str(out)
    )
    assert result.status == 2
    assert f"report written to {out}" in result.err
    page = out.read_text(encoding="utf-8")
    skipped = page[page.index('<section id="skipped">') :]
    assert "<td>posts.jsonl</td><td>3</td>" in skipped  # file, line, reason
    # the tables read without the script: rules and months are plain HTML
    assert re.search(r'<table class="static" id="rules-table">.*<code>SM101</code>', page, re.S)
    assert "<tr><td>2024-02</td><td>2</td><td>2</td></tr>" in page
    assert 'class="clause">wy-dws, Acceptable Use: \u201cnever to post' in page
    assert "<time>2024-01-05</time>" in page


def test_report_masks_pii_the_baseline_accepts(cli, isolated: Path, monkeypatch) -> None:
    monkeypatch.setenv("SMLINT_BASELINE_KEY", "ci-secret")
    post = {"id": "b1", "text": "Client SSN 123-45-6789 is on file. #snowemergency"}
    path = write(isolated, "posts.jsonl", json.dumps(post) + "\n")
    args = ("scan", str(path), "--nlp-model", "none", "-q")
    cli(*args, "--select", "SM101", "--write-baseline", "bl.json")
    out = isolated / "report.html"
    result = cli(*args, "--select", "SM101,SM702", "--baseline", "bl.json", "--report", str(out))
    assert result.status == 0, result.err
    page = out.read_text(encoding="utf-8")
    assert "123-45-6789" not in page and "SM101" not in page
    assert '<span class="pii" title="masked">***-**-****</span>' in page
    assert '<mark title="SM702">#snowemergency</mark>' in page


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and Path("/usr/bin/chromium").exists():
        found = "/usr/bin/chromium"
    if found is None:
        pytest.skip("chromium not installed (apt-get install chromium); cannot render the report")
    return found


def test_report_renders_charts_in_headless_browser(report: Path, tmp_path: Path) -> None:
    browser = _chromium()
    url = report.resolve().as_uri()
    base = [browser, *CHROMIUM_FLAGS, "--virtual-time-budget=5000"]
    dom = subprocess.run(
        [*base, f"--user-data-dir={tmp_path / 'profile-dom'}", "--dump-dom", url],
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert dom.returncode == 0, dom.stderr[-500:]
    html = dom.stdout
    assert 'data-charts="drawn"' in html  # the inline script ran to the end
    assert len(re.findall(r'<rect[^>]*data-code="SM\d+"', html)) == 3  # bars by rule
    assert len(re.findall(r"<rect[^>]*data-month=", html)) == 6  # 3 months x posts/findings
    shot = tmp_path / "report.png"
    run = subprocess.run(
        [
            *base,
            f"--user-data-dir={tmp_path / 'profile-shot'}",
            "--window-size=1280,1600",
            f"--screenshot={shot}",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-500:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 10_000
