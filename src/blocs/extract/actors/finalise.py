"""Output: the resolved hits become ctx.actors and ctx.mentions; `finalize` picks the actors to
report once the other stages have run."""

from __future__ import annotations

import functools
import re
from typing import Optional

from ... import parse_arrays
from ...context import Context, Mention, doc_text, tokens_text
from ...records import Actor
from ...syntax import title_end
from .base import ResolverBase
from .claims import merge_claimed_attackers
from .lexicon import CORE_DEPS, LOCATIVE, WordList, _kb, _name_head, fold, lexicon

# internal hit kinds -> the Mention kinds context.py documents
MENTION_KINDS = {
    "name": "name",
    "person": "name",
    "demonym": "demonym",
    "plural": "demonym",
    "capital": "capital",
    "seat": "capital",
    "government": "government",
    "leader": "leader",
    "generic": "generic",
    "ner": "ner",
}


class OutputPass(ResolverBase):
    def describe(self, key: str) -> dict:
        if key in self.info:
            return self.info[key]
        e = self.kb.entities.get(key)
        if e is not None:
            return {"name": e.name, "type": e.type, "country": e.country, "confidence": 0.95}
        p = self.kb.people[key]
        country = p.country or next((t.country for t in p.terms), None)
        return {"name": p.name, "type": "person", "country": country, "confidence": 0.95}

    def build(self) -> None:
        ctx = self.ctx
        ctx.actors.clear()
        ctx.mentions.clear()
        lowers = parse_arrays.of(self.doc).strings_of("lower")
        for h in sorted(self.hits, key=lambda h: h.start):
            if h.source == "drop" or not h.key or self.furniture.touches(h.start, h.end):
                continue
            if (
                (h.kind == "capital" or h.kind == "name" and tokens_text(self.doc, h.start, h.end).isupper())
                and self._dateline(h)
                or h.kind == "capital"
                and not self._capital_metonym(h)
            ):
                continue
            if h.size > 1 and lowers[h.start] == "the":
                h.start += 1
            text = self._clean_at(h.start, h.end)
            d = self.describe(h.key)
            actor = ctx.actors.get(h.key)
            if actor is None:
                actor = ctx.actors[h.key] = Actor(
                    key=h.key, name=d["name"], type=d["type"], country=d.get("country"), confidence=d["confidence"]
                )
            if text not in actor.aliases:
                actor.aliases.append(text)
            actor.mentions += 1
            ctx.mentions.append(Mention(h.start, h.end, h.key, text, MENTION_KINDS.get(h.kind, "name")))
        for actor in ctx.actors.values():
            actor.confidence = round(min(0.99, actor.confidence + 0.01 * (actor.mentions - 1)), 2)
        self.guess_countries()
        self.leaders()
        ctx.index()


def _strong(ctx: Context, m: Mention, lex: dict) -> bool:
    """Does this mention show the actor acting (not a place name or a bare adjective)?"""
    actor = ctx.actors.get(m.key)
    if m.kind not in ("name", "demonym", "capital", "seat") or actor is None or actor.type != "state":
        return True
    possessive, head = _name_head(ctx.doc, m.end)
    if possessive:  # "Russia's plan" acts; "Kabul, Afghanistan's capital" only says where Kabul is
        owned = head.head
        return not (head.dep_ == "poss" and owned.dep_ == "appos" and owned.lower_ in lex["place_part_nouns"])
    if m.kind == "demonym" or head.dep_ in ("amod", "compound", "nmod"):
        target = head.head if head.dep_ in ("amod", "compound", "nmod", "npadvmod") else head
        if target.i == head.i:
            return head.dep_ in CORE_DEPS
        return target.lower_ in lex["actorish_nouns"] or ctx.actor_at(target) not in (None, m.key)
    if head.dep_ == "pobj":
        prep = head.head
        if prep.lower_ == "of":  # "the president of Armenia", "King Hassan of Morocco"
            return prep.head.lower_ in lex["actorish_nouns"] or prep.head.ent_type_ == "PERSON"
        return prep.lower_ not in LOCATIVE
    return True


