"""full-text search over documents: SQLite FTS5, PostgreSQL tsvector

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# SQLite: a self-contained FTS5 table kept in step by triggers (an external-content table
# would point at rowids, which SQLite may renumber for a table with a text primary key).
_SQLITE_UP = [
    """CREATE VIRTUAL TABLE documents_fts USING fts5(
        document_id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts (document_id, title, text)
        VALUES (new.id, coalesce(new.title, ''), new.text);
    END""",
    """CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        DELETE FROM documents_fts WHERE document_id = old.id;
    END""",
    """INSERT INTO documents_fts (document_id, title, text)
       SELECT id, coalesce(title, ''), text FROM documents""",
]
_SQLITE_DOWN = [
    "DROP TRIGGER documents_fts_delete",
    "DROP TRIGGER documents_fts_insert",
    "DROP TABLE documents_fts",
]
_POSTGRES_UP = [
    """CREATE INDEX documents_search ON documents
       USING GIN (to_tsvector('english', coalesce(title, '') || ' ' || text))""",
]
_POSTGRES_DOWN = ["DROP INDEX documents_search"]


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in _SQLITE_UP if sqlite else _POSTGRES_UP:
        op.execute(statement)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in _SQLITE_DOWN if sqlite else _POSTGRES_DOWN:
        op.execute(statement)
