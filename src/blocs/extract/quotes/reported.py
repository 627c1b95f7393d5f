"""Reported speech: what a speech verb's clause or "according to X" says, and the Item
record that gathers a cue with its clause and its quote parts.

Reported speech is kept apart (`direct: false`); a quote standing inside the clause is
part of it. Speech reported inside someone else's reported speech is theirs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Span, Token

from ... import parse_arrays
from ...context import Context, doc_text, sent_of
from ...syntax import title_end
from .cues import is_according, is_source_according, is_speech_verb, lexicon, refused, speech_verbs, subject_of
from .marks import Part, _strip, word_count

# How far into the text a headline may start (a kicker or section label before it).
HEADLINE_OFFSET = 200
# labels of a clause's own subject
SUBJECTS = ("nsubj", "nsubjpass", "expl", "csubj")


@dataclass
class Item:
    """One attribution: the cue, what it reports (a clause, when `reported`), its quote parts."""

    cue: Token
    start: int
    end: int
    reported: bool
    direct: bool = False
    parts: list[Part] = field(default_factory=list)
    speaker: Optional[str] = None
    via: Optional[str] = None


def piece(doc, sent: Span, hole: Span, longest: bool) -> Optional[tuple[int, int]]:
    """What is left of a sentence once an attribution phrase is cut out of it.

    "X, officials said, has done Y": the words after the phrase carry the claim
    unless the phrase ends the sentence; "according to X" covers the whole
    sentence, so its longer side is taken.
    """
    text = doc_text(doc)
    left = _trim(text, sent.start_char, hole.start_char)
    right = _trim(text, hole.end_char, sent.end_char)
    sides = [r for r in (left, right) if r]
    if not sides:
        return None
    if not longest and right and word_count(text[right[0] : right[1]]) >= 3:
        return right
    return max(sides, key=lambda r: word_count(text[r[0] : r[1]]))


_LEADING_LINK = re.compile(r"(?:[,;:—–-]|that\b|and\b|but\b)\s*", re.I)
_TRAILING_LINK = re.compile(r"\s*(?:[,;:—–.-]|\band|\bbut)$", re.I)


def _trailing_link(words: str) -> Optional[int]:
    """Where `_TRAILING_LINK` matches in `words`, searched on the tail alone: a match is spaces and
    then a mark or a three-letter word at the very end, so it starts after the last non-space
    character before the final four (the tail keeps that character, which "\\band" looks at)."""
    k = max(0, len(words) - 4)
    while k > 0 and words[k - 1].isspace():
        k -= 1
    m = _TRAILING_LINK.search(words, k)
    return m.start() if m else None


def _trim(text: str, s: int, e: int) -> Optional[tuple[int, int]]:
    """Drop the edge punctuation and linking words of a content stretch."""
    changed = True
    while changed and s < e:
        changed = False
        s, e = _strip(text, s, e)
        m = _LEADING_LINK.match(text[s:e])
        if m and m.end():
            s, changed = s + m.end(), True
        at = _trailing_link(text[s:e])
        if at is not None and at < e - s:
            e, changed = s + at, True
    return (s, e) if e > s else None


def _close_marks(text: str, s: int, e: int) -> tuple[int, int]:
    """Keep a closing quote mark that trimming cut off ('with "bemused interest,"')."""
    inner = text[s:e]
    if inner.count('"') % 2 or inner.count("“") > inner.count("”"):
        m = re.match(r"[,.]?(\"|”)", text[e : e + 2])
        if m:
            e += m.end()
    return s, e


def that_clause(tok: Token) -> Optional[Token]:
    """A "that" clause the parser hung on a noun after the verb ("told X in an interview that ...")."""
    for t in tok.subtree:
        if (
            t.i > tok.i
            and t.dep_ in ("acl", "advcl", "relcl", "ccomp")
            and t.i != tok.i
            and any(c.dep_ == "mark" and c.lower_ == "that" and c.i < t.i for c in t.children)
            and not any(is_speech_verb(a) for a in t.ancestors if a.i > tok.i)
        ):
            return t
    return None


def _clause_end(verb: Token, clause: Token) -> int:
    """End of a reported clause, leaving out a conjunct that goes with the speech verb, and
    the main clause after a subordinate speech clause ("While X say Y, Z ...").

    "Turkey denies that the crime was a genocide and goes to great lengths ...":
    the subjectless "goes" shares the tense of "denies", not of "was".
    """
    doc = verb.doc
    arrays = parse_arrays.of(doc)  # children, tags and labels read as indexes and strings: no Tokens
    deps, pos, tags = arrays.strings_of("dep"), arrays.strings_of("pos"), arrays.strings_of("tag")
    end = clause.right_edge.i + 1
    if any(deps[c] == "mark" for c in arrays.children(verb.i)):  # "While X say Y, Z does W": Z's clause is not reported
        end = min(end, _main_clause_after(doc, clause.left_edge.i, end))
    kids = arrays.children(clause.i)
    for c in kids:
        if (
            deps[c] == "conj"
            and pos[c] in ("VERB", "AUX")
            and tags[c] == tags[verb.i] != tags[clause.i]
            and not any(deps[x] in ("nsubj", "nsubjpass") for x in arrays.children(c))
        ):
            cc = [x for x in kids if deps[x] == "cc" and x < c]
            end = min(end, (cc[-1] if cc else doc[c].left_edge.i))
    return end


def _main_clause_after(doc, start: int, end: int) -> int:
    """Where a subordinate clause's reported words end: at the first comma followed by a
    subject of its own (the main clause the parser hung inside them), else at `end`."""
    for k in range(start, end):
        if doc[k].text == "," and any(
            t.dep_ in ("nsubj", "nsubjpass") and t.left_edge.i == k + 1 and t.head.i > k for t in doc[k + 1 : end]
        ):
            return k
    return end


def reported_content(tok: Token) -> Optional[tuple[int, int]]:
    """The characters of what a speech cue reports: its clause, or the rest of the sentence."""
    doc = tok.doc
    if is_according(tok):
        hole = doc[tok.left_edge.i : tok.right_edge.i + 1]
        head = tok.head
        if tok.dep_ == "prep" and sent_of(tok).start <= head.i < hole.start:
            # "X did Y, according to Z, while W ...": Z vouches for the clause it hangs on
            left = _trim(doc_text(doc), sent_of(tok).start_char, hole.start_char)
            if left and word_count(doc_text(doc)[left[0] : left[1]]) >= 3:
                return left
        return piece(doc, sent_of(tok), hole, longest=True)
    clause = next(iter(parse_arrays.children_with(tok, ("ccomp",))), None) or that_clause(tok)
    if clause is not None and clause.i < tok.i and not parse_arrays.children_with(clause, SUBJECTS):
        return None  # "In a statement read out on TV, X said:": a fronted phrase the parser took for a clause
    if clause is not None:
        span = doc[clause.left_edge.i : _clause_end(tok, clause)]
        subj = subject_of(tok)
        if subj is not None and span.start < subj.left_edge.i <= subj.i < span.end:  # a subject hung in the clause
            span = doc[span.start : subj.left_edge.i]
        if span.start <= tok.i < span.end:
            return None
        rng = _trim(doc_text(doc), span.start_char, span.end_char)
        return _close_marks(doc_text(doc), *rng) if rng else None
    after_comma = tok.left_edge.i > 0 and doc[tok.left_edge.i - 1].text == ","
    if tok.dep_ == "parataxis" or (tok.dep_ in ("ccomp", "ROOT") and after_comma):  # "..., officials said"
        hole = doc[tok.left_edge.i : tok.right_edge.i + 1]
        if hole.start == sent_of(tok).start and hole.end == sent_of(tok).end:
            return None
        rng = piece(doc, sent_of(tok), hole, longest=False)
        first = doc.char_span(rng[0], rng[1], alignment_mode="expand") if rng else None
        if first is not None and first[0].tag_ == "VBG" and first[0].dep_ in ("advcl", "xcomp", "acl"):
            return None  # '"A," one of them said, reading from a statement': how, not what, was said
        return rng
    return None


def _according(word: str) -> bool:
    return word in lexicon()["according"]


def _items(ctx: Context, quoted: list[Part], inside: set[int]) -> list[Item]:
    """Attributions: each cued quote part, and each speech verb's reported clause."""
    doc, text = ctx.doc, doc_text(ctx.doc)
    items: list[Item] = []
    by_cue: dict[int, Item] = {}

    def item_for(tok: Token, s: int, e: int) -> Item:
        if tok.i not in by_cue:
            by_cue[tok.i] = Item(tok, s, e, reported=False)
            items.append(by_cue[tok.i])
        return by_cue[tok.i]

    for p in quoted:
        if p.cue is not None:
            item_for(p.cue, p.start, p.end).parts.append(p)
    headline_end = title_end(ctx, text, HEADLINE_OFFSET)
    speech = speech_verbs(doc)
    accordings = parse_arrays.of(doc).where("lower", _according).nonzero()[0].tolist()
    for i in sorted(speech.union(accordings)):  # a speech verb or "according to": no other token can be a cue
        tok = doc[i]
        if tok.idx < headline_end:
            continue  # a headline paraphrases the story ("Army says it repelled attack"): not a quote of its own
        if (
            tok.i in inside
            or not (is_speech_verb(tok) or is_source_according(tok))
            or tok.lemma_.lower() in lexicon()["quote_only"]
        ):
            continue
        if refused(tok):
            continue  # "declined to say whether ...": a refusal to speak is no quote
        if is_according(tok) and any(is_speech_verb(a) for a in tok.ancestors):
            continue  # "X said ..., according to Y": Y is the medium, not a second quote
        subj = subject_of(tok)
        if subj is not None and subj.lemma_.lower() in lexicon()["charge_nouns"]:
            continue  # "..., a charge X denies": the charge is not what X says
        rng = reported_content(tok)
        if rng is None or word_count(text[rng[0] : rng[1]]) < 3:
            continue
        s, e = rng
        overlap = [p for p in quoted if p.start < e and p.end > s]
        if overlap:  # take the quoted words whole, closing mark included
            s, e = min([s] + [p.start for p in overlap]), max([e] + [p.end for p in overlap])
            s, e = _with_marks(text, s, e, [p.start for p in overlap], [p.end for p in overlap])
        covered = sum(min(e, p.end) - max(s, p.start) for p in overlap)
        it = item_for(tok, s, e)
        for p in overlap:  # a quote inside the reported clause is part of it
            if p.cue is None:
                p.cue = tok
            if p.cue.i == tok.i and p not in it.parts:
                it.parts.append(p)
        if long_parts(text, overlap) and (covered >= 0.8 * (e - s) or _uncovered_words(text, s, e, overlap) <= 3):
            continue  # the direct quote already carries it ('As a result, "..." says X')
        if overlap and _uncovered_words(text, s, e, overlap) == 0:
            continue  # a short quote that is all the verb reports ('"It is over," he said') stays direct
        # a scare-quoted phrase inside reported speech leaves it indirect ('posed a "grave challenge"')
        it.start, it.end, it.reported, it.direct = s, e, True, bool(long_parts(text, overlap))
    inside_reported = _nested_cues(items)
    return [it for it in items if id(it) not in inside_reported]


