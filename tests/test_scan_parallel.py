"""The process pool (smlint.parallel) shared by scan and ``check -j N``: same output for any
number of workers, input order kept, bad files still reported in order."""

from __future__ import annotations

from pathlib import Path

from conftest import write

from smlint.parallel import default_jobs, resolve_jobs


def test_check_jobs_same_output(cli, isolated: Path) -> None:
    for i in range(40):  # more than two chunks of drafts: the pool really runs
        text = f"Update {i}: the office opens at 8 a.m. #officehours{i % 3}\n"
        if i % 4 == 0:
            text = f"THE OFFICE IS CLOSED ALL DAY TODAY FOR REPAIRS NUMBER {i}\n"
        write(isolated, f"drafts/d{i:02d}.md", text)
    write(isolated, "drafts/zz-bad.md", b"caf\xe9 \xff not utf-8")
    runs = {
        jobs: cli("check", "drafts", "--nlp-model", "none", "--select", "SM7", "-j", jobs)
        for jobs in ("1", "2")
    }
    assert runs["1"].out == runs["2"].out
    assert runs["1"].err == runs["2"].err
    assert runs["1"].status == runs["2"].status == 2  # the undecodable draft
    assert runs["2"].out.count("SM703") == 10
    assert "drafts/zz-bad.md: not valid UTF-8" in runs["2"].err


def test_jobs_zero_means_every_core() -> None:
    assert resolve_jobs(0) == default_jobs() >= 1
    assert resolve_jobs(3) == 3


def test_a_post_travels_to_a_worker_whole() -> None:
    """Posts are pickled field by field (cheaper to load): every field must make the trip."""
    import dataclasses
    import pickle

    from smlint.models import Post

    post = Post(
        path="a.md",
        source="Hello\n",
        text="Hello\n",
        published="Hello",
        post_id="7",
        mode="personal",
        platform="x",
        policy="wy-dws",
        markdown=True,
        disabled=((0, 3, frozenset({"SM1"})),),
        meta={"row": "2", "url": "https://example.gov/p/7"},
    )
    back = pickle.loads(pickle.dumps(post))
    assert all(getattr(back, f.name) == getattr(post, f.name) for f in dataclasses.fields(Post))
    defaults = {f.name for f in dataclasses.fields(Post)} - {"path", "source", "text"}
    assert all(
        getattr(post, name) != getattr(Post(path="", source="", text="", published=""), name)
        for name in defaults
    )
