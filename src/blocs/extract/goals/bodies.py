"""Goal holders a describing word names: "the Communist objective", "the foreign troops".

A goal noun whose capitalised describing word names a group the article knows by no
other name belongs to that group, not to whoever reports it; a description marked as
another set ("foreign troops", "other groups") never stands for an actor named before.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from ...context import Context
from ...coref import DESCRIPTIONS
from ...records import Quote
from ..quotes import is_speech_verb
from ..quotes import lexicon as speech_lexicon
from ..quotes.speakers import Speakers
from . import owners as o
from .wording import cues

# entity kinds a capitalised describing word may have and still name a group of people
_GROUP_KINDS = ("", "NORP")


def relative_of_another(tok: Token) -> bool:
    """ "Mugabe's wife", "Erdogan's rival Kilicdaroglu": a person named by a tie to the possessor
    (data: relative_nouns) is someone else."""
    nouns = cues()["relative_nouns"]
    return any(c.dep_ == "poss" for c in tok.children) and (
        tok.lemma_.lower() in nouns
        or any(c.dep_ in ("compound", "amod") and c.lemma_.lower() in nouns for c in tok.children)
    )


def kin_named(ctx: Context, tok: Token) -> Optional[str]:
    """ "Imelda Marcos ... Ferdinand Marcos's wife wants ...": a kin word (data: kin_nouns) of a named
    person stands for the one other person of the article who bears the same surname."""
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    holder = ctx.actor_at(poss) if poss is not None else None
    if holder is None or holder not in ctx.actors or tok.lemma_.lower() not in cues()["kin_nouns"]:
        return None
    surname = ctx.actors[holder].name.split()[-1].lower()
    kin = [
        k
        for k, a in ctx.actors.items()
        if k != holder and a.type == "person" and len(a.name.split()) > 1 and a.name.split()[-1].lower() == surname
    ]
    return kin[0] if len(kin) == 1 else None


def tie_named(ctx: Context, tok: Token) -> Optional[str]:
    """Who a tie word stands for: a kin word's namesake (`kin_named`), or the place or body of its
    own "in", "from" or "of" phrase ("his allies in Cairo", "its backers from the Gulf")."""
    kin = kin_named(ctx, tok)
    if kin is not None or tok.lemma_.lower() in cues()["kin_nouns"]:
        return kin
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "from", "of")):
        obj = next((x for x in prep.children if x.dep_ == "pobj"), None)
        key = ctx.actor_at(obj) if obj is not None else None
        if key and key in ctx.actors and ctx.actors[key].type != "person":
            return key
    return None


def spokesman_body(ctx: Context, key: str) -> str:
    """ "X, the spokesman of the Tigray Defence Forces, vowed to ...": the aim a spokesman states
    is the body's he speaks for (data: spokes_nouns; the body from his title)."""
    actor = ctx.actors.get(key)
    if actor is None or actor.type != "person":
        return key
    doc = ctx.doc
    for m in (m for m in ctx.mentions if m.key == key):
        head = doc[m.end - 1]
        titles = [c for c in head.children if c.dep_ in ("appos", "compound")] + (
            [head.head] if head.dep_ == "appos" else []
        )
        for title in (t for t in titles if t.lemma_.lower() in cues()["spokes_nouns"]):
            return o._titled_body(ctx, key) or _body_of_title(ctx, title) or key
    return key


