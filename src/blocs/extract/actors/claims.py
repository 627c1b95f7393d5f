"""Unnamed attackers and the group that claims their attack are one actor.

"Gunmen stormed a hotel ... The assailants held guests for hours ... X claimed responsibility
for the attack": the actors stage makes "<demonym> gunmen" of the unnamed attackers (an actor of
their own while no one has named them); once the text says that one armed group claimed the
attack, the attackers are that group, and their aliases, mentions and records become its own.
Two or more claimers leave the attackers apart (which attack each claimed is not known).
"""

from __future__ import annotations

import logging
from typing import Optional

from ...context import Context
from ...records import Relation

log = logging.getLogger(__name__)

CLAIMER_TYPES = ("armed_group",)


def merge_claimed_attackers(ctx: Context, events, relations, quotes, goals) -> Optional[str]:
    """Fold every unnamed-attackers actor into the one armed group the text says claimed the
    attack; returns the claimer's key (None when nothing was folded)."""
    from ..relations import cues

    c = cues()
    suffixes = tuple(c["claimable_source_suffixes"])
    attackers = [k for k in ctx.actors if k.endswith(suffixes)]
    if not attackers:  # most articles
        return None
    first = min((m.start for m in ctx.mentions if m.key in attackers), default=len(ctx.doc))
    claimers = _claimers(ctx, c, after=first, attackers=suffixes)  # a claim of the attack told
    if len(claimers) != 1:
        return None
    group = claimers.pop()
    for key in attackers:
        _fold(ctx, key, group)
        _rekey_records(key, group, events, relations, quotes, goals)
        log.debug("unnamed attackers %s are %s, who claimed the attack", key, group)
    if relations is not None:
        relations[:] = _dedupe(relations)
    return group


def _claimers(ctx: Context, c: dict, after: int, attackers: tuple) -> set[str]:
    """Keys of the armed groups that are the subject of an asserted claim of an act made after
    token ``after`` (not the unnamed attackers themselves: keys ending in ``attackers``)."""
    from ..relation_events import asserted_claim

    found: set[str] = set()
    for tok in ctx.doc[after:]:
        if tok.lemma_.lower() not in c["claim_verbs"] or not asserted_claim(tok, c):
            continue
        for subj in (ch for ch in tok.children if ch.dep_ in ("nsubj", "nsubjpass")):
            for m in ctx.mentions:
                actor = ctx.actors.get(m.key)
                if actor and actor.type in CLAIMER_TYPES and m.start <= subj.i < m.end:
                    found.add(m.key)
    return {k for k in found if not k.endswith(attackers)}


def _fold(ctx: Context, key: str, group: str) -> None:
    gone = ctx.actors.pop(key)
    kept = ctx.actors[group]
    kept.aliases.extend(a for a in gone.aliases if a not in kept.aliases)
    kept.mentions += gone.mentions
    for m in ctx.mentions:
        if m.key == key:
            m.key = group
    for person, led in list(ctx.leader_of.items()):
        if led == key:
            ctx.leader_of[person] = group


def _rekey_records(key: str, group: str, events, relations, quotes, goals) -> None:
    swap = lambda k: group if k == key else k  # noqa: E731
    for e in events or ():
        e.source, e.target = swap(e.source), swap(e.target)
    for r in relations or ():
        r.source, r.target = swap(r.source), swap(r.target)
    for q in quotes or ():
        q.speaker, q.via = swap(q.speaker), swap(q.via)
    for g in goals or ():
        g.actor = swap(g.actor)


def _dedupe(relations: list[Relation]) -> list[Relation]:
    """One relation per pair and polarity (the strongest), none of an actor with itself."""

    def pair(r: Relation) -> tuple:
        return (*sorted((r.source, r.target)), r.polarity)

    best: dict[tuple, Relation] = {}
    for r in relations:
        if r.source != r.target and (pair(r) not in best or r.confidence > best[pair(r)].confidence):
            best[pair(r)] = r
    return [r for r in relations if best.get(pair(r)) is r]
