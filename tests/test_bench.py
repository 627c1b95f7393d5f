"""The benchmark script runs end to end on a tiny batch (no timing is asserted)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

from tests.conftest import ROOT

BENCH = ROOT / "benchmarks" / "bench.py"


def load_bench():
    spec = importlib.util.spec_from_file_location("bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_batch_is_varied_multi_paragraph_news():
    bench = load_bench()
    stories = bench.make_batch(40, seed=1)
    assert len({s["text"] for s in stories}) == 40 and len({s["id"] for s in stories}) == 40
    assert len({s["id"].split("-")[1] for s in stories}) >= 5  # several conflicts
    for s in stories:
        assert s["text"].count("\n\n") >= 5 and len(s["text"].split()) > 150
        assert "{" not in s["text"]  # every slot filled
    assert bench.make_batch(5, seed=1) == stories[:5]  # reproducible


def test_bench_runs_and_writes_json(tmp_path):
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, str(BENCH), "--articles", "4", "--whole-articles", "4", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert "full / bare spaCy" in done.stdout
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["articles"] == 4 and figures["duckdb"]["stored"] == 4 - figures["full"]["failed"]
    for key in ("articles_per_s", "words_per_s", "peak_rss_mb"):
        assert figures["full"][key] > 0 and figures["spacy"][key] > 0
    assert 0 < figures["clean_share"] < 1 and figures["kb_load_s"] >= 0
    assert figures["parse"]["cpu_s"] > 0 and "blocs parse alone" in done.stdout
