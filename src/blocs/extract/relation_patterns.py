"""The author's wording about ties, read as dependency patterns with argument slots.

Each pattern class (relations_cues.yaml) names a head word class and the slots
where the two sides sit: relational nouns ("X's ally Y", "Y, X's lone ally",
"X's principal ally is Y", "its allies, A and B", "tensions with X"), verb
frames ("reach out to X", "split from X", "cut ties with X", "join X in",
"lead a coalition", "work with X against Y"), adjective frames ("loyal to X",
"hostile to X"), "X and allied Y", prepositional frames ("alongside X", "at
odds with X", "kept X under pressure"), compound adjectives ("X-backed") and
reciprocals ("A and B accused each other"). Clauses that are conditional,
hypothetical, negated or questions are no evidence.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from spacy.tokens import Span, Token

from .relations import HEAD_WALK, Collector, Resolver, cues

COPULAS = frozenset({"be", "become", "remain", "stay"})
NOUN_CONF, FRAME_CONF, ADJ_CONF, VERB_CONF, SETTLEMENT_CONF = 0.75, 0.7, 0.7, 0.7, 0.6


def _clause_verb(tok: Token) -> Token:
    verb = tok
    for _ in range(HEAD_WALK):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    return verb


def asserted(tok: Token) -> bool:
    """False when the clause of `tok` is negated, hypothetical, conditional or a question."""
    c, sent = cues(), tok.sent
    if any(t.text == "?" for t in tok.doc[max(sent.start, sent.end - 2) : sent.end]):
        return False  # a question
    verb, first = _clause_verb(tok), True
    for _ in range(HEAD_WALK):
        for child in verb.children:
            if child.dep_ == "mark" and child.lower_ in c["conditional_marks"]:
                return False
            if first and (child.dep_ == "neg" or (child.dep_ == "aux" and child.lower_ in c["hypothetical_auxes"])):
                return False
        if verb.dep_ not in ("conj", "xcomp", "advcl", "ccomp", "acomp", "pcomp") or verb.head.i == verb.i:
            return True
        if verb.dep_ in ("xcomp", "ccomp", "pcomp") and _clause_verb(verb.head).lemma_.lower() in c["influence_verbs"]:
            return False
        first = first and verb.dep_ in ("conj", "xcomp", "acomp")
        verb = verb.head
    return True


def _pobjs(prep: Token) -> list[Token]:
    return [p for p in prep.children if p.dep_ == "pobj"]


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
    ]
    if not targets:
        return
    authors = _act_author(res, tok) + [
        k for ch in tok.children if ch.dep_ == "prep" and ch.lower_ == "by" for p in _pobjs(ch) for k in res.phrase(p)
    ]
    col.pairs(authors, targets, "hostile", True, SETTLEMENT_CONF, ev, f"act-noun:{lemma}")


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


def _mutual_noun(tok: Token) -> bool:
    """A noun naming the relationship itself ("dispute", "alliance"), or any relational noun
    predicated of its subjects ("A and B are rivals"); not "A and B attacked the enemy"."""
    return (
        tok.lemma_.lower() in cues()["mutual_nouns"]
        or tok.lemma_.lower() in cues()["ties"]
        or _settlement(tok)
        or (tok.dep_ in ("attr", "oprd") and tok.head.lemma_ in COPULAS)
    )


def _noun_slots(res: Resolver, tok: Token) -> tuple[list, list, list, list]:
    """Owners (poss, of), modifiers (X-Y, between), other side (appos, conj list, with/to/in) and foes (against)."""
    owners, mods, others, foes = [], [], [], []
    for child in tok.children:
        dep = child.dep_
        if dep == "poss":
            owners.extend(res.phrase(child))
        elif dep in ("amod", "compound", "nmod"):
            mods.extend(res.phrase(child, conjuncts=False))
        elif dep == "appos" or (dep == "conj" and res.ctx.actor_of_phrase(child) and not res.ctx.actor_at(tok)):
            others.extend(res.phrase(child))  # "Y, X's ally", "its allies, Japan and South Korea"
        elif dep == "prep":
            for pobj in _pobjs(child):
                word = child.lower_
                if word == "of":
                    owners.extend(res.phrase(pobj))
                elif word in ("in", "with", "to", "on"):
                    others.extend(res.phrase(pobj))
                elif word == "against":
                    foes.extend(res.phrase(pobj))
                elif word in ("between", "among"):
                    mods.extend(res.phrase(pobj))
    return owners, mods, others, foes


def noun_cue(
    col: Collector, res: Resolver, tok: Token, polarity: str, ev: str, rule: str = "noun", conf: float = NOUN_CONF
) -> None:
    """ "X's ally Y", "X's ally is Y", "Y – X's foe", "an ally in Y", "the X-Y alliance",
    "alliance between X and Y", "tensions with X", "a council stacked with X allies"."""
    owners, mods, others, foes = _noun_slots(res, tok)
    head = tok.head
    if len(mods) >= 2 and not owners and not others:
        _mutual(col, mods, polarity, conf, ev, rule + ":between")  # "the India-Pakistan rivalry"
        return
    if tok.dep_ in ("attr", "oprd", "dobj", "nsubj", "nsubjpass", "conj") and not asserted(tok):
        return
    if tok.dep_ == "appos" and res.ctx.actor_of_phrase(head):
        others.extend(res.phrase(head, conjuncts=False))  # "Rwanda – Kinshasa's main foe"
        owners = [k for k in owners if k not in others]  # "Russia, its ally": 'its' is not Russia
        rule += ":appos"
    elif tok.dep_ in ("nsubj", "nsubjpass") and head.lemma_ in COPULAS:
        others.extend(k for c in head.children if c.dep_ in ("attr", "oprd") for k in res.phrase(c))
        rule += ":copular"  # "X's principal foreign ally is Y"
    elif tok.dep_ in ("dobj", "attr", "oprd", "conj"):
        subj = res.subject(head)
        if owners and not others:
            others.extend(subj)  # "Y is X's ally": the subject is the other side
        elif not owners and not mods and others:
            owners.extend(subj)  # "Y found an ally in X", "X has tensions with Y"
        elif not owners and not others and len(subj) >= 2 and _mutual_noun(tok):
            _mutual(col, subj, polarity, conf, ev, rule + ":co-subjects")  # "A and B signed a truce"
            return
        rule += ":predicate"
    elif tok.dep_ == "pobj" and head.dep_ in ("agent", "prep") and head.head.pos_ in ("VERB", "AUX"):
        verb = head.head
        if verb.lemma_.lower() in cues()["member_verbs"] and mods and not owners and not others:
            others = res.subject(verb)  # "a cabinet stacked with Kremlin allies"
            rule += ":members"
        elif not others and not owners:
            # "X is bound by a treaty to Y", "X signed a pact with Y": the sides hang on the verb
            others = [
                k
                for c in verb.children
                if c.dep_ == "prep" and c.lower_ in ("to", "with")
                for p in _pobjs(c)
                for k in res.phrase(p)
            ]
            if others and not mods:
                owners = res.subject(verb)
    if (
        not owners
        and not mods
        and tok.dep_ == "pobj"
        and _mutual_noun(tok)
        and not any(c.dep_ == "poss" for c in tok.children)
    ):
        subj = res.subject(_clause_verb(head))
        if others:
            owners = subj  # "Iran ..., amid tensions with X"
        elif len(subj) >= 2 and _mutual_noun(tok) and head.head.i == _clause_verb(head).i and asserted(head):
            _mutual(col, subj, polarity, conf, ev, rule + ":co-subjects")  # "A and B are locked in a dispute"
            return
    if owners and not others and any(c.dep_ == "poss" for c in tok.children):
        others = mods  # "Kyiv's Western allies": beside the possessor, the qualifier is the other side
    owners = owners or mods
    col.pairs(owners, others, polarity, False, conf, ev, rule)
    if foes and polarity == "ally":
        col.pairs(owners + others, foes, "hostile", True, conf, ev, rule + ":against")


@lru_cache(maxsize=1)
def _frames() -> dict:
    """Verb lemma -> [(polarity, frame)], object classes spelled out."""
    c = cues()
    out: dict[str, list[tuple[str, dict]]] = {}
    for polarity in ("ally", "hostile"):
        for frame in c[f"{polarity}_frames"]:
            frame = dict(frame)
            obj = frame.get("obj")
            if obj:
                frame["obj"] = frozenset(c[obj[1:]]) if obj.startswith("$") else frozenset([obj])
            out.setdefault(frame["verb"], []).append((polarity, frame))
    return out


def _frame_other(res: Resolver, tok: Token, frame: dict) -> Optional[list[Token]]:
    """The tokens in the frame's slot, or None when the verb does not fit the frame."""
    kids = list(tok.children)
    if frame.get("prt") and not any(c.dep_ in ("prt", "advmod") and c.lower_ == frame["prt"] for c in kids):
        return None
    objs = [c for c in kids if c.dep_ in ("dobj", "nsubjpass")]
    if frame.get("obj"):
        objs = [o for o in objs if o.lemma_.lower() in frame["obj"]]
        if not objs:
            return None
    if frame["slot"] == "dobj":
        return objs
    if any(c.dep_ == "prt" and c.lower_ == frame["slot"] for c in kids):
        return [c for c in kids if c.dep_ == "dobj"]  # "turned on X" parsed as a particle verb
    holders = [tok, *[c for c in kids if c.dep_ in ("prt", "advmod")], *objs]
    return [p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == frame["slot"] for p in _pobjs(c)]


