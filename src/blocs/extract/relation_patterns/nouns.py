"""Relational nouns and act nouns: "X's ally Y", "Y, X's lone ally", "X's principal ally is Y",
"its allies, A and B", "tensions with X", "X's offensive against Y", "pro-X separatists", "close ties"."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from ..relations import HEAD_WALK, Collector, Resolver, cues
from .clause import (
    ADJ_CONF,
    COPULAS,
    NOUN_CONF,
    SETTLEMENT_CONF,
    _clause_verb,
    _mutual,
    _pobjs,
    _settlement,
    asserted,
    lapsed,
)

# Prepositions that bring in the other side of a relationship noun hung on its verb.
TIE_PREPS = ("to", "toward", "towards", "with")


DASHES = frozenset({"-", "–", "—", "--"})


def possessed_mention(col: Collector, res: Resolver, tok: Token, mention, ev: str) -> None:
    """ "Kyiv's Western allies" named as one actor: the possessor is the other side of the tie."""
    c, lemma = cues(), tok.lemma_.lower()
    polarity = "ally" if lemma in c["ally_nouns"] else "hostile" if lemma in c["hostile_nouns"] else None
    if polarity is None or tok.i != mention.end - 1:
        return
    owners = [k for ch in tok.children if ch.dep_ == "poss" for k in res.phrase(ch, conjuncts=False)]
    col.pairs(owners, [mention.key], polarity, False, NOUN_CONF, ev, "noun:possessed-name")


def _act_author(res: Resolver, tok: Token) -> list[str]:
    """Who carries out the act a noun names: its possessor or actor modifier, else the subject of a
    light verb taking it ("launched an offensive", "claimed responsibility for the attack")."""
    c = cues()
    owners = [
        k
        for ch in tok.children
        if ch.dep_ in ("poss", "compound", "amod", "nmod")
        for k in res.phrase(ch, conjuncts=False)
    ]
    if owners:
        return owners
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() == "responsibility":
        head = head.head  # "claimed responsibility for the attack"
        tok = head
        head = head.head
    if tok.dep_ in ("dobj", "conj") and head.lemma_.lower() in c["agent_verbs"] and asserted(head):
        return res.subject(head)
    return []


def hostile_act(col: Collector, res: Resolver, tok: Token, ev: str) -> None:
    """ "X's offensive against Y", "Russian strikes on Y", "the invasion of Y by X"."""
    c, lemma = cues(), tok.lemma_.lower()
    preps = set(c["act_target_preps"]) | ({"of"} if lemma in c["victim_of_nouns"] else set())
    targets = [
        k for ch in tok.children if ch.dep_ == "prep" and ch.lower_ in preps for p in _pobjs(ch) for k in res.phrase(p)
    ] or _defender(res, tok)
    _joined_act(col, res, tok, targets, ev)
    if not targets:
        return
    holders = [tok, tok.head] if tok.dep_ == "dobj" and tok.head.lemma_.lower() in c["defence_verbs"] else [tok]
    authors = _act_author(res, tok) + [  # "repelled an attack by X": the parser may hang "by X" on the verb
        k
        for h in holders
        for ch in h.children
        if ch.dep_ == "prep" and ch.lower_ == "by"
        for p in _pobjs(ch)
        for k in res.phrase(p)
    ]
    col.pairs(authors, targets, "hostile", True, SETTLEMENT_CONF, ev, f"act-noun:{lemma}")


def _joined_act(col: Collector, res: Resolver, tok: Token, targets: list[str], ev: str) -> None:
    """ "the group that has led Russia's assault", "X joined Y's offensive against Z": who takes part
    in another's act is on its owner's side, and against its target."""
    head = tok.head
    if tok.dep_ != "dobj" or head.lemma_.lower() not in cues()["joining_verbs"] or not asserted(head):
        return
    owners = [k for ch in tok.children if ch.dep_ == "poss" for k in res.phrase(ch, conjuncts=False)]
    helpers = [k for k in res.subject(head) if k not in owners]
    if owners and helpers:
        rule = f"joined-act:{head.lemma_.lower()}"
        col.pairs(helpers, owners, "ally", True, SETTLEMENT_CONF, ev, rule)
        col.pairs(helpers, targets or _struck_state(res, tok, owners), "hostile", True, SETTLEMENT_CONF, ev, rule)


def _struck_state(res: Resolver, tok: Token, owners: list[str]) -> list[str]:
    """ "led Russia's assault on Bakhmut": a town abroad named as the act's target (on the act or
    on the verb of joining) is its state's (a state the article names, other than the owners' own)."""
    ctx = res.ctx
    own = {getattr(ctx.actors.get(k), "country", None) for k in owners}
    preps = cues()["act_target_preps"]
    for ch in [*tok.children, *tok.head.children]:  # the parser may hang "on X" on the verb
        if ch.dep_ != "prep" or ch.lower_ not in preps:
            continue
        for p in _pobjs(ch):
            name = ctx.place_at(p)
            country = getattr(ctx.places.get(name), "country", None) if name else None
            if country and country not in own:
                return [k for k, a in ctx.actors.items() if a.type == "state" and a.country == country][:1]
    return []


def _defender(res: Resolver, tok: Token) -> list[str]:
    """ "X repelled an attack by Y", "X foiled Y's offensive": who stops the act is its target."""
    head = tok.head
    if tok.dep_ not in ("dobj", "nsubjpass") or head.lemma_.lower() not in cues()["defence_verbs"]:
        return []
    if not asserted(head):
        return []
    if tok.dep_ == "nsubjpass":
        return [k for c in head.children if c.dep_ == "agent" for p in _pobjs(c) for k in res.phrase(p)]
    return res.subject(head)


def prefixed(col: Collector, res: Resolver, tok: Token, ev: str) -> None:
    """ "pro-Russian separatists", "anti-government protesters": the qualified actor's side."""
    c, doc = cues(), tok.doc
    if tok.i + 2 >= len(doc) or doc[tok.i + 1].text != "-":
        return
    polarity = "ally" if tok.lower_ in c["ally_prefixes"] else "hostile"
    named = res.ctx.actor_at(doc[tok.i + 2])
    head = doc[tok.i + 2].head
    for _ in range(3):
        if head.pos_ in ("NOUN", "PROPN") and head.i > tok.i + 2:
            break
        head = head.head
    holder = res.ctx.actor_at(head)
    if named and holder and holder != named:
        col.add(holder, named, polarity, True, ADJ_CONF, ev, f"prefix:{tok.lower_}-")


