"""Layout repair: Unicode fixed, page furniture dropped, lines joined into paragraphs.

Output: paragraphs separated by one blank line; a heading, byline or dateline
is a paragraph of its own; wrapped lines are joined with one space, a
line-end hyphen is dropped only when the joined form is a word.
"""

from __future__ import annotations

import re
from collections import Counter
from statistics import median

import ftfy

from . import names
from .metadata import BYLINE, DATELINE, find_date
from .words import dehyphenate

INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
CLOSING = re.compile(r"""[.!?…:;]["'”’)\]]*$""")
PAGE_NUMBER = re.compile(r"^[\W_]*(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?[\W_]*$", re.I)
BULLET = re.compile(r"^(?:[•▪◦●*-]|\d{1,2}[.)])\s")
LINE_HYPHEN = re.compile(r"(\w+)[-\u2010]$")
UNWRAPPED = 200  # lines this long were never wrapped: each line is a paragraph
# English function words a wrapped line may stop on but a heading or a paragraph never ends with
# abbreviated months and titles (AP style) that end in a full stop but never end a sentence
ABBREVIATIONS = {
    "jan.",
    "feb.",
    "aug.",
    "sept.",
    "sep.",
    "oct.",
    "nov.",
    "dec.",
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "gen.",
    "lt.",
    "col.",
    "sgt.",
    "capt.",
    "maj.",
    "gov.",
    "sen.",
    "rep.",
    "st.",
    "adm.",
    "brig.",
    "cmdr.",
}
OPEN_WORDS = {"and", "or", "but", "nor", "the", "a", "an", "of", "to", "in", "on", "at", "by", "for", "with", "from"}


def fix_unicode(text: str) -> str:
    """Mojibake, ligatures and control characters fixed; curly quotes kept."""
    if not text.isascii():
        text = ftfy.fix_text(
            text, uncurl_quotes=False, fix_character_width=False, fix_line_breaks=True, normalization="NFC"
        )
        text = text.translate(INVISIBLE)
        text = re.sub("\u00ad[ \t]*\n[ \t]*", "", text).replace("\u00ad", "")  # soft hyphens
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(SPACES.sub(" ", line).rstrip() for line in text.split("\n"))


def _norm(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip().lower())


def drop_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Running headers and footers (the same line at the top or bottom of several
    pages, page numbers aside) and page numbers, at page edges only."""

    def edges(lines):
        idx = [i for i, ln in enumerate(lines) if ln.strip()]
        return idx[:3] + idx[-3:]

    seen: Counter[str] = Counter()
    for lines in pages:
        seen.update({_norm(lines[i]) for i in edges(lines)})
    repeated = {n for n, c in seen.items() if c >= 2 and n}
    out = []
    for lines in pages:
        drop = set()
        for i in edges(lines):
            line = lines[i].strip()
            if PAGE_NUMBER.match(line):
                drop.add(i)
            elif _norm(line) in repeated:
                drop.add(i)
        out.append([ln for i, ln in enumerate(lines) if i not in drop])
    return out


def _width(lines: list[str]) -> float:
    """The wrap width (90th percentile of line lengths), or UNWRAPPED when the lines
    were never wrapped: very long, or nearly all ending a sentence (one paragraph a line)."""
    lines = [ln.strip() for ln in lines if ln.strip()]
    lengths = sorted(len(ln) for ln in lines)
    if not lengths:
        return 0
    width = lengths[int(len(lengths) * 0.9)]
    long = [ln for ln in lines if len(ln) >= 40]
    if len(long) >= 3 and sum(map(_closes, long)) >= 0.6 * len(long):
        return max(width, UNWRAPPED)
    return width


def _closes(text: str) -> bool:
    return bool(CLOSING.search(text.rstrip()))


def _join(left: str, right: str, strict: bool = True) -> str:
    """Join two pieces of one paragraph, mending a hyphen split at the join:
    "govern-" + "ment" -> "government", "Saudi-" + "led" -> "Saudi-led"."""
    right = right.lstrip()
    m = LINE_HYPHEN.search(left)
    if m and right[:1].isalnum():
        first = re.match(r"[^\W\d_]+", right)
        if first and m.group(1).isalpha() and dehyphenate(m.group(1), first.group(0), strict=strict):
            return left[:-1] + right
        return left + right
    return left.rstrip() + " " + right


def _hard_break(line: str, nxt: str, width: float, indented: bool, after_open: bool = False) -> bool:
    """Whether the line break after `line` ends a paragraph (or a heading). `after_open`: the
    paragraph `line` ends went on from the line before it with its sentence still open, so
    `line` is no heading."""
    a, b = line.strip(), nxt.strip()
    if not b or not a:
        return True
    if (b[0].islower() and not _closes(a)) or LINE_HYPHEN.search(a) or _open_end(a):
        return False  # a sentence, or a word, goes on
    if BULLET.match(b) or _head_line(a) or _head_line(b):
        return True
    first = b.split(" ", 1)[0]
    if len(a) + 1 + len(first) < 0.85 * width:  # the next word would have fitted here:
        if _name_goes_on(a, first):
            return False
        return _closes(a) or (len(a) < 0.6 * width and not after_open)  # a paragraph's end, or a heading
    return indented and _closes(a)


def _name_goes_on(line: str, first: str) -> bool:
    """A short line that ends on the first word of a name the next line finishes ("South" +
    "Vietnamese troops ..."); a scan's letter-spaced word counts joined ("N orth")."""
    last = line.rsplit(" ", 1)[-1]
    glued = line.replace(" ", "") if len(line) <= 12 else last
    return names.opens_name(last, first) or names.opens_name(glued, first)


