"""Relations regression records: tests/regression/relations.yaml, one or more per pattern class."""

from pathlib import Path

import pytest
import yaml

from blocs.context import RawDocument
from blocs.pipeline import analyze

RECORDS = yaml.safe_load((Path(__file__).parent / "regression" / "relations.yaml").read_text(encoding="utf-8"))


def _ties(text, published="2024-03-01"):
    ana = analyze(RawDocument(text=text, source="t", kind="txt", meta={"published": str(published)}))
    names = {a.key: a.name.lower() for a in ana.actors}
    return {(frozenset((names[r.source], names[r.target])), r.polarity) for r in ana.relations}, ana


def _key(a, b, polarity):
    return frozenset((a.lower(), b.lower())), polarity


@pytest.mark.parametrize("record", RECORDS, ids=[r["class"] for r in RECORDS])
def test_relation_record(record):
    got, ana = _ties(record["text"], record.get("published", "2024-03-01"))
    for a, b, polarity in record.get("expect", []):
        assert _key(a, b, polarity) in got, (record["class"], got)
    for a, b, polarity in record.get("reject", []):
        assert _key(a, b, polarity) not in got, (record["class"], got)


def test_every_relation_names_its_rule_and_keeps_all_its_sentences():
    text = (
        "Russia shelled Ukrainian positions near Kharkiv on Monday. "
        "On Tuesday Russian drones struck Ukrainian power plants. "
        "Ukraine's main backer, the United States, sent more air defences."
    )
    _, ana = _ties(text)
    for r in ana.relations:
        assert r.rule, r
    hostile = next(
        r for r in ana.relations if r.polarity == "hostile" and {r.source, r.target} == {"russia", "ukraine"}
    )
    assert len(hostile.evidence) == 2
    single = [r for r in ana.relations if len(r.evidence) == 1]
    assert single and all(r.confidence < hostile.confidence for r in single)
