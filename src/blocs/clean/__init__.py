"""Clean: raw text -> readable text, OCR fixed, metadata read from the head.

layout.py   Unicode repair, page furniture, lines and hyphens into paragraphs
debris.py   scanner debris swept before correction
ocr.py      OCR corrections (confusions.yaml + word frequencies, names kept)
names.py    the known names correction must not touch
metadata.py title, author, date, site from the head, merged with the container's
"""

from __future__ import annotations

import re

from ..context import CleanDocument, RawDocument
from ..errors import BlocsError
from . import layout, metadata, ocr

# spaCy refuses longer texts (nlp.load() sets max_length to this): an over-long story
# must fail alone, with a clear message, before the parse of its whole batch starts
MAX_CHARS = 3_000_000


def clean(raw: RawDocument, correct: bool = True) -> CleanDocument:
    """The text the analysis reads; `correct=False` (--no-correct) keeps OCR errors.

    A bug met on one story becomes that story's BlocsError: the batch parse
    pulls stories through clean, so an escaping exception would lose them all."""
    try:
        return _clean(raw, correct)
    except BlocsError:
        raise
    except Exception as err:
        raise BlocsError("internal", raw.source, detail=f"clean: {type(err).__name__}: {err}") from err


def _clean(raw: RawDocument, correct: bool) -> CleanDocument:
    _check_length(raw.text, raw.source)
    text = layout.repair(raw.text)
    corrections: list[ocr.Correction] = []
    if correct:
        text, corrections = ocr.correct(text)
        corrections = [_as_written(c, raw.text) for c in corrections]
    _check_length(text, raw.source)  # repair may lengthen a little (ligatures, entities)
    meta, sources = metadata.extract(text, raw.meta, raw.meta_sources)
    return CleanDocument(text=text, corrections=corrections, meta=meta, meta_sources=sources)


def _as_written(correction: ocr.Correction, raw: str) -> ocr.Correction:
    """The correction's original as the input wrote it: layout drops soft hyphens before the
    OCR pass sees the words ("rein\u00ad forcements" is corrected as "rein forcements")."""
    if "\u00ad" not in raw or correction.original in raw:
        return correction
    found = re.search("".join(re.escape(ch) + "\u00ad?" for ch in correction.original), raw)
    return correction.model_copy(update={"original": found.group(0)}) if found else correction


def _check_length(text: str, source: str) -> None:
    if len(text) > MAX_CHARS:
        raise BlocsError("too-long", source, detail=f"{len(text):,} characters; at most {MAX_CHARS:,}")
