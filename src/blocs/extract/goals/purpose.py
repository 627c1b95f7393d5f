"""Purpose clauses: "in order to X", "sent tanks to prevent X", "so that aid can reach X".

The goal is the aim of the clause the purpose hangs on; its owner is that clause's
subject. Complements ("began to", "has to") and courses only urged ("should take the
route to") are no purposes.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

from ... import parse_arrays
from ...context import sent_of
from ..quotes import is_speech_verb
from .spans import _clause_stop, goal_span
from .wording import _cue_lemmas, cues, speech_lemmas


def _purpose_goal(tok: Token) -> Optional[tuple[Span, Token]]:
    """ "in order to X", "in a bid to X": the goal of the clause it hangs on."""
    if tok.lower_ != "to" or tok.dep_ != "aux":
        return None
    doc, i = tok.doc, tok.i
    lowers = parse_arrays.of(doc).strings_of("lower")
    for words in cues()["purpose"]:
        n = len(words)
        if i >= n - 1 and lowers[i - n + 1 : i + 1] == words:
            span = goal_span(tok.head)
            main = tok.head.head if tok.head.dep_ in ("advcl", "xcomp", "acl") else tok.head
            return (span, main) if span is not None else None
    return None


def _bare_purpose(tok: Token) -> Optional[tuple]:
    """ "sent tanks to prevent ...", "accepted two envoys to co-ordinate ...", "a deployment, in part
    to reassure allies", "an intervention to reverse the coup": a to-clause of purpose."""
    lex = cues()
    if tok.lower_ != "to" or tok.dep_ != "aux":
        return None
    verb, head = tok.head, tok.head.head
    if (
        verb.pos_ not in ("VERB", "AUX")
        or verb.i == head.i
        or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)
    ):
        return None
    located = head.lemma_ == "be" and verb.dep_ == "advcl" and _stationed(head, verb) or _kept_there(head, verb)
    means = head.lemma_.lower() in lex["means_verbs"] and (_thing_object(head, verb) or _passive_means(head, verb))
    if not located and not means and (_cue_head(head, verb) or head.lemma_.lower() in lex["no_purpose_heads"]):
        return None
    if verb.dep_ in ("acl", "relcl") and _means_object(head, verb):  # "needs Saudi money to keep its economy afloat"
        span = goal_span(verb, tok.i)
        return (span, head.head) if span is not None else None
    if verb.dep_ in ("acl", "relcl"):  # the parser hangs "a way to contain ..." as either
        accord = head.lemma_.lower() in lex["accord_nouns"]
        if head.pos_ != "NOUN" or head.lemma_.lower() not in lex["action_nouns"] and not accord:
            return None
        if any(c.dep_ == "poss" for c in head.children) or accord:
            span = goal_span(verb, tok.i)  # "Russia's intervention to reverse ...", "the treaty to settle ..."
            return (span, head, head) if span is not None else None
        anchor = (
            head.head if head.dep_ in ("dobj", "pobj", "attr", "appos") else head
        )  # "threatened an intervention to ..."
    elif verb.dep_ in ("advcl", "xcomp"):
        if head.pos_ not in ("VERB", "AUX") or head.lemma_ == "be" and not located:
            return None
        if (
            verb.dep_ == "xcomp"
            and head.lemma_.lower() not in lex["acting_verbs"]
            and not any(c.dep_ in ("dobj", "dative") and c.i < verb.i for c in head.children)
        ):
            return None  # "began to", "has to", "were supposed to": a complement, not a purpose
        anchor = head
    else:
        return None
    modals = {c.lower_ for c in anchor.children if c.dep_ == "aux"} & {
        "should",
        "must",
        "could",
        "would",
        "might",
        "may",
        "ought",
    }
    if modals and not (modals == {"would"} and _reported_plan(anchor)):
        return None  # "should take the route to resolve ...": a course urged, not a deed done
    if any(c.dep_ == "neg" for c in anchor.children):
        return None  # "did not send troops to protect ...": no deed, so no aim of one
    start = verb.left_edge.i if verb.left_edge.i < tok.i and verb.left_edge.text != "," else tok.i
    start = _hedge_start(tok, start)
    span = goal_span(verb, start)
    return (span, anchor) if span is not None else None


def _reported_plan(verb: Token) -> bool:
    """ "announced it would deploy troops to ...", "said they would send envoys to ...": the
    future of a deed told as planned, not a deed only imagined ("would have to")."""
    return verb.dep_ == "ccomp" and is_speech_verb(verb.head) and not any(c.dep_ == "neg" for c in verb.children)


