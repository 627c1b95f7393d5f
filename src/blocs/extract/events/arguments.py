"""Who acts and who is acted on: subjects through clauses, and the Resolver from tokens to actors."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Collection, Optional

from spacy.tokens import Token

from ...context import Context, sent_of
from ...coref import DESCRIPTIONS, FIRST_PERSON, OWNED_INSTITUTIONS, PLURAL_BODIES, PRONOUNS, Coref
from ...kb import gazetteer
from .. import actors as actors_mod
from .parse import SUBJ, _child, _filed_from, _has_child, _pobj, _pobj_at, view
from .patterns import Lexicon, lem, lem_at


@dataclass
class Candidate:
    """An event before dates, places and the document pass."""

    type: str
    trigger: Token
    anchors: list  # tokens whose clause holds the event: trigger, light verb, modal head
    sources: list  # actor keys (None allowed)
    targets: list
    mode: Optional[str] = None
    confidence: float = 0.8
    args: list = field(default_factory=list)  # argument tokens (objects, subjects) for places
    date: Optional[str] = None
    place: Optional[str] = None
    story_place: Optional[str] = None  # where the story is set, for an act without a place (see Places.story_place)
    source_inferred: bool = False
    unnamed_agent: bool = False  # a subject is there but names no known actor ("they", "activists")
    rule: Optional[str] = None  # the pattern or rule that produced it (Event.rule, --explain)
    unhosted: bool = False  # a visit with no host named or placed (see _visit_hosts): not written
    refers: Optional[tuple] = (
        None  # "condemned the strikes": ({types}, word) of an earlier act the object points back to
    )


class _KeptCoref(Coref):
    """`Coref` whose `actor_for` is kept per token while the article's actors and mentions are
    unchanged (a function of them and the parse): the coder asks again for a plural
    description (`Resolver._actor`, then `_described`'s `group_for`)."""

    def __init__(self, ctx: Context):
        super().__init__(ctx)
        self._for: dict[tuple, Optional[str]] = {}

    def actor_for(self, token: Token) -> Optional[str]:
        key = (token.i, len(self.ctx.actors), len(self.ctx.mentions))
        if key in self._for:
            return self._for[key]
        found = self._for[key] = super().actor_for(token)
        return found


class Resolver:
    """Actor and place lookups over the Context, with the sentence's helpers."""

    def __init__(self, ctx: Context, lex: Lexicon):
        self.ctx, self.lex = ctx, lex
        self.coref = _KeptCoref(ctx)
        self._found: dict[tuple, list[str]] = {}  # see actors
        self._actor_at: dict[tuple, Optional[str]] = {}  # see actor
        self._armed = lex.institutions | lex.fighters  # the heads of armed people or bodies
        # the words whose phrase `_actor` may read off tokens outside it (a pronoun's antecedent,
        # a description's, a capital's state, a relative pronoun's noun): never `_barren`
        self._reaching = (
            self._armed
            | lex.relational
            | lex.capital_voices
            | DESCRIPTIONS.keys()
            | PLURAL_BODIES
            | OWNED_INSTITUTIONS
            | FIRST_PERSON
            | PRONOUNS.keys()
            | {"which", "who", "that"}
        )
        self._below: tuple = (None, [])  # (mention lookup, its length), and see _mention_below
        self._parties: tuple = (None, set())  # (the lookups' states), and see party_tokens
        self._places_below: tuple = (None, [])  # (place lookup, its length), and see _place_below

    def actor(self, tok: Token) -> Optional[str]:
        """The actor of the phrase headed by tok, kept per token like `actors`."""
        key = (tok.i, len(self.ctx.actors), len(self.ctx.mentions))
        if key in self._actor_at:
            return self._actor_at[key]
        found = self._actor_at[key] = None if self._barren(tok) else self._actor(tok)
        return found

    def _barren(self, tok: Token) -> bool:
        """Can the phrase headed by tok name no actor, whatever `_actor` and `_actors` ask? So when
        no actor mention lies in its subtree (every rule reads the head's own words, its
        children and their phrases) and it is no word whose rules look elsewhere: a pronoun
        (PRP, PRP$), an apposition, a description, a relational, armed or capital-voice noun."""
        i = tok.i
        if self._mention_below()[i]:
            return False
        v = view(tok.doc)
        if v.tag[i] in ("PRP", "PRP$") or v.dep[i] == "appos":
            return False
        lemma, reaching = lem(tok), self._reaching
        return not (
            lemma in reaching
            or _singular(tok, lemma) in reaching
            or v.lemma[i].lower() in reaching
            or v.lower[i] in reaching
        )

    def party_tokens(self) -> set[int]:
        """The tokens that name an actor or a place (`ctx.actor_at(i) or ctx.place_at(i)`), kept
        while the two lookups are unchanged."""
        actors, places = self.ctx.mention_index(), self.ctx.place_index()
        state = (id(actors), len(actors), id(places), len(places))
        if self._parties[0] != state:
            found = {i for i, m in actors.items() if m.key} | {i for i, p in places.items() if p.name}
            self._parties = (state, found)
        return self._parties[1]

    def _mention_below(self) -> list[bool]:
        """For each token, whether an actor mention covers a token of its subtree (the token or
        one it governs, through any depth), built once per state of the mention lookup."""
        index = self.ctx.mention_index()
        if self._below[0] != (id(index), len(index)):
            self._below = ((id(index), len(index)), _covers_below(self.ctx.doc, index))
        return self._below[1]

    def _place_below(self) -> list[bool]:
        """`_mention_below` of the place mentions."""
        index = self.ctx.place_index()
        if self._places_below[0] != (id(index), len(index)):
            self._places_below = ((id(index), len(index)), _covers_below(self.ctx.doc, index))
        return self._places_below[1]

    def _actor(self, tok: Token) -> Optional[str]:
        v, i, ctx = view(tok.doc), tok.i, self.ctx
        dep, lower, toks, kids = v.dep, v.lower, v.toks, v.kids[tok.i]
        lemma = lem(tok)
        words = {lemma, _singular(tok, lemma)}
        served = self._patron(tok, words) or self._ranks_of(tok, words)
        if served:
            return served  # "gunmen from the militant group X", "militants loyal to X": X acts
        here = ctx.actor_at(i)
        if here:
            return here
        appos = next((c for c in kids if dep[c] == "appos"), -1)
        appos_key = ctx.actor_of_phrase(toks[appos]) if appos >= 0 else None
        if lemma in self.lex.relational:
            # "its rival, Saudi Arabia" is Saudi Arabia; "the backers of X", "US allies" are not X; "his
            # Houthi allies" are the Houthis (a group, not a state, named as the noun's modifier)
            return appos_key or self._group_modifier(tok)
        key = appos_key or ctx.actor_of_phrase(tok)  # "X's mouthpiece, the Y daily": Y speaks
        if key and (self._opposed(tok, key) or (lemma in self.lex.route_nouns and self._far_end(tok, key))):
            return None  # "an anti-Kremlin activist" is not Russia; "the crossing from Chad" is not Chad
        if key:
            return key
        for c in kids:  # "US Predator attacks", "Israeli tank shelling"
            if dep[c] in ("compound", "nmod") and (key := ctx.actor_of_phrase(toks[c])):
                return key
        if lemma in self.lex.institutions:  # "security forces in Guinea"
            for c in kids:
                if dep[c] == "prep" and lower[c] == "in" and (pobj := _pobj_at(v, c)) >= 0 and ctx.actor_at(pobj):
                    return ctx.actor_at(pobj)
        if lemma in self.lex.capital_voices and (key := self._capital_voice(tok)):
            return key  # "officials in Kinshasa", "In Ankara, the authorities said"
        if lower[i] in ("which", "who", "that") and dep[v.head[i]] == "relcl":
            return ctx.actor_of_phrase(toks[v.head[v.head[i]]])
        return self._pronoun_or_described(tok, lemma)

    def _group_modifier(self, tok: Token) -> Optional[str]:
        """A group (not a state or its body, which would be the owner: "US allies") named by a
        modifier of a relational noun: "his Houthi allies", "Iran's Hezbollah allies"."""
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "nmod") and (key := self.ctx.actor_of_phrase(c)):
                actor = self.ctx.actors.get(key)
                if getattr(actor, "type", None) in ("armed_group", "party"):
                    return key
        return None

    def _opposed(self, tok: Token, key: str) -> bool:
        """Is the actor `key` named by a modifier of tok after an opposing prefix ("anti-Syria
        journalist"), so that the phrase is against it, not of it?"""
        v = view(tok.doc)
        return any(
            v.dep[c] in ("amod", "compound", "nmod") and self.ctx.actor_at(c) == key and self.opposed_mention(c)
            for c in v.kids[tok.i]
        )

    def _far_end(self, tok: Token, key: str) -> bool:
        """Is the actor `key` named only as where the way tok comes from ("the crossing from Chad",
        "the road from Somalia"), not by the way's own words ("Chad's border post")?"""
        v = view(tok.doc)
        kids = v.kids[tok.i]
        if any(v.dep[c] in ("compound", "amod", "nmod", "poss") and self.ctx.actor_at(c) == key for c in kids):
            return False
        return any(
            v.dep[c] == "prep" and v.lower[c] == "from" and self.ctx.actor_at(p) == key
            for c in kids
            for p in v.kids[c]
            if v.dep[p] == "pobj"
        )

    def opposed_mention(self, i: int) -> bool:
        """Does the actor mention at token i follow an opposing prefix ("anti-Kremlin", "anti Kremlin"), or
        name whom an opponent opposes ("a critic of X", "X's rivals": opposing_relational)?"""
        m = self.ctx.mention_at(i)
        if m is None:
            return False
        v = view(self.ctx.doc)
        lower, s, prefixes = v.lower, m.start, self.lex.opposing_prefixes
        if (s >= 1 and lower[s - 1] in prefixes) or (s >= 2 and lower[s - 1] == "-" and lower[s - 2] in prefixes):
            return True
        last, dep, head = m.end - 1, v.dep, v.head  # "a critic of X" (of), "X's rivals" (poss)
        owner = head[head[last]] if dep[last] == "pobj" and lower[head[last]] == "of" else head[last]
        return dep[last] in ("pobj", "poss") and lem_at(v.arrays, owner) in self.lex.opposing_relational

    def _pronoun_or_described(self, tok: Token, lemma: str) -> Optional[str]:
        """`_actor` of a pronoun, a possessed armed body, a description or a group "of"/"from" X."""
        if tok.tag_ in ("PRP", "PRP$"):  # "X said it would ...", else the salient earlier actor
            spoken = self._speaker(tok.head, plural=tok.lower_ in ("they", "we")) if tok.dep_ in SUBJ else None
            return spoken or self.coref.actor_for(tok)
        owner = _child(tok, "poss")
        if owner is not None and owner.tag_ == "PRP$" and lemma in self._armed:
            # "X said ..., two days after its gunmen raided Y"; "its troops" of the actor in focus
            return (self._sentence_subject(tok) if tok.dep_ in SUBJ else None) or self.coref.actor_for(owner)
        key = self.coref.actor_for(tok)  # "the group", "the envoy", "the two countries"
        if key:
            return key
        start, v = tok, view(tok.doc)
        dep, lower, k = v.dep, v.lower, tok.i
        for _ in range(3):  # "thousands of students from X", "a group of X diplomats"
            prep = next((c for c in v.kids[k] if dep[c] == "prep" and lower[c] in ("of", "from")), -1)
            nxt = _pobj_at(v, prep) if prep >= 0 else -1
            if nxt < 0:
                break
            key = self.ctx.actor_of_phrase(v.toks[nxt])
            if key:
                return key
            k = nxt
        if start.dep_ == "appos" and start.head.i != start.i:  # "X, the interior minister, who ...": X
            return self.ctx.actor_at(start.head) or self.ctx.actor_of_phrase(start.head)
        return None

    def _capital_voice(self, tok: Token) -> Optional[str]:
        """The state whose capital a nameless voice is placed in: "officials in Kinshasa", or a
        subject under a fronted "In Ankara, the authorities warned". Not "foreign officials in
        Kabul" (`foreign_voice_modifiers`)."""
        v = view(tok.doc)
        dep, lower, kids = v.dep, v.lower, v.kids
        if any(lower[c] in self.lex.foreign_voice_modifiers for c in kids[tok.i] if dep[c] in ("amod", "compound")):
            return None
        preps = [c for c in kids[tok.i] if dep[c] == "prep" and lower[c] == "in"]
        if dep[tok.i] in SUBJ:  # a fronted place adjunct of the subject's own verb
            preps += [c for c in kids[v.head[tok.i]] if dep[c] == "prep" and lower[c] == "in" and c < tok.i]
        for c in preps:
            obj = _pobj_at(v, c)
            name = self.ctx.place_at(obj) if obj >= 0 else None
            place = self.ctx.places.get(name) if name else None
            if place is not None and place.country and _is_capital(name, place.country):
                return actors_mod.state_actor(self.ctx, place.country)
        return None

    def capital_state(self, tok: Token) -> Optional[str]:
        """The state whose capital tok names ("recalled its envoy from Paris": France), else None."""
        name = self.ctx.place_at(tok.i)
        place = self.ctx.places.get(name) if name else None
        if place is not None and place.country and _is_capital(name, place.country):
            return actors_mod.state_actor(self.ctx, place.country)
        if name is None and tok.pos_ == "PROPN" and len(states := _capital_of(tok.text)) == 1:
            return actors_mod.state_actor(self.ctx, next(iter(states)))  # a capital left out of places
        return None

    def at_frontier(self, tok: Token) -> bool:
        """Is tok a country's border named as a place, or its modifier ("near the Afghan border")?"""
        lex = self.lex
        if tok.dep_ in ("amod", "compound", "nmod", "poss") and tok.head.i != tok.i:
            tok = tok.head
        return lem(tok) in lex.frontier_nouns and tok.dep_ == "pobj" and tok.head.lower_ in lex.frontier_preps

    def _patron(self, tok: Token, words: set) -> Optional[str]:
        """ "soldiers loyal to X", "militias aligned with X": armed people who serve X act for X
        (`words`: tok's lemma and its singular)."""
        if not words & self._armed and not words & self.lex.patron_groups:
            return None
        for adj in tok.children:
            if adj.dep_ in ("amod", "acl") and (adj.lower_ in self.lex.allegiance or lem(adj) in self.lex.allegiance):
                if any(c.dep_ == "advmod" and c.lower_ in self.lex.lapsed_adverbs for c in adj.children):
                    return None  # "militias once loyal to X": X's no more
                to = next((c for c in adj.children if c.dep_ == "prep" and c.lower_ in ("to", "with")), None)
                obj = _pobj(to) if to is not None else None
                if obj is not None and (key := self.ctx.actor_of_phrase(obj)):
                    return key
        return None

    def _ranks_of(self, tok: Token, words: set) -> Optional[str]:
        """ "gunmen from the militant group X", "fighters of X": armed people named by the body
        they belong to (not a state or people) act for that body, not as a generic actor."""
        if not words & self.lex.fighters:
            return None
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("from", "of") and (obj := _pobj(c)) is not None:
                key = self.ctx.actor_of_phrase(obj)
                body = self.ctx.actors.get(key) if key else None
                # "gunmen from Mali" tells where they come from, not that the state acts
                return key if body is not None and body.type not in ("state", "population") else None
        return None

    def _sentence_subject(self, tok: Token) -> Optional[str]:
        """The actor named as subject of the sentence's main verb, if tok is not inside it."""
        root = sent_of(tok).root
        subj = _child(root, *SUBJ)
        if subj is None or subj.tag_ == "PRP" or tok.i in {t.i for t in subj.subtree}:
            return None
        return self.actor(subj)

    def _speaker(self, verb: Token, plural: bool) -> Optional[str]:
        """ "X said it would ...": a pronoun subject of a reported clause is the speaker."""
        for _ in range(3):
            if verb.dep_ not in ("ccomp", "xcomp", "conj") or verb.head.i == verb.i:
                return None
            verb = verb.head
            subj = _child(verb, *SUBJ)
            if subj is not None and subj.tag_ != "PRP":
                many = subj.tag_ in ("NNS", "NNPS") or _has_child(subj, ("conj",))
                return self.actor(subj) if many == plural else None
        return None

    def actors(self, toks: list[Token]) -> list[str]:
        """The actors of the phrases headed by toks, with coordinated modifiers each counted
        ("Syrian and Russian strikes" are both Syria's and Russia's). A function of the tokens
        and of the article's actors and mentions (the coder adds state and population actors as
        it goes): kept per tokens while those are unchanged, for the coder asks again and again."""
        if not toks:
            return []
        key = (tuple([t.i for t in toks]), len(self.ctx.actors), len(self.ctx.mentions))
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = self._actors(toks)
        return list(found)

    def _actors(self, toks: list[Token]) -> list[str]:
        out = []
        for t in toks:
            if self._barren(t):
                continue  # (nothing below asks beyond the phrase: see _barren)
            for k in [self.actor(t), *self._modifier_conjuncts(t), *self._joined_speakers(t), *self._described(t)]:
                if k and k not in out:
                    out.append(k)
        return out

    def _described(self, tok: Token) -> list[str]:
        """ "both sides", "the two countries": every actor of the pair they point back to; "they"
        after "X and Y" (named together in the antecedent's last mention): each of them."""
        v = view(tok.doc)
        if v.tag[tok.i] == "PRP" and v.lower[tok.i] in ("they", "them"):
            first = self.actor(tok)
            return [k for k in self.coref.joined_with(tok, first) if k != first] if first else []
        if v.tag[tok.i] not in ("NNS", "NNPS") or self.ctx.actor_at(tok.i):
            return []
        group = self.coref.group_for(tok)
        # "the two neighbours", "the two allies": a relational noun is no actor of its own (`_actor`),
        # so the whole pair it points back to stands for it
        return group if len(group) >= 2 and self.actor(tok) is None else group[1:]

    def _joined_speakers(self, tok: Token) -> list[str]:
        """ "X and Y said they would ...": the plural subject of the reported clause is each of
        the joined speakers (`_speaker` gives the first)."""
        v = view(tok.doc)
        if v.lower[tok.i] != "they" or v.tag[tok.i] != "PRP" or v.dep[tok.i] not in SUBJ:
            return []
        verb = tok.head
        for _ in range(3):
            if verb.dep_ not in ("ccomp", "xcomp", "conj") or verb.head.i == verb.i:
                return []
            verb = verb.head
            subj = _child(verb, *SUBJ)
            if subj is not None and subj.tag_ != "PRP":
                joined = [subj, *(c for c in subj.children if c.dep_ == "conj")]
                return self.actors(joined) if len(joined) > 1 else []
        return []

    def _modifier_conjuncts(self, tok: Token) -> list[str]:
        keys: list[str] = []
        v = view(tok.doc)
        dep, kids = v.dep, v.kids
        for c in kids[tok.i]:
            if dep[c] in ("amod", "compound", "nmod", "poss") and (first := self.ctx.actor_at(c)):
                joined = [k for g in kids[c] if dep[g] == "conj" and (k := self.ctx.actor_at(g))]
                # "US and British activists": the first modifier counts too when the phrase's own
                # actor is the span of the last one (the head word is inside an actor's mention)
                keys.extend([first, *joined] if joined and self.ctx.actor_at(tok) else joined)
        if v.tag[tok.i] in ("NNS", "NNPS") and lem(tok) not in self.lex.relational:
            for c in kids[tok.i]:  # "the presidents of Armenia and Azerbaijan": each state's president
                obj = _pobj_at(v, c) if dep[c] == "prep" and v.lower[c] == "of" else -1
                if obj >= 0 and (first := self.ctx.actor_at(obj)):
                    joined = [k for g in kids[obj] if dep[g] == "conj" and (k := self.ctx.actor_at(g))]
                    keys.extend([first, *joined] if joined else [])
        return keys

    def place(self, tok: Token) -> Optional[str]:
        """A place named by the phrase headed by tok ("eastern Mosul", "districts of Mosul")."""
        if not self._place_below()[tok.i]:
            return None  # (every test of `_place` reads a place mention in the phrase)
        return self._place(tok)

    def _place(self, tok: Token) -> Optional[str]:
        name = self.ctx.place_at(tok)
        if name:
            return name if not _filed_from(tok.doc, tok.i, tok.i + 1) else None
        v = view(tok.doc)
        dep, lower = v.dep, v.lower
        kids = v.kids[tok.i]
        if lem(tok) in self.lex.generic_places:  # "the Peruvian town of Puno": Puno, not Peru
            kids = sorted(kids, key=lambda c: dep[c] != "prep")
        for c in kids:
            if dep[c] in ("compound", "amod", "nmod") and self.ctx.place_at(c) and not _filed_from(tok.doc, c, c + 1):
                return self.ctx.place_at(c)  # not a dateline the parser hung on the subject ("GOMA (AP) - M23 ...")
            if dep[c] == "prep" and lower[c] == "of":
                obj = _pobj_at(v, c)
                if obj >= 0 and self.ctx.place_at(obj):
                    return self.ctx.place_at(obj)
        return None


