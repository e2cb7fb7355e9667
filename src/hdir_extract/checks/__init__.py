"""Validation and cross-checks that run on every document's records after extraction."""
