"""Database failures as the user sees them: a dropped connection retried a while, anything else
(or a server gone for good) one line naming the database without its password."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import pytest
from sqlalchemy import create_engine
from sqlalchemy.exc import OperationalError

from ceasefire.errors import StoreError
from ceasefire.store.failures import retrying

SERVER = "postgresql+psycopg://archivist:hunter2@db.example:5432/archive"


class ServerError(Exception):
    """A driver error as psycopg raises it: with a SQLSTATE, None when no server answered."""

    def __init__(self, message: str, sqlstate: str | None) -> None:
        super().__init__(message)
        self.sqlstate = sqlstate


def failing(times: int, error: Exception, invalidated: bool = False) -> Callable[[], str]:
    """Work that fails `times` times with `error` (as SQLAlchemy wraps it), then succeeds."""
    calls = []

    def work() -> str:
        calls.append(1)
        if len(calls) <= times:
            raise OperationalError("INSERT ...", {}, error, connection_invalidated=invalidated)
        return f"done after {len(calls)} tries"

    return work


def test_a_connection_dropped_mid_work_is_retried_until_the_server_is_back() -> None:
    engine = create_engine(SERVER)
    dropped = ServerError("server closed the connection unexpectedly", None)
    assert retrying(engine, "cannot store 'a'", failing(2, dropped, True)) == "done after 3 tries"


def test_a_server_starting_up_is_waited_for() -> None:
    engine = create_engine(SERVER)
    starting = ServerError("the database system is starting up", "57P03")
    assert retrying(engine, "cannot look up 'a'", failing(1, starting)) == "done after 2 tries"


def test_a_server_gone_longer_than_the_retry_time_is_one_line_without_the_password(
    configure: Callable[..., None],
) -> None:
    configure(db_retry_seconds="1")
    refused = ServerError(
        'connection to server at "db.example" failed:\n\tConnection refused', None
    )
    with pytest.raises(StoreError) as raised:
        retrying(create_engine(SERVER), "cannot store 'a'", failing(100, refused))
    message = str(raised.value)
    assert message.startswith(
        "postgresql+psycopg://archivist:***@db.example:5432/archive: cannot store 'a': "
        'connection to server at "db.example" failed: Connection refused (tried '
    )
    assert "\n" not in message and "hunter2" not in message


def test_a_refusal_by_a_running_server_is_not_retried() -> None:
    read_only = ServerError("cannot execute INSERT in a read-only transaction", "25006")
    work = failing(1, read_only)
    with pytest.raises(StoreError, match="read-only transaction$"):
        retrying(create_engine(SERVER), "cannot store 'a'", work)
    assert work() == "done after 2 tries"  # it was called once


def test_a_full_sqlite_disk_is_not_retried() -> None:
    full = sqlite3.OperationalError("database or disk is full")
    engine = create_engine("sqlite:////archives/archive.db")
    with pytest.raises(StoreError) as raised:
        retrying(engine, "cannot store 'a'", failing(1, full))
    assert str(raised.value) == (
        "sqlite:////archives/archive.db: cannot store 'a': database or disk is full"
    )
