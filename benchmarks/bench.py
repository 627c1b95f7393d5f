"""Speed and memory of blocs on a batch of articles, next to the bare spaCy parse.

    python benchmarks/bench.py [--articles 300] [--json results.json]

Builds a batch of synthetic multi-paragraph news articles from
benchmarks/articles.yaml, then, each in a fresh process so that peak memory
belongs to one phase only (what one worker would use):

  spacy   the model as shipped, `nlp.pipe` over the cleaned texts
  parse   the same parse with the pipeline blocs loads (`blocs.nlp.load()`)
  full    `analyze_many` over the raw texts (clean, parse, every stage),
          the clean stage alone, knowledge-base and model load time,
          then the analyses written to a scratch DuckDB in batches.
  long    one article of --long-words words (50,000): the full analysis and the
          bare parse, CPU time per word against the batch's.

and, unless --no-whole, the whole processes: `blocs analyze` over a batch as
JSONL against a bare spaCy script over the same cleaned texts, start-up and
loading included (CPU time and peak RSS from `os.wait4`). That batch has
--whole-articles stories (1,000 by default, the size issue 11 sets its target on:
start-up weighs less there than on 300; the first stories are the same as the
phases' batch, same seed). The stage share is
the full analysis's CPU time beyond the blocs parse, over its total.

Prints a table and, with --json, writes the figures. Nothing here is
asserted by the tests; timing depends on the machine.
"""

from __future__ import annotations

import argparse
import calendar
import compileall
import json
import multiprocessing
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import yaml

HERE = Path(__file__).parent
TEMPLATES = HERE / "articles.yaml"
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


# -- the batch -----------------------------------------------------------------


def _fill(template: str, rng: random.Random, sc: dict, a: str, b: str, p: str, agency: str) -> str:
    others = [x for x in sc["actors"] if x not in (a, b)]
    leader = sc["leaders"].get(a) or f"A spokesman for {a}"
    text = template.format(
        a=a,
        b=b,
        c=rng.choice(others),
        p=p,
        q=rng.choice(sc["places"]),
        day=rng.choice(WEEKDAYS),
        n=rng.randint(2, 90),
        leader=leader,
        agency=agency,
    )
    return text[0].upper() + text[1:]


def make_article(i: int, rng: random.Random, t: dict) -> dict:
    """One story as a JSONL record: {id, published, text} of a few paragraphs."""
    sc = rng.choice(t["scenarios"])
    a, b = rng.sample(sc["actors"], 2)
    p = rng.choice(sc["places"])
    agency = rng.choice(t["agencies"])
    year, month = rng.choice(sc["years"]), rng.randint(1, 12)
    day = rng.randint(1, calendar.monthrange(year, month)[1])
    published = date(year, month, day)
    title = _fill(rng.choice(t["headlines"]), rng, sc, a, b, p, agency)
    lead = _fill(rng.choice(t["lead"]), rng, sc, a, b, p, agency)
    picked = rng.sample(t["body"], min(len(t["body"]), rng.randint(14, 22)))
    body = [_fill(template, rng, sc, a, b, p, agency) for template in picked]
    paragraphs = [f"{p.upper()}, {published:%B} {published.day} ({agency}) - {lead}"]
    paragraphs += [" ".join(body[k : k + 2]) for k in range(0, len(body), 2)]
    text = title + "\n\n" + "\n\n".join(paragraphs) + "\n"
    return {"id": f"bench-{sc['name']}-{i:05d}", "published": published.isoformat(), "text": text}


def make_batch(n: int, seed: int = 7) -> list[dict]:
    templates = yaml.safe_load(TEMPLATES.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    return [make_article(i, rng, templates) for i in range(n)]


def raw_documents(stories: list[dict]):
    from blocs.context import RawDocument

    return [
        RawDocument(
            text=s["text"],
            source=s["id"],
            kind="jsonl",
            meta={"id": s["id"], "published": s["published"]},
            meta_sources={"id": "input", "published": "input"},
        )
        for s in stories
    ]


# -- phases (each in its own process) ------------------------------------------


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def phase_spacy(stories: list[dict], batch_size: int) -> dict:
    """The bare parse: the model as shipped, no blocs components, over the cleaned text."""
    import spacy

    from blocs import nlp as nlp_mod
    from blocs.clean import clean

    texts = [clean(r).text for r in raw_documents(stories)]
    t0 = time.perf_counter()
    nlp = spacy.load(nlp_mod.MODEL)
    nlp.max_length = 3_000_000
    load = time.perf_counter() - t0
    for _ in nlp.pipe(texts[:4]):  # warm-up
        pass
    t0, c0 = time.perf_counter(), time.process_time()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size))
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {
        "load_s": load,
        "seconds": seconds,
        "cpu_s": cpu,
        "tokens": tokens,
        "words": sum(len(t.split()) for t in texts),
        "peak_rss_mb": peak_rss_mb(),
    }


