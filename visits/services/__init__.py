"""Writes: ingesting articles (ingest.py) and editors' work (editing.py)."""
