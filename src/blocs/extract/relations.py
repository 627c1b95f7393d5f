"""Relations: who is allied with or hostile to whom, with the sentences that show it.

Two sources feed them: the coded events (AID, SUPPORT, COOPERATE, AGREE are
ties of alliance; ASSAULT, COERCE, THREATEN, SANCTION, ACCUSE, PROTEST of
hostility, REJECT too between states) and the author's own wording, read as
dependency patterns with argument slots (relation_patterns/, cues in
relations_cues.yaml). A leader stands for his state. Ties between the same two
actors with the same polarity are merged; all their evidence is kept, and the
confidence grows with the number of independent sentences behind the tie.

Only facts and explicit plans or threats count: an event whose mode is
hypothetical, negated, demanded or unknown is no evidence, and neither is an
agreement, talk or ceasefire between two parties the article shows as hostile.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional, cast

from spacy.tokens import Token

from .. import coref, datafiles, parse_arrays
from ..context import RELATIONAL_HEADS, Context, sent_of, span_text
from ..records import Event, Polarity, Relation

CUES_PATH = Path(__file__).parent / "data" / "relations_cues.yaml"
# How strongly one event of each type shows the tie (before the event's own confidence).
# CONSULT (meetings, visits, talks) and CONCEDE (accepting envoys, easing terms) are the
# weakest ties: between parties not otherwise hostile they show a working relationship.
ALLY_EVENTS = {"AID": 0.85, "SUPPORT": 0.8, "COOPERATE": 0.8, "AGREE": 0.7, "CONSULT": 0.5, "CONCEDE": 0.5}
HOSTILE_EVENTS = {"ASSAULT": 0.9, "COERCE": 0.8, "THREATEN": 0.75, "SANCTION": 0.8, "ACCUSE": 0.65, "PROTEST": 0.6}
# A refusal shows hostility only between states and their institutions: a rebel group
# "rejecting" talks, or a person declining an offer, says little about sides.
STATE_REJECT = 0.55
STATE_TYPES = frozenset({"state", "government", "igo", "bloc"})
RULER_TYPES = frozenset({"state", "government"})
MUTUAL_EVENTS = {"COOPERATE", "AGREE", "CONSULT"}
# A single phone call or visit is diplomacy between any two parties, foes included; talks
# reported in this many independent sentences show a working relationship.
MEETINGS_NEEDED = 2
# Rules of the weakest ally evidence: overruled by structural balance (see Collector._unbalanced).
WEAK_RULES = frozenset({"event:CONSULT", "event:CONSULT:host", "event:CONCEDE"})
# Rules that read a tie off coded events or off who acted together, not off the author's wording
# about the two sides: such an ally tie cannot overrule an event coded between the same two.
DERIVED_RULES = ("event:", "co-agents", "accused-of", "claimed", "joined-act", "settlement")
# Event types that are deals or talks: between two parties already hostile they are a
# settlement, never an alliance.
AGREEMENT_EVENTS = frozenset({"AGREE", "CONSULT", "COOPERATE", "CONCEDE"})
# Event modes (old: None / plan / threat / demand; new: fact / plan / threat /
# hypothetical / negated). Facts and explicit plans or threats are evidence; a
# demanded, hypothetical, negated or unknown mode is not.
EVIDENT_MODES = frozenset({None, "", "fact", "plan", "threat"})
# Confidence of a tie = 1 - prod(1 - c_s) over its distinct evidence sentences s, where
# c_s is the strongest cue of sentence s capped at SENTENCE_CAP: several cues in one
# sentence are one observation (and may share one misparse), so only independent
# sentences raise the confidence towards 1.
SENTENCE_CAP = 0.8
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
RELATIVE = {"which", "who", "that", "whom"}
PERSONAL = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
COLLECTIVE = {"it", "its", "they", "them", "their", "itself", "themselves"}
COUNTING = ("det", "predet", "nummod")  # "both countries", "the two leaders"
HEAD_WALK = 6  # cap on any walk up token.head
CLAIM_REACH = 3  # a claim of responsibility points back to the attacks of this many sentences before


@lru_cache(maxsize=1)
def _armed_heads() -> frozenset:
    """Institution and fighter nouns of the events lexicon: the heads a patron phrase can qualify."""
    from .events.patterns import lexicon

    lex = lexicon()
    return lex.institutions | lex.fighters


@lru_cache(maxsize=1)
def cues() -> dict:
    data = datafiles.read(CUES_PATH)
    return {k: (set(v) if isinstance(v, list) and all(isinstance(x, str) for x in v) else v) for k, v in data.items()}


def event_is_evidence(ev: Event) -> bool:
    """Facts and explicit plans/threats; works with the old and the new `mode` values."""
    mode = ev.mode.strip().lower() if isinstance(ev.mode, str) else ev.mode
    return mode in EVIDENT_MODES


def refer(ctx: Context, tok: Token) -> Optional[str]:
    """The actor a pronoun points back to (the one place to swap for shared coreference).

    First the subject of a clause above the pronoun ("X's influence made it able
    to ..."), then the nearest earlier mention of the right kind (person or not).
    """
    lower = tok.lower_
    if lower not in PERSONAL and lower not in COLLECTIVE:
        return None
    want_person = lower in PERSONAL
    controlled = None if want_person else coref.controller(ctx, tok)
    if controlled:
        return controlled  # "pressed X to end its blockade": X's
    verb = tok.head
    for _ in range(HEAD_WALK):
        for child in verb.children:
            if child.dep_ in SUBJECTS and child.i < tok.i and child.i != tok.i and child.pos_ != "PRON":
                key = ctx.actor_of_phrase(child)
                actor = ctx.actors.get(key) if key else None
                if actor is not None and (actor.type == "person") == want_person:
                    return key
        if verb.head.i == verb.i:
            break
        verb = verb.head
    earlier = _previous_subject(ctx, tok, want_person)
    if earlier:
        return earlier
    first = max(0, sent_of(tok).start - 60)
    for m in reversed(ctx.mentions_from(first, tok.i)):
        actor = ctx.actors.get(m.key)
        if actor is not None and (actor.type == "person") == want_person:
            return m.key
    return None


def _previous_subject(ctx: Context, tok: Token, want_person: bool) -> Optional[str]:
    """The subject of the sentence before, when the pronoun starts its own main clause: the most
    salient referent (subjects before objects), not the nearest name."""
    verb = tok.head
    if tok.dep_ not in SUBJECTS or verb.dep_ != "ROOT" or sent_of(tok).start == 0:
        return None
    before = sent_of(tok.doc[sent_of(tok).start - 1])
    for child in before.root.children:
        if child.dep_ in SUBJECTS and child.pos_ != "PRON":
            key = ctx.actor_of_phrase(child)
            actor = ctx.actors.get(key) if key else None
            if actor is not None and (actor.type == "person") == want_person:
                return key
    return None


class Resolver:
    """Finds the actors a phrase, a pronoun or a clause's subject stands for."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self._coref: Optional[coref.Coref] = None

    def described(self, tok: Token) -> Optional[str]:
        """ "the group", "the party's youth wing", "the country's military": the actor a description
        noun points back to (shared coreference), for a common noun the parse gives no actor."""
        if tok.pos_ != "NOUN" or tok.lemma_.lower() in RELATIONAL_HEADS:
            return None
        if self._coref is None:
            self._coref = coref.Coref(self.ctx)
        bare = self._coref.bare_plural(tok)  # "jihadists linked to X" in a story about one group
        if bare or any(c.dep_ in ("acl", "relcl", "appos") for c in tok.children):
            return bare  # "the faction allied to X": a body its own words define, not one named before
        kinds = coref.DESCRIPTIONS.get(tok.lemma_.lower(), STATE_TYPES)
        if kinds & RULER_TYPES and not any(c.dep_ == "poss" for c in tok.children):
            return None  # "plunged the country into chaos again": which country is too often another one's
        return self._coref.actor_for(tok)

    def _pair(self, tok: Token) -> list[str]:
        """ "the two leaders", "both countries", "the three juntas": a plural common noun with a count
        stands for the actors last named together (this sentence or the one before), as many as it counts."""
        if tok.pos_ != "NOUN" or tok.tag_ != "NNS" or self.ctx.actor_at(tok) is not None:
            return []
        counts = cues()["group_counts"]
        count = next((counts[c.lower_] for c in tok.children if c.dep_ in COUNTING and c.lower_ in counts), 0)
        if not count:
            return []
        if self._coref is None:
            self._coref = coref.Coref(self.ctx)
        found = self._coref.group_for(tok)
        if len(found) != count:
            found = self._coref.pair_before(tok)
        return found if len(found) == count else []

    def phrase(self, tok: Token, conjuncts: bool = True) -> list[str]:
        """Actor keys of the phrase headed by `tok`, with its conjuncts and appositions."""
        keys = []
        for t in [tok, *(self.conjuncts(tok) if conjuncts else [])]:
            key = self.ctx.actor_of_phrase(t) or (refer(self.ctx, t) if t.pos_ == "PRON" or t.tag_ == "PRP$" else None)
            if key is None and (pair := self._pair(t)):
                keys.extend(pair)  # "the two leaders remain bitter foes"
                continue
            key = key or self._patron(t) or self._counted(t) or self._qualified_other(t) or self._led(t)
            key = key or self.described(t)
            clause = t.head.head if t.head.dep_ == "ccomp" and t.head.head.dep_ == "relcl" else t.head
            if key is None and t.lower_ in RELATIVE and clause.dep_ == "relcl":  # "which X says is backed by Y"
                antecedent = clause.head
                if antecedent.dep_ == "appos" and not self.ctx.actor_of_phrase(antecedent):
                    antecedent = antecedent.head  # "X, the interior minister, who ..."
                return self._antecedent(antecedent, t, clause)
            if key is None and clause.dep_ == "relcl" and self._whose_body(t):
                return self.phrase(clause.head, conjuncts=False)  # "X, whose forces are backed by Y"
            named = [
                k
                for child in t.children
                if child.dep_ == "appos" and child.lemma_.lower() not in cues()["member_nouns"]
                for k in self.phrase(child)
            ]  # "Greece and Turkey, both NATO members": the body they belong to is not one of them
            if key and not ((named or self._comma_named(t)) and self._borrowed(t)):
                keys.append(key)  # "Yemen's former president, X": X, not Yemen
                keys.extend(self.of_list(t))
            keys.extend(named)
        return list(dict.fromkeys(keys))

    def of_list(self, tok: Token) -> list[str]:
        """ "the presidents of Armenia and Azerbaijan", "the armies of A and B", "leaders from A and B": a plural
        title or body noun whose of- or from-complement is a list stands for every member of the list."""
        lemma = tok.lemma_.lower()
        if tok.tag_ != "NNS" or lemma in RELATIONAL_HEADS or self.ctx.actor_at(tok) is not None:
            return []
        if lemma not in cues()["body_nouns"] and lemma not in _armed_heads():
            return []
        pobjs = [
            p
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ in ("of", "from")
            for p in c.children
            if p.dep_ == "pobj"
        ]
        return [k for p in pobjs for c in self.conjuncts(p) if (k := self.ctx.actor_of_phrase(c))]

    @staticmethod
    def _whose_body(tok: Token) -> bool:
        """An armed or institution noun owned by "whose": the relative clause's antecedent's own body."""
        return tok.lemma_.lower() in _armed_heads() and any(
            c.dep_ == "poss" and c.lower_ == "whose" for c in tok.children
        )

    def _antecedent(self, antecedent: Token, rel: Token, clause: Token) -> list[str]:
        """ "A and B, which ...": the parser hangs the clause on A. A plural verb agreeing with the
        relative pronoun ("which have backed X") speaks of all conjuncts; otherwise the clause is
        about the conjunct right before it ("talks between A and B, which A accuses of ...")."""
        before = [c for c in self.conjuncts(antecedent) if c.i < rel.i]
        if not before:
            return self.phrase(antecedent)
        verbs = [clause, *(c for c in clause.children if c.dep_ in ("aux", "auxpass"))]
        if rel.dep_ in SUBJECTS and any(v.tag_ == "VBP" or v.lower_ in ("were", "have") for v in verbs):
            return self.phrase(antecedent)
        return self.phrase(max(before, key=lambda c: c.i), conjuncts=False)

    def _patron(self, tok: Token) -> Optional[str]:
        """Armed people named by whom they serve ("militias loyal to X", "forces allied with X") are
        on X's side: X stands for them (PETRARCH codes such agents by their patron)."""
        from .events.patterns import lexicon

        lemma = tok.lemma_.lower()
        if tok.pos_ != "NOUN" or lemma not in _armed_heads() and lemma not in lexicon().patron_groups:
            return None  # "militias loyal to X", "armed groups affiliated with X"
        preps = cues()["patron_adjectives"]
        for adj in tok.children:
            allowed = preps.get(adj.lower_) or preps.get(adj.lemma_.lower()) or ()
            if adj.dep_ not in ("amod", "acl") or not allowed:
                continue
            for prep in adj.children:
                if prep.dep_ in ("prep", "agent") and prep.lower_ in allowed:  # "led by X": an agent
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj" and (key := self.ctx.actor_of_phrase(pobj)):
                            return key
        return None

    def _led(self, tok: Token) -> Optional[str]:
        """ "X leads a faction which feuded with Y": an unnamed body its leader is said to lead or head
        (the object of a command verb) stands for that leader."""
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.dep_ == "dobj":
            tok = tok.head.head  # "leads a faction of younger members, which ...": the clause on the members
        verb = tok.head
        if tok.dep_ != "dobj" or tok.pos_ != "NOUN" or tok.lemma_.lower() not in cues()["led_bodies"]:
            return None
        if verb.lemma_.lower() not in cues()["command_verbs"] or self.ctx.actor_at(tok) is not None:
            return None
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return self.ctx.actor_of_phrase(subj) if subj is not None and subj.pos_ != "PRON" else None

    def _qualified_other(self, tok: Token) -> Optional[str]:
        """ "the GNU and its Turkish allies repelled X", "Kyiv's Western backers sent arms": a relational
        noun qualified by an actor names that actor (the possessor is the other side of the tie)."""
        lemma = tok.lemma_.lower()
        if tok.pos_ != "NOUN" or lemma not in RELATIONAL_HEADS or lemma not in cues()["qualified_heads"]:
            return None
        if not any(c.dep_ == "poss" for c in tok.children):
            return None  # "a close US ally" is an ally of the US: without a possessor the qualifier is the owner
        return next((k for c in tok.children if c.dep_ in ("amod", "compound") and (k := self.ctx.actor_at(c))), None)

    def _counted(self, tok: Token) -> Optional[str]:
        """ "hundreds of Russian mercenaries", "a contingent of X's troops": a count or a unit is
        the people it counts; "supporters of X", "X's followers": a following is its leader's side."""
        lemma = tok.lemma_.lower()
        camp = lemma in cues()["camp_nouns"] and tok.tag_ == "NNS"  # "X's allies": X's camp
        if (lemma in cues()["follower_nouns"] or camp) and tok.pos_ == "NOUN":
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            if owner is not None and owner.pos_ != "PRON":
                return self.ctx.actor_of_phrase(owner)
        elif tok.tag_ != "CD" and lemma not in cues()["count_heads"]:
            return None
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and (key := self.ctx.actor_of_phrase(pobj)):
                        return key
        return None

    def _comma_named(self, tok: Token) -> bool:
        """ "Mugabe's wife, Grace, and X": a name set off by commas right after the noun, parsed as the
        first conjunct of a list, is the noun's apposition (who the wife is), not another member."""
        doc, first = tok.doc, next((c for c in tok.children if c.dep_ == "conj"), None)
        if first is None or tok.i + 2 >= len(doc) or doc[tok.i + 1].text != ",":
            return False
        name = self.ctx.mention_at(first)  # the name's own words, not the list hung on it
        if name is None or name.start != tok.i + 2:
            return False
        return name.end < len(doc) and doc[name.end].text == ","

    def _borrowed(self, tok: Token) -> bool:
        """The phrase's actor comes from a modifier ("Kenya's envoy"), not from the head word itself,
        and the head is a person's title or a common noun: an apposition naming who it is wins."""
        return tok.pos_ == "NOUN" and self.ctx.actor_at(tok) is None

    @staticmethod
    def conjuncts(tok: Token) -> list[Token]:
        out: list[Token] = []
        todo = [tok]
        while todo and len(out) < 20:
            for child in todo.pop().children:
                if child.dep_ == "conj":
                    out.append(child)
                    todo.append(child)
        return out

    def subject(self, verb: Token) -> list[str]:
        """Who does what `verb` says: its own subject, else the subject it shares by coordination
        or control, or the noun a participle qualifies; never the speaker of a reporting clause."""
        for _ in range(4):
            subjects = parse_arrays.children_with(verb, SUBJECTS)  # (no Token for the other children)
            if subjects:
                return [k for c in subjects for k in self.phrase(c)]
            if verb.dep_ in ("relcl", "acl"):
                return self.phrase(verb.head, conjuncts=False) or self._served_by(verb.head)
            if verb.dep_ in ("conj", "xcomp", "advcl", "pcomp") and verb.head.i != verb.i:
                verb = verb.head
                continue
            return []
        return []

    def _served_by(self, body: Token) -> list[str]:
        """ "soldiers of X serving with a regional force sent to help Y": a body no name gives stands
        for those said to serve in it."""
        prep, verb = body.head, body.head.head
        if body.dep_ != "pobj" or prep.lower_ not in ("with", "in") or verb.dep_ != "acl":
            return []
        if verb.lemma_.lower() not in cues()["serving_verbs"]:
            return []
        return self.phrase(verb.head, conjuncts=False)

    def objects(self, verb: Token, preps: tuple = ("against", "on", "with", "to", "into")) -> list[str]:
        keys = []
        for child in verb.children:
            if child.dep_ in ("dobj", "dative", "attr", "oprd"):
                keys.extend(self.phrase(child))
            elif child.dep_ == "prep" and child.lower_ in preps:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        keys.extend(self.phrase(pobj))
        return list(dict.fromkeys(keys))


@dataclass
class _Tie:
    source: str
    target: str
    polarity: str
    directed: bool
    by_sentence: dict = field(default_factory=dict)  # evidence -> strongest confidence
    rules: dict = field(default_factory=dict)  # rule -> strongest confidence
    agreement_only: bool = True  # every piece of evidence is a deal or talks


class Collector:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.ties: dict[tuple, _Tie] = {}

    def canon(self, key: Optional[str]) -> Optional[str]:
        """A leader stands for his state, when the article has that state as an actor (but not against
        that state's own body: "the army put the president under house arrest" keeps the person)."""
        state = self.ctx.leader_of.get(key) if key else None
        return state if state in self.ctx.actors else key

    def add(
        self,
        a: Optional[str],
        b: Optional[str],
        polarity: str,
        directed: bool,
        confidence: float,
        evidence: str,
        rule: str,
        agreement: bool = False,
    ) -> None:
        if not a or not b:
            return
        if self.canon(a) != self.canon(b):
            a, b = self.canon(a), self.canon(b)
        elif a == b or polarity != "hostile" or self.canon(a) in (a, b) and self._is_state(self.canon(a)):
            return  # one side twice, or a leader against his own state; against its body (a coup) he stays
        if a is None or b is None:
            return
        pair = (frozenset((a, b)), polarity)
        tie = self.ties.get(pair)
        if tie is None:
            tie = self.ties[pair] = _Tie(a, b, polarity, directed)
        elif directed and not tie.directed:
            tie.source, tie.target, tie.directed = a, b, True
        tie.by_sentence[evidence] = max(confidence, tie.by_sentence.get(evidence, 0.0))
        tie.rules[rule] = max(confidence, tie.rules.get(rule, 0.0))
        tie.agreement_only = tie.agreement_only and agreement

    def _is_state(self, key: Optional[str]) -> bool:
        """A state itself (not its government, army or junta, which can turn on the leader: a coup)."""
        actor = self.ctx.actors.get(key) if key else None
        return actor is None or getattr(actor, "type", "state") == "state"

    def pairs(
        self,
        left: Iterable[Optional[str]],
        right: Iterable[Optional[str]],
        polarity: str,
        directed: bool,
        conf: float,
        ev: str,
        rule: str,
    ) -> None:
        right = list(right)
        for a in left:
            for b in right:
                self.add(a, b, polarity, directed, conf, ev, rule)

    def _settlement_between_foes(self, tie: _Tie) -> bool:
        return (
            tie.polarity == "ally"
            and tie.agreement_only
            and (frozenset((tie.source, tie.target)), "hostile") in self.ties
        )

    def _weak(self, tie: _Tie) -> bool:
        return tie.polarity == "ally" and all(r in WEAK_RULES for r in tie.rules)

    def _unbalanced(self, tie: _Tie) -> bool:
        """A weak tie (talks, a concession) between A and B when a third party C is the ally of one
        and the foe of the other: structural balance says A and B stand apart, and a meeting
        alone does not overturn it."""
        if not self._weak(tie):
            return False
        a, b = tie.source, tie.target
        signs: dict[str, dict[str, str]] = {}
        for other in self.ties.values():
            if other is tie or self._weak(other):
                continue
            for x, y in ((other.source, other.target), (other.target, other.source)):
                if x in (a, b) and y not in (a, b):
                    signs.setdefault(y, {})[x] = other.polarity
        return any(len(set(s.values())) == 2 and len(s) == 2 for s in signs.values())

    def _lone_meeting(self, tie: _Tie) -> bool:
        """One meeting or call is courtesy; meetings in MEETINGS_NEEDED sentences are a working tie."""
        return set(tie.rules) == {"event:CONSULT"} and len(tie.by_sentence) < MEETINGS_NEEDED

    def _joint_act_between_foes(self, tie: _Tie) -> bool:
        """Co-agents of one act ("A and B cut ties") whose sentence itself shows them as foes: the act
        was between them, not done together."""
        if tie.polarity != "ally" or not all(r.startswith("co-agents") for r in tie.rules):
            return False
        hostile = self.ties.get((frozenset((tie.source, tie.target)), "hostile"))
        return hostile is not None and bool(set(tie.by_sentence) & set(hostile.by_sentence))

    def _charge_misread(self, tie: _Tie) -> bool:
        """An accusation coded against the one the charge ties the accused to ("X accused Y of links
        to Z" read as X accusing Z, with Y resolved as X): the same sentences give Y-Z as allies."""
        if tie.polarity != "hostile" or set(tie.rules) != {"event:ACCUSE"}:
            return False
        ally = self.ties.get((frozenset((tie.source, tie.target)), "ally"))
        return (
            ally is not None
            and all(r.startswith("accused-of") for r in ally.rules)
            and set(tie.by_sentence) <= set(ally.by_sentence)
        )

    def _act_for_ally(self, tie: _Tie) -> bool:
        """An act coded against the one it was done for ("Turkey's intervention on behalf of Y",
        "sent troops to help Y" coded as a threat, "A and allied B troops pushed into Z" as A against
        B): a hostile tie from events only, whose every sentence puts the two on one side in the
        author's own wording (a pattern, not an event or a co-agent reading)."""
        if tie.polarity != "hostile" or not all(r.startswith("event:") for r in tie.rules):
            return False
        ally = self.ties.get((frozenset((tie.source, tie.target)), "ally"))
        if ally is None or not any(not r.startswith(DERIVED_RULES) for r in ally.rules):
            return False
        return set(tie.by_sentence) <= set(ally.by_sentence)

    def relations(self) -> list[Relation]:
        out = []
        for tie in self.ties.values():
            if self._settlement_between_foes(tie) or self._unbalanced(tie) or self._lone_meeting(tie):
                continue
            if self._charge_misread(tie) or self._joint_act_between_foes(tie) or self._act_for_ally(tie):
                continue
            miss = 1.0
            for c in tie.by_sentence.values():
                miss *= 1.0 - min(c, SENTENCE_CAP)
            rules = sorted(tie.rules, key=lambda r: -tie.rules[r])
            # a tie's polarity is "ally" or "hostile" (the cue files' two kinds); Relation validates it
            out.append(
                Relation(
                    source=tie.source,
                    target=tie.target,
                    polarity=cast(Polarity, tie.polarity),
                    directed=tie.directed,
                    confidence=round(1.0 - miss, 3),
                    weight=round(sum(tie.by_sentence.values()), 3),
                    evidence=list(tie.by_sentence),
                    rule=", ".join(rules),
                )
            )
        out.sort(key=lambda r: -r.weight)
        return out


def build(ctx: Context, events: list[Event]) -> list[Relation]:
    from . import relation_events, relation_patterns  # both use the resolver and collector above

    col, res = Collector(ctx), Resolver(ctx)
    relation_events.from_events(col, events)
    relation_events.joint_acts(col, events)
    relation_events.claimed_acts(col, res, events)
    for sent in ctx.doc.sents:
        text = span_text(sent).strip()
        if not ctx.any_actor_in(sent) and not set(text.lower().split()) & cues()["group_counts"].keys():
            continue  # no actor named, and no pair described ("Both generals are now rivals")
        relation_patterns.read_sentence(col, res, sent, text)
    return col.relations()
