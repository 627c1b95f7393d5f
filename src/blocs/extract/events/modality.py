"""Modality: threats, plans, demands, refusals and intents from modal heads and auxiliaries."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from .parse import _child, _child_forms, _conjuncts, _has_child, _object_tokens, _prep_objects, view
from .patterns import Lexicon, lem, lem_at
from .state import CoderState
from .subjects import _negated, _subject_tokens


class ModalityMixin(CoderState):
    """How a verb's frame (modal head, auxiliary, negation) turns its act into a plan, threat or demand."""

    def _obligation(self, verb: Token) -> bool:
        v = view(verb.doc)
        return (
            v.dep[verb.i] == "ccomp"
            and lem_at(v.arrays, v.head[verb.i]) in self.lex.speech
            and _has_child(verb, ("aux",), self.lex.obligation)
        )

    def _hostile_wish(self, verb: Token, head: Token) -> bool:
        """ "X wants to attack Y": a wish verb (no subject of its own for the act, not negated) whose
        act of force has an actor as its object."""
        return (
            lem(head) in self.lex.hostile_wish
            and verb.dep_ == "xcomp"
            and _child(verb, "nsubj") is None
            and not _negated(head, self.lex)
            and bool(self.res.actors(_object_tokens(verb)))
        )

    def _demanded_clause(self, verb: Token) -> Optional[Token]:
        """The reported clause with "must"/"should" that a verb is the complement of, through a modal
        head ("said that Y must be ready to mediate", "announced that Y must agree to Z before ..."):
        that clause's verb, or None. The verb heading such a clause itself is `_obligation`'s case."""
        v = view(verb.doc)
        dep, head, arrays = v.dep, v.head, v.arrays
        i, steps = verb.i, 0
        while dep[i] in ("xcomp", "acomp", "advcl") and head[i] != i and steps < 4:
            if dep[i] == "advcl" and lem_at(arrays, head[i]) not in self.lex.modal:
                return None
            i, steps = head[i], steps + 1
        if steps == 0 or not self._obligation(v.toks[i]):
            return None
        return v.toks[i]

    def _future(self, verb: Token) -> Optional[str]:
        v = view(verb.doc)
        dep, lower = v.dep, v.lower
        auxes = {lower[c] for c in v.kids[verb.i] if dep[c] == "aux"}
        if auxes & self.lex.future:
            return "future"
        if auxes & self.lex.obligation:
            return "obligation"
        if auxes & self.lex.hypothetical:
            return "hypothetical"
        if "going" in auxes:
            return "future"
        if "to" in auxes and verb.dep_ == "xcomp" and verb.head.lemma_ == "be" and _child(verb.head, "nsubj"):
            return "future"  # "Russia is to send troops": an arranged act, not yet done
        return None

    def _forecast(self, verb: Token) -> bool:
        """An act under a verb of necessity with a modal auxiliary: "will have to", "may need to"."""
        v = view(verb.doc)
        h = v.head[verb.i]
        if v.dep[verb.i] != "xcomp" or h == verb.i or lem_at(v.arrays, h) not in self.lex.necessity:
            return False
        head = v.toks[h]
        auxes = _child_forms(head, ("aux",))
        return bool(auxes & (self.lex.future | self.lex.hypothetical | self.lex.obligation))

    def _apply_modality(self, verb: Token, etype: str, anchors: list, wrapped: set) -> Optional[tuple]:
        """(type, mode, source tokens, addressee tokens, conf) after modal heads and auxiliaries; None = no event."""
        lex = self.lex
        link = _joined_infinitive_head(verb)
        head, dep = link.head, link.dep_
        subj_toks = _subject_tokens(verb)
        demanded = self._demanded_clause(verb)
        if demanded is not None:  # "X said Y must be ready to mediate / must agree to Z": X demands it of Y
            anchors.append(demanded)
            wrapped.add(demanded.i)
            return "REQUEST", "demand", _subject_tokens(demanded.head), _subject_tokens(demanded), 0.65
        asked = self._asked_for(link, head, dep, anchors, wrapped)
        if asked != "keep":
            return asked
        helped = self._helped_modality(link, etype, subj_toks)
        if helped != "keep":
            return helped
        if (
            dep in ("xcomp", "ccomp", "advcl")
            and lem(head) in lex.modal
            and head.i != verb.i
            and not _clause_of_its_own(link)
            and not _helped_doer(link, lex.helping)
        ):
            head, rule = self._outer_modal(head, anchors, wrapped)
            if dep == "advcl" and rule not in ("plan", "agree", "promise"):
                rule = None
            own_subject = _child(verb, "nsubj")
            if (
                rule in ("plan", "goal")
                and lem(head) in lex.wish
                and own_subject is not None
                and own_subject.tag_ != "PRP"
            ):
                return "REQUEST", "demand", _subject_tokens(head), _conjuncts(own_subject), 0.65  # "wants X to attack"
            if dep == "ccomp" and rule == "plan" and _subjunctive(link):
                anchors.append(head)  # "proposed that Sweden extradite X": asked of Sweden, not done
                wrapped.add(head.i)
                return "REQUEST", "demand", _subject_tokens(head), subj_toks, 0.6
            if dep == "ccomp" and rule in ("plan", "keep", "goal"):
                rule = None  # "announced that it had withdrawn": the clause's own tense decides
            if dep == "ccomp" and rule == "refuse" and verb.i < head.i:
                rule = None  # "X accused Y of Z, a charge Y denies": the clause before is X's own act
            if rule == "goal" and etype in lex.forceful and self._hostile_wish(verb, head):
                anchors.append(head)  # "X wants to attack Y": a threat against Y
                wrapped.add(head.i)
                return "THREATEN", "threat", _subject_tokens(head), [], 0.55
            if rule == "goal" and etype not in lex.cooperative:
                return None  # "is seeking to capture X": an aim (the goals stage), not an act or a threat
            if rule == "goal":  # "seeking to deepen a partnership": intent to cooperate (CAMEO 03)
                anchors.append(head)
                wrapped.add(head.i)
                return "AGREE", "plan", _subject_tokens(head), [], 0.6
            if rule:
                outcome = self._modal_rule(verb, head, rule, etype, subj_toks, anchors, wrapped)
                if outcome != "keep":
                    return outcome
        return self._tense_modality(verb, head, etype, subj_toks, anchors)

    def _asked_for(self, link: Token, head: Token, dep: str, anchors: list, wrapped: set):
        """ "X called / pushed for Y to <act>" (a "for" clause with a subject of its own under a
        demanding head): X's demand of Y, nothing done; None (no event) when the demand is denied
        ("did not call for Y to withdraw"); "keep" when the act is no such clause."""
        lex = self.lex
        if dep != "advcl" or head.i == link.i or lex.modal.get(lem(head)) != "demand":
            return "keep"
        own = _child(link, "nsubj")
        if own is None or not _has_child(link, ("mark",), ("for",)):
            return "keep"
        if _negated(head, lex):
            return None
        anchors.append(head)
        wrapped.add(head.i)
        return "REQUEST", "demand", _subject_tokens(head), _conjuncts(own), 0.65

    def _helped_modality(self, link: Token, etype: str, subj_toks: list):
        """The helped party's act ("offered to help X negotiate with Y"): planned when the helping
        is, not reported when it is refused; "keep" when the act is no helped act or the help is done."""
        if not _helped_doer(link, self.lex.helping):
            return "keep"
        helping = link.head.head if link.dep_ == "pcomp" else link.head
        helper = self._noun_modality(helping, "AID") or self._apply_modality(helping, "AID", [], set())
        if helper is None or not helper[0]:
            return None  # "failed to help X retake Y": X's act is not reported either
        if helper[1] is None:
            return "keep"
        return etype, "hypothetical" if helper[1] == "hypothetical" else "plan", subj_toks, [], 0.5

    def _tense_modality(self, verb: Token, head: Token, etype: str, subj_toks: list, anchors: list) -> Optional[tuple]:
        """The act's own auxiliaries and forecasts, once no modal head decided it."""
        lex = self.lex
        if self._forecast(verb):
            return etype, "hypothetical", subj_toks, [], 0.5  # "may soon have to accept talks"
        aux = self._future(verb)
        if aux == "obligation" and verb.dep_ == "ccomp" and (lem(head) in lex.speech or head.pos_ == "VERB"):
            anchors.append(head)  # "X said / concluded that Y must withdraw": X demands it of Y
            return "REQUEST", "demand", _subject_tokens(head), subj_toks, 0.65
        if aux == "obligation":
            return etype, "hypothetical", subj_toks, [], 0.5  # "Y must withdraw": no act yet
        if aux == "hypothetical" and self._speculation(verb, subj_toks):
            return etype, "hypothetical", subj_toks, [], 0.5  # "analysts said Iran might retaliate"
        if self._conditional_threat(verb, aux, etype):
            if _deployment_to(verb, etype, self.lex.helping):  # "will send troops to X if asked": no threat to the host
                return etype, "hypothetical", subj_toks, [], 0.5
            return "THREATEN", "threat", subj_toks, [], 0.6  # "will withdraw unless ...", "may cut aid if ..."
        if aux in ("future", "hypothetical") and self._counterfactual(verb):
            return etype, "hypothetical", subj_toks, [], 0.5  # "would back X if the war spread": no promise
        if aux in ("future", "hypothetical"):
            if etype in lex.cooperative:  # "will supply arms": a promise of future action (PLOVER AGREE)
                return "AGREE", "plan", subj_toks, [], 0.65 if aux == "future" else 0.5
            if etype in lex.forceful and not _deployment_to(verb, etype, self.lex.helping):
                return "THREATEN", "threat", subj_toks, [], 0.65 if aux == "future" else 0.5
            if etype != "THREATEN" and not _negated(verb, lex):  # "will impose sanctions", "would veto X": not done
                return etype, "plan" if aux == "future" else "hypothetical", subj_toks, [], 0.5
        return etype, None, subj_toks, [], 0.8

    def _speculation(self, verb: Token, subj_toks: list) -> bool:
        """Is "X could/might/may <act>" said by someone other than X ("analysts warned Russia could
        cut gas", "US officials said Iran might retaliate")? A forecast about X, no threat by X."""
        clause = verb
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        head = clause.head
        if clause.dep_ != "ccomp" or lem(head) not in self.lex.speech:
            return False
        if any(t.tag_ == "PRP" for t in subj_toks):
            return False  # "X said it could ...": the speaker's own act
        doers = set(self.res.actors(subj_toks))
        return bool(doers) and not doers & set(self.res.actors(_subject_tokens(head)))

    def _outer_modal(self, head: Token, anchors: list, wrapped: set) -> tuple[Token, Optional[str]]:
        """ "vowed to keep attacking": past a "keep" head, the outer modal head decides."""
        rule = self.lex.modal[lem(head)]
        while rule == "keep" and head.dep_ == "xcomp" and lem(head.head) in self.lex.modal:
            anchors.append(head)
            wrapped.add(head.i)
            head = head.head
            rule = self.lex.modal[lem(head)]
        return head, rule

    def _counterfactual(self, verb: Token) -> bool:
        """ "would back X if ...", "could join Y if ...": an act under "would"/"could"/"might" with an
        "if" clause is supposed, not promised ("will send troops if asked" stays a plan)."""
        v = view(verb.doc)
        dep, lower, kids = v.dep, v.lower, v.kids
        if not any(dep[c] == "aux" and lower[c] in self.lex.counterfactual_aux for c in kids[verb.i]):
            return False
        marks = self.lex.unreal_marks
        return any(
            dep[c] == "advcl" and any(dep[m] == "mark" and lower[m] in marks for m in kids[c]) for c in kids[verb.i]
        )

    def _conditional_threat(self, verb: Token, aux: Optional[str], etype: str) -> bool:
        """An act announced under a condition: "will withdraw unless ..." (any act but a refusal),
        "may impose sanctions if ..." (a hostile act, conditional_threats): a threat (CAMEO 13)."""
        v = view(verb.doc)
        dep, lower, kids = v.dep, v.lower, v.kids
        marks = {lower[m] for c in kids[verb.i] if dep[c] == "advcl" for m in kids[c] if dep[m] == "mark"}
        if aux == "future" and "unless" in marks and etype != "REJECT":
            return True
        return (
            aux in ("future", "hypothetical")
            and bool(marks & {"if", "unless"})
            and etype in self.lex.conditional_threats
        )

    def _modal_rule(
        self, verb: Token, head: Token, rule: str, etype: str, subj_toks: list, anchors: list, wrapped: set
    ):
        """The event a modal head's rule makes of the act under it (see modal_heads in
        plover_frames.yaml): a tuple as `_apply_modality` returns, None for no event, or "keep"."""
        lex = self.lex
        if (_negated(head, lex) or _negated_copula(head, lex)) and rule != "negate":
            return None  # "did not agree to", "is not ready / not about to withdraw"
        anchors.append(head)
        wrapped.add(head.i)
        if (
            rule == "negate"
            and lem(head) == "fail"
            and etype in ("AGREE", "CONSULT", "COOPERATE")
            and verb.i in self.verb_trig
        ):
            return "REJECT", None, _subject_tokens(head), [], 0.6  # "failed to reach agreement"
        if rule == "negate":
            return None
        if rule == "posture":
            rule = "plan"
            if etype in lex.forceful and not _stative(head):  # "prepared to resume shelling"
                return "MOBILIZE", "plan", _subject_tokens(head), [], 0.7
        if rule == "threat":
            return "THREATEN", "threat", _subject_tokens(head), [], 0.75
        if rule == "promise" and etype in lex.forceful:
            return "THREATEN", "threat", _subject_tokens(head), [], 0.75  # "pledged to kill", "swore to fight"
        if rule in ("agree", "promise"):
            return "AGREE", "plan", _subject_tokens(head), [], 0.75
        if rule == "schedule" and etype == "CONSULT":  # "is due to meet X", "is scheduled to attend talks"
            return "CONSULT", "plan", subj_toks or _subject_tokens(head), [], 0.7  # arranged, as PLOVER codes it
        if rule == "schedule":
            rule = "plan"
        if rule == "plan":
            # a stated intent ("plans to send aid") is CAMEO 03 (AGREE); to use force, 13 (THREATEN)
            t = "AGREE" if etype in lex.cooperative else "THREATEN" if etype in lex.forceful else etype
            if t == "THREATEN" and _deployment_to(verb, etype, self.lex.helping):
                t = etype  # "plans to send troops to Lithuania": a deployment planned, no threat to its host
            return t, ("threat" if t == "THREATEN" else "plan"), _subject_tokens(head), [], 0.7
        if rule == "demand":
            if verb.dep_ == "ccomp" and lem(head) in lex.speech and not (_subjunctive(verb) or self._obligation(verb)):
                return "keep"  # "insisted that the RSF had shelled X": a claim reported, no demand
            addressee = _object_tokens(head) + _prep_objects(head, ("on", "upon"))
            if not self.res.actors(addressee) and verb.dep_ == "ccomp":  # "demanded on Thursday that X end"
                addressee = subj_toks
            return "REQUEST", "demand", _subject_tokens(head), addressee, 0.7
        if rule == "refuse":
            return "REJECT", None, _subject_tokens(head), [], 0.75
        return "keep"  # the act itself ("tried to storm X")

    def _under_goal(self, verb: Token) -> bool:
        """Is the verb deep inside the complement of an aim ("seeks to force X to halt Y")?
        The direct complement of the aim is judged by `_apply_modality`."""
        v = view(verb.doc)
        dep, head, arrays, modal = v.dep, v.head, v.arrays, self.lex.modal
        i, via_xcomp, steps = verb.i, False, 0
        while dep[i] in ("xcomp", "conj") and head[i] != i and steps < 8:
            via_xcomp |= dep[i] == "xcomp"
            i, steps = head[i], steps + 1
            if via_xcomp and modal.get(lem_at(arrays, i)) == "goal" and not (steps == 1 and dep[verb.i] == "xcomp"):
                return True  # "seeking to keep X and to prevent Y", "seeking to force X to halt"
        return False

    def _unreal(self, tok: Token) -> bool:
        """Is the act only supposed: under "if"/"unless"/"whether", or in a question?
        ("if fighting erupts", "asked whether X would restrain Y"). Such events get mode
        "hypothetical" and are kept apart from what happened. Answered once per token."""
        if self.question:
            return True
        found = self.unreal_at.get(tok.i)
        if found is None:
            found = self.unreal_at[tok.i] = self._unreal_walk(tok)
        return found

    def _asked(self, tok: Token) -> bool:
        """Is the act the open question of a "whether" clause ("unclear whether X would invade Y",
        "asked whether it would strike")? Such a threat is nobody's threat: it is supposed."""
        return self._unreal_walk(tok, self.lex.asking_marks)

    def _unreal_walk(self, tok: Token, marks: Optional[frozenset] = None) -> bool:
        """`_unreal` without the question and memo: up the clauses from tok, over the parse arrays."""
        v = view(tok.doc)
        dep, lower, head, toks = v.dep, v.lower, v.head, v.toks
        i, marks = tok.i, self.lex.unreal_marks if marks is None else marks
        for _ in range(8):
            kids = v.kids[i]
            if any(dep[c] == "mark" and lower[c] in marks for c in kids):
                return True
            d = dep[i]
            if d in ("advcl", "ccomp", "conj") and _inverted(toks[i]):
                return True  # "were it to intervene", "had they known", "should talks fail"
            if d in ("advcl", "xcomp") and lower[head[i]] in INVERTING and _inverted(toks[head[i]]):
                return True  # the parser hangs the act on the inverted "were" ("were it to intervene")
            if d not in UNREAL_PATH or head[i] == i:
                return False
            if d in ("advcl", "ccomp") and not any(dep[c] == "mark" for c in kids):
                return False
            i = head[i]
        return False

    def _noun_modality(self, verb: Token, etype: str) -> Optional[tuple]:
        """An act under a modal noun ("its refusal to ship", "a threat to strike", "the decision
        to support"): (type, mode), ("", None) for no event, or None when no modal noun frames it."""
        if view(verb.doc).dep[verb.i] != "acl":
            return None  # (both readings below want a clause on a noun)
        head = verb.head
        if verb.dep_ == "acl" and _has_child(verb, ("mark",), ("that",)):
            if self.lex.modal_nouns.get(lem(head), "keep") != "keep":
                return "", None  # "its demand that Israel withdraw": asked for, not done (the demand is the event)
            return None
        if verb.dep_ != "acl" or not _has_child(verb, ("aux",), ("to",)):
            return None
        rule = self.lex.modal_nouns.get(lem(head))
        if rule is None:
            return None
        if rule == "negate" or _negated(head, self.lex) or self._withdrawn(head):
            return "", None
        if rule == "refuse":
            return "REJECT", None
        if rule == "threat" or (rule in ("plan", "agree") and etype in self.lex.forceful):
            return "THREATEN", "threat"
        if rule in ("plan", "agree"):
            return ("AGREE" if rule == "agree" else etype), "plan"
        if rule == "demand":
            return "REQUEST", "demand"
        return etype, None  # keep: "its decision to support X" reports the act

    def _withdrawn(self, noun: Token) -> bool:
        """ "rejected a US offer to host talks", "cancel plans to sell arms": the plan, offer or
        decision is refused or called off, so the act under it is no event (the refusal is)."""
        gov = noun.head
        if noun.dep_ not in ("dobj", "obj", "nsubjpass") or gov.i == noun.i:
            return False
        return self.verb_trig.get(gov.i, ("",))[0] == "REJECT" or self.lex.modal.get(lem(gov)) in ("negate", "refuse")


