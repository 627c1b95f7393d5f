"""The answer at a glance in the terminal (`blocs analyze --summary`, `make demo`).

Actors, ties with their polarity and one evidence sentence each, blocs, the main
events with dates and places, and quotes with their speakers. Ties, blocs and
places-taken-for-actors follow the same rules as the HTML report (report/tidy.py).
"""

from __future__ import annotations

from rich import box
from rich.console import Console, Group, JustifyMethod, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .graph import blocs as blocs_mod
from .records import Analysis, Event
from .report import tidy

MAX_ACTORS = 12
MAX_TIES = 12
MAX_EVENTS = 8
MAX_QUOTES = 6
POLARITY_STYLE = {"ally": "bold green", "hostile": "bold red", tidy.EVEN: "bold yellow"}


def clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _more(shown: int, total: int, what: str) -> list:
    return [Text(f"  … and {total - shown} more {what}", style="dim")] if total > shown else []


def _row(table: Table, *cells) -> None:
    """Cells as plain text: article text is never read as rich markup ("[b]" stays as written)."""
    table.add_row(*(c if isinstance(c, Text) else Text(c) for c in cells))


class _Names:
    def __init__(self, analysis: Analysis):
        self.by_key = {a.key: a.name for a in analysis.actors}

    def __call__(self, key) -> str:
        return self.by_key.get(key, key) if key else "—"


def _actors(analysis: Analysis, skip: set[str], bloc_of: dict[str, int]) -> list:
    shown = sorted((a for a in analysis.actors if a.key not in skip), key=lambda a: (-a.mentions, a.name))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False)
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        ("actor", "left"),
        ("type", "left"),
        ("country", "left"),
        ("mentions", "right"),
        ("bloc", "right"),
    )
    for column, justify in columns:
        table.add_column(column, justify=justify)
    for a in shown[:MAX_ACTORS]:
        _row(
            table,
            a.name,
            a.type.replace("_", " "),
            a.country or "—",
            str(a.mentions),
            str(bloc_of[a.key]) if a.key in bloc_of else "—",
        )
    return [Text(f"Actors ({len(shown)})", style="bold"), table, *_more(MAX_ACTORS, len(shown), "actors")]


def _ties(pairs: list[tidy.Pair], name) -> list:
    """Each pair on one line with its net polarity, its strongest evidence sentence below it."""
    if not pairs:
        return [Text("Ties: none found", style="bold")]
    lines: list[RenderableType] = [
        Text(f"Ties ({len(pairs)}: one per pair, net of ally minus hostile weight)", style="bold")
    ]
    for p in pairs[:MAX_TIES]:
        arrow = "→" if p.directed else "–"
        sentences = len({e for r in p.parts for e in r.evidence})
        lines.append(
            Text.assemble(
                "  ",
                (name(p.source), "bold"),
                " ",
                (p.polarity, POLARITY_STYLE[p.polarity]),
                f" {arrow} ",
                (name(p.target), "bold"),
                (f"  net {p.net:+.2f}, {sentences} sentence{'s' if sentences != 1 else ''}", "dim"),
            )
        )
        strongest = max(p.parts, key=lambda r: (r.polarity == p.polarity, r.weight or r.confidence))
        evidence = next((e for e in strongest.evidence if e.strip()), "")
        if evidence:
            lines.append(
                Padding(
                    Text(f"“{clip(evidence, 400)}”", style="dim italic", no_wrap=True, overflow="ellipsis"),
                    (0, 0, 0, 6),
                )
            )
    return lines + _more(MAX_TIES, len(pairs), "ties")


def _blocs(blocs, pairs: list[tidy.Pair], bloc_of: dict[str, int], name, sides=()) -> list:
    lines: list[RenderableType] = [Text("Blocs", style="bold")]
    for b in blocs:
        lines.append(Text.assemble(f"  {b.id}. ", (", ".join(name(m) for m in b.members), "cyan")))
    stated = {tidy.pair_key(p.source, p.target) for p in pairs}
    assumed = [
        f"{name(a)} and {name(b)}"
        for a, b in sides
        if a in bloc_of and bloc_of.get(a) == bloc_of.get(b) and tidy.pair_key(a, b) not in stated
    ]
    if assumed:
        note = f"together with no tie stated: {'; '.join(assumed)} (a state and its government, or a leader"
        note += " and what he leads, are one side unless the text sets them apart)"
        lines.append(Padding(Text(note, style="dim"), (0, 0, 0, 2)))
    if not blocs:
        lines.append(Text("  no bloc of two or more actors", style="dim"))
    tied = sorted({k for p in pairs for k in (p.source, p.target)} - set(bloc_of), key=name)
    if tied:
        lines.append(Text("  not in a bloc:", style="dim"))
    for key in tied:
        lines.append(
            Padding(
                Text.assemble((name(key), "bold"), ": ", (tidy.why_alone(key, pairs, bloc_of, name), "dim")),
                (0, 0, 0, 4),
            )
        )
    return lines


