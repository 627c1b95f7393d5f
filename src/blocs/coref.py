"""Actor coreference: which actor a pronoun or a description noun points back to.

    from blocs.coref import Coref
    coref = Coref(ctx)                 # once per article, after the actors stage
    coref.actor_for(token)             # -> actor key or None

`actor_for` answers for
  - personal and possessive pronouns: "it", "its", "they", "their", "he", "his", "she", "her";
  - "we", "our", "us" inside a quotation: the actor of the speaker who says it;
  - description nouns with a definite determiner: "the group", "the envoy", "the body",
    "the regime", "the two countries" (a plural answers with the first of the pair).
It picks the most salient earlier actor that agrees with the word: person or not, state,
government, armed group or organisation, singular or plural. Salience is recency, with the
subject of a clause counted before other mentions of the same sentence (news repeats its
topic as subject). No antecedent within `REACH_SENTENCES` sentences: None.
The module never changes the parse or the Context; it only reads mentions and actor types.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from spacy.tokens import Token

from . import datafiles, parse_arrays
from .context import Context, Mention, sent_of
from .kb import loader as kb_loader

# How far back (in sentences) a pronoun or description may look: news re-names actors often.
REACH_SENTENCES = 3

# Kinds of actor a news story keeps calling by a description ("the group", "the bloc") even
# paragraphs after its name: such a description goes to the article's dominant actor of that kind.
TOPIC_TYPES = frozenset({"armed_group", "igo"})
TOPIC_MIN, TOPIC_LEAD = 3, 2

# Actor types a pronoun or description can stand for (records.ActorType).
PERSON = frozenset({"person"})
NON_PERSON = frozenset({"state", "government", "armed_group", "igo", "bloc", "media", "party", "company", "other"})
COLLECTIVE = NON_PERSON | {"population"}

# pronoun -> (types it agrees with, plural?)
PRONOUNS: dict[str, tuple[frozenset, bool]] = {
    "it": (NON_PERSON, False),
    "its": (NON_PERSON, False),
    "itself": (NON_PERSON, False),
    "he": (PERSON, False),
    "him": (PERSON, False),
    "his": (PERSON, False),
    "himself": (PERSON, False),
    "she": (PERSON, False),
    "her": (PERSON, False),
    "herself": (PERSON, False),
    "they": (COLLECTIVE, True),
    "them": (COLLECTIVE, True),
    "their": (COLLECTIVE, True),
    "themselves": (COLLECTIVE, True),
}
# Actor types that news calls "they" even when named in the singular ("the Taliban said they ...").
PLURAL_TYPES = frozenset({"armed_group", "population", "party", "bloc"})
FIRST_PERSON = frozenset({"we", "our", "us", "ours", "ourselves", "i", "my", "me"})

# Description nouns ("the group", "the envoy") -> the actor types each can name, and the
# bodies that act for their owner ("the country's military"): data/coref_nouns.yaml.
_NOUNS = datafiles.read(Path(__file__).parent / "extract" / "data" / "coref_nouns.yaml")
DESCRIPTIONS: dict[str, frozenset] = {
    noun: frozenset(cls["types"]) for cls in _NOUNS["descriptions"] for noun in cls["nouns"]
}
STATE_FORMS: dict[str, frozenset] = {noun: frozenset(codes) for noun, codes in _NOUNS["state_forms"].items()}
OWNED_INSTITUTIONS = frozenset(_NOUNS["owned_institutions"])
PLURAL_BODIES = frozenset(_NOUNS["plural_bodies"]["nouns"])
PLURAL_BODY_TYPES = frozenset(_NOUNS["plural_bodies"]["types"])
SEX_WORDS = {sex: frozenset(words) for sex, words in _NOUNS["sex_words"].items()}
# pronoun -> the sex it names; a person named with a word of the other sex is no antecedent
PRONOUN_SEX = {
    **dict.fromkeys(("she", "her", "herself", "hers"), "female"),
    **dict.fromkeys(("he", "him", "his", "himself"), "male"),
}
OBJECT_DEPS = ("dobj", "obj", "pobj", "dative")
# Clauses inside a sentence: a subject pronoun there looks first in its own sentence.
SUBORDINATE_DEPS = ("relcl", "advcl", "ccomp", "acl", "xcomp")
DEFINITE = frozenset({"the", "this", "that", "these", "those", "both"})
OPEN_QUOTES = '"\u201c'
CLOSE_QUOTES = '"\u201d'
_QUOTE_MARKS = re.compile("[" + re.escape(OPEN_QUOTES + CLOSE_QUOTES) + "]")


class Coref:
    """Points pronouns and descriptions back to actors of one article (see the module doc)."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        arrays = parse_arrays.of(ctx.doc)
        self.starts: list[int] = arrays.sent_starts
        self._sent = arrays.sent
        quotes = ctx.doc.user_data.get("blocs.coref.quotes")
        if quotes is None:  # speakers, goal owners and events each make a Coref: the scan is shared
            quotes = ctx.doc.user_data["blocs.coref.quotes"] = _quote_spans(ctx.text)
        self._quotes = quotes
        self._sexes: dict[str, Optional[str]] = {}

    def actor_for(self, token: Token) -> Optional[str]:
        """The actor key the token stands for, or None (a named mention answers with itself)."""
        own = self.ctx.actor_at(token)
        if own:
            return own
        arrays = parse_arrays.of(token.doc)  # the words and children read off the arrays: no Token each
        lowers, i = arrays.strings_of("lower"), token.i
        word = lowers[i]
        if word in FIRST_PERSON:
            return self._speaker_of_quote(token)
        if word == "it" and _expletive(token):
            return None
        if word in PRONOUNS:
            types, plural = PRONOUNS[word]
            return controller(self.ctx, token, types) or self._antecedent(token, types, plural)
        head, deps, kids = arrays.strings_of("lemma")[i].lower(), arrays.strings_of("dep"), arrays.children(i)
        owner = next((c for c in kids if deps[c] == "poss"), None)
        if head in OWNED_INSTITUTIONS and owner is not None and owner != i:
            return self.actor_for(token.doc[owner])  # "the country's military", "the group's fighters"
        det = next((c for c in kids if deps[c] in ("det", "predet", "nummod")), None)
        if (
            (head in DESCRIPTIONS or head in PLURAL_BODIES)
            and det is not None
            and (lowers[det] in DEFINITE or lowers[det] == "two")
        ):
            body = head in PLURAL_BODIES and arrays.strings_of("tag")[i] == "NNS"  # "the generals": the body they serve
            types = PLURAL_BODY_TYPES if body else DESCRIPTIONS.get(head, frozenset())
            if not types:
                return None
            topic = self._topic(types) if types & TOPIC_TYPES else None
            found = topic or self._antecedent(token, types)
            if found is not None and not self._of_form(head, found):  # "the kingdom" after a republic
                found = self._antecedent(token, types, form=head)
            return found
        return None

    def bare_plural(self, token: Token) -> Optional[str]:
        """ "jihadists linked to X blockaded the city", said before or after the story names its one
        armed group: a bare plural armed description ("militants", "rebels") is that group, the
        article's dominant one (`_topic`), when it has one."""
        lemma = token.lemma_.lower()
        if token.tag_ != "NNS" or "armed_group" not in DESCRIPTIONS.get(lemma, frozenset()):
            return None
        if any(c.dep_ in ("det", "poss", "nummod", "predet") for c in token.children):
            return None
        return self._topic(frozenset({"armed_group"}))

    def _of_form(self, noun: str, key: str) -> bool:
        """ "the kingdom" names a monarchy only; nouns with no form name any state."""
        forms = STATE_FORMS.get(noun)
        actor = self.ctx.actors.get(key)
        return forms is None or (actor is not None and actor.country in forms)

    def group_for(self, token: Token) -> list[str]:
        """Every actor a plural description names: "both countries", "the two nations", "the
        allies" after "X and Y signed ..." are X and Y (`actor_for` answers with the first)."""
        first = self.actor_for(token)
        if first is None or token.tag_ not in ("NNS", "NNPS") or self.ctx.actor_at(token):
            return [first] if first else []
        for m in reversed(
            self.ctx.mentions_within(self.starts[max(0, self._sent[token.i] - REACH_SENTENCES)], token.i)
        ):
            found = self._joined(m) if m.key == first else []
            if len(found) >= 2:
                return found
        return [first]

    def joined_with(self, token: Token, key: str) -> list[str]:
        """The actors named together with key in its last mention before token ("X and Y have not
        taken a city since they seized Z"): [key] alone when that mention names no others."""
        start = self.starts[max(0, self._sent[token.i] - REACH_SENTENCES)]
        for m in reversed(self.ctx.mentions_within(start, token.i)):
            if m.key == key:
                found = self._joined(m)
                return found if key in found else [key]
        return [key]

    def pair_before(self, token: Token, sentences: int = 1) -> list[str]:
        """The actors last named together ("X and Y met ... Both want ..."): a pronoun of a
        pair ("both", "each") stands for them; none within `sentences` sentences: []."""
        start = self.starts[max(0, self._sent[token.i] - sentences)]
        for m in reversed(self.ctx.mentions_within(start, token.i)):
            found = self._joined(m)
            if len(found) >= 2:
                return found
        return []

    def _joined(self, m: Mention) -> list[str]:
        """The actors of a mention and its conjuncts: "X and Y signed", and "Ethiopian and
        Eritrean troops" (joined modifiers)."""
        doc = self.ctx.doc
        head = doc[m.end - 1]
        group = [head] + list(head.conjuncts) + [c for t in doc[m.start : m.end - 1] for c in t.conjuncts]
        keys = [self.ctx.actor_of_phrase(t) or self.ctx.actor_at(t) for t in group]
        return list(dict.fromkeys(k for k in keys if k))

    def _topic(self, types: frozenset) -> Optional[str]:
        """The article's dominant actor of these types ("the group" in a story about one armed
        group): named at least TOPIC_MIN times and TOPIC_LEAD times as often as any other."""
        counts: dict[str, int] = {}
        for m in self.ctx.mentions:
            actor = self.ctx.actors.get(m.key)
            if actor is not None and actor.type in types & TOPIC_TYPES:
                counts[m.key] = counts.get(m.key, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if not ranked or ranked[0][1] < TOPIC_MIN:
            return None
        if len(ranked) > 1 and ranked[0][1] < TOPIC_LEAD * ranked[1][1]:
            return None
        return ranked[0][0]

    # ---- salience

    def _sentence_no(self, i: int) -> int:
        return self._sent[i]

    def _candidates(self, token: Token) -> list[Mention]:
        """Earlier mentions within reach, most salient first: subjects before other mentions
        (the topic of a news paragraph is its recurring subject), then the nearer sentence,
        then the nearer mention. An object pronoun looks first within its own sentence."""
        here = self._sentence_no(token.i)
        first = self.starts[max(0, here - REACH_SENTENCES)]
        before = self.ctx.mentions_within(first, token.i)
        doc, sent = self.ctx.doc, self._sent
        if len(before) < 2:
            return before  # nothing to rank (a new list)
        # an object pronoun, or one in a subordinate clause ("the junta's grip, which it seized"):
        # the nearest mention of its own sentence first
        if token.dep_ in OBJECT_DEPS or token.head.dep_ in SUBORDINATE_DEPS:

            def rank(m: Mention):
                return (sent[m.start] != here, not _is_subject(doc, m), -m.start)
        else:

            def rank(m: Mention):
                return (not _is_subject(doc, m), -sent[m.start], -m.start)

        return sorted(before, key=rank)

    def _antecedent(
        self, token: Token, types: frozenset, plural: Optional[bool] = None, form: str = ""
    ) -> Optional[str]:
        sex, first = PRONOUN_SEX.get(token.lower_), None
        for m in self._candidates(token):
            actor = self.ctx.actors.get(m.key)
            if actor is None or actor.type not in types or form and not self._of_form(form, m.key):
                continue
            if plural is True and not self._plural(m, actor.type):
                continue  # "they" needs a plural noun or a group ("the Taliban said they ...")
            if plural is False and self.ctx.doc[m.end - 1].tag_ in ("NNS", "NNPS"):
                continue  # "it" never stands for "the rebels"; a group may be "it" or "they"
            if token.i in range(m.start, m.end) or m.key in self._clause_subjects(token):
                continue
            if _inside_fronted_phrase(token, m):
                continue  # "One of the powers trying to stop Iran ..., it has ...": not Iran
            if sex is not None and actor.type == "person" and self._sex_of(m.key) not in (None, sex):
                continue  # "Mrs Y met Mr X. She said ...": not Mr X
            if sex is not None and kin_of(self.ctx.doc[m.end - 1], sex):
                continue  # "Kim's sister spoke. She said ...": the sister, not Kim
            if first is None:
                first = m.key
            if sex != "female" or actor.type == "person" and self._sex_of(m.key) == sex:
                return m.key
        return first  # "President X received Madame Y. She said ...": Madame Y, the one known as a woman

    def agreeing(self, token: Token, key: Optional[str], just_spoke: bool = False) -> Optional[str]:
        """Another pass's antecedent of a pronoun, checked for sex: a person known to be of the
        other sex ("he" for "Mrs Y") gives way to this module's answer; for "she", a person not
        known as a woman gives way to one this module finds ("Madame Y") unless that person
        has just spoken ("X said ... 'B,' she said"); no key: this module's answer."""
        sex = PRONOUN_SEX.get(token.lower_)
        if key is None or sex is None:
            return self.actor_for(token) if key is None else key
        known = self._sex_of(key)
        if known is not None and known != sex:
            return self.actor_for(token)
        if sex == "female" and known is None and not just_spoke:
            found = self.actor_for(token)
            return found if found is not None and self._sex_of(found) == sex else key
        return key

    def _sex_of(self, key: str) -> Optional[str]:
        """The sex of a person: a woman of the KB, or what a word before any mention gives
        ("Mrs", "Madame", "Queen"; "Mr", "King"); else None."""
        if key not in self._sexes:
            doc, person = self.ctx.doc, kb_loader.load().people.get(key)
            found = "female" if person is not None and person.sex == "f" else None  # the KB's women
            for m in self.ctx.mentions:
                if m.key == key and found is None:
                    words = {t.lower_.rstrip(".") for t in doc[max(0, m.start - 1) : m.end - 1]}
                    found = next((sex for sex, marks in SEX_WORDS.items() if words & marks), None)
            self._sexes[key] = found
        return self._sexes[key]

    def _clause_subjects(self, token: Token) -> set:
        """Actors of the subjects of the clauses an object pronoun sits in: "X forced it to ..."
        cannot mean X forced itself (a non-reflexive object never binds its clause's subject)."""
        if token.dep_ not in OBJECT_DEPS:
            return set()
        keys, verb = set(), token.head
        for _ in range(4):
            for c in verb.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    key = self.ctx.actor_of_phrase(c)
                    if key:
                        keys.add(key)
            if verb.dep_ not in ("xcomp", "advcl", "conj", "prep", "pcomp") or verb.head.i == verb.i:
                break
            verb = verb.head
        return keys

    def _plural(self, m: Mention, actor_type: str) -> bool:
        """Does the mention take "they"? A plural noun ("the rebels", "Americans") or a group
        named in the singular that news refers to as "they" (the Taliban, protesters)."""
        return self.ctx.doc[m.end - 1].tag_ in ("NNS", "NNPS") or actor_type in PLURAL_TYPES

    # ---- quotations

    def quote_spans(self) -> list[tuple[int, int]]:
        """Character spans between paired quotation marks in the article."""
        return self._quotes

    def speaker_of_quote(self, token: Token) -> Optional[str]:
        """The actor that speaks a quotation holding token (see `_speaker_of_quote`), or None."""
        return self._speaker_of_quote(token)

    def _speaker_of_quote(self, token: Token) -> Optional[str]:
        """ "we"/"our" inside quotation marks: the actor named as subject of the speech verb
        next to the quotation (the sentence's named subject outside the quote); in a quotation
        that runs over sentences, the subject outside it in the sentence that closes it, else in
        the one that opens it ("We call on X ... . This is ...," the ministry said)."""
        at = token.idx
        span = next(((a, b) for a, b in self._quotes if a <= at < b), None)
        if span is None:
            return None
        own = sent_of(token)
        found = self._named_subject_outside(own, span)
        for mark in (span[1], span[0]):
            if found:
                break
            if own.start_char <= mark < own.end_char:
                continue
            hit = self.ctx.doc.char_span(mark, mark + 1, alignment_mode="expand")
            if hit is not None:
                found = self._named_subject_outside(sent_of(hit[0]), span)
        return found

    def _named_subject_outside(self, sent, span: tuple[int, int]) -> Optional[str]:
        for tok in sent:
            if span[0] <= tok.idx < span[1]:
                continue
            if tok.dep_ == "nsubj" and tok.head.pos_ == "VERB":
                key = self.ctx.actor_of_phrase(tok)
                if key:
                    return key
        return None


def controller(ctx: Context, token: Token, types: frozenset = COLLECTIVE) -> Optional[str]:
    """ "pressed X to end its blockade", "urged X to withdraw its troops": a possessive in the
    object of an act under an object-control verb is the controlled object's (who does the
    act), not the salient subject's. The actor, if its type is one of `types`; else None."""
    from .extract.events.patterns import lem, lexicon

    if token.dep_ != "poss" or token.lower_ not in ("its", "their"):
        return None
    verb, steps = token.head, 0
    while verb.dep_ in ("dobj", "pobj", "prep", "conj") and verb.head.i != verb.i and steps < 4:
        verb, steps = verb.head, steps + 1
    if verb.dep_ != "xcomp" or lem(verb.head) not in lexicon().object_control:
        return None
    obj = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
    key = ctx.actor_of_phrase(obj) if obj is not None else None
    actor = ctx.actors.get(key) if key else None
    return key if actor is not None and actor.type in types else None


def _inside_fronted_phrase(token: Token, m: Mention) -> bool:
    """Does mention m sit inside a phrase fronted before the subject pronoun `token` that describes
    the pronoun's referent ("A long-time ally of X, it has ...", "One of the powers leading efforts
    to stop X, it ...")? The phrase is about the pronoun's referent, so X is not it. A fronted
    clause with a subject of its own may name it ("After X launched the raid, it said ...")."""
    if token.dep_ not in ("nsubj", "nsubjpass") or m.start >= token.i:
        return False
    for c in token.head.children:
        if c.i >= token.i or c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "punct", "cc"):
            continue
        if not c.left_edge.i <= m.start <= c.right_edge.i:
            continue
        own = next((s for s in c.children if s.dep_ in ("nsubj", "nsubjpass")), None)
        # the fronted clause's own subject may be it ("After X launched the raid, it ..."), not
        # a partitive the parser made one ("One of X's allies leading the talks, it ...")
        return not (own is not None and own.pos_ != "NUM" and own.left_edge.i <= m.start <= own.right_edge.i)
    return False


