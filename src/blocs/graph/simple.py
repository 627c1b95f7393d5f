"""The small undirected graph the bloc partition needs, in place of networkx's.

Importing networkx cost ~0.14 CPU s in every process that analyses a story, for an
edge dict and a breadth-first search. This graph keeps networkx.Graph's orders, on
which the partition's tie-breaks rest: nodes in the order they were first added,
each node's neighbours in the order its edges were first added, one data dict shared
by an edge's two ends; edges are reported once, from the end met first.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator, Optional


class Graph:
    def __init__(self, edges: Iterable[tuple[Any, Any]] = ()):
        self._adj: dict[Any, dict[Any, dict[str, Any]]] = {}
        for a, b in edges:
            self.add_edge(a, b)

    def add_node(self, n: Any) -> None:
        self._adj.setdefault(n, {})

    def add_nodes_from(self, nodes: Iterable[Any]) -> None:
        for n in nodes:
            self.add_node(n)

    def add_edge(self, a: Any, b: Any, **data: Any) -> None:
        self.add_node(a)
        self.add_node(b)
        shared = self._adj[a].get(b, {})
        shared.update(data)
        self._adj[a][b] = self._adj[b][a] = shared

    def has_edge(self, a: Any, b: Any) -> bool:
        return a in self._adj and b in self._adj[a]

    def __getitem__(self, n: Any) -> dict[Any, dict[str, Any]]:
        return self._adj[n]

    def __contains__(self, n: object) -> bool:
        return n in self._adj

    def __iter__(self) -> Iterator[Any]:
        return iter(self._adj)

    def __len__(self) -> int:
        return len(self._adj)

    @property
    def nodes(self) -> list[Any]:
        return list(self._adj)

    def number_of_nodes(self) -> int:
        return len(self._adj)

    def number_of_edges(self) -> int:
        return sum(1 for _ in self.edges())

    def neighbors(self, n: Any) -> Iterator[Any]:
        return iter(self._adj[n])

    def edges(self, data: Optional[str] = None) -> Iterator[tuple]:
        """Each edge once, as networkx reports it: (a, b) or (a, b, value of `data`)."""
        seen: set = set()
        for n, nbrs in self._adj.items():
            for m, d in nbrs.items():
                if m not in seen:
                    yield (n, m) if data is None else (n, m, d.get(data))
            seen.add(n)

    def copy(self) -> Graph:
        """Its own nodes, edges and data dicts (networkx's copy)."""
        g = Graph()
        g.add_nodes_from(self._adj)
        for n, nbrs in self._adj.items():
            for m, d in nbrs.items():
                g.add_edge(n, m, **d)
        return g

    def subgraph(self, nodes: Iterable[Any]) -> Graph:
        """The nodes given and the edges among them, in this graph's orders, the data dicts shared."""
        keep = set(nodes)
        g = Graph()
        for n, nbrs in self._adj.items():
            if n in keep:
                g._adj[n] = {m: d for m, d in nbrs.items() if m in keep}
        return g


def connected_components(g: Graph) -> Iterator[set]:
    """The node sets of the connected parts, in the order of their first node."""
    seen: set = set()
    for v in g:
        if v in seen:
            continue
        part, frontier = {v}, [v]
        while frontier:
            nxt = []
            for n in frontier:
                for m in g[n]:
                    if m not in part:
                        part.add(m)
                        nxt.append(m)
            frontier = nxt
        seen |= part
        yield part
