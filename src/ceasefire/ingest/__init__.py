"""Ingest: turn files (text, HTML, PDF, JSON Lines, feeds), folders and URLs into Documents."""

from ceasefire.ingest.sources import iter_documents

__all__ = ["iter_documents"]
