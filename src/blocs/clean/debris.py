"""Scanner debris: stray marks the OCR read as characters, swept before correction.

Runs of punctuation and lone letters ("- , - L - .11 _' , _ ;") and what they
leave behind ("iK"), a stray letter wrapped in punctuation opening a
paragraph ("'t, ABOUT noon"), a lone letter between words ("shelling e resumed"),
a doubled comma, and spaces the OCR put inside paired straight quotes. Words
stay: initials, figures, dashes and bullets, letters in lists, and the words
A and I unless they sit inside a run of debris.
"""

from __future__ import annotations

import re
import string

from .words import zipf

LEAD_JUNK = re.compile(r"[^\w\s]*[A-Za-z][^\w\s]+|[^\w\s]+[A-Za-z][^\w\s]*")
MIXED_CASE = re.compile(r"[a-z]{1,2}[A-Z][A-Za-z]?(?=\s|$)")  # "iK": lower then upper, short
WORD_MARKED = re.compile(r"'[AI]")  # "'A MADRID": the word A behind a stray mark
INITIAL = re.compile(r"[A-Z]\.,?")
NUMBERED_MARK = re.compile(r"\W+\d+")  # ".11"
BARE_WORDS = ("a", "A", "I")
LOOSE_MARK = re.compile(r"(?:^|\s)(?![-–—]+(?:\s|$))[^\w\s]+(?=\s|$)")  # " ; ", " _' ", not " — "
COMMON_WORD = 3.5  # zipf: a string this common is a word in any case ("iOS")
AFTER_CLOSING = ("", " ", ",", ".", ";", ":", "!", "?", ")")
DOUBLED_MARK = re.compile(r"(?<=\w)([,;])\1+")  # "people,," : one comma is meant
# A stray lower-case letter standing alone between two words ("shelling e resumed", "Goma t,").
# Letters that are words or symbols in prose stay: a, o ("o'clock"), x/y/n (maths),
# v ("Smith v Jones"); so do letters in a list ("a, b and c") and next to figures.
LONE_LETTER = re.compile(r"(?<=[^\W\d_]{2}) ([b-mp-uwz])(?=,? [^\W\d_]{2})")


def _junk(token: str) -> bool:
    """A token no word is made of: punctuation, or one stray letter or figure with it."""
    core = token.strip(string.punctuation + "‘’“”")
    return len(core) <= 1 and token not in BARE_WORDS or not any(c.isalnum() for c in token)


def _punct(token: str) -> bool:
    return not any(c.isalnum() for c in token) and token.strip("-–—") != ""


def _debris_like(token: str) -> bool:
    """May belong to a run of debris: junk, a lone A, I or a, or a mark with figures (".11")."""
    return bool(token) and (_junk(token) or token in BARE_WORDS or NUMBERED_MARK.fullmatch(token) is not None)


def _swept(run: list[str]) -> list[str]:
    """What stays of a run: nothing when it is debris (four or more tokens, two of
    them punctuation other than dashes), but for a word A, I or a closing it."""
    if len(run) < 4 or sum(map(_punct, run)) < 2:
        return run
    tail = len(run)
    while tail and run[tail - 1] in BARE_WORDS:
        tail -= 1
    return run[tail:]


def sweep(text: str) -> str:
    """Each paragraph without its debris runs, opening debris and quote spaces."""
    out = []
    for para in text.split("\n\n"):
        if not LOOSE_MARK.search(para):  # no run can be debris without two loose marks
            out.append(_lone_letters(_quote_spaces(_lead_junk(para))))
            continue
        keep: list[str] = []
        run: list[str] = []
        opened = False
        for tok in para.split(" "):
            if _debris_like(tok):
                run.append(tok)
                continue
            if not keep and run:
                opened = len(_swept(run)) < len(run)  # the paragraph opened with debris
            keep += _swept(run) + [tok]
            run = []
        keep += _swept(run)
        out.append(_lone_letters(_quote_spaces(_lead_junk(" ".join(t for t in keep if t), opened))))
    return "\n\n".join(out)


def _lone_letters(para: str) -> str:
    """'shelling e resumed' -> 'shelling resumed': a lone letter no word is made of, between two
    words; kept when both words are capitalised ("Ortega y Gasset": a name, but not
    "Goma t, Bukavu") or when another lone letter is near (a list: "a, b and c").
    A comma or semicolon struck twice after a word is struck once."""

    def sub(m: re.Match) -> str:
        before = para[max(0, m.start() - 40) : m.start()].split()[-2:]
        after = para[m.end() : m.end() + 40].lstrip(", ").split()[:2]
        if before[-1][:1].isupper() and after[0][:1].isupper() and para[m.end() : m.end() + 1] != ",":
            return m.group(0)
        if any(len(w.strip(string.punctuation)) == 1 and w not in BARE_WORDS for w in before + after):
            return m.group(0)
        return ""

    return DOUBLED_MARK.sub(r"\1", LONE_LETTER.sub(sub, para))


def _lead_junk(para: str, after_debris: bool = False) -> str:
    """Debris opening a paragraph ("'t, ABOUT noon ...", "iK 'A MADRID ..."): a stray
    letter wrapped in punctuation, or a few letters in a case no word is written in,
    before a capitalised word (the latter only left over from a debris run swept
    just before). Initials ("J. R. Smith"), figures, plain dashes, bullets, quotes
    and words ("iOS") stay."""
    if not (LEAD_JUNK.match(para) or after_debris and MIXED_CASE.match(para)):
        return para
    tokens = para.split(" ")
    i = 0
    while i < len(tokens) - 1 and _lead_junk_token(tokens[i], after_debris) and not WORD_MARKED.fullmatch(tokens[i]):
        i += 1
    if i and tokens[i].lstrip("'\"‘“")[:1].isupper():
        return " ".join([tokens[i].lstrip("'") if WORD_MARKED.fullmatch(tokens[i]) else tokens[i]] + tokens[i + 1 :])
    return para


def _lead_junk_token(token: str, after_debris: bool) -> bool:
    """A stray letter in punctuation (not an initial), or after debris a short
    mixed-case string that is no common word ("iK", but not "iOS")."""
    if LEAD_JUNK.fullmatch(token):
        return not INITIAL.fullmatch(token)
    return after_debris and MIXED_CASE.fullmatch(token) is not None and zipf(token) < COMMON_WORD


def _quote_spaces(para: str) -> str:
    """'also " Madame de Bodt,"' -> 'also "Madame de Bodt,"': a space inside paired
    straight quotes, where OCR put it."""
    if '" ' not in para and ' "' not in para or para.count('"') % 2:
        return para
    parts = para.split('"')
    for k in range(1, len(parts), 2):  # parts[k] is quoted
        if parts[k - 1][-1:] in ("", " ") and parts[k][:1] == " " and parts[k][1:2].isalpha():
            parts[k] = parts[k].lstrip(" ")
        if parts[k][-1:] == " " and parts[k][-2:-1].strip() and parts[k + 1][:1] in AFTER_CLOSING:
            parts[k] = parts[k].rstrip(" ")
    return '"'.join(parts)
