"""quotes: not yet extracted (first cut)."""
from __future__ import annotations


def extract(ctx, *args) -> list:
    return []
