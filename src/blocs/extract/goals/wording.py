"""Goal wording: the cue lexicon (data/goals_cues.yaml) and the word tests every rule shares.

Cues are verbs of striving with a to-infinitive ("seeking to"), goal nouns with a
complement ("the goal of"), purpose connectives ("in order to"), verbs of directed
effort ("focus on"), demands, commitments and proposals; `_cue_lemmas` lets the rule
loop skip every other token unexamined.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Optional

from spacy.tokens import Token

from ... import datafiles, parse_arrays
from ..quotes import lexicon as speech_lexicon

DATA = Path(__file__).parent.parent / "data" / "goals_cues.yaml"
FIRST_PERSON = {"we", "i", "us", "our", "my", "ourselves"}
PRONOUNS = {"it", "its", "they", "their", "them", "he", "his", "she", "her", "itself", "themselves"}


# the cue lists read as sets (membership tests only)
SET_KEYS = (
    "verbs",
    "need_to_next",
    "object_verbs",
    "adjectives",
    "nouns",
    "nouns_with_object",
    "noun_preps",
    "stop_preps",
    "effort_nouns",
    "demand_verbs",
    "action_nouns",
    "no_purpose_heads",
    "acting_verbs",
    "pledge_verbs",
    "beneficiary_nouns",
    "means_verbs",
    "object_control_preps",
    "accord_nouns",
    "accord_verbs",
    "body_nouns",
    "position_nouns",
    "demand_modals",
    "mandative_verbs",
    "that_verbs",
    "that_nouns",
    "cleft_verbs",
    "aim_nouns",
    "copula_nouns",
    "relative_nouns",
    "public_nouns",
    "placement_words",
    "pair_pronouns",
    "launch_verbs",
    "purpose_participles",
    "for_nouns",
    "for_adjectives",
    "sight_verbs",
    "sight_nouns",
    "own_people_nouns",
    "pledge_that_verbs",
    "binding_verbs",
    "binding_verbs_of_pronoun",
    "apart_adjectives",
    "counted_words",
    "opposing_verbs",
    "denial_verbs",
    "supposing_marks",
    "guessing_modals",
    "fighter_nouns",
    "loyal_words",
    "frame_nouns",
    "time_nouns",
    "kin_nouns",
    "chase_verbs",
    "gap_verbs",
    "advice_modals",
    "spokes_nouns",
    "persist_verbs",
    "object_preps",
    "medium_nouns",
    "inner_stop_preps",
)


@lru_cache(maxsize=1)
def cues() -> dict:
    lex = datafiles.read(DATA)
    for key in SET_KEYS:
        lex[key] = set(lex[key])
    lex["purpose"] = [p.split() for p in lex["purpose"]]
    lex["for_verbs"] = {k: {v} if isinstance(v, str) else set(v) for k, v in lex["for_verbs"].items()}
    return lex


def _infinitive(tok: Token) -> Optional[Token]:
    """The verb of a to-infinitive complement of `tok`."""
    for c in tok.children:
        if (
            c.dep_ in ("xcomp", "acl", "ccomp", "advcl")
            and c.pos_ in ("VERB", "AUX")
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            and c.i > tok.i
        ):
            return c
    return None


def _after_a_while(tok: Token) -> Optional[Token]:
    """ "have tried for months to break through ...", "has fought for decades to win ...": a span
    of time between the verb and its to-infinitive, which the parser hangs on the time noun."""
    for prep in tok.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("for", "over") or prep.i < tok.i:
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj" and obj.lemma_.lower() in cues()["time_nouns"]:
                inf = next((c for c in obj.children if c.dep_ in ("acl", "relcl") and c.i > obj.i), None)
                inf = inf or _infinitive(tok)  # or hung on the verb, the to right after the time
                if inf is not None and any(a.dep_ == "aux" and a.i == prep.right_edge.i + 1 for a in inf.children):
                    return inf
    return None


def _to_infinitive(tok: Token) -> Optional[Token]:
    """The verb of a to-infinitive that hangs on `tok`, whatever the parser called the link."""
    for c in tok.children:
        if (
            c.dep_ in ("xcomp", "ccomp", "advcl", "oprd", "acl")
            and c.pos_ in ("VERB", "AUX")
            and c.i > tok.i
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        ):
            return c
    return None


def _negated(tok: Token) -> bool:
    """A "not"/"n't" or a "no" determiner among the token's children (read off the parse arrays)."""
    arrays = parse_arrays.of(tok.doc)
    deps, lowers, kids = arrays.strings_of("dep"), arrays.strings_of("lower"), arrays.children(tok.i)
    return any(deps[c] == "neg" for c in kids) or any(deps[c] == "det" and lowers[c] == "no" for c in kids)


