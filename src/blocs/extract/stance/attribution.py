"""Attribution: whether a sentence reports someone else's words or view, and the author's own
judgement around an attribution (a conceded clause, an embedded phrase, a participial tail)."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

from ... import parse_arrays
from ...context import sent_of
from .. import quotes as quotes_mod
from .clues import main_clause, quantified_belief, score
from .lexicon import THRESHOLD, author_text, in_quote, lexicon


def attribution_cue(sent: Span, quoted: list[tuple[int, int]]) -> Optional[Token]:
    """A speech verb or "according to" outside the quoted words, if the sentence has one."""
    lex = lexicon()
    idioms: Optional[list[tuple[int, int]]] = None  # matched once a token passes the first test
    doc, arrays = sent.doc, parse_arrays.of(sent.doc)
    lowers, lemmas, speech = arrays.strings_of("lower"), arrays.strings_of("lemma"), quotes_mod.speech_verbs(doc)
    words, perception = {*quotes_mod.lexicon()["according"], *lex["attribution"]}, lex["perception"]
    for i in range(sent.start, sent.end):
        if i not in speech and lowers[i] not in words and lemmas[i].lower() not in perception:
            continue  # none of the tests below can pass: no Token made
        tok = doc[i]
        if idioms is None:
            idioms = quoted + _clue_spans(sent, quoted)
        if in_quote(tok, idioms):
            continue
        if quotes_mod.is_source_according(tok) or quotes_mod.is_speech_verb(tok) and _reports(tok):
            return tok
        if (
            tok.lower_ in lex["attribution"]
            and tok.pos_ in ("VERB", "ADJ")
            and tok.dep_ not in ("amod", "relcl")
            and not quantified_belief(tok)
            and not any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in tok.children)
        ):
            return tok
        if _sees_as(tok):
            return tok
    return None


def _clue_spans(sent: Span, quoted: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where the sentence's words match a clue of the lexicon ("calls into question", "the timing
    is telling"): a speech verb inside one is part of the author's judgement, not an attribution."""
    lex = lexicon()
    words = author_text(quotes_mod.doc_text(sent.doc), sent.start_char, sent.end_char, quoted)
    return [
        (sent.start_char + m.start(), sent.start_char + m.end())
        for pattern in (lex["strong"], lex["weak"])
        for m in pattern.finditer(words)
    ]


def _sees_as(verb: Token) -> bool:
    """ "Analysts saw the raid as a warning": someone's view, active with its holder as subject (the
    agentless "was seen as" is the author's own interpretation)."""
    return (
        verb.lemma_.lower() in lexicon()["perception"]
        and any(c.dep_ == "nsubj" and c.lower_ not in ("i", "we") for c in verb.children)
        and any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)
    )


def _reports(verb: Token) -> bool:
    """A speech verb that reports something here: "agreed to provide" is a deed, "agreed that
    ..." a report; verbs of saying report whatever follows them."""
    if verb.lemma_.lower() not in quotes_mod.lexicon()["needs_clause"]:
        return True
    return any(c.dep_ in ("ccomp", "parataxis") for c in verb.children) or verb.dep_ in ("parataxis", "ccomp")


def author_tail(sent: Span, quoted: list[tuple[int, int]]) -> Optional[Span]:
    """The participial tail an author adds after an attribution (", clearly contradicting ...")."""
    doc = sent.doc
    speech = quotes_mod.speech_verbs(doc)
    lowers, according = parse_arrays.of(doc).strings_of("lower"), quotes_mod.lexicon()["according"]
    marks = []
    for i in range(sent.start, sent.end):
        if i not in speech and lowers[i] not in according:
            continue  # neither test below can pass: no Token made
        t = doc[i]
        if (t.i in speech or quotes_mod.is_according(t)) and not in_quote(t, quoted):
            marks.append(t.right_edge.i if quotes_mod.is_according(t) else t.i)
    for s, e in quoted:
        if not sent.start_char <= s < sent.end_char:
            continue  # a quote of another sentence: no Span made
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            marks.append(span.end)
    after, tags = max(marks, default=sent.start), parse_arrays.of(doc).strings_of("tag")
    for i in range(max(after + 1, sent.start), sent.end):  # the tokens after the last mark
        if tags[i] != "VBG":
            continue  # no Token made
        tok = doc[i]
        if in_quote(tok, quoted):
            continue
        start = min((t.i for t in tok.subtree if t.i > after and not t.is_punct), default=sent.start)
        if doc[start - 1].text == "," and start > sent.start + 3:
            return doc[start : sent.end]
    return _joined_tail(sent, after, quoted)


