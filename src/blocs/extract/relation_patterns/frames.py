"""Verb, noun, adjective and prepositional frames with argument slots: "reach out to X", "split from X",
"Mali's break with France", "loyal to X", "X and allied Y", "alongside X", "kept X under pressure", "X-backed"."""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from spacy.tokens import Token

from ..relations import HEAD_WALK, Collector, Resolver, _armed_heads, cues
from .clause import ADJ_CONF, FRAME_CONF, _clause_verb, _mutual, _pobjs, asserted, urged_by


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
    if frame.get("voice") == "passive" and not any(c.dep_ == "nsubjpass" for c in kids):
        return None
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


def _stake(res: Resolver, tok: Token) -> bool:
    """ "fight for control of X", "split from the rest of X": a common noun naming what is at stake,
    whose only actor is its of-complement, is no party to the frame (unlike "the forces of X")."""
    from ..events.patterns import lexicon

    if tok.pos_ != "NOUN" or res.ctx.actor_at(tok) or tok.lemma_.lower() in lexicon().institutions:
        return False
    return not any(
        c.dep_ in ("poss", "compound", "amod", "nmod") and res.ctx.actor_at(c) for c in tok.children
    ) and any(c.dep_ == "prep" and c.lower_ in ("of", "from") for c in tok.children)


def _borrowed_subject(res: Resolver, tok: Token) -> bool:
    """ "Lebanon's stability depends on X": a subject whose head is a common noun the actor only
    qualifies (a thing of the actor's, not the actor, nor a body or armed people named by it)."""
    bodies = cues()["body_nouns"] | cues()["led_bodies"]
    return any(
        c.dep_ in ("nsubj", "nsubjpass")
        and c.pos_ == "NOUN"
        and res.ctx.actor_at(c) is None
        and c.lemma_.lower() not in bodies
        and c.lemma_.lower() not in _armed_heads()
        for c in tok.children
    )


def _dobjs(res: Resolver, tok: Token) -> list[str]:
    return [k for c in tok.children if c.dep_ == "dobj" for k in res.phrase(c)]


def verb_frame(col: Collector, res: Resolver, tok: Token, ev: str) -> None:
    """ "reach out to X", "split from X", "cut ties with X", "join X in", "lead a coalition",
    "work with X against Y": the subject on one side, the slot on the other."""
    for polarity, frame in _frames().get(tok.lemma_.lower(), ()):
        slot = _frame_other(res, tok, frame)
        mutual = frame.get("obj", frozenset()) & cues()["ties"] or frame["verb"] in cues()["mutual_frame_verbs"]
        if slot == [] and mutual and frame["slot"] != "dobj":
            _co_subject_frame(col, res, tok, polarity, frame, ev)  # "A and B cut ties": with each other
        if not slot or frame.get("holder") == "named" and _borrowed_subject(res, tok):
            continue
        others = [k for s in slot if not _stake(res, s) for k in res.phrase(s)]
        if not asserted(tok):
            if polarity == "hostile" and frame.get("side") != "dobj" and (urger := urged_by(tok)) is not None:
                col.pairs(res.subject(urger), others, polarity, True, FRAME_CONF, ev, "urged:" + frame["verb"])
            continue
        subj = res.subject(tok) if frame.get("side") != "dobj" else _dobjs(res, tok)
        rule = "frame:" + " ".join(x for x in (frame["verb"], frame.get("prt"), frame["slot"]) if x)
        col.pairs(subj, others, polarity, True, FRAME_CONF, ev, rule)
        foes = [
            k
            for c in tok.subtree
            if c.dep_ == "prep" and c.lower_ == "against" and _clause_verb(c).i == tok.i
            for p in _pobjs(c)
            for k in res.phrase(p)
        ]
        if frame["slot"] != "against":  # "moved against X": the slot is the foe already
            side = subj + others if polarity == "ally" else subj
            col.pairs(side, foes, "hostile", True, FRAME_CONF, ev, rule + " against")
        return


def _co_subject_frame(col: Collector, res: Resolver, tok: Token, polarity: str, frame: dict, ev: str) -> None:
    """A frame whose object names the tie itself ("cut ties", "restored relations", "formed an
    alliance") and whose slot is empty: two or more conjoined subjects are its two sides."""
    subj = res.subject(tok)
    if len(subj) >= 2 and asserted(tok):
        rule = "frame:" + " ".join(x for x in (frame["verb"], frame.get("prt")) if x) + " (co-subjects)"
        _mutual(col, subj, polarity, FRAME_CONF, ev, rule)


