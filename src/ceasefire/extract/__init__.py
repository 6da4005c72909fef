"""Extraction: Document -> figures, events and quotes, each with its claimant and evidence span."""

from ceasefire.extract.extractor import extract, extract_many

__all__ = ["extract", "extract_many"]
