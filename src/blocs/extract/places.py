"""Places: the toponyms of an article, resolved to coordinates.

In: ctx.doc (parsed), ctx.actors/mentions (from the actors stage).
Out: ctx.places (name -> Place), ctx.place_mentions, then ctx.index().

Stages, each a small function over the doc:
1. `candidates` (place_names.py) – proper-name token runs looked up in the
   region lexicons and the gazetteer (towns, admin-1 regions, short names).
2. `_choose` (place_choice.py) – one gazetteer entry per name, by the article's countries, a
   ", Country" qualifier, the name's own spelling and population.
3. `_use` (place_use.py) – whether a mention is literal ("in Syria", "northern Syria",
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

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Optional, cast

from spacy.tokens import Doc

from .. import parse_arrays
from ..context import Context, PlaceMention, token_texts, tokens_text
from ..kb import gazetteer as gaz
from ..kb.gazetteer import Entry, key
from ..records import Place, PlaceKind
from .place_choice import (
    SURE_CITY,
    _article_countries,
    _choose,
    _far_abroad,
    _near_anchors,
    _own_names,
    _qualifier,
)
from .place_filters import _ent_index, _keep, _listed
from .place_names import (
    Candidate,
    _name_text,
    candidates,
    cues,
    lexicon,
)
from .place_use import _demonym_literal, _use


@dataclass
class Group:
    """All mentions that resolved to one entry."""

    entry: Entry
    spans: list[tuple[int, int, str, str]] = field(default_factory=list)  # start, end, text, use
    lit: float = 0.0
    act: int = 0
    extra_aliases: list[str] = field(default_factory=list)  # the name inside "Idlib province"
    short: bool = False  # named only by a short name ("Addis")


def _is_snippet(doc: Doc) -> bool:
    return len(parse_arrays.of(doc).sent_starts) <= cues().snippet_sentences  # `doc.sents`, counted


Choice = list[tuple[Candidate, Entry]]


def _verdicts(ctx: Context, cands: list[Candidate], countries: set[str]) -> tuple[Choice, Choice]:
    """Each name's entry, and whether it is a place here: (sure, maybe)."""
    chosen: Choice = []
    maybe: Choice = []
    state_tokens: set[int] = set()
    qualified: dict[str, Entry] = {}  # one sense per article
    choices: dict[tuple, Entry] = {}
    starts, ents = frozenset(c.start for c in cands), _ent_index(ctx.doc)
    for cand in cands:
        if cand.start in state_tokens:
            continue  # the "Georgia" of "Atlanta, Georgia"
        if cand.short:  # "Addis" is Addis Ababa only in news that names Ethiopia
            cand.entries = [e for e in cand.entries if e.geonameid not in cand.short or e.country in countries]
            if not cand.entries:
                continue
        qualifier, q_end = _qualifier(ctx.doc, cand.end)
        senses = (cand.text, cand.base, cand.short, qualifier, tuple(map(id, cand.entries)))
        e = choices.get(senses)
        if e is None:  # a name repeated with the same senses is chosen once (`_choose` reads nothing else)
            e = choices[senses] = _choose(cand, countries, qualifier)
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
    return chosen, maybe


def _group(ctx: Context, cands: list[Candidate], countries: set[str]) -> dict[tuple, Group]:
    groups: dict[tuple, Group] = {}
    chosen, maybe = _verdicts(ctx, cands, countries)
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
    chosen = _far_abroad(_near_anchors(chosen, countries), countries)
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

    known: dict[str, Optional[Entry]] = {}  # text -> what it names: capitalised words recur

    def named(text: str) -> Optional[Entry]:
        if text in known:
            return known[text]
        region = lex.demonyms.get(key(text))
        if region is None:
            iso = g.demonym(text)
            region = g.country(iso) if iso else None
        known[text] = region
        return region

    texts, arrays = token_texts(doc), parse_arrays.of(doc)
    ent_types, idx = arrays.strings_of("ent_type"), arrays.idx

    def demonym_at(j: int) -> Optional[Entry]:
        if not texts[j][:1].isupper() or j in taken or ent_types[j] == "PERSON":
            return None
        return named(texts[j])

    caps = [k for k, text in enumerate(texts) if text[:1].isupper()]  # the others start no demonym
    at = 0
    while at < len(caps):
        i, width = caps[at], 1
        pair = (
            tokens_text(doc, i, i + 2)
            if i + 1 < len(doc)
            and idx[i] + len(texts[i]) < idx[i + 1]  # a space after the word (`whitespace_`)
            and _name_text(texts[i])
            and _name_text(texts[i + 1])
            else None
        )
        e = named(pair) if pair is not None and i not in taken and i + 1 not in taken else None
        if e is not None:
            width = 2  # "North Korean", "South Sudanese"
        else:
            e = demonym_at(i)
        if e is None:
            at += 1
            continue
        literal = _demonym_literal(doc, i + width - 1, demonym_at)
        grp = by_region.get(e.name) if e.kind != "country" else by_country.get(e.country)
        if grp is None and (literal or create):
            grp = groups.setdefault((e.kind, e.name, e.country, e.lat), Group(e))
            (by_country if e.kind == "country" else by_region)[e.country if e.kind == "country" else e.name] = grp
        if grp is not None:
            grp.spans.append((i, i + width, tokens_text(doc, i, i + width), "demonym-lit" if literal else "demonym"))
            grp.lit += literal
        at = bisect_left(caps, i + width, at)


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
    if grp.short:
        return e.name  # big cities named short ("Addis") by their own name
    forms = [_bare(_surface(s[2]), e) for s in grp.spans if not s[3].startswith("demonym")]
    forms = [e.name if e.name.startswith(f + " ") else f for f in forms]  # "Addis" after "ADDIS ABABA"
    if not e.geonameid:
        return _lexicon_name(forms, e)
    mixed = [f for f in forms if not f.isupper()] or [f.title() for f in forms]
    name = max(mixed, key=lambda f: (mixed.count(f), -mixed.index(f))) if mixed else e.name
    if e.name.startswith("The ") and not name.lower().startswith("the "):
        name = "The " + name  # "The Hague" keeps its article
    return name


def _lexicon_name(forms: list[str], e: Entry) -> str:
    """A lexicon region by its own name when the article uses it (alone or before a generic
    word), else by the spelling of it the article uses most ("Balochistan" for Baluchistan)."""
    known = [f for f in forms if not f.isupper() and lexicon().by_key.get(key(f)) is e]
    own = key(e.name)
    if not known or any(key(f) == own or key(f).startswith(own + " ") for f in known):
        return e.name  # its own name, or it with a generic word ("Bab el-Mandeb strait")
    return max(known, key=lambda f: (known.count(f), -known.index(f)))


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
