"""Extraction speed: documents/s and MB/s, beside a plain spaCy pass over the same texts.

The corpus is the sample documents (../shared/corpus/seeds.jsonl and ../shared/dev/docs.jsonl,
read at run time) repeated up to --mb megabytes (10^6 bytes of UTF-8 text). Each copy gets
its own id, its paragraphs shuffled and its larger numbers changed, so no cache keyed on a
document or a figure sentence can serve a copy from an earlier one.

    .venv/bin/python benchmarks/extract.py            # about 10 MB
    .venv/bin/python benchmarks/extract.py --quick    # about 1 MB
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from ceasefire.document import Document
from ceasefire.errors import InputError
from ceasefire.extract import extract, extract_many
from ceasefire.extract.pipeline import load_parser
from ceasefire.ingest import iter_documents
from ceasefire.settings import get_settings

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (ROOT / "../shared/corpus/seeds.jsonl", ROOT / "../shared/dev/docs.jsonl")
MEGABYTE = 10**6
QUICK_MB = 1.0
# Runs of three or more digits are counts, not days, hours or (once years are spared) years.
_COUNT = re.compile(r"(?<![\d.])\d{3,}(?![\d.])")
# Time to the first record in a fresh interpreter: imports, model and registry loading.
_COLD_START = """
import time
from ceasefire.document import Document
from ceasefire.extract import extract
extract(Document(id="cold", text="Four people were killed on Monday, the ministry said."))
print(time.time())
"""


def read_samples() -> list[Document]:
    """The sample documents, normalized as `ceasefire extract` would read them."""
    samples = []
    for item in iter_documents([str(path) for path in SOURCES]):
        if isinstance(item, InputError):
            raise SystemExit(f"error: {item}")
        samples.append(item)
    return samples


def vary(document: Document, copy: int, rng: random.Random) -> Document:
    """A copy of a document with its own id, its paragraphs shuffled and its counts changed."""
    paragraphs = document.text.split("\n")
    rng.shuffle(paragraphs)
    # Blank lines between paragraphs stay between them; the text stays normalized.
    separator = "\n\n" if "\n\n" in document.text else "\n"
    text = separator.join(paragraph for paragraph in paragraphs if paragraph)
    text = _COUNT.sub(lambda match: _other_count(match[0], rng), text)
    return replace(document, id=f"{document.id}-{copy}", text=text)


def _other_count(digits: str, rng: random.Random) -> str:
    if 1900 <= int(digits) <= 2100:
        return digits  # a year stays a year
    low = 10 ** (len(digits) - 1)
    return str(rng.randrange(low, 10 * low))


def build_corpus(samples: list[Document], megabytes: float, seed: int = 1) -> list[Document]:
    """Copies of the samples, in rotation, until their texts reach `megabytes`."""
    rng = random.Random(seed)
    corpus: list[Document] = []
    size = 0
    copy = 0
    while size < megabytes * MEGABYTE:
        for document in samples:
            varied = vary(document, copy, rng)
            corpus.append(varied)
            size += len(varied.text.encode("utf-8"))
        copy += 1
    return corpus


def time_extract(corpus: list[Document]) -> tuple[float, int]:
    """Seconds to extract every document, and the number of records."""
    started = time.perf_counter()
    records = sum(len(found) for found in extract_many(corpus))
    return time.perf_counter() - started, records


def time_plain_pipe(texts: Iterator[str]) -> float:
    """Seconds for the full spaCy pipeline over whole texts, the baseline extraction beats."""
    nlp = load_parser()
    started = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    return time.perf_counter() - started


def time_cold_start() -> float:
    """Seconds from starting a fresh interpreter to its first record."""
    started = time.time()
    finished = subprocess.run(
        [sys.executable, "-c", _COLD_START], capture_output=True, text=True, check=False
    )
    if finished.returncode != 0:
        last = (finished.stderr.strip().splitlines() or ["no output"])[-1]
        raise SystemExit(f"error: cold-start run failed: {last}")
    return float(finished.stdout.split()[-1]) - started


def main() -> None:
    """Print the figures, one per line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="corpus size in MB (10^6 bytes)")
    parser.add_argument("--quick", action="store_true", help=f"a {QUICK_MB:g} MB corpus")
    parser.add_argument("--seed", type=int, default=1, help="seed for shuffling the copies")
    options = parser.parse_args()
    megabytes = QUICK_MB if options.quick else options.mb

    cold = time_cold_start()
    samples = read_samples()
    corpus = build_corpus(samples, megabytes, options.seed)
    size = sum(len(document.text.encode("utf-8")) for document in corpus) / MEGABYTE
    extract(samples[0])  # load the models first: steady throughput, not start-up, is measured
    extract_seconds, records = time_extract(corpus)
    pipe_seconds = time_plain_pipe(document.text for document in corpus)

    print(f"model               {get_settings().spacy_model}")
    print(f"documents           {len(corpus)} ({len(samples)} samples, varied copies)")
    print(f"MB                  {size:.2f}")
    print(f"records             {records}")
    print(f"extract seconds     {extract_seconds:.2f}")
    print(f"docs/s              {len(corpus) / extract_seconds:.1f}")
    print(f"MB/s                {size / extract_seconds:.3f}")
    print(f"nlp.pipe seconds    {pipe_seconds:.2f}  (full pipeline, whole texts)")
    print(f"nlp.pipe docs/s     {len(corpus) / pipe_seconds:.1f}")
    ratio = extract_seconds / pipe_seconds
    print(f"ratio               {ratio:.2f}  (extract time / nlp.pipe time)")
    print(f"cold start seconds  {cold:.2f}  (fresh interpreter to first record)")


if __name__ == "__main__":
    main()
