"""Ingest through a Dask cluster: a LocalCluster of 2 worker processes stands in for real machines."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from blocs.cli import app
from blocs.errors import BlocsError
from blocs.store import ingest, schema
from tests.test_store import make_stories, write_jsonl

distributed = pytest.importorskip("distributed")
runner = CliRunner()


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as local:
        yield local


def test_dask_ingest_stores_what_a_local_run_stores(cluster, tmp_path, nlp):
    stories = make_stories(24, seed=9)
    src = write_jsonl(tmp_path / "wire.jsonl", stories)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": 5}\n', encoding="utf-8")
    db = tmp_path / "dask.duckdb"
    res = runner.invoke(
        app,
        [
            "corpus",
            "ingest",
            str(src),
            str(bad),
            "--db",
            str(db),
            "--batch",
            "5",
            "--dask",
            cluster.scheduler_address,
            "--no-correct",
        ],
    )
    assert res.exit_code == 1 and "line 1: story has no 'text'" in res.stderr
    again = runner.invoke(
        app, ["corpus", "ingest", str(src), "--db", str(db), "--dask", cluster.scheduler_address, "--no-correct"]
    )
    assert again.exit_code == 0 and "0 stored, 24 already stored" in again.stderr

    local_db = tmp_path / "local.duckdb"
    con = schema.connect(local_db)
    try:
        ingest.run(con, ingest.read_inputs([src]), ingest.LocalRunner(correct=False), batch=5)
        local = dict(con.execute("SELECT story_id, analysis FROM documents").fetchall())
    finally:
        con.close()
    con = schema.connect(db, read_only=True)
    try:
        remote = dict(con.execute("SELECT story_id, analysis FROM documents").fetchall())
        seqs = [r[0] for r in con.execute("SELECT story_id FROM documents ORDER BY seq").fetchall()]
    finally:
        con.close()
    assert {k: json.loads(v) for k, v in remote.items()} == {k: json.loads(v) for k, v in local.items()}
    assert seqs == [s["id"] for s in stories]  # batches are stored in input order


def test_unreachable_scheduler_is_one_line_error(tmp_path):
    with pytest.raises(BlocsError, match="cannot use the Dask cluster"):
        from blocs.store.cluster import DaskRunner

        DaskRunner("tcp://127.0.0.1:9", timeout="1s")


def test_threads_of_one_worker_analyse_one_batch_at_a_time(monkeypatch):
    """A Dask worker runs tasks on threads, and the stages remember the last doc in module state:
    two batches on two threads of one process must not be analysed at the same time."""
    import threading
    import time

    from blocs import pipeline

    running, most = [0], [0]

    def slow_analyze_many(raws, **kw):
        running[0] += 1
        most[0] = max(most[0], running[0])
        time.sleep(0.2)
        running[0] -= 1
        return iter(())

    monkeypatch.setattr(pipeline, "analyze_many", slow_analyze_many)
    threads = [threading.Thread(target=ingest.analyze_payload, args=([],)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert most[0] == 1
