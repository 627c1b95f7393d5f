"""Blocs: the signed ally/hostile graph split into coalitions.

A partition is scored by its frustration: the weight of hostile ties inside a
bloc plus the weight of ally ties across blocs. Small graphs are searched
exactly (every set partition); larger ones by greedy moves from several
seeded starts. networkx has no signed partitioning, so this is written here; the graph
itself is `simple.Graph` (networkx's orders, without importing networkx).
"""

from __future__ import annotations

import random
from functools import lru_cache
from typing import Iterable, Mapping, Optional, Sequence

import numpy as np

from ..records import Bloc, Relation
from .simple import Graph, connected_components

EXACT_LIMIT = 9  # Bell(9) = 21,147 partitions: instant

# The weight of the tie assumed between a state and its own government or a leader and the
# government he leads when the text gives them none: enough to keep them in one bloc, less
# than any stated hostile tie between them (a coup, a mutiny), which then splits them.
SAME_SIDE_WEIGHT = 0.25


def same_side(
    actors: Mapping[str, tuple[str, Optional[str]]], leader_of: Optional[Mapping[str, str]] = None
) -> list[tuple[str, str]]:
    """Pairs of actors that stand on one side unless the text says otherwise: a state and each
    government body of that state (`actors`: key -> (type, country)), a leader and what he leads."""
    states = {country: key for key, (kind, country) in actors.items() if kind == "state" and country}
    pairs = [
        (key, states[country]) for key, (kind, country) in actors.items() if kind == "government" and country in states
    ]
    led = (leader_of or {}).items()
    return pairs + [(person, what) for person, what in led if person in actors and what in actors]


def signed_graph(relations: Iterable[Relation]) -> Graph:
    """One undirected edge per pair, its sign the net of ally minus hostile weight."""
    g = Graph()
    for r in relations:
        w = (r.weight or r.confidence) * (1 if r.polarity == "ally" else -1)
        if g.has_edge(r.source, r.target):
            g[r.source][r.target]["weight"] += w
        else:
            g.add_edge(r.source, r.target, weight=w)
    return g


def frustration(g: Graph, labels: dict) -> float:
    cost = 0.0
    for a, b, w in g.edges(data="weight"):
        same = labels[a] == labels[b]
        if (w < 0 and same) or (w > 0 and not same):
            cost += abs(w)
    return cost


def _set_partitions(items: Sequence):
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for part in _set_partitions(rest):
        for i in range(len(part)):
            yield part[:i] + [[first, *part[i]]] + part[i + 1 :]
        yield [[first], *part]


@lru_cache(maxsize=EXACT_LIMIT + 1)
def _labelings(n: int) -> tuple[np.ndarray, list[int]]:
    """Every set partition of n numbered nodes, in `_set_partitions` order: a matrix with one row
    per partition (the bloc of each node) and the number of blocs of each row; made once per size
    (Bell(9) rows at most)."""
    rows, sizes = [], []
    for part in _set_partitions(list(range(n))):
        lab = [0] * n
        for i, block in enumerate(part):
            for k in block:
                lab[k] = i
        rows.append(lab)
        sizes.append(len(part))
    return np.array(rows, dtype=np.int8).reshape(len(rows), n), sizes


@lru_cache(maxsize=EXACT_LIMIT + 1)
def _columns(n: int) -> np.ndarray:
    """`_labelings(n)`'s matrix by node: row k is node k's bloc in every partition, contiguous
    (a column of the partition matrix is read with a stride)."""
    return np.ascontiguousarray(_labelings(n)[0].T)


def _exact(g: Graph) -> dict:
    """Every set partition, scored like `frustration` (the same additions in the same order, so
    the same sums), one edge at a time over all partitions at once; then the best is picked
    in partition order as `frustration` scores would pick it."""
    nodes = sorted(g.nodes)
    pos = {n: k for k, n in enumerate(nodes)}
    labs, sizes = _labelings(len(nodes))
    cols = _columns(len(nodes))
    costs = np.zeros(len(sizes))
    for a, b, w in g.edges(data="weight"):
        if w == 0:
            continue  # (adds 0.0 to every cost: no change)
        same = cols[pos[a]] == cols[pos[b]]
        np.add(costs, abs(w), out=costs, where=same if w < 0 else ~same)  # the others add 0.0: unchanged
    best, best_cost, best_size = -1, float("inf"), 0
    # more blocs break ties: a bloc is held together by ally ties, so an actor with no
    # tie of alliance to a bloc stays out of it rather than joining it for free
    for row, (cost, size) in enumerate(zip(costs.tolist(), sizes)):
        if cost < best_cost - 1e-9 or (abs(cost - best_cost) <= 1e-9 and size > best_size):
            best, best_cost, best_size = row, cost, size
    lab = labs[best].tolist()
    return {nodes[k]: lab[k] for k in sorted(range(len(nodes)), key=lambda k: (lab[k], k))}


