"""Goals: what the article says an actor seeks, and what actors say they want.

Cues are data (goals_cues.yaml): verbs of striving with a to-infinitive
("seeking to"), goal nouns with a complement ("the goal of", "the chance to"),
purpose connectives ("in order to") and verbs of directed effort ("focus on").
The goal text is the tight verb phrase: it stops at a comma, a new clause,
the means ("by ...") or an aside. The actor is the subject (or possessor) of the
cue, pronouns going back to the last actor named; a goal inside an actor's own
quote is theirs and `stated`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Optional, Union

import yaml
from spacy.tokens import Span, Token

from ..context import Context
from ..records import Goal, Quote
from .quotes import doc_text, is_speech_verb, sentence_floor
from .quotes import lexicon as speech_lexicon

DATA = Path(__file__).parent / "data" / "goals_cues.yaml"
# what a rule finds: (goal span, anchor), or (goal span, anchor, owner) when the rule names the owner
GoalMatch = Union[tuple[Span, Token], tuple[Span, Token, Token]]
FIRST_PERSON = {"we", "i", "us", "our", "my", "ourselves"}
PRONOUNS = {"it", "its", "they", "their", "them", "he", "his", "she", "her", "itself", "themselves"}


@lru_cache(maxsize=1)
def cues() -> dict:
    lex = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    for key in (
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
        "position_nouns",
        "demand_modals",
        "mandative_verbs",
        "that_verbs",
        "that_nouns",
    ):
        lex[key] = set(lex[key])
    lex["purpose"] = [p.split() for p in lex["purpose"]]
    return lex


# ------------------------------------------------------------- the goal span


def _has_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children)


def phrase_end(head: Token) -> int:
    """Token index where the goal phrase headed by `head` stops."""
    lex = cues()
    end = head.i + 1
    for c in head.rights:
        until = c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("until", "till") for m in c.children)
        if c.dep_ == "punct" and c.text in ",;:—–()" or c.dep_ in ("advcl", "parataxis", "relcl", "mark") and not until:
            break
        if any(t.text in (",", ";", "—", "(") for t in head.doc[end : c.left_edge.i]):
            break  # an adjunct set off by a comma ("..., in 2021") is no part of the aim
        if c.dep_ == "cc":
            nxt = [x for x in head.rights if x.dep_ == "conj" and x.i > c.i]
            if nxt and (
                _has_subject(nxt[0]) or nxt[0].pos_ in ("VERB", "AUX") and nxt[0].tag_ == "VBG" and head.tag_ != "VBG"
            ):
                break
        if c.dep_ == "conj" and _has_subject(c):
            break
        if c.dep_ in ("prep", "advmod", "npadvmod") and (
            c.lower_ in lex["stop_preps"] or c.left_edge.lower_ in lex["stop_preps"]
        ):
            break
        end = max(end, _inner_end(c) + 1)
    return end


def _inner_end(tok: Token) -> int:
    """Right edge of a dependent, cut at a comma or a nested clause inside it."""
    last = tok.i
    skip_to = -1
    for t in tok.subtree:
        if t.i < tok.i or t.i <= skip_to:
            continue
        if t.text in (",", ";", ":", "—", "(") or t.i > tok.i and t.is_quote:
            break
        if t.dep_ == "relcl" and t.i > tok.i + 2:
            if not _short_clause(t):
                break
            skip_to = t.right_edge.i  # a short relative clause stays whole: never cut at its adverb
            last = max(last, skip_to)
            continue
        last = t.i
    return last


def _short_clause(verb: Token) -> bool:
    """A relative clause of a few words with no comma ("that has largely held since 2022")."""
    words = list(verb.subtree)
    return len(words) <= 10 and not any(w.text in (",", ";", ":", "—", "(") for w in words)


def goal_span(head: Token, start: Optional[int] = None) -> Optional[Span]:
    doc = head.doc
    s = head.i if start is None else start
    head = _hyphen_whole(head)
    e = phrase_end(head)
    while e > s and (doc[e - 1].is_punct or doc[e - 1].dep_ in ("cc",)):
        e -= 1
    span = doc[s:e]
    if len(span) == 1 and head.pos_ == "VERB" and s == head.i:
        return span  # "keen to rebuild": a one-word aim
    return span if len(span) >= 2 else None


def _hyphen_whole(tok: Token) -> Token:
    """The last piece of a word the tokenizer split at a hyphen ("co-ordinate"), which holds
    the phrase's objects."""
    doc = tok.doc
    for _ in range(3):
        i = tok.i
        if i + 2 < len(doc) and doc[i + 1].text == "-" and not tok.whitespace_ and not doc[i + 1].whitespace_:
            tok = doc[i + 2]
        else:
            break
    return tok


