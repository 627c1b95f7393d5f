"""Quote records: attributions turned into Quote records, split quotes joined, the medium
(`via`) named in an attribution found.

A quote split by its attribution ('"A," X said. "B."') is one record holding both
parts; reported speech is kept only with a specific speaker.
"""

from __future__ import annotations

import re
from typing import Optional

from ... import parse_arrays
from ...context import Context, doc_text, sent_of, span_text
from ...records import Quote
from .cues import is_according, lexicon, sentence_floor
from .marks import Part, word_count
from .reported import Item
from .speakers import Speakers


def _via(ctx: Context, speakers: Speakers, it: Item, inside: set[int]) -> Optional[str]:
    """A news outlet named in the attribution sentence, outside the quoted words."""
    sent, at = sent_of(it.cue), ctx.arrays.idx

    def outside(i: int) -> bool:
        return i not in inside and not (it.reported and it.start <= at[i] < it.end)

    for m in ctx.actors_in(sent):
        if sent.start <= m.start < sent.end and outside(m.start) and speakers.media_mention(m):
            return m.key
    for i in _phrase_heads(ctx.doc, sent.start, sent.end):  # only nouns that head their phrase are made into Tokens
        if outside(i):
            tok = ctx.doc[i]
            if speakers.is_media(tok):
                return speakers.media_key(tok)
    return None


def _phrase_heads(doc, start: int, end: int) -> list[int]:
    """The nouns of doc[start:end] that head their phrase (no compound or adjectival part), once per sentence."""
    memo = _heads_memo(doc)
    heads = memo.get(start)
    if heads is None:
        arrays = parse_arrays.of(doc)
        pos, dep = arrays.strings_of("pos"), arrays.strings_of("dep")
        heads = memo[start] = [
            i for i in range(start, end) if pos[i] in ("PROPN", "NOUN") and dep[i] not in ("compound", "amod")
        ]
    return heads


@parse_arrays.remembers_last_doc
def _heads_memo(doc) -> dict[int, list[int]]:
    return {}


def _remark_via(ctx: Context, speakers: Speakers, items: list[Item], parts: list[Part]) -> None:
    """ "The comment was made ..., X news agency reported": the outlet is the medium of
    the quotes of the sentence before, and the sentence is no new quote."""
    lex = lexicon()
    for it in list(items):
        if not it.reported or it.parts or speakers.actor_type(it.speaker) != "media":
            continue
        span = ctx.doc.char_span(it.start, it.end, alignment_mode="expand")
        subj = next((t for t in span if t.dep_ in ("nsubj", "nsubjpass")), None) if span is not None else None
        if subj is None or subj.lemma_.lower() not in lex["remark_nouns"] and subj.lower_ not in lex["remark_nouns"]:
            continue
        since = _sent_before(ctx, sent_of(it.cue).start)
        earlier = [p for p in parts if p.span.start >= since and p.end <= it.cue.idx and p.speaker and not p.via]
        earlier_items = [o for o in items if o is not it and o.cue.i >= since and o.cue.i < it.cue.i and o.speaker]
        if not earlier and not earlier_items:
            continue
        for x in earlier + earlier_items:
            x.via = x.via or it.speaker
        items.remove(it)


def _sent_before(ctx: Context, start: int) -> int:
    """Token index where the sentence before the one starting at `start` begins."""
    return sentence_floor(ctx.doc, start, 1)


def _records(ctx: Context, items: list[Item], parts: list[Part], speakers: Speakers) -> list[Quote]:
    """Quote records in text order: reported clauses, and the direct quotes not inside one.

    Reported speech is kept only with a specific speaker ("analysts say" is not one). A
    quote split by its attribution ('"A," X said, "and B."', '"A," X said. "B."', also
    '"A," X told reporters on Monday. "B."') is one record whose text runs from A to B,
    both parts whole (a record's text is one stretch of the article).
    """
    covered: set[int] = set()
    out = _reported_records(ctx, items, parts, speakers, covered)
    out += _direct_records(ctx, [p for p in parts if id(p) not in covered])
    out.sort(key=lambda x: x[0])
    return _distinct_quotes([q for _, q in out])


