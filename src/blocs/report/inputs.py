"""Analyses to report on: blocs/1 JSON files (one object or JSON Lines) or a corpus database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator, Optional

from pydantic import ValidationError

from ..errors import BlocsError
from ..records import FORMAT, Analysis


def _validate(data, subject: str) -> Analysis:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BlocsError("format", subject, detail=FORMAT)
    try:
        return Analysis.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise BlocsError("format", f"{subject}: {where}: {first['msg']}", detail=FORMAT) from None


def _read_text(path: Path) -> str:
    if path.is_dir():
        raise BlocsError("directory", str(path))
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BlocsError("missing", str(path)) from None
    except (OSError, UnicodeDecodeError) as err:
        raise BlocsError("unreadable", str(path), detail=str(err).splitlines()[0]) from None


def read_file(path: Path) -> Iterator[Analysis]:
    """One analysis object, a JSON array of them, or JSON Lines of them."""
    text = _read_text(path)
    if not text.strip():
        raise BlocsError("empty", str(path))
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        data = None
    if isinstance(data, list):
        for i, item in enumerate(data, 1):
            yield _validate(item, f"{path}: item {i}")
        return
    if data is not None:
        yield _validate(data, str(path))
        return
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as err:
            raise BlocsError("json", f"{path}: line {n}", detail=err.msg) from None
        yield _validate(item, f"{path}: line {n}")


def read_files(paths: Iterable[Path]) -> list[Analysis]:
    analyses = [a for path in paths for a in read_file(Path(path))]
    if not analyses:
        raise BlocsError("empty", ", ".join(str(p) for p in paths))
    return analyses


def read_db(
    path: Path, since: Optional[str] = None, until: Optional[str] = None, limit: Optional[int] = None
) -> list[Analysis]:
    """The stored analyses of a corpus (the whole blocs/1 JSON kept in `documents.analysis`)."""
    from ..store import schema

    con = schema.connect(path, read_only=True)
    try:
        where, params = [], []
        if since:
            where.append("published_date >= CAST(? AS DATE)")
            params.append(since)
        if until:
            where.append("published_date <= CAST(? AS DATE)")
            params.append(until)
        sql = "SELECT analysis FROM documents"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY published_date NULLS LAST, seq"
        if limit:
            sql += f" LIMIT {int(limit)}"
        rows = con.execute(sql, params).fetchall()
    finally:
        con.close()
    if not rows:
        raise BlocsError("empty", str(path))
    return [
        _validate(json.loads(row[0]) if isinstance(row[0], str) else row[0], f"{path}: stored analysis") for row in rows
    ]