def _start(inf: Token, cue: Token) -> int:
    """Where a goal opens: at its own subject in a for-to clause ("for its troops to stay"),
    at the cue when the aim is negated ("careful not to provoke"), else at the verb."""
    subj = next((c for c in inf.children if c.dep_ in ("nsubj", "nsubjpass") and cue.i < c.i < inf.i), None)
    if subj is not None:
        return subj.left_edge.i
    if any(c.dep_ == "neg" for c in inf.children) and cue.i < inf.i:
        return cue.i
    return inf.i


# --------------------------------------------------------------- the cues


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


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children) or any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)


def lemma_of(tok: Token) -> str:
    """The lemma, mended where the lemmatizer strips a verb wrongly ("hopes" -> "hop")."""
    lemma, lower = tok.lemma_.lower(), tok.lower_
    if (
        tok.pos_ == "VERB"
        and lemma not in _cue_lemmas()
        and lower.endswith(("es", "ed"))
        and lower[:-1] in _cue_lemmas()
    ):
        return lower[:-1]
    return lemma


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
        | lex["position_nouns"]
        | speech_lemmas()
        | set(lex["for_verbs"])
        | lex["mandative_verbs"]
        | {"like", "love", "demand", "want", "insist", "request"}
    )


def find(doc) -> list[tuple[Token, Span, Token, Optional[Token], str]]:
    """(cue, goal span, token whose subject or possessor is the actor, the owner when the rule
    names it, rule name) for each cue."""
    out, lemmas = [], _cue_lemmas()
    for tok in doc:
        if tok.lower_ not in ("to", "so") and lemma_of(tok) not in lemmas:
            continue  # no rule can fire: `to` starts a purpose cue, a listed lemma the others
        if _negated(tok) and not _no_noun(tok):
            continue
        for rule in RULES:
            found = rule(tok)
            if found is not None:
                span, anchor, *owner = found
                if (no := _no_noun(tok)) and span.start > tok.i:  # "no wish to look divided": the aim to avoid
                    span = doc[no.i : span.end]
                out.append((tok, span, anchor, owner[0] if owner else None, RULE_NAMES[rule.__name__]))
                break
    return out


def _no_noun(tok: Token) -> Optional[Token]:
    """The "no" of a goal noun ("has no desire to ..."), kept in the goal's text."""
    if tok.pos_ != "NOUN":
        return None
    return next((c for c in tok.children if c.dep_ == "det" and c.lower_ == "no"), None)