def verb_frame(col: Collector, res: Resolver, tok: Token, ev: str) -> None:
    """ "reach out to X", "split from X", "cut ties with X", "join X in", "lead a coalition",
    "work with X against Y": the subject on one side, the slot on the other."""
    for polarity, frame in _frames().get(tok.lemma_.lower(), ()):
        slot = _frame_other(res, tok, frame)
        if not slot or not asserted(tok):
            continue
        others = [k for s in slot for k in res.phrase(s)]
        subj = res.subject(tok)
        rule = "frame:" + " ".join(x for x in (frame["verb"], frame.get("prt"), frame["slot"]) if x)
        col.pairs(subj, others, polarity, True, FRAME_CONF, ev, rule)
        foes = [
            k
            for c in tok.subtree
            if c.dep_ == "prep" and c.lower_ == "against" and _clause_verb(c).i == tok.i
            for p in _pobjs(c)
            for k in res.phrase(p)
        ]
        side = subj + others if polarity == "ally" else subj
        col.pairs(side, foes, "hostile", True, FRAME_CONF, ev, rule + " against")
        return


def nominal_frame(col: Collector, res: Resolver, tok: Token, ev: str) -> None:
    """ "Al-Shabaab's split from al-Qaeda", "Mali's break with France": a frame verb used as a noun,
    its owner (possessor or actor modifier) on one side, the preposition slot on the other."""
    for polarity, frame in _frames().get(tok.lemma_.lower(), ()):
        if frame["slot"] == "dobj" or frame.get("obj") or frame.get("prt"):
            continue
        others = [
            k
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == frame["slot"]
            for p in _pobjs(c)
            for k in res.phrase(p)
        ]
        owners = [
            k for c in tok.children if c.dep_ in ("poss", "compound", "nmod") for k in res.phrase(c, conjuncts=False)
        ]
        if others and owners:
            col.pairs(owners, others, polarity, True, FRAME_CONF, ev, f"nominal:{frame['verb']} {frame['slot']}")
            return


