"""Attribution of direct quotes: the speech verb beside or above each quoted part.

Each part is attributed from the frame around it: the speech verb whose clause holds it
or that stands next to it. Uncued parts take the speaker of a cued part in the same
paragraph, or of the paragraph before when theirs is nothing but a quote; a quote
running over paragraphs shares one attribution.
"""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Span, Token

from ... import parse_arrays
from ...context import Context, doc_text, sent_of
from ...syntax import title_end
from .cues import (
    is_according,
    is_remark,
    is_source_according,
    is_speech_verb,
    lexicon,
    speaker_like,
    speech_verbs,
    subject_of,
)
from .marks import Part
from .reported import HEADLINE_OFFSET, Item
from .speakers import Speakers

END_PUNCT = {".", "?", "!"}


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


def cue_in(toks: list[Token], nearest_last: bool, colon: bool = False) -> Optional[Token]:
    """The speech cue beside a quote; verbs that report only with a clause of their
    own ("confirmed that ...") do not introduce a quote, unless a colon leads from them
    into it ('X posted on Facebook: "..."')."""
    needs = set() if colon else lexicon()["needs_clause"]
    cues = [t for t in toks if is_speech_verb(t) and t.lemma_.lower() not in needs or is_source_according(t)]
    if not cues:
        return None
    verbs = [t for t in cues if not is_according(t)]
    cues = verbs or cues  # "X said ..., according to Y": the verb names the speaker
    return cues[-1] if nearest_last else cues[0]


def governing_cue(part: Part, toks: list[Token]) -> Optional[Token]:
    """The speech verb whose clause holds the quote ("stressed that '...'"), if the parse shows one."""
    root = part.span.root
    doc = root.doc
    speech, heads = speech_verbs(doc), parse_arrays.of(doc).head
    above, k, steps = set(), root.i, 0  # the root's ancestors (`root.ancestors`), from the head array
    while heads[k] != k and steps < len(heads):
        k, steps = heads[k], steps + 1
        above.add(k)
    best = None
    for t in toks:
        if t.i in speech and t.i in above:
            if best is None or t.i in parse_arrays.subtree_of(doc, best.i):
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
    lead = text[b_start : part.start].rstrip(" \"“'‘«")
    before_open = bool(before) and not re.search(r"[.?!]$", lead)
    cue = governing_cue(part, (before if before_open else []) + after)
    part.governed = cue is not None and _says_the_words(part.span.root, cue)
    part.rule = "quote-in-speech-clause"
    if cue is None and (act := act_cue(ctx, part)) is not None:
        part.cue, part.governed, part.rule = act, True, "quote-in-act-clause"
        return
    if cue is None and ends_open:
        cue, part.rule = cue_in(after, nearest_last=False), "quote-cue-after"
    if cue is None and before_open:
        cue, part.rule = cue_in(before, nearest_last=True, colon=lead.endswith(":")), "quote-cue-before"
    if cue is None:
        cue, part.rule = cue_in(after, nearest_last=False), "quote-cue-after"
        if cue is not None and _closes_statement(text, part) and _has_own_content(cue, inside):
            cue = None  # '"... me." The junta insists X': the next sentence's verb has its own words
    if cue is None and not text[p_start : part.start].strip(" \"“'‘«"):
        cue, part.rule = colon_paragraph_cue(ctx, part, paras, inside), "quote-cue-paragraph-before"
    part.cue = cue


def colon_paragraph_cue(ctx: Context, part: Part, paras, inside: set[int]) -> Optional[Token]:
    """The speech verb of a paragraph ending in a colon ('In a statement, the army said:')
    that leads into a paragraph opening with the quote."""
    if part.para == 0:
        return None
    s, e = paras[part.para - 1]
    if not doc_text(ctx.doc)[s:e].rstrip().endswith(":"):
        return None
    return cue_in(frame_tokens(ctx.doc, s, e, inside, before=True), nearest_last=True, colon=True)


