"""Quotes: who said what, in whose words, and through which medium.

Direct quotes are found by their marks (straight, curly, and the two-apostrophe
pairs of some wire copy); a paragraph left open goes on in the next one. Each
part is attributed from the frame around it: the speech verb whose clause holds
it or that stands next to it, and that verb's subject. A quote split by its
attribution ('"A," X said. "B."') is one record holding both parts; short quoted
phrases count when they stand in a speaker's clause ('warned of a "decisive
response"'). Reported speech comes from a speech verb's clause ("said that ...")
and from "according to X"; it is kept apart (`direct: false`) and only with a
specific speaker. Speech verbs used for evidence or acts ("images suggest",
"denied access") are no cues. Speakers are resolved in speakers.py. The medium
(`via`) is a news outlet named in the attribution ("told Reuters"). `rule` says
which rule made each record.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

import yaml
from spacy.tokens import Span, Token

from ..context import Context, doc_text
from ..records import Quote

DATA = Path(__file__).parent / "data" / "speech_cues.yaml"
END_PUNCT = {".", "?", "!"}
OPEN_BEFORE = set(" \t\n([{—–-:;,/")


def _dateline(tok: Token) -> bool:
    """ "GOMA, Congo (AFP) - ...": the place a wire story was filed from, never a speaker."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return (
        tok.is_upper
        and len(tok.text) > 2
        and tok.i == tok.sent.start
        and nxt is not None
        and nxt.text in {",", "(", "-", "\u2013", "\u2014"}
    )


def sentence_floor(doc, i: int, back: int = 0) -> int:
    """Token index where the sentence holding token `i` starts, or the one `back` sentences before."""
    starts = doc.user_data.get("blocs.sent_starts")
    if starts is None:
        starts = doc.user_data["blocs.sent_starts"] = [s.start for s in doc.sents]
    k = bisect_right(starts, i) - 1 - back
    return starts[max(0, k)] if starts else 0


@lru_cache(maxsize=1)
def lexicon() -> dict:
    lex = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    for key in (
        "verbs",
        "needs_clause",
        "quote_only",
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
    ):
        lex[key] = set(lex[key])
    lex["media_names_lower"] = {n.lower() for n in lex["media_names"]}
    return lex


# ---------------------------------------------------------------- quote marks


@dataclass
class Part:
    """One stretch of quoted words (marks excluded) and what it is attributed to."""

    start: int
    end: int
    para: int
    span: Span
    cue: Optional[Token] = None
    continued: bool = False  # goes on from the paragraph before
    speaker: Optional[str] = None
    via: Optional[str] = None
    governed: bool = False  # the quote stands inside a speech verb's clause ('calls it a "farce"')
    rule: str = "quote-cue"  # how the attribution was found (shown by --explain)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character ranges of the paragraphs (a newline ends one)."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


MARK = re.compile(r"'''|''|[\"“”«»]")


def _is_open(text: str, pos: int, length: int) -> bool:
    """A straight mark opens when it follows a space or start and precedes a word."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + length] if pos + length < len(text) else " "
    return (before in OPEN_BEFORE or before in "\"“'") and not after.isspace()


def quote_spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, continued) of each quoted stretch, marks excluded.

    A paragraph whose quote is still open at its end is closed there; when the
    next paragraph opens a quote at its start, that part is `continued`.
    """
    out: list[tuple[int, int, bool]] = []
    left_open = False
    for p_start, p_end in paragraphs(text):
        para = text[p_start:p_end]
        opened: Optional[int] = None
        continued = False
        for m in MARK.finditer(para):
            tok, pos = m.group(), m.start()
            if tok == "'''":  # nested single mark next to a double one
                if opened is None:
                    tok, pos = "''", pos
                else:
                    tok, pos = "''", pos + 1
            if opened is None:
                if tok in ("”", "»"):
                    continue
                if tok in ('"', "''") and not _is_open(para, pos, len(tok)):
                    continue
                opened = pos + len(tok)
                continued = left_open and not para[:pos].strip()
            else:
                if tok in ("“", "«"):
                    opened = pos + len(tok)  # unbalanced: restart
                    continue
                if tok in ('"', "''") and _is_open(para, pos, len(tok)) and not para[opened:pos].strip():
                    continue
                out.append((p_start + opened, p_start + pos, continued))
                opened, continued = None, False
        left_open = opened is not None
        if opened is not None and para[opened:].strip():
            out.append((p_start + opened, p_start + len(para.rstrip()), continued))
    return [(s, e, c) for s, e, c in (_strip(text, s, e) + (c,) for s, e, c in out) if e > s]


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


