"""Event dates: the time expression the event's own clause governs."""

from __future__ import annotations

from bisect import bisect_right
from datetime import date
from typing import Optional

from spacy.tokens import Span, Token

from ...context import span_text
from .. import dates as dates_mod
from .arguments import Candidate
from .parse import SIDE_CLAUSES, _has_child, view
from .patterns import lem, lexicon

FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "would"})
TOLD_AHEAD_AUX = FUTURE_AUX - {"would"}  # a main clause told ahead (see _told_ahead)
PERFECT_AUX = frozenset({"has", "have", "had", "'ve", "'s"})
# Subordinators that set a clause at another time than its host (its own date, not the host's).
TIME_SHIFT_MARKS = frozenset({"after", "before", "since", "until", "till", "once"})
NEWS_DAYS = 7  # a day the story names up to this many days before publication is its news day


def _future(c: Candidate) -> bool:
    """A plan, a threat, or a clause in the future tense: its bare dates lie ahead."""
    if c.mode in ("plan", "threat"):
        return True
    for a in c.anchors:  # an auxiliary of the future among an anchor's children, read off the View
        v = view(a.doc)
        if any(v.dep[ch] == "aux" and v.lower[ch] in FUTURE_AUX for ch in v.kids[a.i]):
            return True
    return False


def _attach_dates(sent: Span, cands: list[Candidate], published, anchor: Optional[str] = None) -> Optional[str]:
    """Give each candidate the time expression its clause governs; return the sentence date.

    Each expression is resolved twice, as past and as future; a candidate in the future tense
    takes the future reading ("will meet on Tuesday" is the next Tuesday)."""
    text = span_text(sent)
    exprs = dates_mod.find(text, published, anchor=anchor)
    if not exprs:
        return None
    ahead: list[dict] = []  # the future readings, resolved when a candidate in the future asks

    def later(e: dates_mod.TimeExpr) -> Optional[str]:
        if not ahead:
            ahead.append({x.start: x.iso for x in dates_mod.find(text, published, future=True, anchor=anchor)})
        return ahead[0].get(e.start) or e.iso

    if not cands:
        return _told_ahead(sent, _bare_sentence_date(sent, exprs), later)

    def pick(c: Candidate, e: dates_mod.TimeExpr, verb: Optional[Token] = None) -> Optional[str]:
        if _past_clause(verb, c) or not _future(c):  # "announced Friday it will ship": Friday is the announcement's
            return e.iso
        return later(e)

    anchor_of: dict[int, list[Candidate]] = {}
    for c in cands:
        for a in c.anchors:
            anchor_of.setdefault(a.i, []).append(c)
    own: dict[int, dates_mod.TimeExpr] = {}
    loose = []
    for e in exprs:
        end = e.start + len(e.text.rstrip(".,;: "))
        span = sent.doc.char_span(sent.start_char + e.start, sent.start_char + end, alignment_mode="expand")
        if span is None:
            continue
        tok = span.root
        hit = None
        marks_clause = e.text.lower().rstrip().endswith("after")  # "two days after X raided Y": X's date only
        for _ in range(12):
            if tok.i in anchor_of:
                hit = tok
                break
            if tok.head.i == tok.i or tok.dep_ in SIDE_CLAUSES or (marks_clause and tok.pos_ == "VERB"):
                break  # a date inside a relative clause stays there ("militias that fled in the 2015 war")
            tok = tok.head
        if hit is not None:
            for c in anchor_of[hit.i]:  # "agreed on Friday to resume talks": a past verb's Friday is past
                c.date = c.date or (e.iso if hit.tag_ == "VBD" else pick(c, e))
            own.setdefault(hit.i, e)
        elif not marks_clause:
            loose.append((_side_clause(span.root), e, _clause_verb(span.root)))
    _when_clauses(sent, exprs, cands, pick)
    _inherit_dates(cands, own, loose, pick)
    main = _sentence_date(sent.doc, exprs, own, loose)
    _where_clauses(cands, main, pick)
    return _told_ahead(sent, main, later)


def publication_stamp(sent: Span) -> bool:
    """Is the sentence the page's date stamp, not the story's ("Jane Doe / Agency / Updated: <date>",
    "Published <date>", a date alone on its line)? Its date is the publication's: no act of the
    story happened on it, so the story's news day is not read off it. (The caller asks only before
    the story's first act: a date heading further down, as in a timeline, dates what follows.)"""
    page = sent.doc.user_data.get("blocs.furniture")
    words = [t for t in sent if not (t.is_space or t.is_punct)]
    if not words:
        return False
    if page and all(page[t.i] for t in words):
        return True
    text = span_text(sent)
    spans = [(e.start, e.start + len(e.text)) for e in dates_mod.find(text, None)]
    if not spans:
        return False
    return all(any(a <= t.idx - sent.start_char < b for a, b in spans) for t in words)


