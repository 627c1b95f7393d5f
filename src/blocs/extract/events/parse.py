"""Dependency-parse helpers of the event coder: conjuncts, objects, prepositions, governors.

Pure functions of the parse; they read tokens and never change them.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from ... import parse_arrays
from ..place_names import _dateline

SUBJ = ("nsubj", "csubj", "expl")
OBJ = ("dobj", "obj", "attr", "oprd")
CLAUSAL = ("advcl", "relcl", "acl", "ccomp", "parataxis", "conj", "appos", "csubj")
LOC_PREPS = (
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "around",
    "across",
    "into",
    "throughout",
    "within",
    "on",
    "off",
    "over",
)
SIDE_CLAUSES = ("relcl",)
ANAPHORIC_DETS = ("the", "this", "that", "these", "those")
# Words before "with" that make its object a partner: "side by side with", "together with".
COMPANY_WORDS = frozenset({"side", "together", "shoulder", "jointly", "along", "alongside"})


def _conjuncts(tok: Token) -> list[Token]:
    """A token and the tokens coordinated with it ("Russia and Iran")."""
    doc, arrays = tok.doc, parse_arrays.of(tok.doc)
    dep, pos, kids_of = arrays.strings_of("dep"), arrays.strings_of("pos"), arrays.children
    out, todo = [], [tok]
    as_object = tok.dep_ in ("dobj", "obj", "pobj", "dative")
    while todo:
        t = todo.pop()
        out.append(t)
        kids = kids_of(t.i)
        todo.extend(
            doc[c]
            for c in kids
            if dep[c] == "conj" and pos[c] in ("NOUN", "PROPN", "PRON") and not (as_object and _starts_clause(doc[c]))
        )
        # "The US, Russia, and Switzerland": the parser hangs a list's middle items as appositions
        todo.extend(
            doc[c]
            for c in kids
            if dep[c] == "appos" and pos[c] == "PROPN" and any(dep[g] == "conj" for g in [*kids_of(c), *kids])
        )
    return sorted(out, key=lambda t: t.i)


def _starts_clause(noun: Token) -> bool:
    """ "backs X and Y walks a tightrope": a noun right before a finite verb is that verb's
    subject, though the parser coordinated it with the object before."""
    nxt = noun.right_edge.i + 1
    if nxt >= len(noun.doc) or noun.doc[nxt].tag_ not in ("VBZ", "VBD", "VBP", "MD"):
        return False
    verb = noun.doc[nxt] if noun.doc[nxt].dep_ not in ("aux", "auxpass") else noun.doc[nxt].head
    return not any(c.dep_ in SUBJ or c.dep_ == "nsubjpass" for c in verb.children)  # "talks between X and Y were held"


def _own_clause(tok: Token) -> bool:
    """A coordinated verb with a subject of its own starts another clause ("..., and Y met")."""
    return (
        tok.dep_ == "conj"
        and tok.pos_ in ("VERB", "AUX")
        and any(c.dep_ in SUBJ or c.dep_ == "nsubjpass" for c in tok.children)
    )


def _each_other(verb: Token) -> bool:
    """ "accused each other", "blamed one another": a reciprocal object."""
    return any(
        c.dep_ in ("dobj", "pobj", "dative")
        and c.lower_ in ("other", "another")
        and any(d.lower_ in ("each", "one") for d in c.children)
        for c in verb.children
    )


def _child(tok: Token, *deps: str) -> Optional[Token]:
    """The first child of tok under one of `deps`, read from the parse arrays: no Token is
    made for the children that do not fit."""
    doc = tok.doc
    arrays = parse_arrays.of(doc)
    dep = arrays.strings_of("dep")
    for j in arrays.children(tok.i):
        if dep[j] in deps:
            return doc[j]
    return None


def _pobj(prep: Token) -> Optional[Token]:
    return _child(prep, "pobj", "pcomp")


def _is_passive(verb: Token) -> bool:
    arrays = parse_arrays.of(verb.doc)
    dep = arrays.strings_of("dep")
    return any(dep[c] in ("nsubjpass", "auxpass") for c in arrays.children(verb.i))


def _object_tokens(verb: Token) -> list[Token]:
    """Direct objects, datives and passive subjects: who the act is done to."""
    doc, arrays = verb.doc, parse_arrays.of(verb.doc)
    dep, pos = arrays.strings_of("dep"), arrays.strings_of("pos")
    out = []
    for c in arrays.children(verb.i):
        if dep[c] in ("dobj", "dative", "nsubjpass", "obj") and pos[c] != "ADP":
            out.extend(_conjuncts(doc[c]))
    return out


def _side_by_side(prep: Token) -> bool:
    """ "fought side by side with X", "together with X": X is a partner, not the one acted on."""
    doc = prep.doc
    return prep.lower_ == "with" and any(doc[i].lower_ in COMPANY_WORDS for i in range(max(0, prep.i - 3), prep.i))


def _partner(noun: Token) -> bool:
    """ "on X's side", "on behalf of X": the noun's owner is a partner, not the one acted on."""
    from .patterns import lexicon

    if noun.lemma_.lower() not in lexicon().partner_nouns:
        return False
    # only with an owner: "on X's side", "on the side of X"; "called on both sides to" names the sides
    return any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of") for c in noun.children)


def _prep_objects(tok: Token, preps) -> list[Token]:
    """Objects of the given prepositions under tok ("to" may be parsed as a dative)."""
    doc, arrays = tok.doc, parse_arrays.of(tok.doc)
    dep, pos, lower = arrays.strings_of("dep"), arrays.strings_of("pos"), arrays.strings_of("lower")
    out = []
    for k in arrays.children(tok.i):
        if (
            (dep[k] in ("prep", "agent") or (dep[k] == "dative" and pos[k] == "ADP"))
            and lower[k] in preps
            and not _side_by_side(c := doc[k])
        ):
            obj = _pobj(c)
            if obj is not None and not _partner(obj):
                out.extend(_conjuncts(obj))
    return out


def _governor(noun: Token) -> tuple[Optional[Token], str]:
    """The verb a noun hangs on and how: ('obj', 'under', 'subj', 'with', 'pobj', '')."""
    head = noun.head
    if noun.dep_ in ("dobj", "obj", "nsubjpass", "attr", "dative") and head.pos_ in ("VERB", "AUX"):
        return head, "obj"
    if noun.dep_ in ("conj", "appos") and head.pos_ == "NOUN":
        return _governor(head)
    if noun.dep_ in ("nsubj",) and head.pos_ in ("VERB", "AUX"):
        return head, "subj"
    if noun.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
        verb = head.head
        if head.lower_ == "under":
            return verb, "under"
        if head.lower_ == "with":
            return verb, "with"
        if verb.pos_ in ("VERB", "AUX"):
            return verb, "pobj"
    return None, ""


def _filed_from(doc, start: int, end: int) -> bool:
    """A dateline: a place at a paragraph's start, in capitals ("BANGKOK, Nov 20 -") or before a
    dash or bracket ("Kyiv (Reuters) -")."""
    opens = start == 0 or doc[start - 1].is_space or "\n" in doc[start - 1].text
    return opens and (doc[start].is_upper and len(doc[start].text) > 2 or _dateline(doc, start, end))