# ------------------------------------------------------------------ the frame


def is_speech_verb(tok: Token) -> bool:
    found = tok.doc.user_data.get("blocs.speech_verbs")
    return tok.i in (speech_verbs(tok.doc) if found is None else found)


def speech_verbs(doc) -> frozenset[int]:
    """Indexes of the doc's speech verbs, found once: quotes and stance ask for every token, often twice."""
    found = doc.user_data.get("blocs.speech_verbs")
    if found is None:
        lex = lexicon()
        verbs, particles = lex["verbs"], lex["particles"]
        found = set()
        for tok in doc:
            lemma = tok.lemma_.lower()
            if lemma not in verbs or tok.pos_ not in ("VERB", "AUX"):
                continue
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
        if subj is not None and not _speaker_like(subj, lex):
            return True
    if lemma in lex["act_with_object"]:
        objs = [c for c in tok.children if c.dep_ in ("dobj", "dative") and c.pos_ in ("NOUN", "PROPN")]
        clause = any(c.dep_ in ("ccomp", "xcomp") for c in tok.children)
        if any(c.dep_ == "auxpass" for c in tok.children) and not clause:
            return True  # "were denied access": something done to them
        if objs and not clause and not any(o.lemma_.lower() in lex["charge_nouns"] for o in objs):
            return True
    return False


def _speaker_like(subj: Token, lex: dict) -> bool:
    """A subject that can speak: a name, a person or body, or a pronoun for one; not a thing."""
    lower, lemma = subj.lower_, subj.lemma_.lower()
    if lower in lex["pronouns"]["person"] or lower in lex["pronouns"]["group"] or lower in ("i", "we", "you"):
        return True
    if subj.pos_ == "PROPN" or subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    return lemma in lex["role_nouns"] or lemma in lex["group_nouns"] or lemma in lex["speaker_nouns"]


def is_according(tok: Token) -> bool:
    return tok.lower_ in lexicon()["according"] and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to"


def frame_tokens(doc, start: int, end: int, inside: set[int], before: bool) -> list[Token]:
    """Tokens of the attribution sentence on one side of a quote."""
    span = doc.char_span(start, end, alignment_mode="contract") if end > start else None
    toks = [t for t in span if t.i not in inside] if span is not None else []
    if before:
        cut = max((k for k, t in enumerate(toks) if t.text in END_PUNCT), default=-1)
        return toks[cut + 1 :]
    for k, t in enumerate(toks):
        if t.text in END_PUNCT:
            return toks[: k + 1]
    return toks


def cue_in(toks: list[Token], nearest_last: bool) -> Optional[Token]:
    """The speech cue beside a quote; verbs that report only with a clause of their
    own ("confirmed that ...") do not introduce a quote."""
    needs = lexicon()["needs_clause"]
    cues = [t for t in toks if is_speech_verb(t) and t.lemma_.lower() not in needs or is_source_according(t)]
    if not cues:
        return None
    verbs = [t for t in cues if not is_according(t)]
    cues = verbs or cues  # "X said ..., according to Y": the verb names the speaker
    return cues[-1] if nearest_last else cues[0]


