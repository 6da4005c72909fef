"""Reliability under faults: `ceasefire ingest` killed at random moments, filling a disk,
with PostgreSQL restarted under it, and into a read-only database.

Every run is the real command in a subprocess, on one-paragraph documents cut from the sample
corpus (../shared, read at run time) with an exact duplicate and a near-copy among them (see
tests/fault_runs.py), and what it leaves is compared with the archive of one clean run:

- documents lost: texts (or some of their records) missing once the same command has been run
  again to its end, or gone after a kill that followed their commit;
- duplicates: texts or records stored twice;
- a kill is survived when the archive opens right after it with nothing broken (no orphan
  record, SQLite's integrity and foreign-key checks clean, every stored text exactly as a
  clean run stores it) and the next run does not fail.

Kills land at a random moment between the start of the database's opening and the end of a
clean run's time, so on opening and migrating, loading the model, storing, and exiting; a
run that finishes first completes its archive, which is checked, and the next kill starts
a new one. Faults that cannot be staged here (mounting a small disk needs root, PostgreSQL
must be installed) are reported as skipped.

    .venv/bin/python benchmarks/faults.py              # 50 kills, then the other faults
    .venv/bin/python benchmarks/faults.py --kills 10
"""

from __future__ import annotations

import argparse
import atexit
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT / "tests"))  # the fault runs and PostgreSQL server the tests use

