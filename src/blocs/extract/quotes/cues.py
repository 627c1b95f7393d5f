"""Speech cues: which words introduce speech, and who is their subject.

The lexicon is data (data/speech_cues.yaml). A speech verb's word used for evidence or
acts ("images suggest", "denied access") is no cue; "according to X" is one when X can
be a source. `subject_of` finds a cue's grammatical subject, inversions included.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from pathlib import Path
from typing import Optional

from spacy.tokens import Token

from ... import datafiles, parse_arrays
from ...context import sent_of
from ...syntax import dateline, left_noun_phrase, misread_apposition

QUOTE_CLOSERS = ('"', "\u201d", "''")  # marks that close a quotation ("'" and "\u2019" may be apostrophes)

DATA = Path(__file__).parent.parent / "data" / "speech_cues.yaml"


def _dateline(tok: Token) -> bool:
    """ "GOMA, Congo (AFP) - ...": the place a wire story was filed from, never a speaker."""
    return tok.is_upper and len(tok.text) > 2 and dateline(tok.doc, tok.i, tok.i + 1)


def sentence_floor(doc, i: int, back: int = 0) -> int:
    """Token index where the sentence holding token `i` starts, or the one `back` sentences before."""
    starts = parse_arrays.of(doc).sent_starts
    k = bisect_right(starts, i) - 1 - back
    return starts[max(0, k)] if starts else 0


@lru_cache(maxsize=1)
def lexicon() -> dict:
    lex = datafiles.read(DATA)
    for key in (
        "verbs",
        "needs_clause",
        "quote_only",
        "act_verbs",
        "remark_nouns",
        "media_words",
        "media_heads",
        "role_nouns",
        "group_nouns",
        "determiners",
        "not_sources",
        "document_nouns",
        "charge_nouns",
        "needs_speaker",
        "act_with_object",
        "speaker_nouns",
        "anonymous_nouns",
        "office_words",
        "unspecific_nouns",
        "title_small_words",
        "topic_preps",
        "document_verbs",
        "quoting_verbs",
        "side_modifiers",
        "individual_nouns",
        "refusal_verbs",
        "retinue_nouns",
        "closeness_words",
    ):
        lex[key] = set(lex[key])
    lex["media_names_lower"] = {n.lower() for n in lex["media_names"]}
    return lex


def is_speech_verb(tok: Token) -> bool:
    found = tok.doc.user_data.get("blocs.speech_verbs")
    return tok.i in (speech_verbs(tok.doc) if found is None else found)


_VERB_POS = frozenset({"VERB", "AUX"})


def _speech_lemma(lemma: str) -> bool:
    return lemma.lower() in lexicon()["verbs"]


def _verb_pos(pos: str) -> bool:
    return pos in _VERB_POS


def speech_verbs(doc) -> frozenset[int]:
    """Indexes of the doc's speech verbs, found once: quotes and stance ask for every token, often twice."""
    found = doc.user_data.get("blocs.speech_verbs")
    if found is None:
        lex = lexicon()
        particles = lex["particles"]
        found = set()
        arrays = parse_arrays.of(doc)
        maybe = arrays.where("lemma", _speech_lemma) & arrays.where("pos", _verb_pos)
        for i in maybe.nonzero()[0].tolist():  # only the tokens whose lemma and tag fit are made into Tokens
            tok = doc[i]
            lemma = tok.lemma_.lower()
            part = particles.get(lemma)
            if (part is None or any(c.dep_ == "prt" and c.lower_ == part for c in tok.children)) and not _not_speech(
                tok, lemma, lex
            ):
                found.add(tok.i)
        found = doc.user_data["blocs.speech_verbs"] = frozenset(found)
    return found


def _not_speech(tok: Token, lemma: str, lex: dict) -> bool:
    """A speech verb's word used for something else: "satellite images suggest", "this might
    explain why", "were denied access", "explaining the shift, X said"."""
    if lemma in lex["needs_speaker"]:
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if (
            subj is None
            and tok.tag_ == "VBG"
            and tok.dep_ in ("advcl", "acl", "amod")
            and not any(c.dep_ == "ccomp" for c in tok.children)
        ):
            return True  # a participle framing another verb ("Explaining the shift, X said")
        if subj is not None and not speaker_like(subj, lex):
            return True
    if lemma in lex["document_verbs"]:
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.tag_ in ("WDT", "WP") and tok.dep_ == "relcl":
            subj = tok.head  # "a statement that read: ..."
        if subj is None and after_quote(tok):  # '"...," read a statement from X'
            subj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
        if subj is None or subj.lemma_.lower() not in lex["document_nouns"] | lex["remark_nouns"]:
            return True
    if lemma in lex["act_with_object"]:
        objs = [c for c in tok.children if c.dep_ in ("dobj", "dative") and c.pos_ in ("NOUN", "PROPN")]
        clause = any(c.dep_ in ("ccomp", "xcomp") for c in tok.children)
        if any(c.dep_ == "auxpass" for c in tok.children) and not clause:
            return True  # "were denied access": something done to them
        if objs and not clause and not any(o.lemma_.lower() in lex["charge_nouns"] for o in objs):
            return True
    return False


def refused(tok: Token) -> bool:
    """A speech verb that reports nothing said: negated ("would not comment on", "did not say
    whether") or under a verb of refusing ("declined to say whether", "refused to say how")."""
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in lexicon()["refusal_verbs"]


def speaker_like(subj: Token, lex: dict) -> bool:
    """A subject that can speak: a name, a person or body, or a pronoun for one; not a thing."""
    lower, lemma = subj.lower_, subj.lemma_.lower()
    if lower in lex["pronouns"]["person"] or lower in lex["pronouns"]["group"] or lower in ("i", "we", "you"):
        return True
    if subj.pos_ == "PROPN" or subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    return lemma in lex["role_nouns"] or lemma in lex["group_nouns"] or lemma in lex["speaker_nouns"]


