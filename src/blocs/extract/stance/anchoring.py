"""Anchoring: a reported fact is an event told in the past, perfect, progressive or passive, or a
statement dated and counted; a plain present that narrates nothing is the author's assessment."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ... import parse_arrays
from .lexicon import lexicon


def dated(span: Span) -> bool:
    """A date, a time or a number in the stretch: it is anchored as news."""
    anchors, arrays = lexicon()["anchors"], parse_arrays.of(span.doc)
    ents, tags = arrays.strings_of("ent_type"), arrays.strings_of("tag")
    return any(ents[i] in anchors or tags[i] == "CD" for i in range(span.start, span.end))


def unanchored(span: Span) -> bool:
    """A statement in the simple present that narrates no event and is anchored by no date or number
    ("Migration is a factor", "Both capitals eye the mines"): the author's own assessment. Reported
    facts are events told in the past, perfect, progressive or passive, or dated and counted; a
    present of relation or place ("the agency has a base in Goma", "the towns are under siege")
    and a schedule ("is due to", "is to meet", "will not travel") are facts too; the author's
    modals are weighed by `forecast` and `speculation`."""
    lex = lexicon()
    if dated(span):
        return False
    root = span.root
    if root.pos_ not in ("VERB", "AUX"):
        return False  # a caption or a fragment, not a statement
    if root.lemma_.lower() in lex["relational"] and not _has_capacity(root):
        return False
    if _names_in_predicate(root):
        return False
    if root.lemma_ in ("be", "remain"):
        kids = list(root.children)
        if any(c.dep_ in ("acomp", "attr") and c.lemma_.lower() in lex["relational_predicates"] for c in kids):
            return False
        if any(c.dep_ == "xcomp" or c.lower_ == "due" for c in kids) or not any(
            c.dep_ in ("attr", "acomp") for c in kids
        ):
            return False
    for verb in [root] + [c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]:
        if verb.tag_ in ("VBD", "VBG", "VBN"):
            return False
        if any(
            c.dep_ in ("aux", "auxpass") and (c.lower_ in lex["narrating_aux"] or c.tag_ == "MD") for c in verb.children
        ):
            return False
    return True


def _names_in_predicate(verb: Token) -> bool:
    """A copula whose noun names a state, a people, a body or a person ("is a Tutsi-led group", "is
    the only Muslim-majority state with the bomb"): a classification of named things, a fact."""
    return verb.lemma_ == "be" and any(
        t.ent_type_ in lexicon()["named"] for c in verb.children if c.dep_ == "attr" for t in c.subtree
    )


def _has_capacity(verb: Token) -> bool:
    """ "Neither side has the strength to win", "Kigali has little reason to": having, graded or
    for a purpose, is a judgement of capacity, not a fact of possession."""
    if verb.lemma_ != "have":
        return False
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        if any(d.dep_ in ("det", "amod") and d.lower_ in lexicon()["capacity"] for d in obj.children):
            return True
        if any(d.dep_ in ("acl", "relcl") and any(a.lower_ == "to" for a in d.children) for d in obj.children):
            return True
    return False
