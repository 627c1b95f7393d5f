"""Word frequencies (wordfreq) behind every repair decision, looked up cheaply.

`zipf_frequency` tokenises its argument on each call; cleaning asks about the
same short letter strings thousands of times, so the frequency table is read
once (as a `SortedTable`, see blocs.clean.sorted_table) and each answer is cached.
"""

from __future__ import annotations

import math
from functools import lru_cache
from importlib import metadata
from typing import Callable, Union

from .. import cache
from .sorted_table import Number, SortedTable, compact

Table = Union[SortedTable, dict[str, Number]]


def _kept(name: str, version: str, build: Callable[[], dict[str, Number]]) -> Table:
    """A word table kept in the cache folder (blocs.cache) as a SortedTable, which loads in
    milliseconds where the dict took ~0.1 CPU s; with the cache off, the dict as built (sorting
    it each time would cost more than it saves)."""
    if cache.directory() is None:
        return build()
    return cache.cached(name, cache.digest(version), lambda: compact(build()))


@lru_cache(maxsize=1)
def _table() -> Table:
    """wordfreq's English table: importing wordfreq and unpacking its table cost ~0.35 CPU s
    per process, so it is kept in the cache folder under wordfreq's version."""

    def build() -> dict[str, Number]:
        from wordfreq import get_frequency_dict

        return get_frequency_dict("en")

    return _kept("wordfreq-en-sorted", metadata.version("wordfreq"), build)


# No English word is longer; editing or joining a longer token only costs time and memory.
LONGEST_WORD = 40


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """Zipf frequency of one letter string (case-insensitive); 0.0 if unknown."""
    f = _table().get(word.lower())
    return math.log10(f) + 9 if f else 0.0


def zipf_pair(a: str, b: str) -> float:
    """Zipf frequency of `a b` as wordfreq estimates a phrase (1 / sum of 1/f)."""
    fa, fb = zipf(a), zipf(b)
    if not fa or not fb:
        return 0.0
    return -math.log10(10**-fa + 10**-fb)


def split_after_word(text: str) -> bool:
    """Whether some "- " follows a letter, digit or full stop, as every word split at a line-end
    hyphen has it ("dis- orderly", "20- year-old", "U.S.- led"); a dash between spaces has not."""
    i = text.find("- ")
    while i >= 0:
        if i > 0 and (text[i - 1].isalnum() or text[i - 1] == "."):
            return True
        i = text.find("- ", i + 2)
    return False


def dehyphenate(left: str, right: str, strict: bool = True) -> bool:
    """Whether `left-` + `right` split at a line end is one word, not a compound.

    Joined only when the joined form is a word; with `strict` (a hyphen at a
    line end, which may be a real compound: "cease-fire", "second-most") it must
    also be about as common as its parts, or one part must be no word at all.
    """
    if not (left.isalpha() and right.isalpha()) or right[:1].isupper():
        return False
    joined = zipf(left + right)
    if joined < 2.5:
        return False
    if not strict:
        return True
    parts = min(zipf(left), zipf(right))
    return parts < 3.0 or joined >= parts - 0.5


@lru_cache(maxsize=1)
def _bigrams() -> Table:
    """symspellpy's English bigram counts, read from the package itself (no network), and
    kept in the cache folder (blocs.cache) under symspellpy's version (reading the text
    file cost ~0.3 CPU s per process).
    source: symspellpy's frequency_bigramdictionary_en_243_342.txt, Google Books
    Ngram counts intersected with SCOWL; only pairs seen 6.4 million times or more."""
    try:
        version = metadata.version("symspellpy")
    except metadata.PackageNotFoundError:  # without the table, context rules simply never fire
        return {}

    def build() -> dict[str, Number]:
        from importlib.resources import files

        from symspellpy import SymSpell

        speller = SymSpell(max_dictionary_edit_distance=0)
        speller.load_bigram_dictionary(str(files("symspellpy") / "frequency_bigramdictionary_en_243_342.txt"), 0, 2)
        return speller.bigrams

    return _kept("bigrams-en-sorted", version, build)


def bigram(a: str, b: str) -> int:
    """How often `a b` occurs in the bigram table (case-insensitive); 0 when it is rare."""
    return _bigram(f"{a.lower()} {b.lower()}")


@lru_cache(maxsize=200_000)
def _bigram(pair: str) -> int:
    return int(_bigrams().get(pair, 0) or 0)