def _cue_head(head: Token, verb: Optional[Token] = None) -> bool:
    """A head some other rule reads as a cue of its own part of speech ("seeking to", "keen to",
    "a bid to"); a verb that is only a noun cue ("positioning herself to ...") is none, nor a demand
    verb whose object is a thing (`_called_thing`)."""
    lex, lemma = cues(), head.lemma_.lower()
    if lemma not in _cue_lemmas():
        return False
    if verb is not None and head.pos_ == "VERB" and lemma not in lex["verbs"] and _called_thing(head, verb):
        return False
    if head.pos_ == "NOUN":  # "a move to ...": a noun only the verb lists name is no goal noun
        return lemma in lex["nouns"]
    if head.pos_ == "VERB":
        return lemma not in (lex["nouns"] | lex["position_nouns"] | lex["adjectives"]) or lemma in (
            lex["verbs"]
            | lex["demand_verbs"]
            | set(lex["for_verbs"])
            | set(lex["focus_verbs"])
            | lex["mandative_verbs"]
        )
    return True


def _called_thing(head: Token, verb: Token) -> bool:
    """ "called an emergency summit to discuss ...", "pressed the point to win votes", "recalled its
    ambassador to protest ...", "announced new sanctions to punish ...": a demand or speech verb
    with a thing for object and no side called on or thing called for is a deed, whose to-clause
    is its purpose."""
    return (
        head.lemma_.lower() in cues()["demand_verbs"] | speech_lemmas()
        and _thing_object(head, verb)
        and not any(c.dep_ == "prep" and c.lower_ in ("on", "upon", "for") for c in head.children)
    )


def _thing_object(head: Token, verb: Token) -> bool:
    """ "used drones to ...", "needs money to ...", "needed just six (years) to ...": an object (no person or body, which would
    be asked to act) between a verb of means and its to-clause."""
    return any(
        c.dep_ == "dobj"
        and c.i < verb.i
        and c.pos_ in ("NOUN", "NUM")
        and c.ent_type_ not in ("PERSON", "ORG", "NORP", "GPE")
        for c in head.children
    )


def _means_object(obj: Token, verb: Token) -> bool:
    """ "needs foreign money to stay afloat", "bought drones to watch the border": a thing that a
    verb of means takes, with the to-clause it is for hung on the thing."""
    owner = obj.head
    return (
        obj.dep_ == "dobj"
        and owner.pos_ == "VERB"
        and owner.lemma_.lower() in cues()["means_verbs"]
        and _thing_object(owner, verb)
        and not any(c.dep_ == "neg" for c in owner.children)
    )


def _passive_means(head: Token, verb: Token) -> bool:
    """ "its troops are needed to protect the border", "drones were used to strike ...": the
    subject of a passive verb of means is the means, the to-clause its purpose."""
    return verb.dep_ == "advcl" and any(c.dep_ == "auxpass" for c in head.children)


def _stationed(be: Token, verb: Token) -> bool:
    """ "troops are in Congo to defend ...", "we are here to protect ...": a presence whose
    to-clause says what it is for (a copula alone, "is to", is no purpose)."""
    return any(
        c.i < verb.i
        and (
            c.dep_ == "advmod" and c.lower_ in ("here", "there") or c.dep_ == "prep" and c.lower_ in ("in", "on", "at")
        )
        for c in be.children
    )


def _kept_there(have: Token, verb: Token) -> bool:
    """ "France has 1,500 troops in Niger to fight ...", "Russia has a base in Tartus to ...": forces
    or means kept somewhere (data: action_nouns), whose to-clause says what they are there for."""
    if have.lemma_ != "have":
        return False
    obj = next((c for c in have.children if c.dep_ == "dobj" and c.i < verb.i), None)
    return (
        obj is not None
        and obj.lemma_.lower() in cues()["action_nouns"] | {"troop", "soldier", "force", "base"}
        and any(c.dep_ == "prep" and c.lower_ in ("in", "on", "at") for c in [*obj.children, *have.children])
    )


def _hedge_start(to: Token, start: int) -> int:
    """ ", in part to reassure ...", ", partly to ...": the hedge between a comma and "to" goes with the aim."""
    doc = to.doc
    for k in range(start - 1, max(start - 4, sent_of(to).start) - 1, -1):
        if doc[k].text == ",":
            return k + 1
        if doc[k].pos_ not in ("ADV", "ADP", "NOUN", "ADJ", "PART", "DET"):
            break
    return start


def _so_that_goal(tok: Token) -> Optional[tuple]:
    """ "... so that aid can reach the city": a purpose clause with its own subject."""
    if tok.lower_ != "so" or tok.dep_ != "mark" or tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].lower_ != "that":
        return None
    clause = tok.head
    if clause.dep_ != "advcl" or clause.head.pos_ not in ("VERB", "AUX"):
        return None
    span = tok.doc[tok.i + 2 : _clause_stop(clause)]
    return (span, clause.head) if len(span) >= 2 else None
