"""Scanner debris: stray marks the OCR read as characters, swept before correction.

Runs of punctuation and lone letters ("- , - L - .11 _' , _ ;"), a stray
letter wrapped in punctuation opening a paragraph ("'t, ABOUT noon"), and
spaces the OCR put inside paired straight quotes. Words stay: initials,
figures, dashes and bullets, and the words A and I unless they sit inside a
run of debris.
"""
from __future__ import annotations

import re
import string

LEAD_JUNK = re.compile(r"[^\w\s]*[A-Za-z][^\w\s]+|[^\w\s]+[A-Za-z][^\w\s]*")
INITIAL = re.compile(r"[A-Z]\.,?")
NUMBERED_MARK = re.compile(r"\W+\d+")  # ".11"
BARE_WORDS = ("a", "A", "I")
LOOSE_MARK = re.compile(r"(?:^|\s)(?![-–—]+(?:\s|$))[^\w\s]+(?=\s|$)")  # " ; ", " _' ", not " — "
AFTER_CLOSING = ("", " ", ",", ".", ";", ":", "!", "?", ")")


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
            out.append(_quote_spaces(_lead_junk(para)))
            continue
        keep, run = [], []
        for tok in para.split(" "):
            if _debris_like(tok):
                run.append(tok)
                continue
            keep += _swept(run) + [tok]
            run = []
        keep += _swept(run)
        out.append(_quote_spaces(_lead_junk(" ".join(t for t in keep if t))))
    return "\n\n".join(out)


def _lead_junk(para: str) -> str:
    """Debris opening a paragraph ("'t, ABOUT noon ..."): a stray letter wrapped in
    punctuation before a capitalised word. Initials ("J. R. Smith"), figures and
    plain dashes, bullets or quotes stay."""
    if not LEAD_JUNK.match(para):
        return para
    tokens = para.split(" ")
    i = 0
    while i < len(tokens) - 1 and LEAD_JUNK.fullmatch(tokens[i]) and not INITIAL.fullmatch(tokens[i]):
        i += 1
    if i and tokens[i][:1].isupper():
        return " ".join(tokens[i:])
    return para


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
