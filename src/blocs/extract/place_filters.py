"""Places, filters: whether a looked-up name is a place here, or part of a person's or an
organisation's name, a word, a subheading."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span

from .. import parse_arrays
from ..context import Context, doc_ents, token_texts
from ..kb import gazetteer as gaz
from ..kb.gazetteer import Entry, key
from ..syntax import dateline
from .place_choice import BIG_CITY, HEADING_WORDS, NER_TOWN, NON_PLACE_ACTORS, SURE_CITY, _alt_is_word, _own_names
from .place_names import (
    Candidate,
    _name_text,
    _prev_at,
    _prev_lower,
    cues,
    line_of,
)
from .place_use import _root


def _ent_index(doc: Doc) -> dict[int, Span]:
    """Token index -> the named entity that covers it (built once per document)."""
    return {i: ent for ent in doc_ents(doc) for i in range(ent.start, ent.end)}


def _ent_of(ents: dict[int, Span], start: int, end: int) -> Optional[Span]:
    return next((ents[i] for i in range(start, end) if i in ents), None)


TITLE_CASE_FUNCTION_WORDS = {"Of", "As", "To", "For", "In", "On", "At", "And", "With", "By", "From", "Into"}


def _title_case_run(ent: Span) -> bool:
    """An entity cut from a Title Case headline ("Forces Press North Of Kharkiv"): names
    write these small words in lower case ("Bank of England"), headlines do not."""
    return _title_case_words(ent.doc, ent.start, ent.end)


def _title_case_words(doc: Doc, start: int, end: int) -> bool:
    """`_title_case_run` of doc[start:end], without making the Span."""
    texts = token_texts(doc)
    return any(texts[i] in TITLE_CASE_FUNCTION_WORDS for i in range(start + 1, end))


def _common_word(text: str) -> bool:
    return gaz.load().common_word(text)


def _inside_actor(ctx: Context, start: int, end: int) -> Optional[str]:
    """The type of an actor whose mention covers this name: "longer" when the name is only
    part of a longer actor name ("Syrian Observatory for Human Rights")."""
    for i in range(start, end):
        m = ctx.mention_at(i)
        if m and m.key in ctx.actors and not _title_case_words(ctx.doc, m.start, m.end):
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
    ent = _entity(doc, cand, starts, ents)
    label = ent.label_ if ent is not None else None
    strong = _strong(e, countries)
    longer = ent is not None and _longer_name(doc, ent, cand)
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
        return True if strong or _town_not_person(doc, cand, e, countries) else None
    if strong or e.country in countries:
        return True
    if label in ("GPE", "LOC", "FAC") and (e.population >= NER_TOWN or not countries):
        return True
    return None


def _longer_name(doc: Doc, ent: Span, cand: Candidate) -> bool:
    """Whether the entity over the name has a name word (no compass word) outside it."""
    texts, lowers, compass = token_texts(doc), parse_arrays.of(doc).strings_of("lower"), cues().compass
    return any(
        _name_text(texts[i]) and lowers[i] not in compass
        for i in range(ent.start, ent.end)
        if not cand.start <= i < cand.end
    )


def _entity(doc: Doc, cand: Candidate, starts: frozenset, ents: Optional[dict[int, Span]]) -> Optional[Span]:
    """The named entity over the name, unless it is a Title Case headline run or spans two
    candidate names (a tagging slip)."""
    ent = _ent_of(_ent_index(doc) if ents is None else ents, cand.start, cand.end)
    if ent is not None and (
        _title_case_run(ent) or any(i in starts for i in range(ent.start, ent.end) if not cand.start <= i < cand.end)
    ):
        return None
    return ent


def _strong(e: Entry, countries: set[str]) -> bool:
    """A name sure to be a place: no town, or a big one, a capital, a sizeable town of the article's states."""
    return (
        e.kind != "city"
        or e.population >= BIG_CITY
        or bool(e.capital_of)
        or (e.population >= SURE_CITY and e.country in countries)
    )


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


def _in_heading(doc: Doc, cand: Candidate) -> bool:
    """A name on a short line of its own without closing punctuation (a subheading,
    "Bolder Moves"), not a dateline."""
    line = line_of(doc, cand.start).strip()
    if not line or line[-1] in ".!?:;,\"'”’)" or line.isupper() or dateline(doc, cand.start, cand.end):
        return False
    return len(line.split()) <= HEADING_WORDS


def _town_not_person(doc: Doc, cand: Candidate, e: Entry, countries: set[str]) -> bool:
    """A big town, or one in the article's states, that NER took for a person ("jets struck
    Rafah"): one word, no title before it, not the subject or possessor of a clause."""
    root = _root(doc, cand.start, cand.end)
    return (
        (e.population >= SURE_CITY or e.country in countries)
        and cand.end - cand.start == 1
        and root.dep_ not in ("nsubj", "nsubjpass", "poss", "compound", "appos")
        and not _capitalised(doc, _prev_at(doc, cand.start))
    )


def _capitalised(doc: Doc, i: int) -> bool:
    return i >= 0 and token_texts(doc)[i][:1].isupper()


def _of_name(doc: Doc, start: int) -> bool:
    k = _prev_at(doc, start)
    lowers = parse_arrays.of(doc).strings_of("lower")
    if k < 0 or lowers[k] != "of":
        return False
    before = _prev_at(doc, start, 2)
    return before >= 0 and _name_text(token_texts(doc)[before]) and lowers[before] not in cues().compass


def _listed(doc: Doc, cand: Candidate, kept: set[tuple[int, int]]) -> bool:
    """A name listed next to a kept town ("Bucha, Irpin and Hostomel")."""
    joiners = {",", "and", "or", "even", "as", "well", ";"}
    for start, end in kept:
        lo, hi = (end, cand.start) if end <= cand.start else (cand.end, start)
        if 0 < hi - lo <= 4 and all(t.lower_ in joiners or t.is_space for t in doc[lo:hi]):
            return True
    return False
