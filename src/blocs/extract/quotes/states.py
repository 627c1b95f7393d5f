"""The state an unnamed official or a state's organ speaks for: the state of a place named in
the phrase, or the state in focus where the words stand. Used by speakers.py."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Optional

from spacy.tokens import Token

from ...context import Context
from ..actors.finalise import state_actor
from .phrases import subject_side

if TYPE_CHECKING:
    from .speakers import Speakers


def state_of_place(ctx: Context, tok: Token) -> Optional[str]:
    """The state actor of the country a place name lies in ("In Kyiv" -> Ukraine), added when
    only its places were named."""
    name = ctx.place_at(tok)
    place = ctx.places.get(name) if name else None
    code = getattr(place, "country", None)
    if not code:
        return None
    states = [a for a in ctx.actors.values() if a.type == "state" and a.country == code]
    return max(states, key=lambda a: a.mentions).key if states else state_actor(ctx, code)


def state_in_focus(speakers: Speakers, tok: Token) -> Optional[str]:
    """The state or government named last as a subject shortly before a token ("Officials
    said the gunmen trained in X. A government spokesman said": not X), else the one of the
    country the article is about, else named last before it, else the most mentioned one."""
    ctx = speakers.ctx
    states = [  # a state named only inside a quote is one the speaker talks about
        m
        for m in ctx.mentions
        if m.start not in speakers.inside and speakers.actor_type(m.key) in ("state", "government")
    ]
    before = [m for m in states if m.end <= tok.i]
    limit, doc = speakers.floor(tok.i, 2), ctx.doc
    acting = [m for m in before if m.start >= limit and subject_side(doc[m.end - 1])]
    home = [m.key for m in before if ctx.actors[m.key].country == ctx.main_country]
    if acting or home:  # a state acting shortly before, else the story's own, not one named in passing
        return acting[-1].key if acting else home[-1]
    if before:
        return state_actor(ctx, ctx.main_country) or before[-1].key
    counts = Counter(m.key for m in states)
    return counts.most_common(1)[0][0] if counts else None