def phase_parse(stories: list[dict], batch_size: int) -> dict:
    """The parse as blocs runs it (`blocs.nlp.load()`: paragraph breaks, indexed attribute
    ruler), no stage after it: full minus this is what the blocs stages cost."""
    from blocs import nlp as nlp_mod
    from blocs.clean import clean

    texts = [clean(r).text for r in raw_documents(stories)]
    nlp = nlp_mod.load()
    for _ in nlp.pipe(texts[:4]):  # warm-up
        pass
    t0, c0 = time.perf_counter(), time.process_time()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size))
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"seconds": seconds, "cpu_s": cpu, "tokens": tokens, "peak_rss_mb": peak_rss_mb()}


def phase_full(stories: list[dict], batch_size: int, store_batch: int) -> dict:
    """`analyze_many` end to end, the clean stage alone, load times, then DuckDB writes."""
    t0 = time.perf_counter()
    from blocs.kb import loader

    loader.load()
    kb_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    from blocs import nlp as nlp_mod

    nlp_mod.load()
    nlp_load = time.perf_counter() - t0
    from blocs.clean import clean
    from blocs.errors import BlocsError
    from blocs.pipeline import analyze_many

    raws = raw_documents(stories)
    t0 = time.perf_counter()
    list(analyze_many(raws[:4], batch_size=batch_size))  # warm-up: tables loaded on first use, first batch
    warmup = time.perf_counter() - t0
    t0 = time.perf_counter()
    words = sum(len(clean(r).text.split()) for r in raws)
    clean_s = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    results = list(analyze_many(raws, batch_size=batch_size))
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    rss = peak_rss_mb()
    good = [r for r in results if not isinstance(r, BlocsError)]
    counts = {k: sum(len(getattr(r, k)) for r in good) for k in ("actors", "relations", "events", "quotes", "places")}
    store = store_speed(good, store_batch)
    return {
        "kb_load_s": kb_load,
        "nlp_load_s": nlp_load,
        "warmup_s": warmup,
        "clean_s": clean_s,
        "seconds": seconds,
        "cpu_s": cpu,
        "words": words,
        "failed": len(results) - len(good),
        "peak_rss_mb": rss,
        "found": counts,
        "store": store,
        "peak_rss_after_store_mb": peak_rss_mb(),
    }


def store_speed(analyses: list, batch: int) -> dict:
    """Write the analyses to a scratch corpus database, one transaction per batch."""
    from blocs.store import ingest, schema

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        items = [(ingest.content_hash(r), a) for r, a in zip(raw_documents_of(analyses), analyses)]
        warm = schema.connect(Path(tmp) / "warm.duckdb")  # the first Arrow insert imports pandas: not ingest speed
        ingest.write_batch(warm, items[:1])
        warm.close()
        con = schema.connect(db)
        t0 = time.perf_counter()
        for k in range(0, len(items), batch):
            ingest.write_batch(con, items[k : k + batch])
        con.execute("CHECKPOINT")
        seconds = time.perf_counter() - t0
        stored = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        con.close()
        size = db.stat().st_size
    return {"seconds": seconds, "stored": stored, "batch": batch, "db_mb": size / 2**20}


def raw_documents_of(analyses: list):
    """Stand-in raw documents for hashing: the id and text of each analysis."""
    from blocs.context import RawDocument

    return [RawDocument(text=a.text, source=a.document.id, kind="jsonl", meta={"id": a.document.id}) for a in analyses]


