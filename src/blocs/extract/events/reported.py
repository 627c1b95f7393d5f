"""Clause-level events of reported speech: what a speaker's words pin on others (accusing labels,
posed harms, wrongs, allegations), and the gerunds that name a topic rather than an act."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from ... import parse_arrays
from .arguments import Candidate
from .parse import _child, _conjuncts, view
from .patterns import _is_label, lem
from .state import CoderState
from .subjects import _negated, _subject_tokens


class ReportedMixin(CoderState):
    """Accusations read from reported clauses, for `SentenceCoder`."""

    def _topic_gerund(self, tok: Token) -> bool:
        """Is tok (or the clause it completes) a gerund that a noun or an adjective takes as its
        topic or purpose: "differences over pressuring X", "essential for persuading X to Y",
        "a debate about sending troops"? What is argued over or needed is not reported as done;
        "by omitting", "after seizing", "condemned X for attacking" are (their heads are verbs or
        their prepositions name no topic)."""
        v = view(tok.doc)  # over the parse arrays: no Token per step
        dep, head, i = v.dep, v.head, tok.i
        for _ in range(3):
            if v.tag[i] == "VBG" and dep[i] == "pcomp" and dep[head[i]] == "prep":
                prep, host = head[i], head[head[i]]
                if v.lower[prep] in self.lex.topic_preps and v.pos[host] in ("NOUN", "ADJ"):
                    return True
                return v.lower[prep] == "for" and v.pos[host] == "ADJ"
            if dep[i] not in ("xcomp", "ccomp", "conj") or head[i] == i:
                return False
            i = head[i]
        return False

    def reported_wrongs(self, cands: list[Candidate]) -> list[Candidate]:
        """ "X said Y's violation of the truce was unacceptable", "X added: '... Iran's wilful
        violation of its obligations'": a wrong the speaker pins on another (its possessive doer)
        is the speaker's accusation of it (CAMEO 112), not a refusal reported as fact."""
        if not cands:
            return []  # (the sentence's root and speakers are asked for nothing)
        root = self.sent.root
        subjects = _subject_tokens(root) if lem(root) in self.lex.speech else []
        said = {t.i for s in subjects for t in s.subtree}
        out = []
        for c in cands:
            noun, owner = c.trigger, _child(c.trigger, "poss")
            accused = self.res.actors([owner]) if owner is not None and c.type == "REJECT" else []
            quoted = self.res.coref.speaker_of_quote(noun) if accused and not subjects else None
            speakers = self.res.actors(subjects) if subjects else [quoted] if quoted else []
            if (
                c.type != "REJECT"
                or noun.i in said
                or noun.pos_ != "NOUN"
                or not _is_label(noun, self.lex)
                or not speakers
                or not accused
                or set(accused) & set(speakers)
            ):
                out.append(c)
                continue
            self.rules.setdefault(root.i, f"reported-wrong:{lem(noun)}")
            out.extend(self._expand("ACCUSE", root, [root, noun], speakers, accused, None, 0.6, [owner]))
        return out

    def reported_labels(self) -> list[Candidate]:
        """ "X said Y was the main instigator / a terrorist state": X accuses Y (CAMEO 112)."""
        out = []
        doc = self.sent.doc
        deps = parse_arrays.of(doc).strings_of("dep")
        for i in range(self.sent.start, self.sent.end):
            if deps[i] not in ("ccomp", "parataxis"):
                continue
            be = doc[i]
            if be.dep_ not in ("ccomp", "parataxis") or lem(be.head) not in self.lex.speech:
                continue
            attr, subj = self._reported_label(be), _child(be, "nsubj")
            if attr is None or subj is None or _negated(be, self.lex) or _negated(attr, self.lex):
                continue
            accused = self.res.actors(_conjuncts(subj))
            owner = _child(subj, "poss")
            if not accused and owner is not None:  # "Y's remarks posed a threat": Y is accused
                accused = self.res.actors([owner])
            speakers = self.res.actors(_subject_tokens(be.head))
            if accused and speakers and not set(accused) <= set(speakers):  # not "X said it was responsible"
                self.rules.setdefault(be.head.i, f"reported-label:{lem(attr)}")
                out.extend(self._expand("ACCUSE", be.head, [be.head, be], speakers, accused, None, 0.6, [subj]))
        return out

    def _reported_label(self, verb: Token) -> Optional[Token]:
        """The accusing word a reported clause says its subject is ("Y was a terrorist state", "Y
        was responsible for") or poses ("Y's move poses a threat to"), else None."""
        if lem(verb) == "be":
            attr = _child(verb, "attr", "acomp")
            return attr if attr is not None and _is_label(attr, self.lex) else None
        harm = _child(verb, "dobj") if lem(verb) in self.lex.posing_verbs else None
        return harm if harm is not None and lem(harm) in self.lex.posed_harms else None

    def allegations(self, cands: list[Candidate]) -> list[Candidate]:
        """ "X claimed that Y attacked Z": X accuses Y (PLOVER ACCUSE, CAMEO 112 "accuse")."""
        out = []
        for c in cands:
            if c.type in self.lex.cooperative or c.trigger.pos_ != "VERB" or c.sources[0] is None:
                continue
            clause = c.trigger
            while clause.dep_ == "conj" and clause.head.i != clause.i:
                clause = clause.head
            head = clause.head
            if clause.dep_ != "ccomp" or lem(head) not in self.lex.allege:
                continue
            speakers = self.res.actors(_subject_tokens(head))
            self.rules.setdefault(head.i, f"allegation:{lem(head)}")
            out.extend(self._expand("ACCUSE", head, [head], speakers, c.sources, None, 0.6, []))
        return out
