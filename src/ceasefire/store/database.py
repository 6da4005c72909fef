"""Opening the archive: an engine for a URL, with the schema migrated to the newest version."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from ceasefire.errors import ConfigError, StoreError

_MIGRATIONS = Path(__file__).parent / "migrations"


def open_database(url: str) -> Engine:
    """An engine on the archive at `url`, created or migrated to the newest schema.

    SQLite ("sqlite:///path.db") is the embedded default; "postgresql+psycopg://..." serves
    a team. Any problem (a bad URL, an unreachable server, a read-only file) is a StoreError
    naming the database, with its password hidden.
    """
    try:
        parsed = make_url(url)
        engine = _engine(parsed)
    except ArgumentError as error:  # a malformed URL, or a database no driver is installed for
        raise ConfigError(f"{url}: not a usable database URL ({error})") from error
    except OSError as error:  # the SQLite file's folder cannot be made
        raise StoreError(f"{url}: cannot open the database: {error.strerror}") from error
    shown = parsed.render_as_string(hide_password=True)
    try:
        with engine.begin() as connection:
            config = Config()
            config.set_main_option("script_location", str(_MIGRATIONS))
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except OperationalError as error:
        engine.dispose()
        raise StoreError(f"{shown}: cannot open the database: {error.orig}") from error
    except SQLAlchemyError as error:
        engine.dispose()
        raise StoreError(f"{shown}: {error}") from error
    return engine


def _engine(url: URL) -> Engine:
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if url.database and url.database != ":memory:":
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _pragmas(connection: object, _record: object) -> None:
        # WAL lets readers (the API) read while one ingest writes; foreign keys are off by
        # default in SQLite.
        cursor = connection.cursor()  # type: ignore[attr-defined]
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return engine