def _deployment_to(verb: Token, etype: str, helping: frozenset = frozenset()) -> bool:
    """A planned deployment to a named host and no adversary ("will send troops to Lithuania",
    "is due to deploy police to Haiti", "would send ships to help X"): where forces go is their
    host, not the one threatened; "send troops against X", "into X" or "to the border (with X)" stays a threat."""
    if etype != "MOBILIZE":
        return False
    if any(c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in helping for c in verb.children):
        return True  # sent to help: the helped one is the host
    heads = [verb, *(c for c in verb.children if c.dep_ == "dobj")]  # "send warships to X": "to" may hang on the object
    preps = {
        c.lower_
        for h in heads
        for c in h.children
        if c.dep_ in ("prep", "dative") and any(g.dep_ == "pobj" and g.pos_ == "PROPN" for g in c.children)
    }
    return "to" in preps and not preps & {"against", "into"}


def _negated_copula(head: Token, lex: Lexicon) -> bool:
    """ "is not ready to", "was not willing to": an adjective of intent whose copula is negated."""
    return head.dep_ == "acomp" and head.head.i != head.i and lem(head.head) == "be" and _negated(head.head, lex)


def _stative(head: Token) -> bool:
    """ "is prepared to", "was ready to": a state of readiness (a passive-looking participle with
    "be"), not the act of preparing."""
    if head.dep_ == "acomp" or head.pos_ == "ADJ":
        return True
    return any(c.dep_ in ("auxpass", "aux") and c.lemma_ == "be" for c in head.children) and head.tag_ == "VBN"