def _reported_records(
    ctx: Context, items: list[Item], parts: list[Part], speakers: Speakers, covered: set[int]
) -> list[tuple[int, Quote]]:
    """A record per reported clause with a specific speaker; the quote parts inside a
    reported clause are noted in `covered` (the clause carries them)."""
    text = doc_text(ctx.doc)
    out: list[tuple[int, Quote]] = []
    for it in items:
        if not it.reported:
            continue
        inner = [p for p in parts if it.start <= p.start and p.end <= it.end]
        covered.update(id(p) for p in inner)
        if not it.direct and (it.speaker is None or speakers.is_generic(it.speaker)):
            continue  # indirect speech of nobody in particular
        rule = (
            "according-to" if is_according(it.cue) else ("quote-in-reported-clause" if it.direct else "reported-speech")
        )
        out.append(_quote(text, it.start, it.end, it, rule, it.direct, span_text(sent_of(it.cue)).strip()))
    return out


def _quote(text: str, start: int, end: int, who, rule: str, direct: bool, evidence: str) -> tuple[int, Quote]:
    """A Quote record of text[start:end] with the speaker and medium of `who` (an Item or a Part)."""
    quote = Quote(speaker=who.speaker, via=who.via, text=text[start:end], rule=rule, direct=direct, evidence=evidence)
    return start, quote


def _direct_records(ctx: Context, parts: list[Part]) -> list[tuple[int, Quote]]:
    """A record per direct quote: parts of one attribution grouped, a split quote joined."""
    text = doc_text(ctx.doc)
    out: list[tuple[int, Quote]] = []
    groups: dict[tuple, list[Part]] = {}
    for p in parts:
        if p.cue is None and p.speaker is None:
            continue
        key: tuple[int, ...] = (p.para, p.cue.i) if p.cue is not None else (p.para, -p.start)
        groups.setdefault(key, []).append(p)
    for group in groups.values():
        for run in _runs(text, group):  # a split quote is one record holding both its parts
            first, last = run[0], run[-1]
            rule = first.rule if len(run) == 1 else "split-quote"
            out.append(_quote(text, first.start, last.end, first, rule, True, _evidence(ctx, group)))
    return out


def _distinct_quotes(quotes: list[Quote]) -> list[Quote]:
    """A quote repeated in a summary ("Key points") is one quote: the longer copy stays."""
    norm = [re.sub(r"\W+", " ", q.text).strip().lower() for q in quotes]
    by_speaker: dict = {}  # speaker -> indexes of their quotes: only one speaker's quotes can repeat each other
    for i, q in enumerate(quotes):
        by_speaker.setdefault(q.speaker, []).append(i)
    keep = []
    for i, q in enumerate(quotes):
        dup = any(
            j != i and norm[i] in norm[j] and (len(norm[i]) < len(norm[j]) or j < i) for j in by_speaker[q.speaker]
        )
        if not dup:
            keep.append(q)
    return keep


def _runs(text: str, group: list[Part], gap_words: int = 25) -> list[list[Part]]:
    """Parts of one quote split only by its attribution ('"A," X said. "B."'); a longer
    stretch of narration between two parts starts a new run."""
    runs: list[list[Part]] = []
    for p in group:
        prev = runs[-1][-1] if runs else None
        if (
            prev is not None
            and prev.cue is not None
            and prev.end <= prev.cue.idx < p.start
            and word_count(text[prev.end : p.start]) <= gap_words
        ):
            runs[-1].append(p)
        else:
            runs.append([p])
    return runs


def _evidence(ctx: Context, group: list[Part]) -> str:
    """The sentences holding the quote parts and their attribution."""
    sents = [p.span.sent for p in group] + [sent_of(p.cue) for p in group if p.cue is not None]
    s, e = min(x.start_char for x in sents), max(x.end_char for x in sents)
    if e - s > 1500:
        s, e = group[0].span.sent.start_char, group[0].span.sent.end_char
    return doc_text(ctx.doc)[s:e].strip()