def _verb_goal(tok: Token) -> Optional[tuple[Span, Token]]:
    """ "seeking to widen ...", "wants to replace ..."; "wants a buffer zone"."""
    lex, lemma = cues(), lemma_of(tok)
    if tok.pos_ != "VERB" or lemma not in lex["verbs"]:
        return None
    inf = _infinitive(tok)
    if inf is not None and (lemma not in lex["need_to_next"] or inf.i <= tok.i + 3):
        span = goal_span(inf, _start(inf, tok))
        return (span, tok) if span is not None else None
    clause = _that_clause(tok) if inf is None and lemma in lex["that_verbs"] else None
    if clause is not None:  # "hopes that it can rebuild the army"
        return clause, tok
    if inf is None and lemma in lex["object_verbs"]:
        obj = next((c for c in tok.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None)
        if obj is not None and obj.lemma_.lower() in lex["nouns"]:
            return None  # "pursued the dream of X": the goal noun gives X
        span = goal_span(obj, obj.left_edge.i) if obj is not None else None
        return (span, tok) if span is not None else None
    return None


def _adjective_goal(tok: Token) -> Optional[GoalMatch]:
    """ "determined to ...", "keen to ..."."""
    if tok.pos_ != "ADJ" or tok.lemma_.lower() not in cues()["adjectives"]:
        return None
    inf = _infinitive(tok)
    span = goal_span(inf, _start(inf, tok)) if inf is not None else None
    if span is None:
        return None
    if tok.dep_ == "amod":  # "donors, careful not to provoke ...": the noun it describes
        return span, tok, tok.head
    return span, tok.head if tok.dep_ in ("acomp", "oprd") else tok


def _noun_goal(noun: Token) -> Optional[tuple[Span, Token]]:
    """ "goal of X-ing", "bid to X", "the chance to X", "the goal is to X", "dream of freedom"."""
    lex = cues()
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in lex["nouns"]:
        return None
    inf = _infinitive(noun)
    if inf is not None:
        span = goal_span(inf, _start(inf, noun))
        return (span, noun) if span is not None else None
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in lex["noun_preps"] and c.i == noun.i + 1:
            obj = next((x for x in c.children if x.dep_ in ("pcomp", "pobj")), None)
            if obj is not None and obj.lemma_.lower() in lex["effort_nouns"]:
                break  # "the aim of the campaign is to X": the goal is X, the campaign its owner
            if obj is not None and (
                obj.tag_ == "VBG" or obj.pos_ == "NOUN" and noun.lemma_.lower() in lex["nouns_with_object"]
            ):
                span = goal_span(obj, obj.left_edge.i)
                return (span, noun) if span is not None else None
    if noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
        inf = next((c for c in noun.head.children if c.dep_ in ("xcomp", "attr", "ccomp") and c.pos_ == "VERB"), None)
        if inf is not None and any(a.lower_ == "to" for a in inf.children):
            span = goal_span(inf, _start(inf, noun))
            return (span, noun) if span is not None else None
    clause = _that_clause(noun) if noun.lemma_.lower() in lex["that_nouns"] else None
    if clause is not None:  # "in the hope that talks resume"
        return clause, noun
    if noun.dep_ in ("nsubj", "nsubjpass"):  # "the aim ... is (limited) to eroding ..."
        act = _predicate_action(noun.head)
        span = goal_span(act, act.i) if act is not None else None
        return (span, noun) if span is not None else None
    return None


def _predicate_action(verb: Token) -> Optional[Token]:
    """The deed a goal noun's predicate names: "is to X", "is limited to X-ing", "is X-ing"."""
    for t in verb.subtree:
        if t.i <= verb.i or t.pos_ != "VERB":
            continue
        depth, up = 0, t
        while up.i != verb.i and depth < 3:
            up, depth = up.head, depth + 1
        if up.i != verb.i:
            continue
        if (
            any(a.dep_ == "aux" and a.lower_ == "to" for a in t.children)
            or t.tag_ == "VBG"
            and t.dep_ == "pcomp"
            and t.head.lower_ == "to"
        ):
            return t
    return None


def _focus_goal(tok: Token) -> Optional[tuple[Span, Token]]:
    """ "focus on ending ...": the verb stays in the goal text; "(is) focused on growing ...": the aim alone."""
    particle = cues()["focus_verbs"].get(tok.lemma_.lower()) or cues()["focus_verbs"].get(tok.lower_)
    if tok.pos_ not in ("VERB", "ADJ") or particle is None:
        return None
    prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == particle), None)
    if prep is None:
        return None
    if tok.pos_ == "ADJ" or tok.tag_ == "VBN":
        obj = next((x for x in prep.children if x.dep_ in ("pcomp", "pobj")), None)
        span = goal_span(obj, obj.left_edge.i) if obj is not None else None
        return (span, tok.head if tok.dep_ in ("acomp", "amod", "xcomp", "oprd") else tok) if span is not None else None
    span = goal_span(tok)
    return (span, tok) if span is not None else None


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