def tie_quality(tok: Token) -> Optional[str]:
    """ "close ties", "strained relations", "relations ... have soured": ally, hostile or None."""
    c = cues()
    words = [t for ch in tok.children if ch.dep_ in ("amod", "compound") for t in ch.subtree]
    if tok.dep_ in ("nsubj", "nsubjpass"):
        words += [tok.head, *[ch for ch in tok.head.children if ch.dep_ in ("acomp", "attr")]]
    lemmas = {w.lemma_.lower() for w in words} | {w.lower_ for w in words}
    if lemmas & set(c["bad_ties"]):
        return "hostile"
    if lemmas & set(c["good_ties"]):
        return "ally"
    return None


def _names_body(res: Resolver, tok: Token) -> bool:
    """An apposition or conjunct that can name a side: a name, a pronoun, or a common noun of people
    or bodies; not a thing whose modifier names a country ("some waving Russian flags")."""
    from ..relations import _armed_heads

    if tok.pos_ != "NOUN" or res.ctx.actor_at(tok):
        return True
    lemma = tok.lemma_.lower()
    return lemma in cues()["body_nouns"] or lemma in _armed_heads()


def _mutual_noun(tok: Token) -> bool:
    """A noun naming the relationship itself ("dispute", "alliance"), or any relational noun
    predicated of its subjects ("A and B are rivals"); not "A and B attacked the enemy"."""
    return (
        tok.lemma_.lower() in cues()["mutual_nouns"]
        or tok.lemma_.lower() in cues()["ties"]
        or _settlement(tok)
        or (tok.dep_ in ("attr", "oprd") and tok.head.lemma_ in COPULAS)
    )


