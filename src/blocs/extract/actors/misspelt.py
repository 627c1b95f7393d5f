"""States misspelt in clean text: "Quatar" for Qatar, "Ethiopa" for Ethiopia.

A one-word name that the NER tags (as a place, group or organisation) and that neither the
knowledge base nor the gazetteer knows, nor English uses as a word, is the state whose
one-word name or demonym it misses by one letter (one letter added, dropped, changed or two
swapped), when exactly one state's name is that close and starts with the same letter.
"""

from __future__ import annotations

import functools
from typing import Optional

from symspellpy.editdistance import DistanceAlgorithm, EditDistance

from ...clean.words import zipf
from ...kb import gazetteer as gaz
from .lexicon import _kb, fold

MIN_LENGTH = 5  # shorter names ("Iran", "Iraq", "Oman") are one letter from too many words
MAX_WORD_ZIPF = 2.5  # a misspelling is rare as a word ("Quatar" 1.1; "Libra" 2.9 is a word)
MIN_NAME_ZIPF = 3.0  # the state's own spelling is common
SUBSTITUTION_LENGTH = 6  # a changed letter only in longer names ("Libya"/"Libra")
_OSA = EditDistance(DistanceAlgorithm.DAMERAU_OSA)


@functools.lru_cache(maxsize=1)
def _state_words() -> dict[str, tuple[str, str, str]]:
    """Folded one-word state names, aliases and demonyms -> (surface, key, kind)."""
    out: dict[str, tuple[str, str, str]] = {}
    for e in _kb().entities.values():
        if e.type != "state" or e.status not in ("un-member", "observer"):
            continue
        for kind, forms in (("name", (e.name, *e.aliases)), ("demonym", e.demonyms)):
            for form in forms:
                if " " not in form and form.isalpha() and len(form) >= MIN_LENGTH and zipf(form) >= MIN_NAME_ZIPF:
                    out.setdefault(fold(form), (form, e.key, kind))
    return out


def _one_edit(a: str, b: str) -> Optional[str]:
    """How `a` differs from `b` by one edit (symspellpy's Damerau-OSA distance of 1): 'change'
    when one letter is replaced, 'other' for a letter added, dropped or two swapped, else None."""
    if _OSA.compare(a, b, 1) != 1:
        return None
    return "change" if len(a) == len(b) and sorted(a) != sorted(b) else "other"


@functools.lru_cache(maxsize=4096)
def misspelt_state(text: str) -> Optional[tuple[str, str, str]]:
    """(surface, state key, kind) of the state `text` misspells, or None."""
    if len(text) < MIN_LENGTH or not text.isalpha() or not text[:1].isupper() or text.isupper():
        return None
    word = fold(text)
    if zipf(text) >= MAX_WORD_ZIPF or gaz.load().lookup(text):
        return None
    words = _state_words()
    if word in words:
        return None
    near = set()
    for form, found in words.items():
        if form[:1] != word[:1]:
            continue
        edit = _one_edit(word, form)
        if edit and (edit != "change" or len(word) >= SUBSTITUTION_LENGTH):
            near.add(found)
    keys = {found[1] for found in near}
    return min(near) if len(keys) == 1 else None
