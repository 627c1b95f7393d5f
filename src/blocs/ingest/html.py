"""HTML pages -> main text and metadata, through trafilatura.

Navigation, comments, footers and boilerplate are left out by trafilatura;
its metadata (title, author, date, site name) is kept with source
`html-meta`. The page's headline (<h1>) and byline line are put back above
the body when trafilatura left them out, so the text reads as the page does. A page where trafilatura's balanced mode finds no article
falls back to its recall mode, then to the page's visible text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Optional

from ..context import RawDocument

FIELDS = {"title": "title", "author": "author", "date": "published", "sitename": "site"}
# class words of the element that carries the byline or date line above a story (hCard/hAtom
# microformats and common CMS markup: "byline", "dateline", "published")
BYLINE_CLASSES = ("byline", "dateline", "published")
HEAD_WINDOW = 400  # characters at the top of the body where a headline already given is looked for
HEAD_WORDS = 40  # a headline or byline line is short; a longer match is no heading


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


class _Heading(HTMLParser):
    """The page's first <h1> and its first byline element (a class word holding "byline" or
    "dateline", or a "published" stamp): what a reader sees above the story."""

    VOID = {"br", "img", "hr", "input", "meta", "link", "source", "wbr", "area", "col", "embed", "param", "track"}
    HIDDEN = {"script", "style", "noscript", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: dict[str, str] = {}
        self.open: list[tuple[str, int, list[str]]] = []  # field, depth, parts
        self.depth, self.hidden = 0, 0

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        self.depth += 1
        self.hidden += tag in self.HIDDEN
        classes = " ".join(v or "" for k, v in attrs if k in ("class", "itemprop")).lower()
        if tag == "h1" and "title" not in self.found:
            self.open.append(("title", self.depth, []))
        elif "byline" not in self.found and any(w in classes for w in BYLINE_CLASSES):
            self.open.append(("byline", self.depth, []))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        self.hidden -= tag in self.HIDDEN and self.hidden > 0
        while self.open and self.open[-1][1] >= self.depth:
            name, _, parts = self.open.pop()
            text = re.sub(r"\s+", " ", "".join(parts)).strip()
            if text and name not in self.found:
                self.found[name] = text
        self.depth = max(0, self.depth - 1)

    def handle_data(self, data):
        if not self.hidden:
            for _, _, parts in self.open:
                parts.append(data)


def _heading(markup: str) -> dict[str, str]:
    parser = _Heading()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # html.parser is lenient; a failure here only loses the heading
        return {}
    return parser.found


def _with_heading(body: str, markup: str, title: Optional[str]) -> str:
    """The story as a reader sees it: the headline and the byline line above the body, as
    the page shows them, unless the extracted body already opens with them."""
    found = _heading(markup)
    head = [found.get("title") or title or "", found.get("byline", "")]
    top = _squash(body[:HEAD_WINDOW])
    lines = [
        h
        for h in head
        if h and len(h.split()) <= HEAD_WORDS and _squash(h) not in top and not _squash(h).startswith(top[:40] or "\0")
    ]
    return "\n\n".join(lines + [body]) if lines else body


def _squash(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


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
    text = _with_heading(_text(markup), markup, meta.get("title"))
    return RawDocument(text=text, source=source, kind="html", meta=meta, meta_sources=sources)