def kin_of(name: Token, sex: str) -> bool:
    """ "X's sister", "X's wife": a name possessing a kin word of that sex, whose pronoun ("she")
    stands for the kin, not for the name."""
    return name.dep_ == "poss" and name.head.lemma_.lower() in SEX_WORDS[sex] and name.head.pos_ == "NOUN"


def _expletive(token: Token) -> bool:
    """A dummy "it" ("it is too early to say ...", "it is reported that ..."): no antecedent."""
    head = token.head
    if token.dep_ not in ("nsubj", "nsubjpass", "expl"):
        return False
    clause = any(
        c.dep_ in ("xcomp", "ccomp", "csubj")
        or (c.dep_ == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children))
        for c in head.children
    )
    copular = head.lemma_ == "be" and any(c.dep_ in ("acomp", "attr") for c in head.children)
    passive = token.dep_ == "nsubjpass" or any(c.dep_ == "auxpass" for c in head.children)
    if passive and not copular and _raised(head):
        return False
    return (
        token.dep_ == "expl"
        or (clause and (copular or passive))
        or (
            head.lemma_ == "be"
            and any(c.dep_ == "acomp" and any(g.dep_ in ("xcomp", "ccomp") for g in c.children) for c in head.children)
        )
    )


def _raised(head: Token) -> bool:
    """ "It is believed to have fired the missiles", "it is said to be preparing": a perfect or progressive
    infinitive under a passive verb of saying raises a referring subject (the dummy takes "that")."""
    if any(c.dep_ in ("ccomp", "csubj") for c in head.children):
        return False
    return any(
        c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ in ("have", "be") for g in c.children)
        for c in head.children
    )


