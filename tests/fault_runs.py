"""Running `ceasefire ingest` under faults, and checking what it left behind.

Shared by tests/test_faults.py and benchmarks/faults.py: a corpus of one-paragraph documents
cut from the sample corpus (../shared, read at run time), the command as a subprocess, and an
archive's contents in a form two runs can be compared in: which texts are stored, as
documents or near-copies, with exactly which records, and anything broken (a record or band
without its document, a failed SQLite integrity check).
"""

from __future__ import annotations

import ctypes
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from ceasefire.store.database import open_database
from ceasefire.store.tables import document_bands, document_copies, documents, events, figures
from ceasefire.store.tables import quotes as quotes_table

SHARED = Path(__file__).resolve().parents[2] / "shared"
SAMPLES = (SHARED / "corpus" / "seeds.jsonl", SHARED / "dev" / "docs.jsonl")
COMMAND = str(Path(sys.executable).parent / "ceasefire")
_RECORD_TABLES = (figures, events, quotes_table)
_SHORTEST_PARAGRAPH = 25  # words: shorter ones are headings and captions


def write_corpus(path: Path, count: int) -> int:
    """Write `count` one-paragraph documents as JSON Lines, taken in turn from each sample
    document, then the same text under another id (an exact duplicate) and a wire's copy of
    the longest (a near-copy); return how many lines were written."""
    samples = [json.loads(line) for source in SAMPLES for line in source.read_text().splitlines()]
    paragraphs = [
        [
            {**sample, "id": f"{sample['id']}-{number}", "text": paragraph}
            for number, paragraph in enumerate(sample["text"].split("\n"))
            if len(paragraph.split()) >= _SHORTEST_PARAGRAPH
        ]
        for sample in samples
    ]
    chosen: list[dict[str, Any]] = []
    while len(chosen) < count:
        for remaining in paragraphs:
            if remaining and len(chosen) < count:
                chosen.append(remaining.pop(0))
    longest = max(chosen, key=lambda item: len(item["text"]))
    chosen.append({**chosen[0], "id": "exact-duplicate"})
    chosen.append({**longest, "id": "near-copy", "text": "Reuters - " + longest["text"]})
    path.write_text("".join(json.dumps(item) + "\n" for item in chosen), encoding="utf-8")
    return len(chosen)


def ingest_command(corpus: Path, url: str) -> list[str]:
    """The command a user runs, as a subprocess's arguments."""
    return [COMMAND, "ingest", str(corpus), "--db", url]


def start_ingest(corpus: Path, url: str, **options: Any) -> subprocess.Popen[str]:
    """`ceasefire ingest` running in the background, its stderr captured."""
    return subprocess.Popen(
        ingest_command(corpus, url),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        **options,
    )


def run_ingest(corpus: Path, url: str, **options: Any) -> subprocess.CompletedProcess[str]:
    """`ceasefire ingest` run to its end."""
    return subprocess.run(
        ingest_command(corpus, url), capture_output=True, text=True, timeout=300, **options
    )


