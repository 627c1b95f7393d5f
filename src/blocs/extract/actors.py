"""Actors: who the article is about, one identity per actor.

The knowledge base's surface forms are compiled once per process into a spaCy
PhraseMatcher (lower case; all-caps forms checked exactly). Its matches are merged
with spaCy NER for names the KB lacks, then grown with the parse: "Russian air
force" and "Maduro regime" stand for a state, "President X" and "Kenya's President"
for a person, "the rebels" and "civilians" for groups bound to the conflict the
article is about. `resolve` fills the Context; `finalize` picks what to report.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import yaml
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ..context import Context, Mention
from ..kb.loader import slug as kb_slug
from ..records import Actor

LEXICON = Path(__file__).parent / "data" / "actors_lexicon.yaml"
APOS = ("'s", "’s", "'", "’")
LOCATIVE = {"in", "into", "inside", "from", "across", "throughout", "near", "within", "around", "through",
            "via", "of"}
CORE_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "agent", "poss", "appos", "attr", "oprd", "pcomp"}
NER_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
STATE_TYPES = {"state"}


# ---------------------------------------------------------------- data, compiled once
def _kb():
    """The shared knowledge base (loaded and cached by blocs.kb.loader)."""
    from ..kb import loader
    return loader.load()


@functools.lru_cache(maxsize=1)
def lexicon() -> dict:
    with LEXICON.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def fold(text: str) -> str:
    """Lower case, accent-free, straight quotes: how surface forms meet."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("’", "'").replace("‘", "'").lower()


def slug(name: str) -> str:
    """An actor key, made as the knowledge base makes its keys."""
    return kb_slug(name) or "actor"


def _name_head(doc: Doc, end: int) -> tuple[bool, Token]:
    """Whether a possessive follows the name ending at `end`, and the word that governs the
    name once coordination is climbed ("Tehran and Moscow will" -> "Tehran")."""
    head = doc[end - 1]
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    return end < len(doc) and doc[end].text in APOS, head


def _variants(surface: str) -> set[str]:
    """Spellings to compile for one form: as written, curly apostrophe, accent-free."""
    out = {surface, surface.replace("'", "’")}
    if re.search(r"\w-\w", surface):  # "al-Burhan" is also written "al Burhan"
        out.add(re.sub(r"(?<=\w)-(?=\w)", " ", surface))
    plain = unicodedata.normalize("NFKD", surface)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    out |= {plain, plain.replace("'", "’")}
    return out


PARTICLE = re.compile(r"^(?:al|el| al|ad|ar|as|at|az|ash|an|bin|ibn|abu|van|von|de|da|di)[-\s]", re.I)


def _particle_free(surface: str) -> Optional[str]:
    """'al-Burhan' -> 'Burhan': news drops the article of an Arabic surname on later mentions."""
    if " " in surface.strip() or not PARTICLE.match(surface):
        return None
    bare = PARTICLE.sub("", surface)
    return bare if len(bare) > 2 and bare[0].isupper() else None


def _plural(demonym: str) -> Optional[str]:
    """English plural of a people word ("Syrian" -> "Syrians"); None when not regular."""
    return demonym + "s" if demonym.lower().endswith(("an", "i")) else None


@dataclass
class Compiled:
    """Matchers and word sets built once per (nlp, KB)."""
    kb_matcher: PhraseMatcher
    forms: dict[str, list[tuple[str, str, str]]]  # match label -> (surface, key, kind)
    group_matcher: PhraseMatcher
    groups: dict[str, tuple[str, str]]  # match label -> (group, phrase)
    titles: dict[tuple[str, ...], str]  # folded title tokens -> KB role
    honorifics: set[tuple[str, ...]]
    gov_heads: dict[tuple[str, ...], str]
    surnames: dict[str, list[str]]  # folded surname -> person keys
    role_titles: set[tuple[str, ...]]  # office words that precede a name but do not join it
    militia_nouns: frozenset = frozenset()  # armed nouns as word tuples


def _tok(nlp, text: str) -> tuple[str, ...]:
    return tuple(fold(t.text) for t in nlp.make_doc(text))


@functools.lru_cache(maxsize=2)
def compiled(nlp) -> Compiled:
    """Compile the KB and the lexicon into matchers (once per process and pipeline)."""
    kb, lex = _kb(), lexicon()
    forms: dict[str, list] = defaultdict(list)
    written: dict[str, set[str]] = defaultdict(set)  # label -> spellings as written (tokenised as such)
    for surface, key, kind in kb.surface_forms():
        variants = _variants(surface)
        if kind == "demonym" and (pl := _plural(surface)):
            for v in _variants(pl):
                forms[v.lower()].append((v, key, "plural"))
                written[v.lower()].add(v)
        if kind == "person" and (bare := _particle_free(surface)):
            variants |= _variants(bare)
        for v in variants:
            forms[v.lower()].append((v if kb.case_sensitive(surface) else surface, key, kind))
            written[v.lower()].add(v)
    kb_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    pairs = [(label, v) for label, vs in written.items() for v in sorted(vs)]
    patterns: dict[str, list] = defaultdict(list)
    for (label, _), doc in zip(pairs, nlp.tokenizer.pipe(v for _, v in pairs)):
        patterns[label].append(doc)
    for label, docs in patterns.items():
        kb_matcher.add(label, docs)
    group_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    groups = {}
    for group, spec in lex["generic_groups"].items():
        for phrase in spec["phrases"]:
            for v in _variants(phrase):
                label = f"G|{group}|{v}"
                groups[label] = (group, phrase)
                group_matcher.add(label, [nlp.make_doc(v)])
    titles = {_tok(nlp, t): r for t, r in kb.roles.get("titles", {}).items()}
    honor = {_tok(nlp, h) for h in kb.roles.get("honorifics", [])}
    role_titles = {_tok(nlp, h) for h in [*lex["role_nouns"], *lex["title_extra"]]}
    heads = {_tok(nlp, h): h for h in lex["government_heads"]}
    surnames: dict[str, list[str]] = defaultdict(list)
    for p in kb.people.values():
        last = p.name.split()[-1]
        surnames[fold(last)].append(p.key)
    militia = frozenset(tuple(n.split()) for n in lex["militia_nouns"])
    return Compiled(kb_matcher, dict(forms), group_matcher, groups, titles, honor, heads, dict(surnames),
                    role_titles, militia)


@functools.lru_cache(maxsize=1)
def _qualifiers() -> tuple[dict, dict, dict]:
    """Sect and people words of the lexicon -> canonical slug (sects, peoples, plural peoples)."""
    lex = lexicon()
    sects = {fold(w): k for k, ws in lex["sects"].items() for w in ws}
    peoples = {fold(w): k for k, ws in lex["peoples"].items() for w in [k, *ws]}
    plural = {fold(w): k for k, ws in lex["peoples"].items() for w in ws}
    return sects, peoples, plural


@functools.lru_cache(maxsize=None)
def _word_table(name: str) -> frozenset:
    """A lexicon word list as folded token tuples for _phrase_at, kept for the process: _edges
    caches by id(), so a table must never be freed and its id reused."""
    return frozenset(tuple(fold(w).split()) for w in lexicon()[name])


def words(doc: Doc) -> list[str]:
    """The doc's tokens folded once (kept in doc.user_data), so phrase look-ups cost no re-folding."""
    w = doc.user_data.get("blocs_folded")
    if w is None:
        w = doc.user_data["blocs_folded"] = [t.lower_ if t.text.isascii() else fold(t.text) for t in doc]
    return w


_EDGES: dict[int, tuple[set, set]] = {}


def _edges(table) -> tuple[set, set]:
    """First and last words of a phrase table: most tokens are rejected by one set look-up."""
    got = _EDGES.get(id(table))
    if got is None:
        got = _EDGES[id(table)] = ({t[0] for t in table}, {t[-1] for t in table})
    return got


def _phrase_at(doc: Doc, i: int, table, stop: Optional[int] = None) -> int:
    """Length of the longest phrase of `table` (folded token tuples) starting at token i."""
    w = words(doc)
    end = len(w) if stop is None else stop
    if i >= end or w[i] not in _edges(table)[0]:
        return 0
    best = 0
    for n in range(1, 5):
        if i + n > end:
            break
        if tuple(w[i:i + n]) in table:
            best = n
    return best


def _phrase_before(doc: Doc, end: int, table) -> int:
    """Length of the longest phrase of `table` ending right before token `end`."""
    w = words(doc)
    if end <= 0 or w[end - 1] not in _edges(table)[1]:
        return 0
    best = 0
    for n in range(1, 5):
        if end - n < 0:
            break
        if tuple(w[end - n:end]) in table:
            best = n
    return best


# ---------------------------------------------------------------- candidate spans
@dataclass
class Hit:
    """One stretch of tokens that may name an actor, before and after resolution."""
    start: int
    end: int
    source: str  # kb | group | ner | militia | role
    kind: str
    key: Optional[str] = None
    cands: list = field(default_factory=list)  # kb: (surface, key, kind)
    label: str = ""  # NER label or generic group
    strong_state: Optional[str] = None  # the state a phrase binds to ("Syrian rebels")

    @property
    def size(self) -> int:
        return self.end - self.start


