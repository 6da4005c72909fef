"""API latency: p50 and p99 of the list endpoints over an archive of 10,000 records, measured by
a load tool (wrk, from Debian's `wrk` package) on loopback.

The archive is built from the sample documents (../shared, read at run time): each is extracted
once, then stored again and again under texts of its own (a numbered paragraph appended, so
every copy is a distinct document whose records' spans still point into it) until the archive
holds the records asked for. The server is `ceasefire serve` in its own process.

    .venv/bin/python benchmarks/api.py                 # 10,000 records, 10 s per endpoint
    .venv/bin/python benchmarks/api.py --records 2000 --seconds 3
"""

from __future__ import annotations

import argparse
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import httpx

from ceasefire.errors import InputError
from ceasefire.extract import extract
from ceasefire.ingest import iter_documents
from ceasefire.store.database import open_database
from ceasefire.store.near_copies import signature
from ceasefire.store.writing import save_document

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (ROOT / "../shared/corpus/seeds.jsonl", ROOT / "../shared/dev/docs.jsonl")
ENDPOINTS = (
    "/api/events?limit=100",
    "/api/events?type=airstrike&place=gaza&limit=100",
    "/api/figures?claimant=ministry&limit=100",
    "/api/figures?since=2024-01-01&limit=100&offset=500",
    "/api/documents?limit=100",
    "/api/quotes?limit=100",
)
TARGET_P99_MS = 100.0
_LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def build_archive(url: str, records: int) -> int:
    """Fill a fresh archive with at least `records` records; return how many it holds."""
    engine = open_database(url)
    extracted = []
    for item in iter_documents([str(path) for path in SOURCES]):
        if isinstance(item, InputError):
            raise SystemExit(f"error: {item}")
        extracted.append((item, [r for r in extract(item) if r.kind != "document"]))
    stored, copy = 0, 0
    while stored < records:
        for document, found in extracted:
            copy += 1
            text = f"{document.text}\n\nArchive copy {copy}."
            unique = replace(document, id=f"{document.id}-{copy}", text=text)
            relabelled = [replace(record, doc=unique.id) for record in found]
            save_document(engine, unique, relabelled, signature(text))
            stored += len(found)
    engine.dispose()
    return stored


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(base: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/documents?limit=1", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.3)
    raise SystemExit("error: the server did not start")


def measure(base: str, path: str, seconds: int, connections: int) -> tuple[float, float, str]:
    """p50 and p99 in milliseconds, and requests/s, as wrk reports them."""
    command = ["wrk", "--latency", f"-d{seconds}s", f"-c{connections}", "-t1", base + path]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    found = {p: float(v) * _UNIT_MS[u] for p, v, u in _LATENCY.findall(output)}
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    return found["50"], found["99"], rate.group(1) if rate else "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=10)
    options = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("error: wrk is not installed (apt-get install wrk)")
    folder = Path(tempfile.mkdtemp(prefix="ceasefire-api-bench-"))
    url = f"sqlite:///{folder / 'archive.db'}"
    started = time.perf_counter()
    held = build_archive(url, options.records)
    print(f"archive             {held} records ({time.perf_counter() - started:.1f} s to build)")
    port = free_port()
    command = Path(sys.executable).parent / "ceasefire"
    server = subprocess.Popen(
        [str(command), "serve", "--db", url, "--port", str(port)], stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base)
        print(
            f"load                wrk, {options.connections} connections, {options.seconds} s each"
        )
        print(f"{'endpoint':<52} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>8}")
        worst = 0.0
        for path in ENDPOINTS:
            p50, p99, rate = measure(base, path, options.seconds, options.connections)
            worst = max(worst, p99)
            print(f"{path:<52} {p50:>8.1f} {p99:>8.1f} {rate:>8}")
        verdict = "met" if worst < TARGET_P99_MS else "NOT met"
        print(f"worst p99           {worst:.1f} ms (target < {TARGET_P99_MS:.0f} ms: {verdict})")
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
