"""A large read-only word table that loads in milliseconds.

A dict of 321,000 words (wordfreq's English table) cost ~0.13 CPU s to unpickle in every
process, though cleaning a story asks about a few hundred words. `SortedTable` keeps the
keys as sorted UTF-8 byte strings, one numpy array per byte length, with the values in the
same order: unpickling it is a few array copies, and a look-up is one binary search among
the keys of the word's length (a few µs; the callers cache their answers). A process that
asks about many distinct words (OCR repair tries thousands of spellings per damaged text)
turns the arrays back into the dict after `WHOLE_AFTER` look-ups, once (~0.2 CPU s), and
answers from it from then on. It answers exactly what the dict answers, value types included.
"""

from __future__ import annotations

from typing import Optional, Union

import numpy as np

Number = Union[int, float]

WHOLE_AFTER = 30_000  # binary searches (~4 µs each) before the dict is rebuilt (which costs about as much as 50,000)


class SortedTable:
    """`table.get(key)` of a str -> number dict, from sorted arrays (see the module)."""

    def __init__(self, table: dict[str, Number]) -> None:
        by_length: dict[int, tuple[list[bytes], list[Number]]] = {}
        self.odd: dict[str, Number] = {}  # the empty key and keys with a NUL byte: numpy cannot hold them
        for key, value in table.items():
            data = key.encode("utf-8", "surrogatepass")
            if not data or b"\x00" in data:
                self.odd[key] = value
                continue
            keys, values = by_length.setdefault(len(data), ([], []))
            keys.append(data)
            values.append(value)
        self.parts: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        for length, (keys, values) in by_length.items():
            sorted_keys = np.array(keys, dtype=f"S{length}")
            order = np.argsort(sorted_keys, kind="stable")
            self.parts[length] = (sorted_keys[order], np.array(values)[order])
        self._start()

    def _start(self) -> None:
        self._asked = 0  # binary searches made in this process
        self._whole: Optional[dict[str, Number]] = None  # the dict, once rebuilt

    def __getstate__(self) -> dict:
        return {"odd": self.odd, "parts": self.parts}  # what is kept in the cache folder

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._start()

    def get(self, key: str, default: Optional[Number] = None) -> Optional[Number]:
        if self._whole is not None:
            return self._whole.get(key, default)
        self._asked += 1
        if self._asked > WHOLE_AFTER:
            self._whole = self.as_dict()
            return self._whole.get(key, default)
        data = key.encode("utf-8", "surrogatepass")
        part = self.parts.get(len(data))
        if part is None or b"\x00" in data:
            return self.odd.get(key, default)
        keys, values = part
        i = int(keys.searchsorted(data))
        return values[i].item() if i < len(keys) and keys[i] == data else default

    def as_dict(self) -> dict[str, Number]:
        """The table as the dict it was built from (the same keys and values)."""
        out = dict(self.odd)
        for keys, values in self.parts.values():
            out.update(zip((k.decode("utf-8", "surrogatepass") for k in keys.tolist()), values.tolist()))
        return out


def compact(table: dict[str, Number]) -> Union[SortedTable, dict[str, Number]]:
    """The table as a SortedTable when its values are all of one type (numpy holds them
    as that type, and gives the same Python number back), else the dict itself."""
    kinds = {type(v) for v in table.values()}
    if kinds == {int} and not all(-(2**63) <= v < 2**63 for v in table.values()):
        return table  # beyond numpy's int64
    return SortedTable(table) if kinds in ({int}, {float}) else table
