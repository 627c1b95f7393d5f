"""Shared fixtures: the spaCy pipeline once per session, paths to shared/ when present."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ARTICLES = Path(__file__).parent / "articles"


@pytest.fixture(scope="session")
def nlp():
    from blocs import nlp as nlp_mod

    return nlp_mod.load()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "spec" / "FORMAT.md").exists():
        pytest.skip("../shared is not present on this machine")
    return SHARED


@pytest.fixture(scope="session")
def example_score(shared) -> dict:
    """The shared example article analysed once and scored by the reference scorer."""
    import importlib.util
    import json

    from blocs.context import RawDocument
    from blocs.pipeline import analyze

    raw = next((shared / "gold").glob("*.txt"))
    gold = next((shared / "gold").glob("*.gold.json"))
    text = raw.read_text(encoding="utf-8")
    ana = analyze(RawDocument(text=text, source=str(raw), kind="txt"))
    spec = importlib.util.spec_from_file_location("blocs_score", shared / "tools" / "blocs_score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    return scorer.score(json.loads(gold.read_text(encoding="utf-8")), json.loads(ana.model_dump_json()), text)
