"""Hit: one stretch of tokens that may name an actor, and HitList: the article's hits with
per-token look-ups ("which hits cover token i", "which start or end there").

The passes ask such questions at every token; answering them by scanning every hit made
the stage quadratic in article length. HitList keeps the answers up to date as hits are
added, grown or shrunk, so each look-up costs the few hits that touch one token.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Optional

_POSITION = ("start", "end")


@dataclass(init=False)
class Hit:
    """One stretch of tokens that may name an actor, before and after resolution."""

    start: int
    end: int
    source: str  # kb | group | ner | militia | role | drop
    kind: str
    key: Optional[str] = None
    cands: list = field(default_factory=list)  # kb: (surface, key, kind)
    label: str = ""  # NER label or generic group
    strong_state: Optional[str] = None  # the state a phrase binds to ("Syrian rebels")

    def __init__(
        self,
        start: int,
        end: int,
        source: str,
        kind: str,
        key: Optional[str] = None,
        cands: Optional[list] = None,
        label: str = "",
        strong_state: Optional[str] = None,
    ) -> None:
        # the fields go straight into __dict__: __setattr__ is for moving a hit a HitList has
        # filed (a new hit is filed by HitList.append), and a Python call per field of every
        # new hit was most of its calls
        fields = self.__dict__
        fields["start"], fields["end"], fields["source"], fields["kind"] = start, end, source, kind
        fields["key"], fields["cands"] = key, [] if cands is None else cands
        fields["label"], fields["strong_state"] = label, strong_state

    def __setattr__(self, name: str, value) -> None:
        index = self.__dict__.get("_index") if name in _POSITION else None
        if index is None:
            object.__setattr__(self, name, value)
            return
        index._forget(self)
        object.__setattr__(self, name, value)
        index._file(self)

    @property
    def size(self) -> int:
        return self.end - self.start


class HitList(list):
    """The article's hits in a list, filed by token: covering, starting at and ending at.

    Dropped hits stay filed (passes filter on `source`); only positions are indexed.
    """

    def __init__(self, n_tokens: int, hits: Iterable[Hit] = ()):
        super().__init__()
        self._n = n_tokens
        self._at: dict[int, list[Hit]] = defaultdict(list)  # only tokens some hit holds
        self._starting: dict[int, list[Hit]] = defaultdict(list)
        self._ending: dict[int, list[Hit]] = defaultdict(list)
        for h in hits:
            self.append(h)

    def append(self, h: Hit) -> None:  # type: ignore[override]
        super().append(h)
        self._file(h)
        object.__setattr__(h, "_index", self)

    def _file(self, h: Hit) -> None:
        for i in range(max(h.start, 0), min(h.end, self._n)):
            self._at[i].append(h)
        self._starting[h.start].append(h)
        self._ending[h.end].append(h)

    def _forget(self, h: Hit) -> None:
        for i in range(max(h.start, 0), min(h.end, self._n)):
            self._at[i] = [o for o in self._at.get(i, ()) if o is not h]
        self._starting[h.start] = [o for o in self._starting[h.start] if o is not h]
        self._ending[h.end] = [o for o in self._ending[h.end] if o is not h]

    def covering(self, i: int) -> list[Hit]:
        """Hits (dropped ones too) that hold token i."""
        return self._at.get(i, [])

    def overlapping(self, start: int, end: int) -> Iterator[Hit]:
        """Hits that hold any token of [start, end), each once, in no set order."""
        seen: set[int] = set()
        for i in range(max(start, 0), min(end, self._n)):
            for h in self._at.get(i, ()):
                if id(h) not in seen:
                    seen.add(id(h))
                    yield h

    def starting(self, i: int) -> list[Hit]:
        return self._starting.get(i, [])

    def ending(self, i: int) -> list[Hit]:
        return self._ending.get(i, [])