def long_story(words: int, seed: int = 11) -> dict:
    """One article of about `words` words: the bodies of benchmark stories run together."""
    stories, paragraphs, n = make_batch(max(40, words // 250), seed=seed), [], 0
    for s in stories:
        for para in s["text"].split("\n\n")[1:]:
            paragraphs.append(para.strip())
            n += len(para.split())
        if n >= words:
            break
    return {
        "id": "bench-long",
        "published": stories[0]["published"],
        "text": "A long story\n\n" + "\n\n".join(paragraphs),
    }


def phase_long(stories: list[dict], batch_size: int) -> dict:
    """The long article: the full analysis and the bare spaCy parse, CPU time per word."""
    import spacy

    from blocs import nlp as nlp_mod
    from blocs.clean import clean
    from blocs.pipeline import analyze_many

    raws = raw_documents(stories)
    list(analyze_many(raw_documents(make_batch(4)), batch_size=batch_size))  # warm-up
    words = len(clean(raws[0]).text.split())
    c0 = time.process_time()
    list(analyze_many(raws, batch_size=batch_size))
    full = time.process_time() - c0
    bare = spacy.load(nlp_mod.MODEL)
    bare.max_length = 3_000_000
    text = clean(raws[0]).text
    list(bare.pipe([text[:2000]]))
    c0 = time.process_time()
    list(bare.pipe([text]))
    return {"words": words, "full_cpu_s": full, "spacy_cpu_s": time.process_time() - c0, "peak_rss_mb": peak_rss_mb()}


def _child(name: str, args: tuple, queue) -> None:
    try:
        phases = {"spacy": phase_spacy, "parse": phase_parse, "full": phase_full, "long": phase_long}
        queue.put(("ok", phases[name](*args)))
    except BaseException as err:  # report, do not hang the parent
        queue.put(("error", f"{type(err).__name__}: {err}"))


def run_phase(name: str, *args) -> dict:
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(name, args, queue))
    proc.start()
    status, value = queue.get()
    proc.join()
    if status != "ok":
        raise SystemExit(f"bench: phase {name} failed: {value}")
    return value


BARE_SCRIPT = """
import json, sys, spacy
nlp = spacy.load(sys.argv[1])
nlp.max_length = 3_000_000
texts = (json.loads(line)["text"] for line in open(sys.argv[2], encoding="utf-8"))
for doc in nlp.pipe(texts, batch_size=32):
    pass
"""


def whole_processes(stories: list[dict]) -> dict:
    """`blocs analyze` over the batch as JSONL, and a bare spaCy script parsing the same
    cleaned texts, each a whole process (start-up, loading, everything): CPU and wall time
    and peak RSS from `os.wait4`."""
    import blocs
    from blocs import nlp as nlp_mod
    from blocs.clean import clean

    # blocs' own bytecode, as an installed wheel has it (spaCy's is there already): with
    # PYTHONDONTWRITEBYTECODE set, an editable install recompiled its ~120 modules from
    # source in every process (~0.3 CPU s)
    compileall.compile_dir(Path(blocs.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        batch, cleaned, out = Path(tmp) / "batch.jsonl", Path(tmp) / "clean.jsonl", Path(tmp) / "out.jsonl"
        batch.write_text("".join(json.dumps(s) + "\n" for s in stories), encoding="utf-8")
        texts = [clean(r).text for r in raw_documents(stories)]
        cleaned.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
        blocs_cmd = [sys.executable, "-c", "from blocs.cli import app; app()", "analyze", str(batch), "-o", str(out)]
        return {
            "stories": len(stories),
            "spacy": _process([sys.executable, "-c", BARE_SCRIPT, nlp_mod.MODEL, str(cleaned)]),
            "full": _process(blocs_cmd),
        }


def _process(cmd: list[str]) -> dict:
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if status != 0:
        raise SystemExit(f"bench: {cmd[3:5]} failed: {err[-500:]}")
    return {
        "seconds": time.perf_counter() - t0,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_rss_mb": usage.ru_maxrss / 1024,
    }


# -- report --------------------------------------------------------------------


def best(runs: list[dict]) -> dict:
    """The fastest of several rounds (least disturbed by other load), with the highest peak memory seen."""
    top = dict(min(runs, key=lambda r: r["seconds"]))
    top["cpu_s"] = min(r["cpu_s"] for r in runs)
    top["peak_rss_mb"] = max(r["peak_rss_mb"] for r in runs)
    return top


def extra(full_r: dict, parse_r: dict, spacy_r: dict, whole: list[dict], long: list[dict]) -> dict:
    """Whole-process ratio, the share of the stages beyond the parse, the long article."""
    out: dict = {"stage_share_cpu": (full_r["cpu_s"] - parse_r["cpu_s"]) / full_r["cpu_s"]}
    if whole:
        w_full, w_spacy = best([w["full"] for w in whole]), best([w["spacy"] for w in whole])
        out["whole_process"] = {
            "stories": whole[0]["stories"],
            "full": w_full,
            "spacy": w_spacy,
            "ratio_cpu": w_spacy["cpu_s"] / w_full["cpu_s"],
            "ratio_wall": w_spacy["seconds"] / w_full["seconds"],
        }
    if long:
        top = min(long, key=lambda r: r["full_cpu_s"])
        per_word = top["full_cpu_s"] / top["words"]
        out["long"] = {
            "words": top["words"],
            "full_cpu_s": top["full_cpu_s"],
            "full_vs_batch_per_word": per_word / (full_r["cpu_s"] / full_r["words"]),
            "spacy_vs_batch_per_word": (min(r["spacy_cpu_s"] for r in long) / top["words"])
            / (spacy_r["cpu_s"] / spacy_r["words"]),
            "peak_rss_mb": max(r["peak_rss_mb"] for r in long),
        }
    return out


def summarize(
    n: int,
    spacy_runs: list[dict],
    full_runs: list[dict],
    parse_runs: list[dict],
    whole: list[dict] = (),
    long: list[dict] = (),
) -> dict:  # type: ignore[assignment]
    spacy_r, full_r, parse_r = best(spacy_runs), best(full_runs), best(parse_runs)
    words = full_r["words"]
    full_aps, spacy_aps = n / full_r["seconds"], n / spacy_r["seconds"]
    store = full_r["store"]
    return {
        "articles": n,
        "words": words,
        "words_per_article": round(words / n, 1),
        "rounds": len(full_runs),
        "spacy": {
            "articles_per_s": spacy_aps,
            "words_per_s": spacy_r["words"] / spacy_r["seconds"],
            "seconds": spacy_r["seconds"],
            "cpu_s": spacy_r["cpu_s"],
            "load_s": spacy_r["load_s"],
            "peak_rss_mb": spacy_r["peak_rss_mb"],
        },
        "full": {
            "articles_per_s": full_aps,
            "words_per_s": words / full_r["seconds"],
            "seconds": full_r["seconds"],
            "cpu_s": full_r["cpu_s"],
            "peak_rss_mb": full_r["peak_rss_mb"],
            "failed": full_r["failed"],
            "found": full_r["found"],
        },
        "parse": {"seconds": parse_r["seconds"], "cpu_s": parse_r["cpu_s"], "peak_rss_mb": parse_r["peak_rss_mb"]},
        "full_vs_spacy": full_aps / spacy_aps,
        "full_vs_spacy_cpu": spacy_r["cpu_s"] / full_r["cpu_s"],
        "full_vs_parse_cpu": parse_r["cpu_s"] / full_r["cpu_s"],
        "stages_cpu_s": full_r["cpu_s"] - parse_r["cpu_s"],
        "clean_share": full_r["clean_s"] / full_r["seconds"],
        "clean_s": full_r["clean_s"],
        "kb_load_s": full_r["kb_load_s"],
        "nlp_load_s": full_r["nlp_load_s"],
        "first_batch_s": full_r["warmup_s"],
        "duckdb": {
            "analyses_per_s": store["stored"] / store["seconds"],
            "seconds": store["seconds"],
            "stored": store["stored"],
            "batch": store["batch"],
            "db_mb": store["db_mb"],
            "peak_rss_mb": full_r["peak_rss_after_store_mb"],
        },
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": multiprocessing.cpu_count(),
            "load_avg": os.getloadavg(),
        },
        **extra(full_r, parse_r, spacy_r, list(whole), list(long)),
    }


def table(s: dict) -> str:
    rows = [
        ("articles / words", f"{s['articles']} / {s['words']} ({s['words_per_article']} words each)"),
        (
            "bare spaCy parse",
            f"{s['spacy']['articles_per_s']:.1f} articles/s, {s['spacy']['words_per_s']:,.0f} words/s, "
            f"peak RSS {s['spacy']['peak_rss_mb']:.0f} MB",
        ),
        (
            "full analysis",
            f"{s['full']['articles_per_s']:.1f} articles/s, {s['full']['words_per_s']:,.0f} words/s, "
            f"peak RSS {s['full']['peak_rss_mb']:.0f} MB",
        ),
        (
            "full / bare spaCy",
            f"{s['full_vs_spacy']:.2f}x by wall time, {s['full_vs_spacy_cpu']:.2f}x by CPU time "
            f"(best of {s['rounds']} rounds)",
        ),
        (
            "blocs parse alone",
            f"{s['parse']['cpu_s']:.1f} CPU s (bare model {s['spacy']['cpu_s']:.1f}); "
            f"full / this parse {s['full_vs_parse_cpu']:.2f}x by CPU, "
            f"clean + stages {s['stages_cpu_s']:.1f} CPU s",
        ),
        ("clean stage", f"{s['clean_s']:.2f} s, {100 * s['clean_share']:.1f}% of the full analysis"),
        (
            "load",
            f"knowledge base {s['kb_load_s']:.2f} s, spaCy + components {s['nlp_load_s']:.2f} s "
            f"(bare model {s['spacy']['load_s']:.2f} s), first 4 articles {s['first_batch_s']:.2f} s",
        ),
        (
            "DuckDB ingest",
            f"{s['duckdb']['analyses_per_s']:,.0f} analyses/s (batches of {s['duckdb']['batch']}, "
            f"{s['duckdb']['db_mb']:.1f} MB on disk)",
        ),
        ("found", ", ".join(f"{v} {k}" for k, v in s["full"]["found"].items())),
        ("stages beyond the parse", f"{100 * s['stage_share_cpu']:.1f}% of the full analysis's CPU time"),
    ]
    if "whole_process" in s:
        w = s["whole_process"]
        rows.append(
            (
                "whole processes",
                f"{w['stories']:,} stories: "
                f"blocs analyze {w['full']['cpu_s']:.1f} CPU s, {w['full']['peak_rss_mb']:.0f} MB; "
                f"bare spaCy script {w['spacy']['cpu_s']:.1f} CPU s, "
                f"{w['spacy']['peak_rss_mb']:.0f} MB: {w['ratio_cpu']:.2f}x by CPU, "
                f"{w['ratio_wall']:.2f}x by wall",
            )
        )
    if "long" in s:
        lg = s["long"]
        rows.append(
            (
                "long article",
                f"{lg['words']:,} words, {lg['full_cpu_s']:.1f} CPU s: "
                f"{lg['full_vs_batch_per_word']:.2f}x the batch's CPU per word "
                f"(bare spaCy {lg['spacy_vs_batch_per_word']:.2f}x), peak RSS "
                f"{lg['peak_rss_mb']:.0f} MB",
            )
        )
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=300, help="articles in the batch (default 300)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size")
    ap.add_argument("--store-batch", type=int, default=64, help="stories per DuckDB transaction")
    ap.add_argument("--rounds", type=int, default=1, help="run both phases this many times, keep the best")
    ap.add_argument("--long-words", type=int, default=50_000, help="words of the long article (0: skip it)")
    ap.add_argument("--no-whole", dest="whole", action="store_false", help="skip the whole-process comparison")
    ap.add_argument(
        "--whole-articles", type=int, default=1000, help="stories of the whole-process comparison (default 1,000)"
    )
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--write-batch", type=Path, help="also write the generated articles here as JSONL")
    args = ap.parse_args(argv)
    if args.articles < 1 or args.rounds < 1 or args.whole_articles < 1:
        ap.error("--articles, --whole-articles and --rounds must be at least 1")
    stories = make_batch(args.articles, args.seed)
    if args.write_batch:
        args.write_batch.write_text("".join(json.dumps(s) + "\n" for s in stories), encoding="utf-8")
    whole_stories = make_batch(args.whole_articles, args.seed) if args.whole else []
    spacy_runs, full_runs, parse_runs, whole, long = [], [], [], [], []
    for _ in range(args.rounds):  # alternate, so all phases see the same machine
        spacy_runs.append(run_phase("spacy", stories, args.batch_size))
        full_runs.append(run_phase("full", stories, args.batch_size, args.store_batch))
        parse_runs.append(run_phase("parse", stories, args.batch_size))
        if args.whole:
            whole.append(whole_processes(whole_stories))
        if args.long_words:
            long.append(run_phase("long", [long_story(args.long_words)], args.batch_size))
    summary = summarize(args.articles, spacy_runs, full_runs, parse_runs, whole, long)
    print(table(summary))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
