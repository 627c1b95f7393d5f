"""Reading helpers shared by the stages: one definition of each.

Datelines: "BEIRUT (AP) —", "KYIV —", "MOSCOW, Nov 20 -": the place a report is filed
from, at a paragraph's start, is where the reporter sits, not a party to the story.

Parse repairs shared by the stages that read subjects (quotes, goals):

The parser often ends a fronted phrase one noun late: in "In a post on X, the army said
..." or "In a rebuff to the visiting premier X, Turkey said ...", the last noun of the
opening phrase is read as the subject (or as the head of the subject) and the real subject
hangs on it as an apposition.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from . import parse_arrays
from .context import Context, doc_text, sent_of, token_texts, tokens_text

# What follows a dateline's place: a bracketed agency, a comma before a date, a dash or a colon.
DATELINE_MARKS = frozenset({"(", ",", "-", "--", "\u2014", "\u2013", ":"})


def title_end(ctx: Context, text: str, slack: int = 0) -> int:
    """Where the document's title ends in `text` when the text opens with it (found within its
    first `slack` characters), else 0: a headline restates the story in compressed words."""
    title = ((ctx.document.title if ctx.document else None) or "").strip()
    if not title:
        return 0
    at = text.find(title, 0, len(title) + slack)
    return at + len(title) if at >= 0 else 0


def opens_paragraph(doc: Doc, i: int) -> bool:
    """Token i is the first word of the text or of a paragraph (a line break, or a run of spaces
    the tokenizer kept as a token, before it)."""
    if i == 0:
        return True
    idx = parse_arrays.of(doc).idx
    return token_texts(doc)[i - 1].isspace() or "\n" in doc_text(doc)[idx[i - 1] : idx[i]]


def dateline(doc: Doc, start: int, end: int) -> bool:
    """Tokens start..end are a dateline's place: a paragraph's first words, then a dateline mark; a
    comma only after capitals ("MOSCOW, Nov 20 -"), for "Moscow, the capital, ..." opens a sentence."""
    if not opens_paragraph(doc, start):
        return False
    after = token_texts(doc)[end] if end < len(doc) else ""
    return after in DATELINE_MARKS and (after != "," or tokens_text(doc, start, end).isupper())


def misread_apposition(noun: Token) -> Optional[Token]:
    """The real subject a fronted phrase's last noun carries as an apposition, or None.

    The sentence opens with a preposition or subordinator, no comma comes before `noun`
    (the phrase's closing comma is the one after it), and the apposition names something
    by itself: a proper noun, a noun a name owns ("Sudan's armed forces"), or an office noun
    with a name of its own ("In Y, a government spokesman, Z Q, said"); a person's
    apposition must be a bare name, since "Xi, China's president" is a true one.
    """
    appos = next((c for c in parse_arrays.children_with(noun, ("appos",)) if c.i > noun.i), None)
    if appos is None:
        return None
    sent, doc = sent_of(noun), noun.doc
    first = next((t for t in sent if not t.is_punct and not t.is_space), None)
    if first is None or first.pos_ not in ("ADP", "SCONJ") or first.i >= noun.i:
        return None
    if any(t.text == "," for t in doc[sent.start : noun.i]):
        return None
    if not any(t.text == "," for t in doc[noun.i + 1 : appos.left_edge.i]):
        return None
    owned = any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in appos.children)
    named = any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in appos.children)  # "a spokesman, Y Z,"
    if appos.pos_ == "PROPN" or (owned or named) and noun.ent_type_ != "PERSON":
        return appos
    return None


def misread_conj(tok: Token) -> bool:
    """Whether a name is the subject the parser joined to a fronted phrase's last noun ("In
    the village of X, Y Z, 41, said": Y Z a conjunct of X): a proper noun, a conjunct of a
    preposition's object with a comma and no "and" between them, in a sentence that opens
    with a preposition or subordinator and whose verb has no subject of its own."""
    head = tok.head
    if tok.dep_ != "conj" or tok.pos_ != "PROPN" or head.dep_ != "pobj" or head.i > tok.i:
        return False
    doc = tok.doc
    between = doc[head.i + 1 : tok.left_edge.i]
    if any(t.dep_ == "cc" for t in between) or not any(t.text == "," for t in between):
        return False
    first = next((t for t in sent_of(tok) if not t.is_punct and not t.is_space), None)
    if first is None or first.pos_ not in ("ADP", "SCONJ"):
        return False
    verb = head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return verb.pos_ in ("VERB", "AUX") and not parse_arrays.children_with(verb, ("nsubj", "nsubjpass"))


def left_noun_phrase(verb: Token) -> Optional[Token]:
    """A subject the parser hung elsewhere ("In 2021 X, then the minister, said:"): the noun
    phrase whose last word (or apposition) touches the verb from the left, a date between
    them passed over ("X on Monday said")."""
    doc, k = verb.doc, verb.i - 1
    start = sent_of(verb).start
    while k >= start and doc[k].is_punct:
        k -= 1
    if k >= start and doc[k].ent_type_ in ("DATE", "TIME") and doc[k].dep_ == "pobj" and doc[k].head.i < k:
        k = doc[k].head.i - 1  # "Turkey on Monday said": the date's phrase is no speaker
    if k < start:
        return None
    tok, best = doc[k], None
    for _ in range(8):  # climb the phrase that ends here; its highest noun is the subject
        if tok.pos_ in ("PROPN", "NOUN"):
            best = tok
        head = tok.head
        if (misread := misread_apposition(head)) is not None and misread.i == tok.i or misread_conj(tok):
            return tok  # "In a post on X, the army said": the apposition, not the phrase it ends
        if head.i == tok.i or head.i >= verb.i or head.right_edge.i < k:
            break
        tok = head
    return best if best is not None and best.pos_ == "PROPN" or best is not None and best.ent_type_ else None


def relative_antecedent(rel: Token) -> Optional[Token]:
    """The noun a relative word stands for: the noun its clause hangs on ("X, whose aim is ...");
    for "which", "who" or "whose" whose clause the parser did not hang as a relative one ("X,
    which has long sought Y, and which now hopes to ...", a relative read as the main verb), the
    noun right before the comma, or after "and" the noun of the relative clause before."""
    if rel.lower_ not in ("which", "who", "whose"):
        return None
    up = rel.head
    for _ in range(6 if rel.lower_ == "whose" else 0):
        if up.dep_ == "relcl" and up.head.pos_ in ("NOUN", "PROPN"):
            return up.head
        if up.head.i == up.i:
            break
        up = up.head
    doc, floor, k, joined = rel.doc, sent_of(rel).start, rel.i - 1, False
    while k >= floor and (doc[k].is_punct or doc[k].dep_ == "cc"):
        joined, k = joined or doc[k].dep_ == "cc", k - 1
    if k < floor or k == rel.i - 1:
        return None  # no comma or "and" before it: a question or a free relative ("which side ...")
    if joined:
        before = reversed(doc[floor : k + 1])
        return next((t.head for t in before if t.dep_ == "relcl" and t.head.pos_ in ("NOUN", "PROPN")), None)
    return doc[k] if doc[k].pos_ in ("NOUN", "PROPN") else None
