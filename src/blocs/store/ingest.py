"""Ingest stories into the corpus database, exactly once, resumable.

Each story gets a content hash before it is analysed; stories whose hash is
already stored (or seen earlier in the run) are skipped. Analyses are written
a batch at a time, each batch in one transaction, so a run killed at any
point leaves only whole batches behind and a new run picks up the rest.
The analysis itself runs in this process, in a pool of local worker
processes (spaCy loaded once per worker), or on a Dask cluster; only this
process writes to DuckDB.
"""

from __future__ import annotations

import hashlib
import threading
from collections import deque
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Union

import duckdb
import pyarrow as pa

from ..context import RawDocument
from ..errors import BlocsError
from ..records import Analysis
from . import schema

DATA_DIR = "data"  # the KB, lexicon and pattern files sit in `data` folders next to the code


@lru_cache(maxsize=1)
def rules_digest() -> str:
    """sha256 of every data file under blocs/**/data (path and bytes, in path order): a change to the
    knowledge base, a lexicon or a pattern file changes what an analysis says."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and DATA_DIR in p.relative_to(root).parts[:-1]):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\x00")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def analysis_version(correct: bool = True) -> str:
    """What produced an analysis: the blocs version, the rule data, and the options that change output."""
    from .. import __version__

    return f"{__version__}+{rules_digest()[:12]}" + ("" if correct else ";no-correct")


def story_key(raw: RawDocument) -> str:
    """sha256 of the story id (if the input gave one) and the raw text: the same story, by any version."""
    sid = str(raw.meta.get("id") or "")
    return hashlib.sha256(f"{sid}\x00{raw.text}".encode("utf-8")).hexdigest()


def content_hash(raw: RawDocument, version: Optional[str] = None) -> str:
    """The duplicate test: the story (id and raw text) as analysed by one analysis version."""
    version = analysis_version() if version is None else version
    sid = str(raw.meta.get("id") or "")
    return hashlib.sha256(f"{version}\x00{sid}\x00{raw.text}".encode("utf-8")).hexdigest()


# -- analysis, wherever it runs ------------------------------------------------


def analyze_payload(
    payload: list[dict], correct: bool = True, story_timeout: Optional[float] = None
) -> list[tuple[str, Union[dict, str]]]:
    """Analyse a batch of stories given as plain dicts; runs in a worker process or on a Dask worker.

    Returns (hash, blocs/1 JSON dict) or (hash, one-line error) per story, in order.
    The time budget holds where the analysis runs on a process's main thread
    (here, pool workers); Dask runs tasks on threads, where it cannot interrupt.
    """
    from ..pipeline import analyze_many

    raws = [RawDocument(**item["raw"]) for item in payload]
    out = []
    with _ANALYSIS_LOCK:  # the stages keep per-doc caches for the last doc: one analysis at a time
        for item, result in zip(payload, analyze_many(raws, correct=correct, budget=budget_of(story_timeout))):
            out.append(
                (item["hash"], str(result) if isinstance(result, BlocsError) else result.model_dump(mode="json"))
            )
    return out


# a Dask worker runs tasks on several threads of one process, while the stages' look-ups remember the
# last doc they answered for in module state: batches of one process are analysed one after another
_ANALYSIS_LOCK = threading.Lock()


def load_worker() -> None:
    """Process-pool initializer: load spaCy once per worker, before the first batch."""
    from .. import nlp

    nlp.load()


class _Done:
    """A finished 'future' for work done in this process."""

    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


def budget_of(story_timeout: Optional[float]):
    """The per-story time budget for `--story-timeout` (seconds per 1,000 words; None: the default)."""
    from ..pipeline import budget_of as pipeline_budget

    return pipeline_budget(story_timeout)


class LocalRunner:
    """Analyse in this process (one worker)."""

    slots = 1

    def __init__(self, correct: bool = True, story_timeout: Optional[float] = None):
        self.correct, self.story_timeout = correct, story_timeout

    def submit(self, payload: list[dict], raws: list[RawDocument]):
        from ..pipeline import analyze_many

        hashes = [item["hash"] for item in payload]
        results = analyze_many(raws, correct=self.correct, budget=budget_of(self.story_timeout))
        return _Done(list(zip(hashes, results)))

    def close(self) -> None:
        pass


class PoolRunner:
    """Analyse in N local worker processes (spawned, so no DuckDB or thread state is forked)."""

    def __init__(self, workers: int, correct: bool = True, story_timeout: Optional[float] = None):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.correct, self.story_timeout = correct, story_timeout
        self.slots = workers * 2
        self.pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=load_worker
        )

    def submit(self, payload: list[dict], raws: list[RawDocument]):
        return self.pool.submit(analyze_payload, payload, self.correct, self.story_timeout)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


# -- rows ----------------------------------------------------------------------


def published_date(value: Optional[str]) -> Optional[date]:
    """The date a story counts under for time windows: YYYY-MM-DD, or the first day of YYYY-MM / YYYY."""
    if not value:
        return None
    text = str(value)[:10]
    for fmt, size in (("%Y-%m-%d", 10), ("%Y-%m", 7), ("%Y", 4)):
        try:
            return datetime.strptime(text[:size], fmt).date()
        except ValueError:
            continue
    return None


def rows_of(
    digest: str, seq: int, a: Analysis, now: datetime, key: Optional[str] = None, version: Optional[str] = None
) -> dict[str, list[tuple]]:
    """One analysis as rows of every table, in `schema.TABLES` column order."""
    d = a.document
    rows: dict[str, list[tuple]] = {
        "documents": [
            (
                digest,
                seq,
                d.id,
                d.source,
                d.title,
                d.author,
                d.published,
                published_date(d.published),
                d.language,
                d.site,
                len(a.text.split()),
                a.text,
                a.model_dump_json(),
                now,
                key or digest,
                version,
            )
        ],
        "actors": [(digest, x.key, x.name, x.type, x.country, x.aliases, x.mentions, x.confidence) for x in a.actors],
        "leader_of": [(digest, person, state) for person, state in a.leader_of.items()],
        "relations": [
            (digest, i, r.source, r.target, r.polarity, r.directed, r.confidence, r.weight)
            for i, r in enumerate(a.relations)
        ],
        "relation_evidence": [(digest, i, n, s) for i, r in enumerate(a.relations) for n, s in enumerate(r.evidence)],
        "events": [
            (digest, i, e.type, e.source, e.target, e.date, e.place, e.confidence, e.evidence, e.trigger, e.mode)
            for i, e in enumerate(a.events)
        ],
        "quotes": [(digest, i, q.speaker, q.via, q.text, q.direct, q.evidence) for i, q in enumerate(a.quotes)],
        "goals": [(digest, i, g.actor, g.text, g.stated, g.evidence) for i, g in enumerate(a.goals)],
        "places": [
            (digest, p.name, p.country, p.lat, p.lon, p.kind, p.mentions, p.geonameid, p.aliases) for p in a.places
        ],
        "stance": [(digest, "opinion", n, s) for n, s in enumerate(a.opinion)]
        + [(digest, "reported", n, s) for n, s in enumerate(a.reported)],
        "corrections": [(digest, c.original, c.corrected, c.count) for c in a.corrections],
        "blocs": [(digest, b.id, m, b.internal_ties, b.cross_ties, b.frustration) for b in a.blocs for m in b.members],
    }
    return rows


def write_batch(
    con: duckdb.DuckDBPyConnection, analyses: list[tuple], version: Optional[str] = None, replace: Iterable[str] = ()
) -> int:
    """Store a batch of analyses in one transaction; returns how many were stored.

    `analyses` holds (hash, Analysis) or (hash, Analysis, story key); `version` is the
    analysis version they were made by; the stories stored under the hashes in
    `replace` (older analyses of the same stories) are deleted in the same transaction.
    """
    replace = list(replace)
    if not analyses and not replace:
        return 0
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    row = con.execute("SELECT coalesce(max(seq), 0) FROM documents").fetchone()
    start = row[0] if row else 0
    tables: dict[str, list[tuple]] = {t: [] for t in schema.TABLES}
    for n, item in enumerate(analyses, 1):
        digest, analysis, key = item if len(item) == 3 else (*item, None)
        for table, rows in rows_of(digest, start + n, analysis, now, key, version).items():
            tables[table].extend(rows)
    con.begin()
    try:
        if replace:
            for table in schema.TABLES:
                con.execute(f"DELETE FROM {table} WHERE hash IN (SELECT unnest(?))", [replace])
        for table, rows in tables.items():
            if rows:
                _insert(con, table, rows)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return len(analyses)


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple]) -> None:
    arrow_schema = schema.arrow_schema(table)
    data = pa.Table.from_arrays(
        [pa.array(col, type=f.type) for col, f in zip(zip(*rows), arrow_schema)], schema=arrow_schema
    )
    con.register("_batch", data)
    try:
        con.execute(f"INSERT INTO {table} SELECT * FROM _batch")
    finally:
        con.unregister("_batch")


def stored_hashes(con: duckdb.DuckDBPyConnection, hashes: list[str]) -> set[str]:
    if not hashes:
        return set()
    rows = con.execute("SELECT hash FROM documents WHERE hash IN (SELECT unnest(?))", [hashes]).fetchall()
    return {r[0] for r in rows}


def stored_versions(con: duckdb.DuckDBPyConnection, keys: list[str]) -> dict[str, list[str]]:
    """story key -> the hashes it is stored under (one per analysis version)."""
    if not keys:
        return {}
    found: dict[str, list[str]] = {}
    for key, digest in con.execute(
        "SELECT story_key, hash FROM documents WHERE story_key IN (SELECT unnest(?))", [keys]
    ).fetchall():
        found.setdefault(key, []).append(digest)
    return found


# -- the run -------------------------------------------------------------------


@dataclass
class Stats:
    stored: int = 0
    skipped: int = 0  # already in the database, or a duplicate earlier in this run
    stale: int = 0  # stored by an older analysis version and left so (no --reanalyze)
    reanalyzed: int = 0  # of `stored`: replaced an older version's analysis
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def done(self) -> int:
        return self.stored + self.skipped + self.stale + self.failed


def count_stories(paths: Iterable[Path]) -> int:
    """A cheap estimate of the number of stories, for the progress bar."""
    from .. import ingest

    return ingest.count_stories(paths)


def read_inputs(
    paths: Iterable[Path], on_warning: Optional[Callable[[str], None]] = None
) -> Iterator[Union[RawDocument, BlocsError]]:
    from .. import ingest

    return ingest.read_many(paths, on_warning=on_warning)


def _batches(items: Iterator, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def make_runner(
    workers: int = 1, dask: Optional[str] = None, correct: bool = True, story_timeout: Optional[float] = None
):
    if dask:
        from .cluster import DaskRunner

        return DaskRunner(dask, correct=correct, story_timeout=story_timeout)
    if workers > 1:
        return PoolRunner(workers, correct=correct, story_timeout=story_timeout)
    return LocalRunner(correct=correct, story_timeout=story_timeout)


def run(
    con: duckdb.DuckDBPyConnection,
    items: Iterable[Union[RawDocument, BlocsError]],
    runner,
    batch: int = 64,
    on_error: Optional[Callable[[str], None]] = None,
    on_batch: Optional[Callable[[Stats], None]] = None,
    reanalyze: bool = False,
) -> Stats:
    """Analyse and store `items`; each batch is committed as it comes back, in input order.

    A story already stored by this analysis version is skipped. One stored by
    another version is left as it is and counted as `stale`, unless `reanalyze`:
    then it is analysed again and its old rows replaced in the same transaction.
    """
    stats = Stats()
    version = analysis_version(getattr(runner, "correct", True))
    in_flight: set[str] = set()  # hashes submitted but not yet written: bounded by the pending batches
    pending: deque = deque()

    def error(message: str) -> None:
        stats.failed += 1
        stats.errors.append(message)
        if on_error:
            on_error(message)

    def collect() -> None:
        future, sources = pending.popleft()
        good, replace = [], []
        for (digest, result), (key, older) in zip(future.result(), sources):
            in_flight.discard(digest)
            if isinstance(result, (BlocsError, str)):
                error(str(result))
            else:
                good.append((digest, result if isinstance(result, Analysis) else Analysis.model_validate(result), key))
                replace += older
        stats.stored += write_batch(con, good, version, replace)
        stats.reanalyzed += sum(1 for _, older in sources if older)
        if on_batch:
            on_batch(stats)

    for chunk in _batches(iter(items), batch):
        fresh = _fresh(con, chunk, version, in_flight, stats, error, reanalyze)
        if not fresh:
            if on_batch:
                on_batch(stats)
            continue
        payload = [{"hash": h, "raw": asdict(r)} for h, _, r, _ in fresh]
        pending.append((runner.submit(payload, [r for _, _, r, _ in fresh]), [(k, o) for _, k, _, o in fresh]))
        while len(pending) >= runner.slots:
            collect()
    while pending:
        collect()
    return stats


def _fresh(con, chunk: list, version: str, in_flight: set[str], stats: Stats, error, reanalyze: bool) -> list[tuple]:
    """The stories of a chunk to analyse: (hash, story key, raw, older hashes to replace)."""
    todo = []
    for item in chunk:
        if isinstance(item, BlocsError):
            error(str(item))
        else:
            todo.append((content_hash(item, version), story_key(item), item))
    stored = stored_versions(con, [k for _, k, _ in todo])
    fresh = []
    for digest, key, raw in todo:
        if digest in in_flight or digest in stored.get(key, ()):
            stats.skipped += 1
            continue
        older = [h for h in stored.get(key, ()) if h != digest]
        if older and not reanalyze:
            stats.stale += 1
            continue
        in_flight.add(digest)
        fresh.append((digest, key, raw, older))
    return fresh