def _is_subject(doc, m: Mention) -> bool:
    """Is the mention (or the noun it modifies: "Russian forces") the subject of its clause? Asked
    of a mention's words once per doc (every pronoun ranks the mentions before it)."""
    memo, words = _subjects(doc), (m.start, m.end)
    found = memo.get(words)
    if found is None:
        found = memo[words] = _subject_words(doc, m)
    return found


@parse_arrays.remembers_last_doc
def _subjects(doc) -> dict[tuple[int, int], bool]:
    return {}


def _subject_words(doc, m: Mention) -> bool:
    arrays = parse_arrays.of(doc)  # deps and heads off the arrays: no Token per word
    deps, heads = arrays.strings_of("dep"), arrays.head
    for i in range(m.start, m.end):
        if deps[i] in ("nsubj", "nsubjpass") or (
            deps[i] in ("amod", "compound", "poss", "appos") and deps[heads[i]] in ("nsubj", "nsubjpass")
        ):
            return True
    return _named_subject(doc, m, deps)


NOT_NAMING = frozenset({"pobj", "dobj", "dative", "attr", "poss", "conj", "compound", "amod", "nsubj", "nsubjpass"})


def _named_subject(doc, m: Mention, deps) -> bool:
    """ "X, the region's main armed group, is ...": a name set off by a comma right before the
    description that is its clause's subject names that subject, wherever the parser hung it."""
    root = doc[m.start : m.end].root
    j, lower = m.end, parse_arrays.of(doc).strings_of("lower")  # the words read off the arrays
    while j < len(doc) and lower[j] in (")", ","):
        j += 1
    if root.dep_ in NOT_NAMING or j == m.end or j >= len(doc) or lower[j - 1] != ",":
        return False
    t = parse_arrays.tokens(doc)[j]
    while deps[t.i] not in ("nsubj", "nsubjpass") and t.head.i != t.i and t.head.left_edge.i == j:
        t = t.head
    return deps[t.i] in ("nsubj", "nsubjpass") and t.left_edge.i == j


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans between paired quotation marks."""
    spans, opened = [], None
    for hit in _QUOTE_MARKS.finditer(text):  # only the quotation marks: the other characters change nothing
        i, ch = hit.start(), hit.group()
        if ch in OPEN_QUOTES and (opened is None):
            opened = i
        elif ch in CLOSE_QUOTES and opened is not None:
            spans.append((opened, i))
            opened = None
    return spans