def _greedy(g: Graph, restarts: int = 20, seed: int = 7) -> dict:
    rng = random.Random(seed)
    nodes = sorted(g.nodes)
    best, best_cost = None, float("inf")
    for attempt in range(restarts):
        if attempt == 0:  # start from the ally components: often already right
            ally = Graph([(a, b) for a, b, w in g.edges(data="weight") if w > 0])
            ally.add_nodes_from(nodes)
            labels = {n: i for i, comp in enumerate(connected_components(ally)) for n in comp}
        else:
            k = rng.randint(2, max(2, min(len(nodes), 6)))
            labels = {n: rng.randrange(k) for n in nodes}
        improved = True
        while improved:
            improved = False
            for n in nodes:
                current = labels[n]
                gain: dict[int, float] = {}
                for m in g.neighbors(n):
                    w = g[n][m]["weight"]
                    gain[labels[m]] = gain.get(labels[m], 0.0) + w
                stay = gain.get(current, 0.0)
                target = max(gain, key=gain.__getitem__, default=current)
                fresh = max(labels.values()) + 1
                if stay < 0 and gain.get(target, 0.0) <= 0:
                    target = fresh  # alone is better than among enemies
                if target != current and gain.get(target, 0.0) > stay + 1e-9:
                    labels[n] = target
                    improved = True
        cost = frustration(g, labels)
        if cost < best_cost - 1e-9:
            best, best_cost = dict(labels), cost
    assert best is not None, "the first restart beats an infinite cost"
    return best


def net_tie(source: str, target: str, net: float) -> Relation:
    """A pair's net tie (ally weight minus hostile weight) as the partition's input record."""
    return Relation(
        source=source,
        target=target,
        polarity="ally" if net > 0 else "hostile",
        directed=False,
        confidence=min(1.0, abs(net)),
        weight=abs(net),
    )


def partition(
    actor_keys: Sequence[str], relations: Sequence[Relation], same_sides: Iterable[tuple[str, str]] = ()
) -> list[Bloc]:
    """Blocs of the actors that have ties, largest first; actors with no tie stay out. A pair of
    `same_sides` (see `same_side`) both of which have ties, and no tie between them, is held
    together by a weak assumed ally tie, which the bloc's tie counts leave out."""
    g = signed_graph(r for r in relations if r.source in actor_keys and r.target in actor_keys)
    if g.number_of_nodes() == 0:
        return []
    stated = g.copy()
    for a, b in same_sides:
        if a in g and b in g and a != b and not g.has_edge(a, b):
            g.add_edge(a, b, weight=SAME_SIDE_WEIGHT)
    labels: dict = {}
    offset = 0
    for comp in connected_components(g):
        sub = g.subgraph(comp)
        part = _exact(sub) if sub.number_of_nodes() <= EXACT_LIMIT else _greedy(sub)
        for n, lab in part.items():
            labels[n] = (offset, lab)
        offset += 1
    groups: dict = {}
    for n, lab in labels.items():
        groups.setdefault(lab, []).append(n)
    blocs = []
    for members in groups.values():
        inside = set(members)
        internal = cross = frustrated = 0
        for a, b, w in stated.edges(data="weight"):
            if a in inside and b in inside:
                internal += 1
                frustrated += w < 0
            elif a in inside or b in inside:
                cross += 1
                frustrated += w > 0
        order = {k: i for i, k in enumerate(actor_keys)}
        blocs.append((sorted(members, key=lambda k: order.get(k, 0)), internal, cross, frustrated))
    blocs.sort(key=lambda b: (-len(b[0]), b[0]))
    return [
        Bloc(id=i + 1, members=m, internal_ties=it, cross_ties=ct, frustration=fr)
        for i, (m, it, ct, fr) in enumerate(blocs)
    ]
