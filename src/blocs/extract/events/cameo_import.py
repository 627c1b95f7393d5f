"""Build data/plover_cameo.yaml from PETRARCH-2's CAMEO verb dictionary (a dev tool, never run by blocs).

    python -m blocs.extract.events.cameo_import CAMEO.2.0.txt > src/blocs/extract/data/plover_cameo.yaml

Source: openeventdata/petrarch2, petrarch2/data/dictionaries/CAMEO.2.0.txt (MIT licence,
Open Event Data Alliance, last update 30 April 2015). Each verb block lists synonym verbs and
patterns `- <pre> * <post> [code]`: bare words after `*` are a particle or the object's head,
`{A B}` a compound object, `(PREP WORD)` a prepositional phrase, `&SET` a synonym set, `$` and
`+` the source and target slots. Codes become PLOVER 2.0 categories with `plover_type` below,
which follows CAMEO2PLOVER-2021.txt (openeventdata/PLOVER, PLOVER manual draft 0.8).
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any, Optional

PARTICLES = frozenset("out up down off back over away in on forward aside around through along".split())
PREPS = frozenset(
    "to for with against into on in at from by of over toward towards under about "
    "between upon among across behind before after as near off out".split()
)
ROOTS = {
    "02": "REQUEST",
    "03": "AGREE",
    "04": "CONSULT",
    "05": "SUPPORT",
    "06": "COOPERATE",
    "07": "AID",
    "09": "ACCUSE",
    "10": "REQUEST",
    "11": "ACCUSE",
    "12": "REJECT",
    "13": "THREATEN",
    "14": "PROTEST",
    "15": "MOBILIZE",
    "16": "SANCTION",
    "17": "COERCE",
    "18": "ASSAULT",
    "19": "ASSAULT",
    "20": "ASSAULT",
}


def plover_type(code: str) -> Optional[str]:
    """A CAMEO code ("0231", "042:043", "[---]") as a PLOVER 2.0 category, or None (01 statements, ---)."""
    code = code.strip("[] ").split(":")[0].strip()  # "042:043": the first (active-voice) code; ":173" none
    if not code.isdigit() or len(code) < 2:
        return None
    if code[:2] == "08":
        if code[:3] >= "084":
            return "RETREAT"
        return "CONCEDE"
    if code[:3] == "163" or code[:3] in ("191", "192"):
        return "COERCE"
    if code[:4] == "1712" or code[:3] == "175":
        return "ASSAULT"
    return ROOTS.get(code[:2])


def _word(raw: str) -> str:
    return raw.strip("_").replace("_", " ").lower()


def _read_sets(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    name: Optional[str] = None
    for line in lines:
        line = line.split("#")[0].rstrip()
        if line.startswith("&"):
            name = line.strip()
            sets[name] = []
        elif line.startswith("+") and name:
            sets[name].append(_word(line[1:].split()[0]))
        elif not line.strip():
            name = None
    return sets


TOKEN = re.compile(r"\([^)]*\)|\{[^}]*\}|\S+")


def _heads(tok: str, sets: dict) -> tuple[list[str], list[str]]:
    """(head words, modifier words) of one object token: WORD, {A B} or &SET."""
    if tok.startswith("{"):
        words = [_word(w) for w in tok.strip("{}").split()]
        words = [w for w in words if w]
        if not words:
            return [], []
        last = words[-1]
        heads = sets.get(last.upper(), [last]) if last.startswith("&") else [last]
        mods = [m for w in words[:-1] for m in (sets.get(w.upper(), []) if w.startswith("&") else [w])]
        return [h.split()[-1] for h in heads], [m.split()[-1] for m in mods]
    if tok.startswith("&"):
        return [h.split()[-1] for h in sets.get(tok, [])], []
    return [_word(tok)], []


def parse_pattern(body: str, sets: dict) -> Optional[dict]:
    """One `- pre * post` pattern as slots: prt, obj (+mods), prep, pobj, and where source/target sit."""
    if "*" not in body:
        return None
    pre, post = body.split("*", 1)
    subject_class = any(tok not in ("$", "+", "^", "%") for tok in TOKEN.findall(pre))
    out: dict = {}
    if "+" in pre.split():
        out["target"] = "subject"
    for tok in TOKEN.findall(post):
        if tok in ("$", "+", "^", "%"):
            if tok == "+" and "obj" in out:
                out.setdefault("target", "object")
            continue
        if tok.startswith("("):
            inner = TOKEN.findall(tok[1:-1])
            if not inner or "prep" in out:
                continue
            prep = _word(inner[0])
            if prep not in PREPS:
                continue
            out["prep"] = prep
            rest = [w for w in inner[1:] if w not in ("^",)]
            if "+" in rest:
                out["target"] = "prep"
            if "$" in rest:
                out["source"] = "prep"
            rest = [w for w in rest if w not in ("+", "$")]
            if rest:
                heads, _ = _heads(rest[-1], sets)
                if heads:
                    out["pobj"] = sorted(set(heads))
            continue
        if (
            "obj" not in out
            and "prep" not in out
            and _word(tok) in PREPS - PARTICLES
            and not tok.startswith(("{", "&"))
        ):
            out["prep"] = _word(tok)  # "- * AGAINST": a bare preposition on the verb
            continue
        if "obj" not in out and "prt" not in out and _word(tok) in PARTICLES and not tok.startswith(("{", "&")):
            out["prt"] = _word(tok)
            continue
        if "obj" in out or "prep" in out:
            continue
        heads, mods = _heads(tok, sets)
        if heads:
            out["obj"] = sorted(set(heads))
            if mods:
                out["mods"] = sorted(set(mods))
    if subject_class and "obj" not in out and "pobj" not in out:
        return None  # "- &REFUGEE FROM + * IN $": blocs does not check the subject's class, and a particle alone is too weak
    return out if ("obj" in out or "prep" in out or "prt" in out) else None


VERB_LINE = re.compile(r"^(\+?)([A-Z][A-Z_'-]*)\s*(?:\{[^}]*\})?\s*(\[[^\]]*\])?")


def parse(text: str) -> list[dict]:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if "VERB PATTERNS" in line)
    sets = _read_sets(lines[:start])
    blocks: list[dict[str, Any]] = []
    block: Optional[dict[str, Any]] = None
    for line in lines[start + 1 :]:
        body = line.split("#")[0].rstrip()
        if body.startswith("---"):
            parts = body.split()
            block = {
                "name": parts[1].lower(),
                "default": plover_type(parts[2]) if len(parts) > 2 else None,
                "verbs": {},
                "patterns": [],
            }
            blocks.append(block)
        elif block is None or not body.strip():
            continue
        elif body.startswith("-"):
            code = re.search(r"\[([^\]]*)\]", body)
            pattern = parse_pattern(re.sub(r"\[[^\]]*\]", "", body[1:]), sets) if code else None
            if (
                pattern is not None
                and "prep" in pattern
                and "pobj" not in pattern
                and "obj" not in pattern
                and pattern["prep"] != "against"
            ):
                pattern = None  # "- * (TO)": a bare preposition says too little to type the verb
            if pattern is not None and code is not None:  # a pattern is only read with its code
                # the comment names the verb the pattern was found with ("# STAGE"): only that verb
                found = line.split("#", 1)[1].split() if "#" in line else []
                pattern["verb"] = _word(found[0]) if found else None
                pattern["type"] = plover_type(code.group(1))
                pattern["cameo"] = code.group(1).strip()
                block["patterns"].append(pattern)
        else:
            m = VERB_LINE.match(body.strip())
            if m:
                words = _word(m.group(2)).split()
                verb = words[0]
                if len(words) > 1:  # "+ASK_FOR [020]": a verb with its particle or preposition
                    slot = "prep" if words[1] in PREPS - PARTICLES else "prt"
                    block["patterns"].append(
                        {
                            slot: words[1],
                            "type": plover_type(m.group(3) or block["default"] or ""),
                            "cameo": (m.group(3) or "").strip("[]"),
                        }
                    )
                else:
                    own = plover_type(m.group(3)) if m.group(3) else block["default"]
                    block["verbs"].setdefault(verb, own)
    return blocks


def _flow(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if value is None:
        return "null"
    s = str(value)
    return (
        s
        if re.fullmatch(r"[a-z][a-z0-9 '-]*", s) and s not in ("on", "off", "yes", "no", "null", "true", "false")
        else '"' + s.replace('"', '\\"') + '"'
    )


def dump(blocks: list[dict]) -> str:
    """One flow mapping per (verb, pattern); a pattern whose comment names no verb of its block
    is expanded to every verb of the block (PETRARCH's synonym sets)."""
    out, seen = [HEADER, "patterns:"], set()
    keys = ["prt", "obj", "mods", "prep", "pobj", "source", "target", "type", "cameo"]
    for b in blocks:
        for p in b["patterns"]:
            verbs = [p["verb"]] if p.get("verb") in b["verbs"] else list(b["verbs"])
            for verb in verbs:  # JSON flow mappings: valid YAML, and loaded line by line with json (fast)
                line = "- " + json.dumps({"verb": verb, **{k: p[k] for k in keys if k in p}}, ensure_ascii=False)
                if line not in seen:
                    seen.add(line)
                    out.append(line)
    return "\n".join(out) + "\n"


HEADER = """\
# CAMEO verb patterns with argument slots, as PLOVER 2.0 categories. GENERATED: do not edit by hand.
# Made by `python -m blocs.extract.events.cameo_import CAMEO.2.0.txt` (see that module).
# Source: PETRARCH-2's CAMEO verb dictionary, openeventdata/petrarch2,
#   petrarch2/data/dictionaries/CAMEO.2.0.txt (MIT licence, Open Event Data Alliance; composite of
#   the TABARI CAMEO dictionaries and WordNet synonym sets; last update 30 April 2015).
# CAMEO -> PLOVER (CAMEO2PLOVER-2021.txt, openeventdata/PLOVER): 01 -> null (a statement, no event),
#   02/10 -> REQUEST, 03 -> AGREE, 04 -> CONSULT, 05 -> SUPPORT, 06 -> COOPERATE, 07 -> AID,
#   080-083 -> CONCEDE (0813/0814 too, as PLOVER's gold records code them), 084-087 -> RETREAT, 09/11 -> ACCUSE, 12 -> REJECT,
#   13 -> THREATEN, 14 -> PROTEST, 15 -> MOBILIZE, 16 -> SANCTION (163 -> COERCE),
#   17 -> COERCE (1712, 175 -> ASSAULT), 18-20 -> ASSAULT (191, 192 -> COERCE).
# One JSON object a line (valid YAML; blocs reads the lines with json, the tests with yaml too).
# Each pattern: verb (lemma; the verb the CAMEO coders found it with, else every verb of its
#   synonym block), prt (particle), obj (object head lemmas), mods (modifiers the object must carry), prep + pobj
#   (a prepositional phrase on the verb), source/target (which slot holds them when not
#   subject/object), type (PLOVER, null = a statement, no event) and cameo (the code).
# The blocks' verb-level default codes are NOT imported: their WordNet synonym sets ("give",
#   "lead", "face", "want" ...) are far too broad to type a bare verb; data/plover_verbs.yaml does that.
# Dropped: patterns that are a bare preposition ("- * (TO)"), and those that name the subject's class
#   ("- &REFUGEE FROM + * IN $") with nothing after the verb but a particle: blocs does not check the class.
"""


if __name__ == "__main__":
    sys.stdout.write(dump(parse(open(sys.argv[1], encoding="utf-8").read())))