def _denied(tok: Token) -> bool:
    """ "denied that it was seeking to annex ...", "denies any plan to ...", "rejected claims that it
    wants to ...": an aim inside what is denied is not told as anyone's."""
    up = tok
    for _ in range(4):
        if up.dep_ not in ("ccomp", "xcomp", "pcomp", "acl", "dobj", "pobj", "prep") or up.head.i == up.i:
            return False
        up = up.head
        if up.pos_ == "VERB" and up.lemma_.lower() in cues()["denial_verbs"]:
            return True
    return False


def _question(tok: Token) -> bool:
    """The sentence of the token ends in a question mark (closing quotes and spaces aside)."""
    lo, hi = parse_arrays.of(tok.doc).sentence(tok.i)  # `tok.sent`, walked back on the shared Tokens
    toks = parse_arrays.tokens(tok.doc)
    for j in range(hi - 1, lo - 1, -1):
        if not toks[j].is_space and not toks[j].is_quote:
            return toks[j].text == "?"
    return False


def supposed(tok: Token) -> bool:
    """ "If Iran wants to avoid ...", "whether Turkey plans to ...", "Should Ethiopia try to ...": a cue
    in a clause of condition or question (its own or the one it hangs on, up to the clause's verb),
    in a question, or a striving only guessed at ("could try to"). Read off the parse arrays."""
    arrays, c = parse_arrays.of(tok.doc), cues()
    deps, lowers, kids = arrays.strings_of("dep"), arrays.strings_of("lower"), arrays.children_table()
    if _question(tok) or (
        arrays.strings_of("pos")[tok.i] == "VERB"
        and any(deps[k] == "aux" and lowers[k] in c["guessing_modals"] for k in kids[tok.i])
    ):
        return True  # "Does Russia want to ...?", "Iran could try to ...": a question or a guess
    if _advised(tok):
        return True
    up, supposing = tok.i, c["supposing_marks"]
    for _ in range(4):
        marks = any(deps[k] == "mark" and lowers[k] in supposing for k in kids[up])
        subj = next((k for k in kids[up] if deps[k] in ("nsubj", "nsubjpass")), None)
        inverted = subj is not None and any(
            deps[k] == "aux" and lowers[k] in ("should", "were", "had") and k < subj for k in kids[up]
        )
        if marks or inverted and deps[up] in ("advcl", "ccomp"):
            return True
        if (
            deps[up] not in ("xcomp", "acomp", "dobj", "attr", "pobj", "prep", "nsubj", "aux", "amod")
            or arrays.head[up] == up
        ):
            return False
        up = arrays.head[up]
    return False


def _advised(tok: Token) -> bool:
    """ "The West should press Serbia to ...", "Europe ought to seek ...": the author's own advice
    (a main clause with "should" or "ought", no quotation mark in the sentence), no actor's aim."""
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    for _ in range(3):  # "ought to use its seat to demand ...": up to the clause's modal
        if verb.dep_ != "xcomp" or verb.head.i == verb.i:
            break
        verb = verb.head
    return (
        verb.dep_ == "ROOT"
        and (
            verb.lower_ == "ought"
            or any(c.dep_ == "aux" and c.lower_ in cues()["advice_modals"] for c in verb.children)
        )
        and not any(t.is_quote or t.text in ("\u201c", "\u201d") for t in verb.sent)
    )


def lemma_of(tok: Token) -> str:
    """The lemma, mended where the lemmatizer strips a verb wrongly ("hopes", "hoping" -> "hop")."""
    lemma, lower = tok.lemma_.lower(), tok.lower_
    if tok.pos_ != "VERB" or lemma in _cue_lemmas():
        return lemma
    return mended_lemma(lower) or lemma


def mended_lemma(lower: str) -> Optional[str]:
    """The cue lemma of a verb form the lemmatizer strips wrongly ("hopes", "hoping" -> "hop")."""
    lemmas = _cue_lemmas()
    if lower.endswith(("es", "ed")) and lower[:-1] in lemmas:
        return lower[:-1]
    if lower.endswith("ing") and lower[:-3] + "e" in lemmas:
        return lower[:-3] + "e"
    return None


def speech_lemmas() -> set:
    return set(speech_lexicon()["verbs"])


@lru_cache(maxsize=1)
def _cue_lemmas() -> frozenset:
    """Every lemma some rule below starts from: other tokens are skipped unexamined."""
    lex = cues()
    return frozenset(
        lex["verbs"]
        | lex["adjectives"]
        | lex["nouns"]
        | set(lex["focus_verbs"])
        | lex["demand_verbs"]
        | lex["binding_verbs"]
        | lex["position_nouns"]
        | speech_lemmas()
        | set(lex["for_verbs"])
        | lex["mandative_verbs"]
        | lex["cleft_verbs"]
        | lex["sight_verbs"]
        | lex["copula_nouns"]
        | {"like", "love", "demand", "want", "insist", "request"}
    )


def _no_noun(tok: Token) -> Optional[Token]:
    """The "no" of a goal noun ("has no desire to ..."), kept in the goal's text."""
    if tok.pos_ != "NOUN":
        return None
    return next((c for c in tok.children if c.dep_ == "det" and c.lower_ == "no"), None)
