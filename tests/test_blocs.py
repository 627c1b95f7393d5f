"""Blocs: the signed graph split so that allies sit together and enemies apart."""

import itertools
import random

import networkx as nx

from blocs.graph.blocs import EXACT_LIMIT, frustration, partition, signed_graph
from blocs.records import Relation


def rel(a, b, polarity, weight=1.0):
    return Relation(source=a, target=b, polarity=polarity, directed=False, confidence=0.9, weight=weight)


def as_sets(blocs):
    return {frozenset(b.members) for b in blocs}


def test_two_camps_of_a_proxy_war():
    rels = [
        rel("saudi-arabia", "yemen", "ally"),
        rel("uae", "saudi-arabia", "ally"),
        rel("iran", "houthis", "ally"),
        rel("houthis", "yemen", "hostile"),
        rel("iran", "saudi-arabia", "hostile"),
        rel("houthis", "uae", "hostile"),
    ]
    keys = ["saudi-arabia", "yemen", "uae", "iran", "houthis"]
    blocs = partition(keys, rels)
    assert as_sets(blocs) == {frozenset({"saudi-arabia", "yemen", "uae"}), frozenset({"iran", "houthis"})}
    assert all(b.frustration == 0 for b in blocs)
    assert blocs[0].internal_ties == 2 and blocs[0].cross_ties == 3


def test_frustrated_triangle_is_split_at_the_weakest_tie():
    # enemy of my enemy: A-B hostile, B-C hostile, A-C hostile -> three blocs
    rels = [rel("a", "b", "hostile"), rel("b", "c", "hostile"), rel("a", "c", "hostile")]
    assert len(partition(["a", "b", "c"], rels)) == 3
    # two ally ties and one weak hostile tie: one bloc is cheaper than breaking a strong alliance
    rels = [rel("a", "b", "ally", 2.0), rel("b", "c", "ally", 2.0), rel("a", "c", "hostile", 0.5)]
    assert as_sets(partition(["a", "b", "c"], rels)) == {frozenset("abc")}


def test_actors_without_ties_stay_out_and_unknown_keys_are_ignored():
    rels = [rel("russia", "belarus", "ally"), rel("russia", "ghost", "hostile")]
    assert as_sets(partition(["russia", "belarus", "ukraine"], rels)) == {frozenset({"russia", "belarus"})}
    assert partition(["x"], []) == []


def test_large_graph_recovers_planted_coalitions():
    rng = random.Random(3)
    camps = [[f"c{c}-{i}" for i in range(6)] for c in range(3)]
    nodes = [n for camp in camps for n in camp]
    assert len(nodes) > EXACT_LIMIT
    rels = []
    for camp in camps:
        rels += [rel(a, b, "ally") for a, b in zip(camp, camp[1:])]  # every member tied to its camp
        for a, b in itertools.combinations(camp, 2):
            if rng.random() < 0.4:
                rels.append(rel(a, b, "ally"))
    for x, y in itertools.combinations(range(3), 2):
        for a in camps[x]:
            for b in camps[y]:
                if rng.random() < 0.3:
                    rels.append(rel(a, b, "hostile"))
    blocs = partition(nodes, rels)
    assert as_sets(blocs) == {frozenset(c) for c in camps}
    g = signed_graph(rels)
    labels = {m: b.id for b in blocs for m in b.members}
    assert frustration(g, labels) == 0


def test_an_actor_with_no_ally_tie_is_not_put_in_a_bloc_for_free():
    # France fights the militants and is hostile to the junta; nothing ties the militants to the junta
    rels = [rel("france", "militants", "hostile"), rel("mali", "france", "hostile"), rel("russia", "mali", "ally")]
    assert as_sets(partition(["france", "militants", "mali", "russia"], rels)) == {
        frozenset({"france"}),
        frozenset({"militants"}),
        frozenset({"mali", "russia"}),
    }


