"""Reconcile: stored records set against each other and against official series."""
