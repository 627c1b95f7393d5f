"""OCR correction: a word changes only when word frequencies leave no doubt.

Candidates come from OCR confusion pairs (data/confusions.yaml); from words
the OCR merged ("livingin", "ofthe") or split ("dis- orderly", "indict. ment",
"C oroner"); and, for lower-case strings that are no word at all, from a
one-letter edit. A candidate wins only when the original is rare, the
candidate common, and no rival candidate comes close. Names are protected:
a known name (names.py) is never changed, nor a word in capitals, with
digits or inside a URL; a capitalised word may only become a known, common
name ("Yernen" -> "Yemen", "Egvptian" -> "Egyptian"); a word the document
itself repeats capitalised may only become a known name too. Hyphenated
compounds are corrected part by part ("pro-lsraeli"). Scanner debris
is swept first (debris.py). Every change is reported with its count.
"""
from __future__ import annotations

import re
import string
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Optional

import yaml

from ..records import Correction
from . import debris, names
from .words import dehyphenate, zipf, zipf_pair

DATA = Path(__file__).parent / "data" / "confusions.yaml"
NAMES_DATA = Path(__file__).parent / "data" / "names.yaml"
PREVIOUS_WORD = re.compile(r"(?:^|[\s-])([^\W\d_]+)([ -])$")
TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
SPLIT_HYPHEN = re.compile(r"(?<![\w-])([^\W\d_]+)- ([^\W\d_]+)(?![\w-])")
DOTTED = re.compile(r"(?<![\w.])([^\W\d_]{2,})\. ([a-z]{2,})(?![\w-])")
LETTER_SPLIT = re.compile(r"(?<![\w'’.-])([A-Za-z]) ([a-z]{3,})(?![\w'’-])")
GUARD = set(string.digits) | set("_@/\\#&=+")  # a neighbour that makes the token code, not prose
JUNK_INSIDE = re.compile(r"(?<![\w-])([^\W\d_]+)[~^¬|]([^\W\d_]+)(?![\w-])")  # "tha~t"

RARE = 3.0          # a word this common is never changed
COMMON = 3.0        # a candidate must be at least this common
MARGIN = 2.5        # ... and this much more common than the original
BONUS = 0.5         # a known confusion counts as this much more likely than a free edit
RIVAL = 1.0         # ... and this much more common than the next candidate
MERGED_GAIN = 3.75  # "of the" must be this much more likely than "ofthe"
FUNCTION = 6.0      # "of", "in", "for": the words OCR glues to their neighbours
TITLE_WORD = 5.0    # a capitalised word this common opens a sentence or is a title, not a name


@lru_cache(maxsize=1)
def confusions() -> tuple[tuple[str, str], ...]:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return tuple((str(a), str(b)) for a, b in data["pairs"])


def _confusable(word: str) -> set[str]:
    """Every string one confusion away from `word`."""
    out = set()
    for seen, meant in confusions():
        start = 0
        while (i := word.find(seen, start)) >= 0:
            out.add(word[:i] + meant + word[i + len(seen):])
            start = i + 1
    out.discard(word)
    return out


def _one_edit(word: str) -> set[str]:
    """Every string one letter away: deleted, swapped, replaced or inserted."""
    letters = string.ascii_lowercase
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in letters}
    out |= {a + c + b for a, b in splits for c in letters}
    out.discard(word)
    return out


def _best(original: str, candidates: set[str], common: float, margin: float,
          favoured: frozenset[str] | set[str] = frozenset()) -> Optional[str]:
    """The clear winner among `candidates`, or None when frequencies are not decisive.
    `favoured` candidates (made by a known OCR confusion) get a head start over free edits."""
    base = zipf(original)
    scored = sorted(((zipf(c) + (BONUS if c in favoured else 0.0), c) for c in candidates
                     if c.isalpha() and zipf(c) > 0), reverse=True)
    if not scored:
        return None
    top, cand = scored[0]
    rivals = [z for z, c in scored[1:] if c.lower() != cand.lower()]
    if zipf(cand) < common or zipf(cand) - base < margin or (rivals and top - rivals[0] < RIVAL):
        return None
    return cand


def _doubled(word: str) -> Optional[str]:
    """'iin' -> 'in': a doubled letter in a rare word that is otherwise a very common one."""
    for i in range(1, len(word)):
        if word[i] == word[i - 1] and zipf(cand := word[:i] + word[i + 1:]) >= FUNCTION:
            return cand
    return None


