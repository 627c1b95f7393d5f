"""The events regression file: sentence -> expected events, in PETRARCH validation-records style.

Each record of tests/regression/events.yaml gives a sentence written for this project (news from
several conflicts), the publication date, the events that must be coded (type, source, target,
and where given mode and date) and events that must not be. The actors and places come from the
small typed table below, so the records test the event coder, not the actor stage; a record may
name the article's main country (ISO3), as the actors stage would.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from blocs.context import Context, Mention, PlaceMention
from blocs.extract import events
from blocs.records import Actor, Document, Place

RECORDS = yaml.safe_load((Path(__file__).parent / "regression" / "events.yaml").read_text(encoding="utf-8"))

# surface form -> (actor key, type, ISO3)
ACTORS = {
    "Russia": ("russia", "state", "RUS"),
    "Russian": ("russia", "state", "RUS"),
    "Moscow": ("russia", "state", "RUS"),
    "Ukraine": ("ukraine", "state", "UKR"),
    "Ukrainian": ("ukraine", "state", "UKR"),
    "Kyiv": ("ukraine", "state", "UKR"),
    "Syria": ("syria", "state", "SYR"),
    "Syrian": ("syria", "state", "SYR"),
    "Houthis": ("houthis", "armed_group", "YEM"),
    "Houthi": ("houthis", "armed_group", "YEM"),
    "Saudi Arabia": ("saudi-arabia", "state", "SAU"),
    "Saudi": ("saudi-arabia", "state", "SAU"),
    "Iran": ("iran", "state", "IRN"),
    "Tehran": ("iran", "state", "IRN"),
    "Iranian": ("iran", "state", "IRN"),
    "United States": ("united-states", "state", "USA"),
    "Washington": ("united-states", "state", "USA"),
    "White House": ("united-states", "state", "USA"),
    "Ethiopia": ("ethiopia", "state", "ETH"),
    "Ethiopian": ("ethiopia", "state", "ETH"),
    "TPLF": ("tplf", "armed_group", "ETH"),
    "Eritrea": ("eritrea", "state", "ERI"),
    "Eritrean": ("eritrea", "state", "ERI"),
    "RSF": ("rsf", "armed_group", "SDN"),
    "Warsaw Pact": ("warsaw-pact", "igo", None),
    "Sudanese army": ("sudan-army", "armed_group", "SDN"),
    "Qatar": ("qatar", "state", "QAT"),
    "Hamas": ("hamas", "armed_group", "PSE"),
    "Israel": ("israel", "state", "ISR"),
    "Israeli": ("israel", "state", "ISR"),
    "Armenia": ("armenia", "state", "ARM"),
    "Armenian": ("armenia", "state", "ARM"),
    "Azerbaijan": ("azerbaijan", "state", "AZE"),
    "Serbia": ("serbia", "state", "SRB"),
    "Kosovo": ("kosovo", "state", "XKX"),
    "M23": ("m23", "armed_group", "COD"),
    "Rwanda": ("rwanda", "state", "RWA"),
    "Congo": ("congo", "state", "COD"),
    "Security Council": ("un-security-council", "igo", None),
    "African Union": ("african-union", "igo", None),
    "Niger": ("niger", "state", "NER"),
    "France": ("france", "state", "FRA"),
    "Colombia": ("colombia", "state", "COL"),
    "ELN": ("eln", "armed_group", "COL"),
    "Venezuela": ("venezuela", "state", "VEN"),
    "Pakistan": ("pakistan", "state", "PAK"),
    "India": ("india", "state", "IND"),
    "Indian": ("india", "state", "IND"),
    "China": ("china", "state", "CHN"),
    "Chinese": ("china", "state", "CHN"),
    "Japan": ("japan", "state", "JPN"),
    "Japanese": ("japan", "state", "JPN"),
    "Bola Tinubu": ("bola-tinubu", "person", "NGA"),
    "Nigeria": ("nigeria", "state", "NGA"),
    "Rwandan": ("rwanda", "state", "RWA"),
    "Egypt": ("egypt", "state", "EGY"),
    "Nigeria Labour Congress": ("nlc", "other", "NGA"),
    "Nicolas Maduro": ("nicolas-maduro", "person", "VEN"),
    "Turkey": ("turkey", "state", "TUR"),
    "Kurds": ("kurds", "population", None),
    "Islamic State": ("islamic-state", "armed_group", None),
    "Jovenel Moise": ("jovenel-moise", "person", "HTI"),
    "Claude Joseph": ("claude-joseph", "person", "HTI"),
    "Congress": ("peru-congress", "government", "PER"),
    "Martin Vizcarra": ("martin-vizcarra", "person", "PER"),
    "Abdalla Hamdok": ("abdalla-hamdok", "person", "SDN"),
    "Belarusian": ("belarus", "state", "BLR"),
    "High Court": ("high-court", "government", "HTI"),
    "Iraqi suicide bombers": ("iraq-gunmen", "armed_group", "IRQ"),  # an unnamed group bound by its demonym
    "Iraqi": ("iraq", "state", "IRQ"),
    "Egyptian army": ("egypt-government", "government", "EGY"),
    "Boko Haram": ("boko-haram", "armed_group", "NGA"),
    "Fighters": ("nigeria-gunmen", "armed_group", "NGA"),
    "Kenyan protesters": ("kenya-protesters", "population", "KEN"),  # an unnamed group the actor stage made
    "Barack Obama": ("barack-obama", "person", "USA"),
    "French": ("france", "state", "FRA"),
}
PLACES = {
    "Aden": ("Aden", "city", "YEM"),
    "Goma": ("Goma", "city", "COD"),
    "GOMA": ("Goma", "city", "COD"),  # as a dateline writes it
    "Mekelle": ("Mekelle", "city", "ETH"),
    "Khartoum": ("Khartoum", "city", "SDN"),
    "Sudanese": ("Sudan", "country", "SDN"),
    "Sudan": ("Sudan", "country", "SDN"),
    "El Obeid": ("El Obeid", "city", "SDN"),
    "North Kordofan": ("North Kordofan", "region", "SDN"),
    "Karabakh": ("Karabakh", "region", "AZE"),
    "Black Sea": ("Black Sea", "region", None),
    "Geneva": ("Geneva", "city", "CHE"),
    "Addis Ababa": ("Addis Ababa", "city", "ETH"),
}


def _spans(doc, table):
    taken, out = set(), []
    for surface in sorted(table, key=len, reverse=True):
        for m in re.finditer(rf"\b{re.escape(surface)}\b", doc.text):
            span = doc.char_span(m.start(), m.end())
            if span is None or any(i in taken for i in range(span.start, span.end)):
                continue
            taken.update(range(span.start, span.end))
            out.append((span.start, span.end, surface))
    return out


def _context(nlp, text: str, published: date, main_country: str | None = None) -> Context:
    doc = nlp(text)
    ctx = Context(doc=doc, document=Document(id="r"), published=published, main_country=main_country)
    for start, end, surface in _spans(doc, ACTORS):
        key, kind, country = ACTORS[surface]
        ctx.actors.setdefault(key, Actor(key=key, name=key, type=kind, country=country))
        ctx.mentions.append(Mention(start, end, key, surface))
    for start, end, surface in _spans(doc, PLACES):
        name, kind, country = PLACES[surface]
        ctx.places.setdefault(name, Place(name=name, country=country, lat=0.0, lon=0.0, kind=kind))
        ctx.place_mentions.append(PlaceMention(start, end, name, surface))
    ctx.index()
    return ctx


def _fits(event, want: dict) -> bool:
    return all(getattr(event, k) == v for k, v in want.items() if k != "note")


@pytest.mark.parametrize("record", RECORDS["records"], ids=[r["id"] for r in RECORDS["records"]])
def test_regression_record(nlp, record):
    published = date.fromisoformat(str(record.get("published", "2024-03-14")))
    found = events.extract(_context(nlp, record["text"], published, record.get("main_country")))
    got = [(e.type, e.source, e.target, e.mode, e.date, e.rule) for e in found]
    for want in record.get("events", []):
        assert any(_fits(e, want) for e in found), f"missing {want} in {got}"
    for unwanted in record.get("absent", []):
        assert not any(_fits(e, unwanted) for e in found), f"unwanted {unwanted} in {got}"


def test_every_record_names_a_class_and_expects_something():
    for r in RECORDS["records"]:
        assert r.get("class") and (r.get("events") or r.get("absent")), r["id"]


def test_pattern_files_validate_and_cover_the_categories():
    from blocs.extract.events import cameo
    from blocs.records import PLOVER_TYPES

    index = cameo.index()
    types = {c.pattern.type for pats in index.values() for c in pats} - {None}
    assert types == set(PLOVER_TYPES)
    assert sum(len(p) for p in index.values()) > 5000
    assert all(" " not in verb and verb == verb.lower() for verb in index)


def test_generated_pattern_file_reads_the_same_as_yaml():
    from blocs.extract.events import cameo

    raw = yaml.load(
        (cameo.DATA / "plover_cameo.yaml").read_text(encoding="utf-8"),
        Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader),
    )
    assert cameo.CameoFile.model_validate(raw) == cameo.load("plover_cameo.yaml")
