"""blocs' own dev set: hand-annotated articles about other wars, regions and years.

Each article in tests/devset/ is analysed by the whole pipeline and scored with
the FORMAT.md rules (`blocs.evaluate.score`). The test guards the measured
quality (floors.yaml), that cleaning loses no gold span and damages no name,
and that actors an analyst puts in one coalition are never split by blocs into
two blocs that are hostile to each other.
"""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import pytest
import yaml

from blocs import evaluate, ingest
from blocs.pipeline import analyze

DEVSET = Path(__file__).parent / "devset"
FLOORS = yaml.safe_load((DEVSET / "floors.yaml").read_text(encoding="utf-8"))
STEMS = sorted(p.name[: -len(".gold.json")] for p in DEVSET.glob("*.gold.json"))


def _known(check: str, stem: str):
    """A strict xfail for a failure floors.yaml says is known, so a fix is noticed."""
    reason = FLOORS.get("known_failures", {}).get(check, {}).get(stem)
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(stem, marks=marks, id=stem)


@pytest.fixture(scope="module")
def results(nlp) -> dict:
    """Every dev-set article analysed once: stem -> (gold, analysis dict, raw text, score)."""
    out = {}
    for stem in STEMS:
        path = DEVSET / f"{stem}.txt"
        raw = path.read_text(encoding="utf-8")
        gold = json.loads((DEVSET / f"{stem}.gold.json").read_text(encoding="utf-8"))
        ana = analyze(next(ingest.read(path))).model_dump(mode="json")
        out[stem] = (gold, ana, raw, evaluate.score(gold, ana, raw))
    return out


def test_devset_is_complete():
    """Every article has its gold file and a floor, and every gold file its article."""
    assert len(STEMS) >= 4
    assert sorted(p.stem for p in DEVSET.glob("*.txt")) == STEMS
    assert sorted(FLOORS["articles"]) == STEMS


@pytest.mark.parametrize("stem", STEMS)
def test_overall_floor(results, stem):
    _, _, _, result = results[stem]
    floor = FLOORS["articles"][stem]["measured"] - FLOORS["margin"]
    assert result["overall"] >= floor, evaluate.table(result)


@pytest.mark.parametrize("stem", STEMS)
def test_cleaning_damages_no_name(results, stem):
    _, _, _, result = results[stem]
    assert result["damage"] == [], result["damage"]


@pytest.mark.parametrize("stem", [_known("text", s) for s in STEMS])
def test_cleaned_text_holds_every_gold_span(results, stem):
    _, _, _, result = results[stem]
    assert result["text"]["recall"] == 1.0, result["text"]["missed"]


def _gold_blocs_of(gold: dict, ana: dict) -> dict:
    """Analysis bloc ids holding each gold actor (a leader counts for what he leads)."""
    mapping = evaluate.Scorer(gold, ana).mapping
    lead = gold.get("leader_of", {})
    where: dict = {}
    for bloc in ana.get("blocs", []):
        for key in bloc["members"]:
            gold_key = mapping.get(key)
            if gold_key is not None:
                where.setdefault(lead.get(gold_key, gold_key), set()).add(bloc["id"])
    return where


def _bloc_ties(ana: dict) -> dict:
    """Net signed weight between every two analysis blocs: < 0 means they are hostile."""
    bloc_of = {k: b["id"] for b in ana.get("blocs", []) for k in b["members"]}
    net: dict = {}
    for r in ana.get("relations", []):
        a, b = bloc_of.get(r["source"]), bloc_of.get(r["target"])
        if a is None or b is None or a == b:
            continue
        sign = 1 if r["polarity"] == "ally" else -1
        pair = frozenset((a, b))
        net[pair] = net.get(pair, 0.0) + sign * (r.get("weight") or r.get("confidence") or 1.0)
    return net


def split_allies(gold: dict, ana: dict) -> list[str]:
    """Gold bloc-mates that blocs put into two blocs hostile to each other."""
    where, net = _gold_blocs_of(gold, ana), _bloc_ties(ana)
    bad = []
    for members in gold.get("blocs", []):
        for x, y in combinations(members, 2):
            for bx in where.get(x, ()):
                for by in where.get(y, ()):
                    if bx != by and net.get(frozenset((bx, by)), 0.0) < 0:
                        bad.append(f"{x} (bloc {bx}) vs {y} (bloc {by})")
    return bad


def merged_enemies(gold: dict, ana: dict) -> list[str]:
    """Actors of different gold blocs with a required gold hostile tie that blocs puts together."""
    where = _gold_blocs_of(gold, ana)
    side = {k: i for i, members in enumerate(gold.get("blocs", [])) for k in members}
    bad = []
    for r in gold["relations"]:
        x, y = r["source"], r["target"]
        if r["polarity"] != "hostile" or not r.get("required", True) or side.get(x) == side.get(y):
            continue
        if x in side and y in side and where.get(x, set()) & where.get(y, set()):
            bad.append(f"{x} and {y}")
    return bad


def test_bloc_checks_can_fail():
    """The bloc checks see a split coalition and a merged enmity when there is one."""
    gold = {
        "actors": [
            {"key": "a", "name": "Alpha", "aliases": []},
            {"key": "b", "name": "Beta", "aliases": []},
            {"key": "c", "name": "Gamma", "aliases": []},
        ],
        "relations": [{"source": "a", "target": "c", "polarity": "hostile", "required": True}],
        "blocs": [["a", "b"], ["c"]],
    }
    actors = [{"key": k, "name": n, "aliases": [n]} for k, n in (("x", "Alpha"), ("y", "Beta"), ("z", "Gamma"))]
    split = {
        "actors": actors,
        "blocs": [{"id": 1, "members": ["x", "z"]}, {"id": 2, "members": ["y"]}],
        "relations": [{"source": "x", "target": "y", "polarity": "hostile", "confidence": 0.9}],
    }
    assert split_allies(gold, split) == ["a (bloc 1) vs b (bloc 2)"]
    assert merged_enemies(gold, split) == ["a and c"]
    fine = {
        "actors": actors,
        "blocs": [{"id": 1, "members": ["x", "y"]}, {"id": 2, "members": ["z"]}],
        "relations": [{"source": "x", "target": "z", "polarity": "hostile", "confidence": 0.9}],
    }
    assert split_allies(gold, fine) == [] and merged_enemies(gold, fine) == []


@pytest.mark.parametrize("stem", [_known("blocs", s) for s in STEMS])
def test_blocs_keep_gold_coalitions(results, stem):
    gold, ana, _, _ = results[stem]
    assert split_allies(gold, ana) == [], ana["blocs"]
    assert merged_enemies(gold, ana) == [], ana["blocs"]
