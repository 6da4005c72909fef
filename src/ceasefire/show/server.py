"""The API app as uvicorn's worker processes build it: one per core, each with its own engine."""

from __future__ import annotations

import gc
import os

from fastapi import FastAPI

from ceasefire.processes import exit_with_parent
from ceasefire.settings import get_settings
from ceasefire.show.api import create_app
from ceasefire.store.database import open_database

TOKEN_VARIABLE = "CEASEFIRE_API_TOKEN"


def app_from_environment() -> FastAPI:
    """The app over the archive CEASEFIRE_DB names, writes guarded by CEASEFIRE_API_TOKEN, lists
    near real time (CEASEFIRE_LIST_LAG_SECONDS)."""
    settings = get_settings()
    token = os.environ.get(TOKEN_VARIABLE) or None
    return create_app(
        open_database(settings.database_url),
        token,
        settings.max_document_bytes,
        list_lag=settings.list_lag_seconds,
    )


def worker_app() -> FastAPI:
    """A serving worker's app. What is loaded now lives as long as the process: freezing it
    keeps the collector from walking it again and again under load, which shows as latency
    spikes (p99 of the list endpoints 155 -> 60 ms in benchmarks/api.py). The worker exits
    with `ceasefire serve`, even when that is killed outright."""
    exit_with_parent()
    app = app_from_environment()
    gc.freeze()
    return app
