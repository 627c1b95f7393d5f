"""The state one article's resolution shares between passes, and the look-ups every pass uses."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, Optional

from spacy.tokens import Span

from ...context import Context, doc_ents, tokens_text
from ...syntax import dateline
from . import furniture
from .hits import Hit, HitList
from .lexicon import APOS, STATE_TYPES, _kb, _phrase_before, _word_table, fold, lexicon
from .matchers import compiled

if TYPE_CHECKING:
    from ...kb.loader import Entity


@lru_cache(maxsize=8192)
def _gazetteer_entries(text: str) -> tuple:
    """The gazetteer's entries for a name, looked up once per process (it is read-only; the
    same names recur in every article)."""
    from ...kb import gazetteer

    return tuple(gazetteer.load().lookup(text))


class ResolverBase:
    """Shared state of one article's resolution; the passes are mixed in by `Resolver`.

    Every pass derives from this class. The look-ups one pass makes of another's are declared
    below for the type checker only; `Resolver` mixes in the passes that define them.
    """

    if TYPE_CHECKING:
        # CandidatePass (candidates.py)
        def _capital_metonym(self, h: Hit) -> bool: ...

        # PeoplePass (people.py)
        def _person_like(self, h: Hit) -> bool: ...

        def _person_cue(self, h: Hit) -> bool: ...

        # RolePass (roles.py)
        def _role_context(self, h: Hit) -> None: ...

        def _person_state(self, key: str, state_key: str, official: bool) -> None: ...

        # GroupPass (groups.py)
        def _place_state(self, h: Hit) -> Optional[Entity]: ...

        # NotActorPass (not_actors.py)
        def _not_an_actor(self, h: Hit, text: str) -> bool: ...

        def _speaks(self, h: Hit) -> bool: ...

        def _town_like(self, h: Hit, text: str) -> bool: ...

        def _settlement_cue(self, h: Hit) -> bool: ...

        def _locative(self, h: Hit) -> bool: ...

        # CountryPass (countries.py)
        def guess_countries(self) -> None: ...

        def leaders(self) -> None: ...

    def __init__(self, ctx: Context, nlp=None):
        from ... import nlp as nlp_mod

        self.ctx, self.doc = ctx, ctx.doc
        self.kb, self.lex = _kb(), lexicon()
        self.comp = compiled(nlp or nlp_mod.load())
        self.when = ctx.published
        self.hits: HitList = HitList(len(self.doc))
        self.info: dict[str, dict] = {}  # actor key -> name, type, country, confidence
        self.roles: dict[str, str] = {}  # person key -> state key they officially speak for
        self.gov_of: dict[str, str] = {}  # state key -> the government body the article names
        self.where: Optional[str] = None  # ISO3 of the country most of the named towns are in
        self._named_states: set[str] = set()  # ISO3 of the states the article names unambiguously
        self._weighted: set[str] = set()  # ISO3 of the countries the article names in any form
        self.role_of: dict[str, str] = {}  # role word ("envoy") -> the person last named with it
        self.furniture = furniture.find(self.doc, self.lex)  # bylines, credits, breadcrumbs, headings
        self.doc.user_data["blocs.furniture"] = self.furniture.page  # the places stage skips them too

    def entity(self, key: Optional[str]):
        return self.kb.entities.get(key) if key else None

    def is_person(self, key: Optional[str]) -> bool:
        """Is the actor a person: one the knowledge base knows, or one named in the article?"""
        return bool(key) and (key in self.kb.people or self.info.get(key or "", {}).get("type") == "person")

    def state_of(self, key: Optional[str]) -> Optional[str]:
        """The state key a KB key stands for: itself, or the leader's state."""
        e = self.entity(key)
        if e is not None:
            if e.type == "government" and e.country and not e.parent and e.status != "regional":
                s = self.kb.state(e.country)
                return s.key if s else None
            return key if e.type in STATE_TYPES else None
        p = self.kb.people.get(key) if key else None
        if p is None:
            return None
        terms = [t for t in p.terms if t.role in self.lex["leader_term_roles"]]
        live = [t for t in terms if t.covers(self.when)] if self.when else [t for t in terms if t.end is None]
        for t in reversed(live):
            s = self.kb.state(t.country)
            if s:
                return s.key
        return None

    def _free(self, i: int) -> bool:
        """True when token i already belongs to another hit (NER adjectives aside)."""
        return any(h.source != "drop" and not (h.source == "ner" and h.label == "NORP") for h in self.hits.covering(i))

    def _free_except(self, start: int, end: int, h: Hit) -> bool:
        return any(o is not h and o.source != "drop" for o in self.hits.overlapping(start, end))

    def _drop_inside(self, start: int, end: int, keep: Hit) -> None:
        for o in list(self.hits.overlapping(start, end)):
            if o is not keep and o.source != "drop" and start <= o.start and o.end <= end:
                o.source = "drop"

    @staticmethod
    def _clean(span: Span) -> str:
        return _clean_text(span.text)

    def _clean_at(self, start: int, end: int) -> str:
        """`_clean(doc[start:end])` without making the Span."""
        return _clean_text(tokens_text(self.doc, start, end))

    @staticmethod
    def _gazetteer(text: str) -> list:
        try:
            return list(_gazetteer_entries(text))
        except Exception:  # the gazetteer is optional for actor resolution
            return []

    def _town_entry(self, text: str, sure: bool = False):
        """The gazetteer town (not a country) a name most likely is: the most populous of those in
        a state the article names by name, people, capital or leader ('San Pedro' in an article
        on Ivory Coast, 'BENI, Congo'), else the most populous; None below 1,000 people. With
        `sure`, None for a name towns of several states share and none of them named."""
        entries = [e for e in self._gazetteer(text) if e.kind != "country" and e.population >= 1000]
        named = self._named_countries()
        near = [e for e in entries if e.country in named]
        if not near and sure and len({e.country for e in entries}) > 1:
            return None
        near = near or entries
        return max(near, key=lambda e: e.population) if near else None

    def _named_countries(self) -> frozenset:
        """ISO3 codes of the states the article's KB hits stand for (names, demonyms, capitals, leaders)."""
        got = self.doc.user_data.get("blocs_named_countries")
        if got is None:
            keys = {s for h in self.hits if h.source == "kb" and h.key and (s := self.state_of(h.key))}
            got = frozenset(e.country for k in keys if (e := self.entity(k)) is not None and e.country)
            self.doc.user_data["blocs_named_countries"] = got
        return got

    def _gazetteer_place(self, text: str) -> bool:
        """A one-word name the article gives no other role that the gazetteer knows as a town."""
        if " " in text or not text[:1].isupper():
            return False
        entries = self._gazetteer(text)
        return any(e.population >= 1000 for e in entries)

    def _personish(self, h: Hit) -> bool:
        """A person NER found or one the KB knows."""
        return h.source == "ner" and h.label == "PERSON" or h.source == "kb" and h.key in self.kb.people

    def _title_before(self, i: int) -> int:
        return _phrase_before(self.doc, i, self.comp.titles) or _phrase_before(self.doc, i, self.comp.honorifics)

    @staticmethod
    def _table(name: str) -> frozenset:
        return _word_table(name)

    def _kb_state_hit_ending(self, end: int) -> Optional[str]:
        for o in self.hits.ending(end):
            if o.source == "kb" and o.key in self.kb.entities and self.state_of(o.key):
                return self.state_of(o.key)
        return None

    def _owner_before(self, i: int) -> Optional[tuple[str, int]]:
        """The state owning a title that starts at token i ("Iran's", "Russian", "Syria's")."""
        doc = self.doc
        j = i
        if j > 1 and doc[j - 1].lower_ in self.lex["present_words"] and doc[j - 2].text in APOS:
            j -= 1  # "Japan's new prime minister"
        if j > 0 and doc[j - 1].text in APOS:
            j -= 1
        for h in self.hits.ending(j):
            if h.source == "kb" and (state := self.state_of(h.key)) and h.key in self.kb.entities:
                return state, h.start
        return None

    def _dateline(self, h: Hit) -> bool:
        """'KYIV —', 'ADEN (Reuters) -': the place a report is filed from, at a paragraph start."""
        if h.start >= len(self.doc) or not dateline(self.doc, h.start, h.end):
            return False  # asked first: few names open a paragraph, and the state look-up costs more
        return h.key not in self.kb.people and bool(self.state_of(h.key))

    def _ent_starting(self, i: int) -> Optional[Span]:
        """The NER entity that starts at token i (one walk of doc.ents per article)."""
        table = getattr(self, "_ents_by_start", None)
        if table is None:
            table = self._ents_by_start = {e.start: e for e in doc_ents(self.doc)}
        return table.get(i)

    def _ent_counts(self) -> tuple[Counter, Counter]:
        """Folded NER names counted as non-persons and as persons, once per document:
        rebuilding them per candidate made long articles quadratic."""
        if getattr(self, "_ents_counted", None) is None:
            ents = [(fold(tokens_text(self.doc, e.start, e.end)), e.label_ == "PERSON") for e in doc_ents(self.doc)]
            self._ents_counted = (
                Counter(f for f, person in ents if not person),
                Counter(f for f, person in ents if person),
            )
        return self._ents_counted


SPACES = re.compile(r"\s+")


def _clean_text(text: str) -> str:
    """A name as written, one space between words, without edge dashes and commas."""
    return SPACES.sub(" ", text).strip().strip("-‐–,;:")
