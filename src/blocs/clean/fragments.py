"""OCR damage that breaks words apart, repaired before debris is swept.

A scan read with loose letter spacing splits words ("m issile", "settlem ent",
"K enya") or spaces every letter ("f i g h t i n g", "v i l l a g e s
n e a r b y"); digits come back as letters ("7o,ooo", "3o6,21o"); a
stray mark sticks to a word ("and*"). The debris sweep would take the lone
letters for specks, so these run first, and only in a text `damage` says
the OCR has touched: clean digital news keeps every word as written.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Callable, Optional, Protocol

from . import names
from .words import LONGEST_WORD, zipf

TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# Every pattern counted over a whole text opens with a literal or a letter class, its
# look-behind after it: Python's regex engine then skips ahead to the places that can match,
# where a pattern opening with a look-behind is run at every character.
# A lone letter (not the words a, A, I, o) before a word, counted at its space; letter-digit
# mixes ("11o", "o84"), which no lone letter overlaps, are OCR_DIGITS.
FRAGMENT_LETTER = re.compile(r" (?<=[B-HJ-Zb-np-z] )(?<![\w'’.-][B-HJ-Zb-np-z] )(?=[a-z]{2,})")
# Scanner specks ("_ , ; - . :"), doubled commas, capitals with a lower-case misread
# ("BEIRUl", "iK"; plurals such as "NGOs" are no misread: two patterns for two kinds of whole
# words, counted apart) and a capital I read for l between lower-case words ("said Iast week").
LOOSE_MARKS = re.compile(r"[_;:,~^`](?:(?<![^\s][_;:,~^`])[_;:,~^`]*(?=\s)|(?<=,),)")  # not "|" or "...": bylines
CAPS_MISREAD = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]{2,}[a-rt-z][A-Z]*\b")
CAPS_TAIL_MISREAD = re.compile(r"[A-Z](?!\w)(?:(?<=(?<!\w)[a-z][A-Z])|(?<=(?<!\w)[a-z][a-z][A-Z]))")
LONE_LETTER = re.compile(r" [b-hj-np-uwz](?<=[^\W\d_]{2} [b-hj-np-uwz])(?=,? [^\W\d_]{2})")  # "Goma t, Bukavu"
L_FOR_I = re.compile(r"l(?<![\w'’]l)([a-z]{3,})(?![\w'’])")
OCR_DIGITS = re.compile(r"\b\d+[oO]\d*\b|\b\d*[oO]\d+\b")
CAPITAL_I = re.compile(r"I(?<=[a-z,] I)[a-z]{2,}(?= [a-z])")
SPACED_LETTERS = re.compile(r"(?<![\w'’.-])(?:[A-Za-z]{1,2} ){2,}[A-Za-z]{1,2}(?![\w'’-])")
ALPHA = re.compile(r"[A-Za-z]+")
OCR_NUMBER = re.compile(r"(?<![\w.])(?=[\doO,]*\d)(?=[\d,]*[oO])[\doO]{1,3}(?:,[\doO]{3})*(?![\w,])")
MARKED_WORD = re.compile(r"\b([a-z]{2,})[*~^|](?=\s)")
SURE_SLIPS = 2  # ... or from which misreads no clean text holds make it a scan
DAMAGE_RATE = 1 / 60  # non-words and fragments per word from which a text shows OCR damage
WORD = 3.0  # a joined word must be at least this common (wordfreq Zipf)
RARE_PIECE = 2.0  # a piece rarer than this ("settlem", "gov") is a fragment of a word
LIST_WORD = 4.5  # ... but a lone letter beside a word this common stays apart ("b and")
MAX_SPACED = 40  # letters of one letter-spaced run that are segmented at most
# Two-letter words of English prose: a piece this short that is none of them is a fragment.
SHORT_WORDS = frozenset("an as at be by do go he if in is it me my no of on or so to up us we".split())


def _stem(token: str) -> str:
    """The word without a possessive or contraction tail ("country’s" -> "country")."""
    return re.split(r"['’]", token, maxsplit=1)[0]


def damage(text: str, confusable: Optional[Callable[[str], set[str]]] = None) -> float:
    """Share of words that show OCR damage: lower-case strings of three letters or more
    that are no word (unknown to wordfreq), or rare ones that one OCR confusion turns into
    a common word or a known name ("lraq", "tbe"), and fragments ("m issile", "7o,ooo").
    Clean news stays well below DAMAGE_RATE (a rare loanword or two in an article); an
    OCR line reaches it with one error. Capitalised words never count: names no list
    knows ("Emina") are no evidence of damage."""
    tokens = TOKEN.findall(text)
    if not tokens:
        return 0.0
    counts, bad = Counter(tokens), 0
    sound = _SOUND.setdefault(confusable, set())
    for t in counts.keys() - sound:  # each distinct token once; those found sound before skipped
        if _damaged_token(t, confusable):
            bad += counts[t]
        elif len(sound) < SOUND_TOKENS:
            sound.add(t)
    marks = sum(len(p.findall(text)) for p in (FRAGMENT_LETTER, OCR_DIGITS, LOOSE_MARKS, LONE_LETTER))
    marks += _caps_misreads(text)
    marks += sum(1 for m in CAPITAL_I.finditer(text) if _l_word(m.group(0)))
    return (bad + marks) / len(tokens)


# confusable -> tokens `_damaged_token` found sound (at most SOUND_TOKENS): most words of an
# article were seen before, and one set difference skips them all
_SOUND: dict[Optional[Callable[[str], set[str]]], set[str]] = {}
SOUND_TOKENS = 200_000


@lru_cache(maxsize=50_000)
def _damaged_token(token: str, confusable: Optional[Callable[[str], set[str]]]) -> bool:
    """`_damaged_word` of a token's stem, answered once per distinct token (news repeats its
    words: most tokens of an article were seen before)."""
    return _damaged_word(_stem(token), confusable)


def _damaged_word(stem: str, confusable: Optional[Callable[[str], set[str]]]) -> bool:
    """A lower-case non-word ("apparentiy"), a rare word one confusion from a common one
    ("lraq"), or a capitalised string no dictionary holds that one confusion makes a
    common word or name ("Syrla", "Miuister"); a rare real name ("Emina") is none."""
    if len(stem) < 3 or not stem.isalpha():
        return False
    z = zipf(stem)
    if stem.islower():
        return z == 0 or (z < RARE_PIECE and confusable is not None and _confused(stem, confusable, 4.0))
    if stem[0].isupper() and stem[1:].islower() and z == 0 and not names.is_name(stem):
        return confusable is not None and _confused(stem, confusable, 3.0)
    return False


def _caps_misreads(text: str) -> int:
    """Whole words of capitals with a lower-case misread ("BEIRUl") or of one or two lower-case
    letters and a capital ("iK")."""
    return len(CAPS_MISREAD.findall(text)) + len(CAPS_TAIL_MISREAD.findall(text))


def _l_word(word: str) -> bool:
    """'Iast' for 'last': a rare capitalised I-word that is no name, and common with l."""
    return zipf(word) < 2.5 and zipf("l" + word[1:]) >= 4.0 and not names.is_name(word)


def _confused(word: str, confusable: Callable[[str], set[str]], common: float) -> bool:
    return any(zipf(c) >= common and (c[1:].islower() or names.is_name(c)) for c in confusable(word))


def damaged(text: str, confusable: Optional[Callable[[str], set[str]]] = None) -> bool:
    """Damage at DAMAGE_RATE, or misreads clean text never holds, seen twice: a lower-case
    l opening a known name ("lranian"), capitals with a lower-case misread ("BEIRUl"),
    o for 0 in a figure ("7o,ooo"). An article with a few such slips is a scan too."""
    sure = sum(1 for m in L_FOR_I.finditer(text) if zipf("l" + m.group(1)) == 0 and names.is_name("I" + m.group(1)))
    sure += _caps_misreads(text) + len(OCR_DIGITS.findall(text))
    return sure >= SURE_SLIPS or damage(text, confusable) >= DAMAGE_RATE


def _is_fragment(piece: str) -> bool:
    low = piece.lower()
    if len(piece) <= 2:
        return low not in SHORT_WORDS and low not in ("a", "i")
    return zipf(low) < RARE_PIECE and not names.is_name(piece)


@lru_cache(maxsize=20_000)
def _segment(letters: str) -> Optional[tuple[str, ...]]:
    """The likeliest split of a letter string into common words ("villagesnearby" -> villages nearby),
    fewest words first; None when no split into words at least WORD common exists."""
    best: list[Optional[tuple[float, tuple[str, ...]]]] = [None] * (len(letters) + 1)
    best[0] = (0.0, ())
    for end in range(1, len(letters) + 1):
        for start in range(max(0, end - 20), end):
            before = best[start]
            if before is None:
                continue
            word = letters[start:end]
            z = zipf(word)
            if z < WORD and not (len(word) == 1 and word in "ai"):
                continue
            score = before[0] + z - 8.0  # each extra word costs: fewer, longer words win
            here = best[end]
            if here is None or score > here[0]:
                best[end] = (score, before[1] + (word,))
    return best[-1][1] if best[-1] else None


class _Groups(Protocol):
    """What `_join_spaced_letters` reads of a match: a `re.Match`, or a `_Run`."""

    def group(self, index: int, /) -> str: ...


class _Run:
    """A stand-in match for the inner part of a letter-spaced run."""

    def __init__(self, text: str):
        self._text = text

    def group(self, _: int) -> str:
        return self._text


def _join_spaced_letters(text: str, counts: Counter) -> str:
    """'f i g h t i n g' -> 'fighting', 'n e a r b y t he m' -> 'nearby them'."""

    def sub(m: _Groups) -> str:
        pieces = m.group(0).split(" ")
        lead = next((k for k, p in enumerate(pieces) if p.lower() not in SHORT_WORDS), 0)
        tail = next((k for k, p in enumerate(reversed(pieces)) if p.lower() not in SHORT_WORDS), 0)
        if lead or tail:  # "in N o v e m b er": the words around the run stay as they are
            kept = pieces[lead : len(pieces) - tail]
            inner = " ".join(kept)
            if len(kept) < 3:
                return m.group(0)
            return m.group(0).replace(inner, sub(_Run(inner)), 1)
        letters = "".join(pieces)
        if sum(len(p) == 1 for p in pieces) < 3 or len(letters) > MAX_SPACED:
            return m.group(0)
        words = _segment(letters.lower())
        if not words or len(words) >= len(pieces) or any(len(w) < 2 and w not in "ai" for w in words):
            return m.group(0)
        fixed = " ".join(words)
        if letters[0].isupper():
            fixed = fixed[0].upper() + fixed[1:]
        counts[(m.group(0), fixed)] += 1
        return fixed

    return SPACED_LETTERS.sub(sub, text)


def _join_pieces(text: str, counts: Counter) -> str:
    """'m issile' -> 'missile', 'K enya' -> 'Kenya', 'settlem ent' -> 'settlement':
    two to four pieces parted by single spaces, one of them a fragment, that together
    make a common word (or a known name, when capitalised); longest first, left to right."""
    toks = list(ALPHA.finditer(text))
    out, last, i = [], 0, 0
    while i < len(toks):
        n = _pieces_at(text, toks, i)
        if n:
            original = text[toks[i].start() : toks[i + n - 1].end()]
            joined = original.replace(" ", "")
            counts[(original, joined)] += 1
            out += [text[last : toks[i].start()], joined]
            last = toks[i + n - 1].end()
            i += n
        else:
            i += 1
    return "".join(out) + text[last:]


def _pieces_at(text: str, toks: list[re.Match], i: int) -> int:
    """How many pieces from token i join into one word (0: none)."""
    if toks[i].start() and (text[toks[i].start() - 1].isalnum() or text[toks[i].start() - 1] in "'’.-"):
        return 0
    run = 1
    while run < 4 and i + run < len(toks) and text[toks[i + run - 1].end() : toks[i + run].start()] == " ":
        run += 1
    for n in range(run, 1, -1):
        head = [t.group(0) for t in toks[i : i + n]]
        end = toks[i + n - 1].end()
        if end < len(text) and (text[end].isalnum() or text[end] == "-" and text[end + 1 : end + 2] == " "):
            continue  # a word goes on, or a line-end split follows ("I m- provement")
        if (
            n == 2
            and min(map(len, head)) == 1
            and max((zipf(p.lower()) for p in head if len(p) > 1), default=0) >= LIST_WORD
        ):
            continue  # "options a, b and c": a letter beside a very common word is no fragment of it
        if sum(map(len, head)) <= LONGEST_WORD and any(_is_fragment(p) for p in head) and _word_like("".join(head)):
            return n
    return 0


def _word_like(joined: str) -> bool:
    """A common word, or a known name that is common too ("Kenya", not "Im")."""
    if len(joined) < 4 or not joined[1:].islower() or zipf(joined.lower()) < WORD:
        return False
    return joined.islower() or joined[1:].islower() and (zipf(joined.lower()) >= 4.0 or names.is_name(joined))


def _numbers(text: str, counts: Counter) -> str:
    """'7o,ooo' -> '70,000', '3o6,21o' -> '306,210': o read for 0 in a figure."""

    def sub(m: re.Match) -> str:
        fixed = m.group(0).replace("o", "0").replace("O", "0")
        if fixed == m.group(0) or not any(c.isdigit() for c in m.group(0)):
            return m.group(0)
        counts[(m.group(0), fixed)] += 1
        return fixed

    return OCR_NUMBER.sub(sub, text)


def _marks(text: str, counts: Counter) -> str:
    """'and* the' -> 'and the': a stray mark stuck to a common word."""

    def sub(m: re.Match) -> str:
        if zipf(m.group(1)) < 5.0:
            return m.group(0)
        counts[(m.group(0), m.group(1))] += 1
        return m.group(1)

    return MARKED_WORD.sub(sub, text)


def repair(text: str, counts: Counter) -> str:
    """All of the above, letter-spaced runs first (their pieces are single letters)."""
    text = _join_spaced_letters(text, counts)
    text = _join_pieces(text, counts)
    return _marks(_numbers(text, counts), counts)
