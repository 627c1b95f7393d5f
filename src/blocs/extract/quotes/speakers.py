"""Speakers: who a speech verb's subject stands for.

Names go through the context's mentions; a lone surname finds the person named in
full; pronouns and office nouns ("he", "the envoy") the last fitting speaker or
person; unnamed officials and documents their state or author ("a senior
administration official", "a report by X"); onlookers ("analysts") stay generic.
"""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Span, Token

from ... import parse_arrays
from ...context import Context, Mention, sent_of
from ...coref import DESCRIPTIONS, Coref
from ...records import Actor, ActorType
from ..actors import slug
from ..actors.lexicon import lexicon as actors_lexicon
from .cues import _dateline, lexicon, sentence_floor
from .phrases import (
    acronyms_in,
    doc_span,
    document_author,
    group_name,
    media_name_tokens,
    modifier_words,
    named_apposition,
    names_person,
    own_places,
    partitive,
    phrase_head,
    subject_name,
)
from .states import state_in_focus, state_of_place

# An office noun ("the envoy") points back to a person named at most this many tokens before:
# a long article's earlier chapters are not searched (that made the look-up quadratic in length).
TITLE_LOOKBACK = 3000


# doc.user_data key: speaker keys that are no one's voice ("an adviser to X"), kept from rebinding
UNVOICED = "blocs.unvoiced_speakers"


