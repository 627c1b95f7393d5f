"""One reader for the data files shipped next to the code (lexicons, patterns, the KB).

YAML is read the 1.2 way: only `true`/`false` are booleans, so a word list may hold
"on", "off", "no" or "yes" (YAML 1.1 turns them into booleans, and a cue such as
`insist: on` silently stopped matching). Each file is checked against the shape every
lexicon shares: string keys; word lists of strings only; tables of rows. Stages that
need a tighter schema (the KB, the actors lexicon) validate on top of this.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Union

import yaml
from pydantic import BaseModel, RootModel, StrictBool, StrictFloat, StrictInt, StrictStr, ValidationError

from . import cache

_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DataLoader(_BASE):  # type: ignore[misc,valid-type]
    """A safe loader whose only booleans are true and false (YAML 1.2 core schema)."""


DataLoader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:bool"]
    for first, resolvers in _BASE.yaml_implicit_resolvers.items()
}
DataLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

Scalar = Union[StrictStr, StrictInt, StrictFloat, StrictBool, None]
Row = dict[StrictStr, Any]
# A value under a top-level key: a word list, a table of rows, a mapping, or one setting.
Entry = Union[list[StrictStr], list[Row], list[list[Any]], dict[Scalar, Any], Scalar]


class DataFile(RootModel[dict[StrictStr, Entry]]):
    """The shape every data file has: named word lists, tables and settings."""


class DataFileError(ValueError):
    """A shipped data file is malformed (a bug in the package, not user input)."""


LOADER = "yaml-1.2-core/1"  # names DataLoader's rules in the cache key: change it with them
CACHED_FROM = 4096  # texts this long are kept parsed in the cache folder (blocs.cache)


def parse(text: str) -> Any:
    """YAML text as Python data. A data file's parse is kept between processes (keyed by
    its text and the YAML library's version): unpickling is ~10x faster than parsing."""
    if len(text) < CACHED_FROM:
        return yaml.load(text, Loader=DataLoader)
    key = cache.digest(text, yaml.__version__, LOADER)
    return cache.cached("data", key, lambda: yaml.load(text, Loader=DataLoader))


def read(path: Path) -> Any:
    """A data file read and checked; a malformed one raises DataFileError naming it."""
    data = parse(path.read_text(encoding="utf-8"))
    return {} if data is None else validate(data, DataFile, path.name)


def validate(data: Any, model: type[BaseModel], source: str, error: type[ValueError] = DataFileError) -> Any:
    """`data` itself once it matches `model`; else `error` with one line naming the place and
    the first problem."""
    try:
        model.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        more = f" ({err.error_count()} problems)" if err.error_count() > 1 else ""
        raise error(f"{source}: {where}: {first['msg']}{more}") from None
    return data
