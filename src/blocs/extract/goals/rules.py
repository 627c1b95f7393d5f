"""Goal rules: striving verbs, intent adjectives, goal nouns, demands on others, things
called for, courses urged, positions; `find` runs them over a doc.

Each rule takes a cue token and returns (goal span, anchor) or (goal span, anchor,
owner); the anchor is the token whose subject or possessor owns the goal.
"""

from __future__ import annotations

from typing import Optional, Union

from spacy.tokens import Span, Token

from ... import parse_arrays
from ..quotes import is_speech_verb
from .frames import _invited_over, _placed_thing, _target
from .spans import _clause_stop, _inner_end, _start, _that_clause, goal_span
from .wording import (
    FIRST_PERSON,
    _after_a_while,
    _infinitive,
    _to_infinitive,
    cues,
    lemma_of,
)

# what a rule finds: (goal span, anchor), or (goal span, anchor, owner) when the rule names the owner
GoalMatch = Union[tuple[Span, Token], tuple[Span, Token, Token]]


def _verb_goal(tok: Token) -> Optional[tuple[Span, Token]]:
    """ "seeking to widen ...", "wants to replace ..."; "wants a buffer zone"."""
    lex, lemma = cues(), lemma_of(tok)
    if tok.pos_ != "VERB" or lemma not in lex["verbs"]:
        return None
    timed = _after_a_while(tok)  # "have tried for months to ..."
    inf = _infinitive(tok) or timed
    if inf is not None and (
        lemma not in lex["need_to_next"] or inf.i <= tok.i + 3 or timed is not None and timed.i == inf.i
    ):
        span = goal_span(inf, _start(inf, tok))
        if span is not None and _object_gap(tok, inf):
            gap = _sought_place(tok, inf)  # "the city of X, which the rebels hope to take": take X
            return (gap, tok) if gap is not None else None  # "the jets it promised to deliver": no aim
        return (span, tok) if span is not None else None
    clause = _that_clause(tok) if inf is None and lemma in lex["that_verbs"] else None
    if clause is not None:  # "hopes that it can rebuild the army"
        return clause, tok
    if inf is None and lemma in lex["object_verbs"] and (placed := _placed_thing(tok)) is not None:
        return placed, tok
    if inf is None and lemma in lex["object_verbs"]:
        obj = next((c for c in tok.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None)
        if obj is not None and obj.lemma_.lower() in lex["nouns"]:
            return None  # "pursued the dream of X": the goal noun gives X
        if obj is not None and lemma in lex["pledge_verbs"] and _gift(obj):
            return None  # "pledged more shells": a gift promised, not an aim
        if obj is not None and lemma in lex["chase_verbs"] and _target(obj):
            return None  # "would pursue the army": a foe chased, not an aim
        span = goal_span(obj, obj.left_edge.i) if obj is not None else _done_to(tok)
        span = _verb_prep_of_thing(tok, span) if span is not None and obj is not None else span
        return (span, tok) if span is not None else None
    return None


def _verb_prep_of_thing(verb: Token, span: Span) -> Span:
    """ "sought a land link to its exclave", "wants a port on the Red Sea": a phrase right after the
    wanted thing that the parser hung on the verb still says which thing (data: object_preps); a
    day or a medium ("on Monday", "on state television") does not."""
    lex, doc = cues(), verb.doc
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.i == span.end), None)
    obj = next((x for x in prep.children if x.dep_ == "pobj"), None) if prep is not None else None
    if prep is None or obj is None or prep.lower_ not in lex["object_preps"]:
        return span
    if obj.ent_type_ in ("DATE", "TIME") or obj.lemma_.lower() in lex["medium_nouns"]:
        return span
    return doc[span.start : _inner_end(prep) + 1]


def _object_gap(tok: Token, inf: Token) -> bool:
    """A relative clause whose noun is the aim's object ("the jets that it promised to deliver",
    "the city they tried to take"): the object sits before the cue, out of the goal's reach."""
    if tok.dep_ != "relcl":
        return False
    if any(c.dep_ == "dobj" and c.tag_ in ("WDT", "WP") for c in inf.children):
        return True
    return not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in inf.children) and not any(
        c.tag_ in ("WDT", "WP") for c in tok.children
    )


