"""Clean: raw text -> readable text, OCR fixed, metadata read from the head.

layout.py   Unicode repair, page furniture, lines and hyphens into paragraphs
debris.py   scanner debris swept before correction
ocr.py      OCR corrections (confusions.yaml + word frequencies, names kept)
names.py    the known names correction must not touch
metadata.py title, author, date, site from the head, merged with the container's
"""
from __future__ import annotations

from ..context import CleanDocument, RawDocument
from . import layout, metadata, ocr


def clean(raw: RawDocument, correct: bool = True) -> CleanDocument:
    """The text the analysis reads; `correct=False` (--no-correct) keeps OCR errors."""
    text = layout.repair(raw.text)
    corrections = []
    if correct:
        text, corrections = ocr.correct(text)
    meta, sources = metadata.extract(text, raw.meta, raw.meta_sources)
    return CleanDocument(text=text, corrections=corrections, meta=meta, meta_sources=sources)
