"""Fuzz and soak: thousands of odd stories through `blocs analyze` and `blocs corpus ingest`.

    python benchmarks/fuzz.py [--stories 10000] [--seed 1] [--phases analyze,ingest] [--json out.json]

Generates varied stories as one JSONL batch: real-style wire news (from the
benchmark templates) mutated in many ways, random Unicode, control
characters, one 12 kB sentence, right-to-left and mixed scripts, very long
articles, odd metadata. Then runs each phase as the real command in a fresh
process and counts:

  crashes     tracebacks, deaths by signal, `analysis failed ... please report` lines
  hangs       stories over the time budget (`timed out after`), or a phase killed by
              the overall watchdog
  schema      output records that fail the blocs/1 JSON schema or records.Analysis
  peak RSS    the child's ru_maxrss

and lists the ids of the stories behind every crash or hang. Not a timed test:
a full run takes a while; tests/test_robustness.py runs a small sample.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
from bench import make_article  # noqa: E402
from bench import TEMPLATES  # noqa: E402

# Script samples, written for this file (short, generic words and public names).
SCRIPTS = {
    "arabic": "قالت الحكومة إن القوات دخلت المدينة يوم الاثنين بعد قصف عنيف",
    "hebrew": "הממשלה אמרה כי הכוחות נכנסו לעיר ביום שני לאחר הפגזה",
    "persian": "دولت اعلام کرد که نیروها روز دوشنبه وارد شهر شدند",
    "russian": "Правительство заявило, что войска вошли в город в понедельник",
    "chinese": "政府表示，部队周一在猛烈炮击后进入该市",
    "hindi": "सरकार ने कहा कि सोमवार को भारी गोलाबारी के बाद सेना शहर में घुस गई",
    "amharic": "መንግስት ወታደሮቹ ሰኞ ወደ ከተማዋ መግባታቸውን ገልጿል",
    "greek": "Η κυβέρνηση δήλωσε ότι τα στρατεύματα μπήκαν στην πόλη τη Δευτέρα",
}
CONTROLS = [chr(c) for c in list(range(0, 9)) + [11, 12] + list(range(14, 32)) + [127]] + [
    "\u0085", "\u2028", "\u2029", "\u200b", "\u200e", "\u200f", "\u202a", "\u202b", "\u202e", "\u2066",
    "\ufeff", "\ufffd", "\u00ad", "\r"]
ODD_PUBLISHED = [None, "", "yesterday", "2024", "2024-13-40", "31/12/2023", 20240105, True, [2024], {"y": 1},
                 "0001-01-01", "9999-12-31", "2023-02-29", "Tue, 05 Mar 2024 10:00:00 GMT"]
BIG = 2**31


# -- stories -------------------------------------------------------------------

def random_unicode(rng: random.Random, n: int) -> str:
    out = []
    for _ in range(n):
        block = rng.choice([(0x20, 0x7e), (0xa0, 0x24f), (0x370, 0x3ff), (0x400, 0x4ff), (0x590, 0x6ff),
                            (0x900, 0x97f), (0x4e00, 0x4fff), (0x1f300, 0x1f6ff), (0x2000, 0x206f), (0xe000, 0xe0ff),
                            (0x10000, 0x1007f), (0x300, 0x36f)])
        out.append(chr(rng.randint(*block)))
        if rng.random() < 0.15:
            out.append(" ")
    return "".join(out)


def mutate(text: str, rng: random.Random) -> str:
    """One or more damaging edits of a real-style article."""
    for _ in range(rng.randint(1, 3)):
        kind = rng.randrange(14)
        if kind == 0:  # typos: deletions, insertions, swaps
            chars = list(text)
            for _ in range(max(1, len(chars) // 50)):
                i = rng.randrange(len(chars))
                chars[i:i + 1] = rng.choice([[], [chars[i], chars[i]], [rng.choice("xqz.,'\"-")]])
            text = "".join(chars)
        elif kind == 1:
            text = text.upper()
        elif kind == 2:
            text = text.lower()
        elif kind == 3:  # cut mid-word
            text = text[:rng.randrange(1, len(text))]
        elif kind == 4:  # shuffle sentences
            parts = re.split(r"(?<=[.!?])\s+", text)
            rng.shuffle(parts)
            text = " ".join(parts)
        elif kind == 5:  # no punctuation, no line breaks
            text = re.sub(r"[.,;:!?\"'\n]", " ", text)
        elif kind == 6:  # unbalanced quotes and brackets
            text = text.replace(".", rng.choice(['."', '. "', ' ("', "]."]), rng.randint(1, 5))
        elif kind == 7:
            text = f"<div><p>{text}</p><script>var x = '{text[:40]}';</script></div>"
        elif kind == 8:
            text = text.replace(" ", rng.choice(["  ", "\t", "\u00a0", "\n", " \u200b"]), rng.randint(3, 40))
        elif kind == 9:  # a paragraph repeated many times
            para = rng.choice(text.split("\n\n") or [text])
            text = (para + "\n\n") * rng.randint(5, 40) + text
        elif kind == 10:
            text = text.replace(" ", " " + rng.choice(CONTROLS), rng.randint(1, 20))
        elif kind == 11:  # dates, numbers, URLs and e-mail addresses in odd places
            bits = ["on 31 February", "in 0000", "on 2024-13-45", "https://example.org/a?b=c&d=%20",
                    "press@example.org", "12,345,678.90", "3/4/5", "10:61 GMT", "1e309", "#hashtag", "@handle"]
            words = text.split(" ")
            for _ in range(rng.randint(1, 8)):
                words.insert(rng.randrange(len(words) + 1), rng.choice(bits))
            text = " ".join(words)
        elif kind == 12:  # another script inside the English
            words = text.split(" ")
            words.insert(rng.randrange(len(words) + 1), rng.choice(list(SCRIPTS.values())))
            text = " ".join(words)
        else:  # markdown, bullets and tables
            text = "# " + text.replace("\n\n", "\n\n- ", 3) + "\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    return text


def twelve_kb_sentence(rng: random.Random, t: dict, article: str) -> str:
    words = re.findall(r"[A-Za-z']+", article)
    out, n = [], 0
    while n < 12_000:
        chunk = " ".join(rng.sample(words, min(len(words), 12)))
        out.append(chunk)
        n += len(chunk) + 2
    return ", ".join(out) + "."


def long_article(rng: random.Random, t: dict, words: int, i: int) -> str:
    parts, n = [], 0
    while n < words:
        body = make_article(i * 1000 + len(parts), rng, t)["text"]
        parts.append(body)
        n += len(body.split())
    return "\n\n".join(parts)


def make_story(i: int, rng: random.Random, t: dict, long_words: int) -> dict:
    base = make_article(i, rng, t)
    paragraphs = base["text"].split("\n\n")
    text = "\n\n".join(paragraphs[:rng.choice([2, 3, 3, 4, 5, 8])])  # headline, dateline lead, a few more
    story = {"id": base["id"].replace("bench", "fuzz"), "published": base["published"], "text": text}
    kind = rng.choices(["real", "mutated", "unicode", "controls", "scripts", "tiny", "token", "odd-meta"],
                       [10, 45, 8, 8, 10, 7, 4, 8])[0]
    story["kind"] = kind
    if kind == "mutated":
        story["text"] = mutate(story["text"], rng)
    elif kind == "unicode":
        story["text"] = random_unicode(rng, rng.randint(1, 3000))
    elif kind == "controls":
        chars = list(story["text"])
        for _ in range(rng.randint(1, 60)):
            chars.insert(rng.randrange(len(chars) + 1), rng.choice(CONTROLS))
        story["text"] = "".join(chars)
    elif kind == "scripts":
        parts = story["text"].split("\n\n")
        for _ in range(rng.randint(1, 4)):
            parts.insert(rng.randrange(len(parts) + 1), " ".join(rng.sample(list(SCRIPTS.values()), 2)))
        if rng.random() < 0.3:
            parts = [rng.choice(list(SCRIPTS.values())) for _ in parts]  # no English at all
        story["text"] = "\n\n".join(parts)
    elif kind == "tiny":
        story["text"] = rng.choice(["", " ", "\n\n", ".", "Ukraine", "\"", "?!", "1", "(((((", "-- --",
                                    "Russia Russia Russia", "“”", "a" * rng.randint(1, 50)])
    elif kind == "token":
        story["text"] = rng.choice(["x", "Russia", "(", "\"", "--", "https://a.b/"]) * rng.randint(500, 5000)
    elif kind == "odd-meta":
        story["published"] = rng.choice(ODD_PUBLISHED)
        if rng.random() < 0.3:
            story["id"] = rng.choice(["dup", 7, "", "id with\nnewline", "𝕏"])
        story["title"] = rng.choice([None, "", "A\nB", "x" * 3000, 42])
    if i == 1:
        story["text"], story["kind"] = twelve_kb_sentence(rng, t, base["text"]), "12kB-sentence"
    elif i in (2, 3, 4):
        story["text"], story["kind"] = long_article(rng, t, long_words, i), "very-long"
    elif i == 5:
        story["text"], story["kind"] = "Peace talks \ud800 resumed in Doha \udfff on Monday.", "lone-surrogates"
    elif i == 6:
        story["text"], story["kind"] = "Washington says the militias that attacked the base are Iran-backed.", "issue-11"
    return story


def write_stories(path: Path, n: int, seed: int, long_words: int, start: int = 0) -> dict:
    """Stories start..n-1 of the set the seed gives (so shards of one set can run side by side)."""
    import yaml
    t = yaml.safe_load(TEMPLATES.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    kinds: dict = {}
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            story = make_story(i, rng, t, long_words)
            if i < start:
                continue
            kinds[story["kind"]] = kinds.get(story["kind"], 0) + 1
            out.write(json.dumps(story) + "\n")  # ensure_ascii: lone surrogates survive as \\ud800
    return kinds


# -- running -------------------------------------------------------------------

def run_command(args: list[str], watchdog: float) -> dict:
    """Run one phase; its peak RSS comes from wait4, and the watchdog kills a phase that never ends."""
    t0, killed = time.perf_counter(), False
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=err)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - t0 > watchdog:
                proc.kill()
                _, status, usage = os.wait4(proc.pid, 0)
                killed = True
                break
            time.sleep(0.5)
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return {"exit": proc.returncode, "killed_by_watchdog": killed, "seconds": round(time.perf_counter() - t0, 1),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1), "stderr": stderr}


def _stored(con):
    cur = con.execute("SELECT analysis FROM documents ORDER BY seq")
    while rows := cur.fetchmany(500):
        for (a,) in rows:
            yield json.loads(a)


def tally(stderr: str, exit_code: int, killed: bool) -> dict:
    lines = stderr.splitlines()
    crashes = [x for x in lines if "please report" in x]
    hangs = [x for x in lines if "timed out after" in x]
    return {"tracebacks": stderr.count("Traceback"), "crashes": len(crashes), "hangs": len(hangs) + killed,
            "killed_by_signal": int(exit_code is not None and exit_code < 0),
            "failed_lines": sum(1 for x in lines if x.startswith("blocs:") and "warning:" not in x),
            "warnings": sum(1 for x in lines if x.startswith("blocs: warning:")),
            "crash_lines": crashes[:50], "hang_lines": hangs[:50]}


def validate(records) -> tuple[int, int, list[str]]:
    """(records, schema violations, first messages) for blocs/1 JSON dicts."""
    import jsonschema
    from blocs.records import Analysis, load_schema
    validator = jsonschema.Draft202012Validator(load_schema())
    n, bad, notes = 0, 0, []
    for data in records:
        n += 1
        problems = [e.message for e in validator.iter_errors(data)][:1]
        try:
            Analysis.model_validate(data)
        except Exception as err:  # pydantic's ValidationError: note it, count it
            problems.append(str(err).splitlines()[0])
        if problems:
            bad += 1
            notes.append(f"{data.get('document', {}).get('id')}: {problems[0][:160]}")
    return n, bad, notes[:20]


def phase_analyze(blocs: str, batch: Path, tmp: Path, watchdog: float) -> dict:
    out = tmp / "fuzz.out.jsonl"
    res = run_command([blocs, "analyze", str(batch), "-o", str(out)], watchdog)
    path = out if out.exists() else out.with_name(out.name + ".partial")
    records = (json.loads(line) for line in open(path, encoding="utf-8")) if path.exists() else iter(())
    n, bad, notes = validate(records)
    return {**{k: v for k, v in res.items() if k != "stderr"}, **tally(res["stderr"], res["exit"], res["killed_by_watchdog"]),
            "written": n, "schema_violations": bad, "schema_notes": notes}


def phase_ingest(blocs: str, batch: Path, tmp: Path, watchdog: float) -> dict:
    db = tmp / "fuzz.duckdb"
    res = run_command([blocs, "corpus", "ingest", str(batch), "--db", str(db)], watchdog)
    import duckdb
    stored = 0
    if db.exists():
        con = duckdb.connect(str(db), read_only=True)
        stored = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        n, bad, notes = validate(_stored(con))
        con.close()
    else:
        n, bad, notes = 0, 0, []
    summary = res["stderr"].strip().splitlines()[-1:] or [""]
    return {**{k: v for k, v in res.items() if k != "stderr"}, **tally(res["stderr"], res["exit"], res["killed_by_watchdog"]),
            "stored": stored, "schema_violations": bad, "schema_notes": notes, "summary": summary[0]}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stories", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--long-words", type=int, default=20_000, help="words in each of the three very long articles")
    ap.add_argument("--start", type=int, default=0, help="run stories START..STORIES-1 of the set only (a shard)")
    ap.add_argument("--phases", default="analyze,ingest")
    ap.add_argument("--watchdog", type=float, default=6 * 3600, help="kill a phase after this many seconds")
    ap.add_argument("--blocs", default=str(Path(sys.executable).with_name("blocs")))
    ap.add_argument("--keep", type=Path, help="keep the batch and outputs in this directory")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        tmp = args.keep or Path(scratch)
        tmp.mkdir(parents=True, exist_ok=True)
        batch = tmp / "fuzz.jsonl"
        kinds = write_stories(batch, args.stories, args.seed, args.long_words, args.start)
        report = {"stories": args.stories - args.start, "first": args.start, "seed": args.seed, "kinds": kinds}
        print(json.dumps(report), flush=True)
        for phase in args.phases.split(","):
            fn = {"analyze": phase_analyze, "ingest": phase_ingest}[phase]
            report[phase] = fn(args.blocs, batch, tmp, args.watchdog)
            print(json.dumps({phase: report[phase]}), flush=True)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    bad = sum(report[p][k] for p in args.phases.split(",")
              for k in ("tracebacks", "crashes", "hangs", "killed_by_signal", "schema_violations"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