def governing_cue(part: Part, toks: list[Token]) -> Optional[Token]:
    """The speech verb whose clause holds the quote ("stressed that '...'"), if the parse shows one."""
    root = part.span.root
    best = None
    for t in toks:
        if is_speech_verb(t) and any(a.i == t.i for a in root.ancestors):
            if best is None or t in best.subtree:
                best = t
    return best


def attribute_part(ctx: Context, part: Part, parts: list[Part], paras, inside: set[int]) -> None:
    """Find the speech verb of a quote part in the sentence around it."""
    text = doc_text(ctx.doc)
    p_start, p_end = paras[part.para]
    same = [q for q in parts if q.para == part.para]
    k = same.index(part)
    b_start = same[k - 1].end if k else p_start
    a_end = same[k + 1].start if k + 1 < len(same) else p_end
    before = frame_tokens(ctx.doc, b_start, part.start, inside, before=True)
    after = frame_tokens(ctx.doc, part.end, a_end, inside, before=False)
    ends_open = bool(re.search(r"[,?!—–-]\W*$", text[part.start : part.end]))
    lead = text[b_start : part.start].rstrip(" \"“'«")
    before_open = bool(before) and not re.search(r"[.?!]$", lead)
    cue = governing_cue(part, (before if before_open else []) + after)
    part.governed = cue is not None and _says_the_words(part.span.root, cue)
    part.rule = "quote-in-speech-clause"
    if cue is None and ends_open:
        cue, part.rule = cue_in(after, nearest_last=False), "quote-cue-after"
    if cue is None and before_open:
        cue, part.rule = cue_in(before, nearest_last=True), "quote-cue-before"
    if cue is None:
        cue, part.rule = cue_in(after, nearest_last=False), "quote-cue-after"
        if cue is not None and _closes_statement(text, part) and _has_own_content(cue, inside):
            cue = None  # '"... me." The junta insists X': the next sentence's verb has its own words
    part.cue = cue


def _says_the_words(root: Token, cue: Token) -> bool:
    """Whether a short quoted phrase is what the cue's speaker said: inside the verb's
    reported clause ('warned that X would face "crushing defeat"'), not in an adjunct
    ('called talks to discuss the "tour"'). A naming verb's label ('calls it a "farce"')
    is too often the writer's scare quote to stand as a quote of its own."""
    deps, tok = [], root
    for _ in range(12):
        if tok.i == cue.i or tok.head.i == tok.i:
            break
        deps.append(tok.dep_)
        tok = tok.head
    if tok.i != cue.i or not deps:
        return False
    if "ccomp" in deps:
        return True
    top = deps[-1]
    return top in ("dobj", "oprd") and cue.lemma_.lower() not in lexicon()["quote_only"]


def _closes_statement(text: str, part: Part) -> bool:
    """A quote ending in a full stop with a capital after its mark: the sentence is over."""
    inner = text[part.start : part.end].rstrip()
    return inner.endswith(".") and bool(re.match(r"[\"”'’»]*\s+[A-Z]", text[part.end : part.end + 6]))


def _has_own_content(cue: Token, inside: set[int]) -> bool:
    """A speech verb with a clause or object of its own outside the quotation marks."""
    return any(c.dep_ in ("ccomp", "xcomp", "dobj") and c.i not in inside for c in cue.children)


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


from .speakers import Speakers, subject_of  # noqa: E402  (speakers reads this module's lexicon)

# ----------------------------------------------------------- reported speech


@dataclass
class Item:
    """One attribution: the cue, what it reports (a clause, when `reported`), its quote parts."""

    cue: Token
    start: int
    end: int
    reported: bool
    direct: bool = False
    parts: list[Part] = field(default_factory=list)
    speaker: Optional[str] = None
    via: Optional[str] = None


