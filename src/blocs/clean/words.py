"""Word frequencies (wordfreq) behind every repair decision, looked up cheaply.

`zipf_frequency` tokenises its argument on each call; cleaning asks about the
same short letter strings thousands of times, so the frequency table is read
once and consulted as a dict.
"""

from __future__ import annotations

import math
from functools import lru_cache
from importlib import metadata

from .. import cache


@lru_cache(maxsize=1)
def _table() -> dict[str, float]:
    """wordfreq's English table, kept in the cache folder (blocs.cache) under wordfreq's
    version: importing wordfreq and unpacking its table cost ~0.35 CPU s per process."""

    def build() -> dict[str, float]:
        from wordfreq import get_frequency_dict

        return get_frequency_dict("en")

    return cache.cached("wordfreq-en", cache.digest(metadata.version("wordfreq")), build)


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
def _bigrams() -> dict[str, int]:
    """symspellpy's English bigram counts, read from the package itself (no network), and
    kept in the cache folder (blocs.cache) under symspellpy's version (reading the text
    file cost ~0.3 CPU s per process).
    source: symspellpy's frequency_bigramdictionary_en_243_342.txt, Google Books
    Ngram counts intersected with SCOWL; only pairs seen 6.4 million times or more."""
    try:
        version = metadata.version("symspellpy")
    except metadata.PackageNotFoundError:  # without the table, context rules simply never fire
        return {}

    def build() -> dict[str, int]:
        from importlib.resources import files

        from symspellpy import SymSpell

        speller = SymSpell(max_dictionary_edit_distance=0)
        speller.load_bigram_dictionary(str(files("symspellpy") / "frequency_bigramdictionary_en_243_342.txt"), 0, 2)
        return speller.bigrams

    return cache.cached("bigrams-en", cache.digest(version), build)


def bigram(a: str, b: str) -> int:
    """How often `a b` occurs in the bigram table (case-insensitive); 0 when it is rare."""
    return _bigrams().get(f"{a.lower()} {b.lower()}", 0)
