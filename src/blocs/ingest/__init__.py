"""Ingest: files (.txt, .html, .pdf) and JSON Lines -> RawDocument.

`read(path)` yields RawDocuments, or raises BlocsError for a whole-file
problem; for .jsonl it yields a BlocsError in place of each bad line so the
good stories of the same file are still analysed.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator, Union

from ..context import RawDocument
from ..errors import BlocsError
from . import html as html_mod
from . import pdf as pdf_mod
from .text import decode, looks_binary, to_utf8

EXTENSIONS = {".txt": "txt", ".text": "txt", ".md": "txt", ".html": "html", ".htm": "html",
              ".pdf": "pdf", ".jsonl": "jsonl", ".ndjson": "jsonl"}


def _bytes(path: Path) -> bytes:
    if not path.exists():
        raise BlocsError("missing", str(path))
    if path.is_dir():
        raise BlocsError("directory", str(path))
    try:
        data = path.read_bytes()
    except OSError as err:
        raise BlocsError("unreadable", str(path), detail=err.strerror or str(err)) from None
    if not data.strip():
        raise BlocsError("empty", str(path))
    return data


def kind_of(path: Path) -> str:
    kind = EXTENSIONS.get(path.suffix.lower())
    if kind is None:
        raise BlocsError("extension", str(path), detail=path.suffix or "(none)")
    return kind


def read(path: Union[str, Path]) -> Iterator[Union[RawDocument, BlocsError]]:
    """RawDocuments from one input file; a whole-file problem raises BlocsError."""
    path = Path(path)
    if not path.exists():
        raise BlocsError("missing", str(path))
    if path.is_dir():
        raise BlocsError("directory", str(path))
    kind = kind_of(path)
    data = _bytes(path)
    if kind == "pdf":
        yield pdf_mod.read(data, str(path))
    elif kind == "html":
        yield html_mod.read(decode(data, str(path)), str(path))
    elif kind == "txt":
        yield RawDocument(text=decode(data, str(path)), source=str(path), kind="txt")
    else:
        yield from read_jsonl(data, str(path))


def read_jsonl(data: Union[bytes, str], source: str) -> Iterator[Union[RawDocument, BlocsError]]:
    """One story a line; a bad line yields its BlocsError and the others go on."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    data = to_utf8(data, source)
    if looks_binary(data):
        raise BlocsError("binary", source)
    stories = 0
    for n, raw_line in enumerate(data.split(b"\n"), 1):
        if not raw_line.strip():
            continue
        stories += 1
        try:
            line = raw_line.decode("utf-8-sig" if n == 1 else "utf-8")
            story = json.loads(line)
        except UnicodeDecodeError:
            yield BlocsError("jsonl-json", source, line=n, detail="not UTF-8")
            continue
        except json.JSONDecodeError as err:
            yield BlocsError("jsonl-json", source, line=n, detail=err.msg)
            continue
        yield _story(story, source, n)
    if not stories:
        raise BlocsError("empty", source)


def _story(story, source: str, n: int) -> Union[RawDocument, BlocsError]:
    if not isinstance(story, dict) or not isinstance(story.get("text"), str):
        return BlocsError("jsonl-text", source, line=n)
    sid = story.get("id", f"{Path(source).stem}-{n}")
    if not isinstance(sid, (str, int)) or isinstance(sid, bool):
        return BlocsError("jsonl-id", source, line=n)
    meta, sources = {"id": str(sid)}, {"id": "input"}
    for key in ("title", "author", "published", "site"):
        if isinstance(story.get(key), (str, int)) and not isinstance(story[key], bool) and str(story[key]).strip():
            meta[key], sources[key] = str(story[key]).strip(), "input"
    return RawDocument(text=story["text"], source=str(story.get("source") or f"{source}:{n}"),
                       kind="jsonl", meta=meta, meta_sources=sources)