def piece(doc, sent: Span, hole: Span, longest: bool) -> Optional[tuple[int, int]]:
    """What is left of a sentence once an attribution phrase is cut out of it.

    "X, officials said, has done Y": the words after the phrase carry the claim
    unless the phrase ends the sentence; "according to X" covers the whole
    sentence, so its longer side is taken.
    """
    text = doc_text(doc)
    left = _trim(text, sent.start_char, hole.start_char)
    right = _trim(text, hole.end_char, sent.end_char)
    sides = [r for r in (left, right) if r]
    if not sides:
        return None
    if not longest and right and word_count(text[right[0] : right[1]]) >= 3:
        return right
    return max(sides, key=lambda r: word_count(text[r[0] : r[1]]))


def _trim(text: str, s: int, e: int) -> Optional[tuple[int, int]]:
    """Drop the edge punctuation and linking words of a content stretch."""
    changed = True
    while changed and s < e:
        changed = False
        s, e = _strip(text, s, e)
        m = re.match(r"(?:[,;:—–-]|that\b|and\b|but\b)\s*", text[s:e], re.I)
        if m and m.end():
            s, changed = s + m.end(), True
        m = re.search(r"\s*(?:[,;:—–.-]|\band|\bbut)$", text[s:e], re.I)
        if m and m.start() < e - s:
            e, changed = s + m.start(), True
    return (s, e) if e > s else None


def _close_marks(text: str, s: int, e: int) -> tuple[int, int]:
    """Keep a closing quote mark that trimming cut off ('with "bemused interest,"')."""
    inner = text[s:e]
    if inner.count('"') % 2 or inner.count("“") > inner.count("”"):
        m = re.match(r"[,.]?(\"|”)", text[e : e + 2])
        if m:
            e += m.end()
    return s, e


def that_clause(tok: Token) -> Optional[Token]:
    """A "that" clause the parser hung on a noun after the verb ("told X in an interview that ...")."""
    for t in tok.subtree:
        if (
            t.i > tok.i
            and t.dep_ in ("acl", "advcl", "relcl", "ccomp")
            and t.i != tok.i
            and any(c.dep_ == "mark" and c.lower_ == "that" and c.i < t.i for c in t.children)
            and not any(is_speech_verb(a) for a in t.ancestors if a.i > tok.i)
        ):
            return t
    return None


def _clause_end(verb: Token, clause: Token) -> int:
    """End of a reported clause, leaving out a conjunct that goes with the speech verb.

    "Turkey denies that the crime was a genocide and goes to great lengths ...":
    the subjectless "goes" shares the tense of "denies", not of "was".
    """
    end = clause.right_edge.i + 1
    for c in clause.children:
        if (
            c.dep_ == "conj"
            and c.pos_ in ("VERB", "AUX")
            and c.tag_ == verb.tag_ != clause.tag_
            and not any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children)
        ):
            cc = [x for x in clause.children if x.dep_ == "cc" and x.i < c.i]
            end = min(end, (cc[-1].i if cc else c.left_edge.i))
    return end


def reported_content(tok: Token) -> Optional[tuple[int, int]]:
    """The characters of what a speech cue reports: its clause, or the rest of the sentence."""
    doc = tok.doc
    if is_according(tok):
        hole = doc[tok.left_edge.i : tok.right_edge.i + 1]
        head = tok.head
        if tok.dep_ == "prep" and tok.sent.start <= head.i < hole.start:
            # "X did Y, according to Z, while W ...": Z vouches for the clause it hangs on
            left = _trim(doc_text(doc), tok.sent.start_char, hole.start_char)
            if left and word_count(doc_text(doc)[left[0] : left[1]]) >= 3:
                return left
        return piece(doc, tok.sent, hole, longest=True)
    clause = next((c for c in tok.children if c.dep_ == "ccomp"), None) or that_clause(tok)
    if clause is not None:
        span = doc[clause.left_edge.i : _clause_end(tok, clause)]
        if span.start <= tok.i < span.end:
            return None
        rng = _trim(doc_text(doc), span.start_char, span.end_char)
        return _close_marks(doc_text(doc), *rng) if rng else None
    after_comma = tok.left_edge.i > 0 and doc[tok.left_edge.i - 1].text == ","
    if tok.dep_ == "parataxis" or (tok.dep_ in ("ccomp", "ROOT") and after_comma):  # "..., officials said"
        hole = doc[tok.left_edge.i : tok.right_edge.i + 1]
        if hole.start == tok.sent.start and hole.end == tok.sent.end:
            return None
        return piece(doc, tok.sent, hole, longest=False)
    return None