def _told_ahead(sent: Span, e: Optional[dates_mod.TimeExpr], later) -> Optional[str]:
    """The sentence date for the sentences after it: the future reading of its expression when
    the main clause is in the future tense ("On 2 May the ministry will close the border" names
    no day of the story's past, so no later act takes it as its news day)."""
    if e is None:
        return None
    v = view(sent.doc)
    if any(v.dep[ch] == "aux" and v.lower[ch] in TOLD_AHEAD_AUX for ch in v.kids[sent.root.i]):
        return later(e)
    return e.iso


def _bare_sentence_date(sent: Span, exprs: list) -> dates_mod.TimeExpr:
    """`_sentence_date` of a sentence without candidates: no expression is any clause's own, so
    the first loose one (found in the text, not "two days after X") is the date, else the first."""
    for e in exprs:
        end = e.start + len(e.text.rstrip(".,;: "))
        span = sent.doc.char_span(sent.start_char + e.start, sent.start_char + end, alignment_mode="expand")
        if span is not None and not e.text.lower().rstrip().endswith("after"):
            return e
    return exprs[0]


def _sentence_date(doc, exprs: list, own: dict, loose: list) -> Optional[dates_mod.TimeExpr]:
    """The date the sentence's main clauses speak of, for the sentences after it: a date that
    stays inside a relative clause ("X, which launched an offensive on Oct. 27, said ...") is
    that clause's alone. A loose expression comes first, then a main clause's own date."""
    if loose:
        return loose[0][1]
    main = [e for i, e in own.items() if _side_clause(doc[i]) == -1]
    if main or not own:
        return min(main, key=lambda e: e.start) if main else exprs[0]
    return None


def _when_clauses(sent: Span, exprs: list, cands: list[Candidate], pick) -> None:
    """A "when" clause on a date is that date's story ("the memory of 1998, when X cut off sales
    to Y", "in 1995, when X signed"): its undated candidates take the date."""
    for e in exprs:
        end = e.start + len(e.text.rstrip(".,;: "))
        span = sent.doc.char_span(sent.start_char + e.start, sent.start_char + end, alignment_mode="expand")
        if span is None:
            continue
        for clause in (c for t in span for c in t.children if c.dep_ in ("relcl", "advcl") and c.i > span.end - 1):
            if not _has_child(clause, ("advmod",), ("when",)):
                continue
            for c in cands:
                if not c.date and _side_clause(c.trigger) == clause.i:
                    c.date = pick(c, e)


def _where_clauses(cands: list[Candidate], main: Optional[dates_mod.TimeExpr], pick) -> None:
    """An undated act in a "where" clause happened at the time of the clause it hangs on ("fighting
    went on on Wednesday near X, where Y clashed with Z"): the sentence's own date, not the one a
    sentence before named."""
    if main is None:
        return
    for c in cands:
        at = _side_clause(c.trigger) if not c.date else -1
        if at >= 0 and _has_child(c.trigger.doc[at], ("advmod",), ("where",)):
            c.date = pick(c, main)


def _inherit_dates(cands: list[Candidate], own: dict, loose: list, pick) -> None:
    """An undated candidate takes the date of a clause above it, else a loose expression of its own
    side clause (never across a relative clause or a coordinated clause of its own)."""
    for c in cands:
        if c.date:
            continue
        tok = c.trigger
        for _ in range(12):
            if tok.head.i == tok.i or tok.dep_ in SIDE_CLAUSES or _shifted(tok):
                break  # a relative clause does not take its host's date, nor "a year after X did"
            if _coordinated_apart(tok.head, _clause_verb(tok)):
                break  # nor a coordinated clause its neighbour's ("held elections in 1993, and severed ...")
            tok = tok.head
            if tok.i in own:
                c.date = pick(c, own[tok.i])
                break
        mine = [
            e
            for where, e, verb in loose
            if where == _side_clause(c.trigger) and not _coordinated_apart(verb, _clause_verb(c.trigger))
        ]
        mine_verbs = [
            verb
            for where, e, verb in loose
            if where == _side_clause(c.trigger) and not _coordinated_apart(verb, _clause_verb(c.trigger))
        ]
        if not c.date and mine:
            c.date = pick(c, mine[0], mine_verbs[0])


def _shifted(tok: Token) -> bool:
    """An adverbial clause set before or after its host's time ("after Duque suspended them")."""
    return tok.dep_ == "advcl" and _has_child(tok, ("mark",), TIME_SHIFT_MARKS)