def finalize(ctx: Context, events, relations, quotes, goals) -> dict[str, Actor]:
    """The actors to report: those shown acting at least once, used by another stage, or named
    often enough that the article is about them although it only describes them."""
    lex = lexicon()
    merge_claimed_attackers(ctx, events, relations, quotes, goals)  # "gunmen ... X claimed the attack"
    _rebind_unnamed_speakers(ctx, quotes or (), lex)
    unnamed = _unnamed_to_text(ctx, quotes or (), lex)
    if goals and unnamed:  # an aim of "analysts" is nobody's
        goals[:] = [g for g in goals if g.actor not in unnamed]
    used: set[str] = set()
    for e in events or ():
        used.update(k for k in (e.source, e.target) if k)
    for r in relations or ():
        used.update((r.source, r.target))
    for q in quotes or ():
        used.update(k for k in (q.speaker, q.via) if k)
    for g in goals or ():
        if g.actor:
            used.add(g.actor)
    used.update(v for k, v in ctx.leader_of.items() if k in used)
    headline = _headline_end(ctx)
    strong = {m.key for m in ctx.mentions if _strong(ctx, m, lex) and not _headline_state(ctx, m, headline)}
    for k in used & ctx.actors.keys():  # a stage may name an actor whose words another mention holds
        ctx.actors[k].mentions = max(ctx.actors[k].mentions, 1)
    about = {k for k, a in ctx.actors.items() if a.mentions >= lex["about_mentions"]}
    kb = _kb()
    # a nameless phrase is an actor only as the speaker the quotes stage gave a quote
    speakers = {k for q in quotes or () for k in (q.speaker, q.via) if k}
    speakers -= _pronoun_led(ctx)
    keep = {
        k: a
        for k, a in ctx.actors.items()
        if a.mentions
        and (k in used or k in strong or k in about)
        and (k in kb.entities or k in kb.people or k in speakers or not nameless(a.name, lex))
    }
    # a private person's nationality that acts ("a Saudi businessman is suing X") still codes its state
    agents = {e.source for e in events or ()} | {r.source for r in relations or ()} | {g.actor for g in goals or ()}
    weak = {k for k in keep.keys() - about - agents if k not in strong or keep[k].type == "population"}
    for k in _nationality_only(ctx, weak):
        del keep[k]
    _drop_dangling(keep, events, relations, quotes, goals)
    return dict(sorted(keep.items(), key=lambda kv: -kv[1].mentions))


def _nationality_only(ctx: Context, weak: set[str]) -> set[str]:
    """States (and their peoples) every mention of which is an adjective giving private people a
    nationality ("a German aid worker was wounded", "two French citizens were killed"): no actor
    of the story when they only undergo what happens (`private_person_nouns`)."""
    arrays = parse_arrays.of(ctx.doc)
    deps, lowers, heads, pos = (
        arrays.strings_of("dep"),
        arrays.strings_of("lower"),
        arrays.head,
        arrays.strings_of("pos"),
    )
    private = _word_set("private_person_nouns")
    only: dict[str, bool] = {}
    for m in ctx.mentions:
        kind = ctx.actors[m.key].type if m.key in weak else None
        if kind not in ("state", "population"):
            continue
        last = m.end - 1
        if kind == "state":
            own = m.kind == "demonym" and deps[last] in ("amod", "compound") and lowers[heads[last]] in private
        else:  # "French citizens": the people's phrase is the adjective and the private noun
            own = m.end - m.start == 2 and pos[m.start] == "ADJ" and lowers[last] in private
        only[m.key] = only.get(m.key, True) and own
    return {k for k, v in only.items() if v}


def _headline_end(ctx: Context) -> int:
    """Where the headline ends (a character offset) when the text opens with the title on a
    line of its own, else 0."""
    text = doc_text(ctx.doc)  # `doc.text` re-joins every token
    end = title_end(ctx, text)
    return end if end and text[end : end + 1] in ("\n", "") else 0


