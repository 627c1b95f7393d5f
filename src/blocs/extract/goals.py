"""Goals: what the article says an actor seeks, and what actors say they want.

Cues are data (goals_cues.yaml): verbs of striving with a to-infinitive
("seeking to"), goal nouns with a complement ("the goal of", "the chance to"),
purpose connectives ("in order to") and verbs of directed effort ("focus on").
The goal text is the tight verb phrase: it stops at a comma, a new clause,
the means ("by ...") or an aside. The actor is the subject (or possessor) of the
cue, pronouns going back to the last actor named; a goal inside an actor's own
quote is theirs and `stated`.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Optional

import yaml
from spacy.tokens import Span, Token

from ..context import Context
from ..records import Goal, Quote
from .quotes import doc_text, sentence_floor

DATA = Path(__file__).parent / "data" / "goals_cues.yaml"
FIRST_PERSON = {"we", "i", "us", "our", "my", "ourselves"}
PRONOUNS = {"it", "its", "they", "their", "them", "he", "his", "she", "her", "itself", "themselves"}


@lru_cache(maxsize=1)
def cues() -> dict:
    lex = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    for key in ("verbs", "need_to_next", "object_verbs", "adjectives", "nouns", "nouns_with_object",
                "noun_preps", "stop_preps", "effort_nouns"):
        lex[key] = set(lex[key])
    lex["purpose"] = [p.split() for p in lex["purpose"]]
    return lex


# ------------------------------------------------------------- the goal span

def _has_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children)


def phrase_end(head: Token) -> int:
    """Token index where the goal phrase headed by `head` stops."""
    lex = cues()
    end = head.i + 1
    for c in head.rights:
        if c.dep_ == "punct" and c.text in ",;:—–()" or c.dep_ in ("advcl", "parataxis", "relcl", "mark"):
            break
        if c.dep_ == "cc":
            nxt = [x for x in head.rights if x.dep_ == "conj" and x.i > c.i]
            if nxt and (_has_subject(nxt[0]) or nxt[0].pos_ in ("VERB", "AUX") and nxt[0].tag_ == "VBG"
                        and head.tag_ != "VBG"):
                break
        if c.dep_ == "conj" and _has_subject(c):
            break
        if c.dep_ in ("prep", "advmod", "npadvmod") and (c.lower_ in lex["stop_preps"]
                                                       or c.left_edge.lower_ in lex["stop_preps"]):
            break
        end = max(end, _inner_end(c) + 1)
    return end


def _inner_end(tok: Token) -> int:
    """Right edge of a dependent, cut at a comma or a nested clause inside it."""
    last = tok.i
    skip_to = -1
    for t in tok.subtree:
        if t.i < tok.i or t.i <= skip_to:
            continue
        if t.text in (",", ";", ":", "—", "("):
            break
        if t.dep_ == "relcl" and t.i > tok.i + 2:
            if not _short_clause(t):
                break
            skip_to = t.right_edge.i  # a short relative clause stays whole: never cut at its adverb
            last = max(last, skip_to)
            continue
        last = t.i
    return last


def _short_clause(verb: Token) -> bool:
    """A relative clause of a few words with no comma ("that has largely held since 2022")."""
    words = list(verb.subtree)
    return len(words) <= 10 and not any(w.text in (",", ";", ":", "—", "(") for w in words)


def goal_span(head: Token, start: Optional[int] = None) -> Optional[Span]:
    doc = head.doc
    s = head.i if start is None else start
    e = phrase_end(head)
    while e > s and (doc[e - 1].is_punct or doc[e - 1].dep_ in ("cc",)):
        e -= 1
    span = doc[s:e]
    return span if len(span) >= 2 else None


# --------------------------------------------------------------- the cues

def _infinitive(tok: Token) -> Optional[Token]:
    """The verb of a to-infinitive complement of `tok`."""
    for c in tok.children:
        if c.dep_ in ("xcomp", "acl", "ccomp", "advcl") and c.pos_ in ("VERB", "AUX") and \
                any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) and c.i > tok.i:
            return c
    return None


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children) or any(
        c.dep_ == "det" and c.lower_ == "no" for c in tok.children)


@lru_cache(maxsize=1)
def _cue_lemmas() -> frozenset:
    """Every lemma some rule below starts from: other tokens are skipped unexamined."""
    lex = cues()
    return frozenset(lex["verbs"] | lex["adjectives"] | lex["nouns"] | set(lex["focus_verbs"]))


def find(doc) -> list[tuple[Token, Span, Token]]:
    """(cue, goal span, token whose subject or possessor is the actor) for each cue."""
    out, lemmas = [], _cue_lemmas()
    for tok in doc:
        if tok.lower_ != "to" and tok.lemma_.lower() not in lemmas:
            continue  # no rule can fire: `to` starts a purpose cue, a listed lemma the others
        if _negated(tok):
            continue
        for rule in (_verb_goal, _adjective_goal, _noun_goal, _focus_goal, _purpose_goal):
            found = rule(tok)
            if found is not None:
                out.append((tok, *found))
                break
    return out


def _verb_goal(tok: Token) -> Optional[tuple[Span, Token]]:
    """"seeking to widen ...", "wants to replace ..."; "wants a buffer zone"."""
    lex, lemma = cues(), tok.lemma_.lower()
    if tok.pos_ != "VERB" or lemma not in lex["verbs"]:
        return None
    inf = _infinitive(tok)
    if inf is not None and (lemma not in lex["need_to_next"] or inf.i <= tok.i + 3):
        span = goal_span(inf)
        return (span, tok) if span is not None else None
    if inf is None and lemma in lex["object_verbs"]:
        obj = next((c for c in tok.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None)
        if obj is not None and obj.lemma_.lower() in lex["nouns"]:
            return None  # "pursued the dream of X": the goal noun gives X
        span = goal_span(obj, obj.left_edge.i) if obj is not None else None
        return (span, tok) if span is not None else None
    return None


def _adjective_goal(tok: Token) -> Optional[tuple[Span, Token]]:
    """"determined to ...", "keen to ..."."""
    if tok.pos_ != "ADJ" or tok.lemma_.lower() not in cues()["adjectives"]:
        return None
    inf = _infinitive(tok)
    span = goal_span(inf) if inf is not None else None
    return (span, tok.head if tok.dep_ in ("acomp", "amod") else tok) if span is not None else None


def _noun_goal(noun: Token) -> Optional[tuple[Span, Token]]:
    """"goal of X-ing", "bid to X", "the chance to X", "the goal is to X", "dream of freedom"."""
    lex = cues()
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in lex["nouns"]:
        return None
    inf = _infinitive(noun)
    if inf is not None:
        span = goal_span(inf)
        return (span, noun) if span is not None else None
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in lex["noun_preps"] and c.i == noun.i + 1:
            obj = next((x for x in c.children if x.dep_ in ("pcomp", "pobj")), None)
            if obj is not None and obj.lemma_.lower() in lex["effort_nouns"]:
                break  # "the aim of the campaign is to X": the goal is X, the campaign its owner
            if obj is not None and (obj.tag_ == "VBG" or obj.pos_ == "NOUN"
                                    and noun.lemma_.lower() in lex["nouns_with_object"]):
                span = goal_span(obj, obj.left_edge.i)
                return (span, noun) if span is not None else None
    if noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
        inf = next((c for c in noun.head.children if c.dep_ in ("xcomp", "attr", "ccomp") and c.pos_ == "VERB"), None)
        if inf is not None and any(a.lower_ == "to" for a in inf.children):
            span = goal_span(inf)
            return (span, noun) if span is not None else None
    return None


def _focus_goal(tok: Token) -> Optional[tuple[Span, Token]]:
    """"focus on ending ...": the verb stays in the goal text."""
    particle = cues()["focus_verbs"].get(tok.lemma_.lower())
    if tok.pos_ != "VERB" or particle is None:
        return None
    if not any(c.dep_ == "prep" and c.lower_ == particle for c in tok.children):
        return None
    span = goal_span(tok)
    return (span, tok) if span is not None else None


def _purpose_goal(tok: Token) -> Optional[tuple[Span, Token]]:
    """"in order to X", "in a bid to X": the goal of the clause it hangs on."""
    if tok.lower_ != "to" or tok.dep_ != "aux":
        return None
    doc = tok.doc
    for words in cues()["purpose"]:
        n = len(words)
        if tok.i >= n - 1 and [t.lower_ for t in doc[tok.i - n + 1:tok.i + 1]] == words:
            span = goal_span(tok.head)
            main = tok.head.head if tok.head.dep_ in ("advcl", "xcomp", "acl") else tok.head
            return (span, main) if span is not None else None
    return None


# ---------------------------------------------------------------- the actor

def _subject(tok: Token) -> Optional[Token]:
    for _ in range(4):
        for c in tok.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                if c.tag_ in ("WDT", "WP") and tok.dep_ == "relcl":
                    return tok.head
                return c
        if tok.dep_ in ("xcomp", "conj", "advcl", "acomp", "ccomp", "pcomp", "prep", "pobj", "acl") and tok.head.i != tok.i:
            tok = tok.head
            continue
        break
    return None


def _owner(cue: Token, anchor: Token) -> Optional[Token]:
    """Who has the goal: a possessor of a goal noun, else the subject of the clause."""
    if cue.pos_ == "NOUN":
        poss = next((c for c in cue.children if c.dep_ == "poss"), None)
        if poss is not None:
            return poss
        if cue.dep_ in ("dobj", "attr", "pobj"):
            return _subject(cue.head)
        effort = _effort(cue)
        if effort is not None:
            return effort
    return _subject(anchor)


def _effort(noun: Token) -> Optional[Token]:
    """ "The aim of the campaign": the campaign's owner, by possessor or the subject of the sentence before."""
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        obj = next((x for x in prep.children if x.dep_ == "pobj" and x.lemma_.lower() in cues()["effort_nouns"]
                    or x.lower_ in cues()["effort_nouns"]), None)
        if obj is None:
            continue
        poss = next((c for c in obj.children if c.dep_ == "poss"), None)
        if poss is not None:
            return poss
        sent = noun.sent
        if sent.start == 0:
            return None
        before = noun.doc[sent.start - 1].sent
        root = before.root
        return next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return None