# How a quote hangs below a verbal act's verb: its object, complement or a preposition's object.
ACT_PATH = frozenset({"dobj", "pobj", "prep", "pcomp", "xcomp", "ccomp", "oprd", "attr", "acomp", "conj", "appos"})


def act_cue(ctx: Context, part: Part) -> Optional[Token]:
    """The verb of a verbal act whose object or complement holds the quote ('urged the council
    to "work together"', 'accused Paris of acting against "the interests of Niger"'), when its
    subject can speak; the quoted words are then the subject's."""
    lex, tok = lexicon(), part.span.root
    for _ in range(8):
        if tok.dep_ not in ACT_PATH or tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ == "VERB" and tok.lemma_.lower() in lex["act_verbs"]:
            break
    else:
        return None
    if tok.lemma_.lower() not in lex["act_verbs"] or any(c.dep_ == "auxpass" for c in tok.children):
        return None  # "was accused of ...": the quote is not the accused's
    subj = subject_of(tok)
    if subj is None or subj.dep_ == "nsubjpass" or subj.i in range(part.span.start, part.span.end):
        return None
    return tok if speaker_like(subj, lex) or is_remark(subj) or ctx.actor_of_phrase(subj) else None


def _says_the_words(root: Token, cue: Token) -> bool:
    """Whether a short quoted phrase is what the cue's speaker said: inside the verb's
    reported clause ('warned that X would face "crushing defeat"'), not in an adjunct
    ('called talks to discuss the "tour"'). A naming verb's label ('calls it a "farce"')
    is too often the writer's scare quote to stand as a quote of its own. What a speaker
    vows, pledges or tells someone to do ('vowed to fight "without mercy"') is in the
    verb's open complement, unless the verb is passive ('was said to be "furious"'); what
    a warning or complaint is about is its topic preposition's object ('warned of "chaos"')."""
    deps, tok, below = [], root, root
    for _ in range(12):
        if tok.i == cue.i or tok.head.i == tok.i:
            break
        deps.append(tok.dep_)
        tok, below = tok.head, tok
    if tok.i != cue.i or not deps:
        return False
    if "ccomp" in deps:
        return True
    top = deps[-1]
    if top == "xcomp":
        return not any(c.dep_ == "auxpass" for c in cue.children) and cue.lemma_.lower() not in lexicon()["quote_only"]
    if top == "prep" and cue.lemma_.lower() == "call":  # "called for", "called on X to": a demand, not a name
        return below.lower_ in ("for", "on")
    if top == "prep":  # 'warned of "grave consequences"': what the warning was about, in the speaker's words
        return below.lower_ in lexicon()["topic_preps"] and cue.lemma_.lower() not in lexicon()["quote_only"]
    return top in ("dobj", "oprd") and cue.lemma_.lower() not in lexicon()["quote_only"]


def _closes_statement(text: str, part: Part) -> bool:
    """A quote ending in a full stop with a capital after its mark: the sentence is over."""
    inner = text[part.start : part.end].rstrip()
    return inner.endswith(".") and bool(re.match(r"[\"”'’»]*\s+[A-Z]", text[part.end : part.end + 6]))


def _has_own_content(cue: Token, inside: set[int]) -> bool:
    """A speech verb with a clause or object of its own outside the quotation marks."""
    return any(c.dep_ in ("ccomp", "xcomp", "dobj") and c.i not in inside for c in cue.children)


def _introduced(part: Part, text: str) -> bool:
    """A short quote still counts when a speech verb or colon leads straight into it."""
    lead = text[max(0, part.start - 40) : part.start].rstrip(" \"“'‘«")
    return lead.endswith(":")


