"""Worker processes that do not outlive the process that started them."""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import threading


def exit_with_parent() -> None:
    """Exit this (spawned) worker as soon as its parent process ends, however it ends.

    A parent killed outright (SIGKILL, out of memory) never stops its workers: an extraction
    worker would wait on its task queue forever holding a model's memory, and a server worker
    would go on answering on the port. A daemon thread waits on the parent's sentinel instead.
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
