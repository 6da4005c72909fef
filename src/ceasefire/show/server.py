"""The API app as uvicorn's worker processes build it: one per core, each with its own engine."""

from __future__ import annotations

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
    return create_app(open_database(settings.database_url), token, settings.max_document_bytes)
