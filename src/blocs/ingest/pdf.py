"""PDF -> text (pages joined by form feeds, for the layout repair to find page
furniture) and document metadata (title, author, creation date), through pypdf."""

from __future__ import annotations

import io
import logging
import re

from ..context import RawDocument
from ..errors import BlocsError


def _fail(source: str, err: Exception) -> BlocsError:
    detail = (str(err).splitlines() or [""])[0][:80] or type(err).__name__
    return BlocsError("pdf", source, detail=detail)


COLUMN_GAP = re.compile(r"\S {4,}\S")


def _page_text(page) -> str:
    """Layout mode keeps the blank lines between paragraphs; a page set in
    columns (text on both sides of a wide gap) is read in plain mode instead."""
    try:
        text = page.extract_text(extraction_mode="layout") or ""
    except Exception:
        text = ""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if not lines or sum(bool(COLUMN_GAP.search(ln)) for ln in lines) > 0.2 * len(lines):
        return page.extract_text() or ""
    return text


def read(data: bytes, source: str) -> RawDocument:
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings are not the user's business
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise BlocsError("pdf", source, detail="encrypted")
        pages = [_page_text(page) for page in reader.pages]
    except BlocsError:
        raise
    except Exception as err:  # pypdf raises many kinds on a broken file
        raise _fail(source, err) from None
    if not any(p.strip() for p in pages):
        raise BlocsError("pdf", source, detail="no text layer; scanned pages need OCR first")
    meta, sources = _metadata(reader)
    return RawDocument(text="\f".join(pages), source=source, kind="pdf", meta=meta, meta_sources=sources)


def _metadata(reader) -> tuple[dict, dict]:
    meta: dict[str, str] = {}
    sources: dict[str, str] = {}
    try:
        info = reader.metadata
        if info is None:
            return meta, sources
        for key, name in (("/Title", "title"), ("/Author", "author")):
            value = info.get(key)
            if value and str(value).strip():
                meta[name], sources[name] = " ".join(str(value).split()), "pdf-meta"
        created = info.creation_date
        if created:
            meta["published"], sources["published"] = created.date().isoformat(), "pdf-meta"
    except Exception:  # a malformed info dictionary loses the metadata, not the text
        pass
    return meta, sources
