"""Stance: which sentences give the author's opinion and which report.

A sentence that attributes what it says ("said", "according to", "X reported")
is reported, unless the attribution is only conceded in a clause ("While X say
..., the move calls into question ...") and the author's main clause judges. A
sentence in the author's own voice is opinion when its words outside quotes
carry a clue of evaluation: loaded, futile or blaming words, comment adverbs,
intensifiers, hedges, expectations ("was bound to"), interpretation ("in effect",
"was seen as"), forecasts with the author's modals ("could also undermine",
"will depend on"), concessions or a counter-opener ("But ..."). Every other real
sentence is reported: a statement of fact. When an attribution is followed by the
author's own evaluative tail (", according to X, clearly contradicting ..."), the
tail is an opinion item of its own. The lexicon is data (stance_lexicon.yaml).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Optional

import yaml
from spacy.tokens import Span, Token

from ..context import Context, span_text
from . import quotes as quotes_mod

DATA = Path(__file__).parent / "data" / "stance_lexicon.yaml"
THRESHOLD = 0.5  # one clue of the author's voice is enough; weak clues count half
VERBLESS_WORDS = 5  # a full stop after five words or more: a sentence whose verb the tagger missed


def _pattern(words: list[str]) -> re.Pattern:
    alts = sorted({w.lower() for w in words}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alts) + r")(?![\w-])")


@lru_cache(maxsize=1)
def lexicon() -> dict:
    lex = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return {
        "strong": _pattern([w for words in lex["strong_classes"].values() for w in words]),
        "weak": _pattern([w for words in lex["weak_classes"].values() for w in words]),
        "speculative": set(lex["speculative_modals"]),
        "half_speculative": set(lex["half_speculative_modals"]),
        "counter": set(lex["counter_openers"]),
        "concessive": set(lex["concessive_marks"]),
        "modals": set(lex["modals"]),
        "forecast": set(lex["forecast_words"]),
        "attribution": set(lex["attribution"]),
        "verdict": set(lex["verdict_nouns"]),
        "quantifiers": set(lex["quantifier_subjects"]),
        "negatable": set(lex["negatable_modals"]),
        "qualifiers": set(lex["verdict_qualifiers"]),
        "viewpoint": _pattern(lex["viewpoint_openers"]),
        "interpretive": set(lex["interpretive_verbs"]),
        "perception": set(lex["perception_verbs"]),
        "superlative": set(lex["superlative_degree"]),
        "anchors": set(lex["anchor_entities"]),
        "relational": set(lex["relational_verbs"]),
        "capacity": set(lex["capacity_quantifiers"]),
        "relational_predicates": set(lex["relational_predicates"]),
        "named": set(lex["named_entities"]),
        "narrating_aux": set(lex["narrating_auxiliaries"]),
    }


# ------------------------------------------------------------------ scoring

CONTRACTIONS = [
    (re.compile(r"\b(it|that|there|here|what|who|he|she)'s\b"), r"\1 is"),
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bcan't\b"), "cannot"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'ll\b"), " will"),
    (re.compile(r"'ve\b"), " have"),
    (re.compile(r"'d\b"), " would"),
    (re.compile(r"\blet's\b"), "let us"),
]


def fold(words: str) -> str:
    """Contractions written out ("it's time" -> "it is time"), curly apostrophes straightened."""
    words = words.replace("\u2019", "'")
    for pattern, full in CONTRACTIONS:
        words = pattern.sub(full, words)
    return words


def author_text(text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> str:
    """The words of a stretch in the author's own voice: quoted words blanked out."""
    chars = list(text[start:end])
    for s, e in quoted:
        for i in range(max(s, start), min(e, end)):
            chars[i - start] = " "
    return fold("".join(chars).lower())


def forecast(span: Span, quoted: list[tuple[int, int]]) -> bool:
    """A modal of the author's with a judging complement ("will not end well", "would be the largest")."""
    lex = lexicon()
    for tok in span:
        if tok.lower_ not in lex["modals"] or _in(tok, quoted) or not _main_clause(tok.head):
            continue
        if tok.lower_ in ("must", "should", "ought"):
            return True
        for t in _complements(tok.head):
            if (
                span.start <= t.i < span.end
                and not _in(t, quoted)
                and (t.tag_ in ("JJS", "RBS") or t.lower_ in lex["forecast"])
            ):
                return True
    return False


