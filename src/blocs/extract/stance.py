"""Stance: which sentences give the author's opinion and which report.

A sentence that attributes what it says ("said", "according to", "X reported")
is reported; so is a plain account of an event (a past-tense act with a date or
a named actor). A sentence in the author's own voice is opinion when its words
outside quotes judge (loaded words, intensifiers), hedge, forecast ("will not be
good") or argue (rhetorical openers, "must"). When an attribution is followed
by the author's own evaluative tail (", according to X, clearly contradicting
..."), the tail is an opinion item of its own. Sentences that are neither are
left out. The lexicon is data (stance_lexicon.yaml).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import islice, takewhile
from pathlib import Path
from typing import Optional

import yaml
from spacy.tokens import Span, Token

from ..context import Context, span_text
from . import quotes as quotes_mod

DATA = Path(__file__).parent / "data" / "stance_lexicon.yaml"
THRESHOLD = 1.0


def _pattern(words: list[str]) -> re.Pattern:
    alts = sorted({w.lower() for w in words}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alts) + r")(?![\w-])")


@lru_cache(maxsize=1)
def lexicon() -> dict:
    lex = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return {
        "strong": _pattern(lex["strong"] + lex["intensifiers"] + lex["hedges"] + lex["rhetoric"]),
        "weak": _pattern(lex["weak"]),
        "modals": set(lex["modals"]),
        "forecast": set(lex["forecast_words"]),
        "attribution": set(lex["attribution"]),
        "verdict": set(lex["verdict_nouns"]),
        "quantifiers": set(lex["quantifier_subjects"]),
        "negatable": set(lex["negatable_modals"]),
        "qualifiers": set(lex["verdict_qualifiers"]),
        "stative": set(lex["stative_verbs"]),
    }


# ------------------------------------------------------------------ scoring

def author_text(text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> str:
    """The words of a stretch in the author's own voice: quoted words blanked out."""
    chars = list(text[start:end])
    for s, e in quoted:
        for i in range(max(s, start), min(e, end)):
            chars[i - start] = " "
    return "".join(chars).lower()


def forecast(span: Span, quoted: list[tuple[int, int]]) -> bool:
    """A modal of the author's with a judging complement ("will not end well", "would be the largest")."""
    lex = lexicon()
    for tok in span:
        if tok.lower_ not in lex["modals"] or _in(tok, quoted) or not _main_clause(tok.head):
            continue
        if tok.lower_ in ("must", "should", "ought"):
            return True
        for t in _complements(tok.head):
            if span.start <= t.i < span.end and not _in(t, quoted) and (
                    t.tag_ in ("JJS", "RBS") or t.lower_ in lex["forecast"]):
                return True
    return False


def speculation(span: Span, quoted: list[tuple[int, int]]) -> bool:
    """The author's own "could", "might", "may" or "would" in the main clause."""
    return any(tok.lower_ in ("could", "might", "may", "would") and tok.dep_ == "aux" and not _in(tok, quoted)
               and _main_clause(tok.head) for tok in span)


def negated_prediction(span: Span, quoted: list[tuple[int, int]]) -> bool:
    """The author's own negated forecast ("alone will not stop", "no truce will hold", "cannot last")."""
    lex = lexicon()
    if any(t.ent_type_ in ("DATE", "TIME") for t in span):
        return False  # a dated "will not attend on Monday" is a schedule, not a verdict
    for tok in span:
        if tok.lower_ not in lex["negatable"] or tok.dep_ != "aux" or _in(tok, quoted) or not _main_clause(tok.head):
            continue
        verb = tok.head
        qualified = tok.lower_ in ("can", "ca", "could") or any(t.lower_ in lex["qualifiers"] for t in span)
        if qualified and any(c.dep_ == "neg" for c in verb.children) or any(
                c.dep_ == "nsubj" and (c.lower_ in ("nothing", "nobody", "none", "neither")
                                       or any(d.dep_ == "det" and d.lower_ in ("no", "neither") for d in c.children))
                for c in verb.children):
            return True
    return False


