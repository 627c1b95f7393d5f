"""Relational verbs and accusations: "X attacked Y", "X accused Y of backing Z", "A and B accused each other"."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..events.patterns import harm_done, lexicon
from ..relations import Collector, Resolver, cues
from .clause import (
    CO_AGENT_CONF,
    NOUN_CONF,
    SETTLEMENT_CONF,
    VERB_CONF,
    _clause_verb,
    _mutual,
    _pobjs,
    asserted,
    urged_by,
)


def verb_cue(col: Collector, res: Resolver, tok: Token, polarity: str, ev: str) -> None:
    if not asserted(tok):
        if polarity == "hostile" and (urger := urged_by(tok)) is not None:  # "X urged Y to isolate Z"
            col.pairs(
                res.subject(urger), res.objects(tok), polarity, True, VERB_CONF, ev, "urged:" + tok.lemma_.lower()
            )
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
    # "defend X against Y": who is defended is an ally, what it is defended against is not
    subj = res.subject(tok)
    objs = res.objects(tok) if polarity == "hostile" else res.objects(tok, ("on", "with", "to", "into"))
    col.pairs(subj, objs, polarity, True, VERB_CONF, ev, f"verb:{tok.lemma_.lower()}")
    sides = [k for k in dict.fromkeys(subj) if k not in objs]
    if len(sides) >= 2 and objs:  # "A and B undermined C": two agents of one act on a third are one side
        _mutual(col, sides, "ally", CO_AGENT_CONF, ev, "co-agents")
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
    passive = [ch for ch in tok.children if ch.dep_ == "nsubjpass"]
    # "Y, which X is accused of arming": with a passive subject, a dobj is the act's fronted object
    fronted = [k for ch in tok.children if ch.dep_ == "dobj" for k in res.phrase(ch)] if passive else []
    accused = passive or [ch for ch in tok.children if ch.dep_ == "dobj"]
    if not accused and tok.dep_ in ("relcl", "acl"):
        accused = [tok.head]  # "a group (that) they accuse of links to X", "a group accused of ..."
    if not accused or not asserted(tok):
        return
    _charged_links(col, res, tok, accused, ev)
    if tok.pos_ == "VERB" and any(ch.dep_ == "dobj" for ch in accused):  # the accuser faces the accused
        col.pairs(
            res.subject(tok),  # not the victim of condemned harm: "condemned the arrest of X"
            [k for a in accused if a.dep_ == "dobj" and not harm_done(a, lexicon()) for k in res.phrase(a)],
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
            if act.dep_ not in ("pcomp", "pobj") or polarity is None:
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
                objects or fronted,
                polarity,
                True,
                SETTLEMENT_CONF,
                ev,
                f"accused-of:{lemma}",
            )


def _charged_links(col: Collector, res: Resolver, tok: Token, accused: list, ev: str) -> None:
    """ "X accused Y of links to Z", "Y, a group accused of ties with Z": Y and Z are allies as the
    charge says (the of-phrase may hang on the verb or on the accused noun)."""
    ties = cues()["ties"]
    keys = [k for a in accused for k in (res.phrase(a) or (res.phrase(a.head) if a.dep_ == "appos" else []))]
    preps = [p for h in (tok, *accused) for p in h.children if p.dep_ == "prep" and p.lower_ == "of"]
    for link in (n for p in preps for n in _pobjs(p) if n.lemma_.lower() in ties):
        linked = [k for p in link.children if p.dep_ == "prep" and p.lower_ in ("to", "with") for k in _objs(res, p)]
        col.pairs(keys, linked, "ally", True, SETTLEMENT_CONF, ev, "accused-of:links")


def _objs(res: Resolver, prep: Token) -> list[str]:
    return [k for p in _pobjs(prep) for k in res.phrase(p)]


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


def deployed_purpose(col: Collector, res: Resolver, tok: Token, ev: str) -> None:
    """ "Ethiopia sent troops to fight al-Shabaab", "Uganda deployed soldiers to support the
    government in Juba": the purpose clause of a verb of sending is the sender's act on its object."""
    c, lemma = cues(), tok.lemma_.lower()
    polarity = "hostile" if lemma in c["combat_verbs"] else "ally" if lemma in c["backing_verbs"] else None
    if polarity is None or not any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in tok.children):
        return
    sender = tok.head
    if tok.dep_ in ("acl", "relcl") and sender.dep_ == "dobj":
        sender = sender.head  # "sent troops to fight X": the clause may hang on the troops
    elif tok.dep_ not in ("advcl", "xcomp"):
        return
    if sender.lemma_.lower() not in c["deploy_verbs"] or not asserted(sender):
        return
    objs = [k for ch in tok.children if ch.dep_ == "dobj" for k in res.phrase(ch)]
    col.pairs(res.subject(sender), objs, polarity, True, VERB_CONF, ev, f"deployed-to:{lemma}")


