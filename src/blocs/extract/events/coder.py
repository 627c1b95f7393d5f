"""The sentence coder: one scan for triggers, then verbal, nominal and clause-level events."""

from __future__ import annotations

from typing import Optional

from spacy.symbols import NOUN, PROPN, VERB
from spacy.tokens import Span, Token

from ... import parse_arrays
from ...context import span_text
from .. import actors as actors_mod
from .arguments import Candidate, Resolver, _is_capital, venue_only
from .clause import ClauseMixin
from .modality import ModalityMixin, _helped_doer, withheld_act
from .nominal import NominalMixin
from .parse import (
    CLAUSAL,
    SUBJ,
    _child,
    _conjuncts,
    _each_other,
    _has_child,
    _prep_objects,
    view,
)
from .patterns import (
    Lexicon,
    _noun_type,
    _verb_type,
    hyphened,
    lem,
    lem_at,
)
from .reported import ReportedMixin
from .subjects import _subject_tokens, no_party, two_joined_heads
from .verbal import VerbalMixin

_TRIGGER_POS = frozenset({NOUN, PROPN, VERB})  # spaCy's POS ids, as `parse_arrays` holds them
_NAMED: set[int] = set()  # the hashes of the entity labels no noun trigger is inside (a function of the text)


class SentenceCoder(ModalityMixin, VerbalMixin, NominalMixin, ReportedMixin, ClauseMixin):
    """Codes the events of one sentence."""

    def __init__(self, sent: Span, res: Resolver, lex: Lexicon):
        self.sent, self.res, self.lex = sent, res, lex
        self.verb_trig: dict[int, tuple[str, Optional[Token]]] = {}
        self.noun_trig: dict[int, str] = {}
        self.consumed: set[int] = set()
        self.slot_preps: dict[int, str] = {}  # trigger index -> preposition of its target slot
        self.rules: dict[int, str] = {}  # trigger index -> the pattern or rule that typed it (--explain)
        self.question = span_text(sent).rstrip().rstrip("\"'\u201d").endswith("?")
        self._mediator_keys: Optional[dict[int, set]] = None  # mediation verb index -> its mediators
        self.unreal_at: dict[int, bool] = {}
        self.affiliating: Optional[bool] = None  # see VerbalMixin._affiliated
        self._helping: Optional[list[tuple[int, set, set]]] = None  # see _helped_acts

    def scan(self) -> None:
        """One pass over the tokens: dictionary lookups for verbal and nominal triggers. A noun
        is looked at only if its lemma or form is a trigger word (read from the parse arrays:
        no Token is made for the others)."""
        lex, arrays = self.lex, parse_arrays.of(self.sent.doc)
        toks = parse_arrays.tokens(self.sent.doc)
        pos_ids, pos, dep = arrays.pos, arrays.strings_of("pos"), arrays.strings_of("dep")
        lemmas, lower, ent = arrays.strings_of("lemma"), arrays.strings_of("lower"), arrays.ent_type
        if not _NAMED:
            _NAMED.update(arrays.hash_of(label) for label in ("DATE", "GPE", "PERSON", "ORG", "NORP"))
        named = _NAMED
        for i in range(self.sent.start, self.sent.end):
            if pos_ids[i] not in _TRIGGER_POS:
                continue  # every branch below wants a noun, a proper noun or a verb
            if pos[i] == "VERB":
                self._scan_verb(toks[i])
                continue
            if not _noun_candidate(lemmas[i].lower(), lower[i], lex) and not (
                lower[i - 1] == "-" and (joined := hyphened(toks[i])) is not None and joined in lex.noun
            ):
                continue  # (a noun's `lem` is its lower-case lemma: no fix applies off verbs)
            tok = toks[i]
            if (
                pos[i] == "NOUN"
                and dep[i] == "relcl"
                and tok.tag_ == "NNS"
                and lem(tok) in lex.verb
                and lex.verb_object.get(lem(tok), {}).get(lem(tok.head)) != ""  # "refugees that X hosts": none
            ):
                self.verb_trig[tok.i] = (lex.verb[lem(tok)], None)  # "X, which arms and trains Y": a verb
                self.rules[tok.i] = f"verb:{lem(tok)}(as noun)"
            elif ent[i] not in named:  # (entity labels compared by their hashes)
                t = _noun_type(tok, lex)
                if not t and lem(tok) in lex.frame_heads:  # "a mediation effort", "a bombing campaign"
                    mod = next(
                        (c for c in tok.children if c.dep_ in ("compound", "amod") and lex.noun.get(lem(c))), None
                    )
                    t = lex.noun.get(lem(mod)) if mod is not None else None
                if t and not self._in_name(i):
                    self.noun_trig[tok.i] = t
                    self.rules[tok.i] = f"noun:{_trigger_word(tok, lex)}"

    def _scan_verb(self, tok: Token) -> None:
        """A verb's trigger, if it has one (see scan)."""
        lex, v, i = self.lex, view(tok.doc), tok.i
        if self._bare_participle(tok):
            return  # "X-backed Y", "Y, backed by X": see participles()
        if v.dep[i] == "amod" or (v.tag[i] == "VBG" and v.dep[i] in ("csubj", "nsubj")):
            return  # "the besieged city", "capturing X would be a victory": no reported act
        if self._topic_gerund(tok):
            return  # "differences over pressuring X to give up Y": a topic, no act
        lemma = lem(tok)
        t, obj, rule, prep = _verb_type(tok, lex, lemma)
        if prep:
            self.slot_preps[tok.i] = prep
        if not t and self._obligation(tok):
            t, rule = "REQUEST", "modal:must"  # "X said Y must withdraw": a demand whatever the act
        demand = lex.modal.get(lemma) == "demand"
        ordering = demand and lemma in lex.object_control  # (what `_ordered_out`, `_ordered_actor` ask first)
        if t and demand and _child(tok, "xcomp") is not None:
            t, rule = "REQUEST", f"modal:{lemma} to"  # "pressured X to cancel Y": a demand of X
        elif not t and (ordering or lemma in lex.host_verbs) and (framed := self._framed_verb_type(tok)) is not None:
            t, obj, rule = framed  # "ordered X's diplomats to leave" (an expulsion), "received X" (hosted)
        elif not t and ordering and self._ordered_actor(tok):
            t, rule = "REQUEST", f"modal:{lemma} to"  # "ordered X to appear": a demand of X
        if t:
            self.rules[tok.i] = rule
            self.verb_trig[tok.i] = (t, obj)
            if obj is not None:
                self.consumed.add(obj.i)
        elif obj is not None and obj.dep_ in ("pobj", "pcomp"):
            self.consumed.add(obj.i)  # a slot of a word sense typed null ("condemned as false the allegations"): no act

    def _in_name(self, i: int) -> bool:
        """Is the token inside an actor's name of several words ("the Warsaw Pact", "Rapid Support
        Forces")? Such a word names the actor, not an act."""
        m = self.res.ctx.mention_at(i)
        return m is not None and m.end - m.start > 1 and m.kind in ("name", "ner")

    def _ordered_actor(self, verb: Token) -> bool:
        """ "ordered X to appear", "instructed X to leave": a demand head (no trigger of its own)
        whose object is an actor and whose infinitive names no act of its own (CAMEO 10)."""
        if self.lex.modal.get(lem(verb)) != "demand" or lem(verb) not in self.lex.object_control:
            return False
        comp = _child(verb, "xcomp")
        obj = _child(verb, "dobj")
        if comp is None or obj is None or not _has_child(comp, ("aux",), ("to",)):
            return False
        return _verb_type(comp, self.lex)[0] is None and bool(self.res.actors([obj]))

    def _bare_participle(self, tok: Token) -> bool:
        """ "X-backed Y", "Y, backed by X": a support participle without auxiliaries."""
        v, i = view(tok.doc), tok.i
        return (
            v.lower[i] in self.lex.support_participles
            and v.tag[i] == "VBN"
            and v.dep[i] in ("amod", "acl", "advcl")
            and not _has_child(tok, ("aux", "auxpass"))
        )

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
        out = [c for c in out if c.trigger.i not in wrapped and not withheld_act(c.trigger, self.lex)]
        out = self.reported_wrongs(out)
        return out + self.allegations(out)

    def _fallback_targets(self, etype: str, trig: Token, anchors: list, sources: list) -> list[str]:
        """PETRARCH's convention: the next actor in the act's own clause is its target, else the
        state whose territory the clause names ("evacuate settlements in Gaza"). Only the tokens
        of an actor or a place can answer: the filters below look at those alone."""
        ctx = self.res.ctx
        own = {ctx.actors[s].country for s in sources if s in ctx.actors} - {None}
        near = self._clause_indexes(trig, anchors, etype, self.res.party_tokens())
        if etype not in self.lex.frontier_directed:  # "shelled camps near the Afghan border": a place
            near = [i for i in near if not self._at_frontier(i)]
        toks = parse_arrays.tokens(trig.doc)
        near = [i for i in near if not self._maybe_own_forces(i) or not self._own_forces(toks[i], sources, own)]
        brokers = self._mediators(trig)
        helped = self._helped_acts(trig) if near else set()  # (read once, not once per token)
        near = [i for i in near if i not in helped and not no_party(toks[i], trig, etype, self.lex)]
        for i in near:
            key = ctx.actor_at(i)
            if (
                key
                and key not in sources
                and key not in brokers
                and ctx.leader_of.get(key) not in sources
                and not any(ctx.leader_of.get(s) == key for s in sources)
                and not self._own_demonym(toks[i], key, sources)
                and not self.res.opposed_mention(i)  # "detained an anti-Kremlin blogger"
            ):
                return [key]
        if venue_only(trig, near, ctx, self.lex):
            return []  # "will meet in Stockholm", "talks in Geneva": the venue's state is no party to them
        for i in near:
            name = ctx.place_at(i)
            place = ctx.places.get(name) if name else None
            if place is None or not place.country:
                continue
            if place.country not in own:
                key = actors_mod.state_actor(ctx, place.country, toks[i].text)
            elif (
                etype in self.lex.domestic_target
                and not self._attacked_place(toks[i])
                and not self._left_place(toks[i], etype)
            ):
                # "imposed a curfew in <own town>": on its people
                key = actors_mod.population_actor(ctx, place.country)
            elif (etype == "ASSAULT" or self._attacked_place(toks[i])) and self._insurgent_on_capital(
                place.name, place.country, sources, lem(trig) in self.lex.taking_verbs
            ):
                key = actors_mod.state_actor(ctx, place.country, toks[i].text)  # as "attacked <capital>" reads
            else:
                continue
            if key and key not in sources:
                return [key]
        return []

    def _helped_acts(self, trig: Token) -> set[int]:
        """Tokens of an act a helped party does ("vowed to help X resist Y, promising shells"),
        the doer aside, when the trigger is outside it: Y is X's foe, no party to the promise."""
        if self._helping is None:  # the sentence's helped acts, found once: (head, its subtree, the part off the doer)
            v, doc = view(trig.doc), trig.doc
            dep, head, arrays = v.dep, v.head, v.arrays
            self._helping = []
            for i in range(self.sent.start, self.sent.end):
                if dep[i] in ("xcomp", "ccomp") and lem_at(arrays, head[i]) in self.lex.helping:
                    doers = _helped_doer(v.toks[i], self.lex.helping)
                    if doers:
                        below = set(parse_arrays.subtree_of(doc, i))
                        off = {k for d in doers for k in parse_arrays.subtree_of(doc, d.i)}
                        self._helping.append((i, below, below - off))
        out: set[int] = set()
        for i, below, rest in self._helping:
            if i != trig.i and trig.i not in below:
                out |= rest
        return out

    def _own_side(self, target: str, sources: list) -> bool:
        """Is the target the state or government of a state-side source (its own forces)?"""
        ctx, sides = self.res.ctx, ("state", "government", "person")
        t = ctx.actors.get(target)
        if t is None or t.type not in ("state", "government") or not t.country:
            return False
        return any((a := ctx.actors.get(s)) is not None and a.type in sides and a.country == t.country for s in sources)

    def _own_demonym(self, tok: Token, key: str, sources: list) -> bool:
        """ "Palestinian suicide bombers killed 23 people ... in the Palestinian uprising": a
        demonym adjective of the state whose own unnamed group ("<state>-gunmen") acts is that
        group's side, not the target of its act."""
        return tok.dep_ == "amod" and any(s.startswith(key + "-") for s in sources)

    def _at_frontier(self, i: int) -> bool:
        """`Resolver.at_frontier` of token i, read from the parse arrays."""
        arrays, lex = parse_arrays.of(self.sent.doc), self.lex
        dep, head = arrays.strings_of("dep"), arrays.head
        if dep[i] in ("amod", "compound", "nmod", "poss") and head[i] != i:
            i = head[i]
        return (
            dep[i] == "pobj"
            and arrays.strings_of("lower")[head[i]] in lex.frontier_preps
            and lem_at(arrays, i) in lex.frontier_nouns
        )

    def _maybe_own_forces(self, i: int) -> bool:
        """The shape `_own_forces` asks for (a subject of a clause, or its modifier), read from
        the parse arrays: no other token can be the speaker's own forces."""
        arrays = parse_arrays.of(self.sent.doc)
        dep, head = arrays.strings_of("dep"), arrays.head
        h = head[i] if dep[i] in ("amod", "compound", "nmod", "poss") else i
        return dep[h] in SUBJ and dep[head[h]] in CLAUSAL

    def _mediators(self, trig: Token) -> set:
        """Actors who broker, mediate or host what others do in the sentence ("a deal brokered by X",
        "talks mediated by X"): a third party, never the target of an act by the others; only of
        its own mediation verb."""
        if self._mediator_keys is None:
            self._mediator_keys = {}
            arrays, toks = parse_arrays.of(trig.doc), parse_arrays.tokens(trig.doc)
            pos = arrays.strings_of("pos")
            for i in range(self.sent.start, self.sent.end):
                if pos[i] == "VERB" and lem_at(arrays, i) in self.lex.mediation:
                    tok = toks[i]
                    agent = _child(tok, "agent")
                    who = _prep_objects(tok, ("by",)) if agent is not None else _subject_tokens(tok)
                    self._mediator_keys[tok.i] = set(self.res.actors(who))
        if not self._mediator_keys:
            return set()  # (most sentences: no mediation verb)
        return set().union(*(k for i, k in self._mediator_keys.items() if i != trig.i))

    def _attacked_place(self, tok: Token) -> bool:
        """Is the place what an act of force named in the clause is aimed at ("would not tolerate an
        attack on <own city>")? The speaker defends it: its people are not his target."""
        for _ in range(3):
            if tok.dep_ != "pobj" or tok.head.dep_ != "prep":
                return False
            noun = tok.head.head
            if self.noun_trig.get(noun.i) == "ASSAULT" and tok.head.lower_ in ("on", "against"):
                return True
            tok = noun
        return False

    def _left_place(self, tok: Token, etype: str) -> bool:
        """Is the place what a withdrawal leaves ("withdrew from <town>", "pulled out of the town of
        <town>")? Leaving a town of one's own state is aimed at no one: not at its people."""
        if etype not in self.lex.leaving_types:
            return False
        for _ in range(3):
            if tok.dep_ != "pobj" or tok.head.dep_ not in ("prep", "prt", "advmod"):
                return False
            prep = tok.head
            if prep.lower_ in self.lex.leaving_preps:
                return True
            if prep.lower_ == "of" and prep.i > 0 and prep.doc[prep.i - 1].lower_ in self.lex.leaving_preps:
                return True  # "pulled out of X"
            tok = prep.head  # "from the town of X": climb to "town"
        return False

    def _insurgent_on_capital(self, name: str, iso3: str, sources: list, taken: bool = False) -> bool:
        """ "X's forces launched an offensive on <their own capital>", "rebels set off bombs in the
        capital": force in the seat of government by a side that is not the state is aimed at the
        state (PETRARCH's convention), as is any town of its own country it takes (`taken`: "seized
        X"); the state's own forces there are not."""
        actors, leader_of = self.res.ctx.actors, self.res.ctx.leader_of
        kinds = {actors[s].type for s in sources if s in actors}
        if not kinds or kinds & {"state", "government"} or any(leader_of.get(s) for s in sources):
            return False
        return taken or _is_capital(name, iso3)

    def _own_forces(self, tok: Token, sources: list, own: set) -> bool:
        """ "X's army chief warned that the army / Israeli forces would strike": the speaker's own
        forces, subject of what he says, act for him and are never his target."""
        ctx, lex = self.res.ctx, self.lex
        head = tok.head if tok.dep_ in ("amod", "compound", "nmod", "poss") else tok
        if head.dep_ not in SUBJ or head.head.dep_ not in CLAUSAL or lem(head) not in lex.institutions:
            return False
        if any(ctx.actors[s].type in lex.dissident_types for s in sources if s in ctx.actors):
            return False  # rebels, parties, crowds speak of their state's army as the other side
        key = ctx.actor_at(tok) or self.res.actor(head)
        actor = ctx.actors.get(key) if key else None
        return actor is not None and actor.country in own

    def _crowd_source(self, trig: Token, anchors: list, etype: str) -> list[str]:
        """ "Thousands of people marched in <town>": an unnamed crowd protesting is the population
        of the country whose place the clause or the crowd's own phrase names (CAMEO/PLOVER code
        street protest by the country's civilians)."""
        ctx = self.res.ctx
        verbs = [a for a in [trig, *anchors] if a.pos_ in ("VERB", "AUX")]
        subj = _subject_tokens(verbs[-1]) if verbs else []
        crowd = [t for t in subj if lem(t) in self.lex.crowd_nouns]
        if not crowd:
            return []
        near = [t for c in crowd for t in c.subtree] + self._clause_tokens(trig, anchors, etype)
        countries = {
            place.country
            for tok in near
            if (name := ctx.place_at(tok)) and (place := ctx.places.get(name)) is not None and place.country
        }
        if len(countries) != 1:
            return []
        key = actors_mod.population_actor(ctx, countries.pop())
        return [key] if key else []

    def _purpose_actors(self, trig: Token, anchors: list) -> list[str]:
        """ "blocked a road to show their anger at X's policies", "began a hunger strike to protest
        against X": the actors a protest's purpose clause names are what it is aimed at."""
        for verb in [trig, *anchors]:
            for c in verb.children:
                if c.dep_ in ("advcl", "xcomp") and _has_child(c, ("aux",), ("to",)):
                    keys = [k for t in c.subtree if t.i != c.i and (k := self.res.ctx.actor_at(t))]
                    if keys:
                        return list(dict.fromkeys(keys))
        return []

    def _measure(self, args: list) -> bool:
        """Is an argument an emergency measure ("a state of emergency", "martial law", "the curfew")?"""
        return any(lem(t) in self.lex.domestic_measures for a in args for t in [a, *a.children])

    def _own_population(self, source: str) -> list[str]:
        """A state's emergency measure with no one else named is aimed at its own population."""
        actor = self.res.ctx.actors.get(source)
        if actor is None or actor.type not in ("state", "government") or not actor.country:
            return []
        key = actors_mod.population_actor(self.res.ctx, actor.country)
        return [key] if key and key != source else []

    def _own_state(self, source: str) -> list[str]:
        """A protest with no stated addressee is aimed at the protesters' own state (CAMEO 14)."""
        actor = self.res.ctx.actors.get(source)
        if actor is None or actor.type not in self.lex.own_state_sources or not actor.country:
            return []
        key = actors_mod.state_actor(self.res.ctx, actor.country)
        return [key] if key and key != source else []

    def _protest_yielded(self, trig: Token, etype: str) -> bool:
        """ "agreed to postpone the march", "called off the strike": a protest given up yields to
        the state it was aimed at, as the protest itself would have (CAMEO 08)."""
        if etype not in ("AGREE", "CONCEDE"):
            return False
        held = [trig, *(c for c in trig.children if c.dep_ == "dobj")] if trig.pos_ == "VERB" else [trig]
        return any(self.lex.noun.get(lem(t)) == "PROTEST" for t in held)

    def _thing_object(self, trig: Token) -> bool:
        """ "A and B pledged tanks": the object is what is given, not an accord between A and B;
        "A and B pledged support for X": each promised X, not the other."""
        obj = _child(trig, "dobj") if trig.pos_ == "VERB" else None
        if obj is not None and lem(trig) in self.lex.unilateral:
            if any(_has_child(t, ("prep",), ("for", "to")) for t in (trig, obj)):
                return True
        return obj is not None and obj.i not in self.noun_trig and obj.i not in self.consumed

    def _fought_with(self, trig: Token, target: str) -> bool:
        """ "clashed with Y", "fighting between X and Y": the other side is named after "with"/"between"."""
        heads = [trig, *(c for c in trig.children if c.dep_ == "dobj")]  # "exchanged fire with Y"
        for prep in (c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in ("with", "between")):
            obj = _child(prep, "pobj")
            if obj is not None and target in self.res.actors(_conjuncts(obj)):
                return True
        return False

    def _expand(self, etype, trig, anchors, sources, targets, mode, conf, args) -> list[Candidate]:
        rule = self.rules.get(trig.i) or f"{'noun' if trig.pos_ in ('NOUN', 'PROPN') else 'verb'}:{lem(trig)}"
        if (mode != "threat" or self.question) and any(self._unreal(a) for a in [trig, *anchors]):
            mode = "hypothetical"
        elif mode == "threat" and any(self._asked(a) for a in [trig, *anchors]):
            mode = "hypothetical"
        lex = self.lex
        sources = [s for s in sources if s]
        brokers = self._mediators(trig)
        targets = [t for t in targets if t and t not in sources and t not in brokers]
        mutual = etype == "ASSAULT" and lem(trig) in lex.mutual_fight
        if mutual and len(sources) == 1 and len(targets) == 1 and self._fought_with(trig, targets[0]):
            sources, targets = sources + targets, []  # "X clashed with Y": both sides fight
        pair = (
            len(sources) == 2
            and not targets
            and etype in lex.pair_both_ways
            and not self._thing_object(trig)
            and two_joined_heads(trig, anchors)
        )
        if len(sources) > 1 and not targets and (etype in lex.both_ways or pair or _each_other(trig) or mutual):
            # "A and B met", "A and B accused each other": every direction (PETRARCH's dyadic expansion)
            return [
                Candidate(etype, trig, list(anchors), [s], [t], mode, round(conf - 0.05, 2), list(args), rule=rule)
                for s in sources
                for t in sources
                if s != t
            ]
        if etype in lex.reciprocal and len(sources) > 1 and not targets and not self._thing_object(trig):
            sources, targets = sources[:1], sources[1:]
        if not sources and etype in lex.own_state_target:
            sources = self._crowd_source(trig, anchors, etype)
        if not targets and sources and etype in lex.own_state_target:
            targets = [k for k in self._purpose_actors(trig, anchors) if k not in sources]
        if not targets:
            conf -= 0.1
            if sources and etype not in lex.no_fallback_target:
                targets = self._fallback_targets(etype, trig, anchors, sources)
            if (
                not targets
                and len(sources) == 1
                and (etype in lex.own_state_target or self._protest_yielded(trig, etype))
            ):
                targets = self._own_state(sources[0])
            if not targets and len(sources) == 1 and etype in lex.domestic_target and self._measure(args):
                targets = self._own_population(sources[0])
        if etype in lex.own_forces_acts:  # "Tunisia deployed the army": its own forces, no target
            targets = [t for t in targets if not self._own_side(t, sources)]
        out = []
        for s in sources or [None]:
            for t in targets or [None]:
                if s is not None and s == t:
                    continue
                out.append(Candidate(etype, trig, list(anchors), [s], [t], mode, round(conf, 2), list(args), rule=rule))
        return out


def _trigger_word(tok: Token, lex: Lexicon) -> str:
    """The word a noun trigger was found by: its lemma, or its whole hyphenated form ("build-up")."""
    joined = hyphened(tok)
    return joined if joined is not None and joined in lex.noun else lem(tok)


def _noun_candidate(lemma: str, lower: str, lex: Lexicon) -> bool:
    """Can a noun with this lower-case lemma and form be a trigger in `scan`? Only a trigger
    noun ("assault", by lemma or form), a frame head ("a mediation effort") or a verb lemma
    (a plural noun read as a verb, "X, which arms and trains Y") can."""
    return lemma in lex.noun or lower in lex.noun or lemma in lex.frame_heads or lemma in lex.verb
