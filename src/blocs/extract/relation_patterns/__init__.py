"""The author's wording about ties, read as dependency patterns with argument slots.

Each pattern class (relations_cues.yaml) names a head word class and the slots
where the two sides sit: relational nouns ("X's ally Y", "Y, X's lone ally",
"X's principal ally is Y", "its allies, A and B", "tensions with X"), verb
frames ("reach out to X", "split from X", "cut ties with X", "join X in",
"lead a coalition", "work with X against Y"), adjective frames ("loyal to X",
"hostile to X"), "X and allied Y", prepositional frames ("alongside X", "at
odds with X", "kept X under pressure"), compound adjectives ("X-backed") and
reciprocals ("A and B accused each other"). Clauses that are conditional,
hypothetical, negated or questions are no evidence.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from typing import Optional

from spacy.tokens import Doc, Span, Token

from ... import parse_arrays
from ..relations import Collector, Resolver, cues
from .clause import SETTLEMENT_CONF, _settlement, asserted
from .frames import (
    _frames,
    _prep_frames,
    adjective_frame,
    allied_conjunct,
    backed_against,
    backed_by,
    command_frame,
    deployed_against,
    nominal_frame,
    prep_frame,
    suffix_cue,
    under_pressure,
    verb_frame,
)
from .nouns import (
    aid_noun,
    hostile_act,
    joint_force,
    member_noun,
    noun_cue,
    plural_modifier,
    possessed_mention,
    prefixed,
    tie_quality,
    titled_actor,
)
from .verbs import accusation_content, branded, demanded_removal, deployed_purpose, reciprocal, verb_cue

__all__ = ["asserted", "read_sentence"]


@lru_cache(maxsize=1)
def _trigger_words() -> frozenset:
    """Every word a pattern can start from, to skip the other tokens at once."""
    c = cues()
    words = set(c["ally_nouns"]) | set(c["hostile_nouns"]) | set(c["ally_verbs"]) | set(c["hostile_verbs"])
    words |= set(c["settlement_nouns"]) | set(c["peace_heads"]) | set(_frames()) | set(c["accusation_verbs"])
    words |= set(c["ally_adjectives"]) | set(c["hostile_adjectives"]) | set(c["allied_adjectives"])
    words |= set(c["ally_suffixes"]) | set(c["hostile_suffixes"]) | {"under"}
    words |= {f[0] for p in ("ally", "hostile") for f in c[f"{p}_preps"]}
    words |= set(c["command_verbs"]) | set(c["backing_verbs"]) | set(c["aid_nouns"]) | set(c["combat_verbs"])
    words |= set(c["demand_verbs"]) | set(c["deploy_verbs"]) | set(c["member_nouns"])
    words |= set(c["hostile_act_nouns"]) | set(c["ally_prefixes"]) | set(c["hostile_prefixes"]) | set(c["ties"])
    words |= set(c["joint_force_heads"]) | set(c["arms_supplier_heads"]) | set(c["branding_verbs"])
    return frozenset(words)


def _read_verb(col: Collector, res: Resolver, tok: Token, ev: str, c: dict, lemma: str) -> None:
    """The verb frames: each starts from its own verb class, the others are not asked."""
    if lemma in _frames():
        verb_frame(col, res, tok, ev)
    if lemma in c["command_verbs"]:
        command_frame(col, res, tok, ev)
    if lemma in c["backing_verbs"]:
        backed_against(col, res, tok, ev)
        backed_by(col, res, tok, ev)
    if lemma in c["deploy_verbs"]:
        deployed_against(col, res, tok, ev)
    if lemma in c["combat_verbs"] or lemma in c["backing_verbs"]:
        deployed_purpose(col, res, tok, ev)
    if lemma in c["demand_verbs"]:
        demanded_removal(col, res, tok, ev)
    if lemma in c["accusation_verbs"]:
        accusation_content(col, res, tok, ev)
    if lemma in c["branding_verbs"]:
        branded(col, res, tok, ev)
    if polarity := _side(c, lemma, "verbs"):
        verb_cue(col, res, tok, polarity, ev)


def _read_token(col: Collector, res: Resolver, tok: Token, ev: str) -> None:
    c, lemma, lower, pos = cues(), tok.lemma_.lower(), tok.lower_, tok.pos_
    if pos == "VERB" and tok.tag_ == "VBG" and lower in c["hostile_nouns"] and _nominal_gerund(tok):
        noun_cue(col, res, tok, "hostile", ev)  # "Fighting between X and Y resumed": a noun the tagger calls a verb
    mention = res.ctx.mention_at(tok)
    if (side := _side(c, lemma, "nouns")) and mention is None:
        titled_actor(col, res, tok, side, ev)  # "Saudi Arabia's arch-rival Iran", "Russia's ally Belarus"
        plural_modifier(col, res, tok, side, ev)  # "A and B, the rival factions"
    if pos in ("NOUN", "PROPN"):
        if mention is not None:
            possessed_mention(col, res, tok, mention, ev)
            return  # a word of an actor's own name ("Axis of Resistance"), not wording about it
        if _settlement(tok):
            noun_cue(col, res, tok, "hostile", ev, "settlement", SETTLEMENT_CONF)
        elif polarity := _side(c, lemma, "nouns"):
            noun_cue(col, res, tok, polarity, ev)
        elif lemma in c["ties"] and (quality := tie_quality(tok)):
            noun_cue(col, res, tok, quality, ev, "ties")
        elif lemma in c["arms_supplier_heads"] and _supplies_arms(tok):
            noun_cue(col, res, tok, "ally", ev, "arms-noun")  # "X is Y's main arms supplier"
        if lemma in _frames():
            nominal_frame(col, res, tok, ev)
            if _misread_clause(tok):
                verb_frame(col, res, tok, ev)  # "The Nusra Front split from al-Qaeda": 'split' tagged a noun
        if lemma in c["hostile_act_nouns"]:
            hostile_act(col, res, tok, ev)
        if lemma in c["aid_nouns"]:
            aid_noun(col, res, tok, ev)
        if lemma in c["member_nouns"]:
            member_noun(col, res, tok, ev)

    if pos != "VERB" and lemma in c["backing_verbs"]:
        _misread_backing(col, res, tok, ev)
    if pos == "VERB":
        _read_verb(col, res, tok, ev, c, lemma)
    if pos in ("ADJ", "VERB") or tok.dep_ == "acomp" or _becoming(c, tok):  # "remained close to X": 'close' an ADV
        adjective_frame(col, res, tok, ev)
    if lower in c["ally_prefixes"] or lower in c["hostile_prefixes"]:
        prefixed(col, res, tok, ev)
    if lower in c["allied_adjectives"]:
        allied_conjunct(col, res, tok, ev)
    if polarity := _side(c, lower, "suffixes"):
        suffix_cue(col, res, tok, polarity, ev)
    if pos in ("ADP", "ADV", "NOUN"):
        if lower in _prep_frames("ally") or lower in _prep_frames("hostile"):
            prep_frame(col, res, tok, ev)
        if lower == "under":
            under_pressure(col, res, tok, ev)


@parse_arrays.remembers_last_doc
def _trigger_tokens(doc: Doc) -> list[int]:
    """The tokens of the doc whose lemma (lower-cased) or lower-case form a pattern can start
    from, in order: two masks off the parse arrays, made once per doc (each distinct word is
    asked once), not a test per token and sentence."""
    arrays = parse_arrays.of(doc)
    mask = arrays.where("lemma", _lemma_triggers) | arrays.where("lower", _triggers)
    return mask.nonzero()[0].tolist()


def _triggers(word: str) -> bool:
    return word in _trigger_words()


def _lemma_triggers(lemma: str) -> bool:
    return lemma.lower() in _trigger_words()


def _side(c: dict, word: str, kind: str) -> Optional[str]:
    """ "ally" or "hostile" when the word is in that side's list of this kind (ally first)."""
    return _sides(kind).get(word)


