"""`blocs kb ...`: look into the knowledge base."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from typing import Optional

import typer

from ..errors import BlocsError

PLACES_SHOWN = 5  # the most populous namesakes: enough to see an ambiguity
app = typer.Typer(no_args_is_help=True, help="Look up names in the knowledge base.")


def _date(value: Optional[str]) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BlocsError("date", "--date", detail=value) from None


@app.command()
def lookup(
    name: str = typer.Argument(
        ..., help="A name as a text would write it: 'Putin', 'Moscow', 'the Russian president'."
    ),
    when: Optional[str] = typer.Option(
        None, "--date", help="Resolve offices on this date (YYYY-MM-DD); default today."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the resolutions as JSON."),
):
    """Show what NAME resolves to in the knowledge base, and why."""
    from .gazetteer import load as load_gazetteer
    from .loader import load

    try:
        day = _date(when)
        found = load().lookup(name, day)
        places = sorted(load_gazetteer().lookup(name), key=lambda e: -e.population)[:PLACES_SHOWN]
        if not found and not places:
            raise BlocsError("unknown-name", repr(name))
    except BlocsError as err:
        typer.echo(f"blocs: {err}", err=True)
        raise typer.Exit(1) from None
    if as_json:
        typer.echo(
            json.dumps(
                {"actors": [asdict(r) for r in found], "places": [asdict(p) for p in places]},
                indent=1,
                ensure_ascii=False,
            )
        )
        return
    for r in found:
        typer.echo(f"{name} -> {r.key} ({r.type}, {r.country or '-'}) [{r.kind} {r.score:.2f}]: {r.why}")
    for p in places:
        typer.echo(
            f"{name} -> place {p.name} ({p.kind}, {p.country}) {p.lat:.4f}, {p.lon:.4f}: "
            f"geonames {p.geonameid}, population {p.population:,}"
        )
