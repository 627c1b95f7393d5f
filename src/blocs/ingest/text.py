"""Bytes -> str for text inputs, in whatever common encoding they came in."""
from __future__ import annotations

from charset_normalizer import from_bytes

from ..errors import BlocsError


def looks_binary(data: bytes) -> bool:
    head = data[:4096]
    return b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff"))


def decode(data: bytes, source: str) -> str:
    if looks_binary(data):
        raise BlocsError("binary", source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise BlocsError("undecodable", source, detail="no text encoding fits")
    return str(best)
