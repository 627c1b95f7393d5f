"""Countries: the conflict country of the article, the country of persons and
bodies the KB lacks, and which state each leader speaks for.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from typing import Optional

from ... import parse_arrays
from ...context import Mention, doc_ents, sent_of
from .base import ResolverBase
from .hits import Hit
from .lexicon import APOS, STATE_TYPES, _country_in_name


class CountryPass(ResolverBase):
    def main_country(self) -> Optional[str]:
        """The state the article's conflict is in: most named, weighted to regime and place uses."""
        score: defaultdict[str, float] = defaultdict(float)  # weights, not counts
        arrays = parse_arrays.of(self.doc)
        lowers, deps, heads = arrays.strings_of("lower"), arrays.strings_of("dep"), arrays.head
        private = self.lex["private_person_nouns"]
        for h in self.hits:
            if h.source == "drop" or not h.key:
                continue
            state = self.state_of(h.key) if h.source in ("kb", "role") else None
            if not state and h.source == "kb":
                state = self._home_of_armed_group(h.key)
            if not state:
                continue
            w = 1.0
            if h.kind == "government":
                w = 1.5 + 1.5 * any(lowers[i] in self.lex["autocratic_heads"] for i in range(h.start, h.end))
            last = h.end - 1
            if self._venue(last):
                w = 0.25  # "talks in Geneva": the host is where parties meet, not the conflict
            elif deps[last] == "pobj" and lowers[heads[last]] in self.lex["in_preps"]:
                w += 1.0
            if self._dateline(h):  # where the reporter files from, often a neighbour of the war
                w = 0.5
            if h.kind == "demonym" and deps[last] in ("amod", "compound") and lowers[heads[last]] in private:
                w = 0.1  # "two French tourists were killed": the victims' nationality, not the war's country
            if h.key in self.kb.people:
                w = 0.5
            score[state] += w
        places = self._place_countries()
        common = Counter(places).most_common(1)
        self.where = common[0][0] if common and common[0][1] >= 2 else None
        for iso3 in places:
            s = self.kb.state(iso3)
            if s:
                score[s.key] += 1.5
        if not score:
            return None
        best = max(score, key=score.__getitem__)  # the first of the best, as Counter.most_common(1)
        e = self.kb.entities.get(best)
        return e.country if e else None

    def _venue(self, i: int) -> bool:
        """Is token i the place of a meeting: "talks in Geneva", "met in Istanbul", "held a summit
        in Moscow", "signed at the White House in Washington" (a place inside a venue)?"""
        arrays = parse_arrays.of(self.doc)
        deps, heads, lowers, lemmas = (
            arrays.strings_of("dep"),
            arrays.head,
            arrays.strings_of("lower"),
            arrays.strings_of("lemma"),
        )
        for _ in range(2):
            prep = heads[i]
            if deps[i] != "pobj" or lowers[prep] not in self.lex["venue_preps"]:
                return False
            head = heads[prep]
            lemma = lemmas[head].lower()
            if lemma in self.lex["venue_nouns"] or lemma in self.lex["venue_verbs"]:
                return True
            objects = (c for c in self.doc[head].children if c.dep_ == "dobj")
            if any(c.lemma_.lower() in self.lex["venue_nouns"] for c in objects):
                return True
            i = head  # "at the White House in Washington": the place the venue is in
        return False

    def _home_of_armed_group(self, key: Optional[str]) -> Optional[str]:
        """The state a KB armed group or militia is based in: the war is where it fights."""
        e = self.entity(key)
        if e is None or e.type != "armed_group" or not e.country:
            return None
        s = self.kb.state(e.country)
        return s.key if s else None

    def _place_countries(self, lo: int = 0, hi: Optional[int] = None) -> list[str]:
        """Countries of the towns and regions the article names (the war is where its places are),
        or those of the names starting in tokens [lo, hi)."""
        covered = {i for h in self.hits if h.source == "kb" for i in range(h.start, h.end)}
        out = []
        for e in doc_ents(self.doc):
            if e.label_ not in ("GPE", "LOC", "PERSON", "ORG", "FAC") or any(
                i in covered for i in range(e.start, e.end)
            ):
                continue
            if e.start < lo or hi is not None and e.start >= hi:
                continue
            text = self._clean_at(e.start, e.end)
            entries = self._gazetteer(text)  # the tests are look-ups without side effects: the cheap ones first
            if not entries or max(entries, key=lambda x: x.population).kind == "country" or self._venue(e.end - 1):
                continue
            if e.label_ not in ("GPE", "LOC") and not self._town_like(
                Hit(e.start, e.end, "ner", "ner", label=e.label_), text
            ):
                continue  # NER tags some towns PERSON/ORG: count them when their use says town
            best = self._town_entry(text)
            if best is not None:
                out.append(best.country)
        return out

    def guess_countries(self) -> None:
        """Persons and organisations the KB lacks: the country their own name or context gives
        ("Latvian Constitutional Court", "Lebanon's new President X", "Pakistani minister X")."""
        ctx = self.ctx
        self._file_mentions()
        for key, actor in ctx.actors.items():
            if (
                actor.country
                or key in self.kb.entities
                or key in self.kb.people
                or actor.type not in self.lex["country_guess_types"]
            ):
                continue
            if actor.type != "person":
                actor.country = _country_in_name(actor.name) or (
                    ctx.main_country
                    if actor.type in self.lex["main_country_org_types"]
                    else self._body_country(key, actor.type in self.lex["sentence_state_org_types"])
                    if actor.type in self.lex["attached_state_org_types"]
                    else None
                )
                continue
            # a state word attached to any mention ("X, a Venezuelan") outweighs the one state
            # of the sentence of an earlier mention of a titled official
            weak = None
            for m in self._mentions_of.get(key, ()):
                got, sure = self._person_country(key, m)
                if got and sure:
                    weak = got
                    break
                weak = weak or got
            actor.country = weak

    def _body_country(self, key: str, by_sentence: bool) -> Optional[str]:
        """A body the KB lacks, its name naming no state: a state word attached to it ("the Ivory
        Coast's Supreme Court"), else (`by_sentence`) the one country its sentences name through
        states and places ("landowners rallied outside Parliament to demand land Algerian forces seized")."""
        states: set[str] = set()
        for m in self._mentions_of.get(key, ()):
            if got := self._state_word_before(m):
                return got
            if not by_sentence:
                continue
            sent = sent_of(self.doc[m.start])
            states |= self._sentence_states(key, sent.start, sent.end)
            states.update(self._place_countries(sent.start, sent.end))  # "a school in Baghdad"
        return states.pop() if len(states) == 1 else None

    def _state_word_before(self, m: Mention) -> Optional[str]:
        """The state whose word stands right before a body's name, with only a possessive or
        lower-case nouns and adjectives between ("Rwanda's Senate", "the Czech news agency CTK")."""
        doc = self.doc
        lo = max(sent_of(doc[m.start]).start, m.start - self.lex["country_window"])
        for o in sorted(self.hits.overlapping(lo, m.start), key=lambda o: -o.end):
            if o.start < lo or o.end > m.start or not (st := self._hit_state(o)):
                continue
            between = doc[o.end : m.start]
            if all(t.text in APOS or t.is_lower and t.pos_ in ("NOUN", "ADJ") for t in between):
                return self._iso3(st)
            return None
        return None

    def _sentence_states(self, key: str, lo: int, hi: int) -> set[str]:
        """The countries of the non-person actors other than `key` mentioned in tokens [lo, hi)."""
        ctx = self.ctx
        return {
            c
            for o in self._mentions_from(lo, hi)
            if o.key != key and (c := ctx.actors[o.key].country) and ctx.actors[o.key].type != "person"
        }

    def _person_country(self, key: str, m: Mention) -> tuple[Optional[str], bool]:
        """The state one mention of a person gives, and whether words attached to the name give it:
        a state word just before the name, in its apposition or in that of the name it is listed
        with, the context; else (not sure) the sentence's one state for a titled official."""
        ctx, doc = self.ctx, self.doc
        if got := self._attached_state(m):
            return got, True
        if got := self._context_country(m):
            return got, True
        sent = sent_of(doc[m.start])
        titled = (
            m.start > 0
            and doc[m.start - 1].lower_ in self.lex["country_titles"]
            or any(t.lower_ in self.lex["country_titles"] for t in doc[m.start : m.end - 1])
        )
        # an official with no state named near the name: the one state of the sentence,
        # else the article's main country when the sentence names no state at all
        states = self._sentence_states(key, sent.start, sent.end)
        guess = states.pop() if len(states) == 1 else (ctx.main_country if not states else None)
        return (guess if titled else None), False

    def _hit_state(self, o: Hit) -> Optional[str]:
        """The state key a hit's own words name: a KB state word, or the state a dropped or generic
        phrase bound to ('Venezuelan opposition' before 'leader X')."""
        if o.source == "kb" and o.key in self.kb.entities:
            return self.state_of(o.key)
        return o.strong_state if o.source in ("group", "drop") else None

    def _attached_state(self, m: Mention, depth: int = 0) -> Optional[str]:
        """A state word just before the name ('Haitian politician X'), a possessive state or a
        demonym in its apposition ('X, Algeria's leading activist', 'X, a Venezuelan'), or, for
        a name listed after another ('two Haitian senators, X and Y'), the first one's."""
        doc = self.doc
        sent = sent_of(doc[m.start])
        lo = max(sent.start, m.start - self.lex["country_window"])
        hi = min(sent.end, m.end + 1 + self.lex["country_window"])
        before = [
            (o.end, st)
            for o in self.hits.overlapping(lo, m.start)
            if lo <= o.start and o.end <= m.start and (st := self._hit_state(o))
        ]
        if before:
            return self._iso3(max(before)[1])
        if m.end < len(doc) and doc[m.end].text == ",":
            for o in sorted(self.hits.overlapping(m.end + 1, hi), key=lambda o: o.start):
                if o.source != "kb" or o.start <= m.end or o.end >= hi or not (st := self._hit_state(o)):
                    continue
                demonym = o.cands and o.cands[0][2] == "demonym" and o.start <= m.end + 2
                if doc[o.end].text in APOS or demonym and doc[o.start - 1].lower_ in ("a", "an", ","):
                    return self._iso3(st)
        prev = self._mention_by_end.get(m.start - 1)
        if prev is not None and depth < 4 and doc[m.start - 1].lower_ in ("and", ","):
            a = self.ctx.actors.get(prev.key)
            if a is not None and a.type == "person":
                return self._attached_state(prev, depth + 1)
        return None

    def _iso3(self, state: str) -> Optional[str]:
        e = self.kb.entities.get(state)
        return e.country if e is not None else None

    def _file_mentions(self) -> None:
        """File ctx.mentions by key, by end and by start once, for the per-mention look-ups below."""
        mentions = sorted(self.ctx.mentions, key=lambda m: m.start)
        self._mention_list, self._mention_starts = mentions, [m.start for m in mentions]
        self._mentions_of: dict[str, list[Mention]] = defaultdict(list)
        self._mention_by_end: dict[int, Mention] = {}
        for m in self.ctx.mentions:
            self._mentions_of[m.key].append(m)
            self._mention_by_end.setdefault(m.end, m)

    def _mentions_from(self, lo: int, hi: int) -> list[Mention]:
        """Mentions starting in [lo, hi), in text order."""
        a, b = bisect_left(self._mention_starts, lo), bisect_left(self._mention_starts, hi)
        return self._mention_list[a:b]

    def _context_country(self, m: Mention) -> Optional[str]:
        """The country the role around a name gives, nearest qualifier first: 'M23 spokesman X',
        'X, an adviser to <person>', 'its envoy X' (the state named last), 'regional governor X'
        (the sentence's town), a role opening the sentence ('Ministry spokesman X', after a
        sentence about a state)."""
        doc, roles = self.doc, self.comp.role_words
        i = m.start
        if i > 1 and doc[i - 1].text == "," and doc[i - 2].lower_ in roles:
            i -= 1  # "Its defence ministry spokeswoman, X"
        while i > 0 and (
            doc[i - 1].is_space
            or doc[i - 1].lower_ in roles
            or doc[i - 1].lower_ in self.lex["head_modifiers"]
            or doc[i - 1].lower_ in self.lex["role_qualifiers"]
        ):
            i -= 1
        if i == m.start or doc[i : m.start].text.strip(" ,\n") == "":
            if m.end < len(doc) and doc[m.end].text == ",":
                return self._apposition_country(m)
            return None
        role = {t.lower_ for t in doc[i : m.start]}
        if i > 0 and (owner := self._mention_ending(i)) is not None and owner.country and owner.type != "person":
            return owner.country  # "M23 spokesman X", "Hamas official X"
        if i > 0 and doc[i - 1].lower_ in ("its", "their"):
            return self._last_state_before(i - 1, sentences=2)
        if role & set(self.lex["local_roles"]):
            where = self._place_state(Hit(m.start, m.end, "ner", "name"))
            if where is not None:
                return where.country
        if doc[i].is_sent_start or i > 0 and doc[i - 1].is_sent_start and doc[i - 1].is_punct:
            return self._last_state_before(i, sentences=1, same=False)
        return None

    def _apposition_country(self, m: Mention) -> Optional[str]:
        """'X, an adviser to <person>', 'X, spokesman for <state>': the country of whom the role serves."""
        doc, roles = self.doc, self.comp.role_words
        seen_role = False
        for t in doc[m.end + 1 : m.end + 12]:
            if t.text in (".", ";", ")") or t.lower_ in self.lex["speech_forms"]:
                return None
            seen_role = seen_role or t.lower_ in roles
            if seen_role and t.lower_ in ("to", "for", "of") and t.dep_ == "prep":
                for o in self._mentions_from(t.i + 1, t.i + 9):
                    a = self.ctx.actors.get(o.key)
                    if a is not None and a.country and o.key != m.key:
                        return a.country
        return None

    def _mention_ending(self, end: int):
        """The actor of the mention ending right before token `end`, if any."""
        o = self._mention_by_end.get(end)
        return self.ctx.actors.get(o.key) if o is not None else None

    def _last_state_before(self, i: int, sentences: int, same: bool = True) -> Optional[str]:
        """The country of the state named last before token i, looking back `sentences` sentences."""
        doc = self.doc
        sent = sent_of(doc[i])
        lo = sent.start
        for _ in range(sentences - (1 if same else 0)):
            if lo > 0:
                lo = sent_of(doc[lo - 1]).start
        if not same and lo == sent.start:
            return None
        best = None
        for o in self._mentions_from(lo, i):
            a = self.ctx.actors.get(o.key)
            if a is not None and a.type in STATE_TYPES and a.country:
                best = (o.start, a.country) if best is None or o.start > best[0] else best
        return best[1] if best else None

    def leaders(self) -> None:
        """leader_of: KB office holders on the date (else former ones), and named officials."""
        ctx = self.ctx
        for key, actor in ctx.actors.items():
            if actor.type != "person":
                continue
            p = self.kb.people.get(key)
            state = None
            if p is not None:
                state = self.state_of(key)
            state = state or self.roles.get(key)
            if state:  # the government body the article names for the state, when it names one
                ctx.leader_of[key] = self.gov_of.get(state, state)
