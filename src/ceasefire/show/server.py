"""The API app as uvicorn's worker processes build it: one per core, each with its own engine."""

from __future__ import annotations

import gc
import os

from fastapi import FastAPI

from ceasefire.settings import get_settings
from ceasefire.show.api import create_app
from ceasefire.store.database import open_database

TOKEN_VARIABLE = "CEASEFIRE_API_TOKEN"


def app_from_environment() -> FastAPI:
    """The app over the archive CEASEFIRE_DB names, writes guarded by CEASEFIRE_API_TOKEN."""
    settings = get_settings()
    token = os.environ.get(TOKEN_VARIABLE) or None
    app = create_app(open_database(settings.database_url), token, settings.max_document_bytes)
    # What is loaded now lives as long as the process: keep the collector from walking it
    # again and again under load, which shows as latency spikes.
    gc.freeze()
    return app
