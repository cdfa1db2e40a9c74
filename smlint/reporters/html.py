"""``scan --report FILE.html``: one self-contained HTML file for reviewers.

No network: CSS and the chart script are inline, the charts are SVG drawn by that script
from a JSON blob of counts. The table lists the posts that most need review (the most severe
first kept, shown in file order) with every PII span masked (those of suppressed findings
too): no detected PII value is ever written to the file, and the JSON blob holds counts only.
"""

from __future__ import annotations

import heapq
import html
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import count, pairwise
from pathlib import Path

from smlint import __version__
from smlint.atomic import atomic_write
from smlint.masking import Span, mask
from smlint.models import Finding, Post
from smlint.reporters.base import Linted, Reporter, Summary
from smlint.ruledata.catalog import Catalog

MAX_POSTS = 500


@dataclass(order=True)
class _Entry:
    rank: tuple[int, int, int]
    seq: int
    html: str = field(compare=False)


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


class HtmlReporter(Reporter):
    """Keeps the posts to review (bounded) as the run goes; writes the page at the end."""

    def __init__(
        self,
        path: Path,
        *,
        catalog: Catalog,
        policy: str,
        mode: str,
        max_posts: int = MAX_POSTS,
    ) -> None:
        self.path = path
        self.catalog = catalog
        self.policy = policy
        self.mode = mode
        self.max_posts = max_posts
        self.pii = frozenset(rule.code for rule in catalog if rule.pii)
        self._heap: list[_Entry] = []
        self._seq = count()

    def post(self, linted: Linted) -> None:
        findings = linted.findings
        if not findings:
            return
        worst = max(f.severity.value for f in findings)
        seq = next(self._seq)
        rank = (worst, len(findings), -seq)
        if len(self._heap) >= self.max_posts and rank <= self._heap[0].rank:
            return
        entry = _Entry(rank, seq, self._row(linted, worst))
        if len(self._heap) < self.max_posts:
            heapq.heappush(self._heap, entry)
        else:
            heapq.heapreplace(self._heap, entry)

    def _row(self, linted: Linted, worst: int) -> str:
        post, findings = linted.post, linted.findings
        meta = post.meta
        url = meta.get("url", "")
        where = html.escape(f"{Path(post.path).name}:{post.post_id}")
        if url.startswith(("https://", "http://")):
            where = f'<a href="{html.escape(url)}" rel="noreferrer">{where}</a>'
        items = "".join(
            f'<li class="sev-{f.severity.label}"><code>{f.code}</code> '
            f"{html.escape(f.message)} <small>({f.severity.label}, {f.row}:{f.column})</small></li>"
            for f in findings
        )
        sev = {3: "error", 2: "warning", 1: "info"}[worst]
        text = masked_html(post, findings, linted.masked, self.pii)
        return (
            f'<tr class="sev-{sev}"><td>{where}<br><small>row {html.escape(meta.get("row", ""))}'
            f"</small></td><td>{html.escape(meta.get('date', ''))}</td>"
            f"<td>{html.escape(meta.get('author', ''))}</td>"
            f'<td class="text">{text}</td><td><ul>{items}</ul></td></tr>'
        )

    def render(self, summary: Summary) -> str:
        rules = [
            {
                "code": code,
                "name": self.catalog[code].name,
                "severity": self.catalog[code].severity.label,
                "count": n,
            }
            for code, n in sorted(summary.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
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
        }
        blob = json.dumps(data).replace("<", "\\u003c").replace(">", "\\u003e")
        rows = "".join(e.html for e in sorted(self._heap, key=lambda e: e.seq))
        shown = len(self._heap)
        note = (
            f"the {shown:,} most severe of {summary.posts_flagged:,} posts with findings"
            if summary.posts_flagged > shown
            else f"all {summary.posts_flagged:,} posts with findings"
        )
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
        return TEMPLATE.format(
            version=__version__,
            files=files or "(none)",
            policy=html.escape(self.policy),
            mode=html.escape(self.mode),
            cards=card_html,
            severity=severity or "no findings",
            note=note,
            rows=rows or '<tr><td colspan="5">No posts need review.</td></tr>',
            data=blob,
            css=CSS,
            script=SCRIPT,
        )

    def finish(self, summary: Summary) -> None:
        atomic_write(self.path, self.render(summary), what="report")


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
  function byRule(box) {
    var rules = data.rules.slice(0, 25);
    if (!rules.length) { box.textContent = "No findings."; return; }
    var max = Math.max.apply(null, rules.map(function (r) { return r.count; }));
    var row = 22, left = 300, width = 900, svg = el("svg", {
      viewBox: "0 0 " + width + " " + (rules.length * row + 10), role: "img",
      "aria-label": "Findings by rule"});
    rules.forEach(function (r, i) {
      var y = i * row + 4, w = Math.max(2, (width - left - 80) * r.count / max);
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
    var max = Math.max.apply(null, months.map(function (m) {
      return Math.max(m.posts, m.findings);
    }));
    var width = 900, height = 240, bottom = 40, step = (width - 40) / months.length;
    var bw = Math.max(2, step / 2 - 2);
    var svg = el("svg", {viewBox: "0 0 " + width + " " + height, role: "img",
      "aria-label": "Posts and findings by month"});
    var every = Math.ceil(months.length / 18);
    months.forEach(function (m, i) {
      var x = 30 + i * step;
      [["posts", m.posts, 0], ["findings", m.findings, bw + 1]].forEach(function (s) {
        var h = (height - bottom - 10) * s[1] / max;
        var bar = el("rect", {x: x + s[2], y: height - bottom - h, width: bw, height: h,
          "class": "bar bar-" + s[0], "data-month": m.month});
        bar.appendChild(el("title", {}, m.month + ": " + s[1] + " " + s[0]));
        svg.appendChild(bar);
      });
      if (i % every === 0) {
        svg.appendChild(el("text", {x: x, y: height - bottom + 16}, m.month));
      }
    });
    svg.appendChild(el("line", {x1: 28, x2: width, y1: height - bottom, y2: height - bottom,
      stroke: "#999"}));
    box.appendChild(svg);
  }
  byRule(document.getElementById("chart-rules"));
  overTime(document.getElementById("chart-months"));
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
<div class="chart" id="chart-rules"></div></section>
<section><h2>Posts and findings over time</h2>
<p class="legend"><span><i class="bar-posts" style="background:#c9d3e3"></i>posts</span>
<span><i style="background:#c0392b"></i>findings</span></p>
<div class="chart" id="chart-months"></div></section>
<section><h2>Posts that need review</h2>
<p><small>Showing {note}. Personal data (SM1xx) is masked.</small></p>
<table><thead><tr><th>post</th><th>date</th><th>account</th><th>text</th><th>findings</th></tr>
</thead><tbody>{rows}</tbody></table></section>
</main>
<script type="application/json" id="smlint-data">{data}</script>
<script>{script}</script>
</body></html>
"""