def adjective_frame(col: Collector, res: Resolver, tok: Token, ev: str) -> None:
    """ "troops loyal to X", "X remains loyal to Y", "a faction allied with X", "hostile to X"."""
    c, word = cues(), tok.lower_
    for polarity in ("ally", "hostile"):
        table = c[f"{polarity}_adjectives"]
        preps = table.get(word) or table.get(tok.lemma_.lower())
        if not preps:
            continue
        others = [
            k
            for ch in tok.children
            if ch.dep_ == "prep" and ch.lower_ in preps
            for p in _pobjs(ch)
            for k in res.phrase(p)
        ]
        if not others:
            return
        if tok.dep_ in ("amod", "acl", "appos"):
            holders = res.phrase(tok.head, conjuncts=False)
        elif asserted(tok):
            holders = res.subject(tok.head if tok.dep_ in ("acomp", "oprd") else tok)
        else:
            return
        if word in c["loose_adjectives"] or tok.lemma_.lower() in c["loose_adjectives"]:
            holders = [h for h in holders if getattr(res.ctx.actors.get(h), "type", None) not in ("state", "igo")]
        col.pairs(holders, others, polarity, True, ADJ_CONF, ev, f"adjective:{word}")
        return


def allied_conjunct(col: Collector, res: Resolver, tok: Token, ev: str) -> None:
    """ "X and allied Y": the conjunct qualified by 'allied' sides with the phrase before it."""
    doc = tok.doc
    if tok.i > 0 and doc[tok.i - 1].text == "-":
        return  # "Iran-allied" is a compound adjective (suffix_cue)
    if tok.dep_ == "amod" and tok.head.dep_ == "conj":
        ally, first = res.phrase(tok.head, conjuncts=False), tok.head.head
    elif tok.dep_ == "conj":  # the small model parses "and allied Y" as a verb with object Y
        objs = [ch for ch in tok.children if ch.dep_ == "dobj"]
        if not objs:
            return
        ally, first = res.phrase(objs[0], conjuncts=False), tok.head
    else:
        return
    col.pairs(res.phrase(first, conjuncts=False), ally, "ally", False, ADJ_CONF, ev, "allied-conjunct")


