"""Relations: who is allied with or hostile to whom, with the sentences that show it.

Two sources feed them: the coded events (AID, SUPPORT, COOPERATE, AGREE are
ties of alliance; ASSAULT, COERCE, THREATEN, SANCTION, ACCUSE, PROTEST of
hostility) and the author's explicit wording (relations_cues.yaml: "ally",
"rival", "X-backed", "in favour of", "under pressure" ...). A leader stands
for his state. Ties between the same two actors with the same polarity are
merged; their evidence is kept.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

import yaml
from spacy.tokens import Span, Token

from ..context import Context, span_text
from ..records import Event, Relation

CUES_PATH = Path(__file__).parent / "data" / "relations_cues.yaml"
ALLY_EVENTS = {"AID": 0.85, "SUPPORT": 0.8, "COOPERATE": 0.8, "AGREE": 0.7}
HOSTILE_EVENTS = {"ASSAULT": 0.9, "COERCE": 0.8, "THREATEN": 0.75, "SANCTION": 0.8, "ACCUSE": 0.65, "PROTEST": 0.6}
MUTUAL_EVENTS = {"COOPERATE", "AGREE"}
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
RELATIVE = {"which", "who", "that", "whom"}
PERSONAL = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
COLLECTIVE = {"it", "its", "they", "them", "their", "itself", "themselves"}


@lru_cache(maxsize=1)
def cues() -> dict:
    data = yaml.safe_load(CUES_PATH.read_text(encoding="utf-8"))
    data = {k: (set(v) if k.endswith(("nouns", "verbs", "suffixes")) else v) for k, v in data.items()}
    return data


@dataclass
class _Tie:
    source: str
    target: str
    polarity: str
    directed: bool
    confidences: list = field(default_factory=list)
    evidence: list = field(default_factory=list)


class _Resolver:
    """Finds the actors a phrase, a pronoun or a clause's subject stands for."""

    def __init__(self, ctx: Context):
        self.ctx = ctx

    def pronoun(self, tok: Token) -> Optional[str]:
        lower = tok.lower_
        if lower not in PERSONAL and lower not in COLLECTIVE:
            return None
        want_person = lower in PERSONAL
        clause = self._clause_subject(tok, want_person)
        if clause:
            return clause
        first = max(0, tok.sent.start - 60)
        for m in reversed([m for m in self.ctx.mentions if first <= m.start < tok.i]):
            actor = self.ctx.actors.get(m.key)
            if actor is None:
                continue
            if (actor.type == "person") == want_person:
                return m.key
        return None

    def _clause_subject(self, tok: Token, want_person: bool) -> Optional[str]:
        """ "X's influence made it able to ...": a pronoun first means the subject of a clause above it."""
        verb = tok.head
        for _ in range(4):
            for child in verb.children:
                if child.dep_ in SUBJECTS and child.i < tok.i and child is not tok and child.pos_ != "PRON":
                    key = self.ctx.actor_of_phrase(child)
                    actor = self.ctx.actors.get(key) if key else None
                    if actor is not None and (actor.type == "person") == want_person:
                        return key
            if verb.head.i == verb.i:
                return None
            verb = verb.head
        return None

    def phrase(self, tok: Token) -> list[str]:
        """Actor keys of the phrase headed by `tok`, with its conjuncts and appositions."""
        keys = []
        for t in [tok, *self._conjuncts(tok)]:
            key = self.ctx.actor_of_phrase(t) or (self.pronoun(t) if t.pos_ == "PRON" or t.tag_ == "PRP$" else None)
            if key is None and t.lower_ in RELATIVE and t.head.dep_ == "relcl":
                return self.phrase(t.head.head)
            if key:
                keys.append(key)
            for child in t.children:
                if child.dep_ == "appos":
                    keys.extend(self.phrase(child))
        return list(dict.fromkeys(keys))

    @staticmethod
    def _conjuncts(tok: Token) -> list[Token]:
        out, todo = [], [tok]
        while todo:
            for child in todo.pop().children:
                if child.dep_ == "conj":
                    out.append(child)
                    todo.append(child)
        return out

    def subject(self, verb: Token) -> list[str]:
        """Who does what `verb` says: its own subject, else the subject it shares by coordination
        or control; never the speaker of a clause it is reported in."""
        seen = 0
        while seen < 4:
            subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
            if subjects:
                return [k for c in subjects for k in self.phrase(c)]
            if verb.dep_ == "relcl":
                return self.phrase(verb.head)
            if verb.dep_ in ("conj", "xcomp", "advcl", "pcomp") and verb.head.i != verb.i:
                verb = verb.head
                seen += 1
                continue
            return []
        return []

    def objects(self, verb: Token) -> list[str]:
        keys = []
        for child in verb.children:
            if child.dep_ in ("dobj", "dative", "attr", "oprd"):
                keys.extend(self.phrase(child))
            elif child.dep_ == "prep" and child.lower_ in ("against", "on", "with", "to", "into"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        keys.extend(self.phrase(pobj))
        return list(dict.fromkeys(keys))


class _Collector:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.ties: dict[tuple, _Tie] = {}

    def canon(self, key: Optional[str]) -> Optional[str]:
        """A leader stands for his state, when the article has that state as an actor."""
        state = self.ctx.leader_of.get(key) if key else None
        return state if state in self.ctx.actors else key

    def add(self, a: Optional[str], b: Optional[str], polarity: str, directed: bool, confidence: float, evidence: str):
        a, b = self.canon(a), self.canon(b)
        if not a or not b or a == b:
            return
        pair = (frozenset((a, b)), polarity)
        tie = self.ties.get(pair)
        if tie is None:
            tie = self.ties[pair] = _Tie(a, b, polarity, directed)
        elif directed and not tie.directed:
            tie.source, tie.target, tie.directed = a, b, True
        tie.confidences.append(confidence)
        if evidence not in tie.evidence:
            tie.evidence.append(evidence)

    def pairs(self, left: Iterable[str], right: Iterable[str], polarity: str, directed: bool, conf: float, ev: str):
        right = list(right)
        for a in left:
            for b in right:
                self.add(a, b, polarity, directed, conf, ev)

    def relations(self) -> list[Relation]:
        out = []
        for tie in self.ties.values():
            miss = 1.0
            for c in tie.confidences:
                miss *= 1.0 - c
            out.append(Relation(source=tie.source, target=tie.target, polarity=tie.polarity, directed=tie.directed,
                                confidence=round(1.0 - miss, 3), weight=round(sum(tie.confidences), 3),
                                evidence=tie.evidence))
        out.sort(key=lambda r: -r.weight)
        return out


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _from_events(col: _Collector, events: list[Event]) -> None:
    for ev in events:
        if not ev.source or not ev.target:
            continue
        if ev.type in ALLY_EVENTS:
            col.add(ev.source, ev.target, "ally", ev.type not in MUTUAL_EVENTS,
                    ALLY_EVENTS[ev.type] * ev.confidence, ev.evidence)
        elif ev.type in HOSTILE_EVENTS:
            col.add(ev.source, ev.target, "hostile", True, HOSTILE_EVENTS[ev.type] * ev.confidence, ev.evidence)


def _noun_cue(col: _Collector, res: _Resolver, tok: Token, polarity: str, ev: str) -> None:
    """ "X's ally Y", "an ally in Y", "his allies, Y and Z", "the X-Y alliance", "alliance between X and Y"."""
    owners, others = [], []
    mods = []
    for child in tok.children:
        if child.dep_ == "poss":
            owners.extend(res.phrase(child))
        elif child.dep_ in ("amod", "compound", "nmod"):
            mods.extend(res.phrase(child))
        elif child.dep_ == "appos":
            others.extend(res.phrase(child))
        elif child.dep_ == "prep":
            pobjs = [p for p in child.children if p.dep_ == "pobj"]
            for pobj in pobjs:
                if child.lower_ == "of":
                    owners.extend(res.phrase(pobj))
                elif child.lower_ in ("in", "with", "to", "against", "on"):
                    others.extend(res.phrase(pobj))
                elif child.lower_ == "between":
                    mods.extend(res.phrase(pobj))
    if tok.dep_ == "appos":
        others.extend(res.phrase(tok.head) if res.ctx.actor_of_phrase(tok.head) else [])
    if tok.dep_ in ("dobj", "attr", "oprd", "appos", "conj"):
        # "Y found an ally in X" (the subject owns the tie), "Y is X's ally" (the subject is the other side)
        (others if owners and not others else owners).extend(res.subject(tok.head) if tok.dep_ != "appos" else [])
    if len(mods) >= 2 and not owners and not others:
        mods = list(dict.fromkeys(mods))
        for i, a in enumerate(mods):
            col.pairs([a], mods[i + 1:], polarity, False, 0.8, ev)
        return
    if tok.dep_ == "pobj" and tok.head.dep_ in ("agent", "prep") and tok.head.head.pos_ in ("VERB", "AUX"):
        # "X is bound by a treaty to Y", "X signed a pact with Y": the sides hang on the verb
        verb = tok.head.head
        if not others:
            others = [k for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "with")
                      for p in c.children if p.dep_ == "pobj" for k in res.phrase(p)]
        if others and not owners and not mods:
            owners = res.subject(verb)
    if owners and not others and any(c.dep_ == "poss" for c in tok.children):
        others = mods  # "Kyiv's Western allies": beside the possessor, the qualifier is the other side
    owners = owners or mods
    col.pairs(owners, others, polarity, False, 0.75, ev)