def _headline_state(ctx: Context, m: Mention, end: int) -> bool:
    """A state named in the headline ("Vietnam '74: fighting fierce") is a label of where the
    story is: that mention alone does not show the state acting."""
    actor = ctx.actors.get(m.key)
    return actor is not None and actor.type == "state" and parse_arrays.of(ctx.doc).idx[m.start] < end


def _pronoun_led(ctx: Context) -> set[str]:
    """Keys every mention of which opens with a possessive pronoun ("his party", "their
    lawyers"): a phrase pointing back at someone, which names no actor of its own."""
    led: dict[str, bool] = {}
    tags = parse_arrays.of(ctx.doc).strings_of("tag")  # no Token per mention
    for m in ctx.mentions:
        led[m.key] = led.get(m.key, True) and tags[m.start] == "PRP$"
    return {k for k, v in led.items() if v}


def _rebind_unnamed_speakers(ctx: Context, quotes, lex: dict) -> None:
    """A speaker phrase that names no one may still say whose voice it is: 'a white paper issued
    by <state>'s ministry', 'officials in <town>', 'In <capital>, officials warned'. Such a
    speaker becomes that actor (a state: its government body when the article has one), with
    the phrase as an alias. Unqualified ones ('analysts said') stay as the quotes stage left them."""
    kb, unvoiced = _kb(), ctx.doc.user_data.get("blocs.unvoiced_speakers", ())
    of_key: dict[str, list[Mention]] = {}  # actor key -> its mentions, in text order (one walk)
    for m in ctx.mentions:
        of_key.setdefault(m.key, []).append(m)
    for q in quotes:
        actor = ctx.actors.get(q.speaker) if q.speaker else None
        if actor is None or q.speaker in kb.entities or q.speaker in unvoiced or not nameless(actor.name, lex):
            continue  # "an adviser to X" (quotes.speakers.UNVOICED) speaks for no one named
        own = of_key.get(q.speaker, [])
        key = (
            _voice_of(ctx, q.speaker, own, lex)
            or _described(ctx, q.speaker, own, lex)
            or _institution(ctx, actor.name, lex)
            or _institution_voice(ctx, own)
        )
        if key is None and not q.direct:
            key = _home_officials(ctx, actor.name)
        if key is None:
            continue
        target = ctx.actors.get(f"{key}-government") or ctx.actors[key]
        if actor.name not in target.aliases:
            target.aliases.append(actor.name)
        q.speaker = target.key


# the types of a speaker phrase the quotes stage made up; a medium ("state television") stays the medium
UNNAMED_TYPES = ("other", "person", "population", None)


def _unnamed_to_text(ctx: Context, quotes, lex: dict) -> set[str]:
    """A speaker phrase still naming no one after `_rebind_unnamed_speakers` ("a source said that",
    "analysts say", "residents said") is no actor when all it says is indirect speech: those quotes
    keep its words as `speaker_text` and no speaker. The voice of a direct quote ('"...," one
    resident said') stays an actor of its own, the one a reader asks "who said it?" about.
    Returns the keys taken off."""
    kb, off = _kb(), set()
    direct = {q.speaker for q in quotes if q.direct}
    for q in quotes:
        actor = ctx.actors.get(q.speaker) if q.speaker and q.speaker not in direct else None
        if actor is None or actor.type not in UNNAMED_TYPES or q.speaker in kb.entities or q.speaker in kb.people:
            continue
        if not nameless(actor.name, lex):
            continue
        off.add(actor.key)
        q.speaker_text, q.speaker = _speaker_words(ctx, actor.key, q.evidence) or actor.name, None
    return off


# the dependents after a speaker noun that belong to its description ("people familiar with
# the talks", "two residents of the town"); a clause or apposition after a comma does not
SPEAKER_TAIL = ("prep", "amod", "acl")