def _demand_goal(tok: Token) -> Optional[tuple]:
    """ "urging Turkey to adopt a firmer line", "calling on the parties to release ...", "pressing
    Kyiv to withdraw": the goal is the other side doing something, and it includes that side."""
    lex = cues()
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in lex["demand_verbs"]:
        return None
    on = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")), None)
    target = next((x for x in on.children if x.dep_ == "pobj"), None) if on is not None else None
    if tok.lemma_.lower() in ("call", "appeal") and target is None:
        return None  # "called a press conference to ...": no one is called on
    inf = _to_infinitive(tok) or (_to_infinitive(target) if target is not None else None)
    if inf is None or inf.dep_ in ("advcl", "acl") and inf.head.i == tok.i:
        return None  # "pressed the point to win votes": a purpose, not a demand
    target = (
        target
        or next((c for c in tok.children if c.dep_ in ("dobj", "dative") and c.i < inf.i), None)
        or next((c for c in inf.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < inf.i), None)
    )
    if target is None or tok.dep_ == "pcomp" and not _gerund_subject(tok):
        return None  # "over pressuring X to ...": nobody in particular presses
    span = goal_span(inf, target.left_edge.i)
    if span is None:
        return None
    return (span, tok, _gerund_subject(tok)) if _gerund_subject(tok) is not None else (span, tok)


def _gerund_subject(tok: Token) -> Optional[Token]:
    """ "amid Pakistan asking China to ...": the name right before a gerund is its subject."""
    if tok.tag_ != "VBG" or tok.dep_ not in ("acl", "pcomp") or tok.i == 0:
        return None
    prev = tok.doc[tok.i - 1]
    return prev if prev.pos_ in ("PROPN", "NOUN") and prev.dep_ in ("pobj", "nsubj", "dobj") else None


def _sought_thing(tok: Token) -> Optional[tuple]:
    """ "called for a ceasefire", "pushing for talks", "looking for a way out", "aimed at ending
    the war": what the effort is for; "called for Mugabe to resign" keeps who should act."""
    prep_word = cues()["for_verbs"].get(tok.lemma_.lower())
    if tok.pos_ != "VERB" or prep_word is None:
        return None
    prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == prep_word and c.i == tok.i + 1), None)
    obj = next((x for x in prep.children if x.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    if obj is None or obj.pos_ not in ("NOUN", "PROPN", "VERB") or obj.ent_type_ in ("DATE", "TIME", "MONEY"):
        return None
    inf = _to_infinitive(obj)
    span = goal_span(inf, obj.left_edge.i) if inf is not None else goal_span(obj, obj.left_edge.i)
    return (span, tok) if span is not None else None


def _urged_course(tok: Token) -> Optional[tuple]:
    """ "insisted that both parties should return to talks", "demanded that he step
    down": what a speaker says others should do is the speaker's goal."""
    mandative = tok.lemma_.lower() in cues()["mandative_verbs"]
    if tok.pos_ != "VERB" or not (is_speech_verb(tok) or mandative):
        return None
    clause = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i), None)
    if (
        clause is None
        or not mandative
        and not any(a.dep_ == "aux" and a.lower_ in cues()["demand_modals"] for a in clause.children)
    ):
        return None
    subjunctive = clause.tag_ == "VB" or clause.tag_ == "VBP" and clause.lemma_ not in ("be", "have", "do")
    if (
        mandative
        and not subjunctive
        and not any(a.dep_ == "aux" and a.lower_ in cues()["demand_modals"] for a in clause.children)
    ):
        return None  # "insisted that he was innocent": a claim, not a demand
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lower_ in FIRST_PERSON or any(c.lower_ in FIRST_PERSON for c in subj.children):
        return None  # "our views should not be confused": a claim about oneself, not a demand
    start = next((t.i + 1 for t in clause.lefts if t.dep_ == "mark"), clause.left_edge.i)
    span = tok.doc[start : _clause_stop(clause)]
    return (span, tok) if len(span) >= 3 else None


