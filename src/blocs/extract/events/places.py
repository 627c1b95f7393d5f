"""Event places: a locative phrase on the trigger, the clause, "the city", the main country; who holds a place."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

from ... import parse_arrays
from ...context import Context
from .arguments import Candidate, Resolver, _is_capital
from .parse import LOC_PREPS, _child, _children, _filed_from, _own_clause_at, _pobj, _pobj_at, view
from .patterns import Lexicon, lem_at

DATELINE_SENTENCES = 12  # a dateline opens the story (after a title, byline, caption or highlights)


class Places:
    """Event places: a locative phrase on the trigger, the sentence, "the city", the main country."""

    def __init__(self, ctx: Context, res: Resolver, lex: Lexicon):
        self.ctx, self.res, self.lex = ctx, res, lex
        self.last_city: Optional[str] = None
        self._generic_in: dict[int, Optional[str]] = {}  # sentence start -> whether it names "the city"
        self._places_in: dict[int, list] = {}  # sentence start -> its place mentions (see _sentence_places)
        self._filed: dict[tuple[int, int], bool] = {}  # (start, end) of a place mention -> is it a dateline
        self._locatives: dict[tuple, Optional[str]] = {}  # (token index, last city) -> see _locative
        self._topics: dict[int, bool] = {}  # token index -> see _topic
        self._generics: dict[int, Optional[str]] = {}  # token index -> see _generic
        self.capital: Optional[str] = None  # the main country's capital among the places ("" for none)
        self.country_places = {p.country: p.name for p in ctx.places.values() if p.kind == "country" and p.country}
        self.dateline = self._dateline_city()

    def _city(self, name: str) -> bool:
        p = self.ctx.places.get(name)
        return p is not None and p.kind == "city"

    def _locative(self, tok: Token, topical: bool = False) -> Optional[str]:
        """The place a locative phrase on tok names ("in X", "near the city"): asked once per token,
        last city and kind of event (the events of a sentence share their triggers and arguments)."""
        key = (tok.i, self.last_city, topical)
        if key not in self._locatives:
            self._locatives[key] = self._locative_phrase(tok, topical)
        return self._locatives[key]

    def _locative_phrase(self, tok: Token, topical: bool) -> Optional[str]:
        v = view(tok.doc)
        dep, lower = v.dep, v.lower
        for c in v.kids[tok.i]:
            if dep[c] in ("prep", "advmod") and lower[c] in LOC_PREPS:
                obj = _pobj_at(v, c) if dep[c] == "prep" else -1
                if obj < 0:  # "outside of X", "inside of X": the object hangs on "of"
                    of = next((k for k in v.kids[c] if dep[k] == "prep" and lower[k] == "of"), -1)
                    obj = _pobj_at(v, of) if of >= 0 else -1
                if (
                    obj >= 0
                    and not (topical and self._topic(obj))
                    and lem_at(v.arrays, obj) not in self.lex.boundary_nouns
                ):
                    name = self.res.place(v.toks[obj]) or self._generic(v.toks[obj])
                    if name:
                        return name
        return None

    def _generic(self, tok: Token) -> Optional[str]:
        """ "the city", "the northern districts of the town": the last city named ("the capital":
        the capital of the article's country, when the story named it)."""
        if tok.i not in self._generics:
            self._generics[tok.i] = self._generic_at(tok.i)
        found = self._generics[tok.i]
        return self._generic_city(found) if found else None

    def _generic_city(self, noun: str) -> Optional[str]:
        """The city a generic noun points back to: the last one named, but "the capital" is the
        capital of the article's country when the story names it (not a venue abroad just named)."""
        if noun == "capital" and self.capital is None:
            country = self.ctx.main_country
            self.capital = next(
                (n for n, p in self.ctx.places.items() if p.kind == "city" and country and _is_capital(n, country)), ""
            )
        return (self.capital if noun == "capital" else None) or self.last_city

    def _generic_at(self, i: int) -> Optional[str]:
        """The generic place noun the phrase of token i names, if any (`_generic`, kept per token)."""
        v = view(self.ctx.doc)
        dep, lower, kids, places = v.dep, v.lower, v.kids[i], self.lex.generic_places
        if lem_at(v.arrays, i) in places and any(dep[c] == "det" for c in kids):
            return lem_at(v.arrays, i)
        for c in kids:
            if dep[c] == "prep" and lower[c] == "of":
                obj = _pobj_at(v, c)
                if obj >= 0 and lem_at(v.arrays, obj) in places:
                    return lem_at(v.arrays, obj)
        return None

    def place(self, c: Candidate, sent: Span, actor_tokens: set) -> Optional[str]:
        args = {a.i for a in c.args}
        topical = c.type not in self.lex.material  # a statement's topic is not its place
        name = None if topical else (self._city_acted_on(c) or self._left_place(c))
        if name:
            return name
        for tok in [c.trigger, *c.anchors, *c.args]:
            own_arg = tok.i in args and self.ctx.actor_at(tok.i) in (None, c.targets[0])  # not a co-subject
            own_arg = own_arg and not (topical and self._topic(tok.i))
            name = self._locative(tok, topical) or (self.res.place(tok) if own_arg else None)
            if name:
                return name
        name = self._where_place(c, sent)
        if name:
            return name
        for a in c.args:
            name = self._generic(a)
            if name:
                return name
        if c.type in ("SUPPORT", "AID") and self._country_fallback(c):
            return self._country_fallback(c)  # backing is given where the recipient is
        for pm in self._sentence_places(sent):
            if any(i in actor_tokens for i in range(pm.start, pm.end)) or self._dateline(sent, pm):
                continue  # a dateline ("ADDIS ABABA (AP) -") is where the report was filed, not the act
            if (topical and self._topic(pm.end - 1)) or self._across_border(pm.end - 1):
                continue
            if self._governed(pm.start, c):
                return pm.name
        generic = self._names_generic_place(sent)
        if generic and self._generic_city(generic):
            return self._generic_city(generic)
        return self._country_fallback(c) or (self._filed_here(c) if topical else None)

    def story_place(self, c: Candidate) -> Optional[str]:
        """Where the story is set, for a material act that names no place of its own (force,
        mobilising, retreat; not backing, which goes where the recipient is): the last city the
        story named in the article's country, else that country. Force against a state or its
        forces abroad ("X struck Y" in a story about X) is placed in the target's country instead."""
        if c.type not in self.lex.material or c.type in ("SUPPORT", "AID"):
            return None
        country = self.ctx.main_country
        target = self.ctx.actors.get(c.targets[0]) if c.targets[0] else None
        if c.type in ("ASSAULT", "COERCE") and target is not None and target.country in self.country_places:
            country = target.country
        last = self.ctx.places.get(self.last_city) if self.last_city else None
        if last is not None and country and last.country == country:
            return self.last_city
        return self.country_places.get(country) if country else None

    def _where_place(self, c: Candidate, sent: Span) -> Optional[str]:
        """An act told in a "where" clause ("flew to X on Monday, where he signed a pact") took
        place in the clause's antecedent: the place it hangs on, else the last place named before
        "where" in the sentence (the parser often hangs the clause on a date)."""
        v = view(c.trigger.doc)  # up the heads over the parse arrays: no Token per step
        dep, head, lower, i = v.dep, v.head, v.lower, c.trigger.i
        for _ in range(6):
            if dep[i] == "relcl" or head[i] == i:
                break
            i = head[i]
        if dep[i] != "relcl":
            return None
        where = next((k for k in v.kids[i] if dep[k] == "advmod" and lower[k] == "where"), -1)
        if where < 0:
            return None
        before = [pm for pm in self._sentence_places(sent) if pm.end <= where and not self._dateline(sent, pm)]
        return self.res.place(v.toks[head[i]]) or (before[-1].name if before else None)

    def venue(self, sent: Span) -> Optional[str]:
        """The place the sentence after `sent` says its act was held in, when that sentence's main
        verb is a venue verb whose subject points back to the act ("It took place in X", "The talks
        were held in Y"): the first place that verb governs."""
        doc = sent.doc
        if sent.end >= len(doc):
            return None
        nxt = doc[sent.end].sent
        root = nxt.root
        kids = list(root.children)
        if not _venue_verb(root, self.lex.venue_verbs, kids):
            return None
        subj = next((k for k in kids if k.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or not (
            subj.lower_ in ("it", "they") or (subj.pos_ == "NOUN" and self.ctx.actor_at(subj.i) is None)
        ):
            return None
        for pm in self._sentence_places(nxt):
            tok = doc[pm.end - 1]
            for _ in range(8):
                if tok.i == root.i:
                    return pm.name
                if tok.dep_ in ("relcl", "advcl", "ccomp") or tok.head.i == tok.i:
                    break
                tok = tok.head
        return None

    def _city_acted_on(self, c: Candidate) -> Optional[str]:
        """A material act on a city its argument names ("captured Uvira in South Kivu", "seized the
        town of X in Y province"): the city, not the wider area of the locative phrase."""
        for tok in c.args:
            if self.ctx.actor_at(tok.i) in (None, c.targets[0]):
                name = self.res.place(tok)
                if name and self._city(name):
                    return name
        return None

    def _left_place(self, c: Candidate) -> Optional[str]:
        """A withdrawal happens at the place it leaves: the object of "from" or "out of" on the
        trigger ("pulled out of X", "their withdrawal from the town of X")."""
        if c.type not in self.lex.leaving_types:
            return None
        v = view(c.trigger.doc)
        dep, lower, kids = v.dep, v.lower, v.kids[c.trigger.i]
        leaving = [k for k in kids if lower[k] in self.lex.leaving_preps and dep[k] in ("prep", "prt", "advmod")]
        if any(dep[k] == "prt" for k in leaving):  # "pulled out of X": "of" hangs on the verb
            leaving += [k for k in kids if dep[k] == "prep" and lower[k] == "of"]
        for k in leaving:
            obj = _pobj_at(v, k)
            if obj < 0:
                of = next((j for j in v.kids[k] if dep[j] == "prep" and lower[j] == "of"), -1)
                obj = _pobj_at(v, of) if of >= 0 else -1
            name = self.res.place(v.toks[obj]) if obj >= 0 else None
            if name:
                return name
        return None

    def _dateline_city(self) -> Optional[str]:
        """The city the article was filed from: a dateline ("BEIJING:", "Kyiv (Reuters) -") among
        the place mentions of its first sentences."""
        starts = self.ctx.arrays.sent_starts  # where the first DATELINE_SENTENCES of `doc.sents` end
        end = (starts[DATELINE_SENTENCES] if DATELINE_SENTENCES < len(starts) else len(self.ctx.doc)) if starts else 0
        for pm in self.ctx.place_mentions:
            if pm.start < end and self._city(pm.name) and _filed_from(self.ctx.doc, pm.start, pm.end):
                return pm.name
        return None

    def _filed_here(self, c: Candidate) -> Optional[str]:
        """A statement with no place of its own, by an actor of the country the article was filed
        from, was made where it was filed ("BEIJING: ... China called on X")."""
        src = self.ctx.actors.get(c.sources[0]) if self.dateline and c.sources[0] else None
        place = self.ctx.places.get(self.dateline) if src is not None and self.dateline else None
        return self.dateline if place is not None and src is not None and src.country == place.country else None

    def _topic(self, i: int) -> bool:
        """Is the phrase of token i what is talked about ("the Kashmir issue", "a dispute over
        Taiwan", "the question of Taiwan"), not where something is done? (Kept per token.)"""
        found = self._topics.get(i)
        if found is None:
            found = self._topics[i] = self._topic_walk(i)
        return found

    def _topic_walk(self, i: int) -> bool:
        """`_topic` without the memo: up to three heads, over the parse arrays."""
        lex, v = self.lex, view(self.ctx.doc)
        dep, lower, head = v.dep, v.lower, v.head
        for _ in range(3):
            if lem_at(v.arrays, i) in lex.topic_nouns:
                return True
            d = dep[i]
            if d == "pobj" and lower[head[i]] in lex.topic_preps:
                return True
            if d not in ("compound", "amod", "nmod", "pobj", "prep") or head[i] == i:
                return False
            if d == "pobj" and lower[head[i]] != "of":
                return False
            i = head[i]
        return False

    def _across_border(self, i: int) -> bool:
        """Does the place of token i name the far side of a boundary ("near the border with X",
        "along its frontier with X")? Then it is not the act's place."""
        v = view(self.ctx.doc)
        dep, lower, head = v.dep, v.lower, v.head
        return (
            dep[i] == "pobj" and lower[head[i]] == "with" and lem_at(v.arrays, head[head[i]]) in self.lex.boundary_nouns
        )

    def _names_generic_place(self, sent: Span) -> Optional[str]:
        """ "the city", "the town": the generic place noun the sentence names with a determiner
        (read once per sentence, whichever of its events asks)."""
        if sent.start not in self._generic_in:
            arrays = parse_arrays.of(sent.doc)
            dep, kids, places = arrays.strings_of("dep"), arrays.children, self.lex.generic_places
            self._generic_in[sent.start] = next(
                (
                    lem_at(arrays, i)
                    for i in range(sent.start, sent.end)
                    if lem_at(arrays, i) in places and any(dep[c] == "det" for c in kids(i))
                ),
                None,
            )
        return self._generic_in[sent.start]

    def _governed(self, i: int, c: Candidate) -> bool:
        """A place (token i) in the event's own clause: under its trigger or anchors, not inside reported speech."""
        v = view(c.trigger.doc)
        dep, pos, head, arrays = v.dep, v.pos, v.head, v.arrays
        heads = {c.trigger.i}
        for (
            anchor
        ) in c.anchors:  # and the clauses the event's clause hangs on ("closed in on X, ... launching an assault")
            a = anchor.i
            for _ in range(8):
                heads.add(a)
                if dep[a] not in ("conj", "advcl", "xcomp", "pcomp", "prep", "pobj", "acl") or head[a] == a:
                    break
                a = head[a]
        for _ in range(20):
            if i in heads:
                return True
            if head[i] == i or dep[i] == "relcl" or _own_clause_at(v, i):
                return False  # a place in the next clause ("..., and ministers will meet in X") is not ours,
                # nor in a relative clause ("the ceasefire it brokered in Algiers")
            if pos[i] == "VERB" and lem_at(arrays, i) in self.lex.speech:
                return False
            i = head[i]
        return False

    def _country_fallback(self, c: Candidate) -> Optional[str]:
        """No place in the text: aid goes to the recipient's country; force abroad acts in the article's country."""
        actors = self.ctx.actors
        if c.type in ("SUPPORT", "AID") and c.targets[0] in actors:
            country = actors[c.targets[0]].country
            return self.country_places.get(country) if country is not None else None
        if c.type in self.lex.material and self.ctx.main_country:
            src = actors.get(c.sources[0]) if c.sources[0] else None
            if src is None or src.country != self.ctx.main_country:
                return self.country_places.get(self.ctx.main_country)
        return None

    def seen(self, sent: Span) -> None:
        for pm in self._sentence_places(sent):
            if self._city(pm.name) and not self._dateline(sent, pm):  # "the city" is no dateline's
                self.last_city = pm.name

    def _sentence_places(self, sent: Span) -> list:
        """`ctx.places_in(sent)`, read once per sentence (the events stage changes no place mention)."""
        found = self._places_in.get(sent.start)
        if found is None:
            found = self._places_in[sent.start] = self.ctx.places_in(sent)
        return found

    def _dateline(self, sent: Span, pm) -> bool:
        """`_filed_from` of a place mention, asked once per mention."""
        key = (pm.start, pm.end)
        found = self._filed.get(key)
        if found is None:
            found = self._filed[key] = _filed_from(sent.doc, pm.start, pm.end)
        return found


def _holders(ctx: Context, res: Resolver, lex: Lexicon) -> dict[str, str]:
    """Who holds which place: "rebel-held districts of X", "X, controlled by Y"."""
    doc = ctx.doc
    out: dict[str, str] = {}
    lowers = parse_arrays.of(doc).strings_of("lower")
    for i in range(len(doc)):
        if lowers[i] not in lex.holder_participles:
            continue  # most tokens: no Token made for them
        tok = doc[i]
        if tok.tag_ != "VBN":
            continue
        holder = None
        if tok.dep_ == "amod":
            prefix = _children(tok, ("npadvmod", "compound", "nmod", "amod"))
            if not prefix and tok.i >= 2 and doc[tok.i - 1].text == "-":
                prefix = [doc[tok.i - 2]]
            keys = res.actors(prefix)
            holder = keys[0] if keys else None
        elif tok.dep_ == "acl":
            agent = _child(tok, "agent")
            obj = _pobj(agent) if agent is not None else None
            holder = res.actor(obj) if obj is not None else None
        if holder:
            place = res.place(tok.head)
            if place:
                out.setdefault(place, holder)
    return out


def _venue_verb(root: Token, verbs: frozenset, kids: list) -> bool:
    """Is root one of the venue verbs ("take place": the verb with that object)?"""
    for entry in verbs:
        verb, _, obj = entry.partition(" ")
        if root.lemma_ == verb and (not obj or any(k.dep_ == "dobj" and k.lemma_ == obj for k in kids)):
            return True
    return False