class Resolver:
    """Resolves one parsed article; one job per method, called in order by `run`."""

    def __init__(self, ctx: Context, nlp=None):
        from .. import nlp as nlp_mod
        self.ctx, self.doc = ctx, ctx.doc
        self.kb, self.lex = _kb(), lexicon()
        self.comp = compiled(nlp or nlp_mod.load())
        self.when = ctx.published
        self.hits: list[Hit] = []
        self.info: dict[str, dict] = {}  # actor key -> name, type, country, confidence
        self.roles: dict[str, str] = {}  # person key -> state key they officially speak for
        self.gov_of: dict[str, str] = {}  # state key -> the government body the article names
        self.where: Optional[str] = None  # ISO3 of the country most of the named towns are in
        self.role_of: dict[str, str] = {}  # role word ("envoy") -> the person last named with it

    # -- 1. find
    def kb_hits(self) -> list[Hit]:
        doc, out = self.doc, []
        for match_id, start, end in self.comp.kb_matcher(doc):
            label = doc.vocab.strings[match_id]
            text = doc[start:end].text
            cands = [c for c in self.comp.forms[label] if not self.kb.case_sensitive(c[0]) or c[0] == text]
            if cands and self._case_ok(doc[start:end], cands):
                out.append(Hit(start, end, "kb", cands[0][2], cands=cands))
        return out

    def _case_ok(self, span: Span, cands) -> bool:
        """A lower-case match ("the west", "turkey") counts only in a determined noun use."""
        if any(any(c.isupper() for c in t.text) for t in span):
            return True
        if any(kind in ("demonym", "plural", "person", "capital") for _, _, kind in cands):
            return False
        doc = span.doc
        det = span[0].lower_ == "the" or (span.start > 0 and doc[span.start - 1].lower_ == "the")
        nxt = doc[span.end] if span.end < len(doc) else None
        return det and span[-1].dep_ not in ("compound", "amod") and not (nxt is not None and nxt.lower_ in ("of", "bank", "side", "coast"))

    def group_hits(self) -> list[Hit]:
        out = []
        for match_id, start, end in self.comp.group_matcher(self.doc):
            group, phrase = self.comp.groups[self.doc.vocab.strings[match_id]]
            if self.doc[start].lower_ == "the" and end - start > 1 and phrase.split()[0] != "the":
                continue
            out.append(Hit(start, end, "group", "generic", label=group))
        return out

    def ner_hits(self) -> list[Hit]:
        out = []
        for e in self.doc.ents:
            if e.label_ in NER_LABELS:
                start, end = self._trim(e.start, e.end)
                if end > start:
                    out.append(Hit(start, end, "ner", "ner", label=e.label_))
        return out

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        """NER spans sometimes hold a possessive or an unclosed bracket: 'Arnor's', 'Union (Conservatives'."""
        doc = self.doc
        for i in range(start, end):
            if doc[i].text == "(" and not any(t.text == ")" for t in doc[i:end]):
                end = i
                break
        while end > start and (doc[end - 1].text in APOS or doc[end - 1].is_punct):
            end -= 1
        while end > start and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
            start += 1
        return start, end

    @staticmethod
    def select(hits: list[Hit]) -> list[Hit]:
        """Longest first, KB before lexicon before NER; no two hits share a token."""
        prio = {"kb": 0, "group": 1, "ner": 2}
        taken: set[int] = set()
        out = []
        for h in sorted(hits, key=lambda h: (-h.size, prio[h.source], h.start)):
            if any(i in taken for i in range(h.start, h.end)):
                continue
            taken.update(range(h.start, h.end))
            out.append(h)
        return sorted(out, key=lambda h: h.start)

    def _ner_overrides(self, ner: Hit, kb_tokens: set[int]) -> bool:
        """An NER name may cover KB forms only if it adds a proper-noun word of its own."""
        titles = {w for t in self.comp.titles for w in t} | {w for t in self.comp.gov_heads for w in t} \
            | set(self.lex["head_modifiers"]) | {w for r in self.lex["role_nouns"] for w in r.split()}
        for t in self.doc[ner.start:ner.end]:
            if t.i in kb_tokens or not t.is_alpha or t.lower_ in titles:
                continue
            if t.text[0].isupper() and t.lower_ not in ("the",):
                return True
        return False

    def find(self) -> None:
        kb, groups, ner = self.kb_hits(), self.group_hits(), self.ner_hits()
        places = [e for e in self.doc.ents if e.label_ in ("GPE", "LOC", "FAC")]  # doc.ents is rebuilt per access
        kb = [h for h in kb if not self._inside_place_name(h, places)]
        kb_tokens = {i for h in kb for i in range(h.start, h.end)}
        # an NER adjective/people span ("Congolese Tutsis") never hides the KB demonym inside it
        ner = [h for h in ner if not any(i in kb_tokens for i in range(h.start, h.end))
               or h.label != "NORP" and self._ner_overrides(h, kb_tokens)]
        # a group phrase inside a NER name ("Syrian Democratic Forces") belongs to the name
        self.hits = self.select(kb + groups + ner)

    def _inside_place_name(self, h: Hit, places) -> bool:
        """A KB name that is only the start of a longer place name: "the West" in "the West Bank"."""
        for e in places:
            if e.start <= h.start and h.end < e.end and \
                    all(t.text[:1].isupper() for t in self.doc[h.end:e.end]):
                return True
        return False

    # -- 2. resolve KB candidates
    def resolve_kb(self) -> None:
        named_people = {c[1] for h in self.hits if h.source == "kb" for c in h.cands
                        if c[2] == "person" and fold(c[0]) == fold(self.kb.people[c[1]].name)}
        for h in self.hits:
            if h.source != "kb":
                continue
            h.key, h.kind = self._choose(h, named_people)
            if h.key is None:
                h.source = "drop"

    def _choose(self, h: Hit, named_people: set[str]) -> tuple[Optional[str], str]:
        ents = [c for c in h.cands if c[2] != "person"]
        people = [c for c in h.cands if c[2] == "person"]
        titled = self._title_before(h.start) > 0
        if ents and not (people and titled):
            order = {"name": 0, "seat": 1, "capital": 2, "demonym": 3, "plural": 4}
            ents.sort(key=lambda c: (order.get(c[2], 9), self.kb.entities[c[1]].type not in STATE_TYPES))
            return ents[0][1], ents[0][2]
        scored = []
        for surface, key, _ in people:
            p = self.kb.people[key]
            full = fold(surface) == fold(p.name) or len(surface.split()) > 1
            live = bool(p.in_office(self.when)) if self.when else any(t.end is None for t in p.terms)
            known = key in named_people
            if not (full or live or known or titled or self._ner_person(h)):
                continue
            latest = max((t.start for t in p.terms if not self.when or t.start <= self.when), default=None)
            scored.append(((full, known, live, titled, latest.toordinal() if latest else 0), key))
        if not scored:
            return None, "person"
        scored.sort(reverse=True)
        return scored[0][1], "person"

    def _ner_person(self, h: Hit) -> bool:
        return any(e.label_ == "PERSON" for e in self.doc[h.start:h.end].ents) or \
            self.doc[h.start].ent_type_ == "PERSON"

    def _title_before(self, i: int) -> int:
        return _phrase_before(self.doc, i, self.comp.titles) or _phrase_before(self.doc, i, self.comp.honorifics)

    # -- 3. grow KB mentions with the phrase they head
    def entity(self, key: Optional[str]):
        return self.kb.entities.get(key) if key else None

    def state_of(self, key: Optional[str]) -> Optional[str]:
        """The state key a KB key stands for: itself, or the leader's state."""
        e = self.entity(key)
        if e is not None:
            if e.type == "government" and e.country and not e.parent:
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

    def grow(self) -> None:
        """'Russian air force', "Ethiopia's government", 'Maduro regime forces', 'Yemeni rebels'."""
        doc = self.doc
        by_start = {h.start: h for h in self.hits}
        for h in list(self.hits):
            if h.source != "kb" or h.key is None:
                continue
            is_person = h.key in self.kb.people
            state = self.state_of(h.key)
            e = self.entity(h.key)
            j = h.end
            if j < len(doc) and doc[j].text in APOS and (e is None or h.kind != "demonym"):
                j += 1
            nxt = by_start.get(j)
            if nxt is not None and nxt.source == "group" and (state or e is not None):
                if nxt.label == "state" and state and (not is_person or self._leader_head(doc[j])):
                    self._absorb(h, nxt, state, "government")
                elif nxt.label != "state" and state and not is_person:  # rebels, people, protesters, workers
                    h.strong_state = state
                    self._absorb(h, nxt, None, nxt.label)
                    h.source, h.label = "group", nxt.label
                continue
            if is_person:
                if state and j < len(doc) and self._leader_head(doc[j]):
                    end = j + 1
                    end += self._heads_len(end)
                    self._set_span(h, h.start, end, state, "government")
                continue
            if e is None or e.type == "person":
                continue
            k = j
            while k < len(doc) and k - j < 3 and self._modifier(doc[k]) and not self._free(k):
                k += 1
            later = by_start.get(k)
            if k > j and later is not None and later.source == "group" and later.label == "state" and state:
                self._absorb(h, later, state, "government")  # "Ethiopia's federal government"
                continue
            n = self._heads_len(k) if not self._free(k) else 0
            if n == 0 and k > j:
                k, n = j, self._heads_len(j)
            if n and (state or e.type in ("armed_group", "party", "igo")):
                self._set_span(h, h.start, k + n, h.key, "government" if state else h.kind)
            elif e.type in ("armed_group",) and k < len(doc):
                m = _phrase_at(doc, j, self.comp.militia_nouns)
                if m and not self._free(j):
                    self._set_span(h, h.start, j + m, h.key, h.kind)

    def _modifier(self, tok: Token) -> bool:
        """Words between a state and its force noun: 'ground', 'internationally recognised'."""
        return tok.lower_ in self.lex["head_modifiers"] or (tok.pos_ in ("ADJ", "ADV") and tok.is_lower
                                                             and tok.dep_ in ("amod", "advmod"))

    def _free(self, i: int) -> bool:
        """True when token i already belongs to another hit (NER adjectives aside)."""
        return any(h.start <= i < h.end for h in self.hits
                   if h.source != "drop" and not (h.source == "ner" and h.label == "NORP"))

    def _heads_len(self, i: int) -> int:
        return _phrase_at(self.doc, i, self.comp.gov_heads) if i < len(self.doc) and not self._free(i) else 0

    def _leader_head(self, tok: Token) -> bool:
        return tok.lower_ in self.lex["leader_heads"]

    def _absorb(self, h: Hit, nxt: Hit, key: Optional[str], kind: str) -> None:
        nxt.source = "drop"
        h.end = nxt.end
        if key:
            h.key = key
        h.kind = kind

    def _set_span(self, h: Hit, start: int, end: int, key: str, kind: str) -> None:
        for other in self.hits:
            if other is not h and other.source != "drop" and other.start < end and start < other.end:
                if other.source == "group" and other.label == "state":
                    other.source = "drop"
                else:
                    return
        h.start, h.end, h.key, h.kind = start, end, key, kind

    def _capital_metonym(self, h: Hit) -> bool:
        """'Moscow said', 'Tehran and Moscow will', "Beijing's": a capital acting, not a place."""
        possessive, head = _name_head(self.doc, h.end)
        if possessive:
            return True
        if head.dep_ in ("nsubj", "nsubjpass", "dobj", "agent", "dative", "poss"):
            return True
        if head.dep_ == "pobj" and head.head.lower_ in ("with", "against", "by", "between"):
            return head.head.head.pos_ != "NOUN" or head.head.lower_ == "with"
        return False

    # -- 4. persons: titles, roles, unknown names
    def people(self) -> None:
        doc = self.doc
        kb_full = {}
        for h in self.hits:
            if h.source == "kb" and h.key in self.kb.people:
                kb_full[fold(self.kb.people[h.key].name.split()[-1])] = h.key
        seen_full: dict[str, str] = {}
        author = fold(self.ctx.document.author or "")
        for h in self.hits:
            if h.source == "ner" and h.label == "PERSON":
                text = self._clean(doc[h.start:h.end])
                toks = text.split()
                if not toks or fold(text) == author or self._byline(h) or not any(c.isupper() for c in text) \
                        or (len(toks) > 1 and text.isupper()) \
                        or self._place_like(h, text):
                    h.source = "drop"
                    continue
                last = fold(toks[-1])
                known = len(toks) == 1 and (last in seen_full or last in kb_full)
                if not known and self._not_an_actor(h, text):
                    h.source = "drop"
                    continue
                if len(toks) == 1 and last in seen_full:
                    h.key = seen_full[last]
                elif len(toks) == 1 and last in kb_full:
                    h.key = kb_full[last]
                elif len(toks) == 1 and self._gazetteer_place(text) and not self._later_full(last, h):
                    h.source = "drop"
                    continue
                else:
                    h.key = slug(text)
                    self.info.setdefault(h.key, {"name": text, "type": "person", "country": None,
                                                 "confidence": 0.7})
                    if len(toks) > 1:
                        seen_full.setdefault(last, h.key)
                h.kind = "name"
        self._surnames_anywhere({**kb_full, **seen_full})
        # a surname seen before its full name joins it too
        for h in self.hits:
            if h.source == "ner" and h.label == "PERSON" and h.key and " " not in self._clean(doc[h.start:h.end]):
                last = fold(self._clean(doc[h.start:h.end]))
                if last in seen_full and h.key != seen_full[last]:
                    self.info.pop(h.key, None)
                    h.key = seen_full[last]
        for h in self.hits:
            if h.source in ("kb", "ner") and h.key and (h.key in self.kb.people or self.info.get(h.key, {}).get("type") == "person"):
                self._title(h)

    def _surnames_anywhere(self, known: dict[str, str]) -> None:
        """A bare surname of a person the article names joins him, whatever NER called it."""
        if not known:
            return
        covered = {}
        for h in self.hits:
            if h.source != "drop":
                for i in range(h.start, h.end):
                    covered[i] = h
        for t in self.doc:
            f = fold(t.text)
            if f not in known or not t.text[:1].isupper():
                continue
            h = covered.get(t.i)
            if h is None:
                self.hits.append(Hit(t.i, t.i + 1, "ner", "name", key=known[f], label="PERSON"))
            elif h.source == "ner" and h.label != "PERSON" and h.size == 1:
                h.label, h.key, h.kind = "PERSON", known[f], "name"
        self.hits.sort(key=lambda h: h.start)

    def _later_full(self, last: str, h: Hit) -> bool:
        """Is there a longer person name ending in this word later on?"""
        return any(o.source == "ner" and o.label == "PERSON" and o.size > 1 and o.start > h.start
                   and fold(self.doc[o.end - 1].text) == last for o in self.hits)

    def _ent_counts(self) -> tuple[Counter, Counter]:
        """Folded NER names counted as non-persons and as persons, once per document:
        rebuilding them per candidate made long articles quadratic."""
        if getattr(self, "_ents_counted", None) is None:
            ents = [(fold(e.text), e.label_ == "PERSON") for e in self.doc.ents]
            self._ents_counted = (Counter(f for f, person in ents if not person),
                                  Counter(f for f, person in ents if person))
        return self._ents_counted

    def _place_like(self, h: Hit, text: str) -> bool:
        """NER calls some towns persons ("turning Mariupol into"): a one-word name that the
        article elsewhere tags as a place, or that sits in a list of places, is one."""
        if " " in text:
            return False
        places, persons = self._ent_counts()
        if places[fold(text)] > persons[fold(text)]:
            return True
        tok = self.doc[h.end - 1]
        for _ in range(4):
            if tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE:
                return True
            if tok.dep_ not in ("conj", "appos") or tok.head.i == tok.i:
                return False
            tok = tok.head
            if tok.ent_type_ in ("GPE", "LOC"):
                return True
        return False

    def _byline(self, h: Hit) -> bool:
        """A name standing alone on its line near the top is the author's byline."""
        sent = self.doc[h.start].sent
        words = [t for t in sent if t.is_alpha]
        if h.start < 60 and len(words) <= len([t for t in self.doc[h.start:h.end] if t.is_alpha]) + 1:
            return True
        # "By Jane Doe and John Roe": a short line near the top that opens with "By"
        doc, i = self.doc, h.start
        while i > 0 and "\n" not in doc[i - 1].text_with_ws:
            i -= 1
        j = h.end
        while j < len(doc) and "\n" not in doc[j - 1].text_with_ws:
            j += 1
        line = doc[i:j]
        return h.start < 80 and doc[i].lower_ == "by" and len([t for t in line if t.is_alpha]) <= 12 \
            and all(t.text[:1].isupper() or t.lower_ in ("by", "and") or not t.is_alpha for t in line)

    def _title(self, h: Hit) -> None:
        """'President Ruto' (title joins the name); "Kenya's President X" (title is its own mention);
        "Turkey's special envoy to Libya, X" (role gives the person's state)."""
        doc = self.doc
        r = _phrase_before(doc, h.start, self.comp.role_titles)
        for o in self.hits:
            if o.source == "ner" and o is not h and h.start - r <= o.start and o.end <= h.start:
                o.source = "drop"  # "Secretary of State X": NER's ORG "State"
        if r:
            self.role_of[doc[h.start - 1].lower_] = h.key
        n = self._title_before(h.start)
        if n:
            t0 = h.start - n
            owner = self._owner_before(t0)
            if owner:
                state_key, o_start = owner
                self.hits.append(Hit(o_start, h.start, "role", "leader", key=h.key))
                self._drop_inside(o_start, h.start, keep=self.hits[-1])
                former = o_start > 0 and words(doc)[o_start - 1] in self.lex["former_words"]
                self._person_state(h.key, state_key, official=not former)
            elif not self._free_except(t0, h.start, h) and doc[t0].text[:1].isupper():
                h.start = t0
        self._role_context(h)

    def _owner_before(self, i: int) -> Optional[tuple[str, int]]:
        """The state owning a title that starts at token i ("Iran's", "Russian", "Syria's")."""
        doc = self.doc
        j = i
        if j > 0 and doc[j - 1].text in APOS:
            j -= 1
        for h in self.hits:
            if h.source == "kb" and h.end == j and self.state_of(h.key) and h.key in self.kb.entities:
                return self.state_of(h.key), h.start
        return None

    def _free_except(self, start: int, end: int, h: Hit) -> bool:
        return any(o is not h and o.source != "drop" and o.start < end and start < o.end for o in self.hits)

    def _drop_inside(self, start: int, end: int, keep: Hit) -> None:
        for o in self.hits:
            if o is not keep and o.source != "drop" and start <= o.start and o.end <= end:
                o.source = "drop"

    def _role_context(self, h: Hit) -> None:
        """Find the state that owns the person's role: appositive or compound before the name."""
        doc = self.doc
        head = doc[h.end - 1]
        role_tok = None
        if head.dep_ == "appos" and head.head.i < h.start:
            role_tok = head.head
        elif head.head.i != head.i and head.head.dep_ == "appos" and head.head.head.i == head.i:
            role_tok = head.head
        else:
            for child in head.children:
                if child.dep_ == "appos" and child.lower_ in self._role_words():
                    role_tok = child
        if role_tok is None or role_tok.lower_ not in self._role_words():
            self._role_window(h)
            return
        for t in role_tok.subtree:
            if t.i >= h.start and t.i < h.end:
                continue
            for o in self.hits:
                if o.source == "kb" and o.start <= t.i < o.end and self.state_of(o.key) and o.key in self.kb.entities:
                    if t.dep_ in ("poss", "amod", "compound") and t.head.i == role_tok.i or \
                            (t.head.i == role_tok.i and t.dep_ in ("poss",)):
                        official = role_tok.lower_ in {w.split()[-1] for w in self.lex["official_roles"]}
                        self._person_state(h.key, self.state_of(o.key), official)
                        self.role_of[role_tok.lower_] = h.key
                        return
        self._role_window(h)

    def _role_window(self, h: Hit) -> None:
        """Parse-free fallback: "<state>'s special envoy to Sudan, X" / "Kenyan Foreign Minister X"."""
        doc, roles = self.doc, self._role_words()
        i = h.start - 1
        if i >= 0 and doc[i].text == ",":
            i -= 1
        k = i
        while k >= 0 and h.start - k <= 7 and doc[k].lower_ not in roles:
            if doc[k].text in (".", ";", ":") or doc[k].lower_ in ("and", "said", "says") or doc[k].is_sent_start:
                self._role_after(h)
                return
            k -= 1
        if k < 0 or doc[k].lower_ not in roles:
            self._role_after(h)
            return
        j = k - 1
        while j >= 0 and k - j <= 3 and doc[j].pos_ in ("ADJ", "NOUN", "PROPN") and not self._kb_state_hit_ending(j + 1):
            j -= 1
        if j >= 0 and doc[j].text in APOS:
            j -= 1
        self.role_of[doc[k].lower_] = h.key
        owner = self._kb_state_hit_ending(j + 1)
        if owner:
            official = doc[k].lower_ in {w.split()[-1] for w in self.lex["official_roles"]}
            self._person_state(h.key, owner, official)
            return
        self._role_after(h)

    def _role_after(self, h: Hit) -> None:
        """'X, Ukraine's deputy defence minister, said': the appositive after the name."""
        doc, roles = self.doc, self._role_words()
        if h.end >= len(doc) or doc[h.end].text != ",":
            return
        owner = None
        for t in doc[h.end + 1:h.end + 9]:
            if t.text in (",", ".", ";") or t.lower_ in ("and", "said", "says"):
                return
            state = self._kb_state_hit_ending(t.i + 1)
            if state and owner is None:
                owner = state
            if t.lower_ in roles:
                self.role_of[t.lower_] = h.key
            if t.lower_ in roles and owner:
                official = t.lower_ in {w.split()[-1] for w in self.lex["official_roles"]}
                self._person_state(h.key, owner, official)
                return

    def _kb_state_hit_ending(self, end: int) -> Optional[str]:
        for o in self.hits:
            if o.source == "kb" and o.end == end and o.key in self.kb.entities and self.state_of(o.key):
                return self.state_of(o.key)
        return None

    def _role_words(self) -> set[str]:
        return {w.split()[-1] for w in self.lex["role_nouns"]}

    def _person_state(self, key: str, state_key: str, official: bool) -> None:
        info = self.info.get(key)
        e = self.kb.entities.get(state_key)
        if info is not None and info.get("country") is None and e is not None:
            info["country"] = e.country
        if official:
            self.roles.setdefault(key, state_key)

    def titles_alone(self) -> None:
        """'the president', "Iran's President", 'the Russian foreign minister' with no name after."""
        doc = self.doc
        i = 0
        while i < len(doc):
            n = _phrase_at(doc, i, self.comp.titles)
            if not n or self._free(i) or self._free(i + n - 1):
                i += 1
                continue
            nxt = doc[i + n] if i + n < len(doc) else None
            if nxt is not None and (nxt.ent_type_ == "PERSON" or nxt.pos_ == "PROPN"):
                i += n
                continue
            role = self.comp.titles[tuple(words(doc)[i:i + n])]
            owner = self._owner_before(i)
            start = owner[1] if owner else i
            state_key = owner[0] if owner else None
            if state_key is None and nxt is not None and nxt.lower_ == "of" and i + n + 1 < len(doc):
                for h in self.hits:
                    if h.source == "kb" and h.start == i + n + 1 and self.state_of(h.key) and h.key in self.kb.entities:
                        state_key = self.state_of(h.key)
            if state_key is None and start > 0 and doc[start - 1].lower_ == "the" and self.ctx.main_country:
                s = self.kb.state(self.ctx.main_country)
                state_key = s.key if s else None
            person = self._office_holder(state_key, role) if state_key else None
            if person:
                if owner:
                    self._drop_inside(owner[1], i + n, keep=None)  # type: ignore[arg-type]
                self.hits.append(Hit(start, i + n, "role", "leader", key=person))
            i += n

    def role_anaphora(self) -> None:
        """'the envoy', 'the spokesman': the person the article introduced with that role."""
        doc = self.doc
        for t in doc[1:]:
            person = self.role_of.get(t.lower_)
            if person is None or doc[t.i - 1].lower_ != "the" or self._free(t.i):
                continue
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            if nxt is not None and (nxt.pos_ == "PROPN" or nxt.lower_ in ("of", "for", "to")):
                continue
            first = min((h.start for h in self.hits if h.key == person and h.source != "drop"), default=len(doc))
            if first < t.i:
                self.hits.append(Hit(t.i, t.i + 1, "role", "leader", key=person))

    def _office_holder(self, state_key: str, role: str) -> Optional[str]:
        e = self.kb.entities.get(state_key)
        if e is None or not e.country or self.when is None:
            return None
        group = self.kb.roles.get("groups", {}).get(role, [role])
        found = [p.key for p, t in self.kb.leaders(e.country, self.when) if t.role in group]
        return found[0] if found else None

    # -- 5. conflict country and generic groups
    def main_country(self) -> Optional[str]:
        """The state the article's conflict is in: most named, weighted to regime and place uses."""
        score: Counter = Counter()
        for h in self.hits:
            if h.source == "drop" or not h.key:
                continue
            state = self.state_of(h.key) if h.source in ("kb", "role") else None
            if not state:
                continue
            w = 1.0
            if h.kind == "government":
                w = 1.5 + 1.5 * any(t.lower_ in ("regime", "junta") for t in self.doc[h.start:h.end])
            tok = self.doc[h.end - 1]
            if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "inside", "across", "throughout"):
                w += 1.0
            if self._dateline(h):
                w += 2.0
            if h.key in self.kb.people:
                w = 0.5
            score[state] += w
        places = self._place_countries()
        common = Counter(places).most_common(1)
        self.where = common[0][0] if common and common[0][1] >= 2 else None
        for iso3 in places:
            s = self.kb.state(iso3)
            if s:
                score[s.key] += 1.5
        if not score:
            return None
        best = score.most_common(1)[0][0]
        e = self.kb.entities.get(best)
        return e.country if e else None

    def _place_countries(self) -> list[str]:
        """Countries of the towns and regions the article names (the war is where its places are)."""
        covered = {i for h in self.hits if h.source == "kb" for i in range(h.start, h.end)}
        out = []
        for e in self.doc.ents:
            if e.label_ not in ("GPE", "LOC", "PERSON", "ORG", "FAC") or any(i in covered for i in range(e.start, e.end)):
                continue
            if e.label_ not in ("GPE", "LOC") and \
                    not self._town_like(Hit(e.start, e.end, "ner", "ner", label=e.label_), self._clean(e)):
                continue  # NER tags some towns PERSON/ORG: count them when their use says town
            entries = self._gazetteer(self._clean(e))
            if entries:
                best = max(entries, key=lambda x: x.population)
                if best.population >= 1000 and best.kind != "country":
                    out.append(best.country)
        return out

    @staticmethod
    def _gazetteer(text: str) -> list:
        try:
            from ..kb import gazetteer
            return gazetteer.load().lookup(text)
        except Exception:  # the gazetteer is optional for actor resolution
            return []

    def _dateline(self, h: Hit) -> bool:
        """'KYIV —', 'ADEN (Reuters) -': the place a report is filed from, at a paragraph start."""
        doc = self.doc
        starts = h.start == 0 or "\n" in doc[h.start - 1].text_with_ws or doc[h.start - 1].is_space
        nxt = doc[h.end].text if h.end < len(doc) else ""
        if not starts or not self.state_of(h.key) or h.key in self.kb.people:
            return False
        return nxt in ("—", "–", "-", "(", "--") or nxt == "," and doc[h.start:h.end].text.isupper()

    def governments(self) -> None:
        """When the article names a state's government body ("Sudanese Armed Forces", "Myanmar's
        junta"), that state's other government and force phrases are that body too."""
        found: dict[str, Counter] = defaultdict(Counter)
        for h in self.hits:
            e = self.entity(h.key) if h.source == "kb" else None
            if e is not None and e.type == "government" and not e.parent and (state := self.state_of(h.key)):
                found[state][h.key] += 1
        self.gov_of = {state: keys.most_common(1)[0][0] for state, keys in found.items()}
        for h in self.hits:
            if h.source in ("kb", "role") and h.kind == "government" and h.key in self.gov_of:
                h.key = self.gov_of[h.key]

    def groups(self) -> None:
        """Bind 'the rebels', 'the regime', 'civilians' to the conflict or to the state named with them."""
        main = self.kb.state(self.ctx.main_country) if self.ctx.main_country else None
        where = self.kb.state(self.where) if self.where else None
        need_state = set(self.lex["people_need_state"])
        need_ctx = set(self.lex["state_need_context"])
        for h in self.hits:
            if h.source != "group":
                continue
            state = self.kb.entities.get(h.strong_state) if h.strong_state else None
            phrase = fold(self._clean(self.doc[h.start:h.end]))
            bare = re.sub(r"^the ", "", phrase)
            if state is None:
                if bare in need_state or phrase in need_state:
                    h.source = "drop"
                    continue
                if h.label == "state" and bare in need_ctx and not self._governs(h):
                    h.source = "drop"
                    continue
                state = (where or main) if h.label == "people" else main
                if h.label in ("people", "protesters", "workers"):
                    state = self._place_state(h) or state  # "protesters in <town>": the town's country
            if h.label == "armed":
                group = self._named_group(h, state)
                if group:
                    h.key, h.kind = group, "generic"
                    continue
                if h.label == "armed":
                    h.source = "drop"
                    continue
            if h.label == "rebels" and bare == "opposition" and not self._armed_context(h):
                h.source = "drop"
                continue
            if state is None:
                h.source = "drop"
                continue
            conf = 0.85 if h.strong_state else 0.7
            if h.label == "state":
                h.key, h.kind = self.gov_of.get(state.key, state.key), "government"
                continue
            group = self._home_group(state) if h.label == "rebels" else None
            if group:
                h.key, h.kind = group, "generic"
                continue
            h.key, h.kind = f"{state.key}-{h.label}", "generic"
            dem = (state.demonyms or (state.name,))[0]
            name = self.lex["generic_groups"][h.label]["name"].format(demonym=dem)
            self.info.setdefault(h.key, {"name": name, "type": self.lex["generic_groups"][h.label]["type"],
                                         "country": state.country, "confidence": conf})

    def _named_group(self, h: Hit, state) -> Optional[str]:
        """'the group', 'the paramilitary force': the named armed group they stand for: the one armed
        group of the conflict country the article names (or names twice as often as any other),
        else the one named last in this sentence or the one before."""
        count = self._armed_counts()
        ranked = count.most_common(2)
        top = self._country_of(ranked[0][0]) if ranked else None
        if (len(ranked) == 1 or len(ranked) == 2 and ranked[0][1] >= 2 * ranked[1][1]) and \
                (state is None or top in (None, state.country)):
            return ranked[0][0]
        # else the group named last, in this sentence or the one before ("X attacked ... The group said")
        sent = self.doc[h.start].sent
        prev = self.doc[sent.start - 1].sent if sent.start > 0 else sent
        recent = self._armed_counts(prev.start, h.start)
        return max(recent, key=recent.get) if recent else None

    def _country_of(self, key: str) -> Optional[str]:
        e = self.entity(key)
        return e.country if e is not None else self.info.get(key, {}).get("country")

    def _armed_counts(self, lo: int = 0, hi: Optional[int] = None) -> Counter:
        """Named non-state armed groups (KB or 'X rebels' names) and how often the article names them;
        with lo/hi, the last position where each is named between those tokens."""
        count: Counter = Counter()
        for h in self.hits:
            if h.source == "drop" or not h.key or h.source not in ("kb", "militia"):
                continue
            if hi is not None and not lo <= h.start < hi:
                continue
            e = self.entity(h.key)
            typ = e.type if e is not None else self.info.get(h.key, {}).get("type")
            named = e is not None or self.info.get(h.key, {}).get("named")
            if typ == "armed_group" and named:
                count[h.key] = h.start if hi is not None else count[h.key] + 1
        return count

    def _place_state(self, h: Hit):
        """The state whose town the phrase or, failing that, the sentence names ('protesters in X')."""
        doc = self.doc
        root = doc[h.start:h.end].root
        phrase = [t for t in root.subtree if t.i >= h.end]
        sent = doc[h.start].sent
        for toks in (phrase, list(sent)):
            found = {c for t in toks if (c := self._town_country(t))}
            if len(found) == 1:
                return self.kb.state(found.pop())
        return None

    def _town_country(self, tok: Token) -> Optional[str]:
        """ISO3 of the capital or town this token names (KB capitals, else gazetteer towns)."""
        for o in self.hits:
            if o.source == "kb" and o.start <= tok.i < o.end:
                if o.kind in ("capital", "seat") and (e := self.entity(o.key)) is not None:
                    return e.country if tok.i == o.start else None
                return None
        if tok.ent_type_ not in ("GPE", "LOC", "PERSON", "ORG", "FAC") or tok.ent_iob_ != "B":
            return None
        ent = next((e for e in tok.doc.ents if e.start == tok.i), None)
        if ent is None or ent.label_ not in ("GPE", "LOC") and \
                not self._town_like(Hit(ent.start, ent.end, "ner", "ner", label=ent.label_), ent.text):
            return None
        entries = [e for e in self._gazetteer(self._clean(ent)) if e.kind != "country" and e.population >= 1000]
        return max(entries, key=lambda e: e.population).country if entries else None

    def _home_group(self, state) -> Optional[str]:
        """The named armed group of that country the article names most ('the rebels' = M23 in eastern Congo)."""
        count: Counter = Counter()
        for h in self.hits:
            e = self.entity(h.key) if h.source == "kb" else None
            if e is not None and e.type == "armed_group" and e.country == state.country:
                count[h.key] += 1
        return count.most_common(1)[0][0] if count else None

    def _governs(self, h: Hit) -> bool:
        """'the government'/'the army' alone: only when preceded by 'the' (a known one)."""
        return self.doc[h.start].lower_ == "the" or (h.start > 0 and self.doc[h.start - 1].lower_ == "the")

    def _armed_context(self, h: Hit) -> bool:
        tok = self.doc[h.end - 1]
        return tok.dep_ in ("nsubj", "dobj", "pobj", "conj") and h.start > 0 and self.doc[h.start - 1].lower_ == "the"

    def plurals(self) -> None:
        """'Syrians' -> the population actor of the conflict country; 'the Russians' elsewhere -> the state."""
        main = self.ctx.main_country
        for h in self.hits:
            if h.source != "kb" or h.kind not in ("plural", "demonym"):
                continue
            last = self.doc[h.end - 1]
            if h.kind == "demonym" and not (last.text.endswith("s") and last.tag_ in ("NNS", "NNPS")):
                continue
            e = self.kb.entities[h.key]
            det = h.start > 0 and self.doc[h.start - 1].lower_ == "the"
            if e.type in STATE_TYPES and (e.country == main or not det):
                # "ethnic Uzbeks" in Kyrgyzstan: the country they live in, unless their kin state is
                # itself a party the article names ("ethnic Armenians" in a war Armenia fights)
                home = self.kb.state(main) if main and main != e.country and h.start > 0 and \
                    self.doc[h.start - 1].lower_ in self.lex["minority_markers"] and \
                    not self._named_elsewhere(h) else None
                h.source, h.label, h.strong_state = "group", "people", (home.key if home else h.key)
            else:
                h.kind = "demonym"

    def _named_elsewhere(self, h: Hit) -> bool:
        """Does the article name this state by its own name (not a demonym) somewhere else?"""
        return any(o is not h and o.source == "kb" and o.key == h.key and o.kind in ("name", "government", "capital")
                   for o in self.hits)

    def qualified_peoples(self) -> None:
        """"Iraqi Kurds", "Bosnian Serbs": a people qualified by a state's demonym is part of that
        state's population (CAMEO: IRQCVL (kur)), not the people's own state or group."""
        doc = self.doc
        _, _, plural_people = _qualifiers()
        for h in list(self.hits):
            if h.source != "kb" or h.kind != "demonym" or h.end >= len(doc) or not self.state_of(h.key):
                continue
            t = doc[h.end]
            own = next((o for o in self.hits if o.source not in ("drop",) and o.start == t.i and o.end == t.i + 1), None)
            people = fold(t.text) in plural_people or (
                own is not None and own.source == "group" and own.label == "people" and own.strong_state not in (None, h.key))
            plural = t.tag_ in ("NNS", "NNPS") or fold(t.text) in plural_people  # "Tutsis" is often tagged NNP
            if not people or not plural or (own is not None and own.source not in ("group", "ner")):
                continue
            for o in self.hits:
                if o.source != "drop" and o is not h and o.start <= t.i < o.end:
                    o.source = "drop"
            h.source, h.label, h.strong_state, h.end = "group", "people", self.state_of(h.key), t.i + 1

    def militias(self) -> None:
        """'Shiite militias', "Shi'ite militia fighters", 'Iran-backed militias', 'Kurdish forces'."""
        doc, lex = self.doc, self.lex
        nouns = self.comp.militia_nouns
        sects, peoples, plural_people = _qualifiers()
        w = words(doc)
        for i, f in enumerate(w):
            f = f.rstrip("-")
            if f not in sects and f not in peoples:
                continue
            t = doc[i]
            if f in plural_people and not self._free(t.i) and t.pos_ in ("PROPN", "NOUN") and t.dep_ in ("nsubj", "dobj", "nsubjpass", "conj", "pobj"):
                if t.dep_ == "pobj" and t.head.lower_ in LOCATIVE:
                    continue
                self._militia(t.i, t.i + 1, f"{plural_people[f]}-people", t.text.title(), None, "population")
                continue
            if f not in sects and f not in peoples or self._free(t.i):
                continue
            j = t.i + 1
            # "<people>-held area"
            if f in peoples and (j + 1 < len(doc) and doc[j].text == "-" and doc[j + 1].lower_ in lex["held_suffixes"]
                                 or t.text.endswith("-") and j < len(doc) and doc[j].lower_ in lex["held_suffixes"]):
                self._militia(t.i, t.i + 1, f"{peoples[f]}-forces", f"{peoples[f].title()} forces", None)
                continue
            while j < len(doc) and doc[j].lower_ in ("armed", "militia") and (doc[j].lower_, ) not in nouns:
                j += 1
            if j < len(doc) and fold(doc[j].text) in sects and sects[fold(doc[j].text)] == sects.get(f):
                j += 1
            n = _phrase_at(doc, j, nouns)
            if not n:
                n2 = _phrase_at(doc, t.i + 1, nouns)
                j, n = (t.i + 1, n2) if n2 else (j, 0)
            if not n or self._free(j) or fold(doc[j].text) not in {x[0] for x in nouns}:
                continue
            if f in sects:
                key, name = f"{sects[f]}-militias", f"{sects[f].title()} militias"
            else:
                key, name = f"{peoples[f]}-forces", f"{peoples[f].title()} forces"
            start = t.i - 1 if t.i > 0 and self._demonym_hit(t.i - 1) else t.i
            self._militia(start, j + n, key, name, None)
        self._patron_militias()
        self._named_groups()

    def _named_groups(self) -> None:
        """'M23 rebels', 'Azov fighters': a proper name the KB lacks, right before an armed noun."""
        doc, nouns = self.doc, self.comp.militia_nouns
        armed = {w for w in self.lex["named_group_nouns"]}
        for t in doc[:-1]:
            nxt = doc[t.i + 1]
            if nxt.lower_ not in armed:
                continue
            ner = [h for h in self.hits if h.source == "ner" and h.label in ("GPE", "ORG", "NORP") and h.start == t.i == h.end - 1]
            if self._free(t.i) and not ner:
                continue
            generic = [h for h in self.hits if h.source == "group" and h.start == t.i + 1]
            if self._free(t.i + 1) and not generic:
                continue
            if t.pos_ != "PROPN" or not t.text[:1].isupper() or t.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL") \
                    or words(doc)[t.i] in _qualifiers()[0] or words(doc)[t.i] in _qualifiers()[1] \
                    or self._gazetteer_place(t.text):
                continue
            if t.i > 0 and doc[t.i - 1].pos_ == "PROPN":
                continue  # part of a longer name NER should have found
            n = _phrase_at(doc, t.i + 1, nouns)
            for h in generic + ner:
                h.source = "drop"
            self._militia(t.i, t.i + 1 + max(n, 1), slug(t.text), t.text, None)
            if slug(t.text) in self.info:
                self.info[slug(t.text)]["named"] = True  # a proper name: 'the rebels' may stand for it

    def _demonym_hit(self, i: int) -> bool:
        return any(h.source == "kb" and h.kind == "demonym" and h.start == i and h.end == i + 1 for h in self.hits)

    def _patron_militias(self) -> None:
        """'<state>-backed militias': an armed group named after its patron."""
        doc, lex = self.doc, self.lex
        nouns = self.comp.militia_nouns
        for h in list(self.hits):
            if h.source != "kb" or not self.state_of(h.key) or h.key not in self.kb.entities:
                continue
            j = h.end
            if j + 1 < len(doc) and doc[j].text == "-" and doc[j + 1].lower_ in lex["patron_suffixes"]:
                k = j + 2
                n = _phrase_at(doc, k, nouns)
                one = k < len(doc) and doc[k].lower_ in lex["single_group_nouns"]
                client = self._client_group(h.key, single=one) if n or one else None
                if client and not self._free(k):  # "the Iran-backed group" = the Iran-backed group named
                    self.hits.append(Hit(k, k + max(n, 1), "militia", "generic", key=client))
                    continue
                if n and not self._free(k):
                    key = f"{h.key}-backed-militias"
                    self._militia(k, k + n, key, f"{self.kb.entities[h.key].name}-backed militias", None)

    def _client_group(self, patron: str, single: bool) -> Optional[str]:
        """The named armed group the KB says this state backs: the most named one for a singular
        noun ('the Iran-backed group'), only the one for a plural ('Iran-backed militias')."""
        count = Counter(h.key for h in self.hits if h.source == "kb" and (e := self.entity(h.key)) is not None
                        and e.type == "armed_group" and patron in e.patrons)
        if len(count) == 1 or single and count:
            return count.most_common(1)[0][0]
        return None

    def _militia(self, start: int, end: int, key: str, name: str, country: Optional[str],
                 typ: str = "armed_group") -> None:
        for o in self.hits:
            if o.source != "drop" and o.start < end and start < o.end:
                if o.source in ("kb",) and o.kind == "demonym" and o.start >= start:
                    o.source = "drop"
                elif o.source == "ner" and o.label == "NORP":
                    o.source = "drop"
                else:
                    return
        self.hits.append(Hit(start, end, "militia", "generic", key=key))
        self.info.setdefault(key, {"name": name, "type": typ, "country": country, "confidence": 0.75})

    # -- 6. unknown organisations
    def organisations(self) -> None:
        """Keep NER organisations the KB lacks, with a guessed type; drop junk and NORP adjectives."""
        noise = set(self.lex["ner_noise"])
        for h in self.hits:
            if h.source != "ner" or h.label == "PERSON":
                continue
            if h.label == "GPE" and self._person_like(h):
                text = self._clean(self.doc[h.start:h.end])
                h.label, h.key, h.kind = "PERSON", slug(text), "name"
                self.info.setdefault(h.key, {"name": text, "type": "person", "country": None, "confidence": 0.6})
                self._role_context(h)
                continue
            if h.label in ("GPE", "NORP"):
                h.source = "drop"  # places and adjectives: the places stage and militia rules own them
                continue
            span = self.doc[h.start:h.end]
            while len(span) > 1 and span[0].lower_ in ("the", "a", "an"):
                span = span[1:]
            text = self._clean(span)
            words = [t for t in span if t.is_alpha]
            if not words or fold(text) in noise or all(t.is_lower for t in words) or \
                    any(t.like_num for t in span) or len(text) < 2 or all(t.is_stop for t in words):
                h.source = "drop"
                continue
            root = span.root
            if root.dep_ in ("compound", "amod") and root.head.i >= span.end and \
                    root.head.lower_ not in self.lex["actorish_nouns"] and not self._ner_elsewhere(text, h):
                h.source = "drop"  # "American Bradley fighting vehicles": a modifier, not an actor
                continue
            generic = set(self.lex["head_modifiers"]) | {w for g in self.lex["government_heads"] for w in g.split()}
            town = self._gazetteer_place(text) and not self._speaks(h)  # "Nokia said": a firm named like a town
            if all(t.lower_ in generic for t in words) or town or self._not_an_actor(h, text):
                h.source = "drop"
                continue
            h.start = span.start
            if self._person_like(h):
                h.label, h.source, h.kind = "PERSON", "ner", "name"
                h.key = slug(text)
                self.info.setdefault(h.key, {"name": text, "type": "person", "country": None, "confidence": 0.6})
                self._role_context(h)
                continue
            h.key, h.kind = slug(text), "ner"
            self.info.setdefault(h.key, {"name": text, "type": self._org_type(words), "country": None,
                                         "confidence": 0.5})
        self._regions()
        self._acronyms()

    def _acronyms(self) -> None:
        """'the Sudan Doctors Network (SDN)': an all-caps name in brackets right after a name whose
        initials it spells is that actor, there and wherever the article repeats it."""
        doc, alias = self.doc, {}
        live = [h for h in self.hits if h.source != "drop" and h.key]
        for h in live:
            text = self._clean(doc[h.start:h.end])
            if h.start < 2 or doc[h.start - 1].text != "(" or h.end >= len(doc) or doc[h.end].text != ")" \
                    or not text.isupper() or " " in text:
                continue
            o = next((o for o in live if o.end == h.start - 1 and o.key != h.key), None)
            if o is None:
                continue
            initials = "".join(t.text[0] for t in doc[o.start:o.end] if t.text[:1].isupper())
            if initials.upper() == text.replace(".", "") or initials.upper().startswith(text):
                alias[h.key] = o.key
        for h in self.hits:
            if h.key in alias and h.source == "ner":
                self.info.pop(h.key, None)
                h.key = alias[h.key]

    def _regions(self) -> None:
        """An untyped NER 'organisation' the article once puts after 'in'/'across' ('a ceasefire in X')
        is a region NER took for a body: none of its mentions is an actor."""
        ner = [h for h in self.hits if h.source == "ner" and h.kind == "ner" and h.key
               and self.info.get(h.key, {}).get("type") == "other"]
        places = {h.key for h in ner if self._locative(h)}
        names = [fold(self.info[k]["name"]) for k in places]
        for h in ner:  # "Karabakh" after "in Nagorno-Karabakh"
            if h.key in places or any(re.search(rf"(^|[\s-]){re.escape(fold(self.info[h.key]['name']))}$", n) for n in names):
                h.source = "drop"

    def companies(self) -> None:
        """'The shipping line X said', 'oil major X': a capitalised name right after a company noun."""
        doc, table = self.doc, self._table("company_nouns")
        for i in range(len(doc)):
            n = _phrase_at(doc, i, table)
            if not n or not doc[i].is_lower or i > 0 and doc[i - 1].pos_ in ("NOUN", "PROPN"):
                continue  # "aircraft carrier X" is a ship
            j = k = i + n
            while k < len(doc) and k - j < 4 and (doc[k].pos_ == "PROPN" or doc[k].text == "-" and k > j) \
                    and doc[k].text[:1].isupper() | (doc[k].text == "-"):
                k += 1
            if k == j or any(o.source not in ("drop", "ner") and o.start < k and j < o.end for o in self.hits):
                continue
            for o in self.hits:
                if o.source == "ner" and o.start < k and i < o.end:
                    o.source = "drop"
            text = self._clean(doc[j:k])
            key = slug(text)
            self.hits.append(Hit(j, k, "militia", "generic", key=key))
            self.info.setdefault(key, {"name": text, "country": _country_in_name(text), "confidence": 0.7})
            self.info[key]["type"] = "company"
        self.hits.sort(key=lambda h: h.start)

    def _ner_elsewhere(self, text: str, h: Hit) -> bool:
        return any(o is not h and o.source == "ner" and fold(self._clean(self.doc[o.start:o.end])).endswith(fold(text))
                   for o in self.hits)

    def _person_like(self, h: Hit) -> bool:
        """NER sometimes tags a person as ORG: 'Hanna Maliar, Ukraine's deputy defence minister,'."""
        doc = self.doc
        words = doc[h.start:h.end]
        if not 2 <= len(words) <= 3 or not all(t.is_title and t.is_alpha for t in words):
            return False
        org_words = {w for ws in self.lex["org_type_words"].values() for w in ws}
        if any(t.lower_ in org_words for t in words):
            return False
        if self._title_before(h.start) or _phrase_before(doc, h.start, self.comp.role_titles):
            return True
        roles = self._role_words()
        if h.end < len(doc) and doc[h.end].text == ",":
            owner = False
            for t in doc[h.end + 1:h.end + 8]:
                if t.text in (",", ".", ";") or t.lower_ in ("and", "said"):
                    break
                owner = owner or bool(self._kb_state_hit_ending(t.i + 1))
                if t.lower_ in roles and owner:
                    return True
        return False

    def _gazetteer_place(self, text: str) -> bool:
        """A one-word name the article gives no other role that the gazetteer knows as a town."""
        if " " in text or not text[:1].isupper():
            return False
        entries = self._gazetteer(text)
        return any(e.population >= 1000 for e in entries)

    # -- 6b. NER names that are no actor: towns, datelines, equipment, platforms, peoples
    def _not_an_actor(self, h: Hit, text: str) -> bool:
        """NER tags towns, kit and platforms as PERSON/ORG: 'the village of X', 'X 2 tanks', 'on Twitter'."""
        sects, peoples, _ = _qualifiers()
        low = " ".join(w for w in fold(text).split() if w not in self.lex["minority_markers"])
        return (self._ner_dateline(h) or self._equipment(h) or low in sects or low in peoples
                or (low in self.lex["platforms"] and not self._speaks(h)) or self._place_list(text)
                or self._town_like(h, text))

    def _ner_dateline(self, h: Hit) -> bool:
        """'GOMA, Congo (AFP) -': an all-caps place opening a paragraph, before a comma, bracket or dash."""
        doc = self.doc
        starts = h.start == 0 or "\n" in doc[h.start - 1].text_with_ws or doc[h.start - 1].is_space
        nxt = doc[h.end].text if h.end < len(doc) else ""
        letters = [c for c in doc[h.start:h.end].text if c.isalpha()]
        if not (starts and len(letters) > 1 and all(c.isupper() for c in letters)):
            return False
        k = h.end + 1
        if nxt == ",":  # "GOMA, Democratic Republic of Congo (AFP) -", not "ECOWAS, the bloc, said"
            while k < len(doc) and (doc[k].text[:1].isupper() or doc[k].lower_ == "of"):
                k += 1
            nxt = doc[k].text if k > h.end + 1 and k < len(doc) else ""
        return nxt in ("(", "—", "–", "-", "--")

    def _equipment(self, h: Hit) -> bool:
        """'Leopard 2', 'Bayraktar drones': a model number or an equipment noun right after the name."""
        doc = self.doc
        if h.size > 1 and doc[h.end - 1].like_num:
            return True
        return _phrase_at(doc, h.end, self._table("equipment_nouns")) > 0

    @staticmethod
    def _table(name: str) -> frozenset:
        return _word_table(name)

    def _speaks(self, h: Hit) -> bool:
        """Is the name the subject of a verb ('Twitter suspended', 'Maersk said')?"""
        root = self.doc[h.start:h.end].root
        return root.dep_ == "nsubj"

    def _place_list(self, text: str) -> bool:
        """'Bakhmut, Avdiivka': NER glued a list of towns into one name."""
        parts = [p.strip() for p in re.split(r",|\band\b", text) if p.strip()]
        return len(parts) > 1 and all(self._gazetteer(p) for p in parts)

    def _town_like(self, h: Hit, text: str) -> bool:
        """A town NER took for a person or body: named with a settlement noun ('the village of X',
        'X, the region's main city', 'capital X'), or a gazetteer town with no person cue or in a
        locative use (after 'in'/'near', object of 'besieged'/'seized')."""
        if self._settlement_cue(h):
            return True
        entries = self._gazetteer(text)
        if not entries or not text[:1].isupper():
            return False
        if self._locative(h):
            return True
        # a bare town name NER calls a person; an organisation may well be named after a town
        return h.label == "PERSON" and not self._person_cue(h) and any(e.population >= 1000 for e in entries)

    def _settlement_cue(self, h: Hit) -> bool:
        doc, nouns = self.doc, set(self.lex["settlement_nouns"])
        prev = doc[h.start - 1] if h.start > 0 else None
        if prev is not None and prev.is_lower and prev.lower_ in nouns:
            return True  # "whose capital X", "the port city X"
        root = doc[h.start:h.end].root
        if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in nouns \
                and root.head.head.i < h.start:
            return True  # "the village of X"
        return any(t.dep_ == "appos" and t.head.i == root.i and t.lower_ in nouns for t in doc[h.end:h.end + 8])

    def _locative(self, h: Hit) -> bool:
        root = self.doc[h.start:h.end].root
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head
        if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE - {"of"}:
            return True
        return root.dep_ in ("dobj", "nsubjpass") and root.head.lemma_.lower() in self.lex["siege_verbs"]

    def _person_cue(self, h: Hit) -> bool:
        """A title before the name, a role in apposition, or the name speaking: a person."""
        doc = self.doc
        if self._title_before(h.start) or _phrase_before(doc, h.start, self.comp.role_titles):
            return True
        root = doc[h.start:h.end].root
        if root.dep_ == "nsubj" and root.head.lemma_.lower() in self.lex["speech_lemmas"]:
            return True
        roles = self._role_words()
        return any(t.dep_ == "appos" and t.head.i == root.i and t.lower_ in roles for t in doc[h.end:h.end + 8])

    def _org_type(self, words) -> str:
        low = [t.lower_ for t in words]
        for typ, cues in self.lex["org_type_words"].items():
            if any(w in cues for w in low):
                return typ
        return "other"

    # -- 7. output
    @staticmethod
    def _clean(span: Span) -> str:
        return re.sub(r"\s+", " ", span.text).strip().strip("-‐–,;:")

    def describe(self, key: str) -> dict:
        if key in self.info:
            return self.info[key]
        e = self.kb.entities.get(key)
        if e is not None:
            return {"name": e.name, "type": e.type, "country": e.country, "confidence": 0.95}
        p = self.kb.people[key]
        country = p.country or next((t.country for t in p.terms), None)
        return {"name": p.name, "type": "person", "country": country, "confidence": 0.95}

    def build(self) -> None:
        ctx = self.ctx
        ctx.actors.clear()
        ctx.mentions.clear()
        for h in sorted(self.hits, key=lambda h: h.start):
            if h.source == "drop" or not h.key:
                continue
            if h.kind in ("capital", "name") and self._dateline(h) or h.kind == "capital" and not self._capital_metonym(h):
                continue
            if h.size > 1 and self.doc[h.start].lower_ == "the":
                h.start += 1
            text = self._clean(self.doc[h.start:h.end])
            d = self.describe(h.key)
            actor = ctx.actors.get(h.key)
            if actor is None:
                actor = ctx.actors[h.key] = Actor(key=h.key, name=d["name"], type=d["type"],
                                                  country=d.get("country"), confidence=d["confidence"])
            if text not in actor.aliases:
                actor.aliases.append(text)
            actor.mentions += 1
            ctx.mentions.append(Mention(h.start, h.end, h.key, text, MENTION_KINDS.get(h.kind, "name")))
        for actor in ctx.actors.values():
            actor.confidence = round(min(0.99, actor.confidence + 0.01 * (actor.mentions - 1)), 2)
        self.guess_countries()
        self.leaders()
        ctx.index()

    def guess_countries(self) -> None:
        """Persons and organisations the KB lacks: the country their own name or context gives
        ("Latvian Constitutional Court", "Lebanon's new President X", "Pakistani minister X")."""
        ctx, doc = self.ctx, self.doc
        for key, actor in ctx.actors.items():
            if actor.country or key in self.kb.entities or key in self.kb.people or actor.type not in self.lex["country_guess_types"]:
                continue
            if actor.type != "person":
                actor.country = _country_in_name(actor.name) or (
                    ctx.main_country if actor.type in self.lex["main_country_org_types"] else None)
                continue
            for m in (m for m in ctx.mentions if m.key == key):
                sent = doc[m.start].sent
                lo = max(sent.start, m.start - self.lex["country_window"])
                hi = min(sent.end, m.end + 1 + self.lex["country_window"])
                before = [o for o in self.hits if o.source == "kb" and lo <= o.start and o.end <= m.start
                          and o.key in self.kb.entities and self.state_of(o.key)]
                # "X, Algeria's leading rights activist": a possessive state in the apposition
                after = [o for o in self.hits if o.source == "kb" and m.end < o.start and o.end < hi
                         and o.key in self.kb.entities and self.state_of(o.key) and doc[o.end].text in APOS] \
                    if m.end < len(doc) and doc[m.end].text == "," else []
                if before or after:
                    o = max(before, key=lambda o: o.end) if before else after[0]
                    actor.country = self.kb.entities[self.state_of(o.key)].country
                    break
                if (got := self._context_country(m)):
                    actor.country = got
                    break
                titled = m.start > 0 and doc[m.start - 1].lower_ in self.lex["country_titles"] or \
                    any(t.lower_ in self.lex["country_titles"] for t in doc[m.start:m.end - 1])
                # an official with no state named near the name: the one state of the sentence,
                # else the article's main country when the sentence names no state at all
                states = {ctx.actors[o.key].country for o in ctx.mentions if sent.start <= o.start < sent.end
                          and o.key != key and ctx.actors[o.key].country and ctx.actors[o.key].type != "person"}
                guess = states.pop() if len(states) == 1 else (ctx.main_country if not states else None)
                if titled and guess:
                    actor.country = guess
                    break

    def _context_country(self, m: Mention) -> Optional[str]:
        """The country the role around a name gives, nearest qualifier first: 'M23 spokesman X',
        'X, an adviser to <person>', 'its envoy X' (the state named last), 'regional governor X'
        (the sentence's town), a role opening the sentence ('Ministry spokesman X', after a
        sentence about a state)."""
        doc, roles = self.doc, self._role_words()
        i = m.start
        if i > 1 and doc[i - 1].text == "," and doc[i - 2].lower_ in roles:
            i -= 1  # "Its defence ministry spokeswoman, X"
        while i > 0 and (doc[i - 1].is_space or doc[i - 1].lower_ in roles or doc[i - 1].lower_ in self.lex["head_modifiers"]
                         or doc[i - 1].lower_ in ("ministry", "military", "regional", "provincial", "special")):
            i -= 1
        if i == m.start or doc[i:m.start].text.strip(" ,\n") == "":
            if m.end < len(doc) and doc[m.end].text == ",":
                return self._apposition_country(m)
            return None
        role = {t.lower_ for t in doc[i:m.start]}
        if i > 0 and (owner := self._mention_ending(i)) is not None and owner.country and owner.type != "person":
            return owner.country  # "M23 spokesman X", "Hamas official X"
        if i > 0 and doc[i - 1].lower_ in ("its", "their"):
            return self._last_state_before(i - 1, sentences=2)
        if role & set(self.lex["local_roles"]):
            where = self._place_state(Hit(m.start, m.end, "ner", "name"))
            if where is not None:
                return where.country
        if doc[i].is_sent_start or i > 0 and doc[i - 1].is_sent_start and doc[i - 1].is_punct:
            return self._last_state_before(i, sentences=1, same=False)
        return None

    def _apposition_country(self, m: Mention) -> Optional[str]:
        """'X, an adviser to <person>', 'X, spokesman for <state>': the country of whom the role serves."""
        doc, roles = self.doc, self._role_words()
        seen_role = False
        for t in doc[m.end + 1:m.end + 12]:
            if t.text in (".", ";", ")") or t.lower_ in ("said", "says", "told", "wrote"):
                return None
            seen_role = seen_role or t.lower_ in roles
            if seen_role and t.lower_ in ("to", "for", "of") and t.dep_ == "prep":
                for o in self.ctx.mentions:
                    a = self.ctx.actors.get(o.key)
                    if t.i < o.start <= t.i + 8 and a is not None and a.country and o.key != m.key:
                        return a.country
        return None

    def _mention_ending(self, end: int):
        """The actor of the mention ending right before token `end`, if any."""
        for o in self.ctx.mentions:
            if o.end == end:
                return self.ctx.actors.get(o.key)
        return None

    def _last_state_before(self, i: int, sentences: int, same: bool = True) -> Optional[str]:
        """The country of the state named last before token i, looking back `sentences` sentences."""
        doc = self.doc
        sent = doc[i].sent
        lo = sent.start
        for _ in range(sentences - (1 if same else 0)):
            if lo > 0:
                lo = doc[lo - 1].sent.start
        if not same and lo == sent.start:
            return None
        best = None
        for o in self.ctx.mentions:
            a = self.ctx.actors.get(o.key)
            if lo <= o.start < i and a is not None and a.type in STATE_TYPES and a.country:
                best = (o.start, a.country) if best is None or o.start > best[0] else best
        return best[1] if best else None

    def leaders(self) -> None:
        """leader_of: KB office holders on the date (else former ones), and named officials."""
        ctx = self.ctx
        for key, actor in ctx.actors.items():
            if actor.type != "person":
                continue
            p = self.kb.people.get(key)
            state = None
            if p is not None:
                state = self.state_of(key)
            state = state or self.roles.get(key)
            if state:  # the government body the article names for the state, when it names one
                ctx.leader_of[key] = self.gov_of.get(state, state)

    def run(self) -> None:
        self.find()
        self.resolve_kb()
        self.grow()
        self.ctx.main_country = self.main_country()
        self.people()
        self.plurals()
        self.qualified_peoples()
        self.militias()
        self.titles_alone()
        self.role_anaphora()
        self.governments()
        self.groups()
        self.organisations()
        self.companies()
        self.build()