def _as_demanded_goal(tok: Token) -> Optional[tuple]:
    """ "has declined to withdraw the remark, as Ankara has demanded": what was demanded is the
    deed the clause hangs on, and the demand is its subject's goal."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in cues()["demand_verbs"] | {"demand", "want", "insist", "request"}:
        return None
    if tok.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
        return None
    deed = tok.head
    inf = _to_infinitive(deed)
    target = inf if inf is not None and inf.i < tok.i else deed
    span = goal_span(target, target.i)
    if span is not None and span.end > tok.i:
        span = tok.doc[span.start : max(span.start + 1, tok.left_edge.i)]
        while len(span) > 1 and (span[-1].is_punct or span[-1].dep_ in ("cc", "mark")):
            span = span[:-1]
    return (span, tok) if span is not None else None


def _position_goal(noun: Token) -> Optional[tuple]:
    """ "the Kenyan position that there must be no mediation", "demands that envoys must leave":
    a position noun whose that-clause says what should happen is its holder's goal."""
    lex = cues()
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in lex["position_nouns"]:
        return None
    clause = next(
        (
            c
            for c in noun.children
            if c.dep_ in ("acl", "ccomp", "relcl", "appos")
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        ),
        None,
    )
    nxt = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    if clause is None and nxt is not None and nxt.lower_ == "that" and nxt.dep_ == "mark" and nxt.head.i > nxt.i:
        clause = nxt.head  # the parser hung "that ..." on the verb above the noun
    if clause is None or not any(a.dep_ == "aux" and a.lower_ in lex["demand_modals"] for a in clause.children):
        return None
    mark = next(m for m in clause.children if m.dep_ == "mark")
    end = _clause_stop(clause)
    span = noun.doc[mark.i + 1 : end]
    return (span, noun, noun) if len(span) >= 2 else None


def _that_clause(tok: Token) -> Optional[Span]:
    """The clause a verb or noun of hoping takes, "that" left out ("hopes (that) it can ...")."""
    clause = next(
        (
            c
            for c in tok.children
            if c.dep_ in ("ccomp", "acl")
            and c.i > tok.i
            and c.pos_ in ("VERB", "AUX")
            and any(x.dep_ in ("nsubj", "nsubjpass", "expl") for x in c.children)
        ),
        None,
    )
    if clause is None:
        return None
    mark = next((m for m in clause.children if m.dep_ == "mark" and m.lower_ == "that"), None)
    if mark is None and tok.pos_ == "NOUN":
        return None  # "the hope it had" is a relative clause, not a content clause
    start = mark.i + 1 if mark is not None else clause.left_edge.i
    span = tok.doc[start : _clause_stop(clause)]
    return span if len(span) >= 3 else None


def _clause_stop(clause: Token) -> int:
    """The end of a that-clause, before a comma or dash that closes it."""
    end = clause.i + 1
    for t in clause.subtree:
        if t.i > clause.i and t.text in (",", ";", ":", "—", "(", "–"):
            break
        end = max(end, t.i + 1)
    return end


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
    if head.lemma_.lower() in _cue_lemmas() or head.lemma_.lower() in lex["no_purpose_heads"]:
        return None
    if verb.dep_ == "acl":
        if head.pos_ != "NOUN" or head.lemma_.lower() not in lex["action_nouns"]:
            return None
        if any(c.dep_ == "poss" for c in head.children):  # "Russia's intervention to reverse ..."
            span = goal_span(verb, tok.i)
            return (span, head, head) if span is not None else None
        anchor = (
            head.head if head.dep_ in ("dobj", "pobj", "attr", "appos") else head
        )  # "threatened an intervention to ..."
    elif verb.dep_ in ("advcl", "xcomp"):
        if head.pos_ not in ("VERB", "AUX") or head.lemma_ == "be":
            return None
        if verb.dep_ == "xcomp" and not any(c.dep_ in ("dobj", "dative") and c.i < verb.i for c in head.children):
            return None  # "began to", "has to", "were supposed to": a complement, not a purpose
        anchor = head
    else:
        return None
    if any(
        c.dep_ == "aux" and c.lower_ in ("should", "must", "could", "would", "might", "may") for c in anchor.children
    ):
        return None  # "should take the route to resolve ...": a course urged, not a deed done
    start = verb.left_edge.i if verb.left_edge.i < tok.i and verb.left_edge.text != "," else tok.i
    start = _hedge_start(tok, start)
    span = goal_span(verb, start)
    return (span, anchor) if span is not None else None


def _hedge_start(to: Token, start: int) -> int:
    """ ", in part to reassure ...", ", partly to ...": the hedge between a comma and "to" goes with the aim."""
    doc = to.doc
    for k in range(start - 1, max(start - 4, to.sent.start) - 1, -1):
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


