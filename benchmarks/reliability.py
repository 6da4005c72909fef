"""Issue 9's bar in one run: inputs fuzzed and crashes, SIGKILLs survived, documents lost and
stored twice across every fault, and the API's p99 under load while an ingest writes.

    .venv/bin/python benchmarks/reliability.py                    # the full run (~15 minutes)
    .venv/bin/python benchmarks/reliability.py --kills 5 --fuzz-seconds 5 --load-seconds 10

Each part is its own benchmark (fuzz.py, faults.py, load.py) with more detail; this script
only runs them in turn and prints the figures the issue asks for, one per line.
"""

from __future__ import annotations

import argparse

from faults import run_full_disk, run_kill_trials, run_postgres_restart, run_read_only
from fuzz import run_fuzzing
from load import run_load


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=50, help="SIGKILLs during ingest")
    parser.add_argument("--fuzz-seconds", type=float, default=60, help="seconds per fuzz target")
    parser.add_argument("--load-seconds", type=float, default=60, help="load window")
    parser.add_argument("--clients", type=int, default=50, help="concurrent API clients")
    options = parser.parse_args()

    fuzzed = run_fuzzing(options.fuzz_seconds)
    print(f"inputs fuzzed        {fuzzed.inputs}")
    print(f"crashes              {fuzzed.crashes}")

    kills = run_kill_trials(options.kills)
    faults = [run_full_disk(), run_postgres_restart(), run_read_only(), run_read_only(True)]
    for fault in faults:
        outcome = fault.skipped or fault.error or "got through"
        print(f"fault {fault.fault:<20} {outcome} (resumed: {fault.resumed})")
    lost = kills.documents_lost + sum(fault.documents_lost for fault in faults)
    doubled = kills.duplicates + sum(fault.duplicates for fault in faults)
    print(f"kills survived       {kills.survived} of {kills.tried}")
    print(f"documents lost       {lost}")
    print(f"duplicates           {doubled}")

    load = run_load(options.load_seconds, options.clients)
    print(
        f"p99 under load       {load.worst_p99_ms:.0f} ms (worst list endpoint; "
        f"{load.clients} clients, {load.seconds:.0f} s, {load.requests} requests, "
        f"{load.errors} errors, {load.documents_ingested} documents ingested meanwhile)"
    )


if __name__ == "__main__":
    main()
