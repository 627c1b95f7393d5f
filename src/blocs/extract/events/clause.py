"""The act's own clause: the tokens a trigger's fallback target may be read from."""

from __future__ import annotations

from typing import Collection, Optional

from spacy.tokens import Token

from ... import parse_arrays
from .parse import CLAUSAL, SUBJ, _child, _own_clause, _partner, _side_by_side
from .patterns import HARM_PREPS, Lexicon, lem, reaction_to_harm
from .state import CoderState

# The only dependencies under which `_off_clause` (wide) can answer yes: the rest are skipped.
OFF_CLAUSE_DEPS = frozenset({*SUBJ, "agent", "prep", "ccomp", "parataxis", "advcl", "conj"})


class ClauseMixin(CoderState):
    """The trigger's clause without its agents, circumstances and (tight reading) side clauses."""

    def _clause_tokens(self, trig: Token, anchors: list, etype: str) -> list[Token]:
        """`_clause_indexes` as Tokens."""
        toks = parse_arrays.tokens(trig.doc)
        return [toks[i] for i in self._clause_indexes(trig, anchors, etype)]

    def _clause_indexes(
        self, trig: Token, anchors: list, etype: str, keep: Optional[Collection[int]] = None
    ) -> list[int]:
        """The trigger's clause without its agents and circumstance phrases: first without side
        clauses, then the tokens only the wide reading (side clauses kept) adds; in each part,
        nearest tokens after the trigger first. One walk of the clause serves both readings
        (over the parse arrays: a Token is made only for a phrase head that may be off).
        `keep`: only these tokens are asked for; a phrase holding none is not looked at."""
        doc, arrays = trig.doc, parse_arrays.of(trig.doc)
        toks, dep, heads = parse_arrays.tokens(doc), arrays.strings_of("dep"), arrays.head
        root = anchors[-1] if anchors else trig
        below_root = parse_arrays.subtree_of(doc, root.i)
        if trig.i not in below_root:
            root, below_root = trig, parse_arrays.subtree_of(doc, trig.i)
        wanted = None if keep is None else {i for i in below_root if i in keep and i != trig.i}
        if wanted is not None and not wanted:
            return []
        path = {trig.i}
        k, steps = trig.i, 0
        while heads[k] != k and steps < len(heads):  # the trigger's ancestors (as `Token.ancestors`)
            k, steps = heads[k], steps + 1
            path.add(k)
        if wanted is not None:
            return self._wanted_in_clause(trig, below_root, path, wanted, etype)
        blocked_wide: set[int] = set()
        blocked_tight: set[int] = set()
        for i in below_root:
            if i in path or i in blocked_wide:
                continue  # (inside a phrase off in both readings: nothing more to block)
            d = dep[i]
            if d in OFF_CLAUSE_DEPS and self._off_clause(toks[i], trig, path, etype, True):  # off in both readings
                below = parse_arrays.subtree_of(doc, i)
                blocked_wide.update(below)
                blocked_tight.update(below)
            elif d in CLAUSAL:  # a side clause: off in the tight reading only
                blocked_tight.update(parse_arrays.subtree_of(doc, i))
        tight = _nearest_first_at([i for i in below_root if i not in blocked_tight and i not in path], trig.i)
        wide = _nearest_first_at([i for i in below_root if i not in blocked_wide and i not in path], trig.i)
        seen = set(tight)
        return tight + [i for i in wide if i not in seen]

    def _wanted_in_clause(self, trig: Token, below_root: list, path: set, wanted: set, etype: str) -> list[int]:
        """`_clause_indexes` of the wanted tokens alone: a token is off in both readings when a
        phrase head on its way up to the trigger's path is off the clause (`_off_clause`, wide), and
        off in the tight reading when one is a side clause; the same answer as blocking every such
        phrase of the clause, asked only of the phrases that hold a wanted token."""
        arrays, toks = parse_arrays.of(trig.doc), parse_arrays.tokens(trig.doc)
        dep, heads = arrays.strings_of("dep"), arrays.head
        off: dict[int, bool] = {}
        wide_ok: set[int] = set()
        tight_ok: set[int] = set()
        for w in wanted:
            if w in path:
                continue
            k, tight, steps = w, True, 0
            while k not in path and steps < len(heads):
                d = dep[k]
                if d in OFF_CLAUSE_DEPS:
                    found = off.get(k)
                    if found is None:
                        found = off[k] = self._off_clause(toks[k], trig, path, etype, True)
                    if found:
                        break  # off in both readings
                tight = tight and d not in CLAUSAL
                k, steps = heads[k], steps + 1
            else:
                wide_ok.add(w)
                if tight:
                    tight_ok.add(w)
        tight_list = _nearest_first_at([i for i in below_root if i in tight_ok], trig.i)
        wide_list = _nearest_first_at([i for i in below_root if i in wide_ok], trig.i)
        seen = set(tight_list)
        return tight_list + [i for i in wide_list if i not in seen]

    def _off_clause(self, t: Token, trig: Token, path: set, etype: str, wide: bool) -> bool:
        """Does the phrase headed by t lie outside what the act is done to? Its agent, a
        circumstance ("without", "despite"), a direction for force ("the road to X"), someone
        else's reported words, a side clause ("while X ..."), or (unless wide) any clause."""
        lex = self.lex
        if t.head.i in path and (t.dep_ in SUBJ or t.dep_ == "agent"):
            return True
        if t.dep_ == "prep" and (
            t.lower_ in lex.fallback_blocked_preps
            or _side_by_side(t)
            or any(p.dep_ == "pobj" and _partner(p) for p in t.children)
            or (etype in lex.forceful and t.lower_ in lex.fallback_direction_preps and t.head.lower_ != "up")
            or (etype in lex.foe_prep_types and t.lower_ == "against")  # "pledged to cut violence against X"
            or (etype in lex.with_partner_types and t.lower_ == "with")  # "marched with the party": a fellow
            or (t.lower_ in HARM_PREPS and t.head.head.i == trig.i and reaction_to_harm(t.head, lex))
            or (etype in lex.cooperative and t.lower_ in ("on", "upon") and lex.noun.get(lem(t.head)) in lex.forceful)
            or (etype in lex.venue_types and t.lower_ in lex.venue_preps and t.head.i in path)
            or _route_end(t, lex)
        ):  # "up to 16 advisers" counts, it is no direction; "signed a deal in X": X is the venue
            return True
        if (
            t.dep_ in ("ccomp", "parataxis")
            and lem(t.head) in lex.speech
            and not (t.head.i == trig.i and etype in lex.speech_content_target)
        ):
            return True
        if t.dep_ in ("advcl", "conj") and any(
            m.dep_ == "mark" and m.lower_ in lex.fallback_blocked_marks for m in t.children
        ):
            return True
        if _own_clause(t):
            return True  # "A pledged tanks, and B will meet in X": B's clause is no part of A's act
        if t.dep_ == "conj" and t.head.i == trig.i and t.pos_ == "VERB" and _child(trig, "dobj") is not None:
            return True  # "condemned the move and vowed to challenge it in court": the court is the vow's
        return not wide and t.dep_ in CLAUSAL


def _route_end(prep: Token, lex: Lexicon) -> bool:
    """ "reopened the crossing from Chad", "closed the road from Somalia" (the parser may hang the
    "from" on the verb): where a way comes from, one end of it, no party to the act done on it."""
    if prep.lower_ != "from":
        return False
    head = prep.head
    return lem(head) in lex.route_nouns or any(
        c.dep_ == "dobj" and lem(c) in lex.route_nouns and c.i < prep.i for c in head.children
    )


def _nearest_first_at(indexes: list[int], i: int) -> list[int]:
    """Token indexes after position i in order, then those before it from the nearest back."""
    return [k for k in indexes if k > i] + [k for k in reversed(indexes) if k < i]
