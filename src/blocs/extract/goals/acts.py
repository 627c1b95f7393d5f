"""Whose aim an act is: "the offensive is meant to ...", "the strikes were aimed at ...".

An act noun that names no agent of its own is the deed of its parties, of the doer of the
same act told a few sentences before, of the deed of the sentence before, or else of the one
who states its aim.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from ...context import Context, sent_of
from ...records import Quote
from ..quotes import is_speech_verb, sentence_floor
from . import owners as o
from .wording import cues


def act_owner(ctx: Context, noun: Token, quote: Optional[Quote]) -> list[str]:
    """ "The Kremlin says the offensive is meant to ...", "'These strikes are intended to ...,'
    X said": an act noun whose agent goes unnamed in its own phrase is the act of the one who
    states its aim (a leader or spokesman standing for his state or body)."""
    lex, purposed = cues(), _purposed(noun)
    if noun.pos_ == "PRON" and noun.lower_ in ("this", "that"):
        return _deed_before(ctx, noun, purposed) if purposed else []  # "X sent troops. This was meant to ..."
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in lex["action_nouns"] | lex["effort_nouns"] and not purposed:
        return []
    if noun.lemma_.lower() in lex["accord_nouns"] or any(c.dep_ == "poss" for c in noun.children):
        return []  # an accord's aims are its parties'; "their offensive" names its own agent
    if noun.dep_ == "nsubj" and noun.head.lemma_.lower() in lex["demand_verbs"]:
        return []  # "the strikes forced X to ...": an effect, not an aim anyone states
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "these", "that", "those") for c in noun.children):
        return []  # "an offensive", "strikes": no act the speaker points to
    parties = [k for k in o._parties(ctx, noun) if k] or _earlier_doer(ctx, noun, purposed)
    if parties or noun.lemma_.lower() not in lex["action_nouns"] | lex["effort_nouns"]:
        return list(dict.fromkeys(parties))  # "X said the attack was meant to ...": no speaker's deed
    said = o._reporting_subject(noun)
    key = o.actor_of(ctx, said) if said is not None else (quote.speaker if quote is not None else None)
    if not key or o.unnamed(ctx, key) or key in ctx.actors and ctx.actors[key].type == "media":
        return []
    return [o._body_of(ctx, key)]


def _purposed(noun: Token) -> bool:
    """ "This was meant to ...", "the decision was intended to ...", "the patrols are designed to
    ...": the passive subject of a verb that lends a deed its purpose is a deed someone did."""
    return noun.dep_ == "nsubjpass" and noun.head.lemma_.lower() in cues()["purpose_participles"]


def _earlier_doer(ctx: Context, noun: Token, purposed: bool = False, sentences: int = 3) -> list[str]:
    """ "Russia launched an offensive ... Kyiv says the offensive is meant to ...": the doer of
    the same act named a few sentences before (its possessor, its "by X", or the subject of the
    verb it is the object of) is the one whose aim it is; so is the subject of the same act told
    by its verb ("gunmen attacked a hotel ... the attack was meant to ..."), or of an effort
    launched just before ("the army launched an offensive. The operation was meant to ...")."""
    doc, lemma = noun.doc, noun.lemma_.lower()
    efforts = cues()["effort_nouns"]
    near = sentence_floor(doc, noun.i, 1)
    for k in range(noun.i - 1, sentence_floor(doc, noun.i, sentences) - 1, -1):
        tok = doc[k]
        if tok.pos_ == "VERB" and tok.lemma_.lower() == lemma:
            keys = [k for k in (o.actor_of(ctx, c) for c in tok.children if c.dep_ == "nsubj") if k]
            if keys and not any(_person(ctx, k) for k in keys):
                return keys
        same = tok.lemma_.lower() == lemma
        if tok.pos_ != "NOUN" or not (same or k >= near and tok.lemma_.lower() in efforts and tok.dep_ == "dobj"):
            continue
        found = [o.actor_of(ctx, c) for c in tok.children if c.dep_ == "poss"] + o._parties(ctx, tok)
        launcher = _launcher(tok)
        if launcher is not None:
            found += [o.actor_of(ctx, c) for c in launcher.children if c.dep_ == "nsubj"]
        keys = [f for f in found if f and not _person(ctx, f)]
        if keys:
            return keys
    return _claimed_before(ctx, noun, sentences) or _deed_before(ctx, noun, purposed)


