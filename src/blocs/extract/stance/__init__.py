"""Stance: which sentences give the author's opinion and which report.

A sentence that attributes what it says ("said", "according to", "X reported")
is reported, unless the attribution is only conceded in a clause ("While X say
..., the move calls into question ...") and the author's main clause judges. A
sentence in the author's own voice is opinion when its words outside quotes
carry a clue of evaluation: loaded, futile or blaming words, comment adverbs,
intensifiers, hedges, expectations ("was bound to"), interpretation ("in effect",
"was seen as"), forecasts with the author's modals ("could also undermine",
"will depend on"), concessions or a counter-opener ("But ..."). Every other real
sentence is reported: a statement of fact. When an attribution is followed by the
author's own evaluative tail (", according to X, clearly contradicting ..."), the
tail is an opinion item of its own. A sentence in the simple present that
narrates no event and names no date or number is the author's assessment too
("Morale in the ranks is low"). The lexicon is data (stance_lexicon.yaml).

One job per module: `lexicon` (the data, the author's own words of a stretch),
`clues` (what in a stretch voices the author, and the score), `anchoring`
(event, date and number as marks of a reported fact), `attribution` (whose
words a sentence gives, and the author's judgement around them); this module
picks the sentences and labels them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import islice

from spacy.symbols import AUX, VERB
from spacy.tokens import Span

from ... import parse_arrays
from ...context import Context, span_text, token_texts
from .. import quotes as quotes_mod
from .attribution import attribution_cue, author_tail, conceded, embedded_judged
from .clues import score, verdict
from .lexicon import THRESHOLD, author_text, fold, lexicon

_VERB_POS = frozenset({VERB, AUX})  # spaCy's POS ids, as `parse_arrays` holds them

__all__ = ["THRESHOLD", "author_text", "classify", "fold", "lexicon", "score"]

VERBLESS_WORDS = 5  # a full stop after five words or more: a sentence whose verb the tagger missed


_NEXT_OPENER = re.compile(r"(?<=[.?!,])\s+(?:''|[\"“])$")


def _clean(span: Span) -> str:
    """The sentence text without a quote mark that opens the next sentence."""
    return _NEXT_OPENER.sub("", span_text(span).strip())


def classify(ctx: Context) -> tuple[list[str], list[str]]:
    """(opinion, reported): sentences or clauses, exact stretches of the text."""
    doc = ctx.doc
    text = quotes_mod.doc_text(doc)
    quoted = [(s, e) for s, e, _ in quotes_mod.quote_spans(text) if quotes_mod.word_count(text[s:e]) >= 3]
    ends = [e for _, e in quoted]
    opinion: list[str] = []
    reported: list[str] = []
    for sent in doc.sents:
        words = _alpha_words(sent)
        short = _short_verdict(sent, words)
        if not short and not _is_sentence(sent, words):
            continue
        k = bisect_right(ends, sent.start_char)  # the quotes that reach into this sentence
        local = []
        for q in islice(quoted, k, None):
            if q[0] >= sent.end_char:
                break
            local.append(q)
        if short:
            if not local and verdict(sent, local):
                opinion.append(_clean(sent))
            continue
        cue = attribution_cue(sent, local)
        if cue is not None and (conceded(cue, local) or embedded_judged(cue, sent, local)):
            opinion.append(_clean(sent))  # "While officials say X, the move calls into question Y"
            continue
        if cue is not None:
            tail = author_tail(sent, local)
            if tail is not None and score(tail, local) >= THRESHOLD:
                opinion.append(_clean(tail).rstrip("."))
                rest = doc[sent.start : tail.start - 1]
                reported.append(_clean(rest))
            else:
                reported.append(_clean(sent))
            continue
        if not _mostly_quoted(sent, local) and score(sent, local) >= THRESHOLD:
            opinion.append(_clean(sent))
        else:  # a statement of fact in the author's voice, or mostly someone's quote
            reported.append(_clean(sent))
    return opinion, reported


def _alpha_words(sent: Span) -> list[str]:
    """The texts of the sentence's all-letter tokens (spaCy's `is_alpha`), without Tokens."""
    return [t for t in token_texts(sent.doc)[sent.start : sent.end] if t.isalpha()]


def _is_sentence(sent: Span, words: list[str]) -> bool:
    """A real sentence, not a title, byline or dateline. A sentence the tagger found no verb in
    counts when it ends like one and is long enough not to be a label. `words`: its `_alpha_words`."""
    ends = span_text(sent).rstrip()[-1:] in ".?!\"”'’"
    verb = any(p in _VERB_POS for p in parse_arrays.of(sent.doc).pos[sent.start : sent.end])
    if len(words) < 4 or not verb and not (ends and len(words) >= VERBLESS_WORDS):
        return False
    return ends or len(words) >= 12


def _short_verdict(sent: Span, words: list[str]) -> bool:
    """A sentence of two or three words ending in a full stop ("Few believe it."): judged only as a verdict.
    `words`: its `_alpha_words`."""
    return 2 <= len(words) < 4 and span_text(sent).rstrip()[-1:] in ".!" and sent.root.pos_ in ("VERB", "AUX")


def _mostly_quoted(sent: Span, quoted: list[tuple[int, int]]) -> bool:
    inside = sum(max(0, min(e, sent.end_char) - max(s, sent.start_char)) for s, e in quoted)
    return inside >= 0.6 * (sent.end_char - sent.start_char)