@lru_cache(maxsize=4)
def _sides(kind: str) -> dict[str, str]:
    """word -> its side for one kind of cue ("nouns", "verbs", "suffixes"): a word on both
    lists is an ally's, as `_side` reads them."""
    c = cues()
    out = dict.fromkeys(c["hostile_" + kind], "hostile")
    out.update(dict.fromkeys(c["ally_" + kind], "ally"))
    return out


def _becoming(c: dict, tok: Token) -> bool:
    """ "has grown close to X", "drew closer to Y": a tie adjective tagged an adverb of a verb of becoming."""
    return tok.dep_ == "advmod" and tok.head.lemma_.lower() in c["becoming_verbs"]


def _misread_verb(tok: Token) -> bool:
    """A verb of backing the tagger calls an adverb or noun ("A and B back X" after a plural subject):
    it heads a clause of its own, with a subject and a direct object."""
    deps = {c.dep_ for c in tok.children}
    return "nsubj" in deps and "dobj" in deps


def _supplies_arms(tok: Token) -> bool:
    """A supplier noun qualified by what is supplied, when that is force: "arms supplier"."""
    words = cues()["arms_words"]
    return any(
        c.dep_ in ("compound", "amod") and (c.lower_ in words or c.lemma_.lower() in words) for c in tok.children
    )


