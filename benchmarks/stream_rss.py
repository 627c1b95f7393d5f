"""Peak memory of `blocs analyze` on growing batches of short stories: it must not grow.

    python benchmarks/stream_rss.py [--sizes 100,1000,10000] [--json out.json]

Each batch is a JSONL file of short wire stories (a headline, a dateline lead
and two body sentences from benchmarks/articles.yaml), analysed by the real
command in a fresh process; peak RSS is the child's ru_maxrss (os.wait4).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
from bench import TEMPLATES, _fill  # noqa: E402


def short_story(i: int, rng: random.Random, t: dict) -> dict:
    sc = rng.choice(t["scenarios"])
    a, b = rng.sample(sc["actors"], 2)
    p, agency = rng.choice(sc["places"]), rng.choice(t["agencies"])
    parts = [_fill(x, rng, sc, a, b, p, agency) for x in [rng.choice(t["lead"])] + rng.sample(t["body"], 2)]
    year = rng.choice(sc["years"])
    return {"id": f"short-{i:06d}", "published": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "text": f"{_fill(rng.choice(t['headlines']), rng, sc, a, b, p, agency)}\n\n{p.upper()} ({agency}) - "
                    + " ".join(parts) + "\n"}


def write_batch(path: Path, n: int, seed: int = 11) -> int:
    templates = yaml.safe_load(TEMPLATES.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    words = 0
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            story = short_story(i, rng, templates)
            words += len(story["text"].split())
            out.write(json.dumps(story) + "\n")
    return words


def measure(n: int, blocs: str, tmp: Path) -> dict:
    batch, out = tmp / f"batch-{n}.jsonl", tmp / f"out-{n}.jsonl"
    words = write_batch(batch, n)
    t0 = time.perf_counter()
    proc = subprocess.Popen([blocs, "analyze", str(batch), "-o", str(out)], stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    errors = proc.stderr.read().decode("utf-8", "replace").count("blocs:")
    lines = sum(1 for _ in open(out, encoding="utf-8")) if out.exists() else 0
    return {"stories": n, "words": words, "written": lines, "errors": errors, "exit": os.waitstatus_to_exitcode(status),
            "seconds": round(seconds, 1), "peak_rss_mb": round(usage.ru_maxrss / 1024, 1)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--blocs", default=str(Path(sys.executable).with_name("blocs")))
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(x) for x in args.sizes.split(",")):
            rows.append(measure(n, args.blocs, Path(tmp)))
            print(json.dumps(rows[-1]), flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
