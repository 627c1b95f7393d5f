"""HTML pages -> main text and metadata, through trafilatura."""
from __future__ import annotations

import trafilatura

from ..context import RawDocument


def read(markup: str, source: str) -> RawDocument:
    text = trafilatura.extract(markup, include_comments=False, include_tables=False, favor_precision=True) or ""
    meta, sources = {}, {}
    md = trafilatura.extract_metadata(markup)
    if md is not None:
        for key in ("title", "author", "date", "sitename"):
            value = getattr(md, key, None)
            if value:
                name = {"date": "published", "sitename": "site"}.get(key, key)
                meta[name], sources[name] = value, "html-meta"
    return RawDocument(text=text, source=source, kind="html", meta=meta, meta_sources=sources)
