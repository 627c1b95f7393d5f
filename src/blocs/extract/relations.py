"""Relations (first cut): none yet."""
from __future__ import annotations


def build(ctx, events) -> list:
    return []
