"""Clean: raw text -> readable text, OCR fixed, metadata read from the head."""
from __future__ import annotations

from ..context import CleanDocument, RawDocument
from . import layout, metadata, ocr


def clean(raw: RawDocument, correct: bool = True) -> CleanDocument:
    text = layout.repair(raw.text)
    corrections = []
    if correct:
        text, corrections = ocr.correct(text)
    meta, sources = metadata.extract(text, raw.meta, raw.meta_sources)
    return CleanDocument(text=text, corrections=corrections, meta=meta, meta_sources=sources)
