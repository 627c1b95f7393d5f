"""Run the analysis on a Dask cluster; results come back here to be stored.

Workers need blocs installed (same version); each loads spaCy once, on its
first batch, and keeps it (`blocs.nlp.load` is cached per process). Batches
are plain dicts in and `blocs/1` JSON dicts out, so nothing but the story
text and the analysis crosses the network. See docs/cluster.md.
"""

from __future__ import annotations

from ..context import RawDocument
from ..errors import BlocsError
from .ingest import analyze_payload


class DaskRunner:
    """Submit batches to a Dask scheduler; a batch's future gives (hash, JSON or error) per story."""

    def __init__(self, address: str, correct: bool = True, timeout: str = "20s", story_timeout=None):
        try:
            from distributed import Client
        except ImportError as err:  # dask[distributed] is a dependency, but say so plainly if missing
            raise BlocsError("dask", address, detail=str(err)) from None
        self.correct, self.story_timeout = correct, story_timeout
        try:
            self.client = Client(address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as err:
            raise BlocsError(
                "dask", address, detail=str(err).splitlines()[0] if str(err) else type(err).__name__
            ) from None
        threads = sum(self.client.nthreads().values()) or 1
        self.slots = threads * 2

    def submit(self, payload: list[dict], raws: list[RawDocument]):
        return self.client.submit(analyze_payload, payload, self.correct, self.story_timeout, pure=False)

    def close(self) -> None:
        self.client.close()
