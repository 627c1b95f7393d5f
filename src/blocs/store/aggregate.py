"""The alliance network over time, from the stored analyses.

Actors are joined across articles by their knowledge-base key. Each
article's relation adds its confidence to the pair's ally weight or hostile
weight in the time window of the article's publication date; the pair's net
weight (ally - hostile) gives the sign of the tie in that window. Stories
without a publication date count only in the `all` window.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Optional

import duckdb

from ..errors import BlocsError
from ..graph.blocs import net_tie
from ..records import Bloc, Relation

WINDOWS = ("week", "month", "year", "all")
_LABEL = {"week": "%G-W%V", "month": "%Y-%m", "year": "%Y"}


@dataclass
class Edge:
    """A pair's tie in one window; a < b (ties are undirected here)."""

    window: str
    start: Optional[date]
    a: str
    b: str
    ally: float
    hostile: float
    documents: int
    directed: bool = False

    @property
    def net(self) -> float:
        return round(self.ally - self.hostile, 6)

    @property
    def sign(self) -> int:
        return (self.net > 0) - (self.net < 0)


@dataclass
class Window:
    label: str
    start: Optional[date]
    edges: list[Edge] = field(default_factory=list)
    blocs: list[Bloc] = field(default_factory=list)


def check_window(window: str) -> str:
    if window not in WINDOWS:
        raise BlocsError("window", "--window", detail=window)
    return window


def _window_sql(window: str) -> tuple[str, str]:
    """SQL for a story's window start and label."""
    if window == "all":
        return "NULL::DATE", "'all'"
    start = f"date_trunc('{window}', d.published_date)::DATE"
    return start, f"strftime({start}, '{_LABEL[window]}')"


def edges(con: duckdb.DuckDBPyConnection, window: str = "month") -> list[Edge]:
    """Every pair's ally and hostile weight per window, in time order."""
    start, label = _window_sql(check_window(window))
    dated = "" if window == "all" else "AND d.published_date IS NOT NULL"
    rows = con.execute(f"""
        SELECT {label} AS label, {start} AS start,
               least(r.source, r.target) AS a, greatest(r.source, r.target) AS b,
               sum(CASE WHEN r.polarity = 'ally' THEN r.confidence ELSE 0 END) AS ally,
               sum(CASE WHEN r.polarity = 'hostile' THEN r.confidence ELSE 0 END) AS hostile,
               count(DISTINCT r.hash) AS documents, bool_or(r.directed) AS directed
        FROM relations r JOIN documents d USING (hash)
        WHERE r.source IS NOT NULL AND r.target IS NOT NULL AND r.source <> r.target {dated}
        GROUP BY ALL ORDER BY start NULLS FIRST, a, b""").fetchall()
    return [Edge(label, st, a, b, float(al), float(ho), n, bool(di)) for label, st, a, b, al, ho, n, di in rows]


def actor_names(con: duckdb.DuckDBPyConnection) -> dict[str, dict]:
    """One entry per knowledge-base key: the most used name, type and country, mentions and documents."""
    rows = con.execute("""
        SELECT key, mode(name), mode(type), mode(country), sum(mentions), count(DISTINCT hash)
        FROM actors GROUP BY key ORDER BY key""").fetchall()
    return {
        k: {"name": n, "type": t, "country": c, "mentions": int(m or 0), "documents": int(d)}
        for k, n, t, c, m, d in rows
    }


def as_relations(window_edges: list[Edge]) -> list[Relation]:
    """A window's net ties as `Relation` records, the input of the blocs partition."""
    return [net_tie(e.a, e.b, e.net) for e in window_edges if e.sign != 0]


def windows(con: duckdb.DuckDBPyConnection, window: str = "month") -> list[Window]:
    """The network of each window with its blocs."""
    from ..graph import blocs as blocs_mod

    info = actor_names(con)
    sides = blocs_mod.same_side({k: (a["type"], a["country"]) for k, a in info.items()})
    grouped: dict[str, Window] = {}
    for e in edges(con, window):
        grouped.setdefault(e.window, Window(e.window, e.start)).edges.append(e)
    for w in grouped.values():
        keys = sorted({k for e in w.edges for k in (e.a, e.b)})
        w.blocs = list(blocs_mod.partition(keys, as_relations(w.edges), sides))
    return list(grouped.values())


def undated(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute("SELECT count(*) FROM documents WHERE published_date IS NULL").fetchone()
    return row[0] if row else 0


@dataclass
class Shift:
    """A pair whose tie changed sign from one window (where it was seen) to the next."""

    a: str
    b: str
    before: Edge
    after: Edge
    evidence_before: list[dict] = field(default_factory=list)
    evidence_after: list[dict] = field(default_factory=list)


def shifts(con: duckdb.DuckDBPyConnection, window: str = "month", evidence: int = 2) -> list[Shift]:
    """Pairs whose net tie flipped between ally and hostile, with up to `evidence` sentences each side."""
    if check_window(window) == "all":
        return []
    by_pair: dict[tuple[str, str], list[Edge]] = {}
    for e in edges(con, window):
        if e.sign != 0:
            by_pair.setdefault((e.a, e.b), []).append(e)
    found = []
    for (a, b), seq in by_pair.items():
        for before, after in zip(seq, seq[1:]):
            if before.sign != after.sign:
                found.append(
                    Shift(
                        a,
                        b,
                        before,
                        after,
                        pair_evidence(con, a, b, window, before, evidence),
                        pair_evidence(con, a, b, window, after, evidence),
                    )
                )
    found.sort(key=lambda s: (s.after.start, s.a, s.b))
    return found


def pair_evidence(
    con: duckdb.DuckDBPyConnection, a: str, b: str, window: str, edge: Edge, limit: int = 2
) -> list[dict]:
    """The sentences behind a pair's tie in one window, the sign of that window first."""
    start, _ = _window_sql(window)
    polarity = "ally" if edge.sign > 0 else "hostile"
    rows = con.execute(
        f"""
        SELECT d.story_id, d.published, r.polarity, ev.sentence
        FROM relations r JOIN documents d USING (hash)
             JOIN relation_evidence ev ON ev.hash = r.hash AND ev.rel_id = r.rel_id
        WHERE least(r.source, r.target) = ? AND greatest(r.source, r.target) = ? AND {start} = ?
        ORDER BY r.polarity = ? DESC, r.confidence DESC, d.seq, ev.n
        LIMIT ?""",
        [a, b, edge.start, polarity, limit],
    ).fetchall()
    return [{"story_id": s, "published": p, "polarity": pol, "sentence": t} for s, p, pol, t in rows]
