"""Blocs per time window for a report on several articles (the slider over `--window`).

Articles are grouped by the window of their publication date, as `blocs corpus blocs`
groups them; each window's ties are netted per pair and partitioned on their own.
Bloc colours follow the whole report's blocs, so a coalition keeps its colour.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Optional

from ..records import Analysis
from . import tidy
from .assets import config

WINDOWS = ("week", "month", "year", "all")


def span(published: Optional[str], window: str) -> Optional[tuple[str, date, date]]:
    """(label, first day, day after) of the window holding a publication date, or None."""
    try:
        day = date.fromisoformat((published or "")[:10])
    except ValueError:
        return None
    if window == "week":
        start = day - timedelta(days=day.weekday())
        iso = start.isocalendar()
        return f"{iso.year}-W{iso.week:02d}", start, start + timedelta(days=7)
    if window == "month":
        start = day.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1)
        return start.strftime("%Y-%m"), start, end
    start = day.replace(month=1, day=1)
    return str(day.year), start, start.replace(year=day.year + 1)


def by_window(view, analyses: list[Analysis], left_out: list[set[str]], window: str) -> list[dict]:
    """One entry per window with articles: its blocs, which shown ties it holds and with what sign."""
    from .view import colour_blocs

    if window == "all":
        return []
    groups: dict[str, dict] = {}
    for n, a in enumerate(analyses):
        found = span(a.document.published, window)
        if found is None:
            continue
        label, start, end = found
        group = groups.setdefault(
            label, {"label": label, "start": start.isoformat(), "end": end.isoformat(), "docs": 0, "relations": []}
        )
        group["docs"] += 1
        group["relations"].extend(
            r for r in a.relations if tidy.shown(r, left_out[n]) and r.source in view.actors and r.target in view.actors
        )
    out, previous = [], view.blocs
    for label in sorted(groups):
        group = groups.pop(label)
        pairs = tidy.pairs(group.pop("relations"))
        ranked = sorted({k for key in pairs for k in key}, key=lambda k: -view.actors[k]["mentions"])
        blocs = colour_blocs(tidy.blocs_of(ranked, pairs.values(), view.same_sides()), config()["palette"], previous)
        for bloc in blocs:
            bloc["names"] = [view.name(m) for m in bloc["members"]]
        group["blocs"] = blocs
        group["ties"] = {view.relations[key]["id"]: p.polarity for key, p in pairs.items() if key in view.relations}
        out.append(group)
    return out
