"""KB surface forms and lexicon phrases compiled once per process into spaCy matchers."""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from spacy.matcher import PhraseMatcher
from spacy.vocab import Vocab

from ... import cache
from ...kb import loader as kb_loader
from .lexicon import LEXICON, _kb, _particle_free, _plural, _variants, fold, lexicon


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
    title_words: frozenset = frozenset()  # single words of titles, heads, modifiers and roles
    role_words: frozenset = frozenset()  # last words of role nouns ("envoy", "minister")
    official_role_words: frozenset = frozenset()  # last words of roles that speak for a state
    org_words: frozenset = frozenset()  # words that make a name an organisation's
    generic_words: frozenset = frozenset()  # modifiers and government heads: no name of their own


Tokens = dict[str, tuple[tuple[str, ...], tuple[str, ...]]]  # text -> its tokens as written, lower case


def _tokenised(nlp, texts: list[str]) -> Tokens:
    """Each text cut into tokens by the pipeline's tokenizer, kept between processes
    (blocs.cache): the KB's ~6,500 spellings took a third of a second to tokenise at each
    start-up. Keyed by the texts themselves and the tokenizer's spaCy and model versions."""
    meta = nlp.meta
    key = cache.digest(spacy.__version__, nlp.lang, meta.get("name"), meta.get("version"), "\0".join(texts))

    def build() -> Tokens:
        return {
            t: (tuple(w.text for w in d), tuple(w.lower_ for w in d)) for t, d in zip(texts, nlp.tokenizer.pipe(texts))
        }

    return cache.cached("tokens", key, build)


def _tok(tokens: Tokens, text: str) -> tuple[str, ...]:
    return tuple(fold(w) for w in tokens[text][0])


def _lower_ids(nlp, tokens: Tokens, text: str) -> Any:
    """The LOWER values of a text's tokens: what a PhraseMatcher on LOWER keeps of a Doc
    (`PhraseMatcher.add` takes such a list in place of a Doc; spaCy's stubs name Docs only)."""
    return [nlp.vocab.strings.add(w) for w in tokens[text][1]]


def _phrase_matcher(nlp) -> PhraseMatcher:
    """A PhraseMatcher on LOWER over a vocabulary of its own. `PhraseMatcher.add` makes a
    lexeme of each match label in its vocabulary; in the pipeline's, each of the ~6,500 KB
    labels had its lexical attributes computed at start-up (~0.06 CPU s), for labels
    no token ever reads. Matching reads the Doc's own token values, which do not depend on
    the matcher's vocabulary; match ids are the labels' string hashes in either."""
    del nlp  # the pipeline's vocabulary is not the matcher's (see _add for the labels)
    return PhraseMatcher(Vocab(), attr="LOWER")


def _add(nlp, matcher: PhraseMatcher, label: str, patterns: list) -> None:
    """Add a rule, its label kept in the pipeline's strings: callers read
    `doc.vocab.strings[match_id]`."""
    nlp.vocab.strings.add(label)
    matcher.add(label, patterns)


Plan = tuple[dict[str, list], dict[str, list[str]], list[tuple[str, str, str]], list[str]]


def _plan(kb, lex: dict) -> Plan:
    """What the matchers are compiled from, kept between processes (blocs.cache) under the
    KB's key, the actors lexicon and this code: the spellings of every KB form took ~0.1 CPU s
    to work out at each start-up. Returns (label -> [(surface, key, kind)], label -> its
    spellings as written, sorted; (group, phrase, spelling) of each generic group; every text
    to tokenise, sorted)."""
    sources = [LEXICON, Path(_variants.__code__.co_filename), Path(__file__)]  # the data, lexicon.py, this
    key = cache.digest(kb_loader.source_key(), *(p.read_bytes() for p in sources))
    return cache.cached("actor-plan", key, lambda: _build_plan(kb, lex))


def _build_plan(kb, lex: dict) -> Plan:
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
    group_variants = [
        (group, phrase, v)
        for group, spec in lex["generic_groups"].items()
        for phrase in spec["phrases"]
        for v in _variants(phrase)
    ]
    words = [*kb.roles.get("titles", {}), *kb.roles.get("honorifics", []), *lex["role_nouns"], *lex["title_extra"]]
    words += lex["government_heads"]
    texts = sorted({v for vs in written.values() for v in vs} | {v for _, _, v in group_variants} | set(words))
    return dict(forms), {label: sorted(vs) for label, vs in written.items()}, group_variants, texts


@functools.lru_cache(maxsize=2)
def compiled(nlp) -> Compiled:
    """Compile the KB and the lexicon into matchers (once per process and pipeline)."""
    kb, lex = _kb(), lexicon()
    forms, written, group_variants, texts = _plan(kb, lex)
    tokens = _tokenised(nlp, texts)
    kb_matcher = _phrase_matcher(nlp)
    for label, vs in written.items():
        _add(nlp, kb_matcher, label, [_lower_ids(nlp, tokens, v) for v in vs])
    group_matcher = _phrase_matcher(nlp)
    groups = {}
    for group, phrase, v in group_variants:
        label = f"G|{group}|{v}"
        groups[label] = (group, phrase)
        _add(nlp, group_matcher, label, [_lower_ids(nlp, tokens, v)])
    titles = {_tok(tokens, t): r for t, r in kb.roles.get("titles", {}).items()}
    honor = {_tok(tokens, h) for h in kb.roles.get("honorifics", [])}
    role_titles = {_tok(tokens, h) for h in [*lex["role_nouns"], *lex["title_extra"]]}
    heads = {_tok(tokens, h): h for h in lex["government_heads"]}
    surnames: dict[str, list[str]] = defaultdict(list)
    for p in kb.people.values():
        last = p.name.split()[-1]
        surnames[fold(last)].append(p.key)
    militia = frozenset(tuple(n.split()) for n in lex["militia_nouns"])
    return Compiled(
        kb_matcher,
        forms,
        group_matcher,
        groups,
        titles,
        honor,
        heads,
        dict(surnames),
        role_titles,
        militia,
        *_word_sets(titles, heads, lex),
    )


def _word_sets(titles: dict, heads: dict, lex: dict) -> tuple[frozenset, ...]:
    """Single-word sets the passes test often, built once instead of per candidate."""
    title_words = frozenset(
        {w for t in titles for w in t}
        | {w for t in heads for w in t}
        | set(lex["head_modifiers"])
        | {w for r in lex["role_nouns"] for w in r.split()}
    )
    role_words = frozenset(w.split()[-1] for w in lex["role_nouns"])
    official = frozenset(w.split()[-1] for w in lex["official_roles"])
    org_words = frozenset(w for ws in lex["org_type_words"].values() for w in ws)
    generic = frozenset(set(lex["head_modifiers"]) | {w for g in lex["government_heads"] for w in g.split()})
    return title_words, role_words, official, org_words, generic
