"""Dependency-parse helpers of the event coder: conjuncts, objects, prepositions, governors.

Pure functions of the parse; they read tokens and never change them.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from ... import parse_arrays
from ...context import token_texts
from ...syntax import dateline, opens_paragraph

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


class View:
    """One doc's parse as the coder reads it: the string columns, the children of each token
    and the doc's Tokens (made once), so a helper indexes lists instead of making Tokens or
    asking the arrays for each column (built once per doc, see `view`)."""

    __slots__ = (
        "doc",
        "n",
        "arrays",
        "dep",
        "pos",
        "lower",
        "lemma",
        "tag",
        "kids",
        "toks",
        "head",
        "subjects",
        "joined",
    )

    def __init__(self, doc: Doc):
        arrays = parse_arrays.of(doc)
        self.doc, self.n, self.arrays = doc, len(doc), arrays
        self.dep, self.pos = arrays.strings_of("dep"), arrays.strings_of("pos")
        self.lower, self.lemma, self.tag = (
            arrays.strings_of("lower"),
            arrays.strings_of("lemma"),
            arrays.strings_of("tag"),
        )
        self.kids, self.head = arrays.children_table(), arrays.head
        self.toks = parse_arrays.tokens(doc)
        self.subjects: dict[int, list[Token]] = {}  # verb index -> `_subject_tokens` (arguments.py)
        self.joined: dict[int, list[int]] = {}  # token index -> its conjuncts' indexes (see _conjuncts)


def view(doc: Doc) -> View:
    """The View of a doc: the one of the last doc asked for (checked against the doc's length
    once per doc, see `forget_view`), else built and kept in its `user_data`."""
    if _VIEW_DOC[0] is doc:
        return _VIEW[0]  # type: ignore[return-value]
    v = doc.user_data.get(_VIEW_KEY)
    if v is None or v.n != len(doc) or v.arrays is not parse_arrays.of(doc):
        v = doc.user_data[_VIEW_KEY] = View(doc)
    _VIEW[0], _VIEW_DOC[0] = v, doc
    return v


def forget_view() -> None:
    """Drop the fast path of `view` (at the start of a stage: a doc may have changed since)."""
    _VIEW[0] = _VIEW_DOC[0] = None


_VIEW: list[Optional[View]] = [None]
_VIEW_DOC: list[Optional[Doc]] = [None]
_VIEW_KEY = "blocs.events.view"


def _conjuncts(tok: Token) -> list[Token]:
    """A token and the tokens coordinated with it ("Russia and Iran")."""
    v = view(tok.doc)
    out = v.joined.get(tok.i)
    if out is None:
        out = v.joined[tok.i] = _conjunct_indexes(v, tok.i)
    toks = v.toks
    return [tok if i == tok.i else toks[i] for i in out]


def _conjunct_indexes(v: View, i: int) -> list[int]:
    """`_conjuncts` of token i, as indexes in order."""
    dep, pos, kids_of, toks = v.dep, v.pos, v.kids, v.toks
    out, todo = [], [i]
    as_object = dep[i] in ("dobj", "obj", "pobj", "dative")
    while todo:
        t = todo.pop()
        out.append(t)
        kids = kids_of[t]
        todo.extend(
            c
            for c in kids
            if dep[c] == "conj" and pos[c] in ("NOUN", "PROPN", "PRON") and not (as_object and _starts_clause(toks[c]))
        )
        # "The US, Russia, and Switzerland": the parser hangs a list's middle items as appositions
        todo.extend(
            c
            for c in kids
            if dep[c] == "appos" and pos[c] == "PROPN" and any(dep[g] == "conj" for g in [*kids_of[c], *kids])
        )
    out.sort()
    return out


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
    return _own_clause_at(view(tok.doc), tok.i)


def _own_clause_at(v: View, i: int) -> bool:
    """`_own_clause` of token i."""
    dep = v.dep
    return (
        dep[i] == "conj"
        and v.pos[i] in ("VERB", "AUX")
        and any(dep[c] in SUBJ or dep[c] == "nsubjpass" for c in v.kids[i])
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
    v = view(tok.doc)
    dep = v.dep
    for j in v.kids[tok.i]:
        if dep[j] in deps:
            return v.toks[j]
    return None


def _has_child(tok: Token, deps: tuple, lowers=None) -> bool:
    """Has tok a child under one of `deps` (whose lower-case form is in `lowers`, when given)?
    Read from the View: no Token is made for the children."""
    v = view(tok.doc)
    dep = v.dep
    if lowers is None:
        for c in v.kids[tok.i]:
            if dep[c] in deps:
                return True
        return False
    lower = v.lower
    for c in v.kids[tok.i]:
        if dep[c] in deps and lower[c] in lowers:
            return True
    return False


def _children(tok: Token, deps: tuple) -> list[Token]:
    """Tok's children under one of `deps`, in order (read from the View)."""
    v = view(tok.doc)
    dep, toks = v.dep, v.toks
    return [toks[c] for c in v.kids[tok.i] if dep[c] in deps]