def speculation(span: Span, quoted: list[tuple[int, int]]) -> float:
    """The author's own "could", "might" or "may" in the main clause (1), or "would" (1/2)."""
    lex = lexicon()
    found = [tok.lower_ for tok in span if tok.dep_ == "aux" and not _in(tok, quoted) and _main_clause(tok.head)]
    if any(w in lex["speculative"] for w in found):
        return 1.0
    return 0.5 if any(w in lex["half_speculative"] for w in found) else 0.0


def negated_prediction(span: Span, quoted: list[tuple[int, int]]) -> bool:
    """The author's own negated forecast ("alone will not stop", "no truce will hold", "cannot last")."""
    lex = lexicon()
    if any(t.ent_type_ in ("DATE", "TIME") for t in span):
        return False  # a dated "will not attend on Monday" is a schedule, not a verdict
    for tok in span:
        if tok.lower_ not in lex["negatable"] or tok.dep_ != "aux" or _in(tok, quoted) or not _main_clause(tok.head):
            continue
        verb = tok.head
        qualified = tok.lower_ in ("can", "ca", "could") or any(t.lower_ in lex["qualifiers"] for t in span)
        if (
            qualified
            and any(c.dep_ == "neg" for c in verb.children)
            or any(
                c.dep_ == "nsubj"
                and (
                    c.lower_ in ("nothing", "nobody", "none", "neither")
                    or any(d.dep_ == "det" and d.lower_ in ("no", "neither") for d in c.children)
                )
                for c in verb.children
            )
        ):
            return True
    return False


def verdict(span: Span, quoted: list[tuple[int, int]]) -> bool:
    """A copula or belief in the author's voice that judges ("that is the problem", "more about X than Y", "few believe it")."""
    lex = lexicon()
    root = span.root
    if _in(root, quoted):
        return False
    if _quantified_belief(root):
        return True
    if root.lemma_ != "be":
        return False
    kids = list(root.children)
    if any(c.dep_ == "attr" and c.lemma_.lower() in lex["verdict"] for c in kids):
        return True
    if any(
        c.dep_ == "nsubj" and c.lemma_.lower() in lex["verdict"] and any(d.lower_ == "the" for d in c.children)
        for c in kids
    ):
        return True  # "The problem is that ..."
    comparative = any(c.lower_ in ("more", "less") and c.dep_ in ("acomp", "advmod", "attr") for c in kids)
    return comparative and any(t.lower_ == "than" for t in span) and not any(t.like_num for t in span)


def interprets(span: Span, quoted: list[tuple[int, int]]) -> bool:
    """A verb by which the author reads a meaning into a thing or an event ("the raid signals a shift",
    ", underscoring the rift"): active, its subject no person, group or state."""
    lex = lexicon()
    for tok in span:
        if tok.lemma_.lower() not in lex["interpretive"] or tok.pos_ != "VERB" or _in(tok, quoted):
            continue
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
            continue
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        if any(c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or c.pos_ == "PRON" and c.lower_ != "it" for c in subj):
            continue
        return True
    return False


def _quantified_belief(verb: Token) -> bool:
    """ "Few believe it", "many doubt that": a bare quantifier as the subject of a belief verb."""
    lex = lexicon()
    return verb.lower_ in lex["attribution"] and any(
        c.dep_ == "nsubj" and c.lower_ in lex["quantifiers"] and not any(True for _ in c.children)
        for c in verb.children
    )


def _complements(verb: Token) -> list[Token]:
    """What a modal verb predicates ("be [the largest] victory", "not end [well]"), one level down."""
    out = []
    for c in verb.children:
        if c.dep_ in ("acomp", "attr", "dobj", "oprd", "advmod", "xcomp", "npadvmod"):
            out.append(c)
            out.extend(x for x in c.children if x.dep_ in ("amod", "advmod", "compound"))
    return out


