"""KB surface forms and lexicon phrases compiled once per process into spaCy matchers."""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher

from .lexicon import _kb, _particle_free, _plural, _variants, fold, lexicon


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
    return Compiled(
        kb_matcher,
        dict(forms),
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