def _party_subject(res: Resolver, verb: Token, rule: str) -> list[str]:
    """The subject of the verb taking a relational noun. For a ceasefire or peace deal, only the
    subject of a verb of making, keeping or breaking it is a party ("A and B signed a truce");
    who proposes, brokers or calls for it ("A and B called for a truce") is not."""
    if rule == "settlement" and verb.lemma_.lower() not in cues()["settlement_party_verbs"]:
        return []
    return res.subject(verb)


def _noun_slots(res: Resolver, tok: Token, rule: str = "noun") -> tuple[list, list, list, list]:
    """Owners (poss, of), modifiers (X-Y, between), other side (appos, conj list, with/to/in) and foes (against).
    A settlement "in X" names where it holds, not a party."""
    side_preps: tuple[str, ...] = (
        ("with", "to", "on") if rule == "settlement" else ("in", "with", "to", "on", "including", "like")
    )
    # "Iran's allies in Yemen", "an Iranian proxy in Yemen": with an owner, "in" names a place (but
    # "their allies in the Oromo Liberation Army" names a body, `_body_in`)
    owned = any(
        c.dep_ == "poss" or c.dep_ in ("amod", "compound", "nmod") and res.ctx.actor_at(c) for c in tok.children
    )
    owners: list[str] = []
    mods: list[str] = []
    others: list[str] = []
    foes: list[str] = []
    examples = (
        [c for c in tok.head.children if c.dep_ == "prep" and c.lower_ == "including"] if tok.dep_ == "conj" else []
    )
    for child in [*tok.children, *examples]:  # "X and its allies, including Y": the parser hangs Y on X
        dep = child.dep_
        if dep == "prep" and child.lower_ == "as" and any(c.lower_ == "such" for c in child.children):
            others.extend(k for p in _pobjs(child) for k in res.phrase(p))  # "its enemies, such as Y and Z"
        elif dep == "poss":
            owners.extend(res.phrase(child))
        elif dep in ("amod", "compound", "nmod"):
            mods.extend(res.phrase(child, conjuncts=False))
        elif dep == "appos" or (dep == "conj" and res.ctx.actor_of_phrase(child) and not res.ctx.actor_at(tok)):
            if _names_body(res, child):
                others.extend(res.phrase(child))  # "Y, X's ally", "its allies, Japan and South Korea"
        elif dep == "prep":
            for pobj in _pobjs(child):
                word = child.lower_
                if word == "of":
                    owners.extend(res.phrase(pobj))
                elif word in side_preps and (word != "in" or not owned or _body_in(res, pobj)):
                    others.extend(res.phrase(pobj))
                elif word == "against":
                    foes.extend(res.phrase(pobj))
                elif word in ("between", "among"):
                    mods.extend(res.phrase(pobj))
    return owners, mods, others, foes


def _body_in(res: Resolver, pobj: Token) -> bool:
    """The object of "in" names a body (a group, party, movement), not a place or a state."""
    key = res.ctx.actor_of_phrase(pobj)
    actor = res.ctx.actors.get(key) if key else None
    return actor is not None and actor.type != "state" and res.ctx.place_at(pobj) is None


def _as_sides(res: Resolver, verb: Token, owners: list, mods: list, others: list, rule: str) -> tuple:
    """ "X is seen as Y's main backer", "X emerged as a partner of Y", "Z regards X as Y's ally": the
    one the noun is said of is the verb's object, else its subject; with no owner, the subject of an
    active verb of regarding is the other side ("Russia sees China as a partner")."""
    objs = [k for c in verb.children if c.dep_ == "dobj" for k in res.phrase(c)]
    holder = objs or _party_subject(res, verb, rule)
    if owners or mods:
        return owners or mods, others + holder, rule + ":as"
    if objs and not others:
        return res.subject(verb), objs, rule + ":as"
    return holder, others, rule + ":as"


