"""The corpus store: exactly-once ingest (also across kill -9), duplicates, bad input, workers,
and the network over time (windows, blocs, shifts) from stored analyses."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from blocs.cli import app
from blocs.context import RawDocument
from blocs.errors import BlocsError
from blocs.records import Actor, Analysis, Document, Event, Place, Relation
from blocs.store import aggregate, ingest, schema

runner = CliRunner()

# Short wire-style stories; every combination gives a different story.
ACTORS = [
    "Russia",
    "Ukraine",
    "China",
    "the Philippines",
    "Ethiopia",
    "Eritrea",
    "Sudan",
    "Egypt",
    "Armenia",
    "Azerbaijan",
    "Turkey",
    "Iran",
    "Saudi Arabia",
    "the United States",
    "France",
    "Mali",
    "Niger",
    "Rwanda",
]
ACTS = [
    "signed a defence agreement with",
    "launched drone strikes against",
    "sent humanitarian aid to",
    "imposed sanctions on",
    "accused",
    "held talks with",
    "expelled diplomats from",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def make_stories(n: int, seed: int = 3) -> list[dict]:
    rng = random.Random(seed)
    stories = []
    for i in range(n):
        a, b = rng.sample(ACTORS, 2)
        text = (
            f"{a[0].upper()}{a[1:]} {rng.choice(ACTS)} {b} on {rng.choice(DAYS)}, "
            f"officials said in a statement {i + 1} hours after the meeting."
        )
        stories.append(
            {
                "id": f"wire-{i:04d}",
                "published": f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "text": text,
            }
        )
    return stories


def write_jsonl(path: Path, stories: list[dict]) -> Path:
    path.write_text("".join(json.dumps(s) + "\n" for s in stories), encoding="utf-8")
    return path


def make_analysis(
    story_id: str, published, text: str, actors: list[tuple], relations=(), events=(), places=()
) -> Analysis:
    """A hand-built analysis: actors as (key, name, type, country), relations as
    (source, target, polarity, confidence, evidence), events as (type, source, target, date, place, evidence),
    places as (name, country, lat, lon, kind)."""
    return Analysis(
        document=Document(id=story_id, source=f"{story_id}.txt", published=published),
        text=text,
        actors=[Actor(key=k, name=n, type=t, country=c, aliases=[n], mentions=1) for k, n, t, c in actors],
        relations=[
            Relation(source=s, target=t, polarity=p, directed=False, confidence=c, evidence=[e])
            for s, t, p, c, e in relations
        ],
        events=[
            Event(type=ty, source=s, target=t, date=d, place=pl, confidence=0.8, evidence=e)
            for ty, s, t, d, pl, e in events
        ],
        places=[Place(name=n, country=c, lat=la, lon=lo, kind=k, mentions=1) for n, c, la, lo, k in places],
    )


def store(db: Path, analyses: list[Analysis]) -> None:
    con = schema.connect(db)
    try:
        ingest.write_batch(con, [(f"h-{a.document.id}", a) for a in analyses])
    finally:
        con.close()


def count(db: Path, sql: str):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


# -- ingest --------------------------------------------------------------------


def test_killed_twice_then_resumed_stores_every_story_once(tmp_path):
    stories = make_stories(300)
    src = write_jsonl(tmp_path / "wire.jsonl", stories)
    db = tmp_path / "corpus.duckdb"
    cmd = [
        sys.executable,
        "-m",
        "blocs.cli",
        "corpus",
        "ingest",
        str(src),
        "--db",
        str(db),
        "--batch",
        "20",
        "--no-correct",
    ]  # OCR correction off: its lazy tables would slow each start
    rng = random.Random(11)
    for kill_after in (2, 6):  # committed batches seen before the kill
        proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, start_new_session=True)
        seen = 0
        for line in proc.stderr:
            seen += "/300:" in line
            if seen >= kill_after:
                break
        time.sleep(rng.uniform(0.0, 0.4))  # land anywhere: mid-analysis or mid-commit
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        assert proc.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    partial = count(db, "SELECT count(*) FROM documents")[0][0]
    assert 0 < partial < 300
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"{300 - partial} stored, {partial} already stored" in done.stderr
    rows = count(db, "SELECT count(*), count(DISTINCT hash), count(DISTINCT story_id) FROM documents")
    assert rows == [(300, 300, 300)]
    assert {r[0] for r in count(db, "SELECT story_id FROM documents")} == {s["id"] for s in stories}
    # nothing extracted from a story was written twice either
    assert count(db, "SELECT count(*) FROM (SELECT hash, key FROM actors GROUP BY ALL HAVING count(*) > 1)") == [(0,)]
    assert count(db, "SELECT count(*) FROM (SELECT hash, rel_id FROM relations GROUP BY ALL HAVING count(*) > 1)") == [
        (0,)
    ]
    assert count(db, "SELECT count(*) FROM actors WHERE hash NOT IN (SELECT hash FROM documents)") == [(0,)]


def test_duplicates_are_skipped_by_content_hash(tmp_path, nlp):
    stories = make_stories(12)
    src = write_jsonl(tmp_path / "a.jsonl", stories + stories[:3])  # three repeated in the same file
    db = tmp_path / "c.duckdb"
    con = schema.connect(db)
    try:
        first = ingest.run(con, ingest.read_inputs([src]), ingest.LocalRunner(), batch=5)
        again = ingest.run(con, ingest.read_inputs([src]), ingest.LocalRunner(), batch=5)
        n = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        con.close()
    assert (first.stored, first.skipped, first.failed) == (12, 3, 0)
    assert (again.stored, again.skipped) == (0, 15)
    assert n == 12


def test_same_text_under_another_id_is_another_story():
    a = RawDocument(text="Rwanda denied backing the M23 rebels.", source="x", kind="jsonl", meta={"id": "1"})
    b = RawDocument(text="Rwanda denied backing the M23 rebels.", source="y", kind="jsonl", meta={"id": "2"})
    c = RawDocument(text="Rwanda denied backing the M23 rebels.", source="z", kind="txt")
    assert ingest.content_hash(a) != ingest.content_hash(b)
    assert ingest.content_hash(c) == ingest.content_hash(RawDocument(text=c.text, source="elsewhere", kind="txt"))


def test_bad_inputs_fail_one_line_each_and_the_rest_is_stored(tmp_path, nlp):
    good = write_jsonl(tmp_path / "good.jsonl", make_stories(4))
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"id": "ok-1", "text": "Niger expelled French troops."}\n{"id": "broken", "text": \n{"id": "no-text"}\n',
        encoding="utf-8",
    )
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04 a word file")
    db = tmp_path / "c.duckdb"
    res = runner.invoke(
        app,
        [
            "corpus",
            "ingest",
            str(good),
            str(bad),
            str(tmp_path / "missing.txt"),
            str(tmp_path / "notes.docx"),
            "--db",
            str(db),
        ],
    )
    assert res.exit_code == 1
    errors = [
        line
        for line in res.stderr.splitlines()
        if line.startswith("blocs: ") and not re.match(r"blocs: \d+/\d+: ", line)
    ]
    assert len(errors) == 4
    assert any("line 2: not valid JSON" in e for e in errors)
    assert any("line 3: story has no 'text'" in e for e in errors)
    assert any("missing.txt: no such file" in e for e in errors)
    assert any("unknown input type '.docx'" in e for e in errors)
    assert "Traceback" not in res.output + res.stderr
    assert count(db, "SELECT count(*) FROM documents") == [(5,)]


def test_db_that_is_not_a_corpus_is_refused(tmp_path):
    text = tmp_path / "notes.duckdb"
    text.write_text("not a database", encoding="utf-8")
    with pytest.raises(BlocsError, match="is not a DuckDB database"):
        schema.connect(text)
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).close()
    with pytest.raises(BlocsError, match="not a blocs corpus"):
        schema.connect(other, read_only=True)
    with pytest.raises(BlocsError, match="no such file"):
        schema.connect(tmp_path / "none.duckdb", read_only=True)
    res = runner.invoke(app, ["corpus", "blocs", "--db", str(tmp_path / "none.duckdb")])
    assert res.exit_code == 2 and "no such file" in res.stderr


def test_worker_processes_store_the_same_analyses_as_one_process(tmp_path, nlp):
    src = write_jsonl(tmp_path / "w.jsonl", make_stories(16, seed=5))

    def analyses(db: Path, runner_) -> dict:
        con = schema.connect(db)
        try:
            ingest.run(con, ingest.read_inputs([src]), runner_, batch=4)
            return dict(con.execute("SELECT story_id, analysis FROM documents").fetchall())
        finally:
            runner_.close()
            con.close()

    serial = analyses(tmp_path / "one.duckdb", ingest.LocalRunner(correct=False))
    pooled = analyses(tmp_path / "two.duckdb", ingest.PoolRunner(2, correct=False))
    assert len(serial) == 16
    assert {k: json.loads(v) for k, v in pooled.items()} == {k: json.loads(v) for k, v in serial.items()}


def test_stored_analysis_round_trips_and_fills_tables(tmp_path):
    a = make_analysis(
        "kivu-1",
        "2024-02-10",
        "Rwanda denied backing the M23 rebels near Goma. Kinshasa accused Kigali of aggression.",
        [
            ("rwanda", "Rwanda", "state", "RWA"),
            ("m23", "M23", "armed_group", "COD"),
            ("dr-congo", "DR Congo", "state", "COD"),
        ],
        relations=[("dr-congo", "rwanda", "hostile", 0.9, "Kinshasa accused Kigali of aggression.")],
        events=[("ACCUSE", "dr-congo", "rwanda", "2024-02-10", "Goma", "Kinshasa accused Kigali of aggression.")],
        places=[("Goma", "COD", -1.6792, 29.2228, "city")],
    )
    db = tmp_path / "c.duckdb"
    store(db, [a])
    back = count(db, "SELECT analysis, published_date, words FROM documents")[0]
    assert Analysis.model_validate_json(back[0]) == a
    assert str(back[1]) == "2024-02-10" and back[2] == len(a.text.split())
    assert count(db, "SELECT count(*) FROM actors") == [(3,)]
    assert count(db, "SELECT sentence FROM relation_evidence") == [("Kinshasa accused Kigali of aggression.",)]
    assert count(db, "SELECT type, place FROM events") == [("ACCUSE", "Goma")]


# -- the network over time -----------------------------------------------------

TIGRAY = [
    ("ethiopia", "Ethiopia", "state", "ETH"),
    ("tplf", "TPLF", "armed_group", "ETH"),
    ("eritrea", "Eritrea", "state", "ERI"),
]


@pytest.fixture
def tigray_db(tmp_path) -> Path:
    """Ethiopia and the TPLF at war in 2021, a truce in late 2022; Eritrea with Ethiopia throughout."""
    fight = "Ethiopian troops and Eritrean forces attacked TPLF positions near Mekelle."
    deal = "Ethiopia and the TPLF signed a permanent cessation of hostilities in Pretoria."
    docs = [
        make_analysis(
            "eth-1",
            "2021-06-20",
            fight,
            TIGRAY,
            relations=[
                ("ethiopia", "tplf", "hostile", 0.9, fight),
                ("eritrea", "ethiopia", "ally", 0.8, fight),
                ("eritrea", "tplf", "hostile", 0.7, fight),
            ],
        ),
        make_analysis(
            "eth-2",
            "2021-06-28",
            "The TPLF retook Mekelle from federal forces.",
            [TIGRAY[0], TIGRAY[1]],
            relations=[("tplf", "ethiopia", "hostile", 0.6, "The TPLF retook Mekelle from federal forces.")],
        ),
        make_analysis(
            "eth-3",
            "2022-11-02",
            deal,
            [TIGRAY[0], ("tplf", "Tigray People's Liberation Front", "armed_group", "ETH")],
            relations=[("ethiopia", "tplf", "ally", 0.8, deal)],
        ),
        make_analysis(
            "eth-4",
            "2022-11-20",
            "Eritrea kept troops in Tigray, diplomats said.",
            [TIGRAY[0], TIGRAY[2]],
            relations=[("ethiopia", "eritrea", "ally", 0.5, "Eritrea kept troops in Tigray, diplomats said.")],
        ),
        make_analysis(
            "eth-5",
            None,
            "Eritrea and Ethiopia remain close, an analyst said.",
            [TIGRAY[0], TIGRAY[2]],
            relations=[("eritrea", "ethiopia", "hostile", 0.4, "Eritrea and Ethiopia remain close, an analyst said.")],
        ),
    ]
    db = tmp_path / "tigray.duckdb"
    store(db, docs)
    return db


def test_relation_weights_per_window(tigray_db):
    con = schema.connect(tigray_db, read_only=True)
    try:
        months = {(e.window, e.a, e.b): e for e in aggregate.edges(con, "month")}
        years = {(e.window, e.a, e.b): e for e in aggregate.edges(con, "year")}
        everything = {(e.a, e.b): e for e in aggregate.edges(con, "all")}
        weeks = {e.window for e in aggregate.edges(con, "week")}
    finally:
        con.close()
    june = months[("2021-06", "ethiopia", "tplf")]
    assert (june.hostile, june.ally, june.documents, june.sign) == (pytest.approx(1.5), 0, 2, -1)
    assert months[("2022-11", "ethiopia", "tplf")].sign == 1
    assert years[("2021", "ethiopia", "tplf")].net == pytest.approx(-1.5)
    # the undated story counts only in the whole-corpus window
    assert ("2022", "eritrea", "ethiopia") in years and years[("2022", "eritrea", "ethiopia")].hostile == 0
    assert everything[("eritrea", "ethiopia")].hostile == pytest.approx(0.4)
    assert weeks == {"2021-W24", "2021-W26", "2022-W44", "2022-W46"}
    with pytest.raises(BlocsError, match="unknown time window"):
        aggregate.edges(schema.connect(tigray_db, read_only=True), "decade")


def test_actor_identity_is_joined_by_key_across_articles(tigray_db):
    con = schema.connect(tigray_db, read_only=True)
    try:
        names = aggregate.actor_names(con)
    finally:
        con.close()
    assert names["tplf"]["documents"] == 3 and names["tplf"]["name"] == "TPLF"
    assert names["ethiopia"]["documents"] == 5


def test_shifts_list_pairs_that_changed_sign_with_evidence(tigray_db):
    res = runner.invoke(app, ["corpus", "shifts", "--db", str(tigray_db), "--window", "month", "--json"])
    assert res.exit_code == 0, res.stderr
    shifts = json.loads(res.stdout)
    assert [(s["a"], s["b"]) for s in shifts] == [("ethiopia", "tplf")]
    s = shifts[0]
    assert (s["before"]["window"], s["after"]["window"]) == ("2021-06", "2022-11")
    assert s["before"]["net"] < 0 < s["after"]["net"]
    assert s["after"]["evidence"][0]["sentence"].startswith("Ethiopia and the TPLF signed")
    assert {e["story_id"] for e in s["before"]["evidence"]} == {"eth-1", "eth-2"}
    text = runner.invoke(app, ["corpus", "shifts", "--db", str(tigray_db)]).stdout
    assert "Ethiopia / TPLF: hostile in 2021-06" in text and "ally in 2022-11" in text


def test_blocs_per_window(tigray_db):
    res = runner.invoke(app, ["corpus", "blocs", "--db", str(tigray_db), "--window", "year", "--json"])
    assert res.exit_code == 0, res.stderr
    by_window = {w["window"]: w for w in json.loads(res.stdout)}
    assert set(by_window) == {"2021", "2022"}
    y2021 = [{m["key"] for m in b["members"]} for b in by_window["2021"]["blocs"]]
    together = [b for b in y2021 if "ethiopia" in b]
    assert together and "eritrea" in together[0] and "tplf" not in together[0]
    y2022 = [{m["key"] for m in b["members"]} for b in by_window["2022"]["blocs"]]
    assert any({"ethiopia", "tplf", "eritrea"} <= b for b in y2022)
    assert "without a publication date" in res.stderr


def test_a_lost_worker_stops_the_run_in_one_line_and_keeps_committed_batches(tmp_path, nlp, monkeypatch):
    class Lost:
        def result(self):
            raise OSError("worker tcp://10.0.0.7:40121 lost\nwith details")

    class FlakyRunner(ingest.LocalRunner):
        calls = 0

        def submit(self, payload, raws):
            FlakyRunner.calls += 1
            return super().submit(payload, raws) if FlakyRunner.calls == 1 else Lost()

    monkeypatch.setattr(ingest, "make_runner", lambda *a, **k: FlakyRunner())
    src = write_jsonl(tmp_path / "w.jsonl", make_stories(10))
    db = tmp_path / "c.duckdb"
    res = runner.invoke(app, ["corpus", "ingest", str(src), "--db", str(db), "--batch", "4"])
    assert res.exit_code == 1
    last = res.stderr.strip().splitlines()[-1]
    assert "ingest stopped (OSError: worker tcp://10.0.0.7:40121 lost)" in last and "run again" in last
    assert count(db, "SELECT count(*) FROM documents") == [(4,)]


# -- provenance: which analysis version made each stored analysis ---------------------------


def test_analysis_version_names_blocs_rules_and_options():
    from blocs import __version__

    v = ingest.analysis_version()
    assert v.startswith(f"{__version__}+") and len(ingest.rules_digest()) == 64
    assert ingest.analysis_version(correct=False) == v + ";no-correct"
    raw = RawDocument(text="Egypt held talks with Sudan.", source="a.txt", kind="txt", meta={"id": "s1"})
    assert ingest.content_hash(raw, v) != ingest.content_hash(raw, ingest.analysis_version(correct=False))
    assert ingest.story_key(raw) == ingest.story_key(
        RawDocument(text=raw.text, source="b", kind="txt", meta={"id": "s1"})
    )


def test_reanalyze_redoes_stories_of_an_older_version(tmp_path, nlp, monkeypatch):
    src = write_jsonl(tmp_path / "w.jsonl", make_stories(6, seed=8))
    db = tmp_path / "c.duckdb"
    real = ingest.analysis_version
    monkeypatch.setattr(ingest, "analysis_version", lambda correct=True: "0.0.1+oldrules")
    assert runner.invoke(app, ["corpus", "ingest", str(src), "--db", str(db)]).exit_code == 0
    monkeypatch.setattr(ingest, "analysis_version", real)
    assert count(db, "SELECT DISTINCT analysis_version FROM documents") == [("0.0.1+oldrules",)]

    res = runner.invoke(app, ["corpus", "ingest", str(src), "--db", str(db)])
    assert (
        res.exit_code == 0 and "0 stored" in res.stderr and "6 stories are stored as analysed by another" in res.stderr
    )
    res = runner.invoke(app, ["corpus", "ingest", str(src), "--db", str(db), "--reanalyze"])
    assert res.exit_code == 0 and "6 stored (6 replacing an older version's)" in res.stderr, res.stderr
    assert count(db, "SELECT DISTINCT analysis_version FROM documents") == [(real(),)]
    assert count(db, "SELECT count(*), count(DISTINCT story_key) FROM documents") == [(6, 6)]
    assert count(db, "SELECT count(*) FROM actors WHERE hash NOT IN (SELECT hash FROM documents)") == [(0,)]
    res = runner.invoke(app, ["corpus", "ingest", str(src), "--db", str(db), "--reanalyze"])
    assert "0 stored, 6 already stored" in res.stderr


def test_a_corpus_from_before_versions_is_migrated(tmp_path):
    db = tmp_path / "old.duckdb"
    store(
        db, [make_analysis("old-1", "2023-01-02", "Egypt held talks with Sudan.", [("egypt", "Egypt", "state", "EGY")])]
    )
    con = duckdb.connect(str(db))
    con.execute("ALTER TABLE documents DROP COLUMN analysis_version")
    con.execute("ALTER TABLE documents DROP COLUMN story_key")
    con.close()
    schema.connect(db).close()
    assert count(db, "SELECT hash, story_key, analysis_version FROM documents") == [("h-old-1", "h-old-1", "unknown")]
