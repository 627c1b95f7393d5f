"""Names that are no actor: towns, datelines, equipment and platforms NER tagged
as persons or organisations.
"""

from __future__ import annotations

import re

from ... import parse_arrays
from ...context import doc_ents, token_texts
from .base import ResolverBase
from .hits import Hit
from .lexicon import LOCATIVE, _phrase_at, _qualifiers, fold, words


class NotActorPass(ResolverBase):
    def _not_an_actor(self, h: Hit, text: str) -> bool:
        """NER tags towns, kit and platforms as PERSON/ORG: 'the village of X', 'X 2 tanks', 'on Twitter'."""
        sects, peoples, _ = _qualifiers()
        low = " ".join(w for w in fold(text).split() if w not in self.lex["minority_markers"])
        return (
            self._ner_dateline(h)
            or self._equipment(h)
            or low in sects
            or low in peoples
            or (low in self.lex["platforms"] and not self._speaks(h))
            or self._place_list(text)
            or self._town_like(h, text)
        )

    def _ner_dateline(self, h: Hit) -> bool:
        """'GOMA, Congo (AFP) -': an all-caps place opening a paragraph, before a comma, bracket or dash."""
        doc = self.doc
        starts = h.start == 0 or "\n" in doc[h.start - 1].text_with_ws or doc[h.start - 1].is_space
        nxt = doc[h.end].text if h.end < len(doc) else ""
        letters = [c for c in doc[h.start : h.end].text if c.isalpha()]
        if not (starts and len(letters) > 1 and all(c.isupper() for c in letters)):
            return False
        k = h.end + 1
        if nxt == ",":  # "GOMA, Democratic Republic of Congo (AFP) -", not "ECOWAS, the bloc, said"
            while k < len(doc) and (doc[k].text[:1].isupper() or doc[k].lower_ == "of"):
                k += 1
            nxt = doc[k].text if k > h.end + 1 and k < len(doc) else ""
        return nxt in ("(", "—", "–", "-", "--")

    def _equipment(self, h: Hit) -> bool:
        """'Leopard 2', 'Bayraktar drones': a model number or an equipment noun right after the name."""
        doc = self.doc
        if h.size > 1 and doc[h.end - 1].like_num:
            return True
        return _phrase_at(doc, h.end, self._table("equipment_nouns")) > 0

    def _speaks(self, h: Hit) -> bool:
        """Is the name the subject of a verb ('Twitter suspended', 'Maersk said')?"""
        root = self.doc[h.start : h.end].root
        return root.dep_ == "nsubj"

    def _place_list(self, text: str) -> bool:
        """'Bakhmut, Avdiivka': NER glued a list of towns into one name."""
        parts = [p.strip() for p in re.split(r",|\band\b", text) if p.strip()]
        return len(parts) > 1 and all(self._gazetteer(p) for p in parts)

    def _town_like(self, h: Hit, text: str) -> bool:
        """A town NER took for a person or body: named with a settlement noun ('the village of X',
        'X, the region's main city', 'capital X'), or a gazetteer town with no person cue or in a
        locative use (after 'in'/'near', object of 'besieged'/'seized')."""
        if self._settlement_cue(h) or text in self._taken_places():
            return True
        entries = self._gazetteer(text)
        if not entries or not text[:1].isupper():
            return False
        if self._locative(h):
            return True
        # a bare town name NER calls a person; an organisation may well be named after a town
        return h.label == "PERSON" and not self._person_cue(h) and any(e.population >= 1000 for e in entries)

    def _taken_places(self) -> frozenset:
        """Names NER took for persons that a capture verb takes from an armed side ('retook X from
        the rebels', 'seized X from Islamic State'): a place, wherever the article names it again."""
        got = self.doc.user_data.get("blocs_taken_places")
        if got is None:
            verbs, names = self.lex["capture_verbs"], set()
            for ent in doc_ents(self.doc):  # made once per doc (`doc.ents` builds every Span anew)
                if ent.label_ != "PERSON":
                    continue  # before `ent.root`, which walks the span's heads
                root = ent.root
                if root.dep_ != "dobj" or (root.head.lemma_ not in verbs and root.head.lower_ not in verbs):
                    continue
                kids = [*root.head.children, *root.children]
                if any(c.dep_ == "prep" and c.lower_ == "from" and self._armed_side(c) for c in kids if c.i > root.i):
                    names.add(ent.text)
            got = self.doc.user_data["blocs_taken_places"] = frozenset(names)
        return got

    def _armed_side(self, prep) -> bool:
        """'from the army', 'from Islamic State', 'from Haftar's fighters': the object is a body or armed noun."""
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        armed = {n[0] for n in self.comp.militia_nouns} | set(self.lex["state_need_context"])
        return obj is not None and (
            obj.ent_type_ in ("ORG", "NORP", "GPE") or obj.pos_ == "PROPN" or obj.lower_ in armed
        )

    def _settlement_cue(self, h: Hit) -> bool:
        doc, nouns = self.doc, self.lex["settlement_nouns"]  # a set-backed word list
        arrays, texts = parse_arrays.of(doc), token_texts(doc)
        lowers = arrays.strings_of("lower")

        def noun(k: int) -> bool:  # spaCy's `is_lower` is the text's islower()
            return texts[k].islower() and lowers[k] in nouns

        if h.start > 0 and noun(h.start - 1):
            return True  # "whose capital X", "the port city X"
        if h.end < len(doc) and noun(h.end):
            return True  # "X province", "X district"
        if (
            h.start >= 3
            and any(w in self.lex["naming_verbs"] for w in words(doc)[h.start - 2 : h.start])
            and any(noun(k) for k in range(max(0, h.start - 5), h.start - 1))
        ):
            return True  # "the last town, also called X", "a village known as X"
        root = doc[h.start : h.end].root
        if (
            root.dep_ == "pobj"
            and root.head.lower_ == "of"
            and root.head.head.lower_ in nouns
            and root.head.head.i < h.start
        ):
            return True  # "the village of X"
        deps = arrays.strings_of("dep")
        return any(
            deps[k] == "appos" and arrays.head[k] == root.i and lowers[k] in nouns
            for k in range(h.end, min(h.end + 8, len(doc)))
        )

    def _locative(self, h: Hit) -> bool:
        root = self.doc[h.start : h.end].root
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head
        if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE - {"of"}:
            return True
        if (
            root.dep_ == "pobj"
            and root.head.lower_ == "of"
            and root.head.head.lemma_.lower() in self.lex["place_of_nouns"]
        ):
            return True  # "took full control of X", "the fall of X"
        return root.dep_ in ("dobj", "nsubjpass") and root.head.lemma_.lower() in self.lex["siege_verbs"]
