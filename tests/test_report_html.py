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
    assert "Showing all 3 posts with findings" in page


def test_review_table_is_bounded(isolated: Path) -> None:
    from smlint.models import Finding, Post, Severity
    from smlint.reporters.base import Linted, Summary
    from smlint.reporters.html import HtmlReporter
    from smlint.ruledata.catalog import load_catalog

    html = HtmlReporter(
        isolated / "r.html", catalog=load_catalog(), policy="default", mode="official", max_posts=3
    )
    for i in range(10):
        post = Post(path="x.csv", source="TEXT", text="TEXT", published="TEXT", post_id=str(i))
        sev = Severity.ERROR if i in (2, 7) else Severity.INFO
        finding = Finding(
            path="x.csv",
            post_id=str(i),
            code="SM703",
            slug="all-caps",
            severity=sev,
            message="m",
            row=1,
            column=1,
            end_row=1,
            end_column=2,
            start=0,
            end=1,
        )
        html.post(Linted(post, [finding]))
    page = html.render(Summary(posts_flagged=10))
    shown = re.findall(r"<td>x\.csv:(\d+)<br>", page)
    assert shown == ["0", "2", "7"]  # the errors first kept, shown in file order
    assert "the 3 most severe of 10 posts with findings" in page


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
