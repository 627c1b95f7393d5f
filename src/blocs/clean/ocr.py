"""OCR correction (first cut): confusion pairs checked against word frequency."""
from __future__ import annotations

import re
from collections import Counter

from wordfreq import zipf_frequency

from ..records import Correction

CONFUSIONS = [("l", "I"), ("I", "l"), ("rn", "m"), ("g", "q"), ("0", "O"), ("vv", "w"), ("1", "l")]
WORD = re.compile(r"[A-Za-z][A-Za-z0-9']+")


def _candidates(word: str):
    for a, b in CONFUSIONS:
        start = 0
        while (i := word.find(a, start)) >= 0:
            yield word[:i] + b + word[i + len(a):]
            start = i + 1


def correct(text: str) -> tuple[str, list[Correction]]:
    fixes: dict[str, str] = {}
    for word in set(WORD.findall(text)):
        if zipf_frequency(word, "en") > 1.5:
            continue
        best = max(_candidates(word), key=lambda c: zipf_frequency(c, "en"), default=None)
        if best and zipf_frequency(best, "en") >= 3.0:
            fixes[word] = best
    if not fixes:
        return text, []
    counts: Counter = Counter()

    def sub(m):
        w = m.group(0)
        if w in fixes:
            counts[w] += 1
            return fixes[w]
        return w
    text = WORD.sub(sub, text)
    return text, [Correction(original=w, corrected=fixes[w], count=n) for w, n in counts.items()]
