"""``smlint scan --engine spark|dask``: the scan's engine stage on a cluster.

Everything else is the local scan's: the driver reads the exports with the same readers
(so malformed records are reported with their file and row, and read = linted + skipped),
and the results come back in order to the same baseline, reporters and exit status. Only
linting moves: posts go out in partitions of ``PARTITION`` as pandas frames, each worker
lints them with the linter it built once from the run's settings (``smlint.frames``), and
sends back the results of the posts with findings or problems.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import re
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING, Any

from smlint.errors import UserError
from smlint.frames import linter_of
from smlint.models import Post, Problem
from smlint.parallel import paired

if TYPE_CHECKING:
    import pandas as pd

    from smlint.engine.linter import PostResult

Results = Iterator[tuple[Post | Problem, "PostResult | None"]]

PARTITION = 2000  # posts a Dask task gets (a few seconds of work: scheduling stays cheap)
SPARK_JOB = 50_000  # posts a Spark job gets (a job costs ~0.1-0.5 s to plan and start)
POSTS_SCHEMA = "seq long, path string, post_id string, text string, mode string, platform string"
WINDOW = 2  # Dask partitions in flight per worker


class ClusterError(UserError):
    """The engine's package (or Java, for Spark) is not installed, its cluster is not
    reachable, or a job failed there."""


def post_frame(posts: Sequence[Post]) -> pd.DataFrame:
    """Posts as a frame: what a worker needs to rebuild each one exactly."""
    import pandas as pd

    return pd.DataFrame(
        {
            "seq": pd.array(range(len(posts)), dtype="int64"),
            "path": pd.array([p.path for p in posts], dtype=object),
            "post_id": pd.array([p.post_id for p in posts], dtype=object),
            "text": pd.array([p.text for p in posts], dtype=object),
            "mode": pd.array([p.mode for p in posts], dtype=object),
            "platform": pd.array([p.platform for p in posts], dtype=object),
        }
    )


def lint_posts_frame(frame: pd.DataFrame, recipe: bytes) -> pd.DataFrame:
    """On a worker: the pickled results of the frame's posts with findings or problems."""
    import pandas as pd

    linter = linter_of(recipe).engine
    seqs: list[int] = []
    results: list[bytes] = []
    for seq, path, post_id, text, mode, platform in zip(
        frame["seq"],
        frame["path"],
        frame["post_id"],
        frame["text"],
        frame["mode"],
        frame["platform"],
        strict=True,
    ):
        post = Post(
            path=path,
            source=text,
            text=text,
            published=text,
            post_id=post_id,
            mode=mode,
            platform=platform,
        )
        result = linter.lint(post)
        if result.findings or result.problems:
            result.findings = [
                f if type(f.detail) is dict else replace(f, detail=dict(f.detail))
                for f in result.findings
            ]
            seqs.append(int(seq))
            results.append(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    return pd.DataFrame(
        {"seq": pd.array(seqs, dtype="int64"), "result": pd.array(results, dtype=object)}
    )


def _chunks(items: Iterable[Post | Problem], size: int) -> Iterator[list[Post | Problem]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _merge(chunk: list[Post | Problem], answer: pd.DataFrame) -> Results:
    """The chunk's items in order, each with its result from the answer."""
    found = {
        int(seq): pickle.loads(blob)  # made by lint_posts_frame on a worker of this run
        for seq, blob in zip(answer["seq"], answer["result"], strict=True)
    }
    return paired(chunk, found)


def _posts(chunk: list[Post | Problem]) -> list[Post]:
    return [item for item in chunk if type(item) is Post]


def _need(module: str, extra: str) -> None:
    try:
        __import__(module)
    except ImportError:
        raise ClusterError(
            f"--engine {extra} needs {module} (pip install 'smlint[{extra}]')"
        ) from None


class DaskEngine:
    """Partitions of posts as Dask tasks, a few per worker in flight, answers in order."""

    def __init__(self, recipe: bytes, scheduler: str | None, workers: int) -> None:
        _need("distributed", "dask")
        self.recipe = recipe
        self.scheduler = scheduler
        self.workers = workers

    @contextlib.contextmanager
    def client(self) -> Iterator[Any]:
        from distributed import Client, LocalCluster

        if self.scheduler:
            try:
                client = Client(self.scheduler, timeout="30s")
            except OSError as exc:
                raise ClusterError(
                    f"cannot reach the Dask scheduler at {self.scheduler} ({exc})"
                ) from None
            with client:
                yield client
            return
        with (
            LocalCluster(
                n_workers=self.workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client

    def __call__(self, items: Iterable[Post | Problem], on_start: Callable[[], None]) -> Results:
        with self.client() as client:
            on_start()
            window = WINDOW * max(1, len(client.scheduler_info().get("workers", {})) or 1)
            pending: deque[tuple[list[Post | Problem], Any]] = deque()
            for chunk in _chunks(items, PARTITION):
                future = client.submit(
                    lint_posts_frame, post_frame(_posts(chunk)), self.recipe, pure=False
                )
                pending.append((chunk, future))
                if len(pending) >= window:
                    done, future = pending.popleft()
                    yield from _merge(done, future.result())
            while pending:
                done, future = pending.popleft()
                yield from _merge(done, future.result())


def _spark_batches(recipe: bytes, batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    for batch in batches:
        yield lint_posts_frame(batch, recipe)


class SparkEngine:
    """Jobs of posts on Spark: each job's frame is split into the cluster's default number
    of partitions and linted with ``mapInPandas``."""

    def __init__(self, recipe: bytes, master: str | None, workers: int) -> None:
        _need("pyspark", "spark")
        self.recipe = recipe
        self.master = master or f"local[{workers}]"

    def session(self) -> Any:
        from pyspark.sql import SparkSession

        if self.master.startswith("local"):
            # Python workers of a local master run this interpreter (smlint is installed here);
            # PySpark reads the variable when the context starts.
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        builder = (
            SparkSession.builder.master(self.master)
            .appName("smlint scan")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.execution.arrow.pyspark.enabled", "true")
            .config("spark.python.worker.reuse", "true")
            .config("spark.ui.showConsoleProgress", "false")
        )
        try:
            spark = builder.getOrCreate()
        except Exception as exc:  # no Java, a master that does not answer
            raise ClusterError(f"cannot start Spark ({self.master}): {_first_line(exc)}") from None
        spark.sparkContext.setLogLevel("ERROR")
        return spark

    def __call__(self, items: Iterable[Post | Problem], on_start: Callable[[], None]) -> Results:
        from pyspark.sql import SparkSession

        ours = SparkSession.getActiveSession() is None  # stop only a session started here
        spark = self.session()
        try:
            on_start()
            run = partial(_spark_batches, self.recipe)
            for chunk in _chunks(items, SPARK_JOB):
                posts = _posts(chunk)
                if not posts:
                    yield from _merge(chunk, _no_answer())
                    continue
                frame = spark.createDataFrame(post_frame(posts), schema=POSTS_SCHEMA)
                try:
                    answer = frame.mapInPandas(run, "seq long, result binary").toPandas()
                except Exception as exc:  # a task failed: its Python traceback, in one line
                    raise ClusterError(f"Spark job failed: {_first_line(exc)}") from None
                yield from _merge(chunk, answer)
        finally:
            if ours:
                spark.stop()


def _first_line(exc: BaseException) -> str:
    """The last line of a Python worker's traceback (the error), else the first line."""
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    errors = [line for line in lines if re.match(r"^[A-Za-z_.]*(Error|Exception)\b", line)]
    return (errors[-1] if errors else lines[0] if lines else type(exc).__name__)[:200]


def _no_answer() -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame({"seq": pd.array([], dtype="int64"), "result": []})
