"""Places: the toponyms of an article, resolved to coordinates.

In: ctx.doc (parsed), ctx.actors/mentions (from the actors stage).
Out: ctx.places (name -> Place), ctx.place_mentions, then ctx.index().

Stages, each a small function over the doc:
1. `candidates` (place_names.py) – proper-name token runs looked up in the
   region lexicons and the gazetteer (towns, admin-1 regions, short names).
2. `_choose` – one gazetteer entry per name, by the article's countries, a
   ", Country" qualifier, the name's own spelling and population.
3. `_use` – whether a mention is literal ("in Syria", "northern Syria",
   "the Syrian capital") or an actor ("Syria said", "Iran's envoy").
4. `_decide` – every place the article names is listed, states and capitals
   used as actors too ("Beijing said"): the geoparsing convention (GeoWebNews
   counts metonymic toponyms); `_use` keeps such mentions out of
   ctx.place_mentions, so no event is placed by them. Continents are looked up
   but never listed. Demonyms never make a place on
   their own, save when they qualify a geographic noun ("the Kurdish enclave",
   "the Syrian border"); otherwise they become aliases of a place the article
   names, as metonymic uses do. One sense per article: "Paris, Texas" makes a
   later "Paris" Texan too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Optional, cast

from spacy.tokens import Doc, Span

from ..context import Context, PlaceMention
from ..kb import gazetteer as gaz
from ..kb.gazetteer import Entry, key
from ..records import Place, PlaceKind
from .place_names import (
    Candidate,
    _dateline,
    _gazetteer_lookup,
    _name_token,
    _prev,
    _prev_lower,
    _token_texts,
    candidates,
    cues,
    lexicon,
    line_of,
)

NON_PLACE_ACTORS = {"person", "media", "igo", "company", "party", "armed_group"}
BIG_CITY = 1_000_000
SURE_CITY = 100_000
NER_TOWN = 15_000  # a town abroad that NER also calls a place
DOMINANT = 8  # a town this many times bigger than every namesake is the one meant
REGION_SEAT = 10_000  # a town this big named like its admin-1 region is what the bare name means
ALT_WORD = 3.0  # an alternate name this common in English (wordfreq Zipf) is a word first
HEADING_WORDS = 4  # a line of at most this many words without closing punctuation is a subheading


@dataclass
class Group:
    """All mentions that resolved to one entry."""

    entry: Entry
    spans: list[tuple[int, int, str, str]] = field(default_factory=list)  # start, end, text, use
    lit: float = 0.0
    act: int = 0
    extra_aliases: list[str] = field(default_factory=list)  # the name inside "Idlib province"
    short: bool = False  # named only by a short name ("Addis")


# ---------------------------------------------------------------- filters


def _ent_index(doc: Doc) -> dict[int, Span]:
    """Token index -> the named entity that covers it (built once per document)."""
    return {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}


def _ent_of(ents: dict[int, Span], start: int, end: int) -> Optional[Span]:
    return next((ents[i] for i in range(start, end) if i in ents), None)


TITLE_CASE_FUNCTION_WORDS = {"Of", "As", "To", "For", "In", "On", "At", "And", "With", "By", "From", "Into"}


def _title_case_run(ent: Span) -> bool:
    """An entity cut from a Title Case headline ("Forces Press North Of Kharkiv"): names
    write these small words in lower case ("Bank of England"), headlines do not."""
    return any(t.text in TITLE_CASE_FUNCTION_WORDS for t in ent[1:])


def _common_word(text: str) -> bool:
    return gaz.load().common_word(text)


def _inside_actor(ctx: Context, start: int, end: int) -> Optional[str]:
    """The type of an actor whose mention covers this name: "longer" when the name is only
    part of a longer actor name ("Syrian Observatory for Human Rights")."""
    for i in range(start, end):
        m = ctx.mention_at(i)
        if m and m.key in ctx.actors and not _title_case_run(ctx.doc[m.start : m.end]):
            if (
                m.start <= start
                and m.end >= end
                and (m.end - m.start) > (end - start)
                and ctx.doc[m.start].lower_ != "the"
            ):
                return "longer"
            return ctx.actors[m.key].type
    return None


def _keep(
    ctx: Context,
    cand: Candidate,
    e: Entry,
    countries: set[str],
    starts: frozenset = frozenset(),
    ents: Optional[dict[int, Span]] = None,
) -> Optional[bool]:
    """Whether a looked-up name is a place here: True, False (a person, an organisation,
    a word), or None when only weak evidence speaks for it (a small town abroad).
    `starts`: where the other candidate names start; an entity that spans two of them
    ("al-Raqqa for Deir ez-Zor" as one ORG) is a tagging slip and is ignored."""
    doc = ctx.doc
    ent = _ent_of(_ent_index(doc) if ents is None else ents, cand.start, cand.end)
    if ent is not None and (
        _title_case_run(ent) or any(i in starts for i in range(ent.start, ent.end) if not cand.start <= i < cand.end)
    ):
        ent = None
    label = ent.label_ if ent is not None else None
    strong = (
        e.kind != "city"
        or e.population >= BIG_CITY
        or bool(e.capital_of)
        or (e.population >= SURE_CITY and e.country in countries)
    )
    longer = ent is not None and any(
        _name_token(t) and t.lower_ not in cues().compass
        for t in doc[ent.start : ent.end]
        if not cand.start <= t.i < cand.end
    )
    if longer and (label in ("PERSON", "ORG") or not strong):
        return False  # part of a longer name ("Hanna Maliar", "Bank of England")
    if _of_name(doc, cand.start) and not strong:
        return False  # "Cape of Good Hope", "University of Salford"
    actor = _inside_actor(ctx, cand.start, cand.end)
    if (actor == "longer" and label not in ("GPE", "LOC")) or (actor in NON_PLACE_ACTORS and actor != "person"):
        return False  # an organisation, a group, a medium ("Hamas")
    if e.kind == "country":
        return label != "PERSON"
    if _in_heading(doc, cand) and not strong:
        return False  # a word of a subheading ("Bolder Moves") is no place
    if e.kind == "region" and e.geonameid:
        return _keep_region(cand, e, countries, label, actor)
    if e.kind != "city":
        return True
    if key(cand.text) not in _own_names(e) and (
        countries and e.country not in countries or (e.population < BIG_CITY and _alt_is_word(cand.text))
    ):
        return None  # only an alternate name of a town abroad ("Boni" for Bonn in a Sahel story)
    if (
        _common_word(cand.text)
        and not (e.population >= BIG_CITY or e.capital_of)
        and (label not in ("GPE", "LOC", "FAC") or _prev_lower(doc, cand.start) == "the")
    ):
        return False  # "Reading", "the West"
    if label == "PERSON" or actor == "person":
        return True if strong or _town_not_person(doc, cand, e) else None
    if strong or e.country in countries:
        return True
    if label in ("GPE", "LOC", "FAC") and (e.population >= NER_TOWN or not countries):
        return True
    return None


def _keep_region(
    cand: Candidate, e: Entry, countries: set[str], label: Optional[str], actor: Optional[str]
) -> Optional[bool]:
    """An admin-1 region of the gazetteer: not where NER or the actors stage sees a person
    ("Victoria"); sure after "province" or in the article's states; abroad only when NER
    calls it a place, and never a common word ("Lakes") without a generic word after it."""
    if cand.base:  # "Sindh province", whatever NER made of the name; abroad, only maybe
        return True if not countries or e.country in countries else None
    if label == "PERSON" or actor == "person":
        return False
    if _common_word(cand.text) and label not in ("GPE", "LOC"):
        return False
    if e.country in countries or label in ("GPE", "LOC"):
        return True
    return None


def _alt_is_word(text: str) -> bool:
    """An alternate name that is also an English word ("Bolder" for Boulder, "Gay"):
    a town's second name needs more than a capital letter to count."""
    from ..clean.words import zipf

    return " " not in text and zipf(text) >= ALT_WORD