class Speakers:
    """Turns subject tokens into actor keys, remembering who spoke for pronouns."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.lex = lexicon()
        self.history: list[tuple[int, str, bool]] = []  # (token index, key, a person?) of speakers
        self.inside: set[int] = set()  # tokens inside quotation marks
        self._coref: Optional[Coref] = None

    def actor_type(self, key: Optional[str]) -> Optional[str]:
        a = self.ctx.actors.get(key) if key else None
        return a.type if a else None

    def is_media(self, tok: Token) -> bool:
        key = self.ctx.actor_of_phrase(tok)
        return self.actor_type(key) == "media" or media_name_tokens(tok) is not None

    def media_mention(self, m: Mention) -> bool:
        """An actor mention that is a news outlet: by type, by name, or by a word beside it
        ("state broadcaster X", "X newspaper")."""
        lex, doc = self.lex, self.ctx.doc
        if self.actor_type(m.key) == "media" or m.text.lower() in lex["media_names_lower"]:
            return True
        arrays = parse_arrays.of(doc)
        pos, lowers = arrays.strings_of("pos"), arrays.strings_of("lower")
        near = [*range(max(0, m.start - 3), m.start), *range(m.end, min(m.end + 1, len(doc)))]
        joints = [i for i in near if pos[i] in ("CCONJ", "PUNCT") and i < m.start]
        # "the refugee agency and Kenyan officials": a medium word across a conjunction is another phrase's
        return any(lowers[i] in lex["media_heads"] and not (i < m.start and joints and i < max(joints)) for i in near)

    def media_key(self, tok: Token) -> Optional[str]:
        key = self.ctx.actor_of_phrase(tok)
        if self.actor_type(key) == "media":
            return key
        names = media_name_tokens(tok)
        if not names:
            return None
        for t in names:
            k = self.ctx.actor_at(t)
            if k:
                return k
        span = tok.doc[names[0].i : names[-1].i + 1]
        return self.add_actor(span, "media")

    def add_actor(self, span: Span, kind: ActorType) -> str:
        """A speaker or medium the earlier stages did not know, kept as an actor."""
        if (m := self.ctx.overlapping(span.start, span.end)) is not None:
            return m.key  # the words already name an actor
        name = span.text
        key = slug(name)
        actor = self.ctx.actors.get(key)
        if actor is None:
            actor = Actor(key=key, name=name, type=kind, confidence=0.4)
            self.ctx.actors[key] = actor
        for alias in (name, *acronyms_in(span)):  # "the UGTT labour union": also "UGTT"
            if alias not in actor.aliases:
                actor.aliases.append(alias)
        actor.mentions += 1
        self.ctx.add_mention(Mention(span.start, span.end, key, name, "generic"))
        return key

    def generic_span(self, tok: Token) -> Span:
        """The words naming a speaker: modifiers and an `of` complement, no clauses."""
        doc = tok.doc
        left = [c for c in tok.lefts if c.dep_ in ("det", "amod", "compound", "nummod", "poss", "quantmod", "nmod")]
        start = min([tok.i] + [c.left_edge.i for c in left])
        end = tok.i + 1
        for c in tok.rights:
            if c.dep_ == "prep" and c.lower_ == "of" and c.i == end:
                end = c.right_edge.i + 1
            break
        while start < tok.i and doc[start].lower_ in self.lex["determiners"]:
            start += 1
        span = doc[start:end]
        if any(t.is_punct for t in span):
            span = doc[tok.i : tok.i + 1]
        return span

    def coref(self) -> Coref:
        """The shared coreference module, asked when the speakers' own look-back finds nobody."""
        if self._coref is None:
            self._coref = Coref(self.ctx)
        return self._coref

    def recent(self, before: int, want_person: bool, sentences: int = 4) -> Optional[str]:
        """The last speaker (or else named person) before a token, within a few sentences."""
        doc = self.ctx.doc
        limit = self.floor(before, sentences - 1)
        near = self._near_person_subject(before) if want_person else self._near_body_subject(before)
        for i, key, person in reversed(self.history):
            if limit <= i < before and (person == want_person or want_person and self._one_of_body(doc[i])):
                return near[1] if near and near[0] > i else key
        if not want_person:
            return near[1] if near else None
        if near:
            return near[1]
        persons = [m for m in self.ctx.mentions_within(limit, before) if self.actor_type(m.key) == "person"]
        subjects = [m for m in persons if subject_name(doc[m.end - 1])]
        main = [m for m in subjects if doc[m.end - 1].head.dep_ == "ROOT"]
        pick = main or subjects or persons
        return pick[-1].key if pick else None

    def just_spoke(self, key: Optional[str], before: int) -> bool:
        """Whether `key` is the last speaker, in this sentence or the one before: "X said ...
        'B,' she said" is X again, whatever other woman the article named earlier."""
        limit = sentence_floor(self.ctx.doc, before, 1)
        last = next(((i, k) for i, k, _ in reversed(self.history) if i < before), None)
        return key is not None and last is not None and last[1] == key and last[0] >= limit

    def _one_of_body(self, tok: Token) -> bool:
        """ "An RSF commander said ...": one person speaking for a body, whom 'he' may point back to."""
        return tok.pos_ == "NOUN" and tok.tag_ == "NN" and tok.lemma_.lower() in self.lex["role_nouns"]

    def office_before(self, tok: Token, sentences: int = 3) -> Optional[str]:
        """ "The Sudanese foreign minister spoke ... 'B,' he said": with no person named, "he" is
        the office holder a subject named shortly before, and speaks for the body he serves."""
        doc = self.ctx.doc
        for k in range(tok.i - 1, self.floor(tok.i, sentences - 1) - 1, -1):
            t = doc[k]
            if t.dep_ in ("nsubj", "nsubjpass") and self._one_of_body(t):
                return self.body_for(t)
        return None

    def last_speaker(self, before: int, sentences: int = 3) -> Optional[str]:
        """ "X said in a statement ... 'B,' the statement said": the speaker just before, whose
        document "the statement" is."""
        limit = self.floor(before, sentences - 1)
        return next((key for i, key, _ in reversed(self.history) if limit <= i < before), None)

    def document_speaker(self, tok: Token, depth: int) -> Optional[str]:
        """A document as speaker: "the statement" is the one issued shortly before, or the words of
        the speaker just before; "a statement" is its issuer's when it is the object of "released"."""
        if self.definite(tok):
            return self.issuer(tok) or self.last_speaker(tok.i)
        subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None) if tok.dep_ == "dobj" else None
        return self._resolve(subj, 2) if subj is not None and depth < 2 else None

    def issuer(self, tok: Token, sentences: int = 3) -> Optional[str]:
        """ "X issued a statement ... 'B,' the statement said": who issued, released or published
        the same document shortly before (the subject of the verb whose object it was)."""
        doc, lemma = self.ctx.doc, tok.lemma_.lower()
        for k in range(tok.i - 1, self.floor(tok.i, sentences - 1) - 1, -1):
            t = doc[k]
            if t.dep_ == "dobj" and t.lemma_.lower() == lemma and k not in self.inside:
                subj = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
                return self._resolve(subj, 2) if subj is not None else None
        return None

    def floor(self, i: int, back: int) -> int:
        """Where the sentence `back` sentences before token `i` starts, not counting sentences
        that are all quotation: a speaker's long quote does not make him forgotten."""
        doc = self.ctx.doc
        start = sentence_floor(doc, i, 0)
        while back > 0 and start > 0:
            start = sentence_floor(doc, start - 1, 0)
            first, end = parse_arrays.of(doc).sentence(start)
            quoted = sum(1 for i in range(first, end) if i in self.inside)
            if quoted < 0.6 * (end - first):
                back -= 1
        return start

    def _near_person_subject(self, before: int) -> Optional[tuple[int, str]]:
        """(position, key) of the last person named as a subject in this or the previous sentence."""
        doc = self.ctx.doc
        limit = sentence_floor(doc, before, 1)
        subjects = [
            m
            for m in self.ctx.mentions_within(limit, before)
            if self.actor_type(m.key) == "person" and subject_name(doc[m.end - 1])
        ]
        return (subjects[-1].start, subjects[-1].key) if subjects else None

    def _near_body_subject(self, before: int) -> Optional[tuple[int, str]]:
        """(position, key) of the last body named as a main clause's subject in this or the
        previous sentence ("The embassy told its citizens ... '...,' it said")."""
        doc = self.ctx.doc
        bodies = [
            m
            for m in self.ctx.mentions_within(sentence_floor(doc, before, 1), before)
            if self.actor_type(m.key) not in (None, "person", "media", "other") and m.start not in self.inside
        ]
        heads = [phrase_head(doc[m.end - 1]) for m in bodies]
        main = [m for m, h in zip(bodies, heads) if h.dep_ in ("nsubj", "nsubjpass") and h.head.dep_ == "ROOT"]
        return (main[-1].start, main[-1].key) if main else None

    def role(self, tok: Token) -> Optional[str]:
        """An office noun: its named apposition, the leader of its country, or the last person;
        an indefinite one ("an analyst at the Crisis Group", "a commander") is the body it
        serves or no one we know, never the last person named."""
        for c in tok.children:
            if c.dep_ == "appos" and self.ctx.actor_at(c):
                return self.ctx.actor_at(c)
        of = self.body_for(tok)
        if self.indefinite(tok):
            return of
        if of and self.actor_type(of) != "person":
            leaders = [p for p, s in self.ctx.leader_of.items() if s == of]
            seen = [m.key for m in self.ctx.mentions_from(0, tok.i) if m.key in leaders]
            return seen[-1] if seen else of
        if of:
            return of
        if self.office_of_unnamed_body(tok) or modifier_words(tok) & self.lex["side_modifiers"]:
            return self.titled(tok)  # "the commander of the force", "the opposition leader": not whoever was named last
        return self.titled(tok) or self.recent(tok.i, want_person=True)

    @staticmethod
    def office_of_unnamed_body(tok: Token) -> bool:
        """An office noun with an `of`/`for` complement naming no actor ("the commander of the
        paramilitary force"): its holder is not the last person the article named."""
        return any(c.dep_ == "prep" and c.lower_ in ("of", "for") for c in tok.children)

    @staticmethod
    def indefinite(tok: Token) -> bool:
        """ "a spokesman", "one official", bare "officials"/"sources": no particular one."""
        dets = [c.lower_ for c in tok.children if c.dep_ in ("det", "nummod", "poss")]
        if dets:
            return all(d in lexicon()["indefinite_determiners"] for d in dets)
        return tok.tag_ == "NNS"

    @staticmethod
    def bare(tok: Token) -> bool:
        """ "X 'will step down', ruling party official says": a singular common noun with no
        determiner, the headline's "an official" - nobody in particular, never the last person named."""
        return tok.tag_ == "NN" and tok.is_lower and not any(c.dep_ in ("det", "poss", "nummod") for c in tok.children)

    def body_for(self, tok: Token) -> Optional[str]:
        """The body an office noun serves: its own phrase, else its `for`, `at` or `with`
        complement ("a spokesman for the rebel alliance", "an analyst at the Crisis Group")."""
        key = self.ctx.actor_of_phrase(tok)
        if key:
            return key
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("for", "at", "with"):
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and (key := self.ctx.actor_of_phrase(pobj) or self.coref().actor_for(pobj)):
                        return key
        return None

    @staticmethod
    def definite(tok: Token) -> bool:
        return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)

    def organisation_before(self, tok: Token, sentences: int = 3) -> Optional[str]:
        """ "the group said": the last organisation named as a subject shortly before; "the ministry
        said", "the army said": an organ of a state, so the last state or government."""
        doc = self.ctx.doc
        limit = sentence_floor(doc, tok.i, sentences - 1)
        organ = tok.lemma_.lower() in self.lex["office_words"]
        kinds = ("state", "government") if organ else None
        found = [
            m
            for m in self.ctx.mentions_within(limit, tok.i)
            if self.actor_type(m.key) not in (None, "person", "media")
            and (kinds is None or self.actor_type(m.key) in kinds)
        ]
        subjects = [m for m in found if phrase_head(doc[m.end - 1]).dep_ in ("nsubj", "nsubjpass")]
        main = [m for m in subjects if phrase_head(doc[m.end - 1]).head.dep_ == "ROOT"]  # not one reported on
        pick = main or subjects or found
        if not pick and organ:
            return state_in_focus(self, tok)
        return pick[-1].key if pick else None

    def titled(self, tok: Token) -> Optional[str]:
        """The last person named with this office noun beside the name ("envoy Hans X", "X, the envoy")."""
        lemma = tok.lemma_.lower()
        doc = self.ctx.doc
        nxt, i = sent_of(tok).end, tok.i
        ahead = sent_of(doc[nxt]).end if nxt < len(doc) else nxt  # the next sentence too
        before = self.ctx.mentions_ending(i - TITLE_LOOKBACK, i)
        after = self.ctx.mentions_from(nxt, ahead)
        for m in list(reversed(before)) + after:  # a lede's "the minister said", named next
            head = doc[m.end - 1]
            near = [c for c in head.children if c.dep_ in ("appos", "compound")]
            if head.dep_ == "appos":
                near.append(head.head)
            if any(n.lemma_.lower() == lemma for n in near) and self.actor_type(m.key) in ("person", "other", None):
                return m.key
        return None

    def resolve(self, tok: Optional[Token]) -> Optional[str]:
        if tok is None:
            return None
        key = self._resolve(tok)
        if key:
            self.history.append((tok.i, key, self.person_like(tok, key)))
        return key

    def person_like(self, tok: Token, key: str) -> bool:
        """A person by type, by entity label, or by an office title beside the name."""
        kind = self.actor_type(key)
        if tok.lower_ in self.lex["pronouns"]["person"] or kind == "person":
            return True
        if kind not in (None, "other"):
            return False
        if tok.ent_type_ == "PERSON" or tok.tag_ == "NN" and tok.lemma_.lower() in self.lex["individual_nouns"]:
            return True  # a name, or one private person left unnamed ("a witness said")
        roles = self.lex["role_nouns"] | self.lex["individual_nouns"]  # "X, a 32-year-old vendor"
        return tok.pos_ == "PROPN" and any(
            c.dep_ in ("appos", "compound") and c.lemma_.lower() in roles for c in tok.children
        )

    def _resolve(self, tok: Token, depth: int = 0) -> Optional[str]:
        lower = tok.lower_
        pro = self.lex["pronouns"]
        if lower in pro["person"] or lower in pro["group"] or lower in pro["thing"]:
            return self.pronoun(tok)
        if tok.pos_ == "PRON" and lower not in pro["indefinite"]:
            return None
        if key := self.unvoiced(tok) or self.partitive_speaker(tok):
            return key
        again = self.repeated_speaker(tok)
        if again:  # "the ministry said" after "the Kenyan interior ministry said"
            return again
        unnamed = self.unnamed_official(tok)
        if unnamed:
            return unnamed
        key = self.ctx.actor_at(tok)
        if key and not self.is_generic(key):
            return self.same_person(key)
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in self.lex["media_heads"] and not key:
            return self.media_key(tok) or self.add_actor(self.generic_span(tok), "media")
        named = next((c for c in tok.children if c.dep_ == "appos" and self.ctx.actor_at(c)), None)
        if named is not None and tok.pos_ == "NOUN":  # "the party's mouthpiece, the Daily, said": the name
            return self.ctx.actor_at(named)
        author = None if tok.lower_ in actors_lexicon()["dweller_nouns"] else document_author(tok)
        if author is not None and depth < 2:  # "a report released by the ministry said", not "a villager from X"
            return self._resolve(author, depth + 1)
        if tok.lemma_.lower() in self.lex["role_nouns"] and tok.pos_ == "NOUN" and tok.tag_ != "NNS":
            key = self.role(tok)
            if key or self.office_of_unnamed_body(tok):
                return key  # an office of a body no actor stands for speaks for no one we know
        person = self._person_beside(tok)
        if person:
            return person
        key = self.ctx.actor_of_phrase(tok) if not key else key
        if key and not self.is_generic(key):
            return key
        own = group_name(tok, self.lex["group_nouns"])
        if own is not None:  # "the Emergency Lawyers group said": the name, not the last group
            return self.ctx.actor_at(own[0]) or self.add_actor(own, "other")
        if tok.lemma_.lower() in self.lex["group_nouns"] and self.definite(tok):
            key = self.organisation_before(tok)
            if key:
                return key
        if tok.lemma_.lower() in self.lex["document_nouns"] or tok.lower_ in self.lex["document_nouns"]:
            return self.document_speaker(tok, depth)
        name = named_apposition(tok)
        if name is not None:  # "the shipping line Maersk said": the name, not the common noun
            return self.ctx.actor_at(name) or self.add_actor(doc_span(name), "other")
        if _dateline(tok):
            return None
        kind: ActorType = "person" if names_person(tok) else "other"
        if key:
            return key
        if kind == "person":
            known = self.named_before(tok)
            if known:  # "Mao said" after "spokesperson Mao Ning"
                return known
        if kind == "other" and tok.tag_ == "NNS" and tok.lemma_.lower() in DESCRIPTIONS and self.pair(tok):
            return None  # "the two sides said": no one speaker, and no actor of their own
        return self.add_actor(self.generic_span(tok), kind)

    def unvoiced(self, tok: Token) -> Optional[str]:
        """An unnamed speaker near a person or body but not its voice ("an adviser to the president",
        "a source close to the army"; a spokesman *for* X does speak for X): a speaker of its own
        words that finalise gives to no one."""
        if tok.pos_ != "NOUN" or any(self._named_person_beside(c) for c in tok.children):
            return None
        heads = [tok] if tok.lemma_.lower() in self.lex["retinue_nouns"] else []
        heads += [c for c in tok.children if c.dep_ in ("amod", "advmod") and c.lower_ in self.lex["closeness_words"]]
        if not any(c.dep_ == "prep" and c.lower_ == "to" for h in heads for c in h.children):
            return None
        key = self.add_actor(self.generic_span(tok), "other")
        tok.doc.user_data.setdefault(UNVOICED, set()).add(key)
        return key

    def partitive_speaker(self, tok: Token) -> Optional[str]:
        """ "one of the officers said": the body or state the officers spoke for before, or that
        their phrase names; none for a group of no one in particular ("one of the executives")."""
        group = partitive(tok, self.lex["pronouns"]["indefinite"])
        if group is None or self.indefinite(group):
            return None
        key = (
            self.repeated_speaker(group)
            or self.anonymous_state(group)
            or self.earlier_anonymous(group)
            or self.ctx.actor_of_phrase(group)
        )
        return key if self.actor_type(key) not in (None, "other", "media", "population", "person") else None

    def pronoun(self, tok: Token) -> Optional[str]:
        """ "he said": the last speaker or person named (the one who just spoke, whatever other
        woman was named for "she"); "they", "it": the last body speaking or named as a subject."""
        if tok.lower_ in self.lex["pronouns"]["person"]:
            near = self.recent(tok.i, want_person=True)
            return self.coref().agreeing(tok, near, self.just_spoke(near, tok.i)) or self.office_before(tok)
        return self.recent(tok.i, want_person=False) or self.group_antecedent(tok) or self.coref().actor_for(tok)

    def repeated_speaker(self, tok: Token, sentences: int = 5) -> Optional[str]:
        """ "The Kenyan interior ministry said ... 'B,' the ministry said": a definite common noun
        that repeats an earlier speaker's head noun, with no modifier of its own that the earlier
        phrase lacks, is that speaker again - not a body named in what was reported."""
        if (
            not (tok.pos_ == "NOUN" or tok.is_lower)
            or not self.definite(tok)
            or (self.ctx.actor_at(tok) and not self.generic_at(tok))
        ):
            return None
        own = modifier_words(tok)
        limit = self.floor(tok.i, sentences - 1)
        for i, key, _ in reversed(self.history):
            earlier = tok.doc[i]
            if not limit <= i < tok.i or earlier.i == tok.i or self.is_generic(key):
                continue
            if earlier.lemma_.lower() == tok.lemma_.lower() and own <= modifier_words(earlier):
                return key
        return None

    def generic_at(self, tok: Token) -> bool:
        key = self.ctx.actor_at(tok)
        return bool(key) and self.actor_type(key) in (None, "other")

    def pair(self, tok: Token) -> bool:
        """ "the two sides", "both countries" after "X and Y signed ...": several named actors."""
        return len(self.coref().group_for(tok)) >= 2

    def _person_beside(self, tok: Token) -> Optional[str]:
        """A person named in apposition or compound with the speaker noun ("spokesman John Kirby")."""
        for c in tok.children:
            key = self.ctx.actor_at(c) if c.dep_ in ("appos", "compound") else None
            if key and self.actor_type(key) == "person":
                return key
        return None

    def unnamed_official(self, tok: Token) -> Optional[str]:
        """An official left unnamed: the body or state the phrase or the sentence names ("a senior
        administration official", "In Kyiv, officials said"), else, when indefinite ("a spokesman
        said", "officials said"), a generic source - never the last person named."""
        anonymous = tok.pos_ == "NOUN" and (
            tok.lemma_.lower() in self.lex["anonymous_nouns"] or tok.lower_ in self.lex["anonymous_nouns"]
        )
        if not anonymous or any(self._named_person_beside(c) for c in tok.children):
            return None
        state = self.anonymous_state(tok) or self.earlier_anonymous(tok)
        if state:
            return state
        return self.add_actor(self.generic_span(tok), "other") if self.indefinite(tok) or self.bare(tok) else None

    def _named_person_beside(self, c: Token) -> bool:
        """ "spokesman John Kirby": a name beside an official's noun makes him no unnamed
        official; a people or a place ("a Tigrayan official", "a Gaza official") does not."""
        if c.dep_ not in ("appos", "compound") or c.pos_ != "PROPN":
            return False
        key = self.ctx.actor_at(c)
        if key:
            return self.actor_type(key) == "person"
        return c.ent_type_ not in ("NORP", "GPE", "ORG", "LOC", "FAC")

    def named_before(self, tok: Token) -> Optional[str]:
        """A person actor one of whose names is this lone proper name."""
        word = tok.text.lower()
        if any(c.dep_ in ("compound", "flat") for c in tok.children):
            return None
        fits = [
            a
            for a in self.ctx.actors.values()
            if a.type == "person" and len(a.name.split()) > 1 and word in {w.lower() for w in a.name.split()}
        ]
        return max(fits, key=lambda a: a.mentions).key if fits else None

    def is_generic(self, key: str) -> bool:
        """An onlooker or indefinite speaker ("analysts", "observers", "another"): nobody in particular."""
        actor = self.ctx.actors.get(key)
        if actor is None or actor.type not in ("other", "population", None):
            return False
        words = re.findall(r"[a-z]+", actor.name.lower())
        pool = self.lex["unspecific_nouns"]
        return bool(words) and (words[-1] in pool or words[0] in pool)

    def same_person(self, key: str) -> str:
        """A surname alone ("Geng said") is the person named in full before ("Geng Shuang")."""
        actor = self.ctx.actors.get(key)
        if actor is None or actor.type != "person" or len(actor.name.split()) != 1:
            return key
        name = actor.name.lower()
        fuller = [
            a
            for a in self.ctx.actors.values()
            if a.key != key
            and a.type == "person"
            and name in {w.lower() for w in a.name.split()}
            and len(a.name.split()) > 1
        ]
        return max(fuller, key=lambda a: a.mentions).key if fuller else key

    def group_antecedent(self, tok: Token) -> Optional[str]:
        """ "they said": the last body (not a person) named as a subject shortly before."""
        return self.organisation_before(tok, sentences=3)

    def anonymous_state(self, tok: Token) -> Optional[str]:
        """The government an unnamed official speaks for: a state named in the phrase, an
        place the phrase puts the official in ("an official in Kyiv"), an office word
        ("administration", "ministry") pointing to the state in the news, or the capital
        the sentence opens with ("In Kyiv, officials said")."""
        key = self.body_for(tok)
        if key and self.actor_type(key) in ("state", "government", "igo", "armed_group", "party", "bloc"):
            return key
        for place in own_places(tok):  # "a senior official in X said": X's state, not the last one named
            if (key := self.ctx.actor_at(place) or state_of_place(self.ctx, place)) and self.actor_type(key) == "state":
                return key
        phrase = {t.lower_ for t in tok.subtree if t.i < tok.i}
        if phrase & self.lex["office_words"]:
            return self.office_named_before(tok, phrase & self.lex["office_words"]) or state_in_focus(self, tok)
        sent = sent_of(tok)
        if sent[0].lower_ == "in" and tok.i > sent.start:
            for t in sent[1 : min(len(sent), 5)]:
                if t.text == ",":
                    break
                key = self.ctx.actor_at(t) or state_of_place(self.ctx, t)
                if key and self.actor_type(key) in ("state", "government"):
                    return key
        return None

    def earlier_anonymous(self, tok: Token, sentences: int = 3) -> Optional[str]:
        """ "Ethiopian officials said ... 'We ...,' one official said": an unnamed speaker of the
        same kind as one resolved to a body shortly before speaks for that body."""
        if any(c.dep_ in ("amod", "compound", "poss") for c in tok.children if c.lower_ not in ("senior", "one")):
            return None  # "a rebel official": the phrase names its own side
        limit = sentence_floor(tok.doc, tok.i, sentences)
        lemma = tok.lemma_.lower()
        for i, key, person in reversed(self.history):
            if i >= tok.i or i < limit:
                continue
            earlier = tok.doc[i]
            if not person and earlier.lemma_.lower() == lemma and self.actor_type(key) not in (None, "other", "media"):
                return key
        return None

    def office_named_before(self, tok: Token, words: set[str]) -> Optional[str]:
        """ "The Biden administration said ... A senior administration official said": the
        state of an earlier phrase headed by the same office word, outside quotes."""
        doc = self.ctx.doc
        for m in reversed(self.ctx.mentions_from(0, tok.i)):
            head = phrase_head(doc[m.end - 1])
            if m.start in self.inside or head.lower_ not in words or head.i >= tok.i:
                continue
            kind = self.actor_type(m.key)
            key = self.ctx.leader_of.get(m.key) if kind == "person" else m.key
            if key and self.actor_type(key) in ("state", "government"):
                return key
        return None
