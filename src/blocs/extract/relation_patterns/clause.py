"""Clause-level helpers of the relation patterns: the clause verb, whether a clause is asserted
(not negated, hypothetical, conditional or a question), settlement nouns, mutual pairs."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from ... import parse_arrays
from ...context import token_texts
from ..events.patterns import lexicon
from ..relations import HEAD_WALK, Collector, cues

COPULAS = frozenset({"be", "become", "remain", "stay"})
NOUN_CONF, FRAME_CONF, ADJ_CONF, VERB_CONF, SETTLEMENT_CONF = 0.75, 0.7, 0.7, 0.7, 0.6
CO_AGENT_CONF = 0.5  # two agents of one act: a weaker tie than the act itself


def _clause_verb(tok: Token) -> Token:
    verb = tok
    for _ in range(HEAD_WALK):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    return verb


def _forecast_head(head: Token) -> bool:
    """A verb of necessity under a modal auxiliary ("will have to", "must need to"); the word
    classes are the event coder's (plover_frames.yaml), one definition for both stages."""
    lex = lexicon()
    if head.lemma_.lower() not in lex.necessity:
        return False
    return any(c.dep_ == "aux" and c.lower_ in lex.future | lex.obligation | lex.hypothetical for c in head.children)


def asserted(tok: Token, refusals: bool = True) -> bool:
    """False when the clause of `tok` is negated, hypothetical, conditional or a question (read off
    the parse arrays: no Token per child or head walked); with `refusals`, also when a head of
    refusal or doubt governs it (not for a refusal event coded on the refused act)."""
    c, doc = cues(), tok.doc
    arrays, texts = parse_arrays.of(doc), token_texts(doc)
    start, end = arrays.sentence(tok.i)
    if any(texts[i] == "?" for i in range(max(start, end - 2), end)):
        return False  # a question
    pos, dep, lower, lemma = (arrays.strings_of(a) for a in ("pos", "dep", "lower", "lemma"))
    head, kids = arrays.head, arrays.children
    verb, first = _clause_verb_at(pos, head, tok.i), True
    for _ in range(HEAD_WALK):
        for child in kids(verb):
            if dep[child] == "mark" and lower[child] in c["conditional_marks"]:
                return False
            if first and _no_longer(dep, lemma, kids, child, c):
                return False  # "A and B are no longer rivals"
            if first and (dep[child] == "neg" or (dep[child] == "aux" and lower[child] in c["hypothetical_auxes"])):
                if not _reported_plan(doc[verb], doc[child]):
                    return False
        if _disputed_content(dep, pos, lemma, head, verb, c):
            return False  # "X denied claims that it armed Y", "X dismissed reports that it backs Y"
        if dep[verb] not in ("conj", "xcomp", "advcl", "ccomp", "acomp", "pcomp") or head[verb] == verb:
            return True
        denier = _clause_verb_at(pos, head, head[verb])
        if dep[verb] in ("xcomp", "ccomp", "pcomp") and lemma[denier].lower() in c["influence_verbs"]:
            return False
        if refusals and _unreal_head(dep, lemma, head, verb, denier, c):
            return False  # "refused to join X", "is unlikely to break with Y", "doubt that X will cut ties"
        if dep[verb] in ("xcomp", "ccomp", "pcomp") and lemma[denier].lower() in c["denial_verbs"] and denier < verb:
            return False  # "X denies arming Y"; not "X accuses Y of Z, a charge Y denies"
        first = first and dep[verb] in ("conj", "xcomp", "acomp")
        if dep[verb] == "xcomp" and _forecast_head(doc[head[verb]]):
            return False  # "will (probably) have to side with X": a forecast
        verb = head[verb]
    return True


def _unreal_head(dep: list[str], lemma: list[str], head: list[int], verb: int, governor: int, c: dict) -> bool:
    """The clause is governed by a head of refusal, doubt or failure (unreal_heads)."""
    return dep[verb] in ("xcomp", "ccomp") and bool(
        c["unreal_heads"] & {lemma[governor].lower(), lemma[head[verb]].lower()}
    )


