"""Places, geocoding: which gazetteer entry a name means (the article's countries, a
", Texas" qualifier, the name's own spelling, population, distance to the article's
other places)."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from typing import Optional

from spacy.tokens import Doc

from ..clean.words import zipf
from ..context import Context, token_texts, tokens_text
from ..kb import gazetteer as gaz
from ..kb.gazetteer import Entry, key
from .place_names import (
    Candidate,
    _gazetteer_lookup,
    lexicon,
)

NON_PLACE_ACTORS = {"person", "media", "igo", "company", "party", "armed_group"}
BIG_CITY = 1_000_000
SURE_CITY = 100_000
NER_TOWN = 15_000  # a town abroad that NER also calls a place
DOMINANT = 8  # a town this many times bigger than every namesake is the one meant
REGION_SEAT = 10_000  # a town this big named like its admin-1 region is what the bare name means
ALT_WORD = 3.0  # an alternate name this common in English (wordfreq Zipf) is a word first
FAR_KM = 1000  # a small town abroad this far from every place of the article's states is a misreading
HAMLET = 5000  # ... and a village this small of a state the article names only in passing
HEADING_WORDS = 4  # a line of at most this many words without closing punctuation is a subheading


def _alt_is_word(text: str) -> bool:
    """An alternate name that is also an English word ("Bolder" for Boulder, "Gay"):
    a town's second name needs more than a capital letter to count."""
    return " " not in text and zipf(text) >= ALT_WORD


def _qualifier(doc: Doc, end: int) -> tuple[Optional[str], int]:
    """The ", Texas" / ", Syria" after a town name: an admin1 code or an ISO3, and where it ends."""
    if end + 1 < len(doc) and token_texts(doc)[end] == ",":
        lex = lexicon()
        for stop in range(min(len(doc), end + 4), end + 1, -1):
            text = tokens_text(doc, end + 1, stop)
            if key(text) in lex.us_states:
                return lex.us_states[key(text)], stop
            for e in _gazetteer_lookup(text):
                if e.kind == "country":
                    return e.country, stop
    return None, end


def _own_names(e: Entry) -> frozenset[str]:
    """An entry's own name, without ", D.C." or " City" ("Washington", "New York", "Gaza")."""
    return _names_of(e.name)


# Leading articles news drops from a town's name ("Al Qusayr" is "Qusayr", "El Alamein" "Alamein").
NAME_ARTICLES = ("le ", "la ", "les ", "el ", "al ", "an ", "ad ", "as ", "ar ", "ash ", "ath ")


@lru_cache(maxsize=65536)  # asked for every entry of every candidate, several times
def _names_of(name: str) -> frozenset[str]:
    k = key(name.split(",")[0])
    bare = next((k[len(a) :] for a in NAME_ARTICLES if k.startswith(a) and len(k) > len(a) + 2), k)
    return frozenset({key(name), k, k[:-5] if k.endswith(" city") else k, bare})


def _score(e: Entry, surface: str, countries: set[str], qualifier: Optional[str]) -> float:
    """States first, then lexicon regions; then towns by population, the article's
    countries, a ", Texas" qualifier and the name's own spelling. A US state (a region
    with an admin1 code) competes like a town of STATE_WEIGHT people."""
    s = math.log10(e.population + 10)
    if e.kind == "country":
        s += 100
    elif e.kind != "city":
        s += 1.5 if e.admin1 else 50
    if e.country in countries:
        s += 4
    if qualifier and qualifier in (e.country, e.admin1):
        s += 30
    if e.kind == "city" and key(surface) in _own_names(e):
        s += 2.5
    if e.capital_of:
        s += 1
    return s


def _choose(cand: Candidate, countries: set[str], qualifier: Optional[str]) -> Entry:
    """The best entry; a world city beats its namesakes ("Geneva", "Paris") even where the
    article names their state, unless a qualifier ("Paris, Texas") says otherwise. A bare
    name shared by a town and the admin-1 region around it ("Mopti") is the town."""
    k = key(cand.text)
    towns = {e.country for e in cand.entries if e.kind == "city" and k in _own_names(e)}
    if towns and _alt_is_word(cand.text):  # "Reading" is Reading, not Redding that some spell so
        cand = replace(
            cand,
            entries=[
                e
                for e in cand.entries
                if e.kind != "city" or k in _own_names(e) or e.geonameid in cand.short or e.population >= BIG_CITY
            ],
        )
    seats = {e.country for e in cand.entries if e.kind == "city" and e.population >= REGION_SEAT}
    if not cand.base and seats:
        cand = replace(
            cand,
            entries=[
                e
                for e in cand.entries
                if not (e.kind == "region" and e.geonameid and e.country in seats and e.admin1[:2] != "US")
            ],
        )
    if not qualifier and all(e.kind == "city" for e in cand.entries):
        own = [e for e in cand.entries if k in _own_names(e)]
        top = max(own, key=lambda e: e.population, default=None)
        if (
            top is not None
            and top.population >= SURE_CITY
            and all(top.population >= DOMINANT * e.population for e in cand.entries if e is not top)
        ):
            return top
    return max(cand.entries, key=lambda e: _score(e, cand.text, countries, qualifier))