# --------------------------------------------------------------------- extract


def extract(ctx: Context) -> list[Quote]:
    """Direct and reported quotes with speaker and medium resolved to actors."""
    doc, text = ctx.doc, doc_text(ctx.doc)
    lex = lexicon()
    paras = paragraphs(text)
    para_starts = [s for s, _ in paras]
    parts: list[Part] = []
    for s, e, cont in quote_spans(text):
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        parts.append(Part(s, e, max(0, bisect_right(para_starts, s) - 1), span, continued=cont))
    inside = {t.i for p in parts for t in p.span}
    for p in parts:
        attribute_part(ctx, p, parts, paras, inside)
    quoted = [
        p
        for p in parts
        if word_count(text[p.start : p.end]) >= lex["min_quote_words"] or _introduced(p, text) or p.governed
    ]
    for p in parts:
        if p not in quoted:
            p.cue = None

    items = _items(ctx, quoted, inside)
    speakers = Speakers(ctx)
    speakers.inside = inside
    for it in sorted(items, key=lambda it: it.cue.i):
        key = speakers.resolve(subject_of(it.cue))
        via = _via(ctx, speakers, it, inside)
        if key and via == key:
            via = None
        for p in it.parts:
            p.speaker, p.via = key, via
        it.speaker, it.via = key, via
    _propagate(quoted, paras, items, text)
    _remark_via(ctx, speakers, items, quoted)
    for it in items:  # a medium named later reaches the parts too
        for p in it.parts:
            p.via = p.via or it.via
    return _records(ctx, items, quoted, speakers)


def _introduced(part: Part, text: str) -> bool:
    """A short quote still counts when a speech verb or colon leads straight into it."""
    lead = text[max(0, part.start - 40) : part.start].rstrip(" \"“'«")
    return lead.endswith(":")


def _items(ctx: Context, quoted: list[Part], inside: set[int]) -> list[Item]:
    """Attributions: each cued quote part, and each speech verb's reported clause."""
    doc, text = ctx.doc, doc_text(ctx.doc)
    items: list[Item] = []
    by_cue: dict[int, Item] = {}

    def item_for(tok: Token, s: int, e: int) -> Item:
        if tok.i not in by_cue:
            by_cue[tok.i] = Item(tok, s, e, reported=False)
            items.append(by_cue[tok.i])
        return by_cue[tok.i]

    for p in quoted:
        if p.cue is not None:
            item_for(p.cue, p.start, p.end).parts.append(p)
    speech, according = speech_verbs(doc), lexicon()["according"]
    for tok in doc:
        if tok.i not in speech and tok.lower_ not in according:
            continue  # neither a speech verb nor "according to"
        if (
            tok.i in inside
            or not (is_speech_verb(tok) or is_source_according(tok))
            or tok.lemma_.lower() in lexicon()["quote_only"]
        ):
            continue
        if is_according(tok) and any(is_speech_verb(a) for a in tok.ancestors):
            continue  # "X said ..., according to Y": Y is the medium, not a second quote
        subj = subject_of(tok)
        if subj is not None and subj.lemma_.lower() in lexicon()["charge_nouns"]:
            continue  # "..., a charge X denies": the charge is not what X says
        rng = reported_content(tok)
        if rng is None or word_count(text[rng[0] : rng[1]]) < 3:
            continue
        s, e = rng
        overlap = [p for p in quoted if p.start < e and p.end > s]
        if overlap:  # take the quoted words whole, closing mark included
            s, e = min([s] + [p.start for p in overlap]), max([e] + [p.end for p in overlap])
            s, e = _with_marks(text, s, e, [p.start for p in overlap], [p.end for p in overlap])
        covered = sum(min(e, p.end) - max(s, p.start) for p in overlap)
        it = item_for(tok, s, e)
        for p in overlap:  # a quote inside the reported clause is part of it
            if p.cue is None:
                p.cue = tok
            if p.cue.i == tok.i and p not in it.parts:
                it.parts.append(p)
        if long_parts(text, overlap) and (covered >= 0.8 * (e - s) or _uncovered_words(text, s, e, overlap) <= 3):
            continue  # the direct quote already carries it ('As a result, "..." says X')
        # a scare-quoted phrase inside reported speech leaves it indirect ('posed a "grave challenge"')
        it.start, it.end, it.reported, it.direct = s, e, True, bool(long_parts(text, overlap))
    return [it for it in items if not _nested(it, items)]


