"""Corpus exports, each read back with the reader researchers would use."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from typer.testing import CliRunner

from blocs.cli import app
from blocs.records import Analysis
from blocs.store import export as export_mod
from tests.test_store import make_analysis, store

runner = CliRunner()

SUDAN = [
    ("sudan-army", "Sudanese Armed Forces <SAF>", "government", "SDN"),
    ("rsf", "Rapid Support Forces", "armed_group", "SDN"),
    ("egypt", "Egypt", "state", "EGY"),
    ("uae", "UAE", "state", "ARE"),
]
EL_FASHER = ("El Fasher", "SDN", 13.6279, 25.3494, "city")
KHARTOUM = ("Khartoum", "SDN", 15.5007, 32.5599, "city")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    shelling = 'The RSF shelled El Fasher on Friday, killing "at least 40" people, medics said.'
    backing = 'Egypt sent arms to the army, a move the RSF called "a declaration of war".'
    talks = "Egypt and the UAE held talks in Khartoum, officials said; both urged a truce."
    docs = [
        make_analysis(
            "sd-1",
            "2024-05-10",
            f"{shelling}\n\n{backing}",
            SUDAN[:3],
            relations=[
                ("rsf", "sudan-army", "hostile", 0.9, shelling),
                ("egypt", "sudan-army", "ally", 0.8, backing),
                ("rsf", "egypt", "hostile", 0.6, backing),
            ],
            events=[
                ("ASSAULT", "rsf", None, "2024-05-10", "El Fasher", shelling),
                ("AID", "egypt", "sudan-army", None, None, backing),
            ],
            places=[EL_FASHER],
        ),
        make_analysis(
            "sd-2",
            "2024-06-14",
            talks,
            [SUDAN[2], SUDAN[3]],
            relations=[("egypt", "uae", "ally", 0.7, talks)],
            events=[("CONSULT", "egypt", "uae", "2024-06-13", "Khartoum", talks)],
            places=[KHARTOUM],
        ),
    ]
    db = tmp_path_factory.mktemp("export") / "sudan.duckdb"
    store(db, docs)
    return db


def export(corpus: Path, fmt: str, out: Path, *extra: str) -> Path:
    res = runner.invoke(app, ["corpus", "export", "--db", str(corpus), "--format", fmt, "-o", str(out), *extra])
    assert res.exit_code == 0, res.stderr
    return out


def test_jsonl_reads_back_with_pandas_and_as_analyses(corpus, tmp_path):
    out = export(corpus, "jsonl", tmp_path / "corpus.jsonl")
    frame = pd.read_json(out, lines=True)
    assert len(frame) == 2 and list(frame["format"]) == ["blocs/1", "blocs/1"]
    analyses = [Analysis.model_validate_json(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [a.document.id for a in analyses] == ["sd-1", "sd-2"]
    assert '"at least 40"' in analyses[0].text


def test_plover_csv_one_event_a_row(corpus, tmp_path):
    out = export(corpus, "plover-csv", tmp_path / "events.csv")
    frame = pd.read_csv(out)
    assert list(frame.columns) == export_mod.PLOVER_COLUMNS
    assert len(frame) == 3
    first = frame.iloc[0]
    assert (first["event_id"], first["event_type"], first["source_actor"]) == ("sd-1-0", "ASSAULT", "rsf")
    assert first["source_country"] == "SDN" and first["place"] == "El Fasher"
    assert first["lat"] == pytest.approx(13.6279) and first["lon"] == pytest.approx(25.3494)
    assert first["evidence"].endswith('killing "at least 40" people, medics said.')
    aid = frame[frame["event_type"] == "AID"].iloc[0]
    assert aid["date"] == "2024-05-10"  # no event date: the story's
    assert pd.isna(aid["lat"]) and aid["target_name"] == "Sudanese Armed Forces <SAF>"


def test_parquet_one_file_per_table(corpus, tmp_path):
    out = export(corpus, "parquet", tmp_path / "parquet")
    documents = pd.read_parquet(out / "documents.parquet")
    events = pd.read_parquet(out / "events.parquet")
    actors = pd.read_parquet(out / "actors.parquet")
    assert sorted(documents["story_id"]) == ["sd-1", "sd-2"]
    assert len(events) == 3 and set(events["hash"]) <= set(documents["hash"])
    assert list(actors[actors["key"] == "uae"]["aliases"].iloc[0]) == ["UAE"]


def test_graphml_and_gexf_read_back_with_networkx(corpus, tmp_path):
    g = nx.read_graphml(export(corpus, "graphml", tmp_path / "net.graphml"))
    assert set(g.nodes) == {"sudan-army", "rsf", "egypt", "uae"}
    assert g.nodes["sudan-army"]["label"] == "Sudanese Armed Forces <SAF>"
    assert g.edges["rsf", "sudan-army"]["sign"] == -1 and g.edges["egypt", "uae"]["polarity"] == "ally"
    assert g.nodes["egypt"]["bloc"] == g.nodes["sudan-army"]["bloc"] != g.nodes["rsf"]["bloc"]
    d = nx.read_gexf(export(corpus, "gexf", tmp_path / "net.gexf", "--window", "month"))
    assert d.graph["mode"] == "dynamic"
    assert d.edges["egypt", "uae"]["net_by_window"] == [(pytest.approx(0.7), "2024-06-01", "2024-06-30")]
    assert d.nodes["rsf"]["label"] == "Rapid Support Forces" and d.nodes["rsf"]["type"] == "armed_group"


def test_geojson_places_and_events_lon_lat(corpus, tmp_path):
    out = export(corpus, "geojson", tmp_path / "map.geojson")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    for feature in data["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    places = {f["properties"]["name"]: f for f in data["features"] if f["properties"]["feature"] == "place"}
    assert places["El Fasher"]["geometry"]["coordinates"] == [25.3494, 13.6279]  # [lon, lat]
    events = [f["properties"] for f in data["features"] if f["properties"]["feature"] == "event"]
    assert sorted(e["event_type"] for e in events) == ["ASSAULT", "CONSULT"]  # the AID event has no place


def test_bad_export_requests_fail_in_one_line(corpus, tmp_path):
    res = runner.invoke(app, ["corpus", "export", "--db", str(corpus), "--format", "xlsx", "-o", str(tmp_path / "x")])
    assert res.exit_code == 2 and "xlsx" in res.stderr
    res = runner.invoke(app, ["corpus", "export", "--db", str(corpus), "--format", "jsonl", "-o", str(tmp_path)])
    assert res.exit_code == 2 and "is a directory" in res.stderr and "Traceback" not in res.stderr
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    res = runner.invoke(
        app, ["corpus", "export", "--db", str(corpus), "--format", "parquet", "-o", str(tmp_path / "taken")]
    )
    assert res.exit_code == 2 and res.stderr.count("\n") == 1


def test_exports_replace_an_earlier_file_whole_and_check_the_path_first(corpus, tmp_path):
    out = tmp_path / "corpus.jsonl"
    out.write_text("an earlier export\n", encoding="utf-8")
    export(corpus, "jsonl", out)
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2
    assert not (tmp_path / "corpus.jsonl.partial").exists()
    for fmt in ("jsonl", "geojson", "parquet"):
        res = runner.invoke(app, ["corpus", "export", "--db", str(corpus), "-f", fmt, "-o", str(tmp_path / "no" / "x")])
        assert res.exit_code == 2 and "does not exist" in res.stderr and res.stderr.count("\n") == 1


def test_streamed_exports_match_the_stored_rows(corpus, tmp_path):
    import duckdb

    con = duckdb.connect(str(corpus), read_only=True)
    stored = [json.loads(a) for (a,) in con.execute("SELECT analysis FROM documents ORDER BY seq").fetchall()]
    events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    con.close()
    lines = export(corpus, "jsonl", tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x) for x in lines] == stored
    assert len(pd.read_csv(export(corpus, "plover-csv", tmp_path / "e.csv"))) == events
