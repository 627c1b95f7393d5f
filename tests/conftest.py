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
