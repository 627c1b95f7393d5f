"""Quote marks: the stretches of quoted words in a text, and the Part record for each.

Marks are straight, curly, guillemets and the two-apostrophe pairs of some wire copy; a
paragraph left open goes on in the next one (that part is `continued`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from spacy.tokens import Span, Token

OPEN_BEFORE = set(" \t\n([{—–-:;,/")


@dataclass
class Part:
    """One stretch of quoted words (marks excluded) and what it is attributed to."""

    start: int
    end: int
    para: int
    span: Span
    cue: Optional[Token] = None
    continued: bool = False  # goes on from the paragraph before
    speaker: Optional[str] = None
    via: Optional[str] = None
    governed: bool = False  # the quote stands inside a speech verb's clause ('calls it a "farce"')
    rule: str = "quote-cue"  # how the attribution was found (shown by --explain)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character ranges of the paragraphs (a newline ends one)."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


MARK = re.compile(r"'''|''|[\"“”«»]")


def _is_open(text: str, pos: int, length: int) -> bool:
    """A straight mark opens when it follows a space or start and precedes a word."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + length] if pos + length < len(text) else " "
    return (before in OPEN_BEFORE or before in "\"“'") and not after.isspace()


def quote_spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, continued) of each quoted stretch, marks excluded.

    A paragraph whose quote is still open at its end is closed there; when the
    next paragraph opens a quote at its start, that part is `continued`.
    """
    return list(_quote_spans(text))


@lru_cache(maxsize=2)
def _quote_spans(text: str) -> tuple[tuple[int, int, bool], ...]:
    """`quote_spans`, found once per text: the quotes and stance stages both ask."""
    out: list[tuple[int, int, bool]] = []
    left_open = False
    for p_start, p_end in paragraphs(text):
        para = text[p_start:p_end]
        opened: Optional[int] = None
        continued = False
        for m in MARK.finditer(para):
            tok, pos = m.group(), m.start()
            if tok == "'''":  # nested single mark next to a double one
                if opened is None:
                    tok, pos = "''", pos
                else:
                    tok, pos = "''", pos + 1
            if opened is None:
                if tok in ("”", "»"):
                    continue
                if tok in ('"', "''") and not _is_open(para, pos, len(tok)):
                    continue
                opened = pos + len(tok)
                continued = left_open and not para[:pos].strip()
            else:
                if tok in ("“", "«"):
                    opened = pos + len(tok)  # unbalanced: restart
                    continue
                if tok in ('"', "''") and _is_open(para, pos, len(tok)) and not para[opened:pos].strip():
                    continue
                out.append((p_start + opened, p_start + pos, continued))
                opened, continued = None, False
        left_open = opened is not None
        if opened is not None and para[opened:].strip():
            out.append((p_start + opened, p_start + len(para.rstrip()), continued))
    out += [(s, e, False) for s, e in single_spans(text, out)]
    out += [(s, e, False) for s, e in straight_single_spans(text, out)]
    out.sort()
    return tuple((s, e, c) for s, e, c in (_strip(text, s, e) + (c,) for s, e, c in out) if e > s)


SINGLE_OPEN, SINGLE_CLOSE = "\u2018", "\u2019"
CLOSE_AFTER = set(".,;:!?)\u2014\u2013-")


def single_spans(text: str, doubles: list) -> list[tuple[int, int]]:
    """Quotes in single curly marks (\u2018...\u2019), the house style of British and
    Commonwealth papers, outside any double-quoted stretch. The closing mark is also the
    apostrophe: one between two letters ("Taliban\u2019s") never closes; a plural
    possessive ("rebels\u2019 demands") closes only when nothing better follows."""
    out: list[tuple[int, int]] = []
    for p_start, p_end in paragraphs(text):
        para, k = text[p_start:p_end], 0
        while (k := para.find(SINGLE_OPEN, k)) >= 0:
            at = p_start + k
            if any(s - 1 <= at < e + 1 for s, e, *_ in doubles) or not _is_open(para, k, 1):
                k += 1
                continue
            end = _single_close(para, k + 1)
            if end is None:
                break
            out.append((at + 1, p_start + end))
            k = end + 1
    return out


def straight_single_spans(text: str, found: list) -> list[tuple[int, int]]:
    """Quotes in straight single marks ('...'), the style of many headlines ("'We will not
    retreat', says minister"), in a paragraph with no double or curly marks: a mark opening
    at the start or after a space or colon before a letter, closed as `_single_close` decides
    for the apostrophe-like mark (never inside a word, "don't"), holding at least two words."""
    out: list[tuple[int, int]] = []
    for p_start, p_end in paragraphs(text):
        para, k = text[p_start:p_end], 0
        if any(p_start <= s < p_end for s, *_ in found) or re.search(r"[\"“”«»‘’]", para):
            continue
        while (k := para.find("'", k)) >= 0:
            if not _is_open(para, k, 1) or not para[k + 1 : k + 2].isalpha():
                k += 1
                continue
            end = _single_close(para, k + 1, "'")
            if end is None:
                break
            if word_count(para[k + 1 : end]) >= 2:
                out.append((p_start + k + 1, p_start + end))
            k = end + 1
    return out


def _single_close(para: str, start: int, mark: str = SINGLE_CLOSE) -> Optional[int]:
    """Where the single-marked quote opened before `start` closes, if it does in this paragraph."""
    fallback = None
    for m in re.finditer(mark, para[start:]):
        pos = start + m.start()
        before = para[pos - 1] if pos > 0 else " "
        after = para[pos + 1] if pos + 1 < len(para) else " "
        if before.isalnum() and after.isalpha() or before.isspace():
            continue  # an apostrophe inside a word, or an elision ("\u2019em")
        if before in CLOSE_AFTER or after in CLOSE_AFTER or after.isspace() and before.lower() != "s":
            return pos
        if after.isspace() and fallback is None:
            fallback = pos
        if pos + 1 >= len(para.rstrip()):
            return pos
    return fallback


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


_WORD = re.compile(r"\w+")


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def is_title(inner: str, small: set[str]) -> bool:
    """Quoted words that name a thing, not words said ('a "Joint Security and Defence
    Framework"', '"Operation Linda Boni"'): two or more capitalised words, the others only
    small words of names, and no sentence punctuation."""
    if re.search(r"[.!?,;:]\W*$", inner) or re.search(r"[.!?;:]\s", inner):
        return False
    words = re.findall(r"[\w'’-]+", inner)
    big = [w for w in words if w[:1].isupper() or w[:1].isdigit()]
    return len(big) >= 2 and all(w in big or w.lower() in small for w in words)
