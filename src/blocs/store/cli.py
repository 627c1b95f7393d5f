"""`blocs corpus ...`: store analyses in DuckDB, aggregate and export."""
from __future__ import annotations

import typer

app = typer.Typer(no_args_is_help=True, help="Store, aggregate and export a corpus of analyses.")
