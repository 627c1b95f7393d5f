"""Blocs (first cut): none yet."""
from __future__ import annotations


def partition(actor_keys, relations) -> list:
    return []