def _inverted(verb: Token) -> bool:
    """A conditional by inversion: an auxiliary before the clause's subject ("were it to ...")."""
    v = view(verb.doc)  # the children read off the View: no Token each
    dep, lower, kids = v.dep, v.lower, v.kids[verb.i]
    subj = next((c for c in kids if dep[c] in ("nsubj", "nsubjpass", "expl")), None)
    if subj is None:
        return False
    if lower[verb.i] in INVERTING and subj > verb.i:
        return True  # the parser may make "were" itself the clause head
    return any(dep[c] in ("aux", "auxpass") and lower[c] in INVERTING and c < subj for c in kids)


INVERTING = frozenset({"were", "had", "should"})
# Links `_unreal` climbs from an act to the clause that may suppose it.
UNREAL_PATH = frozenset({"conj", "xcomp", "advcl", "ccomp", "nsubj", "nsubjpass", "dobj", "pobj", "prep"})


def _clause_of_its_own(verb: Token) -> bool:
    """An adverbial clause with a subordinator or a subject of its own ("agreed to resume talks, a
    year after Duque suspended them") tells its own act; only a bare purpose or manner clause
    ("agreed, to end the war") falls under the head's modality."""
    return verb.dep_ == "advcl" and _has_child(verb, ("mark", "nsubj", "nsubjpass"))