def _open_end(line: str) -> bool:
    """A line that stops mid-clause: after a comma, a function word ("North Vietnamese and") or
    an abbreviation that a name or number follows ("Dec." + "6", "Lt." + "Col.")."""
    words = line.rsplit(" ", 1)
    return line.endswith(",") or words[-1].lower() in ABBREVIATIONS or (len(words) > 1 and words[-1] in OPEN_WORDS)


def _head_line(line: str) -> bool:
    """A byline, a date line or a bare dateline: always a unit of its own."""
    m = DATELINE.match(line)
    return (
        bool(BYLINE.match(line))
        or (m is not None and m.end() == len(line))
        or (len(line) < 60 and find_date(line) is not None)
    )


def _paragraphs(lines: list[str], width: float) -> list[tuple[str, int]]:
    """Group the lines of one blank-line-free block into paragraphs, each with
    the length of its last line (a full last line may go on after a page break)."""
    margin = median([len(ln) - len(ln.lstrip()) for ln in lines]) if lines else 0
    paras, cur = [], ""
    for i, line in enumerate(lines):
        if cur and (
            width >= UNWRAPPED
            or _hard_break(
                lines[i - 1],
                line,
                width,
                len(line) - len(line.lstrip()) > margin,
                after_open=cur != lines[i - 1].strip() and not _closes(lines[i - 2]),
            )
        ):
            paras.append((cur, len(lines[i - 1].strip())))
            cur = ""
        cur = _join(cur, line) if cur else line.strip()
    if cur:
        paras.append((cur, len(lines[-1].strip())))
    return paras


def _continues(prev: str, last_line: int, nxt: str, page_break: bool, width: float) -> bool:
    """A paragraph cut by a blank line or a page break goes on in the next chunk:
    no closing punctuation and a lower-case start, or a full last line before a page break."""
    if _closes(prev):
        return False
    if nxt[:1].islower():
        return True
    return page_break and last_line >= 0.85 * width and nxt[:1].isupper()


def _split_dateline(para: str) -> list[str]:
    """'BEIRUT, Dec 5 (Reuters) - Syrian forces ...': the dateline becomes its own unit."""
    m = DATELINE.match(para)
    if m and para[m.end() :].lstrip()[:1].isupper():
        return [para[: m.end()].rstrip(), para[m.end() :].lstrip()]
    return [para]


def repair(text: str) -> str:
    text = fix_unicode(text)
    pages = [page.split("\n") for page in text.split("\f")]
    if len(pages) > 1:
        pages = drop_furniture(pages)
    width = _width([ln for page in pages for ln in page])
    out: list[list] = []  # [paragraph, length of its last line]
    for p, lines in enumerate(pages):
        page_start, block = p > 0, []
        for line in lines + [""]:
            if line.strip():
                block.append(line)
                continue
            for para, last in _paragraphs(block, width):
                if out and _continues(out[-1][0], out[-1][1], para, page_start, width):
                    out[-1] = [_join(out[-1][0], para), last]
                else:
                    out.append([para, last])
                page_start = False
            block = []
    paras = [piece for para, _ in out for piece in _split_dateline(para)]
    return "\n\n".join(paras) + "\n" if paras else ""