def _body_of_title(ctx: Context, title: Token) -> Optional[str]:
    """ "the spokesman of the Tigray Defence Forces": the body named in the title's of-phrase."""
    for prep in (c for c in title.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (x for x in prep.children if x.dep_ == "pobj"):
            key = ctx.actor_of_phrase(obj)
            if key and key in ctx.actors and ctx.actors[key].type not in ("person", "media"):
                return key
    return None


def served(tok: Token) -> Optional[Token]:
    """ "Fighters loyal to Haftar", "militias allied with the army": armed men (data: fighter_nouns)
    named by whom they serve, who owns their aims."""
    lex = cues()
    if tok.tag_ != "NNS" or tok.lemma_.lower() not in lex["fighter_nouns"]:
        return None
    for c in tok.children:
        if c.dep_ in ("amod", "acl") and c.lemma_.lower() in lex["loyal_words"] and c.i == tok.i + 1:
            prep = next((p for p in c.children if p.dep_ == "prep" and p.lower_ in ("to", "with")), None)
            return next((x for x in prep.children if x.dep_ == "pobj"), None) if prep is not None else None
    return None


def in_frame(noun: Token) -> bool:
    """ "in the hope of", "in a bid to", "in an effort to": a goal noun (data: frame_nouns) framed by
    "in" as the purpose of the clause it sits in, whose doer owns it."""
    return noun.head.lower_ == "in" and noun.lemma_.lower() in cues()["frame_nouns"]


def apart(tok: Token) -> bool:
    """A description marked as a set of its own ("the foreign troops sent to ...", "other
    militias"): not the last actor named, whatever its head noun."""
    return tok.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in cues()["apart_adjectives"] for c in tok.children)


def modifier_body(ctx: Context, cue: Token) -> Optional[str]:
    """ "X said the Communist objective is to ...": the group a goal noun's capitalised
    describing word names, kept as an actor of its own when no actor has those words (a
    known one is found by `owners.named_modifier` before this is asked)."""
    if cue.pos_ != "NOUN" or cue.lemma_.lower() not in cues()["nouns"]:
        return None
    if any(c.dep_ == "poss" for c in cue.children):
        return None
    word = next(
        (
            c
            for c in cue.children
            if c.dep_ in ("amod", "compound")
            and c.sent.start < c.i < cue.i
            and c.text[:1].isupper()
            and c.pos_ in ("ADJ", "PROPN")
            and c.ent_type_ in _GROUP_KINDS
            and not ctx.actor_at(c)
        ),
        None,
    )
    if word is None or not word.is_alpha:
        return None
    return Speakers(ctx).add_actor(cue.doc[word.i : word.i + 1], "other")


def reporter(ctx: Context, owner: Token, quote: Optional[Quote]) -> Optional[str]:
    """ "Army officers said they had acted to ...", "the ministry said its troops would ...": a
    third-person pronoun of the clause a speaker reports is that speaker, when the speaker's
    words are the reporting verb's subject and agree with the pronoun in number and kind."""
    speaker = quote.speaker if quote is not None else None
    if speaker is None or owner.pos_ != "PRON" and owner.tag_ != "PRP$" or speaker not in ctx.actors:
        return None
    said = o._reporting_subject(owner)
    if said is None or said.pos_ not in ("NOUN", "PROPN"):
        return None
    m = ctx.overlapping(said.left_edge.i, said.i + 1)  # none: "the officers" the quote stage resolved
    if m is not None and m.key != speaker:
        return None
    person, word = ctx.actors[speaker].type == "person", owner.lower_
    if word in ("he", "his", "him", "she", "her"):
        return speaker if person else None
    plural = said.tag_ in ("NNS", "NNPS")
    if word in ("it", "its"):
        return speaker if not person and not plural else None
    return speaker if word in ("they", "their", "them") and not person and plural else None


def joined_names(ctx: Context, obj: Token) -> list[Optional[str]]:
    """ "signed by President A and President B": two long names joined by "and" that the
    parser reads as one hung on the other (the first a modifier of the second); each names a
    party of its own."""
    return [
        ctx.actor_at(t)
        for t in obj.lefts
        if t.dep_ == "nmod" and t.pos_ == "PROPN" and any(c.dep_ == "cc" and c.lower_ == "and" for c in t.children)
    ]