def _in_heading(doc: Doc, cand: Candidate) -> bool:
    """A name on a short line of its own without closing punctuation (a subheading,
    "Bolder Moves"), not a dateline."""
    line = line_of(doc, cand.start).strip()
    if not line or line[-1] in ".!?:;,\"'”’)" or line.isupper() or _dateline(doc, cand.start, cand.end):
        return False
    return len(line.split()) <= HEADING_WORDS


def _town_not_person(doc: Doc, cand: Candidate, e: Entry) -> bool:
    """A big town that NER took for a person ("jets struck Rafah"): one word, no title
    before it, not the subject or possessor of a clause."""
    root = _root(doc, cand.start, cand.end)
    return (
        e.population >= SURE_CITY
        and cand.end - cand.start == 1
        and root.dep_ not in ("nsubj", "nsubjpass", "poss", "compound", "appos")
        and not (_prev(doc, cand.start) is not None and _prev(doc, cand.start).text[:1].isupper())
    )


def _of_name(doc: Doc, start: int) -> bool:
    before = _prev(doc, start, 2)
    return (
        _prev_lower(doc, start) == "of"
        and before is not None
        and _name_token(before)
        and before.lower_ not in cues().compass
    )


def _listed(doc: Doc, cand: Candidate, kept: set[tuple[int, int]]) -> bool:
    """A name listed next to a kept town ("Bucha, Irpin and Hostomel")."""
    joiners = {",", "and", "or", "even", "as", "well", ";"}
    for start, end in kept:
        lo, hi = (end, cand.start) if end <= cand.start else (cand.end, start)
        if 0 < hi - lo <= 4 and all(t.lower_ in joiners or t.is_space for t in doc[lo:hi]):
            return True
    return False


