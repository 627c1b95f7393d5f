"""Where the CPU time of a full analysis goes, stage by stage, on the benchmark batch:

    python benchmarks/stages.py [--articles 150] [--profile 25] [--long 50000] [--sort cumulative]

Runs `analyze_many` over the batch of benchmarks/bench.py with each stage wrapped in a
CPU-time counter (`time.process_time`: other jobs on the machine do not count), and prints
CPU seconds and µs per token for cleaning, the parse, each stage and the rest of the
pipeline. The parse is what is left of the total once cleaning and the stages are taken
out. `--profile N` also runs cProfile over the stages alone (the parse is outside it) and
prints the N functions with the most own time. `--long WORDS` analyses one article of
that many words built from the batch, to compare its per-token stage cost.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from bench import long_story, make_batch, raw_documents  # noqa: E402

STAGES = (  # (module under blocs, function): what pipeline._analyze_parsed calls, in order
    ("extract.actors", "resolve"),
    ("extract.places", "resolve"),
    ("extract.events", "extract"),
    ("extract.quotes", "extract"),
    ("extract.goals", "extract"),
    ("extract.relations", "build"),
    ("extract.stance", "classify"),
    ("extract.actors", "finalize"),
    ("graph.blocs", "partition"),
)


PROFILING: list = []  # the profiler the stages run under, if any


def instrument(spent: dict, profiler: cProfile.Profile | None) -> None:
    """Wrap cleaning, each stage and the whole per-story analysis in CPU-time counters."""
    import importlib

    from blocs import pipeline

    def timed(name, fn, profile: bool):
        def run(*args, **kw):
            c0 = time.process_time()
            on = profile and bool(PROFILING)
            if on:
                PROFILING[0].enable()
            try:
                return fn(*args, **kw)
            finally:
                if on:
                    PROFILING[0].disable()
                spent[name] += time.process_time() - c0

        return run

    PROFILING[:] = [profiler] if profiler is not None else []
    for mod_name, fn_name in STAGES:
        mod = importlib.import_module(f"blocs.{mod_name}")
        label = f"{mod_name.rsplit('.', 1)[-1]}.{fn_name}"
        setattr(mod, fn_name, timed(label, getattr(mod, fn_name), True))
    pipeline.clean = timed("clean", pipeline.clean, False)  # type: ignore[attr-defined]
    story = timed("story", pipeline._analyze_one, False)

    def counted(doc, *args, **kw):
        spent["tokens"] += len(doc)
        return story(doc, *args, **kw)

    pipeline._analyze_one = counted  # type: ignore[attr-defined]


def run(stories: list[dict], spent: dict) -> tuple[dict, int]:
    from blocs.pipeline import analyze_many

    spent.clear()
    raws = raw_documents(stories)
    c0 = time.process_time()
    for _ in analyze_many(raws):
        pass
    spent["total"] = time.process_time() - c0
    tokens = int(spent.pop("tokens", 0))
    return dict(spent), tokens


def report(spent: dict, tokens: int, title: str) -> None:
    stages = sum(v for k, v in spent.items() if k not in ("clean", "story", "total"))
    other = spent["story"] - stages
    parse = spent["total"] - spent["clean"] - spent["story"]
    rows = [("clean", spent["clean"]), ("parse", parse)]
    rows += [(k, v) for k, v in spent.items() if k not in ("clean", "story", "total")]
    rows += [("rest of the pipeline", other), ("stages in all", spent["story"]), ("total", spent["total"])]
    print(f"\n{title}: {tokens:,} tokens, CPU time")
    for name, sec in rows:
        print(
            f"  {name:<22} {sec:8.2f} s  {1e6 * sec / max(tokens, 1):7.1f} µs/token  {100 * sec / spent['total']:5.1f} %"
        )
    print(
        f"  stage share beyond the parse (clean + stages) / total: {(spent['clean'] + spent['story']) / spent['total']:.1%}"
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=150)
    ap.add_argument("--profile", type=int, default=0, help="print the N functions with most own time in the stages")
    ap.add_argument("--long", type=int, default=0, help="also one article of about this many words")
    ap.add_argument("--sort", default="tottime", help="profile order: tottime (own time) or cumulative")
    ap.add_argument("--dump", type=Path, help="also write the raw profile to this file (for pstats)")
    args = ap.parse_args(argv)
    from blocs.pipeline import analyze_many

    stories = make_batch(args.articles)
    list(analyze_many(raw_documents(stories[:4])))  # warm-up: tables loaded on first use
    profiler = cProfile.Profile() if args.profile else None
    counters: dict = defaultdict(float)
    instrument(counters, profiler)
    spent, tokens = run(stories, counters)
    report(spent, tokens, f"{args.articles} benchmark articles")
    if profiler is not None:
        if args.dump:
            profiler.dump_stats(args.dump)
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.profile)
    if args.long:
        PROFILING.clear()  # the long article runs unprofiled
        spent, tokens = run([long_story(args.long)], counters)
        report(spent, tokens, "one long article")
    return 0


if __name__ == "__main__":
    sys.exit(main())
