"""Opening the archive: an engine for a URL, with the schema migrated to the newest version."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from ceasefire.errors import ConfigError, StoreError
from ceasefire.settings import get_settings
from ceasefire.store.failures import store_error

_MIGRATIONS = Path(__file__).parent / "migrations"
_PASSWORD = re.compile(r"(://[^:/@]*:).*@")
# psycopg logs a warning of its own when a connection drops in the middle of a batch; the
# StoreError for that failure already says it, in one line.
logging.getLogger("psycopg").addHandler(logging.NullHandler())


def open_database(url: str) -> Engine:
    """An engine on the archive at `url`, created or migrated to the newest schema.

    SQLite ("sqlite:///path.db") is the embedded default; "postgresql+psycopg://..." serves
    a team. Any problem (a bad URL, an unreachable server, a read-only file) is a StoreError
    naming the database, with its password hidden. A migration is one transaction on either
    database, so a run killed in the middle of one leaves the schema as it was.
    """
    try:
        parsed = make_url(url)
        engine = _engine(parsed)
    except ArgumentError as error:  # a malformed URL, or a database no driver is installed for
        raise ConfigError(f"{_hide_password(url)}: not a usable database URL ({error})") from error
    except OSError as error:  # the SQLite file's folder cannot be made
        raise StoreError(f"{url}: cannot open the database: {error.strerror}") from error
    try:
        with engine.begin() as connection:
            config = Config()
            config.set_main_option("script_location", str(_MIGRATIONS))
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except (SQLAlchemyError, CommandError) as error:  # CommandError: a schema newer than ours
        engine.dispose()
        raise store_error(parsed, "cannot open the database", error) from error
    return engine


def _hide_password(url: str) -> str:
    """A URL too malformed to parse, with whatever sits where a password would masked."""
    return _PASSWORD.sub(r"\1***@", url)


def _engine(url: URL) -> Engine:
    if url.get_backend_name() != "sqlite":
        # A connection the server dropped (a restart) is replaced when next taken from the
        # pool; one dropped while in use is retried by `failures.retrying`.
        timeout = max(1, round(get_settings().connect_timeout_seconds))
        return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": timeout})
    if url.database and url.database != ":memory:":
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _pragmas(connection: Any, _record: object) -> None:
        # Python's sqlite3 would commit each CREATE TABLE on its own, so a run killed while
        # migrating left half a schema; SQLAlchemy begins every transaction instead (below).
        connection.isolation_level = None
        cursor = connection.cursor()
        # WAL lets readers (the API) read while one ingest writes; foreign keys are off by
        # default in SQLite. NORMAL sync keeps every commit through a killed process (not
        # through a power cut, which may undo the last few: re-running the ingest redoes them).
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine
