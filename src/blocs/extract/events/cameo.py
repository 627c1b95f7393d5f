"""Verb patterns with argument slots, indexed by verb lemma: the hand-written ones
(data/plover_patterns.yaml) and PETRARCH-2's CAMEO ones (data/plover_cameo.yaml).

A pattern fires on a verb when each slot it names is filled in the parse: the particle
(`prt`, or a bare preposition the parser hung there), the object's head lemma (`obj`), a
modifier of the object (`mods`), a prepositional phrase on the verb or its object (`prep`,
`pobj`). The most specific pattern wins; a pattern typed null (a CAMEO 01 statement) says
the verb+slots is no event. See cameo_import.py for where the file comes from.
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict
from spacy.tokens import Token

from ... import cache, datafiles, parse_arrays, records
from ...records import PloverType
from .parse import view

DATA = Path(__file__).parent.parent / "data"
OBJECT_DEPS = ("dobj", "obj")
DENIAL = "016"  # CAMEO "deny responsibility": a statement, no PLOVER event


class CameoPattern(BaseModel):
    """One entry of plover_cameo.yaml, validated at load."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    verb: str
    prt: Optional[str] = None
    obj: tuple[str, ...] = ()
    mods: tuple[str, ...] = ()
    prep: Optional[str] = None
    pobj: tuple[str, ...] = ()
    source: Optional[Literal["prep", "object"]] = None
    target: Optional[Literal["prep", "subject", "object"]] = None
    type: Optional[PloverType] = None
    cameo: str = ""

    @property
    def specificity(self) -> int:
        return 2 * bool(self.obj) + bool(self.mods) + bool(self.prt) + bool(self.prep) + 2 * bool(self.pobj)

    @property
    def rule(self) -> str:
        slots = [
            f"prt={self.prt}" if self.prt else "",
            f"obj={self.obj[0]}" if self.obj else "",
            f"{self.prep}+{self.pobj[0] if self.pobj else '*'}" if self.prep else "",
        ]
        return f"cameo:{self.cameo or '-'}:{self.verb}" + "".join(f"/{s}" for s in slots if s)


class CameoFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    patterns: list[CameoPattern]


def _forms(words) -> frozenset:
    """A pattern word and its naive singular ("sanctions" -> "sanction", "rallies" -> "rally")."""
    out = set()
    for w in words:
        out.add(w)
        if w.endswith("ies") and len(w) > 4:
            out.add(w[:-3] + "y")
        elif w.endswith("s") and not w.endswith("ss") and len(w) > 3:
            out.add(w[:-1])
    return frozenset(out)


@dataclass(frozen=True)
class Compiled:
    pattern: CameoPattern
    obj: frozenset
    mods: frozenset
    pobj: frozenset


def load(name: str) -> CameoFile:
    """One pattern file, validated (a malformed entry fails loudly at load, and in the tests).
    A generated file holds one JSON object a line (valid YAML too): read with json, 30x faster."""
    text = (DATA / name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.startswith("- ")]
    if lines and all(line.startswith('- {"') for line in lines):
        raw = {"patterns": [json.loads(line[2:]) for line in lines]}
    else:
        raw = datafiles.parse(text)
    return CameoFile.model_validate(raw)


class Index(Mapping[str, tuple[Compiled, ...]]):
    """verb lemma -> its patterns, each verb's unpickled the first time it is asked for: a
    story names a few dozen of the ~1,000 verbs, and unpickling all ~6,900 patterns (pydantic
    models) cost ~0.07 CPU s at each start-up."""

    def __init__(self, packed: dict[str, bytes]):
        self._packed = packed
        self._open: dict[str, tuple[Compiled, ...]] = {}

    def get(self, lemma: str, default=None):  # type: ignore[override]
        got = self._open.get(lemma)
        if got is None:
            blob = self._packed.get(lemma)
            if blob is None:
                return default
            got = self._open[lemma] = pickle.loads(blob)
        return got

    def __getitem__(self, lemma: str) -> tuple[Compiled, ...]:
        got = self.get(lemma)
        if got is None:
            raise KeyError(lemma)
        return got

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)


@lru_cache(maxsize=1)
def index() -> Index:
    """verb lemma -> its patterns, most specific first (loaded and validated once, then kept
    in the cache folder, blocs.cache, under the pattern files and the code that reads them)."""
    sources = [DATA / "plover_patterns.yaml", DATA / "plover_cameo.yaml", Path(__file__), Path(records.__file__)]
    return Index(cache.cached("cameo", cache.digest(*(p.read_bytes() for p in sources)), _packed))


def _packed() -> dict[str, bytes]:
    """Each verb's patterns pickled on their own (see Index)."""
    return {verb: pickle.dumps(ps, protocol=pickle.HIGHEST_PROTOCOL) for verb, ps in _index().items()}


def _index() -> dict[str, tuple[Compiled, ...]]:
    by_verb: dict[str, list[Compiled]] = {}
    for p in [*load("plover_patterns.yaml").patterns, *load("plover_cameo.yaml").patterns]:  # hand-written first
        by_verb.setdefault(p.verb, []).append(Compiled(p, _forms(p.obj), frozenset(p.mods), _forms(p.pobj)))
    return {v: tuple(sorted(ps, key=lambda c: -c.pattern.specificity)) for v, ps in by_verb.items()}


