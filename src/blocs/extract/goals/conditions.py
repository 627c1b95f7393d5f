"""Goals set as conditions: "Egypt will sign the deal only if Ethiopia halts the filling", "Hamas
will not free the hostages unless Israel ends the war". What a side makes its own deed hang on
is what it wants of the other.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from .spans import _clause_stop


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