def _past_clause(verb: Optional[Token], c: Candidate) -> bool:
    """Is the date's verb another clause's, in the past tense ("said in March that it would",
    "has announced on Friday it will")? Then the date is read as past, whatever the event's tense."""
    if verb is None or any(a.i == verb.i for a in c.anchors):
        return False
    if verb.tag_ == "VBD":
        return True
    return verb.tag_ == "VBN" and _has_child(verb, ("aux",), PERFECT_AUX)


def _clause_verb(tok: Token) -> Optional[Token]:
    """The verb whose clause holds tok (tok itself when it is a verb)."""
    for _ in range(12):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _coordinated_apart(a: Optional[Token], b: Optional[Token]) -> bool:
    """Two different verbs joined by "and" ("was founded in 1990 and now shells the port"): each
    coordinated clause keeps its own date."""
    if a is None or b is None or a.i == b.i:
        return False
    return (
        (b.dep_ == "conj" and b.head.i == a.i)
        or (a.dep_ == "conj" and a.head.i == b.i)
        or (a.dep_ == "conj" and b.dep_ == "conj" and a.head.i == b.head.i)
    )


def _side_clause(tok: Token) -> int:
    """The relative clause a token sits in (its head's index), or -1 for the main clauses."""
    v = view(tok.doc)
    dep, head, i = v.dep, v.head, tok.i
    for _ in range(20):  # up the heads, over the parse arrays
        if dep[i] in SIDE_CLAUSES:
            return i
        if head[i] == i:
            break
        i = head[i]
    return -1


def _article_time_frame(all_cands: list[tuple[Candidate, Span]], sent_dates: dict, published: Optional[date]) -> None:
    """An event whose clause names no date happened in the article's time frame: the news day its
    sentence or the story last named before it (a day at most NEWS_DAYS before publication: "on Tuesday"), else the
    first one it names, else the month of publication (a gold year or month still matches).
    sent_dates: sentence start char -> the date it names. An act told as news takes the day (see
    _told_as_news), and so does an ongoing act or one a noun names when that day falls in the month
    of publication (see _current); a plan, a threat or background keeps the month."""
    if published is None:
        return
    days = [(at, iso) for at, iso in sorted(sent_dates.items()) if _news_day(iso, published)]
    starts = [at for at, _ in days]
    for c, sent in all_cands:
        if c.date is not None:
            continue
        k = bisect_right(starts, sent.start_char) - 1  # its own sentence's day first
        day = days[max(k, 0)][1] if days else None
        if day and (_told_as_news(c) or (_current(c) and day[:7] == published.isoformat()[:7])):
            c.date = day
        else:
            c.date = published.isoformat()[:7]


def _news_day(iso: Optional[str], published: date) -> bool:
    """A day date (YYYY-MM-DD) on or up to NEWS_DAYS before the publication date."""
    if not iso or len(iso) != 10:
        return False
    return 0 <= (published - date.fromisoformat(iso)).days <= NEWS_DAYS


def _current(c: Candidate) -> bool:
    """An act that is no plan, threat or future and no background ("had visited"): an ongoing one
    ("is supplying", "has been shelling") or one named by a noun ("its decision to supply fuel"),
    which the story tells as of its news day (taken only within the month of publication)."""
    if c.mode in ("plan", "threat") or _future(c):
        return False
    v = view(c.trigger.doc)
    return not any(v.dep[ch] == "aux" and v.lower[ch] == "had" for ch in v.kids[c.trigger.i])


NEWS_AUX = frozenset({"has", "have", "'ve", "was", "were"})  # "has seized", "were killed"


def _told_as_news(c: Candidate) -> bool:
    """Is the act told in the simple past or the present perfect ("seized", "has seized", "were
    killed"), itself or through the verb its participle hangs on ("struck X, killing Y"), not as a
    plan, a state ("is backed by"), background ("had visited") or a bare noun?"""
    if c.mode in ("plan", "threat") or _future(c):
        return False
    verb = c.trigger if c.trigger.pos_ in ("VERB", "AUX") else None
    if verb is not None and verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.head.pos_ == "VERB":
        verb = verb.head  # "shelled the town, killing four": the participle's act is told as its host's
    if verb is None or verb.tag_ not in ("VBD", "VBN"):
        return False
    auxes = {ch.lower_ for ch in verb.children if ch.dep_ in ("aux", "auxpass")}
    if "had" in auxes:  # background, unless reported speech shifted a simple past back ("said X had fired")
        return verb.tag_ == "VBN" and _backshifted(verb)
    return verb.tag_ == "VBD" or bool(auxes & NEWS_AUX)


def _backshifted(verb: Token) -> bool:
    """Is the verb the reported clause of a speech verb in the past ("said the rebels had fired")?
    Reported speech shifts the speaker's simple past back to the past perfect: the act is the
    news the speaker tells, not background."""
    head = verb.head
    return verb.dep_ == "ccomp" and head.tag_ == "VBD" and lem(head) in lexicon().speech