def _reciprocal(col: _Collector, res: _Resolver, sent: Span, ev: str) -> None:
    """ "A and B accused each other": the conjoined subjects of the verb face one another."""
    c = cues()
    toks = list(sent)
    for i, tok in enumerate(toks[:-1]):
        if f"{tok.lower_} {toks[i + 1].lower_}" not in c["reciprocal"]:
            continue
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        lemma = verb.lemma_.lower()
        polarity = "hostile" if lemma in c["reciprocal_hostile"] else "ally" if lemma in c["reciprocal_ally"] else None
        if polarity is None or _negated(verb):
            continue
        sides = res.subject(verb)
        for j, a in enumerate(sides):
            col.pairs([a], sides[j + 1:], polarity, False, 0.75, ev)


def _joint_acts(col: _Collector, events: list[Event]) -> None:
    """Two sources of one act are on one side: "A and B struck X" ties A to B."""
    acts: dict = {}
    for ev in events:
        if ev.source and ev.type in cues()["joint_acts"]:
            acts.setdefault((ev.evidence, ev.trigger, ev.type), []).append(ev)
    for group in acts.values():
        sources = list(dict.fromkeys(col.canon(e.source) for e in group))
        targets = {col.canon(e.target) for e in group}
        sources = [s for s in sources if s not in targets]
        for j, a in enumerate(sources):
            col.pairs([a], sources[j + 1:], "ally", False, 0.6 * min(e.confidence for e in group), group[0].evidence)


