"""Goal spans: the tight verb phrase of an aim.

The goal text stops at a comma, a new clause, the means ("by ...") or an aside; a
that-clause stops at the comma or dash that closes it. Examples after a comma ("including X",
"such as X") and a short "which" clause closing the sentence spell the aim out and stay.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

from ... import parse_arrays
from .wording import cues

# the longest relative clause kept whole inside an aim (a longer one adds a second matter)
SHORT_CLAUSE_WORDS = 10
# after a bare noun ("a partner that can ...") the clause is the substance of the aim: more words
# stay, still within what a goal's reader takes in one go
BARE_NOUN_CLAUSE_WORDS = 16


def _has_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children)


def phrase_end(head: Token) -> int:
    """Token index where the goal phrase headed by `head` stops."""
    lex = cues()
    end = head.i + 1
    skip_to = -1
    for c in head.rights:
        if c.i <= skip_to:
            continue
        if c.text == "," and (aside := _aside_end(head, c)) is not None:
            end = skip_to = aside + 1  # "the security of Chile, which covers its fisheries"
            continue
        until = c.dep_ == "advcl" and _condition_clause(c)
        if _defining_clause(head, c, end):
            end = c.right_edge.i + 1  # "a partner that can pay its debts": the clause says which one is sought
            continue
        if c.dep_ == "punct" and c.text == "," and _series_after_aside(head, c):
            end = c.i + 1
            continue
        if c.dep_ == "punct" and c.text in ",;:—–()" or c.dep_ in ("advcl", "parataxis", "relcl", "mark") and not until:
            break
        if any(t.text in (",", ";", "—", "(") for t in head.doc[end : c.left_edge.i]):
            break  # an adjunct set off by a comma ("..., in 2021") is no part of the aim
        if c.dep_ == "cc":
            nxt = [x for x in head.rights if x.dep_ == "conj" and x.i > c.i]
            if nxt and (
                _has_subject(nxt[0]) or nxt[0].pos_ in ("VERB", "AUX") and nxt[0].tag_ == "VBG" and head.tag_ != "VBG"
            ):
                break
        if c.dep_ == "conj" and (
            _has_subject(c) or head.tag_ == "VB" and c.tag_ in ("VBD", "VBZ") and not _bare_alike(c)
        ):
            break  # "vowed to defend X and recalled Y": a finite verb is no second aim
        if (
            c.dep_ in ("prep", "advmod", "npadvmod")
            and (c.lower_ in lex["stop_preps"] or c.left_edge.lower_ in lex["stop_preps"])
            and not (c.lower_ == "through" and c.i == head.i + 1 and head.pos_ == "VERB")
        ):
            break  # "through talks" is a means, but "break through the lines" a verb's own particle
        if _purpose_frame(c):
            break  # "to attract investors with the aim of creating jobs": a second aim of its own
        end = max(end, _inner_end(c) + 1)
    return end


def _purpose_frame(prep: Token) -> bool:
    """ "with the aim of X-ing", "in a bid to X", "in an effort to X": a goal noun with its
    complement framed by a preposition states an aim of its own, which another rule gives."""
    if prep.dep_ != "prep" or prep.lower_ not in ("with", "in"):
        return False
    noun = next((x for x in prep.children if x.dep_ == "pobj"), None)
    return (
        noun is not None
        and noun.lemma_.lower() in cues()["nouns"]
        and any(
            c.dep_ == "prep" and c.lower_ in ("of", "to") or c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"
            for c in noun.children
        )
    )


def _condition_clause(clause: Token) -> bool:
    """ "until X ends its war", "when deemed necessary", "if talks fail": a short clause of time or
    condition that bounds the aim stays with it."""
    marks = {m.lower_ for m in clause.children if m.dep_ == "mark"}
    if marks & {"until", "till"}:
        return True  # the end state the aim runs to, however long
    words = list(clause.subtree)
    return (
        bool(marks & set(cues()["bounding_marks"]))
        and len(words) <= 12
        and not any(w.text in (",", ";", ":", "—", "(") for w in words)
    )


def _bare_alike(verb: Token) -> bool:
    """A past form spelt like the bare one ("set", "put", "cut"): after "to X and", the tagger's
    past tense is as likely a second infinitive ("to hold X and set up Y")."""
    return verb.tag_ == "VBD" and verb.lower_ == verb.lemma_.lower()


def _defining_clause(head: Token, clause: Token, end: int) -> bool:
    """A short relative clause right after the noun a goal names, with no comma before it."""
    return (
        head.pos_ == "NOUN"
        and clause.dep_ == "relcl"
        and clause.left_edge.i == end
        and clause.left_edge.tag_ in ("WDT", "WP")
        and _short_clause(clause, BARE_NOUN_CLAUSE_WORDS if _bare_noun(head) else SHORT_CLAUSE_WORDS)
    )


def _bare_noun(noun: Token) -> bool:
    """ "a partner", "an ally": a noun with nothing but an article or a possessive before it says
    little alone; the relative clause after it is what is sought."""
    return all(c.dep_ in ("det", "poss") for c in noun.lefts)


def _inner_end(tok: Token) -> int:
    """Right edge of a dependent, cut at a comma or a nested clause inside it."""
    last = tok.i
    skip_to = -1
    for t in tok.subtree:
        if t.i < tok.i or t.i <= skip_to:
            continue
        if t.text == "," and (aside := _aside_end(tok, t)) is not None:
            skip_to = last = aside  # "negotiations over every dispute, including the border": the examples stay
            continue
        if t.text in (",", ";", ":", "—", "(") or t.i > tok.i and t.is_quote:
            break
        if t.i > tok.i and t.lower_ in cues()["inner_stop_preps"] and t.dep_ in ("prep", "mark", "advmod"):
            break  # "show they remained a force despite ...": a concession or a cause is no part of the aim
        if t.dep_ == "relcl" and t.i > tok.i + 2:
            if not _short_clause(t):
                last = max(tok.i, min(last, t.left_edge.i - 1))  # "a formula that would ...": not its opening words
                break
            skip_to = t.right_edge.i  # a short relative clause stays whole: never cut at its adverb
            last = max(last, skip_to)
            continue
        last = t.i
    return last


def _aside_end(tok: Token, comma: Token) -> Optional[int]:
    """Where an aside after a comma inside a goal ends, when it only spells the aim out: examples
    ("..., including the border question", "..., such as America") or a short clause closing the
    sentence that says what the thing sought takes in ("..., which includes the islands")."""
    doc = tok.doc
    if comma.i + 2 >= len(doc):
        return None
    opener = doc[comma.i + 1]
    if opener.lower_ == "including" or opener.lower_ == "such" and doc[comma.i + 2].lower_ == "as":
        head = opener if opener.lower_ == "including" else doc[comma.i + 2]
        if head.head.i in range(tok.left_edge.i, tok.right_edge.i + 1) and head.dep_ == "prep":
            return head.right_edge.i
        return None
    clause = opener.head
    if opener.tag_ not in ("WDT", "WP") or clause.dep_ != "relcl" or not _short_clause(clause):
        return None
    after = clause.right_edge.i + 1
    closes = after >= len(doc) or doc[after].is_sent_start or doc[after].text in (".", "!", "?", "”", '"')
    return clause.right_edge.i if closes and clause.head.i >= tok.i else None


def _series_after_aside(head: Token, comma: Token) -> bool:
    """ "engage in talks, including X, and build trust": a comma closing an aside, then a second
    bare verb of the same aim with no subject of its own."""
    doc = head.doc
    if comma.i + 2 >= len(doc) or doc[comma.i + 1].dep_ != "cc" or doc[comma.i + 1].head.i != head.i:
        return False
    verb = next((x for x in head.rights if x.dep_ == "conj" and x.i > comma.i + 1), None)
    return (
        verb is not None
        and head.tag_ == "VB"
        and verb.tag_ == "VB"
        and not _has_subject(verb)
        and any(t.dep_ == "prep" and t.lower_ in ("including", "as") for t in doc[head.i : comma.i])
    )


def _short_clause(verb: Token, limit: int = SHORT_CLAUSE_WORDS) -> bool:
    """A relative clause of a few words with no comma ("that has largely held since 2022")."""
    words = list(verb.subtree)
    return len(words) <= limit and not any(w.text in (",", ";", ":", "—", "(") for w in words)


def goal_span(head: Token, start: Optional[int] = None) -> Optional[Span]:
    doc = head.doc
    toks = parse_arrays.tokens(doc)  # the doc's shared Tokens: no new one per look-up
    s = head.i if start is None else start
    head = _hyphen_whole(head)
    e = _clause_cut(doc, s, _series_end(head, phrase_end(head)))
    if s > 0 and toks[s - 1].is_quote:  # 'vowed to "fight terrorism" in a speech': the quoted aim alone
        e = next((t.i for t in toks[s:e] if t.is_quote), e)
    while e > s and (toks[e - 1].is_punct or toks[e - 1].is_space or toks[e - 1].dep_ in ("cc",)):
        e -= 1  # a paragraph's closing newline is a token of its own: never part of the aim
    if e < len(doc) and toks[e].is_quote and sum(t.is_quote for t in toks[s:e]) % 2 == 1:
        e += 1  # 'create a "safe zone"': the quotation mark opened inside the aim closes it
    span = doc[s:e]
    if len(span) == 1 and head.pos_ == "VERB" and s == head.i:
        return span  # "keen to rebuild": a one-word aim
    return span if len(span) >= 2 else None


def _clause_cut(doc, start: int, end: int) -> int:
    """ "withdraw from X and Eritrea will reopen Y": a name and a modal after "and" open a clause
    of its own, which the parser may hang on the aim's last noun; the aim stops before it."""
    arrays = parse_arrays.of(doc)  # the tags and heads read off the arrays: no Token per word
    dep, tag, pos, heads, n = (*map(arrays.strings_of, ("dep", "tag", "pos")), arrays.head, len(doc))
    for i in range(start, min(end, n)):
        if dep[i] != "cc":
            continue
        j = i + 1
        while j < min(end + 1, n) and tag[j] in ("DT", "JJ", "NNP", "NNPS", "NN", "NNS", "POS", "HYPH"):
            j += 1
        if i + 1 < j < n and tag[j] == "MD" and pos[j - 1] in ("PROPN", "NOUN") and heads[j] > j:
            return i
    return end