def _child_forms(tok: Token, deps: tuple) -> set[str]:
    """The lower-case forms of tok's children under one of `deps` (read from the View)."""
    v = view(tok.doc)
    dep, lower = v.dep, v.lower
    return {lower[c] for c in v.kids[tok.i] if dep[c] in deps}


def _pobj(prep: Token) -> Optional[Token]:
    return _child(prep, "pobj", "pcomp")


def _is_passive(verb: Token) -> bool:
    v = view(verb.doc)
    dep = v.dep
    return any(dep[c] in ("nsubjpass", "auxpass") for c in v.kids[verb.i])


def _object_tokens(verb: Token) -> list[Token]:
    """Direct objects, datives and passive subjects: who the act is done to."""
    v = view(verb.doc)
    dep, pos, toks = v.dep, v.pos, v.toks
    out = []
    for c in v.kids[verb.i]:
        if dep[c] in ("dobj", "dative", "nsubjpass", "obj") and pos[c] != "ADP":
            out.extend(_conjuncts(toks[c]))
    return out


def _side_by_side_at(v: View, i: int) -> bool:
    """ "fought side by side with X", "together with X": X is a partner, not the one acted on."""
    lower = v.lower
    return lower[i] == "with" and any(lower[k] in COMPANY_WORDS for k in range(max(0, i - 3), i))


def _side_by_side(prep: Token) -> bool:
    """`_side_by_side_at` of a Token."""
    return _side_by_side_at(view(prep.doc), prep.i)


def _partner_at(v: View, i: int) -> bool:
    """ "on X's side", "on behalf of X": the noun's owner is a partner, not the one acted on."""
    if not _PARTNER_NOUNS:
        from .patterns import lexicon  # (patterns imports this module)

        _PARTNER_NOUNS.append(lexicon().partner_nouns)
    if v.lemma[i].lower() not in _PARTNER_NOUNS[0]:
        return False
    # only with an owner: "on X's side", "on the side of X"; "called on both sides to" names the sides
    dep, lower = v.dep, v.lower
    return any(dep[c] == "poss" or (dep[c] == "prep" and lower[c] == "of") for c in v.kids[i])


_PARTNER_NOUNS: list[frozenset] = []  # the lexicon's partner nouns, read on first use


def _partner(noun: Token) -> bool:
    """`_partner_at` of a Token."""
    return _partner_at(view(noun.doc), noun.i)


def _pobj_at(v: View, i: int) -> int:
    """`_pobj` by index (-1: none)."""
    dep = v.dep
    return next((j for j in v.kids[i] if dep[j] in ("pobj", "pcomp")), -1)


def _prep_objects(tok: Token, preps) -> list[Token]:
    """Objects of the given prepositions under tok ("to" may be parsed as a dative)."""
    v = view(tok.doc)
    dep, pos, lower = v.dep, v.pos, v.lower
    out = []
    for k in v.kids[tok.i]:
        if (
            (dep[k] in ("prep", "agent") or (dep[k] == "dative" and pos[k] == "ADP"))
            and lower[k] in preps
            and not _side_by_side_at(v, k)
        ):
            obj = _pobj_at(v, k)
            if obj >= 0 and not _partner_at(v, obj):
                out.extend(_conjuncts(v.toks[obj]))
    return out


# Nouns that measure out the span of an event noun ("ten days of war games", "two rounds of talks"):
# the event hangs on the verb the measure hangs on.
SPAN_NOUNS = frozenset({"hour", "day", "night", "week", "month", "year", "round"})


def _governor(noun: Token) -> tuple[Optional[Token], str]:
    """The verb a noun hangs on and how: ('obj', 'under', 'subj', 'with', 'pobj', '')."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in SPAN_NOUNS:
        if head.head.tag_ == "NNS" or any(c.dep_ == "nummod" for c in head.head.children):
            return _governor(head.head)  # "launched ten days of war games", not "the day of the attack"
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
    first = token_texts(doc)[start]
    return opens_paragraph(doc, start) and (first.isupper() and len(first) > 2 or dateline(doc, start, end))