def _propagate(parts: list[Part], paras, items: list[Item], text: str) -> None:
    """Uncued parts take the speaker of a cued part in the same paragraph; a paragraph
    that is nothing but a quote goes on from the speaker of the paragraph before; a
    quote running over several paragraphs shares the speaker named in any of them."""
    _echoes(parts, text)
    for p in parts:
        if p.cue is None and _statement(text, p):
            same = [q for q in parts if q.para == p.para and q.cue is not None]
            prev = [q for q in same if q.start < p.start]
            src = prev[-1] if prev else (same[0] if same else None)
            if src is not None:
                p.cue, p.speaker, p.via, p.rule = src.cue, src.speaker, src.via, "quote-same-paragraph"
                continue
            start = paras[p.para][0]  # 'X said Y. "B."': B goes on from the reported speech before
            told = [it for it in items if it.speaker and start <= it.cue.idx < p.start]
            if told:
                last = max(told, key=lambda it: it.cue.i)
                p.cue, p.speaker, p.via, p.rule = last.cue, last.speaker, last.via, "quote-after-reported-speech"
    _link_continued(parts)
    for p in parts:
        if p.cue is None and p.para and _only_quotes(text, paras[p.para], parts):
            start, end = paras[p.para - 1]
            before = [it for it in items if it.speaker and start <= it.cue.idx < end]
            if before:
                last = max(before, key=lambda it: it.cue.i)
                p.cue, p.speaker, p.via, p.rule = last.cue, last.speaker, last.via, "quote-paragraph-after-speaker"
    _link_continued(parts)


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _echoes(parts: list[Part], text: str) -> None:
    """Quoted words with no cue of their own that a cued quote elsewhere holds (a headline,
    a crosshead or a pull-quote repeating a line of the story) are that speaker's words,
    not those of whoever spoke just before them."""
    said = [(q, f" {_words(text[q.start : q.end])} ") for q in parts if q.cue is not None and q.speaker]
    for p in parts:
        words = _words(text[p.start : p.end])
        if p.cue is not None or p.speaker or len(words.split()) < 2:
            continue
        src = next((q for q, inner in said if q is not p and f" {words} " in inner), None)
        if src is not None:
            p.cue, p.speaker, p.via, p.rule = src.cue, src.speaker, src.via, "quote-echo"


def _statement(text: str, part: Part) -> bool:
    """Quoted words that read as something said, not a scare-quoted name or title: they
    open a sentence, or end in the punctuation of speech inside the marks."""
    inner = text[part.start : part.end].rstrip()
    lead = text[max(0, part.start - 3) : part.start].rstrip(" \"“'‘«")
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


BYLINE = re.compile(r"\s*[-\u2013\u2014\u2015~]+\s*(?=\w)")


def bylined(ctx: Context, speakers: Speakers, parts: list[Part], paras, text: str, max_words: int = 12) -> None:
    """A pull-quote: a paragraph of nothing but a quote, with the next paragraph a dash and a
    name ("- UN Secretary-General Antonio Guterres"), is that person's; a line with a verb is
    a list item, not a byline."""
    for p in parts:
        if p.cue is not None or p.speaker is not None or p.para + 1 >= len(paras):
            continue
        if not _only_quotes(text, paras[p.para], parts):
            continue
        s, e = paras[p.para + 1]
        m = BYLINE.match(text, s, e)
        if m is None or len(text[m.end() : e].split()) > max_words:
            continue
        span = ctx.doc.char_span(m.end(), len(text[:e].rstrip()), alignment_mode="expand")
        if span is None or any(t.pos_ in ("VERB", "AUX") for t in span):
            continue
        person = [m.key for m in ctx.mentions_within(span.start, span.end) if speakers.actor_type(m.key) == "person"]
        name = _trailing_name(span)
        if person or name is not None:  # "- Photo: AFP" credits a picture, no speaker
            p.speaker = person[-1] if person else speakers.add_actor(name, "person") if name else None
            p.rule = "quote-byline"


def _trailing_name(span: Span) -> Optional[Span]:
    """The personal name a byline ends with ("UN envoy Hans Grundberg" -> Hans Grundberg):
    its last run of capitalised proper nouns, office titles left out."""
    roles = lexicon()["role_nouns"]
    k = span.end
    while k > span.start and span.doc[k - 1].pos_ == "PROPN" and span.doc[k - 1].is_title:
        if span.doc[k - 1].lower_ in roles:
            break
        k -= 1
    return span.doc[k : span.end] if span.end - k >= 2 else None


