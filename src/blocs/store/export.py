"""Exports of a corpus for the tools researchers use.

jsonl        one `blocs/1` analysis a line (pandas, jq, R jsonlite)
plover-csv   one event a row, PLOVER-style columns (pandas, R, Excel)
parquet      a directory, one file per table (pandas, R arrow, DuckDB, Spark); refused over a file
graphml      the actor network, blocs as a node attribute (networkx, Gephi, igraph)
gexf         the same for Gephi; with a time window, edge weights per window (Gephi timeline)
geojson      a FeatureCollection of places and located events, [lon, lat] (QGIS, Leaflet)
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Callable, Optional

import duckdb

from ..errors import BlocsError
from . import aggregate, schema

FORMATS = ("jsonl", "plover-csv", "parquet", "graphml", "gexf", "geojson")

PLOVER_COLUMNS = [
    "event_id",
    "story_id",
    "date",
    "publication_date",
    "event_type",
    "mode",
    "source_actor",
    "source_name",
    "source_type",
    "source_country",
    "target_actor",
    "target_name",
    "target_type",
    "target_country",
    "place",
    "place_country",
    "lat",
    "lon",
    "confidence",
    "trigger",
    "evidence",
    "story_source",
]


CHUNK = 2000  # rows fetched at a time where rows pass through Python


def export(con: duckdb.DuckDBPyConnection, fmt: str, path: Path, window: Optional[str] = None) -> int:
    """Write the corpus in `fmt` to `path`; returns the number of records written.

    Files are written to `<path>.partial` and renamed over `path` when complete, so a
    failed export never leaves half a file where an earlier export was. Memory does not
    grow with the corpus: DuckDB writes parquet itself (COPY ... TO, memory capped), and
    jsonl, plover-csv and geojson go a range of stories at a time.
    """
    from ..outfile import check_output, partial_path

    if fmt not in FORMATS:
        raise BlocsError("export-format", "--format", detail=fmt)
    _bound_memory(con)
    if fmt == "parquet":
        return _guard(path, lambda: parquet(con, path))
    check_output(path)
    writer: Callable[..., int] = {
        "jsonl": jsonl,
        "plover-csv": plover_csv,
        "graphml": graphml,
        "gexf": gexf,
        "geojson": geojson,
    }[fmt]
    partial = partial_path(path)

    def write() -> int:
        n = writer(con, partial, window) if fmt in ("graphml", "gexf") else writer(con, partial)
        os.replace(partial, path)
        return n

    try:
        return _guard(path, write)
    finally:
        partial.unlink(missing_ok=True)


MEMORY_LIMIT = "400MB"


def _bound_memory(con: duckdb.DuckDBPyConnection) -> None:
    """DuckDB takes up to 80% of RAM by default; a sort or a COPY over a large corpus then holds it.
    Capped, it spills to a scratch directory instead."""
    import tempfile

    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    con.execute("SET temp_directory = ?", [tempfile.gettempdir()])
    con.execute("SET preserve_insertion_order = false")


def _guard(path: Path, write) -> int:
    """File-system and DuckDB write errors as one line."""
    try:
        return write()
    except OSError as err:
        raise BlocsError("write", str(path), detail=err.strerror or str(err)) from None
    except duckdb.Error as err:
        raise BlocsError("write", str(path), detail=str(err).strip().splitlines()[0]) from None


def _copy(con: duckdb.DuckDBPyConnection, query: str, path: Path, options: str) -> None:
    target = str(path).replace("'", "''")
    con.execute(f"COPY ({query}) TO '{target}' ({options})")


def _seq_ranges(con: duckdb.DuckDBPyConnection) -> list[tuple[int, int]]:
    """[start, end) ranges of `seq`, CHUNK stories each, in order: stories are stored in seq
    order, so each range reads few row groups, and no query has to hold the whole corpus."""
    starts = [
        s
        for (s,) in con.execute(
            f"SELECT seq FROM (SELECT seq, row_number() OVER (ORDER BY seq) AS n FROM documents) "
            f"WHERE n % {CHUNK} = 1 ORDER BY seq"
        ).fetchall()
    ]
    return list(zip(starts, starts[1:] + [2**62]))


def jsonl(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """One stored analysis a line, as stored (compact `blocs/1` JSON, which has no raw newline),
    a range of stories at a time: a sort of every analysis at once (COPY ... ORDER BY) held
    them all in memory (3.3 GB at 100,000 stories)."""
    n = 0
    with open(path, "w", encoding="utf-8") as out:
        for start, end in _seq_ranges(con):
            rows = con.execute(
                "SELECT analysis FROM documents WHERE seq >= ? AND seq < ? ORDER BY seq", [start, end]
            ).fetchall()
            out.writelines(analysis + "\n" for (analysis,) in rows)
            n += len(rows)
    return n


PLOVER_QUERY = """
        WITH d AS (SELECT hash, seq, story_id, published, source FROM documents WHERE seq >= ? AND seq < ?)
        SELECT d.story_id || '-' || e.event_id, d.story_id, coalesce(e.date, d.published), d.published,
               e.type, e.mode,
               e.source, sa.name, sa.type, sa.country, e.target, ta.name, ta.type, ta.country,
               e.place, p.country, p.lat, p.lon, e.confidence, e.trigger, e.evidence, d.source
        FROM events e JOIN d USING (hash)
             LEFT JOIN actors sa ON sa.hash = e.hash AND sa.key = e.source
             LEFT JOIN actors ta ON ta.hash = e.hash AND ta.key = e.target
             LEFT JOIN places p ON p.hash = e.hash AND p.name = e.place
        ORDER BY d.seq, e.event_id"""


def plover_rows(con: duckdb.DuckDBPyConnection):
    """Events with their story, actors and place joined in; event_id is story_id-n. Yields rows
    a range of stories at a time (one join over the whole corpus ran DuckDB out of memory)."""
    for start, end in _seq_ranges(con):
        yield from con.execute(PLOVER_QUERY, [start, end]).fetchall()


def plover_csv(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    n = 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(PLOVER_COLUMNS)
        for row in plover_rows(con):
            writer.writerow(row)
            n += 1
    return n


# Rows per Parquet row group (buffered whole while written): a document row holds its text and
# whole analysis (tens of kB), so its groups are kept small.
PARQUET_ROW_GROUP = {"documents": 2000}


def parquet(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """One Parquet file per table in the directory `path` (created if needed)."""
    if path.exists() and not path.is_dir():
        raise BlocsError("export-exists", str(path))
    if not path.parent.is_dir():
        raise BlocsError("no-directory", str(path), detail=str(path.parent))
    path.mkdir(exist_ok=True)
    for table in schema.TABLES:
        target = path / f"{table}.parquet"
        partial = target.with_name(target.name + ".partial")
        try:
            _copy(
                con,
                f"SELECT * FROM {table}",
                partial,
                f"FORMAT PARQUET, ROW_GROUP_SIZE {PARQUET_ROW_GROUP.get(table, 100_000)}",
            )
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    return len(schema.TABLES)


def network(con: duckdb.DuckDBPyConnection, window: Optional[str] = None):
    """The corpus actor network as a networkx Graph: net ties over all stories, blocs as node attribute.

    With a window other than `all`, each edge also carries its net weight per
    window as a dynamic attribute (value, start, end), which GEXF keeps.
    """
    import networkx as nx

    from ..graph import blocs as blocs_mod

    g = nx.Graph()
    names = aggregate.actor_names(con)
    total = aggregate.edges(con, "all")
    bloc_of = {}
    keys = sorted({k for e in total for k in (e.a, e.b)})
    sides = blocs_mod.same_side({k: (a["type"], a["country"]) for k, a in names.items()})
    for bloc in blocs_mod.partition(keys, aggregate.as_relations(total), sides):
        for member in bloc.members:
            bloc_of[member] = bloc.id
    for key, info in names.items():
        g.add_node(
            key,
            label=info["name"] or key,
            type=info["type"] or "",
            country=info["country"] or "",
            mentions=info["mentions"],
            documents=info["documents"],
            bloc=bloc_of.get(key, 0),
        )
    for e in total:
        g.add_edge(
            e.a,
            e.b,
            weight=abs(e.net),
            net=e.net,
            sign=e.sign,
            ally=e.ally,
            hostile=e.hostile,
            documents=e.documents,
            polarity={1: "ally", -1: "hostile", 0: "mixed"}[e.sign],
        )
    if window and aggregate.check_window(window) != "all":
        for e in aggregate.edges(con, window):
            start, end = _spell(e.start, window)
            g.edges[e.a, e.b].setdefault("net_by_window", []).append((e.net, start, end))
    return g


def _spell(start, window: str) -> tuple[str, str]:
    """The ISO start and (inclusive) end dates of a window starting at `start`."""
    from datetime import timedelta

    if window == "week":
        end = start + timedelta(days=6)
    elif window == "month":
        nxt = start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1)
        end = nxt - timedelta(days=1)
    else:
        end = start.replace(month=12, day=31)
    return start.isoformat(), end.isoformat()


def graphml(con: duckdb.DuckDBPyConnection, path: Path, window: Optional[str] = None) -> int:
    """The network is one node per actor key and one edge per pair (it grows with the actors, not
    the stories); its XML is written a line at a time."""
    import networkx as nx

    g = network(con, None)  # GraphML has no dynamic attributes
    with open(path, "w", encoding="utf-8") as out:
        for line in nx.generate_graphml(g):
            out.write(line + "\n")
    return g.number_of_edges()


def gexf(con: duckdb.DuckDBPyConnection, path: Path, window: Optional[str] = None) -> int:
    import networkx as nx

    g = network(con, window)
    if window and window != "all":
        g.graph["mode"] = "dynamic"
    with open(path, "w", encoding="utf-8") as out:
        for line in nx.generate_gexf(g):
            out.write(line + "\n")
    return g.number_of_edges()


def geojson(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """Places (one feature per place over the corpus) and events that have a place, written a feature at a time."""
    n = 0
    with open(path, "w", encoding="utf-8") as out:
        out.write('{"type": "FeatureCollection", "features": [\n')
        for feature in _features(con):
            out.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False))
            n += 1
        out.write("\n]}\n")
    return n


def _features(con: duckdb.DuckDBPyConnection):
    cur = con.cursor()
    cur.execute("""
        SELECT name, country, kind, avg(lat), avg(lon), sum(mentions), count(DISTINCT hash), any_value(geonameid)
        FROM places WHERE lat IS NOT NULL AND lon IS NOT NULL
        GROUP BY name, country, kind, round(lat, 1), round(lon, 1)
        ORDER BY sum(mentions) DESC, name""")
    while rows := cur.fetchmany(CHUNK):
        for name, country, kind, lat, lon, mentions, docs, gid in rows:
            yield _point(
                lon,
                lat,
                {
                    "feature": "place",
                    "name": name,
                    "country": country,
                    "kind": kind,
                    "mentions": int(mentions or 0),
                    "documents": int(docs),
                    "geonameid": gid,
                },
            )
    for row in plover_rows(con):
        record = dict(zip(PLOVER_COLUMNS, row))
        if record["lat"] is None or record["lon"] is None:
            continue
        lat, lon = record.pop("lat"), record.pop("lon")
        yield _point(lon, lat, {"feature": "event", **record})


def _point(lon: float, lat: float, properties: dict) -> dict:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
        "properties": properties,
    }