def counted(ctx: Context, owner: Token, keys: list[Optional[str]]) -> list[Optional[str]]:
    """ "The two countries agreed to ...", "both sides want ...": a description counted as two
    or more is never the one actor named last; it is the actors last named together a few
    sentences back, or nobody."""
    if not any(c.dep_ in ("nummod", "det", "predet") and c.lower_ in cues()["counted_words"] for c in owner.children):
        return keys
    found: list[Optional[str]] = list(dict.fromkeys(k for k in keys if k))
    return found if len(found) >= 2 else list(o.coref_of(ctx).pair_before(owner, sentences=8))


def by_agent(noun: Token) -> Optional[Token]:
    """ "A bid by the army to retake ...", "efforts by Qatar to mediate ...": the "by" phrase of a
    goal noun, ahead of its to-clause, names whose aim it is."""
    by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" and c.i == noun.i + 1), None)
    if by is None:  # "a deadline set by the bloc to ...": the agent of the participle right after
        made = next((c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN" and c.i == noun.i + 1), None)
        return participle_agent(made) if made is not None else None
    return next((x for x in by.children if x.dep_ == "pobj"), None)


def plural_name(ctx: Context, tok: Token) -> Optional[str]:
    """ "The Madkhalis want to ...", "the Alawites": the plural of a body's own name, which the
    actor stage may keep only in the singular ("Madkhali-led"), is that body (never a person)."""
    text = tok.text
    if not text[:1].isupper() or not text.endswith("s") or len(text) < 5:
        return None
    found = {a.key for a in ctx.actors.values() if a.type != "person" and text[:-1] in (a.name, *a.aliases)}
    return found.pop() if len(found) == 1 else None


def many_not_one(ctx: Context, tok: Token, key: Optional[str]) -> Optional[str]:
    """ "The coup leaders want to ...", "the ministers hope ...": a plural description of people is
    never one person named before (the pair "the two leaders" stands for is found apart)."""
    if key is None or tok.tag_ not in ("NNS", "NNPS") or key not in ctx.actors:
        return key
    return None if ctx.actors[key].type == "person" else key


def many_of(ctx: Context, tok: Token, group: list[str]) -> list[str]:
    """The actors a plural description stands for: two or more named together, or one body; never
    a lone person (`many_not_one`)."""
    return group if len(group) >= 2 else [k for k in group if many_not_one(ctx, tok, k)]


def signers(ctx: Context, verb: Token) -> list[Optional[str]]:
    """The subjects of a verb of making an accord, and of the verb it is joined to ("X and Y met and
    signed ..."); "the leaders of X and Y" are X and Y."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None and verb.dep_ == "conj":
        subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return []
    out = [o.actor_of(ctx, subj)] + [o.actor_of(ctx, x) for x in subj.conjuncts]
    if subj.lemma_.lower() in cues()["of_owner_heads"] or subj.lower_ in cues()["of_owner_heads"]:
        for prep in (c for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"):
            out += [ctx.actor_at(x) for p in prep.children if p.dep_ == "pobj" for x in [p, *p.conjuncts]]
    return out


def signer_state(ctx: Context, key: str) -> str:
    """The state a leader signs an accord for, when the article names it; else the leader."""
    body = o._body_of(ctx, key)
    return body if body in ctx.actors else key


def people_as_state(ctx: Context, owner: Token, key: Optional[str]) -> Optional[str]:
    """ "The Egyptians are looking to ...", "the French want ...": a people named with "the" by its
    plural demonym, striving for an aim, is its state when the article names that state; a bare
    plural ("Egyptians want cheaper bread") stays the people."""
    actor = ctx.actors.get(key) if key else None
    if actor is None or actor.type != "population" or not actor.country or owner.ent_type_ != "NORP":
        return key
    if owner.tag_ not in ("NNS", "NNPS") or not any(c.dep_ == "det" and c.lower_ == "the" for c in owner.children):
        return key
    states = [a for a in ctx.actors.values() if a.type == "state" and a.country == actor.country]
    return states[0].key if len(states) == 1 else key


def clause_above(tok: Token) -> Token:
    """Where a doer is looked for next: the head of tok, but past a subordinate clause whose subject
    is a lifeless thing when tok is a finite verb joined to it ("X said the attack was revenge and
    called on Y to ...": the parser joins "called" to "was"; the attack calls on no one)."""
    head = tok.head
    if tok.dep_ != "conj" or tok.tag_ not in ("VBD", "VBZ", "VBP") or head.head.i == head.i:
        return head
    if head.dep_ != "ccomp" and (head.dep_ not in ("acl", "advcl") or not any(c.dep_ == "mark" for c in head.children)):
        return head
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    lemma = subj.lemma_.lower() if subj is not None else ""
    if subj is None or subj.pos_ != "NOUN" or subj.ent_type_ or lemma in DESCRIPTIONS:
        return head
    lex, speech = cues(), speech_lexicon()
    if lemma in lex["body_nouns"] | lex["fighter_nouns"] | set(speech["group_nouns"]) | set(speech["role_nouns"]):
        return head
    return head.head


def of_holder(noun: Token) -> Optional[Token]:
    """ "The goal of the RSF is to ...", "the ambition of Ankara to ...": the "of" phrase right after
    an aim noun that names a body or a person (not an act: "the aim of the campaign") holds the aim."""
    lex = cues()
    if noun.lemma_.lower() not in lex["aim_nouns"] | lex["nouns_with_object"]:
        return None
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == noun.i + 1), None)
    obj = next((x for x in of.children if x.dep_ == "pobj"), None) if of is not None else None
    if obj is None or obj.lemma_.lower() in lex["effort_nouns"]:
        return None
    if any(c.dep_ == "det" and c.lower_ in ("a", "an") or c.dep_ == "amod" and c.text.islower() for c in obj.children):
        return None  # "the dream of an independent state", "of a united Ireland": what is dreamt of
    named = obj.ent_type_ in ("PERSON", "NORP", "GPE", "ORG") or obj.pos_ == "PROPN"
    return obj if named or obj.lemma_.lower() in lex["body_nouns"] else None


def aside_speaker(noun: Token) -> Optional[Token]:
    """ "The aim, Burhan said, is to ...", "the goal, according to Kenyan officials, is to ...": a goal
    noun with no possessor, the subject of a clause whose speaker an aside names, is the speaker's."""
    if noun.dep_ != "nsubj" or not any(c.dep_ == "det" for c in noun.children):
        return None
    for c in noun.head.children:
        if c.dep_ == "parataxis" and is_speech_verb(c):
            return next((s for s in c.children if s.dep_ == "nsubj"), None)
        if c.dep_ == "prep" and c.lower_ == "according" and c.i < noun.head.i:
            to = next((t for t in c.children if t.lower_ == "to"), None)
            return next((x for x in to.children if x.dep_ == "pobj"), None) if to is not None else None
    return None


def participle_agent(verb: Token) -> Optional[Token]:
    """ "a plan drawn up by Kenya", "the deadline set by the bloc": the "by" agent of a passive
    participle, who made the thing it describes."""
    if verb.tag_ != "VBN":
        return None
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((x for x in by.children if x.dep_ == "pobj"), None) if by is not None else None


def unknown_plural(ctx: Context, owner: Token) -> bool:
    """ "The herders have little interest in X; their priority is ...": "they" or "their" after a
    plural subject of its own sentence that names no actor stands for that subject, not for an
    actor named sentences before (a speaker's subject, "analysts say their aim ...", aside)."""
    if owner.lower_ not in ("they", "their", "them"):
        return False
    return any(
        t.dep_ in ("nsubj", "nsubjpass")
        and t.tag_ in ("NNS", "NNPS")
        and not is_speech_verb(t.head)
        and not ctx.actor_at(t)
        and not o.actor_of(ctx, t)
        for t in owner.doc[owner.sent.start : owner.i]
    )