def _event_rank(e: Event) -> float:
    """Events a reader wants first: dated, with a target and a place, confidently coded."""
    return e.confidence + 0.3 * bool(e.date) + 0.2 * bool(e.target) + 0.1 * bool(e.place) - 0.2 * bool(e.mode)


def _events(analysis: Analysis, skip: set[str], name) -> list:
    top = sorted(analysis.events, key=_event_rank, reverse=True)[:MAX_EVENTS]
    top.sort(key=lambda e: (e.date is None, e.date or ""))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=True)
    for column in ("date", "event", "who → whom", "where"):
        table.add_column(column, no_wrap=column != "who → whom", overflow="fold")
    for e in top:
        target = None if e.target in skip else e.target
        place = e.place or (name(e.target) if e.target in skip else None)
        who = name(e.source) + (f" → {name(target)}" if target else "")
        _row(table, e.date or "undated", e.type + (f" ({e.mode})" if e.mode else ""), who, place or "—")
    if not top:
        return [Text("Events: none found", style="bold")]
    return [Text(f"Main events ({len(top)} of {len(analysis.events)})", style="bold"), table]


def _quotes(analysis: Analysis, name) -> list:
    if not analysis.quotes:
        return [Text("Quotes: none found", style="bold")]
    lines: list[RenderableType] = [Text(f"Quotes ({len(analysis.quotes)})", style="bold")]
    for q in analysis.quotes[:MAX_QUOTES]:
        speaker = name(q.speaker) if q.speaker else "unknown speaker"
        lines.append(
            Padding(
                Text.assemble(
                    (speaker, "bold"),
                    (f" via {name(q.via)}" if q.via else "", "dim"),
                    ": ",
                    (f"“{clip(q.text.strip(' ,;'), 160)}”", "italic"),
                    ("" if q.direct else " (reported)", "dim"),
                ),
                (0, 0, 0, 2),
            )
        )
    return lines + _more(MAX_QUOTES, len(analysis.quotes), "quotes")


def summary(analysis: Analysis) -> Panel:
    """The summary of one analysis as a rich renderable."""
    name = _Names(analysis)
    skip = tidy.place_actor_keys(analysis)
    pairs = sorted(tidy.pairs(analysis.relations, drop=skip).values(), key=lambda p: -abs(p.net))
    shown = sorted((a for a in analysis.actors if a.key not in skip), key=lambda a: -a.mentions)
    sides = blocs_mod.same_side({a.key: (a.type, a.country) for a in shown}, analysis.leader_of)
    blocs = [b for b in tidy.blocs_of([a.key for a in shown], pairs, sides) if len(b.members) > 1]
    bloc_of = {m: b.id for b in blocs for m in b.members}
    doc = analysis.document
    head = Text(doc.title or doc.id or "untitled", style="bold")
    counts = Text(
        f"{doc.published or 'undated'} · {len(shown)} actors · {len(pairs)} ties · {len(blocs)} blocs · {len(analysis.events)} events · "
        f"{len(analysis.places)} places · {len(analysis.quotes)} quotes",
        style="dim",
    )
    parts = [
        counts,
        Text(""),
        *_actors(analysis, skip, bloc_of),
        *_ties(pairs, name),
        Text(""),
        *_blocs(blocs, pairs, bloc_of, name, sides),
        Text(""),
        *_events(analysis, skip, name),
        Text(""),
        *_quotes(analysis, name),
    ]
    return Panel(Group(*parts), title=head, title_align="left", border_style="blue", padding=(0, 1))


def print_summaries(analyses: list[Analysis], to_stderr: bool = False) -> None:
    """Print each summary; to stderr when the JSON itself goes to stdout."""
    console = Console(stderr=to_stderr, highlight=False)
    for analysis in analyses:
        console.print(summary(analysis))
