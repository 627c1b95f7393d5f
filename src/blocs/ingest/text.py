"""Bytes -> str for text inputs, in whatever common encoding they came in.

UTF-8 (with or without BOM) first; a file that is mostly UTF-8 with a few broken
bytes is read as UTF-8 and the replaced bytes reported; otherwise charset-normalizer
guesses, and among equally clean guesses the Western code page wins: blocs reads
English news, whose non-ASCII letters are mostly Western European names. A
guess that reads as noise is refused.
"""

from __future__ import annotations

from typing import Optional

from charset_normalizer import from_bytes

from ..errors import BlocsError

MAGIC = (
    b"%PDF",
    b"PK\x03\x04",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"\x1f\x8b",
    b"BZh",
    b"\x7fELF",
    b"MZ",
    b"\xd0\xcf\x11\xe0",
    b"7z\xbc\xaf",
    b"Rar!",
    b"OggS",
    b"ID3",
    b"RIFF",
    b"SQLite format",
)
WESTERN = ("utf_8", "cp1252", "latin_1", "iso8859_15")
BOMS = (b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")
# charset-normalizer's "chaos" is the share of its reading that looks like noise; above this the
# guess is not trusted (its own cut-off for listing a guess at all is 0.2).
CONFIDENT_CHAOS = 0.1


def looks_binary(data: bytes) -> bool:
    """A known binary signature, or NUL bytes in a file without a UTF-16/32 BOM."""
    head = data[:4096]
    if head.startswith(MAGIC):
        return True
    if head.startswith(BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(head) * 0.05


def wide_encoding(data: bytes) -> Optional[str]:
    """UTF-16/32 named by a BOM, or UTF-16 without one (every other byte NUL in ASCII-rich
    text): Windows tools (PowerShell's `>`, Notepad's "Unicode") write files so."""
    for bom, codec in (
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return codec
    head = data[:4096]
    half = len(head) // 2
    if half < 2:
        return None
    even, odd = head[0::2].count(0) / half, head[1::2].count(0) / half
    if odd > 0.4 and even < 0.02:
        return "utf-16-le"
    if even > 0.4 and odd < 0.02:
        return "utf-16-be"
    return None


def to_utf8(data: bytes, source: str) -> bytes:
    """Wide-encoded bytes re-encoded as UTF-8, so that line-based readers (JSONL) see text."""
    codec = None if data[:16].startswith(MAGIC) else wide_encoding(data)
    if codec is None:
        return data
    try:
        return data.decode(codec).lstrip("\ufeff").encode("utf-8")
    except UnicodeDecodeError:
        raise BlocsError("undecodable", source, detail=f"broken {codec.upper()}") from None


def decode(data: bytes, source: str) -> str:
    return decode_noting(data, source)[0]


def decode_noting(data: bytes, source: str) -> tuple[str, Optional[str]]:
    """The text, and a warning when some bytes had to be replaced to read it."""
    data = to_utf8(data, source)
    if looks_binary(data):
        raise BlocsError("binary", source)
    try:
        text, warning = data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        text, warning = _guess(data, source)
    if not text.strip():
        raise BlocsError("empty", source)
    return text, warning


def utf8_profile(data: bytes) -> tuple[str, int, int]:
    """The bytes read as UTF-8 with U+FFFD for what is not, the number of bytes replaced,
    and the number of well-formed non-ASCII characters (evidence that the file is UTF-8)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    good = sum(1 for ch in text if ch > "\x7f" and ch != "\ufffd")
    return text, bad, good


def _guess(data: bytes, source: str) -> tuple[str, Optional[str]]:
    """Not UTF-8 throughout. A file that is mostly well-formed UTF-8 is read so, its broken bytes
    replaced and reported; otherwise charset-normalizer must be confident (little noise in its
    best reading) or the file is refused, never turned silently into mojibake."""
    text, bad, good = utf8_profile(data)
    if good > bad:
        return text, f"{bad} byte{'s' * (bad != 1)} not valid UTF-8, replaced with U+FFFD"
    matches = list(from_bytes(data))
    if not matches:
        raise BlocsError("undecodable", source, detail="no common text encoding fits")
    best = matches[0]
    for m in matches:
        if m.encoding in WESTERN and m.chaos <= best.chaos + 0.01:
            best = m
            break
    if best.chaos > CONFIDENT_CHAOS:
        raise BlocsError(
            "undecodable",
            source,
            detail=f"not UTF-8, and the best guess ({best.encoding}) reads as {best.chaos:.0%} noise",
        )
    return str(best), None
