"""Regression files for quotes, goals and stance: sentence -> expected records.

Each case in tests/regression/{quotes,goals,stance}.yaml is analysed on its own and
checked against the records it expects; the files say which rule or lexicon class
each case pins.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from blocs.context import RawDocument
from blocs.pipeline import analyze

HERE = Path(__file__).parent / "regression"


def load(stage: str) -> list[dict]:
    return yaml.safe_load((HERE / f"{stage}.yaml").read_text(encoding="utf-8"))


def ids(cases: list[dict]) -> list[str]:
    return [f"{k}-{c['class'][:40]}" for k, c in enumerate(cases)]


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")).strip().lower()


def run(text: str):
    return analyze(RawDocument(text=text + "\n", source="regression.txt", kind="txt"))


def names(ana, key) -> str:
    actor = next((a for a in ana.actors if a.key == key), None)
    return " | ".join([key or "", actor.name, *actor.aliases]).lower() if actor else (key or "")


QUOTES, GOALS, STANCE = load("quotes"), load("goals"), load("stance")


@pytest.mark.parametrize("case", QUOTES, ids=ids(QUOTES))
def test_quotes(nlp, case):
    ana = run(case["text"])
    got = [(norm(q.text), q) for q in ana.quotes]
    for want in case["expect"]:
        if "absent" in want:
            assert not [q for t, q in got if norm(want["absent"]) in t], ana.quotes
            continue
        if "no_actor" in want:  # a speaker phrase that must not be reported as an actor
            assert not [a for a in ana.actors if want["no_actor"] in names(ana, a.key)], ana.actors
            continue
        found = [q for t, q in got if norm(want["has"]) in t]
        assert found, (want, ana.quotes)
        q = found[0]
        if "speaker" in want:
            assert (q.speaker is None) if want["speaker"] is None else want["speaker"] in names(ana, q.speaker), (
                want,
                q,
                names(ana, q.speaker),
            )
        if "not_speaker" in want:
            assert want["not_speaker"] not in names(ana, q.speaker), (want, q, names(ana, q.speaker))
        for key in ("direct", "rule", "via", "speaker_text"):
            if key in want:
                assert getattr(q, key) == want[key], (key, want, q)


@pytest.mark.parametrize("case", GOALS, ids=ids(GOALS))
def test_goals(nlp, case):
    ana = run(case["text"])
    for want in case["expect"]:
        if "absent" in want:
            assert not [g for g in ana.goals if norm(want["absent"]) in norm(g.text)], ana.goals
            continue
        found = [g for g in ana.goals if norm(want["has"]) in norm(g.text)]
        assert found, (want, ana.goals)
        g = found[0]
        if "actor" in want:
            assert want["actor"] in names(ana, g.actor), (want, g, names(ana, g.actor))
        for owner in want.get("actors", []):  # each of several owners holds the same aim
            assert any(owner in names(ana, x.actor) for x in found), (owner, found)
        if "max_words" in want:
            assert len(g.text.split()) <= want["max_words"], (want, g)
        if "rule" in want:
            assert g.rule == want["rule"], (want, g)


@pytest.mark.parametrize("case", STANCE, ids=ids(STANCE))
def test_stance(nlp, case):
    ana = run(case["text"])
    opinion, reported = [norm(x) for x in ana.opinion], [norm(x) for x in ana.reported]
    for want in case["expect"]:
        label, words = next(iter(want.items()))
        mine, other = (opinion, reported) if label == "opinion" else (reported, opinion)
        assert any(norm(words) in x for x in mine), (want, ana.opinion, ana.reported)
        assert not any(norm(words) in x for x in other), (want, ana.opinion, ana.reported)
