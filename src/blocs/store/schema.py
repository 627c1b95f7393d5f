"""The corpus database: one DuckDB file, one table per kind of record.

Every table but `documents` carries `hash`, the content hash of the story it
came from (`documents.hash`, the primary key), so a story and everything
extracted from it are written, and skipped, together. Actors keep the
knowledge-base key (`actors.key`), which is what joins one actor across
articles. `documents.analysis` keeps the whole `blocs/1` JSON so a stored
story can be turned back into an `Analysis` exactly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Union

import duckdb
import pyarrow as pa

from ..errors import BlocsError

SCHEMA_VERSION = 1

# table -> [(column, DuckDB type)]; the order is the insert order.
TABLES: dict[str, list[tuple[str, str]]] = {
    "documents": [
        ("hash", "VARCHAR PRIMARY KEY"),
        ("seq", "BIGINT"),
        ("story_id", "VARCHAR"),
        ("source", "VARCHAR"),
        ("title", "VARCHAR"),
        ("author", "VARCHAR"),
        ("published", "VARCHAR"),
        ("published_date", "DATE"),
        ("language", "VARCHAR"),
        ("site", "VARCHAR"),
        ("words", "INTEGER"),
        ("text", "VARCHAR"),
        ("analysis", "JSON"),
        ("ingested_at", "TIMESTAMP"),
        # the story's id+text hash under any version, and the analysis version that made this row
        ("story_key", "VARCHAR"),
        ("analysis_version", "VARCHAR"),
    ],
    "actors": [
        ("hash", "VARCHAR"),
        ("key", "VARCHAR"),
        ("name", "VARCHAR"),
        ("type", "VARCHAR"),
        ("country", "VARCHAR"),
        ("aliases", "VARCHAR[]"),
        ("mentions", "INTEGER"),
        ("confidence", "DOUBLE"),
    ],
    "leader_of": [("hash", "VARCHAR"), ("person", "VARCHAR"), ("state", "VARCHAR")],
    "relations": [
        ("hash", "VARCHAR"),
        ("rel_id", "INTEGER"),
        ("source", "VARCHAR"),
        ("target", "VARCHAR"),
        ("polarity", "VARCHAR"),
        ("directed", "BOOLEAN"),
        ("confidence", "DOUBLE"),
        ("weight", "DOUBLE"),
    ],
    "relation_evidence": [("hash", "VARCHAR"), ("rel_id", "INTEGER"), ("n", "INTEGER"), ("sentence", "VARCHAR")],
    "events": [
        ("hash", "VARCHAR"),
        ("event_id", "INTEGER"),
        ("type", "VARCHAR"),
        ("source", "VARCHAR"),
        ("target", "VARCHAR"),
        ("date", "VARCHAR"),
        ("place", "VARCHAR"),
        ("confidence", "DOUBLE"),
        ("evidence", "VARCHAR"),
        ("trigger", "VARCHAR"),
        ("mode", "VARCHAR"),
    ],
    "quotes": [
        ("hash", "VARCHAR"),
        ("quote_id", "INTEGER"),
        ("speaker", "VARCHAR"),
        ("via", "VARCHAR"),
        ("text", "VARCHAR"),
        ("direct", "BOOLEAN"),
        ("evidence", "VARCHAR"),
    ],
    "goals": [
        ("hash", "VARCHAR"),
        ("goal_id", "INTEGER"),
        ("actor", "VARCHAR"),
        ("text", "VARCHAR"),
        ("stated", "BOOLEAN"),
        ("evidence", "VARCHAR"),
    ],
    "places": [
        ("hash", "VARCHAR"),
        ("name", "VARCHAR"),
        ("country", "VARCHAR"),
        ("lat", "DOUBLE"),
        ("lon", "DOUBLE"),
        ("kind", "VARCHAR"),
        ("mentions", "INTEGER"),
        ("geonameid", "BIGINT"),
        ("aliases", "VARCHAR[]"),
    ],
    # opinion and reported sentences: kind is 'opinion' or 'reported'
    "stance": [("hash", "VARCHAR"), ("kind", "VARCHAR"), ("n", "INTEGER"), ("sentence", "VARCHAR")],
    "corrections": [("hash", "VARCHAR"), ("original", "VARCHAR"), ("corrected", "VARCHAR"), ("count", "INTEGER")],
    "blocs": [
        ("hash", "VARCHAR"),
        ("bloc_id", "INTEGER"),
        ("member", "VARCHAR"),
        ("internal_ties", "INTEGER"),
        ("cross_ties", "INTEGER"),
        ("frustration", "INTEGER"),
    ],
}

_ARROW = {
    "VARCHAR": pa.string(),
    "JSON": pa.string(),
    "BIGINT": pa.int64(),
    "INTEGER": pa.int32(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
    "VARCHAR[]": pa.list_(pa.string()),
}


def columns(table: str) -> list[str]:
    return [name for name, _ in TABLES[table]]


def arrow_schema(table: str) -> pa.Schema:
    """The Arrow layout of a table, for fast batch inserts."""
    return pa.schema([(name, _ARROW[kind.split()[0]]) for name, kind in TABLES[table]])


# Corpora written before analysis versions were recorded: their hash was the story key, their
# version is unknown (so `corpus ingest --reanalyze` redoes them). Columns added at the end, as in TABLES.
MIGRATIONS = [
    "ALTER TABLE documents ADD COLUMN IF NOT EXISTS story_key VARCHAR",
    "ALTER TABLE documents ADD COLUMN IF NOT EXISTS analysis_version VARCHAR",
    "UPDATE documents SET story_key = hash, analysis_version = coalesce(analysis_version, 'unknown') "
    "WHERE story_key IS NULL",
]


def ddl() -> list[str]:
    statements = [
        f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(f'{n} {k}' for n, k in cols)})"
        for table, cols in TABLES.items()
    ]
    statements.append("CREATE TABLE IF NOT EXISTS blocs_meta (name VARCHAR PRIMARY KEY, value VARCHAR)")
    return statements


def connect(path: Union[str, Path], read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (and for writing, create) a corpus database; a clear BlocsError if it cannot be."""
    path = Path(path)
    if read_only and not path.exists():
        raise BlocsError("missing", str(path))
    if path.is_dir():
        raise BlocsError("directory", str(path))
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except (duckdb.Error, OSError) as err:
        if "not a valid DuckDB database" in str(err):
            raise BlocsError("not-duckdb", str(path)) from None
        raise BlocsError("db", str(path), detail=_first_line(err)) from None
    if read_only:
        _check(con, path)
        return con
    try:
        for statement in ddl() + MIGRATIONS:
            con.execute(statement)
        con.execute("INSERT OR IGNORE INTO blocs_meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
    except duckdb.Error as err:
        con.close()
        raise BlocsError("db", str(path), detail=_first_line(err)) from None
    _check(con, path)
    return con


def _check(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Refuse a DuckDB file that is not a blocs corpus, or of another schema version."""
    try:
        row = con.execute("SELECT value FROM blocs_meta WHERE name = 'schema_version'").fetchone()
    except duckdb.Error:
        row = None
    if row is None or row[0] != str(SCHEMA_VERSION):
        con.close()
        raise BlocsError("format", str(path), detail=f"blocs corpus (schema {SCHEMA_VERSION})")


def _first_line(err: Exception) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
