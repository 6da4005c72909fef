"""Faults during `ceasefire ingest`: killed at random moments, a full disk, PostgreSQL
restarted or gone, a read-only database.

Whatever happens, nothing committed is lost, nothing is stored twice, a failure is one clear
line naming the database (never its password) with a non-zero exit, and running the same
command again resumes to exactly the archive a clean run makes. Every run is the real
command in a subprocess; the clean run's archive is the reference.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fault_runs import (
    SAMPLES,
    Contents,
    error_lines,
    fill,
    read_contents,
    run_ingest,
    small_disk,
    start_ingest,
    stored_count,
    wait_for_documents,
    watcher,
    without_root_override,
    write_corpus,
)

from ceasefire.store.database import open_database

pytestmark = pytest.mark.slow

CORPUS_SIZE = 40
SUMMARY = re.compile(r"^ingested: \d+ new, \d+ duplicate, \d+ near-copy, 0 failed$")
STOPPED = "stopped by the error above (once it is fixed, the same command resumes)"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One-paragraph documents from the sample corpus, with an exact duplicate and a
    near-copy among them."""
    missing = [str(path) for path in SAMPLES if not path.exists()]
    if missing:
        pytest.skip(f"sample corpus not found: {', '.join(missing)}")
    path = tmp_path_factory.mktemp("corpus") / "paragraphs.jsonl"
    write_corpus(path, CORPUS_SIZE)
    return path


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Contents:
    """The archive one uninterrupted run makes of the corpus."""
    url = f"sqlite:///{tmp_path_factory.mktemp('reference') / 'archive.db'}"
    done = run_ingest(corpus, url)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1].endswith("1 duplicate, 1 near-copy, 0 failed")
    contents = read_contents(url)
    assert len(contents.documents) == CORPUS_SIZE and len(contents.copies) == 1
    assert contents.broken == []
    return contents


@pytest.fixture(scope="module")
def own_postgres() -> Iterator[tuple[str, Path]]:
    """A PostgreSQL server of these tests' own (its URL and folder), since they stop and
    restart it."""
    from databases import REQUIRE_POSTGRES, postgres_binaries, postgres_server

    if postgres_binaries() is None:
        if os.environ.get(REQUIRE_POSTGRES):
            pytest.fail("PostgreSQL is required (CEASEFIRE_REQUIRE_POSTGRES) but not installed")
        pytest.skip("PostgreSQL is not installed")
    folder = Path(tempfile.mkdtemp(prefix="ceasefire-faults-"))
    try:
        with postgres_server(folder) as url:
            yield url, folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def postgres_database(own_postgres: tuple[str, Path], name: str) -> str:
    """A new database on the tests' server, its URL carrying a password (the server trusts
    loopback, so it is ignored) that no message may show."""
    from databases import create_database

    url = create_database(own_postgres[0], name)
    return url.replace("postgres@", "postgres:hunter2@")


def shown(url: str) -> str:
    """The URL as messages must show it."""
    return url.replace(":hunter2@", ":***@")


def kill_while_writing(
    corpus: Path, url: str, reference: Contents, kills: int, seed: int
) -> list[int]:
    """Kill the ingest with SIGKILL `kills` times, each at a random moment after it has begun
    storing, checking the archive after each; the number of documents stored at each kill."""
    rng = random.Random(seed)
    watching = watcher(url)
    counts: list[int] = []
    before: set[str] = set()
    for _ in range(kills):
        process = start_ingest(corpus, url)
        wait_for_documents(watching, stored_count(watching) + 1, process)
        time.sleep(rng.uniform(0.0, 0.5))
        process.send_signal(signal.SIGKILL)
        process.communicate()
        assert process.returncode == -signal.SIGKILL, "the ingest ended before it was killed"
        after = read_contents(url)
        assert after.within(reference) == []
        assert before <= after.texts(), "a document stored before a kill is gone"
        before = after.texts()
        counts.append(len(before))
    return counts


def assert_resumes_to(corpus: Path, url: str, reference: Contents) -> None:
    """The same command, run again, finishes the archive exactly as a clean run makes it."""
    done = run_ingest(corpus, url)
    assert done.returncode == 0, done.stderr
    assert SUMMARY.match(done.stderr.splitlines()[-1]), done.stderr
    contents = read_contents(url)
    assert contents.broken == []
    differences = contents.differences(reference)
    assert (differences.lost, differences.doubled, differences.other) == (set(), set(), set())


def test_an_ingest_killed_at_random_moments_resumes_with_nothing_lost_or_doubled(
    corpus: Path, reference: Contents, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'archive.db'}"
    counts = kill_while_writing(corpus, url, reference, kills=3, seed=7)
    assert counts == sorted(counts) and 0 < counts[-1] < len(reference.texts())
    assert_resumes_to(corpus, url, reference)


def test_an_ingest_into_postgresql_killed_while_storing_resumes_with_nothing_lost_or_doubled(
    corpus: Path, reference: Contents, own_postgres: tuple[str, Path]
) -> None:
    url = postgres_database(own_postgres, "killed")
    kill_while_writing(corpus, url, reference, kills=1, seed=8)
    assert_resumes_to(corpus, url, reference)


