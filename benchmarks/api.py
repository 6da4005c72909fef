"""API latency: p50 and p99 of the list endpoints over an archive of 10,000 records, measured by
a load tool (wrk, from Debian's `wrk` package) on loopback, one endpoint at a time.

The archive and the server are built as `archive_server` says; the server is `ceasefire serve`
in its own process. For the same endpoints under 50 clients while an ingest writes, see
benchmarks/load.py.

    .venv/bin/python benchmarks/api.py                 # 10,000 records, 10 s per endpoint
    .venv/bin/python benchmarks/api.py --records 2000 --seconds 3
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from archive_server import LIST_ENDPOINTS, TARGET_P99_MS, build_archive, serving
from wrk_report import measure, require_wrk


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=10)
    options = parser.parse_args()
    require_wrk()
    folder = Path(tempfile.mkdtemp(prefix="ceasefire-api-bench-"))
    url = f"sqlite:///{folder / 'archive.db'}"
    try:
        started = time.perf_counter()
        held = build_archive(url, options.records)
        took = time.perf_counter() - started
        print(f"archive             {held} records ({took:.1f} s to build)")
        with serving(url) as base:
            print(
                f"load                wrk, {options.connections} connections, "
                f"{options.seconds} s each"
            )
            print(f"{'endpoint':<52} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>8}")
            worst = 0.0
            for path in LIST_ENDPOINTS:
                report = measure(base, path, options.seconds, options.connections)
                worst = max(worst, report.p99_ms)
                print(f"{path:<52} {report.p50_ms:>8.1f} {report.p99_ms:>8.1f} {report.rate:>8.0f}")
            verdict = "met" if worst < TARGET_P99_MS else "NOT met"
            target = f"target < {TARGET_P99_MS:.0f} ms: {verdict}"
            print(f"worst p99           {worst:.1f} ms ({target})")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
