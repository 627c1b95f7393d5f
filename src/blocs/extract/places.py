"""Places (first cut): none yet."""
from __future__ import annotations


def resolve(ctx) -> None:
    ctx.index()