def long_parts(text: str, parts: list[Part]) -> list[Part]:
    """Quoted stretches long enough to be a statement, not a scare-quoted phrase."""
    return [p for p in parts if word_count(text[p.start : p.end]) >= lexicon()["min_quote_words"]]


def _uncovered_words(text: str, s: int, e: int, parts: list[Part]) -> int:
    """Words of a stretch outside its quoted parts."""
    chars = list(text[s:e])
    for p in parts:
        for i in range(max(p.start, s), min(p.end, e)):
            chars[i - s] = " "
    return word_count("".join(chars))


def _with_marks(text: str, s: int, e: int, starts: list[int], ends: list[int]) -> tuple[int, int]:
    """Widen a reported clause so that a quote at its edge keeps both its marks."""
    if s in starts:
        m = re.search(r"(''|[\"“«])$", text[max(0, s - 2) : s])
        s -= len(m.group()) if m else 0
    if e in ends:
        m = re.match(r"(''|[\"”»])", text[e : e + 2])
        e += len(m.group()) if m else 0
    return s, e


def _nested(it: Item, items: list[Item]) -> bool:
    """Speech reported inside someone else's reported speech is theirs, not a new quote."""
    return any(o is not it and o.reported and o.start <= it.cue.idx < o.end for o in items)


def _via(ctx: Context, speakers: Speakers, it: Item, inside: set[int]) -> Optional[str]:
    """A news outlet named in the attribution sentence, outside the quoted words."""
    sent = it.cue.sent
    outside = [t for t in sent if t.i not in inside and not (it.reported and it.start <= t.idx < it.end)]
    ids = {t.i for t in outside}
    for m in ctx.actors_in(sent):
        if m.start in ids and speakers.media_mention(m):
            return m.key
    for tok in outside:
        if tok.pos_ in ("PROPN", "NOUN") and tok.dep_ not in ("compound", "amod") and speakers.is_media(tok):
            return speakers.media_key(tok)
    return None


def _propagate(parts: list[Part], paras, items: list[Item], text: str) -> None:
    """Uncued parts take the speaker of a cued part in the same paragraph; a paragraph
    that is nothing but a quote goes on from the speaker of the paragraph before; a
    quote running over several paragraphs shares the speaker named in any of them."""
    for p in parts:
        if p.cue is None and _statement(text, p):
            same = [q for q in parts if q.para == p.para and q.cue is not None]
            prev = [q for q in same if q.start < p.start]
            src = prev[-1] if prev else (same[0] if same else None)
            if src is not None:
                p.cue, p.speaker, p.via, p.rule = src.cue, src.speaker, src.via, "quote-same-paragraph"
    _link_continued(parts)
    for p in parts:
        if p.cue is None and p.para and _only_quotes(text, paras[p.para], parts):
            start, end = paras[p.para - 1]
            before = [it for it in items if it.speaker and start <= it.cue.idx < end]
            if before:
                last = max(before, key=lambda it: it.cue.i)
                p.cue, p.speaker, p.via, p.rule = last.cue, last.speaker, last.via, "quote-paragraph-after-speaker"
    _link_continued(parts)


