"""What a reader is shown, made consistent: one tie per pair of actors, places are not actors,
and every actor with ties is in a bloc or is told why not.

The HTML report and the terminal summary both use this, so they say the same thing.
An analysis can hold two relations for one pair ("A hostile to B" and "B allied with A");
the reader sees one tie whose polarity is the net of the two, with all the evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence

from ..graph import blocs as blocs_mod
from ..kb.loader import slug
from ..records import Analysis, Bloc, Relation

EVEN = "even"  # a pair whose ally and hostile weights cancel out


def place_names(analysis: Analysis) -> set[str]:
    """Every name and alias of the analysis's places, folded and as key slugs."""
    names = set()
    for place in analysis.places:
        for name in (place.name, *place.aliases):
            if name and name.strip():
                names.add(name.casefold().strip())
                names.add(slug(name))
    return names


def place_actor_keys(analysis: Analysis) -> set[str]:
    """Actors that are really places: their key or name is a place of the analysis.

    A state is both a place and an actor ("Mali"), so a state is never taken out.
    Relation ends with no actor record are checked by key alone.
    """
    names = place_names(analysis)
    if not names:
        return set()
    out = {
        a.key for a in analysis.actors if a.type != "state" and (a.key in names or a.name.casefold().strip() in names)
    }
    known = {a.key for a in analysis.actors}
    ends = {k for r in analysis.relations for k in (r.source, r.target)}
    out |= {k for k in ends - known if k in names}
    return out


@dataclass
class Pair:
    """All the relations of one pair of actors, seen as one tie."""

    source: str
    target: str
    ally: float = 0.0
    hostile: float = 0.0
    confidence: float = 0.0
    parts: list[Relation] = field(default_factory=list)

    @property
    def net(self) -> float:
        return round(self.ally - self.hostile, 6)

    @property
    def polarity(self) -> str:
        return "ally" if self.net > 0 else "hostile" if self.net < 0 else EVEN

    @property
    def directed(self) -> bool:
        """Directed when every part is directed the same way."""
        return all(r.directed and (r.source, r.target) == (self.source, self.target) for r in self.parts)

    def add(self, relation: Relation) -> None:
        weight = relation.weight or relation.confidence
        if relation.polarity == "ally":
            self.ally += weight
        else:
            self.hostile += weight
        self.confidence = max(self.confidence, relation.confidence)
        self.parts.append(relation)
        heaviest = max(self.parts, key=lambda r: r.weight or r.confidence)
        self.source, self.target = heaviest.source, heaviest.target  # read in the strongest wording's order


def pair_key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def shown(relation: Relation, drop: Optional[set[str]] = None) -> bool:
    """A tie the reader sees: between two actors, neither of them a place taken for an actor."""
    drop = drop or set()
    return relation.source != relation.target and relation.source not in drop and relation.target not in drop


def pairs(relations: Iterable[Relation], drop: Optional[set[str]] = None) -> dict[tuple[str, str], Pair]:
    """One `Pair` per unordered pair of actors, of the relations `shown`."""
    out: dict[tuple[str, str], Pair] = {}
    for r in relations:
        if shown(r, drop):
            out.setdefault(pair_key(r.source, r.target), Pair(r.source, r.target)).add(r)
    return out


def as_relations(found: Iterable[Pair]) -> list[Relation]:
    """The net ties as relations, the input of the blocs partition (even pairs carry no sign)."""
    return [blocs_mod.net_tie(p.source, p.target, p.net) for p in found if p.net != 0]


def blocs_of(
    actor_keys: Sequence[str], found: Iterable[Pair], same_sides: Iterable[tuple[str, str]] = ()
) -> list[Bloc]:
    """Blocs of the ties the reader sees (the same partition the pipeline uses); `same_sides` are
    `blocs.same_side` pairs (a state and its government, a leader and what he leads)."""
    return blocs_mod.partition(list(actor_keys), as_relations(found), same_sides)


def _names(keys: Iterable[str], name_of) -> str:
    keys = sorted(set(keys))
    shown = ", ".join(name_of(k) for k in keys[:4])
    return shown + (f" and {len(keys) - 4} more" if len(keys) > 4 else "")


def why_alone(key: str, found: Iterable[Pair], bloc_of: dict[str, int], name_of=str) -> str:
    """Why an actor with ties is in no bloc of two or more, in words a reader can check."""
    mine = [p for p in found if key in (p.source, p.target)]
    other = {id(p): p.target if p.source == key else p.source for p in mine}
    allies = [other[id(p)] for p in mine if p.net > 0]
    foes = [other[id(p)] for p in mine if p.net < 0]
    even = [other[id(p)] for p in mine if p.net == 0]
    if not allies and foes:
        return f"only hostile ties (to {_names(foes, name_of)}); a bloc is held together by allies"
    if not allies:
        return f"its ally and hostile ties with {_names(even, name_of)} weigh the same"
    torn = [f for f in foes if bloc_of.get(f) is not None and any(bloc_of.get(a) == bloc_of[f] for a in allies)]
    if torn:
        return (
            f"its ties are split evenly: allied with {_names(allies, name_of)} but hostile to "
            f"{_names(torn, name_of)} in the same bloc"
        )
    return f"its allies ({_names(allies, name_of)}) are pulled into different blocs, so it joins none"