def _helped_doer(verb: Token, helping: frozenset) -> list[Token]:
    """ "helped the rebels fight the army", "vowed to help X resist Y": the doer of an act under a
    verb of helping, when the act has one of its own (its subject, or the helping verb's object);
    the act is then the doer's, and the help goes to the doer. [] when the helper acts itself."""
    v, i = view(verb.doc), verb.i
    d, h, arrays = v.dep[i], v.head[i], v.arrays
    if d == "pcomp" and v.lower[h] == "in" and lem_at(arrays, v.head[h]) in helping:
        aided = _child(v.toks[v.head[h]], "dobj")  # "assisted X in repelling Y"
        return _conjuncts(aided) if aided is not None else []
    if d not in ("xcomp", "ccomp") or h == i or lem_at(arrays, h) not in helping:
        return []
    head = v.toks[h]
    own = _child(verb, "nsubj")
    if own is not None:
        return [] if own.tag_ == "PRP" and own.lower_ in ("we", "i") else _conjuncts(own)
    held = _child(head, "dobj") if verb.dep_ == "xcomp" else None
    return _conjuncts(held) if held is not None else []


def _subjunctive(verb: Token) -> bool:
    """A clause in the mandative subjunctive: a bare verb with a subject of its own and no
    auxiliary ("proposed that Sweden extradite X", "decided that the army withdraw")."""
    return verb.tag_ == "VB" and _child(verb, "nsubj") is not None and not _has_child(verb, ("aux", "auxpass"))


