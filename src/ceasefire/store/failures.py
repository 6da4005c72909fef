"""Database failures as a user sees them: one line naming the database (never its password)
and the problem, after a dropped connection (a restarted server) has been retried a while.

Retrying a whole unit of work is safe here because every write is idempotent: a document is
keyed by the hash of its text, so a transaction whose commit was lost with the connection is
found already stored when it is run again, never stored twice.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

from ceasefire.errors import StoreError
from ceasefire.settings import get_settings

T = TypeVar("T")

_FIRST_DELAY = 0.25  # seconds; doubled after each failed try
_LONGEST_DELAY = 4.0
# SQLSTATEs of a server going away or not yet back: connection exceptions (class 08),
# shutdown by an administrator or a crash, and "the database system is starting up".
_SERVER_GONE = ("08", "57P01", "57P02", "57P03")


def database_name(url: URL) -> str:
    """The database's URL as errors show it, with any password hidden."""
    return url.render_as_string(hide_password=True)


def store_error(url: URL, doing: str, error: Exception) -> StoreError:
    """A StoreError naming the database, what was being done, and the driver's reason in one
    line (SQLAlchemy's own message would add the SQL, its parameters and a link)."""
    reason = error.orig if isinstance(error, DBAPIError) else error
    return StoreError(f"{database_name(url)}: {doing}: {' '.join(str(reason).split())}")


def retrying(engine: Engine, doing: str, work: Callable[[], T]) -> T:
    """Run `work` (one whole transaction or read); run it again, waiting longer each time,
    while the connection to the server keeps dropping, for up to the settings' retry time.
    Any other failure, or the last, is a StoreError."""
    budget = get_settings().database_retry_seconds
    started = time.monotonic()
    delay, tries = _FIRST_DELAY, 0
    while True:
        tries += 1
        try:
            return work()
        except DBAPIError as error:
            waited = time.monotonic() - started
            if not _connection_dropped(error) or waited + delay > budget:
                failure = store_error(engine.url, doing, error)
                if tries > 1:
                    failure = StoreError(f"{failure} (tried {tries} times in {waited:.0f} s)")
                raise failure from error
        except SQLAlchemyError as error:
            raise store_error(engine.url, doing, error) from error
        time.sleep(delay)
        delay = min(delay * 2, _LONGEST_DELAY)


def _connection_dropped(error: DBAPIError) -> bool:
    """Whether the server went away (worth retrying) rather than refused the work."""
    if error.connection_invalidated:
        return True
    if not isinstance(error, OperationalError) or not hasattr(error.orig, "sqlstate"):
        return False  # SQLite has no connection to lose; its errors are about the file
    # A refused or reset connection comes without a SQLSTATE: no server answered.
    state = getattr(error.orig, "sqlstate", None)
    return state is None or state.startswith(_SERVER_GONE)
