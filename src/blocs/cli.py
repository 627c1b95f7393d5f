"""The blocs command line: thin wrappers over the pipeline, no logic of its own."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from . import __version__
from .errors import BlocsError
from .store.cli import STORY_TIMEOUT_OPTION

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="blocs: actors, events, relations and blocs from geopolitical news text.")
err_console = Console(stderr=True)


def fail(message: str) -> None:
    typer.echo(f"blocs: {message}", err=True)


def _version(value: bool):
    if value:
        typer.echo(f"blocs {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                      help="Show the version and exit.")):
    """Who stands with whom, from the text itself."""


def _inputs(paths: List[Path]):
    from . import ingest
    for path in paths:
        try:
            yield from ingest.read(path)
        except BlocsError as err:
            yield err


@app.command()
def analyze(
    inputs: List[Path] = typer.Argument(..., help="Articles: .txt, .html, .pdf, or .jsonl batches."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write here (default: stdout)."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD; overrides the article's own."),
    no_correct: bool = typer.Option(False, "--no-correct", help="Do not correct OCR errors."),
    story_timeout: Optional[float] = STORY_TIMEOUT_OPTION,
):
    """Analyse articles into `blocs/1` JSON (JSON Lines for .jsonl or several inputs)."""
    from .pipeline import analyze_many, budget_of, parse_date
    try:
        parse_date(published)
    except BlocsError as err:
        fail(str(err))
        raise typer.Exit(2)
    as_lines = len(inputs) > 1 or any(p.suffix.lower() in (".jsonl", ".ndjson") for p in inputs)
    items = list(_inputs(inputs))
    good = [x for x in items if not isinstance(x, BlocsError)]
    failures = 0
    results = {}
    with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err_console, transient=True,
                  disable=len(good) < 2 or not err_console.is_terminal and len(good) < 2) as bar:
        task = bar.add_task("analysing", total=len(good))
        for raw, result in zip(good, analyze_many(good, published=published, correct=not no_correct,
                                                          budget=budget_of(story_timeout))):
            results[id(raw)] = result
            bar.advance(task)
    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        for item in items:
            result = item if isinstance(item, BlocsError) else results[id(item)]
            if isinstance(result, BlocsError):
                failures += 1
                fail(str(result))
                continue
            data = result.model_dump(mode="json")
            if as_lines:
                out.write(json.dumps(data, ensure_ascii=False) + "\n")
            else:
                out.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    finally:
        if output:
            out.close()
    if failures:
        raise typer.Exit(1)


@app.command("eval")
def eval_cmd(
    gold: Path = typer.Argument(..., help="A blocs-gold/1 annotation."),
    analysis: Path = typer.Argument(..., help="A blocs/1 analysis of the same article."),
    raw: Optional[Path] = typer.Option(None, "--raw", help="The raw input, to count damage to protected names."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
):
    """Score an analysis against a hand annotation (the rules of FORMAT.md)."""
    from . import evaluate
    try:
        result = evaluate.score_files(gold, analysis, raw)
    except BlocsError as err:
        fail(str(err))
        raise typer.Exit(2)
    typer.echo(json.dumps(result, indent=1) if as_json else evaluate.table(result))


def _register_subcommands() -> None:
    from .kb.cli import app as kb_app
    from .report.cli import register as register_report
    from .store.cli import app as corpus_app
    app.add_typer(kb_app, name="kb")
    app.add_typer(corpus_app, name="corpus")
    register_report(app)


_register_subcommands()

if __name__ == "__main__":
    app()
