"""The blocs command line: thin wrappers over the pipeline, no logic of its own."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from . import __version__
from .errors import BlocsError
from .gc_tuning import fewer_collections
from .store.cli import STORY_TIMEOUT_OPTION

fewer_collections()  # before the model and the tables load: see blocs.gc_tuning

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="blocs: actors, events, relations and blocs from geopolitical news text.",
)
err_console = Console(stderr=True)


def fail(message: str) -> None:
    typer.echo(f"blocs: {message}", err=True)


def _version(value: bool):
    if value:
        typer.echo(f"blocs {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
):
    """Who stands with whom, from the text itself."""


def warn(message: str) -> None:
    typer.echo(f"blocs: warning: {message}", err=True)


def _progress(total: int) -> Progress:
    """A progress bar on an interactive stderr for batches; nothing otherwise."""
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=total < 2 or not err_console.is_terminal,
    )


@app.command()
def analyze(
    inputs: List[Path] = typer.Argument(..., help="Articles: .txt, .html, .pdf, or .jsonl batches; - for stdin."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write here (default or -: stdout)."),
    published: Optional[str] = typer.Option(
        None, "--published", help="Publication date YYYY-MM-DD; overrides the article's own."
    ),
    no_correct: bool = typer.Option(False, "--no-correct", help="Do not correct OCR errors."),
    story_timeout: Optional[float] = STORY_TIMEOUT_OPTION,
    summary: bool = typer.Option(
        False, "--summary", help="Also print a readable summary (to stderr when the JSON goes to stdout)."
    ),
    explain: bool = typer.Option(
        False, "--explain", help="Print, on stderr, the rule that made each event, relation, quote and goal."
    ),
    verbose: bool = typer.Option(False, "-v", "--verbose", help="Log what the stages decide."),
    debug: bool = typer.Option(False, "--debug", help="Log everything, with a traceback for internal errors."),
):
    """Analyse articles into `blocs/1` JSON (JSON Lines for .jsonl or several inputs).

    Results are written as they are ready, to OUTPUT.partial, renamed to OUTPUT at the end:
    an interrupted run leaves an earlier OUTPUT intact and its finished results in OUTPUT.partial.
    """
    from . import ingest, log
    from .outfile import Output
    from .pipeline import analyze_many, budget_of, parse_date

    log.setup(verbose=verbose, debug=debug)
    to_stdout = output is None or str(output) == "-"
    try:
        parse_date(published)
        sink = Output(output)
    except BlocsError as err:
        fail(str(err))
        raise typer.Exit(2) from None
    as_lines = (
        len(inputs) > 1
        or any(p.suffix.lower() in (".jsonl", ".ndjson") for p in inputs)
        or (str(inputs[0]) == ingest.STDIN)
    )
    total = ingest.count_stories(inputs) if err_console.is_terminal else 0
    items = ingest.read_many(inputs, on_warning=warn)
    try:
        with _progress(total) as bar:
            task = bar.add_task("analysing", total=total)
            results = analyze_many(items, published=published, correct=not no_correct, budget=budget_of(story_timeout))
            failures = _write_results(
                results,
                sink,
                indent=None if as_lines else 1,
                on_each=lambda: bar.advance(task),
                explain=explain,
                summary=summary,
                to_stdout=to_stdout,
            )
        sink.commit()
    except BaseException as err:
        _abandon(sink, err)
        raise
    if failures:
        raise typer.Exit(1)


def _write_results(results, sink, *, indent, on_each, explain: bool, summary: bool, to_stdout: bool) -> int:
    """Write each analysis as soon as it is ready; a failed story is one line on stderr. Returns the failures."""
    from .explain import print_explanation
    from .summary import print_summaries

    failures = 0
    for result in results:
        on_each()
        if isinstance(result, BlocsError):
            failures += 1
            fail(str(result))
            continue
        sink.write(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=indent) + "\n")
        if explain:
            print_explanation(result, err_console)
        if summary:
            print_summaries([result], to_stderr=to_stdout)
    return failures


def _abandon(sink, err: BaseException) -> None:
    """A run that stops early keeps the earlier OUTPUT and says where the finished results are."""
    kept = sink.abandon()
    if isinstance(err, BlocsError):
        fail(str(err))
        raise typer.Exit(2) from None
    if isinstance(err, KeyboardInterrupt):
        fail("interrupted" + (f"; finished results are in {kept}" if kept else ""))
        raise typer.Exit(130) from None


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
        raise typer.Exit(2) from None
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
