"""Running wrk (Debian's `wrk` package) on one address and reading its report: latency
percentiles, requests, and every request that failed (a non-2xx/3xx answer or a socket error:
connect, read, write, or a timeout after wrk's 2 s)."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass

_LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
_REQUESTS = re.compile(r"^\s+(\d+) requests in", re.MULTILINE)
_SOCKET_ERRORS = re.compile(r"connect (\d+), read (\d+), write (\d+), timeout (\d+)")
_NON_2XX = re.compile(r"Non-2xx or 3xx responses: (\d+)")


@dataclass(frozen=True)
class WrkReport:
    """What wrk measured on one address."""

    path: str
    requests: int
    p50_ms: float
    p99_ms: float
    errors: int
    seconds: float

    @property
    def rate(self) -> float:
        """Requests per second."""
        return self.requests / self.seconds


def require_wrk() -> None:
    """Stop the benchmark with the way to install wrk when it is missing."""
    if shutil.which("wrk") is None:
        raise SystemExit("error: wrk is not installed (apt-get install wrk)")


def start_wrk(base: str, path: str, seconds: float, connections: int) -> subprocess.Popen[str]:
    """wrk on one thread keeping `connections` requests to `path` in flight for `seconds`."""
    command = ["wrk", "--latency", f"-d{round(seconds)}s", f"-c{connections}", "-t1", base + path]
    return subprocess.Popen(command, stdout=subprocess.PIPE, text=True)


def read_report(path: str, seconds: float, running: subprocess.Popen[str]) -> WrkReport:
    """Wait for a wrk started by `start_wrk` and parse its report."""
    output, _ = running.communicate()
    if running.returncode != 0:
        raise SystemExit(f"error: wrk failed on {path}:\n{output}")
    latency = {p: float(v) * _UNIT_MS[u] for p, v, u in _LATENCY.findall(output)}
    requests = _REQUESTS.search(output)
    sockets = _SOCKET_ERRORS.search(output)
    refused = _NON_2XX.search(output)
    failed_sockets = sum(map(int, sockets.groups())) if sockets else 0
    return WrkReport(
        path=path,
        requests=int(requests.group(1)) if requests else 0,
        p50_ms=latency.get("50", float("nan")),
        p99_ms=latency.get("99", float("nan")),
        errors=failed_sockets + (int(refused.group(1)) if refused else 0),
        seconds=seconds,
    )


def measure(base: str, path: str, seconds: float, connections: int) -> WrkReport:
    """One wrk run on one address, on its own."""
    return read_report(path, seconds, start_wrk(base, path, seconds, connections))
