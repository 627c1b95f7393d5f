"""Goals set as conditions and terms: "Egypt will sign the deal only if Ethiopia halts the
filling", "Hamas will not free the hostages unless Israel ends the war" (what a side makes its own
deed hang on is what it wants of the other); "under the deal, Rwanda will withdraw its troops",
"the two agreed that an attack on one would be an attack on both" (what a party takes on under
an accord is what it bound itself to).
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

from .spans import _clause_stop, _that_clause, goal_span
from .wording import _to_infinitive, cues


def _only(clause: Token, main: Token, mark: Token) -> bool:
    """ "only if", or "will only sign ... if": the condition is the one the deed waits on."""
    return any(c.dep_ == "advmod" and c.lower_ == "only" and c.i == mark.i - 1 for c in clause.children) or any(
        c.dep_ == "advmod" and c.lower_ == "only" and c.i < main.i for c in main.children
    )


def _condition_goal(tok: Token) -> Optional[tuple]:
    """The clause of "only if" (or of "unless" after a refusal) is the goal of the one who refuses
    to act without it; the main verb's subject owns it."""
    if tok.lower_ not in ("if", "unless") or tok.dep_ != "mark":
        return None
    clause, main = tok.head, tok.head.head
    if clause.dep_ != "advcl" or main.pos_ != "VERB" or clause.i < main.i:
        return None
    if tok.lower_ == "if" and not _only(clause, main, tok):
        return None
    if tok.lower_ == "unless" and not any(c.dep_ == "neg" for c in main.children):
        return None
    if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
        return None
    if not any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll") for c in main.children):
        return None  # a stance about what one will do, not a told rule ("only if" in a law)
    span = tok.doc[tok.i + 1 : _clause_stop(clause)]
    return (span, main) if len(span) >= 3 else None


def _until_goal(tok: Token) -> Optional[tuple]:
    """ "We will not stop until every foreign soldier has left", "the rebels vowed not to give up
    until Goma falls": the end state a side will not stop short of is its aim; the subject of the
    negated verb of keeping on (data: persist_verbs) owns it."""
    if tok.lower_ not in ("until", "till") or tok.dep_ != "mark":
        return None
    clause, main = tok.head, tok.head.head
    if clause.dep_ != "advcl" or main.pos_ != "VERB" or clause.i < main.i:
        return None
    if main.lemma_.lower() not in cues()["persist_verbs"]:
        return None
    negated = any(c.dep_ == "neg" for c in main.children) or any(
        c.dep_ == "neg" for c in main.head.children if main.dep_ == "xcomp"
    )  # "vowed not to stop until": the "not" may hang on the verb above
    if not negated or not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
        return None
    span = tok.doc[tok.i + 1 : _clause_stop(clause)]
    return (span, main) if len(span) >= 2 else None


def _accord_term(tok: Token) -> Optional[list]:
    """ "Under the deal, Rwanda will withdraw its troops": the deed a party will do under an accord
    is its goal; its subject owns it."""
    if tok.lower_ != "under" or tok.dep_ != "prep" or tok.head.pos_ != "VERB":
        return None
    accord = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if accord is None or accord.lemma_.lower() not in cues()["accord_nouns"] | {"term", "plan"}:
        return None
    verb = tok.head
    if verb.i < tok.i or not any(
        c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "must") for c in verb.children
    ):
        return None
    if not any(c.dep_ == "nsubj" for c in verb.children):
        return None
    found: list[tuple] = [(span, verb) for span in [_term_span(verb)] if span is not None]
    for other in verb.rights:  # "... Congo would disarm the militia and Rwanda would lift ...": each its own term
        subj = _term_subject(other)
        if subj is not None and (span := _term_span(other)) is not None:
            found.append((span, other, subj))
    return found or None


def _term_span(verb: Token) -> Optional[Span]:
    neg = next((c for c in verb.children if c.dep_ == "neg" and c.i < verb.i), None)
    return goal_span(verb, neg.i if neg is not None else verb.i)


def _term_subject(verb: Token) -> Optional[Token]:
    """The party of a second term joined to the first ("and Rwanda would lift ...", "while Sudan
    will ..."): a clause with its own modal and subject, or the name before the modal that the
    parser hung on the first term's last noun."""
    if verb.dep_ not in ("conj", "advcl") or not any(
        c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "must") for c in verb.children
    ):
        return None
    if verb.dep_ == "advcl" and not any(c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in verb.children):
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subj is not None:
        return subj
    modal = next(c for c in verb.children if c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "must"))
    before = verb.doc[modal.i - 1] if modal.i > 0 else None
    return before if before is not None and before.pos_ == "PROPN" and before.dep_ == "conj" else None


def _agreed_clause(tok: Token) -> Optional[tuple]:
    """ "agreed that any aggression against either would be aggression against both", "pledged that
    the army will leave": a clause of what will be, agreed or promised, binds whoever agreed."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in cues()["pledge_that_verbs"]:
        return None
    span = _that_clause(tok)
    if span is None:
        return None
    if not any(
        c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "should", "must") for c in span.root.children
    ):
        return None  # "agreed that the talks were useful": a view shared, not a deed bound
    return span, tok


def _bound_party(tok: Token) -> Optional[list]:
    """ "The accord commits Rwanda to withdraw its troops", "it obliges Ethiopia to hand back the
    town": what an accord binds a named party to do is that party's goal (the party, not the
    accord, owns it; a side the accord binds by description falls to the demand rule)."""
    lex = cues()
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in lex["binding_verbs"]:
        return None
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None or not (
        subj.lemma_.lower() in lex["accord_nouns"]
        or subj.lower_ in ("it", "which", "that")
        and tok.lemma_.lower() in lex["binding_verbs_of_pronoun"]
    ):
        return None
    party = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
    if party is None or not (party.pos_ == "PROPN" or party.ent_type_ in ("GPE", "ORG", "NORP", "PERSON")):
        return None
    aim = _to_infinitive(tok) or next(
        (
            x
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "to" and c.i > party.i
            for x in c.children
            if x.dep_ == "pcomp" and x.tag_ == "VBG"
        ),
        None,
    )
    span = goal_span(aim, aim.i) if aim is not None and aim.i > party.i else None
    if span is None or aim is None:
        return None
    return [(span, tok, p) for p in [party, *party.conjuncts] if p.i < aim.i]
