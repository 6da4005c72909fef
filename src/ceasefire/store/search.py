"""Full-text search over the archive's documents: SQLite FTS5 or PostgreSQL full text.

What a user types is reduced to its words before it reaches either engine, so no query
syntax (quotes, operators, parentheses) can make a search fail or mean something else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, text

_WORD = re.compile(r"\w+", re.UNICODE)
_MARK_START, _MARK_END = "[", "]"  # around matched words in a snippet, shown as text


@dataclass(frozen=True)
class SearchHit:
    """A document that matches, with a snippet of its text around the matched words."""

    doc: str
    title: str | None
    outlet: str | None
    published: date | None
    snippet: str


def search_documents(
    engine: Engine, query: str, limit: int = 20, offset: int = 0
) -> list[SearchHit]:
    """Documents containing every word of `query`, best match first."""
    words = _WORD.findall(query)
    if not words:
        return []
    parameters: dict[str, object] = {"limit": limit, "offset": offset}
    if engine.dialect.name == "sqlite":
        parameters["match"] = " ".join(f'"{word}"' for word in words)
        statement = text(
            "SELECT d.source_id AS doc, d.title, d.outlet, d.published, "
            f"snippet(documents_fts, 2, '{_MARK_START}', '{_MARK_END}', '…', 16) AS snippet "
            "FROM documents_fts JOIN documents d ON d.id = documents_fts.document_id "
            "WHERE documents_fts MATCH :match ORDER BY rank LIMIT :limit OFFSET :offset"
        )
    else:
        parameters["match"] = " ".join(words)
        vector = "to_tsvector('english', coalesce(d.title, '') || ' ' || d.text)"
        statement = text(
            "SELECT d.source_id AS doc, d.title, d.outlet, d.published, "
            "ts_headline('english', d.text, plainto_tsquery('english', :match), "
            f"'StartSel={_MARK_START}, StopSel={_MARK_END}, MaxWords=30, MinWords=10') "
            "AS snippet "
            f"FROM documents d WHERE {vector} @@ plainto_tsquery('english', :match) "
            f"ORDER BY ts_rank({vector}, plainto_tsquery('english', :match)) DESC "
            "LIMIT :limit OFFSET :offset"
        )
    with engine.connect() as connection:
        rows = connection.execute(statement, parameters).all()
    return [
        SearchHit(row.doc, row.title, row.outlet, _as_date(row.published), row.snippet)
        for row in rows
    ]


def _as_date(value: object) -> date | None:
    """SQLite returns dates from raw SQL as text."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