def demanded_removal(col: Collector, res: Resolver, tok: Token, ev: str) -> None:
    """ "X called for Y's resignation", "X demanded the ouster of Y", "X urged Y to step down",
    "X demanded that Y resign": who demands that another go is against him."""
    c = cues()
    if tok.lemma_.lower() not in c["demand_verbs"] or not asserted(tok):
        return
    heads = [ch for ch in tok.children if ch.dep_ == "dobj"]
    heads += [p for ch in tok.children if ch.dep_ == "prep" and ch.lower_ == "for" for p in _pobjs(ch)]
    victims = [
        g
        for n in heads
        if n.lemma_.lower() in c["removal_nouns"]
        for ch in n.children
        for g in ([ch] if ch.dep_ == "poss" else _pobjs(ch) if ch.dep_ == "prep" and ch.lower_ == "of" else [])
    ]
    for clause in (ch for ch in tok.children if ch.dep_ in ("xcomp", "ccomp") and _leaves(c, ch)):
        own = [ch for ch in clause.children if ch.dep_ == "nsubj"]
        addressed = [p for ch in tok.children if ch.dep_ == "prep" and ch.lower_ in ("on", "upon") for p in _pobjs(ch)]
        victims += own or [ch for ch in tok.children if ch.dep_ == "dobj"] or addressed  # "urged/called on Y to go"
    keys = [k for v in victims for k in res.phrase(v, conjuncts=False)]
    col.pairs(res.subject(tok), keys, "hostile", True, SETTLEMENT_CONF, ev, f"demand-removal:{tok.lemma_.lower()}")


def _leaves(c: dict, verb: Token) -> bool:
    """A verb of leaving office, with its particle where it needs one ("step down", "resign")."""
    lemma = verb.lemma_.lower()
    if lemma not in c["leave_verbs"]:
        return False
    prt = c["leave_verbs"][lemma]
    return not prt or any(ch.dep_ in ("prt", "advmod") and ch.lower_ == prt for ch in verb.children)


def branded(col: Collector, res: Resolver, tok: Token, ev: str) -> None:
    """ "X designated Y a terrorist group", "Y, which X considers a terrorist organisation", "Y was
    branded a terror group by X": who brands another an outlaw stands against it."""
    labels = cues()["outlaw_labels"]
    slots = [c for c in tok.children if c.dep_ in ("dobj", "oprd", "attr")]
    slots += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "as" for p in _pobjs(c)]
    label = next((s for s in slots if _outlaw(s, labels)), None)
    if label is None or not asserted(tok):
        return
    named = [s for s in slots if s.i != label.i and s.dep_ in ("dobj", "nsubjpass")]
    named += [c for c in tok.children if c.dep_ == "nsubjpass"]
    agents = [p for c in tok.children if c.dep_ == "agent" for p in _pobjs(c)]
    if named and not agents:  # "Y was declared a terrorist group by X": 'by' hung on the label
        agents = [p for c in label.children if c.dep_ == "prep" and c.lower_ == "by" for p in _pobjs(c)]
    branding = [k for a in agents for k in res.phrase(a)] if agents else res.subject(tok)
    if named:
        outlaws = [k for n in named for k in res.phrase(n)]
    elif tok.dep_ == "relcl":  # "Y, which X considers a terrorist group"
        outlaws = res.phrase(tok.head, conjuncts=False)
    else:
        return
    col.pairs(branding, outlaws, "hostile", True, VERB_CONF, ev, "branded:" + tok.lemma_.lower())


def _outlaw(tok: Token, labels: set) -> bool:
    """An outlaw label: "terrorists", "a terrorist organisation", "a terror group"."""
    if tok.lemma_.lower() in labels:
        return True
    return any(c.dep_ in ("amod", "compound") and c.lemma_.lower() in labels for c in tok.children)
