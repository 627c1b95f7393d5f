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
STORY = (
    "Ethiopian forces launched an offensive against Tigrayan fighters near Mekelle on Monday, "
    "the army said. Eritrea backed the Ethiopian government."
)


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
    rows = [
        {"id": "b", "text": STORY, "published": "2021-11-08"},
        {"id": 7, "text": "Talks between Armenia and Azerbaijan resumed in Brussels.", "published": None},
        {"id": "a", "text": "Sudan's army and the Rapid Support Forces agreed to a truce.", "published": "2023-05-20"},
    ]
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
    src.write_text(
        json.dumps({"id": "ok1", "text": STORY})
        + "\n{not json\n"
        + json.dumps({"id": "notext"})
        + "\n"
        + json.dumps({"id": "ok2", "text": STORY})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    res = run("analyze", src, "-o", out)
    assert res.exit_code == 1
    assert [json.loads(x)["document"]["id"] for x in out.read_text().splitlines()] == ["ok1", "ok2"]
    assert "line 2: not valid JSON" in res.output and "line 3: story has no 'text'" in res.output


@pytest.mark.parametrize(
    "name,content,reason",
    [
        ("missing.txt", None, "no such file"),
        ("empty.txt", b"", "is empty"),
        ("blob.txt", bytes(range(256)) * 8, "binary"),
        ("page.docx", b"hello", "unknown input type"),
        ("broken.pdf", b"%PDF-1.4 not really a pdf", "cannot read PDF"),
    ],
)
def test_bad_input_one_line_error(tmp_path, name, content, reason):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = subprocess.run(
        [*BLOCS, "analyze", str(path), str(good), "-o", str(out)], capture_output=True, text=True, cwd=ROOT
    )
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
    ref = subprocess.run(
        [sys.executable, str(shared / "tools" / "blocs_score.py"), str(gold), str(out), "--raw", str(raw), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(ours.output) == json.loads(ref.stdout)
    table = run("eval", gold, out, "--raw", raw).output
    assert (
        table.splitlines()[-1]
        == subprocess.run(
            [sys.executable, str(shared / "tools" / "blocs_score.py"), str(gold), str(out), "--raw", str(raw)],
            capture_output=True,
            text=True,
        ).stdout.splitlines()[-1]
    )


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
    rows = [
        {"id": "a", "text": STORY},
        {"id": "slow", "text": "Sudan's army shelled Omdurman on Monday."},
        {"id": "c", "text": "Talks between Armenia and Azerbaijan resumed in Brussels."},
    ]
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = run("analyze", src, "-o", out, "--story-timeout", "0.2")
    assert res.exit_code == 1
    assert "blocs: slow: timed out after 0.8 s" in res.output
    assert [json.loads(x)["document"]["id"] for x in out.read_text().splitlines()] == ["a", "c"]
    db = tmp_path / "c.duckdb"
    res = run("corpus", "ingest", src, "--db", db, "--story-timeout", "0.2")
    assert res.exit_code == 1 and "blocs: slow: timed out after 0.8 s" in res.output
    assert "2 stored" in res.output


# -- streaming output: an earlier output survives a failed or killed run ------------------

SHORT = [
    "Ethiopian forces shelled Tigrayan positions near Mekelle on Monday.",
    "Eritrea backed the Ethiopian government, officials said.",
    "Talks between Armenia and Azerbaijan resumed in Brussels.",
]


def _batch(path: Path, n: int) -> Path:
    path.write_text(
        "".join(json.dumps({"id": f"s{i}", "text": SHORT[i % 3]}) + "\n" for i in range(n)), encoding="utf-8"
    )
    return path


def test_results_are_written_in_order_and_the_partial_file_is_renamed(tmp_path):
    out = tmp_path / "out.jsonl"
    res = run("analyze", _batch(tmp_path / "b.jsonl", 5), "-o", out)
    assert res.exit_code == 0, res.output
    assert [json.loads(x)["document"]["id"] for x in out.read_text().splitlines()] == [f"s{i}" for i in range(5)]
    assert not (tmp_path / "out.jsonl.partial").exists()


def test_a_failed_run_leaves_the_earlier_output_intact(tmp_path, monkeypatch):
    from blocs import pipeline

    out = tmp_path / "out.jsonl"
    out.write_text("earlier results\n", encoding="utf-8")
    real = pipeline.analyze_many

    def breaks_after_two(*args, **kwargs):
        for n, result in enumerate(real(*args, **kwargs)):
            if n == 2:
                raise MemoryError("out of memory")
            yield result

    monkeypatch.setattr(pipeline, "analyze_many", breaks_after_two)
    res = run("analyze", _batch(tmp_path / "b.jsonl", 5), "-o", out)
    assert res.exit_code != 0
    assert out.read_text() == "earlier results\n"
    partial = (tmp_path / "out.jsonl.partial").read_text().splitlines()
    assert [json.loads(x)["document"]["id"] for x in partial] == ["s0", "s1"]


def test_a_run_where_every_story_fails_keeps_the_earlier_output(tmp_path):
    out = tmp_path / "out.json"
    out.write_text("{}\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    res = run("analyze", tmp_path / "empty.txt", "-o", out)
    assert res.exit_code == 1 and "is empty" in res.output
    assert out.read_text() == "{}\n" and not (tmp_path / "out.json.partial").exists()


def test_a_killed_run_leaves_the_earlier_output_and_readable_partial_results(tmp_path):
    import os
    import signal
    import time

    out = tmp_path / "out.jsonl"
    out.write_text("earlier results\n", encoding="utf-8")
    partial = tmp_path / "out.jsonl.partial"
    proc = subprocess.Popen(
        [*BLOCS, "analyze", str(_batch(tmp_path / "b.jsonl", 400)), "-o", str(out)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and proc.poll() is None:
            if partial.exists() and partial.read_text().count("\n") >= 2:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the run ended before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
    assert out.read_text() == "earlier results\n"
    lines = partial.read_text().splitlines()
    complete = [json.loads(x) for x in lines[:-1]]  # the last line may have been cut mid-write
    assert [d["document"]["id"] for d in complete] == [f"s{i}" for i in range(len(complete))] and complete


def test_stdin_and_stdout(tmp_path):
    batch = _batch(tmp_path / "b.jsonl", 3).read_bytes()
    proc = subprocess.run([*BLOCS, "analyze", "-", "-o", "-"], input=batch, capture_output=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(x)["document"]["id"] for x in proc.stdout.decode().splitlines()] == ["s0", "s1", "s2"]
    proc = subprocess.run([*BLOCS, "analyze", "-"], input=SHORT[0].encode(), capture_output=True, cwd=ROOT)
    assert proc.returncode == 0 and json.loads(proc.stdout)["document"]["source"] == "stdin"


# -- every bad input or option: one line, non-zero, no traceback ---------------------------


def _one_error(proc) -> str:
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = [x for x in proc.stderr.splitlines() if x.startswith("blocs:") and "warning:" not in x]
    assert len(lines) == 1, proc.stderr
    return lines[0]


@pytest.mark.parametrize(
    "where,reason",
    [
        ("nodir/out.jsonl", "directory nodir does not exist"),
        (".", "is a directory"),
    ],
)
def test_bad_output_path_is_refused_before_any_analysis(tmp_path, where, reason):
    proc = subprocess.run(
        [*BLOCS, "analyze", str(tmp_path / "not-read-yet.txt"), "-o", where],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert proc.returncode == 2
    assert reason in _one_error(proc)  # the missing input is never reached


def test_unwritable_output_is_refused(tmp_path):
    import os

    if os.geteuid() == 0:
        pytest.skip("root can write anywhere")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        res = run("analyze", tmp_path / "x.txt", "-o", locked / "out.json")
    finally:
        locked.chmod(0o700)
    assert res.exit_code == 2 and "cannot create files in" in res.output


def test_broken_utf8_is_read_with_a_warning(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes("Goïta’s junta – and Niger’s – left ECOWAS, officials in Bamako said.".encode() + b"\xff\n")
    res = run("analyze", path, "-o", tmp_path / "out.json")
    assert res.exit_code == 0
    assert "blocs: warning: " in res.output and "1 byte not valid UTF-8, replaced with U+FFFD" in res.output
    assert "Goïta" in json.loads((tmp_path / "out.json").read_text())["text"]


def test_jsonl_warnings_name_the_story(tmp_path):
    src = tmp_path / "b.jsonl"
    rows = [
        {"id": "x1", "text": SHORT[0], "published": "last spring"},
        {"id": "x2", "text": SHORT[1], "published": "2023-04-05"},
        {"id": "x1", "text": SHORT[2]},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    res = run("analyze", src, "-o", tmp_path / "out.jsonl")
    assert res.exit_code == 0
    assert "blocs: warning: x1: 'published' \"last spring\" is not a date" in res.output
    assert "story id 'x1' was already used in this run" in res.output
    got = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [g["document"]["published"] for g in got] == [None, "2023-04-05", None]


def test_eval_refuses_files_of_the_wrong_kind(tmp_path):
    analysis = tmp_path / "a.json"
    assert run("analyze", _batch(tmp_path / "b.jsonl", 1), "-o", analysis).exit_code == 0
    one = json.loads(analysis.read_text().splitlines()[0])
    analysis.write_text(json.dumps(one), encoding="utf-8")
    gold = tmp_path / "g.json"
    gold.write_text(
        json.dumps(
            {
                "format": "blocs-gold/1",
                "document": {"id": "s0"},
                "text": "",
                "actors": [{"key": "eth", "name": "Ethiopia"}],
                "leader_of": {},
                "relations": [],
                "events": [],
                "quotes": [],
                "goals": [],
                "places": [],
                "corrections": [],
                "must_not_change": [],
                "stance": {},
            }
        )
    )
    res = run("eval", analysis, analysis)
    assert res.exit_code == 2 and "is a blocs/1 analysis, not a blocs-gold/1 annotation" in res.output
    res = run("eval", gold, gold)
    assert res.exit_code == 2 and "is a blocs-gold/1 annotation, not a blocs/1 analysis" in res.output
    (tmp_path / "list.json").write_text("[1, 2]")
    res = run("eval", gold, tmp_path / "list.json")
    assert res.exit_code == 2 and "not a blocs/1 document" in res.output
    res = run("eval", gold, analysis)
    assert res.exit_code == 0, res.output


def test_corpus_db_that_is_not_duckdb_and_parquet_over_a_file(tmp_path):
    text = tmp_path / "notes.duckdb"
    text.write_text("not a database\n")
    for args in (["corpus", "info", "--db", text], ["corpus", "ingest", _batch(tmp_path / "b.jsonl", 1), "--db", text]):
        proc = subprocess.run([*BLOCS, *map(str, args)], capture_output=True, text=True, cwd=ROOT)
        assert proc.returncode == 2 and "is not a DuckDB database" in _one_error(proc)
    db = tmp_path / "c.duckdb"
    assert run("corpus", "ingest", tmp_path / "b.jsonl", "--db", db).exit_code == 0
    (tmp_path / "p.parquet").write_text("keep me")
    res = run("corpus", "export", "--db", db, "-f", "parquet", "-o", tmp_path / "p.parquet")
    assert res.exit_code == 2 and "already exists and is not a directory" in res.output
    assert (tmp_path / "p.parquet").read_text() == "keep me"


def test_a_pipe_closed_early_is_quiet(tmp_path):
    db = tmp_path / "c.duckdb"
    assert run("corpus", "ingest", _batch(tmp_path / "b.jsonl", 3), "--db", db).exit_code == 0
    for args in (
        ["corpus", "blocs", "--db", str(db), "--window", "all", "--json"],
        ["analyze", str(tmp_path / "b.jsonl")],
    ):
        proc = subprocess.run(
            f"{sys.executable} -m blocs.cli {' '.join(args)} | head -c 5",
            shell=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        assert "Traceback" not in proc.stderr and "Error" not in proc.stderr, proc.stderr
