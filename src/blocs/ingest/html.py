"""HTML pages -> main text and metadata, through trafilatura.

Navigation, comments, footers and boilerplate are left out by trafilatura;
its metadata (title, author, date, site name) is kept with source
`html-meta`. A page where trafilatura's balanced mode finds no article
falls back to its recall mode, then to the page's visible text.
"""
from __future__ import annotations

import re

from ..context import RawDocument

FIELDS = {"title": "title", "author": "author", "date": "published", "sitename": "site"}


def _text(markup: str) -> str:
    import trafilatura
    for recall in (False, True):  # trafilatura's balanced default, then its recall mode
        text = trafilatura.extract(markup, include_comments=False, include_tables=False, favor_recall=recall)
        if text and text.strip():
            return text
    if "<" not in markup:
        return markup  # plain text saved as .html
    return trafilatura.html2txt(markup) or ""


def read(markup: str, source: str) -> RawDocument:
    import trafilatura
    meta, sources = {}, {}
    try:
        md = trafilatura.extract_metadata(markup)
    except Exception:  # trafilatura is lenient, but a broken page must not stop the text
        md = None
    for attr, name in FIELDS.items():
        value = getattr(md, attr, None) if md is not None else None
        if isinstance(value, str) and value.strip():
            meta[name], sources[name] = re.sub(r"\s+", " ", value).strip(), "html-meta"
    return RawDocument(text=_text(markup), source=source, kind="html", meta=meta, meta_sources=sources)
