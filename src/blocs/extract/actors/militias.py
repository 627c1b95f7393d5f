"""Militias: sect, people and patron compounds ("Shiite militias", "Iran-backed
militias", "Kurdish forces") and proper names before an armed noun ("M23 rebels").
"""

from __future__ import annotations

from collections import Counter
from typing import Optional

from ... import parse_arrays
from ...context import token_texts
from .base import ResolverBase
from .hits import Hit
from .lexicon import LOCATIVE, _phrase_at, _qualifiers, fold, slug, words


class MilitiaPass(ResolverBase):
    def militias(self) -> None:
        """'Shiite militias', "Shi'ite militia fighters", 'Iran-backed militias', 'Kurdish forces'."""
        doc, lex = self.doc, self.lex
        nouns = self.comp.militia_nouns
        sects, peoples, plural_people = _qualifiers()
        self._ethnic_pairs()
        w = words(doc)
        for i, f in enumerate(w):
            f = f.rstrip("-")
            if f not in sects and f not in peoples:
                continue
            t = doc[i]
            if (
                f in plural_people
                and not self._free(t.i)
                and t.pos_ in ("PROPN", "NOUN")
                and t.dep_ in ("nsubj", "dobj", "nsubjpass", "conj", "pobj")
            ):
                if t.dep_ == "pobj" and t.head.lower_ in LOCATIVE:
                    continue
                self._militia(t.i, t.i + 1, f"{plural_people[f]}-people", t.text.title(), None, "population")
                continue
            if f not in sects and f not in peoples or self._free(t.i):
                continue
            j = t.i + 1
            # "<people>-held area"
            if f in peoples and (
                j + 1 < len(doc)
                and doc[j].text == "-"
                and doc[j + 1].lower_ in lex["held_suffixes"]
                or t.text.endswith("-")
                and j < len(doc)
                and doc[j].lower_ in lex["held_suffixes"]
            ):
                self._militia(t.i, t.i + 1, f"{peoples[f]}-forces", f"{peoples[f].title()} forces", None)
                continue
            while j < len(doc) and doc[j].lower_ in self.lex["militia_fillers"] and (doc[j].lower_,) not in nouns:
                j += 1
            if j < len(doc) and fold(doc[j].text) in sects and sects[fold(doc[j].text)] == sects.get(f):
                j += 1
            n = _phrase_at(doc, j, nouns)
            if not n:
                n2 = _phrase_at(doc, t.i + 1, nouns)
                j, n = (t.i + 1, n2) if n2 else (j, 0)
            if not n or self._free(j) or fold(doc[j].text) not in {x[0] for x in nouns}:
                continue
            if f in sects:
                key, name = f"{sects[f]}-militias", f"{sects[f].title()} militias"
            else:
                key, name = f"{peoples[f]}-forces", f"{peoples[f].title()} forces"
            start = t.i - 1 if t.i > 0 and self._demonym_hit(t.i - 1) else t.i
            self._militia(start, j + n, key, name, None)
        self._patron_militias()
        self._named_groups()
        self._camps()

    def _ethnic_pairs(self) -> None:
        """'Bosnian Serb forces', 'Kosovo Albanian leaders': an ethnic demonym right after another
        state's demonym or name names a people living there, not the state of that demonym. Before
        an armed noun the pair is an armed group of the first state; else the second word names no
        state (the first still does)."""
        doc, w = self.doc, words(self.doc)
        for h in list(self.hits):
            if h.source not in ("kb", "group") or not h.cands or h.cands[0][2] != "demonym":
                continue
            if w[h.start] not in self.lex["ethnic_demonyms"]:
                continue
            first = next((o for o in self.hits.ending(h.start) if o.source == "kb" and self.state_of(o.key)), None)
            if first is None or self.state_of(first.key) == self.state_of(h.key):
                continue
            j = h.start + 1
            n = _phrase_at(doc, j, self.comp.militia_nouns) or int(
                j < len(doc) and w[j] in self.lex["force_equipment_nouns"]
            )
            if n and not any(o.source not in ("drop", "group") and o is not h for o in self.hits.covering(j)):
                e = self.entity(self.state_of(first.key))
                for o in (h, first, *self.hits.covering(j)):
                    o.source = "drop"
                name = f"{doc[first.start : h.start].text} {doc[h.start].text.rstrip('s')} forces"
                self._militia(first.start, j + n, slug(name), name, e.country if e is not None else None)
            else:
                h.source = "drop"

    def _named_groups(self) -> None:
        """'M23 rebels', 'Azov fighters': a proper name the KB lacks, right before an armed noun."""
        doc, nouns = self.doc, self.comp.militia_nouns
        armed = {w for w in self.lex["named_group_nouns"]}
        lowers = parse_arrays.of(doc).strings_of("lower")
        for i in range(len(doc) - 1):
            if lowers[i + 1] not in armed:
                continue
            t = doc[i]
            ner = [
                h
                for h in self.hits.covering(t.i)
                if h.source == "ner" and h.label in ("GPE", "ORG", "NORP") and h.end == t.i + 1
            ]
            start = min((h.start for h in ner), default=t.i)
            if self._free(t.i) and not ner:
                continue
            generic = [h for h in self.hits.starting(t.i + 1) if h.source == "group"]
            if self._free(t.i + 1) and not generic:
                continue
            if (
                t.pos_ != "PROPN"
                or not t.text[:1].isupper()
                or t.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL")
                or words(doc)[t.i] in _qualifiers()[0]
                or words(doc)[t.i] in _qualifiers()[1]
                or self._gazetteer_place(t.text)
            ):
                continue
            if start > 0 and doc[start - 1].pos_ == "PROPN":
                continue  # part of a longer name NER should have found
            n = _phrase_at(doc, t.i + 1, nouns)
            for h in generic + ner:
                h.source = "drop"
            name = doc[start : t.i + 1].text
            known = self._plural_named(name)
            if known is not None:  # "Tamil Tiger rebels": the group the KB knows as "Tamil Tigers"
                self._militia(start, t.i + 1 + max(n, 1), known.key, known.name, known.country)
                continue
            self._militia(start, t.i + 1 + max(n, 1), slug(name), name, None)
            if slug(name) in self.info:
                self.info[slug(name)]["named"] = True  # a proper name: 'the rebels' may stand for it

    def _plural_named(self, name: str):
        """The KB armed group a name in the singular stands for when the KB knows it only in the
        plural ('Tamil Tiger rebels': the 'Tamil Tigers'), else None."""
        if not name[-1:].isalpha() or name.endswith("s"):
            return None
        for r in self.kb.lookup(name + "s", self.when):
            e = self.kb.entities.get(r.key)
            if e is not None and e.type == "armed_group":
                return e
        return None

    def _camps(self) -> None:
        """'Haftar-led forces', 'pro-Haftar fighters', 'pro-Turkish militias': the armed side
        of a person or state, not the person or state itself."""
        doc, lex, nouns = self.doc, self.lex, self.comp.militia_nouns
        folded, texts = words(doc), token_texts(doc)
        for i in range(len(doc) - 2):
            if folded[i] == "pro" and texts[i + 1] == "-" and (n := _phrase_at(doc, i + 3, nouns)):
                self._camp(i, i + 2, i + 3 + n)
        for h in list(self.hits):
            j = h.end
            if h.source == "kb" and h.kind == "person" and j + 2 < len(doc) and doc[j].text == "-":
                if doc[j + 1].lower_ in lex["patron_suffixes"] and (n := _phrase_at(doc, j + 2, nouns)):
                    self._camp(h.start, h.start, j + 2 + n)

    def _camp(self, start: int, name: int, end: int) -> None:
        """The phrase doc[start:end] whose leader or patron is named at token `name`."""
        text = fold(self.doc[name].text)
        named = [h.key for h in self.hits if h.source == "kb" and fold(self.doc[h.end - 1].text) == text and h.key]
        named += [r.key for r in self.kb.lookup(self.doc[name].text, self.when) if r.kind in ("person", "demonym")]
        for key in named:
            if key in self.kb.people:
                body = next((t.country for t in self.kb.people[key].terms if self._armed(t.country)), None)
                if body:
                    self._take(start, end, body)
                return
            if (state := self.state_of(key)) is not None:
                client = self._client_group(state, single=False)
                if client:
                    self._take(start, end, client)
                elif self.entity(state) is not None:
                    self._take(start, end, None)
                    self._militia(
                        start, end, f"{state}-backed-militias", f"{self.entity(state).name}-backed militias", None
                    )
                return

    def _armed(self, key: str) -> bool:
        e = self.entity(key)
        return e is not None and e.type == "armed_group"

    def _take(self, start: int, end: int, key: Optional[str]) -> None:
        """Drop the names and NER spans inside a camp phrase; give it to `key` if one is given."""
        for o in list(self.hits.overlapping(start, end)):
            if o.source in ("kb", "ner", "group") and start <= o.start and o.end <= end:
                o.source = "drop"
        if key:
            self.hits.append(Hit(start, end, "militia", "generic", key=key))

    def _demonym_hit(self, i: int) -> bool:
        return any(h.source == "kb" and h.kind == "demonym" and h.end == i + 1 for h in self.hits.starting(i))

    def _patron_militias(self) -> None:
        """'<state>-backed militias': an armed group named after its patron."""
        doc, lex = self.doc, self.lex
        nouns = self.comp.militia_nouns
        self._clients: dict[str, Counter] = {}
        suffixes = {*lex["patron_suffixes"], *lex["leader_suffixes"]}
        for h in list(self.hits):
            if h.source != "kb" or not self.state_of(h.key) or h.key not in self.kb.entities:
                continue
            j = h.end
            if j + 1 < len(doc) and doc[j].text == "-" and doc[j + 1].lower_ in suffixes:
                k = j + 2
                n = _phrase_at(doc, k, nouns)
                one = k < len(doc) and doc[k].lower_ in lex["single_group_nouns"]
                if doc[j + 1].lower_ in lex["leader_suffixes"]:  # "US-led forces": the state's own side
                    own = n or int(k < len(doc) and doc[k].lower_ in lex["led_nouns"])
                    if own and not self._free(k):
                        self.hits.append(Hit(k, k + own, "militia", "generic", key=h.key))
                        continue
                client = self._client_group(h.key, single=one) if n or one else None
                if client and not self._free(k):  # "the Iran-backed group" = the Iran-backed group named
                    self.hits.append(Hit(k, k + max(n, 1), "militia", "generic", key=client))
                    continue
                if n and not self._free(k):
                    key = f"{h.key}-backed-militias"
                    self._militia(k, k + n, key, f"{self.kb.entities[h.key].name}-backed militias", None)

    def _client_group(self, patron: str, single: bool) -> Optional[str]:
        """The named armed group the KB says this state backs: the most named one for a singular
        noun ('the Iran-backed group'), only the one for a plural ('Iran-backed militias')."""
        count = self._clients.get(patron)
        if count is None:  # KB hits do not change in this pass: count once per patron
            count = self._clients[patron] = Counter(
                h.key
                for h in self.hits
                if h.source == "kb"
                and (e := self.entity(h.key)) is not None
                and e.type == "armed_group"
                and patron in e.patrons
            )
        if len(count) == 1 or single and count:
            return count.most_common(1)[0][0]
        return None

    def _militia(
        self, start: int, end: int, key: str, name: str, country: Optional[str], typ: str = "armed_group"
    ) -> None:
        for o in sorted(self.hits.overlapping(start, end), key=lambda o: o.start):
            if o.source != "drop":
                if o.source in ("kb",) and o.kind == "demonym" and o.start >= start:
                    o.source = "drop"
                elif o.source == "ner" and o.label == "NORP":
                    o.source = "drop"
                else:
                    return
        self.hits.append(Hit(start, end, "militia", "generic", key=key))
        self.info.setdefault(key, {"name": name, "type": typ, "country": country, "confidence": 0.75})
