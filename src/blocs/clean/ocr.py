"""OCR correction: a word changes only when word frequencies leave no doubt.

First, per document: only a text that shows OCR damage (fragments.damaged: non-words,
confusion misreads, split letters) is corrected at all; clean digital text only gets
words split at line ends rejoined, so unknown names ("Emina") and "it's" stay. In a
damaged text, words broken apart by the scan ("m issile", "f i g h t i n g") and
figures read with letters ("7o,ooo") are repaired first (fragments.py), then:

Candidates come from OCR confusion pairs (data/confusions.yaml); from words
the OCR merged ("livingin", "ofthe", "iuthe") or split ("dis- orderly",
"indict. ment", "C oroner", "a slight I m- provement", "move uent"); and, for
lower-case strings that are no word at all, from a one-letter edit. A
candidate wins only when the original is rare, the candidate common, and no
rival candidate comes close; when rivals stay close, the only one a neighbour
often goes with wins ("talks ehad been" -> "had", bigram counts). In a text
that already shows OCR damage, a real word that is one confusion from a very
common one fitting both neighbours is replaced ("entered tire city").
Names are protected: a known name (names.py) is never changed, nor a word in
capitals, with digits or inside a URL; a capitalised word may only become a
known, common name ("Yernen" -> "Yemen", "Egvptian" -> "Egyptian") or, when
it is no word at all, a common word ("Miuister" -> "Minister"); a word in
capitals only loses lower-case misreads towards a known name ("BEIRUl"); a
word the document itself repeats capitalised may only become a known name
too. Hyphenated compounds are corrected part by part ("pro-lsraeli").
Scanner debris is swept first (debris.py). Every change is reported with its count.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from functools import lru_cache
from itertools import product
from pathlib import Path
from typing import Optional

from .. import datafiles
from ..records import Correction
from . import debris, fragments, names
from .words import LONGEST_WORD, bigram, dehyphenate, split_after_word, zipf, zipf_pair

DATA = Path(__file__).parent / "data" / "confusions.yaml"
NAMES_DATA = Path(__file__).parent / "data" / "names.yaml"
PREVIOUS_WORD = re.compile(r"(?:^|[\s-])([^\W\d_]+)([ -])$")
TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
SPLIT_HYPHEN = re.compile(r"(?<![\w-])([^\W\d_]+)- ([^\W\d_]+)(?![\w-])")
NUMBER_HYPHEN = re.compile(  # "20- year-old", "U.S.- led"; "mid- 2023"
    r"(?<![\w.-])(\d[\d,.]*\d|\d|(?:[A-Z]\.){2,})- ([a-z]+)(?![\w])|(?<![\w-])([a-z]{2,})- ((?:1[89]|20)\d\d)(?!\d)"
)
DOTTED = re.compile(r"(?<![\w.])([^\W\d_]{2,})\. ([a-z]{2,})(?![\w-])")
LETTER_HYPHEN = re.compile(r"(?<![\w'’.-])([A-Za-z]) ([a-z])- ([a-z]{3,})(?![\w'’-])")  # "I m- provement"
SPACED = re.compile(r"(?<![\w'’.-])(?=([A-Za-z][a-z]{2,}) ([a-z]{3,})(?![\w'’-]))")  # "move uent"
LETTER_SPLIT = re.compile(r"(?<![\w'’.-])([A-Za-z]) ([a-z]{3,})(?![\w'’-])")
GUARD = set(string.digits) | set("_@/\\#&=+")  # a neighbour that makes the token code, not prose
JUNK_INSIDE = re.compile(r"(?<![\w-])([^\W\d_]+)[~^¬|]([^\W\d_]+)(?![\w-])")  # "tha~t"

RARE = 3.0  # a word this common is never changed
COMMON = 3.0  # a candidate must be at least this common
MARGIN = 2.5  # ... and this much more common than the original
BONUS = 0.5  # a known confusion counts as this much more likely than a free edit
RIVAL = 1.0  # ... and this much more common than the next candidate
MERGED_GAIN = 3.75  # "of the" must be this much more likely than "ofthe"
FUNCTION = 6.0  # "of", "in", "for": the words OCR glues to their neighbours
CAPITAL_COMMON = 3.0  # a capitalised non-word only becomes a word at least this common
REAL_WORD = 4.5  # a real word rarer than this may be a misread very common word ("tire" for "the")
CONTEXT = 1_000_000_000  # ... when the common word's pairs with both neighbours are in the table, one this frequent
NOISY_FIXES = 2  # real words are suspected only in a text with this many OCR repairs
NOISY_WORDS = 40  # ... at least one to this many words
TITLE_WORD = 5.0  # a capitalised word this common opens a sentence or is a title, not a name
SUSPENDED = {"and", "or", "nor", "to", "as", "than", "versus", "vs"}  # "pre- and post-war"


@lru_cache(maxsize=1)
def confusions() -> tuple[tuple[str, str], ...]:
    data = datafiles.read(DATA)
    return tuple((str(a), str(b)) for a, b in data["pairs"])


def _confusable(word: str) -> set[str]:
    """Every string one confusion away from `word`."""
    out = set()
    for seen, meant in confusions():
        start = 0
        while (i := word.find(seen, start)) >= 0:
            out.add(word[:i] + meant + word[i + len(seen) :])
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


def _best(
    original: str, candidates: set[str], common: float, margin: float, favoured: frozenset[str] | set[str] = frozenset()
) -> Optional[str]:
    """The clear winner among `candidates`, or None when frequencies are not decisive.
    `favoured` candidates (made by a known OCR confusion) get a head start over free edits."""
    base = zipf(original)
    scored = sorted(
        ((zipf(c) + (BONUS if c in favoured else 0.0), c) for c in candidates if c.isalpha() and zipf(c) > 0),
        reverse=True,
    )
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
        if word[i] == word[i - 1] and zipf(cand := word[:i] + word[i + 1 :]) >= FUNCTION:
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


def _merged_misread(word: str) -> Optional[str]:
    """'iuthe' -> 'in the': a very common little word glued to a word, one of the two
    misread by a known confusion; only when a single such reading exists."""
    if zipf(word) > 0 or len(word) < 4:
        return None
    found = set()
    for i in range(2, len(word) - 1):
        a, b = word[:i], word[i:]
        for x, y in ((a, c) for c in _confusable(b) | {b}) if zipf(a) >= FUNCTION else ():
            if (x, y) != (a, b) and zipf(y) >= FUNCTION:
                found.add(f"{x} {y}")
        for x, y in ((c, b) for c in _confusable(a)) if zipf(b) >= FUNCTION else ():
            if zipf(x) >= FUNCTION:
                found.add(f"{x} {y}")
    return found.pop() if len(found) == 1 else None


def _lower(word: str) -> Optional[str]:
    """A lower-case word: merged words, confusions, then one-letter edits of non-words."""
    if (split := _merged(word) or _merged_misread(word)) is not None:
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
    if found is None and zipf(word) == 0 and len(word) >= 5:
        found = _common_title(word)
    return found


def _common_title(word: str) -> Optional[str]:
    """'Miuister' -> 'Minister', 'Vorces' -> 'Forces': a capitalised string that is
    no word at all becomes a common word by one known confusion, when no rival is close."""
    lower = word[0].lower() + word[1:]
    confusable = {c for c in _confusable(word) | _confusable(lower) if c[1:].islower()}
    cand = _best(word, {c.lower() for c in confusable}, CAPITAL_COMMON, MARGIN)
    return None if cand is None else cand[0].upper() + cand[1:]


def _capitals(word: str) -> Optional[str]:
    """'BEIRUl' -> 'BEIRUT': a word in capitals with a lower-case letter or two the OCR
    misread, when exactly one reading of them is a known name or a common word.
    A plural "MPs", "NGOs" is no misreading."""
    low = [i for i, c in enumerate(word) if c.islower()]
    if not 0 < len(low) <= 2 or word.endswith("s") or zipf(word) >= RARE or names.is_name(word.title()):
        return None
    options = []
    for i in low:
        meant = {b.upper() for a, b in confusions() if a == word[i] and len(b) == 1 and b.isalpha()}
        options.append(sorted(meant | {word[i].upper()}))
    found = set()
    for picks in product(*options):
        chars = list(word)
        for i, c in zip(low, picks):
            chars[i] = c
        cand = "".join(chars)
        if (names.is_name(cand.title()) and zipf(cand) >= COMMON) or zipf(cand) >= CAPITAL_COMMON + 1:
            found.add(cand)
    return found.pop() if len(found) == 1 else None


def _known_name(word: str, confusable: set[str]) -> Optional[str]:
    """The most common capitalised confusion of a rare `word` that is a known name."""
    base = zipf(word)
    if base >= 2.0:
        return None
    for cand in sorted(confusable, key=zipf, reverse=True):
        if (
            cand[:1].isupper()
            and cand[1:].islower()
            and zipf(cand) >= COMMON
            and zipf(cand) - base >= 2.0
            and names.is_name(cand)
        ):
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
    if token[: len(token) - cut].lower() in own_names and not names.is_name(fixed[: len(fixed) - cut]):
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
    elif stem[:2].isupper() and len(stem) >= 5:
        fixed = _capitals(stem)
    else:
        return None  # McNames, iPhones: not ours to guess
    if not fixed or names.is_name(stem):  # the name set loads only when a change is proposed
        return None
    return fixed + tail


@lru_cache(maxsize=1)
def particles() -> frozenset[str]:
    data = datafiles.read(NAMES_DATA)
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
    return (
        joint == " " and len(word) > 1 and word[0].isupper() and word[1:].islower() and zipf(word) < TITLE_WORD
    )  # "In Syrla", "President Erdogan": a word, not a name


def _capital_i(text: str, m: re.Match) -> Optional[str]:
    """'said Iast week' -> 'said last week': a capital I read for l inside a sentence,
    between lower-case words, where the l-word is common and the I-word is no name."""
    word = m.group(0)
    if len(word) < 3 or word[0] != "I" or not word[1:].islower():
        return None
    before = text[max(0, m.start() - 8) : m.start()].rstrip()[-1:]
    after = text[m.end() : m.end() + 8].lstrip()[:1]
    if not (before.islower() or before == ",") or not after.islower():
        return None
    cand = "l" + word[1:]
    if zipf(word) < 2.5 and zipf(cand) >= 4.0 and zipf(cand) - zipf(word) >= MARGIN and not names.is_name(word):
        return cand
    return None


def _join_split(text: str, counts: Counter, ocr: bool = True) -> str:
    """'dis- orderly' -> 'disorderly' when the joined (or, in OCR text, corrected) form is a
    word; 'cross- border' -> 'cross-border' when it is not but both parts are (a compound
    split at a line end), unless one OCR confusion makes the joined form a word ("die- continue"
    is a misread "discontinue"). "pre- and post-war" keeps its suspended hyphen."""

    def sub(m: re.Match) -> str:
        left, right = m.group(1), m.group(2)
        if not right.islower() or right in SUSPENDED or names.is_name(right):
            return m.group(0)
        joined = left + right
        if not dehyphenate(left, right, strict=not ocr):
            if ocr and joined.islower() and zipf(joined) == 0 and (fixed := _lower(joined)) and " " not in fixed:
                joined = fixed
            elif _compound(left, right):
                joined = f"{left}-{right}"
            else:
                return m.group(0)
        counts[(m.group(0), joined)] += 1
        return joined

    if split_after_word(text):  # else neither pattern can match: most texts have only dashes
        text = NUMBER_HYPHEN.sub(lambda m: _number_compound(m, counts), SPLIT_HYPHEN.sub(sub, text))
    return JUNK_INSIDE.sub(sub, text) if ocr else text


def _number_compound(m: re.Match, counts: Counter) -> str:
    """'a 20- year-old', 'a 1,000- strong force', 'the U.S.- led coalition', 'in mid- 2023':
    a compound of a number or an abbreviation split after its hyphen."""
    left, right = m.group(1) or m.group(3), m.group(2) or m.group(4)
    if m.group(1) and not COMMON <= zipf(right) < FUNCTION:  # "5- the end": a function word is no compound
        return m.group(0)
    if m.group(3) and zipf(left) < COMMON:
        return m.group(0)
    counts[(m.group(0), f"{left}-{right}")] += 1
    return f"{left}-{right}"


def _compound(left: str, right: str) -> bool:
    """'cross- border', 'well- armed', 'Darfur- based': a compound split after its hyphen. Both
    parts are words ("well armed" splitting the glued form is not an OCR fix of it), or the
    first is a name and the second a common word: a name before "- " is never a word of its own."""
    if zipf(right) < COMMON:
        return False
    fixed = _lower(f"{left}{right}".lower()) if zipf(left + right) == 0 else None
    if fixed and " " not in fixed:
        return False
    return zipf(left) >= COMMON or (left[:1].isupper() and len(left) > 1)


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


def _join_letter_hyphen(text: str, counts: Counter) -> str:
    """'a slight I m- provement' -> 'a slight improvement': a word's first letter
    stranded before a line-end split, the capital I standing for i or l."""

    def sub(m: re.Match) -> str:
        first, second, rest = m.groups()
        if zipf(second + rest) > 0:
            return m.group(0)
        opening = text[max(0, m.start() - 3) : m.start()].rstrip()[-1:] in ("", ".", "!", "?", '"')
        leads = (first,) if opening or first.islower() else (first.lower(), "l")
        for lead in leads:
            if zipf(joined := lead + second + rest) >= COMMON and not names.is_name(joined):
                counts[(m.group(0), joined)] += 1
                return joined
        return m.group(0)

    return LETTER_HYPHEN.sub(sub, text)


def _join_spaced(text: str, counts: Counter) -> str:
    """'the move uent' -> 'the movement': a word split by a space where the second part
    is no word, and the two together (or one OCR repair of them) are a common one.
    Each pair of neighbours is looked at, so matches overlap."""
    out, last = [], 0
    for m in SPACED.finditer(text):
        left, right = m.groups()
        if m.start() < last or len(left) + len(right) > LONGEST_WORD:
            continue
        if zipf(right) > 0 or zipf(left + right) > 0 or names.is_name(left + right):
            continue
        fixed = _lower((left + right).lower())
        if not fixed or " " in fixed or zipf(fixed) < COMMON + 0.5:
            continue
        joined = left[0] + fixed[1:] if left[0].isupper() else fixed
        counts[(f"{left} {right}", joined)] += 1
        out += [text[last : m.start()], joined]
        last = m.start() + len(left) + 1 + len(right)
    return "".join(out) + text[last:]


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


def _neighbours(text: str, tokens: list[re.Match], i: int) -> Optional[tuple[str, str]]:
    """The words right before and after token i, when only a space parts them from it."""
    if i == 0 or i + 1 >= len(tokens):
        return None
    prev, here, nxt = tokens[i - 1], tokens[i], tokens[i + 1]
    if text[prev.end() : here.start()] != " " or text[here.end() : nxt.start()] != " ":
        return None
    return prev.group(0), nxt.group(0)


def _context(text: str, tokens: list[re.Match], i: int) -> Optional[tuple[str, str]]:
    """The neighbours of a lower-case token worth a look in context, or None."""
    word = tokens[i].group(0)
    if not word.islower() or len(word) < 3 or zipf(word) >= REAL_WORD:
        return None
    around = _neighbours(text, tokens, i)
    if around is None or not all(w.isalpha() for w in around):
        return None
    prev, nxt = around
    if bigram(prev, word) or bigram(word, nxt):
        return None
    return prev, nxt


def _fits_context(word: str, prev: str, nxt: str) -> Optional[str]:
    """'talks ehad been' -> 'had': of the common words one edit from a non-word
    (frequencies alone could not choose), the only one a neighbour often goes with."""
    if zipf(word) > 0:
        return None
    edits = _confusable(word) | (_one_edit(word) if len(word) >= 4 else set())
    fits = [
        c
        for c in edits
        if c.isalpha() and c.islower() and zipf(c) >= COMMON and max(bigram(prev, c), bigram(c, nxt)) >= CONTEXT
    ]
    return fits[0] if len(fits) == 1 and not names.is_name(word) else None


def _real_word(word: str, prev: str, nxt: str) -> Optional[str]:
    """'entered tire city' -> 'entered the city': a real word the OCR made out of a
    very common one. Both word pairs around the common word are frequent (bigram table),
    one of them very much so, and neither pair around the word as read is."""
    if zipf(word) == 0:
        return None
    fits = [
        c
        for c in _confusable(word)
        if c.islower()
        and zipf(c) >= FUNCTION
        and min(bigram(prev, c), bigram(c, nxt)) > 0
        and max(bigram(prev, c), bigram(c, nxt)) >= CONTEXT
    ]
    return fits[0] if len(fits) == 1 and not names.is_name(word) else None


def _noisy(words: int, counts: Counter) -> bool:
    """Whether a text of `words` words shows OCR damage: only then is a real word
    suspected of being a misread one ("in tire factories" in clean news stays)."""
    made = sum(counts.values())
    return made >= NOISY_FIXES and words <= NOISY_WORDS * made


def _replace(text: str, tokens: list[re.Match], fix, counts: Counter) -> str:
    """The text with each token i that fix(i) corrects replaced, every change counted."""
    out, last = [], 0
    for i, m in enumerate(tokens):
        fixed = fix(i)
        if fixed and fixed != m.group(0):
            out.append(text[last : m.start()])
            out.append(fixed)
            last = m.end()
            counts[(m.group(0), fixed)] += 1
    out.append(text[last:])
    return "".join(out)


def _word_pass(text: str, counts: Counter) -> str:
    """Each word corrected on its own: confusions, edits, names, close calls by context."""
    tokens = list(TOKEN.finditer(text))
    own_names = _own_names(tokens)
    decided: dict[str, Optional[str]] = {}

    def fix(i: int) -> Optional[str]:
        m = tokens[i]
        word = m.group(0)
        if (
            len(word) > LONGEST_WORD or zipf(word) >= 3.5 or _guarded(text, m.start(), m.end())
        ):  # 40+: no word, and edits blow up
            return None
        if word[:1].isupper() and _inside_name(text, m.start()):
            return None
        if word not in decided:
            decided[word] = _fix(word, own_names)
        fixed = decided[word] or _capital_i(text, m)
        if fixed:
            return fixed
        if zipf(word) > 0 or word.lower() in own_names:
            return None  # only a non-word is worth the bigram table here
        around = _context(text, tokens, i)
        return _fits_context(word, *around) if around else None

    return _replace(text, tokens, fix, counts)


def _real_word_pass(text: str, counts: Counter) -> str:
    """Real words misread from very common ones, judged by their neighbours."""
    tokens = list(TOKEN.finditer(text))
    own_names = _own_names(tokens)

    def fix(i: int) -> Optional[str]:
        m = tokens[i]
        if m.group(0).lower() in own_names or _guarded(text, m.start(), m.end()):
            return None
        around = _context(text, tokens, i)
        return _real_word(m.group(0), *around) if around else None

    return _replace(text, tokens, fix, counts)


def correct(text: str) -> tuple[str, list[Correction]]:
    """Return the corrected text and one Correction per (original, corrected) pair.

    Decided per document: a text without OCR damage (fragments.damaged: hardly any
    non-words) only has words split at line ends rejoined; no word of it is changed,
    so a name no list knows ("Emina") and a contraction ("it's") stay as written."""
    counts: Counter = Counter()
    if not fragments.damaged(text, _confusable):
        text = _join_split(text, counts, ocr=False)
        return text, [Correction(original=o, corrected=c, count=n) for (o, c), n in counts.items()]
    text = fragments.repair(text, counts)
    text = debris.sweep(text)
    text = _join_split(_join_letter_hyphen(text, counts), counts)
    text = _join_spaced(_join_letter(_join_dotted(text, counts), counts), counts)
    words = len(TOKEN.findall(text))
    text = _word_pass(text, counts)
    if _noisy(words, counts):
        text = _real_word_pass(text, counts)
    return text, [Correction(original=o, corrected=c, count=n) for (o, c), n in counts.items()]