def refused(tok: Token) -> bool:
    """Is the clause of `tok` (or one of the clauses above it) refused, doubted or failed? For planned
    acts, which `asserted` does not judge: "doubt that X will cut ties", "refused to send troops"."""
    c, arrays = cues(), parse_arrays.of(tok.doc)
    pos, dep, lemma = (arrays.strings_of(a) for a in ("pos", "dep", "lemma"))
    head, verb = arrays.head, _clause_verb_at(pos, arrays.head, tok.i)
    for _ in range(HEAD_WALK):
        if dep[verb] not in ("conj", "xcomp", "ccomp", "acomp") or head[verb] == verb:
            return False
        if _unreal_head(dep, lemma, head, verb, _clause_verb_at(pos, head, head[verb]), c):
            return True
        verb = head[verb]
    return False


def _no_longer(dep: list[str], lemma: list[str], kids, child: int, c: dict) -> bool:
    """A negated adverb of lapse on the clause verb ("no longer"): the state it names has ended."""
    if dep[child] != "advmod" or lemma[child].lower() not in c["lapse_adverbs"]:
        return False
    return any(dep[g] == "neg" for g in kids(child))


def _disputed_content(dep: list[str], pos: list[str], lemma: list[str], head: list[int], verb: int, c: dict) -> bool:
    """The clause is the content of a claim, report or accusation that its object's verb disputes:
    "denied claims that it armed Y" (a noun's clause, one step below the verb of denial)."""
    noun = head[verb]
    if dep[verb] not in ("acl", "ccomp") or noun == verb or pos[noun] != "NOUN":
        return False
    return dep[noun] in ("dobj", "nsubjpass") and lemma[head[noun]].lower() in c["disputing_verbs"]


def urged_by(tok: Token) -> Optional[Token]:
    """The asserted verb of influence right above an act ("X asked Y to take a stand against Z",
    "X is pushing Y to isolate Z", "X hopes to defeat Z"): who urges or seeks an act against Z
    stands against Z, though the act itself has not happened. None when the act is negated."""
    head = tok.head
    if tok.dep_ not in ("xcomp", "ccomp") or head.i == tok.i or head.lemma_.lower() not in cues()["influence_verbs"]:
        return None
    if any(c.dep_ == "neg" for c in tok.children) or not asserted(head):
        return None
    return head


def _clause_verb_at(pos: list[str], head: list[int], i: int) -> int:
    """`_clause_verb` of token i, on the parse arrays."""
    for _ in range(HEAD_WALK):
        if pos[i] in ("VERB", "AUX") or head[i] == i:
            break
        i = head[i]
    return i


def _reported_plan(verb: Token, aux: Token) -> bool:
    """ "Kenya said it would work with Somalia": 'would' as the future of a past speech verb reports
    a plan (as the event coder's mode does), not a hypothesis."""
    from ..quotes.cues import is_speech_verb

    head = verb.head
    if aux.lower_ != "would" or verb.dep_ != "ccomp" or head.tag_ != "VBD" or not is_speech_verb(head):
        return False
    if any(c.dep_ == "advcl" and any(m.dep_ == "mark" for m in c.children) for c in verb.children):
        return False  # "X would join if asked", "... unless Y pays"
    own = [c for c in verb.children if c.dep_ == "nsubj"]
    speaker = [c.lower_ for c in head.children if c.dep_ == "nsubj"]
    return bool(own) and (own[0].pos_ == "PRON" or own[0].lower_ in speaker)  # the speaker's own plan


def _pobjs(prep: Token) -> list[Token]:
    """`[p for p in prep.children if p.dep_ == "pobj"]`, read off the parse arrays: a Token only
    for the objects (the doc's shared Token list)."""
    return parse_arrays.children_with(prep, _POBJ)


_POBJ = frozenset({"pobj"})


def _mutual(col: Collector, keys: list[str], polarity: str, conf: float, ev: str, rule: str) -> None:
    keys = list(dict.fromkeys(keys))
    for i, a in enumerate(keys):
        col.pairs([a], keys[i + 1 :], polarity, False, conf, ev, rule)


def _settlement(tok: Token) -> bool:
    c, lemma = cues(), tok.lemma_.lower()
    if lemma in c["settlement_nouns"]:
        return True
    return lemma in c["peace_heads"] and any(
        ch.dep_ in ("compound", "amod") and ch.lemma_.lower() in ("peace", *c["settlement_nouns"])
        for ch in tok.children
    )


def lapsed(*toks: Token) -> bool:
    """A tie said to hold no longer, or not yet: "a former ally of X", "once allies", "potential rivals"."""
    words = cues()["lapsed_words"] | cues()["unrealised_words"]  # "a former ally", "potential rivals"
    return any(c.dep_ in ("amod", "advmod", "npadvmod") and c.lower_ in words for t in toks for c in t.children)
