"""Roles: the state a titled person speaks for ("Kenya's foreign minister X"),
titles standing alone ("the Iranian president") and role anaphora ("the envoy").
"""

from __future__ import annotations

from typing import Optional

from ... import parse_arrays
from ...context import token_texts
from .base import ResolverBase
from .hits import Hit
from .lexicon import APOS, _edges, _phrase_at, words


class RolePass(ResolverBase):
    def _role_context(self, h: Hit) -> None:
        """Find the state that owns the person's role: appositive or compound before the name."""
        assert h.key is not None, "roles are looked up for a resolved person"
        doc = self.doc
        head = doc[h.end - 1]
        role_tok = None
        if head.dep_ == "appos" and head.head.i < h.start:
            role_tok = head.head
        elif head.head.i != head.i and head.head.dep_ == "appos" and head.head.head.i == head.i:
            role_tok = head.head
        else:
            for child in head.children:
                if child.dep_ == "appos" and child.lower_ in self.comp.role_words:
                    role_tok = child
        if role_tok is None or role_tok.lower_ not in self.comp.role_words:
            self._role_window(h)
            return
        for t in role_tok.subtree:
            if t.i >= h.start and t.i < h.end:
                continue
            for o in self.hits.covering(t.i):
                if o.source == "kb" and (state := self.state_of(o.key)) and o.key in self.kb.entities:
                    if (
                        t.dep_ in ("poss", "amod", "compound")
                        and t.head.i == role_tok.i
                        or (t.head.i == role_tok.i and t.dep_ in ("poss",))
                    ):
                        official = role_tok.lower_ in self.comp.official_role_words and not self._former(role_tok)
                        self._person_state(h.key, state, official)
                        self.role_of[role_tok.lower_] = h.key
                        return
        self._role_window(h)

    def _role_window(self, h: Hit) -> None:
        """Parse-free fallback: "<state>'s special envoy to Sudan, X" / "Kenyan Foreign Minister X"."""
        assert h.key is not None, "roles are looked up for a resolved person"
        doc, roles = self.doc, self.comp.role_words
        arrays, texts = parse_arrays.of(doc), token_texts(doc)  # read off the arrays: no Token per word
        lowers, pos, starts = arrays.strings_of("lower"), arrays.strings_of("pos"), arrays.sent_start_flags()
        i = h.start - 1
        if i >= 0 and texts[i] == ",":
            i -= 1
        k = i
        while k >= 0 and h.start - k <= 7 and lowers[k] not in roles:
            if texts[k] in (".", ";", ":") or lowers[k] == "and" or lowers[k] in self.lex["speech_forms"] or starts[k]:
                self._role_after(h)
                return
            k -= 1
        if k < 0 or lowers[k] not in roles:
            self._role_after(h)
            return
        j = k - 1
        while j >= 0 and k - j <= 3 and pos[j] in ("ADJ", "NOUN", "PROPN") and not self._kb_state_hit_ending(j + 1):
            j -= 1
        if j >= 0 and texts[j] in APOS:
            j -= 1
        self.role_of[lowers[k]] = h.key
        owner = self._kb_state_hit_ending(j + 1)
        if owner:
            official = lowers[k] in self.comp.official_role_words and not self._former(doc[k])
            self._person_state(h.key, owner, official)
            return
        self._role_after(h)

    def _role_after(self, h: Hit) -> None:
        """'X, Ukraine's deputy defence minister, said': the appositive after the name."""
        assert h.key is not None, "roles are looked up for a resolved person"
        doc, roles = self.doc, self.comp.role_words
        if h.end >= len(doc) or doc[h.end].text != ",":
            return
        owner = None
        for t in doc[h.end + 1 : h.end + 9]:
            if t.text in (",", ".", ";") or t.lower_ == "and" or t.lower_ in self.lex["speech_forms"]:
                return
            state = self._kb_state_hit_ending(t.i + 1)
            if state and owner is None:
                owner = state
            if t.lower_ in roles:
                self.role_of[t.lower_] = h.key
            if t.lower_ in roles and owner:
                official = t.lower_ in self.comp.official_role_words and not self._former(t)
                self._person_state(h.key, owner, official)
                return

    def _former(self, role_tok) -> bool:
        """A title the person no longer holds ("Yemen's former president", "the ex-premier"): he does not
        speak for the state."""
        doc, former = self.doc, self.lex["former_words"]
        if any(c.lower_ in former for c in role_tok.children):
            return True
        for t in reversed(doc[max(0, role_tok.i - 3) : role_tok.i]):
            if t.lower_ in former:
                return True
            if t.is_punct and t.text != "-":
                return False
        return False

    def _person_state(self, key: str, state_key: str, official: bool) -> None:
        info = self.info.get(key)
        e = self.kb.entities.get(state_key)
        if info is not None and info.get("country") is None and e is not None:
            info["country"] = e.country
        if official:
            self.roles.setdefault(key, state_key)

    def titles_alone(self) -> None:
        """'the president', "Iran's President", 'the Russian foreign minister' with no name after."""
        doc = self.doc
        firsts, folded = _edges(self.comp.titles)[0], words(doc)
        held: dict[tuple, str] = {}  # title words -> the person an owned title or apposition gave them
        i = 0
        while i < len(doc):
            if folded[i] not in firsts:
                i += 1  # (what _phrase_at would answer: no title starts here)
                continue
            n = _phrase_at(doc, i, self.comp.titles)
            if not n or self._free(i) or self._free(i + n - 1):
                i += 1
                continue
            nxt = doc[i + n] if i + n < len(doc) else None
            if nxt is not None and (nxt.ent_type_ == "PERSON" or nxt.pos_ == "PROPN"):
                i += n
                continue
            title = tuple(folded[i : i + n])
            role = self.comp.titles[title]
            owner = self._owner_before(i)
            if owner and role == "leader" and self._seat_owner(owner[1], i):
                i += n  # "the CIA chief", "Pentagon chief": the organ's head, not the state's leader
                continue
            start = owner[1] if owner else i
            state_key = owner[0] if owner else None
            named = self._named_before(start - 1 if start > 0 and doc[start - 1].lower_ == "the" else start)
            if (
                named and not (nxt is not None and nxt.tag_ == "POS")
            ):  # "X, the president's wife": not X's title  # "X, South Korea's foreign minister, said": the title is X's
                held[title] = named
                self.hits.append(Hit(start, i + n, "role", "leader", key=named))
                self._drop_inside(start, i + n, keep=self.hits[-1])
                i += n
                continue
            if start > 0 and doc[start - 1].lower_ in self.lex["indefinite_words"]:
                i += n  # "a foreign ministry spokeswoman": one of several, no one holder
                continue
            person = self._unnamed_holder(title, i, n, start, state_key, held)
            if person and owner:
                held[title] = person
            if person:
                if owner:
                    self._drop_inside(owner[1], i + n, keep=None)  # type: ignore[arg-type]
                self.hits.append(Hit(start, i + n, "role", "leader", key=person))
            i += n

    def _unnamed_holder(
        self, title: tuple, i: int, n: int, start: int, state_key: Optional[str], held: dict[tuple, str]
    ) -> Optional[str]:
        """Who a title with no name beside it stands for: the owning state's office holder ("the
        president of Iran"); for a bare "the <title>", the person an earlier owned title or
        apposition gave that title ("Japan's prime minister ... the prime minister herself"),
        else the article's main state's holder."""
        doc = self.doc
        nxt = doc[i + n] if i + n < len(doc) else None
        if state_key is None and nxt is not None and nxt.lower_ == "of" and i + n + 1 < len(doc):
            for h in self.hits.starting(i + n + 1):
                if h.source == "kb" and self.state_of(h.key) and h.key in self.kb.entities:
                    state_key = self.state_of(h.key)
        bare = state_key is None and start > 0 and doc[start - 1].lower_ == "the" and not self._named_after(i + n)
        if bare and title in held:
            return held[title]
        if bare and self.ctx.main_country and not self._of_other_body(i + n):
            s = self.kb.state(self.ctx.main_country)
            state_key = s.key if s else None
        return self._office_holder(state_key, self.comp.titles[title]) if state_key else None

    def _seat_owner(self, start: int, i: int) -> bool:
        """Is the owner before a title (from token start up to i) a state named only by a seat or
        organ ("CIA", "Pentagon"), not by its name, demonym or capital?"""
        return any(
            h.source == "kb" and h.kind == "seat" and h.start == start for k in (i, i - 1) for h in self.hits.ending(k)
        )

    def _named_before(self, k: int) -> Optional[str]:
        """'X Y, <title>': the person named right before the comma that opens an apposition
        ending at token k - 1 holds the title (the knowledge base's holder need not be that one)."""
        if k < 2 or self.doc[k - 1].text != ",":
            return None
        for h in self.hits.ending(k - 1):
            if h.source != "drop" and self.is_person(h.key):
                return h.key
        return None

    def _of_other_body(self, k: int) -> bool:
        """'the commander of the Rapid Support Forces': a title owned by a named body that is no
        state is that body's, not the main state's office holder."""
        doc = self.doc
        if k + 1 >= len(doc) or doc[k].lower_ != "of":
            return False
        at = k + 2 if doc[k + 1].lower_ == "the" else k + 1
        return any(o.source != "drop" and o.key and not self.state_of(o.key) for o in self.hits.starting(at))

    def _named_after(self, k: int) -> bool:
        """'the prime minister, X Y,': a name in apposition after an unowned title says who
        holds it; the main country's office holder in the knowledge base need not be that one."""
        doc = self.doc
        if k + 1 >= len(doc) or doc[k].text != ",":
            return False
        name = doc[k + 1]
        return (
            name.ent_type_ == "PERSON" and name.dep_ == "appos" or name.ent_iob_ == "B" and name.ent_type_ == "PERSON"
        )

    def role_anaphora(self) -> None:
        """'the envoy', 'the spokesman': the person the article introduced with that role."""
        doc = self.doc
        first_at: dict[str, int] = {}  # actor key -> where the article first names it
        for h in self.hits:
            if h.source != "drop" and h.key:
                first_at[h.key] = min(first_at.get(h.key, h.start), h.start)
        lowers = parse_arrays.of(doc).strings_of("lower")
        for i in range(1, len(doc)):
            if lowers[i] not in self.role_of:
                continue  # the test below, without making a Token
            t = doc[i]
            person = self.role_of.get(t.lower_)
            if person is None or doc[t.i - 1].lower_ != "the" or self._free(t.i):
                continue
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            if nxt is not None and (nxt.pos_ == "PROPN" or nxt.lower_ in ("of", "for", "to")):
                continue
            if first_at.get(person, len(doc)) < t.i:
                self.hits.append(Hit(t.i, t.i + 1, "role", "leader", key=person))

    def _office_holder(self, state_key: str, role: str) -> Optional[str]:
        """Who held the role for that state on the article's date (asked once per state and role:
        the KB walks all its people for it)."""
        held = self.__dict__.setdefault("_holders", {})
        if (state_key, role) not in held:
            held[state_key, role] = self._find_office_holder(state_key, role)
        return held[state_key, role]

    def _find_office_holder(self, state_key: str, role: str) -> Optional[str]:
        e = self.kb.entities.get(state_key)
        if e is None or not e.country or self.when is None:
            return None
        group = self.kb.roles.get("groups", {}).get(role, [role])
        found = [p.key for p, t in self.kb.leaders(e.country, self.when) if t.role in group]
        return found[0] if found else None
