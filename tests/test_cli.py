"""The command line: batches, bad input, versions, help, and `blocs eval`."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from blocs import __version__
from blocs.cli import app
from tests.conftest import ROOT

runner = CliRunner()
BLOCS = [sys.executable, "-m", "blocs.cli"]
STORY = ("Ethiopian forces launched an offensive against Tigrayan fighters near Mekelle on Monday, "
         "the army said. Eritrea backed the Ethiopian government.")


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_version_and_help():
    assert run("--version").output.strip() == f"blocs {__version__}"
    for cmd in ([], ["analyze"], ["eval"], ["kb"], ["corpus"]):
        res = run(*cmd, "--help")
        assert res.exit_code == 0, cmd
        assert "Usage" in res.output


def test_jsonl_batch_keeps_order_and_ids(tmp_path):
    src = tmp_path / "stories.jsonl"
    rows = [{"id": "b", "text": STORY, "published": "2021-11-08"},
            {"id": 7, "text": "Talks between Armenia and Azerbaijan resumed in Brussels.", "published": None},
            {"id": "a", "text": "Sudan's army and the Rapid Support Forces agreed to a truce.", "published": "2023-05-20"}]
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = run("analyze", src, "-o", out)
    assert res.exit_code == 0, res.output
    got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [g["document"]["id"] for g in got] == ["b", "7", "a"]
    assert got[0]["document"]["published"] == "2021-11-08"
    assert all(g["format"] == "blocs/1" for g in got)


def test_bad_jsonl_lines_fail_alone(tmp_path):
    src = tmp_path / "mixed.jsonl"
    src.write_text(json.dumps({"id": "ok1", "text": STORY}) + "\n{not json\n"
                   + json.dumps({"id": "notext"}) + "\n" + json.dumps({"id": "ok2", "text": STORY}) + "\n",
                   encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = run("analyze", src, "-o", out)
    assert res.exit_code == 1
    assert [json.loads(x)["document"]["id"] for x in out.read_text().splitlines()] == ["ok1", "ok2"]
    assert "line 2: not valid JSON" in res.output and "line 3: story has no 'text'" in res.output


@pytest.mark.parametrize("name,content,reason", [
    ("missing.txt", None, "no such file"),
    ("empty.txt", b"", "is empty"),
    ("blob.txt", bytes(range(256)) * 8, "binary"),
    ("page.docx", b"hello", "unknown input type"),
    ("broken.pdf", b"%PDF-1.4 not really a pdf", "cannot read PDF"),
])
def test_bad_input_one_line_error(tmp_path, name, content, reason):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = subprocess.run([*BLOCS, "analyze", str(path), str(good), "-o", str(out)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("blocs:")]
    assert len(errors) == 1 and reason in errors[0] and name in errors[0]
    assert len(out.read_text().splitlines()) == 1  # the good article is still analysed


def test_directory_and_bad_date(tmp_path):
    res = run("analyze", tmp_path)
    assert res.exit_code == 1 and "is a directory" in res.output
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    res = run("analyze", good, "--published", "last tuesday")
    assert res.exit_code == 2 and "cannot read date" in res.output


def test_published_option_overrides(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("December 5, 2016\n\n" + STORY, encoding="utf-8")
    out = tmp_path / "a.json"
    assert run("analyze", good, "-o", out, "--published", "2021-11-08").exit_code == 0
    doc = json.loads(out.read_text())["document"]
    assert doc["published"] == "2021-11-08" and doc["metadata_sources"]["published"] == "option"


def test_eval_agrees_with_reference_scorer(shared, tmp_path):
    gold = next((shared / "gold").glob("*.gold.json"))
    raw = gold.with_name(gold.name.replace(".gold.json", ".txt"))
    out = tmp_path / "a.json"
    assert run("analyze", raw, "-o", out).exit_code == 0
    ours = run("eval", gold, out, "--raw", raw, "--json")
    assert ours.exit_code == 0, ours.output
    ref = subprocess.run([sys.executable, str(shared / "tools" / "blocs_score.py"), str(gold), str(out),
                          "--raw", str(raw), "--json"], capture_output=True, text=True, check=True)
    assert json.loads(ours.output) == json.loads(ref.stdout)
    table = run("eval", gold, out, "--raw", raw).output
    assert table.splitlines()[-1] == subprocess.run(
        [sys.executable, str(shared / "tools" / "blocs_score.py"), str(gold), str(out), "--raw", str(raw)],
        capture_output=True, text=True).stdout.splitlines()[-1]


def test_eval_bad_files(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    res = run("eval", bad, bad)
    assert res.exit_code == 2 and "not a valid JSON file" in res.output


def _stall_on(monkeypatch, word: str):
    from blocs.extract import relations
    real = relations.build

    def build(ctx, evs):
        while word in ctx.text:
            pass
        return real(ctx, evs)
    monkeypatch.setattr(relations, "build", build)


def test_story_timeout_costs_that_story_only(tmp_path, monkeypatch, nlp):
    _stall_on(monkeypatch, "Omdurman")
    src = tmp_path / "stories.jsonl"
    rows = [{"id": "a", "text": STORY}, {"id": "slow", "text": "Sudan's army shelled Omdurman on Monday."},
            {"id": "c", "text": "Talks between Armenia and Azerbaijan resumed in Brussels."}]
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = run("analyze", src, "-o", out, "--story-timeout", "0.2")
    assert res.exit_code == 1
    assert "blocs: slow: timed out after 0.4 s" in res.output
    assert [json.loads(x)["document"]["id"] for x in out.read_text().splitlines()] == ["a", "c"]
    db = tmp_path / "c.duckdb"
    res = run("corpus", "ingest", src, "--db", db, "--story-timeout", "0.2")
    assert res.exit_code == 1 and "blocs: slow: timed out after 0.4 s" in res.output
    assert "2 stored" in res.output
