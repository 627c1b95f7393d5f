"""Regression files of the places and OCR stages: tests/regression/places.yaml and ocr.yaml.

Each record is a sentence (or a short text) with what the stage must give for it; the
files hold one record or more per class of gazetteer, lexicon and OCR rule. A places record may
list `located`: names one mention of which must be read as a location, not as an actor."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from blocs.clean import ocr
from blocs.context import Context
from blocs.extract import places
from blocs.records import Document

REGRESSION = Path(__file__).parent / "regression"


def _cases(name: str) -> list[dict]:
    return yaml.safe_load((REGRESSION / name).read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", _cases("places.yaml"), ids=lambda c: c["text"][:40])
def test_places_regression(case, nlp):
    ctx = Context(doc=nlp(case["text"]), document=Document(id="r"), published=None)
    places.resolve(ctx)
    got = {(p.name, p.country, p.kind) for p in ctx.places.values()}
    for want in case.get("places", []):
        assert (want["name"], want["country"], want["kind"]) in got, f"{want} not in {got}"
    assert not set(case.get("absent", [])) & {p.name for p in ctx.places.values()}
    located = {m.name for m in ctx.place_mentions}  # mentions read as locations (events are placed by them)
    for name in case.get("located", []):
        assert name in located, f"{name} not used as a location: {located}"


@pytest.mark.parametrize("case", _cases("ocr.yaml"), ids=lambda c: c["text"][:40])
def test_ocr_regression(case):
    text, corrections = ocr.correct(case["text"])
    if case.get("unchanged"):
        assert (text, corrections) == (case["text"], [])
    else:
        got = sorted((c.original, c.corrected, c.count) for c in corrections)
        assert got == sorted(tuple(c) for c in case["corrections"])
