"""Nominal triggers: event nouns framed by light verbs, "under", "with", and participles."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from ... import parse_arrays
from .arguments import Candidate
from .parse import (
    ANAPHORIC_DETS,
    _child,
    _child_forms,
    _children,
    _conjuncts,
    _governor,
    _object_tokens,
    _pobj,
    _prep_objects,
    view,
)
from .patterns import hyphened, lem
from .state import CoderState
from .subjects import _negated, _subject_tokens


def _scheduled(noun: Token, gov: Optional[Token], etype: str, mode: Optional[str], lex) -> tuple:
    """(type, mode) of an event noun whose verb is a schedule ("the summit is scheduled for Friday",
    "is planned", "is due on"): a plan told ahead (force: a threat); else as they were."""
    if gov is None or noun.dep_ not in ("nsubj", "nsubjpass"):
        return etype, mode
    heads = lex.scheduled_heads
    if (lem(gov) in heads and gov.tag_ == "VBN" and _child(gov, "auxpass") is not None) or (
        lem(gov) == "be" and any(c.dep_ == "acomp" and c.lower_ in heads for c in gov.children)
    ):
        return ("THREATEN", "threat") if etype in lex.forceful else (etype, "plan")
    return etype, mode


class NominalMixin(CoderState):
    """The events of a nominal trigger and of support participles ("X-backed Y")."""

    def _noun_participants(self, noun: Token) -> tuple[list[str], list[str]]:
        """Source and target named inside a noun phrase: possessive, modifiers, by/of/on/between."""
        res, lex = self.res, self.lex
        src: list[str] = []
        tgt: list[str] = []
        travel = lem(noun) in lex.travel_nouns and _child(noun, "poss") is not None
        for c in _children(noun, ("poss", "compound", "amod", "nmod")):
            k = res.actor(c)
            if k and travel and c.dep_ != "poss":
                tgt.extend([k] if k not in tgt else [])  # "his India visit": India hosts it
            elif k and k not in src:
                src.append(k)
        for c in _children(noun, ("prep", "agent")):
            obj = _pobj(c)
            objs = _conjuncts(obj) if obj is not None else []
            word = c.lower_
            if word in ("by", "from") and not src:
                src.extend(res.actors(objs))
            elif word == "between":
                keys = res.actors(objs)
                if len(keys) > 1:  # "talks between X and Y" names both sides, nothing else
                    return [keys[0]], [k for k in keys[1:] if k != keys[0]]
            elif word in lex.target_preps:
                if word == "of" and lex.noun.get(lem(noun)) in ("CONSULT", "AGREE", "SUPPORT", "AID", "COOPERATE"):
                    if not src:
                        src.extend(res.actors(objs))
                    continue
                if word == "against" and lex.noun.get(lem(noun)) in lex.cooperative:
                    continue  # "cooperation against X": X is the partners' common foe, not their partner
                tgt.extend(k for k in res.actors(objs) if k not in tgt)
        if not src:
            src, tgt = self._clause_participants(noun, tgt)
        return src, tgt

    def _clause_participants(self, noun: Token, tgt: list[str]) -> tuple[list[str], list[str]]:
        """Sides named in a light-verb clause on the noun: "the sanctions imposed by X on Y",
        "attacks carried out by X against Y", "the blockade X imposed on Y"."""
        res, lex = self.res, self.lex
        for c in _children(noun, ("acl", "relcl")):
            if c.pos_ != "VERB" or lem(c) not in lex.light:
                continue
            if c.dep_ == "acl" and c.tag_ != "VBN":
                continue
            agent = _child(c, "agent")
            by = _pobj(agent) if agent is not None else None
            if by is not None:
                src = res.actors(_conjuncts(by))
            elif c.dep_ == "relcl":
                src = res.actors([t for t in c.children if t.dep_ in ("nsubj",) and t.tag_ not in ("WDT", "WP")])
            else:
                src = []
            if src:
                self.rules[noun.i] = f"clause:{lem(c)}+{lem(noun)}"
                more = res.actors(_prep_objects(c, ("on", "against", "upon")))
                return src, tgt + [k for k in more if k not in tgt and k not in src]
        return [], tgt

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
        gov, how = _governor(noun)
        etype = self._nominal_gate(noun, etype, gov, how)
        if not etype:
            return []
        lemma = lem(noun)
        src, tgt = self._noun_participants(noun)
        anchors, args, conf, mode = [noun], [], 0.7, None
        if how == "subj" and gov is not None:
            src, tgt = self._subject_frame(gov, src, tgt)
        light = self._light(noun, gov, how)
        patient = gov is not None and how in ("under", "obj") and lem(gov) in lex.patient
        if how == "under" and gov is not None and gov.pos_ in ("NOUN", "PROPN"):
            tgt = tgt or res.actors([gov])
            args.append(gov)
        elif patient and gov is not None and gov.pos_ in ("VERB", "AUX"):
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
        elif (intent := self._intent(noun, gov, how, etype, anchors)) is not None:
            if not intent:
                return []
            etype, mode, src, conf = intent[0], intent[1], src or intent[2], intent[3]
        elif light and gov is not None:
            self.rules[noun.i] = f"light:{lem(gov)}+{hyphened(noun) or lem(noun)}"
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
            clause = self.rules.get(noun.i, "").startswith("clause:")  # "X imposed by Y": framed in place
            if lemma in lex.frame_only and not clause:
                return []
            det = _child(noun, "det")
            if det is not None and det.lower_ in ANAPHORIC_DETS and not tgt and not clause:
                return []  # "the intervention tilted the war": a known event referred to again
            if gov is not None and lem(gov) in lex.speech:
                conf -= 0.1
        etype, mode = _scheduled(noun, gov, etype, mode, lex) if mode is None else (etype, mode)
        if lex.needs_modifier.get(lemma) is not None and not light and not patient and how != "under":
            mods = _child_forms(noun, ("compound", "amod", "nmod"))
            if not (mods & lex.needs_modifier[lemma]):
                return []
        args.extend(_prep_objects(noun, lex.target_preps))
        return self._expand(etype, noun, anchors, src, tgt, mode, conf, args)

    def _intent(self, noun: Token, gov: Optional[Token], how: str, etype: str, anchors: list) -> Optional[tuple]:
        """An act of force as the object of a head of intent ("was preparing a new offensive", "planned
        an attack", "vowed a crackdown"): the act is intended, not done, and the head's rule decides
        (see modal_heads). (type, mode, sources, confidence), () for no event, None when no such head."""
        if gov is None or how != "obj" or gov.pos_ != "VERB" or etype not in self.lex.forceful:
            return None
        rule = self.lex.modal.get(lem(gov))
        if rule not in INTENT_RULES or lem(gov) in self.lex.reporting_heads:
            return None
        outcome = self._modal_rule(noun, gov, rule, etype, [], anchors, set())
        if not outcome or outcome == "keep":
            return () if outcome is None else None
        self.rules[noun.i] = f"intent:{lem(gov)}+{lem(noun)}"
        return outcome[0], outcome[1], self.res.actors(outcome[2]), outcome[4] - 0.05

    def _subject_frame(self, gov: Token, src: list, tgt: list) -> tuple[list, list]:
        """ "fighting erupted between X and Y", "attacks continued on X": the sides hang on the verb."""
        keys = self.res.actors(_prep_objects(gov, ("between",)))
        if len(keys) > 1 and not src:
            return keys[:1], keys[1:]
        if not tgt:
            tgt = self.res.actors(_prep_objects(gov, ("on", "against")))
        return src, tgt

    def _light(self, noun: Token, gov: Optional[Token], how: str) -> bool:
        """Is the noun the object of a light verb ("launched an attack"), or of a verb of taking
        part ("joined in the offensive"), or of a verb under a modal head?"""
        lex = self.lex
        joins = (
            how == "pobj"
            and gov is not None
            and noun.head.lower_ in ("in", "into", "on", "for")
            and lem(gov) in lex.participation
        )
        return (
            gov is not None
            and (how == "obj" or joins)
            and (lem(gov) in lex.light or joins or (gov.dep_ in ("xcomp", "ccomp") and lem(gov.head) in lex.modal))
        )

    def _nominal_gate(self, noun: Token, etype: str, gov: Optional[Token], how: str) -> str:
        """The noun's category after the checks that cancel or turn it ("" = no event)."""
        lex = self.lex
        if _negated(noun, lex) or self._supposed(noun):
            return ""
        if noun.dep_ == "compound" and noun.head.i in self.noun_trig and lem(noun.head) in lex.frame_heads:
            return ""  # "an aid package", "a mediation mission": the frame head codes the event
        if noun.dep_ == "compound" and lem(noun.head) in lex.described_heads:
            return ""  # "riot police", "assault rifles", "a protest camp": who or what, not an act
        if gov is not None and gov.i in self.verb_trig and how in ("obj", "subj", "pobj"):
            return ""  # "condemned the attack", "airstrikes killed": the verb codes it
        if gov is not None and how == "obj" and lem(gov) in lex.sought_verbs:
            return ""  # "trying to rally support", "hopes to win backing": sought, not given
        if self._topic_of_talks(noun):
            return ""  # "negotiations on a troop pullback", "agreed on a ceasefire": the topic
        if self._charged_act(gov if gov is not None and gov.dep_ == "pcomp" else noun):
            return ""  # "accused X of (launching) attacks": the accusation is the event
        if gov is not None and _negated(gov, lex):
            if lem(gov) not in lex.negated_participation or how != "obj":
                return ""
            self.rules[noun.i] = f"negated:{lem(gov)}+{lem(noun)}"
            return "REJECT"  # "did not attend the summit": a refusal to take part
        return etype

    def _supposed(self, noun: Token) -> bool:
        """Is the act only supposed: "in the event of an attack", "in case of war"?"""
        frame = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
        if frame is not None and lem(frame) in self.lex.supposing_nouns and frame.head.lower_ in ("in", "for"):
            return True
        return False

    def _topic_of_talks(self, noun: Token) -> bool:
        """An event noun that talks or an agreement are about ("talks on a pullback") is their topic,
        not an act of its own."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ not in ("on", "about", "over", "regarding", "concerning"):
            return False
        talk = prep.head
        kinds = {self.verb_trig[talk.i][0]} if talk.i in self.verb_trig else set()
        kinds |= {self.noun_trig[t.i] for t in [talk, *talk.children] if t.i in self.noun_trig and t.i != noun.i}
        return bool(kinds & {"CONSULT", "AGREE"})

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
        framed = self._noun_modality(gov, etype)  # "its refusal to hold talks": as for a verbal trigger
        if framed is not None and not framed[0]:
            return None
        mod = self._apply_modality(gov, etype, anchors, set())
        if framed is not None:
            anchors.append(gov.head)
            mod = (framed[0], framed[1], _subject_tokens(gov), [], 0.7)
        if mod is None:
            return None
        etype, mode, subj_toks, addressee, conf = mod
        if etype == "AGREE" and lem(gov) in self.lex.mediation and src == host and len(between) > 1:
            etype = "CONSULT"  # "brokered a deal between A and B": mediation (CAMEO 045), not the broker's deal
        if mode == "demand":  # "X demanded that Y match Z's support": X asks Y, whoever Z is
            src = res.actors(subj_toks) or src
            tgt = res.actors(addressee) or tgt
        if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children):
            src = res.actors(subj_toks) or src  # "X and Y pledged to deepen their cooperation": the subject
        src = src or res.actors(subj_toks)
        tgt = (
            tgt
            or res.actors([c for c in gov.children if c.dep_ == "dative" and c.pos_ != "ADP"])
            or (res.actors(_object_tokens(gov)) if how == "pobj" else [])
            or res.actors(_prep_objects(gov, self.lex.target_preps))
            or self._purpose_targets(gov)
        )
        if (
            etype == "MOBILIZE"
            and not tgt
            and len(set(src)) > 1
            and "COOPERATE" in self.lex.modifier_type.get(lem(noun), {})
        ):
            etype = "COOPERATE"  # "Indian and Japanese warships began naval drills": two states drill together
        return etype, mode, src, tgt, conf - 0.05, subj_toks

    def participles(self) -> list[Candidate]:
        lex, res, doc = self.lex, self.res, self.sent.doc
        out = []
        lowers = parse_arrays.of(doc).strings_of("lower")
        for i in range(self.sent.start, self.sent.end):
            if lowers[i] not in lex.support_participles:
                continue
            tok = doc[i]
            etype = lex.support_participles.get(tok.lower_)
            if not etype or not self._bare_participle(tok) or _negated(tok, lex):
                continue
            if tok.dep_ == "amod":
                prefix = _children(tok, ("npadvmod", "compound", "nmod", "amod"))
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
            self.rules.setdefault(tok.i, f"participle:{tok.lower_}")
            out.extend(self._expand(etype, tok, [tok], src, tgt, None, 0.75, []))
        return out

    def _charged_act(self, tok: Token) -> bool:
        """Is tok the act someone is accused of or blamed for ("accused X of attacks",
        "blamed X for launching attacks")? Then only the accusation is an event."""
        v = view(tok.doc)
        if v.dep[tok.i] not in ("pobj", "pcomp") or v.lower[v.head[tok.i]] not in ("of", "for"):
            return False
        host = tok.head.head
        if host.dep_ in ("dobj", "obj") and host.i not in self.verb_trig:
            host = host.head
        if lem(host) in self.lex.factive_judging:
            return False  # "condemned X for sending troops": the act happened
        return self.verb_trig.get(host.i, ("",))[0] in ("ACCUSE", "REJECT")


# Rules of modal heads (plover_frames.yaml modal_heads) that make an event noun they take as object an
# intended act: "preparing an offensive" (posture), "planned an attack" (plan), "vowed a crackdown".
INTENT_RULES = frozenset({"posture", "plan", "threat", "promise", "agree"})