def is_according(tok: Token) -> bool:
    lowers, i = parse_arrays.of(tok.doc).strings_of("lower"), tok.i  # read off the arrays: no Token for the next word
    return lowers[i] in lexicon()["according"] and i + 1 < len(lowers) and lowers[i + 1] == "to"


def is_source_according(tok: Token) -> bool:
    """ "according to X" where X can be a source (officials, a paper), not a plan or a law."""
    if not is_according(tok):
        return False
    src = subject_of(tok)
    return (
        src is not None
        and src.lemma_.lower() not in lexicon()["not_sources"]
        and src.lower_ not in lexicon()["not_sources"]
    )


@parse_arrays.once_per_token
def subject_of(verb: Token) -> Optional[Token]:
    """The grammatical subject of a speech verb ("said X" inversions included), found once per verb."""
    if is_according(verb):
        to = verb.nbor(1)
        return next((c for c in to.children if c.dep_ == "pobj"), None)
    seen, arrays = 0, parse_arrays.of(verb.doc)
    deps = arrays.strings_of("dep")
    while verb is not None and seen < 4:
        at = verb.i
        subjects = [k for k in arrays.children(at) if deps[k] in ("nsubj", "nsubjpass")]
        if subjects:  # the nearest, should the parse give two (the first of two as near)
            c = verb.doc[min(subjects, key=lambda k: abs(k - at))]
            if c.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                return verb.head
            return misread_apposition(c) or c
        if verb.dep_ == "relcl":
            return verb.head
        if (quoted := quoted_as_saying(verb)) is not None:
            return quoted
        if verb.dep_ in ("conj", "xcomp", "advcl", "pcomp", "prep") and verb.head.i != verb.i:
            # "He called the actions lawful, and said ...", "X was quoted as saying ..."
            verb, seen = verb.head, seen + 1
            continue
        if verb.dep_ == "acl" and verb.head.i < verb.i and speaker_like(verb.head, lexicon()):
            return verb.head  # "X's leader, Y Z, posted on Facebook: ...": the parser hung the verb on the speaker
        if verb.dep_ == "acl" and is_remark(verb.head) and verb.head.head.i != verb.head.i:
            # "the ministry issued a statement saying ...": who issued the statement
            verb, seen = verb.head.head, seen + 1
            continue
        if verb.dep_ != "ROOT":
            return None
        return inverted_subject(verb) or left_noun_phrase(verb) or subject_after_quote(verb)
    return None


def quoted_as_saying(verb: Token) -> Optional[Token]:
    """ "The agency quoted the minister as saying ...": the person quoted, not the one quoting
    (who is the medium) - the head of the words between the quoting verb and "as", read off the
    words since the parser may hang the verb on the agency; none for the passive "X was quoted
    as saying", whose subject speaks."""
    prep, doc = verb.head, verb.doc
    if verb.dep_ != "pcomp" or prep.lower_ != "as" or prep.i != verb.i - 1:
        return None
    start = sent_of(verb).start
    k = prep.i - 1
    while k > start and doc[k].lemma_.lower() not in lexicon()["quoting_verbs"]:
        k -= 1
    if doc[k].lemma_.lower() not in lexicon()["quoting_verbs"] or prep.i - k > 8:
        return None
    heads = [t for t in doc[k + 1 : prep.i] if t.pos_ in ("NOUN", "PROPN") and not k < t.head.i < prep.i]
    return heads[0] if len(heads) == 1 else None


def after_quote(verb: Token) -> bool:
    """A verb right after a closing quote mark and a comma ('"...," read', "'...', says")."""
    if verb.i < 2:
        return False
    before = {verb.doc[verb.i - 1].text, verb.doc[verb.i - 2].text}
    return "," in before and bool(before & {*QUOTE_CLOSERS, "'", "’"})


def inverted_subject(verb: Token) -> Optional[Token]:
    """ "'We will not retreat', says defence minister": a subject after a speech verb that follows
    a quote and its comma - the head of the noun phrase right after the verb, on the same line."""
    doc = verb.doc
    if not after_quote(verb):
        return None
    head = None
    for t in doc[verb.i + 1 : min(len(doc), verb.i + 7)]:
        if t.pos_ in ("NOUN", "PROPN"):
            head = t
        elif t.pos_ not in ("DET", "ADJ") or head is not None:
            break
    return head


def subject_after_quote(verb: Token) -> Optional[Token]:
    """'"A," a commander in X, who asked not to be named, told Reuters': the noun phrase
    between the closing quote mark and the speech verb, which the parser hung inside the
    quote, is the verb's subject."""
    doc, start = verb.doc, sent_of(verb).start
    k = verb.i - 1
    while k > start and doc[k].text not in QUOTE_CLOSERS:
        k -= 1
    if k <= start or doc[k - 1].text not in (",", "?", "!") or k + 1 >= verb.i:
        return None
    heads = [
        t
        for t in doc[k + 1 : verb.i]
        if t.pos_ in ("NOUN", "PROPN") and t.left_edge.i == k + 1 and not k + 1 <= t.head.i < verb.i
    ]
    return heads[0] if heads and heads[0].right_edge.i < verb.i else None


def is_remark(noun: Token) -> bool:
    """A statement, letter or communique: a thing issued that says something."""
    lex, lemma = lexicon(), noun.lemma_.lower()
    return noun.pos_ == "NOUN" and (lemma in lex["remark_nouns"] or lemma in lex["document_nouns"])