def verb_cue(col: Collector, res: Resolver, tok: Token, polarity: str, ev: str) -> None:
    if not asserted(tok):
        return
    patients = [c for c in tok.children if c.dep_ == "nsubjpass"]
    if patients:  # "X was overwhelmed by Y": the agent acts on the subject
        agents = [p for c in tok.children if c.dep_ == "agent" for p in _pobjs(c)]
        col.pairs(
            [k for a in agents for k in res.phrase(a)],
            [k for p in patients for k in res.phrase(p)],
            polarity,
            True,
            VERB_CONF,
            ev,
            f"verb:{tok.lemma_.lower()}",
        )
        return
    subj, objs = res.subject(tok), res.objects(tok)
    col.pairs(subj, objs, polarity, True, VERB_CONF, ev, f"verb:{tok.lemma_.lower()}")
    if tok.lemma_.lower() in cues()["guard_verbs"]:  # "protect X from Y": Y threatens both
        threats = [
            k
            for c in tok.children
            for d in [c, *c.children]
            if d.dep_ == "prep" and d.lower_ in ("from", "against") and d.head.i in (tok.i, c.i)
            for p in _pobjs(d)
            for k in res.phrase(p)
        ]
        col.pairs(subj + objs, threats, "hostile", True, VERB_CONF, ev, f"verb:{tok.lemma_.lower()} from")


def accusation_content(col: Collector, res: Resolver, tok: Token, ev: str) -> None:
    """ "X accused Y of backing Z", "Y is accused of arming Z": Y and Z are tied as the charge says."""
    c = cues()
    accused = [ch for ch in tok.children if ch.dep_ in ("dobj", "nsubjpass")]
    if not accused or not asserted(tok):
        return
    if tok.pos_ == "VERB" and any(ch.dep_ == "dobj" for ch in accused):  # the accuser faces the accused
        col.pairs(
            res.subject(tok),
            [k for a in accused if a.dep_ == "dobj" for k in res.phrase(a)],
            "hostile",
            True,
            SETTLEMENT_CONF,
            ev,
            f"accuse:{tok.lemma_.lower()}",
        )
    for prep in tok.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "for"):
            continue
        for act in prep.children:
            lemma = act.lemma_.lower()
            polarity = (
                "ally" if lemma in c["accused_ally_acts"] else "hostile" if lemma in c["accused_hostile_acts"] else None
            )
            if act.dep_ != "pcomp" or polarity is None:
                continue
            objects = [
                k
                for ch in act.children
                if ch.dep_ in ("dobj", "prep")
                for k in (
                    res.phrase(ch)
                    if ch.dep_ == "dobj"
                    else [k2 for p in _pobjs(ch) if ch.lower_ in ("with", "to") for k2 in res.phrase(p)]
                )
            ]
            col.pairs(
                [k for a in accused for k in res.phrase(a)],
                objects,
                polarity,
                True,
                SETTLEMENT_CONF,
                ev,
                f"accused-of:{lemma}",
            )