def _would_like_goal(tok: Token) -> Optional[tuple]:
    """ "the detainees it wants to see freed": what "would like to" aims at, its object when the
    clause is a relative one on that object."""
    if tok.lemma_.lower() not in ("like", "love") or not any(a.lower_ in ("would", "'d") for a in tok.children):
        return None
    inf = _to_infinitive(tok)
    if inf is None:
        return None
    before = tok.doc[tok.left_edge.i - 1] if tok.left_edge.i > 0 else None
    head = tok.head if tok.dep_ == "relcl" else before
    if (
        head is not None
        and tok.dep_ in ("relcl", "ccomp")
        and head.pos_ in ("NOUN", "PROPN")
        and not any(c.dep_ == "dobj" for c in inf.children)
    ):  # "the detainees it wants to see freed"
        start = next((t.i for t in head.subtree if t.dep_ in ("amod", "compound") or t.i == head.i), head.i)
        return (tok.doc[start : inf.i + 1], tok)
    span = goal_span(inf, _start(inf, tok))
    return (span, tok) if span is not None else None


def _purpose_goal(tok: Token) -> Optional[tuple[Span, Token]]:
    """ "in order to X", "in a bid to X": the goal of the clause it hangs on."""
    if tok.lower_ != "to" or tok.dep_ != "aux":
        return None
    doc = tok.doc
    for words in cues()["purpose"]:
        n = len(words)
        if tok.i >= n - 1 and [t.lower_ for t in doc[tok.i - n + 1 : tok.i + 1]] == words:
            span = goal_span(tok.head)
            main = tok.head.head if tok.head.dep_ in ("advcl", "xcomp", "acl") else tok.head
            return (span, main) if span is not None else None
    return None


RULES = (
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
}


# ---------------------------------------------------------------- the actor


def _subject(tok: Token) -> Optional[Token]:
    """Who does what a verb says: its subject, a relative clause's noun, the noun a
    participle describes ("fighters trying to ..."), else the subject of the clause above."""
    for _ in range(4):
        for c in tok.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                if c.tag_ in ("WDT", "WP") and tok.dep_ == "relcl":
                    return tok.head
                return c
        if tok.dep_ == "acl" and tok.tag_ in ("VBG", "VBN") and tok.head.pos_ in ("NOUN", "PROPN"):
            return tok.head
        if (
            tok.dep_ in ("xcomp", "conj", "advcl", "acomp", "ccomp", "pcomp", "prep", "pobj", "acl")
            and tok.head.i != tok.i
        ):
            tok = tok.head
            continue
        break
    return None


def _owner(cue: Token, anchor: Token) -> Optional[Token]:
    """Who has the goal: a possessor of a goal noun, else the subject of the clause."""
    if cue.pos_ == "NOUN":
        poss = next((c for c in cue.children if c.dep_ == "poss"), None)
        if poss is not None:
            return poss
        if cue.dep_ in ("dobj", "attr", "pobj"):
            return _subject(cue.head)
        effort = _effort(cue)
        if effort is not None:
            return effort
    return _subject(anchor)


def _effort(noun: Token) -> Optional[Token]:
    """ "The aim of the campaign": the campaign's owner, by possessor or the subject of the sentence before."""
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        obj = next(
            (
                x
                for x in prep.children
                if x.dep_ == "pobj" and x.lemma_.lower() in cues()["effort_nouns"] or x.lower_ in cues()["effort_nouns"]
            ),
            None,
        )
        if obj is None:
            continue
        poss = next((c for c in obj.children if c.dep_ == "poss"), None)
        if poss is not None:
            return poss
        sent = noun.sent
        if sent.start == 0:
            return None
        before = noun.doc[sent.start - 1].sent
        root = before.root
        return next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return None


def _frame(sent: Span, ctx: Context) -> Optional[str]:
    """ "For X, ...": the actor a sentence is about, when it opens so."""
    if len(sent) > 3 and sent[0].lower_ == "for":
        for t in sent[1:6]:
            if t.text == ",":
                break
            key = ctx.actor_at(t)
            if key:
                return key
    return None


