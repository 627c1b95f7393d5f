"""The blocs/1 records: the shipped JSON Schema is the one the models generate, and analyses validate."""

import json

import jsonschema

from blocs.records import SCHEMA_PATH, Analysis, json_schema, load_schema


def test_shipped_schema_is_current():
    assert load_schema() == json.loads(json.dumps(json_schema())), "regenerate with: .venv/bin/python -m blocs.records"


def test_demo_analysis_validates(tmp_path):
    from blocs import ingest
    from blocs.pipeline import analyze
    from tests.conftest import ROOT

    raw = next(ingest.read(ROOT / "examples" / "sahel-wagner-2022-02-14.txt"))
    data = analyze(raw).model_dump(mode="json")
    jsonschema.validate(data, load_schema())
    assert data["format"] == "blocs/1"
    assert Analysis.model_validate(data).document.published == "2022-02-14"


def test_schema_rejects_unknown_event_type():
    bad = {
        "format": "blocs/1",
        "document": {"id": "x"},
        "text": "t",
        "events": [{"type": "INVADE", "source": None, "confidence": 1, "evidence": "t"}],
    }
    try:
        jsonschema.validate(bad, load_schema())
    except jsonschema.ValidationError as err:
        assert "INVADE" in str(err)
    else:
        raise AssertionError("schema accepted an event type outside PLOVER")
    assert SCHEMA_PATH.name == "blocs-1.schema.json"
