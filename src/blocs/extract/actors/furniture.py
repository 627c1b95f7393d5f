"""Page furniture: the parts of a web or wire page that are not the story.

Bylines with outlet and time ("Jane Doe / Agency / Updated: ..."), breadcrumbs ("Outlet |
Section | Rubric | date"), photo credits ("Photo: NAME/Agency", a bracketed agency ending a
caption), share and follow prompts, time zones and subheadings name no actor of the story.
One walk over the doc's lines marks their tokens; candidate hits that touch them are dropped.
The rules read the tokens' texts as plain lists (`_Tokens`), cut from the doc's text with one
`doc.to_array` of lengths: no spaCy Token object is made per token and line.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import compress, islice
from typing import Optional

from spacy.tokens import Doc

from ... import parse_arrays
from ...context import doc_text, token_texts


@dataclass
class Furniture:
    """Per-token flags: `page` (never an actor), `heading` (a short line that is no sentence:
    names the knowledge base does not know are not taken from it)."""

    page: bytearray
    heading: bytearray

    def touches(self, start: int, end: int, heading: bool = False) -> bool:
        flags = self.heading if heading else self.page
        return any(flags[start:end])


@dataclass(frozen=True)
class _Tokens:
    """What the rules read of each token: its text, lower-case form (spaCy's `lower_` is the
    text's lower()), and the parse for its part of speech; and the tokens whose gap holds a
    line break (a white-space token's own text, another token's white space after it), with
    that gap, in order."""

    text: list[str]
    lower: list[str]
    breaks: list[tuple[int, str]]
    arrays: parse_arrays.ParseArrays

    def pos(self, i: int) -> str:
        return self.arrays.string(self.arrays.pos[i])


def _tokens(doc: Doc) -> _Tokens:
    """The doc's shared token texts and lower-case forms (read-only here), and its line breaks."""
    arrays = parse_arrays.of(doc)
    text = token_texts(doc)
    return _Tokens(text, arrays.strings_of("lower"), _breaks(doc_text(doc), arrays.idx, text), arrays)


def _breaks(full: str, idx: list[int], text: list[str]) -> list[tuple[int, str]]:
    """Each token whose gap holds a line break, with the gap: found from the text's line breaks
    (a few per paragraph), not by reading every token."""
    out: list[tuple[int, str]] = []
    p = full.find("\n")
    while p >= 0:
        k = bisect_right(idx, p) - 1
        if k >= 0 and (not out or out[-1][0] != k):
            end = idx[k] + len(text[k])
            if text[k].isspace() and p < end:
                out.append((k, text[k]))
            elif not text[k].isspace() and p >= end:  # in the white space after the token
                out.append((k, full[end : idx[k + 1]] if k + 1 < len(idx) else full[end:]))
        p = full.find("\n", p + 1)
    return out


def lines(tb: _Tokens) -> list[tuple[int, int, bool]]:
    """[start, end) token ranges of the text's lines, without the white-space tokens, and whether
    the line is a paragraph of its own (a blank line, or the text's edge, on both sides)."""
    out: list[tuple[int, int, bool]] = []
    text, blank_before, last = tb.text, True, -1
    for k, gap in tb.breaks:
        start = _first_word(text, last + 1, k + 1)
        if start is not None:
            out.append((start, k if text[k].isspace() else k + 1, blank_before and gap.count("\n") >= 2))
        blank_before, last = gap.count("\n") >= 2, k
    start = _first_word(text, last + 1, len(text))
    if start is not None:
        out.append((start, len(text), blank_before))
    return out


def _first_word(text: list[str], start: int, end: int) -> Optional[int]:
    """The first token of [start, end) that is not white space (spaCy's is_space), if any."""
    return next((i for i in range(start, end) if not text[i].isspace()), None)


def find(doc: Doc, lex: dict) -> Furniture:
    """Mark page furniture and headings, one pass over the lines."""
    page, heading = bytearray(len(doc) + 1), bytearray(len(doc) + 1)
    spec = {
        k: frozenset(v) if isinstance(v, list) else v for k, v in lex["page_furniture"].items()
    }  # sets: asked per token
    zones = spec["time_zones"]
    tb = _tokens(doc)
    credit_words = spec["staff_credit_words"] | spec["credit_words"]
    openers = [k for k, w in enumerate(tb.lower) if w in credit_words]  # where a credit can open
    for n, (s, e, alone) in enumerate(lines(tb)):
        if _page_line(tb, s, e, spec):
            page[s:e] = b"\x01" * (e - s)
            continue
        _credits(tb, s, e, spec, page, openers)
        if n > 1 and alone and _heading_line(tb, s, e, spec) or _title_case(tb, s, e):
            heading[s:e] = b"\x01" * (e - s)  # the first two lines are the title and standfirst
    if not zones.isdisjoint(tb.text):  # most texts name no time zone
        for i, text in enumerate(tb.text):
            if text in zones:
                page[i] = 1
    return Furniture(page, heading)


def _page_line(tb: _Tokens, s: int, e: int, spec: dict) -> bool:
    """A breadcrumb or byline line (several separators), a time stamp, a share/follow prompt."""
    text = tb.text
    words = _words_upto(text, s, e, spec["max_line_words"])
    if not words or len(words) > spec["max_line_words"]:
        return False
    if sum(text[i] in spec["separators"] for i in range(s, e)) >= 2:
        return True
    first = tb.lower[s] if tb.lower[s] in spec["line_openers"] else " ".join(tb.lower[s : s + 2])
    if tb.lower[s] in spec["notice_openers"] or " ".join(tb.lower[s : s + 2]) in spec["notice_openers"]:
        return True
    if _contribution(tb, s, e, spec):
        return True
    ends_sentence = text[e - 1] in (".", "!", "?", "”", '"', "’", "'")
    if first in spec["line_openers"] and not ends_sentence and len(words) <= spec["max_prompt_words"]:
        return True
    shouting = all(text[i].isupper() for i in words) and len(words) >= 3
    return shouting and any(tb.lower[i] in spec["interface_words"] for i in words)


def _contribution(tb: _Tokens, s: int, e: int, spec: dict) -> bool:
    """A short line crediting staff with a share of the report ("Agency writer NAME in PLACE
    contributed to this report.", "NAME contributed reporting from PLACE."): `contribution_phrases`."""
    verbs = [k for k in range(s, e - 1) if tb.lower[k] in spec["contribution_verbs"]]
    phrases = spec["contribution_phrases"]
    return any(" ".join(tb.lower[k : min(k + n, e)]) in phrases for k in verbs for n in (2, 3, 4))


def _words_upto(text: list[str], s: int, e: int, most: int) -> list[int]:
    """The all-letter tokens of [s, e), counted no further than one past `most` (a line that long
    is no byline or heading: the callers only ask whether there are more)."""
    return list(islice(compress(range(s, e), map(str.isalpha, text[s:e])), most + 1))


def _capitalised(tb: _Tokens, start: int, end: int) -> bool:
    """Every token of [start, end) capitalised or a joining mark ("/", "&", "-")."""
    return all(tb.text[w][:1].isupper() or tb.text[w] in ("/", "&", "-") for w in range(start, end))


def _credits(tb: _Tokens, s: int, e: int, spec: dict, page: bytearray, openers: list[int]) -> None:
    """'Photo: NAME/Agency' and, opening a line or a bracket, 'Editing by NAME' to the line end; a short bracketed credit ending a caption line;
    the agency of a wire dateline ('KYIV, May 3 (Agency) -'). `openers`: the doc's tokens that are
    credit or staff-credit words, in order (no other token can open a credit)."""
    text, lower = tb.text, tb.lower
    _dateline_agency(tb, s, e, page)
    for k in openers[bisect_left(openers, s) : bisect_left(openers, e - 1)]:
        staff = lower[k] in spec["staff_credit_words"] and lower[k + 1] == "by"
        while staff and k > s and lower[k - 1] in spec["staff_credit_words"]:
            k -= 1  # "(Additional reporting by NAME ...)"
        if (lower[k] in spec["credit_words"] and text[k + 1] == ":") or (
            staff and (k == s or text[k - 1] in ("(", "["))
        ):
            end = _credit_end(tb, e, k, s)
            page[k : end + 1] = b"\x01" * (end + 1 - k)
            return
    if e - s >= 3 and text[e - 1] == ")":
        k = e - 2
        while k > s and text[k] != "(" and e - k <= 9:
            k -= 1
        if (
            text[k] == "("
            and k > s
            and text[k - 1] in (".", "!", "?")
            and k + 1 < e - 1
            and _capitalised(tb, k + 1, e - 1)
        ):
            page[k:e] = b"\x01" * (e - k)
    _slash_credit(tb, s, e, page)


def _slash_credit(tb: _Tokens, s: int, e: int, page: bytearray) -> None:
    """An unbracketed wire-photo credit ending a caption line or standing as a line of its own: a
    few capitalised words joined by a slash ('. REUTERS/Name Surname', '. / AGENCY PHOTO / NAME',
    'AGENCY/Name Surname'); or a copyright sign and what follows it ('© AGENCY / NAME')."""
    text = tb.text
    sign = text.index("©", s, e) if "©" in text[s:e] else None  # the first one
    if sign is not None:
        page[sign:e] = b"\x01" * (e - sign)
        return
    k = e - 1
    while k > s and text[k - 1] not in (".", "!", "?") and e - k <= 8:
        k -= 1
    if (
        (k > s and text[k - 1] in (".", "!", "?") or k == s)
        and 2 <= e - k <= 8
        and any(text[w] == "/" for w in range(k, e))
        and _capitalised(tb, k, e)
    ):
        page[k:e] = b"\x01" * (e - k)


def _credit_end(tb: _Tokens, e: int, k: int, s: int) -> int:
    """The last token of a credit opening at token k of the line [s, e): the line end, or the
    closing bracket of a credit set in brackets mid-line ("[Photo: Agency] The talks ...")."""
    if k > s and tb.text[k - 1] in ("[", "("):
        close = "]" if tb.text[k - 1] == "[" else ")"
        for j in range(k + 2, e):
            if tb.text[j] == close:
                return j
    return e - 1


def _dateline_agency(tb: _Tokens, s: int, e: int, page: bytearray) -> None:
    """'(Agency) -' near the start of a line: the bracketed name that filed the report."""
    text = tb.text
    for k in range(s, min(s + 12, e)):
        if text[k] != "(":
            continue
        close = next((j for j in range(k + 1, min(k + 6, e)) if text[j] == ")"), None)
        if close is None or close + 1 >= e or text[close + 1] not in ("-", "—", "–", "--"):
            continue
        if _capitalised(tb, k + 1, close):
            page[k : close + 1] = b"\x01" * (close + 1 - k)
        return


def _heading_line(tb: _Tokens, s: int, e: int, spec: dict) -> bool:
    """A subheading: a short line with no verb and no closing punctuation."""
    if tb.text[e - 1] in (".", "!", "?", ":", ";", ",", "”", '"', "’", "'", ")"):
        return False  # asked first: most lines are sentences (the tests have no side effects)
    words = _words_upto(tb.text, s, e, spec["max_heading_words"])
    if not words or len(words) > spec["max_heading_words"]:
        return False
    return not any(tb.pos(i) in ("VERB", "AUX") for i in range(s, e))


def _title_case(tb: _Tokens, s: int, e: int) -> bool:
    """A headline set in Title Case ("Crisis Deepens Divides in X Toward Y"): every word of four
    letters or more capitalised, verbs too (tagged as names then), so NER's names there mean nothing."""
    if tb.text[e - 1] in (".", "!", "?"):
        return False  # asked first: most lines are sentences
    long = [tb.text[i] for i in range(s, e) if tb.text[i].isalpha() and len(tb.text[i]) >= 4]
    return len(long) >= 4 and all(w[0].isupper() for w in long)
