"""PLOVER events: who did what to whom, when and where.

`extract(ctx) -> list[Event]` reads the dependency parse one sentence at a time:
verbal triggers (lemma, verb+particle, verb+object) and nominal triggers
("offensive", "talks", "sanctions") found by dictionary lookups in the data files
next to this module; sources and targets from subjects, objects, passives,
possessives and light verbs; modality (threats, plans, demands) and negation from
the words around the trigger. Dates come from `dates`, places from the Context.
A last pass over the document fills a missing target from the actor that holds
an attacked place and a missing source from the target's usual attacker.

An event is kept when it names its source; an unattributed attack or coercion is
kept only when it names its victim and no unresolved subject stood in the text
("a roadside bomb killed two US soldiers"). Support or aid needs a recipient.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Optional

import yaml
from spacy.tokens import Span, Token

from ..context import Context
from ..records import Event
from . import actors as actors_mod
from . import dates as dates_mod

DATA = Path(__file__).parent / "data"
SUBJ = ("nsubj", "csubj", "expl")
OBJ = ("dobj", "obj", "attr", "oprd")
CLAUSAL = ("advcl", "relcl", "acl", "ccomp", "parataxis", "conj", "appos", "csubj")
LOC_PREPS = ("in", "at", "near", "outside", "inside", "around", "across", "into", "throughout",
             "within", "on", "off", "over")
NEEDS_TARGET = ("SUPPORT", "AID")
SIDE_CLAUSES = ("relcl",)
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
ANAPHORIC_DETS = ("the", "this", "that", "these", "those")
SENTENCE_FINAL = ".!?:;"
CLOSERS = "\"'\u201d\u2019)]"


@dataclass(frozen=True)
class Lexicon:
    """Trigger words and the frames around them (see the data files for what each list means)."""
    verb: dict
    phrasal: dict
    verb_object: dict
    figurative: frozenset
    needs_object: frozenset
    noun: dict
    needs_modifier: dict
    frame_only: frozenset
    modifier_type: dict
    light: frozenset
    patient: frozenset
    target_preps: frozenset
    generic_places: frozenset
    modal: dict
    relational: frozenset
    quantifiers: frozenset
    containers: frozenset
    participation: frozenset
    allege: frozenset
    receive: frozenset
    institutions: frozenset
    self_passive: frozenset
    wish: frozenset
    anonymous: frozenset
    frame_heads: frozenset
    reflexive: frozenset
    future: frozenset
    obligation: frozenset
    hypothetical: frozenset
    speech: frozenset
    negators: frozenset
    support_participles: dict
    support_nouns: dict
    holder_participles: frozenset
    family: dict
    continuation: frozenset
    cooperative: frozenset
    forceful: frozenset
    reciprocal: frozenset
    material: frozenset
    no_fallback_target: frozenset
    fallback_blocked_preps: frozenset
    fallback_direction_preps: frozenset
    fallback_blocked_marks: frozenset
    domestic_target: frozenset
    lemma_fixes: dict
    own_state_target: frozenset
    own_state_sources: frozenset
    both_ways: frozenset
    speech_content_target: frozenset
    needs_target_actor: frozenset
    no_place_target: frozenset
    fighters: frozenset
    reactions: frozenset
    patrons: frozenset
    object_control: frozenset
    warning_verbs: frozenset
    label_verbs: frozenset
    accusation_labels: frozenset
    affiliation: frozenset


# Words before "with" that make its object a partner: "side by side with", "together with".
COMPANY_WORDS = frozenset({"side", "together", "shoulder", "jointly", "along", "alongside"})

def _invert(groups: dict) -> dict:
    return {w: t for t, words in groups.items() for w in words}


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The trigger lexicon and frames, read once from data/plover_*.yaml."""
    v = yaml.safe_load((DATA / "plover_verbs.yaml").read_text(encoding="utf-8"))
    n = yaml.safe_load((DATA / "plover_nouns.yaml").read_text(encoding="utf-8"))
    f = yaml.safe_load((DATA / "plover_frames.yaml").read_text(encoding="utf-8"))
    phrasal = {tuple(k.split()): t for k, t in v["phrasal"].items()}
    return Lexicon(
        verb=_invert(v["verbs"]), phrasal=phrasal,
        verb_object={verb: dict(objs) for verb, objs in v["verb_object"].items()},
        figurative=frozenset(v["figurative_objects"]), needs_object=frozenset(v["needs_object_actor"]),
        noun=_invert(n["nouns"]), needs_modifier={k: frozenset(x) for k, x in n["needs_modifier"].items()},
        frame_only=frozenset(n["frame_only"]), modifier_type=n["modifier_type"],
        light=frozenset(n["light_verbs"]), patient=frozenset(n["patient_verbs"]),
        target_preps=frozenset(n["target_preps"]), generic_places=frozenset(n["generic_places"]),
        modal=dict(f["modal_heads"]), relational=frozenset(f["relational_nouns"]),
        reflexive=frozenset(f["reflexive_pronouns"]), quantifiers=frozenset(f["quantifiers"]),
        containers=frozenset(f["containers"]), participation=frozenset(n["participation_verbs"]),
        allege=frozenset(f["allege_verbs"]), receive=frozenset(v["receive_verbs"]),
        institutions=frozenset(f["institution_nouns"]), self_passive=frozenset(f["self_passive"]),
        wish=frozenset(f["wish_verbs"]), anonymous=frozenset(f["anonymous_agents"]),
        frame_heads=frozenset(n["frame_heads"]), future=frozenset(f["future_aux"]),
        obligation=frozenset(f["obligation_aux"]), hypothetical=frozenset(f["hypothetical_aux"]),
        speech=frozenset(f["speech_verbs"]), negators=frozenset(f["negators"]),
        support_participles=dict(f["support_participles"]), support_nouns=dict(f["support_nouns"]),
        holder_participles=frozenset(f["holder_participles"]), family=_invert(f["families"]),
        continuation=frozenset(f["continuation"]), cooperative=frozenset(f["cooperative"]),
        forceful=frozenset(f["forceful"]), reciprocal=frozenset(f["reciprocal"]),
        no_fallback_target=frozenset(f.get("no_fallback_target") or ()),
        fallback_blocked_preps=frozenset(f["fallback_blocked_preps"]),
        fallback_direction_preps=frozenset(f["fallback_direction_preps"]),
        fallback_blocked_marks=frozenset(f["fallback_blocked_marks"]),
        domestic_target=frozenset(f["domestic_target"]),
        lemma_fixes=dict(f["lemma_fixes"]),
        own_state_target=frozenset(f["own_state_target"]), own_state_sources=frozenset(f["own_state_sources"]),
        both_ways=frozenset(f["both_ways"]),
        speech_content_target=frozenset(f["speech_content_target"]),
        material=frozenset(f["material"]),
        needs_target_actor=frozenset(f["needs_target_actor"]), no_place_target=frozenset(f["no_place_target"]), fighters=frozenset(f["fighter_nouns"]), reactions=frozenset(f["reactions"]), patrons=frozenset(f["patron_nouns"]), object_control=frozenset(f["object_control"]), warning_verbs=frozenset(f["warning_verbs"]),
        label_verbs=frozenset(f["label_verbs"]), accusation_labels=frozenset(f["accusation_labels"]),
        affiliation=frozenset(f["affiliation_participles"]),
    )


@dataclass
class Candidate:
    """An event before dates, places and the document pass."""
    type: str
    trigger: Token
    anchors: list  # tokens whose clause holds the event: trigger, light verb, modal head
    sources: list  # actor keys (None allowed)
    targets: list
    mode: Optional[str] = None
    confidence: float = 0.8
    args: list = field(default_factory=list)  # argument tokens (objects, subjects) for places
    date: Optional[str] = None
    place: Optional[str] = None
    source_inferred: bool = False
    unnamed_agent: bool = False  # a subject is there but names no known actor ("they", "activists")
    refers: Optional[tuple] = None  # "condemned the strikes": ({types}, word) of an earlier act the object points back to


# ---------------------------------------------------------------- parse helpers

def _conjuncts(tok: Token) -> list[Token]:
    """A token and the tokens coordinated with it ("Russia and Iran")."""
    out, todo = [], [tok]
    as_object = tok.dep_ in ("dobj", "obj", "pobj", "dative")
    while todo:
        t = todo.pop()
        out.append(t)
        todo.extend(c for c in t.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON")
                    and not (as_object and _starts_clause(c)))
        # "The US, Russia, and Switzerland": the parser hangs a list's middle items as appositions
        todo.extend(c for c in t.children if c.dep_ == "appos" and c.pos_ == "PROPN" and
                    any(g.dep_ == "conj" for g in [*c.children, *t.children]))
    return sorted(out, key=lambda t: t.i)


