"""Places, use: whether a mention names a location ("in Syria", "northern Syria") or an
actor ("Syria said"), and demonyms that qualify a geographic noun."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc

from .. import parse_arrays
from ..context import token_texts
from .place_names import (
    _dateline,
    _prev_at,
    cues,
)


def _suffix(doc: Doc, end: int) -> Optional[str]:
    if end + 1 < len(doc) and doc[end].text in ("-", "‐", "–") and not doc[end].whitespace_:
        return doc[end + 1].lower_
    return None


def _use(doc: Doc, start: int, end: int, places_at: set[int], ends: Optional[dict[int, int]] = None) -> str:
    """ "lit" (a location), "weak" (an origin), "act" (an actor) or "neutral".
    `ends`: where each chosen name ends -> where it starts, so that a listed name takes the
    use of the name before it ("officials in Tokyo and Canberra")."""
    c = cues()
    sep = _prev_at(doc, start)
    lowers = parse_arrays.of(doc).strings_of("lower")
    sep_lower = lowers[sep] if sep >= 0 else ""
    if (
        ends
        and sep_lower in (",", "and", "or")
        and sep in ends
        and not (token_texts(doc)[sep] == "," and sep - 1 in places_at)
    ):
        return _use(doc, ends[sep], sep, places_at, ends)
    suffix = _suffix(doc, end)
    if suffix in c.literal_suffixes:
        return "lit"
    if suffix in c.actor_suffixes:
        return "act"
    if sep_lower in c.compass:
        return "lit"
    if sep_lower == "," and _prev_at(doc, start, 2) in places_at:
        return "lit"  # "Moscow, Russia"
    if _dateline(doc, start, end):
        return "lit"
    tok = _root(doc, start, end)
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    if any(ch.lower_ in c.compass for ch in tok.children if ch.dep_ in ("amod", "compound")):
        return "lit"
    if tok.dep_ == "pobj":
        prep_tok = tok.head
        while prep_tok.dep_ == "conj" and prep_tok.head.i != prep_tok.i:
            prep_tok = prep_tok.head  # "from Cairo and from Washington"
        prep, governor = tok.head.lower_, prep_tok.head.lemma_.lower()
        if prep in c.weak:
            objects = {ch.lemma_.lower() for ch in prep_tok.head.children if ch.dep_ == "dobj"}
            return "act" if governor in c.source_nouns or objects & c.source_nouns else "weak"
        if prep in c.locative or governor in c.geo_nouns:
            return "lit"  # "in Syria", "outskirts of Kyiv", "the border with Egypt"
        return "act"
    if tok.dep_ in ("poss", "compound", "amod", "nmod"):
        return "lit" if tok.head.lemma_.lower() in c.geo_nouns else "act"
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in c.place_verbs:
        return "lit"  # "seized Kherson", "villages bordering Chad"
    if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "dative", "agent", "csubj"):
        return "act"
    return "neutral"


def _root(doc: Doc, start: int, end: int):
    """The name's head word: the last of its words governed from outside it ("the Gulf" -> Gulf)."""
    for t in map(doc.__getitem__, range(end - 1, start - 1, -1)):
        if t.lower_ != "the" and (t.head.i == t.i or not start <= t.head.i < end):
            return t
    return doc[start:end].root


def _demonym_literal(doc: Doc, i: int, demonym_at) -> bool:
    """A demonym qualifying a geographic noun: "the Syrian capital", "Syrian-Turkish border".
    `demonym_at(j)`: the entry token j is a demonym of, or None."""
    c, j = cues(), i + 1
    texts, arrays = token_texts(doc), parse_arrays.of(doc)
    lowers = arrays.strings_of("lower")
    while j < len(doc) and (texts[j] in ("-", "‐") or demonym_at(j) or lowers[j] in c.compass):
        j += 1
    return (
        j < len(doc)
        and j > i
        and texts[j - 1] not in ("-", "‐")
        and arrays.strings_of("lemma")[j].lower() in c.geo_nouns
        and arrays.strings_of("pos")[j] in ("NOUN", "PROPN")
    )