def _sought_place(tok: Token, inf: Token) -> Optional[Span]:
    """ "the city of Goma, which the rebels hope to seize": a place (or body) named just before a
    relative clause of wanting or trying is what the infinitive aims at; the goal runs from the place's name
    to the infinitive (and its particle), the clause's subject inside it."""
    if lemma_of(tok) not in cues()["gap_verbs"] or inf.i <= tok.i:
        return None
    first = tok.left_edge.i  # "which" or, with no pronoun, the clause's subject
    k = first - 1 if first > 0 and tok.doc[first - 1].text == "," else first
    name = tok.doc[k - 1] if k > 0 else None
    if name is None or name.pos_ != "PROPN" or name.ent_type_ in ("PERSON", "NORP"):
        return None  # a place or a body by name ("Hamas, which Israel seeks to destroy"), never a person
    start = name.i
    while start > 0 and tok.doc[start - 1].pos_ == "PROPN" and tok.doc[start - 1].dep_ == "compound":
        start -= 1
    end = max([inf.i] + [c.i for c in inf.children if c.dep_ == "prt"]) + 1
    return tok.doc[start:end]


def _done_to(tok: Token) -> Optional[Span]:
    """ "wants the sanctions lifted", "wanted its fighters freed": a thing and the participle of
    what should be done to it, which the parser reads as a small clause (a bare past form after
    "wants X" is that participle mis-tagged: "wants X did" is no English)."""
    clause = next(
        (c for c in tok.children if c.dep_ in ("ccomp", "xcomp") and c.tag_ in ("VBN", "VBD") and c.i > tok.i), None
    )
    if clause is None or any(c.dep_ in ("aux", "auxpass", "mark", "dobj") for c in clause.children):
        return None
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < clause.i), None)
    return goal_span(clause, subj.left_edge.i) if subj is not None else None


def _gift(obj: Token) -> bool:
    """A thing given rather than a course taken: counted, priced, "more", or plural."""
    return (
        obj.tag_ in ("NNS", "NNPS")
        or obj.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL")
        or any(c.dep_ in ("nummod", "quantmod") or c.lower_ in ("more", "further", "extra") for c in obj.children)
    )


def _adjective_goal(tok: Token) -> Optional[GoalMatch]:
    """ "determined to ...", "keen to ..."."""
    adjective = tok.pos_ == "ADJ" or tok.tag_ == "VBN" and tok.dep_ == "acomp"  # "were determined/VBN to"
    if not adjective or tok.lemma_.lower() not in cues()["adjectives"] and tok.lower_ not in cues()["adjectives"]:
        return None
    inf = _infinitive(tok)
    span = goal_span(inf, _start(inf, tok)) if inf is not None else _wanted_thing(tok)
    if span is None:
        return None
    if tok.dep_ == "amod":  # "donors, careful not to provoke ...": the noun it describes
        return span, tok, tok.head
    return span, tok.head if tok.dep_ in ("acomp", "oprd") else tok


def _wanted_thing(adj: Token) -> Optional[Span]:
    """ "eager for a deal", "desperate for foreign cash": what an adjective of craving is for
    (never a person or a people: "anxious for the hostages" fears for them)."""
    if adj.lemma_.lower() not in cues()["for_adjectives"]:
        return None
    prep = next((c for c in adj.children if c.dep_ == "prep" and c.lower_ == "for" and c.i == adj.i + 1), None)
    obj = next((x for x in prep.children if x.dep_ == "pobj"), None) if prep is not None else None
    if obj is None or obj.pos_ != "NOUN" or obj.lemma_.lower() in cues()["beneficiary_nouns"]:
        return None
    return goal_span(obj, obj.left_edge.i)


