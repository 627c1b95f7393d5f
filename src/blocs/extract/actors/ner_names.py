"""NER names checked against the knowledge base: trimmed, joined when cut, and allowed to cover
KB forms only when they name something the KB forms do not ("Field Marshal X" adds no name;
"Gabonese Democratic Party" is not the foreign party it ends in)."""

from __future__ import annotations

import re

from ... import parse_arrays
from ...context import token_texts
from .base import ResolverBase
from .hits import Hit
from .lexicon import APOS, _phrase_at, fold

# KB entity types a person's surname is rarely the name of
BODY_TYPES = frozenset({"armed_group", "igo", "party", "media", "government", "bloc", "company"})


class NamePass(ResolverBase):
    def _ranked_name(self, start: int, end: int) -> bool:
        """An honorific or rank of the KB's (roles.yaml `honorifics`) opening the span, then two or
        more capitalised proper nouns (particles such as "bin", "al-" aside): a person's name."""
        n = _phrase_at(self.doc, start, self.comp.honorifics, end - 1)
        if not n:
            return False
        texts, pos = token_texts(self.doc), parse_arrays.of(self.doc).strings_of("pos")  # no Token per word
        names = [k for k in range(start + n, end) if texts[k][:1].isupper()]
        return len(names) >= 2 and all(pos[k] == "PROPN" for k in names)

    def _given_names_before(self, h: Hit, kb_tokens: set[int]) -> int:
        """'Mamadou Sylla': NER often leaves a sentence's first given name out of the person. Up to
        two capitalised proper nouns right before the name, compounds of a word of it on its line,
        with no entity, KB name, title or honorific of their own, are part of it."""
        doc, start = self.doc, h.start
        while start > max(0, h.start - 2):
            t = doc[start - 1]
            if (
                t.pos_ != "PROPN"
                or t.dep_ != "compound"
                or not h.start <= t.head.i < h.end
                or not t.is_alpha
                or not t.text[:1].isupper()
                or t.is_upper
                or t.ent_type_
                or t.i in kb_tokens
                or "\n" in t.whitespace_
                or fold(t.text) in self.comp.title_words
                or (fold(t.text),) in self.comp.honorifics
                or (fold(t.text),) in self.comp.role_titles
            ):
                break
            start -= 1
        return start

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        """NER spans sometimes hold a possessive or an unclosed bracket: 'Arnor's', 'Union (Conservatives'."""
        texts, toks = token_texts(self.doc), parse_arrays.tokens(self.doc)  # the doc's shared Tokens
        for i in range(start, end):
            if texts[i] == "(" and ")" not in texts[i:end]:
                end = i
                break
        while end > start and (texts[end - 1] in APOS or toks[end - 1].is_punct):
            end -= 1
        while end > start:
            first = toks[start]
            if not (first.lower_ in ("the", "a", "an") or first.is_punct or first.is_stop and first.pos_ != "PROPN"):
                break
            start += 1  # "Besides Kismayo": a capitalised preposition opening the sentence is no name
        return start, end

    def _ner_overrides(self, ner: Hit, kb_tokens: set[int]) -> bool:
        """An NER name may cover KB forms only if it adds a proper-noun word of its own."""
        titles, texts = self.comp.title_words, token_texts(self.doc)
        honorific = self.__dict__.get("_honorific_words")  # "Field Marshal" adds no name
        if honorific is None:  # the words of the honorifics, gathered once per article
            honorific = self.__dict__["_honorific_words"] = {w for phrase in self.comp.honorifics for w in phrase}
        lowers = parse_arrays.of(self.doc).strings_of("lower")
        for k in range(ner.start, ner.end):
            if k in kb_tokens or not texts[k].isalpha() or lowers[k] in titles or lowers[k] in honorific:
                continue  # spaCy's is_alpha is the text's isalpha()
            if texts[k][0].isupper() and lowers[k] not in ("the",):
                return True
        return False

    def _foreign_body(self, ner: Hit, kb: list[Hit]) -> bool:
        """'Gabonese Democratic Party': an NER organisation opening with one state's word and ending
        in the KB name of another state's party or body is a body of the first state of its own."""
        if ner.label != "ORG":
            return False
        inside = [h for h in kb if ner.start <= h.start and h.end <= ner.end]
        first = next((h for h in inside if h.start == ner.start), None)
        last = next((h for h in inside if h.end == ner.end and h is not first), None)
        if first is None or last is None:
            return False
        states = {self.kb.entities[c[1]].country for c in first.cands if c[1] in self.kb.entities}
        bodies = [self.kb.entities.get(c[1]) for c in last.cands]
        return bool(states) and all(
            e is not None and e.type in BODY_TYPES and e.country and e.country not in states for e in bodies
        )

    def _person_ending_in_body(self, ner: Hit, kb: list[Hit]) -> bool:
        """'Deadly al-Shabab attack': an NER person ending in the name of a group or body the KB
        knows is that body with a word before it (a surname is rarely a group's name)."""
        return ner.label == "PERSON" and any(
            h.end == ner.end
            and h.start > ner.start
            and not self._after_particle(h.start, ner.start)
            and any(
                self.kb.entities.get(c[1]) is not None and self.kb.entities[c[1]].type in BODY_TYPES for c in h.cands
            )
            for h in kb
        )

    def _join_cut_names(self, hits: list[Hit]) -> list[Hit]:
        """NER may cut a name before its particle ("Abdel Fattah" | "el-Sissi"): an NER person
        right before a KB person whose name holds all of its words is the start of that name."""
        out: list[Hit] = []
        for h in hits:
            prev = out[-1] if out else None
            if (
                prev is not None
                and prev.source == "ner"
                and prev.label == "PERSON"
                and prev.end == h.start
                and h.source == "kb"
                and self._holds_words(h, prev)
            ):
                h.start = prev.start
                out[-1] = h
                continue
            out.append(h)
        return out

    def _holds_words(self, kb_hit: Hit, ner: Hit) -> bool:
        """Does the name of a KB person the hit may be hold every word of the NER span?"""
        want = {fold(t.text) for t in self.doc[ner.start : ner.end] if t.is_alpha}
        for c in kb_hit.cands:
            p = self.kb.people.get(c[1])
            if p is not None and want and want <= set(re.findall(r"[\w]+", fold(p.name))):
                return True
        return False

    def _after_particle(self, i: int, start: int) -> bool:
        """Does a name particle ("al-", "bin", "von") stand right before token i, inside a name
        opening at `start` ("Abdel-Malik al-Houthi": a surname, not the group of that name)?"""
        doc, particles = self.doc, self.lex["name_particles"]
        j = i - 1 if i - 1 > start and doc[i - 1].text in ("-", "‐") else i
        return j - 1 >= start and doc[j - 1].lower_ in particles