def verdict(span: Span, quoted: list[tuple[int, int]]) -> bool:
    """A copula or belief in the author's voice that judges ("that is the problem", "more about X than Y", "few believe it")."""
    lex = lexicon()
    root = span.root
    if _in(root, quoted):
        return False
    if _quantified_belief(root):
        return True
    if root.lemma_ != "be":
        return False
    kids = list(root.children)
    if any(c.dep_ == "attr" and c.lemma_.lower() in lex["verdict"] for c in kids):
        return True
    if any(c.dep_ == "nsubj" and c.lemma_.lower() in lex["verdict"] and any(d.lower_ == "the" for d in c.children) for c in kids):
        return True  # "The problem is that ..."
    comparative = any(c.lower_ in ("more", "less") and c.dep_ in ("acomp", "advmod", "attr") for c in kids)
    return comparative and any(t.lower_ == "than" for t in span) and not any(t.like_num for t in span)


def _quantified_belief(verb: Token) -> bool:
    """ "Few believe it", "many doubt that": a bare quantifier as the subject of a belief verb."""
    lex = lexicon()
    return verb.lower_ in lex["attribution"] and any(
        c.dep_ == "nsubj" and c.lower_ in lex["quantifiers"] and not any(True for _ in c.children) for c in verb.children)


def _complements(verb: Token) -> list[Token]:
    """What a modal verb predicates ("be [the largest] victory", "not end [well]"), one level down."""
    out = []
    for c in verb.children:
        if c.dep_ in ("acomp", "attr", "dobj", "oprd", "advmod", "xcomp", "npadvmod"):
            out.append(c)
            out.extend(x for x in c.children if x.dep_ in ("amod", "advmod", "compound"))
    return out


def _main_clause(verb: Token) -> bool:
    """The verb of the sentence's own clause (or one joined to it), not of a reported one."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


def score(span: Span, quoted: list[tuple[int, int]]) -> float:
    """How strongly a stretch of text voices the author's judgement."""
    lex = lexicon()
    words = author_text(quotes_mod.doc_text(span.doc), span.start_char, span.end_char, quoted)
    value = len(lex["strong"].findall(words)) + 0.5 * len(lex["weak"].findall(words))
    if forecast(span, quoted) or negated_prediction(span, quoted) or verdict(span, quoted):
        value += 1
    elif speculation(span, quoted):
        value += 0.5
    if words.rstrip().endswith(("?", "!")):
        value += 1
    if re.search(r"(?<!\w)(?:i|we|our|us)(?!\w)", words):
        value += 0.5
    return value


def _in(tok: Token, quoted: list[tuple[int, int]]) -> bool:
    if not quoted:
        return False  # most sentences quote nothing: skip making the generator
    idx = tok.idx
    return any(s <= idx < e for s, e in quoted)


# ------------------------------------------------------------- attribution

def attribution_cue(sent: Span, quoted: list[tuple[int, int]]) -> Optional[Token]:
    """A speech verb or "according to" outside the quoted words, if the sentence has one."""
    lex = lexicon()
    for tok in sent:
        if _in(tok, quoted):
            continue
        if quotes_mod.is_speech_verb(tok) or quotes_mod.is_source_according(tok):
            return tok
        if tok.lower_ in lex["attribution"] and tok.pos_ in ("VERB", "ADJ") and tok.dep_ not in ("amod", "relcl") \
                and not _quantified_belief(tok) \
                and not any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in tok.children):
            return tok
    return None