def _noun_goal(noun: Token) -> Optional[tuple[Span, Token]]:
    """ "goal of X-ing", "bid to X", "the chance to X", "the goal is to X", "dream of freedom"."""
    lex = cues()
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in lex["nouns"] or _opposed(noun):
        return None
    inf = _infinitive(noun) or _infinitival_relative(noun)  # "a mission to defend ..." read as a relative
    if inf is not None:
        span = goal_span(inf, _start(inf, noun))
        return (span, noun) if span is not None else None
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in lex["noun_preps"] and c.i == noun.i + 1:
            obj = next((x for x in c.children if x.dep_ in ("pcomp", "pobj")), None)
            if obj is not None and obj.lemma_.lower() in lex["effort_nouns"]:
                break  # "the aim of the campaign is to X": the goal is X, the campaign its owner
            if obj is not None and c.lower_ == "of" and _holder(obj):
                break  # "the wish of the people", "the dream of Kurds": who holds it, not what it is
            if obj is not None and (
                obj.tag_ == "VBG"
                or obj.pos_ == "NOUN"
                and c.lower_ != "to"
                and noun.lemma_.lower() in lex["nouns_with_object"]
                or obj.pos_ == "NOUN"
                and c.lower_ == "for"
                and noun.lemma_.lower() in lex["for_nouns"]  # "its struggle for independence"
            ):
                span = goal_span(obj, obj.left_edge.i)
                return (span, noun) if span is not None else None
    if noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
        inf = next((c for c in noun.head.children if c.dep_ in ("xcomp", "attr", "ccomp") and c.pos_ == "VERB"), None)
        if inf is not None and any(a.lower_ == "to" for a in inf.children):
            span = goal_span(inf, _start(inf, noun))
            return (span, noun) if span is not None else None
        thing = next((c for c in noun.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"), None)
        if thing is not None and noun.lemma_.lower() in lex["nouns_with_object"] | lex["aim_nouns"]:
            # "its goal is reunification", "its priority is stability on the border"
            span = goal_span(thing, thing.left_edge.i)
            return (span, noun) if span is not None else None
    clause = _that_clause(noun) if noun.lemma_.lower() in lex["that_nouns"] else None
    if clause is not None:  # "in the hope that talks resume"
        return clause, noun
    if _copula_read_as_progressive(noun):
        span = goal_span(noun.head, noun.head.i)  # "its priority is keeping X open": a copula read as "is -ing"
        return (span, noun) if span is not None else None
    if noun.dep_ in ("nsubj", "nsubjpass"):  # "the aim ... is (limited) to eroding ..."
        act = _predicate_action(noun.head)
        span = goal_span(act, act.i) if act is not None else None
        return (span, noun) if span is not None else None
    return None


def _opposed(noun: Token) -> bool:
    """ "X will resist any attempt to disarm it", "the army foiled a bid to ...": an aim whose
    owner goes unnamed, set against by the verb's subject, is no one's that we can name."""
    return (
        noun.dep_ == "dobj"
        and noun.head.lemma_.lower() in cues()["opposing_verbs"]
        and not any(c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "by" for c in noun.children)
    )


def _copula_read_as_progressive(noun: Token) -> bool:
    """ "Its priority is keeping the roads open": an aim noun, which can do nothing, as the subject
    of "is" + gerund with an object (unlike "the plan is working", "the hope is fading")."""
    verb = noun.head
    return (
        noun.dep_ == "nsubj"
        and noun.lemma_.lower() in cues()["aim_nouns"]
        and verb.tag_ == "VBG"
        and any(a.lemma_ == "be" for a in verb.lefts)
        and any(c.dep_ == "dobj" for c in verb.children)
    )


def _holder(obj: Token) -> bool:
    """A group or named body after a goal noun's "of": the one who holds the aim."""
    return obj.lemma_.lower() in cues()["beneficiary_nouns"] | {"world"} or obj.ent_type_ in (
        "PERSON",
        "NORP",
        "GPE",
        "ORG",
    )


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
    if (sighted := _sights_on(tok)) is not None:
        return sighted, tok
    particle = cues()["focus_verbs"].get(tok.lemma_.lower()) or cues()["focus_verbs"].get(tok.lower_)
    if tok.pos_ not in ("VERB", "ADJ") or particle is None:
        return None
    prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == particle), None)
    if prep is None:
        return None
    if tok.pos_ == "ADJ" or tok.tag_ == "VBN":
        if any(c.dep_ == "dobj" for c in tok.children):
            return None  # "has committed troops to the mission": a deed with its object, no aim
        obj = next((x for x in prep.children if x.dep_ in ("pcomp", "pobj")), None)
        span = goal_span(obj, obj.left_edge.i) if obj is not None else None
        return (span, tok.head if tok.dep_ in ("acomp", "amod", "xcomp", "oprd") else tok) if span is not None else None
    span = goal_span(tok)
    return (span, tok) if span is not None else None


def _sights_on(tok: Token) -> Optional[Span]:
    """ "has set its sights on the capital", "has its eye on a port", "pinned its hopes on a
    deal": a verb with an object of aiming (data: sight_verbs) and what it is "on"."""
    lex = cues()
    if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in lex["sight_verbs"]:
        return None
    aim = next((c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in lex["sight_nouns"]), None)
    if aim is None or not any(c.dep_ == "poss" for c in aim.children):
        return None  # "set sights on", "the eye": only one's own sights and hopes
    on = next((c for c in [*tok.children, *aim.children] if c.dep_ == "prep" and c.lower_ in ("on", "upon")), None)
    obj = next((x for x in on.children if x.dep_ in ("pobj", "pcomp")), None) if on is not None else None
    return goal_span(obj, obj.left_edge.i) if obj is not None and obj.i > aim.i else None


