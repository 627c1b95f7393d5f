"""Organisations the KB lacks: NER bodies with a guessed type, acronyms joined to
their long forms, regions NER took for bodies, companies named after a company noun.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Optional

from ...context import token_texts
from .base import ResolverBase
from .hits import Hit
from .lexicon import _country_in_name, _edges, _phrase_at, fold, slug, words


class OrganisationPass(ResolverBase):
    def organisations(self) -> None:
        """Keep NER organisations the KB lacks, with a guessed type; drop junk and NORP adjectives."""
        noise = set(self.lex["ner_noise"])
        self._ner_suffixes: Optional[dict[str, list[Hit]]] = None
        for h in self.hits:
            if h.source != "ner" or h.label == "PERSON":
                continue
            if h.label == "GPE" and self._person_like(h):
                text = self._clean_at(h.start, h.end)
                h.label, h.key, h.kind = "PERSON", slug(text), "name"
                self.info.setdefault(h.key, {"name": text, "type": "person", "country": None, "confidence": 0.6})
                self._role_context(h)
                continue
            if h.label in ("GPE", "NORP"):
                h.source = "drop"  # places and adjectives: the places stage and militia rules own them
                continue
            span = self.doc[h.start : h.end]
            while len(span) > 1 and span[0].lower_ in ("the", "a", "an"):
                span = span[1:]
            text = self._clean(span)
            words = [t for t in span if t.is_alpha]
            if (
                not words
                or fold(text) in noise
                or all(t.is_lower for t in words)
                or any(t.like_num for t in span)
                or len(text) < 2
                or all(t.is_stop for t in words)
            ):
                h.source = "drop"
                continue
            root = span.root
            if (
                root.dep_ in ("compound", "amod")
                and root.head.i >= span.end
                and root.head.lower_ not in self.lex["actorish_nouns"]
                and not self._ner_elsewhere(text, h)
            ):
                h.source = "drop"  # "American Bradley fighting vehicles": a modifier, not an actor
                continue
            generic = self.comp.generic_words
            town = self._gazetteer_place(text) and not self._speaks(h)  # "Nokia said": a firm named like a town
            if all(t.lower_ in generic for t in words) or town or self._not_an_actor(h, text):
                h.source = "drop"
                continue
            h.start = span.start
            if self._person_like(h):
                h.label, h.source, h.kind = "PERSON", "ner", "name"
                h.key = slug(text)
                self.info.setdefault(h.key, {"name": text, "type": "person", "country": None, "confidence": 0.6})
                self._role_context(h)
                continue
            h.key, h.kind = slug(text), "ner"
            self.info.setdefault(
                h.key, {"name": text, "type": self._org_type(words), "country": None, "confidence": 0.5}
            )
        self._regions()
        self._acronyms()
        self._agreements()

    def _acronyms(self) -> None:
        """'the Sudan Doctors Network (SDN)': an all-caps name in brackets right after a name whose
        initials it spells is that actor, there and wherever the article repeats it (NER need not
        have tagged it in the brackets). When the acronym is the one the KB knows, the long form
        NER found (as anything, even a person) is the KB's actor."""
        doc = self.doc
        alias: dict[str, str] = {}  # NER key -> the key it joins
        by_text: dict[str, str] = {}  # acronym -> the long form's key
        texts = token_texts(doc)
        for i in range(2, len(doc) - 1):
            if texts[i - 1] != "(" or texts[i + 1] != ")":
                continue
            text = texts[i]
            if not text.isupper() or len(text) < 2:
                continue
            h = next((o for o in self.hits.starting(i) if o.end == i + 1 and o.source != "drop" and o.key), None)
            o = self._long_form_before(h or Hit(i, i + 1, "ner", "ner"))
            if o is None or not o.key:  # the long form is a named hit (see _long_form_before)
                continue
            initials = "".join(t.text[0] for t in doc[o.start : i - 1] if t.text[:1].isupper())
            if not _spells(initials.upper(), text.replace(".", "")):
                continue
            if h is None or h.source == "ner":
                by_text[text] = o.key
            elif o.source == "ner" and h.key and h.key in self.kb.entities:
                if self._kb_long_form(o, h.key):
                    alias[o.key] = h.key
                    self.info.pop(o.key, None)
                else:  # "Sudanese Professionals Association (SPA)": not the KB's SPA
                    by_text[text] = o.key
        for h in self.hits:
            if h.source == "kb" and h.key and by_text.get(self._clean_at(h.start, h.end)):
                h.source, h.kind, h.label = "ner", "ner", "ORG"
            if h.source != "ner" or h.key is None:
                continue
            key = alias.get(h.key) or by_text.get(self._clean_at(h.start, h.end))
            if key and key != h.key:
                self.info.pop(h.key, None)
                h.key = key

    def _kb_long_form(self, o: Hit, key: str) -> bool:
        """Does the long name before '(ACRONYM)' share a word with a name of the KB's body of that
        acronym? The article's own body ("Sudanese Professionals Association") shares none with
        another one the acronym also spells ("Saudi Press Agency")."""
        e = self.kb.entities[key]
        own = {w for w in fold(self._clean_at(o.start, o.end)).replace("-", " ").split() if len(w) > 3}
        known = {w for n in (e.name, *e.aliases) for w in fold(n).replace("-", " ").split()}
        return bool(own & known)

    def _agreements(self) -> None:
        """'the X-Y Economic Cooperation (XYEC)', 'the Z Peace Accord': NER takes pacts, plans and
        programmes for organisations. A name it found whose head noun, or for a bracketed acronym
        the word before the bracket, is one of `agreement_nouns` names no actor, wherever the
        article repeats it."""
        doc, nouns = self.doc, set(self.lex["agreement_nouns"])
        pacts = set()
        for h in self.hits:
            if h.source != "ner" or h.kind != "ner" or not h.key:
                continue
            acronym = h.start > 1 and doc[h.start - 1].text == "(" and doc[h.start - 2].lower_ in nouns
            if acronym or doc[h.end - 1].lower_ in nouns:
                pacts.add(h.key)
        for h in self.hits:
            if h.source == "ner" and h.key in pacts:
                h.source = "drop"

    def _long_form_before(self, h: Hit) -> Optional[Hit]:
        """The named hit before '(ACRONYM)': ending at the bracket, or a few capitalised or
        hyphenated words before it when NER cut the long name short ('... al-Islam wal-Muslimin')."""
        doc, paren = self.doc, h.start - 1
        for end in range(paren, max(paren - 4, 0), -1):
            o = next((o for o in self.hits.ending(end) if o.source != "drop" and o.key and o.key != h.key), None)
            if o is not None:
                return o
            t = doc[end - 1]
            if not (t.text[:1].isupper() or t.text in ("-", "‐") or t.lower_ in self.lex["name_particles"]):
                return None
        return None

    def _regions(self) -> None:
        """An untyped NER 'organisation' the article once puts after 'in'/'across' ('a ceasefire in X')
        is a region NER took for a body: none of its mentions is an actor."""
        ner = [
            h
            for h in self.hits
            if h.source == "ner" and h.kind == "ner" and h.key and self.info.get(h.key, {}).get("type") == "other"
        ]
        places = {h.key for h in ner if self._locative(h)}
        tails = {
            n[p:]
            for n in (fold(self.info[k]["name"]) for k in places)
            for p in range(len(n))
            if p == 0 or n[p - 1].isspace() or n[p - 1] == "-"
        }
        for h in ner:  # "Karabakh" after "in Nagorno-Karabakh"
            if h.key in places or fold(self.info[h.key]["name"]) in tails:
                h.source = "drop"

    def companies(self) -> None:
        """'The shipping line X said', 'oil major X': a capitalised name right after a company noun."""
        doc, table = self.doc, self._table("company_nouns")
        firsts, folded = _edges(table)[0], words(doc)
        for i in range(len(doc)):
            if folded[i] not in firsts:
                continue  # (what _phrase_at would answer: no phrase starts here)
            n = _phrase_at(doc, i, table)
            if not n or not doc[i].is_lower or i > 0 and doc[i - 1].pos_ in ("NOUN", "PROPN"):
                continue  # "aircraft carrier X" is a ship
            j = k = i + n
            while (
                k < len(doc)
                and k - j < 4
                and (doc[k].pos_ == "PROPN" or doc[k].text == "-" and k > j)
                and doc[k].text[:1].isupper() | (doc[k].text == "-")
            ):
                k += 1
            if k == j or any(o.source not in ("drop", "ner") for o in self.hits.overlapping(j, k)):
                continue
            for o in list(self.hits.overlapping(i, k)):
                if o.source == "ner":
                    o.source = "drop"
            text = self._clean_at(j, k)
            key = slug(text)
            self.hits.append(Hit(j, k, "militia", "generic", key=key))
            self.info.setdefault(key, {"name": text, "country": _country_in_name(text), "confidence": 0.7})
            self.info[key]["type"] = "company"
        self.hits.sort(key=lambda h: h.start)

    def _ner_elsewhere(self, text: str, h: Hit) -> bool:
        """Does another NER name of the article end with this one? (Names filed by every suffix
        once per pass, so the question costs the few names that share it.)"""
        if self._ner_suffixes is None:
            self._ner_suffixes = defaultdict(list)
            for o in self.hits:
                if o.source == "ner":
                    name = fold(self._clean_at(o.start, o.end))
                    for p in range(len(name)):
                        self._ner_suffixes[name[p:]].append(o)
        return any(o is not h and o.source == "ner" for o in self._ner_suffixes.get(fold(text), ()))

    def _org_type(self, words) -> str:
        low = [t.lower_ for t in words]
        for typ, cues in self.lex["org_type_words"].items():
            if any(w in cues for w in low):
                return typ
        return "other"


def _spells(initials: str, acronym: str) -> bool:
    """Does the acronym stand for a name with these initials? In their order, or, for a name
    translated from another language, in another order ("National Liberation Front (FLN)",
    "Tunisian General Labour Union (UGTT)"): no letter the initials lack."""
    if initials == acronym or initials.startswith(acronym):
        return True
    return len(acronym) >= 3 and set(acronym) <= set(initials) and len(set(acronym)) >= len(set(initials)) - 1
