"""Actors (first cut): spaCy NER entities as actors, one per surface form."""
from __future__ import annotations

import re

from ..context import Context, Mention
from ..records import Actor

NER_TYPES = {"GPE": "state", "NORP": "population", "ORG": "other", "PERSON": "person"}


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "actor"


def resolve(ctx: Context) -> None:
    for ent in ctx.doc.ents:
        if ent.label_ not in NER_TYPES:
            continue
        key = slug(ent.text)
        actor = ctx.actors.setdefault(key, Actor(key=key, name=ent.text, type=NER_TYPES[ent.label_], confidence=0.5))
        if ent.text not in actor.aliases:
            actor.aliases.append(ent.text)
        actor.mentions += 1
        ctx.mentions.append(Mention(ent.start, ent.end, key, ent.text, "ner"))
    ctx.index()


def finalize(ctx: Context, events, relations, quotes, goals) -> dict[str, Actor]:
    """The actors the analysis reports: every resolved actor, most mentioned first."""
    return dict(sorted(ctx.actors.items(), key=lambda kv: -kv[1].mentions))
