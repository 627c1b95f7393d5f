"""Clues of the author's voice in a stretch of text, and the score they add up to."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ... import parse_arrays
from ...context import token_texts
from .. import quotes as quotes_mod
from .anchoring import dated, unanchored
from .lexicon import author_text, in_quote, lexicon


def _tokens_where(span: Span, attr: str, words) -> list[Token]:
    """The span's tokens whose `attr` ("lower", "dep", or "lemma", lower-cased) is one of `words`,
    in order: read from the parse arrays, so a Token is made only for those."""
    doc = span.doc
    texts = parse_arrays.of(doc).strings_of(attr)
    if attr == "lemma":
        return [doc[i] for i in range(span.start, span.end) if texts[i].lower() in words]
    return [doc[i] for i in range(span.start, span.end) if texts[i] in words]


def forecast(span: Span, quoted: list[tuple[int, int]]) -> bool:
    """A modal of the author's with a judging complement ("will not end well", "would be the largest")."""
    lex = lexicon()
    for tok in _tokens_where(span, "lower", lex["modals"]):
        if in_quote(tok, quoted) or not main_clause(tok.head):
            continue
        if tok.lower_ in ("must", "should", "ought"):
            return True
        for t in _complements(tok.head):
            if (
                span.start <= t.i < span.end
                and not in_quote(t, quoted)
                and (t.tag_ in ("JJS", "RBS") or t.lower_ in lex["forecast"])
            ):
                return True
    return False


def speculation(span: Span, quoted: list[tuple[int, int]]) -> float:
    """The author's own "could", "might" or "may" in the main clause (1), or "would" (1/2)."""
    lex = lexicon()
    found = [
        tok.lower_
        for tok in _tokens_where(span, "dep", ("aux",))
        if not in_quote(tok, quoted) and main_clause(tok.head)
    ]
    if any(w in lex["speculative"] for w in found):
        return 1.0
    return 0.5 if any(w in lex["half_speculative"] for w in found) else 0.0


def negated_prediction(span: Span, quoted: list[tuple[int, int]]) -> bool:
    """The author's own negated forecast ("alone will not stop", "no truce will hold", "few will mourn",
    "cannot last")."""
    lex = lexicon()
    ents = parse_arrays.of(span.doc).strings_of("ent_type")
    if any(ents[i] in ("DATE", "TIME") for i in range(span.start, span.end)):
        return False  # a dated "will not attend on Monday" is a schedule, not a verdict
    for tok in _tokens_where(span, "lower", lex["negatable"]):
        if tok.dep_ != "aux" or in_quote(tok, quoted) or not main_clause(tok.head):
            continue
        verb = tok.head
        qualified = tok.lower_ in ("can", "ca", "could") or any(t.lower_ in lex["qualifiers"] for t in span)
        if (
            qualified
            and any(c.dep_ == "neg" for c in verb.children)
            or any(
                c.dep_ == "nsubj"
                and (
                    c.lower_ in lex["negative_subjects"]
                    or any(d.dep_ in ("det", "amod") and d.lower_ in lex["negative_subjects"] for d in c.children)
                )
                for c in verb.children
            )
        ):
            return True
    return False


def verdict(span: Span, quoted: list[tuple[int, int]]) -> bool:
    """A copula or belief in the author's voice that judges ("that is the problem", "more about X than Y", "few believe it")."""
    lex = lexicon()
    root = span.root
    if in_quote(root, quoted):
        return False
    if quantified_belief(root):
        return True
    if root.lemma_ != "be":
        return False
    kids = list(root.children)
    if any(c.dep_ == "attr" and c.lemma_.lower() in lex["verdict"] for c in kids):
        return True
    if any(
        c.dep_ == "nsubj" and c.lemma_.lower() in lex["verdict"] and any(d.lower_ == "the" for d in c.children)
        for c in kids
    ):
        return True  # "The problem is that ..."
    comparative = any(c.lower_ in ("more", "less") and c.dep_ in ("acomp", "advmod", "attr") for c in kids)
    return comparative and any(t.lower_ == "than" for t in span) and not any(t.like_num for t in span)


def interprets(span: Span, quoted: list[tuple[int, int]]) -> bool:
    """A verb by which the author reads a meaning into a thing or an event ("the raid signals a shift",
    ", underscoring the rift"): active, its subject no person, group or state."""
    lex = lexicon()
    for tok in _tokens_where(span, "lemma", lex["interpretive"]):
        if tok.pos_ != "VERB" or in_quote(tok, quoted):
            continue
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
            continue
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        if any(c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or c.pos_ == "PRON" and c.lower_ != "it" for c in subj):
            continue
        return True
    return False