def _prep_match(tok: Token, frame: list) -> Optional[Token]:
    """The complement of a prepositional frame starting at `tok` ("in favour of X" -> X)."""
    if len(frame) == 1:
        return next(iter(_pobjs(tok)), None) if tok.dep_ == "prep" else None
    doc = tok.doc
    if len(frame) == 4:  # "side by side with X"
        end = tok.i + 3
        if end >= len(doc) or [t.lower_ for t in doc[tok.i : end + 1]] != frame:
            return None
        return next(iter(_pobjs(doc[end])), None)
    if tok.dep_ != "prep":
        return None
    for noun in _pobjs(tok):
        if noun.lemma_.lower() == frame[1] or noun.lower_ == frame[1]:
            for prep in noun.children:
                if prep.dep_ == "prep" and prep.lower_ == frame[2]:
                    return next(iter(_pobjs(prep)), None)
    return None


def prep_frame(col: Collector, res: Resolver, tok: Token, ev: str) -> None:
    """ "fought alongside X", "tilted the war in favour of X", "at odds with X": the clause's subject
    (or the actor the phrase qualifies) on the side of, or against, the complement."""
    c = cues()
    for polarity in ("ally", "hostile"):
        for frame in c[f"{polarity}_preps"]:
            if tok.lower_ != frame[0]:
                continue
            other = _prep_match(tok, frame)
            if other is None:
                continue
            holder = res.ctx.actor_of_phrase(tok.head) if tok.head.pos_ in ("NOUN", "PROPN") else None
            verb = _clause_verb(tok)
            if not asserted(verb):
                return
            holders = [holder] if holder else res.subject(verb)
            col.pairs(holders, res.phrase(other), polarity, True, FRAME_CONF, ev, "prep:" + " ".join(frame))
            return


def under_pressure(col: Collector, res: Resolver, tok: Token, ev: str) -> None:
    """ "kept X under pressure", "X was put under siege by Y": the subject presses the object."""
    if tok.lower_ != "under" or tok.dep_ != "prep":
        return
    if not any(p.lemma_.lower() in cues()["pressure_nouns"] for p in _pobjs(tok)):
        return
    verb = tok.head
    if verb.pos_ not in ("VERB", "AUX") or not asserted(verb):
        return
    patients = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    agents = [p for c in verb.children if c.dep_ == "agent" for p in _pobjs(c)]
    actors = (
        [k for a in agents for k in res.phrase(a)]
        if any(c.dep_ == "nsubjpass" for c in verb.children)
        else res.subject(verb)
    )
    col.pairs(actors, [k for p in patients for k in res.phrase(p)], "hostile", True, FRAME_CONF, ev, "under-pressure")


def suffix_cue(col: Collector, res: Resolver, tok: Token, polarity: str, ev: str) -> None:
    """ "Saudi-backed government": the backer is before the hyphen, the backed is the modified noun."""
    doc = tok.doc
    if tok.i < 2 or doc[tok.i - 1].text != "-":
        return
    backer = res.ctx.actor_at(doc[tok.i - 2])
    head = tok.head if tok.head.i != tok.i else None
    for _ in range(HEAD_WALK):
        if head is None or head.i >= tok.i or head.head.i == head.i:
            break
        head = head.head
    backed = res.ctx.actor_of_phrase(head) if head is not None else None
    if backer and backed:
        col.add(backer, backed, polarity, True, 0.8, ev, f"compound:-{tok.lower_}")


