"""Verbal triggers: who acts on whom around a verb."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from ... import parse_arrays
from .arguments import Candidate
from .modality import _helped_doer
from .parse import (
    ANAPHORIC_DETS,
    OBJ,
    SUBJ,
    _child,
    _conjuncts,
    _has_child,
    _is_passive,
    _object_tokens,
    _pobj,
    _prep_objects,
    view,
)
from .patterns import HARM_PREPS, Lexicon, _event_noun, lem, lem_at, reaction_to_harm
from .state import CoderState
from .subjects import _negated, _subject_tokens


class VerbalMixin(CoderState):
    """The events of a verbal trigger."""

    def verbal(self, verb: Token, etype: str, obj: Optional[Token], wrapped: set) -> list[Candidate]:
        """Events of a verbal trigger: modality first, then who acts on whom."""
        lex, res = self.lex, self.res
        etype = self._verbal_gate(verb, etype)
        if not etype:
            return []
        anchors = [verb]
        framed = self._noun_modality(verb, etype)
        if framed is not None and not framed[0]:
            return []
        mod = self._apply_modality(verb, etype, anchors, wrapped)
        if framed is not None:
            anchors.append(verb.head)
            mod = (framed[0], framed[1], _subject_tokens(verb), [], 0.7)
        if mod is None:
            return []
        base = etype
        etype, mode, subj_toks, addressee, conf = mod
        bound = self._bound_pronoun(verb)
        if bound:  # "X said Y had lost and offered him asylum": X offers it to Y
            subj_toks, addressee = _subject_tokens(verb.head.head), _subject_tokens(verb.head)
        obj_toks = _object_tokens(verb) or self._helped(verb)
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and not _is_passive(verb):
            obj_toks = _conjuncts(verb.head)  # "the government overthrown by X"
            agent = _child(verb, "agent")
            agent_obj = _pobj(agent) if agent is not None else None
            subj_toks = _conjuncts(agent_obj) if agent_obj is not None else []
        lemma = lem(verb)
        if lemma in lex.needs_object and not res.actors(obj_toks):
            return []  # "forced a vote", "defend his role": no one is forced or defended
        targets = res.actors(addressee) if mode == "demand" or bound else []
        targets = targets or self._verbal_targets(verb, obj, obj_toks, etype, base)
        sources = self._verbal_sources(verb, obj, subj_toks)
        if targets and set(targets) <= set(sources):  # "refused to pull out its troops, as X demanded": X
            targets = self._as_requested(verb, etype) or targets
        if not targets:  # "Israeli strikes on X killed ten": the subject act's target, whoever names its author
            targets = [k for k in self._subject_event(subj_toks)[1] if k not in sources]
        if not targets and self._no_addressee(verb, etype):
            return []
        if not targets and etype in lex.cooperative:
            targets = self._patrons_client(subj_toks)
        if lemma in lex.receive and not mode:
            givers = res.actors(
                _prep_objects(verb, ("from",)) + [t for o in obj_toks for t in _prep_objects(o, ("from",))]
            )
            if givers:  # "X received weapons from Y": Y gives to X
                sources, targets = givers, sources
        if lemma in lex.speech and etype not in ("THREATEN", "REQUEST"):
            conf -= 0.1
        args = subj_toks + obj_toks + ([obj] if obj is not None else [])
        out = self._expand(etype, verb, anchors, sources, targets, mode, conf, args)
        if etype == "REJECT" and base != "REJECT" and any(lem(a) in lex.denial for a in anchors[1:]):
            out = _untargeted(out)  # "denied arming X": the charge is rejected, not X
        if etype in lex.reactions:  # "A and B signed the accord": each other's party, the accord no earlier act
            self._mark_reaction(out, obj_toks, targets, sources if obj is not None and obj.i in self.consumed else [])
        if not sources and any(lem(t) not in lex.anonymous for t in subj_toks):
            for c in out:
                c.unnamed_agent = True
        return out

    def _verbal_gate(self, verb: Token, etype: str) -> str:
        """The verb's category after the checks that cancel or turn it ("" = no event)."""
        lex = self.lex
        v = view(verb.doc)
        dep, head, charged = v.dep, v.head, verb.i
        while dep[charged] == "xcomp" and head[charged] != charged:
            charged = head[charged]  # "accused X of trying to seize power"
        if self._charged_act(v.toks[charged]):
            return ""  # "accused X of violating the truce", "accused the army of staging a coup": the accusation
        if _negated(verb, lex):
            if (
                self._future(verb) in ("future",)
                or (verb.dep_ == "xcomp" and lem(verb.head) in lex.modal and lex.modal[lem(verb.head)] == "plan")
                or lem(verb) in lex.negated_participation
            ):
                return "REJECT"  # "would not provide", "is not willing to meet", "did not attend": a refusal
            return ""
        if self._under_goal(verb):
            return ""  # "seeking to force X to halt": an aim all the way down
        if (
            verb.dep_ in ("xcomp", "advcl")
            and _has_child(verb, ("aux",), ("to",))
            and self.verb_trig.get(verb.head.i, ("", None))[0] in ("MOBILIZE", "AID")
            and self.verb_trig[verb.head.i][1] is not None
        ):
            return ""  # "sent mercenaries to fight alongside X": the purpose of the deployment, not another act
        if lem(verb) in lex.modal and any(
            c.dep_ in ("xcomp", "ccomp")
            and (c.i in self.verb_trig or self._has_noun_event(c))
            and not _helped_doer(c, lex.helping)
            for c in verb.children
        ):
            return ""  # the embedded act carries the event
        if self._purpose_of_act(verb, etype):
            return ""  # "blocked roads to press their demands", "went on strike demanding X": the motive
        if etype == "CONSULT" and self._sitting(verb):
            return ""  # "the cabinet met on Sunday": a session, no one consulted
        return etype

    def _sitting(self, verb: Token) -> bool:
        """ "The cabinet met", "the council convened": one body meeting by itself (no object, no
        "with"/"between" partner, a subject that is a single body, not "X and Y")."""
        if lem(verb) not in self.lex.sitting_verbs or _child(verb, "dobj", "dative") is not None:
            return False
        if _prep_objects(verb, ("with", "between", "among", "alongside")):
            return False
        subj = _child(verb, "nsubj")
        return subj is not None and lem(subj) in self.lex.sitting_bodies and not _conjuncts(subj)[1:]

    def _framed_verb_type(self, verb: Token) -> Optional[tuple]:
        """(type, object, rule) of a verb that is a trigger only in one frame (see `_ordered_out`,
        `_received_visitor`), else None."""
        return self._ordered_out(verb) or self._received_visitor(verb)

    def _ordered_out(self, verb: Token) -> Optional[tuple]:
        """ "ordered Y's diplomats to leave the country": an order to leave given to those one could
        expel is the expulsion, typed as "expel" + that object is (plover_verbs.yaml verb_object)."""
        lex = self.lex
        if lex.modal.get(lem(verb)) != "demand" or lem(verb) not in lex.object_control:
            return None
        comp, obj = _child(verb, "xcomp"), _child(verb, "dobj")
        if comp is None or obj is None or lem(comp) not in lex.leave_verbs or not _has_child(comp, ("aux",), ("to",)):
            return None
        t = lex.verb_object.get("expel", {}).get(lem(obj))
        return (t, obj, f"expel:{lem(verb)} to {lem(comp)}") if t else None

    def _received_visitor(self, verb: Token) -> Optional[tuple]:
        """ "Putin received Erdogan in Sochi", "X was received by the emir": a host verb whose guest
        is a named leader or state is a visit hosted (CAMEO 043, CONSULT); what else one receives
        (weapons, aid, a delegation) is typed by its object (plover_verbs.yaml verb_object)."""
        if lem(verb) not in self.lex.host_verbs:
            return None
        guest = _child(verb, "nsubjpass" if _is_passive(verb) else "dobj")
        if guest is None:
            return None
        kinds = {self.res.ctx.actors[k].type for k in self.res.actors([guest]) if k in self.res.ctx.actors}
        guests = {"person", "state"} if guest.pos_ == "PROPN" else {"person"}  # "received the army chief"
        return ("CONSULT", None, f"host:{lem(verb)}+guest") if kinds & guests else None

    def _purpose_of_act(self, verb: Token, etype: str) -> bool:
        """A purpose infinitive (or a demanding participle) on a verb that is itself an event of
        another kind: the act's motive, not a second act (PLOVER codes the protest, not a demand;
        the resignation, not the elections it allows)."""
        v, modal = view(verb.doc), self.lex.modal
        dep, heads, arrays, i, steps = v.dep, v.head, v.arrays, verb.i, 0
        while dep[i] in ("xcomp", "ccomp") and modal.get(lem_at(arrays, heads[i])) == "demand" and steps < 3:
            i, steps, etype = heads[i], steps + 1, "REQUEST"  # "rallied to demand that Y pull out"
        intent = etype in self.lex.forceful
        while intent and dep[i] in ("xcomp", "ccomp") and modal.get(lem_at(arrays, heads[i])) == "keep" and steps < 3:
            i, steps = heads[i], steps + 1  # "offered troops to help him oust X"
        if dep[i] != "advcl" or heads[i] == i or not (intent or etype in self.lex.motive_types):
            return False
        verb = v.toks[i]
        head = verb.head
        purpose = _has_child(verb, ("aux",), ("to",))
        if not purpose and not (verb.tag_ == "VBG" and etype == "REQUEST"):
            return False
        kinds = {self.verb_trig[head.i][0]} if head.i in self.verb_trig else set()
        kinds |= {self.noun_trig[c.i] for c in head.children if c.dep_ in OBJ and c.i in self.noun_trig}
        if intent:  # force as the aim of an offer or a meeting is still to come; "opened fire to disperse" is done
            return bool(kinds) and kinds <= self.lex.cooperative
        return bool(kinds - {etype})

    def _readings(self, noun: Token) -> set:
        """Every category a bare event noun can have ("the strikes": a walkout or air raids)."""
        rule = self.lex.modifier_type.get(lem(noun)) or {}
        return {
            self.noun_trig[noun.i],
            *(k for k in rule if k != "target_type"),
            *([rule["target_type"]] if "target_type" in rule else []),
        }

    def _patrons_client(self, subj_toks: list) -> list[str]:
        """ "X's allies promised shells": help from someone's allies goes to that someone."""
        for t in subj_toks:
            if lem(t) in self.lex.patrons:
                owner = _child(t, "poss")
                keys = self.res.actors([owner]) if owner is not None else []
                if keys:
                    return keys
        return []

    def _no_addressee(self, verb: Token, etype: str) -> bool:
        """ "spoke to reporters" is no consultation; "warned that famine is spreading" is no
        threat: these verbs are events only with an actor to talk to or a danger someone poses."""
        lemma = lem(verb)
        if lemma in self.lex.needs_target_actor:
            return True
        if etype == "THREATEN" and lemma in self.lex.warning_verbs:
            comp = _child(verb, "ccomp")
            if comp is None:
                return False
            subj = _child(comp, *SUBJ, "nsubjpass")
            return (
                subj is not None and subj.tag_ != "PRP" and not self.res.actor(subj) and self._future(comp) is None
            )  # "police will no longer tolerate rallies" is a threat
        return False

    def _direct_targets(self, verb: Token, obj: Optional[Token], obj_toks: list, etype: str) -> tuple[list, list]:
        """Targets named by a slot pattern, a label or what is sent ((targets, objects left))."""
        lex, res = self.lex, self.res
        if verb.i in self.slot_preps:  # a slot pattern's preposition: "fought alongside X", "rallied against X"
            keys = res.actors(
                [
                    p
                    for c in verb.children
                    if c.dep_ == "prep" and c.lower_ == self.slot_preps[verb.i] and (slot_obj := _pobj(c)) is not None
                    for p in _conjuncts(slot_obj)
                ]
            )
            if keys:
                return keys, obj_toks
        if etype == "ACCUSE" and obj is not None and obj.dep_ != "dobj" and lem(verb) in lex.label_verbs:
            labelled = [t for t in obj_toks if t.i in self.noun_trig]  # "called the shelling a crime"
            keys = res.actors(obj_toks) or (self._noun_participants(labelled[0])[0] if labelled else [])
            if keys:
                return keys, obj_toks
        if etype in ("AID", "MOBILIZE") and obj is not None and obj.dep_ == "dobj":
            # "sent contractors to fight beside X": what is sent is no target, X is
            sent = {t.i for t in _conjuncts(obj)}
            obj_toks = [t for t in obj_toks if t.i not in sent]
            helped = [
                p
                for c in verb.children
                if c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB"
                for p in _prep_objects(c, ("alongside", "with", "for", "beside")) + self._helped(c)
            ]
            targets = (
                res.actors(obj_toks) or res.actors(_prep_objects(verb, ("to", "for", "into"))) or res.actors(helped)
            )
            if targets:
                return targets, obj_toks
        return [], obj_toks

    def _helped(self, verb: Token) -> list[Token]:
        """Whom a verb of helping helps: its object, or the doer of the act it helps with
        ("sent drones to help the government defend the capital": the government)."""
        if lem(verb) not in self.lex.helping:
            return []
        return _object_tokens(verb) or [t for c in verb.children for t in _helped_doer(c, self.lex.helping)]

    def _verbal_targets(self, verb: Token, obj: Optional[Token], obj_toks: list, etype: str, base: str) -> list[str]:
        """Who a verbal act is done to, from the most to the least direct evidence."""
        lex, res = self.lex, self.res
        direct, obj_toks = self._direct_targets(verb, obj, obj_toks, etype)
        if direct:
            return direct
        # a consumed object that is itself an event ("lifted the sanctions on X") names the target
        embedded = self._noun_participants(obj) if obj is not None and obj.i in self.noun_trig else ([], [])
        preps = (
            lex.target_preps - {"to", "for", "toward", "towards"}
            if etype in ("ASSAULT", "COERCE")
            else lex.target_preps - {"against"}  # "cooperation against X": a common foe, no partner
            if etype in lex.cooperative
            else lex.target_preps
        )
        if etype in lex.with_partner_types:  # "marched with the party": a fellow, not the target
            preps = preps - {"with"}
        if etype in lex.venue_types:  # "signed the accord at the White House": the venue, no party
            preps = preps - lex.venue_preps
        if etype in lex.topic_types:  # "agreed to cooperate on X": what they agree about
            preps = preps - lex.topic_preps
        if obj is not None and lem(obj) in lex.for_target_nouns:  # "issued arrest warrants for X"
            preps = preps | {"for"}
        harmed = next((t for t in obj_toks if reaction_to_harm(t, lex)), None)
        if harmed is not None:  # "condemned the arrest of X by Y": Y is condemned, X is the victim
            return self._noun_participants(harmed)[0]
        if etype == "MOBILIZE":  # "deployed Russian mercenaries": whose forces, not a target
            obj_toks = [t for t in obj_toks if lem(t) not in lex.deployed_forces]
        targets = res.actors(obj_toks) or embedded[1] or res.actors(_prep_objects(verb, preps))
        if not targets:
            targets = self._affiliated(verb, obj_toks) or self._deep_targets(
                obj_toks + ([obj] if obj is not None else []), etype
            )
        if not targets and base in ("RETREAT", "SANCTION", "COERCE"):  # "seized weapons from X"
            held = _taken_from(verb, obj_toks, lex)
            targets = res.actors(held)
            if not targets and base == "SANCTION":  # "recalled its envoy from Paris / in Paris": France
                held += [t for o in obj_toks for t in _prep_objects(o, ("in",))]
                targets = [k for k in map(res.capital_state, held) if k]
        if not targets and etype in ("THREATEN", "REQUEST"):
            comp = _child(verb, "xcomp")
            if comp is not None:
                targets = res.actors(
                    _object_tokens(comp) + _prep_objects(comp, lex.target_preps)
                ) or self._deep_targets(_object_tokens(comp), base)
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
        return targets or self._as_requested(verb, etype) or self._talks_partner(verb, etype)

    def _mark_reaction(self, out: list[Candidate], obj_toks: list, targets: list, partners: list) -> None:
        """A reaction to a known act ("condemned the attack") points back at that act: its
        author is the target, never the next actor in the clause; `partners` (the joined subjects
        of a verb+object pattern, "A and B signed the accord") keep each other as target."""
        refers = next(
            (
                (self._readings(t), lem(t))
                for t in obj_toks
                if (det := _child(t, "det")) is not None and det.lower_ in ANAPHORIC_DETS and t.i in self.noun_trig
            ),
            None,
        )
        for c in out:
            if refers is not None and not targets and c.targets[0] not in partners:
                c.targets = [None]
            c.refers = refers if c.targets[0] is None else None

    def _talks_partner(self, verb: Token, etype: str) -> list[str]:
        """A yielding act right after talks names the other side of the talks as the one it yields
        to: "called off the strike after talks with the government", "agreed to a truce following
        negotiations with X" (X; the act's own object or preposition came first)."""
        if etype not in self.lex.after_talks_types:
            return []
        talks = [
            n
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ in ("after", "following")
            for n in _prep_objects(verb, (c.lower_,))
            if self.lex.noun.get(lem(n)) == "CONSULT"
        ]
        return self.res.actors([p for n in talks for p in _prep_objects(n, ("with",))])

    def _as_requested(self, verb: Token, etype: str) -> list[str]:
        """A bare "as X (had) demanded" clause: X asked the main clause's subject, who complied or
        refused X ("refused to resign, as X demanded"; "withdrew, as X had urged"; "refused to
        pull out its troops, as X demanded")."""
        res = self.res
        if etype == "REQUEST":
            mark = _child(verb, "mark")
            bare = not _has_child(verb, ("dobj", "ccomp", "xcomp", "dative"))
            echo = self.verb_trig.get(verb.head.i, ("",))[0] == "REQUEST"  # "X demanded it, as Y had"
            if verb.dep_ == "advcl" and mark is not None and mark.lower_ == "as" and bare and not echo:
                return res.actors(_subject_tokens(verb.head))
            return []
        if etype not in ("REJECT", "CONCEDE", "AGREE"):
            return []
        # the clause may hang on the verb, on the verb it completes, or on its own complement
        # ("refused to withdraw the troops, as X demanded": the parser puts it under "withdraw")
        chain = ([verb, verb.head] if verb.dep_ == "xcomp" else [verb]) + [
            c for c in verb.children if c.dep_ == "xcomp"
        ]
        for v in chain:
            for c in v.children:
                mark = _child(c, "mark")
                if c.dep_ == "advcl" and mark is not None and mark.lower_ == "as":
                    if self.verb_trig.get(c.i, ("",))[0] == "REQUEST":
                        return res.actors(_subject_tokens(c))
        return []

    def _verbal_sources(self, verb: Token, obj: Optional[Token], subj_toks: list) -> list[str]:
        """Who acts: the subject, else the actor named in an "in/by <event>" phrase."""
        res = self.res
        sources = res.actors(subj_toks)
        if not sources:  # "were killed in Israeli shelling": the event phrase names the actor
            passive = _is_passive(verb)
            for pobj in _prep_objects(verb, ("in", "during", "by")):
                if pobj.i in self.noun_trig:
                    sources = self._noun_participants(pobj)[0]
                elif (
                    passive
                    and not res.ctx.place_at(pobj)
                    and lem(pobj) not in self.lex.generic_places
                    and not self._named_state(pobj)
                ):
                    sources = res.actors([pobj])  # "killed in an Israeli tank raid", "by Russian fire"
                sources = sources or self._authored_by(pobj)  # "killed by a rocket fired by X"
                if sources:
                    break
        if not sources and obj is not None and _event_noun(obj, self.lex):
            sources = self._noun_participants(obj)[0]  # "staged a Kurdish protest"; not "killed Iraqi civilians"
        return sources or self._subject_event(subj_toks)[0]

    def _bound_pronoun(self, verb: Token) -> bool:
        """A verb joined to a reported clause, without a subject of its own, whose object is "him"/"her"
        ("X said Y had been wronged and offered him asylum"): the pronoun is the reported clause's
        subject, who cannot be the act's own subject, so the act is the speaker's."""
        v = view(verb.doc)
        if v.dep[verb.i] != "conj" or v.dep[v.head[verb.i]] != "ccomp":
            return False
        head = verb.head
        if verb.dep_ != "conj" or _child(verb, "nsubj", "nsubjpass") is not None or head.dep_ != "ccomp":
            return False
        if lem(head.head) not in self.lex.speech:
            return False
        return any(c.dep_ in ("dobj", "dative") and c.lower_ in ("him", "her") for c in verb.children)

    def _named_state(self, tok: Token) -> bool:
        """ "was kidnapped in Niger": a state named by its proper name after "in" is where, not who."""
        key = self.res.ctx.actor_at(tok)
        actor = self.res.ctx.actors.get(key) if key else None
        return (
            tok.pos_ == "PROPN" and tok.head.lower_ in ("in", "during") and actor is not None and actor.type == "state"
        )

    def _subject_event(self, subj_toks: list) -> tuple[list[str], list[str]]:
        """ "The attack launched by X on Y killed ten": a forceful subject event names both sides."""
        for tok in subj_toks:
            kind = self.noun_trig.get(tok.i)
            if kind in ("ASSAULT", "COERCE"):
                src, tgt = self._noun_participants(tok)
                if src:  # "Israeli strikes on <a place>": the state whose territory is struck, as for the noun alone
                    return src, tgt or self._fallback_targets(kind, tok, [tok], src)
            if src := self._authored_by(tok):  # "the blast, claimed by X, killed ten": X's attack
                return src, []
        return [], []

    def _authored_by(self, tok: Token) -> list[str]:
        """The actors a weapon or an attack noun is credited to by a participle on it: "a rocket
        fired by X", "the bombing claimed by X", "a missile believed to be launched by X"."""
        lex = self.lex
        for c in tok.children:
            if c.dep_ != "acl" or c.tag_ != "VBN":
                continue
            verb = c if lem(c) in lex.authoring else None
            if verb is None and lem(c) in lex.authoring_hedges:
                verb = next((x for x in c.children if x.dep_ == "xcomp" and lem(x) in lex.authoring), None)
            agent = _child(verb, "agent") if verb is not None else None
            if agent is not None:
                return self.res.actors(_conjuncts(by)) if (by := _pobj(agent)) is not None else []
        return []

    def _affiliated(self, verb: Token, obj_toks: list) -> list[str]:
        """ "struck depots in X linked to Y": Y's depots; X is only where they are. The parser
        hangs the participle on the object, on the place, or on the verb itself."""
        v = view(verb.doc)
        dep, lower, pos = v.dep, v.lower, v.pos
        if self.affiliating is None:  # the sentence's affiliation participles, found once (a parse tree
            # stays inside its sentence: every token looked at below is one of the sentence's)
            words = self.lex.affiliation
            self.affiliating = any(
                lower[t] in words and pos[t] == "VERB" for t in range(self.sent.start, self.sent.end)
            )
        if not self.affiliating:
            return []
        near = [t for o in obj_toks for t in parse_arrays.subtree_of(v.doc, o.i)] + [
            c for c in v.kids[verb.i] if dep[c] in ("ccomp", "advcl", "conj")
        ]
        for t in near:
            if lower[t] in self.lex.affiliation and pos[t] == "VERB":
                keys = self.res.actors(_prep_objects(v.toks[t], ("to", "with", "by")))
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
        if etype in self.lex.cooperative:
            preps = preps - {"against"}
        frontier = list(toks)
        for _ in range(2):
            nxt = []
            for t in frontier:
                for c in t.children:
                    housed = c.lower_ == "for" and etype in self.lex.forceful and lem(t) in self.lex.shelter_nouns
                    if c.dep_ == "prep" and (c.lower_ in preps or housed):
                        if c.lower_ == "of" and lem(t) in self.lex.opposing_relational:
                            continue  # "arrested a critic of X": the other side of the critic, not the target
                        if c.lower_ == "from" and lem(t) in self.lex.route_nouns:
                            continue  # "reopened the crossing from Chad": one end of the way, no party
                        if c.lower_ in HARM_PREPS and reaction_to_harm(t, self.lex):
                            continue  # "condemned the violence against protesters": the victims
                        obj = _pobj(c)
                        if obj is None or (self.res.at_frontier(obj) and etype not in self.lex.frontier_directed):
                            continue  # "a camp on the Thai border": where, not whose
                        keys = self.res.actors(_conjuncts(obj))
                        if keys:
                            return keys
                        nxt.append(obj)
            frontier = nxt
        return []

    def _has_noun_event(self, verb: Token) -> bool:
        return any(c.i in self.noun_trig for c in verb.children if c.dep_ in OBJ)


def _taken_from(verb: Token, obj_toks: list, lex: Lexicon) -> list[Token]:
    """Whom a thing is taken from ("seized weapons from X", "pulled troops out of Y"); none for a way
    ("closed the road from X": one end of the road, no party to closing it)."""
    if any(lem(o) in lex.route_nouns for o in obj_toks):
        return []
    return _prep_objects(verb, ("from", "out")) + [t for o in obj_toks for t in _prep_objects(o, ("from",))]


def _untargeted(cands: list[Candidate]) -> list[Candidate]:
    """The candidates without targets, one per source."""
    seen: dict = {}
    for c in cands:
        c.targets = [None]
        seen.setdefault(tuple(c.sources), c)
    return list(seen.values())
