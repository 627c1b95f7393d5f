"""`blocs corpus ...`: store analyses in DuckDB, aggregate and export."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..errors import BlocsError

app = typer.Typer(no_args_is_help=True, help="Store, aggregate and export a corpus of analyses.")
err_console = Console(stderr=True)

DB_OPTION = typer.Option(Path("corpus.duckdb"), "--db", help="The corpus database (DuckDB file).")
STORY_TIMEOUT_OPTION = typer.Option(
    None,
    "--story-timeout",
    min=0,
    metavar="SECONDS",
    help="Time budget per story: SECONDS of CPU time per 1,000 words, at least 4 x SECONDS (default 5; 0: no limit).",
)


class WindowName(str, Enum):
    week = "week"
    month = "month"
    year = "year"
    all = "all"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    plover_csv = "plover-csv"
    parquet = "parquet"
    graphml = "graphml"
    gexf = "gexf"
    geojson = "geojson"


def fail(message: str) -> None:
    err_console.print(f"blocs: {message}", style="red", markup=False, highlight=False, soft_wrap=True)


def warn(message: str) -> None:
    err_console.print(f"blocs: warning: {message}", markup=False, highlight=False, soft_wrap=True)


def _one_line(err: Exception) -> str:
    text = str(err).strip()
    return f"{type(err).__name__}: {text.splitlines()[0]}" if text else type(err).__name__


def _open(db: Path, read_only: bool):
    from . import schema

    try:
        return schema.connect(db, read_only=read_only)
    except BlocsError as err:
        fail(str(err))
        raise typer.Exit(2) from None


@app.command()
def ingest(
    inputs: List[Path] = typer.Argument(..., help="Articles: .txt, .html, .pdf, or .jsonl batches."),
    db: Path = DB_OPTION,
    workers: int = typer.Option(1, "--workers", "-j", min=1, help="Local worker processes for the analysis."),
    dask: Optional[str] = typer.Option(
        None, "--dask", help="Run the analysis on this Dask scheduler (tcp://HOST:8786)."
    ),
    batch: int = typer.Option(64, "--batch", min=1, help="Stories per batch (one transaction each)."),
    no_correct: bool = typer.Option(False, "--no-correct", help="Do not correct OCR errors."),
    story_timeout: Optional[float] = STORY_TIMEOUT_OPTION,
    reanalyze: bool = typer.Option(
        False, "--reanalyze", help="Analyse again stories stored by another analysis version, replacing them."
    ),
):
    """Analyse stories and store them; stories already stored are skipped, so a stopped run can be resumed.

    Each stored analysis records its analysis version (blocs version, rule data, options); a story
    stored by another version is left alone and counted unless --reanalyze is given."""
    from . import ingest as ingest_mod

    con = _open(db, read_only=False)
    total = ingest_mod.count_stories(inputs)
    live = err_console.is_terminal
    try:
        runner = ingest_mod.make_runner(workers, dask, correct=not no_correct, story_timeout=story_timeout)
    except BlocsError as err:
        con.close()
        fail(str(err))
        raise typer.Exit(2) from None
    progress, on_batch = _ingest_progress(total, live)
    try:
        with progress:
            stats = ingest_mod.run(
                con,
                ingest_mod.read_inputs(inputs, on_warning=warn),
                runner,
                batch=batch,
                on_error=fail,
                on_batch=on_batch,
                reanalyze=reanalyze,
            )
    except KeyboardInterrupt:
        fail("interrupted; stored batches are kept, run again to resume")
        raise typer.Exit(130) from None
    except BlocsError as err:
        fail(str(err))
        raise typer.Exit(2) from None
    except Exception as err:  # a lost worker or cluster: say so in one line, keep what was stored
        fail(f"{db}: ingest stopped ({_one_line(err)}); stored batches are kept, run again to resume")
        raise typer.Exit(1) from None
    finally:
        runner.close()
        con.close()
    _report_ingest(stats, db)


def _ingest_progress(total: int, live: bool):
    """A bar on a terminal; otherwise one line a batch, so a log shows how far a run got."""
    progress = Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[note]}"),
        TimeElapsedColumn(),
        console=err_console,
        disable=not live,
    )
    task = progress.add_task("ingesting", total=total, note="")

    def on_batch(stats) -> None:
        note = f"{stats.stored} stored, {stats.skipped} skipped, {stats.failed} failed"
        if live:
            progress.update(task, completed=stats.done, note=note)
        else:
            err_console.print(f"blocs: {stats.done}/{total}: {note}", markup=False, highlight=False)

    return progress, on_batch


def _report_ingest(stats, db: Path) -> None:
    redone = f" ({stats.reanalyzed} replacing an older version's)" if stats.reanalyzed else ""
    typer.echo(f"{stats.stored} stored{redone}, {stats.skipped} already stored, {stats.failed} failed", err=True)
    if stats.stale:
        warn(
            f"{db}: {stats.stale} stories are stored as analysed by another version of blocs or its rules; "
            "run with --reanalyze to redo them"
        )
    if stats.failed:
        raise typer.Exit(1)


def _window_rows(windows, names) -> list[dict]:
    out = []
    for w in windows:
        blocs = [
            {
                "id": b.id,
                "members": [{"key": m, "name": names.get(m, {}).get("name") or m} for m in b.members],
                "internal_ties": b.internal_ties,
                "cross_ties": b.cross_ties,
                "frustration": b.frustration,
            }
            for b in w.blocs
        ]
        out.append(
            {
                "window": w.label,
                "start": w.start.isoformat() if w.start else None,
                "actors": len({k for e in w.edges for k in (e.a, e.b)}),
                "ties": len(w.edges),
                "blocs": blocs,
            }
        )
    return out


@app.command("blocs")
def blocs_cmd(
    db: Path = DB_OPTION,
    window: WindowName = typer.Option(WindowName.month, "--window", help="Time window."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
):
    """Print the blocs of each time window."""
    from . import aggregate

    con = _open(db, read_only=True)
    try:
        rows = _window_rows(aggregate.windows(con, window.value), aggregate.actor_names(con))
        left_out = aggregate.undated(con) if window != WindowName.all else 0
    finally:
        con.close()
    if as_json:
        typer.echo(json.dumps(rows, indent=1, ensure_ascii=False))
    for row in [] if as_json else rows:
        typer.echo(f"{row['window']}: {row['actors']} actors, {row['ties']} ties, {len(row['blocs'])} blocs")
        alone = []
        for bloc in row["blocs"]:
            names = [m["name"] for m in bloc["members"]]
            if len(names) == 1:
                alone += names
            else:
                typer.echo(f"  bloc {bloc['id']}: {', '.join(names)}")
        if alone:
            typer.echo(f"  on their own: {', '.join(alone)}")
    if left_out:
        typer.echo(f"({left_out} stories without a publication date are only in --window all)", err=True)


def _side(edge, evidence) -> dict:
    return {
        "window": edge.window,
        "net": edge.net,
        "ally": round(edge.ally, 6),
        "hostile": round(edge.hostile, 6),
        "documents": edge.documents,
        "evidence": evidence,
    }


@app.command()
def shifts(
    db: Path = DB_OPTION,
    window: WindowName = typer.Option(WindowName.month, "--window", help="Time window."),
    evidence: int = typer.Option(2, "--evidence", min=0, help="Evidence sentences to show for each side."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
):
    """List pairs whose relation changed sign (ally <-> hostile) between windows, with the evidence."""
    from . import aggregate

    con = _open(db, read_only=True)
    try:
        found = aggregate.shifts(con, window.value, evidence)
        names = aggregate.actor_names(con)
    finally:
        con.close()
    rows = [
        {"a": s.a, "b": s.b, "before": _side(s.before, s.evidence_before), "after": _side(s.after, s.evidence_after)}
        for s in found
    ]
    if as_json:
        typer.echo(json.dumps(rows, indent=1, ensure_ascii=False))
        return
    word = {1: "ally", -1: "hostile"}
    for s in found:
        a, b = (names.get(k, {}).get("name") or k for k in (s.a, s.b))
        typer.echo(
            f"{a} / {b}: {word[s.before.sign]} in {s.before.window} ({s.before.net:+.2f}) -> "
            f"{word[s.after.sign]} in {s.after.window} ({s.after.net:+.2f})"
        )
        for label, items in (("before", s.evidence_before), ("after", s.evidence_after)):
            for ev in items:
                typer.echo(f"    {label} [{ev['story_id']}, {ev['published']}] {ev['sentence']}")
    if not found:
        typer.echo("no pair changed sign", err=True)


@app.command()
def export(
    db: Path = DB_OPTION,
    fmt: ExportFormat = typer.Option(..., "--format", "-f", help="Output format."),
    output: Path = typer.Option(..., "-o", "--output", help="Output file (a directory for parquet)."),
    window: Optional[WindowName] = typer.Option(None, "--window", help="gexf: also give edge weights per window."),
):
    """Export the corpus: jsonl, plover-csv, parquet, graphml, gexf or geojson."""
    from . import export as export_mod

    con = _open(db, read_only=True)
    try:
        n = export_mod.export(con, fmt.value, output, window.value if window else None)
    except BlocsError as err:
        fail(str(err))
        raise typer.Exit(2) from None
    finally:
        con.close()
    typer.echo(f"wrote {output} ({n} {'tables' if fmt == ExportFormat.parquet else 'records'})", err=True)


@app.command()
def info(db: Path = DB_OPTION):
    """Count the rows of each table."""
    from . import schema

    con = _open(db, read_only=True)
    try:
        for table in schema.TABLES:
            typer.echo(f"{table:18} {con.execute(f'SELECT count(*) FROM {table}').fetchone()[0]}")
    finally:
        con.close()
