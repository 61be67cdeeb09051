"""Provenance: source documents, verbatim quotes and whether they say the number."""
