"""Candidate spans: KB matches, generic group phrases and NER names, chosen
so that no two share a token, then grown with the phrase they head
("Russian air force", "Maduro regime").
"""

from __future__ import annotations

import bisect
import re
from typing import Optional

from spacy.tokens import Span, Token

from ... import parse_arrays
from ...context import RELATIONAL_HEADS, doc_ents, token_texts, tokens_texter
from .hits import Hit, HitList
from .lexicon import APOS, NER_LABELS, PARTICLE, STATE_TYPES, _name_head, _phrase_at, fold
from .misspelt import misspelt_state
from .ner_names import NamePass


class CandidatePass(NamePass):
    def kb_hits(self) -> list[Hit]:
        doc, out, cut = self.doc, [], tokens_texter(self.doc)
        seen: dict[tuple[int, str], list] = {}  # (match, text) -> its candidates: a name repeats in an article
        for match_id, start, end in self.comp.kb_matcher(doc):
            text = cut(start, end)
            cands = seen.get((match_id, text))
            if cands is None:
                cands = seen[match_id, text] = self._kb_cands(doc.vocab.strings[match_id], text)
            if cands and (any(c.isupper() for c in text) or self._case_ok(doc[start:end], cands)):
                out.append(Hit(start, end, "kb", cands[0][2], cands=cands))
        return out

    def _kb_cands(self, label: str, text: str) -> list:
        cands = [c for c in self.comp.forms[label] if not self.kb.case_sensitive(c[0]) or c[0] == text]
        return self._in_its_time(cands)  # "Moscow" in 1989 is the Soviet Union (kb capital_history)

    def _in_its_time(self, cands: list) -> list:
        out = []
        for surface, key, kind in cands:
            if kind == "capital":
                key = self.kb.in_its_time(surface, key, self.when)
            if key is not None:
                out.append((surface, key, kind))
        return out

    def _case_ok(self, span: Span, cands) -> bool:
        """A lower-case match ("the west", "turkey") counts only in a determined noun use."""
        if any(any(c.isupper() for c in t.text) for t in span):
            return True
        if any(kind in ("demonym", "plural", "person", "capital") for _, _, kind in cands):
            return False
        doc = span.doc
        det = span[0].lower_ == "the" or (span.start > 0 and doc[span.start - 1].lower_ == "the")
        nxt = doc[span.end] if span.end < len(doc) else None
        head = span.root
        return (
            det
            and span[-1].dep_ not in ("compound", "amod")
            and not (nxt is not None and nxt.lower_ in self.lex["place_name_followers"])
            # "retrenching in the west", "fled to the east": a compass direction, not the bloc
            and not (head.dep_ == "pobj" and head.head.lower_ in self.lex["direction_preps"])
        )

    def group_hits(self) -> list[Hit]:
        out = []
        matches = self.comp.group_matcher(self.doc)
        ends = {start: end for _, start, end in sorted(matches, key=lambda m: m[2])}  # the longest from each start
        lowers = parse_arrays.of(self.doc).strings_of("lower")
        for match_id, start, end in matches:
            group, phrase = self.comp.groups[self.doc.vocab.strings[match_id]]
            if lowers[start] == "the" and end - start > 1 and phrase.split()[0] != "the":
                continue
            if lowers[start] == "the" and ends.get(start + 1, 0) > end:
                continue  # "the military government": not "the military" + "government"
            out.append(Hit(start, end, "group", "generic", label=group))
        return out

    def ner_hits(self) -> list[Hit]:
        out = []
        for e in doc_ents(self.doc):
            if e.label_ in NER_LABELS:
                start, end = self._trim(e.start, e.end)
                label = e.label_
                if end - start > 1 and self.doc[start].lower_.rstrip(".") in self.lex["person_honorifics"]:
                    label = "PERSON"  # "Madame Sirleaf" tagged ORG: an honorific names a person
                elif self._ranked_name(start, end):
                    label = "PERSON"  # "Field Marshal Hussein Tantawi" tagged ORG: a rank before a full name
                if label == "PERSON":  # "Mrs Thatcher": NER keeps some honorifics, the KB names the person
                    start += _phrase_at(self.doc, start, self.comp.honorifics, end - 1)
                    if self._dwellers_place(start, end):
                        continue
                if end > start:
                    out.append(Hit(start, end, "ner", "ner", label=label))
        return out

    def _dwellers_place(self, start: int, end: int) -> bool:
        """ "a resident of Ain Zara", "villagers from X": the name where people named by their home
        live is a place, even when NER calls it a person (lexicon: dweller_nouns). The span's root
        is one of its words: with no object of a preposition among them, it is none."""
        if start >= end or "pobj" not in parse_arrays.of(self.doc).strings_of("dep")[start:end]:
            return False
        root = self.doc[start:end].root
        prep = root.head
        return root.dep_ == "pobj" and prep.lower_ in ("of", "from") and prep.head.lower_ in self.lex["dweller_nouns"]

    def select(self, hits: list[Hit]) -> list[Hit]:
        """Longest first, KB before lexicon before NER; no two hits share a token (one
        per-token "taken" array, so the cost is the hits' total length)."""
        prio = {"kb": 0, "group": 1, "ner": 2}
        taken = bytearray(len(self.doc) + 1)
        out = []
        for h in sorted(hits, key=lambda h: (-h.size, prio[h.source], h.start)):
            if any(taken[h.start : h.end]):
                continue
            taken[h.start : h.end] = b"\x01" * h.size
            out.append(h)
        return sorted(out, key=lambda h: h.start)

    def find(self) -> None:
        kb, groups, ner = self.kb_hits(), self.group_hits(), self.ner_hits()
        page = self.furniture
        kb = [h for h in kb if not page.touches(h.start, h.end)]
        groups = [h for h in groups if not page.touches(h.start, h.end)]
        ner = [h for h in ner if not page.touches(h.start, h.end) and not page.touches(h.start, h.end, heading=True)]
        place_at: dict[int, Span] = {}  # token -> the place name holding it
        for e in doc_ents(self.doc):
            if e.label_ in ("GPE", "LOC", "FAC"):
                place_at.update((i, e) for i in range(e.start, e.end))
        kb = [h for h in kb if not self._inside_place_name(h, place_at.get(h.start)) and not self._compass_prefix(h)]
        kb = [h for h in kb if not self._after_non(h.start) and not self._settlement_of(h)]
        groups = [h for h in groups if not self._after_non(h.start)]
        ner = [h for h in ner if not self._after_non(h.start) and not self._after_non(min(h.start + 2, h.end - 1))]
        kb += [h for h in ner if self._misspelt_state(h)]  # "Quatar": now a KB name of Qatar
        ner = [h for h in ner if h.source == "ner"]
        # names read left to right: of two KB names that cross ("South Sudan" and "Sudan's
        # army" in "South Sudan's army"), the one starting later loses
        kb = _uncrossed(kb)
        kb_tokens = {i for h in kb for i in range(h.start, h.end)}
        for h in ner:
            if h.label == "PERSON":
                h.start = self._given_names_before(h, kb_tokens)
        # an NER adjective/people span ("Congolese Tutsis") never hides the KB demonym inside it
        ner = [
            h
            for h in ner
            if not any(i in kb_tokens for i in range(h.start, h.end))
            or h.label != "NORP"
            and (self._ner_overrides(h, kb_tokens) or self._foreign_body(h, kb))
            and not self._person_ending_in_body(h, kb)
        ]
        # a group phrase inside a NER name ("Syrian Democratic Forces") belongs to the name
        self.hits = HitList(len(self.doc), self._join_cut_names(self.select(kb + groups + ner)))

    def _misspelt_state(self, h: Hit) -> bool:
        """An NER name of one word that misspells a state's name ("Quatar"): made a KB hit."""
        found = misspelt_state(self.doc[h.start].text) if h.size == 1 and h.label != "PERSON" else None
        if found is None:
            return False
        h.source, h.kind, h.cands = "kb", found[2], [found]
        return True

    def _after_non(self, i: int) -> bool:
        """'a major non-NATO ally', 'non-Arab states': a name after 'non-' names what is outside it."""
        doc = self.doc
        return (
            i >= 2
            and token_texts(doc)[i - 1] in ("-", "‐")
            and parse_arrays.of(doc).strings_of("lower")[i - 2] == "non"
        )

    def _compass_prefix(self, h: Hit) -> bool:
        """'West African', 'East Asian': a compass word before a capitalised word is part of a
        longer name, not the bloc the word alone may name ("the West")."""
        texts = token_texts(self.doc)  # spaCy's is_alpha is the text's isalpha()
        return (
            h.size <= 2
            and parse_arrays.of(self.doc).strings_of("lower")[h.end - 1] in self.lex["compass_words"]
            and h.end < len(texts)
            and texts[h.end][:1].isupper()
            and texts[h.end].isalpha()
        )

    def _settlement_of(self, h: Hit) -> bool:
        """ "the town of X", "the village of X": a one-word KB name there is the settlement, never a
        person of the same name (a head of state whose surname is a town's)."""
        doc = self.doc
        return (
            h.end - h.start == 1
            and bool(h.cands)
            and all(c[2] == "person" for c in h.cands)
            and h.start >= 2
            and doc[h.start - 1].lower_ == "of"
            and doc[h.start - 2].lower_ in self.lex["settlement_nouns"]
        )

    def _inside_place_name(self, h: Hit, e: Optional[Span]) -> bool:
        """A KB name that is only the start of a longer place name: "the West" in "the West Bank"."""
        return (
            e is not None
            and e.start <= h.start
            and h.end < e.end
            and all(t.text[:1].isupper() for t in self.doc[h.end : e.end])
        )

    def resolve_kb(self) -> None:
        named_people = {
            c[1]
            for h in self.hits
            if h.source == "kb"
            for c in h.cands
            if c[2] == "person" and fold(c[0]) == fold(self.kb.people[c[1]].name)
        }
        self._named_states = {
            self.kb.entities[c[1]].country
            for h in self.hits
            if h.source == "kb" and len({c[1] for c in h.cands}) == 1
            for c in h.cands[:1]
            if c[1] in self.kb.entities and self.kb.entities[c[1]].type in STATE_TYPES
        }
        self._weighted = self._weighted_countries()
        for h in self.hits:
            if h.source != "kb":
                continue
            if self._given_name_before(h):  # "Fabiola Sanchez": NER missed someone else's full name
                h.start, h.source, h.kind, h.label = h.start - 1, "ner", "ner", "PERSON"
                continue
            if self._hyphen_compound(h):  # "Mazar-i-Sharif": a town's name, not the person "Sharif"
                h.source = "drop"
                continue
            h.key, h.kind = self._choose(h, named_people)
            if h.key is None:
                h.source = "drop"
                if all(c[2] != "person" for c in h.cands) and any(
                    t.text[:1].isupper() for t in self.doc[h.start : h.end]
                ):
                    h.source, h.kind, h.label = "ner", "ner", "ORG"  # a body of another country: a name only

    def _given_name_before(self, h: Hit) -> bool:
        """A bare surname the KB knows only for persons, right after a capitalised proper noun on
        its line that is no title, no KB name, no other hit and no word of those persons' names,
        is the end of someone else's full name ("Fabiola Sanchez" is not Pedro Sanchez)."""
        if h.size != 1 or h.start == 0 or not h.cands or any(c[2] != "person" for c in h.cands):
            return False
        t = self.doc[h.start - 1]
        if not (t.is_alpha and t.text[:1].isupper() and not t.is_upper and t.pos_ == "PROPN"):
            return False
        f = fold(t.text)
        if (
            "\n" in t.whitespace_
            or t.lower_ in self.comp.title_words
            or f in self.comp.forms
            or self._title_before(h.start)
        ):
            return False
        if self.hits.covering(t.i):
            return False
        return all(f not in re.split(r"[\s-]+", fold(self.kb.people[c[1]].name)) for c in h.cands)

    def _hyphen_compound(self, h: Hit) -> bool:
        """A bare surname the KB knows only for persons, glued by a hyphen to the words before it
        in a chain that opens with a capitalised word other than a name particle ('al-', 'bin-')
        or a prefix ('pro-', 'anti-'), is the tail of a compound name (a town's, as in
        'Mazar-i-Sharif'), not the person."""
        if h.size != 1 or h.start < 2 or not h.cands or any(c[2] != "person" for c in h.cands):
            return False
        doc, i = self.doc, h.start
        if doc[i - 1].text != "-" or doc[i - 1].whitespace_ or doc[i - 2].whitespace_:
            return False
        first = i - 2
        while first >= 2 and doc[first - 1].text == "-" and not doc[first - 1].whitespace_:
            if doc[first - 2].whitespace_:
                break
            first -= 2
        opener = doc[first].text
        return first < i - 2 and opener[:1].isupper() and not PARTICLE.match(opener + "-")

    def _weighted_countries(self) -> set[str]:
        """ISO3 of the countries the article gives weight: a state named by any of its forms
        (name, demonym, capital in a dateline), another body of that country ("the Houthis"), or
        a party or person named in full."""
        out, national = set(), self.lex["national_entity_types"]
        for h in self.hits:
            if h.source != "kb":
                continue
            for surface, key, _kind in h.cands:
                e = self.kb.entities.get(key)
                if e is not None and e.country and (e.type not in national or _bare(surface) == fold(e.name)):
                    out.add(e.country)
                p = self.kb.people.get(key) if e is None else None
                if p is not None and p.country and fold(surface) == fold(p.name):
                    out.add(p.country)
        return out

    def _foreign_alias(self, c: tuple[str, str, str]) -> bool:
        """A short name (alias) of a body that belongs to one country ("DPP", "Labour") in an
        article that gives that country no weight: another country's body of the same name."""
        e = self.kb.entities[c[1]]
        return (
            c[2] == "name"
            and e.type in self.lex["national_entity_types"]
            and (e.type not in self.lex["national_short_name_types"] or len(c[0].split()) == 1)
            and e.country is not None
            and e.country not in self._weighted
            and _bare(c[0]) != fold(e.name)
            and not self._names_country(c[0], e.country)
        )

    def _names_country(self, surface: str, iso3: str) -> bool:
        """Does a short name hold a name or demonym of its own country ("Cuban Communist Party")?"""
        words = [re.sub(r"['’]s?$", "", w) for w in surface.lower().split()]  # "Myanmar's junta"
        grams = {" ".join(words[i : i + n]) for n in (1, 2, 3) for i in range(len(words) - n + 1)}
        return any(
            (e := self.kb.entities.get(key)) is not None and e.type in STATE_TYPES and e.country == iso3
            for g in grams
            for _, key, kind in self.comp.forms.get(g, ())
            if kind in ("name", "demonym")
        )

    def join_split_names(self) -> None:
        """'Abd-Rabbu' + 'Mansour Hadi': NER and the KB cut one person's name in two. Two person
        hits that touch on one line are one name, the KB's person when one part is."""
        doc = self.doc
        people = [h for h in self.hits if h.source != "drop" and self._personish(h)]
        for a, b in zip(people, people[1:]):
            if (
                not 0 <= b.start - a.end <= 2  # "Abd-Rabbu Youssouf Moussa": a word NER left out
                or a.source == "drop"
                or any("\n" in t.whitespace_ for t in doc[a.start : b.start])
                or not all(t.text[:1].isupper() or t.text in ("-", "‐") for t in doc[a.start : b.end])
                or any(not t.is_alpha or self._free(t.i) for t in doc[a.end : b.start])
            ):
                continue
            if a.source == "kb" and b.source == "kb" and a.key != b.key:
                continue
            keep, gone = (b, a) if b.source == "kb" else (a, b)
            if keep.source == "kb" and not self._same_names(keep, doc[a.start : b.end]):
                keep, gone = gone, keep  # a bare surname the KB knows, in someone else's full name
            gone.source = "drop"
            keep.start, keep.end = a.start, b.end

    def _same_names(self, h: Hit, words) -> bool:
        """Whether every word of a joined name is a word of the KB person's name (folded, hyphens
        aside), or the KB part itself was more than a bare surname."""
        if h.size > 1:
            return True
        person = self.kb.people.get(h.key) if h.key else None
        known = {w for w in re.split(r"[\s-]+", fold(person.name)) if w} if person else set()
        return all(w in known for t in words for w in re.split(r"-", fold(t.text)) if w.isalpha())

    def _choose(self, h: Hit, named_people: set[str]) -> tuple[Optional[str], str]:
        ents = [c for c in h.cands if c[2] != "person" and not self._foreign_alias(c)]
        people = [c for c in h.cands if c[2] == "person"]
        titled = self._title_before(h.start) > 0
        if ents and not (people and titled):
            order = {"name": 0, "seat": 1, "capital": 2, "demonym": 3, "plural": 4}
            ents.sort(
                key=lambda c: (
                    order.get(c[2], 9),
                    self.kb.entities[c[1]].type not in STATE_TYPES,
                    self.kb.entities[c[1]].country not in self._named_states,  # "Ansar al-Sharia"
                )
            )
            return ents[0][1], ents[0][2]
        scored = []
        for surface, key, _ in people:
            p = self.kb.people[key]
            full = fold(surface) == fold(p.name) or len(surface.split()) > 1
            live = bool(p.in_office(self.when)) if self.when else any(t.end is None for t in p.terms)
            known = key in named_people
            if not (full or live or known or titled or self._ner_person(h)):
                continue
            latest = max((t.start for t in p.terms if not self.when or t.start <= self.when), default=None)
            scored.append(((full, known, live, titled, latest.toordinal() if latest else 0), key))
        if not scored:
            return None, "person"
        scored.sort(reverse=True)
        return scored[0][1], "person"

    def _ner_person(self, h: Hit) -> bool:
        """NER tags a word of the name as a person (token look-ups: Span.ents walks every entity)."""
        return any(t.ent_type_ == "PERSON" for t in self.doc[h.start : h.end])

    def grow(self) -> None:
        """'Russian air force', "Ethiopia's government", 'Maduro regime forces', 'Yemeni rebels'."""
        doc, toks = self.doc, parse_arrays.tokens(self.doc)  # the doc's shared Tokens
        by_start = {h.start: h for h in self.hits}
        for h in list(self.hits):
            if h.source != "kb" or h.key is None:
                continue
            is_person = h.key in self.kb.people
            state = self.state_of(h.key) or (self._led_state(h.key) if is_person else None)
            e = self.entity(h.key)
            j = h.end
            if j < len(doc) and toks[j].text in APOS and (e is None or h.kind != "demonym"):
                j += 1
            if is_person and j > h.end and state and j < len(doc) and self._leader_head(toks[j]):
                self._leader_body(j, state, by_start.get(j))  # "Donald Trump's administration"
                continue
            nxt = by_start.get(j)
            if nxt is not None and nxt.source == "group" and (state or e is not None):
                if nxt.label == "state" and state and (not is_person or self._leader_head(toks[j])):
                    self._absorb(h, nxt, state, "government")
                elif nxt.label != "state" and state and not is_person:  # rebels, people, protesters, workers
                    h.strong_state = state
                    self._absorb(h, nxt, None, nxt.label)
                    h.source, h.label = "group", nxt.label
                continue
            if is_person:
                if state and j < len(doc) and self._leader_head(toks[j]):
                    end = j + 1
                    end += self._heads_len(end)
                    self._set_span(h, h.start, end, state, "government")
                continue
            if e is None or e.type == "person":
                continue
            k = j
            while k < len(doc) and k - j < 3 and self._modifier(toks[k]) and not self._free(k):
                k += 1
            later = by_start.get(k)
            if k > j and later is not None and later.source == "group" and later.label == "state" and state:
                self._absorb(h, later, state, "government")  # "Ethiopia's federal government"
                continue
            n = self._heads_len(k) if not self._free(k) else 0
            if n == 0 and k > j:
                k, n = j, self._heads_len(j)
            if n and (state or e.type in ("armed_group", "party", "igo")):
                self._set_span(h, h.start, k + n, h.key, "government" if state else h.kind)
            elif e.type in ("armed_group",) and k < len(doc):
                m = _phrase_at(doc, j, self.comp.militia_nouns)
                if m and not self._free(j):
                    self._set_span(h, h.start, j + m, h.key, h.kind)

    def _led_state(self, key: str) -> Optional[str]:
        """The state a KB person led last before the article's date ("the Obama administration"
        in a later story is still the United States government)."""
        terms = [
            t
            for t in self.kb.people[key].terms
            if t.role in self.lex["leader_term_roles"]
            and (self.when is None or t.start is None or t.start <= self.when)
        ]
        for t in sorted(terms, key=lambda t: t.start or self.when or t.end, reverse=True):
            if (s := self.kb.state(t.country)) is not None:
                return s.key
        return None

    def _leader_body(self, j: int, state: str, nxt: Optional[Hit]) -> None:
        """'<person>'s administration': the person stays named, the head is the state's government."""
        if nxt is not None and nxt.source == "group" and nxt.label == "state":
            nxt.source, nxt.key, nxt.kind = "role", state, "government"
            return
        end = j + 1 + self._heads_len(j + 1)
        if not self._free(j):
            self.hits.append(Hit(j, end, "role", "government", key=state))

    def _modifier(self, tok: Token) -> bool:
        """Words between a state and its force noun: 'ground', 'internationally recognised'."""
        return tok.lower_ in self.lex["head_modifiers"] or (
            tok.pos_ in ("ADJ", "ADV") and tok.is_lower and tok.dep_ in ("amod", "advmod")
        )

    def _heads_len(self, i: int) -> int:
        return _phrase_at(self.doc, i, self.comp.gov_heads) if i < len(self.doc) and not self._free(i) else 0

    def _leader_head(self, tok: Token) -> bool:
        return tok.lower_ in self.lex["leader_heads"]

    def _absorb(self, h: Hit, nxt: Hit, key: Optional[str], kind: str) -> None:
        nxt.source = "drop"
        h.end = nxt.end
        if key:
            h.key = key
        h.kind = kind

    def _set_span(self, h: Hit, start: int, end: int, key: str, kind: str) -> None:
        for other in sorted(self.hits.overlapping(start, end), key=lambda o: o.start):
            if other is not h and other.source != "drop":
                if other.source == "group" and other.label == "state":
                    other.source = "drop"
                else:
                    return
        h.start, h.end, h.key, h.kind = start, end, key, kind

    def _capital_metonym(self, h: Hit) -> bool:
        """'Moscow said', 'Tehran and Moscow will', "Beijing's": a capital acting, not a place."""
        possessive, head = _name_head(self.doc, h.end)
        if possessive:
            return True
        if head.dep_ in ("nsubj", "nsubjpass", "dobj", "agent", "dative", "poss"):
            return True
        if head.dep_ == "appos" and head.head.lemma_.lower() in RELATIONAL_HEADS:
            return True  # "Riyadh's closest ally, Washington": the other side of a tie
        if head.dep_ == "pobj" and head.head.lower_ in self.lex["opposed_preps"]:
            tie = head.head.head.pos_ == "NOUN" and head.head.head.lemma_.lower() in self.lex["tie_nouns"]
            return head.head.head.pos_ != "NOUN" or head.head.lower_ == "with" or tie
        if head.dep_ == "pobj" and head.head.lower_ == "to" and head.head.head.pos_ == "ADJ":
            return head.head.head.lower_ in self.lex["tie_adjectives"]  # "still loyal to Moscow"
        # "a close ally of Moscow", "a fierce critic of Beijing": the other side of a tie acts
        return head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in RELATIONAL_HEADS


