"""Joint action and affiliation: "A, B and C issued a joint statement backing X", "A and B jointly
condemned X", "JNIM's ties to al-Qaeda", "a militia with links to Iran"."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from ..relations import HEAD_WALK, Collector, Resolver, _settlement_sentence, cues
from .clause import ADJ_CONF, NOUN_CONF, _settlement, asserted
from .verbs import _objs


def _joint_verb(tok: Token) -> tuple[Optional[Token], Optional[Token]]:
    """The verb whose subjects act together and the joint act noun, if any: "issued a joint
    statement" (the noun's verb), "took part in joint drills", "jointly condemned"."""
    head = tok.head
    if tok.dep_ == "amod" and head.pos_ == "NOUN":
        if head.dep_ == "dobj" and head.head.pos_ == "VERB":
            return head.head, head
        if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.pos_ == "VERB":
            return head.head.head, head
        return None, None
    if tok.dep_ == "advmod" and head.pos_ == "VERB":
        return head, None
    return None, None


def joint_cue(col: Collector, res: Resolver, tok: Token, ev: str) -> None:
    """Conjoined subjects of a joint act are on one side; what the act backs or condemns is
    their ally or foe. Talks, truces and peace deals are excluded: foes hold those jointly."""
    c = cues()
    verb, act = _joint_verb(tok)
    if verb is None or _settlement_sentence(ev) or not asserted(verb):
        return
    if act is not None and (
        _settlement(act) or act.lemma_.lower() in c["peace_heads"] or act.lemma_.lower() in c["meetings"]
    ):
        return
    sides = list(dict.fromkeys(k for k in (col.canon(s) for s in res.subject(verb)) if k))
    if len(sides) < 2:
        return
    for i, a in enumerate(sides):
        for b in sides[i + 1 :]:
            col.add(a, b, "ally", False, NOUN_CONF, ev, "joint", agreement=True)
    for content in act.children if act is not None else ():
        if content.dep_ not in ("acl", "relcl") or content.pos_ != "VERB":
            continue
        lemma = content.lemma_.lower()
        polarity = (
            "ally"
            if lemma in c["backing_verbs"]
            else "hostile"
            if lemma in c["accusation_verbs"] or lemma in c["hostile_verbs"]
            else None
        )
        objs = [k for ch in content.children if ch.dep_ == "dobj" for k in res.phrase(ch)]
        if polarity:
            col.pairs(sides, objs, polarity, True, NOUN_CONF, ev, f"joint:{lemma}")


def _tie_holders(res: Resolver, tok: Token) -> list[str]:
    """Who has the ties when no possessor says it: "a group with links to X" (the noun the
    with-phrase qualifies), "X has/maintains ties with Y" (the subject)."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "with" and head.head.pos_ in ("NOUN", "PROPN"):
        holders = res.phrase(head.head, conjuncts=False)
        if not holders and head.head.dep_ == "appos":  # "Y, a group with links to X"
            holders = res.phrase(head.head.head, conjuncts=False)
        return holders
    if tok.dep_ == "dobj":
        return res.subject(head)
    return []


def affiliation(col: Collector, res: Resolver, tok: Token, ev: str) -> None:
    """ "X's ties to Y", "a militia with links to Y", "X has yet to renounce its ties to Y": an
    ungraded tie noun names an affiliation when one side is an armed group or party (between
    states "ties" are mere diplomatic relations). Ties the clause cuts or denies do not stand."""
    from .nouns import _noun_slots

    c = cues()
    if any(ch.lower_ in ("no", "any") for ch in tok.children):
        return  # "no links to Y", "denied any ties"
    ending = next((a for a in list(tok.ancestors)[:HEAD_WALK] if a.lemma_.lower() in c["tie_ending_verbs"]), None)
    if ending is not None and asserted(ending):
        return  # "cut its ties with Y", "denied links to Y"
    if ending is None and not asserted(tok):
        return
    owners, mods, others, _ = _noun_slots(res, tok)
    owners = owners or mods or _tie_holders(res, tok)
    if not others and tok.dep_ == "dobj":  # "keeps its links to Y": the parser hangs "to Y" on the verb
        others = [
            k for c in tok.head.children if c.dep_ == "prep" and c.lower_ in ("to", "with") for k in _objs(res, c)
        ]
    types = {getattr(res.ctx.actors.get(col.canon(k) or k), "type", None) for k in owners + others}
    if owners and others and types & set(c["affiliation_types"]):
        col.pairs(owners, others, "ally", False, ADJ_CONF, ev, f"affiliation:{tok.lemma_.lower()}")