def _statement(text: str, part: Part) -> bool:
    """Quoted words that read as something said, not a scare-quoted name or title: they
    open a sentence, or end in the punctuation of speech inside the marks."""
    inner = text[part.start : part.end].rstrip()
    lead = text[max(0, part.start - 3) : part.start].rstrip(" \"“'«")
    opens = not lead or lead[-1:] in ".!?:\n"
    return opens or inner[-1:] in ".,!?"


def _link_continued(parts: list[Part]) -> None:
    """The parts of a quote running over paragraphs share one attribution, wherever it is."""
    for order in (parts, parts[::-1]):
        for a, b in zip(order, order[1:]):
            later, earlier = (b, a) if b.start > a.start else (a, b)
            linked = later.continued and later.para == earlier.para + 1
            if linked and b.cue is None and a.speaker:
                b.cue, b.speaker, b.via, b.rule = a.cue, a.speaker, a.via, "quote-continued-paragraph"


def _only_quotes(text: str, para: tuple[int, int], parts: list[Part]) -> bool:
    """Whether a paragraph holds quoted words and nothing else."""
    chars = list(text[para[0] : para[1]])
    for p in parts:
        for i in range(max(p.start, para[0]), min(p.end, para[1])):
            chars[i - para[0]] = " "
    return not re.search(r"\w", "".join(chars))


def _remark_via(ctx: Context, speakers: Speakers, items: list[Item], parts: list[Part]) -> None:
    """ "The comment was made ..., X news agency reported": the outlet is the medium of
    the quotes of the sentence before, and the sentence is no new quote."""
    lex = lexicon()
    for it in list(items):
        if not it.reported or it.parts or speakers.actor_type(it.speaker) != "media":
            continue
        span = ctx.doc.char_span(it.start, it.end, alignment_mode="expand")
        subj = next((t for t in span if t.dep_ in ("nsubj", "nsubjpass")), None) if span is not None else None
        if subj is None or subj.lemma_.lower() not in lex["remark_nouns"] and subj.lower_ not in lex["remark_nouns"]:
            continue
        since = _sent_before(ctx, it.cue.sent.start)
        earlier = [p for p in parts if p.span.start >= since and p.end <= it.cue.idx and p.speaker and not p.via]
        earlier_items = [o for o in items if o is not it and o.cue.i >= since and o.cue.i < it.cue.i and o.speaker]
        if not earlier and not earlier_items:
            continue
        for x in earlier + earlier_items:
            x.via = x.via or it.speaker
        items.remove(it)


def _sent_before(ctx: Context, start: int) -> int:
    """Token index where the sentence before the one starting at `start` begins."""
    return sentence_floor(ctx.doc, start, 1)