def _demand_goal(tok: Token) -> Optional[tuple]:
    """ "urging Turkey to adopt a firmer line", "calling on the parties to release ...", "pressing
    Kyiv to withdraw": the goal is the other side doing something, and it includes that side."""
    lex = cues()
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in lex["demand_verbs"]:
        return None
    if any(c.dep_ == "auxpass" for c in tok.children):
        return None  # "he was asked what could push X to ...": the subject is the one asked
    sides = ("on", "upon", "to") if tok.lemma_.lower() == "appeal" else ("on", "upon")  # "appealed to X to"
    on = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in sides), None)
    target = next((x for x in on.children if x.dep_ == "pobj"), None) if on is not None else None
    if target is not None and target.ent_type_ in ("DATE", "TIME"):
        on = target = None  # "called on Monday for calm": a day, not a side called on
    if tok.lemma_.lower() in ("call", "appeal") and target is None:
        return None  # "called a press conference to ...": no one is called on
    inf = _to_infinitive(tok) or (_to_infinitive(target) if target is not None else None)
    if (
        inf is None
        or inf.dep_ in ("advcl", "acl")
        and inf.head.i == tok.i
        and on is None
        and not _invited_over(tok, inf)
    ):
        return None  # "pressed the point to win votes": a purpose, not a demand ("called on X to" is one)
    target = (
        target
        or next((c for c in tok.children if c.dep_ in ("dobj", "dative") and c.i < inf.i), None)
        or next((c for c in inf.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < inf.i), None)
    )
    if target is None or tok.dep_ == "pcomp" and not _gerund_subject(tok):
        return None  # "over pressuring X to ...": nobody in particular presses
    if tok.lemma_.lower() in ("order", "tell", "instruct") and target.lemma_.lower() in lex["own_people_nouns"]:
        return None  # "ordered diplomats to leave": its own people sent, no side pressed
    if target.lemma_.lower() in lex["public_nouns"] and target.ent_type_ != "NORP":
        return None  # "urged residents to stay indoors": an appeal to the crowd, no side pressed
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
    preps = cues()["for_verbs"].get(tok.lemma_.lower())
    if tok.pos_ != "VERB" or preps is None:
        return None
    prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in preps and _next_to(tok, c)), None)
    if prep is None and (clause := _for_clause(tok, preps)) is not None:
        return clause, tok  # "asked for Rwandan troops to help ...": the side and what it should do
    obj = next((x for x in prep.children if x.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    if obj is None or obj.pos_ not in ("NOUN", "PROPN", "VERB") or obj.ent_type_ in ("DATE", "TIME", "MONEY"):
        return None
    inf = _to_infinitive(obj) or _infinitival_relative(obj) or _following_purpose(tok, obj)
    if inf is None and (obj.lemma_.lower() in cues()["beneficiary_nouns"] or obj.ent_type_ in ("PERSON", "NORP")):
        return None  # "fighting for the Sudanese people": whom the effort serves, not what it seeks
    if inf is None and prep is not None and prep.lower_ == "at" and _target(obj):
        return None  # "the attack was aimed at foreign tourists": whom a blow is aimed at, no aim
    span = goal_span(inf, obj.left_edge.i) if inf is not None else goal_span(obj, obj.left_edge.i)
    return (span, tok) if span is not None else None


def _next_to(verb: Token, prep: Token) -> bool:
    """The preposition of what is sought right after its verb, or after the side appealed to
    ("appealed to Turkey for help", "called on donors for funds", "asked Turkey for help")."""
    if prep.i == verb.i + 1:
        return True
    before = [c for c in verb.children if verb.i < c.i < prep.i]
    if len(before) != 1 or before[0].left_edge.i != verb.i + 1 or before[0].right_edge.i + 1 != prep.i:
        return False
    side = before[0]  # "appealed to Turkey for help"; "asked Turkey for help": a named side asked
    return (
        side.dep_ == "advmod"  # "pushed hard for", "called repeatedly for": how, with one word
        and side.pos_ == "ADV"
        and side.left_edge.i == side.right_edge.i
        or side.dep_ in ("prep", "dative")
        and side.lower_ in ("to", "on", "upon")
        or (
            side.dep_ in ("dobj", "dative")
            and side.pos_ == "PROPN"
            and side.ent_type_ in ("GPE", "ORG", "NORP", "PERSON")
        )
    )


def _for_clause(verb: Token, preps: set) -> Optional[Span]:
    """ "called for the army to withdraw", "pushing for Kyiv to hold a vote": "for" read as the
    mark of a to-clause with its own subject; the goal is that side doing that."""
    if "for" not in preps or verb.i + 1 >= len(verb.doc) or verb.doc[verb.i + 1].lower_ != "for":
        return None
    clause = next((c for c in verb.children if c.dep_ in ("advcl", "ccomp") and c.i > verb.i + 1), None)
    if clause is None or not any(m.dep_ == "mark" and m.i == verb.i + 1 for m in clause.children):
        return None
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < clause.i), None)
    if subj is None or not any(a.dep_ == "aux" and a.lower_ == "to" for a in clause.children):
        return None
    return goal_span(clause, subj.left_edge.i)


