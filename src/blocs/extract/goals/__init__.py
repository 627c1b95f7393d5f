"""Goals: what the article says an actor seeks, and what actors say they want.

Cues are data (goals_cues.yaml): verbs of striving with a to-infinitive
("seeking to"), goal nouns with a complement ("the goal of", "the chance to"),
purpose connectives ("in order to") and verbs of directed effort ("focus on").
The goal text is the tight verb phrase: it stops at a comma, a new clause,
the means ("by ...") or an aside. The actor is the subject (or possessor) of the
cue, pronouns going back to the last actor named; a goal inside an actor's own
quote is theirs and `stated`.

The package, by job: `wording` (the cue lexicon), `spans` (how far a goal runs),
`rules`, `purpose`, `frames` and `conditions` (the cues; conditions and accord terms in the
last), `owners` (whose goal it is), `acts` (whose aim an act is).
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Optional

from ...context import Context, sent_of, span_text
from ...records import Goal, Quote
from ..quotes import doc_text
from .bodies import modifier_body, spokesman_body
from .finder import RULES, find
from .owners import (
    _actors,
    _body_of,
    _owner,
    actor_of,
    collective_owner,
    named_modifier,
    unnamed,
)
from .wording import FIRST_PERSON, cues

__all__ = ["RULES", "actor_of", "cues", "extract", "find", "quote_ranges"]


def quote_ranges(ctx: Context, quotes: list[Quote]) -> list[tuple[int, int, Quote]]:
    """Where each attributed quote's words lie in the text (found through its evidence)."""
    text = doc_text(ctx.doc)
    out = []
    for q in quotes:
        if not q.evidence or q.speaker is None:
            continue
        at = text.find(q.evidence)
        while at >= 0:
            qs = text.find(q.text, at, at + len(q.evidence))
            if qs >= 0:
                out.append((qs, qs + len(q.text), q))
            at = text.find(q.evidence, at + 1)
    return out


class QuoteIndex:
    """The first of `quote_ranges` (in their order) holding a character, by bisection over
    the ranges sorted by start instead of a scan of every quote per cue."""

    def __init__(self, ranges: list[tuple[int, int, Quote]]):
        self.order = sorted(range(len(ranges)), key=lambda k: ranges[k][0])
        self.starts = [ranges[k][0] for k in self.order]
        self.ranges = ranges
        self.reach: list[int] = []  # the furthest end among the first n sorted ranges
        for k in self.order:
            self.reach.append(max(ranges[k][1], self.reach[-1] if self.reach else -1))

    def at(self, idx: int) -> Optional[Quote]:
        found = None
        n = bisect_right(self.starts, idx) - 1
        while n >= 0 and self.reach[n] > idx:
            k = self.order[n]
            if self.ranges[k][1] > idx and (found is None or k < found):
                found = k
            n -= 1
        return self.ranges[found][2] if found is not None else None


def _own_purpose(ctx: Context, owner, quote: Quote, keys: list[str]) -> bool:
    """A purpose a speaker states of themselves ("we acted to ...", "the army said it acted to
    ..."), not one they lend to another."""
    if owner is not None and owner.lower_ in FIRST_PERSON:
        return True
    speaker = quote.speaker
    if owner is None or speaker is None:
        return False
    # "it was acting to ...", "its troops are there to ...", "the troops were sent to ...": the
    # speaker naming itself or its own men (the owner resolved to the speaker's own body)
    return bool(keys) and all(k in (speaker, _body_of(ctx, speaker)) for k in keys)


def extract(ctx: Context, quotes: Optional[list[Quote]] = None) -> list[Goal]:
    """Goals with their actor, the span kept tight, duplicates dropped."""
    index = QuoteIndex(quote_ranges(ctx, quotes or []))
    out: list[Goal] = []
    seen: set[tuple[str, str]] = set()
    for cue, span, anchor, owner, rule in find(ctx.doc):
        if owner is None:  # "the Egyptian proposal to reopen ...": an act noun's named modifier owns its aim
            owner = named_modifier(ctx, cue) or (named_modifier(ctx, anchor) if anchor is not cue else None)
        owner = owner if owner is not None else _owner(cue, anchor)
        quote = index.at(cue.idx)
        body = modifier_body(ctx, cue) if owner is None else None  # "X said the Communist objective is ..."
        found = [body] if body else _actors(ctx, owner, quote, cue) or collective_owner(ctx, owner)
        keys = list(dict.fromkeys(spokesman_body(ctx, k) for k in found if not unnamed(ctx, k)))
        if quote is not None and rule == "purpose-clause" and not _own_purpose(ctx, owner, quote, keys):
            continue  # a purpose inside someone's quote is theirs to state, not a deed we saw
        text = span_text(span).strip()
        for key in keys:
            if (key, text) in seen or any(k == key and text in t for k, t in seen):
                continue
            seen.add((key, text))
            stated = (
                quote is not None and quote.speaker is not None and key in (quote.speaker, _body_of(ctx, quote.speaker))
            )
            out.append(Goal(actor=key, text=text, stated=stated, evidence=span_text(sent_of(cue)).strip(), rule=rule))
    return out
