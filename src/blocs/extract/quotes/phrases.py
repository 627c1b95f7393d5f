"""Speaker phrases: the words of a speaker's noun phrase read off the parse - a news
outlet's name, a document's author, a partitive ("one of the officers"), the head a name
modifies. Used by speakers.py.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Collection, Optional

from spacy.tokens import Span, Token

from ... import parse_arrays
from ...context import token_texts
from ...syntax import misread_conj
from ..actors.lexicon import lexicon as actors_lexicon
from .cues import lexicon


@parse_arrays.once_per_token
def media_name_tokens(tok: Token) -> Optional[list[Token]]:
    """The name tokens of a noun phrase that names a news outlet, if it is one (asked once per
    token: the medium of every attribution of a sentence asks of the same nouns)."""
    lex, doc, at = lexicon(), tok.doc, tok.i
    arrays, texts = parse_arrays.of(doc), token_texts(doc)  # read off the arrays: Tokens only for the answer
    dep, pos, lower = arrays.strings_of("dep"), arrays.strings_of("pos"), arrays.strings_of("lower")
    words_of_media = _media_words()
    if not any(lower[i] in words_of_media for i in range(tok.left_edge.i, tok.right_edge.i + 1)):
        return None  # the phrase lies within its edges: no word of an outlet's name, no medium word
    phrase = [i for i in parse_arrays.subtree_of(doc, at) if i <= at or dep[i] in ("compound", "appos", "flat")]
    names = [i for i in phrase if pos[i] == "PROPN"]
    text = " ".join(texts[i] for i in names)
    if text.lower() in lex["media_names_lower"] or texts[at] in lex["media_names"]:
        return [doc[i] for i in names] or [tok]
    words = {lower[i] for i in phrase}
    if names and (lower[at] in lex["media_words"] or words & lex["media_heads"]):
        return [doc[i] for i in names]
    return None


@lru_cache(maxsize=1)
def _media_words() -> frozenset[str]:
    """Every lower-case word a medium's phrase must hold one of: a medium word or head, or a word
    of an outlet's name (the names are matched as their PROPN words joined by spaces)."""
    lex = lexicon()
    names = lex["media_names_lower"]
    return frozenset({*lex["media_words"], *lex["media_heads"], *names, *(w for n in names for w in n.split(" "))})


def document_author(tok: Token) -> Optional[Token]:
    """Who stands behind a document or channel that "said" something: "a report by X",
    "a statement from X", "a report released by X", "an account run by X"."""
    if tok.pos_ != "NOUN":
        return None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "from") and c.i > tok.i:
            obj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if obj is not None:
                return obj
        if c.dep_ == "acl" and c.tag_ == "VBN":
            agent = next((x for x in c.children if x.dep_ == "agent"), None)
            obj = next((x for x in agent.children if x.dep_ == "pobj"), None) if agent is not None else None
            if obj is not None:
                return obj
    return None


def subject_name(tok: Token) -> bool:
    """A name that is its clause's subject, or set beside the subject noun ("Eritrea's
    information minister, Y Z, dismissed ..."): the person the next "he" most likely means."""
    subj = ("nsubj", "nsubjpass")
    return tok.dep_ in subj or tok.dep_ == "appos" and tok.head.dep_ in subj or misread_conj(tok)


def partitive(tok: Token, indefinite: Collection[str]) -> Optional[Token]:
    """The plural noun of a partitive speaker ("one of the officers", "two of the mediators")."""
    if tok.lower_ not in indefinite and tok.pos_ != "NUM":
        return None
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            return obj if obj is not None and obj.tag_ in ("NNS", "NNPS") else None
    return None


def phrase_head(tok: Token) -> Token:
    """The noun a name modifies ("Colombia's defence ministry" -> ministry): whose role in the
    clause the name's phrase has."""
    if tok.dep_ == "case":
        tok = tok.head
    while tok.dep_ in ("poss", "compound", "amod") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def modifier_words(tok: Token) -> set[str]:
    """The words a noun's own modifiers add to it ("the Kenyan interior ministry" -> kenyan, interior)."""
    return {t.lower_ for c in tok.children if c.dep_ in ("amod", "compound", "poss", "nmod") for t in c.subtree} - {
        "'s",
        "’s",
    }


def acronyms_in(span: Span) -> list[str]:
    """All-capital words modifying a speaker phrase's head ("the UGTT labour union"): the body's
    short name, by which the article may name it elsewhere."""
    return [t.text for t in span if t.i != span.root.i and t.is_alpha and t.is_upper and len(t) >= 2]


def names_person(tok: Token) -> bool:
    """A speaker word that names a person: NER's person, or a capitalised proper noun (a lower-case
    "union" the tagger called PROPN is none)."""
    return tok.ent_type_ == "PERSON" or tok.pos_ == "PROPN" and tok.text[:1].isupper()


def named_apposition(tok: Token) -> Optional[Token]:
    """A proper name set beside a common-noun speaker ("the firm Maersk", "the group, Hamas")."""
    if tok.pos_ != "NOUN":
        return None
    return next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)


def doc_span(tok: Token) -> Span:
    """A proper name with its compound words ("Mediterranean Shipping Company")."""
    left = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    return tok.doc[min([tok.i] + [c.i for c in left]) : tok.i + 1]


def group_name(tok: Token, group_nouns: Collection[str]) -> Optional[Span]:
    """The proper name a group noun carries before it ("the Emergency Lawyers group", "the
    Resistance Committees network"): its adjoining capitalised compounds."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in group_nouns:
        return None
    left = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if not left or max(c.i for c in left) != tok.i - 1:
        return None
    start = min(c.left_edge.i for c in left)
    words = tok.doc[start : tok.i]
    return words if all(t.pos_ == "PROPN" or t.text in ("-", "&") for t in words) else None


def own_places(tok: Token) -> list[Token]:
    """The places an unnamed speaker's phrase puts them in ("officials in X", "a senior official
    from X"): one place only, and not for people posted abroad ("diplomats in X") or living
    there ("residents of X")."""
    alex = actors_lexicon()
    if tok.lower_ in alex["posted_nouns"] or tok.lower_ in alex["dweller_nouns"]:
        return []
    preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "from") and c.i > tok.i]
    places = [o for p in preps for o in p.children if o.dep_ == "pobj" and o.pos_ == "PROPN"]
    if len(places) != 1 or any(c.dep_ == "conj" for c in places[0].children):
        return []  # "officials in X and Y" may speak for two sides
    return places


def subject_side(tok: Token) -> bool:
    """A name that is a clause's subject or its owner's ("X said", "X's army said")."""
    head = phrase_head(tok)
    return head.dep_ in ("nsubj", "nsubjpass") or head.dep_ == "poss" and head.head.dep_ in ("nsubj", "nsubjpass")
