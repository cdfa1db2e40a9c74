"""The README's rule table is the catalog's: a rule added or changed there must show here."""

from __future__ import annotations

import re
from pathlib import Path

from smlint.ruledata.catalog import load_catalog

README = Path(__file__).resolve().parents[1] / "README.md"
ROW_RE = re.compile(
    r"^\| <a id=\"sm\d{3}\"></a>(SM\d{3}) \| `([a-z-]+)` \| (\w+) \| (\w+) \| (.+?) \|$",
    re.MULTILINE,
)


def test_readme_rule_table_matches_the_catalog() -> None:
    rows = {m[1]: m.groups()[1:] for m in ROW_RE.finditer(README.read_text(encoding="utf-8"))}
    catalog = load_catalog()
    assert sorted(rows) == catalog.codes()
    for rule in catalog:
        modes = "both" if len(rule.modes) == 2 else next(iter(rule.modes))
        assert rows[rule.code] == (rule.slug, rule.severity.label, modes, rule.name), rule.code
