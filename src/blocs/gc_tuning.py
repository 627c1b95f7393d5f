"""The cyclic garbage collector, tuned for a process that analyses stories.

Python runs the collector after every 700 new container objects by default. Loading the
model and the tables and analysing a story make millions of objects that reference
counting frees by itself, so most runs found nothing, and every full run walked the
model, the KB and the tables again: about 5 % of the CPU of `blocs analyze`. What the
collector frees is the same either way, later; so is the output.
"""

from __future__ import annotations

import gc

THRESHOLD = 10_000  # new container objects between two young-generation runs (default 700)


def fewer_collections() -> None:
    """Run the collector a fourteenth as often; a caller's own higher threshold, or a
    collector turned off (threshold 0), is left alone."""
    first, *rest = gc.get_threshold()
    if 0 < first < THRESHOLD:
        gc.set_threshold(THRESHOLD, *rest)


def freeze_loaded() -> None:
    """Move every object alive now (the model, the KB, the tables loaded on first use) out of
    the collector's sight for good. No full collection first: it walked everything loaded
    (~0.1 CPU s per process) to free about a hundred objects left from loading, which the
    freeze now keeps (a few kilobytes, once per process)."""
    gc.freeze()