def _frame(sent: Span, ctx: Context) -> Optional[str]:
    """"For X, ...": the actor a sentence is about, when it opens so."""
    if len(sent) > 3 and sent[0].lower_ == "for":
        for t in sent[1:6]:
            if t.text == ",":
                break
            key = ctx.actor_at(t)
            if key:
                return key
    return None


def _antecedent(ctx: Context, tok: Token) -> Optional[str]:
    """The last actor named as a subject before a pronoun, in this or the two sentences before."""
    start = sentence_floor(ctx.doc, tok.i, 2)
    found = [m for m in ctx.mentions if start <= m.start < tok.i and ctx.actors.get(m.key)]
    person = tok.lower_ in ("he", "his", "she", "her")
    fits = [m for m in found if (ctx.actors[m.key].type == "person") == person]
    subj = [m for m in fits if ctx.doc[m.end - 1].dep_ in ("nsubj", "nsubjpass")]
    pick = subj or fits
    return pick[-1].key if pick else None


def actor_of(ctx: Context, tok: Optional[Token]) -> Optional[str]:
    if tok is None:
        return None
    key = ctx.actor_of_phrase(tok)
    if key:
        return key
    for c in tok.children:
        if c.dep_ == "poss":
            return actor_of(ctx, c)
    if tok.lower_ in PRONOUNS:
        return _frame(tok.sent, ctx) or _antecedent(ctx, tok)
    return None