def _merged(word: str) -> Optional[str]:
    """'livingin' -> 'living in': two words far likelier than one, one of them a very
    common little word ("of", "the", "in"), the other no shorter than three letters."""
    best, gain = None, MERGED_GAIN
    for i in range(2, len(word) - 1):
        a, b = word[:i], word[i:]
        za, zb = zipf(a), zipf(b)
        if min(za, zb) < COMMON or max(za, zb) < FUNCTION:
            continue
        if (za < FUNCTION and len(a) < 3) or (zb < FUNCTION and len(b) < 3):
            continue
        g = zipf_pair(a, b) - zipf(word)
        if g >= gain:
            best, gain = f"{a} {b}", g
    return best


def _lower(word: str) -> Optional[str]:
    """A lower-case word: merged words, confusions, then one-letter edits of non-words."""
    if (split := _merged(word)) is not None:
        return split
    base = zipf(word)
    if base >= RARE:
        return None
    margin = MARGIN if base == 0 else MARGIN + 0.5
    confusable = _confusable(word)
    if word[0] == "l" and (name := _known_name(word, confusable)):
        return name  # "lsrael" -> "Israel"
    edits = _one_edit(word) if base == 0 and len(word) >= 4 else set()
    cand = _best(word, confusable | edits, COMMON, margin, favoured=confusable)
    if cand is not None and cand not in confusable and zipf(cand) < COMMON + 0.5:
        cand = None  # a free edit needs a commoner word than a known confusion
    if cand is None and base < 2.5:
        cand = _doubled(word)
    if cand is None:
        return None
    title = cand[0].upper() + cand[1:]
    if title in confusable and names.is_name(title):
        return title  # "lsraeli" -> "Israeli", as the name is written
    return cand.lower()


def _title(word: str) -> Optional[str]:
    """A capitalised word changes only into a known, common name: by a confusion
    ("Syrla" -> "Syria"), or by one lost letter when it is no word at all ("Itlian")."""
    found = _known_name(word, _confusable(word))
    if found is None and zipf(word) == 0 and len(word) >= 6:
        lost = {word[:i] + c + word[i:] for i in range(1, len(word) + 1) for c in string.ascii_lowercase}
        found = _known_name(word, {c for c in lost if zipf(c) >= COMMON + 0.5})
    return found


def _known_name(word: str, confusable: set[str]) -> Optional[str]:
    """The most common capitalised confusion of a rare `word` that is a known name."""
    base = zipf(word)
    if base >= 2.0:
        return None
    for cand in sorted(confusable, key=zipf, reverse=True):
        if cand[:1].isupper() and cand[1:].islower() and zipf(cand) >= COMMON \
                and zipf(cand) - base >= 2.0 and names.is_name(cand):
            return cand
    return None


def _guarded(text: str, start: int, end: int) -> bool:
    """Tokens glued to digits, URLs, e-mail or dotted abbreviations are not prose."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before in GUARD or after in GUARD:
        return True
    if before == "." and start >= 2 and text[start - 2].isalpha():
        return True
    return after == "." and end + 1 < len(text) and text[end + 1].isalpha()


def _fix(token: str, own_names: frozenset[str]) -> Optional[str]:
    """The correction of one token, or None; the document's own names stay."""
    fixed = _candidate(token)
    if fixed is None:
        return None
    cut = 2 if token.endswith(("'s", "’s")) else 0  # the possessive is not part of the name
    if token[:len(token) - cut].lower() in own_names and not names.is_name(fixed[:len(fixed) - cut]):
        return None
    return fixed


@lru_cache(maxsize=100_000)
def _candidate(token: str) -> Optional[str]:
    """What a token should be, from frequencies and known names alone (cached across documents)."""
    stem, tail = token, ""
    if "'" in token or "’" in token:
        if token[-2:] not in ("'s", "’s") or not token[:-2].isalpha():
            return None
        stem, tail = token[:-2], token[-2:]
    if len(stem) < 3:
        return None
    if stem.islower():
        fixed = _lower(stem)
    elif stem[0].isupper() and stem[1:].islower():
        fixed = _title(stem)
    else:
        return None  # ACRONYMS, McNames, BERtiN: not ours to guess
    if not fixed or names.is_name(stem):  # the name set loads only when a change is proposed
        return None
    return fixed + tail


@lru_cache(maxsize=1)
def particles() -> frozenset[str]:
    data = yaml.safe_load(NAMES_DATA.read_text(encoding="utf-8"))
    return frozenset(str(p).lower() for p in data["particles"])