def _misread_clause(tok: Token) -> bool:
    """A frame verb the tagger calls a noun although it heads a clause: it has a subject of its own
    and stands where a verb stands (the root, a reported or a joined clause)."""
    return tok.dep_ in ("ROOT", "ccomp", "conj", "advcl") and any(c.dep_ == "nsubj" for c in tok.children)


def _misread_backing(col: Collector, res: Resolver, tok: Token, ev: str) -> None:
    """A verb of backing the tagger did not call a verb: "Egypt and Turkey back the army"."""
    if _misread_verb(tok):
        verb_cue(col, res, tok, "ally", ev)  # 'back' tagged an adverb, the clause intact
    elif tok.pos_ == "ADV" and (sides := _stranded_verb(res, tok)):
        col.pairs(sides[0], sides[1], "ally", True, 0.6, ev, f"verb:{tok.lemma_.lower()} (no clause)")


def _stranded_verb(res: Resolver, tok: Token) -> Optional[tuple[list[str], list[str]]]:
    """ "Egypt and Turkey back the army led by X" parsed with no verb at all: 'back' an adverb of the
    subject noun, the object hung on that noun as an apposition. The names before the word back the
    noun phrase right after it."""
    head = tok.head
    if _next_phrase(tok, head) and head.dep_ != "ROOT":  # "Iran and Russia back Assad": on the object
        objs, head = [head], head.head
    else:
        objs = [c for c in head.children if c.dep_ in ("appos", "dobj", "npadvmod") and _next_phrase(tok, c)]
    if tok.dep_ != "advmod" or head.dep_ != "ROOT" or head.pos_ not in ("NOUN", "PROPN") or head.i > tok.i:
        return None  # a sentence whose root is a noun has no main verb: "back" must be it
    named = [k for o in objs for k in res.phrase(o)]
    subj = [k for t in (head, *res.conjuncts(head)) if (k := res.ctx.actor_of_phrase(t))]  # not the appositions
    return (subj, named) if subj and named and not set(subj) & set(named) else None


def _next_phrase(tok: Token, noun: Token) -> bool:
    """The noun heads the phrase right after the word: every word between them is one of its own."""
    return noun.i > tok.i and all(noun.is_ancestor(t) for t in tok.doc[tok.i + 1 : noun.i])


def _nominal_gerund(tok: Token) -> bool:
    """A gerund used as a noun: a subject or object with no subject or object of its own."""
    return tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and not any(
        c.dep_ in ("nsubj", "dobj", "aux") for c in tok.children
    )


def read_sentence(col: Collector, res: Resolver, sent: Span, ev: str) -> None:
    doc = sent.doc
    found, toks = _trigger_tokens(doc), parse_arrays.tokens(doc)
    for i in found[bisect_left(found, sent.start) : bisect_left(found, sent.end)]:
        if toks[i].pos_ in ("NOUN", "PROPN"):
            joint_force(col, res, toks[i], ev)  # "Syrian and Russian troops attacked X" (named or not)
        _read_token(col, res, toks[i], ev)
    lower = ev.lower()
    if any(r in lower for r in cues()["reciprocal"]):
        reciprocal(col, res, sent, ev)
