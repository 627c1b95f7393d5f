"""Who the agent of a verb is: subjects through clauses, passives, control verbs and parser slips
("In March Nigeria purged ...", "Barack/IN Obama urged ..."), and the negation of an act."""

from __future__ import annotations

import calendar
from typing import Optional

from spacy.tokens import Token

from .parse import SUBJ, _child, _conjuncts, _has_child, _is_passive, _pobj_at, view
from .patterns import Lexicon, lem, lexicon


def _negated(tok: Token, lex: Lexicon) -> bool:
    """ "did not attack", "no talks", "without support": the act did not happen."""
    v = view(tok.doc)
    dep, lower, i = v.dep, v.lower, tok.i
    for c in v.kids[i]:
        if dep[c] == "neg" or (dep[c] in ("det", "advmod") and lower[c] in lex.negators):
            return True
        if (
            dep[c] in ("nsubj", "nsubjpass")
            and c < i
            and any(  # "Neither X nor Y condemned", "no official attended"
                lower[g] in lex.subject_negators and g < c and dep[g] in ("det", "preconj", "cc") for g in v.kids[c]
            )
        ):
            return True
    return dep[i] in ("pobj", "pcomp") and lower[v.head[i]] == "without"


def _subject_tokens(verb: Token, depth: int = 0) -> list[Token]:
    """The agent of a verb, climbing through xcomp, conj, advcl and relative clauses (a function
    of the parse: kept per verb in the doc's View, for the coder asks again and again)."""
    if depth:
        return _subjects(verb, depth)
    memo = view(verb.doc).subjects
    found = memo.get(verb.i)
    if found is None:
        found = memo[verb.i] = _subjects(verb, 0)
    return list(found)


def _subjects(verb: Token, depth: int) -> list[Token]:
    """`_subject_tokens` without the memo."""
    if depth > 6:
        return []
    passive = _is_passive(verb)
    if passive and lem(verb) in lexicon().self_passive:
        passive = False  # "is committed to", "were engaged in": the subject acts
    v = view(verb.doc)
    dep, toks = v.dep, v.toks
    for c in v.kids[verb.i]:
        d = dep[c]
        if passive and d == "agent":
            obj = _pobj_at(v, c)
            return _conjuncts(toks[obj]) if obj >= 0 else []
        if not passive and (d in SUBJ or d == "nsubjpass"):
            if v.tag[c] in ("WDT", "WP") and dep[verb.i] == "relcl":
                return _conjuncts(verb.head)
            return _conjuncts(toks[c])
    if passive:
        return _charge_agent(v, verb.i)
    dated = _dated_subject(verb)
    if dated is not None:
        return _conjuncts(dated)
    named = _name_read_as_preposition(verb)
    if named is not None:
        return _conjuncts(named)
    if verb.dep_ == "conj" and _is_passive(verb.head) and (held := _child(verb.head, "nsubjpass")) is not None:
        return _conjuncts(held)  # "X was founded in 1958 and severed ties": X acts
    if (
        verb.dep_ == "xcomp"
        and lem(verb.head) in lexicon().object_control
        and (controlled := _child(verb.head, "dobj")) is not None
    ):
        return _conjuncts(controlled)  # "forced Israel to halt": Israel halts
    if verb.dep_ == "xcomp" and _is_passive(verb.head) and not _has_child(verb.head, ("agent",)):
        subj = _child(verb.head, "nsubjpass")  # "X is expected to attend", "X was forced to withdraw"
        if subj is not None:
            return _conjuncts(subj)
    if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ == "VBG"):
        return _conjuncts(verb.head)
    if verb.dep_ == "acl" and _has_child(verb, ("aux",), ("to",)):
        return _noun_holder(verb.head, depth)  # "its decision to support X", "announced a plan to ship"
    if verb.dep_ in ("xcomp", "conj", "advcl", "ccomp", "acomp") and verb.head.i != verb.i:
        if verb.dep_ == "ccomp" and lem(verb.head) in lexicon().speech:
            return []
        return _subject_tokens(verb.head, depth + 1)
    if verb.dep_ in ("pcomp",) and verb.head.dep_ == "prep":
        up = verb.head.head
        if verb.head.lower_ == "in" and lem(up) in lexicon().helping and (aided := _child(up, "dobj")) is not None:
            return _conjuncts(aided)  # "assisted X in repelling Y": X repels
        if verb.head.lower_ in ("for", "of") and up.pos_ == "VERB" and not _is_passive(up):
            if (charged := _child(up, "dobj")) is not None:
                return _conjuncts(charged)  # "praised X for closing", "blamed X for arming": X acts
        while up.pos_ not in ("VERB", "AUX") and up.head.i != up.i and depth < 6:
            up, depth = up.head, depth + 1
        if up.pos_ in ("VERB", "AUX") and _is_passive(up) and (accused := _child(up, "nsubjpass")) is not None:
            return _conjuncts(accused)  # "X was accused by Y of sending": X sends
        return _subject_tokens(up, depth + 1) if up.pos_ in ("VERB", "AUX") else []
    return []