def _main_clause(verb: Token) -> bool:
    """The verb of the sentence's own clause (or one joined to it), not of a reported one."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


def score(span: Span, quoted: list[tuple[int, int]]) -> float:
    """How strongly a stretch of text voices the author's judgement."""
    lex = lexicon()
    words = author_text(quotes_mod.doc_text(span.doc), span.start_char, span.end_char, quoted)
    value = len(lex["strong"].findall(words)) + 0.5 * len(lex["weak"].findall(words))
    if forecast(span, quoted) or negated_prediction(span, quoted) or verdict(span, quoted) or interprets(span, quoted):
        value += 1
    else:
        value += speculation(span, quoted)
    opener = next((t for t in span if not t.is_punct), None)
    if (
        opener is not None
        and opener.lower_ in lex["counter"]
        and opener.dep_ in ("cc", "advmod")
        and not _in(opener, quoted)
    ):
        value += 0.5  # "But the standoff may drag on": the author argues against what came before
    head = lex["viewpoint"].match(words.lstrip())
    if head is not None and words.lstrip()[head.end() : head.end() + 1] == ",":
        value += 1  # "Formally, the treaty still binds both sides": the author's standpoint
    if any(_graded_superlative(t) and not _in(t, quoted) for t in span):
        value += 0.5  # "the most direct route", "the least costly option": the author ranks
    if unanchored(span):
        value += 0.5  # "Pressure on both sides is high": a present assessment, no event, date or number
    if words.rstrip().endswith(("?", "!")):
        value += 1
    if re.search(r"(?<!\w)(?:i|we|our|us)(?!\w)", words):
        value += 0.5
    return value


def unanchored(span: Span) -> bool:
    """A statement in the simple present that narrates no event and is anchored by no date or number
    ("Migration is a factor", "Both capitals eye the mines"): the author's own assessment. Reported
    facts are events told in the past, perfect, progressive or passive, or dated and counted; a
    present of relation or place ("the EU has an office in Kabul", "the towns are under siege")
    and a schedule ("is due to", "is to meet", "will not travel") are facts too; the author's
    modals are weighed by `forecast` and `speculation`."""
    lex = lexicon()
    if any(t.ent_type_ in lex["anchors"] for t in span):
        return False
    root = span.root
    if root.pos_ not in ("VERB", "AUX"):
        return False  # a caption or a fragment, not a statement
    if root.lemma_.lower() in lex["relational"] and not _has_capacity(root):
        return False
    if _names_in_predicate(root):
        return False
    if root.lemma_ in ("be", "remain"):
        kids = list(root.children)
        if any(c.dep_ in ("acomp", "attr") and c.lemma_.lower() in lex["relational_predicates"] for c in kids):
            return False
        if any(c.dep_ == "xcomp" or c.lower_ == "due" for c in kids) or not any(
            c.dep_ in ("attr", "acomp") for c in kids
        ):
            return False
    for verb in [root] + [c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]:
        if verb.tag_ in ("VBD", "VBG", "VBN"):
            return False
        if any(
            c.dep_ in ("aux", "auxpass") and (c.lower_ in lex["narrating_aux"] or c.tag_ == "MD") for c in verb.children
        ):
            return False
    return True


def _names_in_predicate(verb: Token) -> bool:
    """A copula whose noun names a state, a people, a body or a person ("is a Tutsi-led group", "is
    the only Muslim-majority state with the bomb"): a classification of named things, a fact."""
    return verb.lemma_ == "be" and any(
        t.ent_type_ in lexicon()["named"] for c in verb.children if c.dep_ == "attr" for t in c.subtree
    )


def _has_capacity(verb: Token) -> bool:
    """ "Neither side has the strength to win", "Kigali has little reason to": having, graded or
    for a purpose, is a judgement of capacity, not a fact of possession."""
    if verb.lemma_ != "have":
        return False
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        if any(d.dep_ in ("det", "amod") and d.lower_ in lexicon()["capacity"] for d in obj.children):
            return True
        if any(d.dep_ in ("acl", "relcl") and any(a.lower_ == "to" for a in d.children) for d in obj.children):
            return True
    return False


def _graded_superlative(tok: Token) -> bool:
    """ "most"/"least" grading an adjective ("the most serious threat"); not "most countries",
    "at least 100", "most recently"."""
    return tok.lower_ in lexicon()["superlative"] and tok.dep_ == "advmod" and tok.head.pos_ == "ADJ"


def _in(tok: Token, quoted: list[tuple[int, int]]) -> bool:
    if not quoted:
        return False  # most sentences quote nothing: skip making the generator
    idx = tok.idx
    return any(s <= idx < e for s, e in quoted)


