"""Where goal cues are lost: cues the rules find against goals the stage emits, per story.

    python benchmarks/goal_drops.py [--published DATE] [--classes] [--words] FILE...

For each story: `cues` (cue matches of `goals.find`), `owned` (cues whose owner resolves to
an actor that is kept), `emitted` (goal records after de-duplication and the purpose-in-quote
filter) and the drops by reason:

  no-owner       no owner token at all (no subject or possessor up the clause chain)
  owner-no-actor an owner token that resolves to no actor (a common noun the article names
                 no actor for, an unresolved pronoun, a relative or demonstrative word)
  unnamed        an owner that resolves only to an onlooker ("officials", "analysts")

`--classes` adds, per dropped cue, only structural classes (rule name, the owner's part of
speech, tag and dependency, its determiner, the dependency chain from the anchor to the root),
never the story's words, so it can be run on held-out stories whose text must stay unread;
`--words` adds the owner word and the goal text (for stories one may read).
"""

from __future__ import annotations

import argparse
import collections
import sys
from typing import Optional

from spacy.tokens import Token

import blocs.pipeline as pipeline
from blocs import ingest
from blocs.context import span_text
from blocs.extract import goals as goals_stage
from blocs.extract.goals import owners


def _chain(tok: Token, depth: int = 8) -> str:
    """The dependency path from a cue's anchor up to the root, with "+S" where a subject hangs."""
    out = []
    for _ in range(depth):
        subj = any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
        out.append(f"{tok.pos_}/{tok.dep_}{'+S' if subj else ''}")
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return ">".join(out)


def _owner_class(owner: Optional[Token]) -> str:
    if owner is None:
        return "-"
    det = ",".join(c.lower_ for c in owner.children if c.dep_ == "det")
    return f"{owner.pos_}/{owner.tag_}/{owner.dep_} det={det or '-'}"


def drops(ctx, quotes, classes: bool, words: bool) -> tuple[collections.Counter, list[str]]:
    """Counts of cues, owned cues and drops by reason, and one line per dropped cue if asked."""
    index = goals_stage.QuoteIndex(goals_stage.quote_ranges(ctx, quotes or []))
    count: collections.Counter = collections.Counter()
    lines = []
    for cue, span, anchor, named, rule in goals_stage.find(ctx.doc):
        count["cues"] += 1
        owner = named if named is not None else owners.named_modifier(ctx, cue) or owners._owner(cue, anchor)
        found = owners._actors(ctx, owner, index.at(cue.idx), cue) or owners.collective_owner(ctx, owner)
        kept = [k for k in found if not owners.unnamed(ctx, k)]
        why = "owned" if kept else "no-owner" if owner is None else "unnamed" if found else "owner-no-actor"
        count[why] += 1
        if why == "owned":
            continue
        line = f"  {why:15s} {rule:20s}"
        if classes:
            line += f" owner={_owner_class(owner)} chain={_chain(anchor)}"
        if words:
            line += f" | {owner.text if owner is not None else '-'} | {span_text(span).strip()}"
        if classes or words:
            lines.append(line)
    return count, lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+")
    ap.add_argument("--published")
    ap.add_argument("--classes", action="store_true")
    ap.add_argument("--words", action="store_true")
    a = ap.parse_args()
    seen: dict = {}
    extract = goals_stage.extract

    def counting(ctx, quotes=None):
        out = extract(ctx, quotes)
        seen["count"], seen["lines"] = drops(ctx, quotes, a.classes, a.words)
        seen["count"]["emitted"] = len(out)
        return out

    pipeline.goals.extract = counting  # type: ignore[attr-defined]
    total: collections.Counter = collections.Counter()
    for path in a.files:
        for raw in ingest.read(path):
            if isinstance(raw, Exception):
                print(path, "unreadable:", raw, file=sys.stderr)
                continue
            pipeline.analyze(raw, published=a.published)
            total += seen["count"]
            print(path, dict(seen["count"]))
            for line in seen["lines"]:
                print(line)
    print("total", dict(total))


if __name__ == "__main__":
    main()
