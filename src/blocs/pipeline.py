"""analyze(raw) -> Analysis: runs the stages in the order data flows.

ingest -> clean -> nlp -> actors -> places -> events -> relations ->
quotes -> goals -> stance -> blocs. Batches share one `nlp.pipe` pass,
which is where the time goes.
"""
from __future__ import annotations

import hashlib
from datetime import date
from typing import Iterable, Iterator, Optional, Union

from . import nlp as nlp_mod
from .clean import clean
from .context import CleanDocument, Context, RawDocument
from .errors import BlocsError
from .extract import actors, events, goals, places, quotes, relations, stance
from .graph import blocs as blocs_mod
from .records import Analysis, Document


def parse_date(value: Optional[str], subject: str = "--published") -> Optional[date]:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise BlocsError("date", subject, detail=value) from None


def _document(raw: RawDocument, cleaned: CleanDocument, published: Optional[str]) -> Document:
    meta, sources = dict(cleaned.meta), dict(cleaned.meta_sources)
    if published:
        meta["published"], sources["published"] = parse_date(published).isoformat(), "option"
    doc_id = meta.get("id") or hashlib.sha1(cleaned.text.encode("utf-8")).hexdigest()[:12]
    return Document(id=str(doc_id), source=raw.source, title=meta.get("title"), author=meta.get("author"),
                    published=meta.get("published"), site=meta.get("site"), metadata_sources=sources)


def _analyze_parsed(doc, raw: RawDocument, cleaned: CleanDocument, published: Optional[str]) -> Analysis:
    document = _document(raw, cleaned, published)
    ctx = Context(doc=doc, document=document, published=parse_date(document.published, raw.source))
    actors.resolve(ctx)
    places.resolve(ctx)
    evs = events.extract(ctx)
    qs = quotes.extract(ctx)
    gs = goals.extract(ctx, qs)
    rels = relations.build(ctx, evs)
    opinion, reported = stance.classify(ctx)
    used = actors.finalize(ctx, evs, rels, qs, gs)
    return Analysis(
        document=document, text=cleaned.text, corrections=cleaned.corrections,
        actors=list(used.values()), leader_of={k: v for k, v in ctx.leader_of.items() if k in used and v in used},
        relations=rels, events=evs, quotes=qs, goals=gs,
        places=list(ctx.places.values()), opinion=opinion, reported=reported,
        blocs=blocs_mod.partition(list(used), rels),
    )


def analyze(raw: RawDocument, published: Optional[str] = None, correct: bool = True) -> Analysis:
    return next(analyze_many([raw], published=published, correct=correct))


def analyze_many(raws: Iterable[RawDocument], published: Optional[str] = None, correct: bool = True,
                 batch_size: int = 32) -> Iterator[Union[Analysis, BlocsError]]:
    """Analyse documents in order; a document that fails yields its BlocsError instead."""
    if published:
        parse_date(published)
    nlp = nlp_mod.load()
    prepared: list = []

    def cleaned_stream():
        for raw in raws:
            try:
                cleaned = clean(raw, correct=correct)
                if not cleaned.text.strip():
                    raise BlocsError("no-text", raw.source)
                prepared.append((raw, cleaned, None))
            except BlocsError as err:
                prepared.append((raw, None, err))
                continue
            except Exception as err:  # a bug in one story must not end the batch
                prepared.append((raw, None, BlocsError("internal", raw.source, detail=f"{type(err).__name__}: {err}")))
                continue
            yield cleaned.text

    docs = nlp.pipe(cleaned_stream(), batch_size=batch_size)
    done = 0
    for doc in docs:
        # flush the failures that came before this parsed document
        while prepared[done][2] is not None:
            yield prepared[done][2]
            done += 1
        raw, cleaned, _ = prepared[done]
        done += 1
        try:
            yield _analyze_parsed(doc, raw, cleaned, published)
        except BlocsError as err:
            yield err
        except Exception as err:  # a bug must not lose the other documents of the batch
            yield BlocsError("internal", raw.source, detail=f"{type(err).__name__}: {err}")
    while done < len(prepared):
        yield prepared[done][2]
        done += 1