def resolve_pronoun(ctx: Context, tok: Token) -> Optional[str]:
    """The actor a pronoun stands for. Kept small and in one place, to be swapped for the
    shared coreference module: a possessive ("its pursuit") takes the nearest fitting actor
    named before it in the sentence; a subject pronoun the subject of the sentence before
    (its main clause first); else the last fitting actor named as a subject nearby."""
    doc = ctx.doc
    person = tok.lower_ in ("he", "his", "she", "her", "him", "himself", "herself")
    start = sentence_floor(doc, tok.i, 2)
    found = [
        m
        for m in ctx.mentions
        if start <= m.start < tok.i
        and ctx.actors.get(m.key)
        and ctx.actors[m.key].type != "media"
        and (ctx.actors[m.key].type == "person") == person
    ]
    if not found:
        return None
    here = [m for m in found if m.start >= tok.sent.start]
    if tok.dep_ == "poss" and here:
        return here[-1].key
    clause = tok.head
    for _ in range(6):
        if clause.dep_ == "ROOT" or clause.head.i == clause.i:
            break
        if clause.dep_ in ("relcl", "advcl", "ccomp", "acl"):  # "Ankara has detainees it wants to see freed"
            subj = [m for m in here if doc[m.end - 1].dep_ in ("nsubj", "nsubjpass")]
            if subj:
                return subj[0].key
            break
        clause = clause.head
    before = [m for m in found if m.start < tok.sent.start and doc[m.end - 1].dep_ in ("nsubj", "nsubjpass")]
    main = [
        m
        for m in before
        if doc[m.end - 1].head.dep_ == "ROOT" and doc[m.end - 1].sent.start == sentence_floor(doc, tok.i, 1)
    ]
    subj = [m for m in found if doc[m.end - 1].dep_ in ("nsubj", "nsubjpass")]
    pick = main or before or subj or found
    return pick[-1].key


def actor_of(ctx: Context, tok: Optional[Token]) -> Optional[str]:
    if tok is None:
        return None
    key = ctx.actor_at(tok) or _modifier_actor(ctx, tok)
    if key:
        return key
    for c in tok.children:
        if c.dep_ == "poss":
            return actor_of(ctx, c)
    if tok.lower_ in PRONOUNS:
        return _frame(tok.sent, ctx) or resolve_pronoun(ctx, tok)
    return definite_reference(ctx, tok)


def definite_reference(ctx: Context, tok: Token) -> Optional[str]:
    """ "the group", "the militia", "the president": the last actor of that kind named as a
    subject shortly before (a body for a group noun, a person for an office noun). Like
    `resolve_pronoun`, a stand-in for the shared coreference module."""
    lemma, speech = tok.lemma_.lower(), speech_lexicon()
    if tok.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
        return None
    if lemma in speech["group_nouns"]:
        person = False
    elif lemma in speech["role_nouns"] and tok.tag_ != "NNS":
        person = True
    else:
        return None
    doc = ctx.doc
    start = sentence_floor(doc, tok.i, 2)
    found = [
        m
        for m in ctx.mentions
        if start <= m.start < tok.i
        and ctx.actors.get(m.key)
        and ctx.actors[m.key].type not in ("media", "other")
        and (ctx.actors[m.key].type == "person") == person
    ]
    subj = [m for m in found if doc[m.end - 1].dep_ in ("nsubj", "nsubjpass")]
    pick = subj or found
    return pick[-1].key if pick else None


def _modifier_actor(ctx: Context, tok: Token) -> Optional[str]:
    """ "Iranian forces", "Russia's envoy"; an of-phrase only for a body of its own ("the army
    of Mali"), never for members ("the jihadists of Syria" are not Syria)."""
    key = ctx.actor_of_phrase(tok)
    if key is None or any(
        c.dep_ in ("compound", "amod", "nmod", "poss", "nummod") and ctx.actor_at(c) == key for c in tok.children
    ):
        return key
    return key if tok.lemma_.lower() in cues()["of_owner_heads"] else None


# ------------------------------------------------------------------ extract