@lru_cache(maxsize=4096)
def _by_slot(lemma: str) -> tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]], tuple[int, ...]]:
    """A verb's patterns by the word they need most: object form -> the positions (in
    `index()[lemma]`) of the patterns that name it; for those naming no object, particle or
    preposition -> the positions of the patterns that name it (a particle first); and the
    positions of the patterns naming none of these, up to the first that names no modifier
    either (it always fits: no pattern after it is ever reached). A pattern whose word is
    not in the verb's slots cannot fit, so `match` never looks at it."""
    by_form: dict[str, list[int]] = {}
    by_word: dict[str, list[int]] = {}
    free: list[int] = []
    fits = False  # a pattern naming no slot at all was seen
    for k, c in enumerate(index()[lemma]):
        p = c.pattern
        if p.obj:
            for form in c.obj:
                by_form.setdefault(form, []).append(k)
        elif p.prt or p.prep:
            by_word.setdefault(p.prt or p.prep or "", []).append(k)
        elif not fits:
            free.append(k)
            fits = not p.mods
    return (
        {form: tuple(ks) for form, ks in by_form.items()},
        {word: tuple(ks) for word, ks in by_word.items()},
        tuple(free),
    )


def _time_labels(arrays: parse_arrays.ParseArrays) -> tuple[int, int]:
    """The hashes of the DATE and TIME entity labels (spaCy's fixed symbol ids: one look-up)."""
    if not _TIMES:
        _TIMES.append((arrays.hash_of("DATE"), arrays.hash_of("TIME")))
    return _TIMES[0]


_TIMES: list[tuple[int, int]] = []


def _preps_at(arrays: parse_arrays.ParseArrays, i: int, dep, pos, lower, lemma, times) -> dict[str, set]:
    """preposition -> the lemma and form of its object, for the prepositions under token i (read
    from the parse arrays and the string columns the caller holds: no Token is made)."""
    ent, kids_of = arrays.ent_type, arrays.children_table()
    out: dict[str, set] = {}
    for c in kids_of[i]:
        if dep[c] in ("prep", "agent", "dative", "prt") and pos[c] in ("ADP", "ADV", "PART"):
            objs = [g for g in kids_of[c] if dep[g] in ("pobj", "pcomp")]
            if any(ent[g] in times for g in objs):
                continue  # "on Monday", "in March": a time, never a slot
            out.setdefault(lower[c], set()).update(x for g in objs for x in (lower[g], lemma[g].lower()))
    return out


def match(verb: Token, lemma: str) -> Optional[tuple[CameoPattern, Optional[Token]]]:
    """The most specific CAMEO pattern the verb's slots fill, and the object it consumed."""
    pats = index().get(lemma)
    if not pats:
        return None
    v = view(verb.doc)
    arrays, dep, lower, lemmas, pos = v.arrays, v.dep, v.lower, v.lemma, v.pos
    times = _TIMES[0] if _TIMES else _time_labels(arrays)
    obj, held, passive, particles = -1, -1, False, set()
    for kid in v.kids[verb.i]:  # one pass: the object, a passive subject, the particles
        d = dep[kid]
        if d in OBJECT_DEPS:
            obj = kid if obj < 0 else obj
        elif d == "auxpass":
            passive = True
        elif d == "nsubjpass":
            held = kid if held < 0 else held
        elif d == "prt":
            particles.add(lower[kid])
    k = obj if obj >= 0 else held if passive and held >= 0 else None
    forms = {lower[k], lemmas[k].lower()} if k is not None else set()
    mods = {lower[c] for c in v.kids[k] if dep[c] in ("compound", "amod")} if k is not None else set()
    preps = _preps_at(arrays, verb.i, dep, pos, lower, lemmas, times)
    if k is not None:
        for word, objs in _preps_at(arrays, k, dep, pos, lower, lemmas, times).items():
            preps.setdefault(word, set()).update(objs)
    prts = particles | set(preps)
    # with a direct object, a preposition that has an object of its own is no particle:
    # "pressed Turkey on human rights" is not the onward "pressed on" (issue 12)
    loose = {w for w, objs in preps.items() if objs} - particles
    by_form, by_word, free = _by_slot(lemma)
    tried = set(free)
    for f in forms:
        tried.update(by_form.get(f, ()))
    for w in prts:
        tried.update(by_word.get(w, ()))
    for n in sorted(tried):
        c = pats[n]
        p = c.pattern
        if (p.prt and p.prt not in prts) or (p.obj and not forms & c.obj) or (p.mods and not mods & c.mods):
            continue
        if p.prt and not p.obj and not p.prep and k is not None and p.prt in loose:
            continue
        if p.prep and (p.prep not in preps or (p.pobj and not preps[p.prep] & c.pobj)):
            continue
        if p.obj:
            return p, (v.toks[k] if k is not None else None)
        return p, (_slot_object(verb, p.prep, c.pobj) if p.type is None and p.cameo == DENIAL and p.pobj else None)
    return None


def _slot_object(verb: Token, prep: Optional[str], forms: frozenset) -> Optional[Token]:
    """The object of a denial's prepositional slot under the verb ("condemned as false the
    allegations", CAMEO 016): the accusation denied is no act of its own. (Other null patterns
    leave their slot alone: "came under fire" still codes the fire, with the subject as target.)"""
    for p in verb.children:
        if p.dep_ == "prep" and p.lower_ == prep:
            for o in p.children:
                if o.dep_ in ("pobj", "pcomp") and (o.lower_ in forms or o.lemma_.lower() in forms):
                    return o
    return None
