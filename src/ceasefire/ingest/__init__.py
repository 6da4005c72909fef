"""Ingest: turn files, folders and JSON Lines into normalized Documents."""

from ceasefire.ingest.sources import iter_documents

__all__ = ["iter_documents"]
