"""PLOVER events: who did what to whom, when and where.

`extract(ctx) -> list[Event]` reads the dependency parse one sentence at a time. The package:

  patterns   the trigger lexicon (data/plover_verbs.yaml, plover_nouns.yaml, plover_frames.yaml)
             and the lookups that type a verb or a noun, most specific evidence first
  cameo      verb patterns with argument slots (data/plover_patterns.yaml, hand-written, and
             data/plover_cameo.yaml, PETRARCH-2's CAMEO dictionary converted by cameo_import.py),
             validated with pydantic at load and indexed by verb lemma
  parse      read-only helpers over the dependency parse (conjuncts, objects, prepositions)
  arguments  subjects through clauses (relative, conjoined, control, "accused X of") and the
             Resolver from tokens to actors, with blocs.coref for pronouns and descriptions
  modality   plans, threats, demands, refusals; hypothetical (if/whether/questions) kept apart
  verbal, nominal   the events of a verbal trigger, of an event noun and its light verb
  reported   accusations a speaker's words pin on others (labels, posed harms, wrongs, allegations)
  coder      one sentence: scan for triggers, then code, then clause-level fallbacks
  clause     the trigger's own clause, where a fallback target is read from
  dates, places     the time expression and place the event's own clause governs
A last pass over the document fills a missing target from the actor that holds an attacked
place, a missing source from the target's usual attacker, and an undated event's date from
the story's news day (an act told in the past) or the article's month. No stage here changes the parse: lemma fixes are read through `lem()`.

Every event names the rule or pattern that made it (`Event.rule`, shown by --explain) and its
modality (`Event.mode`: null for a reported fact, plan, threat, demand; hypothetical and
negated acts are coded apart and not written, see UNREAL_MODES).
An event is kept when it names its source; an unattributed attack or coercion is kept only
when it names its victim and no unresolved subject stood in the text. Support or aid needs a
recipient.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import replace
from typing import Optional, cast

from spacy.tokens import Doc, Span

from ... import parse_arrays
from ...context import Context, span_text
from ...records import Event, EventMode, PloverType
from .. import actors as actors_mod
from .arguments import Candidate, Resolver
from .coder import SentenceCoder
from .dates import _article_time_frame, _attach_dates, _side_clause, publication_stamp
from .echo import echoes
from .parse import forget_view, view
from .patterns import PLACE_TOKENS, Lexicon, lem, lexicon
from .places import Places, _holders

# Modes never written as events: a supposed or negated act did not happen (PLOVER codes reported
# or announced acts; the eval sets count them as false alarms). Coded with their mode first, so
# a caller can keep them by emptying this set.
UNREAL_MODES = frozenset({"hypothetical", "negated"})
NEEDS_TARGET = ("SUPPORT", "AID")
ECHO_REACH = 2  # "followed suit" repeats an act of at most this many sentences before
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
SENTENCE_FINAL = ".!?:;"
CLOSERS = "\"'\u201d\u2019)]"


def _paragraph_starts(text: str) -> list[int]:
    """Character offsets where paragraphs start (a blank line separates them)."""
    return [0] + [m.end() for m in PARAGRAPH_BREAK.finditer(text)]


def _headline_paragraph_end(text: str, para_starts: list[int]) -> int:
    """Where the headline ends (0 if none): a one-line first paragraph without final
    punctuation, followed by more text. Headlines compress and exaggerate ("X backs Y as Z
    walks a tightrope"); the body reports the same acts properly."""
    if len(para_starts) < 2:
        return 0
    first = text[: para_starts[1]].strip().rstrip(CLOSERS)
    if not first or "\n" in first or first[-1] in SENTENCE_FINAL or not text[para_starts[1] :].strip():
        return 0
    return para_starts[1]


def _fill_from_document(cands: list[Candidate], holders: dict, lex: Lexicon) -> None:
    """Fill a missing target from the holder of the attacked place, a missing source from the target's attacker."""
    for c in cands:
        if c.targets[0] is None and c.type in ("ASSAULT", "COERCE") and c.place in holders:
            if holders[c.place] != c.sources[0]:
                c.targets = [holders[c.place]]
    attackers: dict[str, Counter] = defaultdict(Counter)
    for c in cands:
        if c.type in ("ASSAULT", "COERCE") and c.sources[0] and c.targets[0]:
            attackers[c.targets[0]][c.sources[0]] += 1
    for c in cands:
        if c.sources[0] is None and c.targets[0] and c.type in ("ASSAULT", "COERCE"):
            top = attackers.get(c.targets[0], Counter()).most_common(2)
            if top and top[0][1] >= 2 and (len(top) == 1 or top[0][1] > top[1][1]):
                c.sources = [top[0][0]]
                c.confidence = round(c.confidence * 0.75, 2)
                c.source_inferred = True


def _back(seen: list[tuple[int, Candidate]], i: int, reach: int) -> list[tuple[int, Candidate]]:
    """The candidates before seen[i] whose sentence is at most `reach` sentences before its
    own, nearest first (sentence numbers never fall along `seen`: the walk stops there)."""
    out = []
    for k in range(i - 1, -1, -1):
        if seen[i][0] - seen[k][0] > reach:
            break
        out.append(seen[k])
    return out


def _may_author(p: Candidate, c: Candidate, ctx: Optional[Context] = None) -> bool:
    """An earlier act whose author a reaction can point back to."""
    return (
        bool(p.sources[0])
        and p.sources[0] != c.sources[0]
        and p.type not in ("ACCUSE", "SUPPORT", "REJECT")
        and not (c.type == "ACCUSE" and _same_state_side(ctx, p.sources[0], c.sources[0]))
    )


def _riposte(p: Candidate, before: list[tuple[int, Candidate]]) -> bool:
    """ "Gunmen stormed a museum ... Police killed two of the attackers ... X condemned the attack":
    an act against the author of an earlier act is the answer to it, not the attack condemned."""
    return bool(p.targets) and p.targets[0] is not None and any(q.sources[0] == p.targets[0] for _, q in before)


def _same_state_side(ctx: Optional[Context], a: Optional[str], b: Optional[str]) -> bool:
    """ "Police killed four militants in raids ... President X condemned the attacks": a state, its
    government and its leaders are one side; one does not condemn the acts of the other."""
    side = ("state", "government", "person")
    x = ctx.actors.get(a) if ctx is not None and a else None
    y = ctx.actors.get(b) if ctx is not None and b else None
    if x is None or y is None or x.type not in side or y.type not in side:
        return False
    return x.country is not None and x.country == y.country


def _resolve_references(
    all_cands: list[tuple[Candidate, Span]],
    act_word: dict,
    ctx: Optional[Context] = None,
    reach: int = 3,
    word_reach: int = 6,
) -> None:
    """ "Iran condemned the strikes": the strikes are the last act named with that word ("struck")
    in the sentences just before, else with a word of its group ("pounded"), else the last act of
    that kind, so their author is the target."""
    sent_no, last, seen = -1, None, []
    for c, sent in all_cands:
        if sent.start != last:
            sent_no, last = sent_no + 1, sent.start
        seen.append((sent_no, c))
    for i, (no, c) in enumerate(seen):
        if not c.refers:
            continue
        types, word = c.refers
        near = _back(seen, i, max(reach, word_reach))  # the acts of the sentences just before, nearest first
        named = next((p for n, p in near if n != no and no - n <= word_reach and lem(p.trigger) == word), None)
        if named is not None and not named.sources[0]:
            continue  # "Gunmen attacked a hotel ... X condemned the attack": its author is unknown, not another's
        near = [(n, p) for n, p in near if n != no and _may_author(p, c, ctx)]
        near = [(n, p) for k, (n, p) in enumerate(near) if not _riposte(p, near[k + 1 :])]
        group = act_word.get(word, frozenset())
        hit = (
            next((p for n, p in near if no - n <= word_reach and lem(p.trigger) == word), None)
            or next(
                (
                    p
                    for n, p in near
                    if no - n <= reach and p.type in types and group & act_word.get(lem(p.trigger), frozenset())
                ),
                None,
            )
            or next((p for n, p in near if no - n <= reach and p.type in types), None)
        )
        if hit is not None:  # "the US and Britain struck ...": both are authors of the strikes
            earlier = [(n, p) for n, p in reversed(seen[:i]) if n != no and _may_author(p, c, ctx)]
            authors = list(dict.fromkeys(p.sources[0] for _, p in reversed(earlier) if p.trigger is hit.trigger))
            c.targets = [authors[0]]
            sent = next(sp for cc, sp in all_cands if cc is c)
            all_cands.extend((replace(c, targets=[a]), sent) for a in authors[1:])


def _aid_to_the_war_country(cands: list[Candidate], ctx: Context) -> None:
    """Aid with no recipient named ("announced a new military aid package") goes, in an article
    about one country's war, to that country's state, when the giver is foreign."""
    for c in cands:
        src = ctx.actors.get(c.sources[0]) if c.sources[0] else None
        if (
            c.type != "AID"
            or c.targets[0] is not None
            or src is None
            or not src.country
            or not ctx.main_country
            or src.country == ctx.main_country
        ):
            continue
        if c.trigger.pos_ != "NOUN" and not any(a.dep_ == "dobj" for a in c.args):
            continue  # only aid that is something given ("an aid package", "sent shells")
        if any(p.dep_ in ("prep", "dative") and p.lower_ in ("to", "for") for p in c.trigger.children):
            continue  # "ships arms to all parties": a recipient was named, just not one actor
        key = actors_mod.state_actor(ctx, ctx.main_country)
        if key and key != c.sources[0]:
            c.targets = [key]
            c.confidence = round(c.confidence * 0.8, 2)


def _missing_targets(cands: list[Candidate], ctx: Context, lex: Lexicon) -> None:
    """The document pass's targets: aid to the war country, a visit's host."""
    _aid_to_the_war_country(cands, ctx)
    _visit_hosts(cands, ctx, lex)


def _visit_hosts(cands: list[Candidate], ctx: Context, lex: Lexicon) -> None:
    """A visit with no host named ("began a two-day visit", "spoke about X's visit") is hosted by
    the state of the foreign place it is placed in; with no such place it names no one met, and
    is not written (PLOVER CONSULT is between two actors)."""
    for c in cands:
        if c.type != "CONSULT" or c.targets[0] is not None or c.sources[0] is None:
            continue
        if lem(c.trigger) not in lex.travel_nouns:
            continue
        place = ctx.places.get(c.place) if c.place else None
        src = ctx.actors.get(c.sources[0])
        country = place.country if place is not None else None
        hosts = [k for k, a in ctx.actors.items() if country and a.type == "state" and a.country == country]
        named = {m.key for m in ctx.mentions}
        host = next((k for k in hosts if k in named), hosts[0] if hosts else None)  # the state the text names
        if host and host != c.sources[0] and (src is None or src.country != country):
            c.targets = [host]
        else:
            c.unhosted = True


def extract(ctx: Context, *args) -> list[Event]:
    """The PLOVER events of the article, in text order."""
    lex = lexicon()
    forget_view()  # the doc's View is checked against the doc once per call
    ctx.doc.user_data[PLACE_TOKENS] = frozenset(i for pm in ctx.place_mentions for i in range(pm.start, pm.end))
    res = Resolver(ctx, lex)
    places = Places(ctx, res, lex)
    holders = _holders(ctx, res, lex)
    para_starts = _paragraph_starts(ctx.text)
    headline_end = _headline_paragraph_end(ctx.text, para_starts)
    all_cands: list[tuple[Candidate, Span]] = []
    sent_dates: dict[int, Optional[str]] = {}  # sentence start char -> the date it names (see _quoted_dates)
    prev_date: Optional[str] = None
    last_day: Optional[str] = None  # the last day (YYYY-MM-DD) a sentence of the story named
    prev_families: set[Optional[str]] = set()
    prev_para = -1
    lowers = view(ctx.doc).lower
    before: list[Candidate] = []  # the real acts of the last sentence that had any (see echo.py)
    sent_no = before_no = 0
    for sent in _sentences(ctx.doc):
        if sent.end_char <= headline_end:
            continue
        para = bisect_right(para_starts, sent.start_char)
        cands = [c for c in SentenceCoder(sent, res, lex).code() if c.trigger.idx >= headline_end]
        sent_no += 1
        real = [c for c in cands if c.mode not in UNREAL_MODES and c.sources[0]]
        cands += echoes(sent, real, before if sent_no - before_no <= ECHO_REACH else [], res, lex)
        if real:
            before, before_no = real, sent_no
        anchor = (
            prev_date if prev_date and len(prev_date) == 10 else last_day
        )  # "two days later": from the last day named
        stamp = not all_cands and publication_stamp(sent)  # (a date heading inside the story stays a date)
        sent_date = None if stamp else _attach_dates(sent, cands, ctx.published, anchor)
        sent_dates[sent.start_char] = sent_date
        last_day = sent_date if sent_date and len(sent_date) == 10 else last_day
        first_words = set(lowers[sent.start : min(sent.end, sent.start + 3)]) if cands else set()  # (the candidates')
        same_para = para == prev_para
        families = {lex.family.get(c.type) for c in cands}
        if same_para and prev_date:
            _inherit_date(cands, prev_date, first_words & lex.continuation, prev_families, lex)
        all_cands.extend((c, sent) for c in cands)
        _place_all(ctx, places, cands, sent)
        dated = [c.date for c in cands if c.date and _side_clause(c.trigger) == -1]  # not a relative clause's
        prev_date = sent_date or (dated[0] if dated else None) or (prev_date if same_para else None)
        prev_families = families | (prev_families if same_para and not cands else set())
        prev_para = para
    cands_only = [c for c, _ in all_cands]
    if any(sent_dates.values()):
        _quoted_dates(all_cands, sent_dates, res.coref.quote_spans())
    _article_time_frame(all_cands, sent_dates, ctx.published)
    _fill_from_document(cands_only, holders, lex)
    _venues(all_cands, places)
    _missing_targets(cands_only, ctx, lex)
    _resolve_references(all_cands, lex.act_word, ctx)
    return _visitors_abroad(ctx, _records(all_cands), all_cands)


def _visitors_abroad(ctx: Context, evs: list[Event], all_cands: list[tuple[Candidate, Span]]) -> list[Event]:
    """ "Gunmen killed two French tourists in <a town of state S>": the private victims' nationality
    is not the target state; the blow is at S, the state where it happened, when the article names
    it (the same reading as the relations stage's `_host_state`)."""
    from ..relation_events import _host_state

    sents = {span_text(sent).strip(): sent for _, sent in all_cands}
    out, seen = [], set()
    for ev in evs:
        if ev.target and ev.place and (host := _host_state(ctx, sents.get(ev.evidence), ev)):
            ev = ev.model_copy(update={"target": host})
        key = (ev.evidence, ev.type, ev.source, ev.target, ev.date)
        if key not in seen:
            seen.add(key)
            out.append(ev)
    return out


def _inherit_date(cands: list[Candidate], prev_date: str, continues: set, prev_families: set, lex: Lexicon) -> None:
    """An undated act of the same paragraph takes the date just named when its sentence goes on
    with the story ("then", "later") or tells an act of the same family; an aim has no past date."""
    for c in cands:
        if c.date is None and c.mode != "plan" and (continues or lex.family.get(c.type) in prev_families):
            c.date = prev_date


def _sentences(doc: Doc) -> list[Span]:
    """`list(doc.sents)`, cut from the parse arrays' sentence starts (the same boundaries)."""
    starts = parse_arrays.of(doc).sent_starts
    ends = [*starts[1:], len(doc)]
    return [doc[start:end] for start, end in zip(starts, ends)]


def _venues(all_cands: list[tuple[Candidate, Span]], places: Places) -> None:
    """ "X met Y. The meeting took place in Z.": a candidate without a place takes the venue the
    next sentence names (`Places.venue`, a function of the sentence: asked once per sentence)."""
    found: dict[int, Optional[str]] = {}
    for c, sent in all_cands:
        if c.place or _never_written(c):
            c.place = c.place or None
            continue
        if sent.start not in found:
            found[sent.start] = places.venue(sent)
        c.place = found[sent.start]


def _place_all(ctx: Context, places: Places, cands: list[Candidate], sent: Span) -> None:
    """Place each candidate of one sentence; the words naming its own sides are no place."""
    in_sent = ctx.actors_in(sent) if cands else []
    for c in cands:
        if _never_written(c):
            continue  # (no place to look for)
        own = {c.sources[0], c.targets[0]} - {None}
        actor_tokens = {i for m in in_sent if m.key in own for i in range(m.start, m.end)}
        actor_tokens |= {t.i for t in c.args if ctx.actor_at(t)}  # "the US and Britain struck": no place
        c.place = places.place(c, sent, actor_tokens)
        c.story_place = None if c.place else places.story_place(c)
    places.seen(sent)


def _never_written(c: Candidate) -> bool:
    """Does `_records` drop the candidate whatever the document pass does? A supposed or negated
    act, or an act without a source other than force: the document pass gives a source to force
    alone (`_fill_from_document`; the other passes fill targets), and only force needs its place
    there (an attacked place's holder)."""
    return c.type not in ("ASSAULT", "COERCE") and (c.mode in UNREAL_MODES or c.sources[0] is None)


def _quoted_dates(all_cands: list[tuple[Candidate, Span]], sent_dates: dict, quotes: list) -> None:
    """An undated act in a quotation that runs over several sentences ("We call on X to ... . This
    is ...," the spokesman said on Tuesday) was said when the attribution says: the date the
    sentence closing the quotation names, else the one opening it (sent_dates: sentence start
    char -> its date, None for a sentence without one)."""
    starts = sorted(sent_dates)
    for c, sent in all_cands:
        at = c.trigger.idx
        span = next(((a, b) for a, b in quotes if a <= at < b), None) if c.date is None else None
        if span is None:
            continue
        for mark in (span[1], span[0]):
            k = bisect_right(starts, mark) - 1
            start = starts[k] if k >= 0 else sent.start_char  # a headline's mark: no date of its own here
            if start != sent.start_char and sent_dates[start]:
                c.date = sent_dates[start]
                break


def _records(all_cands: list[tuple[Candidate, Span]]) -> list[Event]:
    """Events with a source, one per (sentence, type, source, target), best confidence kept."""
    best: dict[tuple, tuple[Candidate, Span]] = {}
    for c, sent in all_cands:
        s, t = c.sources[0], c.targets[0]
        if c.mode in UNREAL_MODES:
            continue
        if s == t or (s is None and (t is None or c.type not in ("ASSAULT", "COERCE") or c.unnamed_agent)):
            continue  # keep an unattributed act only when its victim is named ("a roadside bomb killed US soldiers")
        if t is None and (c.type in NEEDS_TARGET or c.unhosted):
            continue  # support, aid or coercion of nobody named says nothing
        key = (sent.start, c.type, s, t, c.date)
        if key not in best or c.confidence > best[key][0].confidence:
            best[key] = (c, sent)
    named = {(k[0], k[1], k[2], k[4]) for k in best if k[3] is not None}
    best = {k: v for k, v in best.items() if k[3] is not None or (k[0], k[1], k[2], k[4]) not in named}
    out = []  # "struck X, hitting a building": the targetless part adds nothing to "X was struck"
    for (_, _, s, t, _), (c, sent) in sorted(best.items(), key=lambda kv: (kv[0][0], kv[1][0].trigger.i)):
        # the type and mode are lexicon strings; Event validates them against PLOVER's and the modes' names
        out.append(
            Event(
                type=cast(PloverType, c.type),
                source=s,
                target=t,
                date=c.date,
                place=c.place or c.story_place,
                confidence=max(0.05, min(1.0, c.confidence)),
                evidence=span_text(sent).strip(),
                trigger=c.trigger.text,
                mode=cast("Optional[EventMode]", c.mode),  # (a string: no typing object built per event)
                rule=c.rule,
            )
        )
    return out