def long_parts(text: str, parts: list[Part]) -> list[Part]:
    """Quoted stretches long enough to be a statement, not a scare-quoted phrase."""
    return [p for p in parts if word_count(text[p.start : p.end]) >= lexicon()["min_quote_words"]]


def _uncovered_words(text: str, s: int, e: int, parts: list[Part]) -> int:
    """Words of a stretch outside its quoted parts."""
    chars = list(text[s:e])
    for p in parts:
        for i in range(max(p.start, s), min(p.end, e)):
            chars[i - s] = " "
    return word_count("".join(chars))


def _with_marks(text: str, s: int, e: int, starts: list[int], ends: list[int]) -> tuple[int, int]:
    """Widen a reported clause so that a quote at its edge keeps both its marks."""
    if s in starts:
        m = re.search(r"(''|[\"“‘«])$", text[max(0, s - 2) : s])
        s -= len(m.group()) if m else 0
    if e in ends:
        m = re.match(r"(''|[\"”’»])", text[e : e + 2])
        e += len(m.group()) if m else 0
    return s, e


def _nested_cues(items: list[Item]) -> set[int]:
    """ids of the items whose cue lies inside another item's reported clause: speech reported
    inside someone else's reported speech is theirs, not a new quote. The clauses sorted by
    start, with the two furthest ends reached so far, answer each cue by bisection."""
    spans = sorted((o.start, o.end, id(o)) for o in items if o.reported)
    starts = [s for s, _, _ in spans]
    best: list[tuple[tuple[int, int], tuple[int, int]]] = []  # the two (end, id) reaching furthest so far
    top = second = (-1, 0)
    for _, end, oid in spans:
        if end > top[0]:
            top, second = (end, oid), top
        elif end > second[0]:
            second = (end, oid)
        best.append((top, second))
    out = set()
    for it in items:
        k = bisect_right(starts, it.cue.idx)
        if k == 0:
            continue
        top, second = best[k - 1]
        reach = second[0] if top[1] == id(it) else top[0]
        if reach > it.cue.idx:
            out.add(id(it))
    return out
