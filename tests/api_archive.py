"""The archive the API tests serve: three wire reports of one Monday in Rafah and Sderot (two
claimants' tolls of one strike, and a rocket salvo), behind the token TOKEN."""

from __future__ import annotations

from datetime import date

from fastapi import FastAPI

from ceasefire.archive import ingest
from ceasefire.document import Document, normalize_text
from ceasefire.show.api import create_app
from ceasefire.store.database import open_database

TOKEN = "s3cret-token"
MAX_UPLOAD_BYTES = 10_000
DOCUMENTS = [
    ("a", "Wire A", "Israeli jets bombed a house in Rafah on Monday, killing 12 people, the Gaza "
                    "health ministry said."),
    ("b", "Wire B", "An Israeli airstrike hit a home in Rafah on Monday, killing 9 people, the "
                    "Israeli military said."),
    ("c", "Wire C", "Hamas fired 20 rockets at Sderot on Monday, the Israeli military said."),
]  # fmt: skip


def archived_app(database_url: str) -> FastAPI:
    """The API over a fresh archive at `database_url` holding DOCUMENTS."""
    engine = open_database(database_url)
    documents = [
        Document(id=name, text=normalize_text(text), published=date(2024, 3, 5), outlet=outlet)
        for name, outlet, text in DOCUMENTS
    ]
    ingest(engine, documents, on_error=print)
    return create_app(engine, TOKEN, max_upload_bytes=MAX_UPLOAD_BYTES)
