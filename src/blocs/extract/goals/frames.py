"""Goals in sentence frames: "would like to" ("the detainees it would like to see freed"),
the pseudo-cleft ("what Moscow wants is a neutral Ukraine") and a noun of concern or duty as
the subject of "is to" ("its main concern is to protect the border"), what one is made an aim
of, and a thing wanted somewhere ("wants the troops out of Gaza").
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

from ...coref import DESCRIPTIONS
from .spans import _start, goal_span
from .wording import _to_infinitive, cues, lemma_of


def _would_like_goal(tok: Token) -> Optional[tuple]:
    """ "the detainees it wants to see freed": what "would like to" aims at, its object when the
    clause is a relative one on that object."""
    if tok.lemma_.lower() not in ("like", "love") or not any(a.lower_ in ("would", "'d") for a in tok.children):
        return None
    inf = _to_infinitive(tok)
    if inf is None:
        return None
    before = tok.doc[tok.left_edge.i - 1] if tok.left_edge.i > 0 else None
    head = tok.head if tok.dep_ == "relcl" else before
    if (
        head is not None
        and tok.dep_ in ("relcl", "ccomp")
        and head.pos_ in ("NOUN", "PROPN")
        and not any(c.dep_ == "dobj" for c in inf.children)
    ):  # "the detainees it wants to see freed"
        start = next((t.i for t in head.subtree if t.dep_ in ("amod", "compound") or t.i == head.i), head.i)
        return (tok.doc[start : inf.i + 1], tok)
    span = goal_span(inf, _start(inf, tok))
    return (span, tok) if span is not None else None


def _cleft_goal(tok: Token) -> Optional[tuple[Span, Token]]:
    """ "What Moscow wants is a neutral Ukraine", "what the army is doing is to restore order": a
    free relative of striving (or doing, with a to-infinitive) as the subject of "is"; its
    predicate is the aim."""
    lex, lemma = cues(), lemma_of(tok)
    if tok.pos_ != "VERB" or tok.dep_ != "csubj" or tok.head.lemma_ != "be":
        return None
    if not any(c.dep_ == "dobj" and c.lower_ == "what" and c.i < tok.i for c in tok.children):
        return None
    inf = _to_infinitive(tok.head)
    if inf is not None and (lemma in lex["verbs"] or lemma in lex["cleft_verbs"]):
        span = goal_span(inf)
        return (span, tok) if span is not None else None
    thing = next((c for c in tok.head.children if c.dep_ == "attr" and c.i > tok.i), None)
    if thing is None or lemma not in lex["object_verbs"]:
        return None
    span = goal_span(thing, thing.left_edge.i)
    return (span, tok) if span is not None else None


def _copula_aim(noun: Token) -> Optional[tuple[Span, Token]]:
    """ "Its main concern is to protect the border", "Cairo's priority is securing its border": a
    noun of concern or duty (data: copula_nouns) whose predicate is a to-infinitive, or an aim
    noun whose predicate is a gerund with an object (the parser's "is" + "-ing")."""
    lex = cues()
    lemma = noun.lemma_.lower()
    if noun.pos_ != "NOUN" or lemma not in lex["copula_nouns"] | lex["aim_nouns"]:
        return None
    if noun.dep_ != "nsubj" or noun.head.lemma_ != "be" or noun.tag_ != "NN":
        return None
    pred = next((c for c in noun.head.children if c.dep_ in ("xcomp", "attr", "ccomp", "advcl") and c.i > noun.i), None)
    if pred is None or pred.pos_ not in ("VERB", "AUX"):
        return None
    infinitive = any(a.dep_ == "aux" and a.lower_ == "to" for a in pred.children)
    gerund = pred.tag_ == "VBG" and any(c.dep_ == "dobj" for c in pred.children)
    if not (infinitive and lemma in lex["copula_nouns"] or gerund):
        return None
    span = goal_span(pred, _start(pred, noun))
    return (span, noun) if span is not None else None


def _made_aim(noun: Token) -> Optional[tuple[Span, Token]]:
    """ "Ethiopia has made access to the sea its top priority", "made ending the war a priority":
    what the subject made its aim is the goal; the owner is the subject of "make"."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in cues()["aim_nouns"] or noun.dep_ not in ("dobj", "oprd"):
        return None
    verb, thing = noun.head, None
    if verb.lemma_ == "make":  # two objects: the thing, then the aim noun
        thing = next((c for c in verb.children if c.dep_ in ("dobj", "xcomp") and verb.i < c.i < noun.i), None)
    elif verb.tag_ == "VBG" and verb.dep_ == "xcomp" and verb.head.lemma_ == "make":
        thing, verb = verb, verb.head  # "made ending the war a priority": the parser hangs the noun on the gerund
    if thing is None or noun.left_edge.i <= thing.left_edge.i:
        return None
    span = noun.doc[thing.left_edge.i : noun.left_edge.i]
    return (span, verb) if len(span) >= 2 else None


def _placed_thing(tok: Token) -> Optional[Span]:
    """ "wants Israeli forces out of Gaza", "wants the envoy gone": a thing and the word that puts
    it somewhere, which the parser hangs on the verb or reads as a small clause."""
    place = next((c for c in tok.children if c.i > tok.i and c.lower_ in cues()["placement_words"]), None)
    if place is None or place.dep_ not in ("prep", "ccomp", "advmod", "prt", "oprd", "xcomp"):
        return None
    thing = next((c for c in tok.children if c.dep_ == "dobj" and tok.i < c.i < place.i), None) or next(
        (c for c in place.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < place.i), None
    )
    if thing is None or thing.right_edge.i + 1 != place.i:
        return None
    return tok.doc[thing.left_edge.i : place.right_edge.i + 1]


def _target(obj: Token) -> bool:
    """A noun a blow can be aimed at (people, a body, a named thing), unlike an aim ("aimed at a
    ceasefire", "aimed at ending ...")."""
    return (
        obj.tag_ in ("NNS", "NNPS")
        or obj.pos_ == "PROPN"
        or bool(obj.ent_type_)
        or obj.lemma_.lower() in DESCRIPTIONS
        or any(c.dep_ == "compound" and c.ent_type_ for c in obj.children)
    )


def _invited_over(tok: Token, inf: Token) -> bool:
    """ "invited the two sides to Doha to negotiate ...": a side asked over somewhere, then what
    it should do there (the parser hangs the to-clause on the verb)."""
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i < inf.i), None)
    prep = next((c for c in tok.children if c.dep_ == "prep" and obj is not None and obj.i < c.i < inf.i), None)
    return obj is not None and prep is not None and _target(obj) and prep.right_edge.i + 2 == inf.i
