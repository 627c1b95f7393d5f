"""PDF -> text (page breaks kept as form feeds) and document metadata, through pypdf."""
from __future__ import annotations

import io

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from ..context import RawDocument
from ..errors import BlocsError


def read(data: bytes, source: str) -> RawDocument:
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata or {}
    except (PdfReadError, ValueError, KeyError, TypeError) as err:
        raise BlocsError("pdf", source, detail=str(err).splitlines()[0][:80] or type(err).__name__) from None
    meta, sources = {}, {}
    for key, name in (("/Title", "title"), ("/Author", "author")):
        if info.get(key):
            meta[name], sources[name] = str(info[key]), "pdf-meta"
    created = getattr(info, "creation_date", None) if info else None
    if created:
        meta["published"], sources["published"] = created.date().isoformat(), "pdf-meta"
    return RawDocument(text="\f".join(pages), source=source, kind="pdf", meta=meta, meta_sources=sources)