def means_reading(span: Span, quoted: list[tuple[int, int]]) -> bool:
    """ "By closing its border, Algeria is trying to weaken the junta": a deed read as the means to an
    end, in the present of the author's own main clause, undated; "by seizing the bridge, the rebels
    cut the road" (past) narrates."""
    root = span.root
    if in_quote(root, quoted) or root.pos_ not in ("VERB", "AUX") or dated(span):
        return False
    tenses = [root.tag_] + [c.tag_ for c in root.children if c.dep_ in ("aux", "auxpass")]
    if "VBD" in tenses or "MD" in tenses or not {"VBZ", "VBP"} & set(tenses):
        return False
    return any(
        c.dep_ == "prep" and c.lower_ in lexicon()["means"] and any(g.tag_ == "VBG" for g in c.children)
        for c in root.children
    )


def quantified_belief(verb: Token) -> bool:
    """ "Few believe it", "many doubt that": a bare quantifier as the subject of a belief verb."""
    lex = lexicon()
    return verb.lower_ in lex["attribution"] and any(
        c.dep_ == "nsubj" and c.lower_ in lex["quantifiers"] and not any(True for _ in c.children)
        for c in verb.children
    )


def _complements(verb: Token) -> list[Token]:
    """What a modal verb predicates ("be [the largest] victory", "not end [well]"), one level down."""
    out = []
    for c in verb.children:
        if c.dep_ in ("acomp", "attr", "dobj", "oprd", "advmod", "xcomp", "npadvmod"):
            out.append(c)
            out.extend(x for x in c.children if x.dep_ in ("amod", "advmod", "compound"))
    return out


def main_clause(verb: Token) -> bool:
    """The verb of the sentence's own clause (or one joined to it), not of a reported one."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


_FIRST_PERSON = re.compile(r"(?<!\w)(?:i|we|our|us)(?!\w)")


def score(span: Span, quoted: list[tuple[int, int]]) -> float:
    """How strongly a stretch of text voices the author's judgement."""
    lex = lexicon()
    text = quotes_mod.doc_text(span.doc)
    words = author_text(text, span.start_char, span.end_char, quoted)
    named = author_text(text, span.start_char, span.end_char, quoted + _names(span))
    value = len(lex["strong"].findall(named)) + 0.5 * len(lex["weak"].findall(named))
    if (
        forecast(span, quoted)
        or negated_prediction(span, quoted)
        or verdict(span, quoted)
        or interprets(span, quoted)
        or means_reading(span, quoted)
    ):
        value += 1
    else:
        value += speculation(span, quoted)
    value += _openers(span, words, quoted)
    if any(
        _graded_superlative(t) and not in_quote(t, quoted) for t in _tokens_where(span, "lower", lex["superlative"])
    ):
        value += 0.5  # "the most direct route", "the least costly option": the author ranks
    if unanchored(span):
        value += 0.5  # "Morale in the ranks is low": a present assessment, no event, date or number
    if words.rstrip().endswith(("?", "!")):
        value += 1
    if _FIRST_PERSON.search(words):
        value += 0.5
    return value


def _names(span: Span) -> list[tuple[int, int]]:
    """Where proper names stand ("the Great Mosque", "Victory Day"): their words judge nothing."""
    arrays = parse_arrays.of(span.doc)
    pos, ents, idx, texts = arrays.strings_of("pos"), arrays.strings_of("ent_type"), arrays.idx, token_texts(span.doc)
    return [(idx[i], idx[i] + len(texts[i])) for i in range(span.start, span.end) if pos[i] == "PROPN" and ents[i]]


def _openers(span: Span, words: str, quoted: list[tuple[int, int]]) -> float:
    """A counter opener ("But the standoff may drag on": the author argues against what came before,
    1/2) or a viewpoint opener ("Formally, the treaty still binds both sides", 1); neither in a
    dated or counted statement ("But the army retook the town on Friday" is news)."""
    if dated(span):
        return 0.0
    lex = lexicon()
    value = 0.0
    opener = next((t for t in span if not t.is_punct), None)
    if (
        opener is not None
        and opener.lower_ in lex["counter"]
        and opener.dep_ in ("cc", "advmod")
        and not in_quote(opener, quoted)
    ):
        value += 0.5
    head = lex["viewpoint"].match(words.lstrip())
    if head is not None and words.lstrip()[head.end() : head.end() + 1] == ",":
        value += 1
    return value


def _graded_superlative(tok: Token) -> bool:
    """ "most"/"least" grading an adjective ("the most serious threat"); not "most countries",
    "at least 100", "most recently", nor a measured participle ("the most visited site")."""
    head = tok.head
    return tok.lower_ in lexicon()["superlative"] and tok.dep_ == "advmod" and head.pos_ == "ADJ" and head.tag_ != "VBN"
