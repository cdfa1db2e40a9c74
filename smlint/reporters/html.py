"""``scan --report FILE.html``: one self-contained HTML file for reviewers.

No network: CSS and the chart script are inline, the charts are SVG drawn by that script
from a JSON blob of counts. The table lists the posts that most need review (the most severe
first kept, shown in file order) with every PII span masked (those of suppressed findings
too): no detected PII value is ever written to the file, and the JSON blob holds counts only.
"""

from __future__ import annotations

import html
import json
import re
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import count, pairwise
from pathlib import Path
from typing import IO

from smlint import __version__
from smlint.atomic import atomic_write
from smlint.masking import Span, mask
from smlint.models import Finding, Post, Problem, Severity
from smlint.reporters.base import Linted, Reporter, Summary
from smlint.ruledata.catalog import Catalog


def masked_html(
    post: Post, findings: Sequence[Finding], masked: Sequence[Span], pii: frozenset[str]
) -> str:
    """The post text as HTML: PII spans masked, other findings highlighted."""
    text = post.source
    # A finding about the whole post (no signature, no link) would paint every character.
    whole = len(text.strip())
    findings = [f for f in findings if f.code in pii or (f.end - f.start) < whole]
    cuts = {0, len(text)}
    for f in findings:
        cuts.update((f.start, f.end))
    for start, end in masked:
        cuts.update((start, end))
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    out = []
    for a, b in pairwise(points):
        if a == b:
            continue
        covering = [f for f in findings if f.start <= a and b <= f.end and f.start < f.end]
        piece = text[a:b]
        codes = " ".join(sorted({f.code for f in covering}))
        if any(start <= a and b <= end for start, end in masked):
            hidden = mask(piece, [(0, len(piece))])
            title = f"{codes} (masked)" if codes else "masked"
            out.append(f'<span class="pii" title="{title}">{html.escape(hidden)}</span>')
        elif covering:
            out.append(f'<mark title="{html.escape(codes)}">{html.escape(piece)}</mark>')
        else:
            out.append(html.escape(piece))
    return "".join(out)


PAGE = 100  # rows a page of the review table shows when the page's script runs

_TWITTER_DATE = re.compile(
    r"^[A-Za-z]{3} ([A-Za-z]{3}) (\d{1,2}) (\d\d):(\d\d):(\d\d) ([+-]\d{4}) (\d{4})$"
)
_ISO_DATE = re.compile(r"^(\d{4}-\d\d-\d\d)(?:[ T](\d\d:\d\d(?::\d\d(?:\.\d+)?)?)(.*))?$")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def iso_date(value: str) -> str:
    """An export's date as ISO 8601, in the time zone the export gives (none when it gives
    none): '2024-01-08 15:02' -> '2024-01-08T15:02', 'Wed Jul 10 15:04:05 +0000 2024' ->
    '2024-07-10T15:04:05+00:00', Unix seconds -> UTC. Other forms are shown as written."""
    text = value.strip()
    m = _ISO_DATE.match(text)
    if m:
        day, clock, zone = m.groups()
        if not clock:
            return day
        zone = (zone or "").strip()
        if zone in ("Z", "UTC", "GMT", "+0000", "+00:00"):
            zone = "Z" if zone == "Z" else "+00:00"
        elif re.fullmatch(r"[+-]\d{4}", zone):
            zone = f"{zone[:3]}:{zone[3:]}"
        elif not re.fullmatch(r"[+-]\d\d:\d\d|", zone):
            zone = ""
        return f"{day}T{clock}{zone}"
    m = _TWITTER_DATE.match(text)
    if m and m[1].lower() in _MONTHS:
        month = _MONTHS.index(m[1].lower()) + 1
        zone = f"{m[6][:3]}:{m[6][3:]}"
        return f"{m[7]}-{month:02d}-{int(m[2]):02d}T{m[3]}:{m[4]}:{m[5]}{zone}"
    if text.isdigit() and len(text) in (10, 13):
        seconds = int(text) // (1000 if len(text) == 13 else 1)
        return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return text


@dataclass(frozen=True)
class _Row:
    """A flagged post kept for the page: its rank and where its HTML is in the spool."""

    rank: tuple[int, int, int, int]  # sorts the most serious first
    anchor: str
    where: str
    at: int
    length: int