# ------------------------------------------------------------- attribution


def attribution_cue(sent: Span, quoted: list[tuple[int, int]]) -> Optional[Token]:
    """A speech verb or "according to" outside the quoted words, if the sentence has one."""
    lex = lexicon()
    idioms = quoted + _clue_spans(sent, quoted)
    for tok in sent:
        if _in(tok, idioms):
            continue
        if quotes_mod.is_source_according(tok) or quotes_mod.is_speech_verb(tok) and _reports(tok):
            return tok
        if (
            tok.lower_ in lex["attribution"]
            and tok.pos_ in ("VERB", "ADJ")
            and tok.dep_ not in ("amod", "relcl")
            and not _quantified_belief(tok)
            and not any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in tok.children)
        ):
            return tok
        if _sees_as(tok):
            return tok
    return None


def _clue_spans(sent: Span, quoted: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where the sentence's words match a clue of the lexicon ("calls into question", "the timing
    is telling"): a speech verb inside one is part of the author's judgement, not an attribution."""
    lex = lexicon()
    words = author_text(quotes_mod.doc_text(sent.doc), sent.start_char, sent.end_char, quoted)
    return [
        (sent.start_char + m.start(), sent.start_char + m.end())
        for pattern in (lex["strong"], lex["weak"])
        for m in pattern.finditer(words)
    ]


def _sees_as(verb: Token) -> bool:
    """ "Analysts saw the raid as a warning": someone's view, active with its holder as subject (the
    agentless "was seen as" is the author's own interpretation)."""
    return (
        verb.lemma_.lower() in lexicon()["perception"]
        and any(c.dep_ == "nsubj" and c.lower_ not in ("i", "we") for c in verb.children)
        and any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)
    )


def _reports(verb: Token) -> bool:
    """A speech verb that reports something here: "agreed to provide" is a deed, "agreed that
    ..." a report; verbs of saying report whatever follows them."""
    if verb.lemma_.lower() not in quotes_mod.lexicon()["needs_clause"]:
        return True
    return any(c.dep_ in ("ccomp", "parataxis") for c in verb.children) or verb.dep_ in ("parataxis", "ccomp")


def author_tail(sent: Span, quoted: list[tuple[int, int]]) -> Optional[Span]:
    """The participial tail an author adds after an attribution (", clearly contradicting ...")."""
    doc = sent.doc
    speech = quotes_mod.speech_verbs(doc)
    marks = [
        t.right_edge.i if quotes_mod.is_according(t) else t.i
        for t in sent
        if (t.i in speech or quotes_mod.is_according(t)) and not _in(t, quoted)
    ]
    for s, e in quoted:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None and sent.start_char <= s < sent.end_char:
            marks.append(span.end)
    after = max(marks, default=sent.start)
    for tok in sent:
        if tok.i <= after or tok.tag_ != "VBG" or _in(tok, quoted):
            continue
        start = min((t.i for t in tok.subtree if t.i > after and not t.is_punct), default=sent.start)
        if doc[start - 1].text == "," and start > sent.start + 3:
            return doc[start : sent.end]
    return None


def _clean(span: Span) -> str:
    """The sentence text without a quote mark that opens the next sentence."""
    return re.sub(r"(?<=[.?!,])\s+(?:''|[\"“])$", "", span_text(span).strip())


def classify(ctx: Context) -> tuple[list[str], list[str]]:
    """(opinion, reported): sentences or clauses, exact stretches of the text."""
    doc = ctx.doc
    text = quotes_mod.doc_text(doc)
    quoted = [(s, e) for s, e, _ in quotes_mod.quote_spans(text) if quotes_mod.word_count(text[s:e]) >= 3]
    ends = [e for _, e in quoted]
    opinion: list[str] = []
    reported: list[str] = []
    for sent in doc.sents:
        short = _short_verdict(sent)
        if not short and not _is_sentence(sent):
            continue
        k = bisect_right(ends, sent.start_char)  # the quotes that reach into this sentence
        local = []
        for q in islice(quoted, k, None):
            if q[0] >= sent.end_char:
                break
            local.append(q)
        if short:
            if not local and verdict(sent, local):
                opinion.append(_clean(sent))
            continue
        cue = attribution_cue(sent, local)
        if cue is not None and (_conceded(cue, local) or _embedded_judged(cue, sent, local)):
            opinion.append(_clean(sent))  # "While officials say X, the move calls into question Y"
            continue
        if cue is not None:
            tail = author_tail(sent, local)
            if tail is not None and score(tail, local) >= THRESHOLD:
                opinion.append(_clean(tail).rstrip("."))
                rest = doc[sent.start : tail.start - 1]
                reported.append(_clean(rest))
            else:
                reported.append(_clean(sent))
            continue
        if not _mostly_quoted(sent, local) and score(sent, local) >= THRESHOLD:
            opinion.append(_clean(sent))
        else:  # a statement of fact in the author's voice, or mostly someone's quote
            reported.append(_clean(sent))
    return opinion, reported