# ------------------------------------------------------------------ extract

def quote_ranges(ctx: Context, quotes: list[Quote]) -> list[tuple[int, int, Quote]]:
    """Where each attributed quote's words lie in the text (found through its evidence)."""
    text = doc_text(ctx.doc)
    out = []
    for q in quotes:
        if not q.evidence or q.speaker is None:
            continue
        at = text.find(q.evidence)
        while at >= 0:
            qs = text.find(q.text, at, at + len(q.evidence))
            if qs >= 0:
                out.append((qs, qs + len(q.text), q))
            at = text.find(q.evidence, at + 1)
    return out


def _quote_at(tok: Token, ranges: list[tuple[int, int, Quote]]) -> Optional[Quote]:
    return next((q for s, e, q in ranges if s <= tok.idx < e), None)


def extract(ctx: Context, quotes: Optional[list[Quote]] = None) -> list[Goal]:
    """Goals with their actor, the span kept tight, duplicates dropped."""
    ranges = quote_ranges(ctx, quotes or [])
    out: list[Goal] = []
    seen = set()
    for cue, span, anchor in find(ctx.doc):
        owner = _owner(cue, anchor)
        quote = _quote_at(cue, ranges)
        for key in _actors(ctx, owner, quote, cue):
            if (key, span.text) in seen:
                continue
            seen.add((key, span.text))
            stated = quote is not None and key == quote.speaker
            out.append(Goal(actor=key, text=span.text, stated=stated, evidence=cue.sent.text.strip()))
    return out


def _actors(ctx: Context, owner: Optional[Token], quote: Optional[Quote], cue: Token) -> list[str]:
    """Whose goal it is: the speaker for "we" in their quote, else the owner and its conjuncts."""
    if quote is not None and (owner is None or owner.lower_ in FIRST_PERSON or not actor_of(ctx, owner)):
        return [quote.speaker] if quote.speaker else []
    if owner is None:
        frame = _frame(cue.sent, ctx)
        return [frame] if frame else []
    if owner.lower_ in PRONOUNS and _frame(cue.sent, ctx):
        return [_frame(cue.sent, ctx)]
    keys = [actor_of(ctx, owner)] + [actor_of(ctx, c) for c in owner.conjuncts]
    return list(dict.fromkeys(k for k in keys if k))
