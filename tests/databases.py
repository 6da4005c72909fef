"""Throwaway databases for the store tests: a SQLite file, or a PostgreSQL server on loopback.

The PostgreSQL server is started once per test session from the machine's PostgreSQL binaries
(`.ci/run` installs Debian's `postgresql`), in a temporary folder, listening on 127.0.0.1 only,
and each test gets a database of its own on it. As root, the server runs as the `postgres`
system user, since PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Set in CI: a missing PostgreSQL is then a failure, not a skipped test.
REQUIRE_POSTGRES = "CEASEFIRE_REQUIRE_POSTGRES"


def postgres_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl, if PostgreSQL is installed."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).parent
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    return Path(folders[0]) if folders else None


@contextmanager
def postgres_server(folder: Path) -> Iterator[str]:
    """Run a PostgreSQL server in `folder`; yield its URL (database "postgres")."""
    binaries = postgres_binaries()
    if binaries is None:
        raise RuntimeError("PostgreSQL is not installed (no initdb/pg_ctl)")
    data, sockets = folder / "data", folder / "sockets"
    sockets.mkdir(parents=True)
    run_as = _server_user(folder)
    port = _free_port()
    _run(run_as, [str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                  "--no-sync", "-E", "UTF8"])  # fmt: skip
    options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
    _run(run_as, [str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-w",
                  "-l", str(folder / "server.log"), "start"])  # fmt: skip
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        _run(run_as, [str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"])


def stop_postgres(folder: Path) -> None:
    """Stop the server running in `folder` as an administrator would, dropping every client's
    connection ("fast" shutdown)."""
    _control(folder, "-m", "fast", "stop")


def restart_postgres(folder: Path) -> None:
    """Start the server in `folder` again with the options it was started with (stopping it
    first, dropping every connection, if it runs)."""
    _control(folder, "-m", "fast", "restart")


def _control(folder: Path, *arguments: str) -> None:
    binaries = postgres_binaries()
    assert binaries is not None, "PostgreSQL is not installed"
    _run(_server_user(folder), [str(binaries / "pg_ctl"), "-D", str(folder / "data"), "-w",
                                "-l", str(folder / "server.log"), *arguments])  # fmt: skip


def create_database(server_url: str, name: str) -> str:
    """A new empty database on the server; its URL."""
    import psycopg

    plain = server_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return server_url.rsplit("/", 1)[0] + f"/{name}"


def _server_user(folder: Path) -> list[str]:
    if os.geteuid() != 0:
        return []
    user = pwd.getpwnam("postgres")
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, user.pw_uid, user.pw_gid)
    return ["runuser", "-u", "postgres", "--"]


def _run(prefix: list[str], command: list[str]) -> None:
    subprocess.run([*prefix, *command], check=True, capture_output=True, timeout=120)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