class HtmlReporter(Reporter):
    """Keeps every flagged post for the review table (its HTML in a temporary file, so memory
    holds only ranks and anchors) and every skipped row; writes the page at the end.

    Posts are ranked by their most serious finding: an error about personal data first,
    then other errors, warnings and info, more findings first, then file order.
    """

    @property
    def lists_problems(self) -> str:
        return f"the HTML report {self.path}"

    def __init__(self, path: Path, *, catalog: Catalog, policy: str, mode: str) -> None:
        self.path = path
        self.catalog = catalog
        self.policy = policy
        self.mode = mode
        self.pii = frozenset(rule.code for rule in catalog if rule.pii)
        self._rows: list[_Row] = []
        self._spool: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self._seq = count()
        self._by_rule: dict[str, list[int]] = {}  # code -> indexes of _rows
        self._clauses: dict[str, set[tuple[str, str, str]]] = {}
        self._skipped: list[tuple[str, str, str]] = []
        self._counts: Counter[str] = Counter()  # findings per rule, as the sections show them

    def post(self, linted: Linted) -> None:
        findings = linted.findings
        if not findings:
            return
        seq = next(self._seq)
        worst = max(f.severity.value for f in findings)
        pii_error = any(f.code in self.pii and f.severity is Severity.ERROR for f in findings)
        post = linted.post
        anchor = f"p{seq}"
        where = f"{Path(post.path).name}:{post.post_id}" if post.post_id else post.path
        text = self._row(linted, worst, anchor, where)
        self._spool.seek(0, 2)
        at = self._spool.tell()
        self._spool.write(text)
        index = len(self._rows)
        self._rows.append(
            _Row((-int(pii_error), -worst, -len(findings), seq), anchor, where, at, len(text))
        )
        for code in dict.fromkeys(f.code for f in findings):
            self._by_rule.setdefault(code, []).append(index)
        self._counts.update(f.code for f in findings)
        for f in findings:
            if f.citation:
                c = f.citation
                self._clauses.setdefault(f.code, set()).add((c.policy, c.section, c.quote))

    def problem(self, problem: Problem) -> None:
        if not problem.skipped:
            return
        file, _, row = problem.path.rpartition(":")
        if not file or not row.strip():
            file, row = problem.path, ""
        self._skipped.append((file, row, problem.message))

    def _row(self, linted: Linted, worst: int, anchor: str, where: str) -> str:
        post, findings = linted.post, linted.findings
        meta = post.meta
        url = meta.get("url", "")
        label = html.escape(where)
        if url.startswith(("https://", "http://")):
            label += f' <a href="{html.escape(url)}" rel="noreferrer">post link</a>'
        items = []
        for f in findings:
            clause = ""
            if f.citation:
                c = f.citation
                clause = (
                    f'<div class="clause">{html.escape(c.policy)}, {html.escape(c.section)}: '
                    f"\u201c{html.escape(c.quote)}\u201d</div>"
                )
            items.append(
                f'<li class="sev-{f.severity.label}"><a href="#rule-{f.code}"><code>{f.code}'
                f"</code></a> {html.escape(f.message)} <small>({f.severity.label}, "
                f"{f.row}:{f.column})</small>{clause}</li>"
            )
        sev = {3: "error", 2: "warning", 1: "info"}[worst]
        codes = " ".join(dict.fromkeys(f.code for f in findings))
        text = masked_html(post, findings, linted.masked, self.pii)
        row = html.escape(meta.get("row", ""))
        return (
            f'<tr id="{anchor}" class="sev-{sev}" data-sev="{sev}" data-codes="{codes}">'
            f"<td>{label}<br><small>row {row}</small></td>"
            f"<td><time>{html.escape(iso_date(meta.get('date', '')))}</time></td>"
            f"<td>{html.escape(meta.get('author', ''))}</td>"
            f'<td class="text">{text}</td><td><ul>{"".join(items)}</ul></td></tr>'
        )

    def _rows_html(self, order: list[_Row]) -> str:
        out = []
        for row in order:
            self._spool.seek(row.at)
            out.append(self._spool.read(row.length))
        return "".join(out)

    def render(self, summary: Summary) -> str:
        catalog = self.catalog
        posts_by_rule = {code: len(rows) for code, rows in self._by_rule.items()}
        ranked = sorted(self._counts.items(), key=lambda kv: (-kv[1], kv[0]))
        rules = [
            {
                "code": code,
                "name": catalog[code].name,
                "severity": catalog[code].severity.label,
                "count": n,
            }
            for code, n in ranked
        ]
        months = sorted(m for m in set(summary.by_month) | set(summary.posts_by_month) if m)
        data = {
            "rules": rules,
            "months": [
                {
                    "month": m,
                    "posts": summary.posts_by_month[m],
                    "findings": summary.by_month[m],
                }
                for m in months
            ],
            "page": PAGE,
        }
        blob = json.dumps(data).replace("<", "\\u003c").replace(">", "\\u003e")
        order = sorted(self._rows, key=lambda r: r.rank)
        rows = self._rows_html(order)
        note = f"all {len(order):,} posts with findings, the most serious first"
        severity = ", ".join(
            f"{summary.by_severity[s]:,} {s}"
            for s in ("error", "warning", "info")
            if summary.by_severity[s]
        )
        files = ", ".join(html.escape(Path(f).name) for f in summary.files)
        cards = (
            ("posts read", f"{summary.read:,}"),
            ("linted", f"{summary.linted:,}"),
            ("skipped (malformed)", f"{summary.skipped:,}"),
            ("posts with findings", f"{summary.posts_flagged:,}"),
            ("findings", f"{summary.findings:,}"),
        )
        card_html = "".join(
            f'<div class="card"><b>{value}</b><span>{label}</span></div>' for label, value in cards
        )
        rule_rows = "".join(
            f'<tr class="sev-{catalog[code].severity.label}"><td><a href="#rule-{code}">'
            f"<code>{code}</code></a></td><td>{html.escape(catalog[code].name)}</td>"
            f"<td>{catalog[code].severity.label}</td><td>{n:,}</td>"
            f"<td>{posts_by_rule.get(code, 0):,}</td></tr>"
            for code, n in ranked
        )
        month_rows = "".join(
            f"<tr><td>{m}</td><td>{summary.posts_by_month[m]:,}</td>"
            f"<td>{summary.by_month[m]:,}</td></tr>"
            for m in months
        )
        undated = summary.posts_by_month.get("", 0)
        if undated:
            month_rows += (
                f"<tr><td>(no date)</td><td>{undated:,}</td>"
                f"<td>{summary.by_month.get('', 0):,}</td></tr>"
            )
        rule_options = "".join(
            f'<option value="{code}">{code} {html.escape(catalog[code].name)}</option>'
            for code, _n in ranked
        )
        sections = "".join(self._rule_section(code, n) for code, n in ranked)
        return TEMPLATE.format(
            version=__version__,
            files=files or "(none)",
            policy=html.escape(self.policy),
            mode=html.escape(self.mode),
            cards=card_html,
            severity=severity or "no findings",
            note=note,
            rows=rows or '<tr><td colspan="5">No posts need review.</td></tr>',
            rule_rows=rule_rows or '<tr><td colspan="5">No findings.</td></tr>',
            month_rows=month_rows or '<tr><td colspan="3">No dates in the export.</td></tr>',
            rule_options=rule_options,
            sections=sections,
            skipped=self._skipped_html(summary),
            data=blob,
            css=CSS,
            script=SCRIPT,
        )

    def _rule_section(self, code: str, n: int) -> str:
        rule = self.catalog[code]
        indexes = self._by_rule.get(code, [])
        rows = sorted((self._rows[i] for i in indexes), key=lambda r: r.rank)
        links = " ".join(f'<a href="#{r.anchor}">{html.escape(r.where)}</a>' for r in rows)
        clauses = "".join(
            f"<li>{html.escape(policy)}, {html.escape(section)}: "
            f"\u201c{html.escape(quote)}\u201d</li>"
            for policy, section, quote in sorted(self._clauses.get(code, ()))
        )
        clause_html = (
            f"<p>Policy: </p><ul>{clauses}</ul>"
            if clauses
            else "<p>Policy: good practice (no clause cited).</p>"
        )
        return (
            f'<section class="rule" id="rule-{code}"><h3><code>{code}</code> '
            f"{html.escape(rule.name)} <small>({rule.severity.label}) \u2014 {n:,} findings in "
            f"{len(rows):,} posts</small></h3>{clause_html}"
            f"<p><b>How to fix:</b> {html.escape(rule.fix)}</p>"
            f"<details><summary>The {len(rows):,} posts</summary>"
            f'<p class="links">{links}</p></details></section>'
        )

    def _skipped_html(self, summary: Summary) -> str:
        if not self._skipped:
            return f"<p>No rows were skipped ({summary.skipped:,}).</p>"
        rows = "".join(
            f"<tr><td>{html.escape(Path(file).name)}</td><td>{html.escape(row)}</td>"
            f"<td>{html.escape(reason)}</td></tr>"
            for file, row, reason in self._skipped
        )
        return (
            f"<p><small>{summary.skipped:,} rows or records could not be linted; each is listed"
            " (the first 50 problems of a file, then how many more).</small></p>"
            "<table><thead><tr><th>file</th><th>row / record</th><th>reason</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )

    def finish(self, summary: Summary) -> None:
        atomic_write(self.path, self.render(summary), what="report")

    def stop(self) -> None:
        self._spool.close()


CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2330;
background:#f6f7f9}
header{background:#1d3557;color:#fff;padding:18px 28px}header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;opacity:.85}main{padding:20px 28px;max-width:1300px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin-bottom:18px}
.card{background:#fff;border-radius:8px;padding:12px 18px;box-shadow:0 1px 3px #0002;
min-width:130px}
.card b{display:block;font-size:22px}.card span{color:#5b6475;font-size:12px}
section{background:#fff;border-radius:8px;padding:14px 18px;margin-bottom:18px;
box-shadow:0 1px 3px #0002}h2{font-size:16px;margin:0 0 10px}
.chart svg{width:100%;height:auto;display:block}.chart text{font-size:11px;fill:#333}
.bar-error{fill:#c0392b}.bar-warning{fill:#e69f00}.bar-info{fill:#3b7dd8}
.bar-posts{fill:#c9d3e3}.bar-findings{fill:#c0392b}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #e3e6eb;padding:6px 8px;
text-align:left;vertical-align:top}th{background:#eef1f5;position:sticky;top:0}
td.text{white-space:pre-wrap;min-width:340px;max-width:560px;word-break:break-word}
td ul{margin:0;padding-left:16px}mark{background:#ffe08a}
.pii{background:#333;color:#fff;border-radius:2px;padding:0 2px}
tr.sev-error td:first-child{border-left:4px solid #c0392b}
tr.sev-warning td:first-child{border-left:4px solid #e69f00}
tr.sev-info td:first-child{border-left:4px solid #3b7dd8}
.clause{color:#5b6475;font-size:12px;margin:2px 0 4px}
.controls{display:flex;gap:10px;flex-wrap:wrap;align-items:center;margin:8px 0}
.controls input,.controls select{font:inherit;padding:3px 6px}
.pager button{font:inherit;margin:0 4px}
.static{font-size:13px;margin-top:10px}.static td,.static th{padding:3px 8px}
.rule h3{font-size:14px;margin:6px 0}.links a{margin-right:10px;white-space:nowrap}
.axis{stroke:#777}.grid{stroke:#e3e6eb}
.chart{overflow-x:auto}.chart svg{min-width:620px}
@media (max-width:700px){main{padding:10px}#posts thead{display:none}
#posts tr,#posts td{display:block}#posts td{border:0;padding:2px 8px;max-width:none}
#posts td.text{min-width:0}#posts tr{border-bottom:1px solid #c9d3e3;padding:6px 0}}
.legend span{display:inline-block;margin-right:14px}.legend i{display:inline-block;width:10px;
height:10px;margin-right:4px}small{color:#5b6475}
"""

SCRIPT = r"""
(function () {
  var data = JSON.parse(document.getElementById("smlint-data").textContent);
  var NS = "http://www.w3.org/2000/svg";
  function el(name, attrs, text) {
    var node = document.createElementNS(NS, name);
    for (var k in attrs) node.setAttribute(k, attrs[k]);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function ticks(max) {  // about five round steps from 0 to max
    var raw = max / 5, mag = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1))));
    var step = [1, 2, 5, 10].map(function (m) { return m * mag; })
      .filter(function (s) { return s >= raw; })[0] || mag;
    var out = [];
    for (var v = 0; v <= max + step / 2; v += step) out.push(v);
    if (out[out.length - 1] < max) out.push(out[out.length - 1] + step);
    return out;
  }
  function byRule(box) {
    var rules = data.rules.slice(0, 25);
    if (!rules.length) { box.textContent = "No findings."; return; }
    var scale = ticks(Math.max.apply(null, rules.map(function (r) { return r.count; })));
    var top = scale[scale.length - 1] || 1;
    var row = 22, left = 300, right = 60, width = 900, bottom = 36;
    var plot = width - left - right, height = rules.length * row + 10 + bottom;
    var svg = el("svg", {viewBox: "0 0 " + width + " " + height, role: "img",
      "aria-label": "Findings by rule"});
    var base = rules.length * row + 6;
    scale.forEach(function (v) {
      var x = left + plot * v / top;
      svg.appendChild(el("line", {x1: x, x2: x, y1: 0, y2: base, "class": "grid"}));
      svg.appendChild(el("text", {x: x - 4, y: base + 14}, String(v)));
    });
    svg.appendChild(el("line", {x1: left, x2: left + plot, y1: base, y2: base, "class": "axis"}));
    svg.appendChild(el("text", {x: left + plot / 2 - 30, y: base + 30}, "findings"));
    rules.forEach(function (r, i) {
      var y = i * row + 4, w = Math.max(2, plot * r.count / top);
      svg.appendChild(el("text", {x: 0, y: y + 13}, r.code + " " + r.name));
      var bar = el("rect", {x: left, y: y, width: w, height: row - 6,
        "class": "bar bar-" + r.severity, "data-code": r.code});
      bar.appendChild(el("title", {}, r.code + ": " + r.count));
      svg.appendChild(bar);
      svg.appendChild(el("text", {x: left + w + 6, y: y + 13}, String(r.count)));
    });
    box.appendChild(svg);
  }
  function overTime(box) {
    var months = data.months;
    if (!months.length) { box.textContent = "No dates in the export."; return; }
    var scale = ticks(Math.max.apply(null, months.map(function (m) {
      return Math.max(m.posts, m.findings);
    })));
    var top = scale[scale.length - 1] || 1;
    var width = 900, height = 260, bottom = 46, left = 56, plotH = height - bottom - 10;
    var step = (width - left - 10) / months.length, bw = Math.max(2, step / 2 - 2);
    var svg = el("svg", {viewBox: "0 0 " + width + " " + height, role: "img",
      "aria-label": "Posts and findings by month"});
    scale.forEach(function (v) {
      var y = height - bottom - plotH * v / top;
      svg.appendChild(el("line", {x1: left, x2: width, y1: y, y2: y, "class": "grid"}));
      svg.appendChild(el("text", {x: left - 6, y: y + 4, "text-anchor": "end"}, String(v)));
    });
    svg.appendChild(el("line", {x1: left, x2: left, y1: 4, y2: height - bottom, "class": "axis"}));
    svg.appendChild(el("text", {x: 12, y: height / 2, transform: "rotate(-90 12 " +
      height / 2 + ")", "text-anchor": "middle"}, "count"));
    var every = Math.ceil(months.length / 14);
    months.forEach(function (m, i) {
      var x = left + 4 + i * step;
      [["posts", m.posts, 0], ["findings", m.findings, bw + 1]].forEach(function (s) {
        var h = plotH * s[1] / top;
        var bar = el("rect", {x: x + s[2], y: height - bottom - h, width: bw, height: h,
          "class": "bar bar-" + s[0], "data-month": m.month});
        bar.appendChild(el("title", {}, m.month + ": " + s[1] + " " + s[0]));
        svg.appendChild(bar);
      });
      if (i % every === 0) {
        svg.appendChild(el("text", {x: x, y: height - bottom + 16}, m.month));
      }
    });
    svg.appendChild(el("line", {x1: left, x2: width, y1: height - bottom, y2: height - bottom,
      "class": "axis"}));
    svg.appendChild(el("text", {x: (width + left) / 2 - 20, y: height - 8}, "month"));
    box.appendChild(svg);
  }
  function review() {  // filter by text, severity and rule; page through the matches
    var rows = Array.prototype.slice.call(document.querySelectorAll("#posts tbody tr[data-sev]"));
    var q = document.getElementById("q"), sev = document.getElementById("sev");
    var rule = document.getElementById("rule"), info = document.getElementById("page-info");
    var page = 0, size = data.page, matches = rows;
    document.getElementById("controls").hidden = false;
    function apply() {
      var text = q.value.toLowerCase(), s = sev.value, r = rule.value;
      matches = rows.filter(function (row) {
        return (!s || row.getAttribute("data-sev") === s) &&
          (!r || (" " + row.getAttribute("data-codes") + " ").indexOf(" " + r + " ") >= 0) &&
          (!text || row.textContent.toLowerCase().indexOf(text) >= 0);
      });
      var pages = Math.max(1, Math.ceil(matches.length / size));
      page = Math.min(page, pages - 1);
      rows.forEach(function (row) { row.hidden = true; });
      matches.slice(page * size, (page + 1) * size).forEach(function (row) { row.hidden = false; });
      info.textContent = matches.length + " posts · page " + (page + 1) + " of " + pages;
    }
    [q, sev, rule].forEach(function (c) {
      c.addEventListener("input", function () { page = 0; apply(); });
    });
    document.getElementById("prev").onclick = function () {
      page = Math.max(0, page - 1); apply();
    };
    document.getElementById("next").onclick = function () { page += 1; apply(); };
    function reveal() {  // a link to a post (from a rule's section) shows its page
      var target = location.hash && document.getElementById(location.hash.slice(1));
      if (target && target.hasAttribute("data-sev")) {
        q.value = ""; sev.value = ""; rule.value = ""; matches = rows;
        page = Math.floor(rows.indexOf(target) / size); apply(); target.scrollIntoView();
      }
    }
    window.addEventListener("hashchange", reveal);
    apply(); reveal();
  }
  byRule(document.getElementById("chart-rules"));
  overTime(document.getElementById("chart-months"));
  review();
  document.body.setAttribute("data-charts", "drawn");
})();
"""

TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>smlint scan report</title><style>{css}</style></head>
<body>
<header><h1>smlint scan report</h1>
<p>Files: {files} &middot; policy {policy} &middot; mode {mode} &middot; smlint {version}</p>
</header>
<main>
<div class="cards">{cards}</div>
<section><h2>Findings by rule</h2><p><small>{severity}</small></p>
<div class="chart" id="chart-rules"></div>
<table class="static" id="rules-table"><thead><tr><th>code</th><th>rule</th><th>severity</th>
<th>findings</th><th>posts</th></tr></thead><tbody>{rule_rows}</tbody></table></section>
<section><h2>Posts and findings over time</h2>
<p class="legend"><span><i class="bar-posts" style="background:#c9d3e3"></i>posts</span>
<span><i style="background:#c0392b"></i>findings</span></p>
<div class="chart" id="chart-months"></div>
<table class="static" id="months-table"><thead><tr><th>month</th><th>posts</th>
<th>findings</th></tr></thead><tbody>{month_rows}</tbody></table></section>
<section id="review"><h2>Posts that need review</h2>
<p><small>Showing {note}: errors about personal data, then other errors, warnings and
info. Personal data (SM1xx) is masked. Dates are ISO 8601 in the export's time zone.</small></p>
<div class="controls" id="controls" hidden>
<input id="q" type="search" placeholder="Filter posts" aria-label="Filter posts">
<select id="sev" aria-label="Severity"><option value="">every severity</option>
<option value="error">error</option><option value="warning">warning</option>
<option value="info">info</option></select>
<select id="rule" aria-label="Rule"><option value="">every rule</option>{rule_options}</select>
<span class="pager"><button id="prev" type="button">&larr; previous</button>
<span id="page-info"></span><button id="next" type="button">next &rarr;</button></span></div>
<table id="posts"><thead><tr><th>post</th><th>date</th><th>account</th><th>text</th>
<th>findings</th></tr></thead><tbody>{rows}</tbody></table></section>
<section id="rules"><h2>Rules</h2>{sections}</section>
<section id="skipped"><h2>Skipped rows</h2>{skipped}</section>
</main>
<script type="application/json" id="smlint-data">{data}</script>
<script>{script}</script>
</body></html>
"""