def _verb_sides(res: Resolver, verb: Token, owners: list, mods: list, others: list, rule: str) -> tuple:
    """A relational noun in a verb's prepositional phrase: "a cabinet stacked with Kremlin allies",
    "X is bound by a treaty to Y", "X signed a pact with Y" (the sides hang on the verb)."""
    if verb.lemma_.lower() in cues()["member_verbs"] and mods and not owners and not others:
        return owners, res.subject(verb), rule + ":members"
    if not others and not owners and not _siding_verb(verb):
        others = [
            k
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ in ("to", "with")
            for p in _pobjs(c)
            for k in res.phrase(p)
        ]
        if others and not mods:
            owners = res.subject(verb)
    return owners, others, rule


def _siding_verb(verb: Token) -> bool:
    """A verb whose with/to complement is a partner ("sided with X", "stood with X", "worked with X"):
    a noun in its other prepositional phrase ("in the war") is the setting, not a tie with X."""
    lemma = verb.lemma_.lower()
    return any(f["verb"] == lemma and f["slot"] in ("with", "to") for f in cues()["ally_frames"])


def _stand_in(tok: Token) -> Token:
    """The token whose place in the clause the relational noun takes: "one of X's allies" stands
    where "one" stands; "Y, a minister and an ally of X" is an apposition like its first conjunct."""
    slot = tok
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in cues()["part_heads"]:
        slot = tok.head.head
    for _ in range(HEAD_WALK):
        if slot.dep_ != "conj" or slot.head.dep_ != "appos" or slot.head.pos_ != "NOUN":
            break
        slot = slot.head
    return slot


def _appos_holders(res: Resolver, tok: Token, slot: Token) -> list[str]:
    """Who a relational noun in apposition is said of: "Rwanda – Kinshasa's main foe"; "A and B, X's
    main backers" (a plural noun names every conjunct); "Y, a NATO member and X's ally" (the first
    apposition, standing in for the noun, is no side)."""
    head = slot.head
    holders = res.phrase(head, conjuncts=tok.tag_ == "NNS")
    if slot is tok:
        return holders
    own, first = res.ctx.actor_of_phrase(head), res.phrase(slot, conjuncts=False)
    return [k for k in holders if k == own or k not in first]


def noun_cue(
    col: Collector, res: Resolver, tok: Token, polarity: str, ev: str, rule: str = "noun", conf: float = NOUN_CONF
) -> None:
    """ "X's ally Y", "X's ally is Y", "Y – X's foe", "an ally in Y", "the X-Y alliance", "tensions with X"."""
    (owners, mods, others, foes), slot = _noun_slots(res, tok, rule), _stand_in(tok)
    dep, head = slot.dep_, slot.head
    if lapsed(tok, slot):  # "a former ally of X"
        return
    if dep == "dobj" and head.lemma_.lower() in cues()["seeking_verbs"]:
        return  # "X is seeking new allies": none found yet
    if len(mods) >= 2 and not owners and not others:
        _mutual(col, mods, polarity, conf, ev, rule + ":between")  # "the India-Pakistan rivalry"
        return
    if dep in ("attr", "oprd", "dobj", "nsubj", "nsubjpass", "conj") and not asserted(tok):
        return
    if dep == "appos" and res.ctx.actor_of_phrase(head):
        others += _appos_holders(res, tok, slot)
        owners = [k for k in owners if k not in others]  # "Russia, its ally": 'its' is not Russia
        rule += ":appos"
        if not owners and not mods and len(others) >= 2 and tok.tag_ == "NNS":
            _mutual(col, others, polarity, conf, ev, rule + ":co-holders")  # "A and B, old rivals"
            return
    elif dep in ("npadvmod", "dobj") and (named := _comma_named_before(res, slot)):
        owners, others, rule = [k for k in owners if k != named], [*others, named], rule + ":appos"
    elif dep in ("nsubj", "nsubjpass") and head.lemma_ in COPULAS:
        others.extend(k for c in head.children if c.dep_ in ("attr", "oprd") for k in res.phrase(c))
        rule += ":copular"  # "X's principal foreign ally is Y"
    elif dep in ("dobj", "attr", "oprd", "conj"):
        subj = _party_subject(res, head, rule)
        if dep == "dobj" and not others and owners and head.lemma_.lower() in cues()["sharing_verbs"]:
            others = _shared(col, res, head, subj, polarity, conf, ev, rule)
        if owners and not others and dep != "dobj":
            others.extend(subj)  # "Y is X's ally"; not "Y expelled X's allies"
        elif not owners and not mods and others:
            owners.extend(subj)  # "Y found an ally in X", "X has tensions with Y"
        elif not owners and not others and len(subj) >= 2 and _mutual_noun(tok):
            _mutual(col, subj, polarity, conf, ev, rule + ":co-subjects")  # "A and B signed a truce"
            return
        rule += ":predicate"
    elif dep == "pobj" and head.lower_ == "as" and head.head.pos_ in ("VERB", "AUX"):
        if not asserted(head.head):
            return
        owners, others, rule = _as_sides(res, head.head, owners, mods, others, rule)
    elif dep == "pobj" and head.dep_ in ("agent", "prep") and head.head.pos_ in ("VERB", "AUX"):
        owners, others, rule = _verb_sides(res, head.head, owners, mods, others, rule)
    if owners and not others and (named := _dash_named_before(res, tok)) and named not in owners:
        others, rule = [named], rule + ":dash"  # "Y – X's lone ally", the dash misparsed
    _emit(col, res, tok, (owners, mods, others, foes), polarity, conf, ev, rule)


