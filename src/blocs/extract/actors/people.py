"""Persons: NER names the KB lacks, surnames joined to full names, titles,
bylines and towns NER took for people.
"""

from __future__ import annotations

import functools
from typing import Optional

from ...context import sent_of
from .base import ResolverBase
from .hits import Hit
from .lexicon import LOCATIVE, _phrase_before, fold, slug, words


class PeoplePass(ResolverBase):
    def people(self) -> None:
        self._given_name_of_another()
        kb_full = {}
        for h in self.hits:
            if h.source == "kb" and h.key in self.kb.people:
                kb_full[fold(self.kb.people[h.key].name.split()[-1])] = h.key
        seen_full: dict[str, str] = {}
        author = fold(self.ctx.document.author or "")
        self._full_names_from = self._last_full_name_starts()
        towns = self._names_used_as_towns()
        for h in self.hits:
            if h.source == "ner" and h.label == "PERSON":
                text = self._clean_at(h.start, h.end)
                toks = text.split()
                if (
                    not toks
                    or fold(text) == author
                    or self._byline(h)
                    or not any(c.isupper() for c in text)
                    or (len(toks) > 1 and text.isupper())
                    or self._place_like(h, text)
                    or self._definite(h)
                    or fold(text) in towns
                ):
                    h.source = "drop"
                    continue
                last = fold(toks[-1])
                known = len(toks) == 1 and (last in seen_full or last in kb_full)
                if not known and (self._not_an_actor(h, text) or self._lone_opener(h, last) or self._names_a_body(h)):
                    h.source = "drop"
                    continue
                if self._names_fighters(h):
                    h.label = "ORG"  # left for the named-group rule
                    continue
                if len(toks) == 1 and last in seen_full:
                    h.key = seen_full[last]
                elif len(toks) == 1 and last in kb_full:
                    h.key = kb_full[last]
                elif len(toks) == 1 and self._gazetteer_place(text) and not self._later_full(last, h):
                    h.source = "drop"
                    continue
                else:
                    h.key = slug(text)
                    self.info.setdefault(h.key, {"name": text, "type": "person", "country": None, "confidence": 0.7})
                    if len(toks) > 1:
                        seen_full.setdefault(last, h.key)
                h.kind = "name"
        self._local_names_win()
        self._given_names_join(set(kb_full) | set(seen_full))
        self._surnames_anywhere({**kb_full, **seen_full})
        self._surnames_before(seen_full)
        self._known_as()
        for h in self.hits:
            if h.source in ("kb", "ner") and self.is_person(h.key):
                self._title(h)
        self._office_titles()
        self._kin_names()

    def _kin_names(self) -> None:
        """ "Gbagbo's wife Simone": a lone given name after a person's possessive and a family noun
        is that relative, named in full with the person's surname ("Simone Gbagbo")."""
        doc, renamed = self.doc, {}
        for h in self.hits:
            if h.source != "ner" or h.size != 1 or not h.key or h.key not in self.info or not self.is_person(h.key):
                continue
            i = h.start - 1 - (h.start > 0 and doc[h.start - 1].text == ",")
            if i < 1 or doc[i].lower_ not in self.lex["kin_nouns"]:
                continue
            if doc[i - 1].lower_ in ("his", "her"):  # "His wife Simone": the person named last before
                owner = self._person_before(i - 1)
            elif i > 1 and doc[i - 1].tag_ == "POS":
                owner = next((o for o in self.hits.ending(i - 1) if o.source != "drop" and self._person_name(o)), None)
            else:
                continue
            if owner is not None and owner.key != h.key:
                name = f"{self._clean_at(h.start, h.end)} {self._person_name(owner).split()[-1]}"
                renamed[h.key] = slug(name)
                self.info[slug(name)] = {**self.info.pop(h.key), "name": name}
        for h in self.hits:
            if h.key in renamed:
                h.key = renamed[h.key]
        self._female_surnames()

    def _person_before(self, i: int) -> Optional[Hit]:
        """The person named last before token i, in its sentence or the one before."""
        sent = sent_of(self.doc[i])
        lo = sent_of(self.doc[sent.start - 1]).start if sent.start > 0 else sent.start
        named = [o for o in self.hits.overlapping(lo, i) if o.end <= i and o.source != "drop" and self._person_name(o)]
        return max(named, key=lambda o: o.start) if named else None

    def _female_surnames(self) -> None:
        """'Mrs Gbagbo' where the article names a relative of a KB person with that surname
        ('his wife Simone' = Simone Gbagbo): that relative, not the KB person the surname names."""
        doc, female = self.doc, set(self.lex["female_honorifics"])
        kin = {
            fold(v["name"].split()[-1]): k
            for k, v in self.info.items()
            if v.get("type") == "person" and " " in v["name"]
        }
        for h in self.hits:
            if h.source != "kb" or h.key not in self.kb.people:
                continue
            inside = h.end - h.start == 2 and doc[h.start].lower_.rstrip(".") in female  # the hit holds "Mrs"
            before = h.end - h.start == 1 and h.start > 0 and doc[h.start - 1].lower_.rstrip(".") in female
            if not inside and not before:
                continue
            other = kin.get(fold(doc[h.end - 1].text))
            if other and other != h.key and other not in self.kb.people:
                h.key = other
            elif self.kb.people[h.key].sex != "f":
                self._woman_named(h)

    def _given_name_of_another(self) -> None:
        """ "Saddam Barzani": a one-word KB name ("Saddam") right before another person's surname is
        the given name of someone the KB lacks, not the KB person."""
        for h in self.hits:
            if h.source != "kb" or h.size != 1 or h.key not in self.kb.people:
                continue
            known = {fold(w) for w in self.kb.people[h.key].name.split()}
            nxt = next((n for n in self.hits.starting(h.end) if n.source in ("kb", "ner") and n.size == 1), None)
            if nxt is None or not self.doc[nxt.start].text[:1].isupper() or fold(self.doc[nxt.start].text) in known:
                continue
            if not (self.is_person(nxt.key) if nxt.source == "kb" else nxt.label == "PERSON"):
                continue
            nxt.source = "drop"
            h.end = nxt.end
            self._new_person(h)

    def _new_person(self, h: Hit) -> None:
        """The hit names a person the KB lacks, by the words it covers."""
        text = self._clean_at(h.start, h.end)
        h.source, h.label, h.kind, h.key = "ner", "PERSON", "name", slug(text)
        self.info.setdefault(h.key, {"name": text, "type": "person", "country": None, "confidence": 0.7})

    def _woman_named(self, h: Hit) -> None:
        """ "Mrs Gandhi", "Madame Kabore" where the KB gave a man: the one woman of the KB with
        that surname, else a person of that name the KB lacks (never the man)."""
        women = _women_by_alias(self.kb).get(fold(self.doc[h.end - 1].text), ())
        if len(women) == 1:
            h.key = women[0]
            return
        self._new_person(h)

    def _office_titles(self) -> None:
        """'UN Secretary-General Antonio Guterres': a KB office (an international body's part, its
        name ending in a title word) right before one person's name is that person's title, there and
        wherever the article names the office again; not an actor of its own."""
        doc = self.doc
        holders: dict[str, set[str]] = {}
        for h in self.hits:
            e = self.entity(h.key) if h.source == "kb" else None
            if e is None or e.type != "igo" or e.parent is None or doc[h.end - 1].lower_ not in self.comp.title_words:
                continue
            nxt = [o for o in self.hits.starting(h.end) if o.source != "drop" and self.is_person(o.key)]
            if nxt and "\n" not in doc[h.end - 1].whitespace_:
                holders.setdefault(h.key or "", set()).add(nxt[0].key or "")
        for h in self.hits:
            if h.source == "kb" and h.key in holders and len(holders[h.key]) == 1:
                h.key, h.kind = next(iter(holders[h.key])), "leader"

    def _surnames_before(self, seen_full: dict[str, str]) -> None:
        """A surname seen before its full name joins it too."""
        for h in self.hits:
            if h.source == "ner" and h.label == "PERSON" and h.key and " " not in self._clean_at(h.start, h.end):
                last = fold(self._clean_at(h.start, h.end))
                if last in seen_full and h.key != seen_full[last]:
                    self.info.pop(h.key, None)
                    h.key = seen_full[last]

    def _local_names_win(self) -> None:
        """A bare surname the KB knows ("Mao") is the person the article names in full with
        that word ("Mao Ning"), not the office-holder of another era, unless the article
        names that one in full too."""
        named: dict[str, str] = {}
        for h in self.hits:
            if h.size > 1 and h.key and self._personish(h):
                toks = self._clean(self.doc[h.start : h.end]).split()
                for t in (toks[0], toks[-1]):
                    named.setdefault(fold(t), h.key)
        if not named:
            return
        full = {h.key for h in self.hits if h.source == "kb" and h.size > 1}
        for h in self.hits:
            if h.source == "kb" and h.size == 1 and h.key in self.kb.people and h.key not in full:
                local = named.get(fold(self.doc[h.start].text))
                if local and local != h.key:
                    h.source, h.label, h.key, h.kind = "ner", "PERSON", local, "name"

    def _given_names_join(self, surnames: set[str]) -> None:
        """A bare name that is the first word of one person the article names in full ("Prince
        Mohammed" after "Mohammed bin Salman", "Geng" after "Geng Shuang", names written surname
        first) is that person, unless it is also someone's last name or opens two full names."""
        firsts: dict[str, set[str]] = {}
        for h in self.hits:
            name = self._person_name(h)
            if name and " " in name:
                firsts.setdefault(fold(name.split()[0]), set()).add(h.key or "")
        moved: dict[str, str] = {}
        for h in self.hits:
            if h.source != "ner" or h.label != "PERSON" or not h.key or h.size != 1:
                continue
            first = fold(self.doc[h.start].text)
            owners = firsts.get(first, set())
            name = self._person_name(h)
            if len(owners) == 1 and first not in surnames and name and " " not in name and h.key in self.info:
                moved[h.key] = next(iter(owners))
        for h in self.hits:
            if h.key in moved:
                h.key = moved[h.key]
        for key in moved:
            self.info.pop(key, None)

    def _known_as(self) -> None:
        """'X, better known as Y', 'X, dubbed Y': one person under two names (naming_verbs); the
        name the knowledge base knows is kept, else the first."""
        doc = self.doc
        for a in list(self.hits):
            if not self._person_name(a):
                continue
            i = a.end + (a.end < len(doc) and doc[a.end].text == ",")
            while i < min(len(doc), a.end + 4) and doc[i].pos_ == "ADV":
                i += 1  # "better", "widely", "also"
            if i >= len(doc) or doc[i].lower_ not in self.lex["naming_verbs"]:
                continue
            i += 1 + (i + 1 < len(doc) and doc[i + 1].lower_ == "as")
            b = next((o for o in self.hits.starting(i) if self._nickname(o) and o.key != a.key), None)
            if b is not None and not b.key:
                b.label, b.key, b.kind = "PERSON", a.key, "name"
                continue
            if b is None or (a.key in self.kb.people and b.key in self.kb.people):
                continue
            keep, gone = (b.key, a.key) if b.key in self.kb.people else (a.key, b.key)
            for h in self.hits:
                if h.key == gone:
                    h.key = keep
            self.info.pop(gone or "", None)

    def _nickname(self, h: Hit) -> bool:
        """A name after 'known as': a person's, or an NER 'organisation' with no word of a body
        ("X, known as Barbecue"), which becomes a name of the person."""
        if self._person_name(h):
            return True
        if h.source != "ner" or h.label != "ORG" or h.key or not self.doc[h.start].text[:1].isupper():
            return False
        return not any(t.lower_ in self.comp.org_words for t in self.doc[h.start : h.end])

    def _person_name(self, h: Hit) -> str:
        """The name of the person a resolved hit stands for ("" when it is not a person)."""
        if not h.key or h.source == "drop" or not self.is_person(h.key):
            return ""
        person = self.kb.people.get(h.key)
        return person.name if person is not None else self.info[h.key].get("name", "")

    def _surnames_anywhere(self, known: dict[str, str]) -> None:
        """A bare surname of a person the article names joins him, whatever NER called it."""
        if not known:
            return
        covered = {}
        for h in self.hits:
            if h.source != "drop":
                for i in range(h.start, h.end):
                    covered[i] = h
        for i, f in enumerate(words(self.doc)):
            if f not in known:
                continue
            t = self.doc[i]
            if not t.text[:1].isupper():
                continue
            h = covered.get(t.i)
            if h is None:
                self.hits.append(Hit(t.i, t.i + 1, "ner", "name", key=known[f], label="PERSON"))
            elif h.source == "ner" and h.label != "PERSON" and self._titled_name(h, t.i):
                h.label, h.key, h.kind = "PERSON", known[f], "name"
        self.hits.sort(key=lambda h: h.start)

    def _titled_name(self, h: Hit, last: int) -> bool:
        """Is the hit just the surname at `last`, or an honorific and that surname ("Ms X's",
        which NER may tag as an organisation)?"""
        if h.end != last + 1:
            return False
        return h.size == 1 or self._title_before(last) == h.size - 1

    def _last_full_name_starts(self) -> dict[str, int]:
        """Folded last word of each multi-word NER person name -> where its last such name starts."""
        out: dict[str, int] = {}
        for o in self.hits:
            if o.source == "ner" and o.label == "PERSON" and o.size > 1:
                last = fold(self.doc[o.end - 1].text)
                out[last] = max(out.get(last, -1), o.start)
        return out

    def _later_full(self, last: str, h: Hit) -> bool:
        """Is there a longer person name ending in this word later on?"""
        return self._full_names_from.get(last, -1) > h.start

    def _place_like(self, h: Hit, text: str) -> bool:
        """NER calls some towns persons ("turning Mariupol into"): a one-word name that the
        article elsewhere tags as a place, or a name that sits in a list of places, is one."""
        tok = self.doc[h.end - 1]
        if any(c.dep_ == "conj" and c.ent_type_ in ("GPE", "LOC") for c in tok.children):
            return True  # "X Y, Brega and Tobruk": the first of a list of towns
        if " " in text:
            return False
        places, persons = self._ent_counts()
        if places[fold(text)] > persons[fold(text)]:
            return True
        for _ in range(4):
            if tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE:
                return True
            if tok.dep_ not in ("conj", "appos") or tok.head.i == tok.i:
                return False
            tok = tok.head
            if tok.ent_type_ in ("GPE", "LOC"):
                return True
        return False

    def _lone_opener(self, h: Hit, last: str) -> bool:
        """A capitalised word opening a sentence that NER took for a person ("Gunfire erupted",
        "Celebratory gunfire"): one word, no full name ends in it, no title, role or speech."""
        tok = self.doc[h.start]
        return h.size == 1 and bool(tok.is_sent_start) and last not in self._full_names_from and not self._person_cue(h)

    def _names_used_as_towns(self) -> set[str]:
        """Names NER calls persons that the article once names with a settlement noun ('the
        provincial capital of X', 'X province'): a place everywhere in the article."""
        return {
            fold(self._clean_at(h.start, h.end))
            for h in self.hits
            if h.source == "ner" and h.label == "PERSON" and self._settlement_cue(h)
        }

    def _names_a_body(self, h: Hit) -> bool:
        """'Tamil Tiger leader Velupillai Prabhakaran': a name NER took for a person, right before a
        role word and another capitalised name with no possessive between, names the body the role
        belongs to (people are written 'X's spokesman Y', not 'X spokesman Y')."""
        doc, i = self.doc, h.end
        return (
            i + 1 < len(doc)
            and doc[i].lower_ in self.comp.role_words
            and doc[i + 1].pos_ == "PROPN"
            and doc[i + 1].text[:1].isupper()
            and not self._title_before(h.start)
        )

    def _names_fighters(self, h: Hit) -> bool:
        """'Tamil Tiger rebels': a name NER took for a person, used as the modifier of a plural armed
        noun, names the group (a person's fighters are written 'X's fighters', 'pro-X fighters' or,
        by surname alone, 'X fighters'; a full name is not used so)."""
        doc, i = self.doc, h.end
        return (
            h.size > 1
            and i < len(doc)
            and doc[i].lower_ in self.lex["named_group_nouns"]
            and not self._title_before(h.start)
        )

    def _definite(self, h: Hit) -> bool:
        """'the Sahel', 'the Donbas': English puts no article before a person's bare name, so an
        NER 'person' after 'the' (with no title between) is a region or a thing."""
        return h.start > 0 and self.doc[h.start - 1].lower_ == "the" and not self._title_before(h.start)

    def _byline(self, h: Hit) -> bool:
        """A name standing alone on its line near the top is the author's byline."""
        if h.start >= 80:
            return False
        sent = sent_of(self.doc[h.start])
        words = [t for t in sent if t.is_alpha]
        if h.start < 60 and len(words) <= len([t for t in self.doc[h.start : h.end] if t.is_alpha]) + 1:
            return True
        # "By Jane Doe and John Roe": a short line near the top that opens with "By"
        doc, i = self.doc, h.start
        while i > 0 and "\n" not in doc[i - 1].text_with_ws:
            i -= 1
        j = h.end
        while j < len(doc) and "\n" not in doc[j - 1].text_with_ws:
            j += 1
        line = doc[i:j]
        return (
            h.start < 80
            and doc[i].lower_ == "by"
            and len([t for t in line if t.is_alpha]) <= 12
            and all(t.text[:1].isupper() or t.lower_ in ("by", "and") or not t.is_alpha for t in line)
        )

    def _title(self, h: Hit) -> None:
        """'President Ruto' (title joins the name); "Kenya's President X" (title is its own mention);
        "Turkey's special envoy to Libya, X" (role gives the person's state)."""
        assert h.key is not None, "roles are looked up for a resolved person"
        doc = self.doc
        r = _phrase_before(doc, h.start, self.comp.role_titles)
        for o in list(self.hits.overlapping(h.start - r, h.start)):
            if o.source == "ner" and o is not h and h.start - r <= o.start and o.end <= h.start:
                o.source = "drop"  # "Secretary of State X": NER's ORG "State"
        if r:
            self.role_of[doc[h.start - 1].lower_] = h.key
        n = self._title_before(h.start)
        if n:
            t0 = h.start - n
            owner = self._owner_before(t0)
            if owner:
                state_key, o_start = owner
                self.hits.append(Hit(o_start, h.start, "role", "leader", key=h.key))
                self._drop_inside(o_start, h.start, keep=self.hits[-1])
                former = o_start > 0 and words(doc)[o_start - 1] in self.lex["former_words"]
                self._person_state(h.key, state_key, official=not former)
            elif not self._free_except(t0, h.start, h) and doc[t0].text[:1].isupper():
                h.start = t0
        self._role_context(h)

    def _person_like(self, h: Hit) -> bool:
        """NER sometimes tags a person as ORG: 'Hanna Maliar, Ukraine's deputy defence minister,'."""
        doc = self.doc
        words = doc[h.start : h.end]
        if not 2 <= len(words) <= 3 or not all(t.is_title and t.is_alpha for t in words):
            return False
        org_words = self.comp.org_words
        if any(t.lower_ in org_words for t in words):
            return False
        if self._title_before(h.start) or _phrase_before(doc, h.start, self.comp.role_titles):
            return True
        roles = self.comp.role_words
        if h.start > 1 and doc[h.start - 1].text == "," and doc[h.start - 2].lower_ in {*roles, *self.lex["kin_nouns"]}:
            return True  # "Venezuela's oil minister, X", "the president's brother, X"
        if h.end < len(doc) and doc[h.end].text == ",":
            owner = False
            for t in doc[h.end + 1 : h.end + 8]:
                if t.text in (",", ".", ";") or t.lower_ == "and" or t.lower_ in self.lex["speech_forms"]:
                    break
                owner = owner or bool(self._kb_state_hit_ending(t.i + 1))
                if t.lower_ in roles and owner:
                    return True
        return False

    def _person_cue(self, h: Hit) -> bool:
        """A title before the name, a role in apposition, or the name speaking: a person."""
        doc = self.doc
        if self._title_before(h.start) or _phrase_before(doc, h.start, self.comp.role_titles):
            return True
        root = doc[h.start : h.end].root
        if root.dep_ == "nsubj" and root.head.lemma_.lower() in self.lex["speech_lemmas"]:
            return True
        roles = self.comp.role_words
        return any(t.dep_ == "appos" and t.head.i == root.i and t.lower_ in roles for t in doc[h.end : h.end + 8])


@functools.lru_cache(maxsize=1)
def _women_by_alias(kb) -> dict[str, tuple[str, ...]]:
    """The KB's women by each folded alias, built once per KB (asked at every "Mrs X" a man matched)."""
    found: dict[str, list[str]] = {}
    for p in kb.people.values():
        if p.sex == "f":
            for alias in {fold(a) for a in p.aliases}:
                found.setdefault(alias, []).append(p.key)
    return {alias: tuple(keys) for alias, keys in found.items()}
