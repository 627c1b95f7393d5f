"""The collector is run less often, never against the caller's own setting."""

from __future__ import annotations

import gc

import pytest

from blocs import gc_tuning


@pytest.fixture
def threshold():
    saved = gc.get_threshold()
    yield
    gc.set_threshold(*saved)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ((700, 10, 10), (gc_tuning.THRESHOLD, 10, 10)),  # Python's default: raised
        ((50_000, 5, 5), (50_000, 5, 5)),  # the caller's higher setting: kept
        ((0, 10, 10), (0, 10, 10)),  # the collector turned off: kept off
    ],
)
def test_fewer_collections(threshold, before, after):
    gc.set_threshold(*before)
    gc_tuning.fewer_collections()
    assert gc.get_threshold() == after