def _covers_below(doc, index: Collection[int]) -> list[bool]:
    """For each token of doc, whether one of the token indexes `index` is in its subtree: each
    such token and its heads, up to the root or the first one already marked."""
    v = view(doc)
    head, below = v.head, [False] * v.n
    for j in index:
        while not below[j]:
            below[j] = True
            j = head[j]
    return below


def venue_only(trig: Token, near: list[int], ctx: Context, lex: Lexicon) -> bool:
    """Are the places near a meeting word (tokens `near`) only its venue, never a party? Always for
    "meet", "summit"; for "talks" unless a place's state is an actor the story names on its own
    ("talks in Cairo" in a story of Egypt's mediation), not only through the venue ("talks in Geneva")."""
    lemma = lem(trig)
    if lemma in lex.no_place_target:
        return True
    if lemma not in lex.named_host_only:
        return False
    named = {ctx.actors[m.key].country for m in ctx.mentions if m.key in ctx.actors}
    names = {ctx.place_at(i) for i in near} - {None}
    return not any(ctx.places[n].country in named for n in names if n in ctx.places)


@lru_cache(maxsize=4096)
def _is_capital(name: str, iso3: str) -> bool:
    """Is the place `name` of country iso3 that country's capital (gazetteer capital_of)?"""
    return any(e.capital_of == iso3 for e in gazetteer.load().lookup(name))


@lru_cache(maxsize=4096)
def _capital_of(name: str) -> frozenset:
    """The states whose capital bears `name` (gazetteer capital_of)."""
    return frozenset(e.capital_of for e in gazetteer.load().lookup(name) if e.capital_of)


def _singular(tok: Token, lemma: Optional[str] = None) -> str:
    """A plural noun the tagger read as a name ("Gunmen from X attacked", sentence-first and
    capitalised, keeps its plural as lemma): its singular by the regular English endings.
    (`lemma`: `lem(tok)`, when the caller has it.)"""
    lemma = lem(tok) if lemma is None else lemma
    v = view(tok.doc)
    word = v.lower[tok.i]
    if v.tag[tok.i] not in ("NNP", "NNPS") or lemma != word:
        return lemma
    for plural, single in (("men", "man"), ("ies", "y"), ("s", "")):
        if word.endswith(plural) and len(word) > len(plural) + 2:
            return word[: -len(plural)] + single
    return word
