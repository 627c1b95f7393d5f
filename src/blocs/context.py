"""The shared state of one article's analysis, passed from stage to stage.

`ingest` makes a RawDocument, `clean` a CleanDocument, `nlp` parses the text,
and each `extract` stage reads the Context and adds to it. Stages find actors
and places through the lookups here, never by re-scanning the text.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Optional

from spacy.attrs import LENGTH
from spacy.tokens import Doc, Span, Token

from . import parse_arrays
from .records import Actor, Correction, Document, Place


@parse_arrays.remembers_last_doc
def doc_text(doc: Doc) -> str:
    """The text of a parsed doc, built once: spaCy re-joins every token on each `doc.text`."""
    text = doc.user_data.get("blocs.text")
    if text is None:
        text = doc.user_data["blocs.text"] = doc.text
    return text


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """`doc.ents`, made once per doc: spaCy builds a new Span per entity on every access."""
    ents = doc.user_data.get("blocs.ents")
    if ents is None:
        ents = doc.user_data["blocs.ents"] = tuple(doc.ents)
    return ents


@parse_arrays.remembers_last_doc
def token_texts(doc: Doc) -> list[str]:
    """Every token's text, cut once per doc from the doc text (`[t.text for t in doc]`
    makes a Token object per word)."""
    texts = doc.user_data.get("blocs.token_texts")
    if texts is None or len(texts) != len(doc):
        text, idx = doc_text(doc), parse_arrays.of(doc).idx
        lengths = doc.to_array([LENGTH]).tolist() if len(doc) else []
        texts = doc.user_data["blocs.token_texts"] = [text[i : i + n] for i, n in zip(idx, lengths)]
    return texts


def tokens_text(doc: Doc, start: int, end: int) -> str:
    """`doc[start:end].text` cut from the doc text, without making the Span."""
    if end <= start:
        return ""
    text, idx, texts = _cut_parts(doc)
    return text[idx[start] : idx[end - 1] + len(texts[end - 1])]


@parse_arrays.remembers_last_doc
def _cut_parts(doc: Doc) -> tuple[str, list[int], list[str]]:
    """What a token range's text is cut with: the doc's text, token offsets and token texts."""
    return doc_text(doc), parse_arrays.of(doc).idx, token_texts(doc)


def tokens_texter(doc: Doc) -> Callable[[int, int], str]:
    """`tokens_text` bound to one doc, for a loop that cuts many spans: the doc's text,
    offsets and token texts are looked up once, not per call."""
    text, idx, texts = _cut_parts(doc)

    def cut(start: int, end: int) -> str:
        return text[idx[start] : idx[end - 1] + len(texts[end - 1])] if end > start else ""

    return cut


def sent_of(tok: Token) -> Span:
    """`tok.sent` from the shared sentence table: one Span per sentence per doc (spaCy's
    `tok.sent` walks to the sentence's edges and makes two Spans on every call)."""
    doc, arrays = tok.doc, parse_arrays.of(tok.doc)
    k = arrays.sent[tok.i]
    spans = doc.user_data.get("blocs.sents")
    if spans is None or spans.get(-1) is not arrays:
        spans = doc.user_data["blocs.sents"] = {-1: arrays}  # kept with the arrays they come from
    span = spans.get(k)
    if span is None:
        start, end = arrays.sentence(tok.i)
        span = spans[k] = doc[start:end]
    return span


def span_text(span: Span) -> str:
    """`span.text` cut from the cached doc text instead of re-joined token by token."""
    return doc_text(span.doc)[span.start_char : span.end_char]


# Participles that give a phrase its name: "militias known as X", "a group called X".
NAMING_VERBS = frozenset({"know", "call", "dub", "name", "style", "brand"})

# Heads that name the other side of a tie: "X's allies" are not X.
RELATIONAL_HEADS = frozenset(
    {
        "ally",
        "enemy",
        "rival",
        "foe",
        "adversary",
        "opponent",
        "critic",
        "neighbour",
        "neighbor",
        "partner",
        "backer",
        "patron",
        "sponsor",
        "supporter",
        "proxy",
        "affiliate",
        "franchise",
        "nemesis",
        "archrival",
        "victim",
        "target",
    }
)


@dataclass
class RawDocument:
    """What ingest read: the text as found, plus the metadata the container gave."""

    text: str
    source: str
    kind: str  # txt, html, pdf, jsonl
    meta: dict = field(default_factory=dict)  # title, author, published, site, id
    meta_sources: dict = field(default_factory=dict)  # field -> where it came from
    warnings: list = field(default_factory=list)  # one-line notes for the user (replaced bytes, odd dates)


@dataclass
class CleanDocument:
    text: str
    corrections: list[Correction] = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    meta_sources: dict = field(default_factory=dict)


@dataclass
class Mention:
    """One stretch of tokens that names an actor."""

    start: int  # token index in doc
    end: int  # exclusive
    key: str
    text: str
    kind: str = "name"  # name, demonym, capital, government, leader, generic, ner, pronoun


@dataclass
class PlaceMention:
    start: int
    end: int
    name: str  # the canonical Place.name
    text: str


@dataclass
class Context:
    doc: Doc
    document: Document
    published: Optional[date]
    actors: dict[str, Actor] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    leader_of: dict[str, str] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    place_mentions: list[PlaceMention] = field(default_factory=list)
    main_country: Optional[str] = None  # ISO3 of the country the article is mostly about
    _token_actor: dict[int, Mention] = field(default_factory=dict, repr=False)
    _token_place: dict[int, PlaceMention] = field(default_factory=dict, repr=False)
    _longest: int = field(default=-1, repr=False)  # tokens in the longest mention; -1: not known

    @property
    def text(self) -> str:
        return doc_text(self.doc)

    @property
    def arrays(self) -> parse_arrays.ParseArrays:
        """The doc's token attributes as arrays, built once and shared by the stages."""
        return parse_arrays.of(self.doc)

    def mentions_within(self, start: int, end: int) -> list[Mention]:
        """The mentions lying wholly in tokens [start, end), in text order (by bisection:
        `mentions` is kept sorted by start)."""
        lo = bisect.bisect_left(self.mentions, start, key=_start)
        hi = bisect.bisect_left(self.mentions, end, lo, key=_start)
        return [m for m in self.mentions[lo:hi] if m.end <= end]

    def mentions_from(self, lo: int, hi: int) -> list[Mention]:
        """The mentions whose first token lies in [lo, hi), in order."""
        a = bisect.bisect_left(self.mentions, lo, key=_start)
        return self.mentions[a : bisect.bisect_left(self.mentions, hi, a, key=_start)]

    def mentions_ending(self, lo: int, hi: int) -> list[Mention]:
        """The mentions whose end (exclusive) lies in [lo, hi], in order."""
        longest = max((m.end - m.start for m in self.mentions), default=0) if self._longest < 0 else self._longest
        self._longest = longest
        return [m for m in self.mentions_from(lo - longest, hi) if lo <= m.end <= hi]

    def mentions_starting(self, i: int) -> list[Mention]:
        """The mentions whose first token is token `i`, in order."""
        lo = bisect.bisect_left(self.mentions, i, key=_start)
        hi = bisect.bisect_right(self.mentions, i, lo, key=_start)
        return self.mentions[lo:hi]

    def index(self) -> None:
        """Rebuild the token lookups after a stage changed mentions."""
        self.mentions.sort(key=_start)
        self._longest = -1
        self._token_actor = {i: m for m in self.mentions for i in range(m.start, m.end)}
        self._token_place = {i: p for p in self.place_mentions for i in range(p.start, p.end)}

    def add_mention(self, mention: Mention) -> None:
        """One more mention, kept in order and indexed in place (a full `index()` per
        mention made adding many of them quadratic in article length)."""
        bisect.insort(self.mentions, mention, key=_start)
        if self._longest >= 0:
            self._longest = max(self._longest, mention.end - mention.start)
        for i in range(mention.start, mention.end):
            self._token_actor[i] = mention

    def mention_index(self) -> dict[int, Mention]:
        """token index -> the actor mention covering it: the lookup `actor_at` reads (a new dict
        after `index`, the same one as `add_mention` adds to)."""
        return self._token_actor

    def place_index(self) -> dict[int, PlaceMention]:
        """token index -> the place mention covering it: the lookup `place_at` reads."""
        return self._token_place

    def overlapping(self, start: int, end: int) -> Optional[Mention]:
        """A mention sharing a token with [start, end), if any."""
        for i in range(start, end):
            if (m := self._token_actor.get(i)) is not None:
                return m
        return None

    def mention_at(self, token: Token | int) -> Optional[Mention]:
        return self._token_actor.get(token if isinstance(token, int) else token.i)

    def actor_at(self, token: Token | int) -> Optional[str]:
        m = self._token_actor.get(token if isinstance(token, int) else token.i)  # mention_at, without the call
        return m.key if m else None

    def actor_of_phrase(self, token: Token) -> Optional[str]:
        """The actor a noun phrase headed by `token` stands for.

        The head's own mention wins ("Russian forces" -> russia); otherwise a
        modifier that names an actor ("Iranian ground forces", "Russia's envoy"
        is left to the leader/role logic in actors); then a conjunct-free
        `of`/`from` complement ("fighters from Iran").
        """
        index = self._token_actor
        m = index.get(token.i)
        if m and m.key:
            return m.key
        arrays = parse_arrays.of(token.doc)  # the lemma, deps and children without a Token each
        if arrays.strings_of("lemma")[token.i].lower() in RELATIONAL_HEADS:
            return None  # "Assad's enemies", "his allies" are others, not the possessor
        dep, lower, kids = arrays.strings_of("dep"), arrays.strings_of("lower"), arrays.children(token.i)
        for child in kids:
            if dep[child] in ("compound", "amod", "nmod", "poss", "nummod") and (m := index.get(child)) and m.key:
                return m.key
        for child in kids:
            if dep[child] == "prep" and lower[child] in ("of", "from"):
                for pobj in arrays.children(child):
                    if dep[pobj] == "pobj" and (m := index.get(pobj)) and m.key:
                        return m.key
        return self._named_as(token)

    def _named_as(self, token: Token) -> Optional[str]:
        """ "militias known as the Joint Forces", "a group called X": the name the phrase is given."""
        arrays = parse_arrays.of(token.doc)  # read off the arrays: no Token per child
        dep, lemma, lower, kids = (
            arrays.strings_of("dep"),
            arrays.strings_of("lemma"),
            arrays.strings_of("lower"),
            arrays.children,
        )
        for acl in kids(token.i):
            if dep[acl] != "acl" or lemma[acl].lower() not in NAMING_VERBS:
                continue
            for c in kids(acl):
                names = [p for p in kids(c) if dep[p] == "pobj"] if dep[c] == "prep" and lower[c] == "as" else [c]
                for name in names:
                    if dep[name] in ("pobj", "oprd", "attr", "dobj") and (key := self.actor_at(name)):
                        return key
        return None

    def actors_in(self, span: Span) -> list[Mention]:
        return _distinct(self._token_actor, span)

    def any_actor_in(self, span: Span) -> bool:
        """Does an actor mention cover a token of `span` (`bool(actors_in(span))`, without the list)?"""
        index = self._token_actor
        return any(i in index for i in _token_indexes(span))

    def place_at(self, token: Token | int) -> Optional[str]:
        i = token if isinstance(token, int) else token.i
        p = self._token_place.get(i)
        return p.name if p else None

    def places_in(self, span: Span) -> list[PlaceMention]:
        return _distinct(self._token_place, span)


def _start(m: Mention) -> int:
    return m.start


def _token_indexes(span) -> range | list[int]:
    """Indexes of a span's tokens, without making a Token object for each."""
    if isinstance(span, Span):
        return range(span.start, span.end)
    return [t.i for t in span]


def _distinct(index: dict, span) -> list:
    """The mentions covering tokens of `span`, each once, in text order."""
    seen, out = set(), []
    for i in _token_indexes(span):
        m = index.get(i)
        if m and id(m) not in seen:
            seen.add(id(m))
            out.append(m)
    return out
