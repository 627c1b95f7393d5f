"""Stance (first cut): none yet."""
from __future__ import annotations


def classify(ctx) -> tuple[list[str], list[str]]:
    return [], []
