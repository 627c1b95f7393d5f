"""User-facing errors: one catalogue, one line each.

Every failure a user can cause raises `BlocsError(code, subject, **detail)`;
the CLI prints `blocs: <subject>: <message>` and exits non-zero, never a traceback.
A `BlocsWarning` (the story goes on) is printed `blocs: warning: <subject>: <message>`.
"""

from __future__ import annotations

MESSAGES = {
    "missing": "no such file",
    "directory": "is a directory, not a file",
    "empty": "is empty",
    "binary": "looks like a binary file, not text",
    "undecodable": "cannot be decoded as text ({detail})",
    "extension": "unknown input type '{detail}' (use .txt, .html, .htm, .pdf or .jsonl)",
    "pdf": "cannot read PDF ({detail})",
    "jsonl-json": "line {line}: not valid JSON ({detail})",
    "jsonl-text": "line {line}: story has no 'text' string",
    "jsonl-id": "line {line}: story 'id' must be a string or number",
    "date": "cannot read date '{detail}' (use YYYY-MM-DD)",
    "json": "not a valid JSON file ({detail})",
    "format": "not a {detail} document",
    "other-format": "is {detail}, not {want}",
    "malformed": "cannot be scored: an item is malformed ({detail})",
    "not-duckdb": "is not a DuckDB database",
    "export-exists": "already exists and is not a directory (parquet export writes a directory, one file per table)",
    "db": "cannot open database ({detail})",
    "unreadable": "cannot be read ({detail})",
    "no-text": "has no text after cleaning",
    "too-long": "is too long to analyse ({detail})",
    "dask": "cannot use the Dask cluster ({detail})",
    "window": "unknown time window '{detail}' (use week, month, year or all)",
    "export-format": "unknown export format '{detail}' (use jsonl, plover-csv, parquet, graphml, gexf or geojson)",
    "report-input": "give blocs/1 ANALYSIS files or --db CORPUS (one of the two)",
    "write": "cannot write ({detail})",
    "no-directory": "cannot write: directory {detail} does not exist",
    "unknown-name": "not in the knowledge base",
    "timeout": "timed out after {detail} s",
    "internal": "analysis failed ({detail}); please report this",
}


WARNINGS = {
    "replaced-bytes": "{detail}",
    "published": "'published' {detail} is not a date; the story is analysed without one",
    "duplicate-id": "story id '{detail}' was already used in this run (both stories are kept)",
    "surrogates": "{detail} lone UTF-16 surrogate escapes replaced with U+FFFD",
}


class BlocsWarning:
    """Something the user should know that does not stop the story; `str()` is the one-line message."""

    def __init__(self, code: str, subject: str, **detail):
        self.code, self.subject, self.detail = code, subject, detail
        self.message = f"{subject}: {WARNINGS[code].format(**{'detail': '', **detail})}"

    def __str__(self) -> str:
        return self.message


class BlocsError(Exception):
    """An error the user can act on; `str()` is the whole one-line message."""

    def __init__(self, code: str, subject: str, **detail):
        self.code, self.subject, self.detail = code, subject, detail
        msg = MESSAGES[code].format(**{"detail": "", "line": "", **detail})
        super().__init__(f"{subject}: {msg}")
