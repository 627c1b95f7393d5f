"""Quotes: who said what, in whose words, and through which medium.

Direct quotes are found by their marks (straight, curly, and the two-apostrophe
pairs of some wire copy); a paragraph left open goes on in the next one. Each
part is attributed from the frame around it: the speech verb whose clause holds
it or that stands next to it, and that verb's subject. A quote split by its
attribution ('"A," X said. "B."') is one record holding both parts; short quoted
phrases count when they stand in a speaker's clause ('warned of a "decisive
response"'). Reported speech comes from a speech verb's clause ("said that ...")
and from "according to X"; it is kept apart (`direct: false`) and only with a
specific speaker. Speech verbs used for evidence or acts ("images suggest",
"denied access") are no cues; a quote in the object of a verbal act ('urged X to "..."',
'accused X of "..."') is the subject's words; a quoted name or title ('a "Joint Defence
Framework"') is no quote. Speakers are resolved in speakers.py. The medium
(`via`) is a news outlet named in the attribution ("told Reuters"). `rule` says
which rule made each record.

The package, by job: `marks` (quoted stretches), `cues` (speech words and their
subjects), `attribution` (the cue of each quoted part), `reported` (indirect speech),
`speakers` (who a subject stands for), `states` (the state an unnamed official or a
state's organ speaks for), `phrases` (the words of a speaker's phrase),
`records` (Quote records, split quotes, media).
"""

from __future__ import annotations

from bisect import bisect_right

from ...context import Context, doc_text
from ...records import Quote
from .attribution import _introduced, _propagate, after_act, attribute_part, bylined, headline_label, named_after
from .cues import (
    is_according,
    is_source_according,
    is_speech_verb,
    lexicon,
    sentence_floor,
    speech_verbs,
    subject_of,
)
from .marks import Part, is_title, paragraphs, quote_spans, word_count
from .records import _records, _remark_via, _via
from .reported import _items
from .speakers import Speakers

__all__ = [
    "doc_text",
    "extract",
    "is_according",
    "is_source_according",
    "is_speech_verb",
    "lexicon",
    "quote_spans",
    "sentence_floor",
    "speech_verbs",
    "word_count",
]


def _short_sentence_after(part: Part, quoted: list[Part], text: str) -> bool:
    """'"A," X said. "Every hour counts."': a short quoted sentence after a quote of the same
    paragraph goes on with it (a scare-quoted word opens and closes no sentence)."""
    inner = text[part.start : part.end].strip()
    lead = text[max(0, part.start - 3) : part.start].rstrip(" \"“'‘«")
    whole = inner[:1].isupper() and inner[-1:] in ".!?" and word_count(inner) >= 2 and lead[-1:] in ".!?"
    return whole and any(q.para == part.para and q.end < part.start for q in quoted)


def extract(ctx: Context) -> list[Quote]:
    """Direct and reported quotes with speaker and medium resolved to actors."""
    doc, text = ctx.doc, doc_text(ctx.doc)
    lex = lexicon()
    paras = paragraphs(text)
    para_starts = [s for s, _ in paras]
    parts: list[Part] = []
    for s, e, cont in quote_spans(text):
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        parts.append(Part(s, e, max(0, bisect_right(para_starts, s) - 1), span, continued=cont))
    inside = {i for p in parts for i in range(p.span.start, p.span.end)}
    parts = [p for p in parts if not is_title(text[p.start : p.end], lex["title_small_words"])]
    for p in parts:
        attribute_part(ctx, p, parts, paras, inside)
    quoted = [
        p
        for p in parts
        if word_count(text[p.start : p.end]) >= lex["min_quote_words"] or _introduced(p, text) or p.governed
    ]
    quoted += [p for p in parts if p not in quoted and _short_sentence_after(p, quoted, text)]
    quoted.sort(key=lambda p: p.start)
    for p in parts:
        if p not in quoted:
            p.cue = None

    items = _items(ctx, quoted, inside)
    speakers = Speakers(ctx)
    speakers.inside = inside
    for it in sorted(items, key=lambda it: it.cue.i):
        key = speakers.resolve(subject_of(it.cue))
        via = _via(ctx, speakers, it, inside)
        if key and via == key:
            via = None
        for p in it.parts:
            p.speaker, p.via = key, via
        it.speaker, it.via = key, via
    _propagate(quoted, paras, items, text)
    bylined(ctx, speakers, quoted, paras, text)
    named_after(ctx, speakers, quoted)
    after_act(ctx, speakers, quoted, paras)
    headline_label(ctx, speakers, quoted, text)
    _remark_via(ctx, speakers, items, quoted)
    for it in items:  # a medium named later reaches the parts too
        for p in it.parts:
            p.via = p.via or it.via
    return _records(ctx, items, quoted, speakers)
