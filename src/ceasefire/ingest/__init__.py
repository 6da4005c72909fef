"""Ingest: files (text, HTML, PDF, JSON Lines, Parquet, feeds), folders and URLs to Documents."""

from ceasefire.ingest.sources import iter_documents

__all__ = ["iter_documents"]