def _bare(surface: str) -> str:
    """A KB surface folded, without a leading article ("the Houthis" -> "houthis")."""
    f = fold(surface)
    return f[4:] if f.startswith("the ") else f


def _uncrossed(hits: list[Hit]) -> list[Hit]:
    """The hits no earlier-starting hit crosses (starts before, ends inside), in their order.
    Only a hit starting within the longest hit's length before can cross: linear in the text."""
    ordered = sorted(hits, key=lambda h: h.start)
    starts = [h.start for h in ordered]
    longest = max((h.end - h.start for h in ordered), default=0)
    keep = []
    for h in hits:
        near = ordered[bisect.bisect_left(starts, h.start - longest) : bisect.bisect_left(starts, h.start)]
        crossing = [o for o in near if h.start < o.end < h.end]
        if not crossing:
            keep.append(h)
        for o in crossing:  # "Crown Prince Mohammed" + "Mohammed bin Zayed": one person's two forms
            if _one_person(o, h):
                o.end = h.end
    return keep


def _one_person(a: Hit, b: Hit) -> bool:
    """Two KB hits that may both be the same person: the earlier keeps that person alone."""
    shared = {c[1] for c in a.cands if c[2] == "person"} & {c[1] for c in b.cands if c[2] == "person"}
    if not shared:
        return False
    a.cands = [c for c in a.cands if c[1] in shared]
    a.key = a.cands[0][1]
    return True