def _dash_named_before(res: Resolver, tok: Token):
    """The actor named right before a dash that opens the noun's possessor ("Belarus – Russia's lone
    ally"), read in word order: the parser often hangs the name on the possessor instead."""
    doc = tok.doc
    for owner in (c for c in tok.children if c.dep_ == "poss"):
        start = min([owner.i, *(c.i for c in owner.children if c.dep_ in ("compound", "flat"))])
        if start >= 2 and doc[start - 1].text in DASHES:
            return res.ctx.actor_at(doc[start - 2])
    return None


def _emit(
    col: Collector, res: Resolver, tok: Token, slots: tuple, polarity: str, conf: float, ev: str, rule: str
) -> None:
    """The pairs of a noun cue once its sides are known; a mutual noun in a prepositional phrase
    with no side of its own takes the clause's parties ("talks between them")."""
    owners, mods, others, foes = slots
    slot = _stand_in(tok)
    dep, head = slot.dep_, slot.head
    if (
        not owners
        and not mods
        and dep == "pobj"
        and _mutual_noun(tok)
        and not any(c.dep_ == "poss" for c in tok.children)
    ):
        found = _clause_parties(col, res, head, others, polarity, conf, ev, rule)
        if found is None:
            return
        owners = found
    if owners and not others and any(c.dep_ == "poss" for c in tok.children):
        others = mods  # "Kyiv's Western allies": beside the possessor, the qualifier is the other side
    owners = owners or mods
    col.pairs(owners, others, polarity, False, conf, ev, rule)
    if foes and (polarity == "ally" or not others):  # "an alliance against Y", "X's war against Y"
        col.pairs(owners + others, foes, "hostile", True, conf, ev, rule + ":against")


def _comma_named_before(res: Resolver, slot: Token):
    """The actor named right before the comma that opens the noun's phrase (", its rival")."""
    left = slot.left_edge.i
    doc = slot.doc
    if left < 2 or doc[left - 1].text != ",":
        return None
    if slot.dep_ == "dobj" and not any(c.dep_ == "dobj" and c.i < slot.i for c in slot.head.children):
        return None  # a verb's one object is its object; a second one after a comma is an apposition
    return res.ctx.actor_at(doc[left - 2])


def _shared(
    col: Collector, res: Resolver, verb: Token, subj: list, polarity: str, conf: float, ev: str, rule: str
) -> list[str]:
    """ "X shares Y's hostility to Z": the other side hangs on the verb, and the sharer stands there too."""
    others = [k for c in verb.children if c.dep_ == "prep" and c.lower_ in TIE_PREPS for k in _objs(res, c)]
    col.pairs(subj, others, polarity, False, conf, ev, rule + ":shared")
    return others


