"""Goal owners: who has the goal.

The subject (or possessor) of the cue; pronouns go back to the last fitting actor
named; "the group", "the president" to the last actor of that kind; "For X, ..." makes
X the owner of a sentence's goals; the speaker owns a "we" in their own quote.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

from ... import parse_arrays
from ...context import Context, sent_of
from ...coref import DESCRIPTIONS, PRONOUN_SEX, Coref, kin_of
from ...records import Quote
from ...syntax import left_noun_phrase, misread_apposition, relative_antecedent
from ..quotes import is_speech_verb, sentence_floor
from ..quotes import lexicon as speech_lexicon
from ..quotes.speakers import Speakers
from . import bodies as b
from .acts import act_owner
from .wording import FIRST_PERSON, PRONOUNS, cues


def _subject(tok: Token) -> Optional[Token]:
    """Who does what a verb says: its subject, a relative clause's noun, the noun a
    participle describes ("fighters trying to ..."), else the subject of the clause above."""
    for _ in range(5):
        subjects = parse_arrays.children_with(tok, ("nsubj", "nsubjpass"))  # (no Token for the other children)
        if subjects:  # two subjects are a misparse of a fronted phrase: the one next to the verb
            c = max((s for s in subjects if s.i < tok.i), key=lambda s: s.i, default=subjects[0])
            if c.tag_ in ("WDT", "WP") and tok.dep_ == "relcl":
                return _framed_deed(tok.head) or _people_of(c, tok.head) or tok.head
            if c.tag_ in ("WDT", "WP") and (antecedent := relative_antecedent(c)) is not None:
                return antecedent
            return misread_apposition(c) or c
        if tok.dep_ == "acl" and tok.tag_ in ("VBG", "VBN") and tok.head.pos_ in ("NOUN", "PROPN"):
            return b.participle_agent(tok) or _framed_deed(tok.head) or tok.head  # "a plan drawn up by X to ..."
        if _finite_misread_as_acl(tok):
            return tok.head  # "Georgia, which borders X, offered to ...": the noun is the subject
        if (controller := _object_controller(tok)) is not None:
            return controller
        if (
            tok.dep_ in ("xcomp", "conj", "advcl", "acomp", "ccomp", "pcomp", "prep", "pobj", "acl", "oprd")
            and tok.head.i != tok.i
        ):
            tok = b.clause_above(tok)  # past a clause of a lifeless subject ("said the attack was X and called on")
            continue
        break
    return left_noun_phrase(tok) if tok.dep_ == "ROOT" else None


def _finite_misread_as_acl(verb: Token) -> bool:
    """A past or present verb with no subject of its own that the parser hung as a clause on
    the sentence's root noun ("Georgia, which borders X, offered to ..."): a finite verb needs
    a subject, and the noun before it is the one."""
    noun = verb.head
    return (
        verb.dep_ in ("acl", "advcl")
        and verb.tag_ in ("VBD", "VBZ", "VBP")
        and noun.dep_ == "ROOT"
        and noun.pos_ in ("NOUN", "PROPN")
        and noun.i < verb.i
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "mark") for c in verb.children)
    )


def _people_of(rel: Token, noun: Token) -> Optional[Token]:
    """ "the former rebels of Libya, who disarmed ...": "who" stands for people, so a place the
    parser hung the clause on gives way to the people its "of" belongs to."""
    of = noun.head
    if rel.lower_ not in ("who", "whom") or noun.ent_type_ not in ("GPE", "LOC", "FAC"):
        return None
    return of.head if noun.dep_ == "pobj" and of.lower_ == "of" and of.head.pos_ == "NOUN" else None


def _framed_deed(noun: Token) -> Optional[Token]:
    """ "X took power in a move that appeared aimed at ...", "X expelled envoys, in a step
    designed to ...": a bare act noun framing the deed of the clause it hangs on is done by
    that clause's subject; so is one that clause's verb of doing makes ("X launched an offensive
    aimed at ...", "X imposed a blockade meant to ...", unlike "X criticised a plan aimed at")."""
    lex, prep, lemma = cues(), noun.head, noun.lemma_.lower()
    if noun.dep_ == "appos" and lemma in lex["action_nouns"] and not any(c.lower_ == "the" for c in noun.children):
        return _clause_subject(prep)  # "X expelled two envoys, a move aimed at ...": the deed of X
    if any(c.dep_ == "poss" for c in noun.children) or prep.head.pos_ not in ("VERB", "AUX"):
        return None
    if noun.dep_ == "dobj" and lemma in lex["action_nouns"] | lex["effort_nouns"]:
        if prep.pos_ == "VERB" and prep.lemma_.lower() in lex["launch_verbs"]:
            return next((c for c in prep.children if c.dep_ == "nsubj"), None)
        return None
    if noun.dep_ != "pobj" or prep.lower_ not in ("in", "as"):
        return None
    if lemma in lex["action_nouns"]:
        return next((c for c in prep.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if lemma in DESCRIPTIONS or not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children):
        return None  # "in a country that seeks ...": a body of its own; "in the attack": one told before
    # "X spoke in a speech that sought to ...", "X struck in an attack meant to ...": the active doer only
    return next((c for c in prep.head.children if c.dep_ == "nsubj"), None)


def _clause_subject(tok: Token) -> Optional[Token]:
    """The subject of the first verb above a noun (the doer of the clause the noun sits in)."""
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX"):
            return _subject(tok)
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _framing_clause(noun: Token) -> Optional[Token]:
    """ "X seized power in what appeared to be a bid to ...", "..., in what officers said was an
    effort to ...": the goal noun of such a free relative names the aim of the deed it frames."""
    up = noun
    for _ in range(6):
        if up.head.i == up.i:
            return None
        if up.dep_ == "pcomp" and up.head.dep_ == "prep" and up.head.lower_ in ("in", "as"):
            first = up.head.doc[up.head.i + 1]
            return up.head.head if first.lower_ == "what" and up.head.head.pos_ in ("VERB", "AUX") else None
        up = up.head
    return None


def _object_controller(tok: Token) -> Optional[Token]:
    """ "accused the RSF of trying to ...": a gerund after such a preposition is done by the
    object of the verb the preposition hangs on."""
    prep = tok.head
    if tok.dep_ != "pcomp" or tok.tag_ != "VBG" or prep.lower_ not in cues()["object_control_preps"]:
        return None
    if prep.dep_ != "prep" or prep.head.pos_ != "VERB":
        return None
    return next((c for c in prep.head.children if c.dep_ == "dobj" and c.i < prep.i), None)


def _owner(cue: Token, anchor: Token) -> Optional[Token]:
    """Who has the goal: a possessor of a goal noun, else the subject of the clause."""
    if cue.pos_ == "NOUN":
        shared = cue.head if cue.dep_ == "conj" and cue.head.pos_ == "NOUN" else cue  # "its patience and desire to"
        poss = next((c for c in cue.children if c.dep_ == "poss"), None) or next(
            (c for c in shared.children if c.dep_ == "poss" and c.i < shared.i), None
        )
        if poss is not None or (poss := b.by_agent(cue) or b.of_holder(cue)) is not None:
            return poss  # "its bid to ...", "a bid by the army to ...", "the goal of the army is to ..."
        framed = _framing_clause(cue)
        if framed is not None:
            return _subject(framed)
        if cue.dep_ == "pobj" and (cue.head.lower_ == "with" or b.in_frame(cue)):  # "with the aim of", "in the hope of"
            return _clause_subject(cue.head)
        if cue.dep_ in ("dobj", "attr", "pobj"):
            return _subject(cue.head)
        effort = _effort(cue) or b.aside_speaker(cue)  # "the aim of the campaign", "the aim, X said, is"
        if effort is not None:
            return effort
    return _subject(anchor)


def named_modifier(ctx: Context, cue: Token) -> Optional[Token]:
    """ "the Communist objective", "Russian ambitions", "the Kremlin's aim": a goal noun
    whose own modifier names an actor belongs to that actor, whoever reports it."""
    if cue.pos_ != "NOUN" or any(c.dep_ == "poss" for c in cue.children):
        return None
    return next(
        (
            c
            for c in cue.children
            if c.dep_ in ("amod", "compound", "nmod") and c.i < cue.i and c.text[:1].isupper() and ctx.actor_at(c)
        ),
        None,
    )


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
        sent = sent_of(noun)
        if sent.start == 0:
            return None
        before = sent_of(noun.doc[sent.start - 1])
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
    sex = PRONOUN_SEX.get(tok.lower_)
    start = sentence_floor(doc, tok.i, 2)
    found = [
        m
        for m in ctx.mentions_from(start, tok.i)
        if ctx.actors.get(m.key)
        and ctx.actors[m.key].type != "media"
        and (ctx.actors[m.key].type == "person") == person
        and not unnamed(ctx, m.key)  # "analysts say ... Its fighters": never the onlookers
        and not (sex is not None and kin_of(doc[m.end - 1], sex))  # "Kim's sister ... She": not Kim
    ]
    if not found:
        return None
    here = [m for m in found if m.start >= sent_of(tok).start]
    if tok.dep_ == "poss" and here:
        speaker = _reporting_subject(tok)  # "Rwanda ... says its aim is ...": the speaker's own
        mine = [m for m in here if speaker is not None and m.start <= speaker.i < m.end]
        return (mine or here)[-1].key
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
    before = [m for m in found if m.start < sent_of(tok).start and doc[m.end - 1].dep_ in ("nsubj", "nsubjpass")]
    main = [
        m
        for m in before
        if doc[m.end - 1].head.dep_ == "ROOT" and sent_of(doc[m.end - 1]).start == sentence_floor(doc, tok.i, 1)
    ]
    subj = [m for m in found if doc[m.end - 1].dep_ in ("nsubj", "nsubjpass")]
    pick = main or before or subj or found
    return pick[-1].key


def _reporting_subject(tok: Token) -> Optional[Token]:
    """The subject of the speech verb whose reported clause holds `tok` ("X says its aim is
    ...", "X said its forces would ..."), found up the clause chain."""
    up = tok.head
    for _ in range(8):
        if up.dep_ == "ccomp" and up.head.i != up.i and is_speech_verb(up.head):
            return _subject(up.head)
        if up.head.i == up.i or up.dep_ in ("relcl", "advcl"):
            return None
        up = up.head
    return None


def actor_of(ctx: Context, tok: Optional[Token]) -> Optional[str]:
    if tok is None:
        return None
    if tok.tag_ == "WP$":  # "X, whose aim is to ...": the noun the relative clause hangs on
        return actor_of(ctx, relative_antecedent(tok))
    if b.relative_of_another(tok):  # "Mugabe's wife": her own aims, not her husband's
        key = _named_holder(ctx, tok) or ctx.actor_at(tok) or b.tie_named(ctx, tok)
        poss = next(c for c in tok.children if c.dep_ == "poss")
        return key if key and key != ctx.actor_at(poss) else None
    key = _named_holder(ctx, tok) or ctx.actor_at(tok) or _modifier_actor(ctx, tok)
    if key or (lord := b.served(tok)) is not None:  # "fighters loyal to Haftar": Haftar's
        return key or actor_of(ctx, lord)
    for c in tok.children:
        if c.dep_ == "poss":
            return actor_of(ctx, c)
    if tok.lower_ in PRONOUNS:
        return (
            _frame(sent_of(tok), ctx)
            or _adjunct_subject(ctx, tok)
            or resolve_pronoun(ctx, tok)
            or coref_of(ctx).actor_for(tok)
        )
    if apart_set(tok):
        return None  # "the ex-guerrillas of Angola", "the foreign troops": a set of their own
    if tok.lemma_.lower() in DESCRIPTIONS:  # "the coalition" is a bloc or IGO, never the last state named
        return b.many_not_one(ctx, tok, coref_of(ctx).actor_for(tok))
    return definite_reference(ctx, tok) or coref_of(ctx).actor_for(tok) or b.plural_name(ctx, tok)


def _adjunct_subject(ctx: Context, tok: Token) -> Optional[str]:
    """ "In its scramble to rearm, Poland ordered ...", "the army shelled the town in its push to
    ...": a possessive in a phrase hung on a verb stands for that verb's subject, before or after
    the phrase, not for the last actor named (an object, a place)."""
    if tok.dep_ != "poss":
        return None
    up = tok.head
    for _ in range(6):
        if up.head.i == up.i:
            return None
        if up.dep_ in ("prep", "advcl", "npadvmod") and up.head.pos_ in ("VERB", "AUX"):
            break
        up = up.head
    else:
        return None
    subj = next(
        (c for c in up.head.children if c.dep_ in ("nsubj", "nsubjpass") and not up.i <= c.i <= up.right_edge.i), None
    )
    if subj is None or subj.lower_ in PRONOUNS or (up.i < up.head.i) != (subj.i > up.i):
        return None
    key = ctx.actor_at(subj) or definite_reference(ctx, subj)
    actor = ctx.actors.get(key) if key else None
    if actor is None or (actor.type == "person") != (tok.lower_ in ("his", "her")):
        return None
    return key


def _named_holder(ctx: Context, tok: Token) -> Optional[str]:
    """ "Russia's foreign minister, Sergei Lavrov, wants ...": an office noun whose apposition
    names a person is that person (as a quote's speaker is), not the state he serves."""
    if tok.pos_ != "NOUN":
        return None
    for c in tok.children:
        key = ctx.actor_at(c) if c.dep_ == "appos" and c.i > tok.i else None
        if key and key in ctx.actors and ctx.actors[key].type == "person":
            return key
    return None


def apart_set(tok: Token) -> bool:
    """People of a place or a set marked as another ("the foreign troops"): no actor named before."""
    return _of_elsewhere(tok) or b.apart(tok)


def _of_elsewhere(tok: Token) -> bool:
    """A plural description of the people of a place ("the rebels of Angola"): a set of its own."""
    return tok.tag_ == "NNS" and any(
        c.dep_ == "prep"
        and c.lower_ == "of"
        and any(x.dep_ == "pobj" and x.ent_type_ in ("GPE", "LOC") for x in c.children)
        for c in tok.children
    )


def coref_of(ctx: Context) -> Coref:
    """The shared coreference module, made once per article ("the insurgents", "the bloc")."""
    found = ctx.doc.user_data.get("blocs.goals.coref")
    if not isinstance(found, Coref) or found.ctx is not ctx:
        found = ctx.doc.user_data["blocs.goals.coref"] = Coref(ctx)
    return found


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
        for m in ctx.mentions_from(start, tok.i)
        if ctx.actors.get(m.key)
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


def unnamed(ctx: Context, key: str) -> bool:
    """An owner the article never names: "officials", "the army spokesman", "one of the
    officers" (all lower case, an anonymous or onlooker noun); such a goal is nobody's in
    particular. A described body ("Western diplomats") keeps its capitalised word and stays."""
    actor = ctx.actors.get(key)
    if actor is None or actor.type not in ("other", "population"):
        return False
    lex = speech_lexicon()
    pool = set(lex["anonymous_nouns"]) | set(lex["unspecific_nouns"]) | set(lex["role_nouns"])
    common = pool | set(lex["determiners"]) | {"of"}
    words = actor.name.split()
    if not words or any(w[:1].isupper() and w.lower() not in common for w in words):
        return False  # a capitalised word that is no common noun names the body
    return words[-1].lower() in pool


def _body_of(ctx: Context, key: str) -> str:
    """The state a leader, spokesman or official speaks for, by the leader table or else
    by the person's country."""
    if key in ctx.leader_of:
        return ctx.leader_of[key]
    actor = ctx.actors.get(key)
    if actor is None or actor.type != "person":
        return key
    titled = _titled_body(ctx, key)  # "M23 spokesman X": the group his title names, not his country
    states = [a for a in ctx.actors.values() if a.type == "state" and a.country and a.country == actor.country]
    return titled or (max(states, key=lambda a: a.mentions).key if states else key)


def _same_head_body(ctx: Context, title: Token) -> Optional[str]:
    """ "an army spokesman" after "Gabon's army": the last body named before with the title's
    noun modifier as its own head noun."""
    words = {c.lemma_.lower() for c in title.children if c.dep_ == "compound" and c.pos_ == "NOUN"}
    found = [
        m.key
        for m in ctx.mentions_from(0, title.i)
        if ctx.doc[m.end - 1].lemma_.lower() in words
        and ctx.actors.get(m.key)
        and ctx.actors[m.key].type not in ("person", "media")
    ]
    return found[-1] if found else None


def _titled_body(ctx: Context, key: str) -> Optional[str]:
    """The body a person's title beside his name says he serves ("an army spokesman, Colonel X",
    "X, chief spokesman for the command", "the group's leader, X", "M23 spokesman X"), ahead of
    his country: the body he speaks for, not the state he belongs to."""
    doc, speakers = ctx.doc, Speakers(ctx)
    roles = set(speech_lexicon()["role_nouns"])
    for m in (m for m in ctx.mentions if m.key == key):
        head = doc[m.end - 1]
        titles = [c for c in head.children if c.dep_ in ("appos", "compound") and c.i != head.i]
        titles += [head.head] if head.dep_ == "appos" else []
        for title in titles:
            if title.lemma_.lower() not in roles:
                continue
            body = speakers.body_for(title) or _same_head_body(ctx, title)
            if body and body != key and ctx.actors.get(body) and ctx.actors[body].type not in ("person", "media"):
                return body
    return None


def _actors(ctx: Context, owner: Optional[Token], quote: Optional[Quote], cue: Token) -> list[str]:
    """Whose goal it is: the speaker for "we" in their quote, else the owner and its conjuncts;
    an accord's goal is its parties'."""
    if owner is not None and owner.lemma_.lower() in cues()["accord_nouns"] and _nameless_or_thing(ctx, owner):
        parties = [k for k in _parties(ctx, owner) + _sides(ctx, owner) if k] or accord_parties(ctx, owner)
        parties = [b.signer_state(ctx, k) for k in parties]  # "signed by X and Y": the states they sign for
        if parties:
            frame = _frame(sent_of(cue), ctx)  # "For Egypt, the accord offers a chance to ...": the one it is for
            return [frame] if frame in parties else list(dict.fromkeys(parties))
    if owner is not None and not actor_of(ctx, owner) and (act := act_owner(ctx, owner, quote)):
        return act
    if quote is not None and (owner is None or owner.lower_ in FIRST_PERSON or not actor_of(ctx, owner)):
        if quote.speaker and owner is not None and owner.lower_ in ("we", "our", "us"):
            return [_body_of(ctx, quote.speaker)]  # a spokesman's "we" is the state he speaks for
        if owner is not None and owner.pos_ in ("NOUN", "PROPN"):
            return _speakers_own(ctx, owner, quote)  # "X said the attackers wanted to ...": no one's
        return [quote.speaker] if quote.speaker else []
    if owner is None:
        frame = _frame(sent_of(cue), ctx)
        return [frame] if frame else []
    if owner.pos_ in ("PRON", "DET") and owner.lower_ in cues()["pair_pronouns"]:
        return coref_of(ctx).pair_before(owner)  # "X and Y met ... Both want to ..."
    if owner.lower_ in PRONOUNS and (frame := _frame(sent_of(cue), ctx)):
        return [frame]
    if owner.lower_ in ("they", "their", "them") and (said := _reporting_subject(owner)) is not None:
        if said.tag_ == "NNS" and said.lemma_.lower() in DESCRIPTIONS and not ctx.actor_at(said):
            group = coref_of(ctx).group_for(said)  # "the two sides said they aimed to ...": both
            if len(group) >= 2:
                return group
    if (speaker := b.reporter(ctx, owner, quote)) is not None:
        return [speaker]  # "Army officers said they had acted to ...": the officers
    if b.unknown_plural(ctx, owner):
        return []  # "The herders ...; their priority is ...": no actor we know
    keys = [b.people_as_state(ctx, owner, actor_of(ctx, owner))] + [actor_of(ctx, c) for c in owner.conjuncts]
    if owner.tag_ == "NNS" and owner.lemma_.lower() in DESCRIPTIONS and not (ctx.actor_at(owner) or apart_set(owner)):
        keys += b.many_of(ctx, owner, coref_of(ctx).group_for(owner))  # "both countries": the pair named before
        keys = b.counted(ctx, owner, keys)
    if not any(keys) and owner.lemma_.lower() in cues()["action_nouns"]:
        keys = _parties(ctx, owner)  # "the deal between Kigali and Kinshasa aims to ..."
    return list(dict.fromkeys(k for k in keys if k))


def _speakers_own(ctx: Context, owner: Token, quote: Quote) -> list[str]:
    """ "The country wants to ..., its prime minister said": a definite description in a quote
    that fits the body the speaker serves ("the country" a state, "the group" an armed group)
    is that body; any other noun is a third party the article never names."""
    types = DESCRIPTIONS.get(owner.lemma_.lower())
    if not types or quote.speaker is None or owner.tag_ != "NN":
        return []
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in owner.children):
        return []
    body = _body_of(ctx, quote.speaker)
    actor = ctx.actors.get(body)
    return [body] if actor is not None and actor.type in types else []


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
                out += [actor_of(ctx, obj)] + [actor_of(ctx, x) for x in obj.conjuncts] + b.joined_names(ctx, obj)
    return out


def _nameless_or_thing(ctx: Context, owner: Token) -> bool:
    """An accord that is no actor, or one kept as a thing ("the Strategic Defence Agreement"):
    either way its aims are its parties'."""
    key = ctx.actor_at(owner)  # "Pakistan's agreement" names no actor by itself: its sides do
    return key is None or key in ctx.actors and ctx.actors[key].type == "other"


def _sides(ctx: Context, noun: Token) -> list[Optional[str]]:
    """The sides of an accord named around it: its possessor, the actors its modifiers name
    ("the Saudi-Pakistani pact"), the signer of the verb it is the object of and the partner
    "with" it ("X signed a pact with Y", "X's deal with Y")."""
    out: list[Optional[str]] = []
    for c in noun.lefts:
        if c.dep_ == "poss":
            out += [actor_of(ctx, c)] + [actor_of(ctx, x) for x in c.conjuncts]
        elif c.dep_ in ("amod", "compound", "nmod"):  # "the Saudi-Pakistani pact": each named word
            out += [ctx.actor_at(t) for t in c.subtree if t.text[:1].isupper()]
    verb = noun.head if noun.dep_ == "dobj" and noun.head.pos_ == "VERB" else None
    if verb is not None and verb.lemma_.lower() in cues()["accord_verbs"]:
        out += b.signers(ctx, verb)  # "X and Y signed ...", "the leaders of X and Y met and signed ..."
    for head in (noun, verb) if verb is not None else (noun,):
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "with"):
            for obj in (x for x in prep.children if x.dep_ == "pobj"):
                out += [actor_of(ctx, obj)] + [actor_of(ctx, x) for x in obj.conjuncts]
    return out


