"""`make demo` end to end: the CLI turns articles into valid, self-consistent `blocs/1`.

FORMAT.md promises that every evidence, quote, goal, opinion and reported
string is a substring of `text` once white space is collapsed, that every
actor key an analysis refers to is one of its actors, and that an event's
place is one of its places. This checks those promises on the example
article and on every dev-set article, through the command line.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from blocs.cli import app
from blocs.records import load_schema
from tests.conftest import ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))
DEVSET = sorted((Path(__file__).parent / "devset").glob("*.txt"))
runner = CliRunner()


def collapse(s: str) -> str:
    return re.sub(r"\s+", " ", s or "").strip()


def spans(ana: dict) -> list[tuple[str, str]]:
    """(where, string) for every string FORMAT.md says is taken from `text`."""
    out = [(f"relation {r['source']}-{r['target']}", ev) for r in ana["relations"] for ev in r.get("evidence", [])]
    out += [(f"event {e['type']}", e["evidence"]) for e in ana["events"] if e.get("evidence")]
    out += [(f"quote of {q['speaker']}", q["text"]) for q in ana["quotes"]]
    out += [(f"goal of {g['actor']}", g["text"]) for g in ana["goals"]]
    out += [(f"goal evidence of {g['actor']}", g["evidence"]) for g in ana["goals"] if g.get("evidence")]
    out += [("opinion", s) for s in ana["opinion"]] + [("reported", s) for s in ana["reported"]]
    return out


def actor_refs(ana: dict) -> list[tuple[str, str]]:
    """(where, key) for every actor key the analysis refers to outside `actors`."""
    out = [(f"relation {f}", r[f]) for r in ana["relations"] for f in ("source", "target")]
    out += [(f"event {e['type']} {f}", e[f]) for e in ana["events"] for f in ("source", "target")]
    out += [(f"quote {f}", q.get(f)) for q in ana["quotes"] for f in ("speaker", "via")]
    out += [("goal actor", g["actor"]) for g in ana["goals"]]
    out += [("leader_of", k) for pair in ana["leader_of"].items() for k in pair]
    out += [(f"bloc {b['id']}", k) for b in ana["blocs"] for k in b["members"]]
    return [(where, key) for where, key in out if key is not None]


def integrity_errors(ana: dict) -> list[str]:
    """Every broken FORMAT.md promise of one analysis, as readable lines."""
    text = collapse(ana["text"])
    keys = [a["key"] for a in ana["actors"]]
    places = {p["name"] for p in ana["places"]}
    errors = [f"{where}: not in text: {s[:80]!r}" for where, s in spans(ana) if collapse(s) not in text]
    errors += [f"{where}: unknown actor {key!r}" for where, key in actor_refs(ana) if key not in keys]
    errors += [
        f"event {e['type']}: unknown place {e['place']!r}"
        for e in ana["events"]
        if e.get("place") is not None and e["place"] not in places
    ]
    errors += [f"duplicate actor key {k!r}" for k in set(keys) if keys.count(k) > 1]
    return errors


def test_integrity_check_sees_broken_promises():
    ana = {
        "text": "Russia backed   the army.",
        "actors": [{"key": "russia"}],
        "relations": [{"source": "russia", "target": "army", "evidence": ["Russia backed the army."]}],
        "events": [
            {
                "type": "SUPPORT",
                "source": "russia",
                "target": None,
                "place": "Moscow",
                "evidence": "Russia backed the navy.",
            }
        ],
        "quotes": [],
        "goals": [],
        "leader_of": {},
        "blocs": [],
        "places": [],
        "opinion": [],
        "reported": ["Russia backed the army."],
    }
    assert integrity_errors(ana) == [
        "event SUPPORT: not in text: 'Russia backed the navy.'",
        "relation target: unknown actor 'army'",
        "event SUPPORT: unknown place 'Moscow'",
    ]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> list[dict]:
    """What `make demo` writes, for every example article."""
    out = tmp_path_factory.mktemp("demo")
    results = []
    for path in EXAMPLES:
        target = out / f"{path.stem}.blocs.json"
        res = runner.invoke(app, ["analyze", str(path), "-o", str(target)])
        assert res.exit_code == 0, res.output
        results.append(json.loads(target.read_text(encoding="utf-8")))
    return results


@pytest.fixture(scope="module")
def devset(tmp_path_factory) -> list[dict]:
    """All dev-set articles in one CLI call: several inputs give JSON Lines, in order."""
    target = tmp_path_factory.mktemp("devset") / "devset.jsonl"
    res = runner.invoke(app, ["analyze", *map(str, DEVSET), "-o", str(target)])
    assert res.exit_code == 0, res.output
    return [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]


def test_demo_is_schema_valid(demo):
    assert EXAMPLES, "examples/*.txt is empty"
    schema = load_schema()
    for ana in demo:
        jsonschema.validate(ana, schema)
        assert ana["format"] == "blocs/1"
        assert ana["actors"] and ana["relations"] and ana["blocs"]


def test_demo_keeps_format_promises(demo):
    for ana in demo:
        assert integrity_errors(ana) == []


LEADER_STORIES = [
    "MINSK - Belarus backs Putin in his war, Lukashenko said on Friday.",
    "KAMPALA - Uganda backed Paul Kagame on Monday as talks on eastern Congo resumed in Nairobi.",
]


@pytest.mark.parametrize("story", LEADER_STORIES)
def test_short_story_about_a_leader_keeps_promises(tmp_path, story):
    """A tie to a leader named without his country must still name actors of the analysis."""
    src = tmp_path / "story.jsonl"
    src.write_text(json.dumps({"id": "s1", "text": story, "published": "2024-06-17"}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = runner.invoke(app, ["analyze", str(src), "-o", str(out)])
    assert res.exit_code == 0, res.output
    ana = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert ana["relations"], "no tie found: the story no longer tests anything"
    assert integrity_errors(ana) == []


def test_devset_batch_is_valid_and_keeps_promises(devset):
    assert [Path(a["document"]["source"]).name for a in devset] == [p.name for p in DEVSET]
    schema = load_schema()
    for ana in devset:
        jsonschema.validate(ana, schema)
        assert integrity_errors(ana) == [], ana["document"]["source"]