def _distinct(entries: list[Entry]) -> list[Entry]:
    """Each entry once (the same place named many times is one anchor: a nearest distance, an
    "all of them" test, read the same over the distinct entries), in order."""
    return list({id(e): e for e in entries}.values())


def _km(a: Entry, b: Entry) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b.lon - a.lon) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(min(1.0, h)))


def _near_anchors(chosen: list[tuple[Candidate, Entry]], countries: set[str]) -> list[tuple[Candidate, Entry]]:
    """Towns that share a name ("Blahodatne"; a "Bure" in Ethiopia and one in Eritrea): take
    the namesake, in the chosen town's state or another the article names, nearest to the
    article's other towns and regions (the unambiguous ones, or big ones, as anchors)."""
    anchors = [
        (c.start, e) for c, e in chosen if e.kind != "country" and (len(c.entries) == 1 or e.population >= SURE_CITY)
    ]
    out = []
    for cand, e in chosen:
        twins = [
            x
            for x in cand.entries
            if x.kind == e.kind
            and (x.country == e.country or x.country in countries)
            and (key(cand.text) in _own_names(x) or key(cand.text) not in _own_names(e))
        ]
        if e.kind == "city" and e.population < SURE_CITY and len(twins) > 1 and not cand.qualified:
            others = _distinct([a for start, a in anchors if start != cand.start and key(a.name) != key(e.name)])
            if others:
                e = min(twins, key=lambda x: min(_km(x, a) for a in others))
        out.append((cand, e))
    return out


def _far_abroad(chosen: list[tuple[Candidate, Entry]], countries: set[str]) -> list[tuple[Candidate, Entry]]:
    """Drop a town, not big, not qualified, more than FAR_KM from every town and region of
    the article's states, that is either of a state the article never names (a village the
    gazetteer lacks, named like a town two countries away) or a hamlet (< HAMLET) of a
    named state that is not the article's main one and has no other place in it (a Malian
    village the gazetteer lacks, named like a French one in news that names France once):
    a namesake, not the place meant."""
    anchors = _distinct([e for c, e in chosen if e.kind != "country" and e.country and e.country in countries])
    if not anchors:
        return chosen
    weight = Counter(e.country for c, e in chosen if e.country)
    main = weight.most_common(1)[0][0]
    nearest: dict[int, float] = {}  # id of an entry -> its distance to the nearest other anchor

    def namesake(c: Candidate, e: Entry) -> bool:
        if e.kind != "city" or e.population >= BIG_CITY or e.capital_of or c.qualified:
            return False
        others = [a for a in anchors if a is not e]
        if not others:
            return False
        if id(e) not in nearest:  # a town named again and again is measured once
            nearest[id(e)] = min(_km(e, a) for a in others)
        if nearest[id(e)] <= FAR_KM:
            return False
        if e.country not in countries:
            return True
        return e.population < HAMLET and e.country != main and all(a.country != e.country for a in others)

    return [(c, e) for c, e in chosen if not namesake(c, e)]


def _shared_with_town(e: Entry, entries: list[Entry]) -> bool:
    """A region whose name a sizeable town of another state also bears ("Gaza" is a
    Palestinian city and a Mozambican province): naming it says nothing of its state."""
    return e.kind != "city" and any(
        x.kind == "city" and x.country != e.country and x.population >= REGION_SEAT and key(x.name) == key(e.name)
        for x in entries
    )


def _rival_town(e: Entry, entries: list[Entry]) -> bool:
    """A capital whose name a big town of another state also bears, one the capital does not
    dwarf ("Tripoli" of Libya and of Lebanon): naming it says nothing of its state either; the
    article's other words choose (unlike "London", which dwarfs the Canadian one)."""
    return e.kind == "city" and any(
        x.kind == "city"
        and x.country != e.country
        and x.population >= SURE_CITY
        and e.population < DOMINANT * x.population
        and key(x.name) == key(e.name)
        for x in entries
    )


def _article_countries(ctx: Context, cands: list[Candidate]) -> set[str]:
    """States the article names (by name or demonym) or whose actors it mentions."""
    out = {a.country for a in ctx.actors.values() if a.country}
    out |= {e.country for c in cands for e in c.entries if e.kind == "country"}
    for c in cands:  # a capital or a known region named as such names its state too ("Damascus-based")
        if any(e.kind == "country" for e in c.entries):
            continue  # "Niger" names the state Niger, not the Nigerian state of that name
        own = [
            e
            for e in c.entries
            if key(e.name) == key(c.text) and e.country and (e.capital_of or e.kind in ("region", "other"))
        ]
        if len(own) == 1 and not _shared_with_town(own[0], c.entries) and not _rival_town(own[0], c.entries):
            out.add(own[0].country)
    for text in {t for t in token_texts(ctx.doc) if t[:1].isupper()}:  # each word once: the answers go in a set
        iso = _demonym_country(text)
        if iso:
            out.add(iso)
    return out


@lru_cache(maxsize=65536)
def _demonym_country(text: str) -> Optional[str]:
    """ISO3 of the state a word is a demonym of (the gazetteer's, else the region lexicon's), once
    per word: both tables are read-only."""
    iso = gaz.load().demonym(text)
    if iso:
        return iso
    region = lexicon().demonyms.get(key(text))
    return region.country if region is not None and region.country else None
