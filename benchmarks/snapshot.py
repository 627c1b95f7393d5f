"""Write the analyses of a fixed set of texts to a folder, to check that a speed change
changes no output:

    python benchmarks/snapshot.py OUT [--articles 60]
    diff -r BEFORE OUT

The texts: every article of ../shared/realset (the .html where there is one, published on
the date in its file name), ../shared/gold/*.txt, and the first --articles stories of the
benchmark batch. One JSON file per story; no timing fields are written.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
SHARED = HERE.parent.parent / "shared"
if not SHARED.exists():
    SHARED = Path("/work/shared")
DATE = re.compile(r"(\d{4}-\d{2}-\d{2})$")


def shared_texts() -> list[tuple[str, Path, str | None]]:
    """(name, path, published) of each realset and gold article."""
    out = []
    for folder in ("realset", "gold"):
        for txt in sorted((SHARED / folder).glob("*.txt")):
            html = txt.with_suffix(".html")
            m = DATE.search(txt.stem)
            out.append((f"{folder}-{txt.stem}", html if html.exists() else txt, m.group(1) if m else None))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, default=60, help="benchmark stories to add (default 60)")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(HERE))
    from bench import make_batch, raw_documents

    from blocs import ingest
    from blocs.pipeline import analyze, analyze_many

    args.out.mkdir(parents=True, exist_ok=True)

    def write(name: str, result) -> None:
        data = result.model_dump(mode="json") if hasattr(result, "model_dump") else {"error": str(result)}
        (args.out / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n")

    for name, path, published in shared_texts():
        (raw,) = list(ingest.read(path))
        write(name, analyze(raw, published=published))
    stories = make_batch(args.articles)
    for story, result in zip(stories, analyze_many(raw_documents(stories))):
        write(story["id"], result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