def _starts_clause(noun: Token) -> bool:
    """"backs X and Y walks a tightrope": a noun right before a finite verb is that verb's
    subject, though the parser coordinated it with the object before."""
    nxt = noun.right_edge.i + 1
    if nxt >= len(noun.doc) or noun.doc[nxt].tag_ not in ("VBZ", "VBD", "VBP", "MD"):
        return False
    verb = noun.doc[nxt] if noun.doc[nxt].dep_ not in ("aux", "auxpass") else noun.doc[nxt].head
    return not any(c.dep_ in SUBJ or c.dep_ == "nsubjpass" for c in verb.children)  # "talks between X and Y were held"


def _own_clause(tok: Token) -> bool:
    """A coordinated verb with a subject of its own starts another clause ("..., and Y met")."""
    return tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX") and any(c.dep_ in SUBJ or c.dep_ == "nsubjpass"
                                                                      for c in tok.children)


def _each_other(verb: Token) -> bool:
    """"accused each other", "blamed one another": a reciprocal object."""
    return any(c.dep_ in ("dobj", "pobj", "dative") and c.lower_ in ("other", "another") and
               any(d.lower_ in ("each", "one") for d in c.children) for c in verb.children)


def _child(tok: Token, *deps: str) -> Optional[Token]:
    return next((c for c in tok.children if c.dep_ in deps), None)


def _pobj(prep: Token) -> Optional[Token]:
    return _child(prep, "pobj", "pcomp")


def _negated(tok: Token, lex: Lexicon) -> bool:
    """"did not attack", "no talks", "without support": the act did not happen."""
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ in ("det", "advmod") and c.lower_ in lex.negators):
            return True
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "without":
        return True
    if tok.dep_ in ("pcomp",) and head.lower_ == "without":
        return True
    return False


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _subject_tokens(verb: Token, depth: int = 0) -> list[Token]:
    """The agent of a verb, climbing through xcomp, conj, advcl and relative clauses."""
    if depth > 6:
        return []
    passive = _is_passive(verb)
    if passive and verb.lemma_.lower() in lexicon().self_passive:
        passive = False  # "is committed to", "were engaged in": the subject acts
    for c in verb.children:
        if passive and c.dep_ == "agent":
            obj = _pobj(c)
            return _conjuncts(obj) if obj is not None else []
        if not passive and (c.dep_ in SUBJ or c.dep_ == "nsubjpass"):
            if c.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
                return _conjuncts(verb.head)
            return _conjuncts(c)
    if passive:
        return []
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in lexicon().object_control and _child(verb.head, "dobj") is not None:
        return _conjuncts(_child(verb.head, "dobj"))  # "forced Israel to halt": Israel halts
    if verb.dep_ == "xcomp" and _is_passive(verb.head) and not any(c.dep_ == "agent" for c in verb.head.children):
        subj = _child(verb.head, "nsubjpass")  # "X is expected to attend", "X was forced to withdraw"
        if subj is not None:
            return _conjuncts(subj)
    if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ == "VBG"):
        return _conjuncts(verb.head)
    if verb.dep_ in ("xcomp", "conj", "advcl", "ccomp", "acomp") and verb.head.i != verb.i:
        if verb.dep_ == "ccomp" and verb.head.lemma_ in lexicon().speech:
            return []
        return _subject_tokens(verb.head, depth + 1)
    if verb.dep_ in ("pcomp",) and verb.head.dep_ == "prep":
        up = verb.head.head
        while up.pos_ not in ("VERB", "AUX") and up.head.i != up.i and depth < 6:
            up, depth = up.head, depth + 1
        if up.pos_ in ("VERB", "AUX") and _is_passive(up) and _child(up, "nsubjpass") is not None:
            return _conjuncts(_child(up, "nsubjpass"))  # "X was accused by Y of sending": X sends
        return _subject_tokens(up, depth + 1) if up.pos_ in ("VERB", "AUX") else []
    return []


def _object_tokens(verb: Token) -> list[Token]:
    """Direct objects, datives and passive subjects: who the act is done to."""
    out = []
    for c in verb.children:
        if c.dep_ in ("dobj", "dative", "nsubjpass", "obj") and c.pos_ != "ADP":
            out.extend(_conjuncts(c))
    return out


def _side_by_side(prep: Token) -> bool:
    """ "fought side by side with X", "together with X": X is a partner, not the one acted on."""
    before = prep.doc[max(0, prep.i - 3):prep.i]
    return prep.lower_ == "with" and any(t.lower_ in COMPANY_WORDS for t in before)


def _prep_objects(tok: Token, preps) -> list[Token]:
    """Objects of the given prepositions under tok ("to" may be parsed as a dative)."""
    out = []
    for c in tok.children:
        if (c.dep_ in ("prep", "agent") or (c.dep_ == "dative" and c.pos_ == "ADP")) and c.lower_ in preps \
                and not _side_by_side(c):
            obj = _pobj(c)
            if obj is not None:
                out.extend(_conjuncts(obj))
    return out


class Resolver:
    """Actor and place lookups over the Context, with the sentence's helpers."""

    def __init__(self, ctx: Context, lex: Lexicon):
        self.ctx, self.lex = ctx, lex

    def actor(self, tok: Token) -> Optional[str]:
        if self.ctx.actor_at(tok):
            return self.ctx.actor_at(tok)
        appos = _child(tok, "appos")
        appos_key = self.ctx.actor_of_phrase(appos) if appos is not None else None
        if tok.lemma_.lower() in self.lex.relational:
            return appos_key  # "its rival, Saudi Arabia" is Saudi Arabia; "the backers of X" are not X
        key = self.ctx.actor_of_phrase(tok) or appos_key
        if key:
            return key
        for c in tok.children:  # "US Predator attacks", "Israeli tank shelling"
            if c.dep_ in ("compound", "nmod") and self.ctx.actor_of_phrase(c):
                return self.ctx.actor_of_phrase(c)
        if tok.lemma_.lower() in self.lex.institutions:  # "security forces in Guinea"
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "in" and _pobj(c) is not None and self.ctx.actor_at(_pobj(c)):
                    return self.ctx.actor_at(_pobj(c))
        if tok.lower_ in ("which", "who", "that") and tok.head.dep_ == "relcl":
            return self.ctx.actor_of_phrase(tok.head.head)
        if tok.tag_ == "PRP" and tok.dep_ in SUBJ:
            return self._speaker(tok.head, plural=tok.lower_ in ("they", "we"))
        owner = _child(tok, "poss")
        if owner is not None and owner.tag_ == "PRP$" and tok.dep_ in SUBJ and \
                tok.lemma_.lower() in self.lex.institutions | self.lex.fighters:
            return self._sentence_subject(tok)  # "X said ..., two days after its gunmen raided Y"
        for _ in range(3):  # "thousands of students from X", "a group of X diplomats"
            nxt = next((_pobj(c) for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "from")), None)
            if nxt is None:
                return None
            key = self.ctx.actor_of_phrase(nxt)
            if key:
                return key
            tok = nxt
        return None

    def _sentence_subject(self, tok: Token) -> Optional[str]:
        """The actor named as subject of the sentence's main verb, if tok is not inside it."""
        root = tok.sent.root
        subj = _child(root, *SUBJ)
        if subj is None or subj.tag_ == "PRP" or tok.i in {t.i for t in subj.subtree}:
            return None
        return self.actor(subj)

    def _speaker(self, verb: Token, plural: bool) -> Optional[str]:
        """"X said it would ...": a pronoun subject of a reported clause is the speaker."""
        for _ in range(3):
            if verb.dep_ not in ("ccomp", "xcomp", "conj") or verb.head.i == verb.i:
                return None
            verb = verb.head
            subj = _child(verb, *SUBJ)
            if subj is not None and subj.tag_ != "PRP":
                many = subj.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subj.children)
                return self.actor(subj) if many == plural else None
        return None

    def actors(self, toks: list[Token]) -> list[str]:
        out = []
        for t in toks:
            k = self.actor(t)
            if k and k not in out:
                out.append(k)
        return out

    def place(self, tok: Token) -> Optional[str]:
        """A place named by the phrase headed by tok ("eastern Mosul", "districts of Mosul")."""
        name = self.ctx.place_at(tok)
        if name:
            return name
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "nmod") and self.ctx.place_at(c):
                return self.ctx.place_at(c)
            if c.dep_ == "prep" and c.lower_ == "of":
                obj = _pobj(c)
                if obj is not None and self.ctx.place_at(obj):
                    return self.ctx.place_at(obj)
        return None


# ---------------------------------------------------------------- triggers