# how far back a claim of the same act is looked for: a claim of responsibility names the doer
# for the rest of a report, told after casualties, reactions and scene
CLAIM_SENTENCES = 10


def _claimed_before(ctx: Context, noun: Token, near: int) -> list[str]:
    """ "X claimed responsibility for the bombing. [...five sentences...] The bombing was intended
    to ...": the claimer of the same act noun, further back than other doers are looked for."""
    doc, lemma = noun.doc, noun.lemma_.lower()
    for k in range(sentence_floor(doc, noun.i, near) - 1, sentence_floor(doc, noun.i, CLAIM_SENTENCES) - 1, -1):
        tok = doc[k]
        if tok.pos_ != "NOUN" or tok.lemma_.lower() != lemma:
            continue
        launcher = _launcher(tok)
        if launcher is None or launcher.lemma_.lower() != "claim":
            continue
        keys = [f for f in (o.actor_of(ctx, c) for c in launcher.children if c.dep_ == "nsubj") if f]
        return [f for f in keys if not _person(ctx, f)]
    return []


def _launcher(act: Token) -> Optional[Token]:
    """The verb whose subject did the act: "X launched an offensive", "X claimed the attack",
    "X claimed responsibility for the bombing"."""
    verb = act.head
    if act.dep_ == "pobj" and verb.lower_ == "for" and verb.head.lemma_.lower() == "responsibility":
        act, verb = verb.head, verb.head.head
    if act.dep_ == "dobj" and verb.pos_ == "VERB" and verb.lemma_.lower() in cues()["launch_verbs"]:
        return verb
    return None


def _person(ctx: Context, key: str) -> bool:
    """A person named as the doer of an act ("the president condemned the attack") is most often
    reacting to it: an attack or an offensive is a body's deed."""
    return key in ctx.actors and ctx.actors[key].type == "person"


def _deed_before(ctx: Context, noun: Token, purposed: bool = False) -> list[str]:
    """ "Fighters stormed a base. The army said this assault was meant to ...": an act noun that
    points back to the deed told just before (a verb with an object, no speech) is its doer's;
    a deed whose purpose is told ("X and Y met in Z. The talks were intended to ...") needs no
    object, and its doers are every subject joined."""
    sent = sent_of(noun)
    if sent.start == 0:
        return []
    root = sent_of(noun.doc[sent.start - 1]).root
    if root.pos_ != "VERB" or is_speech_verb(root) or not purposed and not any(c.dep_ == "dobj" for c in root.children):
        return []
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subj is None or _reaction(root):
        return []
    keys = [o.actor_of(ctx, c) for c in ([subj] + list(subj.conjuncts) if purposed else [subj])]
    if not keys[0] or any(k and (o.unnamed(ctx, k) or _person(ctx, k)) for k in keys):
        return []
    return list(dict.fromkeys(k for k in keys if k))


def _reaction(verb: Token) -> bool:
    """ "Iran rejected the proposal", "X welcomed the deal": a verb that is no doing of its own
    (data: launch_verbs, accord_verbs) taking an effort, accord or proposal as its object reacts
    to another's deed."""
    lex = cues()
    acts = lex["effort_nouns"] | lex["accord_nouns"] | lex["position_nouns"]  # not "shelled a base"
    return verb.lemma_.lower() not in lex["launch_verbs"] | lex["accord_verbs"] and any(
        c.dep_ == "dobj" and c.lemma_.lower() in acts for c in verb.children
    )
