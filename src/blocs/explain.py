"""`blocs analyze --explain`: which rule made each event, relation, quote and goal.

Every stage records the rule or pattern that produced an item in its `rule`
field; this module only prints them beside the words they used, so a reader
can see why blocs claims what it claims and which lexicon entry to fix.
"""

from __future__ import annotations

from typing import Optional

from rich.console import Console
from rich.table import Table

from .records import Analysis
from .summary import clip

EVIDENCE_CHARS = 110  # enough of a sentence to recognise it in the article


def _short(text: Optional[str]) -> str:
    return clip(text or "", EVIDENCE_CHARS)


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False, expand=True)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def tables(analysis: Analysis) -> list[Table]:
    """One table per kind of claim, each row: the claim, the rule, the words it used."""
    doc_id = analysis.document.id
    events = _table(
        f"{doc_id}: events", "type", "source → target", "mode", "date / place", "rule", "trigger", "evidence"
    )
    for e in analysis.events:
        events.add_row(
            e.type,
            f"{e.source or '—'} → {e.target or '—'}",
            e.mode or "fact",
            f"{e.date or '—'} / {e.place or '—'}",
            e.rule or "?",
            e.trigger or "",
            _short(e.evidence),
        )
    relations = _table(f"{doc_id}: relations", "pair", "polarity", "confidence", "rule", "evidence")
    for r in analysis.relations:
        arrow = "→" if r.directed else "–"
        relations.add_row(
            f"{r.source} {arrow} {r.target}",
            r.polarity,
            f"{r.confidence:.2f}",
            r.rule or "?",
            "\n".join(_short(x) for x in r.evidence),
        )
    quotes = _table(f"{doc_id}: quotes", "speaker", "via", "direct", "rule", "text")
    for q in analysis.quotes:
        quotes.add_row(q.speaker or "—", q.via or "", "yes" if q.direct else "no", q.rule or "?", _short(q.text))
    goals = _table(f"{doc_id}: goals", "actor", "stated", "rule", "aim")
    for g in analysis.goals:
        goals.add_row(g.actor or "—", "yes" if g.stated else "no", g.rule or "?", _short(g.text))
    return [events, relations, quotes, goals]


def print_explanation(analysis: Analysis, console: Optional[Console] = None) -> None:
    console = console or Console(stderr=True)
    for table in tables(analysis):
        if table.row_count:
            console.print(table)