def _records(ctx: Context, items: list[Item], parts: list[Part], speakers: Speakers) -> list[Quote]:
    """Quote records in text order: reported clauses, and the direct quotes not inside one.

    Reported speech is kept only with a specific speaker ("analysts say" is not one). A
    quote split by its attribution ('"A," X said, "and B."', '"A," X said. "B."') is one
    record whose text runs from A to B, both parts whole (a record's text is one stretch
    of the article); an attribution naming its occasion ends a statement of its own.
    """
    text = doc_text(ctx.doc)
    out: list[tuple[int, Quote]] = []
    covered: set[int] = set()
    for it in items:
        if not it.reported:
            continue
        inner = [p for p in parts if it.start <= p.start and p.end <= it.end]
        covered.update(id(p) for p in inner)
        if not it.direct and (it.speaker is None or speakers.is_generic(it.speaker)):
            continue  # indirect speech of nobody in particular
        rule = (
            "according-to" if is_according(it.cue) else ("quote-in-reported-clause" if it.direct else "reported-speech")
        )
        out.append(
            (
                it.start,
                Quote(
                    speaker=it.speaker,
                    via=it.via,
                    text=text[it.start : it.end],
                    rule=rule,
                    direct=it.direct,
                    evidence=it.cue.sent.text.strip(),
                ),
            )
        )
    groups: dict[tuple, list[Part]] = {}
    for p in parts:
        if id(p) in covered or (p.cue is None and p.speaker is None):
            continue
        key: tuple[int, ...] = (p.para, p.cue.i) if p.cue is not None else (p.para, -p.start)
        while key in groups and _new_sentence(text, groups[key][-1], p):
            key = key + (p.start,)  # '"A," he said. "B."': B goes on in a sentence of its own
        groups.setdefault(key, []).append(p)
    for group in groups.values():
        for run in _runs(text, group):  # a split quote is one record holding both its parts
            first, last = run[0], run[-1]
            rule = first.rule if len(run) == 1 else "split-quote"
            out.append(
                (
                    first.start,
                    Quote(
                        speaker=first.speaker,
                        via=first.via,
                        text=text[first.start : last.end],
                        direct=True,
                        evidence=_evidence(ctx, group),
                        rule=rule,
                    ),
                )
            )
    out.sort(key=lambda x: x[0])
    return _distinct_quotes([q for _, q in out])


def _distinct_quotes(quotes: list[Quote]) -> list[Quote]:
    """A quote repeated in a summary ("Key points") is one quote: the longer copy stays."""
    norm = [re.sub(r"\W+", " ", q.text).strip().lower() for q in quotes]
    keep = []
    for i, q in enumerate(quotes):
        dup = any(
            j != i and quotes[j].speaker == q.speaker and norm[i] in norm[j] and (len(norm[i]) < len(norm[j]) or j < i)
            for j in range(len(quotes))
        )
        if not dup:
            keep.append(q)
    return keep


def _new_sentence(text: str, earlier: Part, later: Part) -> bool:
    """Whether a later part of the same attribution is a new statement, not a split one.

    '"A," he said in a speech on Monday. "B."': an attribution that names the occasion
    closes A as a statement of its own. '"A," X said. "B."' stays one quote, B going on.
    """
    cue = earlier.cue
    if later.start < earlier.end or cue is None or not _names_occasion(cue):
        return False
    if re.search(r"[.!?]$", text[earlier.start : earlier.end].rstrip(" \"”'’")):
        return True
    return bool(re.search(r"[.!?]", text[earlier.end : later.start]))


def _names_occasion(cue: Token) -> bool:
    """A speech verb with its own adjunct ("said in a televised address", "told reporters")."""
    return any(c.dep_ in ("prep", "dative", "dobj", "npadvmod") and c.i > cue.i for c in cue.children)


def _runs(text: str, group: list[Part], gap_words: int = 25) -> list[list[Part]]:
    """Parts of one quote split only by its attribution ('"A," X said. "B."'); a longer
    stretch of narration between two parts starts a new run."""
    runs: list[list[Part]] = []
    for p in group:
        prev = runs[-1][-1] if runs else None
        if (
            prev is not None
            and prev.cue is not None
            and prev.end <= prev.cue.idx < p.start
            and word_count(text[prev.end : p.start]) <= gap_words
        ):
            runs[-1].append(p)
        else:
            runs.append([p])
    return runs


def _evidence(ctx: Context, group: list[Part]) -> str:
    """The sentences holding the quote parts and their attribution."""
    sents = [p.span.sent for p in group] + [p.cue.sent for p in group if p.cue is not None]
    s, e = min(x.start_char for x in sents), max(x.end_char for x in sents)
    if e - s > 1500:
        s, e = group[0].span.sent.start_char, group[0].span.sent.end_char
    return doc_text(ctx.doc)[s:e].strip()
