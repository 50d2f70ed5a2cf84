"""Extraction in worker processes: pure, so that a spawned worker never loads Django."""

from __future__ import annotations

import traceback
from typing import TYPE_CHECKING

from .records import Document, Extraction, Gazetteer

if TYPE_CHECKING:  # spaCy is imported by worker_init, in the worker
    from .extractor import Extractor

_extractor: Extractor | None = None


def worker_init(gazetteer: Gazetteer, ner_model: str | None = None) -> None:
    """Build the worker's pipeline once (multiprocessing.Pool initializer)."""
    global _extractor
    from .extractor import Extractor

    _extractor = Extractor(gazetteer, ner_model=ner_model)


def worker_extract(item: tuple[int, Document]) -> tuple[int, Extraction | None, str | None]:
    """Extract one indexed document; an exception comes back as text, never kills the pool."""
    index, document = item
    try:
        return index, _extractor.extract(document), None
    except Exception:  # the caller reports it with the article's name
        return index, None, traceback.format_exc(limit=3)
