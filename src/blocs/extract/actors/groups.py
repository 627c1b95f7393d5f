"""Generic groups: "the rebels", "the regime", "civilians" bound to the state named
with them or to the conflict country; plural peoples ("Syrians", "Iraqi Kurds").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Optional

from spacy.tokens import Token

from ...context import sent_of
from .base import ResolverBase
from .hits import Hit
from .lexicon import APOS, STATE_TYPES, _qualifiers, fold

if TYPE_CHECKING:
    from ...kb.loader import Entity


# Dependents that may stand between "the" and a government word: "the embattled, Muslim-led government".
MODIFIER_DEPS = frozenset({"amod", "compound", "npadvmod", "advmod", "punct", "nmod"})


class GroupPass(ResolverBase):
    def governments(self) -> None:
        """When the article names a state's government body ("Sudanese Armed Forces", "Myanmar's
        junta"), that state's other government and force phrases are that body too."""
        found: dict[str, Counter] = defaultdict(Counter)
        for h in self.hits:
            e = self.entity(h.key) if h.source == "kb" else None
            if e is not None and e.type == "government" and not e.parent and (state := self.state_of(h.key)):
                found[state][h.key] += 1
        self.gov_of = {state: keys.most_common(1)[0][0] for state, keys in found.items()}
        self.to_bodies()

    def to_bodies(self) -> None:
        """A state's government and force phrases ("Malian troops") are its government body."""
        for h in self.hits:
            if h.source in ("kb", "role") and h.kind == "government" and h.key in self.gov_of:
                h.key = self.gov_of[h.key]

    def groups(self) -> None:
        """Bind 'the rebels', 'the regime', 'civilians' to the conflict or to the state named with them."""
        main = self.kb.state(self.ctx.main_country) if self.ctx.main_country else None
        where = self.kb.state(self.where) if self.where else None
        need_state = set(self.lex["people_need_state"])
        need_ctx = set(self.lex["state_need_context"])
        self._armed_total: Optional[Counter[str]] = None  # KB and named militia hits do not change here
        self._home_groups: dict[str, Optional[str]] = {}
        self._at_war: Optional[bool] = None
        for h in self.hits:
            if h.source != "group" or self._other_group(h) or self._bound_to_own(h):
                continue
            state = self._bound_state(h)
            if h.label in ("armed", "rebels") and state is None:
                if same := self._leader_group(h) or self._same_noun_before(h):
                    h.key, h.kind = same, "generic"  # "rebels loyal to X"; "Islamist militants ... the militants"
                    continue
            phrase = fold(self._clean_at(h.start, h.end))
            bare = re.sub(r"^the ", "", phrase)
            if state is None:
                if bare in need_state or phrase in need_state:
                    h.source = "drop"
                    continue
                if h.label == "state" and bare in need_ctx and not self._governs(h) and not self._acts(h):
                    h.source = "drop"
                    continue
                state = (where or main) if h.label == "people" else self._holder_state(h) or main
                if h.label in ("people", "protesters", "workers"):
                    state = self._place_state(h) or state  # "protesters in <town>": the town's country
            if h.label == "armed" and self._armed_settled(h, state, bare):
                continue
            if h.label == "rebels" and self._bare_opposition(h, bare) and not self._armed_context(h):
                h.source = "drop"
                continue
            if state is None:
                h.source = "drop"
                continue
            conf = 0.85 if h.strong_state else 0.7
            if h.label == "state":
                body = self.gov_of.get(state.key) or (None if h.strong_state else self._unnamed_body(state))
                h.key, h.kind = body or state.key, "government"
                continue
            if h.label == "rebels" and self._bare_opposition(h, bare) and not self._war_story():
                self._political_opposition(h, state)  # "the opposition urged him to step down"
                continue
            self._bind_generic(h, state, conf)

    def _holder_state(self, h: Hit) -> Optional[Entity]:
        """'X, head of the armed forces', 'X, the army chief': a state's force named by the role of
        a person in apposition is the force of that person's state, not of the article's."""
        root = self.doc[h.end - 1]  # the phrase's noun ("the army": its determiner hangs on the role too)
        if root.dep_ == "pobj" and root.head.lower_ == "of":
            role = root.head.head
        elif root.dep_ in ("compound", "nmod"):
            role = root.head
        else:
            return None
        if role.lower_ not in self.comp.role_words:
            return None
        person = role.head if role.dep_ == "appos" else next((c for c in role.children if c.dep_ == "appos"), None)
        if person is None:
            return None
        for o in self.hits.overlapping(person.i, person.i + 1):
            if o.source != "drop" and o.key and self.is_person(o.key):
                p = self.kb.people.get(o.key)
                country = p.country if p is not None else self.info.get(o.key, {}).get("country")
                return self.kb.state(country) if country else None
        return None

    def _armed_settled(self, h: Hit, state, bare: str) -> bool:
        """'the group', 'the militants': the named armed group they stand for, else dropped, else
        (returns False) the conflict's rebels under another word."""
        group = self._named_group(h, state)
        if group:
            h.key, h.kind = group, "generic"
            return True
        if not self._rebels_by_another_name(h, bare):
            h.source = "drop"
            return True
        h.label = "rebels"  # "the rebels ... The guerrillas": no group named, the same fighters
        return False

    def _bind_generic(self, h: Hit, state, conf: float) -> None:
        """A generic phrase of a state: its home armed group for 'the rebels', else '<state>-<label>'."""
        group = self._home_group(state) if h.label == "rebels" else None
        if group:
            h.key, h.kind = group, "generic"
            return
        h.key, h.kind = f"{state.key}-{h.label}", "generic"
        dem = (state.demonyms or (state.name,))[0]
        name = self.lex["generic_groups"][h.label]["name"].format(demonym=dem)
        spec = self.lex["generic_groups"][h.label]
        self.info.setdefault(h.key, {"name": name, "type": spec["type"], "country": state.country, "confidence": conf})

    def ruling_councils(self) -> None:
        """'Sudan's Transitional Military Council': a ruling military council the KB lacks is its
        state's government; that state's unnamed government and force phrases ('the military',
        'the junta', 'the authorities') are the council, not a second body."""
        marks, heads = set(self.lex["ruling_council_marks"]), set(self.lex["ruling_council_heads"])
        firsts = set(self.lex["ruling_council_firsts"])
        for h in self.hits:
            if h.source != "ner" or h.label != "ORG" or not h.key or h.key in self.kb.entities:
                continue
            span = [t for t in self.doc[h.start : h.end] if t.lower_ != "the"]
            low = {w.lower_ for w in span}
            before = self.doc[h.start - 1].lower_ if h.start else ""
            if not low & marks or not low & heads or span[0].lower_ not in firsts and before not in firsts:
                continue
            owner = self._owner_before(h.start)
            state = self.kb.entities.get(owner[0]) if owner else self.kb.state(self.ctx.main_country or "")
            body = f"{state.key}-government" if state is not None else None
            if state is None or self.gov_of.get(state.key) != body or body not in self.info:
                continue
            for o in self.hits:
                if o.key == body and o.source != "drop":
                    o.key = h.key
            self.info.pop(body)
            self.info[h.key].update(type="government", country=state.country)
            self.gov_of[state.key] = h.key
            return

    def _same_noun_before(self, h: Hit) -> Optional[str]:
        """'the militants', 'the rebels': the armed group last named, in this sentence or the two
        before, by a phrase with the same head noun ('Islamist militants', 'Tuareg rebels')."""
        doc = self.doc
        start = h.start + (doc[h.start].lower_ == "the")
        if h.end - start != 1 or not (start > 0 and doc[start - 1].lower_ == "the"):
            return None
        head = {doc[h.end - 1].lemma_.lower(), doc[h.end - 1].lower_}  # spaCy leaves some capitalised plurals
        lo = sent_of(doc[h.start]).start
        for _ in range(2):
            lo = sent_of(doc[lo - 1]).start if lo > 0 else lo
        best = None
        for o in self.hits.overlapping(lo, start - 1):
            if not o.key or o.end >= start:
                continue
            named = o.source in ("kb", "militia") and o.end - o.start >= 2  # "Tuareg rebels"
            if not named and not (o.source == "group" and o.key in self.kb.entities):  # "rebels loyal to X"
                continue
            if (
                not head & {doc[o.end - 1].lemma_.lower(), doc[o.end - 1].lower_}
                or self._type_of(o.key) != "armed_group"
            ):
                continue
            best = o if best is None or o.start > best.start else best
        return best.key if best is not None else None

    def _leader_group(self, h: Hit) -> Optional[str]:
        """'rebels loyal to X', 'fighters led by X', "X's rebels": the armed group the KB has the
        person X lead on the article's date."""
        doc, at = self.doc, None
        if h.end + 2 < len(doc) and doc[h.end].lower_ in self.lex["leader_bind_words"]:
            at = self.hits.starting(h.end + 2)
        elif h.start > 1 and doc[h.start - 1].text in APOS:
            at = self.hits.ending(h.start - 1)
        for o in at or ():
            p = self.kb.people.get(o.key) if o.source == "kb" else None
            for t in p.terms if p is not None else ():
                e = self.kb.entities.get(t.country)
                if e is not None and e.type == "armed_group" and (t.covers(self.when) if self.when else t.end is None):
                    return e.key
        return None

    def _type_of(self, key: str) -> Optional[str]:
        e = self.entity(key)
        return e.type if e is not None else self.info.get(key, {}).get("type")

    def _rebels_by_another_name(self, h: Hit, bare: str) -> bool:
        """'the guerrillas', 'the insurgents' where the article names no armed group but speaks of
        'the rebels': the conflict's rebels under another word (not 'the group', 'the militia')."""
        words = bare.split()
        if not words or words[-1] not in self.lex["named_group_nouns"]:
            return False
        return any(o.source == "group" and o.label == "rebels" and o is not h for o in self.hits)

    def _bound_to_own(self, h: Hit) -> bool:
        """Is an armed phrase bound to the named group its own words give (or left for a later pass)?"""
        if h.label not in ("armed", "rebels", "gunmen"):
            return False
        own = self._own_group(h)
        if own:
            h.key, h.kind = own, "generic"
        return bool(own) or h.source == "drop"

    def _own_group(self, h: Hit) -> Optional[str]:
        """'militiamen of the Interahamwe', 'the Rwandan Patriotic Front (RPF) rebels': the named
        armed group the phrase's own words give, in an of-complement or right before it."""
        doc, i = self.doc, h.end
        if i + 1 < len(doc) and doc[i].lower_ in ("of", "from"):
            k = i + 1 + (doc[i + 1].lower_ == "the")
            near = self.hits.starting(k)
            while not near and k < min(len(doc) - 1, i + 14) and (doc[k].text[:1].isupper() or doc[k].is_stop):
                k += 1  # a long name NER missed, then its acronym: "of the Front for ... (FLA)"
                near = self.hits.starting(k + 1) if doc[k].text == "(" else []
        else:
            j = h.start
            while j > 0 and doc[j - 1].lower_ == "the":
                j -= 1
            if j > 1 and doc[j - 1].text == ")":
                j = next((k for k in range(j - 2, max(j - 6, 0), -1) if doc[k].text == "("), j)
            # "Taliban gunmen": unnamed attackers whose group stands right before them
            near = self.hits.ending(j) if j < h.start or h.label == "gunmen" else []
        for o in near:
            e = self.entity(o.key) if o.source == "kb" else None
            if o.source != "drop" and (e is not None and e.type == "armed_group" or o.source == "militia" and o.key):
                return o.key
            if o.source == "ner" and o.label == "ORG" and not o.key:  # keyed by the organisations pass
                self.__dict__.setdefault("_own_pending", []).append((h, o))
                h.source = "drop"
                return None
        return None

    def own_groups_named(self) -> None:
        """The phrases `_own_group` left to a name NER found: the phrase is that body, an armed one."""
        for h, o in self.__dict__.get("_own_pending", ()):
            if o.source == "ner" and o.key and self.info.get(o.key, {}).get("type") in ("other", "armed_group"):
                h.source, h.key, h.kind = "group", o.key, "generic"
                self.info[o.key]["type"] = "armed_group"

    def _other_group(self, h: Hit) -> bool:
        """'former rebel groups', 'other militias', 'ex-rebels': armed, but not the group the
        article is about; dropped rather than bound to it."""
        lo = h.start - 2 if h.start > 1 and self.doc[h.start - 1].text == "-" else h.start - 1
        words = {fold(t.text) for t in self.doc[max(lo, 0) : h.end]}
        if h.label == "state":
            return bool(words & set(self.lex["ousted_words"])) and self._former_rulers(h)
        if h.label not in ("armed", "rebels") or not words & set(self.lex["other_group_words"]):
            return False
        h.source = "drop"
        return True

    def _former_rulers(self, h: Hit) -> bool:
        """'the former regime', 'the ousted government': the rulers before the present ones, an
        actor apart from the government in power ('the former regime's diplomats' too)."""
        head = self.doc[h.end - 1]
        state = self.kb.entities.get(h.strong_state) if h.strong_state else None
        state = state or (self.kb.state(self.ctx.main_country) if self.ctx.main_country else None)
        if head.lemma_.lower() not in self.lex["ruler_nouns"] or head.dep_ == "compound" or state is None:
            return False
        dem = (state.demonyms or (state.name,))[0]
        h.key, h.kind = f"{state.key}-former-government", "generic"
        if h.start > 0 and fold(self.doc[h.start - 1].text) in self.lex["ousted_words"]:
            h.start -= 1  # the actor is "the former regime", not "regime"
        info = {"name": f"Former {dem} government", "type": "government", "country": state.country}
        self.info.setdefault(h.key, {**info, "confidence": 0.7})
        return True

    def _unnamed_body(self, state) -> str:
        """'the government', 'the junta', 'the authorities' of the conflict country with no state
        word beside them: the article speaks of the rulers as a body apart from the country
        (CAMEO's <state>GOV), so they are one government actor, as a KB-named body would be."""
        key = f"{state.key}-government"
        dem = (state.demonyms or (state.name,))[0]
        self.info.setdefault(
            key, {"name": f"{dem} government", "type": "government", "country": state.country, "confidence": 0.7}
        )
        self.gov_of[state.key] = key
        return key

    def _named_group(self, h: Hit, state) -> Optional[str]:
        """'the group', 'the paramilitary force': the named armed group they stand for: the one armed
        group of the conflict country the article names (or names twice as often as any other),
        else the one named last in this sentence or the one before."""
        if self._armed_total is None:
            self._armed_total = self._armed_counts()
        ranked = self._armed_total.most_common(2)
        top = self._country_of(ranked[0][0]) if ranked else None
        if (len(ranked) == 1 or len(ranked) == 2 and ranked[0][1] >= 2 * ranked[1][1]) and (
            state is None or top in (None, state.country)
        ):
            return ranked[0][0]
        # else the group named last, in this sentence or the one before ("X attacked ... The group said")
        sent = sent_of(self.doc[h.start])
        prev = sent_of(self.doc[sent.start - 1]) if sent.start > 0 else sent
        recent = self._armed_counts(prev.start, h.start)
        return max(recent, key=recent.__getitem__) if recent else None

    def _country_of(self, key: str) -> Optional[str]:
        e = self.entity(key)
        return e.country if e is not None else self.info.get(key, {}).get("country")

    def _armed_counts(self, lo: int = 0, hi: Optional[int] = None) -> Counter[str]:
        """Named non-state armed groups (KB or 'X rebels' names) and how often the article names them;
        with lo/hi, the last position where each is named between those tokens."""
        count: Counter[str] = Counter()
        hits = self.hits if hi is None else self.hits.overlapping(lo, hi)
        for h in hits:
            if h.source == "drop" or not h.key or h.source not in ("kb", "militia"):
                continue
            if hi is not None and not lo <= h.start < hi:
                continue
            e = self.entity(h.key)
            typ = e.type if e is not None else self.info.get(h.key, {}).get("type")
            named = e is not None or self.info.get(h.key, {}).get("named")
            if typ == "armed_group" and named:
                count[h.key] = max(count[h.key], h.start) if hi is not None else count[h.key] + 1
        return count

    def _place_state(self, h: Hit) -> Optional[Entity]:
        """The state whose town the phrase or, failing that, the sentence names ('protesters in X')."""
        doc = self.doc
        root = doc[h.start : h.end].root
        phrase = [t for t in root.subtree if t.i >= h.end]
        sent = sent_of(doc[h.start])
        for toks in (phrase, list(sent)):
            found = {c for t in toks if (c := self._town_country(t))}
            if len(found) == 1:
                return self.kb.state(found.pop())
        return None

    def _bound_state(self, h: Hit) -> Optional[Entity]:
        """The state a group phrase is bound to by its own words, if any."""
        if h.label == "state" and h.strong_state is None and (seat := self._seat_state(h)) is not None:
            h.strong_state = seat.key  # "the government in Kabul", "the regime in Syria"
        return self.kb.entities.get(h.strong_state) if h.strong_state else None

    def _seat_state(self, h: Hit) -> Optional[Entity]:
        """The state of a capital or country right after 'in' or 'of': 'the authorities in Damascus',
        'the government of South Sudan'."""
        doc, i = self.doc, h.end + 1
        if i >= len(doc) or doc[h.end].lower_ not in ("in", "of"):
            return None
        # "of Libya": the country's name; "in Guinea" only where it is not the article's conflict
        # country, the words' own default (an army "in" its own country may be a coup's government)
        of = doc[h.end].lower_ == "of"
        for o in self.hits.starting(i):
            if o.source == "kb" and o.kind in ("state", "name") and (e := self.entity(o.key)) is not None:
                if o.kind == "name" and (e.type != "state" or not of and e.country == self.ctx.main_country):
                    continue
                return self.kb.state(e.country) if e.country else None
        country = self._town_country(doc[i], doubtful=self.ctx.main_country)  # "police in <town>"
        return self.kb.state(country) if country else None

    def _town_country(self, tok: Token, doubtful: Optional[str] = None) -> Optional[str]:
        """ISO3 of the capital or town this token names (KB capitals, else gazetteer towns);
        `doubtful` for a town name several states share, none of them named in the article."""
        for o in self.hits.covering(tok.i):
            if o.source == "kb":
                if o.kind in ("capital", "seat") and (e := self.entity(o.key)) is not None:
                    return e.country if tok.i == o.start else None
                return None
        if tok.ent_type_ not in ("GPE", "LOC", "PERSON", "ORG", "FAC") or tok.ent_iob_ != "B":
            return None
        ent = self._ent_starting(tok.i)
        if (
            ent is None
            or ent.label_ not in ("GPE", "LOC")
            and not self._town_like(Hit(ent.start, ent.end, "ner", "ner", label=ent.label_), ent.text)
        ):
            return None
        best = self._town_entry(self._clean(ent), sure=True)
        if best is None and doubtful is not None and self._town_entry(self._clean(ent)) is not None:
            return doubtful  # towns of several states share the name, none of them named
        return best.country if best is not None else None

    def _home_group(self, state) -> Optional[str]:
        """The named armed group of that country the article names most ('the rebels' = M23 in eastern Congo)."""
        if state.country not in self._home_groups:
            count: Counter = Counter()
            for h in self.hits:
                e = self.entity(h.key) if h.source == "kb" else None
                if e is not None and e.type == "armed_group" and e.country == state.country:
                    count[h.key] += 1
            self._home_groups[state.country] = count.most_common(1)[0][0] if count else None
        return self._home_groups[state.country]

    def _acts(self, h: Hit) -> bool:
        """'Police arrested 20 students', 'Security forces fired tear gas': a bare state force that
        opens its sentence as the subject of a verb acts there (the conflict country's)."""
        doc = self.doc
        head = doc[h.end - 1]
        return (
            h.start == sent_of(doc[h.start]).start
            and doc[h.start].is_title
            and head.dep_ in ("nsubj", "nsubjpass")
            and head.head.pos_ == "VERB"
        )

    def _governs(self, h: Hit) -> bool:
        """'the government'/'the army' alone: only when preceded by 'the' (a known one), also across
        its modifiers ('the embattled government', 'the Muslim-led government')."""
        doc = self.doc
        if doc[h.start].lower_ == "the" or (h.start > 0 and doc[h.start - 1].lower_ == "the"):
            return True
        det = next((c for c in doc[h.end - 1].children if c.dep_ == "det"), None)
        if det is None or det.lower_ != "the" or not 0 < h.start - det.i <= 5:
            return False
        between = range(det.i + 1, h.start)  # a capitalised word names a body of its own ("the Nationalist
        # government") unless it opens a hyphenated modifier ("the Muslim-led government")
        return all(
            doc[i].dep_ in MODIFIER_DEPS and (not doc[i].is_title or i + 1 < h.start and doc[i + 1].text == "-")
            for i in between
        )

    def _bare_opposition(self, h: Hit, bare: str) -> bool:
        """'the opposition', or 'opposition' after the name of its state and before the role
        of one person ("Zambia opposition leader"): no word in it says the opposition is armed."""
        if bare == "opposition":
            return True
        toks = self.doc[h.start : h.end]
        last = toks[-1]
        return (
            last.lower_ == "opposition"
            and last.dep_ in ("compound", "amod")
            and last.head.lower_ in self.comp.role_words
            and all(t.text[:1].isupper() or t.lower_ == "the" for t in toks[:-1])
        )

    def _war_story(self) -> bool:
        """Does the article name an armed group or armed rebels (then 'the opposition' may be armed)?"""
        if self._at_war is None:
            self._at_war = any(
                o.source == "kb"
                and (e := self.entity(o.key)) is not None
                and e.type == "armed_group"
                or o.source == "group"
                and o.label in ("rebels", "armed")
                and "opposition" not in self._clean_at(o.start, o.end).lower()
                for o in self.hits
            )
        return self._at_war

    def _political_opposition(self, h: Hit, state) -> None:
        """'the opposition' in a story with no armed side: the state's political opposition (a party)."""
        h.key, h.kind = f"{state.key}-opposition", "generic"
        dem = (state.demonyms or (state.name,))[0]
        info = {"name": f"{dem} opposition", "type": "party", "country": state.country, "confidence": 0.7}
        self.info.setdefault(h.key, info)

    def _armed_context(self, h: Hit) -> bool:
        tok = self.doc[h.end - 1]
        return tok.dep_ in ("nsubj", "dobj", "pobj", "conj") and h.start > 0 and self.doc[h.start - 1].lower_ == "the"

    def plurals(self) -> None:
        """'Syrians' -> the population actor of the conflict country; 'the Russians' elsewhere -> the state."""
        main = self.ctx.main_country
        self._own_named = {o.key for o in self.hits if o.source == "kb" and o.kind in ("name", "government", "capital")}
        for h in self.hits:
            if h.source != "kb" or h.kind not in ("plural", "demonym"):
                continue
            last = self.doc[h.end - 1]
            if h.kind == "demonym" and not (last.text.endswith("s") and last.tag_ in ("NNS", "NNPS")):
                continue
            e = self.kb.entities[h.key]
            det = h.start > 0 and self.doc[h.start - 1].lower_ == "the"
            if e.type in STATE_TYPES and (e.country == main or not det):
                # "ethnic Uzbeks" in Kyrgyzstan: the country they live in, unless their kin state is
                # itself a party the article names ("ethnic Armenians" in a war Armenia fights)
                home = (
                    self.kb.state(main)
                    if main
                    and main != e.country
                    and h.start > 0
                    and self.doc[h.start - 1].lower_ in self.lex["minority_markers"]
                    and not self._named_elsewhere(h)
                    else None
                )
                h.source, h.label, h.strong_state = "group", "people", (home.key if home else h.key)
            elif det and (host := self._host_state(h, e.country)):
                h.source, h.label, h.strong_state = "group", "people", host  # "the Albanians of southern Serbia"
            else:
                h.kind = "demonym"

    def _host_state(self, h: Hit, own: Optional[str]) -> Optional[str]:
        """ "the Albanians of southern Serbia", "the Russians of eastern Ukraine": a people named
        with "of" and another state they live in is that state's population (CAMEO codes them as
        its civilians with their ethnicity), not their kin state. The key of that state, or None."""
        doc = self.doc
        if h.end >= len(doc) or doc[h.end].lower_ != "of" or doc[h.end].head.i != h.end - 1:
            return None
        obj = next((c for c in doc[h.end].children if c.dep_ == "pobj"), None)
        if obj is None:
            return None
        for o in self.hits.overlapping(obj.left_edge.i, obj.i + 1):
            key = self.state_of(o.key) if o.source == "kb" else None
            e = self.entity(key) if key else None
            if e is not None and e.type == "state" and e.country and e.country != own:
                return key
        return None

    def _named_elsewhere(self, h: Hit) -> bool:
        """Does the article name this state by its own name (not a demonym) somewhere else?"""
        return h.key in self._own_named  # h itself is a demonym, never one of these

    def qualified_peoples(self) -> None:
        """ "Iraqi Kurds", "Bosnian Serbs": a people qualified by a state's demonym is part of that
        state's population (CAMEO: IRQCVL (kur)), not the people's own state or group."""
        doc = self.doc
        _, _, plural_people = _qualifiers()
        for h in list(self.hits):
            if h.source != "kb" or h.kind != "demonym" or h.end >= len(doc) or not self.state_of(h.key):
                continue
            t = doc[h.end]
            own = next((o for o in self.hits.starting(t.i) if o.source != "drop" and o.end == t.i + 1), None)
            people = fold(t.text) in plural_people or (
                own is not None
                and own.source == "group"
                and own.label == "people"
                and own.strong_state not in (None, h.key)
            )
            plural = t.tag_ in ("NNS", "NNPS") or fold(t.text) in plural_people  # "Tutsis" is often tagged NNP
            if not people or not plural or (own is not None and own.source not in ("group", "ner")):
                continue
            for o in list(self.hits.covering(t.i)):
                if o.source != "drop" and o is not h:
                    o.source = "drop"
            h.source, h.label, h.strong_state, h.end = "group", "people", self.state_of(h.key), t.i + 1
