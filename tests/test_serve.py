"""`ceasefire serve` as a user starts it: worker processes over one archive, which answer the
API and stop with the command, even when it is killed outright."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from processes import still_running_after, wait_for_children

COMMAND = str(Path(sys.executable).parent / "ceasefire")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_answering(base: str, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert server.poll() is None, "the server stopped"
        try:
            if httpx.get(f"{base}/api/documents", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError(f"nothing answered at {base} in {timeout} s")


def test_the_workers_answer_and_stop_when_serve_is_killed(tmp_path: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    database = f"sqlite:///{tmp_path / 'archive.db'}"
    command = [COMMAND, "serve", "--db", database, "--port", str(port), "--workers", "2"]
    server = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    try:
        wait_until_answering(base, server)
        assert httpx.get(f"{base}/api/documents").json()["items"] == []
        # uvicorn's workers and multiprocessing's resource tracker
        workers = wait_for_children(server.pid, at_least=3)
    finally:
        server.send_signal(signal.SIGKILL)
        server.wait()
    assert still_running_after(workers, seconds=30) == []
    with pytest.raises(httpx.TransportError):  # nothing answers on the port any more
        httpx.get(f"{base}/api/documents", timeout=2)