@contextmanager
def small_disk(size: str = "16m") -> Iterator[Path]:
    """A folder on a file system of its own of `size` (a tmpfs), which can be filled up; an
    OSError where mounting is not allowed (it needs root)."""
    folder = Path(tempfile.mkdtemp(prefix="ceasefire-disk-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        folder.rmdir()
        raise OSError(f"cannot mount a small file system here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)
        folder.rmdir()


def fill(path: Path) -> None:
    """Take every byte left on `path`'s file system, as another program filling a disk would."""
    with path.open("wb", buffering=0) as filler:
        try:
            while True:
                filler.write(b"\0" * 65536)
        except OSError as error:
            if error.strerror != "No space left on device":
                raise


def without_root_override() -> Callable[[], None] | None:
    """For a subprocess started by root: give up the capabilities that let root write (and
    read) any file, so file permissions hold for it as for anyone. None when not root."""
    if os.geteuid() != 0:
        return None
    libc = ctypes.CDLL(None, use_errno=True)

    def drop() -> None:
        for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
            if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")

    return drop


def watcher(url: str) -> Engine:
    """An engine that only counts, without creating or migrating anything, and holds no
    connection between counts (so it survives a restarted server)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        parsed = parsed.set(database=f"file:{parsed.database}?mode=ro", query={"uri": "true"})
    return create_engine(parsed, poolclass=NullPool)


def stored_count(engine: Engine) -> int:
    """Documents stored so far (0 while the database or its schema does not exist yet)."""
    try:
        with engine.connect() as connection:
            return int(connection.scalar(select(func.count()).select_from(documents)) or 0)
    except SQLAlchemyError:
        return 0


def wait_for_documents(
    engine: Engine, at_least: int, process: subprocess.Popen[str], timeout: float = 120.0
) -> int:
    """Wait until the running ingest has stored `at_least` documents; how many it has."""
    deadline = time.monotonic() + timeout
    while (stored := stored_count(engine)) < at_least:
        if process.poll() is not None:
            _, errors = process.communicate()
            raise AssertionError(f"ingest ended ({process.returncode}) early: {errors}")
        if time.monotonic() > deadline:
            raise AssertionError(f"ingest stored {stored} documents in {timeout} s")
        time.sleep(0.05)
    return stored


@dataclass
class Contents:
    """What an archive holds, keyed by text (the SHA-256 documents are stored under)."""

    documents: dict[str, str] = field(default_factory=dict)  # text hash -> input id
    copies: dict[str, str] = field(default_factory=dict)  # near-copy's hash -> original's
    records: dict[str, Counter[tuple[Any, ...]]] = field(default_factory=dict)
    bands: Counter[str] = field(default_factory=Counter)
    broken: list[str] = field(default_factory=list)  # orphans, integrity problems

    def texts(self) -> set[str]:
        """Every text stored, as a document or as a near-copy."""
        return set(self.documents) | set(self.copies)

    def differences(self, reference: Contents) -> Differences:
        """How this archive departs from a clean run's: texts missing (or missing records),
        texts or records stored twice, and anything else that differs."""
        lost, doubled, other = set(), set(), set()
        for key in self.texts() - reference.texts():
            other.add(key)
        for key in reference.texts():
            if key not in self.texts():
                lost.add(key)
            elif key in self.documents and key in self.copies:
                doubled.add(key)
            elif self.copies.get(key) != reference.copies.get(key):
                other.add(key)
        for key, wanted in reference.records.items():
            found = self.records.get(key, Counter())
            if key not in self.documents or found == wanted:
                continue
            if found - wanted and not wanted - found:
                doubled.add(key)
            elif wanted - found and not found - wanted:
                lost.add(key)
            else:
                other.add(key)
        return Differences(lost, doubled, other)

    def within(self, reference: Contents) -> list[str]:
        """Problems of an archive a run was killed in: anything broken, or any stored text
        that is not stored exactly as a clean run stores it (a part of its records, say)."""
        problems = list(self.broken)
        for key in self.documents:
            if self.records.get(key, Counter()) != reference.records.get(key, Counter()):
                problems.append(f"{self.documents[key]}: records differ from a clean run's")
            if self.bands[key] != reference.bands[key]:
                problems.append(f"{self.documents[key]}: {self.bands[key]} MinHash bands")
        for key, original in self.copies.items():
            if reference.copies.get(key) != original:
                problems.append(f"{key}: linked to {original}, not as in a clean run")
        return problems


@dataclass(frozen=True)
class Differences:
    """Texts (by hash) lost, stored twice, or otherwise unlike a clean run's archive."""

    lost: set[str]
    doubled: set[str]
    other: set[str]


def read_contents(url: str) -> Contents:
    """Open the archive as the program does (migrating it if need be) and read it whole."""
    engine = open_database(url)
    try:
        with engine.connect() as connection:
            return _contents(connection, engine.dialect.name == "sqlite")
    finally:
        engine.dispose()


def _contents(connection: Any, sqlite: bool) -> Contents:
    contents = Contents()
    for row in connection.execute(select(documents.c.id, documents.c.source_id)):
        contents.documents[row.id] = row.source_id
    for row in connection.execute(select(document_copies.c.id, document_copies.c.original_id)):
        contents.copies[row.id] = row.original_id
    for table in _RECORD_TABLES:
        columns = [column for column in table.c if column.name != "id"]
        for row in connection.execute(select(*columns)):
            values = row._mapping
            key = values["document_id"]
            record = (table.name, *(values[column.name] for column in columns))
            contents.records.setdefault(key, Counter())[record] += 1
    for row in connection.execute(select(document_bands.c.document_id)):
        contents.bands[row.document_id] += 1
    contents.broken.extend(_orphans(contents))
    if sqlite:
        contents.broken.extend(_integrity_problems(connection))
    return contents


def _orphans(contents: Contents) -> list[str]:
    stored = contents.documents
    found = [f"records of missing document {key}" for key in contents.records if key not in stored]
    found += [
        f"MinHash bands of missing document {key}" for key in contents.bands if key not in stored
    ]
    found += [
        f"near-copy {key} of missing document {original}"
        for key, original in contents.copies.items()
        if original not in stored
    ]
    return found


def _integrity_problems(connection: Any) -> list[str]:
    checked = [row[0] for row in connection.execute(text("PRAGMA integrity_check"))]
    problems = [f"integrity_check: {line}" for line in checked if line != "ok"]
    foreign = connection.execute(text("PRAGMA foreign_key_check")).all()
    return problems + [f"foreign_key_check: {tuple(row)}" for row in foreign]


def error_lines(stderr: str) -> Sequence[str]:
    """The lines of a run's stderr that report an error."""
    return [line for line in stderr.splitlines() if line.startswith("error:")]