def _inside_name(text: str, start: int) -> bool:
    """A capitalised word right after a name particle ("van den Broek", "al-Broek")
    or right after another capitalised word ("Hans Broek", not "Turkish-Syrla")
    belongs to a name."""
    prev = PREVIOUS_WORD.search(text, max(0, start - 64), start)
    if prev is None:
        return False
    word, joint = prev.group(1), prev.group(2)
    if word.lower() in particles():
        return True
    return joint == " " and len(word) > 1 and word[0].isupper() and word[1:].islower() \
        and zipf(word) < TITLE_WORD  # "In Syrla", "President Erdogan": a word, not a name


def _capital_i(text: str, m: re.Match) -> Optional[str]:
    """'said Iast week' -> 'said last week': a capital I read for l inside a sentence,
    between lower-case words, where the l-word is common and the I-word is no name."""
    word = m.group(0)
    if len(word) < 3 or word[0] != "I" or not word[1:].islower():
        return None
    before = text[max(0, m.start() - 8):m.start()].rstrip()[-1:]
    after = text[m.end():m.end() + 8].lstrip()[:1]
    if not (before.islower() or before == ",") or not after.islower():
        return None
    cand = "l" + word[1:]
    if zipf(word) < 2.5 and zipf(cand) >= 4.0 and zipf(cand) - zipf(word) >= MARGIN and not names.is_name(word):
        return cand
    return None


def _join_split(text: str, counts: Counter) -> str:
    """'dis- orderly' -> 'disorderly' when the joined (or corrected) form is a word."""
    def sub(m: re.Match) -> str:
        left, right = m.group(1), m.group(2)
        if not right.islower():
            return m.group(0)
        joined = left + right
        if not dehyphenate(left, right, strict=False):
            if not (joined.islower() and zipf(joined) == 0 and (fixed := _lower(joined)) and " " not in fixed):
                return m.group(0)
            joined = fixed
        if names.is_name(right):
            return m.group(0)
        counts[(m.group(0), joined)] += 1
        return joined
    return JUNK_INSIDE.sub(sub, SPLIT_HYPHEN.sub(sub, text))


def _own_names(tokens: list[re.Match]) -> frozenset[str]:
    """Capitalised words the document repeats: its own names, in any case."""
    counts = Counter(m.group(0) for m in tokens if m.group(0)[:1].isupper())
    return frozenset(w.lower() for w, n in counts.items() if n > 1)


def _join_letter(text: str, counts: Counter) -> str:
    """'C oroner' -> 'Coroner': a letter split off a word that is otherwise no word."""
    def sub(m: re.Match) -> str:
        joined = m.group(1) + m.group(2)
        if zipf(m.group(2)) == 0 and zipf(joined) >= COMMON:
            counts[(m.group(0), joined)] += 1
            return joined
        return m.group(0)
    return LETTER_SPLIT.sub(sub, text)


def _join_dotted(text: str, counts: Counter) -> str:
    """'indict. ment' -> 'indictment': a stray full stop inside a word."""
    def sub(m: re.Match) -> str:
        left, right = m.group(1), m.group(2)
        joined = left + right
        z = zipf(joined)
        if (z >= COMMON and z > zipf(right) and zipf(right) < 3.5) or (zipf(right) == 0 and names.is_name(joined)):
            counts[(m.group(0), joined)] += 1
            return joined
        return m.group(0)
    return DOTTED.sub(sub, text)


def correct(text: str) -> tuple[str, list[Correction]]:
    """Return the corrected text and one Correction per (original, corrected) pair."""
    counts: Counter = Counter()
    text = debris.sweep(text)
    text = _join_letter(_join_dotted(_join_split(text, counts), counts), counts)
    tokens = [m for m in TOKEN.finditer(text)]
    own_names = _own_names(tokens)
    decided: dict[str, Optional[str]] = {}
    out, last = [], 0
    for m in tokens:
        word = m.group(0)
        if zipf(word) >= 3.5 or _guarded(text, m.start(), m.end()):
            continue
        if word[:1].isupper() and _inside_name(text, m.start()):
            continue
        if word not in decided:
            decided[word] = _fix(word, own_names)
        fixed = decided[word] or _capital_i(text, m)
        if fixed and fixed != word:
            out.append(text[last:m.start()])
            out.append(fixed)
            last = m.end()
            counts[(word, fixed)] += 1
    out.append(text[last:])
    return "".join(out), [Correction(original=o, corrected=c, count=n) for (o, c), n in counts.items()]