def author_tail(sent: Span, quoted: list[tuple[int, int]]) -> Optional[Span]:
    """The participial tail an author adds after an attribution (", clearly contradicting ...")."""
    doc = sent.doc
    speech = quotes_mod.speech_verbs(doc)
    marks = [t.right_edge.i if quotes_mod.is_according(t) else t.i for t in sent
             if (t.i in speech or quotes_mod.is_according(t)) and not _in(t, quoted)]
    for s, e in quoted:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None and sent.start_char <= s < sent.end_char:
            marks.append(span.end)
    after = max(marks, default=sent.start)
    for tok in sent:
        if tok.i <= after or tok.tag_ != "VBG" or _in(tok, quoted):
            continue
        start = min((t.i for t in tok.subtree if t.i > after and not t.is_punct), default=sent.start)
        if doc[start - 1].text == "," and start > sent.start + 3:
            return doc[start:sent.end]
    return None


def narration(sent: Span, ctx: Context) -> bool:
    """A plain account of an event: an actor or date, and a past-tense act (not a state: "was more about")."""
    root = sent.root
    if root.lemma_.lower() in lexicon()["stative"]:
        return False
    if any(c.dep_ == "aux" and c.lower_ in lexicon()["modals"] for c in root.children):
        return False
    past = root.tag_ in ("VBD", "VBN") or any(c.dep_ == "aux" and c.lower_ in ("has", "have", "had") for c in root.children)
    dated = any(t.ent_type_ in ("DATE", "TIME") for t in sent)
    actor = any(ctx.actor_at(t) for t in sent)
    return past and (dated or actor)


def _clean(span: Span) -> str:
    """The sentence text without a quote mark that opens the next sentence."""
    return re.sub(r"(?<=[.?!,])\s+(?:''|[\"“])$", "", span_text(span).strip())


def classify(ctx: Context) -> tuple[list[str], list[str]]:
    """(opinion, reported): sentences or clauses, exact stretches of the text."""
    doc = ctx.doc
    text = quotes_mod.doc_text(doc)
    quoted = [(s, e) for s, e, _ in quotes_mod.quote_spans(text) if quotes_mod.word_count(text[s:e]) >= 3]
    ends = [e for _, e in quoted]
    opinion: list[str] = []
    reported: list[str] = []
    for sent in doc.sents:
        short = _short_verdict(sent)
        if not short and not _is_sentence(sent):
            continue
        k = bisect_right(ends, sent.start_char)  # the quotes that reach into this sentence
        local = list(takewhile(lambda q: q[0] < sent.end_char, islice(quoted, k, None)))
        if short:
            if not local and verdict(sent, local):
                opinion.append(_clean(sent))
            continue
        cue = attribution_cue(sent, local)
        if cue is not None:
            tail = author_tail(sent, local)
            if tail is not None and score(tail, local) >= THRESHOLD:
                opinion.append(_clean(tail).rstrip("."))
                rest = doc[sent.start:tail.start - 1]
                reported.append(_clean(rest))
            else:
                reported.append(_clean(sent))
            continue
        if _mostly_quoted(sent, local):
            reported.append(_clean(sent))
        elif score(sent, local) >= THRESHOLD:
            opinion.append(_clean(sent))
        elif narration(sent, ctx):
            reported.append(_clean(sent))
    return opinion, reported


def _is_sentence(sent: Span) -> bool:
    """A real sentence, not a title, byline or dateline."""
    words = [t for t in sent if t.is_alpha]
    if len(words) < 4 or not any(t.pos_ in ("VERB", "AUX") for t in sent):
        return False
    ends = span_text(sent).rstrip()[-1:] in ".?!\"”'’"
    return ends or len(words) >= 12


def _short_verdict(sent: Span) -> bool:
    """A sentence of two or three words ending in a full stop ("Few believe it."): judged only as a verdict."""
    words = [t for t in sent if t.is_alpha]
    return 2 <= len(words) < 4 and span_text(sent).rstrip()[-1:] in ".!" and sent.root.pos_ in ("VERB", "AUX")


def _mostly_quoted(sent: Span, quoted: list[tuple[int, int]]) -> bool:
    inside = sum(max(0, min(e, sent.end_char) - max(s, sent.start_char)) for s, e in quoted)
    return inside >= 0.6 * (sent.end_char - sent.start_char)