def _series_end(head: Token, end: int) -> int:
    """ "vowed to fight corruption, to rebuild the army and to hold elections": a to-infinitive after
    a comma that the parser hangs on the aim or beside it on the cue (conj, advcl, xcomp) goes on
    the series of aims; the goal runs to where the series ends."""
    doc = head.doc
    if not any(a.dep_ == "aux" and a.lower_ == "to" for a in head.children):
        return end
    last = head
    while end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == "to" and doc[end + 1].dep_ == "aux":
        nxt = doc[end + 1].head
        on_aim = nxt.head.i == last.i and nxt.dep_ in ("conj", "advcl")
        beside = nxt.head.i == head.head.i != head.i and nxt.dep_ in ("xcomp", "conj", "advcl") and head.dep_ == "xcomp"
        if nxt.i <= end + 1 or nxt.pos_ not in ("VERB", "AUX") or not (on_aim or beside):
            break
        end, last = max(end, phrase_end(nxt)), nxt
    return end


def _hyphen_whole(tok: Token) -> Token:
    """The last piece of a word the tokenizer split at a hyphen ("co-ordinate"), which holds
    the phrase's objects."""
    doc = tok.doc
    for _ in range(3):
        i = tok.i
        if i + 2 < len(doc) and doc[i + 1].text == "-" and not tok.whitespace_ and not doc[i + 1].whitespace_:
            tok = doc[i + 2]
        else:
            break
    return tok


