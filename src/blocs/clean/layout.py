"""Layout repair: wrapped lines joined, paragraphs and headings kept."""
from __future__ import annotations

import re

import ftfy


def repair(text: str) -> str:
    text = ftfy.fix_text(text, uncurl_quotes=False, fix_character_width=False)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    paragraphs = re.split(r"\n\s*\n", text)
    out = []
    for para in paragraphs:
        lines = [ln.strip() for ln in para.split("\n") if ln.strip()]
        if lines:
            out.append(" ".join(lines))
    return "\n\n".join(out) + "\n"