def _following_purpose(verb: Token, obj: Token) -> Optional[Token]:
    """ "looking for partners to supply arms", "called for a truce to let aid in": a to-clause the
    parser hung on the verb right after what is sought says what the thing sought is for."""
    after = obj.right_edge.i + 1
    return next(
        (
            c
            for c in verb.children
            if c.dep_ == "advcl"
            and c.i == after + 1
            and verb.doc[after].lower_ == "to"
            and any(a.i == after and a.dep_ == "aux" for a in c.children)
        ),
        None,
    )


def _infinitival_relative(noun: Token) -> Optional[Token]:
    """ "looking for a way to reopen the road": the to-clause the parser hung on the sought
    noun as a relative clause says what the thing sought is for."""
    return next(
        (
            c
            for c in noun.children
            if c.dep_ == "relcl" and c.i > noun.i and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        ),
        None,
    )


def _urged_course(tok: Token) -> Optional[tuple]:
    """ "insisted that both parties should return to talks", "demanded that he step
    down": what a speaker says others should do is the speaker's goal."""
    mandative = tok.lemma_.lower() in cues()["mandative_verbs"]
    if tok.pos_ != "VERB" or not (is_speech_verb(tok) or mandative):
        return None
    arrays = parse_arrays.of(tok.doc)  # the clause found on the parse arrays: no Token per child
    deps, lowers = arrays.strings_of("dep"), arrays.strings_of("lower")
    k = next((c for c in arrays.children(tok.i) if deps[c] == "ccomp" and (c > tok.i or _quoted_before(tok, c))), None)
    if k is None or (
        not mandative and not any(deps[a] == "aux" and lowers[a] in cues()["demand_modals"] for a in arrays.children(k))
    ):
        return None
    clause = tok.doc[k]
    modals = {a.lower_ for a in clause.children if a.dep_ == "aux" and a.tag_ == "MD"}
    if modals - cues()["demand_modals"] or clause.left_edge.tag_ in ("WDT", "WP", "WRB"):
        return None  # "asked what could push X to ...": a question, not a course urged
    subjunctive = (
        clause.tag_ == "VB"
        and not modals
        or clause.tag_ == "VBP"
        and clause.lemma_ not in ("be", "have", "do")
        or clause.tag_ == "VBN"  # "demanded that the results be annulled"
        and not modals
        and any(a.dep_ == "auxpass" and a.tag_ == "VB" for a in clause.children)
    )
    if (
        mandative
        and not subjunctive
        and not any(a.dep_ == "aux" and a.lower_ in cues()["demand_modals"] for a in clause.children)
    ):
        return None  # "insisted that he was innocent": a claim, not a demand
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lower_ in FIRST_PERSON or any(c.lower_ in FIRST_PERSON for c in subj.children):
        return None  # "our views should not be confused": a claim about oneself, not a demand
    if any(a.dep_ == "aux" and a.lemma_ == "have" for a in clause.children):
        return None  # "the talks should have started earlier": a regret, not a course urged
    start = next((t.i + 1 for t in clause.lefts if t.dep_ == "mark"), clause.left_edge.i)
    while tok.doc[start].is_quote:
        start += 1  # "'X must withdraw,' he said": the words, not their opening quotation mark
    span = tok.doc[start : _clause_stop(clause)]
    return (span, tok) if len(span) >= 3 else None


def _quoted_before(verb: Token, k: int) -> bool:
    """ "'X must withdraw,' the minister said": a quotation ahead of its speech verb, the closing
    quotation mark between the clause and the verb."""
    doc = verb.doc
    return k < verb.i and any(t.is_quote for t in doc[doc[k].right_edge.i + 1 : verb.i])


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
