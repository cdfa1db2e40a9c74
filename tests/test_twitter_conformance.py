"""SM701 against X's own conformance cases for weighted length (twitter-text's validate.yml,
Apache-2.0, read from ../shared/eval-data/twitter-text-conformance): the length smlint
measures is X's, and SM701 fires exactly when it is over 280."""

from __future__ import annotations

from functools import cache

import pytest
import yaml
from conftest import SHARED, lint

from smlint.checks.platform import measure, platform_limits

VALIDATE = SHARED / "eval-data" / "twitter-text-conformance" / "validate.yml"
SECTION = "WeightedTweetsWithDiscountedEmojiCounterTest"


@cache
def cases() -> list[tuple[str, str, int]]:
    if not VALIDATE.is_file():
        return []
    data = yaml.safe_load(VALIDATE.read_text(encoding="utf-8"))
    return [
        (c["description"], c["text"], int(c["expected"]["weightedLength"]))
        for c in data["tests"][SECTION]
    ]


def _ids(case: tuple[str, str, int] | None) -> str:
    return case[0][:40] if case else "no-conformance-data"


@pytest.mark.parametrize("case", cases() or [pytest.param(None, marks=pytest.mark.skip)], ids=_ids)
def test_weighted_length_is_x_s_and_sm701_fires_over_the_limit(case: tuple[str, str, int]) -> None:
    _, text, expected = case
    x = platform_limits()["x"]
    assert measure(text, x) == expected
    # A draft's trailing blanks are not published: SM701 judges the text as posted.
    posted = measure(text.rstrip(), x)
    fired = [f.detail for f in lint(text, platform="x", path="post.txt") if f.code == "SM701"]
    assert bool(fired) == (posted > 280), (posted, fired)
    if fired:
        assert fired[0]["length"] == posted


@pytest.mark.parametrize(
    "text",
    [
        "Road work on Main St through Friday. " * 5
        + "https://bad_label.example_host.com/"
        + "p" * 60,
        "避難所は開いています" * 10 + " https://例え.テスト/" + "パス" * 30,
    ],
    ids=["invalid-host-labels", "cjk-and-non-ascii-url"],
)
def test_sm701_fires_whenever_the_weighted_length_is_over(text: str) -> None:
    length = measure(text, platform_limits()["x"])
    fired = [f.detail for f in lint(text, platform="x", path="post.txt") if f.code == "SM701"]
    assert bool(fired) == (length > 280), (length, fired)
