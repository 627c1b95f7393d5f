"""Demanded and intended acts: "X urged Y to impose sanctions on Z", "X asked Y to take a stand
against Z", "X seeks to isolate Z", "X called on Y to back Z".

The act itself has not happened (asserted() keeps it from counting as a fact), but whoever asks
for, or aims at, an act against Z shows hostility to Z, and whoever asks for support of Z shows
alignment with Z: the tie runs from the one who asks or intends to the act's object.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..relations import Collector, Resolver, cues
from .clause import SETTLEMENT_CONF, _pobjs, asserted


def _hostile_words(c: dict) -> frozenset:
    return frozenset(c["hostile_verbs"]) | frozenset(c["combat_verbs"]) | frozenset(c["accusation_verbs"])


def _act_foes(res: Resolver, act: Token, c: dict) -> list[str]:
    """Whom the demanded act is against: the object of a hostile verb ("to isolate Z"), the
    complement of a hostile act noun or stance it takes ("impose sanctions on Z", "take a stand
    against Z"), or an against-complement of the verb ("to act against Z")."""
    foes: list[str] = []
    if act.lemma_.lower() in _hostile_words(c):
        foes.extend(res.objects(act, ("against", "on")))
    nouns = set(c["hostile_act_nouns"]) | set(c["stances"]) | set(c["pressure_nouns"])
    acts = [d for d in act.children if d.dep_ == "dobj" and d.lemma_.lower() in nouns]
    for holder in [act, *acts]:  # "impose sanctions on Z": the parser may hang "on Z" on the verb
        preps = ("against", "on", "upon") if holder is not act or acts else ("against",)
        foes.extend(k for p in holder.children if p.dep_ == "prep" and p.lower_ in preps for k in _keys(res, p))
    return list(dict.fromkeys(foes))


def _keys(res: Resolver, prep: Token) -> list[str]:
    return [k for p in _pobjs(prep) for k in res.phrase(p)]


def demanded_act(col: Collector, res: Resolver, tok: Token, ev: str) -> None:
    """An influence or intention verb whose infinitive is an act against (or in support of) a third
    party: the one who asks or intends faces (or sides with) that party."""
    c = cues()
    if tok.lemma_.lower() not in c["influence_verbs"] or not asserted(tok):
        return
    acts = [ch for ch in tok.children if ch.dep_ in ("xcomp", "ccomp") and ch.pos_ == "VERB"]
    if not acts:
        return
    askers = res.subject(tok)
    addressees = set(res.objects(tok, ("on",)))  # "urged Y to", "called on Y to"
    for act in acts:
        if any(ch.dep_ == "neg" for ch in act.children):
            continue  # "urged Y not to attack Z"
        lemma = act.lemma_.lower()
        foes = [k for k in _act_foes(res, act, c) if k not in addressees]
        col.pairs(askers, foes, "hostile", True, SETTLEMENT_CONF, ev, f"demand:{tok.lemma_.lower()} {lemma}")
        if lemma in c["backing_verbs"] or lemma in c["ally_verbs"]:
            friends = [k for k in res.objects(act, ("with", "to")) if k not in addressees]
            col.pairs(askers, friends, "ally", True, SETTLEMENT_CONF, ev, f"demand:{tok.lemma_.lower()} {lemma}")