def _speaker_words(ctx: Context, key: str, evidence: Optional[str]) -> Optional[str]:
    """The whole description an unnamed speaker was given where the quote stands ("a senior
    Western diplomat", "two residents of the town", "people familiar with her thinking"):
    determiners and numbers included, a comma's clause or apposition left out."""
    if not evidence:
        return None
    doc, said = ctx.doc, " ".join(evidence.split())
    for m in ctx.mentions:
        if m.key != key or " ".join(doc[m.start].sent.text.split()) not in said:
            continue
        head = doc[m.start : m.end].root
        end = head.i + 1
        for c in head.rights:
            if c.dep_ not in SPEAKER_TAIL or c.left_edge.i != end or (c.dep_ == "acl" and c.tag_ != "VBN"):
                break
            end = c.right_edge.i + 1
        words = doc[head.left_edge.i : end]
        cut = next((t.i for t in words if t.is_punct and t.text not in ("'", "’", "-")), end)
        return doc[head.left_edge.i : cut].text or None
    return None


def _institution(ctx: Context, name: str, lex: dict) -> Optional[str]:
    """A state's institution speaking without a state word ("the interior ministry said", "the
    presidency said"): the state the article is mainly about (`state_institutions`)."""
    words = re.findall(r"[\w'’-]+", fold(name))
    if not words or words[-1] not in _word_set("state_institutions") or not ctx.main_country:
        return None
    return state_actor(ctx, ctx.main_country)


def _institution_voice(ctx: Context, mentions: list[Mention]) -> Optional[str]:
    """A nameless speaker who speaks for a state's institution ("a spokesman for the interior
    ministry", "an official at the presidency"): the state the article is mainly about, as
    `_institution` decides for the institution speaking itself. `mentions`: the key's own."""
    if not ctx.main_country:
        return None
    for m in mentions:
        for prep in ctx.doc[m.end - 1].children:
            if prep.dep_ != "prep" or prep.lower_ not in _word_set("voice_preps"):
                continue
            if any(t.dep_ == "pobj" and t.lower_ in _word_set("state_institutions") for t in prep.children):
                return state_actor(ctx, ctx.main_country)
    return None


def _home_officials(ctx: Context, name: str) -> Optional[str]:
    """Officials nobody places reporting what happened ("officials say", "senior security officials
    said"): those of the state the article is mainly about (`home_voices`); foreign or Western
    ones are not (`home_voice_modifiers` leaves them out)."""
    words = re.findall(r"[\w'’-]+", fold(name))
    if not words or words[-1] not in _word_set("home_voices") or not ctx.main_country:
        return None
    if not all(w in _word_set("home_voice_modifiers") for w in words[:-1]):
        return None
    return state_actor(ctx, ctx.main_country)


def _described(ctx: Context, key: str, mentions: list[Mention], lex: dict) -> Optional[str]:
    """The named actor a definite descriptor ("the monitor", "the command") refers back to:
    the latest one before it whose name holds the noun or one of its heads, else the latest
    of the descriptor's types (actors_lexicon.yaml `descriptor_nouns`). `mentions`: the key's own."""
    if not mentions:
        return None
    first = mentions[0]
    words = fold(ctx.actors[key].name).split()
    before = ctx.doc[first.start - 1].lower_ if first.start else ""
    if len(words) != 1 or (before != "the" and ctx.doc[first.start].lower_ != "the"):
        return None
    noun = words[0]
    spec = lex["descriptor_nouns"].get(noun, {})
    heads = {noun, *spec.get("heads", ())}
    by_head = by_type = None
    for m in sorted(ctx.mentions, key=lambda m: m.start):
        actor = ctx.actors.get(m.key)
        if m.start >= first.start or actor is None or m.key == key or nameless(actor.name, lex):
            continue
        if heads & set(re.findall(r"[\w'-]+", fold(actor.name))):
            by_head = m.key
        elif actor.type in spec.get("types", ()):
            by_type = m.key
    return by_head or by_type


