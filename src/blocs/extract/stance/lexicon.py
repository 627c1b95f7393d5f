"""The stance lexicon (data/stance_lexicon.yaml) and the author's own words of a stretch:
quotes blanked, contractions folded."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from ... import datafiles

THRESHOLD = 0.5  # one clue of the author's voice is enough; weak clues count half
DATA = Path(__file__).parent.parent / "data" / "stance_lexicon.yaml"


def _pattern(words: list[str]) -> re.Pattern:
    """Any of the words or phrases, whole, longest first. The alternatives are grouped under
    their first letter (order kept within a group): at each word start the engine tries the
    one group of that letter instead of all ~400 phrases; the matches are the same."""
    alts = sorted({w.lower() for w in words}, key=len, reverse=True)
    groups: dict[str, list[str]] = {}
    for a in alts:
        groups.setdefault(a[0], []).append(a[1:])
    body = "|".join(
        _escape(first) + "(?:" + "|".join(_escape(r) for r in rests) + ")" for first, rests in groups.items()
    )
    return re.compile(r"(?<![\w-])(?:" + body + r")(?![\w-])")


def _escape(words: str) -> str:
    return re.escape(words).replace(r"\ ", r"\s+")


@lru_cache(maxsize=1)
def lexicon() -> dict:
    lex = datafiles.read(DATA)
    return {
        "strong": _pattern([w for words in lex["strong_classes"].values() for w in words]),
        "weak": _pattern([w for words in lex["weak_classes"].values() for w in words]),
        "speculative": set(lex["speculative_modals"]),
        "half_speculative": set(lex["half_speculative_modals"]),
        "counter": set(lex["counter_openers"]),
        "concessive": set(lex["concessive_marks"]),
        "modals": set(lex["modals"]),
        "forecast": set(lex["forecast_words"]),
        "attribution": set(lex["attribution"]),
        "verdict": set(lex["verdict_nouns"]),
        "quantifiers": set(lex["quantifier_subjects"]),
        "negatable": set(lex["negatable_modals"]),
        "qualifiers": set(lex["verdict_qualifiers"]),
        "negative_subjects": set(lex["negative_subjects"]),
        "viewpoint": _pattern(lex["viewpoint_openers"]),
        "interpretive": set(lex["interpretive_verbs"]),
        "perception": set(lex["perception_verbs"]),
        "superlative": set(lex["superlative_degree"]),
        "anchors": set(lex["anchor_entities"]),
        "relational": set(lex["relational_verbs"]),
        "capacity": set(lex["capacity_quantifiers"]),
        "relational_predicates": set(lex["relational_predicates"]),
        "named": set(lex["named_entities"]),
        "narrating_aux": set(lex["narrating_auxiliaries"]),
        "means": set(lex["means_prepositions"]),
    }


CONTRACTIONS = [
    (re.compile(r"\b(it|that|there|here|what|who|he|she)'s\b"), r"\1 is"),
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bcan't\b"), "cannot"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'ll\b"), " will"),
    (re.compile(r"'ve\b"), " have"),
    (re.compile(r"'d\b"), " would"),
    (re.compile(r"\blet's\b"), "let us"),
]


def fold(words: str) -> str:
    """Contractions written out ("it's time" -> "it is time"), curly apostrophes straightened."""
    words = words.replace("\u2019", "'")
    if "'" not in words:
        return words  # every contraction has an apostrophe: most stretches have none
    for pattern, full in CONTRACTIONS:
        words = pattern.sub(full, words)
    return words


def author_text(text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> str:
    """The words of a stretch in the author's own voice: quoted words blanked out."""
    if not any(s < end and e > start for s, e in quoted):
        return fold(text[start:end].lower())  # nothing quoted here: no character to blank
    chars = list(text[start:end])
    for s, e in quoted:
        for i in range(max(s, start), min(e, end)):
            chars[i - start] = " "
    return fold("".join(chars).lower())


def in_quote(tok: Token, quoted: list[tuple[int, int]]) -> bool:
    if not quoted:
        return False  # most sentences quote nothing: skip making the generator
    idx = tok.idx
    return any(s <= idx < e for s, e in quoted)