def test_exact_search_picks_what_scoring_each_partition_picks():
    """The exact search scores all partitions at once; it must pick what scoring each one with
    `frustration`, in partition order, picks (least cost, then more blocs)."""
    from blocs.graph.blocs import _exact, _set_partitions

    rng = random.Random(5)
    for _ in range(40):
        n = rng.randint(2, 7)
        g = nx.Graph()
        for i in range(n):
            for j in range(i + 1, n):
                if rng.random() < 0.5:
                    g.add_edge(f"a{i}", f"a{j}", weight=rng.choice([-1, 1]) * rng.choice([0.3, 0.5, 0.6, 0.85, 1.2]))
        if not g.number_of_edges():
            continue
        nodes = sorted(g.nodes)
        best, best_cost, best_size = None, float("inf"), 0
        for part in _set_partitions(nodes):
            labels = {m: k for k, block in enumerate(part) for m in block}
            cost = frustration(g, labels)
            if cost < best_cost - 1e-9 or (abs(cost - best_cost) <= 1e-9 and len(part) > best_size):
                best, best_cost, best_size = labels, cost, len(part)
        assert best is not None
        assert frustration(g, _exact(g)) == best_cost
        found = _exact(g)
        assert all((found[a] == found[b]) == (best[a] == best[b]) for a in nodes for b in nodes)


def test_a_state_and_its_government_are_one_side_unless_the_text_sets_them_apart():
    from blocs.graph.blocs import same_side

    kinds = {
        "mali": ("state", "MLI"),
        "mali-government": ("government", "MLI"),
        "russia": ("state", "RUS"),
        "wagner-group": ("armed_group", "RUS"),  # an armed group of the country is no arm of its state
        "assimi-goita": ("person", "MLI"),
    }
    sides = same_side(kinds, {"assimi-goita": "mali-government"})
    assert sorted(sides) == [("assimi-goita", "mali-government"), ("mali-government", "mali")]
    # Russia backs the junta, the state hired the mercenaries: without the pair, two blocs
    rels = [rel("russia", "mali-government", "ally"), rel("mali", "wagner-group", "ally")]
    keys = list(kinds)
    assert len(partition(keys, rels)) == 2
    blocs = partition(keys, rels, sides)
    assert as_sets(blocs) == {frozenset({"russia", "mali-government", "mali", "wagner-group"})}
    assert blocs[0].internal_ties == 2  # the assumed tie is not counted as a stated one
    # the leader has no tie of his own: he stays out, as every actor without ties does
    assert "assimi-goita" not in blocs[0].members
    # a coup: the army-backed state turns on the government, the stated hostile tie wins
    coup = [*rels, rel("mali", "mali-government", "hostile", 0.5)]
    assert len(partition(keys, coup, sides)) == 2


def test_the_own_graph_keeps_networkx_orders_and_partitions():
    """blocs.graph.simple stands in for networkx (not imported by an analysis): the same node,
    neighbour and edge orders, the same components, and so the same blocs, ties and all."""
    from blocs.graph import blocs as blocs_mod
    from blocs.graph import simple

    rng = random.Random(11)
    for trial in range(60):
        n = rng.randint(2, 16)
        keys = [f"k{rng.randrange(40)}" for _ in range(n)]
        rels = [
            rel(rng.choice(keys), rng.choice(keys), rng.choice(["ally", "hostile"]), rng.choice([0.5, 1.0, 1.0, 2.0]))
            for _ in range(rng.randint(1, 3 * n))
        ]
        rels = [r for r in rels if r.source != r.target]
        ours = blocs_mod.signed_graph(rels)
        theirs = nx.Graph()
        for r in rels:
            w = (r.weight or r.confidence) * (1 if r.polarity == "ally" else -1)
            if theirs.has_edge(r.source, r.target):
                theirs[r.source][r.target]["weight"] += w
            else:
                theirs.add_edge(r.source, r.target, weight=w)
        assert list(ours.edges(data="weight")) == list(theirs.edges(data="weight"))
        assert all(list(ours.neighbors(v)) == list(theirs.neighbors(v)) for v in theirs)
        assert list(simple.connected_components(ours)) == list(nx.connected_components(theirs))
        assert list(ours.copy().edges(data="weight")) == list(theirs.copy().edges(data="weight"))
        pairs = [(rng.choice(keys), rng.choice(keys)) for _ in range(3)]
        got = blocs_mod.partition(sorted(set(keys)), rels, pairs)
        blocs_mod.Graph, blocs_mod.connected_components = nx.Graph, nx.connected_components
        try:
            want = blocs_mod.partition(sorted(set(keys)), rels, pairs)
        finally:
            blocs_mod.Graph, blocs_mod.connected_components = simple.Graph, simple.connected_components
        assert got == want, trial