def _voice_of(ctx: Context, key: str, mentions: list[Mention], lex: dict) -> Optional[str]:
    """The one named actor inside the phrase of `key`'s mentions, else the one state whose places
    the phrase or its clause are put in (not for people posted abroad, "diplomats in X", nor for
    people named by where they live, "residents of X": neither speaks for the state).
    `mentions`: the key's own, in text order."""
    named, countries = set(), set()
    doc, arrays = ctx.doc, parse_arrays.of(ctx.doc)  # token indexes: no Token per word of the phrase
    lowers, deps = arrays.strings_of("lower"), arrays.strings_of("dep")
    for m in mentions:
        head = m.end - 1
        # "diplomats in X" serve another state; "residents of X", "a villager from X" live there
        posted = lowers[head] in _word_set("posted_nouns") or lowers[head] in _word_set("dweller_nouns")
        for t in parse_arrays.subtree_of(doc, head):
            other = ctx.mention_at(t)
            if (
                other is not None
                and other.key != key
                and other.key in ctx.actors
                and not nameless(ctx.actors[other.key].name, lex)
            ):
                named.add(other.key)
        for word in () if posted else (head, arrays.head[head]):
            for prep in arrays.children(word):
                if deps[prep] == "prep" and lowers[prep] in LOCATIVE:
                    countries |= {
                        ctx.places[p].country
                        for t in parse_arrays.subtree_of(doc, prep)
                        if (p := ctx.place_at(t)) and p in ctx.places and ctx.places[p].country
                    }
    if len(named) == 1:
        return named.pop()
    return state_actor(ctx, countries.pop()) if len(countries) == 1 and not named else None


def nameless(name: str, lex: dict) -> bool:
    """A phrase that names no one in particular: no capital letter at all ("officials", "a white
    paper", "one of the city's executives") or a generic speaker noun with only determiners and
    vague modifiers before it ("Analysts", "Western diplomats", "A senior official"), whatever
    an `of` complement after it says ("Residents of the border town of X")."""
    if not any(c.isupper() for c in name):
        return True
    words = re.findall(r"[\w'’-]+", fold(name))
    if "of" in words[1:]:
        words = words[: words.index("of", 1)]
    if not words or words[-1] not in _word_set("generic_speakers"):
        return False
    return all(w in _word_set("generic_speaker_modifiers") for w in words[:-1])


@functools.lru_cache(maxsize=None)
def _word_set(name: str) -> WordList:
    """The lexicon's word list `name`: its `in` is already a set look-up (no copy per call)."""
    return lexicon()[name]


def _drop_dangling(keep: dict, events, relations, quotes, goals) -> None:
    """Every key an output record names must be an actor of the analysis (FORMAT.md):
    a reference to a key no stage defined is dropped, never written dangling."""
    known = lambda k: k is None or k in keep  # noqa: E731
    if events is not None:
        events[:] = [e for e in events if known(e.source) and known(e.target)]
    if relations is not None:
        relations[:] = [r for r in relations if r.source in keep and r.target in keep]
    for q in quotes or ():
        q.speaker = q.speaker if known(q.speaker) else None
        q.via = q.via if known(q.via) else None
    if goals is not None:  # a goal is what an actor seeks: with its owner dropped it is nobody's
        goals[:] = [g for g in goals if known(g.actor)]


def state_actor(ctx: Context, iso3: Optional[str], surface: str = "") -> Optional[str]:
    """The key of the state actor for a country, added to ctx.actors when only its places were named.

    PETRARCH codes the state whose territory an act is aimed at as its target
    ("evacuate settlements in Gaza"); the events stage asks for that state here.
    """
    state = _kb().state(iso3) if iso3 else None
    if state is None:
        return None
    actor = ctx.actors.get(state.key)
    if actor is None:
        actor = ctx.actors[state.key] = Actor(
            key=state.key, name=state.name, type=state.type, country=state.country, confidence=0.6, mentions=1
        )
    if surface and surface not in actor.aliases:
        actor.aliases.append(surface)
    return state.key


def population_actor(ctx: Context, iso3: Optional[str]) -> Optional[str]:
    """The key of a country's civilian population ("<state>-people"), added to ctx.actors when
    the text names only a place of that country (a curfew imposed on a town's residents)."""
    state = _kb().state(iso3) if iso3 else None
    if state is None:
        return None
    key = f"{state.key}-people"
    if key not in ctx.actors:
        dem = (state.demonyms or (state.name,))[0]
        name = lexicon()["generic_groups"]["people"]["name"].format(demonym=dem)
        ctx.actors[key] = Actor(
            key=key, name=name, type="population", country=state.country, confidence=0.5, mentions=1
        )
    return key
