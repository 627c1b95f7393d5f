"""Coups: a state's army moving against its own rulers is an actor apart from them.

Elsewhere "the army", "troops" and "Gabon's military" are the state's government body
(CAMEO codes a state's military as a sector of the state). When the article shows the
force detaining, ousting or moving against the state's own leader or government, the
force and the rulers are two sides: its force phrases become "<demonym> military".
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from ... import parse_arrays
from .base import ResolverBase
from .hits import Hit

# Dependencies of a coup noun that is itself what the clause is about, not a time marker.
CORE_DEPS = frozenset({"dobj", "attr", "nsubj", "nsubjpass", "appos", "ROOT", "conj", "oprd"})


class CoupPass(ResolverBase):
    def coup_forces(self) -> None:
        """Split the force phrases of a state whose force acts against its own rulers."""
        for state in self._couped_states():
            bodies = {state, self.gov_of.get(state)}
            key = f"{state}-military"
            for h in self.hits:
                if h.source != "drop" and h.key in bodies and self._force_head(h):
                    h.key, h.kind = key, "generic"
            e = self.entity(state)
            dem = (e.demonyms or (e.name,))[0] if e is not None else state
            self.info.setdefault(
                key, {"name": f"{dem} military", "type": "government", "country": self._iso(state), "confidence": 0.8}
            )

    def _iso(self, state: str) -> Optional[str]:
        e = self.entity(state)
        return e.country if e is not None else None

    def _force_head(self, h: Hit) -> bool:
        arrays, k, nouns = parse_arrays.of(self.doc), h.end - 1, self.lex["coup_force_nouns"]
        lowers = arrays.strings_of("lower")
        if any(lowers[i] in self.lex["coup_police_marks"] for i in range(h.start, h.end)):
            return False  # "police officers" are not the army that moved against the rulers
        return arrays.strings_of("lemma")[k].lower() in nouns or lowers[k] in nouns

    def _couped_states(self) -> list[str]:
        out: list[str] = []
        for h in self.hits:
            if h.source == "drop" or not h.key or not self._force_head(h):
                continue
            state = self._body_state(h.key)
            head = self.doc[h.end - 1]
            if state and state not in out and (self._moves_against_rulers(head, state) or self._in_coup(head)):
                out.append(state)
        return out

    def _in_coup(self, head: Token) -> bool:
        """The force is the subject of a main clause of a sentence about a coup told as news
        ("the army denied that its takeover was a coup"), not a past coup ("took power in a 2021
        coup", "since the coup", a clause qualifying the force: "the army, which seized power in a
        coup"). The coup noun is an argument of its clause ("staged a coup", "was not a coup")."""
        if head.dep_ != "nsubj" or head.head.dep_ in ("relcl", "acl", "advcl"):
            return False
        sent = head.sent
        if not any(
            t.pos_ == "NOUN" and t.lemma_.lower() in self.lex["coup_nouns"] and t.dep_ in CORE_DEPS for t in sent
        ):
            return False  # "since the coup", "after the coup": a time marker, a past coup
        return self._told_now(sent)

    def _power(self, tok: Token) -> bool:
        """ "power", "the helm"; "control" only of the country or its government (not of a town)."""
        lemma = tok.lemma_.lower()
        if lemma in self.lex["coup_power_nouns"]:
            return True
        return lemma == "control" and any(
            p.lemma_.lower() in self.lex["coup_seat_nouns"]
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children
        )

    def _told_now(self, sent) -> bool:
        """No year before the publication year in the sentence."""
        published = self.ctx.published
        years = [int(t.text) for t in sent if t.like_num and len(t.text) == 4 and t.text.isdigit()]
        return not any(published is None or y < published.year for y in years)

    def _body_state(self, key: str) -> Optional[str]:
        """The state a government body or state key stands for."""
        e = self.entity(key)
        if e is not None and e.type == "state":
            return key
        return next((s for s, body in self.gov_of.items() if body == key), None)

    def _moves_against_rulers(self, head: Token, state: str) -> bool:
        """The force is the subject (or the by-agent) of a coup verb whose object is the state's
        leader or its government: "the army detained the president", "placed X under house arrest",
        "soldiers dissolved the government", "the military moved against X"."""
        lex, doc = self.lex, head.doc
        if head.i + 1 < len(doc) and doc[head.i + 1].lemma_.lower() in lex["coup_verbs"]:
            # "the military seized power", whether parsed as a clause or misparsed as one noun
            # phrase (after a dateline: "seized" an adjective of "control"): read the words in order
            verb = doc[head.i + 1]
            if self._takes_power(verb, list(doc[verb.i + 1 : min(verb.i + 4, verb.sent.end)])):
                return True
        if head.dep_ == "nsubj":
            verb = head.head
        elif head.dep_ == "pobj" and head.head.dep_ == "agent":
            verb = head.head.head
        else:
            return False
        for v in [verb, *verb.conjuncts]:
            if v.lemma_.lower() not in lex["coup_verbs"]:
                continue
            objs = [c for c in v.children if c.dep_ in ("dobj", "nsubjpass")]
            objs += [p for c in v.children if c.dep_ == "prep" and c.lower_ == "against" for p in c.children]
            if any(self._ruler_of(o, state) for o in objs) or self._takes_power(v, objs):
                return True
        return False

    def _takes_power(self, verb: Token, objs: list[Token]) -> bool:
        """ "seized power", "took control of the country" told as news: a coup in the article's own
        time, not the past one that brought today's rulers ("the army, which seized power in 2021")."""
        if verb.dep_ in ("relcl", "acl") or not any(self._power(o) for o in objs):
            return False
        return self._told_now(verb.sent)

    def _ruler_of(self, tok: Token, state: str) -> bool:
        """A person who leads `state`, or its government named by a ruler noun ("the government")."""
        for h in self.hits.covering(tok.i):
            if h.source == "drop" or not h.key:
                continue
            if self.is_person(h.key):
                if self.state_of(h.key) == state or self.roles.get(h.key) == state:
                    return True
            elif h.key in (state, self.gov_of.get(state)) and tok.lemma_.lower() in self.lex["coup_ruler_nouns"]:
                return True
        return False