def reciprocal(col: Collector, res: Resolver, sent: Span, ev: str) -> None:
    """ "A and B accused each other": the conjoined subjects of the verb face one another."""
    c = cues()
    toks = list(sent)
    for i, tok in enumerate(toks[:-1]):
        if f"{tok.lower_} {toks[i + 1].lower_}" not in c["reciprocal"]:
            continue
        verb = _clause_verb(tok)
        lemma = verb.lemma_.lower()
        polarity = "hostile" if lemma in c["reciprocal_hostile"] else "ally" if lemma in c["reciprocal_ally"] else None
        if polarity is None or not asserted(verb):
            continue
        _mutual(col, res.subject(verb), polarity, NOUN_CONF, ev, "reciprocal")


@lru_cache(maxsize=1)
def _trigger_words() -> frozenset:
    """Every word a pattern can start from, to skip the other tokens at once."""
    c = cues()
    words = set(c["ally_nouns"]) | set(c["hostile_nouns"]) | set(c["ally_verbs"]) | set(c["hostile_verbs"])
    words |= set(c["settlement_nouns"]) | set(c["peace_heads"]) | set(_frames()) | set(c["accusation_verbs"])
    words |= set(c["ally_adjectives"]) | set(c["hostile_adjectives"]) | set(c["allied_adjectives"])
    words |= set(c["ally_suffixes"]) | set(c["hostile_suffixes"]) | {"under"}
    words |= {f[0] for p in ("ally", "hostile") for f in c[f"{p}_preps"]}
    words |= set(c["hostile_act_nouns"]) | set(c["ally_prefixes"]) | set(c["hostile_prefixes"]) | set(c["ties"])
    return frozenset(words)


def _read_token(col: Collector, res: Resolver, tok: Token, ev: str) -> None:
    c, lemma, lower = cues(), tok.lemma_.lower(), tok.lower_
    if tok.pos_ in ("NOUN", "PROPN"):
        mention = res.ctx.mention_at(tok)
        if mention is not None:
            possessed_mention(col, res, tok, mention, ev)
            return  # a word of an actor's own name ("Axis of Resistance"), not wording about it
        if _settlement(tok):
            noun_cue(col, res, tok, "hostile", ev, "settlement", SETTLEMENT_CONF)
        elif lemma in c["ally_nouns"]:
            noun_cue(col, res, tok, "ally", ev)
        elif lemma in c["hostile_nouns"]:
            noun_cue(col, res, tok, "hostile", ev)
        elif lemma in c["ties"] and (quality := tie_quality(tok)):
            noun_cue(col, res, tok, quality, ev, "ties")
        nominal_frame(col, res, tok, ev)
        if lemma in c["hostile_act_nouns"]:
            hostile_act(col, res, tok, ev)
    if tok.pos_ == "VERB":
        verb_frame(col, res, tok, ev)
        if lemma in c["accusation_verbs"]:
            accusation_content(col, res, tok, ev)
        if lemma in c["ally_verbs"]:
            verb_cue(col, res, tok, "ally", ev)
        elif lemma in c["hostile_verbs"]:
            verb_cue(col, res, tok, "hostile", ev)
    if tok.pos_ in ("ADJ", "VERB"):
        adjective_frame(col, res, tok, ev)
    if lower in c["ally_prefixes"] or lower in c["hostile_prefixes"]:
        prefixed(col, res, tok, ev)
    if lower in c["allied_adjectives"]:
        allied_conjunct(col, res, tok, ev)
    if lower in c["ally_suffixes"]:
        suffix_cue(col, res, tok, "ally", ev)
    elif lower in c["hostile_suffixes"]:
        suffix_cue(col, res, tok, "hostile", ev)
    if tok.pos_ in ("ADP", "ADV", "NOUN"):
        prep_frame(col, res, tok, ev)
        under_pressure(col, res, tok, ev)


def read_sentence(col: Collector, res: Resolver, sent: Span, ev: str) -> None:
    words = _trigger_words()
    for tok in sent:
        if tok.lemma_.lower() in words or tok.lower_ in words:
            _read_token(col, res, tok, ev)
    lower = ev.lower()
    if any(r in lower for r in cues()["reciprocal"]):
        reciprocal(col, res, sent, ev)
