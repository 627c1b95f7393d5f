"""Title, author, publication date and site from the head of the article.

The head is the short paragraphs before the first real paragraph: a title, a
byline ("By Jane Roe" or a bare name next to the date), a date line
("December 5, 2016", "5 Dec 2016", "2016-12-05"), and a dateline opening the
story ("BEIRUT, Dec 5 (Reuters) -"). What the container said (JSONL fields,
HTML meta, PDF info) is merged by a per-field order of trust, and each field
records where it came from.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Optional

_MONTHS = sorted({m for m in calendar.month_name[1:] + calendar.month_abbr[1:] if m} | {"Sept"}, key=len, reverse=True)
MONTH = "(?P<month>" + "|".join(_MONTHS) + r")\.?"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:19|20)\d\d)"
DATES = [
    re.compile(rf"\b{MONTH}\s+{DAY},?\s+{YEAR}\b"),
    re.compile(rf"\b{DAY}\s+{MONTH},?\s+{YEAR}\b"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
]
DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z'.]+(?:[ -][A-Z][A-Z'.]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?))?"
    rf"(?:,\s*(?P<when>{MONTH}\s+{DAY}(?:,?\s+{YEAR})?))?"
    r"\s*(?:\((?P<agency>[A-Z][\w .&'-]{1,30})\))?"
    r"\s*(?:-{1,2}|–|—)(?=\s|$)"
)
BYLINE = re.compile(r"^(?:By|BY|Written by|Reporting by)\s+(?P<name>.+)$")
_PART = r"(?:[A-Z][\w'’.-]*|al-\w+|el-\w+|bin|bint|de|van|von|der|da)"
_PERSON = rf"{_PART}(?:\s+{_PART}){{1,4}}"
NAME = re.compile(rf"^{_PERSON}(?:(?:,\s*|\s+and\s+){_PERSON})*$")
BAD_PDF_TITLE = re.compile(r"^(?:untitled|microsoft word|document\d*)|\.(?:docx?|pdf|indd|odt|rtf|txt)$", re.I)
MONTH_NUMBER = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTH_NUMBER.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTH_NUMBER["sept"] = 9

TRUST = {  # field -> sources in order of trust; the first that has the field wins
    "title": ("input", "html-meta", "pdf-meta", "head"),
    "author": ("input", "html-meta", "head", "pdf-meta"),
    "published": ("input", "html-meta", "head", "dateline", "pdf-meta"),
    "site": ("input", "html-meta", "dateline"),
}


def _iso(m: re.Match, year: Optional[str] = None) -> Optional[str]:
    parts = m.groupdict()
    month = int(parts["mnum"]) if parts.get("mnum") else MONTH_NUMBER.get(parts["month"].lower())
    if month is None:
        return None  # not a month name
    try:
        return date(int(year or parts["year"]), month, int(parts["day"])).isoformat()
    except (TypeError, ValueError):
        return None


def find_date(text: str) -> Optional[str]:
    """The first full date (day, month, year) written in `text`, as ISO."""
    hits = [m for rx in DATES if (m := rx.search(text))]
    for m in sorted(hits, key=lambda m: m.start()):
        if (iso := _iso(m)) is not None:
            return iso
    return None


def _is_body(para: str) -> bool:
    return len(para) > 200 or (len(para.split()) > 14 and para.rstrip()[-1:] in '.!?"”')


def _author(para: str) -> Optional[str]:
    para = re.split(r"\s+[|•·]\s+", para)[0].strip()
    m = BYLINE.match(para)
    if m:
        name = re.split(r",\s*|\s+-\s+", m.group("name"))[0].strip()
        return name if name and not find_date(name) else None
    return para if NAME.match(para) and not find_date(para) else None


def from_head(text: str) -> dict[str, tuple[str, str]]:
    """field -> (value, source) read from the first paragraphs of a cleaned text."""
    found: dict[str, tuple[str, str]] = {}
    paras = [p.strip() for p in text.split("\n\n")[:8] if p.strip()]
    head: list[str] = []
    for para in paras:
        if _is_body(para) or DATELINE.match(para):
            m = DATELINE.match(para)
            if m:
                if m.group("agency"):
                    found["site"] = (m.group("agency").strip(), "dateline")
                if m.group("when"):
                    year = m.group("year") or _year_hint(head)
                    if year and (iso := _iso(m, year)):
                        found.setdefault("published", (iso, "dateline"))
            break
        head.append(para)
    date_at = None
    for i, para in enumerate(head):
        if len(para) < 90 and (iso := find_date(para)):
            found["published"] = (iso, "head")
            date_at = i
            break
    for i, para in enumerate(head):
        if i == date_at:
            continue
        by = BYLINE.match(para) is not None
        near = date_at is not None and abs(i - date_at) == 1 and i > 0  # a title-case headline is no byline
        if "author" not in found and (by or near or (i == 1 and "title" in found)) and (name := _author(para)):
            found["author"] = (name, "head")
        elif "title" not in found and not by and len(para) <= 250 and not para.endswith("."):
            found["title"] = (para, "head")
    return found


def normalize_date(value) -> Optional[str]:
    """A publication date as given by a container ("2016-12-05T10:00Z", 20161205,
    "12/05/2016", "Dec 5, 2016") -> YYYY-MM-DD; None for anything that is not one
    whole calendar day ("2016", "yesterday", "2016-02-30"), so that a lesser source
    is tried and a bad field never stops the analysis."""
    text = str(value).strip()
    if re.fullmatch(r"\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    if re.match(r"\d{4}-\d{2}-\d{2}(?!\d)", text):
        try:
            return date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            return None
    if not re.search(r"\d{4}", text) or len(text) > 60:
        return None
    import dateparser  # only for the rarer written-out forms: it is slow to load

    try:
        found = dateparser.parse(
            text,
            settings={
                "STRICT_PARSING": True,
                "REQUIRE_PARTS": ["day", "month", "year"],
                "PARSERS": ["custom-formats", "absolute-time"],
            },
        )
    except (ValueError, OverflowError, TypeError):
        return None
    return found.date().isoformat() if found else None


def _year_hint(head: list[str]) -> Optional[str]:
    for para in head:
        if m := re.search(r"\b(?:19|20)\d\d\b", para):
            return m.group(0)
    return None


def extract(text: str, meta: dict, sources: dict) -> tuple[dict, dict]:
    """Merge what the container gave with what the head says, by order of trust."""
    offers: dict[str, dict[str, str]] = {}
    for key, value in meta.items():
        if value not in (None, ""):
            src = sources.get(key, "input")
            if src == "pdf-meta" and key == "title" and BAD_PDF_TITLE.search(str(value).strip()):
                continue
            if key == "published" and (value := normalize_date(value)) is None:
                continue
            offers.setdefault(key, {})[src] = str(value).strip()
    for key, (value, src) in from_head(text).items():
        offers.setdefault(key, {}).setdefault(src, value)
    out, out_sources = {}, {}
    for key, by_source in offers.items():
        order = TRUST.get(key, ("input",))
        ranked = [s for s in order if s in by_source] + [s for s in by_source if s not in order]
        src = ranked[0]
        out[key], out_sources[key] = by_source[src], src
    return out, out_sources