def _verb_type(tok: Token, lex: Lexicon) -> tuple[Optional[str], Optional[Token]]:
    """The PLOVER type of a verb and the object noun its verb+object pair consumed."""
    lemma = tok.lemma_.lower()
    objs = lex.verb_object.get(lemma)
    if objs:
        for c in tok.children:
            if c.dep_ in ("dobj", "nsubjpass", "obj"):
                if c.lemma_.lower() in lex.containers:  # "a series of bombs", "a wave of strikes"
                    inner = next((_pobj(p) for p in c.children if p.dep_ == "prep" and p.lower_ == "of"), None)
                    c = inner if inner is not None else c
                elif c.lemma_.lower() in lex.frame_heads:  # "ended mediation efforts"
                    inner = next((m for m in c.children if m.dep_ == "compound" and m.lemma_.lower() in objs), None)
                    c = inner if inner is not None else c
                t = objs.get(c.lemma_.lower())
                if t is None and c.lemma_.lower().endswith("s"):
                    t = objs.get(c.lemma_.lower()[:-1])
                if t is not None and c.lemma_.lower() in lex.quantifiers:
                    inner = next((_pobj(p) for p in c.children if p.dep_ == "prep" and p.lower_ == "of"), None)
                    if inner is None or objs.get(inner.lemma_.lower()) is None:
                        t = ""
                if t is not None:
                    return (t or None), c
    label = _accusing_label(tok, lex)
    if label is not None:
        return "ACCUSE", label
    for c in tok.children:
        if c.dep_ in ("prt", "prep", "dobj") and (lemma, c.lower_) in lex.phrasal:
            return lex.phrasal[(lemma, c.lower_)], (c if c.dep_ == "dobj" else None)
    t = lex.verb.get(lemma)
    if t is None:
        return None, None
    dobj = _child(tok, "dobj")
    if dobj is not None and dobj.lemma_.lower() in lex.figurative and t in ("ASSAULT", "COERCE", "THREATEN"):
        return None, None
    if dobj is not None and dobj.lower_ in lex.reflexive:
        return None, None
    if lemma == "strike" and dobj is None and not _is_passive(tok):
        return "PROTEST", None
    if t == "PROTEST" and (tok.dep_ == "parataxis" or any(c.dep_ in ("ccomp", "parataxis") for c in tok.children)):
        return "ACCUSE", None  # "a rights group protested that ...": a verbal protest
    return t, None


def _accusing_label(verb: Token, lex: Lexicon) -> Optional[Token]:
    """"called the shelling a war crime", "described the raid as terrorism": the accusing label."""
    if verb.lemma_.lower() not in lex.label_verbs or _child(verb, "dobj", "oprd") is None:
        return None
    labels = []
    for c in verb.children:
        labels.append(c if c.dep_ in ("oprd", "xcomp", "attr") else _pobj(c) if c.dep_ == "prep" and c.lower_ == "as" else None)
        if c.dep_ in ("oprd", "advcl", "xcomp") and c.tag_ == "VBG":  # the parser's "called [the shelling a crime]"
            labels.append(_child(c, "dobj"))
    return next((label for label in labels if label is not None and _is_label(label, lex)), None)


def _is_label(noun: Token, lex: Lexicon) -> bool:
    """"a war crime", "a terrorist state", "the main instigator": a word that brands a wrong."""
    return noun.pos_ in ("NOUN", "ADJ", "PROPN") and (noun.lemma_.lower() in lex.accusation_labels or any(
        m.dep_ in ("amod", "compound") and m.lemma_.lower() in lex.accusation_labels for m in noun.children))


