"""Places, use: whether a mention names a location ("in Syria", "northern Syria") or an
actor ("Syria said"), and demonyms that qualify a geographic noun."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc

from .. import parse_arrays
from ..context import token_texts
from ..syntax import dateline
from .place_names import (
    _prev_at,
    cues,
)


def _suffix(doc: Doc, end: int) -> Optional[str]:
    texts = token_texts(doc)
    if end + 1 < len(doc) and texts[end] in ("-", "‐", "–"):
        arrays = parse_arrays.of(doc)
        if arrays.idx[end] + len(texts[end]) == arrays.idx[end + 1]:  # no `whitespace_` after it
            return arrays.strings_of("lower")[end + 1]
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
    if dateline(doc, start, end):
        return "lit"
    return _use_by_role(doc, _root_at(doc, start, end))


def _use_by_role(doc: Doc, k: int) -> str:
    """The use a name's head word k has by its place in the parse (read from the parse arrays:
    no Token objects)."""
    c, arrays = cues(), parse_arrays.of(doc)
    head, deps, lowers, lemmas = (
        arrays.head,
        arrays.strings_of("dep"),
        arrays.strings_of("lower"),
        arrays.strings_of("lemma"),
    )
    while deps[k] in ("conj", "appos") and head[k] != k:
        k = head[k]
    if any(lowers[ch] in c.compass for ch in arrays.children(k) if deps[ch] in ("amod", "compound")):
        return "lit"
    if deps[k] == "pobj":
        prep_tok = head[k]
        while deps[prep_tok] == "conj" and head[prep_tok] != prep_tok:
            prep_tok = head[prep_tok]  # "from Cairo and from Washington"
        prep, governor = lowers[head[k]], lemmas[head[prep_tok]].lower()
        objects = {lemmas[ch].lower() for ch in arrays.children(head[prep_tok]) if deps[ch] == "dobj"}
        if prep in c.weak:
            return "act" if governor in c.source_nouns or objects & c.source_nouns else "weak"
        if prep in c.locative or governor in c.geo_nouns or _attacked(prep, {governor} | objects):
            return "lit"  # "in Syria", "outskirts of Kyiv", "the border with Egypt", "the siege of Kyiv"
        return "act"
    if deps[k] in ("poss", "compound", "amod", "nmod"):
        return "lit" if lemmas[head[k]].lower() in c.geo_nouns else "act"
    if deps[k] == "dobj" and lemmas[head[k]].lower() in c.place_verbs:
        return "lit"  # "seized Kherson", "villages bordering Chad"
    if deps[k] in ("nsubj", "nsubjpass", "dobj", "dative", "agent", "csubj"):
        return "act"
    return "neutral"


def _attacked(prep: str, governors: set[str]) -> bool:
    """Is the object of `prep` the place an act is aimed at ("the siege of X", "an offensive on X",
    "advanced on X", "launched strikes on X")? `governors`: the lemma the preposition hangs on and,
    for a verb, its objects'."""
    c = cues()
    return bool((prep == "of" and governors & c.place_nouns) or (prep in c.attack_preps and governors & c.attack_heads))


def _root(doc: Doc, start: int, end: int):
    """The name's head word: the last of its words governed from outside it ("the Gulf" -> Gulf)."""
    return doc[_root_at(doc, start, end)]


def _root_at(doc: Doc, start: int, end: int) -> int:
    """The index of `_root`, read from the parse arrays."""
    arrays = parse_arrays.of(doc)
    head, lowers = arrays.head, arrays.strings_of("lower")
    for k in range(end - 1, start - 1, -1):
        if lowers[k] != "the" and (head[k] == k or not start <= head[k] < end):
            return k
    return doc[start:end].root.i


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
