"""`blocs report`: one self-contained HTML report."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import List, Optional

import typer

from ..errors import BlocsError


def _check_date(value: Optional[str], option: str) -> None:
    if value is None:
        return
    try:
        date.fromisoformat(value)
    except ValueError:
        raise BlocsError("date", option, detail=value) from None


def register(app) -> None:
    """Add the `report` command to the main app."""

    @app.command("report")
    def report(
        inputs: Optional[List[Path]] = typer.Argument(None, help="blocs/1 analyses: .json (one object) or .jsonl."),
        db: Optional[Path] = typer.Option(None, "--db", help="A corpus database written by `blocs corpus ingest`."),
        output: Path = typer.Option(..., "-o", "--output", help="The HTML file to write."),
        title: Optional[str] = typer.Option(None, "--title", help="Title of the report (default: the article's)."),
        since: Optional[str] = typer.Option(
            None, "--since", help="With --db: stories published on or after YYYY-MM-DD."
        ),
        until: Optional[str] = typer.Option(
            None, "--until", help="With --db: stories published on or before YYYY-MM-DD."
        ),
        max_actors: int = typer.Option(
            120, "--max-actors", min=2, help="Draw at most this many actors in the network."
        ),
        window: str = typer.Option(
            "month", "--window", help="With several articles: blocs per week, month, year (a slider), or all."
        ),
    ):
        """Write one HTML file (works offline): network, map, timeline, every item linked to its evidence."""
        from ..cli import err_console, fail
        from . import inputs as inputs_mod
        from . import render
        from . import windows as windows_mod

        try:
            if window not in windows_mod.WINDOWS:
                raise BlocsError("window", "--window", detail=window)
            if bool(inputs) == bool(db):
                raise BlocsError("report-input", "blocs report")
            if db:
                _check_date(since, "--since")
                _check_date(until, "--until")
                analyses = inputs_mod.read_db(db, since=since, until=until)
            else:
                analyses = inputs_mod.read_files(inputs or [])  # not empty: checked against --db above
            try:
                used = render.write(analyses, output, title=title, max_actors=max_actors, window=window)
            except OSError as err:
                raise BlocsError("write", str(output), detail=err.strerror or str(err)) from None
        except BlocsError as err:
            fail(str(err))
            raise typer.Exit(2) from None
        if used.missing:
            err_console.print(
                f"blocs: warning: {output}: network and map left out, npm packages missing "
                f"({', '.join(used.missing)}); run `make install`",
                style="yellow",
                markup=False,
                highlight=False,
            )
        err_console.print(
            f"wrote {output} ({len(analyses)} {'analysis' if len(analyses) == 1 else 'analyses'})",
            markup=False,
            highlight=False,
        )