def _noun_type(tok: Token, lex: Lexicon) -> Optional[str]:
    lemma = tok.lemma_.lower()
    t = lex.noun.get(lemma) or lex.noun.get(tok.lower_)
    if t is None:
        return None
    mods = {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
    rule = lex.modifier_type.get(lemma)
    if rule:
        for alt, words in rule.items():
            if alt != "target_type" and mods & set(words):
                return alt
        if any(c.dep_ == "prep" and c.lower_ in ("on", "against") and _pobj(c) is not None and
               _pobj(c).ent_type_ not in ("DATE", "TIME") for c in tok.children):  # not "a strike on Monday"
            return rule.get("target_type", t)
    need = lex.needs_modifier.get(lemma)
    if need and not (mods & need) and lemma not in lex.frame_only:
        return None
    if need and (mods & need):
        return t
    return t


def _governor(noun: Token) -> tuple[Optional[Token], str]:
    """The verb a noun hangs on and how: ('obj', 'under', 'subj', 'with', 'pobj', '')."""
    head = noun.head
    if noun.dep_ in ("dobj", "obj", "nsubjpass", "attr", "dative") and head.pos_ in ("VERB", "AUX"):
        return head, "obj"
    if noun.dep_ in ("conj", "appos") and head.pos_ == "NOUN":
        return _governor(head)
    if noun.dep_ in ("nsubj",) and head.pos_ in ("VERB", "AUX"):
        return head, "subj"
    if noun.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
        verb = head.head
        if head.lower_ == "under":
            return verb, "under"
        if head.lower_ == "with":
            return verb, "with"
        if verb.pos_ in ("VERB", "AUX"):
            return verb, "pobj"
    return None, ""


# ---------------------------------------------------------------- the coder

class SentenceCoder:
    """Codes the events of one sentence."""

    def __init__(self, sent: Span, res: Resolver, lex: Lexicon):
        self.sent, self.res, self.lex = sent, res, lex
        self.verb_trig: dict[int, tuple[str, Optional[Token]]] = {}
        self.noun_trig: dict[int, str] = {}
        self.consumed: set[int] = set()

    def scan(self) -> None:
        """One pass over the tokens: dictionary lookups for verbal and nominal triggers."""
        lex = self.lex
        for tok in self.sent:
            if tok.pos_ == "NOUN" and tok.dep_ == "relcl" and tok.tag_ == "NNS" and tok.lemma_.lower() in lex.verb:
                self.verb_trig[tok.i] = (lex.verb[tok.lemma_.lower()], None)  # "X, which arms and trains Y": a verb
            elif tok.pos_ == "VERB":
                if self._bare_participle(tok):
                    continue  # "X-backed Y", "Y, backed by X": see participles()
                if tok.dep_ == "amod" or (tok.tag_ == "VBG" and tok.dep_ in ("csubj", "nsubj")):
                    continue  # "the besieged city", "capturing X would be a victory": no reported act
                t, obj = _verb_type(tok, lex)
                if not t and self._obligation(tok):
                    t = "REQUEST"  # "X said Y must withdraw": a demand whatever the act
                if t:
                    self.verb_trig[tok.i] = (t, obj)
                    if obj is not None:
                        self.consumed.add(obj.i)
            elif tok.pos_ in ("NOUN", "PROPN") and not tok.ent_type_ in ("DATE", "GPE", "PERSON", "ORG", "NORP"):
                t = _noun_type(tok, lex)
                if not t and tok.lemma_.lower() in lex.frame_heads:  # "a mediation effort", "a bombing campaign"
                    mod = next((c for c in tok.children if c.dep_ in ("compound", "amod") and lex.noun.get(c.lemma_.lower())), None)
                    t = lex.noun.get(mod.lemma_.lower()) if mod is not None else None
                if t:
                    self.noun_trig[tok.i] = t

    def _bare_participle(self, tok: Token) -> bool:
        """"X-backed Y", "Y, backed by X": a support participle without auxiliaries."""
        return tok.lower_ in self.lex.support_participles and tok.tag_ == "VBN" and \
            tok.dep_ in ("amod", "acl", "advcl") and not any(c.dep_ in ("aux", "auxpass") for c in tok.children)

    def _obligation(self, verb: Token) -> bool:
        return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in self.lex.speech and any(
            c.dep_ == "aux" and c.lower_ in self.lex.obligation for c in verb.children)

    def code(self) -> list[Candidate]:
        self.scan()
        out = []
        wrapped: set[int] = set()
        for i, (t, obj) in self.verb_trig.items():
            c = self.verbal(self.sent.doc[i], t, obj, wrapped)
            if c:
                out.extend(c)
        for i, t in self.noun_trig.items():
            if i in self.consumed:
                continue
            c = self.nominal(self.sent.doc[i], t)
            if c:
                out.extend(c)
        out.extend(self.participles())
        out.extend(self.reported_labels())
        out = [c for c in out if c.trigger.i not in wrapped]
        return out + self.allegations(out)

    def reported_labels(self) -> list[Candidate]:
        """"X said Y was the main instigator / a terrorist state": X accuses Y (CAMEO 112)."""
        out = []
        for be in self.sent:
            if be.lemma_ != "be" or be.dep_ not in ("ccomp", "parataxis") or be.head.lemma_.lower() not in self.lex.speech:
                continue
            attr = _child(be, "attr")
            subj = _child(be, "nsubj")
            if attr is None or subj is None or _negated(be, self.lex) or not _is_label(attr, self.lex):
                continue
            accused = self.res.actors(_conjuncts(subj))
            speakers = self.res.actors(_subject_tokens(be.head))
            if accused and speakers:
                out.extend(self._expand("ACCUSE", be.head, [be.head, be], speakers, accused, None, 0.6, [subj]))
        return out

    def allegations(self, cands: list[Candidate]) -> list[Candidate]:
        """"X claimed that Y attacked Z": X accuses Y (PLOVER ACCUSE, CAMEO 112 "accuse")."""
        out = []
        for c in cands:
            if c.type in self.lex.cooperative or c.trigger.pos_ != "VERB" or c.sources[0] is None:
                continue
            clause = c.trigger
            while clause.dep_ == "conj" and clause.head.i != clause.i:
                clause = clause.head
            head = clause.head
            if clause.dep_ != "ccomp" or head.lemma_.lower() not in self.lex.allege:
                continue
            speakers = self.res.actors(_subject_tokens(head))
            out.extend(self._expand("ACCUSE", head, [head], speakers, c.sources, None, 0.6, []))
        return out

    # ---- verbs

    def _future(self, verb: Token) -> Optional[str]:
        auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux",)}
        if auxes & self.lex.future:
            return "future"
        if auxes & self.lex.obligation:
            return "obligation"
        if auxes & self.lex.hypothetical:
            return "hypothetical"
        if any(c.dep_ == "aux" and c.lower_ == "going" for c in verb.children):
            return "future"
        return None

    def _apply_modality(self, verb: Token, etype: str, anchors: list, wrapped: set) -> Optional[tuple]:
        """(type, mode, source tokens, addressee tokens, conf) after modal heads and auxiliaries; None = no event."""
        lex = self.lex
        head = verb.head
        subj_toks = _subject_tokens(verb)
        if verb.dep_ in ("xcomp", "ccomp", "advcl") and head.lemma_.lower() in lex.modal and head.i != verb.i:
            rule = lex.modal[head.lemma_.lower()]
            while rule == "keep" and head.dep_ == "xcomp" and head.head.lemma_.lower() in lex.modal:
                anchors.append(head)  # "vowed to keep attacking": the outer head decides
                wrapped.add(head.i)
                head = head.head
                rule = lex.modal[head.lemma_.lower()]
            if verb.dep_ == "advcl" and rule not in ("plan", "agree"):
                rule = None
            own_subject = _child(verb, "nsubj")
            if rule in ("plan", "goal") and head.lemma_.lower() in lex.wish and own_subject is not None \
                    and own_subject.tag_ != "PRP":
                return "REQUEST", "demand", _subject_tokens(head), _conjuncts(own_subject), 0.65  # "wants X to attack"
            if verb.dep_ == "ccomp" and rule in ("plan", "keep", "goal"):
                rule = None  # "announced that it had withdrawn": the clause's own tense decides
            if rule == "goal" and etype not in lex.cooperative:
                return None  # "is seeking to capture X": an aim (the goals stage), not an act or a threat
            if rule == "goal":  # "seeking to deepen a partnership": intent to cooperate (CAMEO 03)
                anchors.append(head)
                wrapped.add(head.i)
                return "AGREE", "plan", _subject_tokens(head), [], 0.6
            if rule:
                if _negated(head, lex) and rule != "negate":
                    return None
                anchors.append(head)
                wrapped.add(head.i)
                if rule == "negate" and head.lemma_.lower() == "fail" and etype in ("AGREE", "CONSULT", "COOPERATE") \
                        and verb.i in self.verb_trig:
                    return "REJECT", None, _subject_tokens(head), [], 0.6  # "failed to reach agreement"
                if rule == "negate":
                    return None
                if rule == "threat":
                    return "THREATEN", "threat", _subject_tokens(head), [], 0.75
                if rule == "agree":
                    return "AGREE", "plan", _subject_tokens(head), [], 0.75
                if rule == "plan":
                    t = "AGREE" if etype in lex.cooperative else "THREATEN" if etype in lex.forceful else etype
                    return t, ("threat" if t == "THREATEN" else "plan"), _subject_tokens(head), [], 0.7
                if rule == "demand":
                    addressee = _object_tokens(head) + _prep_objects(head, ("on", "upon"))
                    if not self.res.actors(addressee) and verb.dep_ == "ccomp":  # "demanded on Thursday that X end"
                        addressee = subj_toks
                    return "REQUEST", "demand", _subject_tokens(head), addressee, 0.7
                if rule == "refuse":
                    return "REJECT", None, _subject_tokens(head), [], 0.75
                # keep: the act itself
        aux = self._future(verb)
        if aux == "obligation" and verb.dep_ == "ccomp" and head.lemma_.lower() in lex.speech:
            anchors.append(head)
            return "REQUEST", "demand", _subject_tokens(head), subj_toks, 0.65
        marks = {m.lower_ for c in verb.children if c.dep_ == "advcl" for m in c.children if m.dep_ == "mark"}
        if aux == "future" and "unless" in marks and etype != "REJECT":
            return "THREATEN", "threat", subj_toks, [], 0.6  # "will withdraw unless ...": a threat
        if aux in ("future", "hypothetical"):
            if etype in lex.cooperative:
                return "AGREE", "plan", subj_toks, [], 0.65 if aux == "future" else 0.5
            if etype in lex.forceful:
                return "THREATEN", "threat", subj_toks, [], 0.65 if aux == "future" else 0.5
        return etype, None, subj_toks, [], 0.8

    def verbal(self, verb: Token, etype: str, obj: Optional[Token], wrapped: set) -> list[Candidate]:
        """Events of a verbal trigger: modality first, then who acts on whom."""
        lex, res = self.lex, self.res
        if verb.dep_ == "pcomp" and verb.head.lower_ in ("of", "for") and \
                self.verb_trig.get(verb.head.head.i, ("",))[0] in ("ACCUSE", "REJECT"):
            return []  # "accused X of violating the truce": the accusation is the event
        if _negated(verb, lex):
            if self._future(verb) in ("future",) or (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in lex.modal
                                                      and lex.modal[verb.head.lemma_.lower()] == "plan"):
                etype = "REJECT"  # "would not provide", "is not willing to meet": a refusal
            else:
                return []
        if self._under_goal(verb):
            return []  # "seeking to force X to halt": an aim all the way down
        if verb.dep_ in ("xcomp", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and \
                self.verb_trig.get(verb.head.i, ("", None))[0] in ("MOBILIZE", "AID") and self.verb_trig[verb.head.i][1] is not None:
            return []  # "sent mercenaries to fight alongside X": the purpose of the deployment, not another act
        if verb.lemma_.lower() in lex.modal and any(
                c.dep_ in ("xcomp", "ccomp") and (c.i in self.verb_trig or self._has_noun_event(c)) for c in verb.children):
            return []  # the embedded act carries the event
        anchors = [verb]
        mod = self._apply_modality(verb, etype, anchors, wrapped)
        if mod is None:
            return []
        base = etype
        etype, mode, subj_toks, addressee, conf = mod
        obj_toks = _object_tokens(verb)
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and not _is_passive(verb):
            obj_toks = _conjuncts(verb.head)  # "the government overthrown by X"
            agent = _child(verb, "agent")
            subj_toks = _conjuncts(_pobj(agent)) if agent is not None and _pobj(agent) is not None else []
        if verb.lemma_.lower() in lex.needs_object and not res.actors(obj_toks):
            return []  # "forced control on", "defend his role": no one is forced or defended
        targets = res.actors(addressee) if mode == "demand" else []
        targets = targets or self._verbal_targets(verb, obj, obj_toks, etype, base)
        sources = self._verbal_sources(verb, obj, subj_toks)
        if not targets and self._no_addressee(verb, etype):
            return []
        if not targets and etype in lex.cooperative:
            targets = self._patrons_client(subj_toks)
        if verb.lemma_.lower() in lex.receive and not mode:
            givers = res.actors(_prep_objects(verb, ("from",)) + [t for o in obj_toks for t in _prep_objects(o, ("from",))])
            if givers:  # "X received weapons from Y": Y gives to X
                sources, targets = givers, sources
        if verb.lemma_.lower() in lex.speech and etype not in ("THREATEN", "REQUEST"):
            conf -= 0.1
        args = subj_toks + obj_toks + ([obj] if obj is not None else [])
        out = self._expand(etype, verb, anchors, sources, targets, mode, conf, args)
        if etype in lex.reactions:
            refers = next(((self._readings(t), t.lemma_.lower()) for t in obj_toks if _child(t, "det") is not None
                           and _child(t, "det").lower_ in ANAPHORIC_DETS and t.i in self.noun_trig), None)
            for c in out:
                c.refers = refers if c.targets[0] is None else None
        if not sources and any(t.lemma_.lower() not in lex.anonymous for t in subj_toks):
            for c in out:
                c.unnamed_agent = True
        return out

    def _under_goal(self, verb: Token) -> bool:
        """Is the verb deep inside the complement of an aim ("seeks to force X to halt Y")?
        The direct complement of the aim is judged by `_apply_modality`."""
        tok, via_xcomp, steps = verb, False, 0
        while tok.dep_ in ("xcomp", "conj") and tok.head.i != tok.i and steps < 8:
            via_xcomp |= tok.dep_ == "xcomp"
            tok, steps = tok.head, steps + 1
            if via_xcomp and self.lex.modal.get(tok.lemma_.lower()) == "goal" and \
                    not (steps == 1 and verb.dep_ == "xcomp"):
                return True  # "seeking to keep X and to prevent Y", "seeking to force X to halt"
        return False

    def _readings(self, noun: Token) -> set:
        """Every category a bare event noun can have ("the strikes": a walkout or air raids)."""
        rule = self.lex.modifier_type.get(noun.lemma_.lower()) or {}
        return {self.noun_trig[noun.i], *(k for k in rule if k != "target_type"), *([rule["target_type"]] if "target_type" in rule else [])}

    def _patrons_client(self, subj_toks: list) -> list[str]:
        """"X's allies promised shells": help from someone's allies goes to that someone."""
        for t in subj_toks:
            if t.lemma_.lower() in self.lex.patrons:
                owner = _child(t, "poss")
                keys = self.res.actors([owner]) if owner is not None else []
                if keys:
                    return keys
        return []

    def _no_addressee(self, verb: Token, etype: str) -> bool:
        """"spoke to reporters" is no consultation; "warned that famine is spreading" is no
        threat: these verbs are events only with an actor to talk to or a danger someone poses."""
        lemma = verb.lemma_.lower()
        if lemma in self.lex.needs_target_actor:
            return True
        if etype == "THREATEN" and lemma in self.lex.warning_verbs:
            comp = _child(verb, "ccomp")
            subj = _child(comp, *SUBJ, "nsubjpass") if comp is not None else None
            return subj is not None and subj.tag_ != "PRP" and not self.res.actor(subj) and \
                self._future(comp) is None  # "police will no longer tolerate rallies" is a threat
        return False

    def _verbal_targets(self, verb: Token, obj: Optional[Token], obj_toks: list, etype: str, base: str) -> list[str]:
        """Who a verbal act is done to, from the most to the least direct evidence."""
        lex, res = self.lex, self.res
        if etype == "ACCUSE" and obj is not None and obj.dep_ != "dobj" and verb.lemma_.lower() in lex.label_verbs:
            labelled = [t for t in obj_toks if t.i in self.noun_trig]  # "called the shelling a crime"
            keys = res.actors(obj_toks) or (self._noun_participants(labelled[0])[0] if labelled else [])
            if keys:
                return keys
        if etype in ("AID", "MOBILIZE") and obj is not None and obj.dep_ == "dobj":
            # "sent contractors to fight beside X": what is sent is no target, X is
            sent = {t.i for t in _conjuncts(obj)}
            obj_toks = [t for t in obj_toks if t.i not in sent]
            helped = [p for c in verb.children if c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB"
                      for p in _prep_objects(c, ("alongside", "with", "for", "beside"))]
            targets = res.actors(obj_toks) or res.actors(_prep_objects(verb, ("to", "for", "into"))) or res.actors(helped)
            if targets:
                return targets
        # a consumed object that is itself an event ("lifted the sanctions on X") names the target
        embedded = self._noun_participants(obj) if obj is not None and obj.i in self.noun_trig else ([], [])
        preps = lex.target_preps - {"to", "for", "toward", "towards"} if etype in ("ASSAULT", "COERCE") else lex.target_preps
        targets = res.actors(obj_toks) or embedded[1] or res.actors(_prep_objects(verb, preps))
        if not targets:
            targets = self._affiliated(verb, obj_toks) or \
                self._deep_targets(obj_toks + ([obj] if obj is not None else []), etype)
        if not targets and base in ("RETREAT", "SANCTION", "COERCE"):
            targets = res.actors(_prep_objects(verb, ("from", "out")))
        if not targets and etype in ("THREATEN", "REQUEST"):
            comp = _child(verb, "xcomp")
            if comp is not None:
                targets = res.actors(_object_tokens(comp) + _prep_objects(comp, lex.target_preps)) or \
                    self._deep_targets(_object_tokens(comp), base)
        if not targets and etype == "REQUEST":
            comp = _child(verb, "ccomp", "xcomp")
            if comp is not None and _child(comp, *SUBJ) is not None:
                targets = res.actors(_subject_tokens(comp))
        if not targets:
            for pobj in _prep_objects(verb, lex.target_preps) + obj_toks:
                if pobj.i in self.noun_trig:
                    targets = self._noun_participants(pobj)[1]
                    if targets:
                        break
        return targets

    def _verbal_sources(self, verb: Token, obj: Optional[Token], subj_toks: list) -> list[str]:
        """Who acts: the subject, else the actor named in an "in/by <event>" phrase."""
        res = self.res
        sources = res.actors(subj_toks)
        if not sources:  # "were killed in Israeli shelling": the event phrase names the actor
            passive = _is_passive(verb)
            for pobj in _prep_objects(verb, ("in", "during", "by")):
                if pobj.i in self.noun_trig:
                    sources = self._noun_participants(pobj)[0]
                elif passive and not res.ctx.place_at(pobj) and pobj.lemma_.lower() not in self.lex.generic_places:
                    sources = res.actors([pobj])  # "killed in an Israeli tank raid", "by Russian fire"
                if sources:
                    break
        if not sources and obj is not None:
            sources = self._noun_participants(obj)[0]
        return sources

    def _affiliated(self, verb: Token, obj_toks: list) -> list[str]:
        """"struck depots in X linked to Y": Y's depots; X is only where they are. The parser
        hangs the participle on the object, on the place, or on the verb itself."""
        near = [t for o in obj_toks for t in o.subtree] + [c for c in verb.children if c.dep_ in ("ccomp", "advcl", "conj")]
        for t in near:
            if t.lower_ in self.lex.affiliation and t.pos_ == "VERB":
                keys = self.res.actors(_prep_objects(t, ("to", "with", "by")))
                if keys:
                    return keys
        return []

    def _deep_targets(self, toks: list[Token], etype: str) -> list[str]:
        """A target inside the object phrase: "provide aid for X", "the return of X's inspectors".

        For force, a "to" or "for" phrase is a direction ("cut the road to X"), not a target.
        """
        preps = self.lex.target_preps | {"of", "between"}
        if etype in self.lex.forceful:
            preps = preps - {"to", "for", "with", "toward", "towards"}
        if etype in ("REJECT", "CONCEDE", "AGREE", "ACCUSE", "SUPPORT"):
            preps = preps | {"by", "from"}  # "rejected calls by X", "accepted demands from X"
        frontier = list(toks)
        for _ in range(2):
            nxt = []
            for t in frontier:
                for c in t.children:
                    if c.dep_ == "prep" and c.lower_ in preps:
                        obj = _pobj(c)
                        if obj is None:
                            continue
                        keys = self.res.actors(_conjuncts(obj))
                        if keys:
                            return keys
                        nxt.append(obj)
            frontier = nxt
        return []

    def _has_noun_event(self, verb: Token) -> bool:
        return any(c.i in self.noun_trig for c in verb.children if c.dep_ in OBJ)

    # ---- nouns

    def _noun_participants(self, noun: Token) -> tuple[list[str], list[str]]:
        """Source and target named inside a noun phrase: possessive, modifiers, by/of/on/between."""
        res, lex = self.res, self.lex
        src, tgt = [], []
        for c in noun.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod"):
                k = res.actor(c)
                if k and k not in src:
                    src.append(k)
        for c in noun.children:
            if c.dep_ not in ("prep", "agent"):
                continue
            objs = _conjuncts(_pobj(c)) if _pobj(c) is not None else []
            word = c.lower_
            if word in ("by", "from") and not src:
                src.extend(res.actors(objs))
            elif word == "between":
                keys = res.actors(objs)
                if len(keys) > 1:  # "talks between X and Y" names both sides, nothing else
                    return [keys[0]], [k for k in keys[1:] if k != keys[0]]
            elif word in lex.target_preps:
                if word == "of" and lex.noun.get(noun.lemma_.lower()) in ("CONSULT", "AGREE", "SUPPORT", "AID", "COOPERATE"):
                    if not src:
                        src.extend(res.actors(objs))
                    continue
                tgt.extend(k for k in res.actors(objs) if k not in tgt)
        return src, tgt

    def _purpose_targets(self, verb: Token) -> list[str]:
        """The object of a purpose clause: "an offensive to push the rebels out"."""
        for c in list(verb.children):
            if c.dep_ in ("xcomp", "advcl", "acl") and c.pos_ == "VERB":
                keys = self.res.actors(_object_tokens(c))
                if keys:
                    return keys
        return []

    def nominal(self, noun: Token, etype: str) -> list[Candidate]:
        """Events of a nominal trigger, framed by the verb it hangs on (light verb, "under", "with")."""
        lex, res = self.lex, self.res
        if _negated(noun, lex):
            return []
        lemma = noun.lemma_.lower()
        if noun.dep_ == "compound" and noun.head.i in self.noun_trig and noun.head.lemma_.lower() in lex.frame_heads:
            return []  # "an aid package", "a mediation mission": the frame head codes the event
        src, tgt = self._noun_participants(noun)
        gov, how = _governor(noun)
        anchors, args, conf, mode = [noun], [], 0.7, None
        if gov is not None and gov.i in self.verb_trig and how in ("obj", "subj", "pobj"):
            return []  # "condemned the attack", "airstrikes killed": the verb codes it
        if how == "subj" and gov is not None:
            # "fighting erupted between X and Y", "attacks continued on X"
            keys = res.actors(_prep_objects(gov, ("between",)))
            if len(keys) > 1 and not src:
                src, tgt = keys[:1], keys[1:]
            elif not tgt:
                tgt = res.actors(_prep_objects(gov, ("on", "against")))
        if gov is not None and _negated(gov, lex):
            return []
        joins = how == "pobj" and noun.head.lower_ in ("in", "into", "on", "for") and gov.lemma_.lower() in lex.participation
        light = gov is not None and (how == "obj" or joins) and (gov.lemma_.lower() in lex.light or joins or (
            gov.dep_ in ("xcomp", "ccomp") and gov.head.lemma_.lower() in lex.modal))
        patient = gov is not None and how in ("under", "obj") and gov.lemma_.lower() in lex.patient
        if how == "under" and gov is not None and gov.pos_ in ("NOUN", "PROPN"):
            tgt = tgt or res.actors([gov])
            args.append(gov)
        elif patient and gov.pos_ in ("VERB", "AUX"):
            subj = _subject_tokens(gov)
            tgt = tgt or res.actors(subj)
            src = src or res.actors(_prep_objects(gov, ("from", "by")))  # "came under fire from X"
            args.extend(subj)
            anchors.append(gov)
            conf = 0.7
        elif how == "under" and gov is not None and gov.pos_ == "VERB":
            # "kept X under pressure": the verb's subject presses its object
            src = src or res.actors(_subject_tokens(gov))
            tgt = tgt or res.actors(_object_tokens(gov))
            anchors.append(gov)
        elif light:
            framed = self._light_frame(noun, gov, how, etype, src, tgt, anchors)
            if framed is None:
                return []
            etype, mode, src, tgt, conf, subj_toks = framed
            args.extend(subj_toks)
        elif how == "with" and lemma in lex.support_nouns and gov is not None:
            # "X advanced with the support of Y": Y supports X
            tgt = res.actors(_subject_tokens(gov)) if gov.pos_ in ("VERB", "AUX") else res.actors([gov])
            etype = lex.support_nouns[lemma]
        else:
            if lemma in lex.frame_only:
                return []
            det = _child(noun, "det")
            if det is not None and det.lower_ in ANAPHORIC_DETS and not tgt:
                return []  # "the intervention tilted the war": a known event referred to again
            if gov is not None and gov.lemma_.lower() in lex.speech:
                conf -= 0.1
        if lex.needs_modifier.get(lemma) is not None and not light and not patient and how != "under":
            mods = {c.lower_ for c in noun.children if c.dep_ in ("compound", "amod", "nmod")}
            if not (mods & lex.needs_modifier[lemma]):
                return []
        args.extend(_prep_objects(noun, lex.target_preps))
        return self._expand(etype, noun, anchors, src, tgt, mode, conf, args)

    def _light_frame(self, noun: Token, gov: Token, how: str, etype: str, src: list, tgt: list, anchors: list):
        """A nominal event under a light verb ("launched an offensive", "engaged X in a firefight").

        Returns (type, mode, sources, targets, confidence, subject tokens), or None when the
        light verb's modality cancels the act.
        """
        res = self.res
        anchors.append(gov)
        between = res.actors(_prep_objects(gov, ("between",)) + _prep_objects(noun, ("between",)))
        host = res.actors(_subject_tokens(gov))
        if len(between) > 1 and host and not set(host) & set(between):
            src, tgt = host, between  # "X launched a mediation effort between A and B"
        elif len(between) > 1 and not src:  # "held a meeting in X between A and B"
            src, tgt = between[:1], between[1:]
        mod = self._apply_modality(gov, etype, anchors, set())
        if mod is None:
            return None
        etype, mode, subj_toks, addressee, conf = mod
        if mode == "demand":  # "X demanded that Y match Z's support": X asks Y, whoever Z is
            src = res.actors(subj_toks) or src
            tgt = res.actors(addressee) or tgt
        src = src or res.actors(subj_toks)
        tgt = tgt or res.actors([c for c in gov.children if c.dep_ == "dative" and c.pos_ != "ADP"]) or \
            (res.actors(_object_tokens(gov)) if how == "pobj" else []) or \
            res.actors(_prep_objects(gov, self.lex.target_preps)) or self._purpose_targets(gov)
        return etype, mode, src, tgt, conf - 0.05, subj_toks

    # ---- "X-backed Y", "Y, backed by X", "rebel-held"

    def participles(self) -> list[Candidate]:
        lex, res, doc = self.lex, self.res, self.sent.doc
        out = []
        for tok in self.sent:
            etype = lex.support_participles.get(tok.lower_)
            if not etype or not self._bare_participle(tok) or _negated(tok, lex):
                continue
            if tok.dep_ == "amod":
                prefix = [c for c in tok.children if c.dep_ in ("npadvmod", "compound", "nmod", "amod")]
                if not prefix and tok.i >= 2 and doc[tok.i - 1].text == "-":
                    prefix = [doc[tok.i - 2]]
                src = res.actors(prefix)
                tgt = res.actors([tok.head])
            elif tok.dep_ in ("acl", "advcl", "ccomp"):
                agent = _child(tok, "agent")
                obj = _pobj(agent) if agent is not None else None
                src = res.actors(_conjuncts(obj)) if obj is not None else []
                if tok.dep_ == "acl":
                    tgt = res.actors([tok.head])
                else:
                    tgt = res.actors(_subject_tokens(tok.head)) if tok.head.pos_ in ("VERB", "AUX") else []
            else:
                continue
            out.extend(self._expand(etype, tok, [tok], src, tgt, None, 0.75, []))
        return out

    # ---- a target from the rest of the clause

    def _clause_tokens(self, trig: Token, anchors: list, etype: str, wide: bool) -> list[Token]:
        """The trigger's clause without its agents and circumstance phrases (and, unless wide,
        without side clauses), nearest tokens after the trigger first."""
        root = anchors[-1] if anchors else trig
        if trig.i not in {t.i for t in root.subtree}:
            root = trig
        path = {t.i for t in trig.ancestors} | {trig.i}
        blocked: set[int] = set()
        for t in root.subtree:
            if t.i not in path and self._off_clause(t, trig, path, etype, wide):
                blocked.update(x.i for x in t.subtree)
        toks = [t for t in root.subtree if t.i not in blocked and t.i not in path]
        after = [t for t in toks if t.i > trig.i]
        return after + [t for t in reversed(toks) if t.i < trig.i]

    def _off_clause(self, t: Token, trig: Token, path: set, etype: str, wide: bool) -> bool:
        """Does the phrase headed by t lie outside what the act is done to? Its agent, a
        circumstance ("without", "despite"), a direction for force ("the road to X"), someone
        else's reported words, a side clause ("while X ..."), or (unless wide) any clause."""
        lex = self.lex
        if t.head.i in path and (t.dep_ in SUBJ or t.dep_ == "agent"):
            return True
        if t.dep_ == "prep" and (t.lower_ in lex.fallback_blocked_preps or _side_by_side(t) or
                                 (etype in lex.forceful and t.lower_ in lex.fallback_direction_preps
                                  and t.head.lower_ != "up")):  # "up to 16 advisers" counts, it is no direction
            return True
        if t.dep_ in ("ccomp", "parataxis") and t.head.lemma_.lower() in lex.speech and \
                not (t.head.i == trig.i and etype in lex.speech_content_target):
            return True
        if t.dep_ in ("advcl", "conj") and any(m.dep_ == "mark" and m.lower_ in lex.fallback_blocked_marks
                                               for m in t.children):
            return True
        if _own_clause(t):
            return True  # "A pledged tanks, and B will meet in X": B's clause is no part of A's act
        return not wide and t.dep_ in CLAUSAL

    def _fallback_targets(self, etype: str, trig: Token, anchors: list, sources: list) -> list[str]:
        """PETRARCH's convention: the next actor in the act's own clause is its target, else the
        state whose territory the clause names ("evacuate settlements in Gaza")."""
        ctx = self.res.ctx
        own = {ctx.actors[s].country for s in sources if s in ctx.actors} - {None}
        tight = self._clause_tokens(trig, anchors, etype, wide=False)
        wide = self._clause_tokens(trig, anchors, etype, wide=True)
        for tok in tight + [t for t in wide if t not in tight]:
            key = ctx.actor_at(tok)
            if key and key not in sources and ctx.leader_of.get(key) not in sources and \
                    not any(ctx.leader_of.get(s) == key for s in sources):
                return [key]
        if trig.lemma_.lower() in self.lex.no_place_target:
            return []  # "will meet in Stockholm": the venue's state is no party to the meeting
        for tok in tight + [t for t in wide if t not in tight]:
            name = ctx.place_at(tok)
            place = ctx.places.get(name) if name else None
            if place is None or not place.country:
                continue
            if place.country not in own:
                key = actors_mod.state_actor(ctx, place.country, tok.text)
            elif etype in self.lex.domestic_target:  # "imposed a curfew in <own town>": on its people
                key = actors_mod.population_actor(ctx, place.country)
            else:
                continue
            if key and key not in sources:
                return [key]
        return []

    def _own_state(self, source: str) -> list[str]:
        """A protest with no stated addressee is aimed at the protesters' own state (CAMEO 14)."""
        actor = self.res.ctx.actors.get(source)
        if actor is None or actor.type not in self.lex.own_state_sources or not actor.country:
            return []
        key = actors_mod.state_actor(self.res.ctx, actor.country)
        return [key] if key and key != source else []

    def _thing_object(self, trig: Token) -> bool:
        """"A and B pledged tanks": the object is what is given, not an accord between A and B."""
        obj = _child(trig, "dobj") if trig.pos_ == "VERB" else None
        return obj is not None and obj.i not in self.noun_trig and obj.i not in self.consumed

    # ---- one candidate per conjunct

    def _expand(self, etype, trig, anchors, sources, targets, mode, conf, args) -> list[Candidate]:
        lex = self.lex
        sources = [s for s in sources if s]
        targets = [t for t in targets if t and t not in sources]
        if len(sources) > 1 and not targets and (etype in lex.both_ways or _each_other(trig)):
            # "A and B met", "A and B accused each other": every direction (PETRARCH's dyadic expansion)
            return [Candidate(etype, trig, list(anchors), [s], [t], mode, round(conf - 0.05, 2), list(args))
                    for s in sources for t in sources if s != t]
        if etype in lex.reciprocal and len(sources) > 1 and not targets and not self._thing_object(trig):
            sources, targets = sources[:1], sources[1:]
        if not targets:
            conf -= 0.1
            if sources and etype not in lex.no_fallback_target:
                targets = self._fallback_targets(etype, trig, anchors, sources)
            if not targets and len(sources) == 1 and etype in lex.own_state_target:
                targets = self._own_state(sources[0])
        out = []
        for s in sources or [None]:
            for t in targets or [None]:
                if s is not None and s == t:
                    continue
                out.append(Candidate(etype, trig, list(anchors), [s], [t], mode, round(conf, 2), list(args)))
        return out


# ---------------------------------------------------------------- dates and places

def _paragraph_starts(text: str) -> list[int]:
    """Character offsets where paragraphs start (a blank line separates them)."""
    return [0] + [m.end() for m in PARAGRAPH_BREAK.finditer(text)]


def _headline_end(text: str, para_starts: list[int]) -> int:
    """Where the headline ends (0 if none): a one-line first paragraph without final
    punctuation, followed by more text. Headlines compress and exaggerate ("X backs Y as Z
    walks a tightrope"); the body reports the same acts properly."""
    if len(para_starts) < 2:
        return 0
    first = text[:para_starts[1]].strip().rstrip(CLOSERS)
    if not first or "\n" in first or first[-1] in SENTENCE_FINAL or not text[para_starts[1]:].strip():
        return 0
    return para_starts[1]


def _attach_dates(sent: Span, cands: list[Candidate], published) -> Optional[str]:
    """Give each candidate the time expression its clause governs; return the sentence date."""
    exprs = dates_mod.find(sent.text, published)
    if not exprs:
        return None
    anchor_of = {}
    for c in cands:
        for a in c.anchors:
            anchor_of.setdefault(a.i, []).append(c)
    own: dict[int, str] = {}
    loose = []
    for e in exprs:
        end = e.start + len(e.text.rstrip(".,;: "))
        span = sent.doc.char_span(sent.start_char + e.start, sent.start_char + end, alignment_mode="expand")
        if span is None:
            continue
        tok = span.root
        hit = None
        marks_clause = e.text.lower().rstrip().endswith("after")  # "two days after X raided Y": X's date only
        for _ in range(12):
            if tok.i in anchor_of:
                hit = tok
                break
            if tok.head.i == tok.i or tok.dep_ in SIDE_CLAUSES or (marks_clause and tok.pos_ == "VERB"):
                break  # a date inside a relative clause stays there ("militias that fled in the 2015 war")
            tok = tok.head
        if hit is not None:
            for c in anchor_of[hit.i]:
                c.date = c.date or e.iso
            own.setdefault(hit.i, e.iso)
        elif not marks_clause:
            loose.append((_side_clause(span.root), e.iso))
    for c in cands:
        if c.date:
            continue
        tok = c.trigger
        for _ in range(12):
            if tok.head.i == tok.i or tok.dep_ in SIDE_CLAUSES:
                break  # a relative clause does not take its host's date
            tok = tok.head
            if tok.i in own:
                c.date = own[tok.i]
                break
        mine = [iso for where, iso in loose if where == _side_clause(c.trigger)]
        if not c.date and mine:
            c.date = mine[0]
    return loose[0][1] if loose else exprs[0].iso


def _side_clause(tok: Token) -> int:
    """The relative clause a token sits in (its head's index), or -1 for the main clauses."""
    for _ in range(20):
        if tok.dep_ in SIDE_CLAUSES:
            return tok.i
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return -1


class Places:
    """Event places: a locative phrase on the trigger, the sentence, "the city", the main country."""

    def __init__(self, ctx: Context, res: Resolver, lex: Lexicon):
        self.ctx, self.res, self.lex = ctx, res, lex
        self.last_city: Optional[str] = None
        self.country_places = {p.country: p.name for p in ctx.places.values() if p.kind == "country" and p.country}

    def _city(self, name: str) -> bool:
        p = self.ctx.places.get(name)
        return p is not None and p.kind == "city"

    def _locative(self, tok: Token) -> Optional[str]:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in LOC_PREPS:
                obj = _pobj(c)
                if obj is not None:
                    name = self.res.place(obj) or self._generic(obj)
                    if name:
                        return name
        return None

    def _generic(self, tok: Token) -> Optional[str]:
        """"the city", "the northern districts of the town": the last city named."""
        if tok.lemma_.lower() in self.lex.generic_places and _child(tok, "det") is not None:
            return self.last_city
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                obj = _pobj(c)
                if obj is not None and obj.lemma_.lower() in self.lex.generic_places:
                    return self.last_city
        return None

    def place(self, c: Candidate, sent: Span, actor_tokens: set) -> Optional[str]:
        for tok in [c.trigger, *c.anchors, *c.args]:
            own_arg = tok in c.args and self.ctx.actor_at(tok) in (None, c.targets[0])  # not a co-subject
            name = self._locative(tok) or (self.res.place(tok) if own_arg else None)
            if name:
                return name
        for a in c.args:
            name = self._generic(a)
            if name:
                return name
        if c.type in ("SUPPORT", "AID") and self._country_fallback(c):
            return self._country_fallback(c)  # backing is given where the recipient is
        for pm in self.ctx.places_in(sent):
            if not any(i in actor_tokens for i in range(pm.start, pm.end)) and self._governed(sent.doc[pm.start], c):
                return pm.name
        for tok in sent:
            if tok.lemma_.lower() in self.lex.generic_places and _child(tok, "det") is not None and self.last_city:
                return self.last_city
        return self._country_fallback(c)

    def _governed(self, tok: Token, c: Candidate) -> bool:
        """A place in the event's own clause: under its trigger or anchors, not inside reported speech."""
        heads = {c.trigger.i}
        for a in c.anchors:  # and the clauses the event's clause hangs on ("closed in on X, ... launching an assault")
            for _ in range(8):
                heads.add(a.i)
                if a.dep_ not in ("conj", "advcl", "xcomp", "pcomp", "prep", "pobj", "acl") or a.head.i == a.i:
                    break
                a = a.head
        for _ in range(20):
            if tok.i in heads:
                return True
            if tok.head.i == tok.i or _own_clause(tok):
                return False  # a place in the next clause ("..., and ministers will meet in X") is not ours
            if tok.lemma_.lower() in self.lex.speech and tok.pos_ == "VERB":
                return False
            tok = tok.head
        return False

    def _country_fallback(self, c: Candidate) -> Optional[str]:
        """No place in the text: aid goes to the recipient's country; force abroad acts in the article's country."""
        actors = self.ctx.actors
        if c.type in ("SUPPORT", "AID") and c.targets[0] in actors:
            return self.country_places.get(actors[c.targets[0]].country)
        if c.type in self.lex.material and self.ctx.main_country:
            src = actors.get(c.sources[0]) if c.sources[0] else None
            if src is None or src.country != self.ctx.main_country:
                return self.country_places.get(self.ctx.main_country)
        return None

    def seen(self, sent: Span) -> None:
        for pm in self.ctx.places_in(sent):
            if self._city(pm.name):
                self.last_city = pm.name


def _holders(ctx: Context, res: Resolver, lex: Lexicon) -> dict[str, str]:
    """Who holds which place: "rebel-held districts of X", "X, controlled by Y"."""
    doc, out = ctx.doc, {}
    for tok in doc:
        if tok.lower_ not in lex.holder_participles or tok.tag_ != "VBN":
            continue
        holder = None
        if tok.dep_ == "amod":
            prefix = [c for c in tok.children if c.dep_ in ("npadvmod", "compound", "nmod", "amod")]
            if not prefix and tok.i >= 2 and doc[tok.i - 1].text == "-":
                prefix = [doc[tok.i - 2]]
            keys = res.actors(prefix)
            holder = keys[0] if keys else None
        elif tok.dep_ == "acl":
            agent = _child(tok, "agent")
            obj = _pobj(agent) if agent is not None else None
            holder = res.actor(obj) if obj is not None else None
        if holder:
            place = res.place(tok.head)
            if place:
                out.setdefault(place, holder)
    return out


# ---------------------------------------------------------------- document

def _fill_from_document(cands: list[Candidate], holders: dict, lex: Lexicon) -> None:
    """Fill a missing target from the holder of the attacked place, a missing source from the target's attacker."""
    for c in cands:
        if c.targets[0] is None and c.type in ("ASSAULT", "COERCE") and c.place in holders:
            if holders[c.place] != c.sources[0]:
                c.targets = [holders[c.place]]
    attackers: dict[str, Counter] = defaultdict(Counter)
    for c in cands:
        if c.type in ("ASSAULT", "COERCE") and c.sources[0] and c.targets[0]:
            attackers[c.targets[0]][c.sources[0]] += 1
    for c in cands:
        if c.sources[0] is None and c.targets[0] and c.type in ("ASSAULT", "COERCE"):
            top = attackers.get(c.targets[0], Counter()).most_common(2)
            if top and top[0][1] >= 2 and (len(top) == 1 or top[0][1] > top[1][1]):
                c.sources = [top[0][0]]
                c.confidence = round(c.confidence * 0.75, 2)
                c.source_inferred = True


def _resolve_references(all_cands: list[tuple[Candidate, Span]], reach: int = 3, word_reach: int = 6) -> None:
    """"Iran condemned the strikes": the strikes are the last act named with that word ("struck")
    in the sentences just before, else the last act of that kind, so their author is the target."""
    sent_no, last, seen = -1, None, []
    for c, sent in all_cands:
        if sent.start != last:
            sent_no, last = sent_no + 1, sent.start
        seen.append((sent_no, c))
    for i, (no, c) in enumerate(seen):
        if not c.refers:
            continue
        types, word = c.refers
        earlier = [(n, p) for n, p in reversed(seen[:i]) if n != no and p.sources[0] and
                   p.sources[0] != c.sources[0] and p.type not in ("ACCUSE", "SUPPORT", "REJECT")]
        hit = next((p for n, p in earlier if no - n <= word_reach and p.trigger.lemma_.lower() == word), None) or \
            next((p for n, p in earlier if no - n <= reach and p.type in types), None)
        if hit is not None:  # "the US and Britain struck ...": both are authors of the strikes
            authors = list(dict.fromkeys(p.sources[0] for _, p in reversed(earlier) if p.trigger is hit.trigger))
            c.targets = [authors[0]]
            sent = next(sp for cc, sp in all_cands if cc is c)
            all_cands.extend((replace(c, targets=[a]), sent) for a in authors[1:])


def _aid_to_the_war_country(cands: list[Candidate], ctx: Context) -> None:
    """Aid with no recipient named ("announced a new military aid package") goes, in an article
    about one country's war, to that country's state, when the giver is foreign."""
    for c in cands:
        src = ctx.actors.get(c.sources[0]) if c.sources[0] else None
        if c.type != "AID" or c.targets[0] is not None or src is None or not src.country or \
                not ctx.main_country or src.country == ctx.main_country:
            continue
        if c.trigger.pos_ != "NOUN" and not any(a.dep_ == "dobj" for a in c.args):
            continue  # only aid that is something given ("an aid package", "sent shells")
        if any(p.dep_ in ("prep", "dative") and p.lower_ in ("to", "for") for p in c.trigger.children):
            continue  # "ships arms to all parties": a recipient was named, just not one actor
        key = actors_mod.state_actor(ctx, ctx.main_country)
        if key and key != c.sources[0]:
            c.targets = [key]
            c.confidence = round(c.confidence * 0.8, 2)


def _fix_lemmas(doc, lex: Lexicon) -> None:
    """Undo the lemmatizer's "-ed" slips on trigger verbs ("staged" -> "stag", "waged" -> "wag")."""
    for tok in doc:
        right = lex.lemma_fixes.get(tok.lemma_.lower())
        if right and tok.pos_ in ("VERB", "AUX") and tok.lower_.startswith(right[:-1]) and tok.tag_ in ("VBD", "VBN", "VBG"):
            tok.lemma_ = right


def extract(ctx: Context, *args) -> list[Event]:
    """The PLOVER events of the article, in text order."""
    lex = lexicon()
    _fix_lemmas(ctx.doc, lex)
    res = Resolver(ctx, lex)
    places = Places(ctx, res, lex)
    holders = _holders(ctx, res, lex)
    para_starts = _paragraph_starts(ctx.doc.text)
    headline_end = _headline_end(ctx.doc.text, para_starts)
    all_cands: list[tuple[Candidate, Span]] = []
    prev_date, prev_families, prev_para = None, set(), -1
    for sent in ctx.doc.sents:
        if sent.end_char <= headline_end:
            continue
        para = bisect_right(para_starts, sent.start_char)
        cands = [c for c in SentenceCoder(sent, res, lex).code() if c.trigger.idx >= headline_end]
        sent_date = _attach_dates(sent, cands, ctx.published)
        first_words = {t.lower_ for t in sent[:3]}
        same_para = para == prev_para
        families = {lex.family.get(c.type) for c in cands}
        for c in cands:
            if c.date is None and c.mode != "plan" and same_para and prev_date and (  # an aim has no past date
                    first_words & lex.continuation or lex.family.get(c.type) in prev_families):
                c.date = prev_date
        for c in cands:
            own = {c.sources[0], c.targets[0]} - {None}
            actor_tokens = {i for m in ctx.actors_in(sent) if m.key in own for i in range(m.start, m.end)}
            actor_tokens |= {t.i for t in c.args if ctx.actor_at(t)}  # "the US and Britain struck": no place
            c.place = places.place(c, sent, actor_tokens)
            all_cands.append((c, sent))
        places.seen(sent)
        dated = [c.date for c in cands if c.date]
        prev_date = sent_date or (dated[0] if dated else None) or (prev_date if same_para else None)
        prev_families = families | (prev_families if same_para and not cands else set())
        prev_para = para
    cands_only = [c for c, _ in all_cands]
    _fill_from_document(cands_only, holders, lex)
    _aid_to_the_war_country(cands_only, ctx)
    _resolve_references(all_cands)
    return _records(all_cands)


def _records(all_cands: list[tuple[Candidate, Span]]) -> list[Event]:
    """Events with a source, one per (sentence, type, source, target), best confidence kept."""
    best: dict[tuple, tuple[Candidate, Span]] = {}
    for c, sent in all_cands:
        s, t = c.sources[0], c.targets[0]
        if s == t or (s is None and (t is None or c.type not in ("ASSAULT", "COERCE") or c.unnamed_agent)):
            continue  # keep an unattributed act only when its victim is named ("a roadside bomb killed US soldiers")
        if t is None and c.type in NEEDS_TARGET:
            continue  # support, aid or coercion of nobody named says nothing
        key = (sent.start, c.type, s, t, c.date)
        if key not in best or c.confidence > best[key][0].confidence:
            best[key] = (c, sent)
    named = {(k[0], k[1], k[2]) for k in best if k[3] is not None}
    best = {k: v for k, v in best.items() if k[3] is not None or (k[0], k[1], k[2]) not in named}
    out = []  # "struck X, hitting a building": the targetless part adds nothing to "X was struck"
    for (_, _, s, t, _), (c, sent) in sorted(best.items(), key=lambda kv: (kv[0][0], kv[1][0].trigger.i)):
        out.append(Event(type=c.type, source=s, target=t, date=c.date, place=c.place,
                         confidence=max(0.05, min(1.0, c.confidence)), evidence=sent.text.strip(),
                         trigger=c.trigger.text, mode=c.mode))
    return out