def accord_parties(ctx: Context, noun: Token, sentences: int = 3) -> list[str]:
    """ "X and Y signed a defence pact. The agreement aims to ...": the parties of an accord
    named a few sentences before: the subjects of the verb an accord noun (or "agree",
    "sign") hangs on, or its "between X and Y"."""
    doc, lex = noun.doc, cues()
    floor = sentence_floor(doc, noun.i, sentences)
    for k in range(noun.i - 1, floor - 1, -1):
        tok = doc[k]
        lemma = tok.lemma_.lower()
        if lemma in lex["accord_nouns"]:
            found = [key for key in _parties(ctx, tok) if key]
            verb = tok.head if tok.dep_ in ("dobj", "pobj", "nsubjpass") else None
            if verb is not None and verb.dep_ == "prep":
                verb = verb.head
        elif lemma in lex["accord_verbs"] and tok.pos_ == "VERB":
            found, verb = [], tok
        else:
            continue
        if not found and verb is not None:
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            found = [key for key in ([actor_of(ctx, subj)] if subj is not None else []) if key]
            found += [key for key in (actor_of(ctx, c) for c in subj.conjuncts) if key] if subj is not None else []
        if len(set(found)) >= 2:
            return list(dict.fromkeys(found))
    return []


def collective_owner(ctx: Context, owner: Optional[Token]) -> list[str]:
    """ "Western governments", "Communist forces", "Sahel juntas": a body the article names by
    a description and never by name owns its goal all the same; it is kept as an actor of its
    own (like an unnamed speaker), its words its name. A bare "the gunmen" names nobody."""
    if owner is None or owner.pos_ != "NOUN" or owner.tag_ != "NNS" or ctx.actor_at(owner):
        return []
    named = [c for c in owner.children if c.dep_ in ("amod", "compound") and c.text[:1].isupper() and c.i < owner.i]
    if not named or owner.lemma_.lower() not in cues()["body_nouns"]:
        return []
    span = owner.doc[min(c.left_edge.i for c in named) : owner.i + 1]
    if any(t.is_punct for t in span):
        return []
    return [Speakers(ctx).add_actor(span, "other")]
