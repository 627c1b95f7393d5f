"""Stage CPU on a shared, noisy machine: each story is parsed once, then analysed --reps times,
and each stage's time per story is the least of its repetitions (another job's burst inflates
one repetition, not all of them):

    python benchmarks/stage_reps.py [--articles 60] [--reps 5]

The parse and cleaning are outside the figures. For an A/B of two versions, run the old one
(`git archive` into /tmp, PYTHONPATH=/tmp/old/src) and the new one at the same time, one per
core: both see the same load. `benchmarks/stages.py` gives the parse's share of the whole.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from bench import make_batch, raw_documents  # noqa: E402
from stages import instrument  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=60)
    ap.add_argument("--reps", type=int, default=5)
    args = ap.parse_args(argv)
    from spacy.tokens import Doc

    from blocs import nlp as nlp_mod
    from blocs import pipeline
    from blocs.clean import clean

    raws = raw_documents(make_batch(args.articles))
    nlp = nlp_mod.load()
    cleaned = [clean(r) for r in raws]
    parsed = [d.to_bytes() for d in nlp_mod.parse_many(nlp, [c.text for c in cleaned])]
    list(pipeline.analyze_many(raws[:4]))  # warm-up: tables loaded on first use
    spent: dict = defaultdict(float)
    instrument(spent, None)
    best: dict = defaultdict(lambda: [float("inf")] * len(raws))
    tokens = 0
    for rep in range(args.reps):
        for k, (raw, c, data) in enumerate(zip(raws, cleaned, parsed)):
            doc = Doc(nlp.vocab).from_bytes(data)  # a fresh doc: no arrays or tables kept from the last rep
            tokens += len(doc) if rep == 0 else 0
            spent.clear()
            pipeline._analyze_parsed(doc, raw, c, None)
            for name, sec in spent.items():
                best[name][k] = min(best[name][k], sec)
    names = [k for k in best if k not in ("story", "clean", "tokens")]
    total = sum(sum(best[k]) for k in names)
    print(f"{args.articles} articles, {tokens:,} tokens, least CPU of {args.reps} repetitions per story")
    for name in names + ["stages"]:
        sec = total if name == "stages" else sum(best[name])
        print(f"  {name:<18} {1000 * sec:8.1f} ms  {1e6 * sec / max(tokens, 1):6.1f} µs/token")
    return 0


if __name__ == "__main__":
    sys.exit(main())
