"""Extraction on several processes: the same records, in input order; one writer to the store."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

from processes import still_running_after, wait_for_children

from ceasefire.archive import ingest
from ceasefire.document import Document, normalize_text
from ceasefire.extract import extract
from ceasefire.extract.parallel import extract_in_parallel
from ceasefire.store.database import open_database
from ceasefire.store.reading import list_documents, list_figures

TEXTS = [
    "Israeli strikes killed 12 people in Rafah on Monday, the Gaza health ministry said.",
    "Hamas fired 20 rockets at Sderot on Sunday, the Israeli military said.",
    "Russia launched 90 drones at Kyiv overnight, the Ukrainian air force said.",
    "The RSF shelled El Fasher on Friday, killing 7 civilians, medics said.",
    "Hezbollah fired 30 rockets at northern Israel, the army said.",
]


def documents() -> list[Document]:
    return [
        Document(id=f"d{n}", text=normalize_text(text), published=date(2024, 3, 5))
        for n, text in enumerate(TEXTS)
    ]


def test_two_processes_give_the_records_of_one_in_input_order() -> None:
    parallel = list(extract_in_parallel(documents(), jobs=2))
    assert [document.id for document, _ in parallel] == [f"d{n}" for n in range(len(TEXTS))]
    assert [records for _, records in parallel] == [extract(d) for d in documents()]


def test_ingesting_with_two_processes_stores_once_and_links_a_copy_made_in_the_same_run(
    tmp_path: object,
) -> None:
    engine = open_database(f"sqlite:///{tmp_path}/archive.db")
    body = " ".join(TEXTS) * 2
    items = [
        *documents(),
        Document(id="original", text=body),
        Document(id="syndicated", text=body + " Reporting by the wire desk."),
    ]
    summary = ingest(engine, items, on_error=print, jobs=2)
    assert (summary.counts["new"], summary.counts["near_copy"]) == (6, 1)
    assert len(list_documents(engine)) == 6
    again = ingest(engine, documents(), on_error=print, jobs=2)
    assert again.counts["duplicate"] == len(TEXTS)
    assert sorted(f.value.n for f in list_figures(engine) if f.doc.startswith("d")) == [
        7,
        12,
        20,
        30,
        90,
    ]


STALLED_PARENT = """
import time
from ceasefire.document import Document
from ceasefire.extract.parallel import extract_in_parallel

def documents():
    for n in range(4):
        yield Document(id=f"d{n}", text="Hamas fired 20 rockets at Sderot on Sunday.")
    time.sleep(600)  # an input that stalls: the workers wait for work

for _ in extract_in_parallel(documents(), 2):
    pass
"""


def test_workers_exit_when_their_parent_is_killed() -> None:
    parent = subprocess.Popen([sys.executable, "-c", STALLED_PARENT])
    try:
        workers = wait_for_children(parent.pid, at_least=2)
    finally:
        parent.kill()
        parent.wait()
    assert still_running_after(workers, seconds=30) == []
