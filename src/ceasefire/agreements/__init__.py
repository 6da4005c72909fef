"""Agreements as data, and checking the archive's claimed events against their terms."""
