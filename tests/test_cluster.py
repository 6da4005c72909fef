"""Extraction on a Dask cluster of two worker processes: the records of the local `extract`, the
model loaded once per worker, Parquet in and out, and bad input reported as on one machine."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from distributed import Client, LocalCluster, Worker
from spacy.language import Language
from typer.testing import CliRunner

from ceasefire.cli import app
from ceasefire.document import Document, normalize_text
from ceasefire.extract import extract
from ceasefire.extract.cluster import ModelLoader, extract_on_dask, extract_with_client
from ceasefire.extract.pipeline import load_parser
from ceasefire.records_parquet import records_table

pytestmark = pytest.mark.slow

TEXTS = [
    "Israeli strikes killed 12 people in Rafah on Monday, the Gaza health ministry said.",
    "Hamas fired 20 rockets at Sderot on Sunday, the Israeli military said.",
    "Russia launched 90 drones at Kyiv overnight, the Ukrainian air force said.",
    "The RSF shelled El Fasher on Friday, killing 7 civilians, medics said.",
    "Hezbollah fired 30 rockets at northern Israel, the army said.",
]
PUBLISHED = date(2024, 3, 5)


def documents() -> list[Document]:
    return [
        Document(id=f"d{n}", text=normalize_text(text), published=PUBLISHED)
        for n, text in enumerate(TEXTS)
    ]


def local_table(items: list[Document]) -> pa.Table:
    """What the local `extract` makes of the documents, as the rows the cluster writes."""
    return records_table(record for document in items for record in extract(document))


def parser_loads() -> int:
    """How many times this process has built the model (run on each worker)."""
    return load_parser.cache_info().misses


def has_model_loader(dask_worker: Worker) -> bool:
    """Whether the worker runs the plugin that loads the model when it starts."""
    return ModelLoader.name in dask_worker.plugins


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    """Two worker processes with one thread each, as `--engine dask --jobs 2` starts them."""
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as started:
        yield started


@pytest.fixture
def client(cluster: LocalCluster) -> Iterator[Client]:
    with Client(cluster) as connected:
        yield connected


def test_the_model_is_loaded_once_in_each_worker_process(client: Client, tmp_path: Path) -> None:
    # One partition: one worker extracts, the other was only started; both hold the model.
    extract_with_client(documents()[:1], tmp_path / "one", client)
    assert list(client.run(has_model_loader).values()) == [True, True]
    assert list(client.run(parser_loads).values()) == [1, 1]
    # Five partitions later, the same processes still hold the one model each loaded.
    extract_with_client(documents(), tmp_path / "five", client, documents_per_partition=1)
    assert list(client.run(parser_loads).values()) == [1, 1]
    pids = set(client.run(os.getpid).values())
    assert len(pids) == 2
    assert os.getpid() not in pids


def test_two_workers_write_the_records_of_the_local_extract_in_input_order(
    client: Client, tmp_path: Path, parser: Language
) -> None:
    output = tmp_path / "records"
    summary = extract_with_client(documents(), output, client, documents_per_partition=2)
    assert (summary.documents, summary.partitions, summary.workers) == (5, 3, 2)
    parts = sorted(path.name for path in output.iterdir())
    assert parts == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]
    written = pq.read_table(output)
    expected = local_table(documents())
    assert summary.records == expected.num_rows == written.num_rows
    assert written.to_pylist() == expected.to_pylist()
    drones = [r for r in written.to_pylist() if r["kind"] == "figure" and r["doc"] == "d2"]
    assert [(r["value"]["n"], r["claimant"]["id"]) for r in drones] == [
        (90.0, "ukrainian-armed-forces")
    ]


def test_the_command_reads_json_lines_and_parquet_alike(
    cluster: LocalCluster, tmp_path: Path, parser: Language
) -> None:
    lines = [
        {"id": d.id, "text": d.text, "published": d.published.isoformat()} for d in documents()
    ]
    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    parquet = tmp_path / "docs.parquet"
    pq.write_table(
        pa.Table.from_pylist([{**line, "published": PUBLISHED} for line in lines]), parquet
    )
    runner = CliRunner()
    for source in (jsonl, parquet):
        output = tmp_path / f"from-{source.suffix[1:]}"
        result = runner.invoke(
            app,
            ["extract", "--engine", "dask", "--scheduler", cluster.scheduler_address]
            + ["--output", str(output), str(source)],
        )
        assert result.exit_code == 0, result.output
        assert pq.read_table(output).to_pylist() == local_table(documents()).to_pylist()
        (summary,) = result.stderr.splitlines()
        assert summary.startswith("extracted: 5 documents, ")
        assert " 1 partitions, 2 workers, " in summary


def test_a_malformed_line_is_reported_by_file_and_line_and_the_rest_extracted(
    cluster: LocalCluster, tmp_path: Path
) -> None:
    good = [json.dumps({"id": d.id, "text": d.text}) for d in documents()[:2]]
    source = tmp_path / "docs.jsonl"
    source.write_text(f'{good[0]}\n{{"id": "d9", "text": \n{good[1]}\n', encoding="utf-8")
    output = tmp_path / "records"
    result = CliRunner().invoke(
        app,
        ["extract", "--engine", "dask", "--scheduler", cluster.scheduler_address]
        + ["--output", str(output), str(source)],
    )
    assert result.exit_code == 1
    error, summary = result.stderr.splitlines()
    assert error.startswith(f"error: {source}:2: malformed JSON")
    assert summary.startswith("extracted: 2 documents, ")
    assert set(pq.read_table(output).column("doc").to_pylist()) == {"d0", "d1"}


def test_without_a_scheduler_a_local_cluster_of_the_jobs_is_started(tmp_path: Path) -> None:
    summary = extract_on_dask(documents()[:2], tmp_path / "records", workers=2)
    assert (summary.documents, summary.partitions, summary.workers) == (2, 1, 2)
    assert (
        pq.read_table(tmp_path / "records").to_pylist() == local_table(documents()[:2]).to_pylist()
    )
