"""analyze(raw) -> Analysis: runs the stages in the order data flows.

ingest -> clean -> nlp -> actors -> places -> events -> relations ->
quotes -> goals -> stance -> blocs. Batches share one `nlp.pipe` pass,
which is where the time goes.

Each story's own work (cleaning, and every stage after the shared parse) runs
under a time budget (`StoryBudget`, CPU seconds): a story that overruns it yields a
`timeout` BlocsError and the batch goes on, so one pathological sentence costs
that story, never the run.
"""

from __future__ import annotations

import hashlib
import logging
import signal
import threading
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Iterator, Optional, Union

from . import nlp as nlp_mod
from .clean import clean
from .context import CleanDocument, Context, RawDocument
from .errors import BlocsError
from .extract import actors, events, goals, places, quotes, relations, stance
from .gc_tuning import fewer_collections, freeze_loaded
from .graph import blocs as blocs_mod
from .records import Analysis, Document

logger = logging.getLogger(__name__)

DEFAULT_SECONDS_PER_1000_WORDS = 5.0
FLOOR_FACTOR = 4.0  # the floor, in units of the per-1,000-words rate
WARM_UP_TEXT = (
    "Kenyan troops and Somali forces attacked al-Shabaab fighters near Kismayo on Monday, "
    'the army said. "We will not stop," a spokesman said.'
)


def parse_date(value: Optional[str], subject: str = "--published") -> Optional[date]:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise BlocsError("date", subject, detail=value) from None


# -- the time budget -----------------------------------------------------------


class _OverBudget(BaseException):
    """Raised by the alarm; a BaseException so that no stage's `except Exception` swallows it."""


@dataclass(frozen=True)
class StoryBudget:
    """CPU seconds a story may take for its own work: `per_1000_words` per 1,000 words, and at least
    FLOOR_FACTOR times that (20 s by default), which covers a short story that is first to need
    a table loaded on first use (the OCR bigram table takes seconds on a busy machine).
    `per_1000_words` <= 0 turns the budget off."""

    per_1000_words: float = DEFAULT_SECONDS_PER_1000_WORDS

    def seconds(self, text: str) -> float:
        if self.per_1000_words <= 0:
            return 0.0
        return self.per_1000_words * max(FLOOR_FACTOR, len(text.split()) / 1000)


def budget_of(story_timeout: Optional[float]) -> StoryBudget:
    """The budget for a `--story-timeout` value (None: the default)."""
    return StoryBudget() if story_timeout is None else StoryBudget(float(story_timeout))


