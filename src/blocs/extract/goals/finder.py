"""`find`: the goal rules run over a doc, each cue token tried only on the rules whose first
test it can pass.

A rule's first test asks for a word class ("a verb of striving") or a word ("to", "so that");
`GATES` writes that test down, so the thousands of "to"s of a batch are not put to the
fifteen rules about verbs, nouns and adjectives; `lemma_gates` adds the word class of the
lemma a rule's first test asks for ("a verb of demanding"). A gate must admit every token its rule can
fire on (tests/test_goals.py checks each rule against its gate on the test sentences).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator, Optional

from spacy.tokens import Span, Token

from ... import parse_arrays
from .conditions import _accord_term, _agreed_clause, _bound_party, _condition_goal, _until_goal
from .frames import _cleft_goal, _copula_aim, _made_aim, _would_like_goal
from .purpose import _bare_purpose, _purpose_goal, _so_that_goal
from .rules import (
    _adjective_goal,
    _as_demanded_goal,
    _demand_goal,
    _focus_goal,
    _noun_goal,
    _position_goal,
    _sought_thing,
    _urged_course,
    _verb_goal,
)
from .wording import _cue_lemmas, _denied, _negated, _no_noun, cues, lemma_of, mended_lemma, speech_lemmas, supposed

RULES = (
    _bound_party,
    _demand_goal,
    _verb_goal,
    _adjective_goal,
    _noun_goal,
    _focus_goal,
    _purpose_goal,
    _sought_thing,
    _urged_course,
    _as_demanded_goal,
    _position_goal,
    _would_like_goal,
    _bare_purpose,
    _so_that_goal,
    _cleft_goal,
    _copula_aim,
    _made_aim,
    _condition_goal,
    _accord_term,
    _agreed_clause,
    _until_goal,
)


RULE_NAMES = {
    "_verb_goal": "verb-of-striving",
    "_adjective_goal": "adjective-of-intent",
    "_noun_goal": "goal-noun",
    "_focus_goal": "focus-on",
    "_purpose_goal": "purpose-connective",
    "_demand_goal": "demand-of-another",
    "_urged_course": "said-should",
    "_sought_thing": "called-for",
    "_as_demanded_goal": "as-demanded",
    "_position_goal": "position-that-should",
    "_would_like_goal": "would-like-to",
    "_so_that_goal": "so-that",
    "_bare_purpose": "purpose-clause",
    "_cleft_goal": "pseudo-cleft",
    "_copula_aim": "aim-noun-is",
    "_made_aim": "made-a-priority",
    "_condition_goal": "only-if",
    "_accord_term": "under-accord",
    "_agreed_clause": "agreed-that",
    "_bound_party": "accord-binds",
    "_until_goal": "not-stop-until",
}

VERB, NOUN = frozenset({"VERB"}), frozenset({"NOUN"})

# rule -> (the coarse tags, the lower-case words) its first test admits; a rule not listed is tried on every cue
GATES: dict = {
    _bound_party: (VERB, None),
    _demand_goal: (VERB, None),
    _verb_goal: (VERB, None),
    _adjective_goal: (frozenset({"ADJ", "VERB"}), None),  # "were determined/VBN to": a participle read as a verb
    _noun_goal: (NOUN, None),
    _focus_goal: (frozenset({"VERB", "AUX", "ADJ"}), None),  # its sights test takes a verb or an auxiliary
    _purpose_goal: (None, frozenset({"to"})),
    _sought_thing: (VERB, None),
    _urged_course: (VERB, None),
    _as_demanded_goal: (VERB, None),
    _position_goal: (NOUN, None),
    _bare_purpose: (None, frozenset({"to"})),
    _so_that_goal: (None, frozenset({"so"})),
    _cleft_goal: (VERB, None),
    _copula_aim: (NOUN, None),
    _made_aim: (NOUN, None),
    _condition_goal: (None, frozenset({"if", "unless"})),
    _accord_term: (None, frozenset({"under"})),
    _agreed_clause: (VERB, None),
    _until_goal: (None, frozenset({"until", "till"})),
}


@lru_cache(maxsize=1)
def lemma_gates() -> dict:
    """rule -> the lower-case lemmas its first test admits (`tok.lemma_.lower()` in a word class of
    the lexicon; for two rules, the lower-case form too); a rule not listed is not gated by its lemma."""
    lex = cues()
    return {
        _bound_party: lex["binding_verbs"],
        _demand_goal: lex["demand_verbs"],
        _verb_goal: lex["verbs"],  # `lemma_of`: the lemma, or the one `mended_lemma` makes of the form
        _adjective_goal: lex["adjectives"],  # the lemma or the form
        _as_demanded_goal: lex["demand_verbs"] | {"demand", "want", "insist", "request"},
        _sought_thing: frozenset(lex["for_verbs"]),
        _agreed_clause: lex["pledge_that_verbs"],
        _urged_course: speech_lemmas() | lex["mandative_verbs"],  # a speech verb's lemma is a speech lemma
        _would_like_goal: frozenset({"like", "love"}),
    }


def _lemma_admits(words, lower: str, lemma: str) -> bool:
    """A lemma gate: the lemma, the form, or the lemma `mended_lemma` makes of the form, one of the words."""
    return lemma in words or lower in words or mended_lemma(lower) in words


@lru_cache(maxsize=16384)
def rules_for(pos: str, lower: str, lemma: str) -> tuple:
    """The rules, in order, whose gate admits a token of this coarse tag, lower-case form and
    lower-case lemma."""
    admitted = []
    lemmas = lemma_gates()
    for rule in RULES:
        tags, words = GATES.get(rule, (None, None))
        if (
            (tags is None or pos in tags)
            and (words is None or lower in words)
            and (rule not in lemmas or _lemma_admits(lemmas[rule], lower, lemma))
        ):
            admitted.append(rule)
    return tuple(admitted)


def _cue_word(w: str) -> bool:
    lemmas = _cue_lemmas()
    return w in ("to", "so", "if", "unless", "under", "until", "till") or w in lemmas or mended_lemma(w) is not None


def _cue_lemma(w: str) -> bool:
    return w.lower() in _cue_lemmas()


def _maybe_cues(doc) -> Iterator[Token]:
    """The tokens that may start a cue, read off the parse arrays: "to", "so", a cue word,
    a cue lemma, or a word `lemma_of` mends into one ("hopes" -> "hope")."""
    arrays = parse_arrays.of(doc)
    maybe = arrays.where("lower", _cue_word) | arrays.where("lemma", _cue_lemma)
    toks = parse_arrays.tokens(doc)  # the doc's shared Tokens: no new one per cue
    for i in maybe.nonzero()[0].tolist():
        yield toks[i]


def _first_rule(tok: Token):
    """(rule, what it found) for the first rule that fires on the token, or (None, None)."""
    for rule in rules_for(tok.pos_, tok.lower_, tok.lemma_.lower()):
        found = rule(tok)
        if found is not None:
            return rule, found
    return None, None


def find(doc) -> list[tuple[Token, Span, Token, Optional[Token], str]]:
    """(cue, goal span, token whose subject or possessor is the actor, the owner when the rule
    names it, rule name) for each cue."""
    out, lemmas = [], _cue_lemmas()
    for tok in _maybe_cues(doc):
        if (
            tok.lower_ not in ("to", "so", "if", "unless", "under", "until", "till")
            and lemma_of(tok) not in lemmas
            and tok.lower_ not in lemmas
        ):
            continue  # no rule can fire: `to` starts a purpose cue, a listed word or lemma the others
        rule, found = _first_rule(tok)  # the rules read the parse only: asked first, the tests below only on a find
        if found is None or _negated(tok) and not _no_noun(tok) or _denied(tok) or supposed(tok):
            continue  # "has no wish to" keeps its "no"; "denied seeking to", "if it wants to" are no aims
        for span, anchor, *owner in found if isinstance(found, list) else [found]:
            if (no := _no_noun(tok)) and span.start > tok.i:  # "no wish to look divided": the aim to avoid
                span = doc[no.i : span.end]
            out.append((tok, span, anchor, owner[0] if owner else None, RULE_NAMES[rule.__name__]))
    return out
