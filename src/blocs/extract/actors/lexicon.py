"""The actors lexicon and the word-level helpers every pass uses (folding, phrase look-ups)."""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path
from typing import Iterator, Optional

import yaml
from spacy.tokens import Doc, Token

from ... import cache, datafiles, parse_arrays
from ...context import token_texts
from ...kb.loader import slug as kb_slug

LEXICON = Path(__file__).parent.parent / "data" / "actors_lexicon.yaml"
SCHEMA = Path(__file__).parent / "schema.py"  # checks the lexicon (imported only to check a new version)
APOS = ("'s", "’s", "'", "’")
CORE_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "agent", "poss", "appos", "attr", "oprd", "pcomp"}
NER_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
STATE_TYPES = {"state"}


def _kb():
    """The shared knowledge base (loaded and cached by blocs.kb.loader)."""
    from ...kb import loader

    return loader.load()


@functools.lru_cache(maxsize=1)
def lexicon() -> dict:
    """The actors lexicon, validated against schema.ActorsLexicon when first read; its word
    lists answer `in` from a set (the passes ask it per token)."""
    return {k: WordList(v) if _words(v) else v for k, v in read_lexicon(LEXICON).items()}


class WordList(frozenset):
    """A lexicon's list of words: `in` is the frozenset's own look-up (no Python call, asked per
    token by every pass); iterating, indexing and `len` follow the list as the file gives it."""

    __slots__ = ("_order",)
    _order: tuple[str, ...]

    def __new__(cls, words: list[str]) -> "WordList":
        self = super().__new__(cls, words)
        self._order = tuple(words)
        return self

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def __reversed__(self) -> Iterator[str]:
        return reversed(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def __getitem__(self, k: int) -> str:
        return self._order[k]


def _words(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(w, str) for w in value)


def read_lexicon(path: Path) -> dict:
    """The lexicon at `path`, checked against schema.ActorsLexicon once per version of the
    file and of the schema (the verdict is kept by blocs.cache): building the schema's
    models and checking the lexicon cost ~0.05 CPU s at each start-up. A file that fails
    raises LexiconError each time; nothing is kept for it."""
    data = datafiles.read(path)
    key = cache.digest(path.read_bytes(), SCHEMA.read_bytes(), yaml.__version__, datafiles.LOADER)
    cache.cached("lexicon-checked", key, lambda: _check(data, path.name))
    return data


def _check(data: object, source: str) -> bool:
    from . import schema

    schema.validate(data, source)
    return True


# prepositions of place (actors_lexicon.yaml: locative_preps), used by most passes
LOCATIVE = frozenset(lexicon()["locative_preps"])


def fold(text: str) -> str:
    """Lower case, accent-free, straight quotes: how surface forms meet."""
    if text.isascii():
        return text.lower()  # nothing to decompose, no accents or curly quotes
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("’", "'").replace("‘", "'").lower()


def slug(name: str) -> str:
    """An actor key, made as the knowledge base makes its keys."""
    return kb_slug(name) or "actor"


def _name_head(doc: Doc, end: int) -> tuple[bool, Token]:
    """Whether a possessive follows the name ending at `end`, and the word that governs the
    name once coordination is climbed ("Tehran and Moscow will" -> "Tehran")."""
    head = parse_arrays.tokens(doc)[end - 1]  # the doc's shared Token
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
        lowers, texts = parse_arrays.of(doc).strings_of("lower"), token_texts(doc)
        w = doc.user_data["blocs_folded"] = [low if t.isascii() else fold(t) for t, low in zip(texts, lowers)]
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
        if tuple(w[i : i + n]) in table:
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
        if tuple(w[end - n : end]) in table:
            best = n
    return best


@functools.lru_cache(maxsize=2)
def _state_words(kinds: tuple[str, ...] = ("name", "demonym")) -> dict[tuple[str, ...], str]:
    """Folded word sequences of every state's names and demonyms (or other surface kinds) -> ISO3."""
    kb = _kb()
    out = {}
    for surface, key, kind in kb.surface_forms():
        e = kb.entities.get(key)
        if e is not None and e.type in STATE_TYPES and e.country and kind in kinds:
            out[tuple(fold(surface).split())] = e.country
    return out


def _country_in_name(name: str) -> Optional[str]:
    """The one state an organisation's own name names ("Nigerian Union of Teachers" -> NGA), else
    the state whose capital it is "of" ("United Bus Company of Tehran", "University of Nairobi")."""
    toks = fold(name).split()
    table = _state_words()
    found = {
        table[tuple(toks[i:j])]
        for i in range(len(toks))
        for j in range(i + 1, min(len(toks), i + 4) + 1)
        if tuple(toks[i:j]) in table
    }
    if not found:
        capitals = _state_words(("capital",))
        found = {
            capitals[tuple(toks[i:j])]
            for i in range(1, len(toks))
            for j in range(i + 1, min(len(toks), i + 4) + 1)
            if toks[i - 1] == "of" and tuple(toks[i:j]) in capitals
        }
    return found.pop() if len(found) == 1 else None
