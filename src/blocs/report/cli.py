"""`blocs report`: one self-contained HTML report."""
from __future__ import annotations


def register(app) -> None:
    """Add the `report` command to the main app (filled in by the report stage)."""