def _joined_tail(sent: Span, after: int, quoted: list[tuple[int, int]]) -> Optional[Span]:
    """A last clause joined by ", and" after the attribution ("X reported it had lost 300 men since
    the accord took effect, and had been meant to halt the killing"): the author's own addition, a tail
    of its own when it ends the sentence. Started at its "and"."""
    doc = sent.doc
    deps, pos = parse_arrays.of(doc).strings_of("dep"), parse_arrays.of(doc).strings_of("pos")
    for i in range(max(after + 1, sent.start), sent.end):
        if deps[i] != "conj" or pos[i] not in ("VERB", "AUX") or in_quote(doc[i], quoted):
            continue
        tok = doc[i]
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children):
            continue  # a clause with a subject of its own may still be the source's words
        start = min(t.i for t in tok.subtree)
        if start > 0 and doc[start - 1].lower_ in ("and", "but") and doc[start - 1].head.i != tok.i:
            start -= 1  # spaCy hangs the "and" on the first conjunct
        last = max(t.i for t in sent if not (t.is_punct or t.is_space))
        if start <= after + 1 or doc[start - 1].text != "," or tok.right_edge.i < last:
            continue
        return doc[start : sent.end]
    return None


EMBEDDED = ("relcl", "acl", "pcomp", "advcl", "amod", "appos", "pobj")


def embedded_judged(cue: Token, sent: Span, quoted: list[tuple[int, int]]) -> bool:
    """An attribution inside a phrase of the author's own sentence ("what X calls a 'partnership'",
    "(claimed by both)", "without conceding"), whose words outside that phrase judge."""
    clause = cue
    for _ in range(4):
        if clause.dep_ in EMBEDDED or _free_relative(clause):
            break
        if clause.dep_ != "conj" or clause.head.i == clause.i:
            return False
        clause = clause.head
    else:
        return False
    if main_clause(clause):
        return False
    lo, hi = clause.left_edge, clause.right_edge
    blank = (lo.idx, hi.idx + len(hi.text))
    return score(sent, sorted(quoted + [blank])) >= THRESHOLD


def _free_relative(clause: Token) -> bool:
    """ "deliver what its spokesman calls a return": a clause whose object is its own wh-word."""
    return clause.dep_ == "ccomp" and any(c.tag_ == "WP" and c.dep_ in ("dobj", "attr") for c in clause.children)


def conceded(cue: Token, quoted: list[tuple[int, int]]) -> bool:
    """An attribution inside a concessive clause ("While X say ..., ...") whose main clause,
    the author's own, judges."""
    doc, sent = cue.doc, sent_of(cue)
    arrays = parse_arrays.of(doc)
    lowers, deps, heads = arrays.strings_of("lower"), arrays.strings_of("dep"), arrays.head
    concessive = lexicon()["concessive"]
    if lowers[sent.start] in concessive:  # the parser may make the concession the root
        comma = next((t.i for t in sent if t.text == "," and t.i > cue.i), None)
        if comma is not None and comma < sent.end - 3:
            return score(doc[comma + 1 : sent.end], quoted) >= THRESHOLD
    k = cue.i  # climbed on the parse arrays: no Token per step
    for _ in range(6):
        if deps[k] == "advcl" and any(deps[m] == "mark" and lowers[m] in concessive for m in arrays.children(k)):
            break
        if heads[k] == k:
            return False
        k = heads[k]
    else:
        return False
    if deps[k] != "advcl":
        return False
    clause = doc[k]
    rest_start = clause.right_edge.i + 1
    if (
        rest_start >= sent.end - 2
        or clause.left_edge.i != sent.start
        and doc[sent.start].lower_ not in lexicon()["concessive"]
    ):
        return False
    return score(doc[rest_start : sent.end], quoted) >= THRESHOLD