def _can_alarm() -> bool:
    """Interval timers exist (POSIX) and we are on the main thread (the only one signals reach)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _on_alarm(signum, frame):
    raise _OverBudget()


# (timer, signal): CPU time of this process for the budget itself, so that a busy machine
# (other processes on the same cores) does not turn slow stories into "hangs"; wall time,
# WALL_FACTOR times longer, for a story blocked without computing.
_TIMERS = (
    ((signal.ITIMER_PROF, signal.SIGPROF), (signal.ITIMER_REAL, signal.SIGALRM)) if hasattr(signal, "setitimer") else ()
)
WALL_FACTOR = 10.0


@contextmanager
def deadline(seconds: float):
    """Raise _OverBudget in this (main) thread after `seconds` of CPU time (or WALL_FACTOR x
    `seconds` of wall time); a no-op off the main thread, where signals never arrive, or for 0.

    The timers repeat every second until cleared, so a bare `except:` in a stage
    that swallows the first alarm does not make the story unbounded again; the
    timers and the previous handlers are always restored on the way out.
    """
    if seconds <= 0 or not _can_alarm():
        yield
        return
    previous = [signal.signal(sig, _on_alarm) for _, sig in _TIMERS]
    for (timer, _), limit in zip(_TIMERS, (seconds, seconds * WALL_FACTOR)):
        signal.setitimer(timer, limit, 1.0)
    try:
        yield
    finally:
        _disarm(previous)


def _disarm(previous: list) -> None:
    """Clear the timers and put the old handlers back, even if an alarm lands while doing so."""
    while True:
        try:
            for timer, _ in _TIMERS:
                signal.setitimer(timer, 0)
            for (_, sig), handler in zip(_TIMERS, previous):
                signal.signal(sig, handler)
            return
        except _OverBudget:
            continue


def story_name(raw: RawDocument) -> str:
    """How messages name a story: its id if the input gave one, else where it came from."""
    sid = raw.meta.get("id") if raw.meta_sources.get("id") == "input" else None
    return str(sid) if sid not in (None, "") else raw.source


def _timed_out(raw: RawDocument, seconds: float) -> BlocsError:
    shown = f"{seconds:.0f}" if seconds >= 10 else f"{seconds:.1f}".rstrip("0").rstrip(".")
    return BlocsError("timeout", story_name(raw), detail=shown)


# -- one story -----------------------------------------------------------------


def _document(raw: RawDocument, cleaned: CleanDocument, published: Optional[str]) -> Document:
    meta, sources = dict(cleaned.meta), dict(cleaned.meta_sources)
    if published:
        day = parse_date(published)
        if day is not None:
            meta["published"], sources["published"] = day.isoformat(), "option"
    doc_id = meta.get("id") or hashlib.sha1(cleaned.text.encode("utf-8")).hexdigest()[:12]
    return Document(
        id=str(doc_id),
        source=raw.source,
        title=meta.get("title"),
        author=meta.get("author"),
        published=meta.get("published"),
        site=meta.get("site"),
        metadata_sources=sources,
    )


def _analyze_parsed(doc, raw: RawDocument, cleaned: CleanDocument, published: Optional[str]) -> Analysis:
    document = _document(raw, cleaned, published)
    doc.user_data["blocs.text"] = cleaned.text  # spaCy keeps the text it parsed: no re-join of the tokens
    ctx = Context(doc=doc, document=document, published=parse_date(document.published, raw.source))
    actors.resolve(ctx)
    places.resolve(ctx)
    evs = events.extract(ctx)
    qs = quotes.extract(ctx)
    gs = goals.extract(ctx, qs)
    rels = relations.build(ctx, evs)
    opinion, reported = stance.classify(ctx)
    used = actors.finalize(ctx, evs, rels, qs, gs)
    leader_of = {k: v for k, v in ctx.leader_of.items() if k in used and v in used}
    sides = blocs_mod.same_side({k: (a.type, a.country) for k, a in used.items()}, leader_of)
    return Analysis(
        document=document,
        text=cleaned.text,
        corrections=cleaned.corrections,
        actors=list(used.values()),
        leader_of=leader_of,
        relations=rels,
        events=evs,
        quotes=qs,
        goals=gs,
        places=list(ctx.places.values()),
        opinion=opinion,
        reported=reported,
        blocs=blocs_mod.partition(list(used), rels, sides),
    )


def _internal(raw: RawDocument, err: Exception) -> BlocsError:
    """A bug in a stage: one line for the user, the traceback for `--debug`."""
    logger.debug("internal error in %s", raw.source, exc_info=err)
    return BlocsError("internal", raw.source, detail=f"{type(err).__name__}: {err}")


def _clean_one(
    raw: RawDocument, correct: bool, budget: StoryBudget
) -> tuple[Optional[CleanDocument], Optional[BlocsError]]:
    seconds = budget.seconds(raw.text)
    try:
        with deadline(seconds):
            cleaned = clean(raw, correct=correct)
        if not cleaned.text.strip():
            raise BlocsError("no-text", raw.source)
        return cleaned, None
    except BlocsError as err:
        return None, err
    except _OverBudget:
        return None, _timed_out(raw, seconds)
    except Exception as err:  # a bug in one story must not end the batch
        return None, _internal(raw, err)


def _analyze_one(
    doc, raw: RawDocument, cleaned: CleanDocument, published: Optional[str], budget: StoryBudget
) -> Union[Analysis, BlocsError]:
    seconds = budget.seconds(cleaned.text)
    try:
        with deadline(seconds):
            return _analyze_parsed(doc, raw, cleaned, published)
    except BlocsError as err:
        return err
    except _OverBudget:
        return _timed_out(raw, seconds)
    except Exception as err:  # a bug must not lose the other documents of the batch
        return _internal(raw, err)


_warmed = False


def _warm_up(correct: bool) -> None:
    """Analyse one short built-in story, untimed, once per process: the stages load their
    tables on first use, and an alarm must never land half-way through filling one."""
    global _warmed
    if _warmed:
        return
    _warmed = True
    raw = RawDocument(text=WARM_UP_TEXT, source="warm-up", kind="txt")
    cleaned = clean(raw, correct=correct)
    _analyze_one(nlp_mod.load()(cleaned.text), raw, cleaned, None, StoryBudget(0))
    fewer_collections()  # analyze_many called from a library too: see blocs.gc_tuning
    freeze_loaded()


# -- batches -------------------------------------------------------------------


def analyze(
    raw: RawDocument, published: Optional[str] = None, correct: bool = True, budget: Optional[StoryBudget] = None
) -> Analysis:
    result = next(analyze_many([raw], published=published, correct=correct, budget=budget))
    if isinstance(result, BlocsError):
        raise result
    return result


def analyze_many(
    raws: Iterable[Union[RawDocument, BlocsError]],
    published: Optional[str] = None,
    correct: bool = True,
    batch_size: int = 32,
    budget: Optional[StoryBudget] = None,
) -> Iterator[Union[Analysis, BlocsError]]:
    """Analyse documents in order, lazily; a document that fails yields its BlocsError instead.

    A BlocsError among the inputs (a bad line of a batch) is passed through in
    its place, so callers can stream readers' output straight in. Memory does
    not grow with the number of documents: only the batch being parsed is held.
    """
    if published:
        parse_date(published)
    budget = budget or StoryBudget()
    nlp = nlp_mod.load()
    if budget.per_1000_words > 0 and _can_alarm():
        _warm_up(correct)
    prepared: deque = deque()  # (raw, cleaned, error) in input order, not yet yielded

    def cleaned_stream():
        for raw in raws:
            if isinstance(raw, BlocsError):
                prepared.append((None, None, raw))
                continue
            cleaned, err = _clean_one(raw, correct, budget)
            prepared.append((raw, cleaned, err))
            if err is None:
                yield cleaned.text

    for doc in nlp_mod.parse_many(nlp, cleaned_stream(), batch_size=batch_size):
        while prepared[0][2] is not None:  # the failures that came before this parsed document
            yield prepared.popleft()[2]
        raw, cleaned, _ = prepared.popleft()
        yield _analyze_one(doc, raw, cleaned, published, budget)
    while prepared:
        yield prepared.popleft()[2]