def _verb_cue(col: _Collector, res: _Resolver, tok: Token, polarity: str, ev: str) -> None:
    patients = [c for c in tok.children if c.dep_ == "nsubjpass"]
    if patients:  # "X was overwhelmed by Y": the agent acts on the subject
        agents = [p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        col.pairs([k for a in agents for k in res.phrase(a)], [k for p in patients for k in res.phrase(p)],
                  polarity, True, 0.7, ev)
        return
    col.pairs(res.subject(tok), res.objects(tok), polarity, True, 0.7, ev)


def _phrase_cue(col: _Collector, res: _Resolver, sent: Span, polarity: str, phrase: str, ev: str) -> None:
    words = phrase.split()
    toks = list(sent)
    for i in range(len(toks) - len(words) + 1):
        if [t.lower_ for t in toks[i:i + len(words)]] != words:
            continue
        first, last = toks[i], toks[i + len(words) - 1]
        verb = first.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subj = res.subject(verb)
        pobjs = [c for c in last.children if c.dep_ == "pobj"]
        if pobjs:  # "in favour of X"
            col.pairs(subj, res.phrase(pobjs[0]), polarity, True, 0.7, ev)
        else:  # "kept X under pressure"
            col.pairs(subj, res.objects(verb), polarity, True, 0.7, ev)


def _suffix_cue(col: _Collector, res: _Resolver, tok: Token, polarity: str, ev: str) -> None:
    """ "Saudi-backed government": the backer is before the hyphen, the backed is the modified noun."""
    doc = tok.doc
    if tok.i < 2 or doc[tok.i - 1].text != "-":
        return
    backer = res.ctx.actor_at(doc[tok.i - 2])
    head = tok.head if tok.head.i != tok.i else None
    while head is not None and head.i < tok.i and head.head.i != head.i:
        head = head.head
    backed = res.ctx.actor_of_phrase(head) if head is not None else None
    if backer and backed:
        col.add(backer, backed, polarity, True, 0.8, ev)


@lru_cache(maxsize=1)
def _cue_words() -> tuple[frozenset, frozenset]:
    """Every cue lemma and every cue suffix, to skip the other tokens at once."""
    c = cues()
    lemmas = frozenset(c["ally_nouns"]) | frozenset(c["hostile_nouns"]) | frozenset(c["ally_verbs"]) \
        | frozenset(c["hostile_verbs"])
    return lemmas, frozenset(c["ally_suffixes"]) | frozenset(c["hostile_suffixes"])


def build(ctx: Context, events: list[Event]) -> list[Relation]:
    col, res, c = _Collector(ctx), _Resolver(ctx), cues()
    lemmas, suffixes = _cue_words()
    _from_events(col, events)
    _joint_acts(col, events)
    for sent in ctx.doc.sents:
        if len(ctx.actors_in(sent)) < 1:
            continue
        text = span_text(sent)
        ev, lower = text.strip(), text.lower()
        for tok in sent:
            lemma = tok.lemma_.lower()
            if lemma not in lemmas and tok.lower_ not in suffixes:
                continue  # no cue below can fire
            if tok.pos_ in ("NOUN", "PROPN") and ctx.mention_at(tok) is not None:
                continue  # a word of an actor's own name ("Axis of Resistance"), not wording about it
            if tok.pos_ in ("NOUN", "PROPN"):
                if lemma in c["ally_nouns"]:
                    _noun_cue(col, res, tok, "ally", ev)
                elif lemma in c["hostile_nouns"]:
                    _noun_cue(col, res, tok, "hostile", ev)
            elif tok.pos_ == "VERB" and not _negated(tok):
                if lemma in c["ally_verbs"]:
                    _verb_cue(col, res, tok, "ally", ev)
                elif lemma in c["hostile_verbs"]:
                    _verb_cue(col, res, tok, "hostile", ev)
            if tok.lower_ in c["ally_suffixes"]:
                _suffix_cue(col, res, tok, "ally", ev)
            elif tok.lower_ in c["hostile_suffixes"]:
                _suffix_cue(col, res, tok, "hostile", ev)
        if any(r in lower for r in c["reciprocal"]):
            _reciprocal(col, res, sent, ev)
        for polarity in ("ally", "hostile"):
            for phrase in c[f"{polarity}_phrases"]:
                if phrase in lower:
                    _phrase_cue(col, res, sent, polarity, phrase, ev)
    return col.relations()
