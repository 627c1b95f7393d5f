"""Page furniture: the parts of a web or wire page that are not the story.

Bylines with outlet and time ("Jane Doe / Agency / Updated: ..."), breadcrumbs ("Outlet |
Section | Rubric | date"), photo credits ("Photo: NAME/Agency", a bracketed agency ending a
caption), share and follow prompts, time zones and subheadings name no actor of the story.
One walk over the doc's lines marks their tokens; candidate hits that touch them are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc


@dataclass
class Furniture:
    """Per-token flags: `page` (never an actor), `heading` (a short line that is no sentence:
    names the knowledge base does not know are not taken from it)."""

    page: bytearray
    heading: bytearray

    def touches(self, start: int, end: int, heading: bool = False) -> bool:
        flags = self.heading if heading else self.page
        return any(flags[start:end])


def lines(doc: Doc) -> list[tuple[int, int, bool]]:
    """[start, end) token ranges of the text's lines, without the white-space tokens, and whether
    the line is a paragraph of its own (a blank line, or the text's edge, on both sides)."""
    out: list[tuple[int, int, bool]] = []
    start, blank_before = None, True
    for t in doc:
        gap = t.text if t.is_space else t.whitespace_
        if not t.is_space and start is None:
            start = t.i
        if "\n" in gap and start is not None:
            end = t.i if t.is_space else t.i + 1
            out.append((start, end, blank_before and gap.count("\n") >= 2))
            start = None
        if "\n" in gap:
            blank_before = gap.count("\n") >= 2
    if start is not None:
        out.append((start, len(doc), blank_before))
    return out


def find(doc: Doc, lex: dict) -> Furniture:
    """Mark page furniture and headings, one pass over the lines."""
    page, heading = bytearray(len(doc) + 1), bytearray(len(doc) + 1)
    spec = lex["page_furniture"]
    zones = set(spec["time_zones"])
    for n, (s, e, alone) in enumerate(lines(doc)):
        toks = doc[s:e]
        if _page_line(toks, spec):
            page[s:e] = b"\x01" * (e - s)
            continue
        _credits(toks, spec, page)
        if n > 1 and alone and _heading_line(toks, spec) or _title_case(toks):
            heading[s:e] = b"\x01" * (e - s)  # the first two lines are the title and standfirst
    for t in doc:
        if t.text in zones:
            page[t.i] = 1
    return Furniture(page, heading)


def _page_line(toks, spec: dict) -> bool:
    """A breadcrumb or byline line (several separators), a time stamp, a share/follow prompt."""
    words = [t for t in toks if t.is_alpha]
    if not words or len(words) > spec["max_line_words"]:
        return False
    if sum(t.text in spec["separators"] for t in toks) >= 2:
        return True
    first = toks[0].lower_
    ends_sentence = toks[-1].text in (".", "!", "?", "”", '"', "’", "'")
    if first in spec["line_openers"] and not ends_sentence and len(words) <= spec["max_prompt_words"]:
        return True
    shouting = all(t.is_upper for t in words) and len(words) >= 3
    return shouting and any(t.lower_ in spec["interface_words"] for t in words)


def _credits(toks, spec: dict, page: bytearray) -> None:
    """'Photo: NAME/Agency' and, opening a line or a bracket, 'Editing by NAME' to the line end; a short bracketed credit ending a caption line;
    the agency of a wire dateline ('KYIV, May 3 (Agency) -')."""
    _dateline_agency(toks, page)
    for k, t in enumerate(toks[:-1]):
        staff = t.lower_ in spec["staff_credit_words"] and toks[k + 1].lower_ == "by"
        if (t.lower_ in spec["credit_words"] and toks[k + 1].text == ":") or (
            staff and (k == 0 or toks[k - 1].text in ("(", "["))
        ):
            end = _credit_end(toks, k)
            page[t.i : end + 1] = b"\x01" * (end + 1 - t.i)
            return
    if len(toks) >= 3 and toks[-1].text == ")":
        k = len(toks) - 2
        while k > 0 and toks[k].text != "(" and len(toks) - k <= 9:
            k -= 1
        inside = toks[k + 1 : len(toks) - 1]
        if (
            toks[k].text == "("
            and k > 0
            and toks[k - 1].text in (".", "!", "?")
            and len(inside)
            and all(w.text[:1].isupper() or w.text in ("/", "&", "-") for w in inside)
        ):
            page[toks[k].i : toks[-1].i + 1] = b"\x01" * (toks[-1].i + 1 - toks[k].i)
    _slash_credit(toks, page)


def _slash_credit(toks, page: bytearray) -> None:
    """An unbracketed wire-photo credit ending a caption line or standing as a line of its own: a
    few capitalised words joined by a slash ('. REUTERS/Name Surname', '. / AGENCY PHOTO / NAME',
    'AGENCY/Name Surname'); or a copyright sign and what follows it ('© AGENCY / NAME')."""
    sign = next((t for t in toks if t.text == "©"), None)
    if sign is not None:
        page[sign.i : toks[-1].i + 1] = b"\x01" * (toks[-1].i + 1 - sign.i)
        return
    k = len(toks) - 1
    while k > 0 and toks[k - 1].text not in (".", "!", "?") and len(toks) - k <= 8:
        k -= 1
    tail = toks[k:]
    if (
        (k > 0 and toks[k - 1].text in (".", "!", "?") or k == 0)
        and 2 <= len(tail) <= 8
        and any(w.text == "/" for w in tail)
        and all(w.text[:1].isupper() or w.text in ("/", "&", "-") for w in tail)
    ):
        page[tail[0].i : tail[-1].i + 1] = b"\x01" * (tail[-1].i + 1 - tail[0].i)


def _credit_end(toks, k: int) -> int:
    """The last token of a credit opening at toks[k]: the line end, or the closing bracket
    of a credit set in brackets mid-line ("[Photo: Agency] The talks ...")."""
    if k > 0 and toks[k - 1].text in ("[", "("):
        close = "]" if toks[k - 1].text == "[" else ")"
        for t in toks[k + 2 :]:
            if t.text == close:
                return t.i
    return toks[-1].i


def _dateline_agency(toks, page: bytearray) -> None:
    """'(Agency) -' near the start of a line: the bracketed name that filed the report."""
    for k, t in enumerate(toks[:12]):
        if t.text != "(":
            continue
        close = next((j for j in range(k + 1, min(k + 6, len(toks))) if toks[j].text == ")"), None)
        if close is None or close + 1 >= len(toks) or toks[close + 1].text not in ("-", "—", "–", "--"):
            continue
        if all(w.text[:1].isupper() or w.text in ("/", "&", "-") for w in toks[k + 1 : close]):
            page[t.i : toks[close].i + 1] = b"\x01" * (toks[close].i + 1 - t.i)
        return


def _heading_line(toks, spec: dict) -> bool:
    """A subheading: a short line with no verb and no closing punctuation."""
    words = [t for t in toks if t.is_alpha]
    if not words or len(words) > spec["max_heading_words"]:
        return False
    if toks[-1].text in (".", "!", "?", ":", ";", ",", "”", '"', "’", "'", ")"):
        return False
    return not any(t.pos_ in ("VERB", "AUX") for t in toks)


def _title_case(toks) -> bool:
    """A headline set in Title Case ("Crisis Deepens Divides in X Toward Y"): every word of four
    letters or more capitalised, verbs too (tagged as names then), so NER's names there mean nothing."""
    long = [t for t in toks if t.is_alpha and len(t) >= 4]
    return len(long) >= 4 and all(t.text[0].isupper() for t in long) and toks[-1].text not in (".", "!", "?")