# internal hit kinds -> the Mention kinds context.py documents
MENTION_KINDS = {"name": "name", "person": "name", "demonym": "demonym", "plural": "demonym",
                 "capital": "capital", "seat": "capital", "government": "government", "leader": "leader",
                 "generic": "generic", "ner": "ner"}


def resolve(ctx: Context, nlp=None) -> None:
    """Fill ctx.actors, ctx.mentions, ctx.leader_of and ctx.main_country."""
    Resolver(ctx, nlp).run()


# ---------------------------------------------------------------- what to report
def _strong(ctx: Context, m: Mention, lex: dict) -> bool:
    """Does this mention show the actor acting (not a place name or a bare adjective)?"""
    actor = ctx.actors.get(m.key)
    if m.kind not in ("name", "demonym", "capital", "seat") or actor is None or actor.type != "state":
        return True
    possessive, head = _name_head(ctx.doc, m.end)
    if possessive:
        return True
    if m.kind == "demonym" or head.dep_ in ("amod", "compound", "nmod"):
        target = head.head if head.dep_ in ("amod", "compound", "nmod", "npadvmod") else head
        if target.i == head.i:
            return head.dep_ in CORE_DEPS
        return target.lower_ in lex["actorish_nouns"] or ctx.actor_at(target) not in (None, m.key)
    if head.dep_ == "pobj":
        prep = head.head
        if prep.lower_ == "of":  # "the president of Armenia", "King Hassan of Morocco"
            return prep.head.lower_ in lex["actorish_nouns"] or prep.head.ent_type_ == "PERSON"
        return prep.lower_ not in LOCATIVE
    return True


