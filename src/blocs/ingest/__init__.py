"""Ingest: files (.txt, .html, .pdf), JSON Lines and stdin -> RawDocument.

`read(path)` yields RawDocuments, or raises BlocsError for a whole-file
problem; for .jsonl it yields a BlocsError in place of each bad line so the
good stories of the same file are still analysed. JSON Lines are read a line
at a time, never whole, so a batch of any size costs the memory of one story.
`read_many` is what the commands use: several inputs, `-` for stdin, whole-file
errors in place, warnings passed on, repeated story ids noticed.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator, Optional, Union, cast

from ..context import RawDocument
from ..errors import BlocsError, BlocsWarning
from . import html as html_mod
from . import pdf as pdf_mod
from .text import decode_noting, looks_binary, to_utf8, wide_encoding

EXTENSIONS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
STDIN = "-"
HEAD = 4096  # bytes looked at to tell binary or wide-encoded input


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
    if kind == "jsonl":
        yield from read_jsonl_file(path)
        return
    data = _bytes(path)
    if kind == "pdf":
        yield pdf_mod.read(data, str(path))
        return
    text, warning = decode_noting(data, str(path))
    doc = html_mod.read(text, str(path)) if kind == "html" else RawDocument(text=text, source=str(path), kind="txt")
    if warning:
        doc.warnings.append(str(BlocsWarning("replaced-bytes", str(path), detail=warning)))
    yield doc


def read_jsonl(data: Union[bytes, str], source: str) -> Iterator[Union[RawDocument, BlocsError]]:
    """One story a line (from bytes in memory); a bad line yields its BlocsError and the others go on."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    data = to_utf8(data, source)
    if looks_binary(data):
        raise BlocsError("binary", source)
    yield from _stories(iter(data.split(b"\n")), source)


def read_jsonl_file(path: Path) -> Iterator[Union[RawDocument, BlocsError]]:
    """One story a line, read lazily from the file."""
    try:
        with open(path, "rb") as fh:
            yield from _jsonl_stream(fh, str(path))
    except OSError as err:
        raise BlocsError("unreadable", str(path), detail=err.strerror or str(err)) from None


def _jsonl_stream(fh: BinaryIO, source: str) -> Iterator[Union[RawDocument, BlocsError]]:
    head = fh.read(HEAD)
    if wide_encoding(head):  # UTF-16/32 (rare): re-encoded whole, as lines cannot be split in bytes
        yield from read_jsonl(head + fh.read(), source)
        return
    if looks_binary(head):
        raise BlocsError("binary", source)
    first = head + fh.readline()  # finish the line the head ended in
    lines = first.split(b"\n")
    yield from _stories(_chain(lines, fh), source)


def _chain(lines: list[bytes], fh: BinaryIO) -> Iterator[bytes]:
    """The lines of the head already read, then the rest of the file a line at a time."""
    yield from lines[:-1]
    rest = lines[-1]
    for line in fh:
        if rest:
            line, rest = rest + line, b""
        yield line.rstrip(b"\n")
    if rest:
        yield rest


def _stories(lines: Iterator[bytes], source: str) -> Iterator[Union[RawDocument, BlocsError]]:
    stories = 0
    for n, raw_line in enumerate(lines, 1):
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
        except RecursionError:
            yield BlocsError("jsonl-json", source, line=n, detail="nested too deeply")
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
    text, lone = _without_lone_surrogates(story["text"])
    for key, value in meta.items():
        meta[key], more = _without_lone_surrogates(value)
        lone += more
    doc = RawDocument(
        text=text, source=str(story.get("source") or f"{source}:{n}"), kind="jsonl", meta=meta, meta_sources=sources
    )
    if lone:
        doc.warnings.append(str(BlocsWarning("surrogates", doc.source, detail=lone)))
    _check_published(doc, story.get("published"), meta["id"])
    return doc


LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_lone_surrogates(value: str) -> tuple[str, int]:
    """JSON may escape half a UTF-16 pair (\\ud800), which no UTF-8 text can hold: U+FFFD instead."""
    if value.isascii():
        return value, 0
    return LONE_SURROGATE.subn("\ufffd", value)


def _check_published(doc: RawDocument, value, sid: str) -> None:
    """A `published` field that is there but is no calendar day: say so, naming the story (it goes on undated)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return
    from ..clean.metadata import normalize_date

    if isinstance(value, bool) or not isinstance(value, (str, int)) or normalize_date(value) is None:
        shown = json.dumps(value, ensure_ascii=False)
        doc.warnings.append(str(BlocsWarning("published", sid, detail=shown[:60])))


# -- several inputs ------------------------------------------------------------


def read_stdin(stream: Optional[BinaryIO] = None) -> Iterator[Union[RawDocument, BlocsError]]:
    """`-`: JSON Lines if the input starts with `{`, read a line at a time; otherwise one text."""
    fh = stream or sys.stdin.buffer
    head = fh.read(HEAD)
    if head.lstrip()[:1] == b"{":
        yield from _jsonl_stream(cast(BinaryIO, _Prefixed(head, fh)), "stdin")
        return
    data = head + fh.read()
    if not data.strip():
        raise BlocsError("empty", "stdin")
    text, warning = decode_noting(data, "stdin")
    doc = RawDocument(text=text, source="stdin", kind="txt")
    if warning:
        doc.warnings.append(str(BlocsWarning("replaced-bytes", "stdin", detail=warning)))
    yield doc


class _Prefixed:
    """A binary stream with bytes already read put back in front of it."""

    def __init__(self, head: bytes, fh: BinaryIO):
        self.head, self.fh = head, fh

    def read(self, size: int = -1) -> bytes:
        if size < 0:
            data, self.head = self.head + self.fh.read(), b""
            return data
        data, self.head = self.head[:size], self.head[size:]
        return data + (self.fh.read(size - len(data)) if len(data) < size else b"")

    def readline(self) -> bytes:
        if b"\n" in self.head:
            line, self.head = self.head.split(b"\n", 1)
            return line + b"\n"
        data, self.head = self.head + self.fh.readline(), b""
        return data

    def __iter__(self):
        while True:
            line = self.readline()
            if not line:
                return
            yield line


def read_many(
    paths: Iterable[Union[str, Path]], on_warning: Optional[Callable[[str], None]] = None
) -> Iterator[Union[RawDocument, BlocsError]]:
    """Every story of every input, in order; a whole-file problem yields its BlocsError in place.

    Warnings (replaced bytes, a `published` that is no date, a story id used
    twice in the run) go to `on_warning` as the story is read; the story goes on.
    """
    seen_ids: set[int] = set()  # hashes of explicit ids: a few bytes each, not the ids
    for path in paths:
        try:
            stories = read_stdin() if str(path) == STDIN else read(path)
            for item in stories:
                if isinstance(item, RawDocument):
                    _note_repeated_id(item, seen_ids)
                    for warning in item.warnings:
                        if on_warning:
                            on_warning(warning)
                yield item
        except BlocsError as err:
            yield err


def _note_repeated_id(doc: RawDocument, seen: set[int]) -> None:
    if doc.meta_sources.get("id") != "input":
        return
    key = hash(doc.meta["id"])
    if key in seen:
        doc.warnings.append(str(BlocsWarning("duplicate-id", doc.source, detail=doc.meta["id"])))
    seen.add(key)


def count_stories(paths: Iterable[Union[str, Path]]) -> int:
    """A cheap estimate of the number of stories, for progress bars (stdin counts as one)."""
    total = 0
    for path in paths:
        path = Path(path)
        if path.suffix.lower() in (".jsonl", ".ndjson") and path.is_file():
            with open(path, "rb") as fh:
                total += sum(1 for line in fh if line.strip())
        else:
            total += 1
    return total
