"""`blocs kb ...`: look into the knowledge base."""
from __future__ import annotations

import typer

app = typer.Typer(no_args_is_help=True, help="Look up names in the knowledge base.")
