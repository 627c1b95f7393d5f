"""Relations from the coded events: AID, SUPPORT, COOPERATE, AGREE (and CONSULT, CONCEDE)
are ties of alliance, ASSAULT, COERCE, THREATEN, SANCTION, ACCUSE, PROTEST of hostility,
REJECT too between states; two sources of one act are on one side; a claim of
responsibility makes the claimer the author of the unattributed attacks just before.
Only asserted facts, plans and threats count (`relations.event_is_evidence`).
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

from .. import parse_arrays
from ..context import RELATIONAL_HEADS, Context, span_text, token_texts, tokens_text
from ..records import Event
from .relations import (
    AGREEMENT_EVENTS,
    ALLY_EVENTS,
    CLAIM_REACH,
    HEAD_WALK,
    HOSTILE_EVENTS,
    MUTUAL_EVENTS,
    STATE_REJECT,
    STATE_TYPES,
    Collector,
    Resolver,
    cues,
    event_is_evidence,
)

# Modifier links inside one noun phrase, climbed to reach the phrase's head word.
PHRASE_DEPS = ("compound", "amod", "nmod", "poss", "flat", "appos", "conj")


def _named_at(ctx: Context, sent: Span, keys: tuple) -> list[int]:
    """The indexes of the sentence's tokens whose actor (`ctx.actor_at`) is one of `keys`, in
    order: read off the token index, no call or Token per word."""
    index = ctx._token_actor
    return [i for i in range(sent.start, sent.end) if (m := index.get(i)) is not None and m.key in keys]


def _states(col: Collector, a: Optional[str], b: Optional[str]) -> bool:
    """Both sides states (or their governments, blocs), or one side a state and the other an
    opposition at home ("the party rejected the government's decree"): a refusal between them is
    a stand against the other side."""
    keys = [col.canon(k) for k in (a, b)]
    types = [getattr(col.ctx.actors.get(k), "type", None) if k is not None else None for k in keys]
    if all(t in STATE_TYPES for t in types):
        return True
    rulers, opposition = STATE_TYPES - {"igo", "bloc"}, frozenset(cues()["opposition_types"])
    return (types[0] in rulers and types[1] in opposition) or (types[1] in rulers and types[0] in opposition)


def _settlement_sentence(text: str) -> bool:
    lower = text.lower()
    return any(word in lower for word in cues()["settlement_words"])


def _owned_pairs(ctx: Context) -> dict[str, set]:
    """Sentence -> pairs named as "B's A" or "A of B" there ("Haftar's army"): one side belongs to
    the other, so an act between them in that sentence is a misread, never hostility."""
    out: dict[str, set] = {}
    arrays = ctx.arrays  # the head word's lemma and children read off the arrays: no Token per mention
    lemmas, deps = arrays.strings_of("lemma"), arrays.strings_of("dep")
    for m in ctx.mentions:
        head = m.end - 1
        if lemmas[head].lower() in RELATIONAL_HEADS:
            continue  # "Kyiv's Western allies" are others, not a part of Kyiv
        for child in arrays.children(head):
            owner = ctx.actor_at(child) if deps[child] == "poss" else None
            if owner and owner != m.key:
                out.setdefault(tokens_text(ctx.doc, *arrays.sentence(head)).strip(), set()).add(
                    frozenset((m.key, owner))
                )
    return out


def _sentences(ctx: Context) -> dict:
    """Sentence text -> sentence (`doc.sents`, cut at the arrays' sentence starts)."""
    if not ctx.mentions:
        return {}
    starts, doc = ctx.arrays.sent_starts, ctx.doc
    cuts = zip(starts, [*starts[1:], len(doc)])
    return {tokens_text(doc, a, b).strip(): doc[a:b] for a, b in cuts}


def _clause_asserted(sentences: dict, ev: Event) -> bool:
    """For an event without a mode (older event coder), the clause of its trigger must be asserted:
    not conditional, hypothetical, negated, or governed by a verb of influence."""
    from .relation_patterns import asserted
    from .relation_patterns.clause import refused

    if not ev.trigger:
        return True
    sent = sentences.get(ev.evidence.strip())
    if sent is None:
        return True
    first = ev.trigger.split()[0].lower()
    arrays = parse_arrays.of(sent.doc)  # the forms and lemmas without a Token per word
    lowers, lemmas = arrays.strings_of("lower"), arrays.strings_of("lemma")
    for i in range(sent.start, sent.end):
        if lowers[i] == first or lemmas[i].lower() == first:
            if ev.mode is not None:  # a plan or threat: only a refusal or doubt above it unmakes it
                return ev.type == "REJECT" or not refused(sent.doc[i])
            return asserted(sent.doc[i], refusals=ev.type != "REJECT")
    return True


def _hosted(ev: Event) -> bool:
    """Talks the source hosts ("X hosted a meeting with Y", "X hosted Y's envoy"): an invitation is
    more than a call, so one such meeting shows a working relationship (not a lone meeting)."""
    words = (ev.trigger or "").split()
    return ev.type == "CONSULT" and bool(words) and words[0].lower() in cues()["hosting_words"]


def _private_pair(ctx: Context, sent: Optional[Span], ev: Event) -> bool:
    """ "Korean, Brazilian and Indian companies are signing contracts": the two parties of a deal or talks
    named only as qualifiers of one noun of private people or businesses; the firms deal, and not
    with each other, so the states are no allies."""
    if sent is None:
        return False
    private = cues()["private_heads"]
    heads: dict[str, set] = {}
    toks = parse_arrays.tokens(sent.doc)  # a Token only for the actors' words
    for i in _named_at(ctx, sent, (ev.source, ev.target)):
        key, tok = ctx.actor_at(i), toks[i]
        head = tok
        for _ in range(HEAD_WALK):
            if head.dep_ != "conj":
                break
            head = head.head
        if head.dep_ in ("amod", "compound", "nmod") and head.head.lemma_.lower() in private:
            heads.setdefault(str(key), set()).add(head.head.i)
    both = [heads.get(str(k), set()) for k in (ev.source, ev.target)]
    return bool(both[0] & both[1])


def _common_foe(ctx: Context, sent: Optional[Span], ev: Event) -> bool:
    """Every mention of the target in the sentence is the against-complement of what is refused."""
    if sent is None:
        return False
    named = [t for t in sent if ctx.actor_at(t) == ev.target]
    tops = {_phrase_top(t).i: _phrase_top(t) for t in named}.values()
    return bool(named) and all(t.dep_ == "pobj" and t.head.lower_ == "against" for t in tops)


def _named_in_content(ctx: Context, sent: Optional[Span], ev: Event) -> bool:
    """ "X denied claims that it armed Y": a refusal whose target is named only inside the content
    clause of the disputed claim (not as its owner, "rejected Y's claims"), so no stand against Y."""
    if sent is None or not ev.trigger:
        return False
    first = ev.trigger.split()[0].lower()
    arrays, toks = parse_arrays.of(sent.doc), parse_arrays.tokens(sent.doc)
    lowers, lemmas = arrays.strings_of("lower"), arrays.strings_of("lemma")
    verbs = [toks[i] for i in range(sent.start, sent.end) if lowers[i] == first or lemmas[i].lower() == first]
    for verb in (v for v in verbs if v.lemma_.lower() in cues()["disputing_verbs"]):
        for obj in (o for o in verb.children if o.dep_ == "dobj" and ctx.actor_of_phrase(o) != ev.target):
            content = [t for c in obj.children if c.dep_ in ("acl", "ccomp") for t in c.subtree]
            if any(ctx.actor_at(t) == ev.target for t in content):
                return True
    return False


def _phrase_top(tok: Token) -> Token:
    """The head of the noun phrase a name stands in ("UN" in "the UN Security Council" -> "Council")."""
    for _ in range(HEAD_WALK):
        if tok.dep_ not in PHRASE_DEPS or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok


def _of_head(top: Token) -> Optional[Token]:
    """The noun an of-complement completes: "a meeting of X" -> "meeting"."""
    if top.dep_ == "pobj" and top.head.lower_ == "of" and top.head.head.i != top.head.i:
        return top.head.head
    return None


def _placed(tok: Token) -> bool:
    """A name that only says where: the owner of a venue ("at a meeting of X", "at an X summit"), the
    place of a venue ("a summit in X") or the landmark of a compass bearing ("75 miles north of X")."""
    c, top = cues(), _phrase_top(tok)
    owner = _of_head(top)
    if owner is not None and owner.lower_ in c["compass_words"]:
        return True
    venue = top if top.i != tok.i and top.lemma_.lower() in c["venue_nouns"] else owner
    if top.dep_ == "pobj" and top.head.lower_ in ("in", "at") and top.head.head.lemma_.lower() in c["venue_nouns"]:
        return True  # "called an emergency meeting in X": where the meeting sits, not who meets
    return (
        venue is not None
        and venue.lemma_.lower() in c["venue_nouns"]
        and venue.dep_ == "pobj"
        and venue.head.lower_ in c["venue_preps"]
    )


def _held(tok: Token) -> bool:
    """A name inside what the act's purpose clause holds or defends ("battled to hold the
    government's last town"): the one the act is for, not against."""
    c, node = cues(), tok
    for _ in range(HEAD_WALK):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.dep_ in ("xcomp", "advcl") and node.lemma_.lower() in c["holding_verbs"]:
            kids = [ch.dep_ if ch.dep_ == "prt" else ch.lower_ for ch in node.children]
            return "to" in kids and "prt" not in kids  # "to hold", not "held hostages", "to hold off"
    return False


def _target_misplaced(ctx: Context, sent: Optional[Span], ev: Event) -> bool:
    """The target is named in the sentence only where the act happened, or only inside what a
    hostile act holds or defends: no tie with it."""
    if sent is None:
        return False
    toks, words = parse_arrays.tokens(ctx.doc), range(sent.start, sent.end)  # a Token only for the words kept
    named = [toks[i] for i in _named_at(ctx, sent, (ev.target,))]
    if not named and (actor := ctx.actors.get(str(ev.target))) is not None:
        ends = {a.split()[-1] for a in actor.aliases if a.strip()}  # a place standing for its state ("Saigon")
        texts, pos = token_texts(ctx.doc), ctx.arrays.strings_of("pos")
        named = [toks[i] for i in words if texts[i] in ends and pos[i] == "PROPN"]
    if not named:
        return False  # a pronoun or description: left to the event coder
    if all(_placed(t) for t in named):
        return True
    return ev.type in HOSTILE_EVENTS and all(_held(t) or _spared(t) for t in named)


def _spared(tok: Token) -> bool:
    """A name inside the persecution an act would end ("to end a purge of X supporters", "to stop
    the killing of X's people"): the one the act is for, not against."""
    c, node = cues(), tok
    for _ in range(HEAD_WALK):
        if node.dep_ not in (*PHRASE_DEPS, "pobj", "prep") or node.head.i == node.i:
            return False
        node = node.head
        if node.lemma_.lower() in c["persecution_nouns"] and node.dep_ == "dobj":
            return node.head.lemma_.lower() in c["stopping_verbs"]
    return False


def _home_state(ctx: Context, sent: Optional[Span], ev: Event, parties: set) -> Optional[str]:
    """ "The rebels seized the provincial capital": an armed group's act on a town of its own country
    is coded against that country's people, named by no word of the sentence; the act is a blow at
    the state that holds the town (its actor, when it is a party to another act of the article), not at
    the residents."""
    source, target = ctx.actors.get(str(ev.source)), ctx.actors.get(str(ev.target))
    if getattr(source, "type", None) != "armed_group" or getattr(target, "type", None) != "population":
        return None
    country = getattr(source, "country", None)
    if ev.type not in cues()["seizing_types"] or country is None or country != getattr(target, "country", None):
        return None
    if sent is None or _named_at(ctx, sent, (ev.target,)):
        return None  # "killed civilians": the people themselves
    return next((k for k, a in ctx.actors.items() if a.type == "state" and a.country == country and k in parties), None)


def from_events(col: Collector, events: list[Event]) -> None:
    owned = _owned_pairs(col.ctx) if col.ctx.mentions else {}
    sentences, res = _sentences(col.ctx), Resolver(col.ctx)
    parties = {k for e in events for k in (e.source, e.target) if k}
    plurals: dict[int, list] = {}  # sentence start -> its plural nouns (`_listed_sources`)
    for ev in events:
        if not ev.target and (state := _held_town(col.ctx, ev, parties)):
            ev = ev.model_copy(update={"target": state})
        if not ev.source or not ev.target or not event_is_evidence(ev) or not _clause_asserted(sentences, ev):
            continue
        if state := _home_state(col.ctx, sentences.get(ev.evidence.strip()), ev, parties):
            ev = ev.model_copy(update={"target": state})
        elif state := _host_state(col.ctx, sentences.get(ev.evidence.strip()), ev):
            ev = ev.model_copy(update={"target": state})
        if frozenset((ev.source, ev.target)) in owned.get(ev.evidence.strip(), ()):
            continue
        sent = sentences.get(ev.evidence.strip())
        if ev.type in MUTUAL_EVENTS and _private_pair(col.ctx, sent, ev) or _target_misplaced(col.ctx, sent, ev):
            continue
        rule = f"event:{ev.type}" + (":host" if _hosted(ev) else "")
        if ev.type in HOSTILE_EVENTS and _turned_ally(col.ctx, sent, ev):
            rule = f"turned-on:{ev.type}"  # "killed by his allies": the act stands beside the old tie
        _add_event_tie(col, sent, ev, rule)  # reads the event, never changes it: no copy for its own source
        for source in _listed_sources(res, sent, ev, plurals):
            _add_event_tie(col, sent, ev.model_copy(update={"source": source}), rule)


def _signed_deal(ev: Event) -> bool:
    """ "A and B signed an agreement / accord": a deal signed (pattern sign+deal) is an agreement,
    which foes make too (a tie from it alone yields to their hostility)."""
    verb, _, obj = (ev.rule or "").rpartition(":")[2].partition("+")
    return verb in cues()["settlement_party_verbs"] and obj in cues()["peace_heads"]


def _turned_ally(ctx: Context, sent: Optional[Span], ev: Event) -> bool:
    """The act's source is named as the target's ally ("was killed by his Houthi allies", "the
    regime's allies shelled its positions"): allies who turned on it, not a misread act."""
    from .relations import refer

    if sent is None:
        return False
    allies, toks = cues()["ally_nouns"], parse_arrays.tokens(sent.doc)
    for tok in (toks[i] for i in _named_at(ctx, sent, (ev.source,))):
        top = _phrase_top(tok)
        if top.lemma_.lower() not in allies:
            continue
        owners = [c for c in top.children if c.dep_ == "poss"]
        if any((ctx.actor_at(o) or refer(ctx, o)) == ev.target for o in owners):
            return True
    return False


def _add_event_tie(col: Collector, sent: Optional[Span], ev: Event, rule: str) -> None:
    """The tie one coded event shows, by its type."""
    if ev.type in ALLY_EVENTS:
        if _eased_pressure(sent, ev):
            return  # "agreed to lift sanctions on X": a deal between parties at odds
        settlement = _settlement_sentence(ev.evidence)
        if settlement and ev.type in cues()["settlement_event_types"]:
            return  # a ceasefire or peace deal is signed by foes, not allies
        col.add(
            ev.source,
            ev.target,
            "ally",
            ev.type not in MUTUAL_EVENTS,
            ALLY_EVENTS[ev.type] * ev.confidence,
            ev.evidence,
            rule,
            agreement=ev.type in AGREEMENT_EVENTS or settlement or _signed_deal(ev),
        )
    elif ev.type in HOSTILE_EVENTS:
        col.add(ev.source, ev.target, "hostile", True, HOSTILE_EVENTS[ev.type] * ev.confidence, ev.evidence, rule)
    elif ev.type == "REJECT" and _states(col, ev.source, ev.target) and not _named_in_content(col.ctx, sent, ev):
        if _common_foe(col.ctx, sent, ev):
            return  # "declined to join the coalition against Y": the refusal is of the coalition, not of Y
        col.add(ev.source, ev.target, "hostile", True, STATE_REJECT * ev.confidence, ev.evidence, rule)


def _listed_sources(res: Resolver, sent: Optional[Span], ev: Event, plurals: dict) -> list[str]:
    """ "Leaders from A and B offered support to Z", coded with A alone as its source: the other
    members of the list the source's plural title or body noun names (`Resolver.of_list`).
    `plurals`: sentence start -> its plural nouns with their actors (`_plural_nouns`), filled as asked."""
    if sent is None:
        return []
    nouns = plurals.get(sent.start)
    if nouns is None:
        nouns = plurals[sent.start] = _plural_nouns(res, sent)
    found = [k for tok, key in nouns if key == ev.source for k in res.of_list(tok)]
    return [k for k in dict.fromkeys(found) if k not in (ev.source, ev.target)]


def _plural_nouns(res: Resolver, sent: Span) -> list[tuple[Token, Optional[str]]]:
    """The sentence's plural nouns, each with the actor its phrase stands for: found once per
    sentence, however many of its events ask."""
    toks, tags = parse_arrays.tokens(sent.doc), res.ctx.arrays.strings_of("tag")  # a Token only for plural nouns
    return [(toks[i], res.ctx.actor_of_phrase(toks[i])) for i in range(sent.start, sent.end) if tags[i] == "NNS"]


def _eased_pressure(sent: Optional[Span], ev: Event) -> bool:
    """The act is the lifting of a measure of pressure ("agreed to remove sanctions on X", "eased the
    embargo on X"): its trigger is the measure or the easing verb, or governs that verb."""
    if sent is None or not ev.trigger:
        return False
    c, first = cues(), ev.trigger.split()[0].lower()
    measures, easing = c["eased_measures"], c["easing_verbs"]
    arrays, toks = parse_arrays.of(sent.doc), parse_arrays.tokens(sent.doc)  # a Token only for the trigger word
    lowers, lemmas = arrays.strings_of("lower"), arrays.strings_of("lemma")
    for i in range(sent.start, sent.end):
        if lowers[i] != first and lemmas[i].lower() != first:
            continue
        tok = toks[i]
        verbs = [tok, *(x for x in tok.children if x.dep_ in ("xcomp", "ccomp")), tok.head]
        for verb in verbs:
            if verb.lemma_.lower() in easing and any(
                o.dep_ == "dobj" and o.lemma_.lower() in measures for o in verb.children
            ):
                return True
    return False


def _held_town(ctx: Context, ev: Event, parties: set) -> Optional[str]:
    """ "M23 rebels took full control of Goma": an armed group's seizing act with no target, at a
    town of its own country, is a blow at the state that holds the town (its actor, when it is a
    party to another act of the article), as `_home_state` reads it for an act coded on residents."""
    source = ctx.actors.get(str(ev.source))
    if getattr(source, "type", None) != "armed_group" or ev.type not in cues()["seizing_types"]:
        return None
    place = ctx.places.get(ev.place) if ev.place else None
    country = getattr(source, "country", None)
    if place is None or place.kind == "country" or country is None or place.country != country:
        return None
    return next((k for k, a in ctx.actors.items() if a.type == "state" and a.country == country and k in parties), None)


def _host_state(ctx: Context, sent: Optional[Span], ev: Event) -> Optional[str]:
    """ "Gunmen stormed a hotel in Bamako, killing French and Belgian guests": an attack by unnamed
    or non-state attackers on foreign visitors, or on no one named, at a place of another state is a blow
    at the state where it happened (its actor, when the article names it), not at the visitors'
    states. Soldiers, diplomats or an embassy of the victims' state are that state itself."""
    source = ctx.actors.get(str(ev.source)) if ev.source else None
    if ev.type not in cues()["claimable_acts"] or getattr(source, "type", "armed_group") != "armed_group":
        return None
    place = ctx.places.get(ev.place) if ev.place else None
    if place is None or place.kind == "country" or not place.country:
        return None
    host = next((k for k, a in ctx.actors.items() if a.type == "state" and a.country == place.country), None)
    if host is None or host == ev.target:
        return None
    if ev.target is None:
        return host if ev.source is None or ev.source.endswith(tuple(cues()["claimable_source_suffixes"])) else None
    target = ctx.actors.get(str(ev.target))
    if getattr(target, "country", None) in (None, place.country) or sent is None:
        return None
    toks = parse_arrays.tokens(sent.doc)
    named = [toks[i] for i in _named_at(ctx, sent, (ev.target,))]
    return host if named and all(_of_visitors(t) for t in named) else None


def _of_visitors(tok: Token) -> bool:
    """The name qualifies civilians abroad: "French nationals", "tourists, including Japanese and
    Italian nationals" (climbing the noun phrase and an "including" list, never past a verb)."""
    visitors, node = cues()["visitor_nouns"], tok
    for _ in range(HEAD_WALK):
        if any(n.lemma_.lower() in visitors for n in (node, *node.conjuncts)):
            return True
        if node.dep_ not in (*PHRASE_DEPS, "pobj", "prep") or node.head.i == node.i:
            return False
        node = node.head
    return False


def joint_acts(col: Collector, events: list[Event]) -> None:
    """Two sources of one act are on one side: "A and B struck X" ties A to B."""
    acts: dict = {}
    for ev in events:
        if ev.source and ev.type in cues()["joint_acts"] and event_is_evidence(ev):
            acts.setdefault((ev.evidence, ev.trigger, ev.type), []).append(ev)
    for group in acts.values():
        sources = list(dict.fromkeys(col.canon(e.source) for e in group))
        targets = {col.canon(e.target) for e in group}
        sources = [s for s in sources if s not in targets]
        if targets == {None} and group[0].type in cues()["mutual_force"]:
            continue  # "A and B fought a border war": with no third party the act may be between them
        for j, a in enumerate(sources):
            col.pairs(
                [a],
                sources[j + 1 :],
                "ally",
                False,
                0.6 * min(e.confidence for e in group),
                group[0].evidence,
                "co-agents",
            )


def claimed_acts(col: Collector, res: Resolver, events: list[Event]) -> None:
    """ "Gunmen stormed a hotel ... X claimed responsibility": the claimer is the author of the
    unattributed attacks of the sentences just before (back to the last claim), so it is hostile to
    their targets (the state where an attack on visitors happened: `_host_state`)."""
    c = cues()
    unnamed = tuple(c["claimable_source_suffixes"])  # "gunmen stormed ...": attackers no one has named yet
    unclaimed = [
        ev for ev in events if (ev.source is None or ev.source.endswith(unnamed)) and ev.type in c["claimable_acts"]
    ]
    if not unclaimed:  # most articles: no sentence needs numbering
        return
    doc = col.ctx.doc
    sents = list(doc.sents)
    number = {span_text(s).strip(): i for i, s in enumerate(sents)}
    orphans = _orphans(col.ctx, sents, number, unclaimed)
    lemmas = parse_arrays.of(doc).strings_of("lemma")  # no Token object per word of the article
    last_claim = -1
    for i, sent in enumerate(sents):
        for k in range(sent.start, sent.end):
            if lemmas[k].lower() not in c["claim_verbs"] or not asserted_claim(tok := doc[k], c):
                continue
            claimers = res.subject(tok)
            for j, ev in orphans:
                if 0 <= i - j <= CLAIM_REACH and j > last_claim:
                    col.pairs(
                        claimers, [ev.target], "hostile", True, 0.6 * ev.confidence, span_text(sent).strip(), "claimed"
                    )
            last_claim = i


def _orphans(ctx: Context, sents: list, number: dict, unclaimed: list[Event]) -> list[tuple[int, Event]]:
    """(sentence number, act) of the unattributed acts, each with the target it is a blow at."""
    out = []
    for ev in unclaimed:
        j = number.get(ev.evidence.strip())
        if j is None:
            continue
        if host := _host_state(ctx, sents[j], ev):
            ev = ev.model_copy(update={"target": host})
        if ev.target:
            out.append((j, ev))
    return out


def asserted_claim(tok: Token, c: dict) -> bool:
    """ "claimed responsibility", "claimed the attack": a claim of an act, asserted."""
    from .relation_patterns import asserted

    objs = [ch for ch in tok.children if ch.dep_ == "dobj"]
    return any(o.lemma_.lower() in c["claim_objects"] for o in objs) and asserted(tok)