# ---------------------------------------------------------------- choice


def _qualifier(doc: Doc, end: int) -> tuple[Optional[str], int]:
    """The ", Texas" / ", Syria" after a town name: an admin1 code or an ISO3, and where it ends."""
    if end + 1 < len(doc) and doc[end].text == ",":
        lex = lexicon()
        for stop in range(min(len(doc), end + 4), end + 1, -1):
            text = doc[end + 1 : stop].text
            if key(text) in lex.us_states:
                return lex.us_states[key(text)], stop
            for e in _gazetteer_lookup(text):
                if e.kind == "country":
                    return e.country, stop
    return None, end


def _own_names(e: Entry) -> set[str]:
    """An entry's own name, without ", D.C." or " City" ("Washington", "New York", "Gaza")."""
    k = key(e.name.split(",")[0])
    return {key(e.name), k, k[:-5] if k.endswith(" city") else k}


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
    towns = {e.country for e in cand.entries if e.kind == "city" and key(cand.text) in _own_names(e)}
    if towns and _alt_is_word(cand.text):  # "Reading" is Reading, not Redding that some spell so
        cand = replace(
            cand,
            entries=[
                e
                for e in cand.entries
                if e.kind != "city"
                or key(cand.text) in _own_names(e)
                or e.geonameid in cand.short
                or e.population >= BIG_CITY
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
        own = [e for e in cand.entries if key(cand.text) in _own_names(e)]
        top = max(own, key=lambda e: e.population, default=None)
        if (
            top is not None
            and top.population >= SURE_CITY
            and all(top.population >= DOMINANT * e.population for e in cand.entries if e is not top)
        ):
            return top
    return max(cand.entries, key=lambda e: _score(e, cand.text, countries, qualifier))


# ---------------------------------------------------------------- literal or actor


def _suffix(doc: Doc, end: int) -> Optional[str]:
    if end + 1 < len(doc) and doc[end].text in ("-", "‐", "–") and not doc[end].whitespace_:
        return doc[end + 1].lower_
    return None


def _use(doc: Doc, start: int, end: int, places_at: set[int], ends: Optional[dict[int, int]] = None) -> str:
    """ "lit" (a location), "weak" (an origin), "act" (an actor) or "neutral".
    `ends`: where each chosen name ends -> where it starts, so that a listed name takes the
    use of the name before it ("officials in Tokyo and Canberra")."""
    c = cues()
    sep = _prev(doc, start)
    if (
        ends
        and sep is not None
        and sep.lower_ in (",", "and", "or")
        and sep.i in ends
        and not (sep.text == "," and sep.i - 1 in places_at)
    ):
        return _use(doc, ends[sep.i], sep.i, places_at, ends)
    suffix = _suffix(doc, end)
    if suffix in c.literal_suffixes:
        return "lit"
    if suffix in c.actor_suffixes:
        return "act"
    if _prev_lower(doc, start) in c.compass:
        return "lit"
    before = _prev(doc, start, 2)
    if _prev_lower(doc, start) == "," and before is not None and before.i in places_at:
        return "lit"  # "Moscow, Russia"
    if _dateline(doc, start, end):
        return "lit"
    tok = _root(doc, start, end)
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    if any(ch.lower_ in c.compass for ch in tok.children if ch.dep_ in ("amod", "compound")):
        return "lit"
    if tok.dep_ == "pobj":
        prep_tok = tok.head
        while prep_tok.dep_ == "conj" and prep_tok.head.i != prep_tok.i:
            prep_tok = prep_tok.head  # "from Cairo and from Washington"
        prep, governor = tok.head.lower_, prep_tok.head.lemma_.lower()
        if prep in c.weak:
            objects = {ch.lemma_.lower() for ch in prep_tok.head.children if ch.dep_ == "dobj"}
            return "act" if governor in c.source_nouns or objects & c.source_nouns else "weak"
        if prep in c.locative or governor in c.geo_nouns:
            return "lit"  # "in Syria", "outskirts of Kyiv", "the border with Egypt"
        return "act"
    if tok.dep_ in ("poss", "compound", "amod", "nmod"):
        return "lit" if tok.head.lemma_.lower() in c.geo_nouns else "act"
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in c.place_verbs:
        return "lit"  # "seized Kherson", "villages bordering Chad"
    if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "dative", "agent", "csubj"):
        return "act"
    return "neutral"


def _root(doc: Doc, start: int, end: int):
    """The name's head word: the last of its words governed from outside it ("the Gulf" -> Gulf)."""
    for t in reversed(doc[start:end]):
        if t.lower_ != "the" and (t.head.i == t.i or not start <= t.head.i < end):
            return t
    return doc[start:end].root


def _demonym_literal(doc: Doc, i: int, demonym_at) -> bool:
    """A demonym qualifying a geographic noun: "the Syrian capital", "Syrian-Turkish border"."""
    c, j = cues(), i + 1
    while j < len(doc) and (doc[j].text in ("-", "‐") or demonym_at(doc[j]) or doc[j].lower_ in c.compass):
        j += 1
    return (
        j < len(doc)
        and j > i
        and doc[j - 1].text not in ("-", "‐")
        and doc[j].lemma_.lower() in c.geo_nouns
        and doc[j].pos_ in ("NOUN", "PROPN")
    )


# ---------------------------------------------------------------- resolve


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
            others = [a for start, a in anchors if start != cand.start and key(a.name) != key(e.name)]
            if others:
                e = min(twins, key=lambda x: min(_km(x, a) for a in others))
        out.append((cand, e))
    return out


def _article_countries(ctx: Context, cands: list[Candidate]) -> set[str]:
    """States the article names (by name or demonym) or whose actors it mentions."""
    g, lex = gaz.load(), lexicon()
    out = {a.country for a in ctx.actors.values() if a.country}
    out |= {e.country for c in cands for e in c.entries if e.kind == "country"}
    for c in cands:  # a capital or a known region named as such names its state too ("Damascus-based")
        own = [
            e
            for e in c.entries
            if key(e.name) == key(c.text) and e.country and (e.capital_of or e.kind in ("region", "other"))
        ]
        if len(own) == 1:
            out.add(own[0].country)
    for text in _token_texts(ctx.doc):
        if text[:1].isupper():
            iso = g.demonym(text)
            if iso:
                out.add(iso)
            elif key(text) in lex.demonyms and lex.demonyms[key(text)].country:
                out.add(lex.demonyms[key(text)].country)
    return out


def _is_snippet(doc: Doc) -> bool:
    return sum(1 for _ in doc.sents) <= cues().snippet_sentences


def _group(ctx: Context, cands: list[Candidate], countries: set[str]) -> dict[tuple, Group]:
    groups: dict[tuple, Group] = {}
    chosen, maybe, state_tokens = [], [], set()
    qualified: dict[str, Entry] = {}  # one sense per article
    starts, ents = frozenset(c.start for c in cands), _ent_index(ctx.doc)
    for cand in cands:
        if cand.start in state_tokens:
            continue  # the "Georgia" of "Atlanta, Georgia"
        if cand.short:  # "Addis" is Addis Ababa only in news that names Ethiopia
            cand.entries = [e for e in cand.entries if e.geonameid not in cand.short or e.country in countries]
            if not cand.entries:
                continue
        qualifier, q_end = _qualifier(ctx.doc, cand.end)
        e = _choose(cand, countries, qualifier)
        if not qualifier and key(cand.text) in qualified:
            e = qualified[key(cand.text)]  # one sense per article: "Paris, Texas" ... "Paris"
            cand.qualified = True
        verdict = _keep(ctx, cand, e, countries, starts, ents)
        if qualifier and qualifier in (e.admin1, e.country) and e.kind == "city":
            verdict = verdict is not False
            qualified[key(cand.text)] = e
            cand.qualified = True
            if qualifier == e.admin1 and e.country == "USA":
                state_tokens |= set(range(cand.end + 1, q_end))
        if verdict:
            chosen.append((cand, e))
        elif verdict is None:
            maybe.append((cand, e))
    towns = {(c.start, c.end) for c, e in chosen if e.kind == "city"}
    literal = [
        (c, e)
        for c, e in maybe
        if (e.country in countries or (e.population >= SURE_CITY and key(c.text) in _own_names(e)))
        and _use(ctx.doc, c.start, c.end, set()) == "lit"
    ]
    chosen += literal
    maybe = [m for m in maybe if m not in literal]
    while maybe:
        listed = [
            (c, e)
            for c, e in maybe
            if _listed(ctx.doc, c, towns)  # a namesake abroad in a list of
            and (not countries or e.country in countries)
        ]  # the article's towns is not it
        if not listed:
            break
        chosen += listed
        towns |= {(c.start, c.end) for c, e in listed}
        maybe = [m for m in maybe if m not in listed]
    chosen.sort(key=lambda ce: ce[0].start)
    chosen = _near_anchors(chosen, countries)
    places_at = {i for cand, e in chosen if e.kind != "country" for i in range(cand.start, cand.end)}
    ends = {cand.end: cand.start for cand, e in chosen}
    for cand, e in chosen:
        use = _use(ctx.doc, cand.start, cand.end, places_at, ends)
        if e.name in lexicon().literal_only and use == "act":
            continue
        g = groups.setdefault((e.kind, e.name, e.country, e.lat), Group(e, short=True))
        g.short = g.short and e.geonameid in cand.short
        g.spans.append((cand.start, cand.end, cand.text, use))
        if cand.base:
            g.extra_aliases.append(cand.base)
        g.lit += {"lit": 1.0, "weak": 0.5}.get(use, 0.0)
        g.act += use == "act"
    return groups


def _demonyms(ctx: Context, groups: dict[tuple, Group], create: bool = False) -> None:
    """Attach demonyms to the state or region they name; literal ones count as literal uses."""
    g, lex, doc = gaz.load(), lexicon(), ctx.doc
    by_country = {grp.entry.country: grp for grp in groups.values() if grp.entry.kind == "country"}
    by_region = {grp.entry.name: grp for grp in groups.values() if grp.entry.kind != "city"}
    taken = {i for grp in groups.values() for s in grp.spans for i in range(s[0], s[1])}

    def named(text: str) -> Optional[Entry]:
        region = lex.demonyms.get(key(text))
        if region is not None:
            return region
        iso = g.demonym(text)
        return g.country(iso) if iso else None

    def demonym_at(t) -> Optional[Entry]:
        if not t.text[:1].isupper() or t.i in taken or t.ent_type_ == "PERSON":
            return None
        return named(t.text)

    i, texts = 0, _token_texts(doc)
    while i < len(doc):
        if not texts[i][:1].isupper():
            i += 1  # neither a demonym nor the start of a two-word one
            continue
        t, width = doc[i], 1
        pair = (
            doc[i : i + 2]
            if i + 1 < len(doc) and t.whitespace_ and _name_token(t) and _name_token(doc[i + 1])
            else None
        )
        e = named(pair.text) if pair is not None and i not in taken and i + 1 not in taken else None
        if e is not None:
            width = 2  # "North Korean", "South Sudanese"
        else:
            e = demonym_at(t)
        if e is None:
            i += 1
            continue
        literal = _demonym_literal(doc, i + width - 1, demonym_at)
        grp = by_region.get(e.name) if e.kind != "country" else by_country.get(e.country)
        if grp is None and (literal or create):
            grp = groups.setdefault((e.kind, e.name, e.country, e.lat), Group(e))
            (by_country if e.kind == "country" else by_region)[e.country if e.kind == "country" else e.name] = grp
        if grp is not None:
            grp.spans.append((i, i + width, doc[i : i + width].text, "demonym-lit" if literal else "demonym"))
            grp.lit += literal
        i += width


def _decide(grp: Group, snippet: bool) -> bool:
    """Every place the article names is one, a state or capital used as an actor too
    ("Beijing said", "talks with Iran"): a geoparser lists the toponyms a text names, as
    the geoparsing benchmarks annotate them (GeoWebNews counts metonymic uses), and the
    events stage decides apart which mention is a location. Demonyms alone name none."""
    if not any(s[3] in ("lit", "weak", "neutral", "act") for s in grp.spans) and grp.lit == 0:
        return snippet and cues().snippet_demonyms  # demonyms alone
    return True


def _surface(text: str) -> str:
    """A mention as an alias: no leading "the", no sentence-final full stop ("Hama." -> "Hama")."""
    text = " ".join(text.split()).strip("-‐– ")
    if text[:4].lower() == "the ":
        text = text[4:]
    if text.endswith(".") and "." not in text[:-1]:
        text = text[:-1]
    return text


def _display_name(grp: Group) -> str:
    """A town's name as the article spells it most often; a state or region by its own name."""
    e = grp.entry
    if e.kind == "country":
        return _state_name(grp)
    if not e.geonameid or grp.short:
        return e.name  # lexicon regions and big cities named short ("Addis") by their own name
    forms = [_bare(_surface(s[2]), e) for s in grp.spans if not s[3].startswith("demonym")]
    mixed = [f for f in forms if not f.isupper()] or [f.title() for f in forms]
    name = max(mixed, key=lambda f: (mixed.count(f), -mixed.index(f))) if mixed else e.name
    if e.name.startswith("The ") and not name.lower().startswith("the "):
        name = "The " + name  # "The Hague" keeps its article
    return name


def _state_name(grp: Group) -> str:
    """A state as the article names it most ("Britain", "America"), not by a code ("US",
    "U.K."), a demonym or an odd case; else its own name ("United Kingdom")."""
    forms = [_surface(s[2]) for s in grp.spans if not s[3].startswith("demonym")]
    forms = [f for f in forms if len(f) > 4 and not f.isupper() and "." not in f and f[:1].isupper()]
    return max(forms, key=lambda f: (forms.count(f), -forms.index(f))) if forms else grp.entry.name


def _bare(form: str, e: Entry) -> str:
    """A region's name without the generic word the article put after it ("Mopti region")."""
    words = form.split()
    if e.kind != "city" and len(words) > 1 and words[-1].lower() in cues().region_generics:
        return " ".join(words[:-1])
    return form


def resolve(ctx: Context) -> None:
    doc = ctx.doc
    page = doc.user_data.get("blocs.furniture")  # bylines, credits, breadcrumbs (actors stage)
    cands = [c for c in candidates(doc) if not (page and any(page[c.start : c.end]))]
    countries = _article_countries(ctx, cands)
    groups = _group(ctx, cands, countries)
    snippet = _is_snippet(doc)
    _demonyms(ctx, groups, create=snippet and cues().snippet_demonyms)
    kept = sorted(
        (grp for grp in groups.values() if _decide(grp, snippet)), key=lambda grp: min(s[0] for s in grp.spans)
    )
    for grp in kept:
        e, name = grp.entry, _display_name(grp)
        while name in ctx.places:  # two places that share a spelling
            name = f"{name} ({e.country})"
        aliases = list(dict.fromkeys([_surface(s[2]) for s in sorted(grp.spans)] + grp.extra_aliases))
        ctx.places[name] = Place(
            name=name,
            country=e.country or None,
            lat=e.lat,
            lon=e.lon,
            kind=cast(PlaceKind, e.kind) if e.kind in ("city", "region", "country") else "other",
            mentions=len(grp.spans),
            aliases=aliases,
            geonameid=e.geonameid or None,
        )
        town = e.kind != "country" and not e.capital_of
        for start, end, text, use in grp.spans:
            if use in ("lit", "weak", "neutral", "demonym-lit") or (town and use == "act"):
                ctx.place_mentions.append(PlaceMention(start, end, name, text))
    ctx.place_mentions.sort(key=lambda p: p.start)
    if ctx.main_country is None and kept:
        ctx.main_country = _main_country(kept)
    ctx.index()


def _main_country(kept: list[Group]) -> Optional[str]:
    weight: dict[str, float] = {}
    for grp in kept:
        if grp.entry.country:
            weight[grp.entry.country] = weight.get(grp.entry.country, 0) + len(grp.spans)
    return max(weight, key=weight.__getitem__) if weight else None
