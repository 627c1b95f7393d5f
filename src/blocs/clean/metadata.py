"""Title, author and publication date from the head of a text article."""
from __future__ import annotations

import re

import dateparser

DATE_SETTINGS = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"]}


def extract(text: str, meta: dict, sources: dict) -> tuple[dict, dict]:
    meta, sources = dict(meta), dict(sources)
    head = [p.strip() for p in text.split("\n\n")[:5] if p.strip()]
    for i, para in enumerate(head):
        if len(para) > 80 or para.endswith((".", "?", "!")) and len(para) > 40:
            break
        if "published" not in meta and re.search(r"\d", para):
            when = dateparser.parse(para, languages=["en"], settings=DATE_SETTINGS)
            if when:
                meta["published"], sources["published"] = when.date().isoformat(), "head"
                continue
        if i == 0 and "title" not in meta:
            meta["title"], sources["title"] = para, "head"
        elif "author" not in meta and re.fullmatch(r"(By\s+)?[A-Z][\w'.-]+(\s+[A-Z][\w'.-]+){1,3}", para):
            meta["author"], sources["author"] = re.sub(r"^By\s+", "", para), "head"
    return meta, sources
