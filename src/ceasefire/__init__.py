"""Ceasefire Monitor: source-attributed facts from conflict reporting."""

__version__ = "0.1.0"