def finalize(ctx: Context, events, relations, quotes, goals) -> dict[str, Actor]:
    """The actors to report: those shown acting at least once or used by another stage."""
    lex = lexicon()
    used: set[str] = set()
    for e in events or ():
        used.update(k for k in (e.source, e.target) if k)
    for r in relations or ():
        used.update((r.source, r.target))
    for q in quotes or ():
        used.update(k for k in (q.speaker, q.via) if k)
    for g in goals or ():
        if g.actor:
            used.add(g.actor)
    used.update(v for k, v in ctx.leader_of.items() if k in used)
    strong = {m.key for m in ctx.mentions if _strong(ctx, m, lex)}
    for k in used & ctx.actors.keys():  # a stage may name an actor whose words another mention holds
        ctx.actors[k].mentions = max(ctx.actors[k].mentions, 1)
    keep = {k: a for k, a in ctx.actors.items() if a.mentions and (k in used or k in strong)}
    _drop_dangling(keep, events, relations, quotes, goals)
    return dict(sorted(keep.items(), key=lambda kv: -kv[1].mentions))


def _drop_dangling(keep: dict, events, relations, quotes, goals) -> None:
    """Every key an output record names must be an actor of the analysis (FORMAT.md):
    a reference to a key no stage defined is dropped, never written dangling."""
    known = lambda k: k is None or k in keep  # noqa: E731
    if events is not None:
        events[:] = [e for e in events if known(e.source) and known(e.target)]
    if relations is not None:
        relations[:] = [r for r in relations if r.source in keep and r.target in keep]
    for q in quotes or ():
        q.speaker = q.speaker if known(q.speaker) else None
        q.via = q.via if known(q.via) else None
    for g in goals or ():
        g.actor = g.actor if known(g.actor) else None


