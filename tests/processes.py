"""Watching a process's children from /proc (Linux): which it started, and which outlive it."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path


def wait_for_children(pid: int, at_least: int, timeout: float = 120) -> list[int]:
    """The processes started by `pid` once it has `at_least` of them."""
    deadline = time.monotonic() + timeout
    while len(found := children(pid)) < at_least:
        assert time.monotonic() < deadline, f"{pid} started {len(found)} processes"
        time.sleep(0.1)
    return found


def children(pid: int) -> list[int]:
    """The live processes whose parent is `pid`."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def still_running_after(pids: list[int], seconds: float) -> list[int]:
    """Those of `pids` still running `seconds` from now (killed then, so that no test leaves
    them behind)."""
    deadline = time.monotonic() + seconds
    while (alive := [pid for pid in pids if running(pid)]) and time.monotonic() < deadline:
        time.sleep(0.1)
    for pid in alive:
        os.kill(pid, signal.SIGKILL)
    return alive


def running(pid: int) -> bool:
    """Whether `pid` is a live process (a zombie waiting to be reaped is not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
