"""Peak memory of `blocs corpus export` over a large corpus: it must not grow with the corpus.

    python benchmarks/export_rss.py [--stories 100000] [--formats jsonl,plover-csv,...] [--json out.json]

Builds a corpus database of `--stories` stored analyses: a few dozen real analyses of
benchmark articles, their rows then copied in SQL under new hashes, story ids and
sequence numbers (every table, so joins stay whole). Then runs each export as the
real command in a fresh process; peak RSS is the child's ru_maxrss (os.wait4), taken
from a parent that stays small (Linux keeps a parent's peak across fork and exec).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
FORMATS = ["jsonl", "plover-csv", "parquet", "geojson", "graphml", "gexf"]


def build(db: Path, stories: int, seeds: int = 40) -> None:
    from bench import make_batch, raw_documents
    from blocs.errors import BlocsError
    from blocs.pipeline import analyze_many
    from blocs.store import ingest, schema
    raws = raw_documents(make_batch(seeds, seed=5))
    good = [(ingest.content_hash(r), a, ingest.story_key(r)) for r, a in zip(raws, analyze_many(raws))
            if not isinstance(a, BlocsError)]
    con = schema.connect(db)
    ingest.write_batch(con, good, ingest.analysis_version())
    copies = -(-stories // len(good))
    for table, cols in schema.TABLES.items():
        select = []
        for name, _ in cols:
            if name in ("hash", "story_key", "story_id"):
                select.append(f"{name} || '-' || r.i")
            elif name == "seq":
                select.append(f"seq + r.i * {len(good)}")
            else:
                select.append(name)
        con.execute(f"INSERT INTO {table} SELECT {', '.join(select)} FROM {table} CROSS JOIN range(1, {copies}) r(i)")
    con.execute(f"DELETE FROM documents WHERE seq > {stories}")  # exactly `stories` (orphans left are harmless)
    con.execute("CHECKPOINT")
    con.close()


def measure(blocs: str, db: Path, fmt: str, out: Path) -> dict:
    t0 = time.perf_counter()
    proc = subprocess.Popen([blocs, "corpus", "export", "--db", str(db), "-f", fmt, "-o", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    size = sum(p.stat().st_size for p in out.rglob("*")) if out.is_dir() else (out.stat().st_size if out.exists() else 0)
    return {"format": fmt, "exit": os.waitstatus_to_exitcode(status), "seconds": round(time.perf_counter() - t0, 1),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1), "output_mb": round(size / 2**20, 1),
            "stderr": proc.stderr.read().decode("utf-8", "replace").strip()[-200:]}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stories", type=int, default=100_000)
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--blocs", default=str(Path(sys.executable).with_name("blocs")))
    ap.add_argument("--keep", type=Path, help="build (or reuse) the database in this directory")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--build-only", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.build_only:  # in its own process, so the exports' peak RSS is theirs alone
        build(args.build_only, args.stories)
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        tmp = args.keep or Path(scratch)
        tmp.mkdir(parents=True, exist_ok=True)
        db = tmp / f"corpus-{args.stories}.duckdb"
        if not db.exists():
            t0 = time.perf_counter()
            subprocess.run([sys.executable, __file__, "--stories", str(args.stories), "--build-only", str(db)], check=True)
            print(json.dumps({"built": str(db), "seconds": round(time.perf_counter() - t0, 1),
                              "db_mb": round(db.stat().st_size / 2**20, 1)}), flush=True)
        rows = []
        for fmt in args.formats.split(","):
            out = tmp / f"export.{fmt}" if fmt != "parquet" else tmp / "export-parquet"
            rows.append(measure(args.blocs, db, fmt, out))
            print(json.dumps(rows[-1]), flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