def quote_ranges(ctx: Context, quotes: list[Quote]) -> list[tuple[int, int, Quote]]:
    """Where each attributed quote's words lie in the text (found through its evidence)."""
    text = doc_text(ctx.doc)
    out = []
    for q in quotes:
        if not q.evidence or q.speaker is None:
            continue
        at = text.find(q.evidence)
        while at >= 0:
            qs = text.find(q.text, at, at + len(q.evidence))
            if qs >= 0:
                out.append((qs, qs + len(q.text), q))
            at = text.find(q.evidence, at + 1)
    return out


def _body_of(ctx: Context, key: str) -> str:
    """The state a leader, spokesman or official speaks for, by the leader table or else
    by the person's country."""
    if key in ctx.leader_of:
        return ctx.leader_of[key]
    actor = ctx.actors.get(key)
    if actor is None or actor.type != "person" or not actor.country:
        return key
    states = [a for a in ctx.actors.values() if a.type == "state" and a.country == actor.country]
    return max(states, key=lambda a: a.mentions).key if states else key


def _quote_at(tok: Token, ranges: list[tuple[int, int, Quote]]) -> Optional[Quote]:
    return next((q for s, e, q in ranges if s <= tok.idx < e), None)


def extract(ctx: Context, quotes: Optional[list[Quote]] = None) -> list[Goal]:
    """Goals with their actor, the span kept tight, duplicates dropped."""
    ranges = quote_ranges(ctx, quotes or [])
    out: list[Goal] = []
    seen: set[tuple[str, str]] = set()
    for cue, span, anchor, owner, rule in find(ctx.doc):
        owner = owner if owner is not None else _owner(cue, anchor)
        quote = _quote_at(cue, ranges)
        if quote is not None and rule == "purpose-clause" and (owner is None or owner.lower_ not in FIRST_PERSON):
            continue  # a purpose inside someone's quote is theirs to state, not a deed we saw
        for key in _actors(ctx, owner, quote, cue):
            if (key, span.text) in seen or any(k == key and span.text in t for k, t in seen):
                continue
            seen.add((key, span.text))
            stated = (
                quote is not None and quote.speaker is not None and key in (quote.speaker, _body_of(ctx, quote.speaker))
            )
            out.append(Goal(actor=key, text=span.text, stated=stated, evidence=cue.sent.text.strip(), rule=rule))
    return out


def _actors(ctx: Context, owner: Optional[Token], quote: Optional[Quote], cue: Token) -> list[str]:
    """Whose goal it is: the speaker for "we" in their quote, else the owner and its conjuncts."""
    if quote is not None and (owner is None or owner.lower_ in FIRST_PERSON or not actor_of(ctx, owner)):
        if quote.speaker and owner is not None and owner.lower_ in ("we", "our", "us"):
            return [_body_of(ctx, quote.speaker)]  # a spokesman's "we" is the state he speaks for
        return [quote.speaker] if quote.speaker else []
    if owner is None:
        frame = _frame(cue.sent, ctx)
        return [frame] if frame else []
    if owner.lower_ in PRONOUNS and (frame := _frame(cue.sent, ctx)):
        return [frame]
    keys = [actor_of(ctx, owner)] + [actor_of(ctx, c) for c in owner.conjuncts]
    if not any(keys) and owner.lemma_.lower() in cues()["action_nouns"]:
        keys = _parties(ctx, owner)  # "the deal between Kigali and Kinshasa aims to ..."
    return list(dict.fromkeys(k for k in keys if k))


def _parties(ctx: Context, noun: Token) -> list[Optional[str]]:
    """The actors behind an act or accord: "by X", "between X and Y", "X's offensive"."""
    out: list[Optional[str]] = []
    for c in noun.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "between", "among", "of", "from"):
            for obj in (x for x in c.children if x.dep_ == "pobj"):
                out += [actor_of(ctx, obj)] + [actor_of(ctx, x) for x in obj.conjuncts]
        if c.dep_ == "acl":
            agent = next((x for x in c.children if x.dep_ == "agent"), None)
            for obj in (x for x in agent.children if x.dep_ == "pobj") if agent is not None else ():
                out += [actor_of(ctx, obj)] + [actor_of(ctx, x) for x in obj.conjuncts]
    return out