EMBEDDED = ("relcl", "acl", "pcomp", "advcl", "amod", "appos", "pobj")


def _embedded_judged(cue: Token, sent: Span, quoted: list[tuple[int, int]]) -> bool:
    """An attribution inside a phrase of the author's own sentence ("what X calls a 'partnership'",
    "(claimed by both)", "without conceding"), whose words outside that phrase judge."""
    clause = cue
    for _ in range(4):
        if clause.dep_ in EMBEDDED or _free_relative(clause):
            break
        if clause.dep_ != "conj" or clause.head.i == clause.i:
            return False
        clause = clause.head
    else:
        return False
    if _main_clause(clause):
        return False
    lo, hi = clause.left_edge, clause.right_edge
    blank = (lo.idx, hi.idx + len(hi.text))
    return score(sent, sorted(quoted + [blank])) >= THRESHOLD


def _free_relative(clause: Token) -> bool:
    """ "deliver what its spokesman calls a return": a clause whose object is its own wh-word."""
    return clause.dep_ == "ccomp" and any(c.tag_ == "WP" and c.dep_ in ("dobj", "attr") for c in clause.children)


def _conceded(cue: Token, quoted: list[tuple[int, int]]) -> bool:
    """An attribution inside a concessive clause ("While X say ..., ...") whose main clause,
    the author's own, judges."""
    clause, doc, sent = cue, cue.doc, cue.sent
    if doc[sent.start].lower_ in lexicon()["concessive"]:  # the parser may make the concession the root
        comma = next((t.i for t in sent if t.text == "," and t.i > cue.i), None)
        if comma is not None and comma < sent.end - 3:
            return score(doc[comma + 1 : sent.end], quoted) >= THRESHOLD
    for _ in range(6):
        if clause.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in lexicon()["concessive"] for m in clause.children
        ):
            break
        if clause.head.i == clause.i:
            return False
        clause = clause.head
    else:
        return False
    if clause.dep_ != "advcl":
        return False
    rest_start = clause.right_edge.i + 1
    if (
        rest_start >= sent.end - 2
        or clause.left_edge.i != sent.start
        and doc[sent.start].lower_ not in lexicon()["concessive"]
    ):
        return False
    return score(doc[rest_start : sent.end], quoted) >= THRESHOLD


def _is_sentence(sent: Span) -> bool:
    """A real sentence, not a title, byline or dateline. A sentence the tagger found no verb in
    counts when it ends like one and is long enough not to be a label."""
    words = [t for t in sent if t.is_alpha]
    ends = span_text(sent).rstrip()[-1:] in ".?!\"”'’"
    verb = any(t.pos_ in ("VERB", "AUX") for t in sent)
    if len(words) < 4 or not verb and not (ends and len(words) >= VERBLESS_WORDS):
        return False
    return ends or len(words) >= 12


def _short_verdict(sent: Span) -> bool:
    """A sentence of two or three words ending in a full stop ("Few believe it."): judged only as a verdict."""
    words = [t for t in sent if t.is_alpha]
    return 2 <= len(words) < 4 and span_text(sent).rstrip()[-1:] in ".!" and sent.root.pos_ in ("VERB", "AUX")


def _mostly_quoted(sent: Span, quoted: list[tuple[int, int]]) -> bool:
    inside = sum(max(0, min(e, sent.end_char) - max(s, sent.start_char)) for s, e in quoted)
    return inside >= 0.6 * (sent.end_char - sent.start_char)
