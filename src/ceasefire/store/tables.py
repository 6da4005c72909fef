"""The archive's tables (SQLAlchemy Core): one schema for SQLite and PostgreSQL.

Records are stored flat, one column per field, so that the CLI's and the API's filters are
plain indexed comparisons on either database. Migrations (store/migrations) create and change
these tables; this module is what the code reads and writes through.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

# A document is keyed by the SHA-256 of its normalized text: ingesting it again is a no-op.
documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("source_id", Text, nullable=False),  # the id its input gave (file name, JSON "id")
    Column("title", Text),
    Column("outlet", Text),
    Column("author", Text),
    Column("url", Text),
    Column("published", Date, index=True),
    Column("language", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("chars", Integer, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("minhash", LargeBinary, nullable=False),  # the signature near-copies are checked on
)

# A near-copy (syndicated text, the same article under another headline) is not stored twice:
# its metadata is kept, linked to the original whose records stand for both.
document_copies = Table(
    "document_copies",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("original_id", String(64), ForeignKey("documents.id"), nullable=False, index=True),
    Column("source_id", Text, nullable=False),
    Column("title", Text),
    Column("outlet", Text),
    Column("author", Text),
    Column("url", Text),
    Column("published", Date),
    Column("similarity", Float, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

# MinHash LSH bands: documents sharing a band are candidates for being near-copies.
document_bands = Table(
    "document_bands",
    metadata,
    Column("band", Integer, primary_key=True),
    Column("hash", BigInteger, primary_key=True),
    Column("document_id", String(64), ForeignKey("documents.id"), primary_key=True),
)


def _actor(prefix: str) -> list[Column[Any]]:
    return [
        Column(f"{prefix}_id", Text, index=True),
        Column(f"{prefix}_name", Text),
        Column(f"{prefix}_as_written", Text),
    ]


def _place() -> list[Column[Any]]:
    return [
        Column("place_name", Text, index=True),
        Column("place_geonames_id", Integer),
        Column("place_lat", Float),
        Column("place_lon", Float),
        Column("place_country", String(2)),
        Column("place_precision", String(16)),
        Column("place_relation", Text),
        Column("place_as_written", Text),
    ]


def _value(prefix: str) -> list[Column[Any]]:
    return [
        Column(f"{prefix}_n", Float),
        Column(f"{prefix}_to", Float),
        Column(f"{prefix}_qualifier", String(16)),
    ]


def _provenance() -> list[Column[Any]]:
    """Which document a record rests on, and where in its text."""
    return [
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("document_id", String(64), ForeignKey("documents.id"), nullable=False, index=True),
        Column("span_start", Integer, nullable=False),
        Column("span_end", Integer, nullable=False),
        Column("text", Text, nullable=False),
    ]


figures = Table(
    "figures",
    metadata,
    *_provenance(),
    Column("metric", String(32), nullable=False, index=True),
    Column("subject", Text),
    *_value("value"),
    Column("period_kind", String(16)),
    Column("period_start", Date),
    Column("period_end", Date, index=True),
    *_place(),
    *_actor("claimant"),
    *_actor("actor"),
)

events = Table(
    "events",
    metadata,
    *_provenance(),
    Column("type", String(32), nullable=False, index=True),
    *_actor("actor"),
    *_actor("target"),
    *_place(),
    Column("date_start", Date, index=True),
    Column("date_end", Date),
    *_value("killed"),
    *_value("injured"),
    *_actor("claimant"),
    Column("modality", String(16), nullable=False),
)

quotes = Table(
    "quotes",
    metadata,
    *_provenance(),
    *_actor("speaker"),
    Column("quote", Text, nullable=False),
)

# Official series (a ministry's daily cumulative toll, trucks a day): the reference that
# extracted figures are cross-checked against.
series_points = Table(
    "series_points",
    metadata,
    Column("series", String(64), primary_key=True),
    Column("day", Date, primary_key=True),
    Column("metric", String(32), nullable=False),
    Column("claimant_id", Text),
    Column("place_name", Text),
    Column("value", Float, nullable=False),
    Column("cumulative", Integer, nullable=False),  # 1: a running total; 0: a count for the day
    Column("source", Text, nullable=False),
)

Index("ix_figures_metric_claimant", figures.c.metric, figures.c.claimant_id)