def _start(inf: Token, cue: Token) -> int:
    """Where a goal opens: at its own subject in a for-to clause ("for its troops to stay"),
    at the cue when the aim is negated ("careful not to provoke"), else at the verb."""
    subj = next((c for c in inf.children if c.dep_ in ("nsubj", "nsubjpass") and cue.i < c.i < inf.i), None)
    if subj is not None:
        return subj.left_edge.i
    if any(c.dep_ == "neg" for c in inf.children) and cue.i < inf.i:
        return cue.i
    return inf.i


def _that_clause(tok: Token) -> Optional[Span]:
    """The clause a verb or noun of hoping takes, "that" left out ("hopes (that) it can ...")."""
    clause = next(
        (
            c
            for c in tok.children
            if c.dep_ in ("ccomp", "acl")
            and c.i > tok.i
            and c.pos_ in ("VERB", "AUX")
            and any(x.dep_ in ("nsubj", "nsubjpass", "expl") for x in c.children)
        ),
        None,
    )
    if clause is None:
        return None
    mark = next((m for m in clause.children if m.dep_ == "mark" and m.lower_ == "that"), None)
    if mark is None and tok.pos_ == "NOUN":
        return None  # "the hope it had" is a relative clause, not a content clause
    start = mark.i + 1 if mark is not None else clause.left_edge.i
    span = tok.doc[start : _clause_stop(clause)]
    return span if len(span) >= 3 else None


def _clause_stop(clause: Token) -> int:
    """The end of a that-clause, before a comma or dash that closes it."""
    end = clause.i + 1
    for t in clause.subtree:
        if t.i > clause.i and t.text in (",", ";", ":", "—", "(", "–"):
            break
        end = max(end, t.i + 1)
    return end