def _joined_infinitive_head(verb: Token) -> Token:
    """ "urged X to release Y and (to) open talks": the second act, joined without a subject of its
    own, hangs on the first one's head (it is urged too)."""
    v = view(verb.doc)
    dep, tag, head, kids, link = v.dep, v.tag, v.head, v.kids, verb.i
    while (
        dep[link] == "conj"
        and tag[link] == "VB"
        and head[link] != link
        and not any(dep[c] in ("nsubj", "nsubjpass") for c in kids[link])
    ):
        link = head[link]
    return verb if link == verb.i else v.toks[link]


def withheld_act(trig: Token, lex: Lexicon) -> bool:
    """Is the act kept from happening by the verb whose object holds it? Inside the object of a
    refusal or denial ("rejected an offer to host talks", "dismissed claims that X backs Y"), or
    the object of a blocking verb itself ("blocked an EU aid package"). The refusal is the event."""
    v = view(trig.doc)
    dep, pos, heads, arrays = v.dep, v.pos, v.head, v.arrays
    k = trig.i
    for _ in range(8):  # up the heads, over the parse arrays
        head = heads[k]
        if head == k:
            return False
        d = dep[k]
        if d in ("dobj", "obj", "nsubjpass") and pos[head] == "VERB":
            lemma = lem_at(arrays, head)
            if lemma in lex.preventing or (k != trig.i and lemma in lex.withholding):
                return True
        elif d == "prep" and pos[head] == "VERB" and lem_at(arrays, head) in lex.withholding:
            return heads[trig.i] != k  # "reneged on its promise to hold talks"
        elif d not in WITHHELD_PATH:
            return False
        k = head
    return False


# Links from an act up to the object of a verb that withholds it (no relative clauses: they state facts).
WITHHELD_PATH = frozenset({"acl", "xcomp", "ccomp", "prep", "pobj", "compound", "amod", "nmod", "advcl", "pcomp"})
