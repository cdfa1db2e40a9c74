"""Threads: parts split by a '---' line or numbered n/N, each measured on its own (SM701)."""

from __future__ import annotations

import pytest
from conftest import lint

from smlint.analysis.thread import thread_parts

PART = "Flooding closed Route 9 between Elm and Oak this morning; crews are clearing it now."
LONG = PART + " Please allow extra time for every trip downtown today, tomorrow and Friday too."


@pytest.mark.parametrize(
    "text",
    [
        f"1/3 {PART}\n\n2/3 {PART}\n\n3/3 {PART}\n",
        f"{PART} 1/3\n\n{PART} (2/3)\n\n{PART} 3/3 🧵\n",
        f"{PART}\n---\n{PART}\n---\n{PART}\n",
    ],
)
def test_parts_are_found(text: str) -> None:
    parts = thread_parts(text)
    assert [(p.number, p.total) for p in parts] == [(1, 3), (2, 3), (3, 3)]
    assert all(PART in text[p.start : p.end] and "---" not in p.text for p in parts)


@pytest.mark.parametrize(
    "text",
    [
        "Open 24/7. Rates are 1/2 off on 3/4 of the items.",
        f"1/3 {PART}\n\n3/3 {PART}\n",  # a part missing
        f"1/2 {PART}\n\n2/3 {PART}\n",  # totals disagree
        PART,
    ],
)
def test_not_a_thread(text: str) -> None:
    assert thread_parts(text) == []


def test_sm701_counts_each_part() -> None:
    text = f"---\nplatform: x\n---\n1/3 {PART}\n\n2/3 {PART} {LONG} {LONG}\n\n3/3 {PART}\n"
    found = lint(text, markdown=True, select=("SM701",))
    assert [(f.code, f.row, f.column) for f in found] == [("SM701", 6, 1)]
    assert found[0].message.startswith("Part 2/3 of the thread is ")
    assert found[0].detail["part"] == "2/3"
    # the same text as one post is far over the limit, but as a thread only part 2 is
    whole = lint(
        text.replace("1/3 ", "").replace("2/3 ", "").replace("3/3 ", ""),
        markdown=True,
        select=("SM701",),
    )
    assert [f.message.startswith("Post is") for f in whole] == [True]


def test_a_short_thread_is_clean() -> None:
    text = f"1/3 {PART}\n\n2/3 {PART}\n\n3/3 {PART}\n"
    assert lint(text, platform="x", select=("SM701",)) == []