@functools.lru_cache(maxsize=1)
def _state_words() -> dict[tuple[str, ...], str]:
    """Folded word sequences of every state's names and demonyms -> ISO3."""
    kb = _kb()
    out = {}
    for surface, key, kind in kb.surface_forms():
        e = kb.entities.get(key)
        if e is not None and e.type in STATE_TYPES and e.country and kind in ("name", "demonym"):
            out[tuple(fold(surface).split())] = e.country
    return out


def _country_in_name(name: str) -> Optional[str]:
    """The one state an organisation's own name names ("Nigerian Union of Teachers" -> NGA)."""
    toks = fold(name).split()
    table = _state_words()
    found = {table[tuple(toks[i:j])] for i in range(len(toks)) for j in range(i + 1, min(len(toks), i + 4) + 1)
             if tuple(toks[i:j]) in table}
    return found.pop() if len(found) == 1 else None


def state_actor(ctx: Context, iso3: Optional[str], surface: str = "") -> Optional[str]:
    """The key of the state actor for a country, added to ctx.actors when only its places were named.

    PETRARCH codes the state whose territory an act is aimed at as its target
    ("evacuate settlements in Gaza"); the events stage asks for that state here.
    """
    state = _kb().state(iso3) if iso3 else None
    if state is None:
        return None
    actor = ctx.actors.get(state.key)
    if actor is None:
        actor = ctx.actors[state.key] = Actor(key=state.key, name=state.name, type=state.type,
                                              country=state.country, confidence=0.6, mentions=1)
    if surface and surface not in actor.aliases:
        actor.aliases.append(surface)
    return state.key


def population_actor(ctx: Context, iso3: Optional[str]) -> Optional[str]:
    """The key of a country's civilian population ("<state>-people"), added to ctx.actors when
    the text names only a place of that country (a curfew imposed on a town's residents)."""
    state = _kb().state(iso3) if iso3 else None
    if state is None:
        return None
    key = f"{state.key}-people"
    if key not in ctx.actors:
        dem = (state.demonyms or (state.name,))[0]
        name = lexicon()["generic_groups"]["people"]["name"].format(demonym=dem)
        ctx.actors[key] = Actor(key=key, name=name, type="population", country=state.country,
                                confidence=0.5, mentions=1)
    return key