def named_after(ctx: Context, speakers: Speakers, parts: list[Part]) -> None:
    """'"A." That was the message of X ...': a quote left without a cue whose next sentence
    says whose words it was (a demonstrative subject, "be", a remark noun with `of`/`from`)."""
    doc = ctx.doc
    for p in parts:
        if p.cue is not None or p.speaker is not None or p.span.end >= len(doc):
            continue
        j = p.span.end
        while j < len(doc) and (doc[j].is_punct or doc[j].is_space):
            j += 1
        if j >= len(doc) or doc[j].lower_ not in lexicon()["pronouns"]["demonstrative"]:
            continue
        owner = _words_of(doc[j])
        if owner is not None:
            p.speaker, p.rule = speakers.resolve(owner), "quote-named-after"


def _words_of(subject: Token) -> Optional[Token]:
    """ "Those were the words of X": X, when `subject` is the demonstrative of such a sentence."""
    verb = subject.head
    if subject.dep_ != "nsubj" or verb.lemma_ != "be":
        return None
    nouns = lexicon()["remark_nouns"]
    for attr in (c for c in verb.children if c.dep_ == "attr" and (c.lemma_.lower() in nouns or c.lower_ in nouns)):
        for prep in (c for c in attr.children if c.dep_ == "prep" and c.lower_ in ("of", "from")):
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


def after_act(ctx: Context, speakers: Speakers, parts: list[Part], paras) -> None:
    """'X hailed the deal. "Today we turn the page."': a whole quoted sentence with no cue,
    right after a sentence whose main verb is a verbal act (speech_cues.yaml act_verbs) with a
    speaker as subject, is that speaker's words; the quote is what the act said."""
    doc, text, lex = ctx.doc, doc_text(ctx.doc), lexicon()
    for p in parts:
        inner = text[p.start : p.end].rstrip()
        if p.cue is not None or p.speaker is not None or inner[-1:] not in ".!?" or not _statement(text, p):
            continue
        k = p.span.start - 1
        while k >= 0 and (doc[k].is_punct or doc[k].is_space):
            k -= 1
        if k < 0 or (doc[k].idx < paras[p.para][0] and not _only_quotes(text, paras[p.para], parts)):
            continue
        sent = sent_of(doc[k])
        root = sent.root
        if root.lemma_.lower() not in lex["act_verbs"] or any(
            q.start < sent.end_char and q.end > sent.start_char for q in parts if q is not p and q.end <= p.start
        ):
            continue
        subj = subject_of(root)
        if (
            subj is not None
            and subj.dep_ != "nsubjpass"
            and speaker_like(subj, lex)
            and not p.span.start <= subj.i < p.span.end
        ):
            p.speaker, p.rule = speakers.resolve(subj), "quote-after-act"


def headline_label(ctx: Context, speakers: Speakers, parts: list[Part], text: str, max_words: int = 6) -> None:
    """'Zimbabwe army: "This is not a coup"': a headline quote after a short label and a colon
    is the label's words when the label names a speaker (a person, an office or a body's
    organ), not a topic ("Kenya protests:", "Ukraine:")."""
    end, lex = title_end(ctx, text, HEADLINE_OFFSET), lexicon()
    nouns = lex["role_nouns"] | lex["group_nouns"] | lex["office_words"]
    for p in parts:
        if p.cue is not None or p.speaker is not None or p.end > end:
            continue
        start = text.rfind("\n", 0, p.start) + 1
        lead = text[start : p.start].rstrip(" \"“'‘«")
        if not lead.endswith(":") or len(lead.split()) > max_words:
            continue
        span = ctx.doc.char_span(start, start + len(lead) - 1, alignment_mode="contract")
        if span is None or not len(span):
            continue
        head = span.root
        if head.lemma_.lower() in nouns or speakers.actor_type(ctx.actor_at(head)) == "person":
            key = speakers.resolve(head)
            if key and not speakers.is_generic(key):
                p.speaker, p.rule = key, "quote-headline-label"
