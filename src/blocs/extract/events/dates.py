"""Event dates: the time expression the event's own clause governs."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

from .. import dates as dates_mod
from .arguments import Candidate
from .parse import SIDE_CLAUSES


def _attach_dates(sent: Span, cands: list[Candidate], published) -> Optional[str]:
    """Give each candidate the time expression its clause governs; return the sentence date."""
    exprs = dates_mod.find(sent.text, published)
    if not exprs:
        return None
    anchor_of = {}
    for c in cands:
        for a in c.anchors:
            anchor_of.setdefault(a.i, []).append(c)
    own: dict[int, str] = {}
    loose = []
    for e in exprs:
        end = e.start + len(e.text.rstrip(".,;: "))
        span = sent.doc.char_span(sent.start_char + e.start, sent.start_char + end, alignment_mode="expand")
        if span is None:
            continue
        tok = span.root
        hit = None
        marks_clause = e.text.lower().rstrip().endswith("after")  # "two days after X raided Y": X's date only
        for _ in range(12):
            if tok.i in anchor_of:
                hit = tok
                break
            if tok.head.i == tok.i or tok.dep_ in SIDE_CLAUSES or (marks_clause and tok.pos_ == "VERB"):
                break  # a date inside a relative clause stays there ("militias that fled in the 2015 war")
            tok = tok.head
        if hit is not None:
            for c in anchor_of[hit.i]:
                c.date = c.date or e.iso
            own.setdefault(hit.i, e.iso)
        elif not marks_clause:
            loose.append((_side_clause(span.root), e.iso))
    for c in cands:
        if c.date:
            continue
        tok = c.trigger
        for _ in range(12):
            if tok.head.i == tok.i or tok.dep_ in SIDE_CLAUSES:
                break  # a relative clause does not take its host's date
            tok = tok.head
            if tok.i in own:
                c.date = own[tok.i]
                break
        mine = [iso for where, iso in loose if where == _side_clause(c.trigger)]
        if not c.date and mine:
            c.date = mine[0]
    return loose[0][1] if loose else exprs[0].iso


def _side_clause(tok: Token) -> int:
    """The relative clause a token sits in (its head's index), or -1 for the main clauses."""
    for _ in range(20):
        if tok.dep_ in SIDE_CLAUSES:
            return tok.i
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return -1