def _clause_parties(
    col: Collector, res: Resolver, head: Token, others: list, polarity: str, conf: float, ev: str, rule: str
) -> Optional[list]:
    """A relationship noun in a prepositional phrase with no owner: with another side named ("Iran ...,
    amid tensions with X") the clause's subject owns it; with none, two subjects are its parties ("A and
    B are locked in a dispute": the tie is made here, None); else no owner ([])."""
    subj = _party_subject(res, _clause_verb(head), rule)
    if others:
        return subj
    if len(subj) >= 2 and head.head.i == _clause_verb(head).i and asserted(head):
        _mutual(col, subj, polarity, conf, ev, rule + ":co-subjects")
        return None
    return []


def titled_actor(col: Collector, res: Resolver, tok: Token, polarity: str, ev: str) -> None:
    """A relational noun used as a title right before a name: "Saudi Arabia's arch-rival Iran" (the
    noun a modifier of the name, the possessor on the name), "Russia's close ally Belarus" (the
    noun and the name side by side): the possessor and the named actor are the two sides."""
    doc, ctx = tok.doc, res.ctx
    if tok.dep_ in ("amod", "compound") and ctx.actor_at(tok.head) and tok.head.i > tok.i:
        named, holder = ctx.actor_at(tok.head), tok.head
    elif tok.i + 1 < len(doc) and (m := ctx.mention_at(doc[tok.i + 1])) is not None and m.start == tok.i + 1:
        named, holder = m.key, tok
    else:
        return
    owners = [k for c in holder.children if c.dep_ == "poss" for k in res.phrase(c, conjuncts=False)]
    if named and owners and asserted(tok.head if holder is not tok else tok) and not lapsed(tok, holder):
        col.pairs(owners, [named], polarity, False, NOUN_CONF, ev, "noun:title")


