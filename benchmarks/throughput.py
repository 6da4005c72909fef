"""Throughput of full extraction on news-length articles, beside a plain full spaCy pass.

Articles of about 4 KB are made from the sample documents (../shared, read at run time): two
varied copies joined (paragraphs shuffled, counts changed; see benchmarks/extract.py), so no
cache keyed on a text, a sentence or a figure can serve one article from another. For each
corpus size and number of processes it prints articles/s and MB/s of `extract` (through
`ceasefire.extract.parallel`, as `ceasefire extract --jobs N` runs it, worker start-up
included), the same for `nlp.pipe` with the whole pipeline over the same texts in the same
run (`n_process` the same), their ratio, and the peak resident memory of a worker.

    .venv/bin/python benchmarks/throughput.py                       # 1,000 articles, 1 and 2
    .venv/bin/python benchmarks/throughput.py --sizes 1000,10000,100000
"""

from __future__ import annotations

import argparse
import importlib
import os
import random
import threading
import time
from dataclasses import replace
from pathlib import Path

from extract import read_samples, time_cold_start, vary

from ceasefire.document import Document
from ceasefire.extract.parallel import extract_in_parallel
from ceasefire.settings import get_settings

ARTICLE_BYTES = 4000
MEGABYTE = 10**6
_PIPE_BATCH = 32


def build_articles(samples: list[Document], count: int, seed: int = 1) -> list[Document]:
    """`count` articles of about ARTICLE_BYTES, each joined from varied copies of samples."""
    rng = random.Random(seed)
    articles = []
    for number in range(count):
        parts = []
        while sum(len(part.text) for part in parts) < ARTICLE_BYTES:
            parts.append(vary(rng.choice(samples), number, rng))
        text = "\n\n".join(part.text for part in parts)
        articles.append(replace(parts[0], id=f"article-{number}", text=text))
    return articles


def time_extraction(articles: list[Document], jobs: int) -> tuple[float, float]:
    """Seconds to extract every article, and the peak resident MB of an extracting process
    (this one with one job; the largest worker with several)."""
    watcher = _PeakWatcher(children=jobs > 1)
    watcher.start()
    started = time.perf_counter()
    for _ in extract_in_parallel(articles, jobs):
        pass
    elapsed = time.perf_counter() - started
    watcher.stop()
    return elapsed, watcher.peak_kilobytes / 1024


class _PeakWatcher(threading.Thread):
    """Samples resident memory from /proc (Linux) a few times a second."""

    def __init__(self, children: bool) -> None:
        super().__init__(daemon=True)
        self.children = children
        self.peak_kilobytes = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.2):
            for pid in self._pids():
                self.peak_kilobytes = max(self.peak_kilobytes, _resident_kilobytes(pid))

    def stop(self) -> None:
        self._done.set()
        self.join()

    def _pids(self) -> list[int]:
        if not self.children:
            return [os.getpid()]
        found = []
        for task in Path(f"/proc/{os.getpid()}/task").iterdir():
            children = (task / "children").read_text().split()
            found.extend(int(child) for child in children)
        return found


def _resident_kilobytes(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0  # the process ended between listing and reading
    line = next((line for line in status.splitlines() if line.startswith("VmRSS:")), "")
    return int(line.split()[1]) if line else 0


def time_plain_pipe(articles: list[Document], jobs: int) -> float:
    """Seconds for `nlp.pipe` over the articles with the model as spaCy ships it (BLIS), not
    as the extractor loads it (NumPy's BLAS; see ceasefire.extract.pipeline)."""
    nlp = importlib.import_module(get_settings().spacy_model).load()
    started = time.perf_counter()
    # Batches small enough that every process gets some (spaCy hands out whole batches).
    texts = (article.text for article in articles)
    for _ in nlp.pipe(texts, n_process=jobs, batch_size=_PIPE_BATCH):
        pass
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000", help="article counts, comma-separated")
    parser.add_argument("--jobs", default="1,2", help="process counts, comma-separated")
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    sizes = [int(size) for size in options.sizes.split(",")]
    job_counts = [int(jobs) for jobs in options.jobs.split(",")]

    print(f"cold start          {time_cold_start():.2f} s (fresh interpreter to first record)")
    samples = read_samples()
    header = (
        f"{'articles':>8} {'jobs':>4} {'art/s':>7} {'MB/s':>6} {'pipe art/s':>10} "
        f"{'speed/pipe':>10} {'peak RSS MB':>11}"
    )
    print(header)
    for size in sizes:
        articles = build_articles(samples, size, options.seed)
        megabytes = sum(len(a.text.encode("utf-8")) for a in articles) / MEGABYTE
        for jobs in job_counts:
            extract_seconds, peak = time_extraction(articles, jobs)
            pipe_seconds = time_plain_pipe(articles, jobs)
            print(
                f"{size:>8} {jobs:>4} {size / extract_seconds:>7.1f} "
                f"{megabytes / extract_seconds:>6.3f} {size / pipe_seconds:>10.1f} "
                f"{pipe_seconds / extract_seconds:>10.2f} {peak:>11.0f}"
            )
    print("speed/pipe: extraction's articles/s over nlp.pipe's (issue 8's bar: >= 3)")


if __name__ == "__main__":
    main()