def test_a_kill_while_the_schema_is_created_leaves_a_database_that_opens(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'archive.db'}"
    # The process kills itself right after creating the second table of the first migration.
    killed_midway = (
        "import os, signal, sys\n"
        "from sqlalchemy import Engine, event\n"
        "from ceasefire.store.database import open_database\n"
        "@event.listens_for(Engine, 'after_cursor_execute')\n"
        "def kill(connection, cursor, statement, *rest):\n"
        "    if statement.lstrip().startswith('CREATE TABLE document_copies'):\n"
        "        os.kill(os.getpid(), signal.SIGKILL)\n"
        "open_database(sys.argv[1])\n"
    )
    done = subprocess.run([sys.executable, "-c", killed_midway, url], capture_output=True)
    assert done.returncode == -signal.SIGKILL, done.stderr
    engine = open_database(url)
    engine.dispose()
    assert read_contents(url).documents == {}


@pytest.fixture
def disk() -> Iterator[Path]:
    """A folder on a small file system of its own; skipped where it cannot be mounted."""
    try:
        with small_disk() as folder:
            yield folder
    except OSError as error:
        pytest.skip(str(error))


def test_a_full_disk_stops_the_ingest_clearly_and_the_same_command_resumes_once_freed(
    corpus: Path, reference: Contents, disk: Path
) -> None:
    url = f"sqlite:///{disk / 'archive.db'}"
    process = start_ingest(corpus, url)
    stored = wait_for_documents(watcher(url), 5, process)
    fill(disk / "filler")
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 1, stderr
    [error, summary] = stderr.splitlines()
    full = rf"error: {re.escape(url)}: cannot store '[^']+': database or disk is full"
    assert re.fullmatch(full, error), stderr
    assert summary.endswith(STOPPED)
    kept = read_contents(url)
    assert kept.within(reference) == [] and len(kept.documents) >= stored
    (disk / "filler").unlink()
    assert_resumes_to(corpus, url, reference)


def test_postgresql_restarted_mid_ingest_is_retried_and_nothing_is_lost_or_doubled(
    corpus: Path, reference: Contents, own_postgres: tuple[str, Path]
) -> None:
    from databases import restart_postgres, stop_postgres

    url = postgres_database(own_postgres, "restarted")
    process = start_ingest(corpus, url)
    wait_for_documents(watcher(url), 5, process)
    stop_postgres(own_postgres[1])
    time.sleep(2)  # down for a while: new connections are refused, not only old ones dropped
    assert process.poll() is None, "the ingest did not wait for the server"
    restart_postgres(own_postgres[1])
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    assert SUMMARY.match(stderr), stderr  # and nothing else
    contents = read_contents(url)
    differences = contents.differences(reference)
    assert (differences.lost, differences.doubled, differences.other) == (set(), set(), set())


def test_postgresql_gone_for_longer_than_the_retries_is_one_clear_error_then_resumes(
    corpus: Path, reference: Contents, own_postgres: tuple[str, Path]
) -> None:
    from databases import restart_postgres, stop_postgres

    url = postgres_database(own_postgres, "gone")
    environment = {**os.environ, "CEASEFIRE_DB_RETRY_SECONDS": "2"}
    process = start_ingest(corpus, url, env=environment)
    wait_for_documents(watcher(url), 5, process)
    stop_postgres(own_postgres[1])
    try:
        _, stderr = process.communicate(timeout=60)
    finally:
        restart_postgres(own_postgres[1])
    assert process.returncode == 1, stderr
    [error, summary] = stderr.splitlines()
    assert error.startswith(f"error: {shown(url)}: cannot "), error
    assert re.search(r"\(tried \d+ times in [23] s\)$", error), error
    assert "hunter2" not in stderr and summary.endswith(STOPPED)
    assert read_contents(url).within(reference) == []
    assert_resumes_to(corpus, url, reference)


@pytest.fixture(scope="module")
def partial_archive(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite archive of the corpus's first ten documents, closed cleanly (one file)."""
    folder = tmp_path_factory.mktemp("partial")
    first = folder / "first.jsonl"
    first.write_text("".join(corpus.read_text().splitlines(keepends=True)[:10]))
    done = run_ingest(first, f"sqlite:///{folder / 'archive.db'}")
    assert done.returncode == 0, done.stderr
    return folder / "archive.db"


@pytest.mark.parametrize("read_only", ["file", "file and folder"])
def test_a_read_only_sqlite_archive_is_one_clear_error_and_left_unchanged(
    corpus: Path, partial_archive: Path, tmp_path: Path, read_only: str
) -> None:
    path = tmp_path / "archive" / "archive.db"
    path.parent.mkdir()
    shutil.copy(partial_archive, path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    path.chmod(0o444)
    if read_only == "file and folder":
        path.parent.chmod(0o555)
    url = f"sqlite:///{path}"
    try:
        done = run_ingest(corpus, url, preexec_fn=without_root_override())
    finally:
        path.parent.chmod(0o755)
    assert done.returncode == 1, done.stderr
    [error] = error_lines(done.stderr)
    assert error.startswith(f"error: {url}: cannot "), error
    assert error.endswith("attempt to write a readonly database"), error
    assert "Traceback" not in done.stderr
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_read_only_postgresql_database_is_one_clear_error_and_left_unchanged(
    corpus: Path, own_postgres: tuple[str, Path]
) -> None:
    import psycopg

    url = postgres_database(own_postgres, "read_only")
    open_database(url).dispose()  # the schema, as a first run makes it
    plain = own_postgres[0].replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute("ALTER DATABASE read_only SET default_transaction_read_only = on")
    done = run_ingest(corpus, url)
    assert done.returncode == 1, done.stderr
    [error, summary] = done.stderr.splitlines()
    assert error.startswith(f"error: {shown(url)}: cannot store "), error
    assert error.endswith("cannot execute INSERT in a read-only transaction"), error
    assert summary.endswith(STOPPED)
    assert read_contents(url) == Contents()