def nominal_frame(col: Collector, res: Resolver, tok: Token, ev: str) -> None:
    """ "Al-Shabaab's split from al-Qaeda", "Mali's break with France": a frame verb used as a noun,
    its owner (possessor or actor modifier) on one side, the preposition slot on the other."""
    for polarity, frame in _frames().get(tok.lemma_.lower(), ()):
        if frame["slot"] == "dobj" or frame.get("obj") or frame.get("prt") or frame.get("side") or frame.get("voice"):
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
            if set(holders) <= set(others) and tok.head.dep_ == "appos":  # "JNIM, a group linked to al-Qaeda"
                holders = res.phrase(tok.head.head, conjuncts=False)
        elif asserted(tok):
            holders = res.subject(tok.head if tok.dep_ in ("acomp", "oprd", "advmod") else tok)
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
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else tok
        if not objs and tok.head.dep_ == "amod" and nxt.dep_ == "amod" and nxt.head.i == tok.head.head.i:
            objs = [nxt]  # "Ethiopian and allied Eritrean troops": two qualifiers of one noun
        if not objs:
            return
        ally, first = res.phrase(objs[0], conjuncts=False), tok.head
    else:
        return
    col.pairs(res.phrase(first, conjuncts=False), ally, "ally", False, ADJ_CONF, ev, "allied-conjunct")


def _prep_match(tok: Token, frame: list, pobjs: list[Token]) -> Optional[Token]:
    """The complement of a prepositional frame starting at `tok` ("in favour of X" -> X). `pobjs`:
    the token's objects when it is a preposition (`_pobjs`), else none."""
    if len(frame) == 1:
        return pobjs[0] if pobjs else None
    doc = tok.doc
    if len(frame) == 2:  # "together with X", "jointly with X": an adverb right before its preposition
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        ok = nxt is not None and nxt.lower_ == frame[1] and nxt.dep_ == "prep"
        return next(iter(_pobjs(nxt)), None) if ok and nxt is not None else None
    if len(frame) == 4:  # "side by side with X"
        end = tok.i + 3
        if end >= len(doc) or [t.lower_ for t in doc[tok.i : end + 1]] != frame:
            return None
        return next(iter(_pobjs(doc[end])), None)
    for noun in pobjs:  # none unless `tok` is a preposition
        if noun.lemma_.lower() == frame[1] or noun.lower_ == frame[1]:
            for prep in noun.children:
                if prep.dep_ == "prep" and prep.lower_ == frame[2]:
                    return next(iter(_pobjs(prep)), None)
                if prep.dep_ == "poss" and frame[2] == "of":
                    return prep  # "on X's side" is "on the side of X"
            nxt = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
            if nxt is not None and nxt.lower_ == frame[2] and nxt.dep_ == "prep" and nxt.head.i == tok.head.i:
                return next(iter(_pobjs(nxt)), None)  # "in league with X" with "with X" hung on the verb
    return None


@lru_cache(maxsize=2)
def _prep_frames(polarity: str) -> dict[str, list]:
    """A side's prepositional frames by their first word, in the order of the cues file."""
    out: dict[str, list] = {}
    for frame in cues()[f"{polarity}_preps"]:
        out.setdefault(frame[0], []).append(frame)
    return out


def prep_frame(col: Collector, res: Resolver, tok: Token, ev: str) -> None:
    """ "fought alongside X", "tilted the war in favour of X", "at odds with X": the clause's subject
    (or the actor the phrase qualifies) on the side of, or against, the complement."""
    lower, pobjs = tok.lower_, _pobjs(tok) if tok.dep_ == "prep" else []  # the objects, found once for all frames
    nouns = {w for n in pobjs for w in (n.lemma_.lower(), n.lower_)}  # what a frame's second word must be
    for polarity in ("ally", "hostile"):
        for frame in _prep_frames(polarity).get(lower, ()):
            if len(frame) not in (1, 2, 4) and frame[1] not in nouns:
                continue  # neither `_prep_match` nor `_co_subject_prep` finds the frame's noun
            other = _prep_match(tok, frame, pobjs)
            if other is None:
                if _co_subject_prep(col, res, tok, frame, polarity, ev, pobjs):
                    return
                continue
            holder = res.ctx.actor_of_phrase(tok.head) if tok.head.pos_ in ("NOUN", "PROPN") else None
            verb = _clause_verb(tok)
            if not asserted(verb):
                return
            holders = [holder] if holder else _accused_doer(res, tok.head) or res.subject(verb)
            others = res.phrase(other)
            col.pairs(holders, others, polarity, True, FRAME_CONF, ev, "prep:" + " ".join(frame))
            if polarity == "ally":  # "fought alongside X against Y": Y is the foe of both
                rule = "prep:" + " ".join(frame) + " against"
                foes = [k for h in dict.fromkeys((verb, tok.head, other)) for k in _against(res, h)]
                col.pairs(holders + others, foes, "hostile", True, FRAME_CONF, ev, rule)
            return


def _accused_doer(res: Resolver, act: Token) -> list[str]:
    """ "X accused Y of fighting alongside Z": the accused Y does the act, not the accuser X."""
    if act.dep_ not in ("pobj", "pcomp") or act.head.lower_ != "of":
        return []
    owner = act.head.head
    if owner.pos_ == "VERB":
        owner = next((c for c in owner.children if c.dep_ == "dobj"), owner)
    if owner.dep_ == "dobj" and owner.head.lemma_.lower() in cues()["accusation_verbs"]:
        return res.phrase(owner)
    return []


