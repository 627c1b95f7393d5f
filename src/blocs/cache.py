"""Tables built from shipped data, kept between processes in the user's cache folder.

Each process used to rebuild the same tables at start-up (YAML parsed, KB names
tokenised, the word-frequency table unpacked). A table here is a pure function of
the inputs named in its key (the data file's bytes, the versions of the libraries
that build it), so a changed input builds it afresh under a new name; nothing is
fetched, ever. The folder is `$BLOCS_CACHE_DIR`, else `$XDG_CACHE_HOME/blocs`, else
`~/.cache/blocs`; `BLOCS_CACHE_DIR=""` turns the cache off. A cache that cannot be
read or written is ignored: the table is built as before.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Callable, Optional, TypeVar

T = TypeVar("T")

FORMAT = "1"  # bump when the layout of a cached table changes


def directory() -> Optional[Path]:
    """Where tables are kept, or None when the cache is off."""
    chosen = os.environ.get("BLOCS_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "blocs"


def digest(*parts: object) -> str:
    """A short hash of the inputs a table is built from (bytes, or anything with a str)."""
    h = hashlib.sha1(FORMAT.encode())
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()[:24]


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """The table `name` built from the inputs hashed in `key`: read from the cache folder
    when there, else built by `build()` and stored for the next process."""
    folder = directory()
    if folder is None:
        return build()
    path = folder / f"{name}-{key}.pickle"
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except Exception:  # absent, unreadable or half-written: build it
        pass
    value = build()
    _store(path, value)
    return value


def _store(path: Path, value: object) -> None:
    """Write atomically (a temporary file renamed), so a reader never sees half a table."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except Exception:  # a full disk, a read-only home, an unpicklable value: no cache, same answer
        pass
