"""HTML pages -> main text and metadata, through trafilatura.

Navigation, comments, footers and boilerplate are left out by trafilatura;
its metadata (title, author, date, site name) is kept with source
`html-meta`. A page where trafilatura's balanced mode finds no article
falls back to its recall mode, then to the page's visible text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

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
    return trafilatura.html2txt(markup) or _visible_text(markup)


class _Visible(HTMLParser):
    """Text outside script/style, block tags as line breaks; Python's own tolerant parser."""

    HIDDEN = {"script", "style", "noscript", "template", "head"}
    BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "item", "title", "description"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in self.HIDDEN
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        self.hidden -= tag in self.HIDDEN and self.hidden > 0
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def _visible_text(markup: str) -> str:
    """Last resort when lxml gives nothing (nesting past its depth limit, an RSS feed):
    the page's visible text, so a readable article is not lost."""
    parser = _Visible()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # html.parser is lenient; a failure here only loses the fallback
        return ""
    text = re.sub(r"\n\s*\n\s*", "\n\n", "".join(parser.parts)).strip()
    return text if len(re.findall(r"\w+", text)) >= 3 else ""  # a menu word or a stray "<" is no article


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