def _charge_agent(v, i: int) -> list[Token]:
    """The "by" agent of a passive verb that the parser hung on the act charged: "X was accused of
    torturing prisoners by Y" is Y's accusation. Not "by" + a gerund (the means: "by shelling")."""
    dep, lower, kids = v.dep, v.lower, v.kids
    for p in kids[i]:
        if dep[p] != "prep" or lower[p] not in ("of", "for"):
            continue
        for act in kids[p]:
            if dep[act] != "pcomp":
                continue
            for by in kids[act]:
                obj = _pobj_at(v, by) if dep[by] in ("prep", "agent") and lower[by] == "by" else -1
                if obj >= 0 and v.tag[obj] != "VBG":
                    return _conjuncts(v.toks[obj])
    return []


def no_party(tok: Token, trig: Token, etype: str, lex: Lexicon) -> bool:
    """Is tok (part of) a name that is no party to the act, only a modifier of someone else: the
    owner of a relational noun ("killed a chief of Israel's allies"), or whose forces a deployment
    moves ("deployed Russian mercenaries in the north": the hired forces, not a target)?"""
    while tok.dep_ in ("compound", "flat") and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ == "poss" and lem(tok.head) in lex.relational:
        return True
    noun = tok.head
    return (
        etype == "MOBILIZE"
        and tok.dep_ in ("amod", "compound", "nmod", "poss")
        and lem(noun) in lex.deployed_forces
        and noun.dep_ in ("dobj", "obj")
        and noun.head.i == trig.i
    )


def two_joined_heads(trig: Token, anchors: list) -> bool:
    """Is the act's subject two joined heads ("Kenya and Uganda agreed"), not one head with joined
    modifiers ("Indian and Thai banks signed contracts": banks of each, not a pair)?"""
    for a in [trig, *anchors]:
        subj = _subject_tokens(a)
        if subj:
            return len(subj) == 2
    return False


def _dated_subject(verb: Token) -> Optional[Token]:
    """ "In March Nigeria purged generals": with no comma after the fronted month the parser reads
    "March Nigeria" as the object of "in"; the name after the month is the verb's subject."""
    v = view(verb.doc)
    dep, lower, kids = v.dep, v.lower, v.kids
    for c in kids[verb.i]:
        if c > verb.i or dep[c] != "prep" or lower[c] not in ("in", "on", "by", "since", "until"):
            continue
        obj = _pobj_at(v, c)
        if obj >= 0 and v.tag[obj] == "NNP" and lower[obj] not in MONTHS:
            if any(dep[g] == "compound" and lower[g] in MONTHS and g == c + 1 for g in kids[obj]):
                return v.toks[obj]
    return None


MONTHS = frozenset(m.lower() for m in calendar.month_name[1:])
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def _name_read_as_preposition(verb: Token) -> Optional[Token]:
    """ "Barack Obama on Tuesday urged ...": the tagger reads a capitalised first name as a
    preposition ("Barack/IN") and the surname as its object, leaving the verb without a subject.
    A subjectless verb whose fronted "preposition" opens a named entity that its object goes on
    has that name as its subject."""
    for c in verb.children:
        if c.i > verb.i or c.dep_ != "prep" or not c.text[:1].isupper() or c.ent_iob_ != "B":
            continue
        if c.ent_type_ not in NAME_LABELS:
            continue
        obj = _child(c, "pobj")
        if obj is not None and obj.i > c.i and all(t.ent_iob_ == "I" for t in verb.doc[c.i + 1 : obj.i + 1]):
            return obj
    return None


def _noun_holder(noun: Token, depth: int) -> list[Token]:
    """Whose decision, plan or refusal a noun is: its possessor ("Russia's refusal"), else the
    subject of the verb it is the object of ("X announced a decision to ...")."""
    owner = _child(noun, "poss")
    if owner is not None:
        return _conjuncts(owner)
    if noun.dep_ in ("dobj", "obj") and noun.head.pos_ in ("VERB", "AUX"):
        return _subject_tokens(noun.head, depth + 1)
    return []