def plural_modifier(col: Collector, res: Resolver, tok: Token, polarity: str, ev: str) -> None:
    """A relational word qualifying a plural noun that names two or more actors: "A and B, the rival
    factions", "the rival movements, A and B", "A and B are rival movements"."""
    head = tok.head
    if tok.dep_ not in ("amod", "compound") or head.tag_ != "NNS" or res.ctx.actor_at(head):
        return
    if head.dep_ == "appos" and head.head.i < head.i:
        named = [head.head]
    elif head.dep_ in ("attr", "oprd") and head.head.lemma_ in COPULAS:
        named = [c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    else:
        named = [ch for ch in head.children if ch.dep_ == "appos"]
    names = [t for n in named for t in (n, *res.conjuncts(n))]
    sides = [k for t in names if (k := res.ctx.actor_of_phrase(t))]
    if len(set(sides)) >= 2 and asserted(head) and not lapsed(tok, head):
        _mutual(col, sides, polarity, NOUN_CONF, ev, f"noun:{tok.lower_} plural")


def member_noun(col: Collector, res: Resolver, tok: Token, ev: str) -> None:
    """ "Jordan, a member of the US-led coalition against the Islamic State", "X is a member of the
    alliance": the member sides with the coalition and faces the coalition's foe."""
    c = cues()
    bodies = [
        p
        for ch in tok.children
        if ch.dep_ == "prep" and ch.lower_ == "of"
        for p in _pobjs(ch)
        if p.lemma_.lower() in c["coalitions"]
    ]
    slot = _stand_in(tok)
    if not bodies or lapsed(tok, slot):
        return
    if slot.dep_ == "appos":
        holders = res.phrase(slot.head, conjuncts=False)
    elif slot.dep_ in ("attr", "oprd") and slot.head.lemma_ in COPULAS and asserted(slot.head):
        holders = res.subject(slot.head)
    else:
        return
    col.pairs(holders, [k for b in bodies for k in res.phrase(b)], "ally", False, NOUN_CONF, ev, "member-of")
    foes = [
        k for b in bodies for ch in b.children if ch.dep_ == "prep" and ch.lower_ == "against" for k in _objs(res, ch)
    ]
    foes += [  # "a member of the coalition fighting Z"
        k
        for b in bodies
        for act in b.children
        if act.dep_ in ("acl", "relcl") and act.lemma_.lower() in c["combat_verbs"]
        for d in act.children
        if d.dep_ == "dobj"
        for k in res.phrase(d)
    ]
    col.pairs(holders, foes, "hostile", True, NOUN_CONF, ev, "member-of:against")


def _objs(res: Resolver, prep: Token) -> list[str]:
    return [k for p in _pobjs(prep) for k in res.phrase(p)]


def aid_noun(col: Collector, res: Resolver, tok: Token, ev: str) -> None:
    """ "Iran's arms shipments to the Houthis", "Qatari funding for Hamas", "Russia's backing of the
    Assad government", "arms sales to Taiwan by the United States": the giver sides with the receiver."""
    c, lemma = cues(), tok.lemma_.lower()
    givers = [
        k for ch in tok.children if ch.dep_ in ("poss", "amod", "compound", "nmod") for k in res.phrase(ch, False)
    ]
    to_preps = ("to", "for", "of") if lemma in c["aid_of_nouns"] else ("to", "for")
    receivers: list[str] = []
    for ch in (ch for ch in tok.children if ch.dep_ == "prep"):
        keys = [k for p in _pobjs(ch) for k in res.phrase(p)]
        if ch.lower_ in to_preps:
            receivers.extend(keys)
        elif ch.lower_ in ("from", "by"):
            givers.extend(keys)
    if not givers or not receivers:
        return
    if any(a.lemma_.lower() in c["tie_ending_verbs"] and asserted(a) for a in list(tok.ancestors)[:HEAD_WALK]):
        return  # "denied arms shipments to Y", "ended its support for Y"
    col.pairs(givers, receivers, "ally", True, ADJ_CONF, ev, f"aid-noun:{lemma}")


def _joined_owners(res: Resolver, tok: Token) -> list[str]:
    """The actors of joined qualifiers of one noun: "Syrian and Russian troops" -> Syria, Russia."""
    mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod")]
    words = [t for m in mods for t in (m, *res.conjuncts(m))]
    keys = [k for t in words if (k := res.ctx.actor_at(t))]
    return list(dict.fromkeys(res.ctx.leader_of.get(k) or k for k in keys))


def joint_force(col: Collector, res: Resolver, tok: Token, ev: str) -> None:
    """One armed body qualified by two actors ("North Korean and Russian troops") acting against a
    third party, or struck by one ("killed hundreds of A and B fighters"): A and B fight on one side.
    A clash between them has no third party ("Indian and Pakistani troops exchanged fire")."""
    if tok.lemma_.lower() not in cues()["joint_force_heads"] or tok.tag_ != "NNS":
        return
    sides = _joined_owners(res, tok)
    first = tok.head  # "A and B troops" parsed as "A" with the conjunct "B troops": the noun is shared
    if tok.dep_ == "conj" and first.pos_ in ("PROPN", "ADJ") and (key := res.ctx.actor_at(first)):
        sides, tok = list(dict.fromkeys([res.ctx.leader_of.get(key) or key, *sides])), first
    if len(sides) < 2:
        return
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.dep_ in ("dobj", "nsubj", "nsubjpass"):
        tok = tok.head.head  # "killed dozens of A and B fighters": the count stands in the clause
    verb, others = tok.head, []
    if tok.dep_ in ("dobj", "nsubjpass") or tok.dep_ == "pobj" and verb.lower_ in ("against", "on"):
        verb = verb.head if tok.dep_ == "pobj" else verb
        agents = [p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
        others = res.subject(verb) if tok.dep_ != "nsubjpass" else [k for p in agents for k in res.phrase(p)]
    elif tok.dep_ == "nsubj":
        others = res.objects(verb, ("against", "on"))
    if verb.pos_ != "VERB" or not others or set(others) & set(sides) or not asserted(verb):
        return
    _mutual(col, sides, "ally", 0.6, ev, "co-agents:joint-force")
