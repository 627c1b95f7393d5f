"""Actors: who the article is about, one identity per actor.

The knowledge base's surface forms are compiled once per process into a spaCy
PhraseMatcher (lower case; all-caps forms checked exactly). Its matches are merged
with spaCy NER for names the KB lacks, then grown with the parse: "Russian air
force" and "Maduro regime" stand for a state, "President X" and "Kenya's President"
for a person, "the rebels" and "civilians" for groups bound to the conflict the
article is about. `resolve` fills the Context; `finalize` picks what to report.
"""

from __future__ import annotations

from .finalise import finalize, population_actor, state_actor
from .lexicon import fold, lexicon, slug
from .resolver import Resolver, resolve

__all__ = ["Resolver", "finalize", "fold", "lexicon", "population_actor", "resolve", "slug", "state_actor"]