from databases import (  # noqa: E402
    create_database,
    postgres_binaries,
    postgres_server,
    restart_postgres,
    stop_postgres,
)
from fault_runs import (  # noqa: E402
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

from ceasefire.errors import StoreError  # noqa: E402
from ceasefire.store.database import open_database  # noqa: E402

CORPUS_SIZE = 30
_STARTS = 2  # clean runs timed, to place the kills


@dataclass(frozen=True)
class KillResult:
    """SIGKILLs tried and survived, and what they cost the archive."""

    tried: int
    survived: int
    documents_lost: int
    duplicates: int
    seconds: float
    after_storing: int  # kills that came once the run had stored a document of its own
    archives: int  # archives completed by a run after kills, each compared with a clean one


@dataclass(frozen=True)
class FaultResult:
    """One fault staged once: the error line shown (empty when the run got through it), the
    exit status, whether the same command then completed the archive, and what was lost or
    doubled."""

    fault: str
    error: str
    exit_code: int
    resumed: bool
    documents_lost: int
    duplicates: int
    seconds: float
    skipped: str = ""


@dataclass(frozen=True)
class _Prepared:
    corpus: Path
    reference: Contents
    opening: float  # seconds from start to opening the database, in a clean run
    storing: float  # seconds from its first document stored to its last
    duration: float  # seconds of a whole clean run

    def kill_moment(self, rng: random.Random, stored: int) -> float:
        """A random moment from the opening of the database to the end a run resuming after
        `stored` documents is expected to reach."""
        done = stored / len(self.reference.documents)
        return rng.uniform(self.opening, self.duration - self.storing * done)


def run_kill_trials(trials: int = 50, seed: int = 1) -> KillResult:
    """Kill the ingest `trials` times at random moments, each time checking the archive and
    running the same command again, until every kill is tried; then finish the archive."""
    prepared = _prepare()
    rng = random.Random(seed)
    started = time.perf_counter()
    tried = survived = lost = doubled = after_storing = archives = 0
    with _folder("kills") as folder:
        url = _new_archive(folder, archives)
        held: set[str] = set()
        last_kill_survived = False
        while tried < trials:
            before = stored_count(watcher(url))
            process = start_ingest(prepared.corpus, url)
            try:
                process.wait(timeout=prepared.kill_moment(rng, before))
            except subprocess.TimeoutExpired:
                process.send_signal(signal.SIGKILL)
                process.communicate()
                tried += 1
                after = stored_count(watcher(url))
                after_storing += after > before
                survives, gone, held = _check_after_kill(url, prepared.reference, held)
                survived += survives
                lost += gone
                last_kill_survived = survives
                continue
            process.communicate()
            if process.returncode != 0:
                survived -= last_kill_survived  # the archive it left could not be resumed
            last_kill_survived = False
            lost_now, doubled_now = _compare(url, prepared.reference)
            lost, doubled, archives = lost + lost_now, doubled + doubled_now, archives + 1
            url, held = _new_archive(folder, archives), set()
        done = run_ingest(prepared.corpus, url)
        if done.returncode != 0:
            survived -= last_kill_survived
        lost_now, doubled_now = _compare(url, prepared.reference)
    return KillResult(
        tried,
        survived,
        lost + lost_now,
        doubled + doubled_now,
        time.perf_counter() - started,
        after_storing,
        archives + 1,
    )


def run_full_disk() -> FaultResult:
    """Fill the archive's disk while the ingest stores; free it; run the same command again."""
    prepared = _prepare()
    started = time.perf_counter()
    try:
        with small_disk() as folder:
            url = f"sqlite:///{folder / 'archive.db'}"
            process = start_ingest(prepared.corpus, url)
            wait_for_documents(watcher(url), 5, process)
            fill(folder / "filler")
            _, stderr = process.communicate()
            (folder / "filler").unlink()
            stopped = subprocess.CompletedProcess(process.args, process.returncode, "", stderr)
            return _resumed("full disk", prepared, url, stopped, started)
    except OSError as error:
        return _skipped("full disk", str(error))


def run_postgres_restart(down_seconds: float = 2.0) -> FaultResult:
    """Stop PostgreSQL while the ingest stores, keep it down a while, start it again."""
    prepared = _prepare()
    if postgres_binaries() is None:
        return _skipped("PostgreSQL restarted", "PostgreSQL is not installed")
    started = time.perf_counter()
    with _folder("postgres") as folder, postgres_server(folder) as server:
        url = create_database(server, "restarted")
        process = start_ingest(prepared.corpus, url)
        wait_for_documents(watcher(url), 5, process)
        stop_postgres(folder)
        time.sleep(down_seconds)
        restart_postgres(folder)
        _, stderr = process.communicate()
        through = subprocess.CompletedProcess(process.args, process.returncode, "", stderr)
        return _resumed("PostgreSQL restarted", prepared, url, through, started)


def run_read_only(postgres: bool = False) -> FaultResult:
    """Ingest into an archive that cannot be written (a read-only SQLite file, or a PostgreSQL
    database whose transactions are read-only); check nothing changed; make it writable again
    and run the same command."""
    prepared = _prepare()
    fault = "read-only " + ("PostgreSQL database" if postgres else "SQLite file")
    if postgres and postgres_binaries() is None:
        return _skipped(fault, "PostgreSQL is not installed")
    started = time.perf_counter()
    with _folder("read-only") as folder:
        if postgres:
            with postgres_server(folder) as server:
                url = create_database(server, "read_only")
                open_database(url).dispose()  # the schema, as a first run makes it
                _set_read_only(server, "read_only", "on")
                done = run_ingest(prepared.corpus, url)
                unchanged = read_contents(url) == Contents()
                _set_read_only(server, "read_only", "off")
                return _resumed(fault, prepared, url, done, started, unchanged)
        path = folder / "archive.db"
        url = f"sqlite:///{path}"
        first = folder / "first.jsonl"
        first.write_text("".join(prepared.corpus.read_text().splitlines(keepends=True)[:10]))
        run_ingest(first, url)
        before = path.read_bytes()
        path.chmod(0o444)
        done = run_ingest(prepared.corpus, url, preexec_fn=without_root_override())
        path.chmod(0o644)
        return _resumed(fault, prepared, url, done, started, path.read_bytes() == before)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    kills = run_kill_trials(options.kills, options.seed)
    where = f"{kills.after_storing} once it had stored, {kills.archives} archives completed"
    print(f"kills survived      {kills.survived} of {kills.tried} tried ({where})")
    print(f"documents lost      {kills.documents_lost}")
    print(f"duplicates          {kills.duplicates}")
    print(f"kill time           {kills.seconds:.0f} s")
    for result in (run_full_disk(), run_postgres_restart(), run_read_only(), run_read_only(True)):
        print(f"{result.fault:<30}{_outcome(result)}")


def _outcome(result: FaultResult) -> str:
    """A fault's figures in one line."""
    if result.skipped:
        return f"skipped: {result.skipped}"
    resumed = "yes" if result.resumed else "NO"
    error = result.error or "none (the run got through)"
    return (
        f"exit {result.exit_code}, resumed {resumed}, documents lost {result.documents_lost}, "
        f"duplicates {result.duplicates}, {result.seconds:.0f} s; error: {error}"
    )


@cache
def _prepare() -> _Prepared:
    """The corpus, a clean run's archive of it, and the clean run's timing (the best of a few
    starts: the time to open the database, to store every document, and the whole run)."""
    folder = Path(tempfile.mkdtemp(prefix="ceasefire-faults-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    corpus = folder / "paragraphs.jsonl"
    write_corpus(corpus, CORPUS_SIZE)
    openings, storings, durations = [], [], []
    for start in range(_STARTS):
        path = folder / f"clean-{start}.db"
        url = f"sqlite:///{path}"
        started = time.perf_counter()
        process = start_ingest(corpus, url)
        while not path.exists():
            time.sleep(0.01)
        openings.append(time.perf_counter() - started)
        watching, counted, changes = watcher(url), 0, []
        while process.poll() is None:
            if (count := stored_count(watching)) != counted:
                counted = count
                changes.append(time.perf_counter())
            time.sleep(0.02)
        durations.append(time.perf_counter() - started)
        storings.append(changes[-1] - changes[0] if changes else 0.0)
        _, stderr = process.communicate()
        if process.returncode != 0:
            raise SystemExit(f"a clean run failed: {stderr}")
    reference = read_contents(url)
    return _Prepared(corpus, reference, min(openings), min(storings), min(durations))


def _check_after_kill(url: str, reference: Contents, held: set[str]) -> tuple[bool, int, set[str]]:
    """Whether the archive opens whole after a kill, how many texts held before it are gone,
    and the texts it holds now."""
    try:
        contents = read_contents(url)
    except StoreError:
        return False, 0, held
    gone = len(held - contents.texts())
    return not contents.within(reference) and not gone, gone, contents.texts()


def _compare(url: str, reference: Contents) -> tuple[int, int]:
    """Texts lost and texts doubled in a finished archive, against the clean one (a text
    stored unlike a clean run, neither lost nor doubled, counts as lost)."""
    differences = read_contents(url).differences(reference)
    return len(differences.lost | differences.other), len(differences.doubled)


def _resumed(
    fault: str,
    prepared: _Prepared,
    url: str,
    faulted: subprocess.CompletedProcess[str],
    started: float,
    unchanged: bool = True,
) -> FaultResult:
    """The result of a fault (the run it `faulted`) once the same command has been run again;
    `unchanged` says whether the archive was left as it was, where it should have been."""
    done = run_ingest(prepared.corpus, url)
    lost, doubled = _compare(url, prepared.reference)
    return FaultResult(
        fault,
        " | ".join(line.removeprefix("error: ") for line in error_lines(faulted.stderr)),
        faulted.returncode,
        done.returncode == 0 and unchanged,
        lost,
        doubled,
        time.perf_counter() - started,
    )


def _skipped(fault: str, reason: str) -> FaultResult:
    return FaultResult(fault, "", 0, False, 0, 0, 0.0, skipped=reason)


def _set_read_only(server: str, database: str, setting: str) -> None:
    """Make every new session's transactions on `database` read-only ("on") or not ("off")."""
    import psycopg

    plain = server.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(
            f"ALTER DATABASE {database} SET default_transaction_read_only = {setting}"
        )


def _new_archive(folder: Path, number: int) -> str:
    return f"sqlite:///{folder / f'archive-{number}.db'}"


@contextmanager
def _folder(name: str) -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix=f"ceasefire-{name}-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
