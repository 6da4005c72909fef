"""Extraction on a Dask cluster: `extract` mapped over partitions of documents, records to Parquet.

The client reads and checks the input, so a bad line is reported just as on one machine, and
writes each partition's records to its own Parquet file; the workers only extract, each loading
the model once. A cluster therefore needs the package on every machine, but no shared files.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from distributed import Client, Future, LocalCluster, Worker, WorkerPlugin, as_completed

from ceasefire.document import Document
from ceasefire.errors import CeasefireError, InputError
from ceasefire.extract.extractor import extract_many
from ceasefire.extract.pipeline import load_parser
from ceasefire.records_parquet import records_table

# A partition is one task: large enough (seconds of parsing) that the scheduler's cost per task
# is nothing beside it, small enough that the last partitions do not leave workers idle.
DOCUMENTS_PER_PARTITION = 32
# Partitions sent ahead per worker, so none waits for the client, and a large input never sits
# in memory whole.
_IN_FLIGHT_PER_WORKER = 2


@dataclass(frozen=True)
class ClusterSummary:
    """What a run on the cluster did, for its one-line report."""

    documents: int
    records: int
    partitions: int
    workers: int
    seconds: float

    def line(self) -> str:
        """The one-line summary a run ends with."""
        return (
            f"{self.documents} documents, {self.records} records, {self.partitions} partitions, "
            f"{self.workers} workers, {self.seconds:.1f} s"
        )


class ModelLoader(WorkerPlugin):
    """Loads the model when a worker starts (or joins later), so that it is loaded once per worker
    process and no partition pays for it; `load_parser`'s cache then serves every task."""

    name = "ceasefire-model"

    def setup(self, worker: Worker) -> None:
        """Load the parser into this worker's process."""
        load_parser()


def extract_on_dask(
    documents: Iterable[Document],
    output: Path,
    scheduler: str | None = None,
    workers: int = 1,
    documents_per_partition: int = DOCUMENTS_PER_PARTITION,
) -> ClusterSummary:
    """Extract every document on the Dask scheduler at `scheduler` (else on a local cluster of
    `workers` processes), writing partition i's records, in input order, to
    `output`/part-i.parquet."""
    prepare_output(output)  # before a cluster is started for nothing
    with _connect(scheduler, workers) as client:
        return extract_with_client(documents, output, client, documents_per_partition)


def prepare_output(output: Path) -> None:
    """Create the output folder; refuse a file, or a folder with files in it: parts of an
    earlier run would be read as part of this one."""
    if output.is_file() or (output.is_dir() and any(output.iterdir())):
        raise InputError(f"{output}: exists and is not an empty folder; give a new one")
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"{output}: cannot create the folder ({error.strerror})") from None


def extract_with_client(
    documents: Iterable[Document],
    output: Path,
    client: Client,
    documents_per_partition: int = DOCUMENTS_PER_PARTITION,
) -> ClusterSummary:
    """Map `extract` over partitions of `documents` on the client's cluster; write each
    partition's records as it comes back."""
    started = time.perf_counter()
    prepare_output(output)
    client.register_plugin(ModelLoader())
    workers = max(1, len(client.scheduler_info()["workers"]))
    done = as_completed()
    index_of: dict[Future[pa.Table], int] = {}
    partitions = extracted = records = 0

    def write_next() -> None:
        nonlocal records
        future = next(done)
        table: pa.Table = future.result()
        pq.write_table(table, output / f"part-{index_of.pop(future):05d}.parquet")
        records += table.num_rows

    for partition in _partitions(documents, documents_per_partition):
        future = client.submit(extract_partition, partition, pure=False)
        index_of[future] = partitions
        done.add(future)
        partitions += 1
        extracted += len(partition)
        if done.count() >= workers * _IN_FLIGHT_PER_WORKER:
            write_next()
    while not done.is_empty():
        write_next()
    return ClusterSummary(extracted, records, partitions, workers, time.perf_counter() - started)


def extract_partition(documents: list[Document]) -> pa.Table:
    """The records of a partition's documents, in order, as one table: the task a worker runs."""
    return records_table(record for records in extract_many(documents) for record in records)


@contextmanager
def _connect(scheduler: str | None, workers: int) -> Iterator[Client]:
    """A client of the scheduler at `scheduler`, else of a local cluster of `workers` processes
    with one thread each (parsing holds the GIL: threads would take turns, not run at once)."""
    if scheduler is None:
        with (
            LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",  # a local cluster listens on loopback only
                dashboard_address=None,
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
        return
    try:
        client = Client(scheduler)
    except ValueError as error:
        raise InputError(f"{scheduler}: not a scheduler address ({error})") from None
    except OSError as error:
        raise CeasefireError(f"{scheduler}: cannot reach the Dask scheduler ({error})") from None
    with client:
        yield client


def _partitions(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while partition := list(islice(iterator, size)):
        yield partition