def _co_subject_prep(
    col: Collector, res: Resolver, tok: Token, frame: list, polarity: str, ev: str, pobjs: list[Token]
) -> bool:
    """ "A and B are at odds", "A and B have been at loggerheads for years": a "with" frame whose
    complement is left out, after two or more conjoined subjects, ties them to each other. `pobjs`:
    as for `_prep_match`."""
    if len(frame) != 3 or frame[2] != "with" or tok.dep_ != "prep":
        return False
    nouns = [n for n in pobjs if n.lemma_.lower() == frame[1] or n.lower_ == frame[1]]
    if not nouns or any(c.dep_ == "prep" and c.lower_ == "with" for n in nouns for c in n.children):
        return False
    verb = _clause_verb(tok)
    if tok.head.i != verb.i or not asserted(verb):
        return False
    subj = res.subject(verb)
    if len(set(subj)) < 2:
        return False
    _mutual(col, subj, polarity, FRAME_CONF, ev, "prep:" + " ".join(frame[:2]) + " (co-subjects)")
    return True


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


def _against(res: Resolver, tok: Token) -> list[str]:
    """Actors of the against-complements hanging directly on `tok`."""
    return [
        k for c in tok.children if c.dep_ == "prep" and c.lower_ == "against" for p in _pobjs(c) for k in res.phrase(p)
    ]


def command_frame(col: Collector, res: Resolver, tok: Token, ev: str) -> None:
    """ "X led a coalition fighting Y", "X heads a force battling Y", "X commands troops deployed
    against Y": the commander is the foe of the force's enemy."""
    c = cues()
    if tok.lemma_.lower() not in c["command_verbs"] or not asserted(tok):
        return
    foes: list[str] = []
    for obj in (ch for ch in tok.children if ch.dep_ == "dobj"):
        foes.extend(_against(res, obj))
        for act in obj.children:
            if act.dep_ in ("acl", "relcl") and act.pos_ == "VERB":
                if act.lemma_.lower() in c["combat_verbs"]:
                    foes.extend(k for d in act.children if d.dep_ == "dobj" for k in res.phrase(d))
                foes.extend(_against(res, act))
    if foes:
        col.pairs(res.subject(tok), foes, "hostile", True, FRAME_CONF, ev, f"command:{tok.lemma_.lower()}")


def backed_against(col: Collector, res: Resolver, tok: Token, ev: str) -> None:
    """ "X backed Y against Z", "X helped Y against Z": Z is the foe of X and of Y."""
    if tok.lemma_.lower() not in cues()["backing_verbs"]:
        return
    foes = _against(res, tok)
    if not foes or not asserted(tok):
        return
    sides = res.subject(tok) + [k for ch in tok.children if ch.dep_ == "dobj" for k in res.phrase(ch)]
    col.pairs(sides, foes, "hostile", True, FRAME_CONF, ev, f"backed-against:{tok.lemma_.lower()}")


def deployed_against(col: Collector, res: Resolver, tok: Token, ev: str) -> None:
    """ "Chad sent troops against the rebels", "X deployed soldiers against Y": the sender faces Y."""
    if tok.lemma_.lower() not in cues()["deploy_verbs"]:
        return
    foes = _against(res, tok) + [k for ch in tok.children if ch.dep_ == "dobj" for k in _against(res, ch)]
    if foes and asserted(tok):
        col.pairs(res.subject(tok), foes, "hostile", True, FRAME_CONF, ev, f"deployed-against:{tok.lemma_.lower()}")


def backed_by(col: Collector, res: Resolver, tok: Token, ev: str) -> None:
    """ "Ansar Allah, a movement backed by Iran", "a militia that officials say is funded by
    Islamic State", "X, supported by Turkey": a participle of backing with its by-agent; the backed is
    the participle's passive subject or the noun it qualifies (the named actor of an apposition)."""
    if tok.lemma_.lower() not in cues()["backing_verbs"] or tok.tag_ != "VBN" or not asserted(tok):
        return
    givers = [k for c in tok.children if c.dep_ == "agent" for p in _pobjs(c) for k in res.phrase(p)]
    if not givers:
        return
    passive = any(c.dep_ == "auxpass" for c in tok.children)  # "that experts say is backed by": nsubj
    backed = [k for c in tok.children if c.dep_ == "nsubjpass" or passive and c.dep_ == "nsubj" for k in res.phrase(c)]
    first = tok
    while first.dep_ == "conj" and first.head.i != first.i and first.head.tag_ in ("VBN", "JJ"):
        first = first.head  # "X, armed and funded by Y": the agent hangs on the last participle
    if not backed and first is not tok and not any(c.dep_ in ("aux", "auxpass") for c in first.children):
        backed = [k for c in first.children if c.dep_ in ("nsubj", "nsubjpass") for k in res.phrase(c)]
    if not backed and (first.dep_ == "acl" or first is not tok and first.dep_ == "amod"):
        backed = res.phrase(first.head, conjuncts=False)
        if not backed and first.head.dep_ == "appos":
            backed = res.phrase(first.head.head, conjuncts=False)
    col.pairs(givers, backed, "ally", True, FRAME_CONF, ev, f"backed-by:{tok.lemma_.lower()}")
